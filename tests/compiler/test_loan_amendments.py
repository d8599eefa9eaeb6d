"""Two amendments to a loan agreement, written apart from the grammar (loan_amendments/,
our own words), as a paralegal would meet them, each unit conformed by hand.

The first (EDGAR text) heads each subsection with the section it amends: "2.3 Section
2.2 (Interest). Section 2.2 of the Loan Agreement is amended by ...", a convention of
credit agreement amendments. A heading with a number in it ("Section 2.2") was not read
as a heading, and the first line of a wrapped sentence ("Section 2.3 (Requests for
Advances). Section 2.3 of the Loan") was taken for a heading above its text, cutting the
instruction's subject off: five of its six instructions needed review.

The second (Markdown) opens "The Loan Agreement is hereby amended as follows:", the name
its recitals give the Loan and Security Agreement: the lead-in was refused as naming
another instrument, though "Section 2.01 of the Loan Agreement" was read as this one.

The third (EDGAR HTML) opens its lead-in "Effective as of the Effective Date," a term it
defines in its own Section 2 as the day it becomes effective: refused as a time of its
own. Its part (d) restates Section 4.2 with the new text indented and unquoted, which the
reader takes for a section "4.2" of the amendment, and hangs part (e) under it: (d)'s new
text then held (e), and both needed review."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.readers.structure import split_heading

HERE = Path(__file__).parent / "loan_amendments"


@pytest.mark.parametrize(
    ("rest", "heading", "body"),
    [
        # a heading citing a numbered section, then the instruction
        (
            "Section 2.2 (Interest). Section 2.2 of the Loan Agreement is\namended by deleting",
            "Section 2.2 (Interest)",
            "Section 2.2 of the Loan Agreement is\namended by deleting",
        ),
        ("Amendment to Section 13.4. Section 13.4 is hereby amended", "Amendment to Section 13.4", None),
        (
            "Section 2.3. Section 2.3 of the Loan\nAgreement is amended",
            "Section 2.3",
            "Section 2.3 of the Loan\nAgreement is amended",
        ),
        # a heading alone on its line, its text below, as before
        ("TERMINATION\nThe Company may terminate", "TERMINATION", "The Company may terminate"),
        ("U.S. Tax Matters\nThe Borrower shall pay", "U.S. Tax Matters", "The Borrower shall pay"),
    ],
)
def test_headings_that_cite_a_section(rest: str, heading: str | None, body: str | None) -> None:
    got_heading, got_body = split_heading(rest)
    assert got_heading == heading
    if body is not None:
        assert got_body == body


def test_a_wrapped_first_line_with_a_sentence_end_is_not_a_heading_above_the_text() -> None:
    rest = "Section 2.3 (Requests for Advances). Section 2.3 of the Loan\nAgreement is amended by replacing"
    heading, body = split_heading(rest)
    assert heading == "Section 2.3 (Requests for Advances)"  # the run-in heading, not the whole line
    assert body.startswith("Section 2.3 of the Loan\nAgreement is amended")


# Each unit the amendment touches, conformed by hand from its words.
EXPECTED = {
    "definition:Maturity Date": '"Maturity Date" means March 3, 2026.',
    "definition:Liquidity Event": (
        '"Liquidity Event" means any day on which Borrower\'s unrestricted cash is less than $1,000,000.'
    ),
    "2.2": (
        "2.2 Interest. Advances shall bear interest at a rate per annum equal to the Prime Rate plus two and "
        "one-half percent (2.5%), payable monthly in arrears."
    ),
    "2.3": (
        "2.3 Requests for Advances. Borrower shall request each advance by written notice to Lender (a) not "
        "later than 11:00 a.m. two (2) Business Days before the proposed date of the advance, (b) specifying "
        "the amount of the advance, and (c) certifying that no Event of Default exists."
    ),
    "3.2": (
        "3.2 Minimum Liquidity. Borrower shall maintain unrestricted cash of not less than $2,500,000 at all "
        "times, tested on the last day of each calendar month."
    ),
    "3.4": (
        "3.4 Board Observer. Borrower shall permit one representative of Lender to attend meetings of "
        "Borrower's board of directors as a non-voting observer."
    ),
}


@pytest.mark.parametrize("address", sorted(EXPECTED))
def test_every_instruction_gives_the_hand_conformed_text(address: str) -> None:
    done = CliRunner().invoke(
        app,
        ["show", str(HERE / "loan-agreement.txt"), str(HERE / "first-amendment.txt"), "--section", address],
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == EXPECTED[address]


def test_the_untouched_sections_are_as_signed() -> None:
    done = CliRunner().invoke(
        app, ["show", str(HERE / "loan-agreement.txt"), str(HERE / "first-amendment.txt"), "--section", "3.3"]
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "3.3 Insurance. Borrower shall maintain insurance as is customary for companies in its industry."
    )


# As amended by both, conformed by hand.
SECOND = {
    "2.2": (
        "2.2 Interest. Advances shall bear interest at a rate per annum equal to the Prime Rate plus two and "
        "one-half percent (2.5%), payable monthly in arrears, compounded monthly."
    ),
    "3.1": (
        "3.1 Financial Statements. Borrower shall deliver to Lender its annual financial statements within "
        "ninety (90) days after the end of each fiscal year."
    ),
    "4.1": (
        "4.1 Notices. All notices shall be in writing and delivered by hand, by overnight courier or by email to "
        "the addresses set forth on the signature pages hereto."
    ),
    "3.3": (
        "3.3 Insurance. Borrower shall maintain insurance as is customary for companies in its industry. Lender "
        "shall be named as lender loss payee on each property insurance policy."
    ),
    "1.1": "\n\n".join(
        [
            "1.1 Defined Terms. As used in this Agreement:",
            '"Business Day" means any day other than a Saturday, Sunday or a day on which banks in New York are '
            "closed.",
            '"Liquidity Event" means any day on which Borrower\'s unrestricted cash is less than $1,000,000.',
            '"Maturity Date" means March 3, 2026.',
            '"Revolving Commitment" means $5,000,000.',
        ]
    ),
}


@pytest.mark.parametrize("address", sorted(SECOND))
def test_the_second_amendment_names_the_agreement_as_its_recitals_do(address: str) -> None:
    files = [str(HERE / n) for n in ("loan-agreement.txt", "first-amendment.txt", "second-amendment.md")]
    done = CliRunner().invoke(app, ["show", *files, "--section", address])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == SECOND[address]


def test_an_omnibus_lead_in_naming_another_instrument_is_still_a_finding(tmp_path: Path) -> None:
    text = (HERE / "second-amendment.md").read_text(encoding="utf-8")
    other = text.replace("The Loan Agreement is hereby amended", "The Pledge Agreement is hereby amended")
    (tmp_path / "second.md").write_text(other, encoding="utf-8")
    done = CliRunner().invoke(
        app, ["compile", str(tmp_path / "second.md"), "--agreement", str(HERE / "loan-agreement.txt")]
    )
    assert done.exit_code == 11, done.output
    assert "'The Pledge Agreement', which is not named as the agreement being amended" in done.stderr


THIRD = {
    "2.1": (
        "2.1 Revolving Loans. Subject to the terms hereof, Lender shall make advances (including by way of "
        "letters of credit) to Borrower from time to time before the Maturity Date in an aggregate amount not "
        "to exceed the Revolving Commitment."
    ),
    "definition:Revolving Commitment": '"Revolving Commitment" means $7,500,000.',
    "3.3": "3.3 Insurance. Borrower shall maintain insurance as is customary for companies in its industry.",
    "4.2": (
        "4.2 Governing Law; Jurisdiction. This Agreement shall be governed by the laws of the State of New York, "
        "and each party submits to the exclusive jurisdiction of the courts located in the Borough of Manhattan."
    ),
    "3.5": (
        "3.5 Capital Expenditures. Borrower shall not make capital expenditures exceeding $750,000 in any fiscal year."
    ),
}
ALL = ("loan-agreement.txt", "first-amendment.txt", "second-amendment.md", "third-amendment.htm")


@pytest.mark.parametrize("address", sorted(THIRD))
def test_the_third_amendment_effective_on_its_own_effective_date(address: str) -> None:
    done = CliRunner().invoke(app, ["show", *(str(HERE / n) for n in ALL), "--section", address])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == THIRD[address]


def _third_as(tmp_path: Path, old: str, new: str) -> str:
    """The third amendment with `old` written as `new`, in tmp_path; the files before it copied."""
    for n in ALL[:-1]:
        (tmp_path / n).write_text((HERE / n).read_text(encoding="utf-8"), encoding="utf-8")
    text = (HERE / ALL[-1]).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / ALL[-1]).write_text(text.replace(old, new), encoding="utf-8")
    return str(tmp_path)


def test_a_time_the_amendment_does_not_define_as_its_own_is_still_a_finding(tmp_path: Path) -> None:
    where = _third_as(tmp_path, "Effective as of the Effective Date,", "Effective as of the Extension Date,")
    done = CliRunner().invoke(app, ["show", *(f"{where}/{n}" for n in ALL), "--section", "2.1"])
    assert done.exit_code == 11, done.output
    assert "names a time the compiler does not know for the amendment's own" in done.stderr


def test_an_effective_date_defined_for_something_else_is_still_a_finding(tmp_path: Path) -> None:
    where = _third_as(
        tmp_path,
        "This Amendment shall become effective on the date on which Lender has received counterparts hereof "
        "executed by Borrower (the &#8220;Effective Date&#8221;).",
        "The Revolving Commitment increase applies from the date on which Lender has received counterparts "
        "hereof executed by Borrower (the &#8220;Effective Date&#8221;).",
    )
    done = CliRunner().invoke(app, ["show", *(f"{where}/{n}" for n in ALL), "--section", "2.1"])
    assert done.exit_code == 11, done.output


def test_a_restated_sections_own_clauses_stay_its_own(tmp_path: Path) -> None:
    # the new 4.2 with clauses (a) and (b) of its own: they do not go on from part (d)
    where = _third_as(
        tmp_path,
        "4.2 Governing Law; Jurisdiction. This Agreement shall be governed by the laws of the State of New York, "
        "and each party submits to the exclusive jurisdiction of the courts located in the Borough of "
        "Manhattan.</P>",
        "4.2 Governing Law; Jurisdiction. This Agreement:</P>\n"
        '<P STYLE="margin-left:90pt">(a) shall be governed by the laws of the State of New York; and</P>\n'
        '<P STYLE="margin-left:90pt">(b) may be enforced in the courts located in the Borough of Manhattan.</P>',
    )
    done = CliRunner().invoke(app, ["show", *(f"{where}/{n}" for n in ALL), "--section", "4.2"])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "4.2 Governing Law; Jurisdiction. This Agreement:\n\n(a) shall be governed by the laws of the State of New "
        "York; and\n\n(b) may be enforced in the courts located in the Borough of Manhattan."
    )
    added = CliRunner().invoke(app, ["show", *(f"{where}/{n}" for n in ALL), "--section", "3.5"])
    assert added.exit_code == 0, added.output


def test_a_new_article_in_quotation_marks_is_one_instruction_and_a_finding() -> None:
    # its quoted sections 5.1 and 5.2 were read as the amendment's own sections, and
    # listed as notes; the instruction itself was refused as 'there is no Section 4'
    done = CliRunner().invoke(
        app,
        ["compile", str(HERE / "eighth-amendment-new-article.txt"), "--agreement", str(HERE / "loan-agreement.txt")],
    )
    assert done.exit_code == 11, done.output
    assert "adds a new article (Article 5, its heading and its sections)" in done.stderr
    assert "source: Section 5.1" not in done.stdout and "source: Section 5.2" not in done.stdout


def test_a_recital_named_by_its_letter_is_amended() -> None:
    # 'Recital A of the Loan Agreement is amended by ...' was a finding: only 'the recitals'
    # and 'the second recital' were read
    files = [str(HERE / "loan-agreement.txt"), str(HERE / "eleventh-amendment-recital.txt")]
    done = CliRunner().invoke(app, ["show", *files, "--section", "recitals(A)"])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "A. Borrower has requested that Lender make available to Borrower a revolving line of credit and a term loan."
    )
    untouched = CliRunner().invoke(app, ["show", *files, "--section", "recitals(B)"])
    assert untouched.stdout.startswith("B. Lender is willing to do so on the terms set forth herein.\n")


def test_a_recital_the_agreement_does_not_letter_so_is_a_finding(tmp_path: Path) -> None:
    text = (HERE / "eleventh-amendment-recital.txt").read_text(encoding="utf-8").replace("Recital A of", "Recital C of")
    (tmp_path / "eleventh.txt").write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", str(HERE / "loan-agreement.txt"), str(tmp_path / "eleventh.txt")])
    assert done.exit_code == 11, done.output
    assert "(C)" in done.stderr
