"""Markdown (CommonMark, through markdown-it-py) -> paragraphs -> the shared recogniser.

Each block (a heading, a paragraph, a list item's paragraph, a table row, a code block)
is one paragraph, with the line numbers markdown-it gives it; a paragraph keeps its
soft line breaks, so a unit keeps the document's lines. Markup is syntax, not text: the
`#` of a heading, `**`, `_`, backticks, list bullets and link targets are left out (a
link keeps its words), and are not listed in the report. An ordered list item keeps
the number typed before it ("2." of "2. Term."), since that is the section's number.

Recognised: everything the recogniser reads ("## ARTICLE I", "### Section 1.01. Defined
Terms.", "- (a) ...", '"X" means ...'). Not yet: raw HTML blocks (left out, and listed
as not placed), footnotes, and page furniture (Markdown has none to strip).
"""

from __future__ import annotations

from .report import Unplaced
from .structure import Line, Paragraph


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


def paragraphs(text: str) -> tuple[list[Paragraph], list[Unplaced]]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    out: list[Paragraph] = []
    unplaced: list[Unplaced] = []
    pending: str | None = None  # an ordered list item's number, for its first paragraph
    row: list[str] | None = None  # the cells of the table row being read
    row_line = 0
    for tok in tokens:
        if tok.type == "list_item_open" and tok.info:
            pending = f"{tok.info}{tok.markup}"
        elif tok.type == "tr_open":
            row, row_line = [], (tok.map[0] + 1 if tok.map else 0)
        elif tok.type == "tr_close" and row is not None:
            joined = " ".join(c for c in row if c)
            if joined:
                out.append(Paragraph((Line(row_line, joined),)))
            row = None
        elif tok.type == "inline" and row is not None:
            row.append(" ".join(_plain(tok.children).split()))
        elif tok.type == "inline" and tok.map:
            body = _plain(tok.children)
            if pending is not None:
                body, pending = f"{pending} {body}", None
            _add(out, body, tok.map[0] + 1)
        elif tok.type in ("fence", "code_block") and tok.map:
            _add(out, tok.content, tok.map[0] + 1)
        elif tok.type == "html_block" and tok.map:
            unplaced.append(Unplaced(tok.map[0] + 1, tok.content.strip(), "raw HTML in Markdown"))
    return out, unplaced


def _add(out: list[Paragraph], body: str, first_line: int) -> None:
    lines = [(first_line + i, " ".join(s.split())) for i, s in enumerate(body.split("\n"))]
    kept = tuple(Line(n, s) for n, s in lines if s)
    if kept:
        out.append(Paragraph(kept))
