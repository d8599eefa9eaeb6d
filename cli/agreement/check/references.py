"""Cross-references on the conformed copy: "Section 8.4", "Sections 8.3 or 8.4",
"clause (a) of Section 13.4", "Exhibit B" that point at no unit, or at one an
amendment reduced to "[Reserved]"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..address import address_of, describe, resolve
from ..errors import AgreementError
from ..model import at, walk
from ..operations.units import RESERVED
from ..writers.blocks import flat
from . import ERROR, WARNING, Context, Finding, finding

_NUMBER = r"\d+(?:\.\d+)*[A-Z]?(?:\([a-z0-9]+\))*"
_SECTIONS = re.compile(rf"\bSections?\s+({_NUMBER}(?:(?:,\s*|\s+(?:and|or|through)\s+)(?:Section\s+)?{_NUMBER})*)")
_CLAUSE = re.compile(rf"\bclause\s+\(([a-z0-9]+)\)\s+of\s+Section\s+({_NUMBER})")
_EXHIBIT = re.compile(r"\bExhibit\s+([A-Z])\b")
_EXTERNAL = re.compile(r"\s+of\s+(?:the\s+)?(?!this\b)[A-Z]")  # "Section 2 of the Fiscal Agency Agreement"


def _targets(para: str) -> Iterator[str]:
    for m in _SECTIONS.finditer(para):
        if _EXTERNAL.match(para, m.end()):
            continue
        yield from re.findall(_NUMBER, m.group(1))
    for m in _CLAUSE.finditer(para):
        yield f"{m.group(2)}({m.group(1)})"
    for m in _EXHIBIT.finditer(para):
        yield f"exhibit:{m.group(1)}"


def _named(target: str) -> str:
    return target.replace("exhibit:", "Exhibit ") if target.startswith("exhibit:") else f"Section {target}"


def run(context: Context) -> Iterator[Finding]:
    root = context.history.latest.agreement.root
    for path, unit in walk(root):
        for para in unit.text:
            for target in dict.fromkeys(_targets(flat(para))):
                try:
                    found = at(root, resolve(root, target))
                except AgreementError:
                    yield finding(
                        ERROR,
                        "reference-missing",
                        f"{describe(root, path)} refers to {_named(target)}, which the agreement does not have",
                        unit.location,
                        address_of(root, path),
                        "an amendment may have deleted or renumbered it; or the excerpt leaves it out",
                    )
                    continue
                if found.text == (RESERVED,):
                    yield finding(
                        WARNING,
                        "reference-reserved",
                        f"{describe(root, path)} refers to {_named(target)}, which is now [Reserved]",
                        unit.location,
                        address_of(root, path),
                        "check whether the reference should have been amended with it",
                    )
