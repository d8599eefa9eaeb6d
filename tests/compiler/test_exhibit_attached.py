"""An exhibit of the agreement replaced by one attached to the amendment ("Exhibit A to the
Lease is hereby deleted in its entirety and replaced with Exhibit A attached hereto"):
the attached exhibit's words are the new text. Found on a lease amendment of my own
(lease_exhibit/, our own words): it was a finding, though the exhibit stood in the very
document. An attachment the document does not hold stays a finding; the compiled change
quotes the instruction as signed, not as it was read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

HERE = Path(__file__).parent / "lease_exhibit"
LEASE, AMENDMENT = HERE / "office-lease.htm", HERE / "amendment.txt"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_attached_exhibit_is_the_new_exhibit() -> None:
    done = _run("show", str(LEASE), str(AMENDMENT), "--section", "exhibit:A")
    assert done.exit_code == 0, done.output
    # conformed by hand: the exhibit's caption and heading, then the attached exhibit's words
    assert done.stdout.strip() == (
        "EXHIBIT A PREMISES. The fourth and fifth floors of 400 Congress Avenue, suites 400 through 430 and "
        "500 through 520."
    )
    untouched = _run("show", str(LEASE), str(AMENDMENT), "--section", "exhibit:B")
    assert untouched.stdout.strip() == "EXHIBIT B OPERATING EXPENSES. Tenant's share of operating expenses is 6.5%."


def test_the_compiled_change_quotes_the_instruction_as_signed() -> None:
    done = _run("compile", str(AMENDMENT), "--agreement", str(LEASE))
    assert done.exit_code == 0, done.output
    assert "# Section 1. Exhibit A to the Lease is hereby deleted in its entirety and replaced with" in done.stdout
    assert "amended and restated" not in done.stdout


@pytest.mark.parametrize(
    "instruction",
    [
        "Exhibit A to the Lease is hereby replaced in its entirety by the Exhibit A attached hereto.",
        "Exhibit A to the Lease is hereby replaced with Exhibit 1 attached hereto as Exhibit A.",
        "Exhibit A to the Lease is hereby amended and restated in its entirety by Exhibit A attached to this "
        "Amendment.",
    ],
)
def test_the_ways_of_saying_it(tmp_path: Path, instruction: str) -> None:
    text = AMENDMENT.read_text(encoding="utf-8").replace(
        "Exhibit A to the Lease is hereby deleted in its entirety and\nreplaced with Exhibit A attached hereto.",
        instruction,
    )
    (tmp_path / "amendment.txt").write_text(text, encoding="utf-8")
    done = _run("show", str(LEASE), str(tmp_path / "amendment.txt"), "--section", "exhibit:A")
    assert done.exit_code == 0, done.output
    assert "fourth and fifth floors" in done.stdout


def test_an_attachment_the_amendment_does_not_hold_is_a_finding(tmp_path: Path) -> None:
    text = AMENDMENT.read_text(encoding="utf-8")
    (tmp_path / "amendment.txt").write_text(
        text[: text.index("                                  EXHIBIT A")], encoding="utf-8"
    )
    done = _run("show", str(LEASE), str(tmp_path / "amendment.txt"), "--section", "exhibit:A")
    assert done.exit_code == 11, done.output
    assert "attached to the amendment" in done.stderr
