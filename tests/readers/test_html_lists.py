"""HTML whose sections and clauses are numbered by <ol> and <li>, as HTML written from Word
or by hand numbers them: the numbers a browser shows are not in the text. Found on an
amendment of my own (tests/compiler/loan_amendments/tenth-amendment-lists.htm): it was
refused as having no numbered section."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.model import Kind, walk
from agreement.readers import read_html_document
from agreement.readers.html import _letters

HEAD = (
    "<html><body><p><b>SUPPLY AGREEMENT</b></p>"
    "<p>This Supply Agreement is entered into as of May 1, 2022, by and between Quill Corp., a Delaware "
    'corporation ("Buyer"), and Rook LLC, a Texas limited liability company ("Seller").</p>'
)


def _numbers(body: str) -> list[tuple[str, str]]:
    reading = read_html_document("doc.htm", (HEAD + body + "</body></html>").encode())
    return [
        (u.kind.value, u.number or "")
        for _, u in walk(reading.agreement.root)
        if u.kind in (Kind.SECTION, Kind.SUBSECTION, Kind.CLAUSE)
    ]


def test_an_ordered_list_numbers_the_sections_and_a_list_inside_it_the_clauses() -> None:
    body = (
        "<ol><li><b>Supply.</b> Seller shall supply the goods:<ol type='a'>"
        "<li>in the quantities ordered;</li><li>at the prices in Schedule 1; and</li><li>on time.</li></ol></li>"
        "<li><b>Payment.</b> Buyer shall pay within thirty days.</li></ol>"
    )
    numbers = _numbers(body)
    assert [n for _, n in numbers] == ["1.", "(a)", "(b)", "(c)", "2."]


@pytest.mark.parametrize(
    ("attributes", "labels"),
    [
        ("type='i'", ["(i)", "(ii)", "(iii)"]),
        ("type='A' start='3'", ["(C)", "(D)", "(E)"]),
        ("style='list-style-type: lower-roman'", ["(i)", "(ii)", "(iii)"]),
    ],
)
def test_the_lists_type_and_start_give_the_clauses_labels(attributes: str, labels: list[str]) -> None:
    body = (
        f"<ol><li><b>Supply.</b> Seller shall supply the goods:<ol {attributes}>"
        "<li>in the quantities ordered;</li><li>at the prices in Schedule 1; and</li><li>on time.</li></ol></li>"
        "<li><b>Payment.</b> Buyer shall pay within thirty days.</li></ol>"
    )
    assert [n for _, n in _numbers(body)][1:4] == labels


def test_an_items_value_and_a_lists_start_count_as_a_browser_counts() -> None:
    body = (
        "<ol start='4'><li><b>Supply.</b> Seller shall supply the goods.</li>"
        "<li value='7'><b>Payment.</b> Buyer shall pay.</li><li><b>Term.</b> Five years.</li></ol>"
    )
    assert [n for _, n in _numbers(body)] == ["4.", "7.", "8."]


def test_an_unordered_list_gives_no_numbers() -> None:
    body = (
        "<p><b>1. Supply.</b> Seller shall supply the goods:</p>"
        "<ul><li>in the quantities ordered;</li><li>on time.</li></ul>"
        "<p><b>2. Payment.</b> Buyer shall pay within thirty days.</p>"
    )
    assert [n for _, n in _numbers(body)] == ["1.", "2."]


def test_letters_go_on_past_z() -> None:
    assert [_letters(n) for n in (1, 26, 27, 52)] == ["a", "z", "aa", "az"]


def test_an_amendment_numbered_by_lists_compiles() -> None:
    case = Path(__file__).parents[1] / "compiler" / "loan_amendments"
    files = [str(case / "loan-agreement.txt"), str(case / "tenth-amendment-lists.htm")]
    done = CliRunner().invoke(app, ["show", *files, "--section", "2.2"])
    assert done.exit_code == 0, done.output
    # conformed by hand
    assert done.stdout.strip() == (
        "2.2 Interest. Advances shall bear interest at a rate per annum equal to the Prime Rate plus one and "
        "three-quarters percent (1.75%), payable monthly in arrears."
    )
