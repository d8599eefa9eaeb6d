"""A new lettered clause is added as a unit only where it can stand as one. Found on an
amendment written apart from the grammar: 'adding the following new clause (d) at the end
thereof: ", and (d) the contact person"' compiled to a clause "(d) , and (d) the contact
person" glued after the section's closing period, with no finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

AGREEMENT = """\
                               SUPPLY AGREEMENT

     This SUPPLY AGREEMENT (this "Agreement") is made as of June 3, 2019, by and
between Quarry Stone Works, Inc. ("Supplier") and Lantern Builders LLC ("Buyer").

     1.  Orders. Each order shall specify (a) the products ordered, (b) the
delivery location, and (c) the requested delivery date.

     2.  Delivery. Supplier shall deliver the products:

          (a)  to the delivery location;

          (b)  on the requested delivery date; and

          (c)  with a packing list.

     3.  Notices. Notices shall be in writing.
"""

AMENDMENT = """\
                      FIRST AMENDMENT TO SUPPLY AGREEMENT

     This FIRST AMENDMENT (this "Amendment") is made as of March 1, 2021, by and
between Quarry Stone Works, Inc. ("Supplier") and Lantern Builders LLC ("Buyer").

     1.  Amendment. {instruction}

     2.  Effect. Except as amended hereby, the Agreement remains in full force and effect.
"""


def _compile(tmp_path: Path, instruction: str):
    (tmp_path / "supply.txt").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "first.txt").write_text(AMENDMENT.format(instruction=instruction), encoding="utf-8")
    return CliRunner().invoke(
        app, ["compile", str(tmp_path / "first.txt"), "--agreement", str(tmp_path / "supply.txt"), "--report", "json"]
    )


@pytest.mark.parametrize(
    ("instruction", "reason"),
    [
        (  # the words carry their own label and open with a comma: words to insert, not a clause
            "Section 1 of the Agreement is hereby amended by adding the following new clause (d) at the end "
            'thereof: ", and (d) the contact person for the delivery".',
            "read as words to insert into a run of clauses",
        ),
        (  # a clean clause, but Section 1's clauses run on in one sentence that (c) closes, with no "and" left
            'Section 1 of the Agreement is hereby amended by (i) deleting "and" at the end of clause (b) and (ii) '
            'adding the following new clause (d) at the end thereof: "(d) the contact person for the delivery."',
            "run on in one paragraph",
        ),
    ],
)
def test_a_new_clause_that_cannot_stand_as_a_unit_is_a_finding(tmp_path, instruction, reason):
    done = _compile(tmp_path, instruction)
    assert done.exit_code == 11, done.output
    assert reason in done.output
    assert '"op": "add_unit"' not in done.output


def test_a_clause_added_to_a_run_on_list_moves_its_and(tmp_path):
    done = _compile(
        tmp_path,
        "Section 1 of the Agreement is hereby amended by adding the following new clause (d) at the end "
        'thereof: "(d) the contact person for the delivery."',
    )
    assert done.exit_code == 0, done.output
    shown = CliRunner().invoke(
        app, ["show", str(tmp_path / "supply.txt"), str(tmp_path / "first.txt"), "--section", "1"]
    )
    assert shown.stdout.strip() == (
        "1. Orders. Each order shall specify (a) the products ordered, (b) the delivery location, (c) the requested "
        "delivery date, and (d) the contact person for the delivery."
    )


def test_a_clause_added_to_a_list_of_paragraphs_still_compiles(tmp_path):
    done = _compile(
        tmp_path,
        'Section 2 of the Agreement is hereby amended by deleting the word "and" at the end of clause (b), '
        'replacing the period at the end of clause (c) with "; and" and adding the following new clause (d) '
        'at the end thereof: "(d) in the packaging the Buyer specifies."',
    )
    assert done.exit_code == 0, done.output
