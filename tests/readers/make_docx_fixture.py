"""Writes fixtures/ivy-services.docx: a Word agreement whose section and clause numbers
are Word's automatic numbering (numbering.xml), some set on the paragraph and some by
its style, with a Word table of contents and a signature table.

The .docx is committed; run this only to change it (python tests/readers/make_docx_fixture.py),
then regenerate its golden files and read them.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LEVELS = [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"), ("lowerRoman", "(%4)")]


def numbering_xml() -> tuple[str, str]:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    abstract = (
        f'<w:abstractNum {W_NS} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    num = f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    return abstract, num


def numbered(doc, text: str, level: int, style: str | None = None) -> None:
    p = doc.add_paragraph(text, style=style)
    if style is None:
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def main() -> None:
    doc = Document()
    abstract, num = numbering_xml()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(parse_xml(abstract))
    else:
        numbering.append(parse_xml(abstract))
    numbering.append(parse_xml(num))
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
    numbered(doc, "Scope of Services.", 0)
    numbered(doc, "Hosting. The Vendor shall host the Client's scheduling software.", 1)
    numbered(doc, "Support. The Vendor shall answer support requests:", 0 + 1, style="Legal Section")
    numbered(doc, "within four hours on business days; and", 2)
    numbered(doc, "within one business day otherwise, except for requests:", 2)
    numbered(doc, "about software the Vendor did not supply; or", 3)
    numbered(doc, "made after the end of the term.", 3)
    numbered(doc, "Fees.", 0)
    numbered(doc, '"Monthly Fee" means $2,400, payable in advance.', 1)
    numbered(doc, "Late Payment. Amounts unpaid after thirty days bear interest at one percent a month.", 1)
    doc.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Agreement.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "IVYWOOD CLINICS, P.C."
    table.cell(0, 1).text = "MARRAM DATA SYSTEMS, INC."
    table.cell(1, 0).text = "By: /s/ Helen Achterberg"
    table.cell(1, 1).text = "By: /s/ Kofi Mensah-Bonsu"
    doc.core_properties.author = "agreement tests"
    out = Path(__file__).resolve().parent / "fixtures" / "ivy-services.docx"
    doc.save(out)
    print(out)


if __name__ == "__main__":
    main()
