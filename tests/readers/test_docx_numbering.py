"""Word's automatic numbers as a reader sees them: the counters of numbering.xml, kept per
abstract definition, with legal numbering, restarts and start overrides (readers/docx.py)."""

from __future__ import annotations

from lxml import etree

from agreement.readers.docx import Numbering

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(abstracts: str, nums: str):
    return etree.fromstring(f'<w:numbering xmlns:w="{NS}">{abstracts}{nums}</w:numbering>')


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _abstract(aid: str, *levels: str, link: str = "") -> str:
    linked = f'<w:numStyleLink w:val="{link}"/>' if link else ""
    return f'<w:abstractNum w:abstractNumId="{aid}">{linked}{"".join(levels)}</w:abstractNum>'


def _num(nid: str, aid: str, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


ARTICLES = _abstract(
    "1",
    _lvl(0, "upperRoman", "ARTICLE %1"),
    _lvl(1, "decimalZero", "Section %1.%2", "<w:isLgl/>"),
    _lvl(2, "lowerLetter", "(%3)"),
)


def test_legal_numbering_shows_the_article_in_decimal():
    numbering = Numbering(_numbering(ARTICLES, _num("5", "1")))
    shown = [numbering.number("5", lvl) for lvl in (0, 1, 1, 2, 0, 1)]
    assert shown == ["ARTICLE I", "Section 1.01", "Section 1.02", "(a)", "ARTICLE II", "Section 2.01"]


def test_without_legal_numbering_the_article_keeps_its_roman_number():
    plain = ARTICLES.replace("<w:isLgl/>", "")
    numbering = Numbering(_numbering(plain, _num("5", "1")))
    assert [numbering.number("5", lvl) for lvl in (0, 1)] == ["ARTICLE I", "Section I.01"]


def test_instances_of_one_definition_continue_each_other():
    numbering = Numbering(_numbering(ARTICLES, _num("5", "1") + _num("6", "1")))
    shown = [numbering.number(n, lvl) for n, lvl in (("5", 0), ("5", 1), ("6", 1), ("6", 0), ("5", 1))]
    assert shown == ["ARTICLE I", "Section 1.01", "Section 1.02", "ARTICLE II", "Section 2.01"]


def test_a_start_override_restarts_at_the_instance_first_paragraph_only():
    restart = '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = Numbering(_numbering(ARTICLES, _num("5", "1") + _num("7", "1", restart)))
    shown = [numbering.number(n, lvl) for n, lvl in (("5", 0), ("5", 2), ("5", 2), ("7", 2), ("7", 2), ("5", 2))]
    assert shown == ["ARTICLE I", "(a)", "(b)", "(a)", "(b)", "(c)"]


def test_a_level_that_never_restarts_counts_on_under_a_new_parent():
    abstract = _abstract("2", _lvl(0, "decimal", "%1."), _lvl(1, "lowerLetter", "(%2)", '<w:lvlRestart w:val="0"/>'))
    numbering = Numbering(_numbering(abstract, _num("1", "2")))
    assert [numbering.number("1", lvl) for lvl in (0, 1, 1, 0, 1)] == ["1.", "(a)", "(b)", "2.", "(c)"]


def test_a_level_restarts_only_under_the_level_it_names():
    abstract = _abstract(
        "3",
        _lvl(0, "decimal", "%1."),
        _lvl(1, "decimal", "%1.%2"),
        _lvl(2, "lowerRoman", "(%3)", '<w:lvlRestart w:val="1"/>'),
    )
    numbering = Numbering(_numbering(abstract, _num("1", "3")))
    shown = [numbering.number("1", lvl) for lvl in (0, 1, 2, 1, 2, 0, 1, 2)]
    assert shown == ["1.", "1.1", "(i)", "1.2", "(ii)", "2.", "2.1", "(i)"]


def test_a_level_replaced_in_the_instance_is_the_one_shown():
    override = '<w:lvlOverride w:ilvl="2">' + _lvl(2, "upperLetter", "%3.") + "</w:lvlOverride>"
    numbering = Numbering(_numbering(ARTICLES, _num("8", "1", override)))
    assert [numbering.number("8", lvl) for lvl in (0, 2, 2)] == ["ARTICLE I", "A.", "B."]


def test_a_list_defined_by_a_numbering_style_takes_that_list_levels():
    linked = _abstract("4", link="LegalList")
    numbering = Numbering(
        _numbering(ARTICLES + linked, _num("5", "1") + _num("9", "4")), {"LegalList": ("5", None, None)}
    )
    assert [numbering.number("9", lvl) for lvl in (0, 1)] == ["ARTICLE I", "Section 1.01"]


def test_a_number_printed_by_a_field_is_read_from_the_result_word_stored(tmp_path):
    """A SEQ field's code ("SEQ Section \\* ARABIC") is not the text; the number it shows is."""
    import zipfile
    from pathlib import Path

    from agreement.address import resolve
    from agreement.model import at
    from agreement.readers import read

    fixture = Path(__file__).resolve().parent / "fixtures" / "ivy-services.docx"
    xml = zipfile.ZipFile(fixture).read("word/document.xml").decode()
    run = "<w:r><w:t>Late Payment. Amounts unpaid"
    assert run in xml
    field = (
        '<w:r><w:t xml:space="preserve">Section </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> SEQ Section \\* ARABIC </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">. Notices. Notices are given in '
        "writing.</w:t></w:r></w:p><w:p>"
    )
    last = xml.rindex("<w:p>", 0, xml.index("IN WITNESS WHEREOF"))
    body = xml[:last] + "<w:p>" + field.replace("</w:p><w:p>", "") + "</w:p>" + xml[last:]
    out = tmp_path / "fields.docx"
    with zipfile.ZipFile(fixture) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = body.encode() if info.filename == "word/document.xml" else src.read(info.filename)
            z.writestr(info.filename, data)
    agreement = read(str(out)).agreement
    unit = at(agreement.root, resolve(agreement.root, "7"))
    assert unit.heading == "Notices"
    assert "SEQ" not in " ".join(unit.text)
