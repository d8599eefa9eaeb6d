"""Readers: a file given as an agreement, in whatever form it was filed, into the model.

This is the one place where the reader is chosen. By extension: `.yaml` / `.yml` is
the agreement file format (readers/yaml.py); `.txt` is EDGAR plain text
(readers/text.py); `.htm` / `.html` EDGAR HTML (readers/html.py); `.md` /
`.markdown` Markdown (readers/markdown.py); `.docx` Word (readers/docx.py). A file
with no extension, another extension, or `-` (standard input) is chosen by its
content: YAML when its first line of substance is a `key:` line or `---`, Word when it
is a zip archive, HTML when it opens as HTML, plain text otherwise. A PDF, a legacy
.doc, binary data and an empty file are refused by content, whatever their extension,
each with its own message.

Every document reader feeds the shared recogniser of structure (readers/structure.py)
and returns, beside the agreement, a report of what it removed as page furniture and
what it could not place (readers/report.py): nothing is dropped silently.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, NamedTuple

from ..errors import DocumentError, InputError, Location, NoNumberedSections
from ..model import Agreement
from .yaml import STDIN, SourceText, agreement_from, read_source, source_of

if TYPE_CHECKING:  # the YAML path, which every command takes, does not pay for the report
    from .report import Report

YAML = "yaml"
TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
DOCX = "docx"
_BY_EXTENSION = {
    ".yaml": YAML,
    ".yml": YAML,
    ".txt": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".htm": HTML,
    ".html": HTML,
    ".docx": DOCX,
}
MAX_BYTES = 64 * 1024 * 1024  # a filed agreement is a few MB; refuse what cannot be one


class Reading(NamedTuple):
    """An agreement as read: its source, the model, the reader used, and its report."""

    source: SourceText
    agreement: Agreement
    reader: str  # "yaml", "text", "html", "markdown" or "docx"
    report: Report | None  # None for YAML, which has no furniture


DOCUMENT_EXTENSIONS = (".txt", ".htm", ".html", ".md", ".docx")
"""Extensions of the filed documents a reader takes (an agreement file is .yaml / .yml)."""


def find(arg: str) -> str:
    """An agreement's file: as yaml.find_agreement finds it (a path, "-", or
    agreements/<id>.yaml), or else a filed document agreements/<id>.txt."""
    from .yaml import find_agreement

    try:
        return find_agreement(arg)
    except InputError:
        for ext in DOCUMENT_EXTENSIONS:
            candidate = FsPath("agreements") / f"{arg}{ext}"
            if candidate.is_file():
                return str(candidate)
        raise


def reader_for(path: str) -> str | None:
    """The reader an extension names, or None when the content must decide."""
    if path == STDIN:
        return None
    return _BY_EXTENSION.get(FsPath(path).suffix.lower())


def read(path: str) -> Reading:
    """Read the agreement at `path` ("-" for standard input) with the reader that fits it."""
    chosen = reader_for(path)
    if chosen == YAML:
        src = read_source(path)
        return Reading(src, agreement_from(src), YAML, None)
    name = "<stdin>" if path == STDIN else path
    data = _bytes(path, name)
    if chosen is None:
        chosen = sniff(name, data)
    if chosen == YAML:
        src = read_source_bytes(name, data)
        return Reading(src, agreement_from(src), YAML, None)
    from ..cache import cached

    # a document read once is read back from the cache, keyed by its very bytes (as latin-1,
    # one character a byte) and by the readers' code, as a YAML file is
    return cached(f"document-{chosen}", name, data.decode("latin-1"), lambda: _document(name, data, chosen))


def _document(name: str, data: bytes, chosen: str) -> Reading:
    if chosen == DOCX:
        return read_docx_document(name, data)
    if chosen == HTML:
        return read_html_document(name, data)
    if chosen == MARKDOWN:
        return read_markdown_document(name, data)
    return read_text_document(name, data)


def _bytes(path: str, name: str) -> bytes:
    try:
        if path == STDIN:
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        p = FsPath(path)
        if p.is_file() and p.stat().st_size > MAX_BYTES:
            raise DocumentError(
                f"{name}: {p.stat().st_size // (1024 * 1024)} MB is too large to be an agreement "
                f"(at most {MAX_BYTES // (1024 * 1024)} MB)"
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not an agreement") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror})") from None


_YAML_START = r"^(?:---|%YAML|[A-Za-z_][A-Za-z0-9_\-]*:(?:\s|$))"  # compiled when first needed


def sniff(name: str, data: bytes) -> str:
    """The reader for a file by its content; DocumentError for what no reader takes."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        return DOCX
    _refuse_binary(name, data)
    if _looks_like_html(head):
        return HTML
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if re.match(_YAML_START, s):
            return YAML
        break
    return TEXT


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lstrip().lower()
    return (
        lowered.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<html" in lowered[:1024]
        or (b"<document>" in lowered[:512] and b"<html" in lowered)
    )


def _refuse_non_text(name: str, data: bytes) -> None:
    """Plain text only: HTML given as .txt or .md is said to be HTML."""
    _refuse_binary(name, data)
    if _looks_like_html(data[:2048]):
        raise DocumentError(
            f"{name}: this is HTML, not plain text",
            hint=f"name it {FsPath(name).stem}.htm, or give it on standard input, to read it as HTML",
        )


def _refuse_binary(name: str, data: bytes) -> None:
    """A PDF, a Word file, binary data or an empty file: each said plainly."""
    head = data[:2048]
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty", hint="give the agreement's text, YAML, or a .txt filing")
    if head.startswith(b"%PDF"):
        raise DocumentError(
            f"{name}: this is a PDF, which agreement does not read",
            hint="use the filing's text (.txt) or HTML version from EDGAR, or export the text",
        )
    if head.startswith(b"PK\x03\x04"):
        raise DocumentError(
            f"{name}: this is a zip archive (a Word .docx?), not text",
            hint=f"name it {FsPath(name).stem}.docx to read it as a Word document",
        )
    if head.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise DocumentError(
            f"{name}: this is a Word (.doc) or RTF file, which agreement does not read",
            hint="save it as plain text (.txt)",
        )
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise DocumentError(f"{name}: this is binary data, not the text of an agreement")


def _decode(name: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[data.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8", errors="replace")) + 1
        byte = data[e.start]
        likely = "Windows-1252" if 0x80 <= byte <= 0x9F else "Latin-1 or Windows-1252"
        raise DocumentError(
            f"the file is not UTF-8 text (byte 0x{byte:02x}; it looks like {likely})",
            location=Location(name, line, col),
            hint=f"convert it first, e.g. iconv -f {'windows-1252' if 'Windows' in likely else 'latin1'} -t utf-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_controls(name: str, text: str) -> None:
    """The rule every reader follows (characters.py): a control character has no place in an
    agreement's text and is refused at its place; a form feed is a page break, furniture."""
    from ..characters import first_control, why_refused

    at = first_control(text.replace("\f", " "))
    if at is None:
        return
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    raise DocumentError(
        why_refused(text[at]),
        location=Location(name, line, column),
        hint="delete it from the document; if a line break, tab or space was meant, write that instead",
    )


def _refuse_controls_in(name: str, paras: list) -> None:
    """The same rule for what every reader hands the recogniser (HTML, Markdown and Word
    text too): a control character is refused at the line that holds it."""
    from ..characters import first_control, why_refused

    for para in paras:
        for line in para.lines:
            at = first_control(line.text)
            if at is not None:
                raise DocumentError(
                    why_refused(line.text[at]),
                    location=Location(name, line.number, at + 1),
                    hint="delete it from the document; if a line break, tab or space was meant, write that instead",
                )


def read_source_bytes(name: str, data: bytes) -> SourceText:
    """YAML bytes read from standard input or a file of no known extension; a file that is
    not UTF-8 is refused as yaml.read_source refuses it (exit 3, at its line and column)."""
    return source_of(name, data)


def ident_for(name: str) -> str:
    """A document's id: its file name without the extension, as an id may be written."""
    stem = FsPath(name).stem if name != "<stdin>" else "agreement"
    return re.sub(r"[^A-Za-z0-9._\-]+", "-", stem).strip("-.") or "agreement"


def read_text_document(name: str, data: bytes) -> Reading:
    """EDGAR plain text: furniture removed, paragraphs joined, structure recognised."""
    from .text import paragraphs

    _refuse_non_text(name, data)
    text = _decode(name, data)
    _refuse_controls(name, text)
    paras, removed = paragraphs(text)
    return _recognised(name, text, paras, TEXT, removed=tuple(removed))


def read_markdown_document(name: str, data: bytes) -> Reading:
    """Markdown: each block a paragraph with its lines, furniture removed, structure recognised."""
    from .markdown import paragraphs

    _refuse_non_text(name, data)
    text = _decode(name, data)
    paras, unplaced, removed = paragraphs(text)
    return _recognised(name, text, paras, MARKDOWN, removed=tuple(removed), unplaced=tuple(unplaced))


def read_docx_document(name: str, data: bytes) -> Reading:
    """Word: paragraphs with the numbers Word generates, structure recognised."""
    from .docx import paragraphs

    if not data.strip():
        raise DocumentError(f"{name}: the file is empty", hint="give the agreement's Word document")
    paras, removed = paragraphs(name, data)
    return _recognised(name, "", paras, DOCX, removed=tuple(removed))


def read_html_document(name: str, data: bytes) -> Reading:
    """EDGAR HTML: blocks as lines, then the text reader's furniture and paragraphs."""
    from .html import paragraphs

    _refuse_binary(name, data)
    text = _decode(name, data)
    paras, removed = paragraphs(name, text)
    return _recognised(name, text, paras, HTML, removed=tuple(removed))


def _recognised(name: str, text: str, paras: list, reader: str, removed: tuple = (), unplaced: tuple = ()) -> Reading:
    from .report import Report
    from .structure import NoSections, recognise

    _refuse_controls_in(name, paras)
    ident = ident_for(name)
    try:
        got = recognise(paras, name=name, ident=ident, fallback_title=ident.replace("-", " ").title())
    except NoSections:
        raise NoNumberedSections(name) from None
    everything_unplaced = tuple(sorted((*unplaced, *got.unplaced), key=lambda u: u.line))
    report = Report(name, reader, removed, everything_unplaced, got.unsure)
    return Reading(SourceText(name, text), got.agreement, reader, report)


__all__ = [
    "Reading",
    "ident_for",
    "read",
    "read_docx_document",
    "read_html_document",
    "read_markdown_document",
    "read_text_document",
    "reader_for",
    "sniff",
]
