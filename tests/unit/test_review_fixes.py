"""The review fixes, one behaviour at a time, each through the engine as an amendment meets it.

Agreements and amendments are written in YAML and read by load.read_agreement /
load.read_amendment; expected texts are the agreement's words with the amendment's
words worked in, written out by hand.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.address import parse, resolve
from agreement.app import app
from agreement.engine import History, apply
from agreement.errors import (
    ApplyFailed,
    ChangeError,
    ExitCode,
    InputError,
    NoSuchUnit,
    TextEditError,
    UsageError,
)
from agreement.model import Agreement, Amendment, Kind, Unit, at
from agreement.operations import REGISTRY
from agreement.readers import yaml as load

ROOT = Path(__file__).resolve().parents[2]
ID = "symphony-exchange"


# --- helpers ---------------------------------------------------------------------------


def agreement(sections: str, *, extra: str = "") -> Agreement:
    """An agreement `t` whose `sections:` list is `sections` (and other top-level keys in `extra`)."""
    body = textwrap.indent(textwrap.dedent(sections).strip("\n"), "  ")
    yaml = f"id: t\ntitle: Test Agreement\ndate: 2020-01-01\n{textwrap.dedent(extra)}sections:\n{body}\n"
    return load.read_agreement(load.SourceText("t.yaml", yaml))


def amendment(changes: str, *, ident: str = "amendment-1", sequence: int = 1) -> Amendment:
    body = textwrap.indent(textwrap.dedent(changes).strip("\n"), "  ")
    yaml = (
        f"id: {ident}\ntitle: Amendment No. {sequence}\namends: t\nsequence: {sequence}\n"
        f"dated: 2021-01-01\nchanges:\n{body}\n"
    )
    return load.read_amendment(load.SourceText("a.yaml", yaml))


def amended(sections: str, changes: str, *, extra: str = "") -> History:
    return apply(agreement(sections, extra=extra), [amendment(changes)])


def failure(sections: str, changes: str, *, extra: str = "") -> ChangeError:
    """The one change that could not be applied (exit code 4, no version produced)."""
    with pytest.raises(ApplyFailed) as caught:
        amended(sections, changes, extra=extra)
    assert caught.value.exit_code is ExitCode.APPLY
    assert len(caught.value.failures) == 1
    return caught.value.failures[0]


def unit(history: History, address: str) -> Unit:
    root = history.latest.agreement.root
    return at(root, resolve(root, address))


def text(history: History, address: str) -> tuple[str, ...]:
    """The unit's own paragraphs, exactly as stored."""
    return unit(history, address).text


def flat(s: str) -> str:
    return " ".join(s.split())


def section(words: str, number: str = "1", heading: str = "TERMS") -> str:
    """One section holding `words` as its one paragraph (single-quoted YAML)."""
    quoted = words.replace("'", "''")
    return f"- number: '{number}'\n  heading: {heading}\n  text: '{quoted}'\n"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


# --- 1. replacements keep the original spacing ------------------------------------------------

SPACING = section("the Company's shares; the Company\u2019s notes; pre-Closing steps; Borrower/Guarantor consent.")


@pytest.mark.parametrize(
    ("words", "new", "expected"),
    [
        (
            "Company",
            "Parent",
            "the Parent's shares; the Parent\u2019s notes; pre-Closing steps; Borrower/Guarantor consent.",
        ),
        (
            "Closing",
            "Effective Time",
            "the Company's shares; the Company\u2019s notes; pre-Effective Time steps; Borrower/Guarantor consent.",
        ),
        (
            "Borrower",
            "Issuer",
            "the Company's shares; the Company\u2019s notes; pre-Closing steps; Issuer/Guarantor consent.",
        ),
    ],
)
def test_replace_references_keeps_the_spacing_around_the_words(words, new, expected):
    history = amended(SPACING, f"- {{op: replace_references, words: {words}, with: {new}}}")
    assert text(history, "1") == (expected,)


@pytest.mark.parametrize(
    ("words", "new", "occurrence", "expected"),
    [
        (
            "Company",
            "Parent",
            1,
            "the Parent's shares; the Company\u2019s notes; pre-Closing steps; Borrower/Guarantor consent.",
        ),
        (
            "Company",
            "Parent",
            2,
            "the Company's shares; the Parent\u2019s notes; pre-Closing steps; Borrower/Guarantor consent.",
        ),
        (
            "Closing",
            "Effective Time",
            None,
            "the Company's shares; the Company\u2019s notes; pre-Effective Time steps; Borrower/Guarantor consent.",
        ),
        (
            "Borrower",
            "Issuer",
            None,
            "the Company's shares; the Company\u2019s notes; pre-Closing steps; Issuer/Guarantor consent.",
        ),
    ],
)
def test_replace_words_keeps_the_spacing_around_the_words(words, new, occurrence, expected):
    hint = f", occurrence: {occurrence}" if occurrence else ""
    history = amended(SPACING, f"- {{op: replace_words, unit: '1', words: {words}, with: {new}{hint}}}")
    assert text(history, "1") == (expected,)


def test_replace_words_between_spaces_leaves_one_space_each_side():
    history = amended(
        section("the Company shall pay."), "- {op: replace_words, unit: '1', words: Company, with: Parent}"
    )
    assert text(history, "1") == ("the Parent shall pay.",)


# --- 2. a sentence that ends with an abbreviation ----------------------------------------------


@pytest.mark.parametrize(
    ("words", "abbreviation"),
    [
        ("Payment is due by 5:00 p.m.", "p.m."),
        ("The Fiscal Agent is U.S. Bank National Association, N.A.", "N.A."),
    ],
)
def test_insert_at_sentence_end_of_a_sentence_ending_in_an_abbreviation_is_an_error(words, abbreviation):
    error = failure(
        section(words), "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: ', New York City time'}"
    )
    assert f"abbreviation {abbreviation!r}" in error.message
    assert "p.m, New York City time." not in error.render()
    assert "N.A, New York City time." not in error.render()


def test_insert_at_sentence_end_of_an_ordinary_sentence_goes_before_its_period():
    history = amended(
        section("Payment is due by noon."),
        "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: ', New York City time'}",
    )
    assert text(history, "1") == ("Payment is due by noon, New York City time.",)


# --- 3. counting sentences across abbreviations --------------------------------------------------

# "Co." before "Holders": the trust company's name may go on ("Harbor Trust Co. Holdings"), or a
# sentence may begin; a careful reader hesitates, and so does the count. ("Inc. The Borrower"
# is no such case: "The" opens a sentence; see test_text.py.)
INC = "The fees are paid to Harbor Trust Co. Holders of Notes shall pay the fees."


def test_counting_across_an_abbreviation_that_may_end_a_sentence_is_an_error_naming_it():
    error = failure(section(INC), "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: 'promptly'}")
    assert "'Co.'" in error.message
    assert "may or may not end a sentence" in error.message


def test_counting_across_such_an_abbreviation_in_an_earlier_paragraph_is_an_error_naming_it():
    sections = (
        "- number: '1'\n  heading: TERMS\n  text:\n"
        "    - 'The fees are paid to Harbor Trust Co. Holders of Notes shall pay them.'\n"
        "    - 'Interest accrues daily.'\n"
    )
    # the tool's second sentence is the next paragraph's first; counting to it crosses 'Co.'
    error = failure(sections, "- {op: insert_at_sentence_end, unit: '1', sentence: 2, text: 'at 5%'}")
    assert "'Co.'" in error.message


def test_counting_to_the_sentence_after_such_an_abbreviation_is_an_error_naming_it():
    error = failure(section(INC), "- {op: insert_at_sentence_end, unit: '1', sentence: 2, text: 'promptly'}")
    assert "'Co.'" in error.message


@pytest.mark.parametrize(
    "first",
    [
        "Payments go to U.S. Bank National Association as agent.",
        "Amendment No. 1 is in effect.",
        "Section 13.4 applies to every waiver.",
    ],
)
def test_abbreviations_that_never_end_a_sentence_do_not_stop_the_count(first):
    second = "The Borrower shall pay."
    change = "- {{op: insert_at_sentence_end, unit: '1', sentence: {n}, text: promptly}}"
    one = amended(section(f"{first} {second}"), change.format(n=1))
    assert text(one, "1") == (f"{first[:-1]} promptly. {second}",)
    two = amended(section(f"{first} {second}"), change.format(n=2))
    assert text(two, "1") == (f"{first} The Borrower shall pay promptly.",)


# --- 4. line hints read against the agreement before the amendment -----------------------------

FIVE_LINES = """\
- number: '1'
  heading: NOTICES
  text: |
    The Company shall deliver to the
    Agent all notices and reports
    required under this Agreement within
    ten days to the Holders and any
    successor, and copies to the Holders.
"""
DELETE_LINES_1_2 = "- {op: delete_words, unit: '1', words: to the Agent}\n"


@pytest.mark.parametrize(
    ("line", "amended_text"),
    [
        (4, "ten days to the Holders of record and any successor, and copies to the Holders."),
        (5, "ten days to the Holders and any successor, and copies to the Holders of record."),
    ],
)
def test_a_line_hint_names_the_line_before_the_amendment_and_picks_that_occurrence(line, amended_text):
    history = amended(
        FIVE_LINES,
        DELETE_LINES_1_2 + f"- {{op: insert_words, unit: '1', after: Holders, line: {line}, text: of record}}",
    )
    assert flat(text(history, "1")[0]) == (
        "The Company shall deliver all notices and reports required under this Agreement within " + amended_text
    )


def test_a_line_hint_where_the_words_never_stood_is_an_error():
    error = failure(
        FIVE_LINES, DELETE_LINES_1_2 + "- {op: insert_words, unit: '1', after: Holders, line: 3, text: of record}"
    )
    assert "line 3" in error.message
    assert "4, 5" in error.message


@pytest.mark.parametrize(
    "earlier",
    [
        "- {op: insert_words, unit: '1', after: Agent, text: and the Holders}",  # adds one
        "- {op: replace_words, unit: '1', words: copies to the Holders, with: copies to the Agent}",  # removes one
    ],
)
def test_a_line_hint_after_an_earlier_change_added_or_removed_the_words_is_an_error(earlier):
    error = failure(FIVE_LINES, earlier + "\n- {op: insert_words, unit: '1', after: Holders, line: 4, text: of record}")
    assert "line 4" in error.message
    assert "occurrence" in (error.hint or "")


# --- 5. replace_references: numbers and longer names --------------------------------------------

SECTION_REFS = section("See Section 8, Section 8(a) and Section 8.4; also Section 8.")


def test_replace_references_to_a_section_leaves_its_subsections_alone():
    history = amended(SECTION_REFS, "- {op: replace_references, words: Section 8, with: Section 9}")
    assert text(history, "1") == ("See Section 9, Section 9(a) and Section 8.4; also Section 9.",)


NOTES = section(
    "The Notes and the Convertible Notes rank below the Senior Secured Notes. "
    "Holders of Notes may vote; the Notes rank equally."
) + section("the notes of the lender and other promissory notes.", number="2", heading="NOTES")


def test_replace_references_to_a_term_that_stands_inside_longer_names_is_an_error_listing_them():
    error = failure(NOTES, "- {op: replace_references, words: Notes, with: Bonds}")
    rendered = error.render()
    assert "longer names" in error.message
    assert "'Convertible Notes'" in rendered
    assert "inside_names" in (error.hint or "")


def test_the_error_lists_the_whole_longer_name():
    error = failure(NOTES, "- {op: replace_references, words: Notes, with: Bonds}")
    assert "'Senior Secured Notes'" in error.render()


def test_inside_names_keep_leaves_the_longer_names_alone():
    history = amended(NOTES, "- {op: replace_references, words: Notes, with: Bonds, inside_names: keep}")
    assert text(history, "1") == (
        "The Bonds and the Convertible Notes rank below the Senior Secured Notes. "
        "Holders of Bonds may vote; the Bonds rank equally.",
    )
    assert text(history, "2") == ("the notes of the lender and other promissory notes.",)


def test_inside_names_replace_changes_them_too():
    history = amended(NOTES, "- {op: replace_references, words: Notes, with: Bonds, inside_names: replace}")
    assert text(history, "1") == (
        "The Bonds and the Convertible Bonds rank below the Senior Secured Bonds. "
        "Holders of Bonds may vote; the Bonds rank equally.",
    )


def test_a_lowercase_word_has_no_check_for_longer_names():
    history = amended(NOTES, "- {op: replace_references, words: notes, with: bonds}")
    assert text(history, "2") == ("the bonds of the lender and other promissory bonds.",)
    assert "Convertible Notes" in text(history, "1")[0]


# --- 6. a definition renamed in its own text is found by its new term --------------------------

DEFINITIONS = """\
- number: '1'
  heading: DEFINITIONS
  text: 'In this Agreement:'
  definitions:
    - '"Agent" means the agent.'
    - '"Notes" means the notes issued hereunder.'
- number: '2'
  heading: NOTES
  text: The Agent holds the Notes.
"""


def test_a_definition_renamed_by_replace_references_is_found_by_its_new_term():
    history = amended(DEFINITIONS, "- {op: replace_references, words: Notes, with: Bonds}")
    bonds = unit(history, "definition:Bonds")
    assert bonds.term == "Bonds"
    assert bonds.text == ('"Bonds" means the notes issued hereunder.',)
    with pytest.raises(NoSuchUnit):
        unit(history, "definition:Notes")


def test_a_definition_renamed_by_replace_words_is_found_by_its_new_term():
    history = amended(
        DEFINITIONS, "- {op: replace_words, unit: 'definition:Notes', words: '\"Notes\"', with: '\"Bonds\"'}"
    )
    assert unit(history, "definition:bonds").text == ('"Bonds" means the notes issued hereunder.',)


# --- 7. add_definitions names the unit that holds the definitions --------------------------------

NESTED_DEFINITIONS = """\
- number: '1'
  heading: DEFINITIONS AND CONSTRUCTION
  sections:
    - number: '1.1'
      heading: Defined Terms
      text: 'In this Agreement:'
      definitions:
        - '"Agent" means the agent.'
        - '"Notes" means the notes.'
    - number: '1.2'
      heading: Construction
      text: The singular includes the plural.
"""


def test_add_definitions_to_a_section_whose_definitions_stand_in_a_subsection_is_an_error_naming_it():
    error = failure(NESTED_DEFINITIONS, "- {op: add_definitions, unit: '1', definitions: ['\"Borrower\" means X.']}")
    assert "Section 1.1" in error.message
    assert "'1.1'" in (error.hint or "")


def test_add_definitions_to_the_subsection_itself_adds_in_alphabetical_order():
    history = amended(
        NESTED_DEFINITIONS, "- {op: add_definitions, unit: '1.1', definitions: ['\"Borrower\" means X.']}"
    )
    assert [c.term for c in unit(history, "1.1").children] == ["Agent", "Borrower", "Notes"]


# --- 8. the loader ---------------------------------------------------------------------------------


def load_error(sections: str) -> InputError:
    with pytest.raises(InputError) as caught:
        agreement(sections)
    return caught.value


def test_a_definition_that_does_not_begin_with_its_quoted_term_is_refused_with_its_line():
    error = load_error(
        """\
        - number: '1'
          heading: DEFINITIONS
          definitions:
            - '"Agent" means the agent.'
            - 'Notes means the notes.'
        """
    )
    assert "begin with the term it defines" in error.message
    assert error.location is not None and error.location.line == 9  # the second definition


def test_a_term_that_disagrees_with_the_quoted_term_is_refused():
    error = load_error(
        """\
        - number: '1'
          heading: DEFINITIONS
          definitions:
            - {term: Agent, text: '"Collateral Agent" means the agent.'}
        """
    )
    assert "'Agent'" in error.message and "'Collateral Agent'" in error.message


def test_a_term_that_agrees_with_the_quoted_term_is_accepted():
    loaded = agreement(
        """\
        - number: '1'
          heading: DEFINITIONS
          definitions:
            - {term: Collateral Agent, text: '"COLLATERAL AGENT" means the agent.'}
        """
    )
    assert at(loaded.root, resolve(loaded.root, "definition:collateral agent")).term == "COLLATERAL AGENT"


@pytest.mark.parametrize(("first", "second"), [('"A"', '"a"'), ('"Notes"', "\u201cNOTES\u201d")])
def test_the_same_term_defined_twice_is_refused_naming_both_lines(first, second):
    error = load_error(
        f"""\
        - number: '1'
          heading: DEFINITIONS
          definitions:
            - '{first} means one.'
            - '"B" means two.'
            - '{second} means three.'
        """
    )
    assert "defined twice" in error.message
    assert error.location is not None and error.location.line == 10
    assert "line 8" in (error.hint or "")


@pytest.mark.parametrize(
    "sections",
    [
        "- {number: '', heading: TERMS, text: Words.}",
        "- number: '1'\n  heading: TERMS\n  sections:\n    - {number: '', text: Words.}",
    ],
)
def test_an_empty_number_is_refused(sections):
    error = load_error(sections)
    assert "number is empty" in error.message


def test_a_conforming_note_without_as_conformed_is_refused():
    with pytest.raises(InputError) as caught:
        amendment("- {op: insert_words, unit: '1', after: x, text: y, conforming_note: because}")
    assert "`conforming_note` but no `as_conformed`" in caught.value.message
    assert caught.value.location is not None and caught.value.location.line == 7
    # with its `as_conformed`, the note is what it should be
    change = amendment("- {op: insert_words, unit: '1', after: x, text: y, as_conformed: 'y,', conforming_note: why}")
    assert change.changes[0].args["as_conformed"] == "y,"


def nested_clauses(depth: int) -> str:
    lines = ["- number: '1'", "  heading: TERMS", "  clauses:"]
    pad = "    "
    for _ in range(depth):
        lines += [f"{pad}- number: '(a)'", f"{pad}  text: Words.", f"{pad}  clauses:"]
        pad += "    "
    lines += [f"{pad}- number: '(z)'", f"{pad}  text: End."]
    return "\n".join(lines) + "\n"


def test_units_nested_more_than_40_deep_are_refused_with_a_message():
    error = load_error(nested_clauses(45))
    assert "nested more than 40 deep" in error.message


def test_units_nested_less_deep_are_read():
    loaded = agreement(nested_clauses(30))
    assert resolve(loaded.root, "1" + "(a)" * 30 + "(z)")


def nested_through_definitions(depth: int) -> str:
    """Clauses that hold definitions whose clauses hold definitions ..., `depth` times."""
    node = "{number: '(z)', text: End.}"
    for i in range(depth):
        node = f"{{number: '(a)', text: Words., definitions: [{{text: '\"T{i}\" means t.', clauses: [{node}]}}]}}"
    return f"- {{number: '1', heading: TERMS, clauses: [{node}]}}\n"


def test_units_nested_deep_through_definitions_are_refused_with_a_message():
    error = load_error(nested_through_definitions(400))
    assert "nested more than 40 deep" in error.message


# --- 9. restate_unit -----------------------------------------------------------------------------

RESTATE = """\
- number: '1'
  heading: DEFINITIONS
  text: 'In this Agreement:'
  definitions:
    - '"Agent" means the agent.'
- number: '8'
  heading: COVENANTS
  text: The Borrower shall pay.
"""
RESTATE_EXTRA = """\
recitals:
  - WHEREAS, the parties wish to agree.
signatures:
  - |
    ACME, INC.
    By: /s/ Jane Doe
    Name: Jane Doe
"""


def restated(change: str) -> History:
    return amended(RESTATE, change, extra=RESTATE_EXTRA)


def restate_failure(change: str) -> ChangeError:
    return failure(RESTATE, change, extra=RESTATE_EXTRA)


def test_restating_without_a_heading_a_unit_that_has_one_is_an_error_mentioning_keep_heading():
    error = restate_failure("- {op: restate_unit, unit: '8', new: {text: The Borrower shall pay promptly.}}")
    assert "'COVENANTS'" in error.message
    assert "keep_heading" in (error.hint or "")


def test_restating_with_keep_heading_keeps_the_old_heading():
    history = restated(
        "- {op: restate_unit, unit: '8', keep_heading: true, new: {text: The Borrower shall pay promptly.}}"
    )
    assert (unit(history, "8").heading, text(history, "8")) == ("COVENANTS", ("The Borrower shall pay promptly.",))


def test_restating_with_a_new_heading_changes_it():
    history = restated("- {op: restate_unit, unit: '8', new: {heading: PAYMENT, text: The Borrower shall pay.}}")
    assert unit(history, "8").heading == "PAYMENT"
    assert text(history, "8") == ("The Borrower shall pay.",)


@pytest.mark.parametrize("address", ["document", "recitals"])
def test_restating_the_whole_agreement_or_all_the_recitals_is_an_error(address):
    error = restate_failure(f"- {{op: restate_unit, unit: {address}, new: {{text: Nothing.}}}}")
    assert "cannot be restated as one unit" in error.message


def test_restating_one_recital_is_allowed():
    history = restated("- {op: restate_unit, unit: 'recitals[1]', new: {text: 'WHEREAS, the parties agree.'}}")
    assert text(history, "recitals[1]") == ("WHEREAS, the parties agree.",)


def test_restating_the_signatures_keeps_the_new_line_breaks():
    history = restated(
        """\
        - op: restate_unit
          unit: signatures
          new:
            text: |
              ACME, INC.
              By: /s/ John Roe
              Name: John Roe
              Title: President
        """
    )
    assert text(history, "signatures") == ("ACME, INC.\nBy: /s/ John Roe\nName: John Roe\nTitle: President",)


def test_restating_a_section_joins_the_amendments_line_breaks():
    history = restated(
        "- op: restate_unit\n  unit: '8'\n  keep_heading: true\n  new:\n    text: |\n"
        "      The Borrower shall\n      pay promptly.\n"
    )
    assert text(history, "8") == ("The Borrower shall pay promptly.",)


def test_a_restated_definition_must_begin_with_its_quoted_term():
    error = restate_failure(
        "- {op: restate_unit, unit: 'definition:Agent', new: {text: 'The Agent means the new agent.'}}"
    )
    assert "must begin with the term it defines" in error.message
    history = restated("- {op: restate_unit, unit: 'definition:Agent', new: {text: '\"Agent\" means the new agent.'}}")
    assert text(history, "definition:Agent") == ('"Agent" means the new agent.',)


# --- 10. delete_unit reserved on a definition ----------------------------------------------------


def test_reserving_a_deleted_definition_is_an_error():
    error = restate_failure("- {op: delete_unit, unit: 'definition:Agent', reserved: true}")
    assert "a definition is deleted, not reserved" in error.message


def test_deleting_a_definition_and_reserving_a_section_are_allowed():
    history = restated("- {op: delete_unit, unit: 'definition:Agent'}\n- {op: delete_unit, unit: '8', reserved: true}")
    assert [c.kind for c in unit(history, "1").children] == []
    assert text(history, "8") == ("[Reserved]",)


# --- 11. add_unit: a new recital ------------------------------------------------------------------

NEW_RECITAL = """\
id: amendment-no-2
title: Amendment No. 2 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 2
dated: March 3, 2004
changes:
  - source: Section 1
    op: add_unit
    after: 'recitals[2]'
    new:
      text: |
        WHEREAS, the parties wish to amend this Agreement
        as set forth herein;
"""


def test_add_unit_adds_an_unnumbered_recital_that_show_finds_by_its_place(project):
    (project / "amendments" / ID / "002-new-recital.yaml").write_text(NEW_RECITAL, encoding="utf-8")
    result = invoke("show", ID, "--section", "recitals[3]")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "WHEREAS, the parties wish to amend this Agreement as set forth herein;\n"
    moved = invoke("show", ID, "--section", "recitals[4]")
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.startswith("WHEREAS, the Company, the Borrower and the Guarantor wish to secure")


def test_add_unit_as_a_recital_in_the_library():
    history = restated("- {op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, the Lender agrees.'}}")
    added = unit(history, "recitals[2]")
    assert (added.kind, added.number, added.text) == (Kind.RECITAL, None, ("WHEREAS, the Lender agrees.",))


def test_add_unit_of_a_section_without_a_number_is_refused():
    error = restate_failure("- {op: add_unit, after: '8', new: {heading: PAYMENT, text: The Borrower shall pay.}}")
    assert "needs its `number`" in error.message


# --- 12. conformed copies remember their amendments -------------------------------------------------


def test_a_conformed_copy_lists_its_amendments_and_refuses_them_again(project):
    written = invoke("apply", ID, "--format", "yaml", "-o", "conformed.yaml")
    assert written.exit_code == 0, written.stderr
    conformed = load.read_agreement(load.SourceText("conformed.yaml", Path("conformed.yaml").read_text("utf-8")))
    assert [w.id for w in conformed.amended_by] == ["amendment-no-1"]

    again = invoke("apply", "conformed.yaml", f"amendments/{ID}/001-amendment-no-1.yaml")
    assert again.exit_code == ExitCode.INPUT, again.stdout
    assert again.stdout == ""
    assert "already worked into this agreement" in again.stderr

    # the library says the same
    original = load.load_amendment(str(project / "amendments" / ID / "001-amendment-no-1.yaml"))
    with pytest.raises(InputError, match="already worked into"):
        apply(conformed, [original])


def test_a_conformed_copy_takes_a_later_amendment(project):
    assert invoke("apply", ID, "--format", "yaml", "-o", "conformed.yaml").exit_code == 0
    Path("002.yaml").write_text(NEW_RECITAL, encoding="utf-8")
    result = invoke("show", "conformed.yaml", "002.yaml", "--section", "recitals[3]")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "WHEREAS, the parties wish to amend this Agreement as set forth herein;\n"


# --- 13. addresses -------------------------------------------------------------------------------------


def test_a_doubled_dot_is_not_an_address():
    with pytest.raises(UsageError):
        parse("13..4")
    assert parse("13.4").base == "13.4"


def test_a_doubled_dot_on_the_command_line_is_a_usage_error(project):
    result = invoke("show", ID, "--section", "13..4")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "'13..4' is not an address" in result.stderr


def test_a_recital_past_the_last_is_no_such_unit(project):
    result = invoke("show", ID, "--section", "recitals[9]")
    assert result.exit_code == ExitCode.NO_SUCH_UNIT
    assert result.stdout == ""
    assert "have 3 parts" in result.stderr
    assert invoke("show", ID, "--section", "recitals[3]").exit_code == 0


# --- 14. punctuation clashes through closing quotes and after ? and ! ------------------------------

QUOTED = section('Any waiver needs the consent of the "Required Holders." The Agent agrees.')


def test_inserting_at_the_end_of_a_sentence_closed_inside_a_quotation_is_an_error():
    error = failure(QUOTED, "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: ', acting reasonably'}")
    assert "closes inside a quotation" in error.message


def test_inserting_after_a_period_inside_closing_quotes_is_a_clash():
    error = failure(QUOTED, "- {op: insert_words, unit: '1', after: 'Holders.\"', text: ', acting reasonably'}")
    assert "'.\",'" in error.message


def test_a_period_outside_the_quotes_takes_the_words_before_it():
    history = amended(
        section('Any waiver needs the consent of the "Required Holders". The Agent agrees.'),
        "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: ', acting reasonably'}",
    )
    assert text(history, "1") == (
        'Any waiver needs the consent of the "Required Holders", acting reasonably. The Agent agrees.',
    )


QUESTION = section("Is the payment due? The Agent decides!")


@pytest.mark.parametrize(
    ("after", "words", "mark"),
    [("due?", ", in full,", "?,"), ("decides!", "; and the Borrower", "!;")],
)
def test_inserting_punctuation_after_a_question_or_exclamation_mark_is_a_clash(after, words, mark):
    error = failure(QUESTION, f"- {{op: insert_words, unit: '1', after: '{after}', text: '{words}'}}")
    assert f"{mark!r}" in error.message


def test_words_after_a_question_mark_are_no_clash():
    history = amended(QUESTION, "- {op: insert_words, unit: '1', after: 'due?', text: 'The Borrower asks.'}")
    assert text(history, "1") == ("Is the payment due? The Borrower asks. The Agent decides!",)
    history = amended(QUESTION, "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: in full}")
    assert text(history, "1") == ("Is the payment due in full? The Agent decides!",)


def test_inserting_a_mark_before_a_question_mark_is_a_clash():
    error = failure(QUESTION, "- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: 'in full;'}")
    assert "';?'" in error.message


# --- the operations alone raise TextEditError -------------------------------------------------------


def test_the_operation_itself_raises_text_edit_error():
    root = agreement(section("Payment is due by 5:00 p.m.")).root
    change = amendment("- {op: insert_at_sentence_end, unit: '1', sentence: 1, text: ', New York City time'}")
    args = change.changes[0].args
    with pytest.raises(TextEditError, match="abbreviation 'p.m.'"):
        REGISTRY["insert_at_sentence_end"].apply(root, args, root)
