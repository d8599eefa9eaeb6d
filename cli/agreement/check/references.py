"""Cross-references on the conformed copy: "Section 8.4", "Sections 8.3 or 8.4",
"clause (a) of Section 13.4", "Exhibit B" that point at no unit, or at one an
amendment reduced to "[Reserved]"."""

from __future__ import annotations

from collections.abc import Iterator

from ..address import resolve, section_paths
from ..errors import AgreementError
from ..model import Unit, at
from ..operations.units import RESERVED
from ..text import citations
from . import ERROR, WARNING, Context, Finding, finding


def _find(root, target: str, sections: dict):
    """The unit `target` names, or None. A hyphenated number the agreement does not
    have is read as a range ("Sections 2.1-2.3"): found when both its ends are.
    `sections`: the version's section numbers and paths, where most citations are found
    at once ("8.4"); the rest are resolved as an address."""
    known = sections.get(target)
    if known is not None:
        return at(root, known)
    try:
        return at(root, resolve(root, target))
    except AgreementError:
        pass
    ends = target.split("-")
    if len(ends) == 2 and "(" not in target:
        try:
            for end in ends:
                resolve(root, end)
        except AgreementError:
            return None
        return at(root, resolve(root, ends[1]))
    return None


def _named(target: str) -> str:
    return target.replace("exhibit:", "Exhibit ") if target.startswith("exhibit:") else f"Section {target}"


def run(context: Context) -> Iterator[Finding]:
    root = context.root
    cited = [(path, unit, list(citations(para))) for path, unit, para in context.paragraphs]
    # a number once cited as another instrument's ("Section 409A of the Code") is that
    # instrument's when it stands alone later ("for purposes of Section 409A")
    elsewhere = {t for _, _, found in cited for t, external in found if external}
    units: dict[str, Unit | None] = {}  # each number cited, looked up once
    sections = section_paths(root)
    for path, unit, found in cited:
        for target in dict.fromkeys(t for t, external in found if not external):
            if target not in units:
                units[target] = _find(root, target, sections)
            cited_unit = units[target]
            if cited_unit is None:
                if target in elsewhere:
                    continue
                yield finding(
                    ERROR,
                    "reference-missing",
                    f"{context.describe(path)} refers to {_named(target)}, which the agreement does not have",
                    unit.location,
                    context.address(path),
                    "an amendment may have deleted or renumbered it; or the excerpt leaves it out",
                )
                continue
            if cited_unit.text == (RESERVED,):
                yield finding(
                    WARNING,
                    "reference-reserved",
                    f"{context.describe(path)} refers to {_named(target)}, which is now [Reserved]",
                    unit.location,
                    context.address(path),
                    "check whether the reference should have been amended with it",
                )
