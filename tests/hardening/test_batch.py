"""`agreement batch`: every agreement under a folder, in parallel; one failure stops none."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.batch import Task, conform_one, run_all, tasks


@pytest.fixture
def folder(chain_project: Path) -> Path:
    """The whole example as the working directory, with one agreement that cannot be conformed."""
    (chain_project / "agreements" / "broken.yaml").write_text(
        "id: broken\ntitle: B\ndate: 2003-01-01\nsections: []\n", encoding="utf-8"
    )
    return chain_project


def test_every_agreement_is_conformed_and_one_failure_stops_none(folder):
    result = CliRunner().invoke(app, ["batch", ".", "-o", "out"])
    assert result.exit_code == 9
    assert (
        "agreements/broken.yaml | 0 | FAILED: agreements/broken.yaml:4:11: the agreement has no sections"
        in result.stdout
    )
    assert "1 of 2 conformed, 1 failed" in result.stdout
    direct = CliRunner().invoke(app, ["apply", "symphony-exchange"])
    assert (folder / "out" / "symphony-exchange.txt").read_text(encoding="utf-8") == direct.stdout


def test_copies_go_beside_their_agreements_without_an_output_folder(folder):
    (folder / "agreements" / "broken.yaml").unlink()
    result = CliRunner().invoke(app, ["batch", ".", "--format", "markdown"])
    assert result.exit_code == 0, result.stdout
    assert (folder / "agreements" / "symphony-exchange.conformed.md").read_text(encoding="utf-8").startswith("# ")


def test_a_folder_without_agreements_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(tmp_path)])
    assert result.exit_code == 2 and "no agreements" in result.stderr


def test_the_function_is_picklable_pure_and_runs_in_other_processes(folder):
    work = tasks(".")
    assert [Path(t.agreement).name for t in work] == ["broken.yaml", "symphony-exchange.yaml"]
    assert pickle.loads(pickle.dumps(conform_one)) is conform_one
    assert pickle.loads(pickle.dumps(work)) == work
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    first = [conform_one(t) for t in work]
    again = [conform_one(t) for t in work]
    assert [r._replace(seconds=0, cpu=0) for r in first] == [
        r._replace(seconds=0, cpu=0) for r in again
    ]  # same tasks, same results
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before  # and no input is touched
    parallel = sorted(run_all(work, jobs=2), key=lambda r: r.agreement)
    assert [(r.ok, r.output) for r in parallel] == [(r.ok, r.output) for r in first]
    assert Task("x.yaml", ()) == Task("x.yaml", (), "text")


def _run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the tool with standard error on a pseudo-terminal and standard output on a pipe."""
    import os
    import pty
    import subprocess
    import sys

    main, sub = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "AGREEMENT_NO_CACHE": "1"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "agreement", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=sub, env=env
    )
    os.close(sub)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(main)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


def test_a_progress_bar_is_drawn_on_a_terminal_and_kept_out_of_the_table(folder):
    code, table, terminal = _run_with_terminal_stderr(["batch", ".", "-o", "out"], folder)
    assert code == 9
    assert "conforming" in terminal and "\x1b[" in terminal
    assert "1 failed" in terminal and "/s" in terminal  # done of all, failed, per second (and time left)
    assert "\x1b[" not in table and "conforming" not in table
    assert table.startswith("agreement | amendments | result | output")


def test_no_progress_bar_when_standard_error_is_not_a_terminal(folder):
    """Piped or redirected (a log file, CI), standard error stays free of the bar: the run
    writes nothing there at all, colours or not."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "AGREEMENT_NO_CACHE": "1", "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "agreement", "batch", ".", "-o", "out"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 9
    assert done.stderr == ""
    assert "1 of 2 conformed, 1 failed" in done.stdout and "\x1b[" not in done.stdout


def test_no_progress_bar_when_quiet(folder):
    code, table, terminal = _run_with_terminal_stderr(["--quiet", "batch", ".", "-o", "out"], folder)
    assert code == 9 and "conforming" not in terminal
    assert "1 of 2 conformed" in table


def test_filed_text_agreements_are_conformed_and_their_copies_not_taken_for_agreements(tmp_path, monkeypatch):
    fixtures = Path(__file__).resolve().parents[1] / "readers" / "fixtures"
    (tmp_path / "agreements").mkdir()
    for name in ("fir-lease.txt", "alder-supply.txt"):
        (tmp_path / "agreements" / name).write_bytes((fixtures / name).read_bytes())
    (tmp_path / "amendments" / "fir-lease").mkdir(parents=True)
    (tmp_path / "amendments" / "fir-lease" / "001-first-amendment.yaml").write_bytes(
        (fixtures / "amendments" / "fir-lease" / "001-first-amendment.yaml").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(app, ["batch", "."])
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "agreements/fir-lease.txt | 1 | ok | agreements/fir-lease.conformed.txt" in first.stdout
    direct = CliRunner().invoke(app, ["apply", "agreements/fir-lease.txt"])
    assert (tmp_path / "agreements" / "fir-lease.conformed.txt").read_text(encoding="utf-8") == direct.stdout
    again = CliRunner().invoke(app, ["batch", "."])  # the copies written beside them are not agreements
    assert again.exit_code == 0 and "2 of 2 conformed" in again.stdout


def test_a_copy_that_cannot_be_written_is_that_agreement_s_failure_only(tmp_path, monkeypatch):
    from tests.support.archive import write_archive

    write_archive(tmp_path / "in", 2, folders=2)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-1").write_text("a file where part-1's copies would go", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["batch", "in", "-o", "out", "--log", "run.jsonl"])
    assert result.exit_code == 9
    assert "in/part-0/agreements/g0000.yaml | 2 | ok | out/part-0/g0000.txt" in result.stdout
    assert "in/part-1/agreements/g0001.yaml | 2 | FAILED: out/part-1: the folder cannot be made" in result.stdout
    failed = [json.loads(line) for line in (tmp_path / "run.jsonl").read_text().splitlines()][1]
    assert failed["outcome"] == "failed" and failed["exit_code"] == 6


def test_documents_as_filed_are_taken_agreements_and_amendments_alike(tmp_path, monkeypatch):
    """An archive as a team holds it: agreements filed as EDGAR text, HTML, Word and Markdown,
    and amendment documents in those forms in an agreement's amendments/ folder, each
    copy the one `apply` prints with those files named."""
    from tests.support.archive import filed_amendment, write_archive

    fixtures = Path(__file__).resolve().parents[1] / "readers" / "fixtures"
    write_archive(tmp_path, 4)
    for i, fmt in enumerate(("htm", "md", "docx", "txt")):
        folder = tmp_path / "amendments" / f"g{i:04d}"
        (folder / "001-amendment-no-1.yaml").unlink()
        filed_amendment(fmt, folder / f"001-amendment-no-1.{fmt}")
    for name in ("hazel-nda.htm", "ivy-services.docx", "juniper-consulting.md", "fir-lease.txt"):
        (tmp_path / "agreements" / name).write_bytes((fixtures / name).read_bytes())
    (tmp_path / "amendments" / "fir-lease").mkdir()
    (tmp_path / "amendments" / "fir-lease" / "001-first-amendment.yaml").write_bytes(
        (fixtures / "amendments" / "fir-lease" / "001-first-amendment.yaml").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["batch", ".", "-o", "out", "-j", "2"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "8 of 8 conformed, 0 failed" in result.stdout
    for i, fmt in enumerate(("htm", "md", "docx", "txt")):
        ident = f"g{i:04d}"
        assert f"agreements/{ident}.yaml | 2 | ok | out/{ident}.txt" in result.stdout  # the document is counted
        files = sorted(str(p) for p in (tmp_path / "amendments" / ident).iterdir())
        assert files[0].endswith(f"001-amendment-no-1.{fmt}")
        direct = CliRunner().invoke(app, ["apply", f"agreements/{ident}.yaml", *files])
        assert direct.exit_code == 0, direct.stderr
        assert (tmp_path / "out" / f"{ident}.txt").read_text(encoding="utf-8") == direct.stdout
    for name in ("hazel-nda.htm", "ivy-services.docx", "juniper-consulting.md", "fir-lease.txt"):
        direct = CliRunner().invoke(app, ["apply", f"agreements/{name}"])
        assert direct.exit_code == 0, direct.stderr
        assert (tmp_path / "out" / f"{Path(name).stem}.txt").read_text(encoding="utf-8") == direct.stdout
