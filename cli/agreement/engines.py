"""Where `batch` runs its tasks: a process pool on this machine, or Dask distributed (a
LocalCluster sized to the machine, or an existing cluster's scheduler). Each is handed to
the one loop in batch.py as a `concurrent.futures` executor, with a way to tell a task
whose worker died from a task that failed."""

from __future__ import annotations

import gc
import logging
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError

DASK_EXTRA = 'pip install "agreement-conform[dask]"'


@dataclass
class Engine:
    """An executor in use, what its workers' deaths look like, and how to replace it
    when a death broke it (a process pool is unusable after one)."""

    executor: Executor
    worker_lost: Callable[[BaseException], bool]
    workers: int
    replace: Callable[[], Executor] | None = None
    client: Any = None  # Dask's Client, for what an executor does not say (its workers)
    cancel_on_stop: bool = True  # whether cancelling a future leaves a task that started alone
    retired: list[Executor] = field(default_factory=list)

    def renew(self) -> Executor:
        assert self.replace is not None
        self.retired.append(self.executor)
        self.executor = self.replace()
        return self.executor


def _start_worker() -> None:
    """In a pool process: Ctrl-C is the client's to handle (it stops handing out work and
    lets running tasks finish their copies), not a traceback in every process; and the
    garbage collector runs (see `collecting`), over the agreements' objects only."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()
    _set_aside_what_the_worker_started_with()


def _set_aside_what_the_worker_started_with() -> None:
    """The objects a worker holds from its start (its copy of the command, or Dask's own
    modules) live as long as it does: out of the garbage collector's sight, a full
    collection (a large agreement makes many) walks the agreements' objects only. On a
    Dask worker, large agreements took 9% less CPU (60 of them, four runs each way)."""
    gc.collect()
    gc.freeze()


@contextmanager
def collecting() -> Iterator[None]:
    """The cyclic garbage collector on while a batch runs. A one-shot command turns it off
    (app.run: it lives for a moment); a run of thousands of agreements does not, and its
    pool processes, forked from it, inherited it off: each kept the cycles of every
    agreement it conformed (about 250 kB an agreement, 2.7 GB after 10,000)."""
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@contextmanager
def local_pool(jobs: int | None = None) -> Iterator[Engine]:
    """A process pool of `jobs` processes (one a core by default)."""
    jobs = jobs or os.cpu_count() or 1

    def make() -> Executor:
        return ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker)

    with collecting():
        engine = Engine(make(), lambda e: isinstance(e, BrokenProcessPool), jobs, make)
        try:
            yield engine
        finally:
            for pool in (*engine.retired, engine.executor):
                pool.shutdown(wait=True, cancel_futures=True)


def _quiet_worker_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class QuietWorker(WorkerPlugin):
        """On the workers of our own LocalCluster: Ctrl-C at the terminal reaches them
        too, and is the client's to handle (as on the process pool); what the worker
        started with is set aside from the garbage collector (as on the process pool)."""

        def setup(self, worker) -> None:
            _set_aside_what_the_worker_started_with()
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            except ValueError:  # not the worker's main thread: leave it
                pass

    return QuietWorker


@contextmanager
def dask_cluster(scheduler: str | None = None, jobs: int | None = None) -> Iterator[Engine]:
    """Dask distributed: the cluster whose scheduler is at `scheduler` (tcp://host:8786),
    or a LocalCluster of `jobs` worker processes (one a core), one thread each since a
    task is pure Python. A worker that dies fails its task at once (allowed-failures 0
    on a LocalCluster) so that the loop retries it once, as it does on the process pool;
    an existing scheduler applies its own setting first."""
    try:
        import dask
        from distributed import Client, LocalCluster
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise UsageError(
            "--engine dask needs Dask distributed, which is not installed",
            hint=f"install the dask extra: {DASK_EXTRA}",
        ) from None
    for name in ("distributed", "distributed.nanny", "distributed.worker", "distributed.scheduler"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    def lost(e: BaseException) -> bool:
        return isinstance(e, KilledWorker) or type(e).__name__ in {"CommClosedError", "FutureCancelledError"}

    cluster = None
    with (
        collecting(),
        dask.config.set(
            {
                "distributed.scheduler.allowed-failures": 0,
                "distributed.admin.tick.limit": "1h",
                "distributed.worker.profile.enabled": False,  # sampling every 10 ms slows pure-Python tasks
                # Dask keeps, for debugging, the last 1,000 batches of messages of each stream (client to
                # scheduler, scheduler to each worker) and transitions: each holds the tasks it carried,
                # so the client's memory (the LocalCluster's scheduler runs in it) grew with the run
                # until those logs filled: 1.2 kB an agreement. Kept empty, it stays flat.
                "distributed.admin.low-level-log-length": 0,
                # Each process of the cluster wakes its event loop to time itself every 20 ms, to watch
                # its memory every 100 ms and to sample the system every 500 ms. A worker's wake-up
                # takes the interpreter's lock from the thread conforming agreements, and on a busy
                # machine that thread then waits its turn for a core: 150 wake-ups a second made a
                # worker's agreements take half as long again. Once a second or two is enough here.
                "distributed.admin.tick.interval": "1s",
                "distributed.worker.memory.monitor-interval": "1s",
                "distributed.admin.system-monitor.interval": "2s",
                # The nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536 (to give memory back
                # to the system sooner), and setting it turns off glibc's sliding mmap threshold: every
                # block above 128 kB a large agreement makes was mapped and unmapped again. A worker took
                # 4 times a pool process's system time, 15% more CPU an agreement. None: not set.
                "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            }
        ),
    ):
        try:
            if scheduler:
                client = Client(scheduler, timeout="10s")
            else:
                jobs = jobs or os.cpu_count() or 1
                cluster = LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # its web server (health checks) on a free port of this machine: on the usual 8787,
                    # taken by any other cluster here, Dask warns on standard error
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.CRITICAL,
                )
                client = Client(cluster)
                client.register_plugin(_quiet_worker_plugin()(), name="agreement-quiet-worker")
        except OSError as e:
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}",
                hint="start one (dask scheduler) or check the address: --scheduler tcp://host:8786",
            ) from None
        try:
            workers = max(1, sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()))
            yield Engine(client.get_executor(pure=False), lost, workers, client=client, cancel_on_stop=False)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
