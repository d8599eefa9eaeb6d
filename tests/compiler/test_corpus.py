"""Every instruction of the corpus compiles to exactly its expected operations, or is
reported as needing review for the expected reason; none is compiled wrongly without a
finding (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.compiler.corpus_check import Item, items, judge, judge_all

ITEMS = items()


def test_the_corpus_is_at_least_sixty_instructions():
    assert len(ITEMS) >= 60
    assert len({i.id for i in ITEMS}) == len(ITEMS)


@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_instruction_compiles_exactly_or_is_a_finding(item: Item):
    verdict = judge(item)
    assert verdict.outcome == "right", verdict.why


def test_the_readme_reports_the_score_the_script_prints():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    verdicts = judge_all()
    total = len(verdicts)
    right = sum(v.outcome == "right" for v in verdicts)
    wrong = sum(v.outcome == "wrong" for v in verdicts)
    assert re.search(rf"instructions: {total} \(", readme), "README: the corpus size"
    assert f"exactly right: {right}/{total} ({100 * right / total:.1f}%)" in readme
    assert f"compiled wrongly without a finding: {wrong}" in readme
