"""Word documents are written without python-docx, and give the bytes python-docx gave.

writers/wordpackage.py opens python-docx's default template and saves it as python-docx
saves it; writers/docx.py writes paragraphs as python-docx's calls would. The package
and the title paragraphs are checked here against python-docx itself (every member of
the zip, in order), and the example's Word files, byte for byte, against golden files
made by the python-docx writer before the change (tests/golden/symphony-exchange/word/,
commit ae1de66).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.writers import docx
from agreement.writers.wordpackage import WordDocument

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "symphony-exchange" / "word"

TITLES = [
    ("Securities Exchange Agreement", "redline from the original to the latest"),
    ('Fees & "Costs" <Schedule 1>', "subject"),
    ("Long " * 60, "subject " * 40),  # shortened to 255 characters in the properties
    ("Accord \u00e9tabli \u2014 \u00a7 8.4", "\u201cquoted\u201d"),
]


def _with_python_docx(title: str, subject: str, lines: list[str] | None = None) -> list[tuple[str, bytes]]:
    """The document as the writer made it with python-docx (before it wrote the package
    itself): each zip member's name and content, in order."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    props = doc.core_properties
    props.author = props.last_modified_by = "agreement"
    props.created = props.modified = docx.FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    props.title, props.subject = docx._property(title), docx._property(subject)
    props.comments = "made by agreement"
    for i, line in enumerate(lines or []):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold, run.italic = (True, None) if i == 0 else (None, True)
    out = io.BytesIO()
    doc.save(out)
    return _members(out.getvalue())


def _members(data: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(name, z.read(name)) for name in z.namelist()]


def _without(title: str, subject: str, lines: list[str] | None = None) -> list[tuple[str, bytes]]:
    doc = docx._document(title, subject)
    if lines:
        docx._centred_title(docx._Body(doc.body), lines)
    return _members(doc.save())


@pytest.mark.parametrize(("title", "subject"), TITLES)
def test_an_empty_document_holds_what_python_docx_writes(title: str, subject: str) -> None:
    assert _without(title, subject) == _with_python_docx(title, subject)


@pytest.mark.parametrize(
    "lines",
    [
        ["SECURITIES EXCHANGE AGREEMENT", "From: the original", "To: the latest"],
        ["  spaced at both ends  ", "a\ttab", "two\nlines\r\nand a carriage return"],
        ["\t", "\n", "", "x"],
        ['R&D "Agreement" <draft>', "\u00a7 8.4 \u2014 caf\u00e9"],
    ],
)
def test_the_title_lines_are_written_as_python_docx_writes_them(lines: list[str]) -> None:
    assert _without("T", "S", lines) == _with_python_docx("T", "S", lines)


WORD = {
    "redline-0-to-2.docx": ["redline", "symphony-exchange", "--format", "docx"],
    "redline-1-to-2.docx": ["redline", "symphony-exchange", "--from", "amendment-no-1", "--format", "docx"],
    "redline-13.4.docx": [
        "redline",
        "symphony-exchange",
        "--through",
        "amendment-no-1",
        "--section",
        "13.4",
        "--format",
        "docx",
    ],
    "conformed.docx": ["apply", "symphony-exchange", "--format", "docx"],
    "annotated.docx": ["apply", "symphony-exchange", "--annotate", "--format", "docx"],
    "annotated-footnotes.docx": ["apply", "symphony-exchange", "--annotate", "--footnotes", "--format", "docx"],
    "section-13.4.docx": ["show", "symphony-exchange", "--section", "13.4", "--format", "docx"],
    "definition.docx": ["show", "symphony-exchange", "--section", "definition:Notes", "--format", "docx"],
    "signatures.docx": ["show", "symphony-exchange", "--section", "signatures", "--format", "docx"],
}


@pytest.mark.parametrize("name", sorted(WORD))
def test_the_examples_word_files_are_the_golden_bytes(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / name
    result = CliRunner().invoke(app, [*WORD[name], "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (GOLDEN / name).read_bytes()


def test_the_golden_redline_is_a_word_document_with_tracked_changes() -> None:
    """What the golden bytes hold, read back (so the golden file is not merely echoed)."""
    from docx import Document

    data = (GOLDEN / "redline-13.4.docx").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("<w:ins ") == 3
    assert 'w:author="Amendment No. 1 to Securities Exchange Agreement"' in xml
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[0] == "SECURITIES EXCHANGE AGREEMENT"
    assert any(p.startswith("13.4 AMENDMENTS AND WAIVERS.") for p in paragraphs)


@pytest.mark.parametrize("name", ["redline-0-to-2.docx", "annotated-footnotes.docx"])
def test_a_word_document_does_not_import_python_docx(name: str, tmp_path: Path) -> None:
    env = {**os.environ, "AGREEMENT_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "agreement", *WORD[name][:-2], "-f", "docx"]
        + ["-o", str(tmp_path / name)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-500:]
    imported = set(re.findall(r"^import time:.*\|\s*(\S+)\s*$", done.stderr, re.M))
    assert "lxml.etree" in imported
    assert not {m for m in imported if m == "docx" or m.startswith("docx.")}
    assert (tmp_path / name).read_bytes() == (GOLDEN / name).read_bytes()


# --- the redline's paragraphs are written as text and parsed at once --------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

_XML_CHARS = st.characters(
    codec="utf-8",
    categories=None,
    exclude_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"],
)


@given(st.text(_XML_CHARS))
def test_words_and_attributes_written_as_text_parse_back_to_themselves(words: str) -> None:
    element = etree.fromstring(f'<a b="{docx._attribute(words)}">{docx._text(words)}</a>')
    assert element.get("b") == words
    assert (element.text or "") == words


def _one_paragraph(*runs: tuple[str, str], author: str | None = None) -> str:
    from datetime import date
    from types import SimpleNamespace

    doc = WordDocument("T", "S", author="a", comments="c", created="2000-01-01T00:00:00Z")
    marks = docx._Marks()
    p = docx._Paragraph(2)
    change = (
        None if author is None else SimpleNamespace(amendment=SimpleNamespace(title=author, date=date(2002, 2, 21)))
    )
    for words, op in runs:
        marks.run(p, words, op, change, False)
    marks.mark(p, "insert", change)
    docx._insert(doc, [p])
    xml = zipfile.ZipFile(io.BytesIO(doc.save())).read("word/document.xml").decode()
    return xml[xml.index("<w:body>") : xml.index("<w:sectPr")]


def _as_lxml_writes_it(xml: str) -> str:
    """The same body parsed and written again by lxml (an empty text set as it was set)."""
    root = etree.fromstring(f'<w:body xmlns:w="{docx._W[1:-1]}">{xml[len("<w:body>") :]}</w:body>')
    for t in root.iter(docx._W + "t", docx._W + "delText"):
        if t.text is None:
            t.text = ""
    written = etree.tostring(root, encoding="unicode")
    return "<w:body>" + written[written.index(">") + 1 : -len("</w:body>")]


@given(st.text(_XML_CHARS), st.text(_XML_CHARS), st.text(_XML_CHARS))
def test_paragraphs_written_as_text_are_what_lxml_writes(first: str, second: str, author: str) -> None:
    xml = _one_paragraph((first, "equal"), (second, "insert"), author=author)
    assert xml == _as_lxml_writes_it(xml)
    empty = "<w:body>" + docx._Paragraph(0).xml() + docx._Paragraph(1).xml()
    assert empty == _as_lxml_writes_it(empty)


def test_a_run_of_no_words_is_an_empty_text_as_before() -> None:
    """lxml writes an element whose text was set to "" as <w:t></w:t>, not <w:t/>; so did
    the redline when it set each run's text, and so it still does."""
    xml = _one_paragraph(("", "equal"), ("x", "delete"))
    assert '<w:t xml:space="preserve"></w:t>' in xml
    assert '<w:delText xml:space="preserve">x</w:delText>' in xml
    assert xml.index("<w:ind ") < xml.index("<w:rPr><w:ins ")  # the mark after the indent


def test_a_character_xml_does_not_allow_is_refused_as_lxml_refuses_it() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        _one_paragraph(("bell \x07", "equal"))
