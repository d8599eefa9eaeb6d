"""The engine: amendments in sequence order, one new version each, failures as ChangeError."""

from __future__ import annotations

import string
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from agreement import engine
from agreement.address import resolve
from agreement.analyses.select import select_unit
from agreement.errors import ApplyFailed, ChangeError, ExitCode, InputError
from agreement.model import Agreement, Amendment, Kind, Unit, at, walk
from agreement.readers import yaml as load

REPO = Path(__file__).resolve().parents[2]
SEED_AGREEMENT = REPO / "agreements" / "symphony-exchange.yaml"
SEED_AMENDMENT = REPO / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml"

AGREEMENT_YAML = """\
id: supply
title: Supply Agreement
date: 2020-01-01
sections:
  - number: "1"
    heading: SUPPLY
    text: |
      The Supplier shall deliver the Goods to the Buyer
      at the Buyer's premises.
  - number: "2"
    heading: PRICE
    text: The Buyer shall pay the Price within thirty days.
  - number: "3"
    heading: TERM
    sections:
      - number: "3.1"
        heading: DURATION
        text: This Agreement lasts for two years.
      - number: "3.2"
        heading: RENEWAL
        text: This Agreement renews for one year.
        subsections:
          - number: (a)
            text: Either party may refuse renewal.
"""


def read(yaml_text: str = AGREEMENT_YAML) -> Agreement:
    return load.read_agreement(load.SourceText("supply.yaml", yaml_text))


def amendment(
    changes: str,
    *,
    sequence: int = 1,
    dated: str = "2021-01-01",
    amends: str = "supply",
    title: str | None = None,
    name: str | None = None,
) -> Amendment:
    title = title or f"Amendment No. {sequence}"
    head = (
        f"id: amendment-{sequence}\ntitle: {title}\namends: {amends}\nsequence: {sequence}\ndated: {dated}\nchanges:\n"
    )
    body = textwrap.indent(textwrap.dedent(changes).strip("\n"), "  ")
    return load.read_amendment(load.SourceText(name or f"amendment-{sequence}.yaml", head + body + "\n"))


def unit(agreement: Agreement, address: str) -> Unit:
    return at(agreement.root, resolve(agreement.root, address))


def flat(s: str) -> str:
    return " ".join(s.split())


def body(agreement: Agreement, address: str) -> str:
    return " | ".join(flat(p) for p in unit(agreement, address).text)


# --- order and checks -------------------------------------------------------------


def test_amendments_apply_in_sequence_order_never_by_date():
    first = amendment(
        "- {op: replace_words, unit: '2', words: thirty days, with: sixty days}",
        sequence=1,
        dated="2023-06-01",
    )
    second = amendment(
        "- {op: replace_words, unit: '2', words: sixty days, with: ninety days}",
        sequence=2,
        dated="2021-01-01",  # dated before the first: applied after it all the same
    )
    history = engine.apply(read(), [second, first])
    assert [a.sequence for a in history.amendments] == [1, 2]
    assert body(history.latest.agreement, "2") == "The Buyer shall pay the Price within ninety days."
    assert body(history.versions[1].agreement, "2") == "The Buyer shall pay the Price within sixty days."


def test_an_amendment_of_another_agreement_is_an_input_error():
    other = amendment("- {op: delete_unit, unit: '2'}", amends="lease")
    with pytest.raises(InputError) as info:
        engine.apply(read(), [other])
    assert info.value.exit_code is ExitCode.INPUT


def test_two_amendments_with_one_sequence_are_an_input_error():
    a = amendment("- {op: delete_unit, unit: '2'}", sequence=1, name="a.yaml")
    b = amendment("- {op: delete_unit, unit: '3.1'}", sequence=1, name="b.yaml")
    with pytest.raises(InputError, match="sequence 1"):
        engine.apply(read(), [a, b])


def test_no_amendments_gives_the_original_alone():
    agreement = read()
    history = engine.apply(agreement, [])
    assert len(history.versions) == 1
    assert history.latest.agreement is agreement
    assert history.original.amendment is None


# --- failures ----------------------------------------------------------------------

FAILING_AMENDMENT = """\
id: amendment-no-2
title: Amendment No. 2 to Supply Agreement
amends: supply
sequence: 2
dated: 2022-05-01
changes:
  - source: Section 3(b)
    op: replace_words
    unit: '2'
    words: thirty days
    with: sixty days
  - source: Section 3(a)
    op: replace_words
    unit: '3.1'
    words: three years
    with: five years
"""


def test_a_failing_change_names_amendment_change_source_unit_and_line():
    bad = load.read_amendment(load.SourceText("amendments/no-2.yaml", FAILING_AMENDMENT))
    with pytest.raises(ApplyFailed) as info:
        engine.apply(read(), [bad])
    assert info.value.exit_code is ExitCode.APPLY == 4
    [failure] = info.value.failures
    assert isinstance(failure, ChangeError)
    assert failure.exit_code == 4
    assert failure.amendment == "Amendment No. 2 to Supply Agreement"
    assert failure.index == 2
    assert failure.source == "Section 3(a)"
    assert failure.unit == "Section 3.1"
    assert failure.location is not None
    assert failure.location.file == "amendments/no-2.yaml"
    assert failure.location.line == 12  # the line of "- source: Section 3(a)"
    assert "three years" in failure.message
    # the words found nearby are shown
    assert any("two years" in d for d in failure.details)
    rendered = info.value.render()
    assert "Section 3(a)" in rendered
    assert "Amendment No. 2 to Supply Agreement" in rendered


def test_an_unknown_unit_is_a_change_error_too():
    bad = amendment("- {source: Section 1, op: delete_words, unit: '7', words: Goods}")
    with pytest.raises(ApplyFailed) as info:
        engine.apply(read(), [bad])
    [failure] = info.value.failures
    assert failure.index == 1
    assert failure.source == "Section 1"
    assert failure.unit == "Section 7"


def test_without_keep_going_the_first_failure_stops_the_run():
    bad = amendment(
        """
        - {op: delete_words, unit: '1', words: Services}
        - {op: delete_words, unit: '2', words: Services}
        """
    )
    with pytest.raises(ApplyFailed) as info:
        engine.apply(read(), [bad])
    assert [f.index for f in info.value.failures] == [1]


def test_keep_going_reports_every_failing_change_and_returns_no_history():
    one = amendment(
        """
        - {op: replace_words, unit: '2', words: thirty days, with: sixty days}
        - {op: delete_words, unit: '1', words: Services}
        """,
        sequence=1,
        title="First Amendment",
    )
    two = amendment(
        """
        - {op: delete_words, unit: '2', words: thirty days}
        - {op: delete_unit, unit: '3.2'}
        - {op: delete_words, unit: '3.1', words: three years}
        """,
        sequence=2,
        title="Second Amendment",
    )
    with pytest.raises(ApplyFailed) as info:
        engine.apply(read(), [one, two], keep_going=True)
    failures = info.value.failures
    # "thirty days" is gone after the first amendment, so the second's first change fails too
    assert [(f.amendment, f.index) for f in failures] == [
        ("First Amendment", 2),
        ("Second Amendment", 1),
        ("Second Amendment", 3),
    ]
    assert "3 changes could not be applied" in info.value.message


# --- versions ------------------------------------------------------------------------


def test_each_amendment_yields_a_new_version_and_the_original_is_unchanged():
    agreement = read()
    one = amendment("- {op: replace_words, unit: '2', words: thirty days, with: sixty days}", sequence=1)
    two = amendment("- {op: delete_unit, unit: '3.1'}", sequence=2)
    history = engine.apply(agreement, [one, two])
    assert len(history.versions) == 3
    assert [v.amendment.id if v.amendment else None for v in history.versions] == [
        None,
        "amendment-1",
        "amendment-2",
    ]
    assert history.original.agreement == read()
    assert body(history.original.agreement, "2") == "The Buyer shall pay the Price within thirty days."
    assert body(history.versions[1].agreement, "2") == "The Buyer shall pay the Price within sixty days."
    assert body(history.versions[1].agreement, "3.1") == "This Agreement lasts for two years."
    assert [c.number for c in unit(history.latest.agreement, "3").children] == ["3.2"]
    # each version records its amendment's changes, in order
    assert [a.change.index for a in history.versions[1].applied] == [1]
    assert history.versions[1].applied[0].effect.units == ("2",)
    assert history.original.applied == ()


def test_unchanged_units_are_shared_between_versions():
    history = engine.apply(
        read(), [amendment("- {op: replace_words, unit: '3.1', words: two years, with: three years}")]
    )
    old, new = history.original.agreement.root, history.latest.agreement.root
    for address in ("1", "2", "3.2", "3.2(a)"):
        assert at(new, resolve(new, address)) is at(old, resolve(old, address)), address
    assert at(new, resolve(new, "3.1")) is not at(old, resolve(old, "3.1"))
    assert history.latest.agreement.id == history.original.agreement.id


def test_deleted_by_names_the_change_that_deleted_a_unit():
    one = amendment("- {op: replace_words, unit: '2', words: thirty days, with: sixty days}", sequence=1)
    two = amendment(
        """
        - {op: replace_words, unit: '1', words: Goods, with: Products}
        - {source: Section 2, op: delete_unit, unit: '3.2'}
        """,
        sequence=2,
    )
    history = engine.apply(read(), [one, two])
    applied = history.deleted_by("3.2")
    assert applied is not None
    assert applied.amendment.id == "amendment-2"
    assert applied.change.index == 2
    assert applied.change.source == "Section 2"
    assert history.deleted_by("3.2(a)") is applied
    assert history.deleted_by("3.1") is None
    assert history.deleted_by("2") is None
    view = select_unit(history, "3.2")
    assert view.unit is None
    assert view.deleted_by is applied


def test_deleted_by_names_the_change_that_reserved_the_parent_of_a_unit():
    history = engine.apply(read(), [amendment("- {op: delete_unit, unit: '3.2', reserved: true}")])
    assert unit(history.latest.agreement, "3.2").text == ("[Reserved]",)
    applied = history.deleted_by("3.2")
    assert applied is not None
    assert history.deleted_by("3.2(a)") is applied


# --- the seed, end to end -------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_history() -> engine.History:
    agreement = load.load_agreement(str(SEED_AGREEMENT))
    amendment_no_1 = load.load_amendment(str(SEED_AMENDMENT))
    return engine.apply(agreement, [amendment_no_1])


def test_seed_section_1_of_the_amendment_deletes_the_notes_from_recital_a(seed_history):
    text = "\n".join(unit(seed_history.latest.agreement, "recitals(a)").text)
    assert '(the "NOTES")' not in text
    assert "NOTES" not in text
    assert flat(text).endswith("of the Borrower's 11.5% Senior Secured Notes due 2005 and")
    assert "  " not in text
    assert " \n" not in text
    assert '(the "NOTES")' in "\n".join(unit(seed_history.original.agreement, "recitals(a)").text)


NEW_DEFINITIONS = {
    "FISCAL AGENCY AGREEMENT": '"FISCAL AGENCY AGREEMENT" means that Fiscal Agency Agreement, dated as of the date '
    "hereof, between the Company and the Fiscal Agent, as the same may be amended, modified or supplemented from "
    "time to time in accordance with the terms thereof.",
    "NOTES": '"NOTES" means up to $28,750,000 aggregate principal amount of the Borrower\'s 11.5% Senior Secured '
    "Notes due 2005, issued pursuant to this Agreement or pursuant to a Permitted Exchange in which such Notes are "
    "issued without violating Section 8.4 herein.",
    "WARRANT AGREEMENT": '"WARRANT AGREEMENT" means the Amended and Restated Warrant and Registration Rights '
    "Agreement dated as of February 21, 2003, by the Company and U.S. Bank National Association, as Warrant Agent "
    "(as amended, modified or supplemented from time to time).",
}


def test_seed_section_2_of_the_amendment_restates_three_definitions_in_order(seed_history):
    definitions = [c for c in unit(seed_history.latest.agreement, "1").children if c.kind is Kind.DEFINITION]
    terms = [d.term for d in definitions]
    assert terms == sorted(terms, key=lambda t: t.casefold())
    for term, expected in NEW_DEFINITIONS.items():
        matching = [d for d in definitions if d.term and d.term.casefold() == term.casefold()]
        assert len(matching) == 1, term
        assert [flat(p) for p in matching[0].text] == [expected]
    everything = flat(" ".join(" ".join(d.text) for d in definitions))
    # the old words are gone
    assert "between the Borrower and the Fiscal Agent." not in everything
    assert "in an aggregate principal amount of $15,100,000" not in everything
    assert "Warrant and Registration Rights Agreement dated as of the date hereof" not in everything
    # the other definitions are untouched and shared
    old = {d.term: d for d in unit(seed_history.original.agreement, "1").children}
    for d in definitions:
        if d.term not in NEW_DEFINITIONS:
            assert d is old[d.term]
    assert len(definitions) == len(old)


THREE_A = (
    ", and no such change, waiver, discharge or termination shall be effective against the Collateral Agent "
    "unless and until an executed copy thereof has been provided to the Collateral Agent (and, in the case of any "
    "other Document, subject to any other requirements applicable to such amendment, change, waiver, discharge or "
    "termination set forth in such Document)"
)
THREE_B = (
    "PROVIDED, FURTHER, HOWEVER, that no such change, waiver, discharge or termination that alters the rights, "
    "immunities or duties of the Collateral Agent shall take effect without the Collateral Agent's express written "
    "consent"
)
THREE_C = (
    "Notwithstanding anything to the contrary in this Agreement, all Holders shall be deemed to be third-party "
    "beneficiaries of all of the provisions of this Agreement that relate to Holders, including but not limited to "
    'any provisions that may only be waived or consented to by the "Required Holders", or that may be initiated only '
    'by the "Demand Holders", with such groups being determined for all purposes of this Agreement with regard to '
    "all Holders, whether issued pursuant to this Agreement or other exchanges in which such Notes are issued "
    "without violating Section 8.3 or Section 8.4 hereof."
)


def test_seed_section_3_of_the_amendment_amends_section_13_4(seed_history):
    text = flat(" ".join(unit(seed_history.latest.agreement, "13.4").text))
    # 3(a): right after "Required Holders" and before the semi-colon
    assert f"the Guarantor and the Required Holders{THREE_A}; PROVIDED, HOWEVER, that no such change" in text
    # 3(b): at the end of the first sentence, before its period; the second sentence follows
    assert f"discharge or termination; {THREE_B}. Each Holder shall be bound" in text
    assert text.count("PROVIDED, FURTHER, HOWEVER") == 1
    # 3(c): the last sentence, one space after the sentence before it
    assert text.endswith(f"whether or not such Holder shall have consented thereto. {THREE_C}")
    assert "  " not in " ".join(unit(seed_history.latest.agreement, "13.4").text)


def test_seed_leaves_every_unit_it_does_not_address_shared(seed_history):
    old, new = seed_history.original.agreement.root, seed_history.latest.agreement.root
    for address in ("preamble", "recitals(b)", "2", "2(a)", "8.3", "8.4", "13.5", "signatures"):
        assert at(new, resolve(new, address)) is at(old, resolve(old, address)), address


def test_seed_line_hint_is_checked_against_section_13_4():
    agreement = load.load_agreement(str(SEED_AGREEMENT))
    wrong_line = amendment(
        """
        - source: Section 3(a)
          op: insert_words
          unit: '13.4'
          after: Required Holders
          before: ;
          line: 3
          text: ', and the Collateral Agent'
        """,
        amends="symphony-exchange",
    )
    with pytest.raises(ApplyFailed) as info:
        engine.apply(agreement, [wrong_line])
    [failure] = info.value.failures
    assert failure.unit == "Section 13.4"
    assert "line 3" in failure.message and "line 4" in failure.message


# --- property: an amendment changes only what it addresses ------------------------------

WORDS = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6)


def _yaml_agreement(sections: list[list[str]]) -> str:
    lines = ["id: generated", "title: Generated", "date: 2020-01-01", "sections:"]
    for n, words in enumerate(sections, 1):
        lines += [f'  - number: "{n}"', f"    text: '{' '.join(words)}.'"]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    sections=st.lists(st.lists(WORDS, min_size=1, max_size=8), min_size=2, max_size=6),
    data=st.data(),
)
def test_an_amendment_never_changes_units_it_does_not_address(sections, data):
    k = data.draw(st.integers(0, len(sections) - 1), label="section")
    i = data.draw(st.integers(0, len(sections[k]) - 1), label="word")
    word = sections[k][i]
    assume(sections[k].count(word) == 1)
    agreement = read(_yaml_agreement(sections))
    change = amendment(f"- {{op: replace_words, unit: '{k + 1}', words: '{word}', with: REPLACED}}", amends="generated")
    history = engine.apply(agreement, [change])
    old, new = history.original.agreement.root, history.latest.agreement.root
    assert len(new.children) == len(old.children)
    for path, before in walk(old):
        if path in ((), (k,)):
            continue
        after = at(new, path)
        assert after is before or after == before, path
    expected = [*sections[k][:i], "REPLACED", *sections[k][i + 1 :]]
    assert new.children[k].text == (" ".join(expected) + ".",)
