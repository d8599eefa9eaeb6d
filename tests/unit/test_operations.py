"""Operations of cli/agreement/operations: each one a pure (root, args) -> (root, effect).

Inputs are built as users meet them: an agreement and an amendment written in YAML,
read by load.read_agreement / load.read_amendment; each change is then handed to
its operation in operations.REGISTRY directly (the engine is tested elsewhere).
"""

from __future__ import annotations

import textwrap

import pytest

from agreement.address import resolve
from agreement.errors import AgreementError, ApplyFailed, InputError, NoSuchUnit, TextEditError
from agreement.model import Agreement, Change, Kind, Unit, at, walk
from agreement.operations import REGISTRY, Effect
from agreement.readers import yaml as load

AGREEMENT_YAML = """\
id: loan
title: Loan Agreement
date: 2020-01-01
preamble: |
  THIS LOAN AGREEMENT is made between the "Borrower" and the "Lender".
recitals:
  - text: |
      WHEREAS, the Lender wishes to lend
    clauses:
      - number: (a)
        text: |
          the Term Loan (the "LOAN") and
      - number: (b)
        text: the Revolving Loan.
sections:
  - number: "1"
    heading: DEFINITIONS
    text: "As used herein, the following terms have the following meanings:"
    definitions:
      - '"Business Day" means any day on which banks are open.'
      - '"Collateral" means the property pledged.'
      - text: '"Lien" means any mortgage or pledge, including:'
        clauses:
          - number: (a)
            text: any charge; and
          - number: (b)
            text: any security interest.
      - '"Maturity Date" means June 30, 2030.'
  - number: "2"
    heading: THE LOAN
    text: |
      The Lender shall lend the Loan to the Borrower on the
      Closing Date; PROVIDED that no Default has occurred. The Borrower
      shall repay the Loan on the Maturity Date.

      Interest shall accrue on the Loan at 5% per annum. Interest
      shall be paid monthly.
  - number: "3"
    heading: COVENANTS
    sections:
      - number: "3.1"
        heading: REPORTS
        text: The Borrower shall deliver reports to the Lender.
      - number: "3.2"
        heading: INSURANCE
        text: The Borrower shall maintain insurance.
        subsections:
          - number: (a)
            text: Property insurance shall cover the Collateral.
          - number: (b)
            text: Liability insurance shall cover the Borrower.
      - number: "3.4"
        heading: NOTICES
        text: Notices to the Borrowers shall be in writing.
  - number: "4"
    heading: MISCELLANEOUS
    text: |
      This Agreement may be amended only in writing signed by the Borrower
      and the Lender; no waiver shall be effective unless in writing.
"""


def read(yaml_text: str = AGREEMENT_YAML) -> Agreement:
    return load.read_agreement(load.SourceText("loan.yaml", yaml_text))


def change_from(yaml_change: str) -> Change:
    """The one change of an amendment whose `changes:` list is `yaml_change`."""
    head = "id: amendment-1\ntitle: Amendment No. 1\namends: loan\nsequence: 1\ndated: 2021-01-01\nchanges:\n"
    body = textwrap.indent(textwrap.dedent(yaml_change).strip("\n"), "  ")
    amendment = load.read_amendment(load.SourceText("amendment-1.yaml", head + body + "\n"))
    assert len(amendment.changes) == 1
    return amendment.changes[0]


def run(root: Unit, yaml_change: str) -> tuple[Unit, Effect]:
    c = change_from(yaml_change)
    return REGISTRY[c.op].apply(root, c.args)


def unit(root: Unit, address: str) -> Unit:
    return at(root, resolve(root, address))


def body(root: Unit, address: str) -> str:
    """A unit's own paragraphs, with white space folded to single spaces."""
    return " | ".join(flat(p) for p in unit(root, address).text)


def flat(s: str) -> str:
    return " ".join(s.split())


def terms(root: Unit, address: str) -> list[str]:
    return [c.term for c in unit(root, address).children if c.kind is Kind.DEFINITION]


def unchanged_except(old: Unit, new: Unit, *addresses: str) -> None:
    """Every unit of `old` that is neither one of `addresses` nor above or below one is shared by `new`."""
    touched = [resolve(old, a) for a in addresses]
    for path, u in walk(old):
        related = any(path[: len(t)] == t or t[: len(path)] == path for t in touched)
        if not related:
            assert at(new, path) is u, path


@pytest.fixture
def root() -> Unit:
    return read().root


# --- registry --------------------------------------------------------------------


def test_registry_names_every_operation_of_the_vocabulary():
    assert set(REGISTRY) == {
        "replace_words",
        "delete_words",
        "insert_words",
        "insert_at_sentence_end",
        "append_sentence",
        "append_paragraph",
        "add_list_item",
        "restate_unit",
        "add_unit",
        "redesignate",
        "delete_unit",
        "delete_definitions",
        "add_definitions",
        "restate_definition",
        "replace_references",
    }
    for name, op in REGISTRY.items():
        assert op.name == name
        assert callable(op.apply)


def test_an_operation_does_not_touch_the_root_it_is_given(root):
    before = read().root
    new, _ = run(root, "- {op: replace_words, unit: '3.1', words: reports, with: monthly reports}")
    assert root == before
    assert body(root, "3.1") == "The Borrower shall deliver reports to the Lender."
    assert body(new, "3.1") == "The Borrower shall deliver monthly reports to the Lender."


# --- replace_words -----------------------------------------------------------------


def test_replace_words_replaces_the_words_in_lieu_thereof(root):
    new, effect = run(
        root,
        "- {op: replace_words, unit: '4', words: unless in writing, with: unless in a writing signed by the Lender}",
    )
    assert body(new, "4") == (
        "This Agreement may be amended only in writing signed by the Borrower and the Lender; "
        "no waiver shall be effective unless in a writing signed by the Lender."
    )
    assert effect.kind == "modified"
    assert effect.units == ("4",)
    unchanged_except(root, new, "4")


def test_replace_words_matches_across_a_line_break_and_keeps_the_other_line_breaks(root):
    new, _ = run(root, "- {op: replace_words, unit: '4', words: Borrower and the Lender, with: 'Borrower, the Lender'}")
    text = unit(new, "4").text[0]
    assert "signed by the Borrower, the Lender; no waiver" in text
    assert "Borrower\nand" not in text
    # a line break the change does not reach is kept
    new2, _ = run(root, "- {op: replace_words, unit: '2', words: 5% per annum, with: 6% per annum}")
    assert unit(new2, "2").text[0] == unit(root, "2").text[0]
    assert (
        unit(new2, "2").text[1] == "Interest shall accrue on the Loan at 6% per annum. Interest\nshall be paid monthly."
    )


def test_replace_words_clashing_punctuation_is_an_error(root):
    with pytest.raises(TextEditError, match="punctuation"):
        run(root, "- {op: replace_words, unit: '2', words: Closing Date, with: 'Closing Date,'}")


def test_replace_words_needs_an_occurrence_when_the_words_stand_twice(root):
    with pytest.raises(TextEditError, match="2 times"):
        run(root, "- {op: replace_words, unit: '4', words: in writing, with: by written instrument}")
    new, _ = run(
        root, "- {op: replace_words, unit: '4', words: in writing, with: by written instrument, occurrence: 2}"
    )
    assert body(new, "4").endswith("no waiver shall be effective unless by written instrument.")
    assert "amended only in writing signed" in body(new, "4")


# --- delete_words ------------------------------------------------------------------


def test_delete_words_closes_the_gap_with_one_space(root):
    new, effect = run(root, """- {op: delete_words, unit: 'recitals(a)', words: '(the "LOAN")'}""")
    assert body(new, "recitals(a)") == "the Term Loan and"
    assert "  " not in unit(new, "recitals(a)").text[0]
    assert effect.units == ("recitals(a)",)
    unchanged_except(root, new, "recitals(a)")


def test_delete_words_leaves_no_space_before_punctuation(root):
    new, _ = run(root, "- {op: delete_words, unit: '3.1', words: to the Lender}")
    assert body(new, "3.1") == "The Borrower shall deliver reports."


def test_delete_words_forgives_curly_quotes_in_the_amendment(root):
    new, _ = run(root, "- {op: delete_words, unit: 'recitals(a)', words: '(the \u201cLOAN\u201d)'}")
    assert body(new, "recitals(a)") == "the Term Loan and"


def test_delete_words_forgives_curly_quotes_in_the_agreement():
    curly = AGREEMENT_YAML.replace('(the "LOAN")', "(the \u201cLOAN\u201d)")
    root = read(curly).root
    new, _ = run(root, """- {op: delete_words, unit: 'recitals(a)', words: '(the "LOAN")'}""")
    assert body(new, "recitals(a)") == "the Term Loan and"


def test_anchor_forgives_runs_of_spaces_and_line_breaks(root):
    # "the Closing Date" runs from line 1 into line 2 of Section 2
    new, _ = run(root, "- {op: replace_words, unit: '2', words: 'on   the Closing    Date', with: on the Funding Date}")
    assert "lend the Loan to the Borrower on the Funding Date; PROVIDED that" in body(new, "2")
    assert "Closing" not in body(new, "2")


def test_delete_words_leaving_clashing_punctuation_is_an_error(root):
    # "Closing Date; PROVIDED that no Default has occurred. The Borrower": deleting the proviso leaves ";."
    with pytest.raises(TextEditError, match="punctuation"):
        run(root, "- {op: delete_words, unit: '2', words: PROVIDED that no Default has occurred}")


def test_anchor_does_not_match_inside_a_longer_word(root):
    # "Borrower" stands in Section 3.4 only inside "Borrowers"
    with pytest.raises(TextEditError, match="do not stand"):
        run(root, "- {op: delete_words, unit: '3.4', words: Borrower}")


# --- insert_words ------------------------------------------------------------------


def test_insert_words_after_an_anchor(root):
    new, effect = run(root, "- {op: insert_words, unit: '3.1', after: reports, text: and financial statements}")
    assert body(new, "3.1") == "The Borrower shall deliver reports and financial statements to the Lender."
    assert effect.units == ("3.1",)


def test_insert_words_before_an_anchor(root):
    new, _ = run(root, "- {op: insert_words, unit: '3.1', before: reports, text: quarterly}")
    assert body(new, "3.1") == "The Borrower shall deliver quarterly reports to the Lender."


def test_insert_words_after_and_before_bounding_words(root):
    new, _ = run(root, "- {op: insert_words, unit: '4', after: and the Lender, before: ';', text: ', and the Agent'}")
    assert body(new, "4") == (
        "This Agreement may be amended only in writing signed by the Borrower and the Lender, "
        "and the Agent; no waiver shall be effective unless in writing."
    )


def test_insert_words_text_after_the_anchor_must_begin_with_the_before_words(root):
    # "the Borrower" is followed by "and the Lender;", not by the semi-colon
    with pytest.raises(TextEditError, match="followed by"):
        run(root, "- {op: insert_words, unit: '4', after: the Borrower, before: ';', text: and the Agent}")


def test_insert_words_before_words_must_begin_on_a_word_boundary(root):
    # "reports" is followed by "to the Lender": the words "to th" do not begin there
    with pytest.raises(TextEditError):
        run(root, "- {op: insert_words, unit: '3.1', after: reports, before: to th, text: monthly}")


def test_insert_words_clashing_punctuation_is_an_error(root):
    with pytest.raises(TextEditError, match="';;'"):
        run(root, "- {op: insert_words, unit: '4', after: and the Lender, text: 'and the Agent;'}")


def test_insert_words_as_conformed_with_a_note_fits_the_punctuation(root):
    new, _ = run(
        root,
        """
        - op: insert_words
          unit: '4'
          after: and the Lender
          text: 'and the Agent;'
          as_conformed: 'and the Agent'
          conforming_note: the text already has its semi-colon
        """,
    )
    assert body(new, "4").startswith(
        "This Agreement may be amended only in writing signed by the Borrower and the Lender and the Agent; no waiver"
    )
    assert ";;" not in body(new, "4")


def test_as_conformed_without_a_conforming_note_is_an_error(root):
    with pytest.raises(TextEditError, match="conforming_note"):
        run(
            root,
            """
            - op: insert_words
              unit: '4'
              after: and the Lender
              text: 'and the Agent;'
              as_conformed: 'and the Agent'
            """,
        )


def test_as_conformed_that_changes_a_word_is_an_error(root):
    with pytest.raises(TextEditError, match="only in punctuation"):
        run(
            root,
            """
            - op: insert_words
              unit: '4'
              after: and the Lender
              text: 'and the Agent;'
              as_conformed: 'and the Trustee'
              conforming_note: fitted
            """,
        )


def test_inserted_words_keep_the_characters_the_amendment_gives(root):
    new, _ = run(root, "- {op: insert_words, unit: '3.1', after: reports, text: '(the \u201cREPORTS\u201d)'}")
    assert unit(new, "3.1").text[0] == "The Borrower shall deliver reports (the \u201cREPORTS\u201d) to the Lender."


# --- anchors: exactly once, occurrence, line ------------------------------------------


def test_an_anchor_found_nowhere_shows_the_closest_passages(root):
    with pytest.raises(TextEditError) as info:
        run(root, "- {op: delete_words, unit: '2', words: Maturty Date}")
    assert "Maturty Date" in info.value.message
    assert any("Maturity Date" in d for d in info.value.details)


def test_an_anchor_is_searched_in_the_whole_body_including_sub_units(root):
    # "insurance" stands in the text of Section 3.2 (line 1), of 3.2(a) (line 2) and of 3.2(b) (line 3)
    with pytest.raises(TextEditError, match="3 times") as info:
        run(root, "- {op: insert_words, unit: '3.2', before: insurance, text: adequate}")
    details = info.value.details
    assert len(details) == 3
    for n, d in enumerate(details, 1):
        assert f"line {n}" in d


def test_occurrence_picks_one_of_several_matches(root):
    new, effect = run(root, "- {op: insert_words, unit: '3.2', before: insurance, text: adequate, occurrence: 2}")
    assert body(new, "3.2(a)") == "Property adequate insurance shall cover the Collateral."
    assert body(new, "3.2") == "The Borrower shall maintain insurance."
    assert body(new, "3.2(b)") == "Liability insurance shall cover the Borrower."
    assert effect.units == ("3.2(a)",)


def test_a_line_picks_one_of_several_matches(root):
    new, _ = run(root, "- {op: insert_words, unit: '3.2', before: insurance, text: adequate, line: 3}")
    assert body(new, "3.2(b)") == "Liability adequate insurance shall cover the Borrower."
    assert body(new, "3.2(a)") == "Property insurance shall cover the Collateral."


def test_a_line_counts_from_the_first_line_of_the_units_text(root):
    # "the Loan" stands in lines 1 and 3 of the first paragraph of Section 2
    new, _ = run(root, "- {op: replace_words, unit: '2', words: the Loan, with: the Advance, line: 3}")
    first = unit(new, "2").text[0]
    assert first.startswith("The Lender shall lend the Loan to the Borrower")
    assert "shall repay the Advance on the Maturity Date." in first


def test_a_line_hint_that_disagrees_with_the_anchor_is_an_error(root):
    # "PROVIDED that" stands in line 2 of Section 2
    with pytest.raises(TextEditError, match="line 1"):
        run(root, "- {op: delete_words, unit: '2', words: PROVIDED that, line: 1}")
    new, _ = run(
        root, "- {op: replace_words, unit: '2', words: PROVIDED that, with: 'PROVIDED, HOWEVER, that', line: 2}"
    )
    assert "Closing Date; PROVIDED, HOWEVER, that no Default" in body(new, "2")


def test_an_occurrence_beyond_the_matches_is_an_error(root):
    with pytest.raises(TextEditError, match="no occurrence 3"):
        run(root, "- {op: delete_words, unit: '4', words: in writing, occurrence: 3}")


def test_an_anchor_in_an_unknown_unit_is_no_such_unit(root):
    with pytest.raises(NoSuchUnit):
        run(root, "- {op: delete_words, unit: '3.3', words: reports}")


# --- insert_at_sentence_end ----------------------------------------------------------


def test_insert_at_sentence_end_goes_before_the_closing_punctuation(root):
    new, effect = run(root, "- {op: insert_at_sentence_end, unit: '2', sentence: 1, text: 'or is continuing'}")
    assert "no Default has occurred or is continuing. The Borrower shall repay" in body(new, "2")
    assert effect.units == ("2",)


def test_insert_at_sentence_end_counts_sentences_across_paragraphs(root):
    # Section 2: two sentences in its first paragraph, two in its second
    new, _ = run(root, "- {op: insert_at_sentence_end, unit: '2', sentence: 3, text: ', compounded daily'}")
    assert unit(new, "2").text[0] == unit(root, "2").text[0]
    assert body(new, "2").endswith("on the Loan at 5% per annum, compounded daily. Interest shall be paid monthly.")


def test_insert_at_sentence_end_counts_the_sentences_of_sub_units(root):
    # Section 3.2 has one sentence of its own, then (a) and (b)
    new, effect = run(root, "- {op: insert_at_sentence_end, unit: '3.2', sentence: 2, text: at replacement value}")
    assert body(new, "3.2(a)") == "Property insurance shall cover the Collateral at replacement value."
    assert effect.units == ("3.2(a)",)


def test_insert_at_sentence_end_beyond_the_last_sentence_is_an_error(root):
    with pytest.raises(TextEditError, match="4 sentences"):
        run(root, "- {op: insert_at_sentence_end, unit: '2', sentence: 5, text: X}")


def test_insert_at_sentence_end_there_is_no_sentence_zero(root):
    """Sentences count from 1: a 0 is refused when the amendment file is read, at its line."""
    with pytest.raises(InputError) as err:
        run(root, "- {op: insert_at_sentence_end, unit: '2', sentence: 0, text: X}")
    assert "from 1" in err.value.message
    assert err.value.location is not None


def test_insert_at_sentence_end_punctuation_clash_needs_as_conformed(root):
    with pytest.raises(TextEditError, match="punctuation"):
        run(root, "- {op: insert_at_sentence_end, unit: '3.1', sentence: 1, text: 'promptly;'}")
    new, _ = run(
        root,
        """
        - op: insert_at_sentence_end
          unit: '3.1'
          sentence: 1
          text: 'promptly;'
          as_conformed: 'promptly'
          conforming_note: the sentence keeps its period
        """,
    )
    assert body(new, "3.1") == "The Borrower shall deliver reports to the Lender promptly."


# --- append_sentence / append_paragraph ------------------------------------------------


def test_append_sentence_adds_one_space_after_the_last_sentence(root):
    new, effect = run(root, "- {op: append_sentence, unit: '3.1', text: Reports shall be audited.}")
    assert unit(new, "3.1").text == ("The Borrower shall deliver reports to the Lender. Reports shall be audited.",)
    assert effect.units == ("3.1",)


def test_append_sentence_goes_at_the_end_of_the_last_paragraph(root):
    new, _ = run(root, "- {op: append_sentence, unit: '2', text: Interest shall be payable in arrears.}")
    paras = unit(new, "2").text
    assert len(paras) == 2
    assert paras[0] == unit(root, "2").text[0]
    assert flat(paras[1]) == (
        "Interest shall accrue on the Loan at 5% per annum. Interest shall be paid monthly. "
        "Interest shall be payable in arrears."
    )
    assert paras[1].endswith("monthly. Interest shall be payable in arrears.")


def test_append_paragraph_adds_a_new_last_paragraph(root):
    new, effect = run(root, "- {op: append_paragraph, unit: '3.1', text: Each report shall be certified.}")
    assert unit(new, "3.1").text == (
        "The Borrower shall deliver reports to the Lender.",
        "Each report shall be certified.",
    )
    assert effect.units == ("3.1",)
    unchanged_except(root, new, "3.1")


# --- restate_unit -------------------------------------------------------------------


def test_restate_unit_replaces_the_text_and_keeps_the_number(root):
    new, effect = run(
        root,
        """
        - op: restate_unit
          unit: '3.1'
          new: {heading: FINANCIAL REPORTS, text: The Borrower shall deliver audited statements.}
        """,
    )
    u = unit(new, "3.1")
    assert (u.number, u.heading, u.text) == (
        "3.1",
        "FINANCIAL REPORTS",
        ("The Borrower shall deliver audited statements.",),
    )
    assert u.kind is Kind.SECTION
    assert effect.units == ("3.1",)
    unchanged_except(root, new, "3.1")


def test_restate_unit_in_its_entirety_drops_the_old_sub_units(root):
    new, _ = run(
        root,
        "- {op: restate_unit, unit: '3.2', keep_heading: true, new: {text: The Borrower shall maintain all insurance.}}",
    )
    u = unit(new, "3.2")
    assert u.heading == "INSURANCE"
    assert u.text == ("The Borrower shall maintain all insurance.",)
    assert u.children == ()
    with pytest.raises(NoSuchUnit):
        resolve(new, "3.2(a)")


def test_restate_unit_with_another_number_is_an_error(root):
    with pytest.raises(TextEditError, match="numbered"):
        run(root, "- {op: restate_unit, unit: '3.1', new: {number: '3.5', heading: REPORTS, text: Other.}}")


def test_restate_unit_without_a_heading_must_say_what_becomes_of_the_old_one(root):
    with pytest.raises(TextEditError, match="heading") as err:
        run(root, "- {op: restate_unit, unit: '3.2', new: {text: Other.}}")
    assert "keep_heading" in err.value.hint
    new, _ = run(root, "- {op: restate_unit, unit: '3.2', new: {heading: COVER, text: Other.}}")
    assert unit(new, "3.2").heading == "COVER"


# --- add_unit -----------------------------------------------------------------------


def test_add_unit_after_a_section(root):
    new, effect = run(root, "- {op: add_unit, after: '3.2', new: {number: '3.3', heading: AUDIT, text: Audits.}}")
    assert [c.number for c in unit(new, "3").children] == ["3.1", "3.2", "3.3", "3.4"]
    u = unit(new, "3.3")
    assert (u.kind, u.heading, u.text) == (Kind.SECTION, "AUDIT", ("Audits.",))
    assert effect.kind == "added"
    assert effect.units == ("3.3",)
    unchanged_except(root, new, "3")


def test_add_unit_before_a_section(root):
    new, _ = run(root, "- {op: add_unit, before: '3.4', new: {number: '3.3', text: Audits.}}")
    assert [c.number for c in unit(new, "3").children] == ["3.1", "3.2", "3.3", "3.4"]


def test_add_unit_into_a_unit_infers_the_kind_from_its_siblings(root):
    new, effect = run(root, "- {op: add_unit, into: '3.2', new: {number: (c), text: Flood insurance.}}")
    assert [c.number for c in unit(new, "3.2").children] == ["(a)", "(b)", "(c)"]
    assert unit(new, "3.2(c)").kind is Kind.SUBSECTION
    assert effect.units == ("3.2(c)",)


def test_add_unit_into_a_subsection_makes_a_clause(root):
    new, _ = run(root, "- {op: add_unit, into: '3.2(a)', new: {number: (i), text: buildings.}}")
    assert unit(new, "3.2(a)(i)").kind is Kind.CLAUSE


def test_add_unit_refuses_a_number_that_already_exists(root):
    with pytest.raises(TextEditError, match="already exists"):
        run(root, "- {op: add_unit, after: '3.2', new: {number: '3.4', text: Again.}}")
    with pytest.raises(TextEditError, match="already exists"):
        run(root, "- {op: add_unit, into: '3.2', new: {number: (a), text: Again.}}")


def test_add_unit_refuses_out_of_order_numbering(root):
    with pytest.raises(TextEditError):
        run(root, "- {op: add_unit, after: '3.4', new: {number: '3.3', text: Audits.}}")
    with pytest.raises(TextEditError):
        run(root, "- {op: add_unit, after: '3.1', new: {number: '3.3', text: Audits.}}")


def test_add_unit_refuses_out_of_order_lettering(root):
    with pytest.raises(TextEditError):
        run(root, "- {op: add_unit, after: '3.2(a)', new: {number: (c), text: Flood insurance.}}")


# --- delete_unit --------------------------------------------------------------------


def test_delete_unit_removes_it_and_everything_in_it(root):
    new, effect = run(root, "- {op: delete_unit, unit: '3.2'}")
    assert [c.number for c in unit(new, "3").children] == ["3.1", "3.4"]
    with pytest.raises(NoSuchUnit):
        resolve(new, "3.2")
    assert effect.kind == "deleted"
    assert set(effect.deleted) == {"3.2", "3.2(a)", "3.2(b)"}
    unchanged_except(root, new, "3")


def test_delete_unit_reserved_leaves_reserved_and_drops_the_heading(root):
    new, effect = run(root, "- {op: delete_unit, unit: '3.1', reserved: true}")
    u = unit(new, "3.1")
    assert u.number == "3.1"
    assert u.heading is None
    assert u.text == ("[Reserved]",)
    assert u.children == ()
    assert [c.number for c in unit(new, "3").children] == ["3.1", "3.2", "3.4"]
    assert "3.1" in effect.deleted


# --- definitions --------------------------------------------------------------------


def test_delete_definitions_removes_each_named_term(root):
    new, effect = run(root, "- {op: delete_definitions, unit: '1', terms: [Collateral, Maturity Date]}")
    assert terms(new, "1") == ["Business Day", "Lien"]
    assert effect.kind == "deleted"
    assert len(effect.deleted) == 2


def test_delete_definitions_ignores_case_and_quotes_of_the_term(root):
    new, _ = run(root, """- {op: delete_definitions, terms: ['"COLLATERAL"']}""")
    assert terms(new, "1") == ["Business Day", "Lien", "Maturity Date"]


def test_delete_definitions_of_an_undefined_term_is_an_error(root):
    with pytest.raises((TextEditError, AgreementError)):
        run(root, "- {op: delete_definitions, terms: [Guarantor]}")


def test_delete_definitions_naming_a_term_twice_deletes_no_other_definition(root):
    try:
        new, _ = run(root, "- {op: delete_definitions, terms: [Collateral, Collateral]}")
    except TextEditError:
        return  # refusing the instruction is also right
    assert terms(new, "1") == ["Business Day", "Lien", "Maturity Date"]


def test_add_definitions_in_alphabetical_order_ignoring_quotes_and_case(root):
    new, effect = run(
        root,
        """
        - op: add_definitions
          unit: '1'
          definitions:
            - '"Default" means an event of default.'
            - '\u201ccapital expenditures\u201d means outlays for fixed assets.'
            - '"Account" means the loan account.'
            - '"Title Policy" means the title insurance policy.'
        """,
    )
    assert terms(new, "1") == [
        "Account",
        "Business Day",
        "capital expenditures",
        "Collateral",
        "Default",
        "Lien",
        "Maturity Date",
        "Title Policy",
    ]
    assert unit(new, "definition:Default").text == ('"Default" means an event of default.',)
    assert unit(new, "definition:capital expenditures").text == (
        "\u201ccapital expenditures\u201d means outlays for fixed assets.",
    )
    assert effect.kind == "added"
    assert len(effect.units) == 4
    # the definitions already there are shared, not rebuilt
    for old in unit(root, "1").children:
        assert any(old is c for c in unit(new, "1").children)


def test_add_definitions_refuses_a_term_already_defined(root):
    with pytest.raises(TextEditError, match="already defined"):
        run(root, """- {op: add_definitions, unit: '1', definitions: ['"COLLATERAL" means everything.']}""")


def test_restate_definition_replaces_its_text(root):
    new, effect = run(
        root,
        """- {op: restate_definition, term: Collateral, text: '"Collateral" means all property of the Borrower.'}""",
    )
    assert unit(new, "definition:Collateral").text == ('"Collateral" means all property of the Borrower.',)
    assert terms(new, "1") == ["Business Day", "Collateral", "Lien", "Maturity Date"]
    assert effect.kind == "modified"
    unchanged_except(root, new, "definition:Collateral")


def test_restate_definition_refuses_text_that_defines_another_term(root):
    with pytest.raises(TextEditError, match="Security"):
        run(root, """- {op: restate_definition, term: Collateral, text: '"Security" means the property pledged.'}""")


def test_restate_definition_in_its_entirety_drops_the_old_clauses(root):
    new, _ = run(root, """- {op: restate_definition, term: Lien, text: '"Lien" means any security interest.'}""")
    u = unit(new, "definition:Lien")
    assert u.text == ('"Lien" means any security interest.',)
    assert u.children == ()


# --- replace_references --------------------------------------------------------------


def test_replace_references_replaces_every_whole_word_occurrence(root):
    new, effect = run(root, "- {op: replace_references, words: Borrower, with: Company}")
    assert body(new, "3.1") == "The Company shall deliver reports to the Lender."
    assert body(new, "3.2(b)") == "Liability insurance shall cover the Company."
    assert body(new, "4").startswith("This Agreement may be amended only in writing signed by the Company and")
    assert body(new, "2").count("Company") == 2
    assert "Borrower" not in body(new, "2")
    assert body(new, "preamble") == 'THIS LOAN AGREEMENT is made between the "Company" and the "Lender".'
    # "Borrowers" is another word
    assert body(new, "3.4") == "Notices to the Borrowers shall be in writing."
    assert effect.kind == "modified"
    assert "3.4" not in effect.units
    assert {"3.1", "3.2", "3.2(b)", "4", "2", "preamble"} <= set(effect.units)


def test_replace_references_within_listed_units_only(root):
    new, effect = run(root, "- {op: replace_references, words: Borrower, with: Company, units: ['3.1', '4']}")
    assert body(new, "3.1") == "The Company shall deliver reports to the Lender."
    assert "signed by the Company and the Lender" in body(new, "4")
    assert body(new, "3.2") == "The Borrower shall maintain insurance."
    assert body(new, "2") == body(root, "2")
    assert set(effect.units) == {"3.1", "4"}
    unchanged_except(root, new, "3.1", "4")


def test_replace_references_with_no_occurrence_is_an_error(root):
    with pytest.raises(TextEditError, match="no reference"):
        run(root, "- {op: replace_references, words: Guarantor, with: Surety}")
    with pytest.raises(TextEditError, match="no reference"):
        run(root, "- {op: replace_references, words: Borrower, with: Company, units: ['3.4']}")


def test_replace_references_replaces_each_reference_once_when_listed_units_overlap(root):
    new, _ = run(
        root, "- {op: replace_references, words: Collateral, with: Pledged Collateral, units: ['3.2', '3.2(a)']}"
    )
    assert body(new, "3.2(a)") == "Property insurance shall cover the Pledged Collateral."


def test_redesignate_gives_parts_new_numbers_and_keeps_their_words():
    from agreement.analyses.select import ConformedCopy
    from agreement.engine import apply
    from agreement.readers.yaml import SourceText, read_agreement, read_amendment
    from agreement.writers import text

    base = read_agreement(
        SourceText(
            "a.yaml",
            "id: a\ntitle: T\ndate: 2001-01-01\nsections:\n  - number: '2.02'\n    heading: Conditions\n"
            "    text: The Lender need not lend unless\n    run_in: true\n    clauses:\n"
            "      - {number: (a), text: 'alpha;'}\n      - {number: (b), text: 'bravo; and'}\n"
            "      - {number: (c), text: 'charlie.'}\n",
        )
    )

    def amended(changes: str):
        am = read_amendment(
            SourceText("1.yaml", f"id: am-1\ntitle: A\namends: a\nsequence: 1\ndated: 2002-01-01\nchanges:\n{changes}")
        )
        h = apply(base, [am])
        return text.render_document(ConformedCopy(h.latest.agreement, (am,))).rstrip().splitlines()[-1]

    assert (
        amended(
            "  - {op: redesignate, unit: '2.02', from: ['(b)', '(c)'], to: ['(c)', '(d)']}\n"
            "  - {op: add_unit, after: '2.02(a)', new: {number: '(b)', text: 'delta;'}}\n"
        )
        == "2.02 Conditions. The Lender need not lend unless (a) alpha; (b) delta; (c) bravo; and (d) charlie."
    )
    for changes, said in (
        ("  - {op: redesignate, unit: '2.02', from: ['(b)'], to: ['(c)']}\n", "would be numbered (c)"),
        ("  - {op: redesignate, unit: '2.02', from: ['(e)'], to: ['(f)']}\n", "has no part numbered (e)"),
    ):
        with pytest.raises(ApplyFailed) as failed:
            amended(changes)
        assert said in failed.value.render()
