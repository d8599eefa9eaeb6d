"""Word documents: the clean conformed copy (`apply --format docx`), and a redline in
which every change is a real tracked change (`w:ins` / `w:del`) whose author is the
amendment's title and whose date is its date, so that a lawyer can accept or reject
each one in Word. python-docx builds the document; the revision marks it lacks are
written here as OOXML. Output is byte-for-byte the same for the same inputs."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Marks:
    """Numbers revisions and writes their OOXML."""

    def __init__(self) -> None:
        self.next_id = 1

    def attrs(self, el, change: AppliedChange | None) -> None:
        el.set(_W + "id", str(self.next_id))
        self.next_id += 1
        el.set(_W + "author", change.amendment.title if change else "agreement")
        when = change.amendment.date if change else FIXED_TIME.date()
        el.set(_W + "date", f"{when.isoformat()}T00:00:00Z")

    def run(self, paragraph, text: str, op: str, change: AppliedChange | None, bold: bool) -> None:
        """One run, inside a tracked insertion or deletion unless its words are unchanged;
        built with lxml directly (python-docx's element factory cost a third of the writer)."""
        from lxml import etree

        parent = paragraph._p
        if op != EQUAL:
            parent = etree.SubElement(parent, _W + ("del" if op == DELETE else "ins"))
            self.attrs(parent, change)
        r = etree.SubElement(parent, _W + "r")
        if bold:
            etree.SubElement(etree.SubElement(r, _W + "rPr"), _W + "b")
        t = etree.SubElement(r, _W + ("delText" if op == DELETE else "t"))
        t.set(_XML_SPACE, "preserve")
        t.text = text

    def mark(self, paragraph, op: str, change: AppliedChange | None) -> None:
        """Track the paragraph mark itself: a paragraph break inserted or deleted."""
        from docx.oxml import OxmlElement

        ppr = paragraph._p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        el = OxmlElement("w:ins" if op == INSERT else "w:del")
        self.attrs(el, change)
        rpr.append(el)
        ppr.append(rpr)


def _redline_unit(doc, unit: UnitRedline, marks: _Marks) -> None:
    """The unit's paragraphs with tracked runs; a paragraph break inside an insertion or
    deletion is a tracked paragraph mark, and so is the unit's last when it was added or
    deleted whole."""
    from .redmarks import parts

    pieces = [(seg, part == "caption") for seg, part in parts(unit, spaced=True)]
    p = _paragraph(doc, unit.depth)
    for seg, bold in pieces:
        chunks = seg.text.split("\n\n")
        for k, chunk in enumerate(chunks):
            if k:
                if seg.op != EQUAL:
                    marks.mark(p, seg.op, seg.change)
                p = _paragraph(doc, unit.depth)
            if chunk:
                lines = chunk.split("\n") if unit.kind is Kind.SIGNATURES else [chunk]
                for i, line in enumerate(lines):
                    marks.run(p, line, seg.op, seg.change, bold)
                    if i < len(lines) - 1:
                        _line_break(p)
    if unit.status in ("added", "deleted"):
        change = unit.changes[0] if unit.changes else None
        marks.mark(p, INSERT if unit.status == "added" else DELETE, change)


class _Paragraph:
    """A paragraph the redline writes into: its w:p element, as python-docx's Paragraph has it."""

    __slots__ = ("_p",)

    def __init__(self, p: Any) -> None:
        self._p = p


def _paragraph(doc, depth: int) -> _Paragraph:
    """A new paragraph at the end of the body, indented as _indent indents (a quarter inch,
    360 twips, a level, at most four), written as python-docx writes one, without its
    element factory (which cost a third of the redline's time)."""
    from lxml import etree

    body = doc.element.body
    p = body.makeelement(_W + "p")
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _W + "sectPr":
        last.addprevious(p)
    else:
        body.append(p)
    if depth:
        etree.SubElement(etree.SubElement(p, _W + "pPr"), _W + "ind").set(_W + "left", str(360 * min(depth, 4)))
    return _Paragraph(p)


def _line_break(paragraph) -> None:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    paragraph._p.append(r)


def render_redline(r: Redline, full: bool = True) -> bytes:
    """The newer version as a Word document, every change a tracked change; the whole
    document always (Word shows the changes in place)."""
    from .text import compared

    agreement = r.history.original.agreement
    older, newer = compared(r)
    doc = _document(agreement.title, f"redline from {older} to {newer}")
    _title(doc, [agreement.title.upper(), f"From: {older}", f"To: {newer}"])
    marks = _Marks()
    for unit in r.units:
        _redline_unit(doc, unit, marks)
    return _save(doc)
