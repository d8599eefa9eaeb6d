"""The word diff under the redline: its runs give back both texts, its edges fall between
tokens even where the common beginning and end are found on characters, and its diffs
are shortest even where tokens one text lacks are set aside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agreement.analyses.redline import DELETE, EQUAL, INSERT, diff_words
from agreement.text import token_at

WORDS = ["the", "Company", "shall", "Notes", "Notes;", "(a)", "10:00", "a.m.", "Holder", "consent", ",", "."]


@st.composite
def texts(draw) -> str:
    """Legal-looking text: words, marks, single spaces, the odd line and paragraph break."""
    parts = draw(st.lists(st.sampled_from(WORDS), max_size=14))
    gaps = draw(
        st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n"]), min_size=len(parts), max_size=len(parts))
    )
    return "".join(g + p for g, p in zip(gaps, parts, strict=True)).lstrip(" ")


def sides(runs: list[tuple[str, str]]) -> tuple[str, str]:
    old = "".join(t for op, t in runs if op != INSERT)
    new = "".join(t for op, t in runs if op != DELETE)
    return old, new


@settings(max_examples=400)
@given(texts(), texts())
def test_the_runs_give_back_both_texts_and_every_edge_falls_between_words(old, new):
    runs = diff_words(old, new)
    assert sides(runs) == (old, new)
    assert all(text for _, text in runs)
    # never inside a word: in either text, the characters on the two sides of an edit's
    # edge are not both characters of a word
    for side, keep in ((old, INSERT), (new, DELETE)):
        at = 0
        for op, piece in runs:
            if op == keep:
                continue
            if 0 < at < len(side):
                assert not (side[at - 1].isalnum() and side[at].isalnum()), (side, at, runs)
            at += len(piece)


def test_a_first_word_deleted_or_inserted_is_just_that_word():
    # tokens carry the space before them, which a paragraph's first word lacks
    assert diff_words("Bravo carta delta.", "carta delta.") == [(DELETE, "Bravo "), (EQUAL, "carta delta.")]
    assert diff_words("carta delta.", "Bravo carta delta.") == [(INSERT, "Bravo "), (EQUAL, "carta delta.")]
    assert diff_words("x.\n\nBravo carta.", "x.\n\ncarta.") == [
        (EQUAL, "x.\n\n"),
        (DELETE, "Bravo "),
        (EQUAL, "carta."),
    ]
    assert diff_words("Bravo carta.", "Delta carta.") == [(DELETE, "Bravo"), (INSERT, "Delta"), (EQUAL, " carta.")]


PHRASES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
NEW_WORDS = st.lists(st.sampled_from(["Parent", "Issuer", "Warrants", "(b)", ";"]), min_size=1, max_size=4).map(
    " ".join
)


@settings(max_examples=200)
@given(PHRASES, NEW_WORDS, PHRASES)
def test_a_shared_beginning_and_end_stay_unchanged(head, middle, tail):
    runs = diff_words(f"{head} Borrower {tail}", f"{head} {middle} {tail}")
    assert runs == [(EQUAL, f"{head} "), (DELETE, "Borrower"), (INSERT, middle), (EQUAL, f" {tail}")]


def test_a_word_that_only_grows_is_replaced_whole():
    # the texts share "foo bar" character for character, but "bar" is not a word of the newer
    assert diff_words("foo bar", "foo barn") == [(EQUAL, "foo "), (DELETE, "bar"), (INSERT, "barn")]
    assert diff_words("the Notes", "the Notes;") == [(EQUAL, "the Notes"), (INSERT, ";")]


def test_an_inserted_parenthetical_stands_where_it_was_inserted():
    # after "Item218X" rather than shifted over the " (" it repeats: "(as amended ... 3) ("
    old = "at 10:00 a.m. Item218X (New York City time) terms"
    new = "at 10:00 a.m. Item218X (as amended by Amendment No. 3) (New York City time) terms"
    edits = [(op, t) for op, t in diff_words(old, new) if op != EQUAL]
    assert edits == [(INSERT, " (as amended by Amendment No. 3)")]


def test_a_long_text_restated_in_a_few_common_words_is_one_deletion_and_one_insertion():
    old = " ".join(["the Holder shall consent to the Notes"] * 40) + "."
    new = "The Section shall be restated."
    edits = [op for op, _ in diff_words(old, new) if op != EQUAL]
    assert edits == [DELETE, INSERT]


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "x1", "x2", "x3"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "y1", "y2"]), max_size=12),
)
def test_setting_aside_tokens_one_text_lacks_keeps_the_diff_shortest(old, new):
    from diff_match_patch import diff_match_patch

    from agreement.analyses.redline import _matched

    table = {t: chr(0xE000 + n) for n, t in enumerate(dict.fromkeys([*old, *new]))}
    a, b = "".join(table[t] for t in old), "".join(table[t] for t in new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = _matched(a, b, dmp)
    assert "".join(t for op, t in diffs if op <= 0) == a
    assert "".join(t for op, t in diffs if op >= 0) == b
    assert sum(len(t) for op, t in diffs if op == 0) == _lcs(old, new)


def test_an_unchanged_word_right_after_a_replaced_phrase_stays_unchanged():
    # the common ending begins at the space before "per": the cut may fall exactly there
    old, new = "shall pay a fee of ten dollars per share.", "shall pay an annual charge in yen per share."
    assert [(op, t) for op, t in diff_words(old, new) if op != EQUAL] == [
        (DELETE, "a fee of ten dollars"),
        (INSERT, "an annual charge in yen"),
    ]


def test_an_inserted_sentence_keeps_its_own_period():
    # the inserted words repeat the words around them, so the diff could place them at
    # either of two places; the sentence reads whole at one of them
    old, new = "the sum of ten. The end", "the sum of ten. The sum of ten. The end"
    assert diff_words(old, new) == [(EQUAL, "the sum of ten."), (INSERT, " The sum of ten."), (EQUAL, " The end")]
    old, new = "or terminated orally.", "or terminated orally, or otherwise."
    assert [(op, t) for op, t in diff_words(old, new) if op != EQUAL] == [(INSERT, ", or otherwise")]


def edits(old: str, new: str) -> list[tuple[str, str]]:
    return [(op, t) for op, t in diff_words(old, new) if op != EQUAL]


def test_numbers_amounts_dates_and_quoted_terms_change_whole():
    # a lawyer reads "8.3" as one token: never "Section 8.[-3-]{+4+}"
    assert edits("Section 8.3 or Section 8.4 hereof", "Section 8.4 or Section 8.5 hereof") == [
        (DELETE, "8.3"),
        (INSERT, "8.4"),
        (DELETE, "8.4"),
        (INSERT, "8.5"),
    ]
    assert edits("of $15,100,000 of the", "of $16,100,000 of the") == [(DELETE, "$15,100,000"), (INSERT, "$16,100,000")]
    assert edits("at 11.5% per annum", "at 12.5% per annum") == [(DELETE, "11.5%"), (INSERT, "12.5%")]
    assert edits("by 5:00 p.m. on", "by 5:30 p.m. on") == [(DELETE, "5:00"), (INSERT, "5:30")]
    assert edits("dated as of January 30, 2003, by", "dated as of January 31, 2003, by") == [
        (DELETE, "January 30, 2003"),
        (INSERT, "January 31, 2003"),
    ]
    assert edits('by the "Required Holders", or', 'by the "Demand Holders", or') == [
        (DELETE, '"Required Holders"'),
        (INSERT, '"Demand Holders"'),
    ]
    assert edits("under Section 2.01A hereof", "under Section 2.01B hereof") == [(DELETE, "2.01A"), (INSERT, "2.01B")]
    assert edits("in Section 8.4(a)(ii) hereof", "in Section 8.4(a)(iii) hereof") == [
        (DELETE, "8.4(a)(ii)"),
        (INSERT, "8.4(a)(iii)"),
    ]
    assert edits("in clause (b) hereof", "in clause (c) hereof") == [(DELETE, "(b)"), (INSERT, "(c)")]


def test_a_replacement_leaves_the_space_both_sides_share_unmarked():
    assert diff_words("the Borrower and", "the Company and") == [
        (EQUAL, "the "),
        (DELETE, "Borrower"),
        (INSERT, "Company"),
        (EQUAL, " and"),
    ]
    # an insertion keeps its space, or rejecting it would leave two
    assert diff_words("an executed thereof", "an executed counterpart thereof") == [
        (EQUAL, "an executed"),
        (INSERT, " counterpart"),
        (EQUAL, " thereof"),
    ]


WHOLE_WORDS = [
    "Section",
    "8.3",
    "8.4",
    "8.4(a)",
    "$1,000,000",
    "$1,500,000",
    "11.5%",
    "2.01A",
    "5:00",
    "January 30, 2003",
    "January 31, 2004",
    '"Required Holders"',
    '"Demand Holders"',
    "\u201cNotes\u201d",
    "(a)",
    "(iv)",
    "the",
    "Holder",
    "shall",
    ",",
    ".",
    ";",
]


@st.composite
def legal_texts(draw) -> str:
    parts = draw(st.lists(st.sampled_from(WHOLE_WORDS), max_size=12))
    gaps = draw(st.lists(st.sampled_from([" ", " ", " ", "\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(g + p for g, p in zip(gaps, parts, strict=True)).lstrip()


@settings(max_examples=400)
@given(legal_texts(), legal_texts())
def test_every_edge_falls_between_whole_tokens(old, new):
    """The README's promise: every deletion and insertion begins and ends on a word
    boundary, where a number, an amount, a date or a term in quotes is one word."""
    runs = diff_words(old, new)
    assert sides(runs) == (old, new)
    for side, keep in ((old, INSERT), (new, DELETE)):
        at = 0
        for op, piece in runs:
            if op == keep:
                continue
            assert token_at(side, at) is None, (side, at, runs)
            at += len(piece)


def test_an_edit_moved_along_the_words_it_repeats_keeps_every_word():
    # hypothesis found these: an insertion that ends the text, slid back along the words
    # it repeats, must leave the words it slid past in the text
    for old, new in (("the", "the the\n\nthe"), ("(a)", "(a) the\n\n(a)")):
        assert sides(diff_words(old, new)) == (old, new)
        assert sides(diff_words(new, old)) == (new, old)


@settings(max_examples=300)
@given(texts())
def test_a_text_written_anew_or_taken_away_is_one_run_as_the_alignment_finds_it(text):
    # diff_words answers at once when one side is empty (a unit added or deleted): the
    # answer the token alignment gives, which it no longer needs to work out
    from agreement.analyses.redline import _aligned

    if text:
        assert diff_words("", text) == _aligned("", text) == [(INSERT, text)]
        assert diff_words(text, "") == _aligned(text, "") == [(DELETE, text)]
