"""Word documents for the tests' fixtures, built with python-docx, which writes no list
definition of its own: an abstract list and its instance put into numbering.xml in the
order Word wants (every abstractNum before the first num), paragraphs numbered by it, and
signature blocks set side by side in a table. The generators of tests/readers/ and of the
amendment cases share these, so each writes only its document's words."""

from __future__ import annotations

from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def simple_levels(abstract_id: int, levels: list[tuple[str, str]]) -> str:
    """An abstractNum whose levels are (number format, level text), each starting at 1."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return (
        f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        f"{lvls}</w:abstractNum>"
    )


def add_lists(doc, abstracts: list[str], num_ids: list[int]) -> None:
    """The abstract lists (their XML) before the document's first num, then a num for each
    id, pointing at the abstract list of the same id."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(f"{_W}num")
    for abstract in abstracts:
        if first_num is not None:
            first_num.addprevious(parse_xml(abstract))
        else:
            numbering.append(parse_xml(abstract))
    for num_id in num_ids:
        numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def numbered(doc, text: str, level: int, num_id: int, style: str | None = None) -> None:
    """A paragraph numbered by list `num_id` at `level`; with a style, the style numbers it."""
    p = doc.add_paragraph(text, style=style)
    if style is None:
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )


def signature_table(doc, rows: list[tuple[str, str]]) -> None:
    """Two parties' signature blocks side by side, a row a line ("" leaves a cell empty)."""
    table = doc.add_table(rows=len(rows), cols=2)
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            if text:
                table.cell(row, col).text = text
