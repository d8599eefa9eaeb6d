"""The commands of the README's "Many agreements" run as a user types them, on a folder
of contracts: the first conforms, the second finds everything unchanged, the manifest
and the Dask engine give the same copies."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(sys.executable).parent)


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Many agreements", 1)[1]
    block = re.search(r"```sh\n(.+?)\n```", section, flags=re.S)
    assert block, "the README's batch commands are gone"
    return [line for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("agreement", path=BIN) is None, reason="the agreement command is not installed")
def test_the_readme_batch_commands_run(tmp_path):
    pytest.importorskip("distributed")
    contracts = tmp_path / "contracts"
    shutil.copytree(ROOT / "agreements", contracts / "agreements")
    shutil.copytree(ROOT / "amendments", contracts / "amendments")
    line = {
        "agreement": "contracts/agreements/symphony-exchange.yaml",
        "amendments": sorted(
            f"contracts/amendments/symphony-exchange/{p.name}" for p in contracts.glob("amendments/*/*.yaml")
        ),
    }
    (tmp_path / "tasks.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    commands = _commands()
    assert len(commands) == 4 and "--engine dask" in commands[-1]
    outputs = []
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        outputs.append(done.stdout)
        if "--format" not in command:
            copy = tmp_path / "conformed" / "symphony-exchange.txt"
            assert (
                copy.read_bytes()
                == subprocess.run(
                    ["agreement", "apply", "symphony-exchange"], cwd=ROOT, env=env, capture_output=True
                ).stdout
            )
    assert "| ok |" in outputs[0] and "| unchanged |" in outputs[1]
    assert (tmp_path / "conformed" / "contracts" / "symphony-exchange.md").read_text(encoding="utf-8").startswith("# ")
