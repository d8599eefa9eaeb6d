"""Markdown (CommonMark, through markdown-it-py) -> lines -> the text reader's furniture and
paragraphs -> the shared recogniser.

Each block (a heading, a paragraph, a list item's paragraph, a table row, a code block)
is laid out as the lines markdown-it gives it, with a blank line after it, and then read
by the plain-text rules as HTML is: page notes ("*[Remainder of page intentionally left
blank]*"), a table of contents (a "Contents" line over a list of links to the document's
own headings), and the rest of the text reader's furniture are removed and listed, each
line keeping its line in the Markdown source. A thematic break (`---`) is a page break.
Markup is syntax, not text: the `#` of a heading, `**`, `_`, backticks, list bullets and
link targets are left out (a link keeps its words), and are not listed in the report. An
ordered list item keeps the number typed before it ("2." of "2. Term."), since that may be
a section's number. A list item stands as far in as its list is nested (four columns a
level), as an indented clause stands in plain text: so a list item numbered "1." under a
section is one of its clauses (`2.2(1)`), and a paragraph after a list, set back from
its items, is the closing paragraph of the unit the list belongs to.

Recognised: everything the recogniser reads ("## ARTICLE I", "### Section 1.01. Defined
Terms.", "- (a) ...", '"X" means ...'). Not yet: raw HTML blocks (left out, and listed
as not placed), footnotes.
"""

from __future__ import annotations

import re

from .report import Removed, Unplaced
from .structure import Paragraph, to_roman
from .text import PAGE_BREAK, paragraphs_of_lines, signature_blocks

INDENT = 4  # columns a level of list nesting stands in


def _plain(children) -> str:
    out = []
    for t in children or ():
        if t.type in ("text", "code_inline"):
            out.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t.type == "image":
            out.append(_plain(t.children))
    return "".join(out)


def paragraphs(text: str) -> tuple[list[Paragraph], list[Unplaced], list[Removed]]:
    """The document's paragraphs, what it could not place (raw HTML) and its furniture."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    lines: list[tuple[int, str]] = []
    unplaced: list[Unplaced] = []
    pending: str | None = None  # an ordered list item's number, for its first paragraph
    row: list[str] | None = None  # the cells of the table row being read
    row_line = 0
    table: list[tuple[int, list[str]]] = []  # the rows of the table being read, with their lines
    depth = 0  # lists open around the block being read
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open" and tok.info:
            pending = f"{tok.info}{tok.markup}"
        elif tok.type == "tr_open":
            row, row_line = [], (tok.map[0] + 1 if tok.map else 0)
        elif tok.type == "tr_close" and row is not None:
            table.append((row_line, row))
            row = None
        elif tok.type == "table_close":
            _table(lines, table)
            table = []
        elif tok.type == "inline" and row is not None:
            row.append(" ".join(_plain(tok.children).split()))
        elif tok.type == "inline" and tok.map:
            body = _plain(tok.children)
            if pending is not None:
                body, pending = f"{pending} {body}", None
            _add(lines, body, tok.map[0] + 1, depth * INDENT)
        elif tok.type in ("fence", "code_block") and tok.map:
            _add(lines, tok.content, tok.map[0] + 1, depth * INDENT)
        elif tok.type == "hr" and tok.map:
            lines.extend([(tok.map[0] + 1, PAGE_BREAK), (tok.map[0] + 1, "")])
        elif tok.type == "html_block" and tok.map:
            unplaced.append(Unplaced(tok.map[0] + 1, tok.content.strip(), "raw HTML in Markdown"))
    paras, removed = paragraphs_of_lines(lines)
    return paras, unplaced, removed


def _table(lines: list[tuple[int, str]], table: list[tuple[int, list[str]]]) -> None:
    """A table row by row, a paragraph a row; signature blocks set side by side, column by
    column, each party's block a paragraph of a line a cell."""
    blocks = signature_blocks([cells for _, cells in table])
    if blocks is None:
        for line, cells in table:
            joined = " ".join(c for c in cells if c)
            if joined:
                _add(lines, joined, line, 0)
        return
    for block in blocks:
        lines.extend((table[r][0], table[r][1][k]) for r, k in block)
        lines.append((table[block[-1][0]][0], ""))


def _add(lines: list[tuple[int, str]], body: str, first_line: int, indent: int) -> None:
    kept = [(first_line + i, " ".join(s.split())) for i, s in enumerate(body.split("\n"))]
    kept = [(n, s) for n, s in kept if s]
    if not kept:
        return
    starts = _lettered(kept) if indent else set()
    for k, (n, s) in enumerate(kept):
        if k in starts:
            if k:
                lines.append((kept[k - 1][0], ""))
            lines.append((n, " " * (indent + INDENT) + s))
        else:
            lines.append((n, " " * (indent + INDENT if starts and k > min(starts) else indent) + s))
    lines.append((kept[-1][0], ""))


_LETTERED = re.compile(r"^(?P<lab>[a-z]|[ivx]{1,4})\.\s+\S")


def _lettered(kept: list[tuple[int, str]]) -> set[int]:
    """The lines of a list item's paragraph that begin items lettered "a.", "b." (or "i.",
    "ii."), which CommonMark does not take for a list and runs on into the paragraph
    before them: each is set apart, further in, as a clause of the item. Only a run that
    begins at "a." or "i." and goes on in order, one letter after another."""
    found = [(k, m.group("lab")) for k, (_, s) in enumerate(kept) if (m := _LETTERED.match(s))]
    if not found or found[0][1] not in ("a", "i"):
        return set()
    roman = found[0][1] == "i" and (len(found) < 2 or found[1][1] == "ii")
    expected = [to_roman(i + 1) if roman else chr(ord("a") + i) for i in range(len(found))]
    if [lab for _, lab in found] != expected:
        return set()
    return {k for k, _ in found}
