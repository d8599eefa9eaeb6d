"""The whole run, as docutils' Publisher runs it: find the files, read them, apply the
amendments. The library's `conform` and every command go through here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .engine import History, apply
from .load import (
    SourceText,
    amendment_from,
    amendments_folder,
    find_amendments,
    read_source,
)
from .model import Agreement

if TYPE_CHECKING:
    from .readers.report import Report


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
    reader: str = "yaml"  # which reader read the agreement (readers/__init__.py chooses)


def read_inputs(agreement: str, amendments: Sequence[str] | None) -> Inputs:
    """The agreement (path, id or "-") and its amendment files, read but not yet applied:
    where every command starts."""
    from .readers import find, read

    path = find(agreement)
    reading = read(path)
    base_src, base = reading.source, reading.agreement
    files = list(amendments) if amendments else find_amendments(path, base.id)
    return Inputs(path, base_src, base, files, [read_source(f) for f in files], reading.reader)


def run(agreement: str, amendments: Sequence[str] | None = None, *, keep_going: bool = False) -> Run:
    """Every version of an agreement (path, id or "-") through its amendments.

    With `amendments` None, the files under amendments/<id>/ beside the agreements
    folder. A run whose inputs and code are unchanged since the last one is read back
    from the cache rather than applied again (see cache.py).
    """
    from .cache import cached_many

    path, base_src, base, files, sources, reader = read_inputs(agreement, amendments)
    note = None
    if not files:
        note = f"no amendments under {amendments_folder(path, base.id)}; this is the agreement as originally signed"

    def build() -> History:
        return apply(base, [amendment_from(s) for s in sources], keep_going=keep_going)

    if reader != "yaml":
        # the cache's code stamp does not cover readers/: a filed document is read afresh
        history = build()
    else:
        history = cached_many("history", [(base_src.name, base_src.text), *((s.name, s.text) for s in sources)], build)
    return Run(history, (path, *files), note)


def imported(agreement: Agreement, report: Report | None, source_name: str) -> str:
    """The agreement file (YAML) for a document just read, checked to read back: a file
    the YAML reader would refuse is never written."""
    from .errors import AgreementError, DocumentError
    from .load import read_agreement
    from .writers.imported import render

    text = render(agreement, report, source_name)
    try:
        read_agreement(SourceText(f"{source_name} (as YAML)", text))
    except AgreementError as e:
        raise DocumentError(
            f"{source_name}: the agreement as read cannot be written as an agreement file: {e.message}",
            hint="see the places to check in the report; the reader does not yet handle this layout",
        ) from None
    return text
