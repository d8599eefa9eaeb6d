"""The whole run, as docutils' Publisher runs it: find the files, read them, apply the
amendments. The library's `conform` and every command go through here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path as FsPath
from typing import NamedTuple

from .engine import History, apply
from .load import (
    SourceText,
    agreement_from,
    amendment_from,
    amendments_folder,
    find_agreement,
    find_amendments,
    read_source,
    shown,
)
from .model import Agreement


class Run(NamedTuple):
    history: History
    files: tuple[str, ...]  # every file read, the agreement first
    note: str | None  # for the user, when something is worth saying (no amendments found)


class Inputs(NamedTuple):
    path: str  # the agreement's file
    base_src: SourceText
    base: Agreement
    files: list[str]  # the amendments' files, as given or found
    sources: list[SourceText]
    note: str | None = None  # what the search for amendments found worth saying


def read_inputs(agreement: str, amendments: Sequence[str] | None) -> Inputs:
    """The agreement (path, id or "-") and its amendment files, read but not yet applied:
    where every command starts.

    Amendments found in the folder (none named) that a conformed copy read back already
    carries (its `amended_by`) are passed over, and the note says so; named ones are
    the engine's to refuse."""
    path = find_agreement(agreement)
    base_src = read_source(path)
    base = agreement_from(base_src)
    if amendments:
        files = list(amendments)
        return Inputs(path, base_src, base, files, [read_source(f) for f in files])
    folder = amendments_folder(path, base.id)
    files = find_amendments(path, base.id)
    sources = [read_source(f) for f in files]
    carried = {w.id for w in base.amended_by}
    if carried:
        later = [(f, s) for f, s in zip(files, sources, strict=True) if amendment_from(s).id not in carried]
        files, sources = [f for f, _ in later], [s for _, s in later]
    return Inputs(path, base_src, base, files, sources, _found_note(path, base, folder, files))


def _found_note(path: str, base: Agreement, folder: FsPath, files: list[str]) -> str | None:
    """What to tell the user about the amendments found: nothing when there are some for
    an original; otherwise what the copy is, and where none were found."""
    where = shown(folder)
    if not folder.is_dir():
        looked = f"there is no amendments folder {where}/"
    else:
        looked = f"no{' later' if base.amended_by else ''} amendments under {where}/"
    if base.amended_by:
        n = len(base.amended_by)
        carries = (
            f"{path} is a conformed copy, as amended through {base.amended_by[-1].name} "
            f"(its `amended_by` lists {n} amendment{'s' if n != 1 else ''})"
        )
        return f"{carries}; {looked}" if not files else f"{carries}; applying only the later ones under {where}/"
    if not files:
        return f"{looked}; this is the agreement as originally signed"
    return None


def run(agreement: str, amendments: Sequence[str] | None = None, *, keep_going: bool = False) -> Run:
    """Every version of an agreement (path, id or "-") through its amendments.

    With `amendments` None, the files under amendments/<id>/ beside the agreements
    folder. A run whose inputs and code are unchanged since the last one is read back
    from the cache rather than applied again (see cache.py).
    """
    from .cache import cached_many

    path, base_src, base, files, sources, note = read_inputs(agreement, amendments)
    history = cached_many(
        "history",
        [(base_src.name, base_src.text), *((s.name, s.text) for s in sources)],
        lambda: apply(base, [amendment_from(s) for s in sources], keep_going=keep_going),
    )
    return Run(history, (path, *files), note)
