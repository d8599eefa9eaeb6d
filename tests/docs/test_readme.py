"""The README is part of the product: what it promises must match the code."""

from __future__ import annotations

import re
from pathlib import Path

from agreement.errors import ExitCode
from agreement.operations import REGISTRY
from agreement.writers import Format

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_readme_has_exactly_two_setup_commands_one_runs_the_example_one_the_tests():
    commands = _setup_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands), "each set-up command is one line"
    assert "agreement apply symphony-exchange" in commands[0]
    assert commands[1].rstrip().endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_every_exit_code_is_documented():
    table = README.split("## Errors and exit codes", 1)[1]
    documented = {int(n) for n in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    assert documented == {int(code) for code in ExitCode}


def test_every_operation_is_documented_with_its_required_fields():
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\w+)` \|[^|]*\| ([^|]*) \|", README, flags=re.M)}
    assert set(REGISTRY) <= set(rows), f"undocumented: {set(REGISTRY) - set(rows)}"
    for name, op in REGISTRY.items():
        for field, spec in op.fields.items():
            if spec.required:
                assert field in rows[name], f"{name}: required field {field!r} not in the README table"


def test_every_format_is_documented():
    for fmt in Format:
        assert f"`{fmt.value}`" in README
