"""The JSON-lines log of a batch run: one record an agreement, appended and flushed as
each finishes, so that a run stopped anywhere (Ctrl-C, a lost machine) leaves a log a
rerun resumes from."""

from __future__ import annotations

import json
import os
from typing import IO

from .batch import Result, Task
from .errors import OutputError

SCHEMA = "agreement.batch/1"


def record(result: Result, fmt: str) -> dict:
    """What the log keeps of one agreement: enough to resume, and to find every failure
    with the exit code `agreement apply` would have given it."""
    return {
        "schema": SCHEMA,
        "agreement": result.agreement,
        "outcome": result.outcome,
        "exit_code": result.exit_code,
        "output": result.written,
        "format": fmt,
        "sha256": result.digest,
        "version": result.version,
        "seconds": round(result.seconds, 6),
        "amendments": result.amendments,
        "attempts": result.attempts,
        "message": result.message.splitlines()[0] if result.message else "",
    }


def written_stamps(path: str) -> dict[str, tuple[str, str, str]]:
    """From an earlier log: per agreement, the (stamp, format, output) its copy was last
    written with. Later records win; a failed one forgets the copy; a line cut short by
    a stop mid-write is passed over."""
    stamps: dict[str, tuple[str, str, str]] = {}
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        return stamps
    except OSError as e:
        raise OutputError(f"{path}: the log cannot be read ({e.strerror})") from None
    with f:
        for line in f:
            try:
                r = json.loads(line)
                name, outcome = r["agreement"], r["outcome"]
            except (ValueError, KeyError, TypeError):
                continue
            if outcome in ("ok", "skipped") and r.get("output"):
                stamps[name] = (f"{r.get('version')}:{r.get('sha256')}", r.get("format"), r["output"])
            else:
                stamps.pop(name, None)
    return stamps


def with_previous(task: Task, stamps: dict[str, tuple[str, str, str]]) -> Task:
    """The task, carrying the stamp its copy was written with when that copy is the one
    this run would write (same format, same place)."""
    known = stamps.get(task.agreement)
    if known is None or task.output is None or known[1] != task.fmt or known[2] != task.output:
        return task
    return task._replace(previous=known[0])


def open_log(path: str) -> IO[str]:
    """The log, opened to append one line a record."""
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    try:
        return open(path, "a", encoding="utf-8", buffering=1)
    except OSError as e:
        raise OutputError(f"{path}: the log cannot be written ({e.strerror})") from None


def append(log: IO[str], result: Result, fmt: str) -> None:
    log.write(json.dumps(record(result, fmt), ensure_ascii=False) + "\n")
    log.flush()
