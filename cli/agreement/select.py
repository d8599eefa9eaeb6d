"""What a writer is given: the conformed copy, or one unit of it with its fate."""

from __future__ import annotations

from typing import NamedTuple

from .address import address_of, parse, resolve
from .engine import AppliedChange, History
from .errors import NoSuchUnit
from .model import Agreement, Amendment, Unit, at


class ConformedCopy(NamedTuple):
    """An agreement version and the amendments worked into it, in order."""

    agreement: Agreement
    amendments: tuple[Amendment, ...]


class UnitView(NamedTuple):
    """One unit as amended; `unit` is None when an amendment deleted it."""

    copy: ConformedCopy
    address: str
    unit: Unit | None
    deleted_by: AppliedChange | None = None


def conformed(history: History) -> ConformedCopy:
    return ConformedCopy(history.latest.agreement, history.amendments)


def select_unit(history: History, address: str) -> UnitView:
    """The unit at `address` in the latest version, or the record of its deletion."""
    copy = conformed(history)
    root = copy.agreement.root
    addr = parse(address)
    try:
        path = resolve(root, addr)
    except NoSuchUnit:
        for version in history.versions:
            try:
                canonical = address_of(version.agreement.root, resolve(version.agreement.root, addr))
            except NoSuchUnit:
                continue
            deleted = history.deleted_by(canonical)
            if deleted:
                return UnitView(copy, canonical, None, deleted)
        raise
    unit = at(root, path)
    canonical = address_of(root, path)
    return UnitView(copy, canonical, unit, history.deleted_by(canonical) if unit.text == ("[Reserved]",) else None)
