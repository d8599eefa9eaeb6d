"""What a command pays for before it answers: only the modules and the options it uses.

Issue 17 asks that what a command does not need is not imported on its path. These
tests run the real entry point (`agreement.app:run`) in a fresh interpreter and read
which modules it imported (`python -X importtime`) and which commands Typer built.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = ["show", "symphony-exchange", "--section", "13.4"]

# Count the commands Typer turns into Click commands, then run the entry point as the
# console script does.
_COUNTING = """
import sys
import typer.main as tm
built = tm.get_command_from_info
def counted(*a, **k):
    sys.stderr.write("built a command\\n")
    return built(*a, **k)
tm.get_command_from_info = counted
sys.argv = ["agreement", *sys.argv[1:]]
from agreement.app import run
run()
"""


def _run(args: list[str], *flags: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGREEMENT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("AGREEMENT_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, *flags, "-m", "agreement", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _imported(stderr: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^import time:.*\|\s*(\S+)\s*$", stderr, re.M)}


def test_show_on_a_warm_cache_imports_neither_parser_nor_operations_nor_writers(tmp_path: Path) -> None:
    first = _run(SHOW, cache=tmp_path)
    assert first.returncode == 0, first.stderr
    warm = _run(SHOW, "-X", "importtime", cache=tmp_path)
    assert warm.returncode == 0
    assert warm.stdout == first.stdout
    imported = _imported(warm.stderr)
    assert "agreement.pipeline" in imported  # the reading of the files is there
    never = {
        "ruamel.yaml",  # the history comes from the cache: no file is parsed
        "agreement.operations.units",  # nor applied: no operation runs
        "agreement.operations.locate",
        "agreement.analyses.redline",
        "diff_match_patch",
        "docx",
        "lxml",
        "rich",
        "pickle",  # the cache decodes with _pickle, without pickle.py and struct
        "tempfile",  # nothing is written to the cache
    }
    assert imported & never == set()


def _built(args: list[str]) -> tuple[int, subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _COUNTING, *args],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        capture_output=True,
        text=True,
    )
    return done.stderr.count("built a command\n"), done


def test_a_command_named_outright_is_the_only_one_typer_builds() -> None:
    count, done = _built(["-q", *SHOW])
    assert done.returncode == 0, done.stderr
    assert count == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],  # lists every command
        ["shw", "x"],  # "did you mean 'show'?"
        ["--version"],
    ],
)
def test_a_command_line_that_names_no_command_builds_them_all(args: list[str]) -> None:
    count, done = _built(args)
    assert count == 9, done.stderr
    if args[0] == "shw":
        assert "did you mean 'show'?" in done.stderr


def test_a_command_alone_reports_usage_errors_as_with_every_command_built() -> None:
    """The help and the errors of a command do not depend on which others were built."""
    full = "import sys; sys.argv[0] = 'agreement'; from agreement.app import app; app()"
    for args in (["show", "--help"], ["show"], ["show", "x", "--bogus"], ["redline", "x", "--format", "nope"]):
        _, alone = _built(args)
        every = subprocess.run(
            [sys.executable, "-c", full, *args],
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
            capture_output=True,
            text=True,
        )
        assert (alone.stdout, alone.returncode) == (every.stdout, every.returncode), args
        assert alone.stderr.replace("built a command\n", "") == every.stderr, args


def test_importing_the_command_line_leaves_the_garbage_collector_as_it_was() -> None:
    """app.py pauses the collector while Typer imports; a program that imports the
    module (the tests, a notebook) finds it as it left it."""
    code = "import gc, sys; gc.{}(); import agreement.app; print(gc.isenabled(), 'typer' in sys.modules)"
    for switch, expected in (("enable", "True True"), ("disable", "False True")):
        done = subprocess.run([sys.executable, "-c", code.format(switch)], capture_output=True, text=True)
        assert done.stdout.strip() == expected, done.stderr


def test_no_garbage_collection_runs_while_typer_is_imported() -> None:
    code = (
        "import gc, sys, agreement\n"
        "inside = []\n"
        "def seen(phase, info):\n"
        "    f = sys._getframe().f_back\n"
        "    while f is not None:\n"
        "        if phase == 'start' and '/typer/' in f.f_code.co_filename.replace(chr(92), '/'):\n"
        "            inside.append(f.f_code.co_filename)\n"
        "            break\n"
        "        f = f.f_back\n"
        "gc.callbacks.append(seen)\n"
        "import agreement.app\n"
        "print(len(inside))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "0", done.stderr
