"""EDGAR HTML -> lines -> the text reader's furniture and paragraphs -> the recogniser.

Parsed with lxml's HTML parser (lenient with the hand-made HTML of older filings, fast,
and already installed with python-docx; network access and entities off; the document
is walked without recursion, so deep nesting cannot overflow the stack). Every block
(`<p>`, `<div>`, a heading, a list item, a table row) becomes one paragraph; the cells
of a layout table's row are read left to right ("Section 1.01" in one cell, its text
in the next); `<br>` breaks a line; `<hr>`, `<PAGE>` and `page-break-before/after`
styles are page breaks; a `<pre>` block (EDGAR text in an HTML wrapper) keeps its lines,
indentation and blank lines. Those lines then go through the plain-text reader's furniture stripping
(page numbers, running headers and footers, a table of contents, legends) and its
joining of paragraphs across page breaks, and every line keeps the line number of the
HTML source it came from.

EDGAR's SGML wrapper lines (`<DOCUMENT>`, `<TYPE>EX-10.1`, ...) are removed and listed
before parsing. Markup, `<head>`, scripts and styles are not text and are not listed.
A layout table that sets signature blocks side by side (a "By:" or "/s/" in two of its
columns) is read column by column, each party's block whole. Not yet: other text laid
out in several columns by a table (its cells run together), and lines of a paragraph as the printed page breaks them (HTML has none: a paragraph is
one line, so line hints count within it as one line).
"""

from __future__ import annotations

import re

from ..errors import DocumentError
from .report import Removed
from .structure import Line, Paragraph

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr table tbody thead tfoot blockquote center pre dd dt dl ul ol "
    "section article header footer body html title address".split()
)
_SKIP = frozenset("head script style noscript template".split())
_SGML = re.compile(
    r"^\s*</?(?:DOCUMENT|TYPE|SEQUENCE|FILENAME|DESCRIPTION|TEXT|SEC-DOCUMENT|SEC-HEADER)\b[^>]*>[^<]*$", re.I
)
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>")
_BREAK = "\f"  # a page break that markup (<hr>, a page-break style) made, for the text rules
_SPACE = re.compile(r"[\s\u00a0]+")
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
    pieces: list[list] = []  # [line, text] of the block being read

    def add(s: str, line: int) -> None:
        s = _SPACE.sub(" ", s)
        if not s:
            return
        if not pieces:
            pieces.append([line, ""])
        pieces[-1][1] += s

    def newline(line: int) -> None:
        pieces.append([line, ""])

    def flush() -> None:
        wrote = False
        for line, s in pieces:
            if s.strip():
                out.append((line, s.strip()))
                wrote = True
        if wrote:
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
        if tag in ("td", "th") and pieces:
            add(" ", line)
        if el.text:
            add(el.text, line)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return out, removed


_SIGNING = re.compile(r"\bBy\s*:|/s/", re.I)


def _cell_text(cell) -> str:
    return _SPACE.sub(" ", cell.text_content()).strip()


def _signature_tables(root) -> None:
    """A layout table that sets signature blocks side by side (a "By:" or "/s/" in two
    of its columns or more) is read column by column, each cell a block: the left
    party's block, then the next one's, as the text reader reads two columns. Other
    tables are read row by row."""
    from lxml import etree

    for table in list(root.iter("table")):
        rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
        grid = [[c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in rows]
        width = max((len(r) for r in grid), default=0)
        columns = [[r[k] for r in grid if k < len(r) and _cell_text(r[k])] for k in range(width)]
        columns = [c for c in columns if c]
        signing = [c for c in columns if any(_SIGNING.search(_cell_text(cell)) for cell in c)]
        parent = table.getparent()
        if len(signing) < 2 or parent is None:
            continue
        holder = etree.Element("div")
        holder.sourceline = table.sourceline
        for column in columns:
            for cell in column:
                block = etree.SubElement(holder, "div")
                block.sourceline = cell.sourceline
                block.text = cell.text
                for child in list(cell):
                    block.append(child)
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
    from .text import paragraphs as text_paragraphs

    lines, removed = _lines(name, text)
    where = [line for line, _ in lines]
    paras, furniture = text_paragraphs("\n".join(s for _, s in lines))

    def src(n: int) -> int:
        return where[n - 1] if 0 < n <= len(where) else n

    paras = [Paragraph(tuple(Line(src(ln.number), ln.text, ln.indent) for ln in p.lines), p.after_break) for p in paras]
    # the page breaks that markup made are not text of the document: not listed
    removed.extend(Removed(src(r.line), r.kind, r.text) for r in furniture if r.text != _BREAK)
    removed.sort(key=lambda r: r.line)
    return paras, removed
