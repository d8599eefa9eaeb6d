"""The recogniser of structure on drafting conventions the fixtures do not all show:
exhibits with their own numbered paragraphs, contents pages with neither a heading nor
page numbers, two-column signature pages, clauses run on inside a section's paragraph,
closing paragraphs after a section's clauses, words hyphenated at a line break, and
line hints under a heading that stands on its own line.

Each document here is a few lines written for the test (fictional parties, own words).
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from agreement.address import resolve
from agreement.model import Kind, at, walk
from agreement.readers import read_text_document

PREAMBLE = """\
                              SERVICES AGREEMENT

     THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between
Quill Corp., a Delaware corporation (the "Company"), and Rook LLC, a Texas
limited liability company (the "Provider").
"""


def _read(body: str):
    return read_text_document("test.txt", (PREAMBLE + "\n" + dedent(body)).encode())


def _unit(reading, address: str):
    root = reading.agreement.root
    return at(root, resolve(root, address))


def _sections(reading) -> list[str]:
    """The numbers of the agreement's own sections (not an exhibit's)."""
    out = []
    for part in reading.agreement.root.children:
        if part.kind is Kind.SECTION:
            out.extend(u.number for _, u in walk(part) if u.kind is Kind.SECTION)
    return out


# --- exhibits -----------------------------------------------------------------------------


def test_an_exhibit_titled_on_its_own_line_holds_its_numbered_paragraphs():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services.

             Section 2. Fees. The Company shall pay the fees.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        QUILL CORP.

        By: /s/ Ann Lee

        EXHIBIT B - FORM OF NOTICE

        Section 1. Notice. This notice is given under the Services Agreement.

        Section 2. Effect. It takes effect on receipt.
        """
    )
    assert _sections(reading) == ["Section 1.", "Section 2."]
    exhibit = _unit(reading, "exhibit:B")
    assert exhibit.heading == "FORM OF NOTICE"
    assert [(c.kind, c.number, c.heading) for c in exhibit.children] == [
        (Kind.SECTION, "Section 1.", "Notice"),
        (Kind.SECTION, "Section 2.", "Effect"),
    ]
    assert _unit(reading, "exhibit:B(2)").text == ("It takes effect on receipt.",)
    signatures = _unit(reading, "signatures")
    assert "FORM OF NOTICE" not in "\n".join(signatures.text)
    assert _unit(reading, "2").text == ("The Company shall pay the fees.",)


def test_an_exhibit_after_the_last_section_is_not_glued_to_it_and_keeps_its_lead_in():
    reading = _read(
        """\
             1. Services. The Provider shall perform the services.

             2. Fees. The Company shall pay the fees.

                                  Exhibit A
                               SERVICE LEVELS

        The Provider shall meet these levels:

        1. Availability. The service is available every Business Day.

        2. Response. The Provider answers within one hour.

        3. Credits. A missed level earns a credit.
        """
    )
    assert _sections(reading) == ["1.", "2."]
    assert _unit(reading, "2").text == ("The Company shall pay the fees.",)
    exhibit = _unit(reading, "exhibit:A")
    assert exhibit.heading == "SERVICE LEVELS"
    assert exhibit.text == ("The Provider shall meet these levels:",)
    assert [c.heading for c in exhibit.children] == ["Availability", "Response", "Credits"]


def test_prose_that_a_wrap_puts_first_is_not_an_exhibit_heading():
    reading = _read(
        """\
             1. Services. The Provider shall perform the services set out in
        Exhibit A hereto, as amended.

             2. Fees. The Company shall pay the fees.
        """
    )
    assert reading.agreement.root.children[-1].kind is Kind.SECTION
    assert "Exhibit A hereto" in _unit(reading, "1").text[0]


# --- a contents page with neither heading nor page numbers ----------------------------------

CONTENTS_BODY = """\
                                ARTICLE I
                               DEFINITIONS

     Section 1.1 "Affiliate" means a person that controls a party.

                                ARTICLE II
                              LICENSE GRANT

     Section 2.1 Grant. The Licensor grants a license to the Licensee.

     Section 2.2 Restrictions. The Licensee shall not copy the software.

                                ARTICLE III
                                   FEES

     Section 3.1 Fees. The Licensee shall pay the fees.
"""


def test_a_list_of_headings_before_the_first_section_is_a_contents_page():
    contents = """\
                              LICENSE AGREEMENT

                 ARTICLE I    DEFINITIONS
                 ARTICLE II   LICENSE GRANT
                     2.1      Grant
                     2.2      Restrictions
                 ARTICLE III  FEES
                 EXHIBIT A    Form of Order

     THIS LICENSE AGREEMENT is entered into as of May 1, 2022, by and between
Quill Corp., a Delaware corporation (the "Licensor"), and Rook LLC, a Texas
limited liability company (the "Licensee").

"""
    reading = read_text_document("license.txt", (contents + CONTENTS_BODY).encode())
    toc = [(r.line, r.text) for r in reading.report.removed if r.kind == "table of contents"]
    assert [line for line, _ in toc] == [3, 4, 5, 6, 7, 8]
    assert reading.agreement.title == "License Agreement"
    assert [u.number for u in reading.agreement.root.children if u.kind is Kind.SECTION] == [
        "ARTICLE I",
        "ARTICLE II",
        "ARTICLE III",
    ]
    assert _unit(reading, "2.1").location.line > 8


def test_headings_that_stand_alone_in_the_body_are_not_a_contents_page():
    body = """\
                                ARTICLE I
                               DEFINITIONS

     Section 1.1 Terms.

     Section 1.2 Usage.

     Section 1.3 Headings.

     The headings are for convenience only, as Section 1.1 and Section 1.2
explain.
"""
    reading = _read(body)
    assert not reading.report.removed
    assert _unit(reading, "1.3").heading == "Headings"


# --- signature pages in two columns ---------------------------------------------------------


def test_two_signature_blocks_side_by_side_are_read_one_block_after_the_other():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        QUILL CORP.                              ROOK LLC

        By: /s/ Ann Lee                          By: /s/ Bo Chen
        Name: Ann Lee                            Name: Bo Chen
        Title: Chief Executive Officer           Title: Manager
        """
    )
    signatures = _unit(reading, "signatures")
    assert signatures.text[1:] == (
        "QUILL CORP.",
        "By: /s/ Ann Lee\nName: Ann Lee\nTitle: Chief Executive Officer",
        "ROOK LLC",
        "By: /s/ Bo Chen\nName: Bo Chen\nTitle: Manager",
    )
    assert [u.kind for u in reading.agreement.root.children][-2:] == [Kind.SECTION, Kind.SIGNATURES]


def test_one_signature_block_with_its_values_set_apart_stays_one_column():
    reading = _read(
        """\
             Section 1. Services. The Provider shall perform the services.

             IN WITNESS WHEREOF, the parties have signed this Agreement.

        QUILL CORP.

        By:        /s/ Ann Lee
        Name:      Ann Lee
        Title:     Chief Executive Officer
        """
    )
    assert _unit(reading, "signatures").text[1:] == (
        "QUILL CORP.",
        "By: /s/ Ann Lee\nName: Ann Lee\nTitle: Chief Executive Officer",
    )


def test_an_html_layout_table_of_two_signature_blocks_is_read_column_by_column():
    from agreement.readers import read_html_document

    html = """<html><body>
<p>SERVICES AGREEMENT</p>
<p>THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp.,
a Delaware corporation (the "Company"), and Rook LLC, a Texas company (the "Provider").</p>
<p>Section 1. Services. The Provider shall perform the services.</p>
<p>IN WITNESS WHEREOF, the parties have signed this Agreement.</p>
<table>
<tr><td>QUILL CORP.</td><td>&nbsp;</td><td>ROOK LLC</td></tr>
<tr><td>By: /s/ Ann Lee</td><td></td><td>By: /s/ Bo Chen</td></tr>
<tr><td>Name: Ann Lee<br>Title: CEO</td><td></td><td>Name: Bo Chen<br>Title: Manager</td></tr>
</table>
</body></html>
"""
    reading = read_html_document("sign.htm", html.encode())
    signatures = _unit(reading, "signatures")
    # each party's block whole, a cell a line, as a person would copy it
    assert signatures.text[1:] == (
        "QUILL CORP.\nBy: /s/ Ann Lee\nName: Ann Lee\nTitle: CEO",
        "ROOK LLC\nBy: /s/ Bo Chen\nName: Bo Chen\nTitle: Manager",
    )
    assert signatures.location.line == 6


# --- clauses run on in a section's paragraph --------------------------------------------------


def test_clauses_that_run_on_in_a_sections_paragraph_are_its_parts():
    reading = _read(
        """\
             Section 2.1 Covenants. The Company shall (a) pay the fees when due; (b) deliver
        the reports described in Section 8.4(a) and clause (a) of Exhibit B; and (c) file
        the returns that (i) the law requires, or (ii) the Provider asks for in writing.

             Section 2.2 Defined Terms. "Permitted Use" means (A) internal use by the
        Company; or (B) use by an Affiliate of the Company.
        """
    )
    section = _unit(reading, "2.1")
    assert section.run_in and section.text == ("The Company shall",)
    assert [(c.kind, c.number) for c in section.children] == [
        (Kind.SUBSECTION, "(a)"),
        (Kind.SUBSECTION, "(b)"),
        (Kind.SUBSECTION, "(c)"),
    ]
    assert _unit(reading, "2.1(b)").text == (
        "deliver\nthe reports described in Section 8.4(a) and clause (a) of Exhibit B; and",
    )
    assert [c.number for c in _unit(reading, "2.1(c)").children] == ["(i)", "(ii)"]
    assert _unit(reading, "2.1(c)(ii)").text == ("the Provider asks for in writing.",)
    assert [c.number for c in _unit(reading, "definition:Permitted Use").children] == ["(A)", "(B)"]


def test_labels_in_a_sentence_that_goes_on_or_that_are_references_stay_text():
    reading = _read(
        """\
             Section 3.1 Consents. No waiver shall, without the consent of each Holder,
        (i) extend the term, (ii) reduce the fee, or (iii) change this Section. Each
        Holder is bound by a waiver made under this Section 3.1.

             Section 3.2 Reports. The reports described in Section 8.4 (a) and (b) and
        in clauses (c) and (d) of Section 9 are due monthly.

             Section 3.3 Order. The Company shall deliver (a) the first report (the
        "Report"), which shall state (b) the totals.
        """
    )
    for number in ("3.1", "3.2", "3.3"):
        unit = _unit(reading, number)
        assert not unit.children and not unit.run_in, number


def test_a_run_one_of_whose_labels_begins_a_line_stays_text_and_is_noted():
    reading = _read(
        """\
             Section 4.1 Delivery. The Provider shall deliver the goods (a) to the
        Company's warehouse, and (b) within ten days,
        (c) packed for transport.
        """
    )
    assert not _unit(reading, "4.1").children
    assert any("begins a line" in u.note for u in reading.report.unsure)


def test_a_line_hint_counts_the_lines_of_clauses_that_run_on():
    from agreement.operations.locate import unit_lines

    reading = _read(
        """\
             Section 2.1 Covenants. The Company shall (a) pay the fees when due; (b) deliver
        the reports; and (c) file
        the returns.
        """
    )
    lines = [(path, line) for path, _, _, line in unit_lines(_unit(reading, "2.1"))]
    assert lines == [((), 1), ((0,), 1), ((1,), 1), ((2,), 2)]


# --- a paragraph after a section's clauses ------------------------------------------------------


def test_a_paragraph_set_back_from_the_clauses_closes_the_unit_they_belong_to():
    reading = _read(
        """\
             Section 5.1 Payment. The Company shall pay:

                  (a) the fees, which are due:

                       (i) on the first day of each month; and

                       (ii) on termination;

                  as the Provider invoices them; and

                  (b) the expenses, with the receipts for them.

                  The Company may pay by wire transfer.

        provided, however, that no amount is due before the first invoice.

             Section 5.2 Taxes. Each party pays its own taxes.
        """
    )
    section = _unit(reading, "5.1")
    assert [c.kind for c in section.children] == [Kind.SUBSECTION, Kind.SUBSECTION, Kind.PARAGRAPH]
    assert section.children[-1].text == ("provided, however, that no amount is due before the first invoice.",)
    a = _unit(reading, "5.1(a)")
    assert [c.kind for c in a.children] == [Kind.CLAUSE, Kind.CLAUSE, Kind.PARAGRAPH]
    assert a.children[-1].text == ("as the Provider invoices them; and",)
    # a paragraph as far in as its clause is the clause's own
    assert _unit(reading, "5.1(b)").text == (
        "the expenses, with the receipts for them.",
        "The Company may pay by wire transfer.",
    )
    assert _unit(reading, "5.2").heading == "Taxes"


def test_a_closing_paragraph_that_more_clauses_follow_stays_with_the_clause_before_it():
    reading = _read(
        """\
             Section 5.1 Payment. The Company shall pay:

                  (a) the fees; and

        as the Provider invoices them,

                  (b) the expenses.
        """
    )
    section = _unit(reading, "5.1")
    assert [c.number for c in section.children] == ["(a)", "(b)"]
    assert _unit(reading, "5.1(a)").text == ("the fees; and", "as the Provider invoices them,")
    assert any("set back" in u.note for u in reading.report.unsure)


# --- words hyphenated at a line break ---------------------------------------------------------


def test_a_word_hyphenated_at_a_line_break_is_joined_only_when_the_document_says_so():
    reading = _read(
        """\
             Section 6.1 Term. This Agreement runs for one year. The term of this agree-
        ment may be renewed on a non-
        exclusive basis, and a co-
        owner, on a self-
        insured basis, or a re--
        newal.

             Section 6.2 Scope. The co-owner shall act on a non-exclusive, self-insured basis.
        """
    )
    text = _unit(reading, "6.1").text[0]
    assert text.split("\n") == [
        "This Agreement runs for one year. The term of this agreement",
        "may be renewed on a non-exclusive",
        "basis, and a co-owner,",
        "on a self-insured",
        "basis, or a re--",
        "newal.",
    ]
    hyphens = [(r.line, r.text) for r in reading.report.removed if r.kind == "hyphen at a line break"]
    assert hyphens == [(7, "-")]


def test_a_hyphen_is_removed_when_the_word_is_written_whole_elsewhere():
    reading = _read(
        """\
             Section 6.1 Licence. The licence is non-
        exclusive.

             Section 6.2 Scope. Any sublicence is nonexclusive too.
        """
    )
    assert _unit(reading, "6.1").text == ("The licence is\nnonexclusive.",)
    assert [r.line for r in reading.report.removed if r.kind == "hyphen at a line break"] == [7]


# --- line hints under a heading on its own line ---------------------------------------------------


def test_a_line_hint_counts_from_the_line_the_section_number_stands_on():
    import pytest

    from agreement.errors import TextEditError
    from agreement.operations.locate import find_words

    reading = _read(
        """\
             Section 7.1 Notices.

             Every notice shall be in writing
        and delivered by hand or by courier
        to the address given below.

             Section 7.2 Counterparts. This Agreement may be signed
        in counterparts.
        """
    )
    root = reading.agreement.root
    notices = resolve(root, "7.1")
    assert at(root, notices).text_line == 2
    # line 1 is "Section 7.1 Notices.", line 3 the second line of the text
    assert find_words(root, notices, "by courier", line=3).line == 3
    with pytest.raises(TextEditError):
        find_words(root, notices, "by courier", line=2)
    counterparts = resolve(root, "7.2")
    assert at(root, counterparts).text_line == 1
    assert find_words(root, counterparts, "in counterparts", line=2).line == 2


def test_where_the_text_begins_survives_import_and_reading_back(tmp_path):
    from agreement.readers.yaml import load_agreement
    from agreement.writers.imported import render

    reading = _read(
        """\
             Section 7.1 Notices.

             Every notice shall be in writing.
        """
    )
    path = tmp_path / "notices.yaml"
    path.write_text(render(reading.agreement, reading.report, "test.txt"))
    assert "text_line: 2" in path.read_text()
    again = load_agreement(str(path))
    assert at(again.root, resolve(again.root, "7.1")).text_line == 2


def test_a_text_line_that_is_not_a_small_whole_number_is_refused_with_its_place(tmp_path):
    import pytest

    from agreement.errors import InputError
    from agreement.readers.yaml import load_agreement

    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: bad\ntitle: Bad\ndate: 2022-05-01\nsections:\n"
        "  - number: '7.1'\n    heading: Notices\n    text_line: two\n    text: |\n      Every notice.\n"
    )
    with pytest.raises(InputError) as e:
        load_agreement(str(path))
    assert "text_line must be a whole number" in str(e.value) and e.value.location.line == 7


# --- the new fixtures: definitions, articles and numbers in other conventions -----------------

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent / "fixtures"


def _fixture(name: str):
    return read_text_document(name, (FIXTURES / name).read_bytes())


def test_lettered_definitions_in_both_quote_styles_hold_their_clauses():
    maple = _fixture("maple-employment.txt")
    good_reason = _unit(maple, "definition:Good Reason")
    assert [c.number for c in good_reason.children] == ["(i)", "(ii)", "(iii)"]
    assert [c.number for c in _unit(maple, "definition:Good Reason(iii)").children] == ["(A)", "(B)"]
    assert _unit(maple, "1(b)").children[0].term == "Good Reason"
    oak = _fixture("oak-services.txt")
    assert _unit(oak, "definition:Deliverable").text[0].startswith("\u201cDeliverable\u201d means")
    assert [c.children[0].term for c in _unit(oak, "1.01").children] == ["Deliverable", "Services", "Statement of Work"]


def test_a_definitions_section_numbered_per_term_in_straight_quotes():
    nettle = _fixture("nettle-license.txt")
    for number, term in (("1.1", "Documentation"), ("1.2", "Software"), ("1.3", "Territory")):
        section = _unit(nettle, number)
        assert not section.text and [c.term for c in section.children] == [term]
    assert _unit(nettle, "definition:Territory").text == ('"Territory" has the meaning set forth in Section 2.1.2.',)


def test_article_headings_and_section_numbers_in_other_forms():
    nettle = _fixture("nettle-license.txt")
    articles = [u for u in nettle.agreement.root.children if u.kind is Kind.SECTION]
    assert [(a.number, a.heading) for a in articles][:2] == [("ARTICLE ONE", "DEFINITIONS"), ("ARTICLE TWO", "LICENSE")]
    assert _unit(nettle, "2.1.2").heading == "Territory"
    assert resolve(nettle.agreement.root, "2.1.2")[:-1] == resolve(nettle.agreement.root, "2.1")
    oak = _fixture("oak-services.txt")
    assert [(u.number, u.heading) for u in oak.agreement.root.children if u.kind is Kind.SECTION] == [
        ("Article I", "DEFINITIONS AND INTERPRETATION"),
        ("Article II", "THE SERVICES"),
        ("Article III", "FEES"),
    ]
    reading = _read(
        """\
                                   ARTICLE 5
                                   COVENANTS

             \u00a7 5.1 Reports. The Provider reports monthly.

                  5.1.1 Form. Each report is in writing.

                        5.1.1.1 Signature. An officer signs it.

             Section 5.02. Audits. The Company may audit once a year.
        """
    )
    article = reading.agreement.root.children[-1]
    assert (article.number, article.heading) == ("ARTICLE 5", "COVENANTS")
    assert _unit(reading, "5.1").number == "\u00a7 5.1"
    assert _unit(reading, "5.1.1.1").heading == "Signature"
    assert resolve(reading.agreement.root, "5.1.1.1")[:-1] == resolve(reading.agreement.root, "5.1.1")
    assert _unit(reading, "5.02").number == "Section 5.02."


def test_short_sections_numbered_again_in_an_exhibit_are_not_a_contents_page():
    contents = """\
                         CONSULTING AGREEMENT

                    1.   Services.
                    2.   Fees.
                    3.   Term.

     THIS CONSULTING AGREEMENT is entered into as of May 1, 2022, by and between
Quill Corp., a Delaware corporation (the "Company"), and Rook LLC, a Texas
company (the "Consultant").

"""
    body = """\
     1. Services. The Consultant shall advise the Company.

     2. Fees. The Company shall pay the fees.

     3. Term. One year.

     IN WITNESS WHEREOF, the parties have signed this Agreement.

                                  EXHIBIT A
                                    FEES

1. Hourly. $200.

2. Cap. $20,000.

3. Expenses. At cost.
"""
    reading = read_text_document("consulting.txt", (contents + body).encode())
    assert [r.line for r in reading.report.removed if r.kind == "table of contents"] == [3, 4, 5]
    without = read_text_document(
        "consulting.txt", (contents.split("\n\n", 2)[0] + "\n\n" + contents.split("\n\n", 2)[2] + body).encode()
    )
    assert not [r for r in without.report.removed if r.kind == "table of contents"]
    assert [u.heading for u in without.agreement.root.children if u.kind is Kind.SECTION] == [
        "Services",
        "Fees",
        "Term",
    ]
    assert len(_unit(without, "exhibit:A").children) == 3


# --- closing paragraphs in HTML, Word and Markdown -----------------------------------------------

_HTML_CLAUSES = """<html><body>
<p>SERVICES AGREEMENT</p>
<p>THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp.,
a Delaware corporation (the "Company"), and Rook LLC, a Texas company (the "Provider").</p>
<p style="text-indent:4%">Section 1. Duties. The Provider shall:</p>
<p style="{clause}">(a) answer calls; and</p>
<p style="{clause}">(b) keep records,</p>
<p style="{closing}">in each case during business hours.</p>
<p style="text-indent:4%">Section 2. Fees. The Company shall pay the fees.</p>
</body></html>
"""


@pytest.mark.parametrize(
    ("clause", "closing"),
    [
        ("margin-left:8%; text-indent:-4%", "text-indent:4%"),  # hanging: the clauses' edge is further in
        ("text-indent:8%", "margin-left:0"),  # first lines indented
        ("margin-left:0.5in", ""),
        ("padding-left:48px", "text-indent:0"),
    ],
)
def test_an_html_paragraph_set_back_from_the_clauses_closes_their_section(clause, closing):
    from agreement.readers import read_html_document

    html = _HTML_CLAUSES.format(clause=clause, closing=closing)
    section = _unit(read_html_document("duties.htm", html.encode()), "1")
    assert [c.number for c in section.children] == ["(a)", "(b)", None]
    assert section.children[-1].text == ("in each case during business hours.",)
    assert section.children[1].text == ("keep records,",)


def test_an_html_paragraph_as_far_in_as_the_clause_is_the_clause_s():
    from agreement.readers import read_html_document

    html = _HTML_CLAUSES.format(clause="margin-left:36pt", closing="margin-left:36pt")
    section = _unit(read_html_document("duties.htm", html.encode()), "1")
    assert [c.number for c in section.children] == ["(a)", "(b)"]
    assert section.children[1].text == ("keep records,", "in each case during business hours.")


_MARKDOWN_LIST = """# SERVICES AGREEMENT

THIS SERVICES AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp.,
a Delaware corporation (the "Company"), and Rook LLC, a Texas company (the "Provider").

## 1. Duties

The Provider shall:

1. answer calls;
2. keep records:
   1. of each call; and
   2. of each visit; and
3. report monthly,

{closing}

## 2. Fees

The Company shall pay the fees.
"""


def test_a_markdown_paragraph_after_a_list_closes_the_section_the_list_is_in():
    from agreement.readers import read_markdown_document

    md = _MARKDOWN_LIST.format(closing="in each case in writing.")
    reading = read_markdown_document("duties.md", md.encode())
    section = _unit(reading, "1")
    assert [c.number for c in section.children] == ["1.", "2.", "3.", None]
    assert section.children[-1].text == ("in each case in writing.",)
    assert [c.number for c in _unit(reading, "1(2)").children] == ["1.", "2."]
    assert _unit(reading, "1(3)").text == ("report monthly,",)
    assert _unit(reading, "2").text == ("The Company shall pay the fees.",)


def test_a_markdown_paragraph_inside_the_last_item_is_the_item_s():
    from agreement.readers import read_markdown_document

    md = _MARKDOWN_LIST.format(closing="   in each case in writing.")  # indented: the item's second paragraph
    section = _unit(read_markdown_document("duties.md", md.encode()), "1")
    assert [c.number for c in section.children] == ["1.", "2.", "3."]
    assert section.children[-1].text == ("report monthly,", "in each case in writing.")


def test_a_markdown_contents_list_and_page_note_are_furniture():
    from agreement.readers import read_markdown_document

    md = (
        "# SERVICES AGREEMENT\n\nTable of Contents\n\n- [1. Duties](#1-duties)\n- [2. Fees](#2-fees)\n"
        "- [3. Term](#3-term)\n\n"
        + _MARKDOWN_LIST.split("\n", 2)[2].format(closing="*[Remainder of page intentionally left blank]*")
    )
    reading = read_markdown_document("duties.md", md.encode())
    assert [(r.line, r.kind) for r in reading.report.removed] == [
        (3, "table of contents"),
        (5, "table of contents"),
        (6, "table of contents"),
        (7, "table of contents"),
        (22, "page note"),
    ]
    assert [u.number for u in reading.agreement.root.children if u.kind is Kind.SECTION] == ["1.", "2."]


def test_word_clauses_indented_by_their_list_level_and_a_closing_paragraph_set_back():
    from agreement.readers import read_docx_document

    reading = read_docx_document("quince-supply.docx", (FIXTURES / "quince-supply.docx").read_bytes())
    placing = _unit(reading, "2.1.2")
    assert [c.number for c in placing.children] == ["(a)", "(b)", "(c)", None]
    assert placing.children[-1].text[0].startswith("and an Order that does not state all of them")
    assert [c.number for c in _unit(reading, "2.1.2(c)").children] == ["(i)", "(ii)"]
    assert _unit(reading, "2.1.2(c)(ii)").text == ("a warehouse in England that the Buyer names,",)
    assert _unit(reading, "signatures").text[1:] == (
        "QUINCE ORCHARD CIDERS LIMITED\nBy: /s/ Eleanor Pryce\nDirector",
        "TAMSIN GLASSWORKS LTD\nBy: /s/ Hamish Dunbar\nDirector",
    )
    assert [r.kind for r in reading.report.removed] == ["page note"]


def test_a_lone_schedule_heading_after_the_signatures_is_its_own_unit():
    reading = read_text_document(
        "schedule.txt",
        dedent(
            """\
        SUPPLY AGREEMENT

        THIS SUPPLY AGREEMENT is entered into as of May 1, 2022, by and between Quill Corp.,
        a Delaware corporation (the "Buyer"), and Rook LLC, a Texas company (the "Supplier").

        1. Goods. The Supplier shall supply the goods in the Schedule.

        2. Price. The Buyer shall pay the price in the Schedule.

        IN WITNESS WHEREOF, the parties have signed this Agreement.

        QUILL CORP.
        By: /s/ Ann Lee

                                   THE SCHEDULE

                                   GOODS AND PRICES

        Amber bottles at $0.40 each.
        """
        ).encode(),
    )
    schedule = reading.agreement.root.children[-1]
    assert (schedule.kind, schedule.number, schedule.heading) == (Kind.EXHIBIT, "THE SCHEDULE", "GOODS AND PRICES")
    assert _unit(reading, "signatures").text[-1] == "QUILL CORP.\nBy: /s/ Ann Lee"


def test_numbered_paragraphs_a_one_sided_preamble_and_definitions_lettered_in_a_sentence():
    willow = _fixture("willow-guaranty.txt")
    assert _unit(willow, "3").number == "PARAGRAPH 3."
    assert [(p.name, p.short_name) for p in willow.agreement.parties] == [
        ("WILLOWMERE HOLDINGS CORP.", "Guarantor"),
        ("CARDEN EQUIPMENT FINANCE, INC.", "Lender"),
    ]
    assert _unit(willow, "1(b)").children[0].term == "Obligations"
    assert _unit(willow, "definition:Master Lease").text[0].startswith('"Master Lease" means the')
    assert _unit(willow, "3(c)").text == (
        "any right to require the Lender to proceed first against the\nLessee or any equipment.",
    )
    assert [r.line for r in willow.report.removed if r.kind == "running header or footer"] == [38, 54]


# --- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "taken"),
    [
        ("# First Amendment to Master Supply Agreement", "First Amendment to Master Supply Agreement"),
        ("# Amendment No. 2 to Office Lease", "Amendment No. 2 to Office Lease"),
        ("# Notes on the deal", None),  # no instrument named: not taken for the title
    ],
)
def test_a_title_set_in_title_case_is_the_title(title, taken):
    from agreement.readers import read_markdown_document

    body = (
        f'{title}\n\nThis Amendment (this "Amendment") is made as of May 1, 2022, by and between Quill Corp. '
        '(the "Company") and Rook LLC (the "Provider").\n\n## 1. Term\n\nThe term is two years.\n'
    )
    reading = read_markdown_document("first.md", body.encode())
    if taken:
        assert reading.agreement.title == taken
        assert not reading.report.unplaced
    else:
        assert reading.agreement.title == "Amendment"  # from the preamble, and said to be unsure


def test_html_clauses_in_layout_rows_stand_in_by_their_empty_first_cell():
    from agreement.readers import read_html_document

    row = '<table><tr><td width="8%"></td><td width="4%">{label}</td><td>{text}</td></tr></table>'
    html = _HTML_CLAUSES.format(clause="", closing="").replace(
        '<p style="">(a) answer calls; and</p>', row.format(label="(a)", text="answer calls; and")
    )
    html = html.replace('<p style="">(b) keep records,</p>', row.format(label="(b)", text="keep records,"))
    section = _unit(read_html_document("duties.htm", html.encode()), "1")
    assert [c.number for c in section.children] == ["(a)", "(b)", None]
    assert section.children[-1].text == ("in each case during business hours.",)


def test_signature_blocks_with_no_in_witness_whereof_are_not_the_last_sections_words():
    # found on a lease amendment of my own: "LANDLORD: ... TENANT: ..." over "By: /s/ ..."
    # straight after the last section was read as more of its words
    reading = _read(
        """\
        1. Term. The Term ends on April 30, 2029.

        2. Counterparts. This Agreement may be executed in counterparts.

        LANDLORD: QUILL CORP.                  TENANT: ROOK LLC
        By: /s/ Ana Ruiz                       By: /s/ Ken Obi
        """
    )
    assert _unit(reading, "2").text == ("This Agreement may be executed in counterparts.",)
    signatures = [u for _, u in walk(reading.agreement.root) if u.kind is Kind.SIGNATURES]
    assert len(signatures) == 1 and "By: /s/ Ana Ruiz" in " ".join(signatures[0].text)


def test_a_line_on_which_nobody_signs_does_not_end_the_sections():
    reading = _read(
        """\
        1. Notices. Notices are given as follows:
        By: hand delivery, to the address below.

        2. Counterparts. This Agreement may be executed in counterparts.
        """
    )
    assert _sections(reading) == ["1.", "2."]
    assert not [u for _, u in walk(reading.agreement.root) if u.kind is Kind.SIGNATURES]
