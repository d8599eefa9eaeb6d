"""Many agreements at once: each conformed in a process of its own, one failing never
stopping the rest.

`conform_one` is a pure, picklable function of plain values (paths in, text out), so
the same call maps over a cluster with an existing engine for millions of agreements:

    import dask.bag as db                                   # or ray: ray.remote(conform_one)
    results = db.from_sequence(tasks).map(conform_one).compute()
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple


class Task(NamedTuple):
    """One agreement to conform: its file, its amendments' files, the output format."""

    agreement: str
    amendments: tuple[str, ...]
    fmt: str = "text"


class Result(NamedTuple):
    agreement: str
    ok: bool
    output: str | bytes | None  # the conformed copy, when ok
    amendments: int  # how many it has: applied when ok, found (named or in its folder) when not
    message: str  # the error, when not ok (as the command line prints it)
    exit_code: int


def conform_one(task: Task) -> Result:
    """Conform one agreement; never raises for a fault in its files (that is the result)."""
    from .errors import AgreementError
    from .pipeline import run
    from .select import conformed
    from .writers import Format, writer

    try:
        history = run(task.agreement, list(task.amendments) or None).history
        out = writer(Format(task.fmt)).render_document(conformed(history))
        return Result(task.agreement, True, out, len(history.amendments), "", 0)
    except AgreementError as e:
        return Result(task.agreement, False, None, len(task.amendments), e.render(), int(e.exit_code))


def tasks(folder: str, fmt: str = "text") -> list[Task]:
    """Every agreements/<id>.yaml (or filed agreements/<id>.txt, .htm, .docx, .md, when no
    <id>.yaml was imported from it) under `folder`, each with the files of its amendments/<id>/."""
    from .load import find_amendments

    found = []
    from .readers import DOCUMENT_EXTENSIONS

    files = sorted(
        [*Path(folder).rglob("*.y*ml"), *(p for ext in DOCUMENT_EXTENSIONS for p in Path(folder).rglob(f"*{ext}"))]
    )
    yaml_stems = {(p.parent, p.stem) for p in files if p.suffix in (".yaml", ".yml")}
    for path in files:
        if path.parent.name != "agreements" or not path.is_file():
            continue
        if path.suffix in DOCUMENT_EXTENSIONS and (path.parent, path.stem) in yaml_stems:
            continue  # a filed document and the agreement file imported from it: the file is the one kept
        ident = path.stem
        amendments = tuple(find_amendments(str(path), ident))
        found.append(Task(str(path), amendments, fmt))
    return found


def run_all(work: list[Task], jobs: int | None = None) -> Iterator[Result]:
    """Results in the order of `work` (so the summary table reads the same every run),
    using every core unless told otherwise."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(work) == 1:
        yield from map(conform_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(conform_one, work)
