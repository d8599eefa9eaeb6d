"""YAML in the agreement file format, so a conformed copy can be read back as a base.

Paragraphs keep their line breaks as block scalars; round-trip mode is used here, on
the writing side only (reading uses the C parser).
"""

from __future__ import annotations

import io
from typing import Any

from ..analyses.select import ConformedCopy, UnitView
from ..model import Kind, Unit, closing
from ..printed import deletion_line
from .text import header as text_header

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
    if unit.text_line != 1:
        out["text_line"] = unit.text_line
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


def _ruamel(data: Any) -> str:
    """What ruamel.yaml's round-trip writer makes of `data`: the reference the direct
    writer below matches byte for byte, and its fall-back for rare scalars."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _dump(data: dict[str, Any]) -> str:
    """The YAML of a mapping of plain data (str, bool, int, lists, mappings, literal blocks),
    written directly in the layout of `_ruamel` (mappings indented 2, sequences 4 with the
    dash at 2; literal blocks for text): the same bytes, without building the round-trip
    writer's events (a conformed copy of 1.4 MB took 0.55 s that way)."""
    out: list[str] = []
    _mapping(data, 0, out, first=False)
    return "".join(out)


def _mapping(data: dict[str, Any], indent: int, out: list[str], first: bool) -> None:
    """Keys at `indent`; with `first`, the first key follows a "- " already written."""
    pad = " " * indent
    for k, (key, value) in enumerate(data.items()):
        out.append(key if first and k == 0 else f"{pad}{key}")
        _value(value, indent, out)


def _value(value: Any, indent: int, out: list[str]) -> None:
    """A value after its key ("key"), at a mapping whose keys stand at `indent`."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, LiteralScalarString):
        out.append(": ")
        _literal(str(value), indent + 2, out)
    elif isinstance(value, dict):
        if not value:
            out.append(": {}\n")
            return
        out.append(":\n")
        _mapping(value, indent + 2, out, first=False)
    elif isinstance(value, list):
        if not value:
            out.append(": []\n")
            return
        out.append(":\n")
        _sequence(value, indent + 2, out)
    else:
        out.append(f": {_scalar(value)}\n")


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    """Items with their dash at `indent`, their content at `indent + 2`."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    pad = " " * indent
    for item in items:
        out.append(f"{pad}- ")
        if isinstance(item, LiteralScalarString):
            _literal(str(item), indent + 2, out)
        elif isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first=True)
        elif isinstance(item, dict | list):
            raise _Unusual
        else:
            out.append(f"{_scalar(item)}\n")


class _Unusual(Exception):
    """A shape the direct writer leaves to ruamel (nothing the agreement format makes)."""


_BREAKS = "\x85\u2028\u2029\r"


def _literal(text: str, indent: int, out: list[str]) -> None:
    """A literal block ("|"), as ruamel writes one: its chomping indicator, an indentation
    indicator when the text begins with white space, each line at `indent`."""
    if any(b in text for b in _BREAKS):
        raise _Unusual
    hints = ""
    if text:
        if text[0] in " \n":
            hints += "2"
        if text[-1] != "\n":
            hints += "-"
        elif len(text) == 1 or text[-2] == "\n":
            hints += "+"
    out.append(f"|{hints}\n")
    pad = " " * indent
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    for line in lines:
        out.append(f"{pad}{line}\n" if line else "\n")


_SCALARS: dict[Any, str] = {}


def _scalar(value: Any) -> str:
    """A scalar as ruamel's round-trip writer writes it in block context: plain where it
    reads back as the same string, else quoted as ruamel quotes it (single quotes, or
    double where the text holds a "'" or a line break); the rare others, ruamel's own."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise _Unusual
    known = _SCALARS.get(value)
    if known is not None:
        return known
    analysis = _analysis(value)
    if len(value) > 1000 or analysis is None:
        raise _Unusual
    if analysis.allow_block_plain and _reads_as_str(value):
        shown = value
    elif analysis.allow_double_quoted and ("'" in value or "\n" in value):
        raise _Unusual  # double quotes: ruamel's escapes
    elif analysis.allow_single_quoted:
        shown = "'" + value.replace("'", "''") + "'"
    else:
        raise _Unusual
    if len(_SCALARS) < 100_000:
        _SCALARS[value] = shown
    return shown


_TOOLS: list[Any] = []


def _analysis(value: str) -> Any:
    """ruamel's own analysis of a scalar (what styles it allows)."""
    if not _TOOLS:
        from types import SimpleNamespace

        from ruamel.yaml.emitter import Emitter
        from ruamel.yaml.resolver import VersionedResolver

        class Analyst(Emitter):  # the analysis asks which YAML version is written: 1.2
            serializer = SimpleNamespace(use_version=None)

        _TOOLS.extend([Analyst(io.StringIO(), allow_unicode=True), VersionedResolver()])
    return _TOOLS[0].analyze_scalar(value)


def _reads_as_str(value: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    return _TOOLS[1].resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _dumped(data: dict[str, Any]) -> str:
    try:
        return _dump(data)
    except _Unusual:
        return _ruamel(data)


def render_document(copy: ConformedCopy, reading_order: bool = False) -> str:
    """The agreement file of a conformed copy; with `reading_order`, the signatures and
    exhibits last, where a person typing it from the filed document puts them."""
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
    done = [
        *(w._asdict() for w in a.amended_by),
        *({"id": x.id, "title": x.title, "sequence": x.sequence, "dated": x.dated} for x in copy.amendments),
    ]
    if done:
        # every amendment the copy carries, those it was read with first, each as fully as known
        data["amended_by"] = [{k: v for k, v in entry.items() if v is not None} for entry in done]
    if reading_order:
        for key in ("signatures", "exhibits"):
            if key in data:
                data[key] = data.pop(key)
    header = "".join(f"# {line}\n" for line in text_header(copy) if line.startswith("as amended by "))
    return header + _dumped(data)


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return _dumped({"address": view.address, "deleted": deletion_line(view.address, view.deleted_by)})
    return _dumped(_unit(view.unit))
