"""agreement.readers.yaml: YAML agreement and amendment files -> model, with precise errors.

Every failure a user can cause is an InputError (exit code 3) that says where
(file, 1-based line and column of the offending node) and gives a hint.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreement.errors import ExitCode, InputError
from agreement.model import Kind, walk
from agreement.readers.yaml import (
    SourceText,
    load_agreement,
    load_amendment,
    read_agreement,
    read_amendment,
    read_source,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_AGREEMENT = ROOT / "agreements" / "symphony-exchange.yaml"
EXAMPLE_AMENDMENT = ROOT / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml"

NAME = "deal.yaml"

AGREEMENT = """\
id: deal
title: Loan Agreement
date: 2003-01-30
sections:
  - number: "1"
    heading: DEFINITIONS
    definitions:
      - text: '"Notes" means the notes issued hereunder.'
  - number: "2"
    heading: LOANS
    subsections:
      - number: (a)
        text: The Lender shall lend.
      - number: (b)
        text: The Borrower shall repay.
"""

AMENDMENT = """\
id: amendment-no-1
title: Amendment No. 1 to Loan Agreement
amends: deal
sequence: 1
dated: February 21, 2002
changes:
  - source: Section 1
    op: delete_words
    unit: 2(a)
    words: shall lend
"""


# --- helpers ---------------------------------------------------------------------


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the start of the n-th `needle` in `text`."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def agreement_error(text: str, name: str = NAME) -> InputError:
    with pytest.raises(InputError) as info:
        read_agreement(SourceText(name, text))
    err = info.value
    assert err.exit_code == ExitCode.INPUT == 3
    return err


def amendment_error(text: str, name: str = "amendment.yaml") -> InputError:
    with pytest.raises(InputError) as info:
        read_amendment(SourceText(name, text))
    err = info.value
    assert err.exit_code == ExitCode.INPUT == 3
    return err


def assert_at(err: InputError, text: str, needle: str, name: str = NAME, occurrence: int = 1) -> None:
    """The error's location is the file, line and column where `needle` starts."""
    assert err.location is not None, err.render()
    line, col = where(text, needle, occurrence)
    assert (err.location.file, err.location.line, err.location.column) == (name, line, col), err.render()
    assert f"{name}:{line}:{col}" in err.render()


def section(agreement, label: str):
    found = [u for _, u in walk(agreement.root) if u.kind is Kind.SECTION and u.label == label]
    assert len(found) == 1, label
    return found[0]


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin())


# --- reading valid files ----------------------------------------------------------


def test_minimal_agreement_is_read_into_units():
    a = read_agreement(SourceText(NAME, AGREEMENT))
    assert a.id == "deal"
    assert a.title == "Loan Agreement"
    assert a.date == date(2003, 1, 30)
    assert [u.number for u in a.root.children] == ["1", "2"]
    two = section(a, "2")
    assert two.heading == "LOANS"
    assert [(c.kind, c.number, c.text) for c in two.children] == [
        (Kind.SUBSECTION, "(a)", ("The Lender shall lend.",)),
        (Kind.SUBSECTION, "(b)", ("The Borrower shall repay.",)),
    ]
    (notes,) = section(a, "1").children
    assert notes.kind is Kind.DEFINITION
    assert notes.term == "Notes"


def test_units_remember_where_they_were_read():
    a = read_agreement(SourceText(NAME, AGREEMENT))
    loc = section(a, "2").children[1].location
    assert (loc.file, loc.line, loc.column) == (NAME, *where(AGREEMENT, "number: (b)"))


def test_example_agreement_keeps_original_lines_of_section_13_4():
    a = load_agreement(str(EXAMPLE_AGREEMENT))
    assert a.id == "symphony-exchange"
    assert a.title == "Securities Exchange Agreement"
    assert a.date == date(2003, 1, 30)
    s = section(a, "13.4")
    assert s.heading == "AMENDMENTS AND WAIVERS"
    lines = s.text[0].split("\n")
    # Amendment No. 1, Section 3(a): "after the words 'Required Holders' and before
    # the semi-colon in the fourth line of Section 13.4".
    assert lines[3].startswith("and the Required Holders;")
    assert lines[0] == "Neither this Agreement nor any provision"
    assert [p.short_name for p in a.parties][:3] == ["Company", "iBasis Global", "Guarantor"]
    terms = [u.term for u in section(a, "1").children]
    assert "NOTES" in terms and "FISCAL AGENCY AGREEMENT" in terms


def test_example_amendment_is_read_with_its_changes_in_order():
    am = load_amendment(str(EXAMPLE_AMENDMENT))
    assert am.id == "amendment-no-1"
    assert am.amends == "symphony-exchange"
    assert am.sequence == 1
    assert am.dated == "February 21, 2002"  # kept as written
    assert am.date == date(2002, 2, 21)
    assert am.file == str(EXAMPLE_AMENDMENT)
    assert [c.op for c in am.changes] == [
        "delete_words",
        "delete_definitions",
        "add_definitions",
        "insert_words",
        "insert_at_sentence_end",
        "append_sentence",
    ]
    assert [c.index for c in am.changes] == [1, 2, 3, 4, 5, 6]
    assert [c.source for c in am.changes] == [
        "Section 1",
        "Section 2",
        "Section 2",
        "Section 3(a)",
        "Section 3(b)",
        "Section 3(c)",
    ]
    first = am.changes[0]
    assert first.args == {"unit": "recitals(a)", "words": '(the "NOTES")'}
    assert am.changes[1].args["terms"] == ("Fiscal Agency Agreement", "Notes", "Warrant Agreement")
    insert = am.changes[3]
    assert insert.args["after"] == "Required Holders"
    assert insert.args["before"] == ";"
    assert insert.args["line"] == 4
    assert len(am.notes) == 8


def test_amendment_reads_a_minimal_file():
    am = read_amendment(SourceText("a.yaml", AMENDMENT))
    (change,) = am.changes
    assert change.op == "delete_words"
    assert change.args == {"unit": "2(a)", "words": "shall lend"}
    assert change.location.file == "a.yaml"
    assert change.location.line == where(AMENDMENT, "- source")[0]


# --- numbers and dates ------------------------------------------------------------


@pytest.mark.parametrize("written", ["13.40", "1.10", "007", "2.0", "1e3"])
def test_section_numbers_keep_their_exact_text(written):
    text = AGREEMENT.replace('number: "2"', f"number: {written}")
    a = read_agreement(SourceText(NAME, text))
    assert a.root.children[1].number == written


def test_change_arguments_keep_their_exact_text():
    text = AMENDMENT.replace("unit: 2(a)", "unit: 13.40").replace("words: shall lend", "words: 13.40")
    am = read_amendment(SourceText("a.yaml", text))
    assert am.changes[0].args == {"unit": "13.40", "words": "13.40"}


@pytest.mark.parametrize("written", ["February 21, 2002", "2002-02-21", "21 February 2002", "Feb. 21, 2002"])
def test_amendment_dates_as_lawyers_write_them_are_accepted(written):
    am = read_amendment(SourceText("a.yaml", AMENDMENT.replace("February 21, 2002", written)))
    assert am.date == date(2002, 2, 21)
    assert am.dated == written


@pytest.mark.parametrize("written", ["sometime", "February 30, 2002", "2002-13-01", "Smarch 3, 2002"])
def test_bad_amendment_dates_are_refused_at_the_value(written):
    text = AMENDMENT.replace("February 21, 2002", written)
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, written, "a.yaml")
    assert "dated" in err.message and written in err.message
    assert err.hint and "2003-01-30" in err.hint


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("February 30, 2002", "February 2002 has 28 days"),
        ("2004-02-30", "February 2004 has 29 days"),
        ("31 April 2002", "April 2002 has 30 days"),
        ("2002-13-01", "there is no month 13"),
        ("Smarch 3, 2002", "'Smarch' is not the name of a month"),
    ],
)
def test_a_date_of_the_right_shape_says_what_is_wrong_with_it(written, why):
    err = amendment_error(AMENDMENT.replace("February 21, 2002", written), "a.yaml")
    assert err.message.endswith(f"is not a date: {why}")


def test_agreement_date_as_written_is_accepted_and_bad_one_refused():
    a = read_agreement(SourceText(NAME, AGREEMENT.replace("2003-01-30", "January 30, 2003")))
    assert a.date == date(2003, 1, 30)
    text = AGREEMENT.replace("2003-01-30", "sometime")
    assert_at(agreement_error(text), text, "sometime")


def test_sequence_must_be_a_whole_number():
    text = AMENDMENT.replace("sequence: 1", "sequence: first")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "first", "a.yaml")
    assert "whole number" in err.message


# --- paragraphs -------------------------------------------------------------------


def _text_of_section_2(block: str):
    text = AGREEMENT.replace("    heading: LOANS\n", f"    heading: LOANS\n    text: {block}\n")
    return section(read_agreement(SourceText(NAME, text)), "2").text


def test_blank_lines_separate_paragraphs_and_line_breaks_inside_are_kept():
    block = "|\n      First line\n      second line.\n\n      Next paragraph."
    assert _text_of_section_2(block) == ("First line\nsecond line.", "Next paragraph.")


def test_indentation_inside_a_paragraph_is_not_kept():
    block = "|\n      First line\n          indented more\n        and less."
    assert _text_of_section_2(block) == ("First line\nindented more\nand less.",)


def test_a_line_of_only_spaces_separates_paragraphs():
    text = AGREEMENT.replace("text: The Lender shall lend.", 'text: "One.\\n   \\nTwo."')
    a = read_agreement(SourceText(NAME, text))
    assert section(a, "2").children[0].text == ("One.", "Two.")


def test_text_as_a_list_gives_one_paragraph_per_item():
    block = "\n      - First.\n      - |\n        Second,\n        two lines."
    assert _text_of_section_2(block) == ("First.", "Second,\ntwo lines.")


@given(
    st.lists(
        st.lists(st.from_regex(r"[A-Za-z][A-Za-z,.;$%]{0,8}", fullmatch=True), min_size=1, max_size=4).map(" ".join),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=0, max_value=3),
)
def test_paragraph_lines_survive_any_indentation(lines, extra):
    # each generated item is one line; pairs of lines make a paragraph
    paras = ["\n".join(lines[i : i + 2]) for i in range(0, len(lines), 2)]
    pad = " " * (6 + extra)
    body = "\n\n".join("\n".join(pad + ln for ln in p.split("\n")) for p in paras)
    assert _text_of_section_2("|\n" + body) == tuple(paras)


# --- definitions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("definition", "term"),
    [
        ("- text: '\u201cNotes\u201d means the notes.'", "Notes"),
        ("- term: notes\n        text: '\"Notes\" means the notes issued hereunder.'", "Notes"),
        ("- '\"Holders\" means the holders of the Notes.'", "Holders"),
    ],
)
def test_definition_term_is_told_from_its_quotes(definition, term):
    text = AGREEMENT.replace("- text: '\"Notes\" means the notes issued hereunder.'", definition)
    (d,) = section(read_agreement(SourceText(NAME, text)), "1").children
    assert d.term == term


def test_definition_whose_term_cannot_be_told_is_refused():
    text = AGREEMENT.replace("'\"Notes\" means the notes issued hereunder.'", "Notes means the notes.")
    err = agreement_error(text)
    assert_at(err, text, "text: Notes means")
    assert "term" in err.message
    assert err.hint and '"Term" means' in err.hint


def test_a_term_key_that_contradicts_the_quoted_term_is_refused():
    text = AGREEMENT.replace(
        "- text: '\"Notes\" means the notes issued hereunder.'",
        "- term: Agent\n        text: '\"Notes\" means the notes issued hereunder.'",
    )
    err = agreement_error(text)
    assert "Agent" in err.message and "Notes" in err.message


# --- shape errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "meant", "after"),
    [
        ("heding", "heading", '  - number: "2"\n    '),
        ("titel", "title", "id: deal\n"),
        ("subsection", "subsections", "    heading: LOANS\n    "),
    ],
)
def test_unknown_key_suggests_the_closest(typo, meant, after):
    right = after + meant
    assert right in AGREEMENT
    text = AGREEMENT.replace(right, after + typo, 1)
    err = agreement_error(text)
    assert_at(err, text, typo + ":")
    assert repr(typo) in err.message
    assert err.hint == f"did you mean {meant!r}?"


def test_unknown_key_without_a_close_match_lists_the_keys():
    text = AGREEMENT.replace("id: deal\n", "id: deal\nzebra: stripes\n")
    err = agreement_error(text)
    assert_at(err, text, "zebra")
    assert "title" in err.hint and "sections" in err.hint


def test_missing_required_agreement_field():
    text = AGREEMENT.replace("date: 2003-01-30\n", "")
    err = agreement_error(text)
    assert_at(err, text, "id: deal")
    assert "'date'" in err.message
    assert "date" in err.hint


def test_missing_section_number_is_located_at_the_section():
    text = AGREEMENT.replace('  - number: "2"\n    heading: LOANS', "  - heading: LOANS")
    err = agreement_error(text)
    assert_at(err, text, "heading: LOANS")
    assert "'number'" in err.message


@pytest.mark.parametrize(
    ("text", "needle", "words"),
    [
        ("- id: deal\n- title: Loan\n", "- id", ["mapping", "a list"]),
        (
            "id: deal\ntitle: T\ndate: 2003-01-30\nsections:\n  number: '1'\n  text: hi\n",
            "number: '1'",
            ["list", "mapping"],
        ),
        (AGREEMENT.replace("heading: LOANS", "heading: [LOANS, CREDIT]"), "[LOANS", ["single value", "list"]),
        (
            AGREEMENT.replace("      - number: (a)\n        text: The Lender shall lend.\n", "      - The Lender.\n"),
            "The Lender.",
            ["mapping"],
        ),
    ],
    ids=["root-is-list", "sections-is-mapping", "heading-is-list", "subsection-is-text"],
)
def test_wrong_type_is_refused_at_the_node(text, needle, words):
    err = agreement_error(text)
    assert_at(err, text, needle)
    for w in words:
        assert w in err.message


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (AGREEMENT + "title: Another Title\n", "title: Loan", "title: Another"),
        (
            AGREEMENT.replace("heading: LOANS\n", "heading: LOANS\n    heading: CREDIT\n"),
            "heading: LOANS",
            "heading: CREDIT",
        ),
    ],
    ids=["top-level", "nested"],
)
def test_key_given_twice_is_refused_naming_the_first(text, first, second):
    err = agreement_error(text)
    assert_at(err, text, second)
    assert "twice" in err.message
    assert f"line {where(text, first)[0]}" in (err.hint or "")


ALIASED = AGREEMENT.replace(
    "      - number: (b)\n        text: The Borrower shall repay.\n",
    "      - &b {number: (b), text: The Borrower shall repay.}\n      - *b\n",
)


def test_alias_of_a_mapping_is_refused():
    err = agreement_error(ALIASED)
    assert "alias" in err.message
    assert err.location is not None and err.location.file == NAME
    assert err.hint and "in full" in err.hint


def test_alias_of_a_mapping_is_located_at_the_alias():
    assert_at(agreement_error(ALIASED), ALIASED, "*b")


def test_alias_of_a_scalar_is_refused():
    text = AGREEMENT.replace("id: deal", "id: &name deal").replace("title: Loan Agreement", "title: *name")
    err = agreement_error(text)
    assert "alias" in err.message
    assert err.location is not None and err.location.line == 2


def test_merge_key_is_refused():
    text = AGREEMENT.replace(
        "      - number: (b)\n        text: The Borrower shall repay.\n",
        "      - &b {number: (b), text: The Borrower shall repay.}\n      - <<: *b\n        number: (c)\n",
    )
    err = agreement_error(text)
    assert_at(err, text, "<<")
    assert "merge" in err.message


def test_nested_aliases_are_refused_before_they_multiply():
    """Nine levels of nine aliases would be 9**9 scalars if they were expanded ("billion laughs")."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)
    ]
    text = "id: deal\n" + "\n".join(levels) + "\n"
    err = agreement_error(text)
    assert "alias" in err.message
    assert_at(err, text, "*a0")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('!!python/object/apply:os.system ["echo hi"]', "!!python/object/apply:os.system"),
        ("!!python/name:builtins.print ''", "!!python/name:builtins.print"),
        ("!custom Loan Agreement", "!custom"),
        ("!!binary TG9hbg==", "!!binary"),
    ],
)
def test_tags_beyond_plain_types_are_refused_at_the_tag(value, shown):
    text = AGREEMENT.replace("title: Loan Agreement", f"title: {value}")
    err = agreement_error(text)
    assert_at(err, text, value)
    assert f"tag {shown} " in err.message
    assert "remove the tag" in err.hint


def test_tag_deep_in_the_tree_is_refused_at_the_tag():
    text = AGREEMENT.replace("text: The Lender shall lend.", "text: !note The Lender shall lend.")
    assert_at(agreement_error(text), text, "!note")


def test_plain_type_tags_are_accepted():
    """An explicit !!str is what a careful user writes to keep "13.40" as text."""
    text = AGREEMENT.replace('number: "2"', "number: !!str 2").replace("title: Loan Agreement", "title: !!str Loan!")
    agreement = read_agreement(SourceText(NAME, text))
    assert agreement.title == "Loan!"
    assert section(agreement, "2").heading == "LOANS"


@pytest.mark.parametrize("written", ["title:", "title: ~", "title: null", "title: NULL"])
def test_a_value_written_as_yaml_null_is_empty(written: str) -> None:
    """A plain null is an empty value (the reader tells it by its words: the base loader
    it composes with tags every plain scalar a string)."""
    text = AGREEMENT.replace("title: Loan Agreement", written)
    err = agreement_error(text)
    assert "title is empty" in err.message
    assert err.location is not None and err.location.line == 2


@pytest.mark.parametrize(
    ("written", "title"), [('title: "null"', "null"), ("title: !!str null", "null"), ("title: '~'", "~")]
)
def test_the_word_null_quoted_or_tagged_as_text_is_text(written: str, title: str) -> None:
    agreement = read_agreement(SourceText(NAME, AGREEMENT.replace("title: Loan Agreement", written)))
    assert agreement.title == title


# --- malformed YAML ---------------------------------------------------------------


def test_tab_indentation_is_located_at_the_tab():
    text = AGREEMENT.replace("    heading: LOANS", "\theading: LOANS")
    err = agreement_error(text)
    assert err.location is not None
    assert err.location.file == NAME
    assert err.location.line == where(text, "\theading")[0]
    assert "not valid YAML" in err.message


def test_tab_that_breaks_a_mapping_gets_the_tab_hint():
    text = "id: deal\ntitle: T\n\tdate: 2003-01-30\n"
    err = agreement_error(text)
    assert err.location is not None and err.location.line == 3
    assert "tab" in err.hint.lower()


def test_tab_before_a_list_item_gets_the_tab_hint():
    text = AGREEMENT.replace('  - number: "2"', '\t- number: "2"')
    err = agreement_error(text)
    assert err.location is not None and err.location.line == where(text, "\t-")[0]
    assert "tab" in err.hint.lower()


def test_unclosed_quote_is_located_at_the_quote():
    text = AGREEMENT.replace("title: Loan Agreement", 'title: "Loan Agreement')
    err = agreement_error(text)
    assert "not valid YAML" in err.message
    assert (err.location.line, err.location.column) == where(text, '"Loan')


@pytest.mark.parametrize(
    ("old", "new", "opener"),
    [
        ("number: (b)", "number: [b", "["),
        ("number: (b)", "number: {b: 1", "{"),
        ("title: Loan Agreement", "title: [Loan, {draft: 1]", "{"),
    ],
)
def test_unclosed_bracket_is_located_where_it_opens(old, new, opener):
    text = AGREEMENT.replace(old, new)
    err = agreement_error(text)
    assert_at(err, text, opener)
    assert f"this '{opener}' is never closed" in err.message
    assert "quotes" in err.hint


def test_unclosed_quote_is_an_input_error_in_the_file():
    text = AGREEMENT.replace("title: Loan Agreement", 'title: "Loan Agreement')
    err = agreement_error(text)
    assert err.location is not None and err.location.file == NAME
    assert "not valid YAML" in err.message
    assert err.hint and "quote" in err.hint


def test_colon_in_plain_text_is_located_on_its_line():
    text = AGREEMENT.replace("title: Loan Agreement", "title: Note: a loan agreement")
    err = agreement_error(text)
    assert err.location.line == 2
    assert err.location.column == where(text, ": a loan")[1]
    assert "': '" in err.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_refused_naming_it(text):
    err = agreement_error(text)
    assert err.location == (NAME, 1, 1)
    assert f"{NAME}:1:1" in err.render()
    assert "empty" in err.message


# --- duplicates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        '  - number: "2"\n    text: Again.\n',
        '  - number: "9"\n    sections:\n      - number: "2"\n        text: Again.\n',
    ],
    ids=["top-level", "nested-under-another"],
)
def test_duplicate_section_number_is_refused_naming_both_lines(extra):
    text = AGREEMENT + extra
    err = agreement_error(text)
    assert_at(err, text, 'number: "2"', occurrence=2)
    assert "'2'" in err.message
    first_line = where(text, 'number: "2"')[0]
    assert f"line {first_line}" in err.render()


def test_duplicate_section_number_both_nested_is_refused():
    text = (
        AGREEMENT
        + '  - number: "8"\n    sections:\n      - number: "8.3"\n        text: One.\n'
        + '  - number: "9"\n    sections:\n      - number: "8.3"\n        text: Two.\n'
    )
    err = agreement_error(text)
    assert_at(err, text, 'number: "8.3"', occurrence=2)
    first_line = where(text, 'number: "8.3"')[0]
    assert f"line {first_line}" in err.render()


def test_duplicate_subunit_label_is_refused_naming_both_lines():
    text = AGREEMENT.replace("number: (b)", "number: (a)")
    err = agreement_error(text)
    assert_at(err, text, "number: (a)", occurrence=2)
    assert "(a)" in err.message
    assert f"line {where(text, 'number: (a)')[0]}" in err.render()


def test_duplicate_clause_label_in_a_recital_is_refused():
    text = AGREEMENT.replace(
        "date: 2003-01-30\n",
        "date: 2003-01-30\nrecitals:\n  - text: WHEREAS, the parties wish\n    clauses:\n"
        "      - number: (a)\n        text: to lend; and\n"
        "      - number: (a)\n        text: to borrow.\n",
    )
    err = agreement_error(text)
    assert_at(err, text, "number: (a)", occurrence=2)
    assert f"line {where(text, 'number: (a)')[0]}" in err.render()


def test_duplicate_clause_label_in_a_definition_is_refused():
    text = AGREEMENT.replace(
        """      - text: '"Notes" means the notes issued hereunder.'\n""",
        """      - text: '"Notes" means the notes issued hereunder, being:'\n"""
        "        clauses:\n"
        "          - number: (a)\n            text: the A notes; and\n"
        "          - number: (a)\n            text: the B notes.\n",
    )
    err = agreement_error(text)
    assert_at(err, text, "number: (a)", occurrence=2)
    assert f"line {where(text, 'number: (a)')[0]}" in err.render()


# --- amendments ---------------------------------------------------------------------


def test_unknown_op_suggests_the_closest():
    text = AMENDMENT.replace("op: delete_words", "op: delete_word")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "delete_word", "a.yaml")
    assert "'delete_word'" in err.message and "change 1" in err.message
    assert err.hint == "did you mean 'delete_words'?"


def test_change_missing_a_required_field_of_its_op():
    text = AMENDMENT.replace("    words: shall lend\n", "")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "source: Section 1", "a.yaml")
    assert "'words'" in err.message and "delete_words" in err.message


def test_change_field_of_another_op_suggests_the_right_one():
    text = AMENDMENT.replace("words: shall lend", "word: shall lend")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "word: shall", "a.yaml")
    assert err.hint == "did you mean 'words'?"


def test_insert_words_needs_after_or_before():
    text = AMENDMENT.replace("op: delete_words", "op: insert_words").replace("words: shall lend", "text: promptly")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "source: Section 1", "a.yaml")
    assert "'after'" in err.message and "'before'" in err.message


@pytest.mark.parametrize("anchor", ["after: shall", "before: lend"])
def test_insert_words_with_after_or_before_is_accepted(anchor):
    text = AMENDMENT.replace("op: delete_words", "op: insert_words").replace(
        "words: shall lend", f"text: promptly\n    {anchor}"
    )
    (change,) = read_amendment(SourceText("a.yaml", text)).changes
    key, value = anchor.split(": ")
    assert change.args[key] == value and change.args["text"] == "promptly"


def test_change_without_op_is_refused():
    text = AMENDMENT.replace("    op: delete_words\n", "")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "source: Section 1", "a.yaml")
    assert "'op'" in err.message
    assert "delete_words" in err.hint


def test_change_that_is_not_a_mapping_is_refused():
    text = AMENDMENT + "  - delete the words 'promptly'\n"
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "delete the words", "a.yaml")
    assert "change 2" in err.message


def test_malformed_unit_address_in_a_change_is_an_input_error():
    text = AMENDMENT.replace("unit: 2(a)", "unit: x y")
    err = amendment_error(text, "a.yaml")
    assert_at(err, text, "x y", "a.yaml")


# --- files and encodings ------------------------------------------------------------


def test_load_agreement_reads_a_file(tmp_path):
    path = tmp_path / "deal.yaml"
    path.write_text(AGREEMENT, encoding="utf-8")
    a = load_agreement(str(path))
    assert a.id == "deal"
    assert a.location.file == str(path)


def test_missing_file_is_an_input_error_naming_it(tmp_path):
    path = str(tmp_path / "nope.yaml")
    with pytest.raises(InputError) as info:
        load_agreement(path)
    assert info.value.exit_code == 3
    assert path in info.value.render()
    assert "no such file" in info.value.message


def test_folder_is_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError) as info:
        load_agreement(str(tmp_path))
    assert str(tmp_path) in info.value.render()


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "deal.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + AGREEMENT.encode())
    assert read_source(str(path)).text == AGREEMENT
    assert load_agreement(str(path)).id == "deal"


def test_crlf_line_ends_are_accepted_and_do_not_leak_into_text(tmp_path):
    path = tmp_path / "deal.yaml"
    crlf = AGREEMENT.replace("heading: LOANS\n", "heading: LOANS\n    text: |\n      one\n      two\n\n      three\n")
    path.write_bytes(crlf.replace("\n", "\r\n").encode())
    assert "\r" not in read_source(str(path)).text
    a = load_agreement(str(path))
    assert section(a, "2").text == ("one\ntwo", "three")


def test_crlf_locations_count_lines_as_editors_do(tmp_path):
    path = tmp_path / "deal.yaml"
    text = AGREEMENT.replace("heading: LOANS", "heding: LOANS")
    path.write_bytes(text.replace("\n", "\r\n").encode())
    with pytest.raises(InputError) as info:
        load_agreement(str(path))
    line, col = where(text, "heding")
    assert (info.value.location.line, info.value.location.column) == (line, col)


def test_non_utf8_byte_is_located(tmp_path):
    path = tmp_path / "deal.yaml"
    text = AGREEMENT.replace("Borrower shall", "Borrower \x00shall")
    path.write_bytes(text.encode().replace(b"\x00", b"\xe9"))
    with pytest.raises(InputError) as info:
        load_agreement(str(path))
    err = info.value
    assert err.exit_code == 3
    line, col = where(text, "\x00")
    assert (err.location.file, err.location.line, err.location.column) == (str(path), line, col)
    assert "UTF-8" in err.message and "0xe9" in err.message
    assert "UTF-8" in err.hint


def test_non_utf8_byte_column_counts_characters(tmp_path):
    path = tmp_path / "deal.yaml"
    path.write_bytes("title: \u201cLoan\u201d ".encode() + b"\x92s\n")
    with pytest.raises(InputError) as info:
        load_agreement(str(path))
    assert (info.value.location.line, info.value.location.column) == (1, len("title: \u201cLoan\u201d ") + 1)


def test_stdin_is_read_for_dash_with_bom_and_crlf(monkeypatch):
    stdin_bytes(monkeypatch, b"\xef\xbb\xbf" + AGREEMENT.replace("\n", "\r\n").encode())
    src = read_source("-")
    assert src == SourceText("<stdin>", AGREEMENT)
    stdin_bytes(monkeypatch, AGREEMENT.encode())
    assert load_agreement("-").id == "deal"


def test_errors_from_stdin_name_stdin(monkeypatch):
    stdin_bytes(monkeypatch, AGREEMENT.replace("heading: LOANS", "heding: LOANS").encode())
    with pytest.raises(InputError) as info:
        load_agreement("-")
    assert info.value.location.file == "<stdin>"
    assert info.value.render().startswith("<stdin>:")


def test_non_utf8_on_stdin_is_located(monkeypatch):
    stdin_bytes(monkeypatch, b"id: deal\ntitle: Caf\xe9\n")
    with pytest.raises(InputError) as info:
        read_source("-")
    assert info.value.location == ("<stdin>", 2, 11)
