"""Addresses: parsing, resolving against a tree, canonical addresses, term order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement.address import address_of, parse, resolve, sort_key, term_key
from agreement.errors import NoSuchUnit, UsageError
from agreement.model import Kind, Unit, at, walk


def clause(number: str, *children: Unit, kind: Kind = Kind.CLAUSE) -> Unit:
    return Unit(kind, number, text=(f"clause {number}",), children=children)


def section(number: str, *children: Unit, heading: str | None = None) -> Unit:
    return Unit(Kind.SECTION, number, heading=heading or f"Section {number}", children=children)


def definition(term: str) -> Unit:
    return Unit(Kind.DEFINITION, text=(f'"{term}" means ...',), term=term)


def recital(*clauses: Unit, number: str | None = None) -> Unit:
    return Unit(Kind.RECITAL, number, text=("WHEREAS, ...",), children=clauses)


def document(*parts: Unit) -> Unit:
    return Unit(Kind.DOCUMENT, children=parts)


# The shape of the bundled Securities Exchange Agreement, with an exhibit.
PREAMBLE = (0,)
RECITALS = (1,)
SECOND_RECITAL = (1, 1)
RECITAL_CLAUSE_A = (1, 1, 0)
RECITAL_CLAUSE_B = (1, 1, 1)
DEF_NOTES = (2, 2)
SECTION_2_A = (3, 0)
SECTION_8_3 = (4, 0)
SECTION_13 = (5,)
SECTION_13_4 = (5, 0)
SECTION_13_4_A = (5, 0, 0)
SECTION_13_4_A_II = (5, 0, 0, 1)
SECTION_9_02A = (6,)
SIGNATURES = (7,)
EXHIBIT_A = (8,)

TREE = document(
    Unit(Kind.PREAMBLE, text=('THIS SECURITIES EXCHANGE AGREEMENT (this "AGREEMENT") ...',)),
    Unit(
        Kind.RECITALS,
        children=(
            recital(),
            recital(clause("(a)"), clause("(b)")),
            recital(),
        ),
    ),
    section(
        "1",
        definition("COLLATERAL"),
        definition("FISCAL AGENCY AGREEMENT"),
        definition("NOTES"),
        definition("REQUIRED HOLDERS"),
        heading="DEFINITIONS",
    ),
    section("2", clause("(a)", kind=Kind.SUBSECTION), clause("(b)", kind=Kind.SUBSECTION)),
    section("8", section("8.3"), section("8.4")),
    section(
        "13",
        section(
            "13.4",
            clause("(a)", clause("(i)"), clause("(ii)"), clause("(iii)"), kind=Kind.SUBSECTION),
            clause("(b)", kind=Kind.SUBSECTION),
        ),
        section("13.5"),
    ),
    section("9.02A"),
    Unit(Kind.SIGNATURES, text=("IN WITNESS WHEREOF ...",)),
    Unit(Kind.EXHIBIT, "A", heading="Form of Note", text=("[Form of Note]",)),
)


def test_tree_paths_are_what_the_tests_say():
    assert at(TREE, DEF_NOTES).term == "NOTES"
    assert at(TREE, SECTION_13_4).number == "13.4"
    assert at(TREE, SECTION_13_4_A_II).number == "(ii)"
    assert at(TREE, RECITAL_CLAUSE_A).number == "(a)"


# --- parse --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["13.4", "Section 13.4", "section 13.4", "§ 13.4", "§13.4", "Section 13.4."])
def test_parse_section_number_in_the_ways_lawyers_write_it(text):
    addr = parse(text)
    assert (addr.base, addr.kind, addr.labels, addr.ordinal) == ("13.4", Kind.SECTION, (), None)


def test_parse_keeps_the_text_as_written():
    assert str(parse("Section 13.4")) == "Section 13.4"


def test_parse_section_with_labels():
    addr = parse("13.4(a)(ii)")
    assert (addr.base, addr.kind, addr.labels) == ("13.4", Kind.SECTION, ("a", "ii"))


def test_parse_section_with_a_label_after_a_space():
    assert parse("Section 13.4 (a)").labels == ("a",)


def test_parse_section_number_with_a_letter():
    addr = parse("9.02A")
    assert (addr.base, addr.kind, addr.labels) == ("9.02A", Kind.SECTION, ())


def test_parse_whole_number_section_with_a_label():
    addr = parse("2(a)")
    assert (addr.base, addr.kind, addr.labels) == ("2", Kind.SECTION, ("a",))


@pytest.mark.parametrize(
    "text, kind",
    [("preamble", Kind.PREAMBLE), ("recitals", Kind.RECITALS), ("signatures", Kind.SIGNATURES)],
)
def test_parse_named_parts(text, kind):
    addr = parse(text)
    assert (addr.kind, addr.labels, addr.ordinal) == (kind, (), None)


def test_parse_recitals_clause():
    addr = parse("recitals(a)")
    assert (addr.kind, addr.ordinal, addr.labels) == (Kind.RECITALS, None, ("a",))


def test_parse_recitals_ordinal_and_clause():
    addr = parse("recitals[2](a)")
    assert (addr.kind, addr.ordinal, addr.labels) == (Kind.RECITALS, 2, ("a",))


def test_parse_recitals_ordinal_alone():
    addr = parse("recitals[2]")
    assert (addr.kind, addr.ordinal, addr.labels) == (Kind.RECITALS, 2, ())


@pytest.mark.parametrize(
    "text", ["definition:Notes", 'definition:"Notes"', "definition:\u201cNotes\u201d", "definition: Notes"]
)
def test_parse_definition_strips_quotes_from_the_term(text):
    addr = parse(text)
    assert (addr.kind, addr.term) == (Kind.DEFINITION, "Notes")


def test_parse_definition_keeps_a_term_of_several_words():
    assert parse("definition:Fiscal Agency Agreement").term == "Fiscal Agency Agreement"


@pytest.mark.parametrize("text", ["exhibit:A", "Exhibit A", "exhibit: A"])
def test_parse_exhibit(text):
    addr = parse(text)
    assert (addr.kind, addr.base) == (Kind.EXHIBIT, "A")


@pytest.mark.parametrize("text", ["", "   ", "x y", "recitalz", "13.4(a", "13.4)", "(a)", "Holders"])
def test_parse_malformed_address_is_a_usage_error_with_a_hint(text):
    with pytest.raises(UsageError) as info:
        parse(text)
    assert info.value.hint


def test_parse_misspelt_recitals_suggests_recitals():
    with pytest.raises(UsageError) as info:
        parse("recitalz")
    assert "did you mean 'recitals'" in info.value.hint


def test_parse_misspelt_preamble_suggests_preamble():
    with pytest.raises(UsageError) as info:
        parse("premable")
    assert "'preamble'" in info.value.hint


# --- resolve ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, path",
    [
        ("preamble", PREAMBLE),
        ("recitals", RECITALS),
        ("signatures", SIGNATURES),
        ("13", SECTION_13),
        ("13.4", SECTION_13_4),  # a child of Section 13, found from the document
        ("Section 13.4", SECTION_13_4),
        ("§ 13.4", SECTION_13_4),
        ("8.3", SECTION_8_3),
        ("9.02A", SECTION_9_02A),
        ("2(a)", SECTION_2_A),
        ("13.4(a)", SECTION_13_4_A),
        ("13.4(a)(ii)", SECTION_13_4_A_II),
        ("exhibit:A", EXHIBIT_A),
        ("Exhibit A", EXHIBIT_A),
        ("recitals[2]", SECOND_RECITAL),
        ("recitals[2](a)", RECITAL_CLAUSE_A),
    ],
)
def test_resolve(text, path):
    assert resolve(TREE, text) == path


def test_resolve_takes_a_parsed_address():
    assert resolve(TREE, parse("13.4(a)(ii)")) == SECTION_13_4_A_II


def test_resolve_label_looks_only_at_direct_children():
    # (ii) is a clause of 13.4(a), not of 13.4 itself
    with pytest.raises(NoSuchUnit):
        resolve(TREE, "13.4(ii)")


def test_resolve_recital_clause_through_its_unnumbered_recital():
    assert resolve(TREE, "recitals(a)") == RECITAL_CLAUSE_A
    assert resolve(TREE, "recitals(b)") == RECITAL_CLAUSE_B


def test_resolve_numbered_recital_by_its_label():
    tree = document(Unit(Kind.RECITALS, children=(recital(number="A."), recital(number="B."))))
    assert resolve(tree, "recitals(B)") == (0, 1)


def test_resolve_recital_clause_ambiguous_between_two_recitals_hints_the_ordinal_form():
    tree = document(Unit(Kind.RECITALS, children=(recital(clause("(a)")), recital(clause("(a)")))))
    with pytest.raises(NoSuchUnit) as info:
        resolve(tree, "recitals(a)")
    assert "recitals[1](a)" in (info.value.hint or "")
    assert resolve(tree, "recitals[1](a)") == (0, 0, 0)
    assert resolve(tree, "recitals[2](a)") == (0, 1, 0)


@pytest.mark.parametrize(
    "text", ["definition:NOTES", "definition:notes", 'definition:"Notes"', "definition:\u201cnotes\u201d"]
)
def test_resolve_definition_ignores_quotes_and_case(text):
    assert resolve(TREE, text) == DEF_NOTES


def test_resolve_definition_ignores_spacing_within_the_term():
    assert resolve(TREE, "definition:Fiscal  Agency Agreement") == (2, 1)


def test_resolve_definition_stored_with_quotes():
    tree = document(section("1", definition("\u201cNOTES\u201d")))
    assert resolve(tree, "definition:Notes") == (0, 0)


def test_resolve_missing_section_suggests_close_numbers():
    with pytest.raises(NoSuchUnit) as info:
        resolve(TREE, "13.6")
    assert "did you mean" in info.value.hint
    assert "13.4" in info.value.hint or "13.5" in info.value.hint


def test_resolve_missing_definition_suggests_close_terms():
    with pytest.raises(NoSuchUnit) as info:
        resolve(TREE, "definition:Note")
    assert "did you mean" in info.value.hint
    assert "NOTES" in info.value.hint


def test_resolve_missing_label_suggests_a_close_label():
    with pytest.raises(NoSuchUnit) as info:
        resolve(TREE, "13.4(aa)")
    assert "did you mean (a)" in info.value.hint


def test_resolve_missing_recital_clause_lists_the_clauses():
    with pytest.raises(NoSuchUnit) as info:
        resolve(TREE, "recitals(c)")
    assert "(a)" in info.value.hint and "(b)" in info.value.hint


def test_resolve_missing_exhibit():
    with pytest.raises(NoSuchUnit):
        resolve(TREE, "exhibit:B")


def test_resolve_recital_ordinal_out_of_range():
    with pytest.raises(NoSuchUnit):
        resolve(TREE, "recitals[4]")
    with pytest.raises(NoSuchUnit):
        resolve(TREE, "recitals[0]")


def test_resolve_named_part_the_agreement_lacks():
    with pytest.raises(NoSuchUnit):
        resolve(document(section("1")), "preamble")


# --- address_of ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        (SECTION_13_4, "13.4"),
        (SECTION_13_4_A_II, "13.4(a)(ii)"),
        (SECTION_2_A, "2(a)"),
        (DEF_NOTES, "definition:NOTES"),
        (EXHIBIT_A, "exhibit:A"),
        (PREAMBLE, "preamble"),
        (SECOND_RECITAL, "recitals[2]"),
    ],
)
def test_address_of_is_the_canonical_address(path, expected):
    assert address_of(TREE, path) == expected


def test_address_of_prefers_the_short_recital_clause_form_when_unique():
    assert address_of(TREE, RECITAL_CLAUSE_A) == "recitals(a)"


def test_address_of_keeps_the_ordinal_when_the_short_form_is_ambiguous():
    tree = document(Unit(Kind.RECITALS, children=(recital(clause("(a)")), recital(clause("(a)")))))
    assert address_of(tree, (0, 0, 0)) == "recitals[1](a)"
    assert address_of(tree, (0, 1, 0)) == "recitals[2](a)"


def test_address_of_every_unit_resolves_back_to_it():
    for path, unit in walk(TREE):
        if not path:
            continue  # the document itself: see test_address_of_the_document_resolves_to_it
        addr = address_of(TREE, path)
        assert resolve(TREE, addr) == path, (addr, unit.kind)


def test_address_of_every_unit_of_an_ambiguous_recitals_tree_resolves_back_to_it():
    tree = document(
        Unit(Kind.RECITALS, children=(recital(clause("(a)")), recital(), recital(clause("(a)"), clause("(b)")))),
        section("1", clause("(a)", clause("(a)"))),
    )
    for path, _ in walk(tree):
        if path:
            assert resolve(tree, address_of(tree, path)) == path


def test_address_of_the_document_resolves_to_it():
    assert resolve(TREE, address_of(TREE, ())) == ()


def test_address_of_a_clause_of_a_definition_resolves_back_to_it():
    tree = document(
        section(
            "1",
            Unit(Kind.DEFINITION, text=('"PERMITTED LIENS" means',), term="PERMITTED LIENS", children=(clause("(a)"),)),
        )
    )
    path = (0, 0, 0)
    assert resolve(tree, address_of(tree, path)) == path


def test_address_of_a_clause_of_an_exhibit_resolves_back_to_it():
    tree = document(section("1"), Unit(Kind.EXHIBIT, "A", heading="Form of Note", children=(clause("(a)"),)))
    path = (1, 0)
    assert resolve(tree, address_of(tree, path)) == path


def test_address_of_a_section_of_an_exhibit_resolves_back_to_it():
    tree = document(section("1"), Unit(Kind.EXHIBIT, "A", heading="Form of Note", children=(section("1"),)))
    for path in [(0,), (1, 0)]:
        assert resolve(tree, address_of(tree, path)) == path


# --- property: address_of and resolve agree on generated trees ------------------

_CLAUSE_LABELS = ["(a)", "(b)", "(c)"]
_ROMAN = ["(i)", "(ii)", "(iii)"]
_TERMS = ["Notes", "Holders", "Fiscal Agent", "Fiscal Agency Agreement", "Required Holders", "Collateral"]


@st.composite
def clauses(draw, labels: list[str], depth: int) -> tuple[Unit, ...]:
    chosen = draw(st.lists(st.sampled_from(labels), unique=True, max_size=len(labels)))
    out = []
    for label in chosen:
        kids = draw(clauses(_ROMAN, depth - 1)) if depth > 0 else ()
        out.append(clause(label, *kids))
    return tuple(out)


@st.composite
def sections(draw, prefix: str, depth: int) -> tuple[Unit, ...]:
    count = draw(st.integers(1, 3))
    out = []
    for n in range(1, count + 1):
        number = f"{prefix}.{n}" if prefix else str(n)
        shape = draw(st.sampled_from(["text", "clauses", "sections", "definitions"] if depth else ["text", "clauses"]))
        if shape == "clauses":
            kids = draw(clauses(_CLAUSE_LABELS, 1))
        elif shape == "sections":
            kids = draw(sections(number, depth - 1))
        elif shape == "definitions":
            terms = draw(st.lists(st.sampled_from(_TERMS), unique=True, max_size=3))
            kids = tuple(definition(t) for t in terms)
        else:
            kids = ()
        out.append(section(number, *kids))
    return tuple(out)


@st.composite
def agreements(draw) -> Unit:
    parts: list[Unit] = []
    if draw(st.booleans()):
        parts.append(Unit(Kind.PREAMBLE, text=("THIS AGREEMENT ...",)))
    if draw(st.booleans()):
        numbered = draw(st.booleans())
        count = draw(st.integers(1, 3))
        recitals = [
            recital(*draw(clauses(_CLAUSE_LABELS, 0)), number=f"{'ABC'[i]}." if numbered else None)
            for i in range(count)
        ]
        parts.append(Unit(Kind.RECITALS, children=tuple(recitals)))
    main = draw(sections("", 2))
    parts.extend(main)
    if draw(st.booleans()):
        parts.append(Unit(Kind.SIGNATURES, text=("IN WITNESS WHEREOF ...",)))
    for letter in draw(st.lists(st.sampled_from("AB"), unique=True, max_size=2)):
        parts.append(Unit(Kind.EXHIBIT, letter, text=(f"[Exhibit {letter}]",)))
    tree = document(*parts)
    # a term defined twice cannot be addressed at all: keep the first definition of each
    keys = [term_key(u.term) for _, u in walk(tree) if u.kind is Kind.DEFINITION]
    if len(keys) != len(set(keys)):
        seen: set[str] = set()
        tree = _drop_repeated_definitions(tree, seen)
    return tree


def _drop_repeated_definitions(unit: Unit, seen: set[str]) -> Unit:
    kept = []
    for child in unit.children:
        if child.kind is Kind.DEFINITION:
            if term_key(child.term) in seen:
                continue
            seen.add(term_key(child.term))
        kept.append(_drop_repeated_definitions(child, seen))
    return unit.with_children(tuple(kept))


@settings(max_examples=200, deadline=None)
@given(tree=agreements())
def test_property_address_of_resolves_back_to_every_unit(tree):
    for path, unit in walk(tree):
        if not path:
            continue
        addr = address_of(tree, path)
        assert resolve(tree, addr) == path, (addr, unit.kind)
        assert resolve(tree, parse(addr)) == path


# --- term_key / sort_key -------------------------------------------------------


def test_term_key_ignores_quotes_case_and_spacing():
    assert term_key("\u201cFiscal  Agent\u201d") == term_key('"fiscal agent"') == term_key("FISCAL AGENT")


def test_term_key_keeps_words_apart():
    assert term_key("Note Holder") != term_key("Noteholder")


def test_sort_key_ignores_quotes_case_and_punctuation():
    assert sort_key('"U.S. Government Obligations"') == sort_key("US GOVERNMENT OBLIGATIONS")
    assert sort_key("\u201cHolders\u201d") == sort_key("holders")


def test_sort_key_orders_definitions_word_by_word():
    terms = ["Holders", "Fiscal Agent", "Fiscal Agency Agreement"]
    assert sorted(terms, key=sort_key) == ["Fiscal Agency Agreement", "Fiscal Agent", "Holders"]


def test_sort_key_a_shorter_first_word_comes_first():
    # word by word, "Note Holder" files under "Note", before "Noteholder"
    assert sorted(["Noteholder", "Note Holder", "Notes"], key=sort_key) == ["Note Holder", "Noteholder", "Notes"]


def test_sort_key_orders_the_bundled_definitions():
    terms = [
        '"REQUIRED HOLDERS"',
        '"FISCAL AGENT"',
        '"HOLDERS"',
        '"FISCAL AGENCY AGREEMENT"',
        '"DEMAND HOLDERS"',
        '"COMMON STOCK"',
        '"COLLATERAL"',
    ]
    assert sorted(terms, key=sort_key) == [
        '"COLLATERAL"',
        '"COMMON STOCK"',
        '"DEMAND HOLDERS"',
        '"FISCAL AGENCY AGREEMENT"',
        '"FISCAL AGENT"',
        '"HOLDERS"',
        '"REQUIRED HOLDERS"',
    ]


def test_a_version_asked_for_a_missing_unit_before_it_is_amended_is_amended_the_same():
    # A version's index of numbers and terms is kept once scanned; amending that version
    # must still start from a full memory of its units, not from the kept index alone.
    from pathlib import Path

    from agreement.analyses.select import ConformedCopy
    from agreement.engine import apply
    from agreement.readers.yaml import load_agreement, load_amendment
    from agreement.writers import text

    root = Path(__file__).resolve().parents[2]
    base = load_agreement(str(root / "agreements" / "symphony-exchange.yaml"))
    amendments = [load_amendment(str(f)) for f in sorted((root / "amendments" / "symphony-exchange").glob("*.yaml"))]

    def conformed() -> str:
        history = apply(base, amendments)
        return text.render_document(ConformedCopy(history.latest.agreement, tuple(amendments)))

    first = conformed()
    for missing in ("99.9", "definition:NO SUCH TERM"):
        with pytest.raises(NoSuchUnit):
            resolve(base.root, missing)
    assert conformed() == first
    assert "counterpart thereof" in first  # Amendment No. 2 applied, on words Amendment No. 1 inserted


# Articles: a heading unit numbered "ARTICLE IV" that holds sections.
ARTICLES = document(
    section("ARTICLE I", section("1.01"), heading="DEFINITIONS"),
    section("ARTICLE IV", section("4.01"), section("4.02", clause("(a)")), heading="COVENANTS"),
)


@pytest.mark.parametrize("text", ["Article IV", "ARTICLE IV", "article iv", "Article 4", "Article IV."])
def test_an_article_is_addressed_by_its_number_roman_or_not(text):
    assert resolve(ARTICLES, text) == (1,)


def test_address_of_an_article_resolves_back_to_it():
    assert resolve(ARTICLES, address_of(ARTICLES, (1,))) == (1,)
    assert address_of(ARTICLES, (1, 1, 0)) == "4.02(a)"


def test_a_missing_article_says_how_articles_are_addressed():
    with pytest.raises(NoSuchUnit) as e:
        resolve(ARTICLES, "Article IX")
    assert "there is no Article IX" in e.value.message
    assert "Article IV" in str(e.value.hint)
