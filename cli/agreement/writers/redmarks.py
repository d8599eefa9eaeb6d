"""What the redline writers share: who made a change, said the way a lawyer cites it."""

from __future__ import annotations

from typing import NamedTuple

from ..address import describe_address
from ..engine import AppliedChange
from ..redline import DELETE, EQUAL, INSERT, Segment, UnitRedline


def cite_run(run: Run) -> str:
    return cite_all(run.changes)


def cite(applied: AppliedChange) -> str:
    """'Amendment No. 1 to Securities Exchange Agreement, Section 3(a)'."""
    src = applied.change.source
    return f"{applied.amendment.title}, {src}" if src else f"{applied.amendment.title}, change {applied.change.index}"


def cite_all(changes: tuple[AppliedChange, ...]) -> str:
    """Changes grouped by amendment: 'Amendment No. 1 ..., Section 3(a), Section 3(b)'."""
    groups: dict[int, list[AppliedChange]] = {}
    for c in changes:
        groups.setdefault(id(c.amendment), []).append(c)
    parts = []
    for group in groups.values():
        sources = [c.change.source or f"change {c.change.index}" for c in group]
        parts.append(f"{group[0].amendment.title}, {', '.join(dict.fromkeys(sources))}")
    return "; ".join(parts)


def where(unit: UnitRedline) -> str:
    """'Section 13.4', 'the definition of "NOTES"', with what happened to it."""
    name = describe_address(unit.address)
    if unit.status == "added":
        return f"{name} (added)"
    if unit.status == "deleted":
        return f"{name} (deleted)"
    return name


class Run(NamedTuple):
    """What a reader sees at one place: words kept, deleted, inserted, or replaced
    (deleted words with new ones in their place), and the instructions responsible."""

    op: str  # "equal", "delete", "insert", "replace"
    old: str
    new: str
    deleted_by: AppliedChange | None = None
    inserted_by: AppliedChange | None = None
    also: tuple[AppliedChange, ...] = ()  # further changes whose words the run joins (marks())

    @property
    def changes(self) -> tuple[AppliedChange, ...]:
        found = [c for c in (self.deleted_by, self.inserted_by, *self.also) if c is not None]
        return tuple({id(c): c for c in found}.values())


def runs(segments: tuple[Segment, ...]) -> list[Run]:
    """Segments as a reader sees them: each deletion directly followed by an insertion is
    one replacement."""
    out: list[Run] = []
    i = 0
    while i < len(segments):
        s = segments[i]
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if s.op == EQUAL:
            out.append(Run(EQUAL, s.text, s.text))
        elif s.op == DELETE and nxt is not None and nxt.op == INSERT:
            out.append(Run("replace", s.text, nxt.text, s.change, nxt.change))
            i += 1
        elif s.op == DELETE:
            out.append(Run(DELETE, s.text, "", s.change, None))
        else:
            out.append(Run(INSERT, "", s.text, None, s.change))
        i += 1
    return out


def marks(segments: tuple[Segment, ...]) -> list[Run]:
    """Segments as marks: every stretch of edits between unchanged words is one run, a
    deletion, an insertion or a replacement, whichever changes wrote its words (a reader
    of "{+... an executed+}{+ counterpart+}{+ thereof ...+}" sees three insertions where
    there is one). `changes` names every change in it, in the order of its words."""
    out: list[Run] = []
    stretch: list[Segment] = []
    for seg in [*segments, Segment(EQUAL, "")]:
        if seg.op != EQUAL:
            stretch.append(seg)
            continue
        if stretch:
            old = "".join(x.text for x in stretch if x.op == DELETE)
            new = "".join(x.text for x in stretch if x.op == INSERT)
            dels = [x.change for x in stretch if x.op == DELETE and x.change is not None]
            ins = [x.change for x in stretch if x.op == INSERT and x.change is not None]
            op = "replace" if old and new else DELETE if old else INSERT
            every = tuple({id(c): c for c in (*dels, *ins)}.values())
            out.append(Run(op, old, new, dels[0] if dels else None, ins[0] if ins else None, every))
            stretch = []
        if seg.text:
            out.append(Run(EQUAL, seg.text, seg.text))
    return out


def _sides(segments: tuple[Segment, ...]) -> tuple[str, str]:
    old = "".join(x.text for x in segments if x.op != INSERT)
    new = "".join(x.text for x in segments if x.op != DELETE)
    return old, new


def parts(unit: UnitRedline) -> list[tuple[Segment, str]]:
    """The unit's segments tagged "caption", "joint" or "body", as printed: the caption and
    the body are joined by a space on each side that has both (so a space the older
    version had and the newer has not is deleted with them)."""
    out: list[tuple[Segment, str]] = [(x, "caption") for x in unit.caption]
    (old_c, new_c), (old_b, new_b) = _sides(unit.caption), _sides(unit.body)
    before, after = bool(old_c and old_b), bool(new_c and new_b)
    if before or after:
        op = EQUAL if before and after else DELETE if before else INSERT
        change = None if op == EQUAL else (unit.changes[0] if unit.changes else None)
        out.append((Segment(op, " ", change), "joint"))
    out += [(x, "body") for x in unit.body]
    return out


def joined(unit: UnitRedline) -> tuple[Segment, ...]:
    """Caption and body as one run of segments, as printed; neighbouring segments of the
    same kind by the same change are merged."""
    out: list[Segment] = []
    for seg, _ in parts(unit):
        if out and out[-1].op == seg.op and out[-1].change is seg.change:
            out[-1] = out[-1]._replace(text=out[-1].text + seg.text)
        else:
            out.append(seg)
    return tuple(out)
