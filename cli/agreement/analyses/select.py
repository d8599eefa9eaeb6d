"""What a writer is given: the conformed copy, or one unit of it with its fate."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..address import address_of, parse, resolve
from ..engine import AppliedChange, History
from ..errors import NoSuchUnit
from ..model import Agreement, Amendment, NoteKind, ProvisionNote, Unit, at, long_date, walk
from ..text import citations


class ConformedCopy(NamedTuple):
    """An agreement version and the amendments worked into it, in order."""

    agreement: Agreement
    amendments: tuple[Amendment, ...]
    as_of: date | None = None  # the date the copy speaks of, when one was asked for
    notes: tuple | None = None  # annotate.annotated(): every block as pieces with notes
    footnotes: bool = False  # notes as numbered footnotes rather than in brackets
    through: str | None = None  # "Conformed through Amendment No. 1 ..." (annotated copies)


class UnitView(NamedTuple):
    """One unit as amended; `unit` is None when an amendment deleted it."""

    copy: ConformedCopy
    address: str
    unit: Unit | None
    deleted_by: AppliedChange | None = None


def conformed(history: History, as_of: date | None = None) -> ConformedCopy:
    return ConformedCopy(history.latest.agreement, history.amendments, as_of)


def select_unit(history: History, address: str, as_of: date | None = None) -> UnitView:
    """The unit at `address` in the latest version, or the record of its deletion."""
    copy = conformed(history, as_of)
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
    from ..operations.base import RESERVED  # not operations.units, which `show` does not run

    return UnitView(copy, canonical, unit, history.deleted_by(canonical) if unit.text == (RESERVED,) else None)


def version_index(history: History, spec: str) -> int:
    """The version a user names: "original", or an amendment's id, sequence number or
    file, meaning the agreement as amended through that amendment."""
    from pathlib import Path

    from ..errors import UsageError, suggest

    text = spec.strip()
    if text.casefold() in ("original", "base", "0"):
        return 0
    if text.casefold() in ("latest", "conformed"):
        return len(history.versions) - 1
    for i, version in enumerate(history.versions[1:], 1):
        a = version.amendment
        assert a is not None
        if text in (a.id, str(a.sequence)) or (
            Path(text).exists() and Path(a.file).exists() and Path(text).resolve() == Path(a.file).resolve()
        ):
            return i
    names = ["original", *(v.amendment.id for v in history.versions[1:] if v.amendment)]
    close = suggest(text, names, n=1)
    raise UsageError(
        f"no version {text!r}: name 'original', or an amendment by its id, sequence number or file",
        hint=f"did you mean {close[0]!r}?" if close else f"versions: {', '.join(names)}",
    )


def version_label(history: History, index: int) -> str:
    """How a version is named in a redline's header."""
    if index == 0:
        return history.original.agreement.as_read
    amendment = history.versions[index].amendment
    assert amendment is not None
    return f"as amended through {amendment.title}, dated as of {amendment.dated_in_words}"


def cut(history: History, through: str | None = None, as_of: date | None = None) -> History:
    """The history up to a point: through an amendment (id, number or file), or as of a
    date, when each amendment counts from its effective date (its date when it gives
    none). Amendments still apply in sequence order; one effective after the date is
    left out, even when a later one is in."""
    from ..errors import UsageError

    if through is not None and as_of is not None:
        raise UsageError("--through and --as-of each choose a version: give one", hint="--through amendment-no-1")
    if through is not None:
        return History(history.versions[: version_index(history, through) + 1])
    if as_of is None:
        return history
    signed = history.original.agreement.date
    if as_of < signed:
        raise UsageError(
            f"the agreement is dated as of {long_date(signed)}; on {long_date(as_of)} it had no text yet",
            hint="ask for a date on or after the agreement's",
        )
    keep = [a for a in history.amendments if (a.effective or a.date) <= as_of]
    if [a.id for a in keep] == [a.id for a in history.amendments[: len(keep)]]:
        return History(history.versions[: len(keep) + 1])
    from ..engine import apply

    return apply(history.original.agreement, keep)


def provisions_naming(view: UnitView) -> list[tuple[Amendment, ProvisionNote]]:
    """The provisions of the amendments in the copy that change no text but name this unit,
    its parts or the section that holds it ("Notwithstanding anything to the contrary in
    Section 3.2 ...", "Supplier waives the interest under Section 3.3"), or a term it
    defines ("the Territory shall include the State of Wyoming"): the words alone
    no longer tell the whole of what the section means, and a reader of one section must
    be told so."""
    address = view.address
    terms = {u.term for _, u in walk(view.unit) if u.term} if view.unit is not None else set()
    boilerplate = (NoteKind.RATIFICATION, NoteKind.COUNTERPARTS, NoteKind.GOVERNING_LAW)
    out = []
    for amendment in view.copy.amendments:
        for note in amendment.notes:
            if note.kind in boilerplate:
                continue
            named = [n for n, _ in citations(note.text)]  # "of the Agreement" is this one: no instrument set aside
            if any(n == address or n.startswith(f"{address}(") or address.startswith(f"{n}(") for n in named) or any(
                re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", note.text) for t in terms
            ):
                out.append((amendment, note))
    return out
