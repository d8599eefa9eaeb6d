"""printed.flat: a paragraph's words, one space between, whatever white space its
source put between them (its shortcut for plain ASCII lines agrees with str.split)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from agreement.printed import flat

SPACES = [" ", "  ", "\n", "\n\n", " \n", "\t", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\xa0", "\u2028", "\x85"]
PARAGRAPHS = st.lists(st.sampled_from(["Notes", "the", "Agent,", "(a)", "é", "x", *SPACES]), max_size=12).map("".join)


@given(PARAGRAPHS)
@example("The Agent\nshall act.")
@example(" The Agent\n")
@example("The\tAgent")
def test_a_paragraph_flattened_is_its_words_one_space_between(text):
    assert flat(text) == " ".join(text.split())


def test_lines_broken_once_are_joined_by_a_space():
    assert flat("The Agent shall\nact for the Lenders.") == "The Agent shall act for the Lenders."
