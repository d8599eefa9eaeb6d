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
from typing import NamedTuple

from ..address import address_of, address_step, by_place, find_unit, finished_address, resolve
from ..engine import AppliedChange, History
from ..errors import NoSuchUnit
from ..model import Kind, Path, Unit, at, walk
from ..operations import WRITES_WHOLE_UNIT
from ..printed import blocks, part_depth
from ..text import WHOLE, common_end, common_start, token_at
from .lineage import rebuilt_by

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = re.compile(rf"\n\n|(?:(?!\n\n)\s)*(?:{WHOLE}|\w+|[^\w\s])|\s+")
"""A paragraph break; or a word, a mark of punctuation or a whole token (text.WHOLE: a
number, an amount, a date, a term in quotes) with the white space before it: spaces
never match on their own, so equal runs are words, and an edit after a word starts with
its space ("2005[- (the "NOTES")-] and")."""


class Segment(NamedTuple):
    """A run of words that is unchanged, deleted or inserted, with the change that did it."""

    op: str
    text: str
    change: AppliedChange | None = None


class UnitRedline(NamedTuple):
    """One unit's difference, over its caption ("13.4 AMENDMENTS AND WAIVERS.") and its
    body (its paragraphs, separated by a blank line, "\n\n"; sub-units are units of
    their own unless they run on in the unit's paragraph).

    `status` is "modified", "added", "deleted", "reserved" (deleted, its number left
    with "[Reserved]") or "unchanged".
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
    """(address, path, unit, depth) of every unit printed as its own block, in order (the
    addresses named on the way down, a step at a time, rather than each from the root)."""

    def visit(
        unit: Unit, path: Path, depth: int, inside_run_in: bool, named: tuple[str, bool]
    ) -> Iterator[tuple[str, Path, Unit, int]]:
        if _shown(unit, inside_run_in):
            yield finished_address(root, path, named[0]), path, unit, depth
        for i, child in enumerate(unit.children):
            yield from visit(
                child,
                (*path, i),
                part_depth(unit, child, depth),
                inside_run_in or unit.run_in,
                address_step(*named, child, i),
            )

    yield from visit(root, (), 0, False, ("", False))


# --- each unit followed through the changes ---------------------------------------------


class Step(NamedTuple):
    """A change that altered a unit's words: the unit's (caption, body) before and after
    it, and whether the change wrote them all anew (it added, deleted, restated or
    reserved the unit, or a unit the unit is part of)."""

    applied: AppliedChange
    before: tuple[str, str]
    after: tuple[str, str]
    whole: bool


class _Chains(NamedTuple):
    """Each unit followed through the changes by identity, not by address (recitals are
    addressed by place, and adding one moves the others): `last` maps a unit of the
    newer version to (the unit of the older version it grew from, or None where a change
    added it; the changes that altered its words), `gone` a unit of the older version
    to the changes down to the one that deleted it or moved it away."""

    last: dict[int, tuple[int | None, list[Step]]]
    gone: dict[int, list[Step]]

    def steps(self, a: Unit | None, b: Unit | None) -> list[Step]:
        """The changes that made `b` (newer) of `a` (older): for a unit deleted and one
        added again at the same address, the deletion's changes, then the addition's."""
        if b is not None and id(b) in self.last:
            origin, steps = self.last[id(b)]
            if a is None or origin == id(a):
                return steps
            return [*self.gone.get(id(a), []), *steps]
        return self.gone.get(id(a), []) if a is not None else []

    def origin(self, b: Unit) -> int | None:
        """The id of the older version's unit that `b` grew from (b's own where no change rebuilt it)."""
        return self.last[id(b)][0] if id(b) in self.last else id(b)


def _rewritten(applied: AppliedChange) -> Path | None:
    """The path of the unit a change wrote anew (restated or reserved, with its parts), if any.
    A unit a change added or deleted has no words on the other side: those need no path."""
    if applied.change.op not in WRITES_WHOLE_UNIT or applied.effect.kind not in ("modified", "reserved"):
        return None
    found = find_unit(applied.after, applied.effect.units[0]) if applied.effect.units else None
    return found[0] if found is not None else None


def _chains(history: History, old: int, new: int) -> _Chains:
    # every unit object a change reads is the one an earlier change made (or one of the
    # older version): the engine shares what it does not rebuild
    last: dict[int, tuple[int | None, list[Step]]] = {}
    gone: dict[int, list[Step]] = {}
    for version in history.versions[old + 1 : new + 1]:
        for applied in version.applied:
            target = _rewritten(applied)
            for unit in rebuilt_by(applied):
                a, b = unit.before, unit.after
                origin, steps = last.pop(id(a), (id(a), [])) if a is not None else (None, [])
                shown = _shown(b if b is not None else a, unit.run_in)
                if shown and not unit.same_words and parts(a) != parts(b):
                    whole = (
                        a is None
                        or b is None
                        or (
                            target is not None
                            and unit.after_path is not None
                            and unit.after_path[: len(target)] == target
                        )
                    )
                    steps.append(Step(applied, parts(a), parts(b), whole))
                if b is not None:
                    last[id(b)] = (origin, steps)
                elif origin is not None:
                    gone[origin] = steps
    for origin, steps in last.values():
        if origin is not None:
            gone.setdefault(origin, steps)  # moved: an older unit at an address the newer lacks
    return _Chains(last, gone)


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
    if not old or not new:  # written anew, or taken away: one run, as the alignment below finds it
        return [(INSERT, new)] if new else [(DELETE, old)]
    return _aligned(old, new)


def _aligned(old: str, new: str) -> list[tuple[str, str]]:
    """diff_words of two texts that differ, aligned token by token."""
    start = _head(old, new)
    tail = _tail(old, new, start)
    out: list[tuple[str, str]] = []
    _append(out, EQUAL, old[:start])
    a, b = tokens(old[start : len(old) - tail]), tokens(new[start : len(new) - tail])
    i = j = 0
    for op, n in diff_tokens(a, b):
        if op == INSERT:
            _append(out, op, "".join(b[j : j + n]))
            j += n
        else:  # equal runs are read from the older text, as their words are the same
            _append(out, op, "".join(a[i : i + n]))
            i += n
            j += n if op == EQUAL else 0
    _append(out, EQUAL, old[len(old) - tail :])
    return _shared_space(_slide(_first_words(out)))


def _append(runs: list[tuple[str, str]], op: str, text: str) -> None:
    """Add a run, joined to the last one when it is of the same kind; no empty runs."""
    if not text:
        return
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))


def _first_words(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A word deleted or inserted at the start of a paragraph, shown as just that word.

    A token carries the space before it, and a paragraph's first word has none: deleting
    "Bravo" from "Bravo carta" leaves "carta", a token unlike " carta", and the diff
    reads "[-Bravo carta-]{+carta+}". Where one side of such a replacement ends with the
    whole other side after a space, the replacement is the words before that space:
    "[-Bravo -]carta".
    """
    out = list(runs)
    for i in range(len(out) - 1):
        (op1, t1), (op2, t2) = out[i], out[i + 1]
        if {op1, op2} != {DELETE, INSERT} or not (i == 0 or out[i - 1][0] == EQUAL and out[i - 1][1].endswith("\n")):
            continue
        longer, shorter, op = (t1, t2, op1) if len(t1) > len(t2) else (t2, t1, op2)
        cut = len(longer) - len(shorter)
        if shorter and longer.endswith(shorter) and longer[cut - 1].isspace() and not shorter[0].isspace():
            out[i], out[i + 1] = (op, longer[:cut]), (EQUAL, shorter)
    merged: list[tuple[str, str]] = []
    for op, text in out:
        _append(merged, op, text)
    return merged


def _shared_space(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A replacement whose two sides begin with the same white space keeps it unchanged
    before them: "Section [-8.3-]{+8.4+}", not "Section[- 8.3-]{+ 8.4+}"."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(runs):
        op, text = runs[i]
        if i + 1 < len(runs) and {op, runs[i + 1][0]} == {DELETE, INSERT}:
            other = runs[i + 1][1]
            n = 0
            while n < min(len(text), len(other)) - 1 and text[n] == other[n] and text[n].isspace():
                n += 1
            _append(out, EQUAL, text[:n])
            out.append((op, text[n:]))
            out.append((runs[i + 1][0], other[n:]))
            i += 2
            continue
        _append(out, op, text)
        i += 1
    return out


def _slide(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each lone insertion or deletion between unchanged words, moved to where its edges
    read best, when the same words repeat on either side of it and so could stand on
    either: an inserted sentence keeps its own period ("thereto.{+ Notwithstanding ...
    hereof.+}", not "thereto{+. Notwithstanding ... hereof+}."), an inserted parenthetical
    begins with its space. Edges are scored as diff-match-patch's semantic cleanup scores
    them, on the real words: the end of the text, a blank line, a line break, the end of a
    sentence, a space, a mark, in that order."""
    out = list(runs)
    i = -1
    while i + 1 < len(out):
        i += 1
        op, edit = out[i]
        if op == EQUAL:
            continue
        before = out[i - 1][1] if i > 0 and out[i - 1][0] == EQUAL else None
        after = out[i + 1][1] if i + 1 < len(out) and out[i + 1][0] == EQUAL else None
        lone = (i == 0 or before is not None) and (i + 1 == len(out) or after is not None)
        if not lone or (before is None and after is None):
            continue
        x, y = before or "", after or ""
        best = (_edge(x, edit) + _edge(edit, y), x, edit, y)
        words = tokens(edit)
        for k in range(1, len(words) + 1):  # to the left: the edit's last words are the ones before it
            moved = "".join(words[-k:])
            cut = len(x) - len(moved)
            if not x.endswith(moved) or not _boundary(x, cut) or (cut == 0 and i > 1):
                break
            best = _better(best, x[:cut], moved + edit[: len(edit) - len(moved)], moved + y)
        for k in range(1, len(words) + 1):  # to the right: the edit's first words are the ones after it
            moved = "".join(words[:k])
            if not y.startswith(moved) or not _boundary(y, len(moved)) or (len(moved) == len(y) and i + 2 < len(out)):
                break
            best = _better(best, x + moved, edit[len(moved) :] + moved, y[len(moved) :])
        _, x, edit, y = best
        out[i] = (op, edit)
        if after is not None:
            out[i + 1] = (EQUAL, y)
        elif y:  # the edit ended the text: the words it moved past now end it
            out.append((EQUAL, y))
        if before is not None:
            out[i - 1] = (EQUAL, x)
        elif x:  # the edit began the text: the words it moved past now begin it
            out.insert(i, (EQUAL, x))
            i += 1
    return [(op, text) for op, text in out if text]


def _better(best: tuple[int, str, str, str], x: str, edit: str, y: str) -> tuple[int, str, str, str]:
    """The placement whose edges read better; on a tie, the one found first (the diff's own)."""
    score = _edge(x, edit) + _edge(edit, y)
    return (score, x, edit, y) if score > best[0] else best


def _edge(left: str, right: str) -> int:
    """How well an edit's edge reads between `left` and `right` (higher is better)."""
    if not left or not right:
        return 6
    a, b = left[-1], right[0]
    if left.endswith("\n\n") or right.startswith("\n\n"):
        return 5
    if a == "\n" or b == "\n":
        return 4
    if a in ".;:!?" and b.isspace():
        return 3
    if a.isspace() or b.isspace():
        return 2
    return 1 if not (a.isalnum() and b.isalnum()) else 0


def _boundary(text: str, k: int) -> bool:
    """May the texts be cut at `k` for the diff? At their ends; and after a word or a mark
    that white space follows ("dollars| per"), where a token ends whatever comes next.
    Cuts between a word and a mark ("dollars|.") are left to the diff itself, which so
    sees the period that closes a sentence and can keep it with the sentence. Never inside
    a whole token that holds a space ("January 30, 2003", "Required Holders" in quotes)."""
    if k <= 0 or k >= len(text):
        return True
    return text[k].isspace() and not text[k - 1].isspace() and token_at(text, k) is None


def _head(old: str, new: str) -> int:
    """The length of the texts' common beginning, cut back to a token boundary of both."""
    lo = common_start(old, new)
    if _boundary(old, lo) and _boundary(new, lo):
        return lo
    for k in range(lo - 1, 0, -1):  # old[:k + 1] is common, but a whole token may go on differently
        if _boundary(old, k) and _boundary(new, k):
            return k
    return 0


def _tail(old: str, new: str, start: int) -> int:
    """The length of the texts' common end after `start`, cut forward to a token boundary of both."""
    lo = common_end(old, new, min(len(old), len(new)) - start)
    if not lo:
        return 0
    first = len(old) - lo
    if _boundary(old, first) and _boundary(new, len(new) - lo):
        return lo
    for k in range(first + 1, len(old)):  # old[k - 1:] is common, but a whole token may begin differently
        if _boundary(old, k) and _boundary(new, len(new) - len(old) + k):
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
    a, b = set(map(str.strip, old)), set(map(str.strip, new))
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


def _track(steps: list[Step], part: int, old: str) -> tuple[list[tuple[int, int, AppliedChange]], list[_Span]]:
    """Follow words of one part (0: caption, 1: body) through the changes: the stretches
    of the older text each change deleted ((start, end, change), in the older text's
    characters), and the newer text as spans, each with the change that wrote it."""
    current = [_Span(old, 0, None)] if old else []
    deleted: list[tuple[int, int, AppliedChange]] = []

    def gone(spans: list[_Span], change: AppliedChange) -> None:
        deleted.extend((s.origin, s.origin + len(s.text), change) for s in spans if s.origin is not None)

    for step in steps:
        change, after = step.applied, step.after[part]
        if step.whole:  # every word written anew: nothing to align
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


def _segments(
    steps: list[Step], part: int, old_text: str, new_text: str, blamed: list[_Span] | None = None
) -> tuple[Segment, ...]:
    """One part of a unit (0: caption, 1: body) as segments, each edit credited to its change.

    Inserted words are credited as blame credits them (`blamed`: the newer text as spans,
    each with the change that wrote it), so that the redline and `show --blame` give one
    answer to "who wrote these words"; deleted words to the change that took them away,
    followed through the changes."""
    last = steps[-1].applied if steps else None
    runs = diff_words(old_text, new_text)
    if len(steps) <= 1:  # one change did it all: nothing to follow
        return _order([Segment(op, text, None if op == EQUAL else last) for op, text in runs])
    deleted, written = _track(steps, part, old_text)
    if blamed is not None and "".join(s.text for s in blamed) == new_text:
        made = {id(s.applied) for s in steps}
        written = [x if x.change is None or id(x.change) in made else x._replace(change=None) for x in blamed]
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
        else:  # the newer text's own words, each credited to the change whose span covers it
            k = 0
            for span in _take(written, at, len(text)):
                add(INSERT, text[k : k + len(span.text)], span.change or last)
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
    chains = _chains(history, old, new)
    old_list, new_list = list(_units(old_root)), list(_units(new_root))
    keys = _old_keys(old_list, new_list, chains)
    old_units = {keys[a]: (u, d, a) for a, _, u, d in old_list}
    new_units = {a: (u, d, a) for a, _, u, d in new_list}
    new_paths = {a: p for a, p, _, _ in new_list}
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
        chain = chains.steps(a, b)
        blamed: tuple[list[_Span] | None, list[_Span] | None] = (None, None)
        if len(chain) > 1 and b is not None:
            blamed = _blamed(history, new, new_paths[new_address], b)
        caption = _segments(chain, 0, old_caption, new_caption, blamed[0])
        body = _segments(chain, 1, old_body, new_body, blamed[1])
        status = _status(a, b, chain)
        changes = tuple({id(s.change): s.change for s in (*caption, *body) if s.change is not None}.values())
        out.append(UnitRedline(address, unit.kind, depth, status, caption, body, changes))
    return Redline(history, old, new, tuple(out))


def _blamed(history: History, version: int, path: Path, unit: Unit) -> tuple[list[_Span], list[_Span]]:
    """The unit's caption and body in `version` as blame credits them (blame.part_spans)."""
    from .blame import part_spans

    caption, body = part_spans(history, version, path, unit)
    return [_Span(s.text, None, s.change) for s in caption], [_Span(s.text, None, s.change) for s in body]


def _status(a: Unit | None, b: Unit | None, chain: list[Step]) -> str:
    """How the unit fared: "added", "deleted", "reserved" (deleted with its number left
    standing, "8.3 [Reserved]", by the last change that touched it) or "modified"."""
    if a is None:
        return "added"
    if b is None:
        return "deleted"
    last = chain[-1] if chain else None
    return "reserved" if last is not None and last.whole and last.applied.effect.kind == "reserved" else "modified"


_OLD = "\x00old"


def _old_keys(old_list: list, new_list: list, chains: _Chains) -> dict[str, str]:
    """Each older unit's key in the newer version's terms. A numbered unit keeps its
    address. A unit addressed by place (address.by_place) follows its unit through the
    changes, so that a recital added before another does not make that one "changed";
    where one change took some away and wrote others (the recitals restated all at once),
    those are paired by their words; a removed one keeps a key of its own."""
    keys = {a: a for a, _, _, _ in old_list}
    old_placed = [(a, u) for a, _, u, _ in old_list if by_place(a)]
    new_placed = [(a, u) for a, _, u, _ in new_list if by_place(a)]
    if not old_placed or not new_placed:
        return keys
    grew_into = {chains.origin(u): a for a, u in new_placed}
    matched = {a: grew_into[id(u)] for a, u in old_placed if id(u) in grew_into}
    taken = set(matched.values())
    # one change that took some away and wrote others (the recitals restated as a whole):
    # its units paired by their words
    removed: dict[int, list[tuple[str, Unit]]] = {}
    for a, u in old_placed:
        steps = chains.gone.get(id(u))
        if a not in matched and steps:
            removed.setdefault(id(steps[-1].applied), []).append((a, u))
    written: dict[int, list[tuple[str, Unit]]] = {}
    for a, u in new_placed:
        origin, steps = chains.last.get(id(u), (id(u), []))
        if a not in taken and origin is None and steps:
            written.setdefault(id(steps[0].applied), []).append((a, u))
    for change, rest_old in removed.items():
        rest_new = written.get(change, [])
        if not rest_new:
            continue
        from difflib import SequenceMatcher

        old_texts = [own_text(u) for _, u in rest_old]
        new_texts = [own_text(u) for _, u in rest_new]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_texts, new_texts, autojunk=False).get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    matched[rest_old[i1 + k][0]] = rest_new[j1 + k][0]
    taken = set(matched.values())
    new_addresses = {a for a, _ in new_placed}
    for a, _ in old_placed:
        keys[a] = matched.get(a) or (a if a not in taken and a not in new_addresses else a + _OLD)
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


def change_by_change(agreement, amendment) -> list[Redline]:
    """The redline of each change of `amendment` on its own, applied in turn to `agreement`
    (for the compiler's review: what each instruction did to its target)."""
    from ..engine import Version, apply_change
    from ..model import Agreement

    assert isinstance(agreement, Agreement)
    versions = [Version(agreement, None)]
    current = agreement
    base = agreement.root
    for change in amendment.changes:
        current, applied = apply_change(current, amendment, change, base)
        versions.append(Version(current, amendment, (applied,)))
    history = History(tuple(versions))
    return [redline(history, k, k + 1) for k in range(len(versions) - 1)]
