"""Work done beside the main process, on a second core: a forked child works out one
thing while the parent works out others, and hands its result back, pickled, through a
pipe.

Only where that is safe and can help: a system with fork, a process with one thread
(fork copies only the calling thread, and a lock another thread held stays held), and a
second core the process may use. Anywhere else, and whenever the child fails in any way
(killed, out of memory, an exception, a result that does not pickle), the caller does
the work itself: the result never depends on where it was made, only the time does.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work can go to a child on another core: on Linux, where this process runs
    one thread, it may use two cores or more, and they are not all busy now (of the tasks
    running at this moment, this process among them, fewer than the cores: the kernel's
    count in /proc/loadavg; the load average over a minute lags, and after a busy minute
    would deny a child the cores that are idle now): on a machine whose cores are all
    busy, a child only shares this process's core."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False  # (macOS's system libraries are not safe across a fork; Windows has none)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2:
        return False
    return _running() < cores


def _running() -> float:
    """The tasks running now, this process among them (/proc/loadavg's "running/total");
    else the load average over the last minute."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except OSError:  # not known here
            return 0.0


class Beside(Generic[T]):
    """`work()` running in a forked child; `result()` is its value, or None when the
    child could not give one (the caller then does the work itself)."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, write, leave without running anything of the parent's
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # (KeyboardInterrupt too): the parent does the work
                pass
            finally:
                os._exit(code)  # no atexit, no flushing of the parent's buffered output
        os.close(write)
        self._pid: int | None = pid
        self._read = read

    def result(self) -> T | None:
        """The child's value, once it has finished; None if it failed."""
        if self._pid is None:
            return None
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or not data:
            return None
        try:
            return pickle.loads(data)  # our own child's bytes, made from our own objects
        except Exception:
            return None

    def cancel(self) -> None:
        """Stop the child (the parent failed or was interrupted) and reap it."""
        if self._pid is None:
            return
        import signal

        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        os.close(self._read)
        self._pid = None
