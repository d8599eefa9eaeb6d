"""Amendments as filed, end to end: `agreement compile`, and every command given an
amendment document, which it compiles on the fly and refuses to apply half-read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

ROOT = Path(__file__).resolve().parents[2]
BASE = "agreements/symphony-exchange.yaml"
FILED = "amendments/symphony-exchange/filed/amendment-no-1.txt"
HAND = "amendments/symphony-exchange/001-amendment-no-1.yaml"
SECOND = "amendments/symphony-exchange/002-amendment-no-2.yaml"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(autouse=True)
def _at_root(at_root):
    return at_root


def test_the_filed_seed_applied_directly_gives_the_hand_made_conformed_copy():
    filed = run("apply", BASE, FILED)
    hand = run("apply", BASE, HAND)
    assert filed.exit_code == 0, filed.stderr
    assert filed.stdout == hand.stdout


def test_a_filed_amendment_and_a_yaml_one_apply_in_sequence():
    # the filed Amendment No. 1 then the illustrative No. 2 (YAML): 13.4 as amended by both
    got = run("show", BASE, FILED, SECOND, "--section", "13.4", "--format", "json")
    want = run("show", BASE, HAND, SECOND, "--section", "13.4", "--format", "json")
    assert got.exit_code == 0, got.stderr
    assert json.loads(got.stdout)["text"] == json.loads(want.stdout)["text"]
    assert "Section 8.4 or Section 8.5 hereof." in json.loads(got.stdout)["text"]


def test_compile_writes_the_amendment_file_that_applies_to_the_same_copy(tmp_path):
    out = tmp_path / "001-amendment-no-1.yaml"
    done = run("compile", FILED, "--agreement", BASE, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    text = out.read_text()
    assert "# Section 3(a). inserting the following text immediately after the words" in text
    assert "op: insert_at_sentence_end" in text and "as_conformed:" in text
    assert run("apply", BASE, str(out)).stdout == run("apply", BASE, HAND).stdout


def test_compile_reports_operations_notes_and_nothing_to_review():
    done = run("compile", FILED, "-a", BASE, "--report", "json")
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert data["schema"] == "agreement.compiled/1"
    assert data["needs_review"] == []
    assert [c["source"] for c in data["changes"]] == [
        "Section 1",
        "Section 2",
        "Section 2",
        "Section 3(a)",
        "Section 3(b)",
        "Section 3(c)",
    ]
    assert [n["kind"] for n in data["notes"]][:2] == ["consent", "representation"]
    assert all(c["words"] for c in data["changes"])
    page = run("compile", FILED, "-a", BASE, "--report", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page
    assert "<ins>" in page and "Section 3(b)." in page


UNREADABLE = """                          AMENDMENT NO. 1 TO
                          SECURITIES EXCHANGE AGREEMENT

     This AMENDMENT NO. 1 (this "AMENDMENT") dated as of March 3, 2003, is by and
among the parties to the Securities Exchange Agreement.

     Section 1.   AMENDMENT TO SECTION 13.4. Section 13.4 of the Agreement is
hereby amended by frobnicating the words "Required Holders" therein.

     Section 2.   AMENDMENT TO SECTION 8.4. Section 8.4 of the Agreement is hereby
amended by deleting the words "$13,650,000" and inserting "$14,000,000" in lieu
thereof.

     Section 3.   COUNTERPARTS. This Amendment may be executed in counterparts.
"""


def test_an_instruction_the_compiler_cannot_read_stops_every_command(tmp_path):
    doc = tmp_path / "amendment-1.txt"
    doc.write_text(UNREADABLE)
    for command in (("apply",), ("show", "--section", "8.4"), ("redline",), ("check",)):
        name, *rest = command
        done = run(name, BASE, str(doc), *rest)
        assert done.exit_code == 11, (command, done.exit_code, done.stderr)
        assert done.stdout == ""  # nothing half-applied
        assert "Section 1:" in done.stderr and "agreement compile" in done.stderr
        # each instruction to review at the file and line its words begin on
        assert f"{doc}:7: Section 1: " in done.stderr, done.stderr
    # the compiler still writes what it read, and says what needs review
    out = tmp_path / "amendment-1.yaml"
    done = run("compile", str(doc), "-a", BASE, "-o", str(out))
    assert done.exit_code == 11
    assert f"{doc}:7: Section 1: " in done.stderr
    text = out.read_text()
    assert "# NEEDS REVIEW: 1 instruction(s)" in text
    assert "words: $13,650,000" in text and "with: $14,000,000" in text
    data = json.loads(run("compile", str(doc), "-a", BASE, "--report", "json").stdout)
    assert [f["source"] for f in data["needs_review"]] == ["Section 1"]


def test_an_anchor_that_is_not_there_is_a_finding_not_a_guess(tmp_path):
    doc = tmp_path / "amendment-1.txt"
    doc.write_text(UNREADABLE.replace("frobnicating", "deleting").replace('"Required Holders"', '"Requisite Lenders"'))
    data = json.loads(run("compile", str(doc), "-a", BASE, "--report", "json").stdout)
    assert [f["source"] for f in data["needs_review"]] == ["Section 1"]
    assert "Requisite Lenders" in data["needs_review"][0]["reason"]


def test_compile_says_what_a_yaml_file_given_as_the_amendment_is():
    done = run("compile", HAND, "-a", BASE)
    assert done.exit_code == 2
    assert "already an amendment file (YAML); there is nothing to compile" in done.stderr
    assert f"agreement apply {BASE} {HAND}" in done.stderr
    done = run("compile", BASE, "-a", BASE)
    assert done.exit_code == 2
    assert "this is an agreement file (YAML), not an amendment" in done.stderr


def _seed_as(fmt: str, folder: Path) -> Path:
    """The filed seed in another form a user may hold it in: EDGAR HTML (<pre>), Word, Markdown."""
    import html
    import re

    text = (ROOT / FILED).read_text()
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("<Page>", "")) if p.strip()]
    path = folder / f"amendment-1.{fmt}"
    if fmt == "htm":
        path.write_text(f"<html><body><pre>{html.escape(text)}</pre></body></html>")
    elif fmt == "md":
        path.write_text("\n\n".join(paras) + "\n")
    else:
        import docx

        doc = docx.Document()
        for p in paras:
            doc.add_paragraph(p)
        doc.save(str(path))
    return path


@pytest.mark.parametrize("fmt", ["htm", "md", "docx"])
def test_the_seed_as_html_markdown_or_word_gives_the_same_conformed_copy(fmt, tmp_path):
    done = run("apply", BASE, str(_seed_as(fmt, tmp_path)))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == run("apply", BASE, HAND).stdout  # its title too, not its "EXHIBIT 10.42" legend
