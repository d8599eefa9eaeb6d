"""Plain text: one paragraph per line, a blank line between, ready for grep and diff."""

from __future__ import annotations

from ..select import ConformedCopy, UnitView
from .blocks import Block, blocks, deletion_line


def header(copy: ConformedCopy) -> list[str]:
    a = copy.agreement
    lines = [a.title.upper(), f"dated as of {a.date:%B} {a.date.day}, {a.date.year}"]
    for amendment in copy.amendments:
        lines.append(f"as amended by {amendment.title}, dated as of {amendment.dated}")
    return lines


def _line(b: Block) -> str:
    return f"{b.label} {b.text}".strip() if b.label else b.text


def render_document(copy: ConformedCopy) -> str:
    parts = ["\n".join(header(copy))]
    parts.extend(_line(b) for b in blocks(copy.agreement.root, own_caption=False))
    return "\n\n".join(parts) + "\n"


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return deletion_line(view.address, view.deleted_by) + "\n"
    text = "\n\n".join(_line(b) for b in blocks(view.unit))
    if view.deleted_by:
        text += "\n\n" + deletion_line(view.address, view.deleted_by)
    return text + "\n"
