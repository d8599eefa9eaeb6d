"""`agreement batch` on its engines: a generated archive conformed by the local process
pool and by Dask on a real LocalCluster gives the same copies byte for byte; a worker
killed mid-run, a run interrupted and resumed, an input changed between runs, a manifest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.batch import Pace, Result, Task, conform_all, conform_one, folder_tasks, window_most
from agreement.engines import local_pool
from tests.support.archive import tree, write_archive
from tests.support.dying import POISONED, dies_on_the_poisoned_one

distributed = pytest.importorskip("distributed")

COUNT = 210
BROKEN = (7, 101)
REVIEW = (13, 150)
FILED = (20, 21, 180)


def _batch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "AGREEMENT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "agreement", "batch", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    write_archive(root / "in", COUNT, broken=BROKEN, needs_review=REVIEW, filed=FILED, folders=2)
    return root


@pytest.fixture(scope="module")
def local(archive) -> tuple[subprocess.CompletedProcess, dict[str, bytes]]:
    """The archive conformed by the local process pool: what every other run must equal."""
    done = _batch(str(archive / "in"), "-o", str(archive / "local"), "-j", "2", "--log", str(archive / "local.jsonl"))
    return done, tree(archive / "local")


def _records(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_local_pool_conforms_the_archive_and_logs_each_agreement(archive, local):
    done, copies = local
    assert done.returncode == 9, done.stderr
    assert len(copies) == COUNT - len(BROKEN) - len(REVIEW)
    assert "part-1/g0001.txt" in copies and "part-0/g0000.txt" in copies  # each folder's place kept under -o
    assert f"{COUNT - 4} of {COUNT} conformed, 4 failed" in done.stdout
    records = {Path(r["agreement"]).stem: r for r in _records(archive / "local.jsonl")}
    assert len(records) == COUNT
    assert {i: records[f"g{i:04d}"]["exit_code"] for i in (*BROKEN, *REVIEW)} == {7: 3, 101: 3, 13: 11, 150: 11}
    assert all(records[f"g{i:04d}"]["outcome"] == "ok" for i in FILED)  # a filed amendment is compiled and applied
    ok = records["g0000"]
    assert ok["outcome"] == "ok" and ok["exit_code"] == 0 and len(ok["sha256"]) == 64 and ok["seconds"] > 0
    assert Path(ok["output"]).read_bytes() == copies["part-0/g0000.txt"]
    # the copies are the ones `agreement apply` prints
    one = subprocess.run(
        [sys.executable, "-m", "agreement", "apply", "agreements/g0002.yaml"],
        cwd=archive / "in" / "part-0",
        capture_output=True,
        timeout=60,
    )
    assert one.stdout == copies["part-0/g0002.txt"]


def test_dask_on_a_local_cluster_gives_the_same_copies_byte_for_byte(archive, local):
    done = _batch(str(archive / "in"), "-o", str(archive / "dask"), "--engine", "dask", "-j", "2")
    assert done.returncode == local[0].returncode == 9, done.stderr
    assert tree(archive / "dask") == local[1]
    assert done.stdout.replace(str(archive / "dask"), "OUT") == local[0].stdout.replace(str(archive / "local"), "OUT")


def test_dask_says_nothing_on_standard_error_when_another_cluster_holds_its_usual_port(tmp_path):
    """Piped, standard error stays empty: Dask's scheduler warned there that port 8787 was
    taken (by any other cluster on the machine) and that it used another."""
    import socket

    write_archive(tmp_path / "in", 2)
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8787))
        taken.listen()
    except OSError:
        pass  # taken already: as good
    try:
        done = _batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "dask", "-j", "1")
    finally:
        taken.close()
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_worker_killed_mid_run_is_replaced_and_every_copy_is_written(archive, local):
    from agreement.engines import dask_cluster

    out = archive / "killed"
    work = folder_tasks(str(archive / "in"), "text", str(out), write=True)
    results: list[Result] = []
    with dask_cluster(None, 2) as engine:
        pids = sorted(engine.client.run(os.getpid).values())
        assert len(pids) == 2
        for result in conform_all(work, engine.executor, workers=engine.workers, worker_lost=engine.worker_lost):
            results.append(result)
            if len(results) == 40:
                os.kill(pids[0], signal.SIGKILL)
        after = sorted(engine.client.run(os.getpid).values())
    assert pids[0] not in after  # the worker was killed (its nanny starts another, in its own time)
    assert len(results) == COUNT
    assert sum(not r.ok for r in results) == 4
    assert any(r.attempts == 2 for r in results)  # what the dead worker was running was run again
    assert tree(out) == local[1]


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_the_client_holds_no_agreement_once_its_result_is_out(tmp_path, engine):
    """Memory on the client stays flat however many agreements a run has: after 1,000, no
    more of their tasks are alive in it than the window in flight (Dask's debugging logs of
    recent messages kept every one: 1.2 kB an agreement, in the process that runs the
    LocalCluster's scheduler)."""
    import gc

    from agreement.engines import dask_cluster

    work = (Task(str(tmp_path / f"{i:04d}" / "agreements" / "a.yaml"), ()) for i in range(1000))  # none there
    with dask_cluster(None, 2) if engine == "dask" else local_pool(2) as running:
        window = window_most(running.workers)  # however the calls are sized: here 256
        results = conform_all(
            work,
            running.executor,
            workers=running.workers,
            worker_lost=running.worker_lost,
            renew=running.renew if running.replace else None,
        )
        failed = sum(not r.ok and r.exit_code == 3 for r in results)
        gc.collect()
        alive = sum(isinstance(o, (Task, Result)) for o in gc.get_objects())
    assert failed == 1000
    assert alive <= window


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_run_collects_its_garbage_though_the_command_turned_the_collector_off(engine):
    """`agreement` turns the cyclic collector off for its one-shot commands; a batch run
    turns it back on in the client (which hosts a LocalCluster's scheduler) and in every
    pool process, else each keeps the cycles of every agreement it conformed."""
    import gc

    from agreement.engines import dask_cluster

    gc.disable()  # as agreement.app.run does
    try:
        with dask_cluster(None, 1) if engine == "dask" else local_pool(1) as running:
            client = gc.isenabled()
            worker = running.executor.submit(gc.isenabled).result(timeout=60)
            set_aside = running.executor.submit(gc.get_freeze_count).result(timeout=60)
        after = gc.isenabled()
    finally:
        gc.enable()
    assert client and worker
    assert set_aside > 0  # what the worker started with is out of the collector's sight
    assert not after  # the command's own setting is given back


def test_dask_workers_allocate_memory_as_the_pool_processes_do(monkeypatch):
    """Dask's nanny gives its workers MALLOC_TRIM_THRESHOLD_=65536, which also turns off
    glibc's sliding mmap threshold: every large block of a large agreement was mapped and
    unmapped again (a worker's system time 4 times a pool process's). Ours start with the
    client's environment, as a pool process does."""
    from agreement.engines import dask_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with dask_cluster(None, 1) as running:
        trim = running.executor.submit(os.environ.get, "MALLOC_TRIM_THRESHOLD_").result(timeout=60)
    assert trim is None


def _dies(task: Task) -> Result:
    """conform_one, except that g0003's worker always dies and g0005's dies the first time."""
    name = Path(task.agreement).stem
    if name == "g0003":
        os._exit(1)
    if name == "g0005":
        marker = Path(task.output).with_suffix(".died")
        if not marker.exists():
            marker.write_text("once", encoding="utf-8")
            os._exit(1)
    return conform_one(task)


@pytest.mark.parametrize("chunk", [1, 3])
def test_a_dead_worker_s_task_is_retried_once_then_recorded_failed(tmp_path, chunk):
    write_archive(tmp_path / "in", 12)
    work = list(folder_tasks(str(tmp_path / "in"), "text", str(tmp_path / "out"), write=True))
    (tmp_path / "out").mkdir()
    with local_pool(2) as engine:
        results = list(
            conform_all(
                work, engine.executor, chunk=chunk, worker_lost=engine.worker_lost, renew=engine.renew, function=_dies
            )
        )
    by = {Path(r.agreement).stem: r for r in results}
    assert [Path(r.agreement).stem for r in results] == [f"g{i:04d}" for i in range(12)]
    # g0003 killed its worker: it brought the pool down, then died twice run alone
    assert not by["g0003"].ok and by["g0003"].attempts == 3 and by["g0003"].exit_code == 1
    assert "died twice" in by["g0003"].message
    assert by["g0005"].ok and by["g0005"].attempts >= 2  # died once: the second time it was conformed
    assert sum(r.ok for r in results) == 11
    assert (tmp_path / "out" / "g0005.txt").is_file() and not (tmp_path / "out" / "g0003.txt").exists()


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_one_agreement_that_kills_its_worker_fails_alone_not_its_neighbours(tmp_path, engine):
    """A death takes down more than the agreement that caused it (a pool breaks whole; a dead
    Dask worker fails the call queued behind the one it was running), and nothing says which
    was the cause: every agreement lost is run again alone, and only a death while running
    alone counts. On one worker, g0003's neighbours queued behind it go down with it twice."""
    from agreement.engines import dask_cluster

    write_archive(tmp_path / "in", 12)
    work = list(folder_tasks(str(tmp_path / "in"), "text", str(tmp_path / "out"), write=True))
    (tmp_path / "out").mkdir()
    with dask_cluster(None, 1) if engine == "dask" else local_pool(1) as running:
        results = list(
            conform_all(
                work,
                running.executor,
                workers=running.workers,
                chunk=1,
                worker_lost=running.worker_lost,
                renew=running.renew if running.replace else None,
                function=dies_on_the_poisoned_one,
            )
        )
    by = {Path(r.agreement).stem: r for r in results}
    assert [Path(r.agreement).stem for r in results] == [f"g{i:04d}" for i in range(12)]
    failed = {name: r.message for name, r in by.items() if not r.ok}
    assert failed == {POISONED: "the worker conforming it died twice (killed, or out of memory)"}
    assert by[POISONED].attempts == 3 and by[POISONED].exit_code == 1  # lost, then died alone twice
    assert any(r.ok and r.attempts == 2 for r in results)  # a neighbour went down with it, and was conformed alone
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"g{i:04d}.txt" for i in range(12) if i != 3]


def test_a_call_carries_as_many_agreements_as_take_a_quarter_second():
    pace = Pace()
    assert pace.chunk == 1  # nothing measured yet
    for _ in range(10):
        pace.observe(0.01)
    assert pace.chunk == 25
    pace.observe(30.0)  # one slow agreement (a worker's first, importing) does not set the pace
    assert pace.chunk == 25
    for _ in range(64):
        pace.observe(0.5)
    assert pace.chunk == 1  # large agreements: one a call
    for _ in range(64):
        pace.observe(0.0001)  # skipped as unchanged: a hash each
    assert pace.chunk == 32  # at most
    assert pace.window(workers=2) == 4 * 32 * 2 == window_most(2)
    assert Pace(fixed=3).chunk == 3


def _slow_to_come_back(task: Task) -> Result:
    """An agreement on a busy machine: a second of wall time, a millisecond of CPU."""
    return Result(task.agreement, True, "copy", 0, "", 0, seconds=1.0, cpu=0.001)


def test_calls_are_sized_by_cpu_time_not_by_how_long_agreements_take_to_come_back():
    """On a busy machine an agreement comes back later while costing the same: calls sized
    by the clock shrank just when what a call costs told most."""
    from concurrent.futures import ThreadPoolExecutor

    sizes: list[int] = []

    class Counting(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            sizes.append(len(args[1]))
            return super().submit(fn, *args, **kwargs)

    work = [Task(f"{i:04d}.yaml", ()) for i in range(1000)]
    with Counting(2) as executor:
        results = list(conform_all(work, executor, workers=2, function=_slow_to_come_back))
    assert [r.agreement for r in results] == [t.agreement for t in work]
    assert sizes[:8] == [1] * 8  # four calls a worker, of one until the pace is known
    assert max(sizes) == 32  # a quarter second of CPU is 250 of these: 32 at most
    assert len(sizes) <= 8 + 1000 / 32 + 1  # then whole calls only: no gap filled with a small one


def test_an_interrupted_run_stops_cleanly_and_a_rerun_resumes_from_its_log(archive, local):
    out, log = archive / "resumed", archive / "resumed.jsonl"
    env = {**os.environ, "NO_COLOR": "1", "AGREEMENT_NO_CACHE": "1"}
    args = [sys.executable, "-m", "agreement", "batch", str(archive / "in"), "-o", str(out), "--log", str(log)]
    proc = subprocess.Popen([*args, "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 15):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "resume" in stderr
    first = _records(log)
    assert 15 <= len(first) < COUNT
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no half-written copy
    written = tree(out)
    assert written == {k: v for k, v in local[1].items() if k in written}
    assert {f"{r['agreement']}" for r in first if r["outcome"] == "ok"} == {
        str(p) for p in (archive / "in").rglob("g*.yaml") if (out / p.parent.parent.name / f"{p.stem}.txt").exists()
    }

    again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 9, again.stderr
    second = _records(log)[len(first) :]
    assert len(second) == COUNT
    skipped = {r["agreement"] for r in second if r["outcome"] == "skipped"}
    assert skipped == {r["agreement"] for r in first if r["outcome"] == "ok"}
    assert tree(out) == local[1]
    assert f"({len(skipped)} unchanged, not conformed again)" in again.stdout

    # an input changed since: only that agreement is conformed again; --force redoes all
    changed = archive / "in" / "part-0" / "amendments" / "g0000" / "002-amendment-no-2.yaml"
    original = changed.read_bytes()
    changed.write_bytes(original + b"\n# a comment changes the file, not the copy\n")
    try:
        third = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        redone = [r for r in _records(log)[len(first) + COUNT :] if r["outcome"] == "ok"]
        assert [Path(r["agreement"]).stem for r in redone] == ["g0000"]
        forced = subprocess.run([*args, "--force"], capture_output=True, text=True, env=env, timeout=300)
        assert third.returncode == forced.returncode == 9
        assert not [r for r in _records(log)[len(first) + 2 * COUNT :] if r["outcome"] == "skipped"]
    finally:
        changed.write_bytes(original)


def _children(pid: int) -> list[int]:
    """The processes `pid` forked that run what it runs (a process pool's workers), from /proc."""
    mine = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                if (entry / "cmdline").read_bytes() == mine:
                    found.append(int(entry.name))
        except (OSError, IndexError):
            continue
    return found


def _wait_for_records(log: Path, count: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and len(log.read_text(encoding="utf-8").splitlines()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{log}: fewer than {count} records (exit {proc.poll()})")


def test_a_pool_process_killed_mid_run_the_command_still_writes_every_copy(archive, local):
    out, log = archive / "pool-killed", archive / "pool-killed.jsonl"
    env = {**os.environ, "NO_COLOR": "1", "AGREEMENT_NO_CACHE": "1"}
    args = [sys.executable, "-m", "agreement", "batch", str(archive / "in"), "-o", str(out), "--log", str(log)]
    proc = subprocess.Popen([*args, "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    _wait_for_records(log, 20, proc)
    workers = _children(proc.pid)
    assert workers, "no pool process found"
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 9, stderr  # the four broken on purpose, and no other
    assert f"{COUNT - 4} of {COUNT} conformed, 4 failed" in stdout
    records = _records(log)
    assert len(records) == COUNT and any(r["attempts"] >= 2 for r in records)  # what it was running ran again
    assert tree(out) == local[1]


def test_dask_interrupted_at_the_terminal_stops_cleanly_and_a_rerun_resumes(archive, local):
    """Ctrl-C at a terminal reaches every process of the group (the command, the cluster's
    nannies and workers): the command stops handing out work, logs what finished, exits 130;
    the same command again skips what was written and writes the rest."""
    out, log = archive / "dask-resumed", archive / "dask-resumed.jsonl"
    env = {**os.environ, "NO_COLOR": "1", "AGREEMENT_NO_CACHE": "1"}
    args = [sys.executable, "-m", "agreement", "batch", str(archive / "in"), "-o", str(out), "--log", str(log)]
    # one worker: what is in flight at the stop (at most window_most(1), 128) is less than the archive
    assert 20 + window_most(1) < COUNT
    args += ["--engine", "dask", "-j", "1"]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    _wait_for_records(log, 20, proc)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again to resume" in stderr
    first = _records(log)
    assert 20 <= len(first) < COUNT
    assert all(r["outcome"] == "ok" or r["exit_code"] in (3, 11) for r in first)  # no task lost to the stop
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no half-written copy
    written = tree(out)
    assert written == {k: v for k, v in local[1].items() if k in written}
    assert len(written) == sum(r["outcome"] == "ok" for r in first)  # every copy written is logged

    again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 9, again.stderr
    second = _records(log)[len(first) :]
    assert len(second) == COUNT
    assert {r["agreement"] for r in second if r["outcome"] == "skipped"} == {
        r["agreement"] for r in first if r["outcome"] == "ok"
    }
    assert tree(out) == local[1]


def test_a_manifest_names_agreements_laid_out_any_way(tmp_path):
    write_archive(tmp_path / "in", 3)
    (tmp_path / "in" / "amendments" / "g0001" / "002-amendment-no-2.yaml").unlink()
    lines = [
        {"agreement": "in/agreements/g0002.yaml", "amendments": ["in/amendments/g0002/001-amendment-no-1.yaml"]},
        {"agreement": "in/agreements/g0001.yaml"},
    ]
    (tmp_path / "tasks.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    done = _batch("--manifest", str(tmp_path / "tasks.jsonl"), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    rows = [line.split(" | ") for line in done.stdout.splitlines()[2:4]]
    assert [(Path(r[0]).name, r[1]) for r in rows] == [("g0002.yaml", "1"), ("g0001.yaml", "1")]
    assert sorted(tree(tmp_path / "out")) == ["in/g0001.txt", "in/g0002.txt"]  # their place under the manifest kept
    only_first = subprocess.run(
        [sys.executable, "-m", "agreement", "apply", "g0002", "amendments/g0002/001-amendment-no-1.yaml"],
        cwd=tmp_path / "in",
        capture_output=True,
        timeout=60,
    )
    assert (tmp_path / "out" / "in" / "g0002.txt").read_bytes() == only_first.stdout

    (tmp_path / "bad.jsonl").write_text(json.dumps(lines[0]) + '\n{"agreement": "x.yaml", "amendment": []}\n')
    bad = _batch("--manifest", str(tmp_path / "bad.jsonl"))
    assert bad.returncode == 3
    assert f"{tmp_path / 'bad.jsonl'}:2:1:" in bad.stderr and "unknown key 'amendment'" in bad.stderr
    assert not list(tmp_path.rglob("*.conformed.txt"))  # refused before any agreement is conformed


def test_an_existing_cluster_is_reached_by_its_scheduler_address(tmp_path):
    from distributed import LocalCluster

    write_archive(tmp_path / "in", 6)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = _batch("in", "-o", "out", "--engine", "dask", "--scheduler", cluster.scheduler_address, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'out' / 'g0005.txt'}" in done.stdout  # paths made absolute for workers elsewhere
    _batch("in", "-o", "local", "-j", "1", cwd=tmp_path)
    assert tree(tmp_path / "out") == tree(tmp_path / "local")


def test_without_the_dask_extra_the_error_names_it(monkeypatch, tmp_path):
    write_archive(tmp_path, 1)
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--engine", "dask"])
    assert result.exit_code == 2
    assert 'pip install "agreement-conform[dask]"' in result.stderr
    assert not list(tmp_path.rglob("*.conformed.txt"))


def test_scheduler_without_dask_and_no_input_are_usage_errors(tmp_path):
    assert CliRunner().invoke(app, ["batch", str(tmp_path), "--scheduler", "tcp://x:1"]).exit_code == 2
    none = CliRunner().invoke(app, ["batch"])
    assert none.exit_code == 2 and "--manifest" in none.stderr


def test_the_log_read_back_keeps_the_last_word_on_each_copy(tmp_path):
    from agreement.batch import fingerprint
    from agreement.runlog import with_previous, written_stamps

    log = tmp_path / "run.jsonl"
    ok = {
        "agreement": "a.yaml",
        "outcome": "ok",
        "output": "out/a.txt",
        "format": "text",
        "version": "1",
        "sha256": "x",
    }
    lines = [
        json.dumps(ok),
        json.dumps({**ok, "agreement": "b.yaml", "output": "out/b.txt"}),
        json.dumps({**ok, "agreement": "b.yaml", "outcome": "failed", "output": None}),  # b's copy is stale now
        json.dumps({**ok, "agreement": "c.yaml", "output": "out/c.txt"})[:40],  # cut short by a stop mid-write
        "[]",
    ]
    log.write_text("\n".join(lines), encoding="utf-8")
    stamps = written_stamps(str(log))
    seen = {n: with_previous(Task(f"{n}.yaml", (), "text", f"out/{n}.txt"), stamps).previous for n in "abcd"}
    assert seen == {"a": fingerprint("1:x", "text", "out/a.txt"), "b": None, "c": None, "d": None}
    # a copy in another format or place is not the one recorded
    assert fingerprint("1:x", "markdown", "out/a.txt") != seen["a"] != fingerprint("1:x", "text", "out/b/a.txt")
    assert with_previous(Task("a.yaml", ()), stamps).previous is None  # no copy to write, nothing to skip
    assert not written_stamps(str(tmp_path / "none.jsonl"))


def test_a_rerun_reads_its_log_line_by_line_into_a_small_index(tmp_path):
    """Resume never holds the log in memory: reading back a log of 50,000 agreements
    (16 MB) costs the client little (the index is on disk; a dict of the records took 24 MB),
    and every copy is still found."""
    import tracemalloc

    from agreement.runlog import with_previous, written_stamps

    log = tmp_path / "run.jsonl"
    record = {"schema": "agreement.batch/1", "outcome": "ok", "exit_code": 0, "format": "text", "version": "0.1.0"}
    with log.open("w", encoding="utf-8") as f:
        for i in range(50_000):
            name = f"/archive/filings/{i:07d}/agreements/agreement-{i}.yaml"
            path = f"/archive/conformed/filings/{i:07d}/agreement-{i}.txt"
            f.write(json.dumps({**record, "agreement": name, "output": path, "sha256": f"{i:064x}"}) + "\n")
    tracemalloc.start()
    try:
        stamps = written_stamps(str(log))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(stamps) == 50_000
    assert peak < 4_000_000, f"{peak / 1e6:.1f} MB to read back a log of {log.stat().st_size / 1e6:.0f} MB"
    last = Task("/archive/filings/0049999/agreements/agreement-49999.yaml", (), "text", "x.txt")
    assert with_previous(last, stamps).previous is not None


class _BrokenOnSubmit(ThreadPoolExecutor):
    """A pool whose worker died before the run's first submission reached it: `submit`
    raises BrokenProcessPool at once and every time after (as ProcessPoolExecutor does once
    it knows), before any future of the run has said so."""

    def __init__(self, broken: bool) -> None:
        super().__init__(max_workers=2)
        self.broken = broken

    def submit(self, fn, /, *args, **kwargs):
        if self.broken:
            raise BrokenProcessPool("a child process terminated abruptly")
        return super().submit(fn, *args, **kwargs)


def test_a_pool_broken_at_submission_is_renewed_and_the_task_run_again(tmp_path):
    """Found killing a pool process mid-run: the command ended in a traceback (exit 1)."""
    write_archive(tmp_path / "in", 6)
    work = list(folder_tasks(str(tmp_path / "in"), "text", str(tmp_path / "out"), write=True))
    (tmp_path / "out").mkdir()
    pools: list[_BrokenOnSubmit] = [_BrokenOnSubmit(broken=True)]

    def renew() -> _BrokenOnSubmit:
        pools.append(_BrokenOnSubmit(broken=False))
        return pools[-1]

    try:
        results = list(conform_all(work, pools[0], worker_lost=lambda e: isinstance(e, BrokenProcessPool), renew=renew))
    finally:
        for pool in pools:
            pool.shutdown()
    assert len(pools) == 2  # the broken one was replaced
    assert [r.ok for r in results] == [True] * 6
    assert results[0].attempts == 2  # the task refused was run again
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"g{i:04d}.txt" for i in range(6)]
