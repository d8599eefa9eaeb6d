"""Issue 12, item 12: 'adding the following sentence at the end of Section 5', where
Section 5 ends with its subsections, adds the sentence after them as the section's closing
paragraph, flush with the section (it used to be refused). The closing paragraph is the
section's last part, of kind `paragraph` (`closing:` in the file formats), so every writer,
the redline, blame and history treat it as they treat any part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.address import resolve
from agreement.analyses.blame import body_spans
from agreement.app import app
from agreement.errors import InputError
from agreement.model import Kind, at
from agreement.readers import yaml as load
from tests.unit.test_review_fixes import agreement, amended, failure

DELIVERY = """\
- number: '5'
  heading: Delivery
  text: 'The Seller shall deliver the Goods:'
  subsections:
    - {number: (a), text: to the Buyer's plant; and}
    - {number: (b), text: within ten days of each order.}
- number: '6'
  heading: Price
  text: The price is fixed.
"""
TITLE = "- {source: Section 1, op: append_sentence, unit: '5', text: Title passes on delivery.}"


def part(history, address: str):
    root = history.latest.agreement.root
    return at(root, resolve(root, address))


def test_a_sentence_at_the_end_of_a_section_that_ends_in_subsections_closes_the_section():
    history = amended(DELIVERY, TITLE)
    section = part(history, "5")
    assert [c.number for c in section.children] == ["(a)", "(b)", None]
    closing = section.children[-1]
    assert closing.kind is Kind.PARAGRAPH and closing.text == ("Title passes on delivery.",)
    assert part(history, "5(b)").text == ("within ten days of each order.",)  # the last clause is untouched
    effect = history.versions[1].applied[0].effect
    assert effect.kind == "added" and effect.units == ("5[3]",)


def test_a_second_sentence_joins_the_closing_paragraph_and_a_paragraph_follows_it():
    history = amended(
        DELIVERY,
        TITLE + "\n- {source: Section 2, op: append_sentence, unit: '5', text: Risk passes with title.}"
        "\n- {source: Section 3, op: append_paragraph, unit: '5', text: This Section survives termination.}",
    )
    closing = part(history, "5").children[-1]
    assert closing.text == ("Title passes on delivery. Risk passes with title.", "This Section survives termination.")


def test_a_unit_without_parts_still_takes_the_sentence_in_its_last_paragraph():
    history = amended(DELIVERY, "- {source: S, op: append_sentence, unit: '6', text: It includes taxes.}")
    assert part(history, "6").text == ("The price is fixed. It includes taxes.",)
    assert part(history, "6").children == ()


def test_a_clause_is_added_into_the_section_before_its_closing_paragraph_and_never_after_it():
    history = amended(
        DELIVERY, TITLE + "\n- {source: Section 2, op: add_unit, into: '5', new: {number: (c), text: 'in good order.'}}"
    )
    assert [c.number for c in part(history, "5").children] == ["(a)", "(b)", "(c)", None]
    error = failure(
        DELIVERY, TITLE + "\n- {source: Section 2, op: add_unit, after: '5[3]', new: {number: (c), text: 'x.'}}"
    )
    assert "nothing follows it" in error.message and "into: '5'" in (error.hint or "")


def test_sentences_of_the_closing_paragraph_are_counted_with_the_section():
    # the section's lead-in, (a) and (b) are three; the closing sentence is the fourth
    history = amended(
        DELIVERY,
        TITLE
        + "\n- {source: Section 2, op: insert_at_sentence_end, unit: '5', sentence: 4, text: at the Buyer's plant}",
    )
    assert part(history, "5").children[-1].text == ("Title passes on delivery at the Buyer's plant.",)


def test_blame_credits_the_amendment_with_exactly_the_closing_sentence():
    history = amended(DELIVERY, TITLE)
    spans = body_spans(history, "5")
    written = [s.text for s in spans if s.change is not None]
    assert written == ["Title passes on delivery."]
    assert "".join(s.text for s in spans).endswith("Title passes on delivery.")


# --- the file formats -----------------------------------------------------------------------------


def test_closing_text_is_read_from_the_agreement_file_and_written_back():
    base = agreement(DELIVERY.replace("- number: '6'", "  closing: Title passes on delivery.\n- number: '6'"))
    closing = base.root.children[0].children[-1]
    assert closing.kind is Kind.PARAGRAPH and closing.text == ("Title passes on delivery.",)


def test_closing_text_without_parts_is_refused_at_its_line():
    bad = "- number: '6'\n  heading: Price\n  text: The price is fixed.\n  closing: It includes taxes.\n"
    with pytest.raises(InputError) as caught:
        agreement(bad)
    assert caught.value.location.line == 8 and "no parts for it to follow" in caught.value.message


@pytest.fixture
def case(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "agreements").mkdir()
    (tmp_path / "amendments" / "t").mkdir(parents=True)
    body = "\n".join("  " + line for line in DELIVERY.splitlines())
    (tmp_path / "agreements" / "t.yaml").write_text(
        f"id: t\ntitle: Supply Agreement\ndate: 2020-01-01\nsections:\n{body}\n", encoding="utf-8"
    )
    (tmp_path / "amendments" / "t" / "001-a.yaml").write_text(
        "id: a1\ntitle: Amendment No. 1\namends: t\nsequence: 1\ndated: 2021-01-01\nchanges:\n  " + TITLE + "\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def out(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_and_markdown_print_the_closing_paragraph_after_the_subsections(case):
    text = out("apply", "t")
    assert "(b) within ten days of each order.\n\nTitle passes on delivery.\n\n6. Price." in text
    md = out("apply", "t", "--format", "markdown")
    assert "**(b)** within ten days of each order.\n\nTitle passes on delivery.\n\n## 6. Price." in md


def test_json_gives_the_closing_paragraph_as_the_last_part(case):
    units = json.loads(out("apply", "t", "--format", "json"))["units"]
    last = units[0]["children"][-1]
    assert (last["kind"], last["address"], last["text"]) == ("paragraph", "5[3]", ["Title passes on delivery."])
    shown = json.loads(out("show", "t", "--section", "5", "--format", "json"))["text"]
    assert shown.endswith("within ten days of each order.\n\nTitle passes on delivery.")


def test_yaml_writes_closing_and_reads_back_the_same_copy(case):
    written = out("apply", "t", "--format", "yaml")
    assert "    closing: |\n      Title passes on delivery.\n" in written
    (case / "conformed.yaml").write_text(written, encoding="utf-8")
    again = load.read_agreement(load.SourceText("conformed.yaml", written))
    assert again.root.children[0].children[-1].kind is Kind.PARAGRAPH
    body = out("apply", "t")
    assert out("apply", "conformed.yaml").endswith(body[body.index("5. Delivery") :])


def test_html_and_docx_print_the_closing_paragraph_flush_with_the_section(case):
    page = out("redline", "t", "--format", "html", "--full")
    assert "Title passes on delivery." in page
    from docx import Document

    out("apply", "t", "--format", "docx", "-o", "c.docx")
    paras = {p.text: p for p in Document(str(case / "c.docx")).paragraphs}
    closing = paras["Title passes on delivery."]
    clause = next(p for t, p in paras.items() if t.startswith("(b)"))
    assert closing.paragraph_format.left_indent in (None, 0)
    assert clause.paragraph_format.left_indent  # the subsection is indented, the closing paragraph not


def test_the_redline_shows_the_closing_sentence_inserted(case):
    text = out("redline", "t", "--format", "text")
    assert "{+Title passes on delivery.+}" in text
    changes = json.loads(out("redline", "t", "--format", "json"))["changes"]
    assert [(c["unit"], c["op"], c["new"]) for c in changes] == [("5[3]", "insert", "Title passes on delivery.")]
