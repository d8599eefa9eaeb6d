"""The recogniser of structure on conventions met red-teaming the readers with documents
nobody on the project had seen: definitions introduced by 'As used herein, the term',
a colon after the defined term, and others below.

Each document here is a few lines written for the test (fictional parties, own words).
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from agreement.model import walk
from agreement.readers import read_docx_document, read_html_document, read_text_document
from tests.readers.test_structure_conventions import PREAMBLE, _read, _unit


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


@pytest.mark.parametrize("recital", ["", "     WHEREAS, the Company needs services.\n\n"])
def test_a_heading_on_its_own_line_above_a_section_is_that_sections_heading(recital: str):
    reading = _read(
        recital
        + """\
             NOW, THEREFORE, the parties agree as follows:

        SERVICES

             Section 1. The Provider shall perform the services.

        FEES

             Section 2. The Company shall pay the fees.

             Section 3. Term. One year.
        """
    )
    assert (_unit(reading, "1").heading, _unit(reading, "1").text) == (
        "SERVICES",
        ("The Provider shall perform the services.",),
    )
    assert (_unit(reading, "2").heading, _unit(reading, "2").text) == (
        "FEES",
        ("The Company shall pay the fees.",),
    )
    opening = _unit(reading, "recitals" if recital else "preamble")
    assert [t for _, u in walk(opening) for t in u.text][-1] == "NOW, THEREFORE, the parties agree as follows:"
    assert _unit(reading, "3").heading == "Term"


def test_a_heading_like_line_above_a_section_with_its_own_heading_stays_text():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services.

        Quill Corp. Only

             Section 2. Fees. The Company shall pay the fees.
        """
    )
    assert _unit(reading, "1").text[-1] == "Quill Corp. Only"
    assert _unit(reading, "2").heading == "Fees"


HARD_WRAPPED = [
    "SERVICES AGREEMENT",
    "THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between",
    'Quill Corp., a Delaware corporation (the "Company"), and Rook LLC, a Texas',
    'limited liability company (the "Provider").',
    "Section 1. Services. The Provider shall perform the services described in",
    "the statement of work that the parties sign from time to time, and shall",
    "keep the Company informed of its progress.",
    "Section 2. Fees. The Company shall pay the fees stated in the statement of",
    "work within thirty days after it receives the Provider's invoice for them,",
    "by wire transfer to the account the Provider names.",
    "Section 3. Term. This Agreement runs for one year.",
]


def test_html_with_a_paragraph_per_printed_line_reads_as_the_hard_wrapped_paragraphs():
    html = "<html><body>" + "".join(f'<p style="margin:0">{s}</p>' for s in HARD_WRAPPED) + "</body></html>"
    reading = read_html_document("test.htm", html.encode())
    assert [p.short_name for p in reading.agreement.parties] == ["Company", "Provider"]
    assert _unit(reading, "1").text == (
        "The Provider shall perform the services described in\nthe statement of work that the parties sign "
        "from time to time, and shall\nkeep the Company informed of its progress.",
    )
    assert len(_unit(reading, "2").text) == 1


def test_a_field_and_its_value_is_not_a_heading():
    reading = _read(
        """\
             Section 1. Definitions. The definitions below apply.

        Territory: the United Kingdom.

             Section 2. The Provider shall perform the services.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        EXHIBIT A - ORDER

        1. Users: 50.

        2. Term: 12 months.
        """
    )
    assert _unit(reading, "1").text == ("The definitions below apply.", "Territory: the United Kingdom.")
    assert _unit(reading, "2").heading is None
    assert (_unit(reading, "exhibit:A(1)").heading, _unit(reading, "exhibit:A(1)").text) == (None, ("Users: 50.",))


def test_a_reference_that_a_hanging_indent_puts_first_on_a_line_carries_on_the_section():
    reading = _read(
        """\
        1.1  Risk. Risk passes on delivery under
             Section 1.2.

        1.2  Place. The Seller shall deliver to the plant named in Section
             1.3 hereof, or as the Buyer directs under clause
             (b) of Section 1.3.

        1.3  Changes. The Buyer may change the plant by notice:
             (a)  given in writing; and
             (b)  received ten days before delivery.
        """
    )
    assert _unit(reading, "1.1").text == ("Risk passes on delivery under\nSection 1.2.",)
    assert _unit(reading, "1.2").text == (
        "The Seller shall deliver to the plant named in Section\n1.3 hereof, or as the Buyer directs under clause"
        "\n(b) of Section 1.3.",
    )
    assert [c.number for c in _unit(reading, "1.3").children] == ["(a)", "(b)"]


HTML_BODY = dedent(
    """\
             Section 1. Services. The Provider shall:

                  (a) perform the services; and

                  (b) report monthly.

        The Provider shall do so at its own cost.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        QUILL CORP.

        By: /s/ Ann Lee

        EXHIBIT A

        1. Scope. Support only.
    """
)


def test_html_lines_set_by_br_keep_their_blank_lines_and_no_break_space_indents():
    lines = (PREAMBLE + "\n" + HTML_BODY).split("\n")
    body = "<br>\n".join("&nbsp;" * (len(s) - len(s.lstrip())) + s.strip() for s in lines)
    reading = read_html_document("test.htm", f"<html><body><p>{body}</p></body></html>".encode())
    assert reading.agreement.title == "Services Agreement"
    assert _unit(reading, "preamble").text[0].startswith("THIS SERVICES AGREEMENT")
    assert [c.number for c in _unit(reading, "1").children] == ["(a)", "(b)", None]
    assert _unit(reading, "1").children[-1].text == ("The Provider shall do so at its own cost.",)
    assert "EXHIBIT" not in "\n".join(_unit(reading, "signatures").text)
    assert _unit(reading, "exhibit:A(1)").text == ("Support only.",)


def test_a_header_seen_once_between_the_halves_of_a_cut_sentence_is_removed():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services with due
        care and in a professional manner, using staff of
                                                                  Page 1 of 2
        \f
        Quill / Rook Services Agreement                          CONFIDENTIAL

        suitable skill and experience.

             Section 2. Fees. The Company shall pay the fees.
        """
    )
    assert _unit(reading, "1").text == (
        "The Provider shall perform the services with due\ncare and in a professional manner, using staff of"
        "\nsuitable skill and experience.",
    )
    assert ("running header or footer", "Quill / Rook Services Agreement                          CONFIDENTIAL") in [
        (r.kind, r.text) for r in reading.report.removed
    ]


@pytest.mark.parametrize(
    ("printed", "preamble", "title"),
    [
        (
            "OPERATING AGREEMENT OF OTTER HOLDINGS LLC",
            'This Operating Agreement of Otter Holdings LLC (the "Company") is made as of May 1, 2022 by\n'
            'and between Quill Corp., a Delaware corporation ("Quill"), and Rook LLC ("Rook").',
            "Operating Agreement of Otter Holdings LLC",
        ),
        (
            "MUTUAL NON-DISCLOSURE AGREEMENT",
            "THIS MUTUAL NON-DISCLOSURE AGREEMENT is made as of May 1, 2022 by and between Quill\n"
            'Corp., a Delaware corporation ("Quill"), and Rook LLC ("Rook").',
            "Mutual Non-Disclosure Agreement",
        ),
    ],
)
def test_a_title_in_capitals_is_spelled_as_the_preamble_spells_its_words(printed: str, preamble: str, title: str):
    document = f"{printed}\n\n{preamble}\n\nSection 1. Term. One year.\n"
    assert read_text_document("test.txt", document.encode()).agreement.title == title


def test_a_table_of_definitions_in_word_gives_each_term_its_definition():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("SERVICES AGREEMENT")
    document.add_paragraph(
        "THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp., a Delaware "
        'corporation (the "Company"), and Rook LLC, a Texas limited liability company (the "Provider").'
    )
    document.add_paragraph("Section 1. Definitions. In this Agreement the terms below have these meanings:")
    table = document.add_table(rows=2, cols=2)
    rows = [('"Board"', "the board of directors of the Company;"), ('"Shares"', "any shares of the Company.")]
    for row, (term, meaning) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = term, meaning
    document.add_paragraph('Section 2. Term. The words "to" and "until" each mean "to but excluding".')
    data = io.BytesIO()
    document.save(data)
    reading = read_docx_document("test.docx", data.getvalue())
    assert _unit(reading, "definition:Board").text == ('"Board" the board of directors of the Company;',)
    assert _unit(reading, "definition:Shares").text == ('"Shares" any shares of the Company.',)
    assert _unit(reading, "1").text == ("In this Agreement the terms below have these meanings:",)


def test_parts_numbered_in_roman_numerals_without_the_word_article_are_articles():
    reading = _read(
        """\
        I.   SERVICES

             1.1  Scope. The Provider shall perform the services.

        II.  FEES

             2.1  Amount. The Company shall pay the fees.

        C.   NOT AN ARTICLE

             2.2  Timing. Monthly.
        """
    )
    first, second = _unit(reading, "Article I"), _unit(reading, "Article II")
    assert (first.number, first.heading, [c.number for c in first.children]) == ("I.", "SERVICES", ["1.1"])
    assert (second.number, second.heading) == ("II.", "FEES")
    assert _unit(reading, "1.1").text == ("The Provider shall perform the services.",)
    assert "FEES" not in "\n".join(_unit(reading, "1.1").text)
    assert _unit(reading, "2.1").text == ("The Company shall pay the fees.", "C. NOT AN ARTICLE")


def test_a_heading_without_a_period_on_the_numbers_line_with_its_text_below():
    reading = _read(
        """\
        Section 3 TERMINATION
             The Company may end this Agreement on notice.

        Section 4  Confidentiality
             The Provider shall keep the Company's secrets.

        Section 5  The Company
        shall pay all taxes.
        """
    )
    assert (_unit(reading, "3").heading, _unit(reading, "3").text) == (
        "TERMINATION",
        ("The Company may end this Agreement on notice.",),
    )
    assert _unit(reading, "4").heading == "Confidentiality"
    assert (_unit(reading, "5").heading, _unit(reading, "5").text) == (None, ("The Company\nshall pay all taxes.",))


def test_a_defined_term_in_capitals_in_the_preamble_is_not_a_spelling_of_the_title():
    document = (
        "AMENDMENT NO. 1 TO SUPPLY AGREEMENT\n\n"
        'This AMENDMENT NO. 1 TO SUPPLY AGREEMENT (this "AMENDMENT") is made as of May 1, 2022 by\n'
        'and between Quill Corp., a Delaware corporation ("Quill"), and Rook LLC ("Rook").\n\n'
        "Section 1. Term. One year.\n"
    )
    title = read_text_document("test.txt", document.encode()).agreement.title
    assert title == "Amendment No. 1 to Supply Agreement"


def test_a_field_whose_value_is_a_name_is_not_a_heading():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        EXHIBIT A - NOTICE DETAILS

        1. Assignor: Rook LLC.
        """
    )
    assert (_unit(reading, "exhibit:A(1)").heading, _unit(reading, "exhibit:A(1)").text) == (
        None,
        ("Assignor: Rook LLC.",),
    )


def test_clauses_numbered_with_their_sections_number_are_its_clauses():
    reading = _read(
        """\
        2.01 Pledge.

        2.01(a) The Provider pledges its shares.

        2.01(b) The Provider shall deliver the certificates.

        2.02 Voting. The Provider may vote the shares.
        """
    )
    assert _unit(reading, "2.01(b)").text == ("The Provider shall deliver the certificates.",)
    assert _unit(reading, "2.02").children == ()
    assert [(u.text, u.reason) for u in reading.report.unplaced] == [
        ("2.01", "the section's number printed before its clause's label"),
        ("2.01", "the section's number printed before its clause's label"),
    ]


def test_a_tab_indents_a_line_to_the_next_stop_of_eight_columns():
    reading = _read(
        "     Section 1. Definitions. In this Agreement:\n\n"
        '\t  (a) "Cause" means (i) a felony;\n'
        "     (ii) fraud; or (iii) a breach of Section 2.\n\n"
        "     Section 2. Term. One year.\n"
    )
    assert _unit(reading, "definition:Cause").text == (
        '"Cause" means (i) a felony;\n(ii) fraud; or (iii) a breach of Section 2.',
    )


def test_a_party_named_as_agent_has_that_role():
    document = (
        "CREDIT AGREEMENT\n\n"
        "THIS CREDIT AGREEMENT dated as of May 5, 2020 is among Quill Corp., a Georgia corporation (the\n"
        '"Borrower"), the lenders party hereto (the "Lenders") and Rook LLC, as agent (the "Agent").\n\n'
        "Section 1. Term. One year.\n"
    )
    parties = read_text_document("test.txt", document.encode()).agreement.parties
    assert [(p.name, p.role) for p in parties] == [
        ("Quill Corp.", None),
        ("the lenders party hereto", None),
        ("Rook LLC", "agent"),
    ]


def test_recitals_numbered_under_a_recitals_heading_are_recitals_not_sections():
    reading = _read(
        """\
                                  RECITALS

             1.   The Company owns all the shares of Lark Ltd.

             2.   The Provider wishes to buy them.

             NOW, THEREFORE, the parties agree as follows:

             1.   Sale. The Company sells the shares to the Provider.

             2.   Price. The price is $1,000.
        """
    )
    recitals = _unit(reading, "recitals").children
    assert [(r.number, r.text[0]) for r in recitals] == [
        ("1.", "The Company owns all the shares of Lark Ltd."),
        ("2.", "The Provider wishes to buy them."),
    ]
    assert (_unit(reading, "1").heading, _unit(reading, "2").heading) == ("Sale", "Price")


def test_terms_and_short_names_in_single_curly_quotes():
    document = (
        "FACILITY AGREEMENT\n\n"
        "THIS FACILITY AGREEMENT is dated 4 April 2022 and made between Stoat Finance plc, a company\n"
        "registered in England (the \u2018Lender\u2019), and Weasel Retail Limited (the \u2018Borrower\u2019).\n\n"
        "1.   DEFINITIONS\n\n"
        "1.1  In this Agreement:\n\n"
        "     \u2018Business Day\u2019 means a day on which banks are open in London.\n\n"
        "     \u2018Lender\u2019s Office\u2019 means its office in London.\n\n"
        "1.2  Headings do not affect interpretation.\n"
    )
    reading = read_text_document("test.txt", document.encode())
    assert [p.short_name for p in reading.agreement.parties] == ["Lender", "Borrower"]
    assert _unit(reading, "definition:Business Day").text == (
        "\u2018Business Day\u2019 means a day on which banks are open in London.",
    )
    assert _unit(reading, "definition:Lender\u2019s Office").term == "Lender\u2019s Office"


def test_a_first_section_numbered_1_1_without_a_heading_ends_the_preamble():
    document = (
        "FACILITY AGREEMENT\n\n"
        'THIS FACILITY AGREEMENT is dated 4 April 2022 and made between Stoat Finance plc (the "Lender")\n'
        'and Weasel Retail Limited (the "Borrower").\n\n'
        "1.1  The Lender makes available a term loan facility of \u00a32,000,000.\n\n"
        "1.2  The Borrower shall repay the loan in full on the Maturity Date.\n"
    )
    reading = read_text_document("test.txt", document.encode())
    assert _unit(reading, "1.1").text == ("The Lender makes available a term loan facility of \u00a32,000,000.",)
    assert len(_unit(reading, "preamble").text) == 1
