"""The whole run, as docutils' Publisher runs it: find the files, read them, apply the
amendments. The library's `conform` and every command go through here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from .engine import History, apply
from .load import (
    SourceText,
    amendment_from,
    amendments_folder,
    find_agreement,
    find_amendments,
    read_source,
)
from .model import Agreement, Amendment


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

    def amendments(self) -> list[Amendment]:
        """The amendments, documents compiled in turn against the agreement as amended by
        those before them; NeedsReview for a document with an instruction to review."""
        return amendments_of(self)


def read_inputs(agreement: str, amendments: Sequence[str] | None) -> Inputs:
    """The agreement (path, id or "-") and its amendment files, read but not yet applied:
    where every command starts. An amendment file that is not YAML is read as a document
    (readers/), to be compiled."""
    from .readers import YAML, read, reader_for

    path = find_agreement(agreement)
    reading = read(path)
    base_src, base = reading.source, reading.agreement
    files = list(amendments) if amendments else find_amendments(path, base.id)
    sources: list[SourceText] = []
    documents: list[Agreement | None] = []
    for f in files:
        if reader_for(f) == YAML:
            sources.append(read_source(f))
            documents.append(None)
            continue
        doc = read(f)
        sources.append(doc.source)
        documents.append(None if doc.reader == YAML else doc.agreement)
    return Inputs(path, base_src, base, files, sources, reading.reader, tuple(documents))


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


def run(agreement: str, amendments: Sequence[str] | None = None, *, keep_going: bool = False) -> Run:
    """Every version of an agreement (path, id or "-") through its amendments.

    With `amendments` None, the files under amendments/<id>/ beside the agreements
    folder. A run whose inputs and code are unchanged since the last one is read back
    from the cache rather than applied again (see cache.py).
    """
    from .cache import cached_many

    inputs = read_inputs(agreement, amendments)
    path, base_src, base, files, sources, reader = inputs[:6]
    note = None
    if not files:
        note = f"no amendments under {amendments_folder(path, base.id)}; this is the agreement as originally signed"

    def build() -> History:
        return apply(base, inputs.amendments(), keep_going=keep_going)

    if reader != "yaml" or any(inputs.documents):
        # the cache's code stamp does not cover readers/: a filed document is read afresh
        history = build()
    else:
        history = cached_many("history", [(base_src.name, base_src.text), *((s.name, s.text) for s in sources)], build)
    return Run(history, (path, *files), note)


def compile_amendment(document: str, agreement: str):
    """An amendment document (`document`, any form a reader takes) compiled against the
    agreement it amends (path, id or "-"), as amended through every amendment found or
    given before it in sequence: what `agreement compile` prints and writes."""
    from .compiler import compile_document
    from .compiler.document import heading
    from .errors import DocumentError
    from .readers import YAML, read

    inputs = read_inputs(agreement, None)
    reading = read(document)
    if reading.reader == YAML:
        raise DocumentError(
            f"{document}: this is already an amendment file (YAML); there is nothing to compile",
            hint=f"apply it: agreement apply {agreement} {document}",
        )
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
