"""`agreement check` works out each fact once a run (issue 17: check took 2.9x apply on the
1.4 MB case), and the faster ways it finds things find exactly what the slower ones did.

Speed itself is measured by the benchmarks (benchmarks/suite.py, check_findings.py); these
tests hold what made it: how often the costly steps run, and that each shortcut agrees
with what it replaces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchmarks.generate import write
from hypothesis import example, given
from hypothesis import strategies as st

import agreement.address as address
from agreement import check, text
from agreement.check import references, terms
from agreement.engine import apply_all_possible
from agreement.model import walk
from agreement.pipeline import read_inputs


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    """A generated agreement (benchmarks/generate.py) and its history: 60 sections, six
    amendments of twelve changes, among them sections added after a section named."""
    out = tmp_path_factory.mktemp("generated")
    agreement, _ = write(out, 60, 6, 12, seed=2)
    inputs = read_inputs(str(agreement), None)
    history, failures = apply_all_possible(inputs.base, inputs.amendments())
    return history, failures, (inputs.base_src, *inputs.sources)


def _spy(monkeypatch: pytest.MonkeyPatch, module, name: str) -> list[tuple]:
    """The arguments of every call of module.name during the test (which still does its work)."""
    calls: list[tuple] = []
    real = getattr(module, name)

    def spy(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_no_version_is_scanned_for_a_section_a_change_added(generated, monkeypatch):
    # the overlap rule asks the version before each change for the unit it acted on: for a
    # section the change added, a lookup reads that whole version only to find nothing
    history, failures, sources = generated
    added = [a for v in history.versions for a in v.applied if a.change.op == "add_unit" and "after" in a.change.args]
    assert added, "the case adds sections after a section named"
    scans = _spy(monkeypatch, address, "_section_index")
    address._SCANS.clear()
    check.run(history, failures, sources)
    assert len(scans) <= 1  # at most the conformed copy, for a number it cites and lacks


def test_each_number_cited_is_looked_up_once(generated, monkeypatch):
    history, failures, sources = generated
    calls = _spy(monkeypatch, references, "_find")
    found = check.run(history, failures, sources)
    asked = [target for _, target, _ in calls]
    assert len(asked) == len(set(asked))
    assert any(f.rule == "reference-missing" for f in found)  # the case cites what it lacks


def test_what_each_unit_defines_is_read_once_for_the_whole_history(generated, monkeypatch):
    # to find definitions an amendment deleted, terms compares the definitions of every
    # version with the latest; the versions share the units no change touched
    history, failures, sources = generated
    read: list[int] = []

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def finditer(self, text: str):
            read.append(1)
            return self.pattern.finditer(text)

    monkeypatch.setattr(terms, "_PAREN", Counting(terms._PAREN))
    check.run(history, failures, sources)
    latest = sum(len(u.text) for _, u in walk(history.latest.agreement.root))
    assert len(history.versions) == 7
    # each version's own units only (the units a change rebuilt, and their parents); it
    # was every unit of all seven versions
    assert len(read) < 3 * latest


TERMS = st.sampled_from(
    ["Notes", "Note", "Required Holders", "Holder", "Loan-to-Value", "Agent", "Agent Agreement", "Strasse", "ßtrasse"]
    + ["A Note", "Kelvin", "Lender's Agent", "Askew"]
)
WORDS = st.sampled_from(
    [
        "the",
        "Notes",
        "NOTES",
        "notes",
        "Note's",
        "Required",
        "Holders",
        "HOLDERS",
        "Holder",
        "Agent",
        "Agreement",
        "AGENT",
        "Loan-to-Value",
        "LOAN-TO-VALUE",
        "(the",
        '"Notes")',
        '"REQUIRED HOLDERS"',
        "means",
        "İstanbul",
        "ſtrasse",
        "SSTRASSE",
        "Strasse",
        "x",
        "Agents",
        "Note\u2019s",
        "Notes_",
        "Note2",
        "Agent's,",
        "Agent\u2019sx",
        "A",
        "a",
        "K\u212aELVIN",
        "A\u017fKEW",
        "Lender's",
    ]
)
TEXTS = st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=6).map("\n".join)


@given(TEXTS, st.lists(TERMS, min_size=1, max_size=5, unique=True))
def test_terms_found_together_are_found_where_each_alone_is(text, some):
    places = terms.Places(text, some)
    for term in some:
        longer = [t for t in some if t != term and term in t]
        assert terms.used(term, text, longer, places) == terms.used(term, text, longer)
        alone = _usage_places(term, text)
        assert places.of(term, text) == alone


def _usage_places(term: str, text: str) -> list[tuple[int, int]]:
    pattern = terms._usage(term)
    out = []
    m = pattern.search(text)
    while m is not None:
        out.append(m.span())
        m = pattern.search(text, m.start() + 1)
    return out


CITING = st.lists(
    st.sampled_from(
        ["Section", "Sections", "section", "XSection", "_Section", "clause", "(a)", "of", "Exhibit", "B", "Exhibits"]
        + ["1.2", "3", "4.5(a)", "and", "or", "through", ",", "the", "Code", "aclause", "-Exhibit", "\n"]
    ),
    max_size=14,
).map(" ".join)


@given(CITING)
def test_citations_opening_with_their_word_match_as_those_opening_with_a_word_boundary(para):
    # the citations (agreement.text) write \bSection as Section(?<=\bSection), so that the
    # engine looks for the word as a string: the same matches, at the same places
    for name, word in (("_SECTIONS", "Section"), ("_CLAUSE", "clause"), ("_EXHIBIT", "Exhibit")):
        faster = getattr(text, name)
        plain = re.compile(faster.pattern.replace(f"{word}(?<=\\b{word})", f"\\b{word}", 1))
        assert [(m.span(), m.groups()) for m in faster.finditer(para)] == [
            (m.span(), m.groups()) for m in plain.finditer(para)
        ]


def test_the_findings_on_a_generated_case_are_those_of_every_rule(generated):
    # the case exercises the rules sped up: references, terms and overlaps all find something
    history, failures, sources = generated
    found = {f.rule for f in check.run(history, failures, sources)}
    assert {"reference-missing", "term-unused", "overlap"} <= found


def test_benchmark_findings_script_covers_every_rule(tmp_path: Path):
    # the roughened case of benchmarks/check_findings.py makes every rule find something,
    # so that its before/after comparison proves the findings of each rule unchanged
    from benchmarks.check_findings import roughen

    write(tmp_path / "rough", 150, 10, 20, 7)
    roughen(tmp_path / "rough")
    inputs = read_inputs(str(tmp_path / "rough" / "agreements" / "bench.yaml"), None)
    history, failures = apply_all_possible(inputs.base, inputs.amendments())
    found = {f.rule for f in check.run(history, failures, (inputs.base_src, *inputs.sources))}
    every = {
        "hidden-character",
        "change-failed",
        "change-on-deleted-unit",
        "overlap",
        "dated-before-agreement",
        "effective-out-of-order",
        "term-unused",
        "term-orphaned",
        "term-undefined",
        "reference-missing",
        "reference-reserved",
        "punctuation",
        "unbalanced",
    }
    assert every <= found


def test_a_terms_key_is_worked_out_once():
    # looking a definition up compares its term with those of the definitions around it,
    # for every unit check blames: the key (quotes, case and spacing ignored) is remembered
    first = address.term_key('"Required   HOLDERS"')
    assert first == "required holders"
    assert address.term_key('"Required   HOLDERS"') is first


def test_a_unit_with_nothing_to_find_is_not_blamed_for_its_punctuation(generated, monkeypatch):
    # who wrote each word (blame) matters only next to a problem; the printed text, which
    # the spans spell, shows first whether there is one
    from agreement.check import punctuation

    history, failures, sources = generated
    blamed = _spy(monkeypatch, punctuation, "body_spans")
    found = check.run(history, failures, sources)
    assert not {"punctuation", "unbalanced"} & {f.rule for f in found}
    assert blamed == []


ARTICLED = st.lists(
    st.lists(
        st.sampled_from(
            ["the", "The", "such", "each", "any", "all", "every", "no", "nothe", "Non-the", "x-such", "Agent", "Fee"]
            + ["Warrant", "AGENT", "Co-Agent", "Agent's", "Fee\u2019s", "Party-", "of", ",", "\n", "  ", "\t", "é"]
        ),
        max_size=12,
    ).map(" ".join),
    max_size=5,
)


@given(ARTICLED)
@example(["the Non-the Agent Fee and such Co-Agent Warrant's", "no Agent\nFee", "x-such Agent Fee"])
def test_phrases_after_articles_are_found_as_one_pattern_finds_them(paragraphs):
    # terms finds "the Warrant Agent" article by article, each pattern opening with its
    # word, in the paragraphs joined: the same phrases, in the same order
    expected = [m.group(1) for para in paragraphs for m in terms._AFTER_ARTICLE.finditer(para)]
    assert list(terms._after_articles(paragraphs)) == expected


_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def _paragraphs(history) -> list[str]:
    return [para for _, _, para in check.Context(history, ()).paragraphs]


def test_a_cited_section_number_is_found_in_the_index_without_resolving_an_address(generated, monkeypatch):
    # most citations are plain section numbers ("8.4"): the version's index of numbers
    # answers them; an address is resolved only for the rest (clauses, exhibits, ranges)
    history, failures, sources = generated
    calls = _spy(monkeypatch, references, "resolve")
    found = check.run(history, failures, sources)
    resolved = {target for _, target in calls}
    missing = {f.message for f in found if f.rule == "reference-missing"}
    # a plain number resolved as an address is one the index lacks: reported missing
    assert all(any(f"Section {t}," in m for m in missing) for t in resolved if _PLAIN.fullmatch(t))
    # and the case cites plain numbers it has, which the index answered without resolving
    cited = {t for para in _paragraphs(history) for t, external in text.citations(para) if not external}
    answered = {t for t in cited if _PLAIN.fullmatch(t)} - resolved
    assert answered, "the case cites sections it has"
