"""Figures set raised or lowered (a fraction "66<sup>2/3</sup>%", Word's superscript run)
are kept apart from the figure before them. Found red-teaming: an HTML amendment's
"66<sup>2/3</sup>%" was read as "662/3%", another number, and compiled with no finding."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from agreement.app import app

HTML = """<html><body>
<p><b>CONSENT AGREEMENT</b></p>
<p>This CONSENT AGREEMENT is made as of May 1, 2020 by Rowan Mills LLC and Tansy Freight Inc.</p>
<p><b>1. Approval.</b> Any decision requires Members holding 66<sup>2/3</sup>% of the interests,
and the 1<sup>st</sup> meeting is held in May.</p>
<p><b>2. Term.</b> This Agreement ends on May 1, 2030.</p>
</body></html>
"""


def _section_one(path: Path) -> str:
    done = CliRunner().invoke(app, ["show", str(path), "--section", "1"])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_a_raised_fraction_in_html_does_not_run_into_the_figure_before_it(tmp_path):
    path = tmp_path / "consent.htm"
    path.write_text(HTML, encoding="utf-8")
    shown = _section_one(path)
    assert "66 2/3%" in shown
    assert "1st meeting" in shown


def test_a_superscript_run_in_word_does_not_run_into_the_figure_before_it(tmp_path):
    doc = Document()
    doc.add_paragraph("CONSENT AGREEMENT")
    doc.add_paragraph("This CONSENT AGREEMENT is made as of May 1, 2020 by Rowan Mills LLC and Tansy Freight Inc.")
    p = doc.add_paragraph("1. Approval. Any decision requires Members holding 66")
    p.add_run("2/3").font.superscript = True
    p.add_run("% of the interests, and the 1")
    p.add_run("st").font.superscript = True
    p.add_run(" meeting is held in May.")
    doc.add_paragraph("2. Term. This Agreement ends on May 1, 2030.")
    path = tmp_path / "consent.docx"
    doc.save(str(path))
    shown = _section_one(path)
    assert "66 2/3%" in shown
    assert "1st meeting" in shown


def test_a_companys_form_stays_upper_case_in_a_title_read_from_capitals(tmp_path):
    """Found red-teaming: "SILVERFERN HOLDINGS LLC" in a title came out "Silverfern Holdings Llc"."""
    path = tmp_path / "llc.txt"
    path.write_text(
        "            LIMITED LIABILITY COMPANY AGREEMENT OF SILVERFERN HOLDINGS LLC\n\n"
        "     This Agreement is made as of May 1, 2020 by Rowan Mills LLC.\n\n"
        "     1. Purpose. The Company may engage in any lawful business.\n\n"
        "     2. Term. The Company shall continue until dissolved.\n",
        encoding="utf-8",
    )
    done = CliRunner().invoke(app, ["import", str(path)])
    assert done.exit_code == 0, done.output
    assert "title: Limited Liability Company Agreement of Silverfern Holdings LLC" in done.stdout
