"""The whole run, as docutils' Publisher runs it: find the files, read them, apply the
amendments. The library's `conform` and every command go through here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, NamedTuple

from .engine import History, apply
from .model import Agreement, Amendment
from .readers.yaml import (
    SourceText,
    amendment_from,
    amendments_folder,
    find_amendments,
    read_source,
    shown,
)

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
    documents: tuple[Agreement | None, ...] = ()  # per amendment file: a document's model, or None for YAML
    note: str | None = None  # what the search for amendments found worth saying

    def amendments(self) -> list[Amendment]:
        """The amendments, documents compiled in turn against the agreement as amended by
        those before them; NeedsReview for a document with an instruction to review."""
        return amendments_of(self)


def read_inputs(agreement: str, amendments: Sequence[str] | None) -> Inputs:
    """The agreement (path, id or "-") and its amendment files, read but not yet applied:
    where every command starts. An amendment file that is not YAML is read as a document
    (readers/), to be compiled.

    Amendments found in the folder (none named) that a conformed copy read back already
    carries (its `amended_by`) are passed over, and the note says so; named ones are
    the engine's to refuse."""
    from .readers import find, read

    path = find(agreement)
    reading = read(path)
    base_src, base = reading.source, reading.agreement
    if amendments:
        if reading.reader != "yaml":
            from .compiler.document import titled_as_an_amendment
            from .errors import WrongKindOfDocument

            if titled_as_an_amendment(base.title):
                raise WrongKindOfDocument(path, base.title, given_as="agreement")  # the files given in the wrong order
        files = list(amendments)
        sources, documents = _read_amendments(files)
        return Inputs(path, base_src, base, files, sources, reading.reader, documents)
    folder = amendments_folder(path, base.id)
    files = find_amendments(path, base.id)
    sources, documents = _read_amendments(files)
    carried = {w.id for w in base.amended_by}
    if carried:
        later = [
            (f, s, d)
            for f, s, d in zip(files, sources, documents, strict=True)
            if d is not None or amendment_from(s).id not in carried
        ]
        files, sources, documents = [f for f, _, _ in later], [s for _, s, _ in later], tuple(d for _, _, d in later)
    note = _found_note(path, base, folder, files)
    return Inputs(path, base_src, base, files, sources, reading.reader, documents, note)


def _read_amendments(files: list[str]) -> tuple[list[SourceText], tuple[Agreement | None, ...]]:
    """Each amendment file's text, and for a document (not YAML) the model a reader made of it."""
    from .readers import YAML, read, reader_for

    sources: list[SourceText] = []
    documents: list[Agreement | None] = []
    for f in files:
        if reader_for(f) == YAML:
            sources.append(read_source(f))
            documents.append(None)
            continue
        doc = _read_amendment(f, read)
        sources.append(doc.source)
        documents.append(None if doc.reader == YAML else doc.agreement)
    return sources, tuple(documents)


def _read_amendment(path: str, read):
    """An amendment document as a reader gives it; a reader's refusal for want of numbered
    sections says amendment, not agreement, and where the compiler looks for instructions."""
    from .errors import NoNumberedSections

    try:
        return read(path)
    except NoNumberedSections as e:
        raise NoNumberedSections(e.name, amendment=True) from None


def amendments_of(inputs: Inputs) -> list[Amendment]:
    """The amendments of a run, in sequence order. YAML files are read as written; a
    document is compiled (compiler/) against the agreement as amended through the ones
    before it, its sequence the one its title gives ("Amendment No. 2"), else the next
    in the order the files were given."""
    if not any(inputs.documents):
        return [amendment_from(s) for s in inputs.sources]
    from .compiler import compile_document, refuse_unreviewed
    from .compiler.document import heading

    items: list[tuple[int, int, SourceText, Agreement | None, Amendment | None]] = []
    following = 1
    for i, (src, doc) in enumerate(zip(inputs.sources, inputs.documents, strict=True)):
        if doc is None:
            a = amendment_from(src)
            items.append((a.sequence, i, src, None, a))
            following = max(following, a.sequence + 1)
        else:
            seq = heading(doc).sequence or following
            items.append((seq, i, src, doc, None))
            following = max(following, seq + 1)
    items.sort(key=lambda x: (x[0], x[1]))
    out: list[Amendment] = []
    current = inputs.base
    for seq, _, src, doc, a in items:
        if a is None:
            assert doc is not None
            a = refuse_unreviewed(compile_document(src.name, doc, current, sequence=seq))
            a = a._replace(amends=inputs.base.id, sequence=seq)
        out.append(a)
        current = apply(inputs.base, out).latest.agreement
    return out


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

    inputs = read_inputs(agreement, amendments)
    path, base_src, base, files, sources = inputs[:5]

    def build() -> History:
        return apply(base, inputs.amendments(), keep_going=keep_going)

    # the cache's code stamp covers readers/ and compiler/ too: a document's history is kept like a YAML one's
    history = cached_many("history", [(base_src.name, base_src.text), *((s.name, s.text) for s in sources)], build)
    notes = [n for n in (inputs.note, _gap_note(base, history.amendments)) if n]
    return Run(history, (path, *files), "; ".join(notes) or None)


def _gap_note(base: Agreement, amendments: Sequence[Amendment]) -> str | None:
    """Amendments applied with one before them in sequence left out ("Amendment No. 2"
    given without No. 1): allowed, as a reader may want it, but never unsaid, since the
    copy is then not the agreement as in effect."""
    start = max((w.sequence or 0 for w in base.amended_by), default=0) + 1
    given = {a.sequence for a in amendments}
    missing = [n for n in range(start, max(given, default=0)) if n not in given]
    if not missing:
        return None
    after = min((a for a in amendments if a.sequence > missing[0]), key=lambda a: a.sequence)
    if len(missing) == 1:
        lacking, pronoun = f"no amendment with sequence {missing[0]} was given", "it"
    else:
        numbers = ", ".join(str(n) for n in missing[:-1]) + f" and {missing[-1]}"
        lacking, pronoun = f"no amendments with sequences {numbers} were given", "them"
    return (
        f"{lacking}: {after.title or after.id} ({after.file}) is applied without {pronoun}, "
        "so this copy may not be the agreement as in effect"
    )


def compile_amendment(document: str, agreement: str):
    """An amendment document (`document`, any form a reader takes) compiled against the
    agreement it amends (path, id or "-"), as amended through every amendment found or
    given before it in sequence: what `agreement compile` prints and writes."""
    from .compiler import compile_document
    from .compiler.document import heading
    from .errors import UsageError
    from .readers import YAML, read, reader_for

    inputs = read_inputs(agreement, None)
    if reader_for(document) == YAML:
        import re

        if re.search(r"(?m)^amends:", read_source(document).text):
            raise UsageError(
                f"{document}: this is already an amendment file (YAML); there is nothing to compile",
                hint=f"apply it: agreement apply {agreement} {document}",
            )
        raise UsageError(
            f"{document}: this is an agreement file (YAML), not an amendment",
            hint="give the amendment as filed (a .txt filing) first, and the agreement it amends with --agreement",
        )
    reading = _read_amendment(document, read)
    seq = heading(reading.agreement).sequence
    earlier = [
        (s, d)
        for s, d in zip(inputs.sources, inputs.documents, strict=True)
        if os.path.abspath(s.name) != os.path.abspath(document)
    ]
    before = inputs._replace(sources=[s for s, _ in earlier], documents=tuple(d for _, d in earlier))
    prior = [a for a in amendments_of(before) if seq is None or a.sequence < seq]
    current = apply(inputs.base, prior).latest.agreement if prior else inputs.base
    if seq is None:
        seq = max((a.sequence for a in prior), default=0) + 1
    done = compile_document(reading.source.name, reading.agreement, current, sequence=seq)
    done = done._replace(amendment=done.amendment._replace(amends=inputs.base.id))
    return done, current, (inputs.path, *(s.name for s, _ in earlier), document)


def imported(agreement: Agreement, report: Report | None, source_name: str) -> str:
    """The agreement file (YAML) for a document just read, checked to read back: a file
    the YAML reader would refuse is never written."""
    from .errors import AgreementError, DocumentError
    from .readers.yaml import read_agreement
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


class Review(NamedTuple):
    """What `agreement check` reports on: the files read, the versions, the findings."""

    files: tuple[str, ...]
    history: History
    findings: list  # check.Finding


def review(agreement: str, amendments: list[str] | None, through: str | None = None) -> Review:
    """`agreement check`'s run: read and apply every change that can be applied, then check
    the result (check/); with `through`, only the amendments up to it, and only their
    failures."""
    from .analyses.select import cut
    from .check import run
    from .engine import apply_all_possible

    inputs = read_inputs(agreement, amendments)
    history, failures = apply_all_possible(inputs.base, inputs.amendments())
    if through is not None:
        history = cut(history, through)
        kept = {a.title for a in history.amendments}
        failures = [f for f in failures if f.amendment in kept]
    sources = (inputs.base_src, *inputs.sources)
    return Review((inputs.path, *inputs.files), history, run(history, failures, sources))
