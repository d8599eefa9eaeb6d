"""Golden files: the seed example as conformed, checked by hand against the words of
Amendment No. 1 (shared/seeds: Sections 1 to 3) before they were committed; and the
illustrative chain (Amendment No. 2 after it): every version, blame, history,
annotated copies, read by hand likewise.

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

SEED = ["--through", "amendment-no-1"]
CASES = {
    # the seed: Amendment No. 1, checked word for word against shared/seeds
    "recitals.txt": ["show", "symphony-exchange", "--section", "recitals", *SEED],
    "section-1.txt": ["show", "symphony-exchange", "--section", "1", *SEED],
    "section-13.4.txt": ["show", "symphony-exchange", "--section", "13.4", *SEED],
    "conformed.txt": ["apply", "symphony-exchange", *SEED],
    "conformed.md": ["apply", "symphony-exchange", "--format", "markdown", *SEED],
    "redline.txt": ["redline", "symphony-exchange", *SEED],
    "redline.md": ["redline", "symphony-exchange", "--format", "markdown", *SEED],
    "redline.html": ["redline", "symphony-exchange", "--format", "html", *SEED],
    "redline.json": ["redline", "symphony-exchange", "--format", "json", *SEED],
    "redline.diff": ["redline", "symphony-exchange", "--format", "diff", *SEED],
    "redline-stat.txt": ["redline", "symphony-exchange", "--stat", *SEED],
    "check.txt": ["check", "symphony-exchange", *SEED],
    "check-original.txt": ["check", "symphony-exchange", "--through", "original"],
    # the chain: every version, and who wrote what across both amendments
    "chain/13.4-original.txt": ["show", "symphony-exchange", "--section", "13.4", "--through", "original"],
    "chain/13.4-amendment-no-1.txt": ["show", "symphony-exchange", "--section", "13.4", *SEED],
    "chain/13.4-amendment-no-2.txt": ["show", "symphony-exchange", "--section", "13.4"],
    "chain/conformed-original.txt": ["apply", "symphony-exchange", "--through", "original"],
    "chain/conformed-amendment-no-2.txt": ["apply", "symphony-exchange"],
    "chain/blame-13.4.txt": ["show", "symphony-exchange", "--section", "13.4", "--blame"],
    "chain/blame-13.4.json": ["show", "symphony-exchange", "--section", "13.4", "--blame", "--format", "json"],
    "chain/blame-section-8.txt": ["show", "symphony-exchange", "--section", "8", "--blame"],
    "chain/history.txt": ["history", "symphony-exchange"],
    "chain/history-13.4.txt": ["history", "symphony-exchange", "--section", "13.4"],
    "chain/redline-1-to-2.txt": ["redline", "symphony-exchange", "--from", "amendment-no-1"],
    "chain/redline-0-to-2.txt": ["redline", "symphony-exchange"],
    "chain/annotated.txt": ["apply", "symphony-exchange", "--annotate"],
    "chain/annotated-footnotes.md": ["apply", "symphony-exchange", "--annotate", "--footnotes", "--format", "markdown"],
    "chain/check.txt": ["check", "symphony-exchange"],
    "chain/as-of-2004-07-01.txt": ["show", "symphony-exchange", "--section", "13.4", "--as-of", "2004-07-01"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.output
    golden = HERE / name
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert result.stdout == expected, (
        f"{name} differs from the golden file {golden.relative_to(ROOT)}; if the change is intended, "
        "regenerate with `AGREEMENT_REGENERATE=1 pytest tests/golden` and read the diff before committing"
    )
