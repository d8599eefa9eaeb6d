"""Annotated conformed copies, as legal publishers print revised texts: each amended
place followed by a bracketed note naming the amendment, its section and its date,
or by the number of a footnote that does."""

from __future__ import annotations

from typing import NamedTuple

from .blame import Span, document_spans
from .engine import AppliedChange, History

ADDED = frozenset({"add_unit", "add_definitions"})
RESTATED = frozenset({"restate_unit", "restate_definition"})


class Piece(NamedTuple):
    """Words, and the note that follows them (None: no note)."""

    text: str
    note: str | None = None


def note(change: AppliedChange) -> str:
    """'Amended by Amendment No. 1 to ..., Section 3(a), dated as of February 21, 2002'."""
    verb = (
        "Added by"
        if change.change.op in ADDED
        else "Amended and restated by"
        if change.change.op in RESTATED
        else "Deleted by"
        if change.change.op == "delete_unit"
        else "Amended by"
    )
    src = f", {change.change.source}" if change.change.source else ""
    return f"{verb} {change.amendment.title}{src}, dated as of {change.amendment.dated}"


def pieces(spans: list[Span]) -> list[Piece]:
    """A block's words with a note after each stretch an amendment wrote or deleted.

    A block written whole by one change (a unit added or restated) gets one note at its
    end rather than one after each stretch.
    """
    worded = [s for s in spans if s.text.strip()]  # the space joining a caption to its text has no author
    authors = {id(s.change) for s in worded}
    if worded and len(authors) == 1 and worded[0].change is not None:
        change = worded[0].change
        assert change is not None
        return [Piece("".join(s.text for s in spans), note(change))]
    out: list[Piece] = []
    for s in spans:
        out.append(Piece(s.text, note(s.change) if s.change is not None else None))
    return out


def annotated(history: History) -> tuple[tuple[Piece, ...], ...]:
    """Every printed block of the latest version as pieces with notes, in order."""
    return tuple(tuple(pieces(block)) for block in document_spans(history))


def conformed_through(history: History) -> str | None:
    """'Conformed through Amendment No. 1 to ..., dated as of February 21, 2002'."""
    amendments = history.amendments
    if not amendments:
        return None
    last = amendments[-1]
    return f"Conformed through {last.title}, dated as of {last.dated}"


def numbered(blocks: tuple[tuple[Piece, ...], ...]) -> tuple[dict[str, int], list[str]]:
    """Footnote numbers for the notes, in order of first appearance; one number a note."""
    numbers: dict[str, int] = {}
    for block in blocks:
        for p in block:
            if p.note is not None and p.note not in numbers:
                numbers[p.note] = len(numbers) + 1
    return numbers, list(numbers)


def split(block: tuple[Piece, ...], at: int) -> tuple[list[Piece], list[Piece]]:
    """The pieces before and after character `at` of the block's words (a caption and its
    text), a note staying with the words it follows."""
    head: list[Piece] = []
    tail: list[Piece] = []
    seen = 0
    for p in block:
        if seen >= at:
            tail.append(p)
        elif seen + len(p.text) <= at:
            head.append(p)
        else:
            cut = at - seen
            head.append(Piece(p.text[:cut]))
            tail.append(Piece(p.text[cut:], p.note))
        seen += len(p.text)
    return head, tail
