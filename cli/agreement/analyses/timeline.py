"""An agreement's timeline: each amendment, what it changed, and a unit's lineage, read
from the engine's record of each change."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..address import by_place, find_unit
from ..engine import AppliedChange, History
from ..model import Amendment, Unit
from ..operations import REGISTRY
from ..printed import caption
from .lineage import makers


class Step(NamedTuple):
    """One change in a timeline: the instruction, what it does, the units it touched."""

    applied: AppliedChange
    summary: str
    units: tuple[str, ...]
    kind: str


class Entry(NamedTuple):
    amendment: Amendment
    counts: dict[str, int]  # units by kind of change: modified, added, deleted, reserved
    steps: tuple[Step, ...]


def _step(applied: AppliedChange) -> Step:
    effect = applied.effect
    return Step(applied, REGISTRY[applied.change.op].summary, effect.units, effect.kind)


def timeline(history: History) -> list[Entry]:
    """Each amendment in sequence order with the units it changed, counted per kind."""
    out = []
    for version in history.versions[1:]:
        assert version.amendment is not None
        counts: Counter[str] = Counter()
        for applied in version.applied:
            counts[applied.effect.kind] += len(applied.effect.units)
        out.append(Entry(version.amendment, dict(counts), tuple(_step(a) for a in version.applied)))
    return out


def _own(unit: Unit | None) -> tuple | None:
    return None if unit is None else (caption(unit), unit.text)


def _find(root: Unit, address: str) -> Unit | None:
    found = find_unit(root, address)
    return found[1] if found else None


def lineage(history: History, address: str) -> list[Step]:
    """The changes that wrote, rewrote or deleted the words of one unit, in order.

    A numbered unit is the unit at that number in every version (deleted and added
    again, it is one line of changes). A unit addressed by its place ("recitals[3]",
    "recitals(a)") is the unit there in the latest version that has one, followed back
    by identity through the changes that rebuilt it: a recital added before it moves it,
    but is not its change.
    """
    if by_place(address):
        return _followed(history, address)
    out = []
    for version in history.versions[1:]:
        for applied in version.applied:
            before, after = _find(applied.before, address), _find(applied.after, address)
            if before is after or _own(before) == _own(after):
                continue
            out.append(_changed(applied, address, before, after))
    return out


def _changed(applied: AppliedChange, address: str, before: Unit | None, after: Unit | None) -> Step:
    kind = "added" if before is None else "deleted" if after is None else applied.effect.kind
    return _step(applied)._replace(units=(address,), kind=kind)


def _followed(history: History, address: str) -> list[Step]:
    for version in reversed(history.versions):
        found = find_unit(version.agreement.root, address)
        if found is not None:
            break
    else:
        return []
    known = makers(history)
    # the latest version with a unit at this place may be an earlier one: then the unit
    # was amended after it, and deleted
    steps = [*reversed(known.back(found[1])), *known.ahead(found[1])]
    return [_changed(applied, address, s.before, s.after) for s, applied in steps if _own(s.before) != _own(s.after)]
