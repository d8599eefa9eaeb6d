"""Applies amendments in sequence order; each yields a new version, none is mutated.

The history keeps every version and, for every change, what it did: the record that
redlines, blame and "deleted by" read, rather than guessing with a diff.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .address import describe_address, lineage
from .errors import AgreementError, ApplyFailed, ChangeError, InputError, TextEditError
from .model import Agreement, Amendment, Change, Unit
from .operations import Effect


class AppliedChange(NamedTuple):
    """One change as applied: its amendment, its instruction, and its effect."""

    amendment: Amendment
    change: Change
    effect: Effect
    before: Unit  # the root the change was applied to
    after: Unit  # the root it produced (sharing every unit it did not touch)


class Version(NamedTuple):
    """The agreement as amended through `amendment` (None: as originally signed)."""

    agreement: Agreement
    amendment: Amendment | None
    applied: tuple[AppliedChange, ...] = ()


class History(NamedTuple):
    versions: tuple[Version, ...]

    @property
    def original(self) -> Version:
        return self.versions[0]

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    @property
    def amendments(self) -> tuple[Amendment, ...]:
        return tuple(v.amendment for v in self.versions[1:] if v.amendment)

    def deleted_by(self, address: str) -> AppliedChange | None:
        """The change that last deleted the unit at `address`, if one did."""
        for version in reversed(self.versions):
            for applied in reversed(version.applied):
                if address in applied.effect.deleted:
                    return applied
        return None


def in_sequence(agreement: Agreement, amendments: Iterable[Amendment]) -> list[Amendment]:
    """The amendments in sequence order (never by date), checked to amend this agreement."""
    ordered = sorted(amendments, key=lambda a: a.sequence)
    seen: dict[int, Amendment] = {}
    ids: dict[str, Amendment] = {}
    carried = {w.id for w in agreement.amended_by}
    for a in ordered:
        if a.amends != agreement.id:
            raise InputError(
                f"this amendment amends {a.amends!r}, not this agreement ({agreement.id!r})",
                location=a.at("amends"),
                hint=f"set `amends: {agreement.id}`, or give the amendments of {a.amends!r} with their own agreement",
            )
        if a.id in carried:
            last = agreement.amended_by[-1]
            raise InputError(
                f"{a.title} is already worked into this agreement, a conformed copy that lists it under `amended_by`",
                location=a.at("id"),
                hint=f"leave it out: give only amendments that came after {last.name}, the last the copy carries",
            )
        if a.sequence in seen:
            first = seen[a.sequence].at("sequence")
            raise InputError(
                f"this amendment and {seen[a.sequence].file} both have sequence {a.sequence}",
                location=a.at("sequence"),
                hint="each amendment of one agreement needs its own sequence number"
                + (f" (the other is at {first})" if first else ""),
            )
        if a.id in ids:
            first = ids[a.id].at("id")
            raise InputError(
                f"this amendment and {ids[a.id].file} both have the id {a.id!r}",
                location=a.at("id"),
                hint="each amendment of one agreement needs its own id (--through and --from name them by it)"
                + (f"; the other is at {first}" if first else ""),
            )
        seen[a.sequence] = a
        ids[a.id] = a
    return ordered


def apply_change(
    agreement: Agreement, amendment: Amendment, change: Change, base: Unit | None = None
) -> tuple[Agreement, AppliedChange]:
    """One change on one version; ChangeError (with where and why) if it cannot be made exactly."""
    from .operations import REGISTRY

    op = REGISTRY[change.op]
    try:
        root, effect = op.apply(agreement.root, change.args, base)
    except (TextEditError, AgreementError) as e:
        args = change.args
        unit = args.get("unit") or args.get("after") or args.get("before") or args.get("into")
        if unit is None and "term" in args:
            unit = f"definition:{args['term']}"
        raise ChangeError(
            e.message,
            amendment=amendment.title,
            index=change.index,
            source=change.source,
            unit=describe_address(str(unit)) if unit else None,
            location=change.location,
            hint=e.hint,
            details=e.details,
        ) from None
    return agreement.with_root(root), AppliedChange(amendment, change, effect, agreement.root, root)


def apply(agreement: Agreement, amendments: Iterable[Amendment], *, keep_going: bool = False) -> History:
    """Every version from the original through the last amendment.

    On the first change that cannot be applied this raises ApplyFailed; with
    `keep_going` it goes on past failed changes to report them all, then raises.
    No version is ever returned from a run in which a change failed.
    """
    with lineage(agreement.root):
        history, failures = _apply(agreement, in_sequence(agreement, amendments), keep_going)
    if failures:
        raise ApplyFailed(failures)
    return history


def apply_all_possible(agreement: Agreement, amendments: Iterable[Amendment]) -> tuple[History, list[ChangeError]]:
    """Every change that can be applied, and the ones that cannot: for `check`, which
    reports on both. The history it returns is not a conformed copy when any failed."""
    with lineage(agreement.root):
        return _apply(agreement, in_sequence(agreement, amendments), True)


def _apply(agreement: Agreement, amendments: list[Amendment], keep_going: bool) -> tuple[History, list[ChangeError]]:
    versions = [Version(agreement, None)]
    failures: list[ChangeError] = []
    current = agreement
    for amendment in amendments:
        applied = []
        base = current.root
        for change in amendment.changes:
            try:
                current, record = apply_change(current, amendment, change, base)
            except ChangeError as e:
                if not keep_going:
                    raise ApplyFailed([e]) from None
                failures.append(e)
                continue
            applied.append(record)
        versions.append(Version(current, amendment, tuple(applied)))
    return History(tuple(versions)), failures
