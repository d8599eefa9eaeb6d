"""Three amendments in conventions the corpus lacked, written apart from the grammar
(other_conventions/, our own words), each conformed by hand before the tool was run.

(a) An English amendment agreement to a facility agreement (EDGAR text): the amendment
calls itself "this Agreement" and defines '"Effective Date" means the date of this
Agreement'; "With effect from the Effective Date, the Facility Agreement shall be amended
as set out in this Clause 2." leads in to the clauses after it; each cites the clause with
its heading ("Clause 5.1 (Purpose) shall be deleted and replaced by the following:", "In
paragraph (b) of Clause 12.3 (Financial condition), the figure X shall be deleted and
replaced by Y", "In Clause 1.1 (Definitions), the definition of X shall be ...", "by the
insertion at the end of the words X immediately before the full stop"). First run: all six
instructions findings, none wrong.

(b) A letter agreement amending an employment agreement (Markdown): its instructions a
numbered list, the letter's closing ("Except as set forth in this letter ...", "Please
confirm ...", the signatures) set back after it, which the reader took for the last item's
own words. First run: four of five right, the last a finding.

(c) An EDGAR HTML amendment whose sections are restated in a two-column table (the section,
then its new text). First run: the sentence after the table right; the table's first row
ran into its lead-in (a finding) and the two rows after it were taken for provisions of
their own and became notes (dropped without a finding of their own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

HERE = Path(__file__).parent / "other_conventions"


def _show(agreement: str, amendment: str, address: str) -> str:
    done = CliRunner().invoke(app, ["show", str(HERE / agreement), str(HERE / amendment), "--section", address])
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


def _conformed(amendment: str) -> dict[str, str]:
    """Each unit the amendment touches, conformed by hand from its words, by address."""
    return json.loads((HERE / f"{amendment}.conformed.json").read_text(encoding="utf-8"))


FACILITY = _conformed("amendment-agreement")


@pytest.mark.parametrize("address", sorted(FACILITY))
def test_the_english_amendment_agreement_gives_the_hand_conformed_text(address: str) -> None:
    assert _show("facility-agreement.txt", "amendment-agreement.txt", address) == FACILITY[address]


def _compiled(tmp_path: Path, agreement: str, amendment: str, old: str, new: str):
    text = (HERE / amendment).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / amendment).write_text(text.replace(old, new), encoding="utf-8")
    return CliRunner().invoke(app, ["compile", str(tmp_path / amendment), "--agreement", str(HERE / agreement)])


def test_a_cited_heading_that_is_not_the_clauses_own_is_a_finding(tmp_path: Path) -> None:
    done = _compiled(
        tmp_path, "facility-agreement.txt", "amendment-agreement.txt", "Clause 5.1 (Purpose)", "Clause 5.1 (Monitoring)"
    )
    assert done.exit_code == 11, done.output
    assert "cites 5.1 as (Monitoring), but the agreement heads 5.1 'Purpose'" in done.stderr


def test_a_lead_in_effective_at_another_time_is_still_a_finding(tmp_path: Path) -> None:
    done = _compiled(
        tmp_path,
        "facility-agreement.txt",
        "amendment-agreement.txt",
        '"Effective Date" means the date of this\n     Agreement.',
        '"Effective Date" means 1 January 2025.',
    )
    assert done.exit_code == 11, done.output
    assert "With effect from the Effective Date" in done.stderr


LETTER = _conformed("letter-amendment")


@pytest.mark.parametrize("address", sorted(LETTER))
def test_the_letter_agreement_gives_the_hand_conformed_text(address: str) -> None:
    assert _show("employment-agreement.md", "letter-amendment.md", address) == LETTER[address]


def test_the_letters_closing_is_a_note_not_the_last_instructions_words() -> None:
    done = CliRunner().invoke(
        app, ["compile", str(HERE / "letter-amendment.md"), "--agreement", str(HERE / "employment-agreement.md")]
    )
    assert done.exit_code == 0, done.output
    assert "source: Section 5 (closing)\n    kind: ratification" in done.stdout


def test_words_after_the_last_instruction_that_are_not_a_closing_stay_with_it(tmp_path: Path) -> None:
    done = _compiled(
        tmp_path,
        "employment-agreement.md",
        "letter-amendment.md",
        "Except as set forth in this letter,",
        "The change in this paragraph 5 applies from 2025. Save that,",
    )
    assert done.exit_code == 11, done.output


TABLE = _conformed("table-amendment")


@pytest.mark.parametrize("address", sorted(TABLE))
def test_the_table_of_restatements_gives_the_hand_conformed_text(address: str) -> None:
    assert _show("services-agreement.htm", "table-amendment.htm", address) == TABLE[address]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        # the right column does not open with the section's number: where the cells meet is not said
        (
            "<td>Section 2.2 <u>Invoices</u>. Provider",
            "<td>Provider",
            "does not name a section and then give its new text",
        ),
        # the left column cites another heading than the section's own
        ("<td>Section 3.1 (Term)</td>", "<td>Section 3.1 (Renewal)</td>", "cites 3.1 as (Renewal)"),
        # a lead-in the grammar does not read: one finding, with every row in it
        (
            "Each section of the Agreement listed in the left column of the table below is hereby amended",
            "The provisions in the table below are amended",
            "cannot",
        ),
    ],
)
def test_a_table_not_read_exactly_is_one_finding_and_no_row_is_a_note(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    done = _compiled(tmp_path, "services-agreement.htm", "table-amendment.htm", old, new)
    assert done.exit_code == 11, done.output
    assert reason in done.stderr
    assert "forty-five (45) days" not in done.stdout.split("\nnotes:")[-1]  # no row became a note
    assert "op: restate_unit" not in done.stdout  # nothing of the table was applied


def test_a_last_instruction_quoting_its_new_words_in_its_own_paragraph_keeps_the_closing_apart(
    tmp_path: Path,
) -> None:
    done = _compiled(
        tmp_path,
        "employment-agreement.md",
        "letter-amendment.md",
        '5. Section 6 of the Agreement is amended to change "twenty (20) days" to "twenty-five (25) days".',
        '5. Section 2 of the Agreement is amended by adding the following at the end: "The term shall end no '
        'later than January 11, 2031."',
    )
    assert done.exit_code == 0, done.output
    assert "op: append_sentence\n    unit: '2'\n    text: The term shall end no later than January 11, 2031." in (
        done.stdout
    )
    assert "source: Section 5 (closing)" in done.stdout


ROWS_OF_AN_AGREEMENT_NUMBERED_1_2_3 = (
    "<tr><td>Section 2 (Term)</td><td>Section 2 <u>Term</u>. The term of Executive's employment under this "
    "Agreement begins on January 11, 2021 and ends on January 11, 2027.</td></tr>\n"
    "<tr><td>Section 6 (Vacation)</td><td>Section 6 <u>Vacation</u>. Executive is entitled to twenty-five (25) "
    "days of paid vacation in each calendar year.</td></tr>\n"
)


def test_a_row_numbered_as_the_amendments_next_section_is_still_a_row(tmp_path: Path) -> None:
    """Rows restating sections "2" and "6" of an agreement numbered 1, 2, ...: the row for "2"
    bears the number the amendment's own next section has, and was taken for it (a note)."""
    text = (HERE / "table-amendment.htm").read_text(encoding="utf-8")
    rows = text[text.index("<tr><td>Section 1.2") : text.index("</table>")]
    text = text.replace(rows, ROWS_OF_AN_AGREEMENT_NUMBERED_1_2_3).replace("Section 4.1 of the Agreement", "Section 5")
    text = text.replace("&#8220;by overnight courier&#8221;", "&#8220;employee benefit plans&#8221;")
    (tmp_path / "amendment.htm").write_text(text, encoding="utf-8")
    agreement = str(HERE / "employment-agreement.md")

    def show(address: str) -> str:
        done = CliRunner().invoke(app, ["show", agreement, str(tmp_path / "amendment.htm"), "--section", address])
        assert done.exit_code == 0, done.output
        return done.stdout.strip()

    assert show("2") == (
        "2. Term. The term of Executive's employment under this Agreement begins on January 11, 2021 and ends on "
        "January 11, 2027."
    )
    assert (
        show("6")
        == "6. Vacation. Executive is entitled to twenty-five (25) days of paid vacation in each calendar year."
    )
    assert show("5") == (
        "5. Benefits. Executive may participate in the employee benefit plans, or by email with confirmation of "
        "receipt, the Company maintains for its senior executives."
    )


SCHEDULE_OF_AMENDMENTS = """
                                  SCHEDULE

                                 AMENDMENTS

1.   Clause 5.1 (Purpose) shall be deleted and replaced by the following:

     "5.1 Purpose. The Borrower shall apply all amounts borrowed by it towards working capital."

2.   In Clause 14.1 (Disposals), "£500,000" shall be replaced with "£750,000".
"""


def _scheduled(tmp_path: Path, named: str) -> str:
    """The English amendment with its instructions in a schedule of its own, Clause 2 only
    pointing to it ("amended as set out in `named`")."""
    text = (HERE / "amendment-agreement.txt").read_text(encoding="utf-8")
    clause_2 = text[text.index("2.1  With effect") : text.index("3.   CONTINUITY")]
    lead_in = f"2.1  With effect from the Effective Date, the Facility Agreement shall be\n     amended as set out in {named}.\n\n"
    (tmp_path / "scheduled.txt").write_text(text.replace(clause_2, lead_in) + SCHEDULE_OF_AMENDMENTS, encoding="utf-8")
    return str(tmp_path / "scheduled.txt")


def test_instructions_set_out_in_the_amendments_own_schedule(tmp_path: Path) -> None:
    amendment = _scheduled(tmp_path, "the Schedule (Amendments)")
    agreement = str(HERE / "facility-agreement.txt")
    done = CliRunner().invoke(app, ["show", agreement, amendment, "--section", "5.1"])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "5.1 Purpose. The Borrower shall apply all amounts borrowed by it towards working capital."
    )
    done = CliRunner().invoke(app, ["show", agreement, amendment, "--section", "14.1"])
    assert "not exceeding £750,000 in any financial year." in done.stdout


def test_a_lead_in_to_a_schedule_the_amendment_does_not_hold_is_a_finding(tmp_path: Path) -> None:
    amendment = _scheduled(tmp_path, "Schedule 2")
    done = CliRunner().invoke(app, ["compile", amendment, "--agreement", str(HERE / "facility-agreement.txt")])
    assert done.exit_code == 11, done.output
    assert "Section 2.1: the compiler cannot tell what this provision amends" in done.stderr
    assert "stand in Exhibit SCHEDULE" in done.stderr
