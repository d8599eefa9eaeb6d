"""Items lettered "a.", "b." under a numbered item of a Markdown list: CommonMark numbers
lists only with digits, so it runs them on into the item's paragraph. Found on an
amendment of my own (tests/compiler/msa_amendment/amendment-no-2-lettered.md): its two
instructions were one paragraph, a finding ("amended as follows:" with no instructions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.model import Kind, walk
from agreement.readers import read_markdown_document, read_text_document

HEAD = (
    "# Supply Agreement\n\n"
    "This Supply Agreement is entered into as of May 1, 2022, by and between Quill Corp., a Delaware "
    'corporation ("Buyer"), and Rook LLC, a Texas limited liability company ("Seller").\n\n'
)


def _units(reading) -> list[tuple[str, str, str]]:
    return [
        (u.kind.value, u.number or "", (u.text[0] if u.text else "")[:20])
        for _, u in walk(reading.agreement.root)
        if u.kind in (Kind.SECTION, Kind.SUBSECTION, Kind.CLAUSE)
    ]


def _md(body: str):
    return read_markdown_document("doc.md", (HEAD + body).encode())


def test_lettered_lines_under_a_numbered_item_are_its_clauses() -> None:
    reading = _md(
        "1. **Supply.** Seller shall supply the goods:\n"
        "   a. in the quantities ordered;\n"
        "   b. at the prices in Schedule 1; and\n"
        "   c. on time.\n"
        "2. **Payment.** Buyer shall pay within thirty days.\n"
    )
    assert [n for _, n, _ in _units(reading)] == ["1.", "a.", "b.", "c.", "2."]


@pytest.mark.parametrize(
    "lines",
    [
        "   b. in the quantities ordered;\n   c. on time.\n",  # not from the first letter
        "   a. in the quantities ordered;\n   c. on time.\n",  # not in order
    ],
)
def test_lines_that_are_not_a_run_from_a_stay_the_items_words(lines: str) -> None:
    reading = _md("1. **Supply.** Seller shall supply the goods:\n" + lines + "2. **Payment.** Buyer shall pay.\n")
    assert [n for _, n, _ in _units(reading)] == ["1.", "2."]


def test_roman_lines_are_clauses_too() -> None:
    reading = _md(
        "1. **Supply.** Seller shall supply the goods:\n"
        "   i. in the quantities ordered;\n"
        "   ii. at the prices in Schedule 1; and\n"
        "   iii. on time.\n"
    )
    assert [n for _, n, _ in _units(reading)] == ["1.", "i.", "ii.", "iii."]


def test_in_plain_text_lettered_paragraphs_set_in_under_a_section_are_its_clauses() -> None:
    text = (
        "                              SUPPLY AGREEMENT\n\n"
        "     THIS SUPPLY AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp.,\n"
        'a Delaware corporation (the "Buyer"), and Rook LLC (the "Seller").\n\n'
        "1. Supply. Seller shall supply the goods:\n\n"
        "        a. in the quantities ordered; and\n\n"
        "        b. on time.\n\n"
        "2. Payment. Buyer shall pay within thirty days.\n"
    )
    reading = read_text_document("doc.txt", text.encode())
    assert [n for _, n, _ in _units(reading)] == ["1.", "a.", "b.", "2."]


def test_the_amendment_so_written_gives_the_hand_conformed_text() -> None:
    case = Path(__file__).parents[1] / "compiler" / "msa_amendment"
    files = [str(case / "services-agreement.md"), str(case / "amendment-no-2-lettered.md")]
    for address, expected in (
        ("3.2", "3.2 Payment. Customer will pay each undisputed invoice within sixty (60) days of receipt."),
        (
            "4.2",
            "4.2 Termination for Convenience. Either party may terminate this Agreement on sixty (60) days' "
            "written notice.",
        ),
    ):
        done = CliRunner().invoke(app, ["show", *files, "--section", address])
        assert done.exit_code == 0, done.output
        assert done.stdout.strip() == expected
