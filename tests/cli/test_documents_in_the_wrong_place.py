"""Filed documents in each other's place, as a tired user gives them: the amendment first
and the agreement after it, or the agreement given again as its own amendment. Each
printed a section with exit 0 (the amendment's own "Section 2.2", or the agreement as
never amended); each is now an error that says which file is which (exit 10)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from agreement.app import app

CASE = Path(__file__).parents[1] / "compiler" / "loan_amendments"
AGREEMENT, AMENDMENT = str(CASE / "loan-agreement.txt"), str(CASE / "first-amendment.txt")


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_amendment_given_where_the_agreement_goes_is_refused() -> None:
    done = _run("show", AMENDMENT, AGREEMENT, "--section", "2.2")
    assert done.exit_code == 10, done.output
    assert done.stdout == ""
    assert "first-amendment.txt reads as an amendment ('First Amendment to Loan and Security Agreement')" in done.stderr
    assert "give the agreement first" in done.stderr


def test_the_agreement_given_as_its_own_amendment_is_refused() -> None:
    done = _run("apply", AGREEMENT, AGREEMENT)
    assert done.exit_code == 10, done.output
    assert done.stdout == ""
    assert "loan-agreement.txt reads as an agreement ('Loan and Security Agreement'), not an amendment" in done.stderr


def test_in_their_order_they_apply() -> None:
    done = _run("show", AGREEMENT, AMENDMENT, "--section", "2.2")
    assert done.exit_code == 0, done.output
    assert "two and one-half percent (2.5%)" in done.stdout


def test_an_amendment_that_changes_no_words_is_still_an_amendment(tmp_path: Path) -> None:
    # a waiver titled as one: its provisions are notes, applied as such, never refused
    (tmp_path / "waiver.txt").write_text(
        "                  WAIVER TO LOAN AND SECURITY AGREEMENT\n\n"
        '     This WAIVER (this "Waiver") is entered into as of May 1, 2023, between NORTHWIND CAPITAL LLC\n'
        '("Lender") and HARBORVIEW ROBOTICS, INC. ("Borrower").\n\n'
        "     1. Waiver. Lender waives the Event of Default arising from the late delivery of the 2022 financial\n"
        "statements.\n\n"
        "     2. Counterparts. This Waiver may be executed in counterparts.\n",
        encoding="utf-8",
    )
    done = _run("show", AGREEMENT, str(tmp_path / "waiver.txt"), "--section", "3.1")
    assert done.exit_code == 0, done.output
    assert "one hundred twenty (120) days" in done.stdout


def test_an_amended_and_restated_agreement_is_an_agreement(tmp_path: Path) -> None:
    text = (
        Path(AGREEMENT)
        .read_text(encoding="utf-8")
        .replace("LOAN AND SECURITY AGREEMENT\n", "AMENDED AND RESTATED LOAN AND SECURITY AGREEMENT\n", 1)
    )
    (tmp_path / "restated.txt").write_text(text, encoding="utf-8")
    done = _run("show", str(tmp_path / "restated.txt"), AMENDMENT, "--section", "2.2")
    assert done.exit_code == 0, done.output
