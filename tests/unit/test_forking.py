"""Work beside the main process (forking.py), and `check` splitting its rules with it:
the child's result when it gives one, None whenever it cannot (the caller then does the
work itself), a child never left behind; and the same findings split or not."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from benchmarks.generate import write

from agreement import check, forking
from agreement.check import references
from agreement.engine import apply_all_possible
from agreement.pipeline import read_inputs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")


def _gone(pid: int) -> bool:
    """Whether the child has been reaped (no zombie left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_childs_value_comes_back() -> None:
    beside = forking.Beside(lambda: {"pid": os.getpid(), "words": ["Section 8.4", "\u00a7 2"]})
    pid = beside._pid
    got = beside.result()
    assert got is not None and got["words"] == ["Section 8.4", "\u00a7 2"]
    assert got["pid"] == pid != os.getpid()  # worked out in the child
    assert _gone(pid)


def test_a_child_that_raises_gives_none() -> None:
    beside = forking.Beside(lambda: 1 / 0)
    assert beside.result() is None


def test_a_value_that_does_not_pickle_gives_none() -> None:
    beside = forking.Beside(lambda: lambda: None)
    assert beside.result() is None


def test_a_killed_child_gives_none() -> None:
    def slow() -> str:
        time.sleep(30)
        return "never"

    beside = forking.Beside(slow)
    os.kill(beside._pid, signal.SIGKILL)
    assert beside.result() is None


def test_a_cancelled_child_is_stopped_and_reaped() -> None:
    beside = forking.Beside(lambda: time.sleep(30))
    pid = beside._pid
    started = time.monotonic()
    beside.cancel()
    assert time.monotonic() - started < 10
    assert _gone(pid)
    assert beside.result() is None


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("generated")
    agreement, _ = write(out, 60, 6, 12, seed=2)
    inputs = read_inputs(str(agreement), None)
    history, failures = apply_all_possible(inputs.base, inputs.amendments())
    return history, failures, (inputs.base_src, *inputs.sources)


def test_check_gives_the_same_findings_split_or_not(generated) -> None:
    history, failures, sources = generated
    alone = check.run(history, failures, sources, split=False)
    split = check.run(history, failures, sources, split=True)
    assert split == alone
    assert any(f.rule.startswith("term") for f in alone)  # the terms rule, worked out beside, found some


def test_check_does_the_terms_itself_when_the_child_fails(generated, monkeypatch) -> None:
    history, failures, sources = generated
    alone = check.run(history, failures, sources, split=False)
    monkeypatch.setattr(forking.Beside, "result", lambda self: self.cancel())
    assert check.run(history, failures, sources, split=True) == alone


def test_check_stops_the_child_when_a_rule_here_fails(generated, monkeypatch) -> None:
    history, failures, sources = generated
    started: list[forking.Beside] = []
    real = forking.Beside.__init__

    def remember(self, work):
        real(self, work)
        started.append(self)

    def broken(context):
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(forking.Beside, "__init__", remember)
    monkeypatch.setattr(references, "run", broken)
    with pytest.raises(RuntimeError, match="a rule failed"):
        check.run(history, failures, sources, split=True)
    assert started and started[0]._pid is None  # cancelled and reaped


def test_only_a_large_agreement_is_split(generated, monkeypatch) -> None:
    history, failures, sources = generated
    made: list[int] = []
    real = forking.Beside.__init__
    monkeypatch.setattr(forking.Beside, "__init__", lambda self, work: made.append(1) or real(self, work))
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    check.run(history, failures, sources)
    assert made == []  # 60 sections: under SPLIT_FROM
    monkeypatch.setattr(check, "SPLIT_FROM", 1)
    check.run(history, failures, sources)
    assert made == [1]


def test_no_fork_but_on_linux(monkeypatch) -> None:
    monkeypatch.setattr(forking.sys, "platform", "darwin")
    assert forking.can_fork() is False


def test_no_fork_from_a_process_running_threads(monkeypatch) -> None:
    monkeypatch.setattr(forking.threading, "active_count", lambda: 2)
    assert forking.can_fork() is False


@pytest.mark.parametrize(
    ("running", "cores", "expected"),
    [(1, 2, True), (2, 2, False), (3, 2, False), (3, 8, True), (1, 1, False)],
)
def test_a_child_goes_to_a_core_only_when_they_are_not_all_busy_now(
    monkeypatch, running: int, cores: int, expected: bool
) -> None:
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    monkeypatch.setattr(forking, "_running", lambda: running)
    monkeypatch.setattr(forking.os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert forking.can_fork() is expected


@pytest.mark.skipif(not Path("/proc/loadavg").exists(), reason="the kernel's count is Linux's")
def test_the_tasks_running_now_are_read_from_the_kernel() -> None:
    assert forking._running() >= 1  # this process, reading
