"""Rich text for a terminal: the same reading form as `text`, with styled headings.

Used by the command line in place of `text` when standard output is a terminal and
NO_COLOR is not set; returns a string of ANSI codes like every other writer.
"""

from __future__ import annotations

import io

from ..analyses.select import ConformedCopy, UnitView
from ..model import Kind
from ..printed import Block, blocks, deletion_line
from ..text import quoted_term_end
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


SOFT_WRAP_FROM = 200_000
"""Past this many characters the terminal wraps the lines itself: Rich's own wrapping of
a long agreement costs about ten times as much."""


def _render(items: list, width: int) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=width, color_system="standard", highlight=False)
    soft = sum(len(getattr(item, "plain", "")) for item in items) > SOFT_WRAP_FROM
    for i, item in enumerate(items):
        if i:
            console.print()
        console.print(item, soft_wrap=soft)
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


# --- redlines ---------------------------------------------------------------------------------

CONTEXT_WORDS = 40
"""In a redline of changed units only, an unchanged run longer than twice this many
words is shortened to this many on each side of the changes around it."""


def _elide(text: str, keep_start: bool, keep_end: bool) -> str:
    words = text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS + 5:
        return text
    head = " ".join(words[:CONTEXT_WORDS]) if keep_start else ""
    tail = " ".join(words[-CONTEXT_WORDS:]) if keep_end else ""
    return f"{head} … {tail}" if head or tail else " … "


def _mark(t, text: str, style: str) -> None:
    """Deleted or inserted words in their style; the spaces at their ends plain, so that a
    space is not struck through or underlined as if it were a word."""
    core = text.strip()
    if not core:
        t.append(text)
        return
    start = text.index(core)
    t.append(text[:start])
    t.append(core, style=style)
    t.append(text[start + len(core) :])


def _redline_text(unit, numbers: dict[int, int], full: bool):
    from rich.text import Text

    from .redmarks import joined, runs

    t = Text()
    pieces = runs(joined(unit, spaced=True))
    for k, run in enumerate(pieces):
        if run.op == "equal":
            text = run.old if full else _elide(run.old, keep_start=k > 0, keep_end=k < len(pieces) - 1)
            t.append(text)
            continue
        _mark(t, run.old, "red strike")
        _mark(t, run.new, "green underline")
        tags = ",".join(str(numbers[id(c)]) for c in run.changes)
        t.append(f"[{tags}]", style="dim")
    return t


def numbered(unit) -> dict[int, int]:
    """A note number for each instruction that changed the unit, counted from 1 in each
    unit without a gap, by amendment and then by the instruction's place in it."""
    order = sorted(unit.changes, key=lambda c: (c.amendment.sequence, c.change.index))
    return {id(c): n for n, c in enumerate(order, 1)}


def _notes(unit, numbers: dict[int, int]):  # -> a Rich renderable
    """The unit's notes: '[1] Amendment No. 1 ..., Section 3(a), dated as of ...: insert
    "..." after "Required Holders"', each wrapped under its own text."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from .redmarks import cite, instruction

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim")
    grid.add_column(style="dim")
    for c in sorted(unit.changes, key=lambda c: numbers[id(c)]):
        # Text, not a string: an amendment's words are never read as Rich markup ("[b]", "[/x]")
        note = f"{cite(c)}, dated as of {c.amendment.dated_in_words}: {instruction(c)}"
        grid.add_row(Text(f"[{numbers[id(c)]}]"), Text(note))
    return Padding(grid, (0, 0, 0, 2))


def render_redline(r, full: bool = False, width: int = 100) -> str:
    from rich.text import Text

    from .redmarks import where
    from .text import redline_header

    title, *rest = redline_header(r)
    items: list = [Text(title, style="bold"), Text("\n".join(rest[:2]), style="italic")]
    legend = Text("legend: ")
    legend.append("deleted", style="red strike")
    legend.append("  ")
    legend.append("inserted", style="green underline")
    legend.append("  [n] the instruction that made the change (listed under each unit)", style="dim")
    items.append(legend)
    if not r.changed:
        items.append(Text("no changes", style="italic"))
    for unit in r.units if full else r.changed:
        numbers = numbered(unit)
        if unit.status != "unchanged":
            items.append(Text(where(unit), style="bold cyan"))
        items.append(_redline_text(unit, numbers, full))
        if unit.changes:
            items.append(_notes(unit, numbers))
    return _render(items, width)
