"""Before applying: every change resolves its unit and words exactly once when it applies;
a change aimed at a unit an earlier amendment deleted; two amendments editing the same
words."""

from __future__ import annotations

from collections.abc import Iterator

from ..address import describe_address, find_unit, parse
from ..analyses.blame import blame_unit
from ..analyses.lineage import makers
from ..model import Kind, Unit
from ..text import fold_plain
from . import ERROR, WARNING, Context, Finding, finding

ANCHORED = ("words", "after", "before")


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    for failure in context.failures:
        unit = _deleted_target(context, failure)
        if unit is not None:
            address, applied = unit
            yield finding(
                ERROR,
                "change-on-deleted-unit",
                f"change {failure.index} ({failure.source}) of {failure.amendment} is aimed at "
                f"{describe_address(address)}, which {applied.amendment.title}, {applied.change.source}, deleted",
                failure.location,
                failure.amendment,
                "check which unit the instruction means as the agreement now stands",
            )
            continue
        yield finding(
            ERROR,
            "change-failed",
            failure.headline().split(": ", 1)[-1] if failure.location else failure.headline(),
            failure.location,
            failure.amendment,
            failure.hint,
        )
    blames: dict = {}
    numbers: dict = {}
    for version in history.versions[1:]:
        for applied in version.applied:
            yield from _overlaps(history, applied, blames, numbers)


def _deleted_target(context: Context, failure):
    if failure.unit is None:
        return None
    for version in context.history.versions:
        for applied in version.applied:
            for address in applied.effect.deleted:
                if describe_address(address) == failure.unit:
                    return address, applied
    return None


def _lacks_section(root: Unit, address: str, memo: dict) -> bool:
    """Whether `address` names a section by a number no section of this version has: a
    change adding a section, asked for the section as it found it. The answer without
    looking the address up, which for a number not there reads the whole version.

    A section named by its number alone is the section the change added, which
    add_unit adds only where no section of the version has its number (it looks the
    number up as find_unit would, and refuses it found): lacking, without counting."""
    addr = parse(address)
    if addr.kind is not Kind.SECTION:
        return False
    return (not addr.labels and addr.ordinal is None) or addr.base not in _numbers(root, memo)


def _numbers(unit: Unit, memo: dict[int, tuple[Unit, frozenset[str]]]) -> frozenset[str]:
    """The numbers of the sections in the unit, itself included. Versions share the units
    no change touched, so each unit with parts is counted once a run (`memo`, by identity;
    the unit is kept, so its id is not reused)."""
    known = memo.get(id(unit))
    if known is not None and known[0] is unit:
        return known[1]
    found = {unit.label} if unit.kind is Kind.SECTION and unit.label else set()
    for child in unit.children:
        if child.children:
            known = memo.get(id(child))  # (looked up here: most parts are known, and a call costs more)
            found.update(known[1] if known is not None and known[0] is child else _numbers(child, memo))
        elif child.kind is Kind.SECTION and child.label:
            found.add(child.label)
    memo[id(unit)] = (unit, frozenset(found))
    return memo[id(unit)][1]


def _overlaps(history, applied, blames: dict, numbers: dict) -> Iterator[Finding]:
    """Words this change names that an earlier amendment wrote: the later amendment acts
    on the earlier one's text, which a reviewer should see was meant."""
    args = applied.change.args
    anchors = [fold_plain(str(args[key])) for key in ANCHORED if key in args]
    if not anchors or not applied.effect.units:
        return
    address = applied.effect.units[0]
    if applied.effect.kind == "added" and _lacks_section(applied.before, address, numbers):
        return  # a section this change added: no earlier words in it
    found = find_unit(applied.before, address)  # the unit as this change found it
    if found is None:
        return
    if all(earlier.amendment is applied.amendment for _, earlier in makers(history).back(found[1])):
        return  # no other amendment rebuilt the unit, so none wrote a word of it: nothing to blame
    if id(found[1]) not in blames:  # the changes of one amendment often act on one unit
        blames[id(found[1])] = (found[1], blame_unit(history, found[1], address))
    blame = blames[id(found[1])][1]  # (the unit is kept, so its id is not reused meanwhile)
    if blame is None:
        return
    written: dict[int, tuple[list[str], object]] = {}  # every span an earlier change wrote, by change
    for para in blame.paragraphs:
        for span in para:
            if span.change is not None and span.change.amendment is not applied.amendment:
                written.setdefault(id(span.change), ([], span.change))[0].append(fold_plain(span.text))
    for anchor in anchors:
        for texts, earlier in written.values():
            if anchor and any(anchor in text for text in texts):
                yield finding(
                    WARNING,
                    "overlap",
                    f"{applied.amendment.title}, {applied.change.source}, acts on words that "
                    f"{earlier.amendment.title}, {earlier.change.source}, wrote in {describe_address(address)}: "
                    f"{anchor!r}",
                    applied.change.location,
                    applied.amendment.title,
                    "make sure the later amendment meant the text as the earlier one left it",
                )
                break
