"""Golden files: every finding of `agreement check` (text and JSON) on a generated case
roughened so that every rule finds something (benchmarks/generate.py, then
benchmarks/check_findings.py's `roughen`): what a speed-up of the check must leave
byte-identical. Made by the check as it stood before it was sped up (issue 17), and
read: the findings name the faults roughen put in, where it put them.

Regenerate only on purpose, then read the diff:  AGREEMENT_REGENERATE=1 pytest tests/golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.check_findings import roughen
from benchmarks.generate import write
from typer.testing import CliRunner

from agreement.app import app

HERE = Path(__file__).parent / "check"
REGENERATE = os.environ.get("AGREEMENT_REGENERATE") == "1"


@pytest.fixture(scope="module")
def rough(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("rough")
    write(case, 60, 6, 12, seed=2)
    roughen(case)
    return case


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_findings(fmt: str, rough: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(rough)
    result = CliRunner().invoke(app, ["check", "bench", "--format", fmt])
    assert result.exit_code == 7, result.output  # errors among the findings
    golden = HERE / f"rough.{'txt' if fmt == 'text' else 'json'}"
    if REGENERATE:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"the findings differ from the golden file {golden.name}; if the change is intended, "
        "regenerate with `AGREEMENT_REGENERATE=1 pytest tests/golden` and read the diff before committing"
    )
