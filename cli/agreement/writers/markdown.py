"""Markdown: sections as headings, sub-units as run-in bold labels, text escaped."""

from __future__ import annotations

import re

from ..model import Kind
from ..select import ConformedCopy, UnitView
from .blocks import Block, blocks, deletion_line
from .text import header

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(#|>|[-+] |\d+[.)] )")


def escape_inline(text: str) -> str:
    """Make text literal inside a line: no accidental emphasis, links or tables."""
    return _SPECIAL.sub(r"\\\1", text)


def escape(text: str) -> str:
    """Make a paragraph literal: nor may its start read as a heading, quote or list item."""
    return _LINE_START.sub(lambda m: "\\" + m.group(0), escape_inline(text))


def _block(b: Block) -> str:
    body = escape(b.text).replace("\n", "  \n") if b.lines else escape(b.text)
    if b.kind is Kind.SECTION and b.label:
        level = "#" * min(6, 2 + b.depth)
        return f"{level} {escape_inline(b.label)}" + (f"\n\n{body}" if body else "")
    if b.label:
        return f"**{escape_inline(b.label)}** {body}".strip()
    return body


def render_document(copy: ConformedCopy) -> str:
    title, *rest = header(copy)
    parts = [f"# {escape(title)}", "  \n".join(f"*{escape(line)}*" for line in rest)]
    parts.extend(_block(b) for b in blocks(copy.agreement.root, own_caption=False))
    return "\n\n".join(parts) + "\n"


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return f"*{escape(deletion_line(view.address, view.deleted_by))}*\n"
    text = "\n\n".join(_block(b) for b in blocks(view.unit))
    if view.deleted_by:
        text += f"\n\n*{escape(deletion_line(view.address, view.deleted_by))}*"
    return text + "\n"
