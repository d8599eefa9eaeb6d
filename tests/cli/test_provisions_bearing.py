"""`show` tells the reader of one section of an amendment's provision that names it (or a
term it defines) without changing its words: "Notwithstanding anything to the contrary in
Section 2 ..." leaves Section 2's words as signed, but not its meaning."""

from __future__ import annotations

from typer.testing import CliRunner

from agreement.app import app
from tests.compiler.test_new_clause_findings import AGREEMENT

AMENDMENT = """\
                      FIRST AMENDMENT TO SUPPLY AGREEMENT

     This FIRST AMENDMENT (this "Amendment") is made as of March 1, 2021, by and
between Quarry Stone Works, Inc. ("Supplier") and Lantern Builders LLC ("Buyer").

     1.  Delivery. Notwithstanding anything to the contrary in Section 2 of the
Agreement, no delivery shall be made on a public holiday.

     2.  Notices. Section 3 of the Agreement is hereby amended by replacing "in writing"
with "in writing and in English".

     3.  Effect. Except as amended hereby, Section 3 and every other provision of the
Agreement remain in full force and effect.
"""


def _show(tmp_path, section: str):
    (tmp_path / "supply.txt").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "first.txt").write_text(AMENDMENT, encoding="utf-8")
    return CliRunner().invoke(
        app, ["show", str(tmp_path / "supply.txt"), str(tmp_path / "first.txt"), "--section", section]
    )


def test_a_provision_that_names_the_section_without_changing_it_is_told(tmp_path):
    done = _show(tmp_path, "2")
    assert done.exit_code == 0, done.output
    assert "First Amendment to Supply Agreement, Section 1, bears on Section 2" in done.stderr
    assert "no delivery shall be made on a public holiday" in done.stderr
    assert "holiday" not in done.stdout  # the words stay as signed; standard output stays the section


def test_the_ratification_and_other_sections_are_not_told(tmp_path):
    for section in ("3", "2(a)"):
        done = _show(tmp_path, section)
        assert done.exit_code == 0, done.output
        assert ("bears on" in done.stderr) == (section == "2(a)")  # a part of Section 2 is told too


def test_sections_cited_together_are_each_told(tmp_path):
    (tmp_path / "supply.txt").write_text(AGREEMENT, encoding="utf-8")
    listed = AMENDMENT.replace("in Section 2 of the\nAgreement,", "in Sections 1 and 2 of the\nAgreement,")
    (tmp_path / "first.txt").write_text(listed, encoding="utf-8")
    done = CliRunner().invoke(
        app, ["show", str(tmp_path / "supply.txt"), str(tmp_path / "first.txt"), "--section", "1"]
    )
    assert done.exit_code == 0, done.output
    assert "Section 1, bears on Section 1" in done.stderr
