"""`agreement check`: each rule trips on an example that has the fault and stays quiet on
one that does not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.check import run
from agreement.engine import apply_all_possible
from agreement.readers.yaml import SourceText, read_agreement, read_amendment

AGREEMENT = """\
id: loan
title: Loan Agreement
date: 2003-01-30
preamble: THIS LOAN AGREEMENT is made between the Bank and the Borrower.
sections:
  - number: "1"
    heading: DEFINITIONS
    text: "In this Agreement:"
    definitions:
      - '"ADVANCE" means a loan under Section 2.1.'
      - '"LENDER" means the Bank.'
  - number: "2"
    heading: LOANS
    sections:
      - number: "2.1"
        heading: ADVANCES
        text: The Lender shall make each Advance in accordance with Section 2.2.
      - number: "2.2"
        heading: REPAYMENT
        text: Each Advance shall be repaid (with interest) on the date of its maturity.
"""


def amendment(changes: str, n: int = 1, dated: str = "2004-01-01", effective: str | None = None) -> SourceText:
    eff = f"effective: {effective}\n" if effective else ""
    return SourceText(
        f"{n}.yaml",
        f"id: am-{n}\ntitle: Amendment No. {n}\namends: loan\nsequence: {n}\ndated: {dated}\n{eff}changes:\n{changes}",
    )


def findings(*amendments: SourceText, agreement: str = AGREEMENT) -> list:
    base = read_agreement(SourceText("loan.yaml", agreement))
    history, failures = apply_all_possible(base, [read_amendment(a) for a in amendments])
    return run(history, failures)


def rules(found) -> set[str]:
    return {f.rule for f in found}


def test_a_clean_agreement_and_amendment_give_no_findings():
    clean = amendment(
        "  - {source: Section 1, op: replace_words, unit: '2.2', words: (with interest), with: (with accrued interest)}\n"
    )
    assert findings(clean) == []


def test_a_change_that_cannot_apply_is_an_error_at_its_line():
    found = findings(amendment("  - {source: Section 1, op: delete_words, unit: '2.1', words: purple}\n"))
    assert [(f.severity, f.rule) for f in found] == [("error", "change-failed")]
    assert found[0].location.file == "1.yaml" and found[0].location.line == 7


def test_a_change_aimed_at_a_unit_an_earlier_amendment_deleted():
    first = amendment("  - {source: Section 1, op: delete_unit, unit: '2.2'}\n")
    second = amendment("  - {source: Section 5, op: delete_words, unit: '2.2', words: (with interest)}\n", n=2)
    found = findings(first, second)
    hit = [f for f in found if f.rule == "change-on-deleted-unit"]
    assert len(hit) == 1 and "Amendment No. 1, Section 1" in hit[0].message


def test_two_amendments_on_the_same_words_are_flagged_and_separate_words_are_not():
    first = amendment("  - {source: Section 1, op: append_sentence, unit: '2.2', text: Prepayment is permitted.}\n")
    on_it = amendment(
        "  - {source: Section 2, op: replace_words, unit: '2.2', words: Prepayment is permitted, with: Prepayment is not permitted}\n",
        n=2,
    )
    elsewhere = amendment("  - {source: Section 2, op: replace_words, unit: '2.2', words: repaid, with: paid}\n", n=2)
    assert "overlap" in rules(findings(first, on_it))
    assert "overlap" not in rules(findings(first, elsewhere))


@pytest.mark.parametrize("words", ["repaid on demand", "in full"])
def test_words_in_any_paragraph_an_earlier_restatement_wrote_are_flagged(words):
    """A restatement writes every paragraph: acting on the first is as much an overlap as on the last."""
    first = amendment(
        "  - source: Section 1\n    op: restate_unit\n    unit: '2.2'\n    new:\n      heading: REPAYMENT\n"
        "      text: |\n        Each Advance shall be repaid on demand.\n\n        Interest shall be paid in full.\n"
    )
    on_it = amendment(f"  - {{source: Section 2, op: delete_words, unit: '2.2', words: {words}}}\n", n=2)
    assert "overlap" in rules(findings(first, on_it))


def test_an_amendment_dated_before_the_agreement_is_a_warning_and_still_applies():
    early = amendment(
        "  - {source: Section 1, op: replace_words, unit: '2.2', words: repaid, with: paid}\n", dated="2002-02-21"
    )
    found = findings(early)
    assert [(f.severity, f.rule) for f in found] == [("warning", "dated-before-agreement")]
    assert "before" not in {
        f.rule
        for f in findings(amendment("  - {source: S, op: replace_words, unit: '2.2', words: repaid, with: paid}\n"))
    }


def test_effective_dates_out_of_sequence_order():
    one = amendment(
        "  - {source: S, op: replace_words, unit: '2.2', words: repaid, with: paid}\n", effective="2005-01-01"
    )
    two = amendment(
        "  - {source: S, op: replace_words, unit: '2.1', words: each Advance, with: every Advance}\n",
        n=2,
        effective="2004-06-01",
    )
    assert "effective-out-of-order" in rules(findings(one, two))
    two_later = amendment(
        "  - {source: S, op: replace_words, unit: '2.1', words: each Advance, with: every Advance}\n",
        n=2,
        effective="2006-01-01",
    )
    assert "effective-out-of-order" not in rules(findings(one, two_later))


def test_a_defined_term_never_used():
    unused = AGREEMENT.replace(
        "'\"LENDER\" means the Bank.'", "'\"LENDER\" means the Bank.'\n      - '\"OBLIGOR\" means the Borrower.'"
    )
    hit = [f for f in findings(agreement=unused) if f.rule == "term-unused"]
    assert [f.message for f in hit] == ['"OBLIGOR" is defined but never used']


def test_a_term_used_in_quotes_is_a_use_not_a_definition():
    quoted = AGREEMENT.replace("each Advance in accordance", 'each "Advance" in accordance').replace(
        "Each Advance shall", "Each loan shall"
    )
    assert "term-unused" not in rules(findings(agreement=quoted))


def test_a_term_defined_twice_counts_inline_definitions():
    twice = AGREEMENT.replace("between the Bank and the Borrower.", 'between the Bank (the "LENDER") and the Borrower.')
    hit = [f for f in findings(agreement=twice) if f.rule == "term-defined-twice"]
    assert len(hit) == 1 and '"LENDER"' in hit[0].message and "inline" in hit[0].message


def test_deleting_a_definition_whose_term_is_still_used_orphans_it():
    gone = amendment("  - {source: Section 1, op: delete_definitions, terms: [Advance]}\n")
    hit = [f for f in findings(gone) if f.rule == "term-orphaned"]
    assert hit and hit[0].severity == "error" and '"ADVANCE"' in hit[0].message


def test_definitions_out_of_alphabetical_order():
    swapped = AGREEMENT.replace(
        "      - '\"ADVANCE\" means a loan under Section 2.1.'\n      - '\"LENDER\" means the Bank.'",
        "      - '\"LENDER\" means the Bank.'\n      - '\"ADVANCE\" means a loan under Section 2.1.'",
    )
    hit = [f for f in findings(agreement=swapped) if f.rule == "terms-out-of-order"]
    assert len(hit) == 1 and '"ADVANCE" comes after "LENDER"' in hit[0].message


@pytest.mark.parametrize(
    ("reference", "bad"),
    [
        ("Section 2.9", True),
        ("Sections 2.1 or 2.9", True),
        ("clause (c) of Section 2.2", True),
        ("Exhibit B", True),
        ("Section 2.1", False),
        ("Sections 2.1 and 2.2", False),
        ("Section 9 of the Security Agreement", False),  # another document's section
    ],
)
def test_cross_references_to_units_that_do_not_exist(reference, bad):
    text = AGREEMENT.replace("in accordance with Section 2.2.", f"in accordance with {reference}.")
    assert ("reference-missing" in rules(findings(agreement=text))) is bad


def test_a_reference_to_a_reserved_section_is_a_warning():
    reserve = amendment("  - {source: Section 1, op: delete_unit, unit: '2.2', reserved: true}\n")
    hit = [f for f in findings(reserve) if f.rule == "reference-reserved"]
    assert hit and "Section 2.2" in hit[0].message


def test_punctuation_left_where_an_amendment_touched():
    # deleting a parenthesis leaves its words' neighbour with a doubled mark only if the
    # amendment's words do; this insertion brings a space before a comma
    spaced = amendment("  - {source: Section 1, op: insert_words, unit: '2.2', after: repaid, text: 'in full ,'}\n")
    hit = [f for f in findings(spaced) if f.rule == "punctuation"]
    assert hit and "a space before a mark" in hit[0].message
    clean = amendment("  - {source: Section 1, op: insert_words, unit: '2.2', after: repaid, text: in full}\n")
    assert "punctuation" not in rules(findings(clean))


def test_punctuation_in_a_part_is_reported_once_under_the_part_when_its_parent_changed_too():
    both = amendment(
        "  - {source: Section 1, op: insert_words, unit: 'definition:ADVANCE', after: a loan, text: 'in full ,'}\n"
        "  - {source: Section 2, op: replace_words, unit: '1', words: In this Agreement, with: In this Loan Agreement}\n"
    )
    hit = [f for f in findings(both) if f.rule == "punctuation"]
    assert len(hit) == 1, [f.message for f in hit]
    assert "Section 1, changed" in hit[0].message and '"ADVANCE"' in hit[0].message


def test_an_unbalanced_parenthesis_in_an_amended_unit():
    half = amendment(
        "  - {source: Section 1, op: replace_words, unit: '2.2', words: (with interest), with: (with interest}\n"
    )
    assert "unbalanced" in rules(findings(half))


# --- the command ------------------------------------------------------------------------------


def test_the_seed_report_and_its_exit_codes(project, monkeypatch):
    result = CliRunner().invoke(app, ["check", "symphony-exchange"])
    assert result.exit_code == 0, result.stdout
    assert "dated-before-agreement" in result.stdout
    strict = CliRunner().invoke(app, ["check", "symphony-exchange", "--strict"])
    assert strict.exit_code == 8
    data = json.loads(CliRunner().invoke(app, ["check", "symphony-exchange", "--format", "json"]).stdout)
    assert data["schema"] == "agreement.check/1" and data["errors"] == 0
    assert {f["rule"] for f in data["findings"]} >= {"dated-before-agreement"}


def test_errors_exit_7_with_the_report_printed(project):
    bad = project / "amendments" / "symphony-exchange" / "009-bad.yaml"
    bad.write_text(
        "id: am-9\ntitle: Amendment No. 9\namends: symphony-exchange\nsequence: 9\ndated: 2009-01-01\n"
        "changes:\n  - {source: Section 1, op: delete_words, unit: '13.4', words: purple elephants}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", "symphony-exchange"])
    assert result.exit_code == 7
    assert "change-failed" in result.stdout and "009-bad.yaml:7:5" in result.stdout


def test_a_capitalised_phrase_used_as_a_term_but_never_defined():
    text = AGREEMENT.replace("The Lender shall make", "The Lender and the Paying Agent shall make")
    hit = [f for f in findings(agreement=text) if f.rule == "term-undefined"]
    assert [f.message.split('"')[1] for f in hit] == ["Paying Agent"]


def test_defined_terms_plurals_and_party_names_are_not_undefined():
    text = AGREEMENT.replace("each Advance in accordance", "all Advances and each Advance in accordance").replace(
        "parties: []", ""
    )
    with_party = text.replace(
        "preamble:", "parties:\n  - {name: First National Bank, short_name: Bank}\npreamble:"
    ).replace("The Lender shall", "The Lender (being the First National Bank) shall")
    assert "term-undefined" not in rules(findings(agreement=with_party))


def test_a_term_is_found_after_letters_whose_lower_case_is_longer():
    # "İ" lower-cases to two characters: a search of the lower-cased text would look for
    # the term two places off in the text itself, and miss it
    from agreement.check.terms import used

    assert used("Notes", "Payable in İstanbul and İzmir: the Notes are due.")
    assert used("Required Holders", 'signed by the "Required Holders" of İzmir')
    assert not used("Notes", '"NOTES" means the notes issued in İstanbul.')  # its definition, not a use


def test_punctuation_is_checked_in_the_recital_amended_when_a_recital_is_added_before_it():
    from tests.unit.test_redline import TOY

    toy = TOY.replace("id: toy", "id: loan")
    moved = amendment(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: 'gamma gamma gamma;', with: 'gamma ;'}\n"
        "  - {source: Section 2, op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
    )
    hit = [f for f in findings(moved, agreement=toy) if f.rule == "punctuation"]
    assert len(hit) == 1, [f.message for f in hit]
    assert "Section 1, changed the fourth recital" in hit[0].message  # the third when amended
    assert "a space before a mark" in hit[0].message and "gamma ;" in hit[0].message


def test_an_overlap_is_found_in_a_recital_that_an_addition_earlier_in_the_amendment_moved():
    from tests.unit.test_redline import TOY

    toy = TOY.replace("id: toy", "id: loan")
    first = amendment(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
    )
    second = amendment(
        "  - {source: Section 1, op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
        "  - {source: Section 2, op: replace_words, unit: 'recitals[4]', words: one, with: two}\n",
        n=2,
        dated="2005-01-01",
    )
    hit = [f for f in findings(first, second, agreement=toy) if f.rule == "overlap"]
    assert len(hit) == 1, [f.message for f in findings(first, second, agreement=toy)]
    assert "Amendment No. 2, Section 2, acts on words that Amendment No. 1, Section 1, wrote" in hit[0].message


# --- where each rule must stay silent ---------------------------------------------------------
# A reviewer stops reading a linter that cries wolf: each rule has its case of silence here
# (or beside its firing test above: overlap, dated-before-agreement, effective-out-of-order,
# term-unused, reference-missing, punctuation, term-undefined).


def test_a_change_that_fails_on_a_unit_no_amendment_deleted_is_no_change_on_deleted_unit():
    first = amendment("  - {source: Section 1, op: delete_unit, unit: '2.2'}\n")
    second = amendment("  - {source: Section 5, op: delete_words, unit: '2.1', words: purple}\n", n=2)
    found = rules(findings(first, second))
    assert "change-failed" in found and "change-on-deleted-unit" not in found


def test_a_unit_deleted_and_added_again_may_be_changed_without_findings():
    first = amendment(
        "  - {source: Section 1, op: delete_unit, unit: '2.2'}\n"
        "  - {source: Section 2, op: add_unit, after: '2.1', new: {number: '2.2', heading: REPAYMENT, "
        "text: Each Advance shall be repaid with interest on demand.}}\n"
    )
    second = amendment(
        "  - {source: Section 5, op: replace_words, unit: '2.2', words: on demand, with: at maturity}\n", n=2
    )
    assert not {"change-on-deleted-unit", "change-failed"} & rules(findings(first, second))


def test_a_deleted_definition_whose_uses_were_replaced_is_not_orphaned():
    gone = amendment(
        "  - {source: Section 1, op: delete_definitions, terms: [Advance]}\n"
        "  - {source: Section 2, op: replace_references, words: Advance, with: Loan}\n"
        "  - {source: Section 3, op: add_definitions, unit: '1', definitions: ['\"LOAN\" means a loan under Section 2.1.']}\n"
    )
    assert not {"term-orphaned", "term-unused", "term-undefined"} & rules(findings(gone))


def test_a_definition_renamed_in_place_is_not_orphaned_nor_defined_twice():
    renamed = amendment("  - {source: Section 1, op: replace_references, words: Lender, with: Senior Lender}\n")
    assert findings(renamed) == []


def test_definitions_added_in_order_ignoring_quotes_and_case_are_not_out_of_order():
    added = amendment(
        "  - {source: Section 1, op: add_definitions, unit: '1', definitions: "
        "['\"Business Day\" means a day banks are open.', '\"LOAN-TO-VALUE\" means the ratio.']}\n"
        "  - {source: Section 2, op: append_sentence, unit: '2.2', text: Repayment is due on a Business Day.}\n"
        "  - {source: Section 3, op: append_sentence, unit: '2.1', text: No Advance may exceed the Loan-to-Value.}\n"
    )
    assert "terms-out-of-order" not in rules(findings(added))


def test_a_reference_to_another_instruments_section_of_a_reserved_number_is_silent():
    text = AGREEMENT.replace(
        "in accordance with Section 2.2.", "in accordance with Section 2.2 of the Security Agreement."
    )
    reserve = amendment("  - {source: Section 1, op: delete_unit, unit: '2.2', reserved: true}\n")
    assert "reference-reserved" not in rules(findings(reserve, agreement=text))


def test_an_abbreviation_before_a_comma_in_amended_words_is_no_punctuation_finding():
    inc = amendment(
        "  - {source: Section 1, op: replace_words, unit: '2.2', words: (with interest), "
        "with: '(with interest payable to Acme Co., as agent, at 5:00 p.m.; and in U.S. dollars)'}\n"
    )
    assert not {"punctuation", "unbalanced"} & rules(findings(inc))


def test_balanced_quotes_and_parentheses_in_an_amended_unit_are_silent():
    curly = amendment(
        "  - {source: Section 1, op: replace_words, unit: '2.2', words: (with interest), "
        'with: "(with interest at the \\u201cDefault Rate\\u201d (as defined in the Note))"}\n'
    )
    assert not {"unbalanced", "punctuation"} & rules(findings(curly))
