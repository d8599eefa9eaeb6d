"""The same inputs give byte-identical outputs in every format, Word documents included."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from agreement.app import app

COMMANDS = (
    [["apply", "symphony-exchange", "--format", fmt] for fmt in ("text", "markdown", "json", "yaml", "html", "docx")]
    + [
        ["redline", "symphony-exchange", "--format", fmt]
        for fmt in ("text", "markdown", "html", "diff", "json", "docx")
    ]
    + [
        ["apply", "symphony-exchange", "--annotate", "--format", "docx"],
        ["show", "symphony-exchange", "--section", "13.4", "--blame", "--format", "json"],
        ["history", "symphony-exchange", "--format", "json"],
        ["check", "symphony-exchange", "--format", "json"],
    ]
)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_two_runs_write_the_same_bytes(args, chain_project, monkeypatch):
    outputs = []
    for n in range(2):
        if n:  # one run without the cache of parsed files, one with it: it must not matter
            monkeypatch.delenv("AGREEMENT_NO_CACHE", raising=False)
        else:
            monkeypatch.setenv("AGREEMENT_NO_CACHE", "1")
        target = chain_project / f"out-{n}"
        result = CliRunner().invoke(app, [*args, "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0]
