"""EDGAR HTML -> lines -> the text reader's furniture and paragraphs -> the recogniser.

Parsed with lxml's HTML parser (lenient with the hand-made HTML of older filings, fast,
and already installed with python-docx; network access and entities off; the document
is walked without recursion, so deep nesting cannot overflow the stack). Every block
(`<p>`, `<div>`, a heading, a list item, a table row) becomes one paragraph; the cells
of a layout table's row are read left to right ("Section 1.01" in one cell, its text
in the next); `<br>` breaks a line ("<br><br>" leaves a blank line, which parts paragraphs, and
`&nbsp;` before a line's text sets it in); `<hr>`, `<PAGE>` and `page-break-before/after`
styles are page breaks; a `<pre>` block (EDGAR text in an HTML wrapper) keeps its lines,
indentation and blank lines. Each block stands as far in as its margins and indents set it
(see `_indent`; a layout row, by the empty cells before its first words), so that a
closing paragraph is told as in plain text. Those lines then go
through the plain-text reader's furniture stripping
(page numbers, running headers and footers, a table of contents, legends) and its
joining of paragraphs across page breaks, and every line keeps the line number of the
HTML source it came from.

EDGAR's SGML wrapper lines (`<DOCUMENT>`, `<TYPE>EX-10.1`, ...) are removed and listed
before parsing. Markup, `<head>`, scripts and styles are not text and are not listed.
A layout table that sets signature blocks side by side (a "By:" or "/s/" in two of its
columns) is read column by column, each party's block whole (text.signature_blocks). Not yet: other text laid
out in several columns by a table (its cells run together), and lines of a paragraph as the printed page breaks them (HTML has none: a paragraph is
one line, so line hints count within it as one line).
"""

from __future__ import annotations

import re

from ..errors import DocumentError
from .report import Removed
from .structure import Paragraph, to_roman
from .text import PAGE_BREAK as _BREAK  # a page break that markup made (<hr>, a page-break style)
from .text import digits_meet, paragraphs_of_lines, signature_blocks

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr table tbody thead tfoot blockquote center pre dd dt dl ul ol "
    "section article header footer body html title address".split()
)
_SKIP = frozenset("head script style noscript template".split())
_SGML = re.compile(
    r"^\s*</?(?:DOCUMENT|TYPE|SEQUENCE|FILENAME|DESCRIPTION|TEXT|SEC-DOCUMENT|SEC-HEADER)\b[^>]*>[^<]*$", re.I
)
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>")
_SPACE = re.compile(r"[\s\u00a0]+")
_LEAD = re.compile(r"[\s\u00a0]*")
_BREAK_STYLE = re.compile(r"(?:page-)?break-(before|after)\s*:\s*(?:always|page)", re.I)


def _lines(name: str, text: str) -> tuple[list[tuple[int, str]], list[Removed]]:
    """(source line, text) per output line, blank lines between blocks; and the SGML lines."""
    from lxml import etree
    from lxml import html as lhtml

    removed: list[Removed] = []
    kept = []
    for n, line in enumerate(text.split("\n"), 1):
        if _SGML.match(line):
            removed.append(Removed(n, "filing header", line.strip()))
            kept.append("")
        else:
            kept.append(line)
    # an XML declaration (XHTML, inline XBRL filings) that names an encoding: the text is
    # already decoded, and lxml refuses a str that declares one; blanked, lines kept
    source = _XML_DECLARATION.sub(lambda m: " " * len(m.group()), "\n".join(kept), count=1)
    out: list[tuple[int, str]] = []
    if not source.strip():
        return out, removed
    parser = lhtml.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = lhtml.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError):
        return out, removed
    _signature_tables(root)
    for error in parser.error_log:
        if "depth" in error.message.lower():
            raise DocumentError(
                f"{name}: the HTML is nested too deeply to be read (line {error.line}: {error.message.strip()})",
                hint="an agreement's HTML nests a few levels; this file may be damaged or hostile",
            )
    pieces: list[list] = []  # [line, text, no-break spaces before the text] of each line of the block being read
    lefts: list[float] = [0.0]  # the left edge, in points, of each block being read, outermost first
    indents: list[int] = [0]  # how far in each block's text stands, in columns (see _indent)

    def add(s: str, line: int) -> None:
        if not pieces:
            pieces.append([line, "", 0])
        if not pieces[-1][1].strip():  # "&nbsp;&nbsp;(a) ..." after a <br>: set in as far as plain text would be
            pieces[-1][2] += _LEAD.match(s).group().count("\xa0")
        s = _SPACE.sub(" ", s)
        if s:
            pieces[-1][1] += s

    def newline(line: int) -> None:
        pieces.append([line, "", 0])

    def flush() -> None:
        wrote = False
        for line, s, lead in pieces:
            if s.strip():
                out.append((line, " " * (indents[-1] + lead) + s.strip()))
                wrote = True
            elif wrote and out[-1][1]:  # "<br><br>": a blank line inside the block parts paragraphs
                out.append((line, ""))
        if wrote and out[-1][1]:
            out.append((out[-1][0], ""))
        pieces.clear()

    def page_break(line: int) -> None:
        flush()
        out.append((line, _BREAK))
        out.append((line, ""))

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        line = getattr(el, "sourceline", None) or (out[-1][0] if out else 1)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if done:
            if tag in _BLOCK:
                flush()
                lefts.pop()
                indents.pop()
            style = el.get("style") or ""
            if any(m.group(1).lower() == "after" for m in _BREAK_STYLE.finditer(style)):
                page_break(line)
            if el.tail:
                add(el.tail, line)
            continue
        if not tag or tag in _SKIP:
            if el.tail:
                add(el.tail, line)
            continue
        if tag == "pre":
            # EDGAR text wrapped in <pre>: its lines, indentation and blank lines are the
            # document's, for the plain-text rules; an SGML <PAGE> inside is a page break
            flush()
            raw = _pre_text(el)
            out.append((line, ""))
            out.extend((line + k, piece.rstrip()) for k, piece in enumerate(raw.split("\n")))
            out.append((out[-1][0], ""))
            if el.tail:
                add(el.tail, line)
            continue
        if tag == "hr":
            page_break(line)
            if el.tail:
                add(el.tail, line)
            continue
        if tag == "page":
            # EDGAR's SGML <PAGE> has no end tag: the parser makes it an element that holds
            # everything after it up to the end of its parent. A page break, then its contents
            # read as the document's (never dropped).
            page_break(line)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
            if el.text:
                add(el.text, line)
            continue
        if tag == "br":
            newline(line)
            if el.tail:
                add(el.tail, line)
            continue
        style = el.get("style") or ""
        if any(m.group(1).lower() == "before" for m in _BREAK_STYLE.finditer(style)):
            page_break(line)
        if tag in _BLOCK:
            flush()
            left, indent = _indent(tag, style, lefts[-1] + (_leading_blank_cells(el) if tag == "tr" else 0.0))
            lefts.append(left)
            indents.append(indent)
        if tag in ("td", "th") and pieces:
            add(" ", line)
        if tag in ("sup", "sub") and pieces and digits_meet(pieces[-1][1], el.text_content()):
            add(" ", line)  # "66<sup>2/3</sup>%" is 66 2/3%, never 662/3%
        if tag == "li":
            number = _list_number(el)
            if number:
                add(f"{number} ", line)
        if el.text:
            add(el.text, line)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return out, removed


def _list_number(li) -> str | None:
    """The number a browser shows before an item of an ordered list, as the document's own
    ("1.", and in a list inside a list "(a)", "(ii)"): HTML written from Word or by hand
    numbers its sections and clauses with <ol> and <li>, whose numbers are not in the
    text. The list's type ("1", "a", "A", "i", "I"), its start and an item's own value
    count, as a browser counts them; an unordered list's items have none."""
    parent = li.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return None
    items = [c for c in parent if isinstance(c.tag, str) and c.tag.lower() == "li"]
    n = _whole(parent.get("start"), 1) - 1
    for item in items:
        n = _whole(item.get("value"), n + 1)
        if item is li:
            break
    kind = (parent.get("type") or "1").strip()
    m = _LIST_STYLE.search(parent.get("style") or "")
    if m:
        kind = _LIST_STYLES[m.group(1).lower()]
    if kind in ("a", "A"):
        label = _letters(n)
    elif kind in ("i", "I"):
        label = to_roman(n)
    else:
        label = str(n)
    label = label.upper() if kind in ("A", "I") else label
    nested = any(isinstance(a.tag, str) and a.tag.lower() == "ol" for a in parent.iterancestors())
    return f"({label})" if nested or kind != "1" else f"{label}."


_LIST_STYLES = {
    "decimal": "1",
    "lower-alpha": "a",
    "lower-latin": "a",
    "upper-alpha": "A",
    "upper-latin": "A",
    "lower-roman": "i",
    "upper-roman": "I",
}
_LIST_STYLE = re.compile(rf"list-style(?:-type)?\s*:\s*({'|'.join(_LIST_STYLES)})\b", re.IGNORECASE)
"""A list's numbering set by CSS ("list-style-type: lower-roman"), which outranks its type."""


def _whole(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (as a browser letters a list's items)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


_LENGTH = re.compile(
    r"(?P<prop>margin-left|padding-left|text-indent)\s*:\s*(?P<n>-?\d+(?:\.\d+)?)\s*(?P<unit>pt|px|in|cm|mm|em|pc|%)?",
    re.I,
)
_POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 28.35, "mm": 2.835, "em": 12.0, "pc": 12.0, "%": 4.68}
"""Points per unit; a percentage is of a letter page's text width, 6.5 inches."""
MAX_INDENT = 16
"""Columns: deeper than this, the text rules would read a bare number as centred."""


def _indent(tag: str, style: str, outer: float) -> tuple[float, int]:
    """A block's left edge in points (its container's, plus its own margin and padding, and
    a quotation's 36pt), and how far in its text stands, in columns of 6pt: the left edge
    or its first line's, whichever is further in. EDGAR's converters indent clauses by
    either ("margin-left:8%; text-indent:-4%", or "text-indent:8%"), so a closing
    paragraph set back from the clauses before it is told by this as in plain text."""
    left, first = outer + (36.0 if tag == "blockquote" else 0.0), 0.0
    for m in _LENGTH.finditer(style):
        points = float(m.group("n")) * _POINTS[(m.group("unit") or "px").lower()]
        if m.group("prop").lower() == "text-indent":
            first = points
        else:
            left += points
    return left, max(0, min(MAX_INDENT, round(max(left, left + first) / 6)))


_WIDTH = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>pt|px|in|cm|mm|em|pc|%)?\s*$", re.I)


def _leading_blank_cells(tr) -> float:
    """Points taken by a layout row's empty cells before its first words (EDGAR's converters
    indent a clause by an empty first cell: <td width="8%"></td><td>(a)</td><td>...</td>):
    the row stands that far in, as a margin would set it."""
    points = 0.0
    for cell in tr:
        if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
            continue
        if _cell_text(cell):
            return points
        style = re.search(r"(?:^|;)\s*width\s*:([^;]+)", cell.get("style") or "", re.I)
        m = _WIDTH.match(cell.get("width") or (style.group(1) if style else ""))
        if m:
            points += float(m.group("n")) * _POINTS[(m.group("unit") or "px").lower()]
    return 0.0  # a row of empty cells


def _cell_text(cell) -> str:
    return _SPACE.sub(" ", cell.text_content()).strip()


def _signature_tables(root) -> None:
    """A layout table that sets signature blocks side by side (a "By:" or "/s/" in two
    of its columns or more) is read column by column, each cell a block: the left
    party's block, then the next one's, as the text reader reads two columns (see
    text.signature_blocks). Other tables are read row by row."""
    from lxml import etree

    for table in list(root.iter("table")):
        rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
        grid = [[c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in rows]
        blocks = signature_blocks([[_cell_text(c) for c in r] for r in grid])
        parent = table.getparent()
        if blocks is None or parent is None:
            continue
        holder = etree.Element("div")
        holder.sourceline = table.sourceline
        for cells in blocks:  # a party's block, a cell a line: the cells themselves, moved
            block = etree.SubElement(holder, "div")
            block.sourceline = grid[cells[0][0]][cells[0][1]].sourceline
            for n, (r, k) in enumerate(cells):
                cell = grid[r][k]
                if n:
                    etree.SubElement(block, "br").sourceline = cell.sourceline
                cell.tag, cell.tail = "span", None  # its words as they stand (no text is copied)
                block.append(cell)
        holder.tail = table.tail
        parent.replace(table, holder)


def _pre_text(pre) -> str:
    """The text of a <pre> block as it stands in the source, "<PAGE>" where a page element is."""
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(pre, False)]
    while stack:
        el, done = stack.pop()
        if done:
            if el is not pre and el.tail:
                out.append(el.tail)
            continue
        if isinstance(el.tag, str) and el.tag.lower() == "page":
            out.append("<PAGE>")
        if el.text and isinstance(el.tag, str):
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(out).replace("\xa0", " ")


def paragraphs(name: str, text: str) -> tuple[list[Paragraph], list[Removed]]:
    """The document's paragraphs and its furniture, numbered by the HTML source's lines."""
    lines, removed = _lines(name, text)
    paras, furniture = paragraphs_of_lines(lines)
    removed.extend(furniture)
    removed.sort(key=lambda r: r.line)
    return paras, removed
