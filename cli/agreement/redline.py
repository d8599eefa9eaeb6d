"""Redlines: what changed between two versions, word by word, and which change did it.

Units are aligned by address and only units that differ are diffed, so the cost
follows the number of changes, not the size of the agreement. Within a unit, the
common beginning and end are set aside on characters, and only the words between
them are diffed, with diff-match-patch on tokens (words, spaces, punctuation) mapped
to single characters as its line mode maps lines, then cleaned up semantically: a
replaced phrase shows as one deletion and one insertion, and every edge falls on a
word boundary.

Attribution replays the engine's record: every change keeps the root it was applied
to and the root it produced, and each unit's words are followed through the changes
that touched it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from operator import is_not
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
        # a change rebuilds the units on its path only: the others are the same objects,
        # and skipping them in C keeps a change to one of 600 sections from costing 600 steps
        for i in compress(range(len(old)), map(is_not, old, new)):
            yield old[i], i, new[i], i
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


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs turning `old` into `new`: equal runs and deletions read together
    give `old`, equal runs and insertions `new`; every edge falls between two tokens.

    The common beginning and end are found on characters and cut back to a place that
    is a token boundary in both texts (a mark or a word followed by white space): only
    the middle, where a change leaves a few words of a long paragraph, is tokenized and
    diffed, so the cost follows the size of the edit, not of the paragraph.
    """
    if old == new:
        return [(EQUAL, old)] if old else []
    start = _head(old, new)
    tail = _tail(old, new, start)
    out: list[tuple[str, str]] = []
    if start:
        out.append((EQUAL, old[:start]))
    a, b = tokens(old[start : len(old) - tail]), tokens(new[start : len(new) - tail])
    i = j = 0
    for op, n in diff_tokens(a, b):
        if op == EQUAL:
            piece = "".join(a[i : i + n])
            if out and out[-1][0] == EQUAL:
                piece = out.pop()[1] + piece
            out.append((EQUAL, piece))
            i += n
            j += n
        elif op == DELETE:
            out.append((DELETE, "".join(a[i : i + n])))
            i += n
        else:
            out.append((INSERT, "".join(b[j : j + n])))
            j += n
    if tail:
        piece = old[len(old) - tail :]
        if out and out[-1][0] == EQUAL:
            piece = out.pop()[1] + piece
        out.append((EQUAL, piece))
    return out


def _head(old: str, new: str) -> int:
    """The length of the texts' common beginning, cut back to a token boundary: the end
    of a word or mark that white space follows, in both texts alike."""
    lo, hi = 0, min(len(old), len(new))
    while lo < hi:  # the longest common prefix, by halving (slices compare in C)
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    # old[k] is still common (k < lo), so the boundary is one in `new` too
    for k in range(lo - 1, 0, -1):
        if old[k].isspace() and not old[k - 1].isspace():
            return k
    return 0


def _tail(old: str, new: str, start: int) -> int:
    """The length of the texts' common end after `start`, cut forward to a token boundary."""
    lo, hi = 0, min(len(old), len(new)) - start
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    # (the texts differ, so at least one of them still has words after `start`)
    # the cut needs a common word or mark before it, so it begins one past the common end
    for k in range(len(old) - lo + 1, len(old)):
        if old[k].isspace() and not old[k - 1].isspace():
            return len(old) - k
    return 0


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
    diffs = _matched(a, b, dmp)
    _fold_confetti(diffs, dmp)
    ops = {0: EQUAL, -1: DELETE, 1: INSERT}
    return [(ops[op], len(chunk)) for op, chunk in diffs if chunk]


def _matched(a: str, b: str, dmp) -> list[list]:
    """dmp's diff of two token strings, worked out on the tokens found in both.

    A token that one text has and the other lacks is an edit in every shortest diff, so
    setting such tokens aside keeps the diff shortest (as GNU diff sets aside lines found
    in one file only), and a long text restated in a few words, which shares only its
    "the"s and "shall"s with them, costs its length rather than its square.
    """
    in_a, in_b = set(a), set(b)
    keep_a = [i for i, c in enumerate(a) if c in in_b]
    keep_b = [j for j, c in enumerate(b) if c in in_a]
    if len(keep_a) == len(a) and len(keep_b) == len(b):
        return [list(d) for d in dmp.diff_main(a, b, False)]
    out: list[list] = []
    i = j = x = y = 0  # places in a and b, and in their shared tokens
    for op, chunk in dmp.diff_main("".join(a[k] for k in keep_a), "".join(b[k] for k in keep_b), False):
        for _ in chunk:
            if op == 0:  # the tokens each text has only for itself before a shared one go
                if keep_a[x] > i:
                    out.append([-1, a[i : keep_a[x]]])
                if keep_b[y] > j:
                    out.append([1, b[j : keep_b[y]]])
                out.append([0, a[keep_a[x]]])
                i, j, x, y = keep_a[x] + 1, keep_b[y] + 1, x + 1, y + 1
            elif op == -1:
                out.append([-1, a[i : keep_a[x] + 1]])
                i, x = keep_a[x] + 1, x + 1
            else:
                out.append([1, b[j : keep_b[y] + 1]])
                j, y = keep_b[y] + 1, y + 1
    if i < len(a):
        out.append([-1, a[i:]])
    if j < len(b):
        out.append([1, b[j:]])
    dmp.diff_cleanupMerge(out)
    return out


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


class _Span(NamedTuple):
    """A stretch of a unit's current words: where it stood in the older text (None when
    a change wrote it) and the change that wrote it."""

    text: str
    origin: int | None
    change: AppliedChange | None


def _take(spans: list[_Span], at: list[int], size: int) -> list[_Span]:
    """The next `size` characters of `spans`, from the place `at` ([span, offset]) on."""
    out: list[_Span] = []
    while size > 0 and at[0] < len(spans):
        span = spans[at[0]]
        offset = at[1]
        n = min(size, len(span.text) - offset)
        origin = span.origin + offset if span.origin is not None else None
        out.append(_Span(span.text[offset : offset + n], origin, span.change))
        size -= n
        if offset + n == len(span.text):
            at[0], at[1] = at[0] + 1, 0
        else:
            at[1] = offset + n
    return out


def _track(
    steps: list[tuple[AppliedChange, str, str]], old: str
) -> tuple[list[tuple[int, int, AppliedChange]], list[_Span]]:
    """Follow words through the changes: the stretches of the older text each change
    deleted ((start, end, change), in the older text's characters), and the newer text
    as spans, each with the change that wrote it."""
    current = [_Span(old, 0, None)] if old else []
    deleted: list[tuple[int, int, AppliedChange]] = []

    def gone(spans: list[_Span], change: AppliedChange) -> None:
        deleted.extend((s.origin, s.origin + len(s.text), change) for s in spans if s.origin is not None)

    for change, _, after in steps:
        if change.change.op in WRITES_WHOLE_UNIT:  # every word written anew: nothing to align
            gone(current, change)
            current = [_Span(after, None, change)] if after else []
            continue
        at = [0, 0]
        nxt: list[_Span] = []
        for op, text in diff_words("".join(s.text for s in current), after):
            if op == EQUAL:
                nxt.extend(_take(current, at, len(text)))
            elif op == DELETE:
                gone(_take(current, at, len(text)), change)
            else:
                nxt.append(_Span(text, None, change))
        current = nxt
    deleted.sort(key=lambda d: d[0])
    return deleted, current


def _segments(steps: list[tuple[AppliedChange, str, str]], old_text: str, new_text: str) -> tuple[Segment, ...]:
    last = steps[-1][0] if steps else None
    runs = diff_words(old_text, new_text)
    if len(steps) <= 1:  # one change did it all: nothing to follow
        return _order([Segment(op, text, None if op == EQUAL else last) for op, text in runs])
    deleted, written = _track(steps, old_text)
    out: list[Segment] = []

    def add(op: str, text: str, change: AppliedChange | None) -> None:
        if out and out[-1].op == op and out[-1].change is change:
            out[-1] = out[-1]._replace(text=out[-1].text + text)
        else:
            out.append(Segment(op, text, change))

    i = 0  # where the older text is read
    at = [0, 0]  # where the newer text's spans are read
    for op, text in runs:
        if op == EQUAL:
            add(EQUAL, text, None)
            _take(written, at, len(text))
            i += len(text)
        elif op == DELETE:
            for start, end, change in _split(deleted, i, i + len(text)):
                add(DELETE, old_text[start:end], change or last)
            i += len(text)
        else:
            k = 0
            for span in _take(written, at, len(text)):
                add(INSERT, span.text, span.change or last)
                k += len(span.text)
            if k < len(text):  # the changes' words fell short of the newer text
                add(INSERT, text[k:], last)
    return _order(out)


def _split(
    deleted: list[tuple[int, int, AppliedChange]], start: int, end: int
) -> Iterator[tuple[int, int, AppliedChange | None]]:
    """The stretch start..end of the older text, cut where the change that deleted it changes
    (None where no change is known to have deleted it)."""
    from bisect import bisect_right

    k = max(bisect_right(deleted, start, key=lambda d: d[0]) - 1, 0)
    at = start
    while at < end:
        while k < len(deleted) and deleted[k][1] <= at:
            k += 1
        if k < len(deleted) and deleted[k][0] <= at:
            stop = min(deleted[k][1], end)
            yield at, stop, deleted[k][2]
        else:
            stop = min(deleted[k][0], end) if k < len(deleted) else end
            yield at, stop, None
        at = stop


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
    """Both versions' addresses in reading order: the newer's, with each removed one where
    it stood, right after the last address before it that both versions have."""
    kept = set(new)
    removed_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for address in old:
        if address in kept:
            anchor = address
        else:
            removed_after.setdefault(anchor, []).append(address)
    out = list(removed_after.get(None, ()))
    for address in new:
        out.append(address)
        out.extend(removed_after.get(address, ()))
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
