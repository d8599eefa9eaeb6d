"""The date a document gives itself, where its preamble names another instrument's date
first: an amendment "to the Master Services Agreement dated July 1, 2022 ... is effective
as of January 1, 2025" is dated January 1, 2025. Found on an amendment written apart from
the fixtures (tests/compiler/msa_amendment/): the reader took the first date it met, the
agreement's, and every command said the amendment was dated July 1, 2022, with nothing to
say it was unsure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.readers import read_text_document

CASE = Path(__file__).parents[1] / "compiler" / "msa_amendment"


def _dated(preamble: str) -> date:
    text = f"                 AMENDMENT NO. 1 TO SUPPLY AGREEMENT\n\n     {preamble}\n\n     1. Counterparts. This Amendment may be signed in counterparts.\n"
    return read_text_document("amendment.txt", text.encode()).agreement.date


@pytest.mark.parametrize(
    ("preamble", "dated"),
    [
        # another instrument's date first, the document's own after it
        (
            'This Amendment No. 1 (this "Amendment") to the Supply Agreement dated July 1, 2022 (the "Agreement") '
            'between Rook LLC ("Seller") and Quill Corp. ("Buyer") is effective as of January 1, 2025.',
            date(2025, 1, 1),
        ),
        (
            "This Amendment No. 1 to that certain Supply Agreement dated as of July 1, 2022 is made and entered into "
            "as of March 3, 2024, by Rook LLC and Quill Corp.",
            date(2024, 3, 3),
        ),
        # the document's own date first, as most preambles give it
        (
            'This AMENDMENT NO. 1 TO SUPPLY AGREEMENT (this "AMENDMENT") dated as of February 21, 2002, is by and '
            "among Rook LLC and Quill Corp., parties to the Supply Agreement dated as of May 1, 2001.",
            date(2002, 2, 21),
        ),
        (
            "This Amendment No. 1 is entered into as of June 5, 2023, between Rook LLC and Quill Corp., to amend the "
            "Supply Agreement dated as of May 1, 2021.",
            date(2023, 6, 5),
        ),
        # only another instrument's date: that one, as before (an amendment must be dated)
        ("This Amendment No. 1 amends the Supply Agreement dated as of May 1, 2021.", date(2021, 5, 1)),
    ],
)
def test_the_documents_own_date_is_its_date(preamble: str, dated: date) -> None:
    assert _dated(preamble) == dated


def test_the_amendment_is_dated_as_it_dates_itself_in_every_command() -> None:
    files = [str(CASE / "services-agreement.md"), str(CASE / "amendment-no-1.txt")]
    shown = CliRunner().invoke(app, ["show", *files, "--section", "3.3"])
    assert shown.exit_code == 0, shown.output
    assert "dated as of January 1, 2025" in shown.stdout
    history = CliRunner().invoke(app, ["history", *files])
    lines = history.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    assert lines[first + 1].strip() == "dated as of January 1, 2025"


# Each unit the amendment touches, conformed by hand.
EXPECTED = {
    "3.2": "3.2 Payment. Customer will pay each undisputed invoice within forty-five (45) days of receipt.",
    "4.1": (
        "4.1 Term. This Agreement begins on the Effective Date and continues until June 30, 2027, unless "
        "terminated earlier under this Section 4."
    ),
}


@pytest.mark.parametrize("address", sorted(EXPECTED))
def test_the_amendment_gives_the_hand_conformed_text(address: str) -> None:
    files = [str(CASE / "services-agreement.md"), str(CASE / "amendment-no-1.txt")]
    done = CliRunner().invoke(app, ["show", *files, "--section", address])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == EXPECTED[address]
