"""Word documents: the clean conformed copy (`apply --format docx`), and a redline in
which every change is a real tracked change (`w:ins` / `w:del`) whose author is the
amendment's title and whose date is its date, so that a lawyer can accept or reject
each one in Word. python-docx builds the conformed copy; the redline is written as
OOXML with lxml into the package wordpackage.py makes (python-docx's own template,
saved as python-docx saves it), so it does not import python-docx. Output is
byte-for-byte the same for the same inputs."""

from __future__ import annotations

import io
import zipfile
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
    it was made: the same inputs give the same bytes."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    props = doc.core_properties
    props.author = "agreement"
    props.last_modified_by = "agreement"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    props.title = _property(title)
    props.subject = _property(subject)
    props.comments = "made by agreement"
    return doc


def _property(value: str) -> str:
    """A core property as Word allows it: at most 255 characters. Only this metadata (File >
    Info) is shortened; the title and every word of the text are written in full in the
    document itself."""
    return value if len(value) <= 255 else value[:254] + "\u2026"


def _indent(paragraph, depth: int) -> None:
    """A quarter inch a level (457200 EMU an inch), at most four levels."""
    paragraph.paragraph_format.left_indent = 457200 * min(depth, 4) // 2


def _title(doc, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head, *rest = lines
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(head).bold = True
    for line in rest:
        q = doc.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        q.add_run(line).italic = True


def _save(doc) -> bytes:
    """The document's bytes with every zip entry dated alike, so output is reproducible.

    The package's parts are written straight into the zip, in the order and with the
    names python-docx gives them (as `doc.save` would), compressed once: saving with
    `doc.save` and rewriting the zip with fixed dates compressed every part twice."""
    from docx.opc.pkgwriter import _ContentTypesItem

    package = doc.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:

        def put(name: str, data: bytes) -> None:
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)

        put("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob)
        put("_rels/.rels", package.rels.xml)
        for part in parts:
            put(part.partname.membername, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


# --- the clean conformed copy ------------------------------------------------------------


def _plain_unit(doc, unit) -> None:
    for b in blocks(unit):
        p = doc.add_paragraph()
        if b.depth:
            _indent(p, b.depth)
        if b.label:
            p.add_run(b.label).bold = True
            if b.text:
                p.add_run(" ")
        if b.lines:
            lines = b.text.split("\n")
            for i, line in enumerate(lines):
                run = p.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        else:
            p.add_run(b.text)


def render_document(copy: ConformedCopy) -> bytes:
    from .text import header

    doc = _document(copy.agreement.title, "conformed copy" if copy.notes is None else "annotated conformed copy")
    lines = header(copy)
    if copy.through:  # the copy opens with it
        doc.add_paragraph().add_run(copy.through).italic = True
    _title(doc, lines)
    if copy.notes is None:
        _plain_unit(doc, copy.agreement.root)
    else:
        _annotated(doc, copy)
    return _save(doc)


def _annotated(doc, copy: ConformedCopy) -> None:
    """Notes in grey italic brackets after each amended place, or superscript numbers
    with the notes listed at the end."""
    from docx.shared import Pt, RGBColor

    from ..analyses.annotate import marked, numbered, split

    numbers, notes = numbered(copy.notes)

    def add(paragraph, pieces, bold: bool) -> None:
        for piece in pieces:
            if piece.text:
                run = paragraph.add_run(marked(piece))
                run.bold = bold
            if piece.note is not None:
                if copy.footnotes:
                    mark = paragraph.add_run(str(numbers[piece.note]))
                    mark.font.superscript = True
                else:
                    note = paragraph.add_run(f" [{piece.note}]")
                    note.italic = True
                    note.font.size = Pt(9)
                    note.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    for b, pieces in copy.notes:
        p = doc.add_paragraph()
        if b is None:  # a unit deleted outright: a note where it stood
            add(p, pieces, False)
            continue
        if b.depth:
            _indent(p, b.depth)
        if b.label:
            head, tail = split(pieces, len(b.label) + (1 if b.text else 0))
            add(p, head, True)
            add(p, tail, False)
        else:
            add(p, pieces, False)
    if copy.footnotes and notes:
        doc.add_paragraph().add_run("NOTES").bold = True
        for n, text in enumerate(notes, 1):
            doc.add_paragraph(f"{n}. {text}.")


def render_unit(view: UnitView) -> bytes:
    from ..printed import deletion_line

    doc = _document(view.copy.agreement.title, f"{view.address} as amended")
    if view.unit is None:
        doc.add_paragraph(deletion_line(view.address, view.deleted_by))
    else:
        _plain_unit(doc, view.unit)
    return _save(doc)


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


def _text_run(p, text: str, *, bold: bool = False, italic: bool = False) -> None:
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
    from .wordpackage import WordDocument

    agreement = r.history.original.agreement
    older, newer = compared(r)
    doc = WordDocument(
        _property(agreement.title),
        _property(f"redline from {older} to {newer}"),
        author="agreement",
        comments="made by agreement",
        created=FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    body = _Body(doc.body)
    _centred_title(body, [agreement.title.upper(), f"From: {older}", f"To: {newer}"])
    marks = _Marks()
    paragraphs: list[_Paragraph] = []
    for unit in r.units:
        _redline_unit(paragraphs, unit, marks)
    _insert(doc, paragraphs)
    return doc.save()
