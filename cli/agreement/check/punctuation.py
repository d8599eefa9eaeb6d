"""Punctuation and spacing at every place an amendment touched: ";." and ",,", a space
before a mark or two together, a mark with no space after it, and quotes or parentheses
left unbalanced in an amended unit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..address import describe_address, find_unit
from ..analyses.blame import body_spans
from ..analyses.lineage import makers
from ..engine import AppliedChange
from ..model import Path, at
from ..printed import body_text
from ..text import _is_abbreviation
from . import WARNING, Context, Finding, finding

# (the problem, what it is called, what every instance of it holds): a pattern that opens
# with a class of most characters tries every character, so where such a pattern has a
# rarer core, the core is searched first and the pattern only in a text that has it
_PROBLEMS = (
    (re.compile(r"[;:,][.;:,]|\.[;:,]|\.\.(?!\.)"), "marks side by side", None),
    (re.compile(r" [,;:.)](?!\d)"), "a space before a mark", None),
    (re.compile(r"\S {2,}\S"), "two spaces together", re.compile("  ")),
    (re.compile(r"[a-z][,;:][A-Za-z]"), "no space after a mark", re.compile(r"[,;:][A-Za-z]")),
)
_NEAR = 3


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    root = context.root
    touched: dict[str, tuple[AppliedChange, Path]] = {}
    acted_on: dict[int, set[str]] = {}  # a change -> the units it acted on, by their addresses now
    for address, path, applied in _now(context):
        touched.setdefault(address, (applied, path))
        acted_on.setdefault(id(applied), set()).add(address)
    for address, (applied, path) in touched.items():
        unit = at(root, path)  # (the unit at its address: an address is its path's, read back)
        printed = body_text(unit)  # what its spans spell (blame's tests hold it of every unit of every version)
        if next(_problems(printed), None) is None and not _unbalanced(printed):
            continue  # nothing to find: spared working out who wrote each word of it
        spans = body_spans(history, address)
        text = "".join(s.text for s in spans)
        edges = []
        at_ = 0
        for s in spans:  # the unit's parts are in its spans: only its own changes count here
            if s.change is not None and address in acted_on.get(id(s.change), ()):
                edges.append((at_, s.change))
                edges.append((at_ + len(s.text), s.change))
            at_ += len(s.text)
        for m, what in _problems(text):
            near = [c for pos, c in edges if m.start() - _NEAR <= pos <= m.end() + _NEAR]
            if not near:
                continue
            change = near[0]
            yield finding(
                WARNING,
                "punctuation",
                f"{what} where {change.amendment.title}, {change.change.source}, changed "
                f"{describe_address(address)}: ...{text[max(0, m.start() - 25) : m.end() + 25]}...",
                change.change.location,
                change.amendment.title,
                "compare with the amendment's words; fix the amendment file (as_conformed) if a person decides",
            )
        for name in _unbalanced(text):
            yield finding(
                WARNING,
                "unbalanced",
                f"{name} do not balance in {describe_address(address)}, which {applied.amendment.title} changed",
                unit.location,
                describe_address(address),
                "an inserted or deleted passage may have taken one of a pair",
            )


def _problems(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each problem of punctuation or spacing in the text, with what it is called; the
    period of an abbreviation ("Inc.,") is not one."""
    for pattern, what, core in _PROBLEMS:
        if core is not None and core.search(text) is None:
            continue
        for m in pattern.finditer(text):
            if m.group(0)[0] == "." and _is_abbreviation(text, m.start()):
                continue
            yield m, what


def _unbalanced(text: str) -> list[str]:
    """The pairs that do not balance in the text: parentheses, quotation marks."""
    return [
        name
        for opening, closing, name in (("(", ")", "parentheses"), ('"', '"', "quotation marks"))
        if (text.count(opening) != text.count(closing) if opening != closing else text.count('"') % 2)
    ]


def _now(context: Context) -> Iterator[tuple[str, Path, AppliedChange]]:
    """Each change with each unit it acted on that stands in the latest version, by the
    unit's address and path there. A unit is followed by identity from the change to the latest
    version: a recital's address is its place, which moves when one is added before it."""
    history = context.history
    known = makers(history)
    where = {id(u): p for p, u in context.units}
    for version in history.versions[1:]:
        for applied in version.applied:
            if applied.effect.kind == "deleted":
                continue  # nothing of it stands
            for address in applied.effect.units:
                found = find_unit(applied.after, address)
                latest = known.forward(found[1]) if found is not None else None
                path = where.get(id(latest)) if latest is not None else None
                if path is not None:
                    yield context.address(path), path, applied
