"""An instruction outside the amendment's numbered sections is a finding, never passed
over. Found on an amendment written apart from the grammar whose numbered paragraphs began
at 2: the reader left them in the preamble, and `compile` printed no change, no finding,
exit 0, and `show` the agreement as if never amended."""

from __future__ import annotations

from typer.testing import CliRunner

from agreement.app import app
from tests.compiler.test_new_clause_findings import AGREEMENT

HEAD = """\
                      FIRST AMENDMENT TO SUPPLY AGREEMENT

     This FIRST AMENDMENT (this "Amendment") is made as of March 1, 2021, by and
between Quarry Stone Works, Inc. ("Supplier") and Lantern Builders LLC ("Buyer").

     WHEREAS, Section 3 of the Agreement provides that the Agreement shall be amended only
by a writing signed by both parties; and

     WHEREAS, the parties desire to amend the Agreement as set forth herein.

     NOW, THEREFORE, the parties agree that the Agreement is hereby amended as follows:

"""


def _run(tmp_path, body: str, *command: str):
    (tmp_path / "supply.txt").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "first.txt").write_text(HEAD + body, encoding="utf-8")
    return CliRunner().invoke(app, [*command, str(tmp_path / "supply.txt"), str(tmp_path / "first.txt")])


NUMBERED_FROM_TWO = """\
     2.  Section 3 of the Agreement is hereby amended by replacing "in writing" with
"in writing and in English".

     3.  Section 1 of the Agreement is hereby amended by replacing "the products ordered"
with "the goods ordered".

     4.  Counterparts. This Amendment may be executed in counterparts.
"""


def test_instructions_the_reader_left_outside_the_sections_refuse_the_amendment(tmp_path):
    done = _run(tmp_path, NUMBERED_FROM_TWO, "apply")
    assert done.exit_code == 11, done.output
    assert "in English" not in done.stdout  # nothing half-applied
    assert "2. Section 3 of the Agreement is hereby amended" in done.stderr
    assert "outside the amendment's numbered sections" in done.stderr


def test_recitals_and_the_lead_into_the_sections_are_not_instructions(tmp_path):
    """Not even a recital that names a section and says it 'shall be amended' (it was a finding)."""
    body = NUMBERED_FROM_TWO.replace("     2.  Section 3", "     1.  Section 3").replace(
        "     3.  Section 1", "     2.  Section 1"
    )
    done = _run(tmp_path, body, "show", "--section", "3")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "3. Notices. Notices shall be in writing and in English."


AFTER_THE_PARTS = """\
     1.  Delivery. Section 2 of the Agreement is hereby amended as follows:

          (a)  by deleting "a packing list" and inserting "a signed packing list" in lieu
     thereof; and

          (b)  by deleting "the delivery location" and inserting "the named site" in lieu
     thereof.

     {closing}Section 3 of the Agreement is hereby amended by replacing "in writing" with
"in writing and in English".
"""


def test_an_instruction_after_a_lead_ins_lettered_parts_is_read(tmp_path):
    """Found red-teaming: a paragraph after the lettered parts was passed over, its
    instruction neither applied nor reported."""
    done = _run(tmp_path, AFTER_THE_PARTS.format(closing=""), "show", "--section", "3")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "3. Notices. Notices shall be in writing and in English."


def test_an_instruction_after_a_lead_ins_parts_that_does_not_read_is_a_finding(tmp_path):
    body = AFTER_THE_PARTS.format(closing="The changes in this Section 1 apply from the date hereof, and\n")
    done = _run(tmp_path, body, "apply")
    assert done.exit_code == 11, done.output
    assert "Section 1, after its parts" in done.stderr


def test_an_amendment_with_no_numbered_section_is_refused_as_an_amendment(tmp_path):
    body = "     The parties agree that the Agreement is amended as described below.\n"
    for command in (["apply"], ["compile"]):
        (tmp_path / "supply.txt").write_text(AGREEMENT, encoding="utf-8")
        (tmp_path / "first.txt").write_text(HEAD + body, encoding="utf-8")
        if command == ["compile"]:
            args = ["compile", str(tmp_path / "first.txt"), "--agreement", str(tmp_path / "supply.txt")]
        else:
            args = ["apply", str(tmp_path / "supply.txt"), str(tmp_path / "first.txt")]
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 10, done.output
        assert "cannot be read as an amendment" in done.stderr
        assert "its instructions are read from its numbered sections" in done.stderr
