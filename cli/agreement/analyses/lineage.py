"""Lineage: the units each change rebuilt, so that a unit can be followed through the
changes by identity.

The engine shares every unit a change does not rebuild: a unit object of a version is
either one of the original agreement's or one that a change made. Following a unit
from change to change by identity, rather than by its address (which for recitals is a
place, and moves when one is added before it), is how the redline pairs a unit's
versions and how blame finds who wrote its words.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import is_not
from typing import TYPE_CHECKING, NamedTuple

from ..model import Path, Unit

if TYPE_CHECKING:
    from ..engine import AppliedChange, History


class Rebuilt(NamedTuple):
    """One unit a change rebuilt: the unit before and after it (None on the side where it
    did not exist), each with its path in the root it belongs to; `run_in` when it is a
    part run into its parent's paragraph, whose words print as the parent's."""

    before: Unit | None
    after: Unit | None
    before_path: Path | None
    after_path: Path | None
    run_in: bool = False

    @property
    def same_words(self) -> bool:
        """Rebuilt only because a part of it changed: its own words are shared."""
        a, b = self.before, self.after
        return (
            a is not None
            and b is not None
            and a.text is b.text
            and (a.number, a.heading, a.term, a.run_in) == (b.number, b.heading, b.term, b.run_in)
            and not a.run_in
        )


def rebuilt(before: Unit, after: Unit) -> list[Rebuilt]:
    """Every unit one change rebuilt, from the root down.

    Walks the two roots together, going down only where they differ: a change rebuilds
    just the units on its path and shares all others, so this costs the depth of the
    change, not the size of the agreement.
    """
    out: list[Rebuilt] = []

    def visit(a: Unit | None, b: Unit | None, a_path: Path | None, b_path: Path | None, run_in: bool) -> None:
        if a is b:
            return
        out.append(Rebuilt(a, b, a_path, b_path, run_in))
        inside = run_in or (a is not None and a.run_in) or (b is not None and b.run_in)
        a_kids = a.children if a is not None else ()
        b_kids = b.children if b is not None else ()
        for x, i, y, j in pair(a_kids, b_kids):
            visit(
                x,
                y,
                (*a_path, i) if x is not None and a_path is not None else None,
                (*b_path, j) if y is not None and b_path is not None else None,
                inside,
            )

    visit(before, after, (), (), False)
    return out


def rebuilt_by(applied: AppliedChange) -> list[Rebuilt]:
    """`rebuilt` of one applied change, worked out once (a redline follows its units
    through the changes, and blames some of them, which asks the same of every change).
    The list is shared: read it, do not change it."""
    known = _REBUILT.get(id(applied))
    if known is not None and known[0] is applied:
        return known[1]
    found = rebuilt(applied.before, applied.after)
    if len(_REBUILT) > 4096:  # each change kept keeps its versions: a few histories' worth (batch runs many)
        _REBUILT.clear()
    _REBUILT[id(applied)] = (applied, found)  # the change is kept, so its id is not reused meanwhile
    return found


_REBUILT: dict[int, tuple[AppliedChange, list[Rebuilt]]] = {}


def pair(old: tuple[Unit, ...], new: tuple[Unit, ...]) -> Iterator[tuple[Unit | None, int, Unit | None, int]]:
    """Children of the same parent in two versions that differ, paired with their places:
    the same object is left out; else the same number or term; else (unnumbered, as
    recitals) by place when none came or went."""
    if len(old) == len(new):
        # a change rebuilds the units on its path only: the others are the same objects,
        # and skipping them in C keeps a change to one of 600 sections from costing 600 steps
        for i in compress(range(len(old)), map(is_not, old, new)):
            yield old[i], i, new[i], i
        return
    new_at = dict(zip(map(id, new), range(len(new)), strict=True))  # (in C: a part added to one of 600 sections)
    old_ids = set(map(id, old))
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


class Makers(NamedTuple):
    """Over a whole history, by unit object id: the change that made each unit (and from
    which, where), and the change that removed each unit that a change took away."""

    made: dict[int, tuple[Rebuilt, AppliedChange]]
    removed: dict[int, tuple[Rebuilt, AppliedChange]]
    rebuilt_as: dict[int, Unit]  # a unit -> the unit a change rebuilt it as

    def ahead(self, unit: Unit) -> list[tuple[Rebuilt, AppliedChange]]:
        """The changes that rebuilt `unit` after it was made, oldest first, down to the one
        that removed it, if one did."""
        out: list[tuple[Rebuilt, AppliedChange]] = []
        while id(unit) in self.rebuilt_as:
            out.append(self.made[id(self.rebuilt_as[id(unit)])])
            unit = self.rebuilt_as[id(unit)]
        if id(unit) in self.removed:
            out.append(self.removed[id(unit)])
        return out

    def forward(self, unit: Unit) -> Unit | None:
        """`unit` as it stands after every change (None: a change removed it)."""
        steps = self.ahead(unit)
        return unit if not steps else steps[-1][0].after

    def back(self, unit: Unit | None) -> list[tuple[Rebuilt, AppliedChange]]:
        """The changes that rebuilt `unit`, newest first, back to the original agreement's
        own unit or to the change that added it."""
        out: list[tuple[Rebuilt, AppliedChange]] = []
        while unit is not None and id(unit) in self.made:
            out.append(self.made[id(unit)])
            unit = out[-1][0].before
        return out


def makers(history: History) -> Makers:
    """The Makers of a history, worked out once (check blames hundreds of its units)."""
    known = _MAKERS.get(id(history))
    if known is not None and known[0] is history:
        return known[1]
    found = Makers({}, {}, {})
    for version in history.versions[1:]:
        for applied in version.applied:
            for step in rebuilt_by(applied):
                if step.after is not None:
                    found.made[id(step.after)] = (step, applied)
                    if step.before is not None:
                        found.rebuilt_as[id(step.before)] = step.after
                elif step.before is not None:
                    found.removed[id(step.before)] = (step, applied)
    if len(_MAKERS) > 8:
        _MAKERS.clear()
    _MAKERS[id(history)] = (history, found)  # the history is kept, so no id in it is reused meanwhile
    return found


_MAKERS: dict[int, tuple[History, Makers]] = {}
