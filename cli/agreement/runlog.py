"""The JSON-lines log of a batch run: one record an agreement, appended and flushed as
each finishes, so that a run stopped anywhere (Ctrl-C, a lost machine) leaves a log a
rerun resumes from."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from typing import IO

from .batch import Result, Task, fingerprint
from .errors import OutputError

SCHEMA = "agreement.batch/1"
ROWS = 1_000  # records read from the log between two writes to the index


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


def _key(agreement: str) -> int:
    """An agreement's name in the index, in 8 bytes (two names sharing one would only make
    one of them conformed again: its copy's fingerprint is not the other's)."""
    h = hashlib.blake2b(agreement.encode("utf-8", "surrogateescape"), digest_size=8)
    return int.from_bytes(h.digest(), "big", signed=True)


class Written:
    """From an earlier log: each agreement's copy as last recorded (its `fingerprint`),
    indexed on disk (a temporary SQLite database) as the log is read line by line, so that
    the log of a million agreements is never held in memory."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private database in a temporary file
        self._db.execute("CREATE TABLE copy (agreement INTEGER PRIMARY KEY, fingerprint INTEGER)")
        self._count = 0

    def record(self, rows: list[tuple[int, int | None]]) -> None:
        """Rows in the log's order: a later one wins; no fingerprint forgets the copy."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO copy VALUES (?, ?)", rows)
        self._count += len(rows)

    def get(self, agreement: str) -> int | None:
        row = self._db.execute("SELECT fingerprint FROM copy WHERE agreement = ?", (_key(agreement),)).fetchone()
        return row[0] if row else None

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self._db.close()


def written_stamps(path: str) -> Written:
    """The copies an earlier log records. Later records win; a failed one forgets the
    copy; a line cut short by a stop mid-write is passed over."""
    written = Written()
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        return written
    except OSError as e:
        raise OutputError(f"{path}: the log cannot be read ({e.strerror})") from None
    rows: list[tuple[int, int | None]] = []
    with f:
        for line in f:
            try:
                r = json.loads(line)
                name, outcome = r["agreement"], r["outcome"]
                copy = None
                if outcome in ("ok", "skipped") and r.get("output"):
                    copy = fingerprint(f"{r.get('version')}:{r.get('sha256')}", str(r.get("format")), r["output"])
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            rows.append((_key(name), copy))
            if len(rows) == ROWS:
                written.record(rows)
                rows = []
    written.record(rows)
    return written


def with_previous(task: Task, stamps: Written) -> Task:
    """The task, carrying the fingerprint of the copy the log last recorded for it; the
    worker skips it when that is the copy this run would write (same inputs and tool
    version, same format, same place) and the copy is still there."""
    known = stamps.get(task.agreement) if task.output is not None else None
    return task if known is None else task._replace(previous=known)


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
