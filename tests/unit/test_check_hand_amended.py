"""`agreement check` on an agreement written by hand and amended (tests/cases/hand-amended):
it renames a defined term with `replace_references`, cites statutes by their own section
numbers and points definitions at the preamble. A linter that cries wolf is not read, so
the case must be silent; each variant below puts back one real fault, which must be found."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.check import run
from agreement.engine import apply_all_possible
from agreement.readers.yaml import SourceText, read_agreement, read_amendment

CASE = Path(__file__).resolve().parents[1] / "cases" / "hand-amended"
AGREEMENT = (CASE / "agreements" / "harbor-units.yaml").read_text(encoding="utf-8")
AMENDMENT = (CASE / "amendments" / "harbor-units" / "001-amendment-no-1.yaml").read_text(encoding="utf-8")


def findings(agreement: str = AGREEMENT, *amendments: str) -> list:
    base = read_agreement(SourceText("harbor-units.yaml", agreement))
    sources = [read_amendment(SourceText(f"{n}.yaml", a)) for n, a in enumerate(amendments, 1)]
    history, failures = apply_all_possible(base, sources)
    return run(history, failures)


def described(found) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in found]


def test_the_hand_made_agreement_as_signed_and_as_amended_gives_no_findings():
    assert described(findings()) == []
    assert described(findings(AGREEMENT, AMENDMENT)) == []


def test_the_command_is_silent_on_it(monkeypatch):
    monkeypatch.chdir(CASE)
    result = CliRunner().invoke(app, ["check", "harbor-units", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert "0 errors, 0 warnings" in result.stdout


@pytest.mark.parametrize(
    "citation",
    [
        "Section 17-101 of the Act",
        "Section 409A of the Code",
        "Section 1.409A-3 of the Treasury Regulations",
        "Rule 144 under the Securities Act",
        "Section 12(b) of the Exchange Act",
        "Section 5 under the Securities Act",
        "Sections 1441 and 1446 of the Code",
        "clause (b) of Section 9.1 of the Partnership Agreement",
        "Exhibit C to the Partnership Agreement",
    ],
)
def test_a_citation_of_another_instrument_is_not_a_missing_cross_reference(citation):
    text = AGREEMENT.replace("subject to Section 2.3.", f"subject to {citation}.")
    assert citation in text
    assert [f for f in findings(text) if f.rule.startswith("reference")] == []


def test_a_section_cited_as_the_codes_is_the_codes_where_it_stands_alone_later():
    text = AGREEMENT.replace("subject to Section 2.3.", "subject to Section 409A.")
    assert [f for f in findings(text) if f.rule == "reference-missing"] == []


@pytest.mark.parametrize(
    ("citation", "named"),
    [
        ("Section 2.9", "Section 2.9"),
        ("Section 2.9 of this Agreement", "Section 2.9"),
        ("Section 17-101", "Section 17-101"),  # not cited as the Act's anywhere
        ("clause (c) of Section 2.2", "Section 2.2(c)"),
        ("Exhibit C", "Exhibit C"),
    ],
)
def test_a_missing_cross_reference_of_this_agreement_is_still_found(citation, named):
    text = AGREEMENT.replace("subject to Section 2.3.", f"subject to {citation}.")
    if citation == "Section 17-101":
        text = text.replace("Section 17-101 of the Act", "the Act")
    hit = [f for f in findings(text) if f.rule == "reference-missing"]
    assert [f.message for f in hit] == [f"Section 2.2 refers to {named}, which the agreement does not have"]


def test_a_range_of_sections_that_exist_is_no_missing_reference():
    text = AGREEMENT.replace("subject to Section 2.3.", "subject to Sections 2.1-2.3.")
    assert [f for f in findings(text) if f.rule == "reference-missing"] == []


def test_a_renamed_term_is_neither_orphaned_nor_unused():
    found = findings(AGREEMENT, AMENDMENT)
    assert not {"term-orphaned", "term-unused", "term-defined-twice"} & {f.rule for f in found}


def test_a_rename_that_misses_some_uses_leaves_them_orphaned():
    partial = AMENDMENT.replace(
        "    with: Compensation Committee\n", "    with: Compensation Committee\n    units: ['1', '2.2']\n"
    )
    hit = [f for f in findings(AGREEMENT, partial) if f.rule == "term-orphaned"]
    assert [f.message for f in hit] == [
        '"Committee" is still used, but its definition was deleted (the definitions now have "Compensation Committee")'
    ]
    assert "rename" in hit[0].hint


def test_a_term_used_only_inside_a_longer_defined_term_is_unused():
    text = AGREEMENT.replace(
        '      - \'"Exchange Act" means',
        '      - \'"Exchange" means a national securities exchange.\'\n      - \'"Exchange Act" means',
    )
    hit = [f for f in findings(text) if f.rule == "term-unused"]
    assert [f.message for f in hit] == ['"Exchange" is defined but never used']


def test_a_definition_that_points_at_the_preamble_is_no_second_definition():
    assert '"Partnership" has the meaning given in the preamble.' in AGREEMENT
    assert [f for f in findings() if f.rule == "term-defined-twice"] == []
    twice = AGREEMENT.replace(
        '"Partnership" has the meaning given in the preamble.', '"Partnership" means Bellwether Harbor Partners, L.P.'
    )
    hit = [f for f in findings(twice) if f.rule == "term-defined-twice"]
    assert len(hit) == 1 and '"Partnership" is defined 2 times' in hit[0].message


def test_a_definition_that_points_at_nothing_still_defines_its_term():
    alone = AGREEMENT.replace('(the\n  "Participant")', "").replace(
        '"Participant" has the meaning given in the preamble.', '"Participant" has the meaning given in Section 4.'
    )
    assert '"Participant")' not in alone
    assert not {"term-undefined", "term-defined-twice", "term-unused"} & {f.rule for f in findings(alone)}


def test_the_long_name_of_a_statute_is_not_an_undefined_term_but_a_short_phrase_is():
    assert "the Delaware Revised Uniform Limited Partnership Act" in AGREEMENT
    assert [f for f in findings() if f.rule == "term-undefined"] == []
    text = AGREEMENT.replace(
        "as determined by the Compensation", "as determined by the Plan Administrator or the Compensation"
    )
    text = text.replace("as determined by the Committee.", "as determined by the Plan Administrator.")
    hit = [f for f in findings(text) if f.rule == "term-undefined"]
    assert [f.message.split('"')[1] for f in hit] == ["Plan Administrator"]


def test_the_case_files_are_valid_to_the_schemas():
    from jsonschema import Draft202012Validator

    from agreement.schema import SCHEMAS
    from tests.docs.test_schemas import load

    Draft202012Validator(SCHEMAS["agreement"]()).validate(load(CASE / "agreements" / "harbor-units.yaml"))
    amendment = CASE / "amendments" / "harbor-units" / "001-amendment-no-1.yaml"
    Draft202012Validator(SCHEMAS["amendment"]()).validate(load(amendment))
