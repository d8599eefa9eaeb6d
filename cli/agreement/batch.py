"""Many agreements at once: each conformed where an executor runs it, one failing never
stopping the rest.

What one agreement costs is `conform_one(Task) -> Result`: a picklable function of plain
values that reads the files, conforms, writes the copy (atomically, on the machine that
made it) and returns a small record. How the tasks are spread is an executor's business
(engines.py: a local process pool, or Dask); `conform_all` is the one loop over any
`concurrent.futures` executor: several agreements a call (as many as take about a
quarter second), a bounded window of calls in flight, results released in the order the
tasks were found, a task whose worker died retried once, alone.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import NamedTuple

AGREEMENT_FILES = frozenset({".yaml", ".yml", ".txt", ".htm", ".html", ".md", ".docx"})
"""An agreement file, or an agreement as filed (readers/ reads each); a filed document beside
the agreement file imported from it (the same name, .yaml) is passed over: the file is kept."""
"""What is taken as an agreement under an agreements/ folder: YAML and the documents a reader takes."""

EXTENSIONS = {"text": "txt", "markdown": "md"}


class Task(NamedTuple):
    """One agreement to conform: its file, its amendments' files, the output format, where
    its copy goes (None: returned in the result instead), and the fingerprint of the copy
    a log last recorded for it (`fingerprint`), when one did."""

    agreement: str
    amendments: tuple[str, ...]
    fmt: str = "text"
    output: str | None = None
    previous: int | None = None


class Result(NamedTuple):
    agreement: str
    ok: bool
    output: str | bytes | None  # the conformed copy, when ok and not written by the worker
    amendments: int  # how many it has: applied when ok, found (named or in its folder) when not
    message: str  # the error, when not ok (as the command line prints it)
    exit_code: int  # 0, or the exit code `agreement apply` would have had on it
    written: str | None = None  # where the worker wrote the copy
    digest: str = ""  # sha256 of the inputs (agreement then amendments, names and bytes)
    version: str = ""  # the tool's version on the worker
    seconds: float = 0.0
    skipped: bool = False  # unchanged since its copy was written: not conformed again
    attempts: int = 1
    cpu: float = 0.0  # the CPU seconds it took the worker (what calls are sized by; `seconds` is wall time)

    @property
    def stamp(self) -> str:
        return f"{self.version}:{self.digest}"

    @property
    def outcome(self) -> str:
        return "skipped" if self.skipped else "ok" if self.ok else "failed"


def digest(files: Iterable[str]) -> str:
    """The inputs' content hash: each file's name and bytes, in order. A file that cannot
    be read counts as its name only (its error is the task's to report)."""
    h = hashlib.sha256()
    for name in files:
        h.update(os.path.basename(name).encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(name, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        except OSError:
            h.update(b"\1unreadable")
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(stamp: str, fmt: str, output: str) -> int:
    """A copy as the log records it (the tool's version and the inputs' hash it was made
    from, its format, its place) in 8 bytes: what a rerun compares to skip it, small enough
    that the index of a log of a million agreements costs little."""
    h = hashlib.blake2b(digest_size=8)
    for part in (stamp, fmt, output):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return int.from_bytes(h.digest(), "big", signed=True)


def conform_one(task: Task) -> Result:
    """Conform one agreement and, when the task names an output, write the copy there;
    never raises for a fault in its files or its output (that is the result)."""
    from . import __version__
    from .errors import AgreementError
    from .output import write_atomic

    start, cpu = time.perf_counter(), time.thread_time()
    sums = digest((task.agreement, *task.amendments))
    done = Result(task.agreement, False, None, len(task.amendments), "", 0, digest=sums, version=__version__)
    if (
        task.previous is not None
        and task.output
        and task.previous == fingerprint(done.stamp, task.fmt, task.output)
        and os.path.isfile(task.output)
    ):
        return done._replace(
            ok=True,
            written=task.output,
            skipped=True,
            seconds=time.perf_counter() - start,
            cpu=time.thread_time() - cpu,
        )
    try:
        from .analyses.select import conformed
        from .pipeline import run
        from .writers import Format, writer

        history = run(task.agreement, list(task.amendments) or None).history
        out = writer(Format(task.fmt)).render_document(conformed(history))
        done = done._replace(ok=True, amendments=len(history.amendments))
        if task.output is None:
            done = done._replace(output=out)
        else:
            _folder_for(task.output)
            write_atomic(task.output, out, inputs=(task.agreement, *task.amendments))
            _sweep(task.output)
            done = done._replace(written=task.output)
    except AgreementError as e:
        done = done._replace(ok=False, output=None, message=e.render(), exit_code=int(e.exit_code))
    return done._replace(seconds=time.perf_counter() - start, cpu=time.thread_time() - cpu)


def _folder_for(path: str) -> None:
    """The folder a copy goes in, made when missing (-o mirrors the archive's folders)."""
    from .errors import OutputError

    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: the folder cannot be made ({e.strerror})") from None


def _sweep(path: str) -> None:
    """Remove the temporary files an earlier attempt at this copy left when its process
    was killed mid-write (write_atomic names them .<name>.<random>.part)."""
    target = Path(path)
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        try:
            stale.unlink()
        except OSError:
            pass


# --- finding the work -------------------------------------------------------------


def is_agreement_file(path: Path) -> bool:
    """An agreement under an agreements/ folder; not a copy this command wrote beside it."""
    return (
        path.parent.name == "agreements"
        and path.suffix.lower() in AGREEMENT_FILES
        and ".conformed." not in path.name
        and not path.name.startswith(".")
        and path.is_file()
    )


def discover(folder: str) -> Iterator[Path]:
    """Every agreement file under `folder`, in the same order each run, one at a time
    (an archive of a million agreements is never listed whole in memory)."""
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # not .git, .venv, or a copy's temporary
        if os.path.basename(here) != "agreements":
            continue
        imported = {Path(n).stem for n in files if Path(n).suffix.lower() in (".yaml", ".yml")}
        for name in sorted(files):
            path = Path(here) / name
            if path.suffix.lower() not in (".yaml", ".yml") and path.stem in imported:
                continue  # a filed document and the agreement file imported from it: the file is the one kept
            if is_agreement_file(path):
                yield path


def copy_path(agreement: str, fmt: str, output: str | None, base: str) -> str:
    """Where an agreement's copy goes: beside it (<id>.conformed.<ext>), or into `output`
    at the place it has under `base`, its agreements/ folder left out
    (DIR/agreements/x.yaml -> OUT/x.<ext>, DIR/fund-a/agreements/x.yaml -> OUT/fund-a/x.<ext>),
    so that two agreements of one name in different folders never share a copy."""
    ext = EXTENSIONS.get(fmt, fmt)
    path = Path(agreement)
    if output is None:
        return str(path.with_name(f"{path.stem}.conformed.{ext}"))
    try:
        rel = path.resolve().parent.relative_to(Path(base).resolve())
    except ValueError:
        rel = Path()
    parts = [p for p in rel.parts]
    if parts and parts[-1] == "agreements":
        parts.pop()
    return str(Path(output, *parts, f"{path.stem}.{ext}"))


def tasks(folder: str, fmt: str = "text") -> list[Task]:
    """Every agreements/<id>.<yaml|txt> under `folder`, each with the files of its amendments/<id>/."""
    return list(folder_tasks(folder, fmt))


def folder_tasks(folder: str, fmt: str = "text", output: str | None = None, *, write: bool = False) -> Iterator[Task]:
    """The tasks under `folder` one at a time; with `write`, each names where its copy goes."""
    from .readers.yaml import find_amendments

    for path in discover(folder):
        amendments = _as_given(find_amendments(str(path), path.stem), folder)
        yield Task(str(path), amendments, fmt, copy_path(str(path), fmt, output, folder) if write else None)


def count(folder: str | None = None, manifest: str | None = None) -> int:
    """How many agreements a run has (for a progress bar), without listing their amendments."""
    if manifest:
        with open(manifest, encoding="utf-8") as f:
            return sum(1 for line in f if line.strip() and not line.lstrip().startswith("#"))
    return sum(1 for _ in discover(folder or "."))


def _as_given(files: list[str], base: str) -> tuple[str, ...]:
    """Amendment paths absolute when the folder was given so (workers on other machines
    have another working folder), else as found."""
    return tuple(os.path.abspath(f) for f in files) if os.path.isabs(base) else tuple(files)


def manifest_tasks(
    manifest: str, fmt: str = "text", output: str | None = None, *, write: bool = False
) -> Iterator[Task]:
    """One task a line of a JSON-lines manifest: {"agreement": PATH, "amendments": [PATH, ...]},
    paths relative to the manifest's folder; blank lines and lines starting with # are skipped."""
    from .errors import InputError, Location

    base = os.path.dirname(manifest)
    try:
        lines = open(manifest, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{manifest}: cannot be read ({e.strerror})") from None
    with lines:
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                entry = json.loads(line)
            except ValueError as e:
                raise InputError(
                    f"not a JSON object: {e.args[0].split(':')[0]}",
                    location=Location(manifest, n, getattr(e, "colno", 1)),
                    hint='one agreement a line: {"agreement": "agreements/x.yaml", "amendments": ["amendments/x/001.yaml"]}',
                ) from None
            amendments = entry.get("amendments", []) if isinstance(entry, dict) else None
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("agreement"), str)
                or not isinstance(amendments, list)
                or not all(isinstance(a, str) for a in amendments)
                or set(entry) - {"agreement", "amendments"}
            ):
                extra = sorted(set(entry) - {"agreement", "amendments"}) if isinstance(entry, dict) else []
                raise InputError(
                    "expected an object with 'agreement' (a path) and 'amendments' (a list of paths)"
                    + (f"; unknown key {extra[0]!r}" if extra else ""),
                    location=Location(manifest, n, 1),
                    hint='{"agreement": "agreements/x.yaml", "amendments": ["amendments/x/001.yaml"]}',
                )
            agreement = os.path.join(base, entry["agreement"])
            files = tuple(os.path.join(base, a) for a in amendments)
            if not files:
                from .readers.yaml import find_amendments

                files = _as_given(find_amendments(agreement, Path(agreement).stem), manifest)
            yield Task(agreement, files, fmt, copy_path(agreement, fmt, output, base or ".") if write else None)


# --- running it -------------------------------------------------------------------

RETRIES = 1  # a task whose worker died is run once more, then recorded as failed
WORKER_DIED = 1  # the exit code recorded for it: not a fault of the files that the tool can name
CALL_SECONDS = 0.25  # what a call to a worker is sized to take, by the run's recent agreements
MOST_A_CALL = 32  # and so at most CALLS_AHEAD * 32 agreements a worker in flight: what Ctrl-C on Dask lets finish
CALLS_AHEAD = 4  # calls handed out a worker, running or waiting: a worker never waits for the client
RECENT = 64  # the agreements whose times size the next call


def conform_each(function: Callable[[Task], Result], tasks: tuple[Task, ...]) -> list[Result]:
    """Several tasks in one call to a worker: what a call costs an engine (a round trip
    through Dask's scheduler, a wake-up of its worker; a pickle through a pipe) is paid once
    for the lot."""
    return [function(task) for task in tasks]


class Pace:
    """How many agreements a call carries: as many as the run's recent agreements (the
    median of the last RECENT) take CALL_SECONDS of CPU time to conform, at least 1 and at
    most MOST_A_CALL. One a call until the first results are in; an agreement skipped as
    unchanged costs a hash, so a resumed run sends many a call. `fixed` sets it instead.

    CPU time, not wall time: on a busy machine an agreement takes longer to come back
    while costing the same, and calls sized by the clock shrank just when their cost told
    most (on a loaded 2-core machine, 4 agreements a call instead of 37, and the client's
    CPU for 1,000 small agreements 5.2 s instead of 2.1 s)."""

    def __init__(self, fixed: int | None = None) -> None:
        self.fixed = fixed
        self.recent: deque[float] = deque(maxlen=RECENT)

    def observe(self, seconds: float) -> None:
        self.recent.append(seconds)

    @property
    def chunk(self) -> int:
        if self.fixed is not None:
            return max(1, self.fixed)
        if not self.recent:
            return 1
        each = sorted(self.recent)[len(self.recent) // 2]
        return max(1, min(MOST_A_CALL, int(CALL_SECONDS / max(each, 1e-6))))

    def window(self, workers: int) -> int:
        """Agreements handed out and not yet released: CALLS_AHEAD calls a worker."""
        return CALLS_AHEAD * self.chunk * max(1, workers)


def window_most(workers: int) -> int:
    """The most agreements a run ever holds at once on `workers` (memory on the client is bounded by it)."""
    return CALLS_AHEAD * MOST_A_CALL * max(1, workers)


class _Item(NamedTuple):
    """Tasks submitted together: their places in the run, how often they were submitted,
    how often a worker died running them alone, whether they run alone (nothing else of
    the run in flight)."""

    indices: tuple[int, ...]
    tasks: tuple[Task, ...]
    attempt: int = 1
    deaths: int = 0
    alone: bool = False


def conform_all(
    work: Iterable[Task],
    executor: Executor,
    *,
    workers: int = 1,
    chunk: int | None = None,
    worker_lost: Callable[[BaseException], bool] = lambda e: False,
    renew: Callable[[], Executor] | None = None,
    function: Callable[[Task], Result] = conform_one,
    stopping: Callable[[], bool] = lambda: False,
    cancel_on_stop: bool = True,
) -> Iterator[Result]:
    """Results in the order of `work`, with a bounded number of tasks submitted or held at
    once whatever the length of `work` (memory on the client stays flat): CALLS_AHEAD
    calls for each of `workers`. A call carries several tasks, as many as `Pace` says
    (or `chunk`), and is made only when there is room for a whole one: filling each gap a
    result leaves made ever smaller calls (the first, one agreement each, were never
    outgrown: 298 calls for 1,000 agreements where 40 would do).

    A call whose worker died (`worker_lost`) may have gone down with another's death (a
    process pool breaks whole; Dask fails whatever was queued on the dead worker too), so
    its tasks are run again one at a time, uncharged, with nothing else of the run in
    flight: only a death while a task runs alone counts against it, so one agreement that
    kills its worker never fails its neighbours. A task that died alone is run once more,
    then recorded as failed; any other exception is recorded as an internal error. A
    process pool is renewed (`renew`) after a death.

    Once `stopping()` (Ctrl-C), nothing more is handed out, what has not started is
    cancelled (`cancel_on_stop`: a process pool knows what has started; Dask's futures
    do not say, so there the window in flight is let finish), and the results of what
    was running are still yielded, so that every copy written is in the log; closing the
    generator cancels what has not started."""
    tasks_left = iter(work)
    pace = Pace(chunk)
    pending: dict[Future, _Item] = {}
    suspects: deque[_Item] = deque()  # single tasks lost with a worker, to run alone
    ready: dict[int, Result] = {}
    submitted = released = 0
    exhausted = stopped = False

    def submit(item: _Item) -> None:
        try:
            future = executor.submit(conform_each, function, item.tasks)
        except Exception as e:  # a pool a worker's death broke refuses new work before its futures say so
            if not worker_lost(e):
                raise
            future = Future()
            future.set_exception(e)  # met below as any lost task is: the pool renewed, the task run again
        pending[future] = item

    def record(item: _Item, why: str, code: int) -> None:
        task, index = item.tasks[0], item.indices[0]
        ready[index] = Result(task.agreement, False, None, len(task.amendments), why, code, attempts=item.attempt)

    def singles(item: _Item) -> list[_Item]:
        return [_Item((i,), (t,), item.attempt + 1, item.deaths) for i, t in zip(item.indices, item.tasks, strict=True)]

    try:
        while True:
            if stopping() and not stopped:
                stopped = exhausted = True
                suspects.clear()
                for future in list(pending) if cancel_on_stop else ():
                    if future.cancel():
                        pending.pop(future)
            if suspects and not pending:
                submit(suspects.popleft()._replace(alone=True))
            while not exhausted and not suspects:
                size = pace.chunk
                if submitted - released + size > pace.window(workers):
                    break
                batch = tuple(itertools.islice(tasks_left, size))
                if not batch:
                    exhausted = True
                    break
                submit(_Item(tuple(range(submitted, submitted + len(batch))), batch))
                submitted += len(batch)
            while released in ready:
                yield ready.pop(released)
                released += 1
            if not pending:
                if stopped:  # what ran is all there is: its results, in order, gaps left
                    yield from (ready.pop(i) for i in sorted(ready))
                if exhausted and not ready and not suspects:
                    return
                continue
            done, _ = wait(list(pending), timeout=0.25, return_when=FIRST_COMPLETED)
            broken = False  # a process pool is unusable once one of its processes died
            for future in done:
                item = pending.pop(future)
                if future.cancelled():
                    continue
                try:
                    for index, result in zip(item.indices, future.result(), strict=True):
                        ready[index] = result._replace(attempts=item.attempt)
                        pace.observe(result.cpu)
                except Exception as e:  # every failure of a task is its record
                    lost = worker_lost(e)
                    if stopped and lost:
                        continue  # stopped with the run (Ctrl-C reaches the workers too): not a result
                    if not lost:
                        for one in singles(item):
                            record(one._replace(attempt=item.attempt), _internal(e), 1)
                        continue
                    broken = broken or renew is not None
                    if not item.alone:
                        suspects.extend(singles(item))
                    elif item.deaths + 1 <= RETRIES:
                        suspects.append(item._replace(attempt=item.attempt + 1, deaths=item.deaths + 1))
                    else:
                        deaths = item.deaths + 1
                        times = "twice" if deaths == 2 else f"{deaths} times"
                        record(item, f"the worker conforming it died {times} (killed, or out of memory)", WORKER_DIED)
            if broken:
                executor = renew()
                for future, item in list(pending.items()):
                    pending.pop(future)  # gone down with the pool: its result will never come
                    suspects.extend(singles(item))
            if suspects:
                suspects = deque(sorted(suspects, key=lambda s: s.indices[0]))
    finally:
        for future in pending:
            future.cancel()


def _internal(e: BaseException) -> str:
    return f"internal error (a bug in agreement: please report it): {type(e).__name__}: {e}"


def run_all(work: list[Task], jobs: int | None = None) -> Iterator[Result]:
    """Results in the order of `work` on a local process pool, using every core unless
    told otherwise (the library's way to batch without writing files)."""
    from .engines import local_pool

    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(work) == 1:
        yield from map(conform_one, work)
        return
    with local_pool(jobs) as engine:
        yield from conform_all(
            work, engine.executor, workers=engine.workers, worker_lost=engine.worker_lost, renew=engine.renew
        )
