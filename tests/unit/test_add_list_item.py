"""Issue 12, item 12: adding an item to a list is one instruction for a lawyer and one
operation: `add_list_item` adds it at the end of a list typed inline ("(a) ..., (b) ...
and (c) ...") or as separate clauses, moving the "and" / "or" and its punctuation from
before the old last item to before the new one. It refuses where the list is not certain."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from agreement.analyses.blame import body_spans
from agreement.app import app
from tests.unit.test_review_fixes import amended, failure, section, text

GOODS = "The Seller shall deliver (a) the goods, (b) the invoice and (c) the certificate."


def add(para: str, extra: str = "") -> str:
    history = amended(
        section(para), f"- {{source: Section 1, op: add_list_item, unit: '1', {extra}text: the packing list}}"
    )
    return text(history, "1")[0]


@pytest.mark.parametrize(
    ("para", "expected"),
    [
        (
            GOODS,
            "The Seller shall deliver (a) the goods, (b) the invoice, (c) the certificate and (d) the packing list.",
        ),
        (
            "The Seller shall deliver (a) the goods; (b) the invoice; and (c) the certificate.",
            "The Seller shall deliver (a) the goods; (b) the invoice; (c) the certificate; and (d) the packing list.",
        ),
        (
            "The Seller shall deliver (a) the goods, (b) the invoice, and (c) the certificate.",
            "The Seller shall deliver (a) the goods, (b) the invoice, (c) the certificate, and (d) the packing list.",
        ),
        (  # an "or" list of two, ending the first of two sentences
            "The Seller shall deliver (i) the goods or (ii) the invoice. The Buyer shall pay.",
            "The Seller shall deliver (i) the goods, (ii) the invoice or (iii) the packing list. The Buyer shall pay.",
        ),
        (  # "clauses (a) and (b)" cites items; it is no list
            "Subject to clauses (a) and (b) of Section 2, the Seller shall deliver (1) the goods and (2) the invoice.",
            "Subject to clauses (a) and (b) of Section 2, the Seller shall deliver (1) the goods, (2) the invoice and "
            "(3) the packing list.",
        ),
    ],
)
def test_an_item_is_added_to_an_inline_list_and_the_conjunction_moves_to_it(para, expected):
    assert add(para) == expected


def test_the_new_items_label_may_be_given_in_the_text_or_as_number_and_must_be_the_next():
    expected = "The Seller shall deliver (a) the goods, (b) the invoice, (c) the certificate and (d) the packing list."
    assert add(GOODS, "number: '(d)', ") == expected
    history = amended(section(GOODS), "- {op: add_list_item, unit: '1', text: (d) the packing list}")
    assert text(history, "1")[0] == expected
    wrong = failure(section(GOODS), "- {op: add_list_item, unit: '1', number: '(e)', text: the packing list}")
    assert "the next is (d), not '(e)'" in wrong.message


CLAUSES = """\
- number: '5'
  heading: Delivery
  text: 'The Seller shall deliver:'
  subsections:
    - {number: (a), text: the goods;}
    - {number: (b), text: the invoice; and}
    - {number: (c), text: the certificate.}
"""


def test_an_item_is_added_to_a_list_typed_as_clauses_and_the_and_moves_to_it():
    history = amended(CLAUSES, "- {source: Section 1, op: add_list_item, unit: '5', text: the packing list}")
    section5 = history.latest.agreement.root.children[0]
    assert [(c.number, c.text) for c in section5.children] == [
        ("(a)", ("the goods;",)),
        ("(b)", ("the invoice;",)),
        ("(c)", ("the certificate; and",)),
        ("(d)", ("the packing list.",)),
    ]
    assert section5.children[-1].kind is section5.children[0].kind
    effect = history.versions[1].applied[0].effect
    assert effect.units == ("5(b)", "5(c)", "5(d)")


def test_an_or_list_of_clauses_keeps_or():
    clauses = CLAUSES.replace("the invoice; and", "the invoice; or")
    history = amended(clauses, "- {op: add_list_item, unit: '5', text: the packing list}")
    assert [c.text[0] for c in history.latest.agreement.root.children[0].children][-2:] == [
        "the certificate; or",
        "the packing list.",
    ]


def test_blame_credits_the_amendment_with_the_words_it_moved_and_wrote_only():
    history = amended(section(GOODS), "- {source: Section 1, op: add_list_item, unit: '1', text: the packing list}")
    written = [s.text for s in body_spans(history, "1") if s.change is not None]
    assert written == [",", " and (d) the packing list"]
    history = amended(CLAUSES, "- {source: Section 1, op: add_list_item, unit: '5', text: the packing list}")
    written = [s.text for s in body_spans(history, "5") if s.change is not None]
    assert written == ["", "; and", "(d)", "the packing list."]  # "" marks where "and" went from (b)


@pytest.mark.parametrize(
    ("para", "change", "message"),
    [
        ("The Seller shall deliver the goods.", "", "holds no list"),
        (GOODS.replace("the certificate.", "the certificate, each in good order."), "", "is not certain"),
        (GOODS.replace(" and (c)", ", (c)"), "", "no 'and' or 'or' stands before item (c)"),
        (GOODS + " The Buyer shall pay (a) the price and (b) the taxes.", "", "holds 2 lists"),
        (
            GOODS + " The Buyer shall pay (a) the price and (b) the taxes.",
            "after: '(e)', ",
            "no list in Section 1 ends with",
        ),
    ],
)
def test_a_list_that_is_missing_or_uncertain_is_refused(para, change, message):
    error = failure(section(para), f"- {{op: add_list_item, unit: '1', {change}text: the packing list}}")
    assert message in error.message, error.message


def test_new_words_that_bring_their_own_closing_mark_are_refused():
    error = failure(section(GOODS), "- {op: add_list_item, unit: '1', text: the packing list.}")
    assert "end with '.'" in error.message


def test_after_names_the_list_where_a_unit_holds_two():
    para = GOODS + " The Buyer shall pay (a) the price and (b) the taxes."
    history = amended(section(para), "- {op: add_list_item, unit: '1', after: '(b)', text: the fees}")
    assert text(history, "1")[0].endswith("(a) the price, (b) the taxes and (c) the fees.")


def test_the_redline_shows_the_moved_conjunction_and_the_new_item(tmp_path, monkeypatch):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "amendments" / "t").mkdir(parents=True)
    (tmp_path / "agreements" / "t.yaml").write_text(
        f"id: t\ntitle: T\ndate: 2020-01-01\nsections:\n  - number: '1'\n    heading: Delivery\n    text: {GOODS}\n",
        encoding="utf-8",
    )
    (tmp_path / "amendments" / "t" / "001.yaml").write_text(
        "id: a1\ntitle: Amendment No. 1\namends: t\nsequence: 1\ndated: 2021-01-01\nchanges:\n"
        "  - {source: Section 2, op: add_list_item, unit: '1', text: the packing list}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    data = json.loads(CliRunner().invoke(app, ["redline", "t", "--format", "json"]).stdout)
    assert [(c["op"], c["old"], c["new"]) for c in data["changes"]] == [
        ("replace", " and", ","),
        ("insert", "", " and (d) the packing list"),
    ]
    assert all(c["inserted_by"]["source"] == "Section 2" for c in data["changes"])
    result = CliRunner().invoke(app, ["check", "t"])
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.stdout


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.lists(st.sampled_from(["the", "goods", "notice", "Seller", "fee", "of", "each"]), min_size=1, max_size=4)


@given(
    items=st.lists(_WORDS, min_size=2, max_size=7),
    mark=st.sampled_from([",", ";"]),
    oxford=st.booleans(),
    conj=st.sampled_from(["and", "or"]),
)
def test_any_inline_list_gains_one_item_and_keeps_one_conjunction_before_its_last(items, mark, oxford, conj):
    labels = "abcdefgh"
    parts = [f"({labels[k]}) {' '.join(w)}" for k, w in enumerate(items)]
    final = f"{mark if oxford or mark == ';' else ''} {conj} "
    para = "The Seller shall deliver " + f"{mark} ".join(parts[:-1]) + final + parts[-1] + "."
    result = add(para)
    n = len(items)
    new = f"({labels[n]}) the packing list."
    assert result.endswith(new)
    old_items = f"{mark} ".join(parts)
    assert result == "The Seller shall deliver " + old_items + final + new
