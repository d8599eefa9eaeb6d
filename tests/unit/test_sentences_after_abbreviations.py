"""Issue 12, item 12: a period closing "a.m.", "p.m.", "Inc.", "Co.", "et seq." also closes
the sentence exactly where the next word cannot carry the sentence on ("5:00 p.m. The
Agent ..."), and never where it does ("p.m. (New York City time)", "Co. Ltd."). The count
is refused only where a careful reader would hesitate, and then the refusal says how to
confirm the sentence: by its last words (`ends_with`)."""

from __future__ import annotations

import pytest

from agreement.text import abbreviation_stop, ambiguous_stops, sentence_spans
from tests.unit.test_review_fixes import amended, failure, section, text


def sentences(para: str) -> list[str]:
    return [para[s:e] for s, e in sentence_spans(para)]


@pytest.mark.parametrize(
    ("para", "expected"),
    [
        (
            "Notice is due by 5:00 p.m. The Agent shall confirm receipt.",
            ["Notice is due by 5:00 p.m.", "The Agent shall confirm receipt."],
        ),
        (
            "Fees are paid to Acme Holdings, Inc. Each Holder shall pay its share.",
            ["Fees are paid to Acme Holdings, Inc.", "Each Holder shall pay its share."],
        ),
        (
            "The Bankruptcy Code is 11 U.S.C. 101 et seq. Notwithstanding the foregoing, the Agent may act.",
            ["The Bankruptcy Code is 11 U.S.C. 101 et seq.", "Notwithstanding the foregoing, the Agent may act."],
        ),
        (
            "Goods are delivered at 9:00 a.m. If delivery fails, the Buyer may cancel.",
            ["Goods are delivered at 9:00 a.m.", "If delivery fails, the Buyer may cancel."],
        ),
    ],
)
def test_an_abbreviation_before_a_word_that_opens_a_sentence_ends_it(para, expected):
    assert sentences(para) == expected
    assert ambiguous_stops(para, len(para)) == []


@pytest.mark.parametrize(
    "para",
    [
        "Notice is due by 5:00 p.m. (New York City time) on the Due Date. The Agent shall confirm.",
        "Notice is due by 5:00 p.m. Eastern Time on the Due Date. The Agent shall confirm.",
        "Notice is due by 5:00 p.m. on the Due Date. The Agent shall confirm.",
        "Goods are shipped F.O.B. Seller's plant in Ohio on the Due Date. The Agent shall confirm.",
        "Payment goes to Acme Co. Ltd. in Hong Kong on the Due Date. The Agent shall confirm.",
        'Payment goes to Acme, Inc. (the "Payee") on the Due Date. The Agent shall confirm.',
        "Claims under 11 U.S.C. 101 et seq. (the Code) arise on the Due Date. The Agent shall confirm.",
        "Payment goes to Account No. 12345 at U.S. Bank on the Due Date. The Agent shall confirm.",
        "Payment goes to Harbor Trust Co. No. 2 Account on the Due Date. The Agent shall confirm.",
    ],
)
def test_an_abbreviation_before_words_that_carry_the_sentence_on_does_not_end_it(para):
    assert len(sentences(para)) == 2, sentences(para)
    assert ambiguous_stops(para, len(para)) == []


def test_an_abbreviation_before_a_capitalised_word_that_may_be_a_name_is_unsure():
    para = "Payments are made to Harbor Trust Co. Holders of Notes shall be notified."
    dot = para.index("Co.") + 2
    assert abbreviation_stop(para, dot, dot + 2) is None
    assert ambiguous_stops(para, len(para)) == ["Co."]
    assert len(sentences(para)) == 1  # counted as one, and the count refused
    assert len(sentence_spans(para, split_unsure=True)) == 2  # the other reading


# --- insert_at_sentence_end ---------------------------------------------------------------

PM = "Notice is due by 5:00 p.m. (New York City time) on the Due Date. The Agent shall confirm receipt."


@pytest.mark.parametrize(
    ("para", "n", "expected"),
    [
        (
            PM,
            2,
            "Notice is due by 5:00 p.m. (New York City time) on the Due Date. The Agent shall confirm receipt in writing.",
        ),
        (
            "Notice is due by 5:00 p.m. The Agent shall confirm receipt.",
            2,
            "Notice is due by 5:00 p.m. The Agent shall confirm receipt in writing.",
        ),
        (
            "Fees go to Acme Holdings, Inc. The Agent shall confirm receipt.",
            2,
            "Fees go to Acme Holdings, Inc. The Agent shall confirm receipt in writing.",
        ),
    ],
)
def test_the_second_sentence_is_counted_past_an_abbreviation_a_reader_reads_without_pause(para, n, expected):
    history = amended(section(para), f"- {{op: insert_at_sentence_end, unit: '1', sentence: {n}, text: in writing}}")
    assert text(history, "1") == (expected,)


UNSURE = "Payments are made to Harbor Trust Co. Holders of Notes shall be notified by noon. The Agent shall confirm."


def test_an_unsure_count_is_refused_saying_where_each_reading_ends_and_how_to_confirm():
    error = failure(section(UNSURE), "- {op: insert_at_sentence_end, unit: '1', sentence: 2, text: in writing}")
    rendered = error.render()
    assert "'Co.' may or may not end a sentence" in error.message
    assert "if 'Co.' does not end a sentence, sentence 2 ends 'The Agent shall confirm.'" in rendered
    assert "if it does, sentence 2 ends '... Notes shall be notified by noon.'" in rendered
    assert "ends_with" in (error.hint or "")


@pytest.mark.parametrize(
    ("n", "ending", "expected"),
    [
        (1, "notified by noon", "Holders of Notes shall be notified by noon in writing. The Agent"),
        (2, "notified by noon.", "Holders of Notes shall be notified by noon in writing. The Agent"),
        (2, "The Agent shall confirm", "The Agent shall confirm in writing."),
        (3, "shall confirm", "The Agent shall confirm in writing."),
    ],
)
def test_ends_with_confirms_the_sentence_on_either_reading_of_the_unsure_stop(n, ending, expected):
    change = f"- {{op: insert_at_sentence_end, unit: '1', sentence: {n}, text: in writing, ends_with: '{ending}'}}"
    assert expected in text(amended(section(UNSURE), change), "1")[0]


@pytest.mark.parametrize(
    ("n", "ending", "message"),
    [
        (3, "notified by noon", "is sentence 1 or 2, not sentence 3"),
        (2, "nowhere at all", "no sentence of Section 1 ends with the words 'nowhere at all'"),
        (2, "firm", "no sentence of Section 1 ends with the words 'firm'"),  # whole words: not "confirm"
    ],
)
def test_ends_with_that_names_no_such_sentence_is_refused(n, ending, message):
    change = f"- {{op: insert_at_sentence_end, unit: '1', sentence: {n}, text: in writing, ends_with: '{ending}'}}"
    assert message in failure(section(UNSURE), change).message


def test_ends_with_matching_two_sentences_is_refused():
    para = "The Agent shall confirm. The Holder shall confirm."
    change = "- {op: insert_at_sentence_end, unit: '1', sentence: 2, text: in writing, ends_with: confirm}"
    assert "2 sentences of Section 1 end with the words 'confirm'" in failure(section(para), change).message
