"""Golden files: the seed example as conformed, checked by hand against the words of
Amendment No. 1 (shared/seeds: Sections 1 to 3) before they were committed.

Regenerate only on purpose, then read the diff:  AGREEMENT_REGENERATE=1 pytest tests/golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "symphony-exchange"
REGENERATE = os.environ.get("AGREEMENT_REGENERATE") == "1"

CASES = {
    "recitals.txt": ["show", "symphony-exchange", "--section", "recitals"],
    "section-1.txt": ["show", "symphony-exchange", "--section", "1"],
    "section-13.4.txt": ["show", "symphony-exchange", "--section", "13.4"],
    "conformed.txt": ["apply", "symphony-exchange"],
    "conformed.md": ["apply", "symphony-exchange", "--format", "markdown"],
    "redline.txt": ["redline", "symphony-exchange"],
    "redline.md": ["redline", "symphony-exchange", "--format", "markdown"],
    "redline.html": ["redline", "symphony-exchange", "--format", "html"],
    "redline.json": ["redline", "symphony-exchange", "--format", "json"],
    "redline.diff": ["redline", "symphony-exchange", "--format", "diff"],
    "redline-stat.txt": ["redline", "symphony-exchange", "--stat"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.output
    golden = HERE / name
    if REGENERATE:
        golden.write_text(result.stdout, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert result.stdout == expected, (
        f"{name} differs from the golden file {golden.relative_to(ROOT)}; if the change is intended, "
        "regenerate with `AGREEMENT_REGENERATE=1 pytest tests/golden` and read the diff before committing"
    )
