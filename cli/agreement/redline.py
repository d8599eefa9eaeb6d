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
from typing import NamedTuple

from .address import address_of
from .engine import AppliedChange, History
from .model import Kind, Path, Unit, walk
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
    """Units whose own text one change altered: address -> (old unit, new unit).

    Walks the two roots together, going down only where they differ: a change
    rebuilds just the units on its path, and shares all others.
    """
    out: dict[str, tuple[Unit | None, Unit | None]] = {}
    old_index = {id(u): (a, u) for a, _, u, _ in _shown_index(before)}
    new_index = {id(u): (a, u) for a, _, u, _ in _shown_index(after)}

    def pair(a: Unit | None, b: Unit | None) -> None:
        if a is b:
            return
        a_entry = old_index.get(id(a)) if a is not None else None
        b_entry = new_index.get(id(b)) if b is not None else None
        if (a_entry or b_entry) and own_text(a if a_entry else None) != own_text(b if b_entry else None):
            address = (b_entry or a_entry)[0]
            if a_entry and b_entry and a_entry[0] != b_entry[0]:
                out[a_entry[0]] = (a, None)
                out[b_entry[0]] = (None, b)
            else:
                out[address] = (a if a_entry else None, b if b_entry else None)
        if a is not None and b is not None and a.run_in and b.run_in:
            return  # run-in parts are words of their parent
        a_kids = a.children if a is not None else ()
        b_kids = b.children if b is not None else ()
        if len(a_kids) == len(b_kids):
            for x, y in zip(a_kids, b_kids, strict=True):
                if x is not y:
                    pair(x, y)
            return
        b_ids = {id(y) for y in b_kids}
        a_ids = {id(x) for x in a_kids}
        gone = [x for x in a_kids if id(x) not in b_ids]
        new = [y for y in b_kids if id(y) not in a_ids]
        by_key = {_key(y): y for y in new}
        for x in gone:
            y = by_key.pop(_key(x), None)
            pair(x, y)
        for y in by_key.values():
            pair(None, y)

    pair(before, after)
    return out


def _key(unit: Unit) -> tuple:
    return (unit.kind, unit.label, unit.term)


def _shown_index(root: Unit):
    """The printed units of a root; cached on the root's identity for the life of a redline."""
    cached = _INDEX.get(id(root))
    if cached is None or cached[0] is not root:
        cached = (root, list(_units(root)))
        _INDEX[id(root)] = cached
    return cached[1]


_INDEX: dict[int, tuple[Unit, list]] = {}


# --- word diff ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


CONFETTI = 4
"""An unchanged run of at most this many tokens (words or marks) between edits that
are longer than it is folded into them, so that a replaced phrase reads as one
deletion and one insertion; a longer unchanged run always stays unchanged."""


def diff_tokens(old: list[str], new: list[str]) -> list[tuple[str, int, int]]:
    """(op, count, 0) runs turning `old` into `new`, on whole tokens, without confetti."""
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}

    def encode(seq: list[str]) -> str:
        out = []
        for t in seq:
            c = table.get(t)
            if c is None:
                n = len(table)
                c = table[t] = chr(0xE000 + n) if n < 6400 else chr(0x10000 + n)
            out.append(c)
        return "".join(out)

    a, b = encode(old), encode(new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = [list(d) for d in dmp.diff_main(a, b, False)]
    _fold_confetti(diffs, dmp)
    ops = {0: EQUAL, -1: DELETE, 1: INSERT}
    return [(ops[op], len(chunk), 0) for op, chunk in diffs if chunk]


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
        nxt: list[tuple[str, int | None, AppliedChange | None]] = []
        i = j = 0
        for op, n, _ in diff_tokens([t for t, _, _ in current], new_tokens):
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
    deleted_by, written_by = _track(steps, old)
    last = steps[-1][0] if steps else None
    out: list[Segment] = []

    def add(op: str, text: str, change: AppliedChange | None) -> None:
        if out and out[-1].op == op and out[-1].change is change:
            out[-1] = out[-1]._replace(text=out[-1].text + text)
        else:
            out.append(Segment(op, text, change))

    i = j = 0
    for op, n, _ in diff_tokens(old, new):
        if op == EQUAL:
            add(EQUAL, "".join(new[j : j + n]), None)
            i += n
            j += n
        elif op == DELETE:
            for k in range(i, i + n):
                add(DELETE, old[k], deleted_by.get(k, last))
            i += n
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


def redline(history: History, old: int = 0, new: int | None = None, *, section: str | None = None) -> Redline:
    """The difference between versions `old` and `new` (indices into history.versions).

    With `section`, only that unit and its sub-units (addressed in either version).
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
    _INDEX.clear()
    old_units = {a: (u, d) for a, _, u, d in _units(old_root)}
    new_units = {a: (u, d) for a, _, u, d in _units(new_root)}
    order = _merge([a for a, _, _, _ in _units(old_root)], [a for a, _, _, _ in _units(new_root)])
    if section is not None:
        order = _within(order, section, old_root, new_root)
    out = []
    for address in order:
        a, da = old_units.get(address, (None, 0))
        b, db = new_units.get(address, (None, 0))
        unit = b if b is not None else a
        assert unit is not None
        depth = db if b is not None else da
        (old_caption, old_body), (new_caption, new_body) = parts(a), parts(b)
        if a is b or (old_caption, old_body) == (new_caption, new_body):
            out.append(UnitRedline(address, unit.kind, depth, "unchanged", _same(new_caption), _same(new_body), ()))
            continue
        chain = steps.get(address, [])
        caption = _segments([(c, x[0], y[0]) for c, x, y in chain], old_caption, new_caption)
        body = _segments([(c, x[1], y[1]) for c, x, y in chain], old_body, new_body)
        status = "added" if a is None else "deleted" if b is None else "modified"
        changes = tuple({id(s.change): s.change for s in (*caption, *body) if s.change is not None}.values())
        out.append(UnitRedline(address, unit.kind, depth, status, caption, body, changes))
    return Redline(history, old, new, tuple(out))


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


def _within(order: list[str], section: str, old_root: Unit, new_root: Unit) -> list[str]:
    from .address import resolve
    from .errors import NoSuchUnit

    inside: set[str] = set()
    found = False
    for root in (old_root, new_root):
        try:
            path = resolve(root, section)
        except NoSuchUnit:
            continue
        found = True
        base = path
        for sub_path, _ in walk(_at(root, base), base):
            inside.add(address_of(root, sub_path))
    if not found:
        resolve(new_root, section)  # raises with the hint
    return [a for a in order if a in inside]


def _at(root: Unit, path: Path) -> Unit:
    from .model import at

    return at(root, path)
