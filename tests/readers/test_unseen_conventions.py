"""The recogniser of structure on conventions met red-teaming the readers with documents
nobody on the project had seen: definitions introduced by 'As used herein, the term',
a colon after the defined term, and others below.

Each document here is a few lines written for the test (fictional parties, own words).
"""

from __future__ import annotations

from tests.readers.test_structure_conventions import _read, _unit


def test_definitions_introduced_by_the_term_or_with_a_colon_are_addressable():
    reading = _read(
        """\
             Section 1. Definitions.

             As used herein, the term "Services" shall mean the work in Exhibit A.

             The term "Fees" means the amounts in Exhibit A.

             "Term": means the period in Section 2.

             "Affiliate": any entity that controls a party.

             Section 2. Term. One year.
        """
    )
    assert _unit(reading, "definition:Services").text == (
        'As used herein, the term "Services" shall mean the work in Exhibit A.',
    )
    assert _unit(reading, "definition:Fees").text == ('The term "Fees" means the amounts in Exhibit A.',)
    assert _unit(reading, "definition:Term").text == ('"Term": means the period in Section 2.',)
    assert _unit(reading, "definition:Affiliate").text == ('"Affiliate": any entity that controls a party.',)
    assert _unit(reading, "1").text == ()


def test_a_quoted_word_with_a_colon_in_a_sentence_is_not_a_definition():
    reading = _read(
        """\
             Section 1. Notices. Notices go to the address below.

             "Attention": Legal Department, 4 Elm Street.

             Section 2. Term. One year.
        """
    )
    assert _unit(reading, "1").text == (
        "Notices go to the address below.",
        '"Attention": Legal Department, 4 Elm Street.',
    )
