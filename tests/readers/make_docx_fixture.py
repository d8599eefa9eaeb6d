"""Writes the Word fixtures: fixtures/ivy-services.docx, a Word agreement whose section and
clause numbers are Word's automatic numbering (numbering.xml), some set on the paragraph and
some by its style, with a Word table of contents and a signature table; and
fixtures/quince-supply.docx, numbered through heading styles linked to a list by a
numbering style (numStyleLink), three levels "2.1.1", clauses indented by their list
levels, a closing paragraph set back from them, a page break, "[Signature Page Follows]"
and two signature blocks side by side in a table.

The .docx files are committed; run this only to change one (python
tests/readers/make_docx_fixture.py ivy|quince), then regenerate its golden files and read them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere
from tests.support.wordgen import W_NS, add_lists, numbered, signature_table, simple_levels  # noqa: E402

LEVELS = [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"), ("lowerRoman", "(%4)")]


def ivy() -> None:
    doc = Document()
    add_lists(doc, [simple_levels(90, LEVELS)], [90])
    # a style that numbers its paragraphs at level 2 ("1.1") through the same list
    style = doc.styles.add_style("Legal Section", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>')
    )
    toc = doc.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    assert toc is not None

    doc.add_paragraph("SERVICES AGREEMENT")
    doc.add_paragraph("1. Scope of Services\t1", style="TOC 1")
    doc.add_paragraph("2. Fees\t2", style="TOC 1")
    doc.add_paragraph(
        "This Services Agreement is entered into as of October 5, 2023 by and between Ivywood Clinics, "
        'P.C., a Vermont professional corporation (the "Client"), and Marram Data Systems, Inc., a '
        'Rhode Island corporation (the "Vendor").'
    )
    numbered(doc, "Scope of Services.", 0, 90)
    numbered(doc, "Hosting. The Vendor shall host the Client's scheduling software.", 1, 90)
    numbered(doc, "Support. The Vendor shall answer support requests:", 0 + 1, 90, style="Legal Section")
    numbered(doc, "within four hours on business days; and", 2, 90)
    numbered(doc, "within one business day otherwise, except for requests:", 2, 90)
    numbered(doc, "about software the Vendor did not supply; or", 3, 90)
    numbered(doc, "made after the end of the term.", 3, 90)
    numbered(doc, "Fees.", 0, 90)
    numbered(doc, '"Monthly Fee" means $2,400, payable in advance.', 1, 90)
    numbered(doc, "Late Payment. Amounts unpaid after thirty days bear interest at one percent a month.", 1, 90)
    doc.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Agreement.")
    signature_table(
        doc,
        [
            ("IVYWOOD CLINICS, P.C.", "MARRAM DATA SYSTEMS, INC."),
            ("By: /s/ Helen Achterberg", "By: /s/ Kofi Mensah-Bonsu"),
        ],
    )
    doc.core_properties.author = "agreement tests"
    out = Path(__file__).resolve().parent / "fixtures" / "ivy-services.docx"
    doc.save(out)
    print(out)


QUINCE_LEVELS = [
    ("decimal", "%1.", "Heading1", 0, 0),
    ("decimal", "%1.%2", "Heading2", 720, -720),
    ("decimal", "%1.%2.%3", "Heading3", 1440, -720),
    ("lowerLetter", "(%4)", "", 2160, -720),
    ("lowerRoman", "(%5)", "", 2880, -720),
]


def _quince_numbering(doc) -> None:
    """An abstract list of five levels owned by the numbering style "Legal Headings"
    (styleLink), a second abstract list that only points at that style (numStyleLink), and
    the heading and clause styles numbered through the second: Word's own way of tying
    outline numbering to heading styles."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{style}"/>' if style else "")
        + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{-first}"/></w:pPr></w:lvl>'
        for i, (fmt, text, style, left, first) in enumerate(QUINCE_LEVELS)
    )
    owner = (
        f'<w:abstractNum {W_NS} w:abstractNumId="70"><w:multiLevelType w:val="multilevel"/>'
        f'<w:styleLink w:val="LegalHeadings"/>{lvls}</w:abstractNum>'
    )
    pointer = (
        f'<w:abstractNum {W_NS} w:abstractNumId="71"><w:multiLevelType w:val="multilevel"/>'
        '<w:numStyleLink w:val="LegalHeadings"/></w:abstractNum>'
    )
    add_lists(doc, [owner, pointer], [70, 71])
    link = doc.styles.add_style("Legal Headings", WD_STYLE_TYPE.LIST)
    link.element.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "LegalHeadings")
    link.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:numId w:val="70"/></w:numPr>'))
    for level, name in ((0, "Heading 1"), (1, "Heading 2"), (2, "Heading 3")):
        doc.styles[name].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="71"/></w:numPr>')
        )
    for level, name in ((3, "Clause"), (4, "Subclause")):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="71"/></w:numPr>')
        )
    body = doc.styles.add_style("Body Text Indent 2", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = doc.styles["Normal"]
    body.element.get_or_add_pPr().append(parse_xml(f'<w:ind {W_NS} w:left="720"/>'))


def _run_in(doc, style: str, heading: str, text: str) -> None:
    p = doc.add_paragraph(style=style)
    p.add_run(heading).bold = True
    p.add_run(" " + text)


def quince() -> None:
    doc = Document()
    _quince_numbering(doc)
    doc.add_paragraph("MASTER SUPPLY AGREEMENT", style="Title")
    doc.add_paragraph(
        "This Master Supply Agreement (this \u201cAgreement\u201d) is made on 17 March 2023 between Quince "
        "Orchard Ciders Limited, a company incorporated in England and Wales (the \u201cBuyer\u201d), and "
        "Tamsin Glassworks Ltd, a company incorporated in Scotland (the \u201cSupplier\u201d)."
    )
    doc.add_paragraph("Definitions", style="Heading 1")
    doc.add_paragraph("Defined Terms", style="Heading 2")
    doc.add_paragraph("In this Agreement:", style="Body Text Indent 2")
    for term, meaning in (
        ("Bottles", "means the 500 ml amber glass bottles described in the Specification."),
        ("Order", "means an order for Bottles that the Buyer places under clause 2.1."),
        ("Specification", "has the meaning given in clause 2.2.1."),
    ):
        p = doc.add_paragraph(style="Body Text Indent 2")
        p.add_run("\u201c")
        p.add_run(term).bold = True
        p.add_run("\u201d " + meaning)
    doc.add_paragraph("Supply", style="Heading 1")
    doc.add_paragraph("Orders", style="Heading 2")
    _run_in(
        doc,
        "Heading 3",
        "Forecasts.",
        "By the fifth Business Day of each month the Buyer shall give the Supplier a forecast of its needs "
        "for the next three months.",
    )
    _run_in(doc, "Heading 3", "Placing Orders.", "Each Order shall state:")
    doc.add_paragraph("the number of Bottles;", style="Clause")
    doc.add_paragraph("the delivery date, which shall be at least fifteen days after the Order; and", style="Clause")
    doc.add_paragraph("the delivery address, which shall be either:", style="Clause")
    doc.add_paragraph("the Buyer\u2019s cidery at Much Marcle; or", style="Subclause")
    doc.add_paragraph("a warehouse in England that the Buyer names,", style="Subclause")
    doc.add_paragraph(
        "and an Order that does not state all of them is not an Order until the Buyer completes it.",
        style="Body Text Indent 2",
    )
    doc.add_paragraph("Quality", style="Heading 2")
    _run_in(
        doc,
        "Heading 3",
        "Specification.",
        "The Bottles shall meet the specification set out in the Schedule (the \u201cSpecification\u201d).",
    )
    _run_in(
        doc,
        "Heading 3",
        "Rejection.",
        "The Buyer may reject any delivery in which more than one percent of the Bottles fail the Specification.",
    )
    doc.add_paragraph("Price and Payment", style="Heading 1")
    _run_in(
        doc,
        "Heading 2",
        "Price.",
        "The price of the Bottles is \u00a30.31 each, fixed until 31 March 2024.",
    )
    _run_in(
        doc,
        "Heading 2",
        "Payment.",
        "The Buyer shall pay each invoice within thirty days after the end of the month in which it is received.",
    )
    note = doc.add_paragraph("[Signature Page Follows]")
    note.alignment = 1
    note.add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("IN WITNESS WHEREOF the parties have signed this Agreement on the date written above.")
    signature_table(
        doc,
        [
            ("QUINCE ORCHARD CIDERS LIMITED", "TAMSIN GLASSWORKS LTD"),
            ("By: /s/ Eleanor Pryce", "By: /s/ Hamish Dunbar"),
            ("Director", "Director"),
        ],
    )
    doc.add_page_break()
    doc.add_paragraph("SCHEDULE")
    doc.add_paragraph("SPECIFICATION")
    doc.add_paragraph("Capacity: 500 ml. Colour: amber. Finish: 26 mm crown.")
    doc.core_properties.author = "agreement tests"
    doc.core_properties.created = __import__("datetime").datetime(2023, 3, 17)
    doc.core_properties.modified = __import__("datetime").datetime(2023, 3, 17)
    out = Path(__file__).resolve().parent / "fixtures" / "quince-supply.docx"
    doc.save(out)
    print(out)


if __name__ == "__main__":
    {"ivy": ivy, "quince": quince}[sys.argv[1] if len(sys.argv) > 1 else "ivy"]()
