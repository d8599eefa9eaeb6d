"""Legal-aware text functions: anchor search, sentences, spacing, quoted terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement.errors import TextEditError
from agreement.text import (
    changed_region,
    changed_words,
    closest_passages,
    find_all,
    fold_plain,
    quoted_term,
    quoted_term_end,
    sentence_spans,
    sentence_terminal,
    splice,
)

# Section 13.4 of the bundled Securities Exchange Agreement, in its original lines.
SECTION_13_4 = """Neither this Agreement nor any provision
hereof may be changed, waived, discharged or terminated orally, but only by a
statement in writing signed by each of the Company, the Borrower, the Guarantor
and the Required Holders; PROVIDED, HOWEVER, that no such change, waiver,
discharge or termination shall, without the written consent of each Holder
affected thereby, (i) extend the maturity of any Note, (ii) reduce the
principal amount of, or the rate of interest on, any Note, or (iii) change the
percentage of Holders whose consent is required for any such change, waiver,
discharge or termination. Each Holder shall be bound by any change, waiver,
discharge or termination effected in accordance with this Section 13.4,
whether or not such Holder shall have consented thereto."""


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def at(text: str, words: str) -> int:
    """Offset where `words` start in `text` (they must stand there once)."""
    assert text.count(words) == 1
    return text.index(words)


def after(text: str, words: str) -> int:
    return at(text, words) + len(words)


# --- fold ---------------------------------------------------------------------


def test_fold_plain_straightens_curly_quotes_and_turns_line_breaks_into_spaces():
    assert fold_plain("the \u201cNOTES\u201d and\nthe \u2018Warrants\u2019") == "the \"NOTES\" and the 'Warrants'"
    assert fold_plain("Required   Holders") == "Required Holders"


def test_fold_plain_is_the_search_form_without_edge_spaces():
    assert fold_plain("  \u201cNOTES\u201d\n means  ") == '"NOTES" means'


# --- find_all -----------------------------------------------------------------


def test_find_all_forgives_a_line_break_inside_the_anchor_and_returns_the_original_span():
    text = "signed by the Required\nHolders; PROVIDED"
    spans = find_all(text, "Required Holders")
    assert spans == [(at(text, "Required"), after(text, "Holders"))]
    s, e = spans[0]
    assert text[s:e] == "Required\nHolders"


def test_find_all_forgives_runs_of_spaces_in_the_text():
    text = "the Required    Holders shall"
    [(s, e)] = find_all(text, "Required Holders")
    assert text[s:e] == "Required    Holders"


def test_find_all_forgives_runs_of_spaces_in_the_anchor():
    text = "the Required Holders shall"
    assert find_all(text, "Required  \n Holders") == [(4, 20)]


def test_find_all_matches_curly_quotes_in_the_text_with_a_straight_quoted_anchor():
    text = "Notes due 2005 (the \u201cNOTES\u201d) and"
    [(s, e)] = find_all(text, '(the "NOTES")')
    assert text[s:e] == "(the \u201cNOTES\u201d)"


def test_find_all_matches_straight_quotes_in_the_text_with_a_curly_quoted_anchor():
    text = 'Notes due 2005 (the "NOTES") and'
    [(s, e)] = find_all(text, "(the \u201cNOTES\u201d)")
    assert text[s:e] == '(the "NOTES")'


def test_find_all_span_ends_after_a_closing_curly_quote():
    text = "the \u201cNOTES\u201d;"
    [(s, e)] = find_all(text, '"NOTES"')
    assert (s, e) == (4, 11)
    assert text[e] == ";"


def test_find_all_does_not_find_a_word_inside_a_longer_word():
    assert find_all("the Notes then outstanding", "Note") == []


def test_find_all_does_not_find_a_word_at_the_end_of_a_longer_word():
    assert find_all("the Noteholders and the Holders", "holders") == []
    assert find_all("the Noteholders", "Holders") == []


def test_find_all_finds_a_whole_word_followed_by_punctuation():
    text = "any Note, or any Notes."
    assert find_all(text, "Note") == [(4, 8)]


def test_find_all_does_not_find_a_number_inside_a_longer_number():
    assert find_all("the Notes due 20051", "2005") == []


def test_find_all_is_case_sensitive():
    assert find_all("the required holders shall", "Required Holders") == []


def test_find_all_returns_every_occurrence_in_order():
    text = "any Note, or any Note held by a Holder"
    assert find_all(text, "any Note") == [(0, 8), (13, 21)]


def test_find_all_anchor_beginning_with_punctuation_may_follow_a_word_directly():
    text = 'Notes(the "NOTES")'
    assert find_all(text, '(the "NOTES")') == [(5, len(text))]


def test_find_all_of_an_empty_anchor_is_an_error():
    with pytest.raises(TextEditError):
        find_all("the Notes", "  \n ")


def test_find_all_in_section_13_4_across_the_original_line_break():
    [(s, e)] = find_all(SECTION_13_4, "each Holder affected thereby")
    assert SECTION_13_4[s:e] == "each Holder\naffected thereby"


# --- closest_passages ---------------------------------------------------------


def test_closest_passages_puts_a_case_different_passage_first():
    assert closest_passages(SECTION_13_4, "required holders")[0] == "Required Holders"


def test_closest_passages_puts_a_one_typo_passage_first():
    assert closest_passages(SECTION_13_4, "Requried Holders")[0] == "Required Holders"


def test_closest_passages_finds_a_passage_across_a_line_break():
    assert closest_passages(SECTION_13_4, "each Holdr affected")[0] == "each Holder affected"


def test_closest_passages_returns_nothing_for_words_unlike_the_text():
    assert closest_passages(SECTION_13_4, "Collateral Agent") == []


def test_closest_passages_respects_the_limit():
    assert len(closest_passages(SECTION_13_4, "such change")) == 3
    assert closest_passages(SECTION_13_4, "such change", limit=1) == ["such change"]


def test_closest_passages_forgives_a_missing_comma():
    assert closest_passages(SECTION_13_4, "change waiver")[0] == "change, waiver"


# --- sentence_spans -----------------------------------------------------------


def test_sentences_us_abbreviation_before_a_lowercase_word():
    text = "The Borrower shall pay all amounts in U.S. dollars. The Holders shall accept such payment."
    assert sentences(text) == [
        "The Borrower shall pay all amounts in U.S. dollars.",
        "The Holders shall accept such payment.",
    ]


def test_sentences_us_abbreviation_before_a_capitalised_name():
    text = "U.S. Bank National Association shall act as Collateral Agent. The Holders consent thereto."
    assert sentences(text) == [
        "U.S. Bank National Association shall act as Collateral Agent.",
        "The Holders consent thereto.",
    ]


def test_sentences_inc_before_a_parenthetical_definition():
    text = 'iBasis, Inc. (the "Company") shall issue the Notes. The Notes shall be secured.'
    assert sentences(text) == [
        'iBasis, Inc. (the "Company") shall issue the Notes.',
        "The Notes shall be secured.",
    ]


def test_sentences_inc_at_the_end_of_the_paragraph_ends_the_sentence():
    text = "This Agreement is signed by iBasis, Inc."
    assert sentence_spans(text) == [(0, len(text))]


def test_sentences_amendment_no_1():
    text = "This Amendment No. 1 amends the Agreement as set forth herein. Each Holder consents hereto."
    assert sentences(text) == [
        "This Amendment No. 1 amends the Agreement as set forth herein.",
        "Each Holder consents hereto.",
    ]


def test_sentences_section_number_inside_and_at_the_end_of_a_sentence():
    text = (
        "Notes may be issued in accordance with Section 8.4 only. "
        "Each Holder shall be bound as provided in Section 13.4. The Company agrees."
    )
    assert sentences(text) == [
        "Notes may be issued in accordance with Section 8.4 only.",
        "Each Holder shall be bound as provided in Section 13.4.",
        "The Company agrees.",
    ]


def test_sentences_par_value_with_a_decimal_point():
    text = (
        "The Warrants are exercisable for Common Stock, $0.001 par value, of the Company. The Warrants expire in 2008."
    )
    assert sentences(text) == [
        "The Warrants are exercisable for Common Stock, $0.001 par value, of the Company.",
        "The Warrants expire in 2008.",
    ]


def test_sentences_a_m_before_a_capitalised_place_name():
    text = "Payment shall be made by 10:00 a.m. New York City time on the Closing Date. Late payments bear interest."
    assert sentences(text) == [
        "Payment shall be made by 10:00 a.m. New York City time on the Closing Date.",
        "Late payments bear interest.",
    ]


def test_sentences_roman_numeral_clauses_do_not_end_the_sentence():
    assert sentences(SECTION_13_4) == [
        SECTION_13_4[: after(SECTION_13_4, "discharge or termination.")],
        SECTION_13_4[at(SECTION_13_4, "Each Holder shall be bound") :],
    ]


def test_sentences_a_sentence_ending_with_a_roman_numeral_clause_reference():
    text = "The consent of each Holder is required under clause (iii). The Company agrees."
    assert sentences(text) == [
        "The consent of each Holder is required under clause (iii).",
        "The Company agrees.",
    ]


def test_sentences_middle_initial_of_a_signatory():
    text = "This Agreement was executed by John A. Brennan as Trust Officer. The Collateral Agent agrees."
    assert sentences(text) == [
        "This Agreement was executed by John A. Brennan as Trust Officer.",
        "The Collateral Agent agrees.",
    ]


def test_sentences_ending_with_a_closing_parenthesis_after_a_defined_term():
    text = (
        "The Borrower shall issue its 11.5% Senior Secured Notes due 2005 "
        '(the "NOTES"). The Notes shall be secured by the Collateral.'
    )
    assert sentences(text) == [
        'The Borrower shall issue its 11.5% Senior Secured Notes due 2005 (the "NOTES").',
        "The Notes shall be secured by the Collateral.",
    ]


def test_sentences_ending_with_a_period_inside_a_closing_quote():
    text = 'Such securities shall be called the "Notes." The Notes shall be secured by the Collateral.'
    assert sentences(text) == [
        'Such securities shall be called the "Notes."',
        "The Notes shall be secured by the Collateral.",
    ]


def test_sentences_ending_with_a_period_inside_a_closing_curly_quote():
    text = "Such securities shall be called the \u201cNotes.\u201d The Notes shall be secured."
    assert sentences(text) == [
        "Such securities shall be called the \u201cNotes.\u201d",
        "The Notes shall be secured.",
    ]


def test_sentences_a_period_before_a_lowercase_word_does_not_end_a_sentence():
    text = "The Notes bear interest at 11.5 per cent. per annum. The Holders agree."
    assert sentences(text) == ["The Notes bear interest at 11.5 per cent. per annum.", "The Holders agree."]


def test_sentences_across_line_breaks_and_question_marks():
    text = "Is the consent\nrequired? The Required Holders\nshall decide."
    assert sentences(text) == ["Is the consent\nrequired?", "The Required Holders\nshall decide."]


def test_sentences_last_sentence_without_closing_punctuation_ends_at_the_last_word():
    text = "The Company agrees. The Holders agree  \n"
    assert sentence_spans(text) == [(0, 19), (20, 37)]


def test_sentences_skip_leading_white_space():
    text = "  The Company agrees."
    assert sentence_spans(text) == [(2, len(text))]


# --- sentence_terminal --------------------------------------------------------


def test_sentence_terminal_is_the_offset_of_the_period():
    text = "The Company agrees. The Holders agree."
    first, second = sentence_spans(text)
    assert sentence_terminal(text, first) == 18
    assert sentence_terminal(text, second) == len(text) - 1


def test_sentence_terminal_after_a_closing_parenthesis_is_the_period_outside_it():
    text = 'the Notes due 2005 (the "NOTES"). The Notes are secured.'
    first = sentence_spans(text)[0]
    assert sentence_terminal(text, first) == text.index(").") + 1


def test_sentence_terminal_of_section_13_4_first_sentence():
    span = sentence_spans(SECTION_13_4)[0]
    assert sentence_terminal(SECTION_13_4, span) == after(SECTION_13_4, "discharge or termination.") - 1


def test_sentence_terminal_inside_a_quotation_is_ambiguous():
    text = 'Such securities shall be called the "Notes." The Notes are secured.'
    with pytest.raises(TextEditError):
        sentence_terminal(text, sentence_spans(text)[0])


def test_sentence_terminal_inside_a_parenthesis_is_ambiguous():
    text = "The Holders consent (as provided in Section 13.4.) The Company agrees."
    first = (0, after(text, "13.4.)"))
    with pytest.raises(TextEditError):
        sentence_terminal(text, first)


def test_sentence_terminal_without_closing_punctuation_is_an_error():
    text = "The Company agrees"
    with pytest.raises(TextEditError):
        sentence_terminal(text, sentence_spans(text)[0])


# --- splice: inserting --------------------------------------------------------


def test_splice_insert_before_a_word_after_a_space():
    text = "the Notes due 2005"
    assert splice(text, 4, 4, "Senior Secured") == "the Senior Secured Notes due 2005"


def test_splice_insert_after_a_word_before_a_space():
    text = "the Notes due 2005"
    assert splice(text, 3, 3, "Senior Secured") == "the Senior Secured Notes due 2005"


def test_splice_insert_before_a_semicolon_puts_no_space_before_it():
    text = "signed by the Required Holders; PROVIDED"
    pos = at(text, ";")
    assert splice(text, pos, pos, "and the Collateral Agent") == (
        "signed by the Required Holders and the Collateral Agent; PROVIDED"
    )


def test_splice_insert_beginning_with_a_comma_puts_no_space_before_it():
    text = "the Indenture shall govern"
    pos = after(text, "Indenture")
    assert splice(text, pos, pos, ", as amended,") == "the Indenture, as amended, shall govern"


def test_splice_insert_before_a_period_puts_no_space_before_it():
    text = "the Notes then outstanding."
    pos = at(text, ".")
    assert splice(text, pos, pos, "and the Warrants") == "the Notes then outstanding and the Warrants."


def test_splice_insert_before_a_closing_parenthesis():
    text = "the Notes (as defined in the Indenture) shall"
    pos = at(text, ")")
    assert (
        splice(text, pos, pos, "and the Guarantees")
        == "the Notes (as defined in the Indenture and the Guarantees) shall"
    )


def test_splice_insert_before_a_colon():
    text = "the following terms have the following meanings:"
    pos = at(text, ":")
    assert splice(text, pos, pos, "in this Agreement") == (
        "the following terms have the following meanings in this Agreement:"
    )


def test_splice_insert_after_an_opening_parenthesis_puts_no_space_after_it():
    text = "the Notes (as defined below)"
    pos = after(text, "(")
    assert splice(text, pos, pos, "each") == "the Notes (each as defined below)"


def test_splice_insert_after_an_opening_quote_puts_no_space_after_it():
    text = '(the "Notes")'
    pos = after(text, '(the "')
    assert splice(text, pos, pos, "Senior") == '(the "Senior Notes")'


def test_splice_insert_before_a_closing_quote_puts_no_space_before_it():
    text = '(the "Notes")'
    pos = at(text, '")')
    assert splice(text, pos, pos, "due 2005") == '(the "Notes due 2005")'


def test_splice_insert_inside_curly_quotes():
    text = "the \u201cNotes\u201d means"
    assert splice(text, 5, 5, "Senior") == "the \u201cSenior Notes\u201d means"
    assert splice(text, 10, 10, "due 2005") == "the \u201cNotes due 2005\u201d means"


def test_splice_insert_after_a_closing_quote_puts_one_space():
    text = 'the "Notes" shall'
    pos = after(text, '"Notes"')
    assert splice(text, pos, pos, "and the Warrants") == 'the "Notes" and the Warrants shall'


def test_splice_insert_before_an_opening_quote_puts_one_space():
    text = 'referred to as "Notes"'
    pos = at(text, '"Notes"')
    assert splice(text, pos, pos, "the") == 'referred to as the "Notes"'


def test_splice_insert_a_parenthetical_after_a_word_puts_a_space_before_it():
    text = "the Required Holders; PROVIDED"
    pos = at(text, ";")
    assert splice(text, pos, pos, '(the "MAJORITY")') == 'the Required Holders (the "MAJORITY"); PROVIDED'


def test_splice_insert_at_the_start_and_at_the_end_of_the_paragraph():
    assert splice("Notes due 2005", 0, 0, "Senior") == "Senior Notes due 2005"
    assert splice("Notes due 2005", 14, 14, "and Warrants") == "Notes due 2005 and Warrants"


def test_splice_replace_words():
    text = "shall not exceed $13,650,000."
    s, e = find_all(text, "$13,650,000")[0]
    assert splice(text, s, e, "$20,000,000") == "shall not exceed $20,000,000."


def test_splice_collapses_white_space_inside_the_inserted_words():
    text = "the Indenture shall govern"
    pos = after(text, "Indenture")
    assert splice(text, pos, pos, "  as amended\n  and   supplemented\n") == (
        "the Indenture as amended and supplemented shall govern"
    )


def test_splice_keeps_the_texts_own_line_breaks():
    text = "the Required\nHolders; PROVIDED"
    pos = at(text, ";")
    assert splice(text, pos, pos, "then outstanding") == "the Required\nHolders then outstanding; PROVIDED"


# --- splice: clashing punctuation ---------------------------------------------


@pytest.mark.parametrize(
    "text, anchor, insert",
    [
        pytest.param("the Notes then outstanding.", ".", "and the Guarantees;", id=";."),
        pytest.param("the Company, the Trustee", ", the Trustee", ", as issuer,", id=",,"),
        pytest.param("the Indenture; and", "; and", "as amended;", id=";;"),
        pytest.param("iBasis Corporation, as issuer", ", as issuer", "and its subsidiaries.", id=".,"),
    ],
)
def test_splice_clashing_punctuation_after_the_inserted_words_is_an_error(text, anchor, insert):
    pos = at(text, anchor)
    with pytest.raises(TextEditError) as info:
        splice(text, pos, pos, insert)
    assert "as_conformed" in (info.value.hint or "")


def test_splice_clashing_punctuation_before_the_inserted_words_is_an_error():
    text = "the Required Holders; PROVIDED"
    pos = after(text, ";")
    with pytest.raises(TextEditError) as info:
        splice(text, pos, pos, "; and the Collateral Agent")
    assert "as_conformed" in (info.value.hint or "")


def test_splice_clash_is_found_across_a_space():
    text = "the Notes ; and"
    pos = after(text, "Notes")
    with pytest.raises(TextEditError):
        splice(text, pos, pos, "then outstanding,")


def test_splice_abbreviation_period_before_a_comma_is_no_clash():
    text = "signed by iBasis Holdings, as issuer"
    pos = after(text, "Holdings")
    assert splice(text, pos, pos, ", Inc.") == "signed by iBasis Holdings, Inc., as issuer"


def test_splice_comma_after_an_abbreviation_in_the_text_is_no_clash():
    text = "signed by iBasis, Inc., as issuer"
    pos = after(text, "Inc.")
    assert splice(text, pos, pos, ", a Delaware corporation") == (
        "signed by iBasis, Inc., a Delaware corporation, as issuer"
    )


# --- splice: deleting ---------------------------------------------------------


def test_splice_delete_parenthetical_between_words_leaves_one_space():
    text = 'Notes due 2005 (the "NOTES") and (b)'
    s, e = find_all(text, '(the "NOTES")')[0]
    assert splice(text, s, e, "") == "Notes due 2005 and (b)"


def test_splice_delete_parenthetical_before_a_semicolon_leaves_no_space_before_it():
    text = 'due 2005 (the "NOTES");'
    s, e = find_all(text, '(the "NOTES")')[0]
    assert splice(text, s, e, "") == "due 2005;"


def test_splice_delete_words_before_a_comma():
    text = "the Indenture as amended, and the Notes"
    s, e = find_all(text, "as amended")[0]
    assert splice(text, s, e, "") == "the Indenture, and the Notes"


def test_splice_delete_words_before_a_closing_parenthesis():
    text = "(the Notes as amended)"
    s, e = find_all(text, "as amended")[0]
    assert splice(text, s, e, "") == "(the Notes)"


def test_splice_delete_first_words_after_an_opening_parenthesis():
    text = "(each as defined below)"
    s, e = find_all(text, "each")[0]
    assert splice(text, s, e, "") == "(as defined below)"


def test_splice_delete_keeps_a_line_break_where_one_stood():
    text = 'the Notes\n(the "NOTES") and'
    s, e = find_all(text, '(the "NOTES")')[0]
    assert splice(text, s, e, "") == "the Notes\nand"


def test_splice_delete_at_the_start_and_at_the_end_leaves_no_edge_space():
    text = "Senior Secured Notes due 2005"
    s, e = find_all(text, "Senior")[0]
    assert splice(text, s, e, "") == "Secured Notes due 2005"
    s, e = find_all(text, "due 2005")[0]
    assert splice(text, s, e, "") == "Senior Secured Notes"


def test_splice_white_space_only_insert_is_a_deletion():
    text = "the Senior Notes"
    s, e = find_all(text, "Senior")[0]
    assert splice(text, s, e, " \n ") == "the Notes"


def test_splice_delete_last_words_of_a_quoted_term_leaves_no_space_before_the_closing_quote():
    text = '"Notes due 2005" means the Notes'
    s, e = find_all(text, "due 2005")[0]
    assert splice(text, s, e, "") == '"Notes" means the Notes'


def test_splice_delete_first_words_of_a_quoted_term_leaves_no_space_after_the_opening_quote():
    text = 'the "Senior Notes" means'
    s, e = find_all(text, "Senior")[0]
    assert splice(text, s, e, "") == 'the "Notes" means'


# --- quoted_term --------------------------------------------------------------


def test_quoted_term_of_a_definition_with_straight_quotes():
    text = '"NOTES" means the Borrower\'s 11.5% Senior Secured Notes due 2005.'
    assert quoted_term(text) == "NOTES"
    assert quoted_term_end(text) == len('"NOTES"')


def test_quoted_term_of_a_definition_with_curly_quotes():
    text = "\u201cFiscal Agent\u201d means U.S. Bank National Association."
    assert quoted_term(text) == "Fiscal Agent"
    assert quoted_term_end(text) == len("\u201cFiscal Agent\u201d")


def test_quoted_term_after_the_words_the_term():
    text = 'The term "Business Day" means any day other than a Saturday.'
    assert quoted_term(text) == "Business Day"
    assert quoted_term_end(text) == len('The term "Business Day"')


def test_quoted_term_without_a_leading_quote_is_none():
    text = 'Notes means the notes (the "NOTES").'
    assert quoted_term(text) is None
    assert quoted_term_end(text) == 0


def test_quoted_term_not_at_the_start_is_none():
    assert quoted_term('the Borrower\'s Notes (the "NOTES")') is None


# --- properties ---------------------------------------------------------------

_WORD = st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)
_TEXT_WORD = st.one_of(
    _WORD,
    st.builds(lambda w, p: w + p, _WORD, st.sampled_from([",", ";", ":", "."])),
    st.builds(lambda w: f"({w})", _WORD),
    st.builds(lambda w: f'"{w}"', _WORD),
    st.builds(lambda w: f"\u201c{w}\u201d", _WORD),
)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(_TEXT_WORD, min_size=2, max_size=12),
    inserted=st.lists(_WORD, min_size=1, max_size=4),
    data=st.data(),
)
def test_property_insert_then_delete_the_inserted_words_gives_back_the_paragraph(words, inserted, data):
    text = " ".join(words)
    k = data.draw(st.integers(1, len(words) - 1), label="gap")
    space = len(" ".join(words[:k]))  # offset of the space between words[k-1] and words[k]
    before_space = data.draw(st.booleans(), label="before the space")
    pos = space if before_space else space + 1
    insert = " ".join(inserted)

    result = splice(text, pos, pos, insert)

    assert result == " ".join([*words[:k], *inserted, *words[k:]])
    start = space + 1
    assert result[start : start + len(insert)] == insert
    assert splice(result, start, start + len(insert), "") == text


_CORE = st.from_regex(r"[A-Za-z]{1,6}", fullmatch=True)
_SEP = st.sampled_from([" ", "  ", "\n", " \n  ", "\t", "\u00a0"])
_QUOTING = st.sampled_from([None, '""', "\u201c\u201d", "\u2018\u2019"])


@settings(max_examples=200, deadline=None)
@given(
    tokens=st.lists(st.tuples(_CORE, _QUOTING), min_size=1, max_size=10),
    seps=st.lists(_SEP, min_size=10, max_size=10),
    data=st.data(),
)
def test_property_find_all_of_a_word_that_occurs_once_returns_its_one_span(tokens, seps, data):
    i = data.draw(st.integers(0, len(tokens) - 1), label="word")
    core, quoting = tokens[i]
    cores = [c for c, _ in tokens]
    if cores.count(core) != 1:
        core = "Zq" + "".join(cores)  # longer than any other token: occurs once
        tokens[i] = (core, quoting)
    shown = [c if q is None else q[0] + c + q[1] for c, q in tokens]
    text = "".join(w + s for w, s in zip(shown, seps, strict=False)).rstrip()
    # the anchor is written with straight quotes whatever the text uses
    straight = {None: "", '""': '"', "\u201c\u201d": '"', "\u2018\u2019": "'"}[quoting]
    anchor = straight + core + straight

    spans = find_all(text, anchor)

    assert len(spans) == 1
    s, e = spans[0]
    assert fold_plain(text[s:e]) == anchor


_FOLD_CHARS = st.sampled_from(list("aZ9.;( )\"'\n\t\r") + ["\u00a0", "\u2007", "\u201c", "\u201d", "\u2018", "\u2019"])


@settings(max_examples=300)
@given(
    st.text(alphabet="ab1 .", max_size=12),
    st.text(alphabet="ab1 .", max_size=12),
)
def test_changed_words_gives_back_the_newer_text_and_only_moves_an_insertion_or_widens_an_edit(before, after):
    start, end, words = changed_words(before, after)
    assert before[:start] + words + before[end:] == after
    lo, hi, _ = changed_region(before, after)
    if start == end and lo == hi:  # an insertion, moved back along the words it repeats
        assert start <= lo
    else:
        assert start <= lo and end >= hi


def test_an_insertion_that_repeats_the_word_after_it_is_credited_as_whole_words():
    # the smallest region is "3 alpha", after "alpha1 alpha": half a word each side
    assert changed_region("alpha1 alpha2", "alpha1 alpha3 alpha2") == (12, 12, "3 alpha")
    assert changed_words("alpha1 alpha2", "alpha1 alpha3 alpha2") == (7, 7, "alpha3 ")
    assert changed_words("x gamma one", "x gamma once") == (8, 11, "once")  # not the "c" alone


def test_an_edit_known_to_cover_some_words_is_not_shifted_into_the_words_after_them():
    # deleting "bravo1 " from "bravo1 bravo5": the texts share "bravo" past the deletion's start
    before, after = "WHEREAS, bravo1 bravo5;", "WHEREAS, bravo5;"
    assert changed_region(before, after) == (14, 21, "")  # "1 bravo", no use to a reader
    assert changed_region(before, after, covering=(9, 15)) == (9, 16, "")  # "bravo1 "


PIECES = st.sampled_from(
    ["January 30, 2003", "30 January 2003x", "2003", "x", "ab", '"Required Holders"', "“Notes”", "(a)", "(iv)b"]
    + ["8.4(a)(ii)", "$1,000", "11.5%", "5:00", "2.01A", "Section", "the", " ", "  ", "\n", ",", ".", '"', "é", "9x"]
)


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_inside_a_token_answers_as_token_at(text):
    # changed_words asks at every character it widens an edit over; between two ASCII
    # letters (or a letter and a digit) the answer needs no scan
    from agreement.text import inside_token, token_at

    for k in range(len(text) + 1):
        assert inside_token(text, k) == (token_at(text, k) is not None), (text, k)
