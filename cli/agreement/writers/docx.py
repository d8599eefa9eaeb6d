"""Word documents: the clean conformed copy (`apply --format docx`), and a redline in
which every change is a real tracked change (`w:ins` / `w:del`) whose author is the
amendment's title and whose date is its date, so that a lawyer can accept or reject
each one in Word. Both are written as OOXML with lxml into the package wordpackage.py
makes (python-docx's own template, saved as python-docx saves it), without importing
python-docx, and are the bytes python-docx's calls made. Output is byte-for-byte the
same for the same inputs."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml.etree import SubElement  # only a Word document imports this module

from ..analyses.redline import DELETE, EQUAL, INSERT, Redline, UnitRedline
from ..analyses.select import ConformedCopy, UnitView
from ..engine import AppliedChange
from ..model import Kind
from ..printed import blocks

FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)

WHOLE_DOCUMENT = True
"""A redline is the whole newer document with the changes tracked in place."""

ANNOTATES = True
"""The conformed copy can carry a note after each amended passage (`apply --annotate`)."""


def _document(title: str, subject: str):
    """A new Word document whose properties (File > Info) say what it is, and never when
    it was made: the same inputs give the same bytes. Its Normal style is Times New
    Roman, 12 points (wordpackage.py)."""
    from .wordpackage import WordDocument

    return WordDocument(
        _property(title),
        _property(subject),
        author="agreement",
        comments="made by agreement",
        created=FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _property(value: str) -> str:
    """A core property as Word allows it: at most 255 characters. Only this metadata (File >
    Info) is shortened; the title and every word of the text are written in full in the
    document itself."""
    return value if len(value) <= 255 else value[:254] + "\u2026"


# --- the clean conformed copy ------------------------------------------------------------
#
# Paragraphs and runs as python-docx's add_paragraph and add_run made them (the bytes
# are the same): a run's properties in the schema's order (bold, italic, colour, size,
# vertical alignment), bold=False written out as w:val="0".


def _run(
    p,
    text: str,
    *,
    bold: bool | None = None,
    italic: bool = False,
    colour: str | None = None,
    half_points: int | None = None,
    superscript: bool = False,
):
    r = _text_run(p, text, bold=bool(bold), italic=italic)
    if bold is False or colour or half_points or superscript:
        rpr = r.find(_W + "rPr")
        if rpr is None:
            rpr = r.makeelement(_W + "rPr")
            r.insert(0, rpr)
        if bold is False:
            rpr.insert(0, rpr.makeelement(_W + "b", {_W + "val": "0"}))
        if colour:
            SubElement(rpr, _W + "color", {_W + "val": colour})
        if half_points:
            SubElement(rpr, _W + "sz", {_W + "val": str(half_points)})
        if superscript:
            SubElement(rpr, _W + "vertAlign", {_W + "val": "superscript"})
    return r


def _paragraph(body: _Body, depth: int = 0):
    """A new paragraph, indented a quarter inch (360 twips) a level, at most four."""
    p = body.paragraph()
    if depth:
        SubElement(SubElement(p, _W + "pPr"), _W + "ind").set(_W + "left", str(360 * min(depth, 4)))
    return p


def _plain_unit(body: _Body, unit) -> None:
    for b in blocks(unit):
        p = _paragraph(body, b.depth)
        if b.label:
            _run(p, b.label, bold=True)
            if b.text:
                _run(p, " ")
        if b.lines:
            lines = b.text.split("\n")
            for i, line in enumerate(lines):
                run = _run(p, line)
                if i < len(lines) - 1:
                    SubElement(run, _W + "br")
        else:
            _run(p, b.text)


def render_document(copy: ConformedCopy) -> bytes:
    from .text import header

    doc = _document(copy.agreement.title, "conformed copy" if copy.notes is None else "annotated conformed copy")
    body = _Body(doc.body)
    lines = header(copy)
    if copy.through:  # the copy opens with it
        _run(body.paragraph(), copy.through, italic=True)
    _centred_title(body, lines)
    if copy.notes is None:
        _plain_unit(body, copy.agreement.root)
    else:
        _annotated(body, copy)
    return doc.save()


def _annotated(body: _Body, copy: ConformedCopy) -> None:
    """Notes in grey italic brackets after each amended place, or superscript numbers
    with the notes listed at the end."""
    from ..analyses.annotate import marked, numbered, split

    numbers, notes = numbered(copy.notes)

    def add(paragraph, pieces, bold: bool) -> None:
        for piece in pieces:
            if piece.text:
                _run(paragraph, marked(piece), bold=bold)
            if piece.note is not None:
                if copy.footnotes:
                    _run(paragraph, str(numbers[piece.note]), superscript=True)
                else:  # 9 points, grey
                    _run(paragraph, f" [{piece.note}]", italic=True, colour="555555", half_points=18)

    for b, pieces in copy.notes:
        if b is None:  # a unit deleted outright: a note where it stood
            add(body.paragraph(), pieces, False)
            continue
        p = _paragraph(body, b.depth)
        if b.label:
            head, tail = split(pieces, len(b.label) + (1 if b.text else 0))
            add(p, head, True)
            add(p, tail, False)
        else:
            add(p, pieces, False)
    if copy.footnotes and notes:
        _run(body.paragraph(), "NOTES", bold=True)
        for n, text in enumerate(notes, 1):
            _run(body.paragraph(), f"{n}. {text}.")


def render_unit(view: UnitView) -> bytes:
    from ..printed import deletion_line

    doc = _document(view.copy.agreement.title, f"{view.address} as amended")
    body = _Body(doc.body)
    if view.unit is None:
        line = deletion_line(view.address, view.deleted_by)
        p = body.paragraph()
        if line:
            _run(p, line)
    else:
        _plain_unit(body, view.unit)
    return doc.save()


# --- the redline with tracked changes -------------------------------------------------------
#
# Written with lxml into the package wordpackage.py opens, without python-docx: the same
# elements python-docx's calls would make, so the bytes are those it gave.


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Marks:
    """Numbers revisions and writes the redline's OOXML as text, parsed once into the
    document (render_redline): the elements python-docx's calls made, at a fraction of
    the cost of making them one by one."""

    def __init__(self) -> None:
        self.next_id = 1
        self._by: dict[int, str] = {}  # an amendment's author and date attributes, by id()

    def attrs(self, change: AppliedChange | None) -> str:
        """A revision's number, author (the amendment's title) and date, as attributes."""
        amendment = change.amendment if change else None
        signed = self._by.get(id(amendment))
        if signed is None:
            when = amendment.date if amendment else FIXED_TIME.date()
            author = amendment.title if amendment else "agreement"
            signed = f' w:author="{_attribute(author)}" w:date="{when.isoformat()}T00:00:00Z"'
            self._by[id(amendment)] = signed
        self.next_id += 1
        return f'w:id="{self.next_id - 1}"{signed}'

    def run(self, p: _Paragraph, text: str, op: str, change: AppliedChange | None, bold: bool) -> None:
        """One run, inside a tracked insertion or deletion unless its words are unchanged."""
        tag = "w:delText" if op == DELETE else "w:t"
        run = f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<{tag} xml:space="preserve">{_text(text)}</{tag}></w:r>'
        if op != EQUAL:
            kind = "w:del" if op == DELETE else "w:ins"
            run = f"<{kind} {self.attrs(change)}>{run}</{kind}>"
        p.runs.append(run)

    def mark(self, p: _Paragraph, op: str, change: AppliedChange | None) -> None:
        """Track the paragraph mark itself: a paragraph break inserted or deleted."""
        kind = "w:ins" if op == INSERT else "w:del"
        p.properties.append(f"<w:rPr><{kind} {self.attrs(change)}/></w:rPr>")


_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


def _text(words: str) -> str:
    """Words as XML character data that parses back to exactly these words (a carriage
    return would otherwise be read as a line feed). One scan a mark: str.translate would
    look up every character of the document."""
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    """A value as a double-quoted XML attribute that parses back to exactly this value
    (white space in attributes is otherwise normalised to spaces)."""
    return value.translate(_ATTRIBUTE)


class _Paragraph:
    """A redline paragraph being written: its properties (indent, tracked mark) and runs."""

    __slots__ = ("properties", "runs")

    def __init__(self, depth: int) -> None:
        # indented as _indent indents: a quarter inch (360 twips) a level, at most four
        self.properties: list[str] = [f'<w:ind w:left="{360 * min(depth, 4)}"/>'] if depth else []
        self.runs: list[str] = []

    def xml(self) -> str:
        if not self.properties and not self.runs:
            return "<w:p/>"
        head = f"<w:pPr>{''.join(self.properties)}</w:pPr>" if self.properties else ""
        return f"<w:p>{head}{''.join(self.runs)}</w:p>"


class _Body:
    """The document's body, which paragraphs are added to the end of (before the section
    properties, which close it)."""

    def __init__(self, body) -> None:
        self.body = body
        last = body[-1] if len(body) else None
        self.end = last if last is not None and last.tag == _W + "sectPr" else None

    def add(self, p) -> None:
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.body.append(p)

    def paragraph(self):
        """A new paragraph at the end."""
        p = self.body.makeelement(_W + "p")
        self.add(p)
        return p


def _text_run(p, text: str, *, bold: bool = False, italic: bool = False):
    """A run as python-docx's add_run writes one: a tab is w:tab, a line end w:br, and a
    w:t keeps its spaces (xml:space) only when it has some at either end."""
    r = SubElement(p, _W + "r")
    if bold or italic:
        rpr = SubElement(r, _W + "rPr")
        if bold:
            SubElement(rpr, _W + "b")
        if italic:
            SubElement(rpr, _W + "i")
    pending: list[str] = []

    def flush() -> None:
        if pending:
            words = "".join(pending)
            t = SubElement(r, _W + "t")
            t.text = words
            if len(words.strip()) < len(words):
                t.set(_XML_SPACE, "preserve")
            pending.clear()

    for char in text:
        if char == "\t" or char in "\r\n":
            flush()
            SubElement(r, _W + ("tab" if char == "\t" else "br"))
        else:
            pending.append(char)
    flush()
    return r


def _centred_title(body: _Body, lines: list[str]) -> None:
    """As _title: the first line bold, the others italic, every line centred."""
    for i, line in enumerate(lines):
        p = body.paragraph()
        SubElement(SubElement(p, _W + "pPr"), _W + "jc").set(_W + "val", "center")
        _text_run(p, line, bold=i == 0, italic=i > 0)


def _redline_unit(out: list[_Paragraph], unit: UnitRedline, marks: _Marks) -> None:
    """The unit's paragraphs with tracked runs; a paragraph break inside an insertion or
    deletion is a tracked paragraph mark, and so is the unit's last when it was added or
    deleted whole."""
    from .redmarks import parts

    pieces = [(seg, part == "caption") for seg, part in parts(unit, spaced=True)]
    p = _Paragraph(unit.depth)
    out.append(p)
    for seg, bold in pieces:
        chunks = seg.text.split("\n\n")
        for k, chunk in enumerate(chunks):
            if k:
                if seg.op != EQUAL:
                    marks.mark(p, seg.op, seg.change)
                p = _Paragraph(unit.depth)
                out.append(p)
            if chunk:
                lines = chunk.split("\n") if unit.kind is Kind.SIGNATURES else [chunk]
                for i, line in enumerate(lines):
                    marks.run(p, line, seg.op, seg.change, bold)
                    if i < len(lines) - 1:
                        p.runs.append("<w:r><w:br/></w:r>")
    if unit.status in ("added", "deleted"):
        change = unit.changes[0] if unit.changes else None
        marks.mark(p, INSERT if unit.status == "added" else DELETE, change)


_NOT_XML = None  # the characters XML 1.0 does not allow, compiled when first needed


def _insert(doc, paragraphs: list[_Paragraph]) -> None:
    """The paragraphs, as XML, put at the end of the document's body. They are written
    exactly as lxml writes the same elements (the escaping above; an empty paragraph
    <w:p/>, an empty run of words <w:t ...></w:t>), so they are spliced into the saved
    document as they are, neither parsed nor serialized again. A character XML does not
    allow is refused as lxml refuses it when an element's text is set."""
    global _NOT_XML
    import re

    words = "".join(p.xml() for p in paragraphs)
    if _NOT_XML is None:
        _NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    bad = _NOT_XML.search(words)
    if bad:
        raise ValueError(
            f"All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters ({bad.group()!r})"
        )
    doc.append_xml(words)


def render_redline(r: Redline, full: bool = True) -> bytes:
    """The newer version as a Word document, every change a tracked change; the whole
    document always (Word shows the changes in place)."""
    from .text import compared

    agreement = r.history.original.agreement
    older, newer = compared(r)
    doc = _document(agreement.title, f"redline from {older} to {newer}")
    body = _Body(doc.body)
    _centred_title(body, [agreement.title.upper(), f"From: {older}", f"To: {newer}"])
    marks = _Marks()
    paragraphs: list[_Paragraph] = []
    for unit in r.units:
        _redline_unit(paragraphs, unit, marks)
    _insert(doc, paragraphs)
    return doc.save()
