"""Every example of "Using it in pipelines" in the README runs, as a user types it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(sys.executable).parent)


def _examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Using it in pipelines", 1)[1]
    block = re.search(r"```sh\n(.+?)\n```", section, flags=re.S)
    assert block, "the README's pipeline examples are gone"
    return [line for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("agreement", path=BIN) is None, reason="the agreement command is not installed")
@pytest.mark.parametrize("command", _examples())
def test_the_readme_pipeline_example_runs(command, chain_project):
    for tool in ("jq", "grep"):
        if f"| {tool}" in command and shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed; .ci/run installs it")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=chain_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "every example prints something"
    assert "\x1b[" not in done.stdout
