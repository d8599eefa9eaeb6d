"""The corpus of amendments as filed (tests/compiler/documents/): each case's documents
applied in order by the tool, every unit compared with the text conformed by hand.

The issue's property: no unit comes out wrong without a finding. An instruction the
compiler cannot read yet is acceptable (it refuses, listing it); a text that differs
from the hand-conformed one while nothing said so is not. Where the compiler reads every
instruction of an amendment, its touched units must be exactly the hand-conformed text.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.compiler import score_documents as corpus

CASES = corpus.cases()

KNOWN_CRASHES: dict[str, str] = {}
"""Cases a bug in the compiler fails outright (exit 1, nothing applied), each with the bug.
When it is fixed the test below passes unexpectedly: remove the entry."""


@functools.cache
def scored(case: str) -> corpus.Score:
    return corpus.score(case)


def test_the_corpus_is_the_size_the_issue_asks_for():
    specs = [corpus.load(c) for c in CASES]
    documents = [a for s in specs for a in s["amendments"]]
    assert len(documents) >= 8
    assert sum(len(s["amendments"]) >= 2 for s in specs) >= 3  # second amendments to an amended agreement
    assert all(a["expected"] for a in documents)
    # amendments as users hold them, in every form a reader takes, against bases in every form
    assert {Path(a["document"]).suffix for a in documents} == {".txt", ".htm", ".md", ".docx"}
    assert {corpus.base_document(s["base"]).suffix for s in specs} == {".txt", ".htm", ".md", ".docx"}
    for d in documents:
        assert any((corpus.CORPUS / c / d["document"]).is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES)
def test_no_unit_comes_out_wrong_without_a_finding(case):
    s = scored(case)
    assert s.wrong == 0, corpus.render([s])


@pytest.mark.parametrize("case", CASES)
def test_every_amendment_compiled_whole_gives_the_hand_conformed_text(case):
    s = scored(case)
    whole = [
        d
        for d in {i.amendment for i in s.instructions}
        if all(i.status == corpus.RIGHT or i.status == corpus.WRONG for i in s.instructions if i.amendment == d)
    ]
    if not whole:
        pytest.skip(f"{case}: every amendment has an instruction the compiler does not read yet")
    for d in whole:
        units = [u for u in s.units if u.amendment == d]
        assert units and all(u.status == corpus.RIGHT for u in units), corpus.render([s])


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_CRASHES[c], strict=True)) if c in KNOWN_CRASHES else c
        for c in CASES
    ],
)
def test_no_document_of_the_corpus_crashes_the_compiler(case):
    s = scored(case)
    assert not [i for i in s.instructions if i.status == corpus.CRASH], corpus.render([s])


# --- the score itself can fail: a wrong text, or a change nobody expected, is caught -----


def _copy_case(tmp_path: Path, case: str) -> tuple[Path, dict]:
    shutil.copytree(corpus.CORPUS / case, tmp_path / case)
    return tmp_path / case / "expected.yaml", corpus.load(case)


def _dump(path: Path, data: dict) -> None:
    yaml = YAML()
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)


def test_a_text_other_than_the_hand_conformed_one_is_wrong_without_a_finding(tmp_path):
    path, spec = _copy_case(tmp_path, "fir-lease")
    spec["amendments"][0]["expected"]["2"] = "The term of this Lease is seven years, beginning on October 1, 2016."
    _dump(path, spec)
    s = corpus.score("fir-lease", tmp_path)
    assert [(u.address, u.status) for u in s.units if u.status == corpus.WRONG] == [("2", corpus.WRONG)]
    assert [i.source for i in s.instructions if i.status == corpus.WRONG] == ["Section 2"]


def test_a_unit_changed_that_the_corpus_says_is_left_alone_is_wrong(tmp_path):
    path, spec = _copy_case(tmp_path, "fir-lease")
    del spec["amendments"][0]["expected"]["2"]
    spec["amendments"][0]["instructions"]["Section 2"] = []
    _dump(path, spec)
    s = corpus.score("fir-lease", tmp_path)
    assert [(u.address, u.status) for u in s.units if u.status == corpus.WRONG] == [("2", corpus.WRONG)]
    assert "WRONG WITHOUT A FINDING" in corpus.render([s])


def test_an_instruction_applied_alone_agrees_only_with_changes_the_hand_conformed_text_makes():
    prior = "(a) one; (b) two; and (c) three."
    expected = "(a) one; (b) [Reserved]; and (c) three, and four."
    assert corpus._consistent(prior, "(a) one; (b) [Reserved]; and (c) three.", expected)
    assert corpus._consistent(prior, "(a) one; (b) two; and (c) three, and four.", expected)
    assert not corpus._consistent(prior, "[Reserved]", expected)  # the whole unit, not clause (b)
    assert not corpus._consistent(prior, "(a) one; (b) [Reserved] and (c) three.", expected)  # its ';' lost
