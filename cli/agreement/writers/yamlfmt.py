"""YAML in the agreement file format, so a conformed copy can be read back as a base.

Paragraphs keep their line breaks as block scalars; round-trip mode is used here, on
the writing side only (reading uses the C parser).
"""

from __future__ import annotations

import io
from typing import Any

from ..model import Kind, Unit, closing
from ..select import ConformedCopy, UnitView
from .blocks import deletion_line

_CHILD_KEY = {
    Kind.RECITAL: "recitals",
    Kind.SECTION: "sections",
    Kind.SUBSECTION: "subsections",
    Kind.CLAUSE: "clauses",
    Kind.DEFINITION: "definitions",
}


def _text(paras: tuple[str, ...]) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString("\n\n".join(paras) + "\n")


def _unit(unit: Unit) -> dict[str, Any]:
    if unit.kind is Kind.DEFINITION:
        out: dict[str, Any] = {"term": unit.term, "text": _text(unit.text)}
        if unit.children:
            out["clauses"] = [_unit(c) for c in unit.children]
        return out
    out = {}
    if unit.number is not None:
        out["number"] = unit.number
    if unit.heading is not None:
        out["heading"] = unit.heading
    if unit.text:
        out["text"] = _text(unit.text)
    if unit.run_in:
        out["run_in"] = True
    end = closing(unit)
    parts = unit.children[:-1] if end is not None else unit.children
    if parts:
        out[_CHILD_KEY.get(parts[0].kind, "clauses")] = [_unit(c) for c in parts]
    if end is not None:
        out["closing"] = _text(end.text)
    return out


def _dump(data: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def render_document(copy: ConformedCopy) -> str:
    a = copy.agreement
    data: dict[str, Any] = {"id": a.id, "title": a.title, "date": a.date.isoformat()}
    if a.note:
        data["note"] = a.note
    if a.parties:
        data["parties"] = [
            {
                k: v
                for k, v in (
                    ("name", p.name),
                    ("short_name", p.short_name),
                    ("role", p.role),
                    ("description", p.description),
                )
                if v is not None
            }
            for p in a.parties
        ]
    sections = []
    exhibits = []
    for part in a.root.children:
        if part.kind is Kind.PREAMBLE:
            data["preamble"] = _text(part.text)
        elif part.kind is Kind.RECITALS:
            data["recitals"] = [_unit(r) for r in part.children]
        elif part.kind is Kind.SIGNATURES:
            data["signatures"] = [_text((p,)) for p in part.text]
        elif part.kind is Kind.EXHIBIT:
            exhibits.append(_unit(part))
        else:
            sections.append(_unit(part))
    data["sections"] = sections
    if exhibits:
        data["exhibits"] = exhibits
    done = [*a.amended_by, *(x.id for x in copy.amendments)]
    if done:
        data["amended_by"] = [{"id": ident} for ident in dict.fromkeys(done)]
        titles = {x.id: x for x in copy.amendments}
        for entry in data["amended_by"]:
            x = titles.get(entry["id"])
            if x is not None:
                entry.update({"title": x.title, "sequence": x.sequence, "dated": x.dated})
    header = "".join(f"# as amended by {x.title}, dated as of {x.dated}\n" for x in copy.amendments)
    return header + _dump(data)


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return _dump({"address": view.address, "deleted": deletion_line(view.address, view.deleted_by)})
    return _dump(_unit(view.unit))
