"""Redlines: what changed between two versions, word by word, and which change did it.

Units are aligned by address and only units that differ are diffed, so the cost
follows the number of changes, not the size of the agreement. Words are diffed with
diff-match-patch on tokens (words, spaces, punctuation), mapped to single characters
as its line mode maps lines, then cleaned up semantically: a replaced phrase shows
as one deletion and one insertion, and every edge falls on a word boundary.

Attribution replays the engine's record: every change keeps the root it was applied
to and the root it produced, and each unit's words are followed through the changes
that touched it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .address import address_of, resolve
from .engine import AppliedChange, History
from .errors import NoSuchUnit
from .model import Kind, Path, Unit, at, walk
from .operations import WRITES_WHOLE_UNIT
from .writers.blocks import blocks

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = re.compile(r"\n\n|(?:(?!\n\n)\s)*(?:\w+|[^\w\s])|\s+")
"""A paragraph break; or a word or a mark of punctuation with the white space before it:
spaces never match on their own, so equal runs are words, and an edit after a word
starts with its space ("2005[- (the "NOTES")-] and")."""


class Segment(NamedTuple):
    """A run of words that is unchanged, deleted or inserted, with the change that did it."""

    op: str
    text: str
    change: AppliedChange | None = None


class UnitRedline(NamedTuple):
    """One unit's difference, over its caption ("13.4 AMENDMENTS AND WAIVERS.") and its
    body (its paragraphs, separated by a blank line, "\n\n"; sub-units are units of
    their own unless they run on in the unit's paragraph).

    `status` is "modified", "added", "deleted" or "unchanged".
    """

    address: str
    kind: Kind
    depth: int
    status: str
    caption: tuple[Segment, ...]
    body: tuple[Segment, ...]
    changes: tuple[AppliedChange, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return (*self.caption, *self.body)

    @property
    def lines(self) -> bool:
        """Laid out by line (signature blocks), not as flowing paragraphs."""
        return self.kind is Kind.SIGNATURES


class Redline(NamedTuple):
    history: History
    old: int  # version indices into history.versions
    new: int
    units: tuple[UnitRedline, ...]

    @property
    def changed(self) -> tuple[UnitRedline, ...]:
        return tuple(u for u in self.units if u.status != "unchanged")

    @property
    def applied(self) -> tuple[AppliedChange, ...]:
        return tuple(a for v in self.history.versions[self.old + 1 : self.new + 1] for a in v.applied)


# --- own text -----------------------------------------------------------------


def parts(unit: Unit | None) -> tuple[str, str]:
    """A unit's caption and body as printed, without its sub-units (unless they run on)."""
    if unit is None:
        return "", ""
    known = _PARTS.get(id(unit))
    if known is not None and known[0] is unit:
        return known[1]
    found = _parts(unit)
    if len(_PARTS) > 50_000:
        _PARTS.clear()
    _PARTS[id(unit)] = (unit, found)  # the unit is kept, so its id is not reused meanwhile
    return found


_PARTS: dict[int, tuple[Unit, tuple[str, str]]] = {}


def _parts(unit: Unit) -> tuple[str, str]:
    own = unit if unit.run_in else unit._replace(children=())
    found = blocks(own)
    if not found:
        return "", ""
    return found[0].label, "\n\n".join(b.text for b in found)


def own_text(unit: Unit | None) -> str:
    caption, body = parts(unit)
    return f"{caption} {body}".strip() if caption else body


def _shown(unit: Unit, inside_run_in: bool) -> bool:
    """Is this unit a block of its own in print (not a container, not run into its parent)?"""
    return not inside_run_in and unit.kind not in (Kind.DOCUMENT, Kind.RECITALS)


def _units(root: Unit) -> Iterator[tuple[str, Path, Unit, int]]:
    """(address, path, unit, depth) of every unit printed as its own block, in order."""

    def visit(unit: Unit, path: Path, depth: int, inside_run_in: bool) -> Iterator[tuple[str, Path, Unit, int]]:
        if _shown(unit, inside_run_in):
            yield address_of(root, path), path, unit, depth
        child_depth = depth + 1 if unit.kind not in (Kind.DOCUMENT, Kind.RECITALS) else depth
        for i, child in enumerate(unit.children):
            yield from visit(child, (*path, i), child_depth, inside_run_in or unit.run_in)

    yield from visit(root, (), 0, False)


# --- which units a change touched ------------------------------------------------


def touched(before: Unit, after: Unit) -> dict[str, tuple[Unit | None, Unit | None]]:
    """Units whose printed words one change altered: address -> (old unit, new unit).

    Walks the two roots together, going down only where they differ: a change rebuilds
    just the units on its path and shares all others, so this costs the depth of the
    change, not the size of the agreement.
    """
    out: dict[str, tuple[Unit | None, Unit | None]] = {}

    def visit(a: Unit | None, b: Unit | None, a_path: Path | None, b_path: Path | None, inside: bool) -> None:
        if a is b:
            return
        unit = b if b is not None else a
        assert unit is not None
        same_words = (
            a is not None
            and b is not None
            and a.text is b.text
            and (a.number, a.heading, a.term, a.run_in) == (b.number, b.heading, b.term, b.run_in)
            and not a.run_in
        )  # a unit rebuilt only because a part of it changed: its own words are shared
        if _shown(unit, inside) and not same_words and parts(a) != parts(b):
            a_addr = address_of(before, a_path) if a is not None and a_path is not None else None
            b_addr = address_of(after, b_path) if b is not None and b_path is not None else None
            if a_addr and b_addr and a_addr != b_addr:
                out[a_addr] = (a, None)
                out[b_addr] = (None, b)
            else:
                out[a_addr or b_addr or ""] = (a, b)
        if (a is not None and a.run_in) or (b is not None and b.run_in) or inside:
            return  # parts run into a paragraph are words of their parent, compared above
        a_kids = a.children if a is not None else ()
        b_kids = b.children if b is not None else ()
        for x, i, y, j in _pair(a_kids, b_kids):
            visit(
                x,
                y,
                (*a_path, i) if x is not None and a_path is not None else None,
                (*b_path, j) if y is not None and b_path is not None else None,
                False,
            )

    visit(before, after, (), (), False)
    return out


def _pair(old: tuple[Unit, ...], new: tuple[Unit, ...]):
    """Children of the same parent in two versions, paired: the same object, else the same
    number or term, else (unnumbered, as recitals) by place when none came or went."""
    if len(old) == len(new):
        for i, (x, y) in enumerate(zip(old, new, strict=True)):
            if x is not y:
                yield x, i, y, i
        return
    new_at = {id(y): j for j, y in enumerate(new)}
    old_ids = {id(x) for x in old}
    gone = [(i, x) for i, x in enumerate(old) if id(x) not in new_at]
    came = {j: y for j, y in enumerate(new) if id(y) not in old_ids}
    by_key = {_key(y): j for j, y in came.items() if y.label is not None or y.term is not None}
    for i, x in gone:
        j = by_key.pop(_key(x), None) if (x.label is not None or x.term is not None) else None
        if j is not None:
            yield x, i, came.pop(j), j
        else:
            yield x, i, None, 0
    for j, y in came.items():
        yield None, 0, y, j


def _key(unit: Unit) -> tuple:
    return (unit.kind, unit.label, unit.term)


# --- word diff ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Texts recur across the steps of a redline (each change's after is the next one's before)."""
    return tuple(_TOKEN.findall(text))


CONFETTI = 4
"""An unchanged run of at most this many tokens (words or marks) between edits that
are longer than it is folded into them, so that a replaced phrase reads as one
deletion and one insertion; a longer unchanged run always stays unchanged."""


def diff_tokens(old: list[str], new: list[str]) -> list[tuple[str, int]]:
    """(op, count) runs turning `old` into `new`, on whole tokens, without confetti."""
    from diff_match_patch import diff_match_patch

    if old and new and _unrelated(old, new):
        # a text rewritten outright: a word-by-word alignment would only pair stray
        # "the"s and "of"s, and costs the square of the length to find
        return [(DELETE, len(old)), (INSERT, len(new))]
    # one private-use character per distinct token, as dmp's line mode does for lines
    table = {t: chr(0xE000 + n if n < 6400 else 0x10000 + n) for n, t in enumerate(dict.fromkeys([*old, *new]))}
    a, b = "".join(map(table.__getitem__, old)), "".join(map(table.__getitem__, new))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = [list(d) for d in dmp.diff_main(a, b, False)]
    _fold_confetti(diffs, dmp)
    ops = {0: EQUAL, -1: DELETE, 1: INSERT}
    return [(ops[op], len(chunk)) for op, chunk in diffs if chunk]


UNRELATED = 0.25
"""Below this share of words in common (distinct words, counted both ways), two texts
are shown as one deletion and one insertion rather than aligned word by word."""


def _unrelated(old: list[str], new: list[str]) -> bool:
    a, b = {t.strip() for t in old}, {t.strip() for t in new}
    common = len(a & b)
    return common < UNRELATED * min(len(a), len(b))


def _fold_confetti(diffs: list[list], dmp) -> None:
    """Semantic cleanup with a cap: short unchanged runs between longer edits join the edits
    (dmp's own cleanup would also swallow a whole unchanged sentence between two insertions)."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(diffs) - 1):
            op, text = diffs[k]
            if op != 0 or len(text) > CONFETTI:
                continue
            before = _edit_size(diffs, k, -1)
            after = _edit_size(diffs, k, 1)
            if before and after and len(text) <= before and len(text) <= after:
                diffs[k : k + 1] = [[-1, text], [1, text]]
                dmp.diff_cleanupMerge(diffs)
                changed = True
                break


def _edit_size(diffs: list[list], k: int, step: int) -> int:
    ins = dels = 0
    k += step
    while 0 <= k < len(diffs) and diffs[k][0] != 0:
        if diffs[k][0] == 1:
            ins += len(diffs[k][1])
        else:
            dels += len(diffs[k][1])
        k += step
    return max(ins, dels)


def _track(steps: list[tuple[AppliedChange, str, str]], old: list[str]) -> tuple[dict[int, AppliedChange], list]:
    """Follow words through the changes: who deleted each old word, who wrote each new one."""
    current: list[tuple[str, int | None, AppliedChange | None]] = [(t, i, None) for i, t in enumerate(old)]
    deleted_by: dict[int, AppliedChange] = {}
    for change, _, after in steps:
        new_tokens = tokens(after)
        if change.change.op in WRITES_WHOLE_UNIT:  # every word written anew: nothing to align
            for _, origin, _ in current:
                if origin is not None:
                    deleted_by[origin] = change
            current = [(t, None, change) for t in new_tokens]
            continue
        nxt: list[tuple[str, int | None, AppliedChange | None]] = []
        i = j = 0
        for op, n in diff_tokens([t for t, _, _ in current], new_tokens):
            if op == EQUAL:
                nxt.extend(current[i : i + n])
                i += n
                j += n
            elif op == DELETE:
                for _, origin, _ in current[i : i + n]:
                    if origin is not None:
                        deleted_by[origin] = change
                i += n
            else:
                nxt.extend((t, None, change) for t in new_tokens[j : j + n])
                j += n
        current = nxt
    return deleted_by, [prov for _, _, prov in current]


def _segments(steps: list[tuple[AppliedChange, str, str]], old_text: str, new_text: str) -> tuple[Segment, ...]:
    old, new = tokens(old_text), tokens(new_text)
    last = steps[-1][0] if steps else None
    if len(steps) <= 1:
        deleted_by: dict[int, AppliedChange] = {}  # one change did it all: nothing to follow
        written_by: list = []
    else:
        deleted_by, written_by = _track(steps, old)
    out: list[Segment] = []

    def add(op: str, text: str, change: AppliedChange | None) -> None:
        if out and out[-1].op == op and out[-1].change is change:
            out[-1] = out[-1]._replace(text=out[-1].text + text)
        else:
            out.append(Segment(op, text, change))

    i = j = 0
    for op, n in diff_tokens(old, new):
        if op == EQUAL:
            add(EQUAL, "".join(new[j : j + n]), None)
            i += n
            j += n
        elif op == DELETE:
            if not deleted_by:
                add(DELETE, "".join(old[i : i + n]), last)
            else:
                for k in range(i, i + n):
                    add(DELETE, old[k], deleted_by.get(k, last))
            i += n
        else:
            if not written_by:
                add(INSERT, "".join(new[j : j + n]), last)
            else:
                for k in range(j, j + n):
                    add(INSERT, new[k], written_by[k] if k < len(written_by) and written_by[k] else last)
            j += n
    return _order(out)


def _order(segments: list[Segment]) -> tuple[Segment, ...]:
    """Within each run of edits, deletions before insertions, as lawyers read a redline."""
    out: list[Segment] = []
    run: list[Segment] = []
    for seg in [*segments, Segment(EQUAL, "")]:
        if seg.op == EQUAL:
            out.extend(s for s in run if s.op == DELETE)
            out.extend(s for s in run if s.op == INSERT)
            run = []
            if seg.text:
                out.append(seg)
        else:
            run.append(seg)
    return tuple(out)


# --- the redline ---------------------------------------------------------------------------


def redline(
    history: History, old: int = 0, new: int | None = None, *, section: str | None = None, full: bool = False
) -> Redline:
    """The difference between versions `old` and `new` (indices into history.versions).

    With `section`, only that unit and its sub-units (addressed in either version); with
    `full`, the unchanged units too (for writers that print the whole document).
    """
    new = len(history.versions) - 1 if new is None else new
    if old > new:
        raise ValueError("the older version comes first")
    old_root = history.versions[old].agreement.root
    new_root = history.versions[new].agreement.root
    steps: dict[str, list[tuple[AppliedChange, tuple[str, str], tuple[str, str]]]] = {}
    for version in history.versions[old + 1 : new + 1]:
        for applied in version.applied:
            for address, (a, b) in touched(applied.before, applied.after).items():
                steps.setdefault(address, []).append((applied, parts(a), parts(b)))
    old_list, new_list = list(_units(old_root)), list(_units(new_root))
    keys = _old_keys(old_list, new_list)
    old_units = {keys[a]: (u, d, a) for a, _, u, d in old_list}
    new_units = {a: (u, d, a) for a, _, u, d in new_list}
    order = _merge([keys[a] for a, _, _, _ in old_list], [a for a, _, _, _ in new_list])
    if section is not None:
        inside = _within(section, old_root, new_root)
        order = [k for k in order if k.split(_OLD)[0] in inside]
    out = []
    for key in order:
        a, da, old_address = old_units.get(key, (None, 0, None))
        b, db, new_address = new_units.get(key, (None, 0, None))
        unit = b if b is not None else a
        assert unit is not None
        address = new_address or old_address or key
        depth = db if b is not None else da
        if a is b and not full:
            continue
        (old_caption, old_body), (new_caption, new_body) = parts(a), parts(b)
        if a is b or (old_caption, old_body) == (new_caption, new_body):
            if full:
                out.append(UnitRedline(address, unit.kind, depth, "unchanged", _same(new_caption), _same(new_body), ()))
            continue
        chain = steps.get(new_address or "", []) if b is not None else steps.get(old_address or "", [])
        caption = _segments([(c, x[0], y[0]) for c, x, y in chain], old_caption, new_caption)
        body = _segments([(c, x[1], y[1]) for c, x, y in chain], old_body, new_body)
        status = "added" if a is None else "deleted" if b is None else "modified"
        changes = tuple({id(s.change): s.change for s in (*caption, *body) if s.change is not None}.values())
        out.append(UnitRedline(address, unit.kind, depth, status, caption, body, changes))
    return Redline(history, old, new, tuple(out))


_OLD = "\x00old"


def _old_keys(old_list: list, new_list: list) -> dict[str, str]:
    """Each older unit's key in the newer version's terms. Numbered units keep their
    address; recitals, found by place, follow their words: a recital added before
    another does not make it "changed", and a deleted recital keeps a key of its own."""
    keys = {a: a for a, _, _, _ in old_list}
    old_recitals = [(a, u) for a, _, u, _ in old_list if u.kind is Kind.RECITAL and u.number is None]
    new_recitals = [(a, u) for a, _, u, _ in new_list if u.kind is Kind.RECITAL and u.number is None]
    if len(old_recitals) == len(new_recitals):
        return keys  # none came or went: recitals compare place by place
    from difflib import SequenceMatcher

    old_texts = [own_text(u) for _, u in old_recitals]
    new_texts = [own_text(u) for _, u in new_recitals]
    matched: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_texts, new_texts, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                matched[old_recitals[i1 + k][0]] = new_recitals[j1 + k][0]
    taken = set(matched.values())
    for a, _ in old_recitals:
        keys[a] = matched.get(a) or (a if a not in taken and a not in {x for x, _ in new_recitals} else a + _OLD)
    return keys


def _same(text: str) -> tuple[Segment, ...]:
    return (Segment(EQUAL, text),) if text else ()


def _merge(old: list[str], new: list[str]) -> list[str]:
    """Both versions' addresses in reading order: the newer's, with removed ones where they stood."""
    from difflib import SequenceMatcher

    out: list[str] = []
    seen: set[str] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            out.extend(a for a in old[i1:i2] if a not in seen and a not in new)
        if tag != "delete":
            out.extend(new[j1:j2])
        seen.update(out)
    return list(dict.fromkeys(out))


def _within(section: str, old_root: Unit, new_root: Unit) -> set[str]:
    """The addresses of a unit and its parts, in either version."""
    inside: set[str] = set()
    found = False
    for root in (old_root, new_root):
        try:
            path = resolve(root, section)
        except NoSuchUnit:
            continue
        found = True
        for sub_path, _ in walk(at(root, path), path):
            inside.add(address_of(root, sub_path))
    if not found:
        resolve(new_root, section)  # raises, with the closest addresses
    return inside
