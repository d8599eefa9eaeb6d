"""Rich text for a terminal: the same reading form as `text`, with styled headings.

Used by the command line in place of `text` when standard output is a terminal and
NO_COLOR is not set; returns a string of ANSI codes like every other writer.
"""

from __future__ import annotations

import io

from ..model import Kind
from ..select import ConformedCopy, UnitView
from ..text import quoted_term_end
from .blocks import Block, blocks, deletion_line
from .text import header


def _text(b: Block):  # -> rich.text.Text
    from rich.text import Text

    t = Text()
    if b.label:
        t.append(b.label, style="bold" if b.kind is not Kind.SECTION else "bold cyan")
        if b.text:
            t.append(" ")
    end = quoted_term_end(b.text) if b.kind is Kind.DEFINITION else 0
    t.append(b.text[:end], style="bold")
    t.append(b.text[end:])
    return t


def _render(items: list, width: int) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=width, color_system="standard", highlight=False)
    for i, item in enumerate(items):
        if i:
            console.print()
        console.print(item)
    return buf.getvalue()


def render_document(copy: ConformedCopy, width: int = 100) -> str:
    from rich.text import Text

    title, *rest = header(copy)
    items: list = [Text(title, style="bold", justify="center")]
    items.append(Text("\n".join(rest), style="italic", justify="center"))
    items.extend(_text(b) for b in blocks(copy.agreement.root, own_caption=False))
    return _render(items, width)


def render_unit(view: UnitView, width: int = 100) -> str:
    from rich.text import Text

    if view.unit is None:
        return _render([Text(deletion_line(view.address, view.deleted_by), style="italic")], width)
    items: list = [_text(b) for b in blocks(view.unit)]
    if view.deleted_by:
        items.append(Text(deletion_line(view.address, view.deleted_by), style="italic"))
    return _render(items, width)
