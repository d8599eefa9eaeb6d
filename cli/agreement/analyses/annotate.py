"""Annotated conformed copies, as legal publishers print revised texts: each amended
place followed by a bracketed note naming the amendment, its section and its date,
or by the number of a footnote that does."""

from __future__ import annotations

from typing import NamedTuple

from ..address import by_place, describe_address, find_unit, resolve
from ..engine import AppliedChange, History
from ..model import Path, Unit, at, walk
from ..printed import Block, blocks, caption
from .blame import Span, document_spans
from .lineage import makers

ADDED = frozenset({"add_unit", "add_definitions"})
RESTATED = frozenset({"restate_unit", "restate_definition"})


class Piece(NamedTuple):
    """Words, and the note that follows them (None: no note).

    Where an amendment wrote only some of a block's words, its stretch is marked at both
    ends: `opens` where its words begin, `closes` where they end (before the note), so a
    reader sees where an insertion began, not only where it ended."""

    text: str
    note: str | None = None
    opens: bool = False
    closes: bool = False


OPEN, CLOSE = "{", "}"
"""The marks around a stretch an amendment wrote, as `show --blame` marks them."""


def marked(piece: Piece) -> str:
    """The piece's words with its marks: " {an executed counterpart thereof}"."""
    text = piece.text
    if piece.opens:
        lead = len(text) - len(text.lstrip())
        text = f"{text[:lead]}{OPEN}{text[lead:]}"
    return f"{text}{CLOSE}" if piece.closes else text


def note(change: AppliedChange) -> str:
    """'Amended by Amendment No. 1 to ..., Section 3(a), dated as of February 21, 2002'."""
    verb = (
        "Added by"
        if change.change.op in ADDED
        else "Amended and restated by"
        if change.change.op in RESTATED
        else "Deleted by"
        if change.change.op in ("delete_unit", "delete_definitions")
        else "Amended by"
    )
    src = f", {change.change.source}" if change.change.source else ""
    return f"{verb} {change.amendment.title}{src}, dated as of {change.amendment.dated_in_words}"


def pieces(spans: list[Span], label: int = 0) -> list[Piece]:
    """A block's words with a note after each stretch an amendment wrote or deleted.

    A block written whole by one change (a unit added, restated or reserved: its number,
    the first `label` characters, may be the one it had) gets one note at its end rather
    than one after each stretch, and no marks.
    """
    worded = [s for s in _after_label(spans, label) if s.text.strip()]  # the joining space has no author
    authors = {id(s.change) for s in worded}
    if worded and len(authors) == 1 and worded[0].change is not None:
        change = worded[0].change
        assert change is not None
        return [Piece("".join(s.text for s in spans), note(change))]
    out: list[Piece] = []
    for s in spans:
        amended = s.change is not None and bool(s.text.strip())
        out.append(Piece(s.text, note(s.change) if s.change is not None else None, amended, amended))
    return out


def _after_label(spans: list[Span], label: int) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        out.append(s._replace(text=s.text[label:]) if label > 0 else s)
        label -= len(s.text)
    return out


def annotated(history: History) -> tuple[tuple[Block | None, tuple[Piece, ...]], ...]:
    """Every printed block of the latest version as pieces with notes, in order; where an
    amendment deleted a unit outright, a block of its own (with no Block) says so, placed
    after the unit it followed."""
    root = history.latest.agreement.root
    printed = blocks(root, own_caption=False)
    paths = _block_paths(root)
    assert len(printed) == len(paths)
    out: list[tuple[Block | None, tuple[Piece, ...]]] = [
        (b, tuple(pieces(spans, len(b.label)))) for b, spans in zip(printed, document_spans(history), strict=True)
    ]
    inserts: list[tuple[int, tuple[Block | None, tuple[Piece, ...]]]] = []
    where_now = {id(u): p for p, u in walk(root)}
    for version in history.versions[1:]:
        for applied in version.applied:
            for address in applied.effect.deleted if applied.effect.kind == "deleted" else ():
                where = _gone(history, applied, address, where_now)
                if where is None or address not in applied.effect.units:
                    continue
                at_ = _after(paths, where)
                words = f"[{describe_address(address)[0].upper()}{describe_address(address)[1:]} deleted]"
                inserts.append((at_, (None, (Piece(words, note(applied)),))))
    # from the end, so that earlier places stay put; of two notes at one place, the later
    # (a second recital deleted from the place the first left) goes in first, to stand second
    for _, (at_, block) in sorted(enumerate(inserts), key=lambda x: (x[1][0], x[0]), reverse=True):
        out.insert(at_, block)
    return tuple(out)


def _block_paths(root: Unit) -> list[Path]:
    """The unit each printed block belongs to, in the order writers.blocks prints them."""
    out: list[Path] = []

    def visit(unit: Unit, path: Path) -> None:
        if unit.run_in:
            out.append(path)
            return
        n = len(unit.text) if unit.text else (1 if caption(unit) else 0)
        out.extend([path] * n)
        for i, child in enumerate(unit.children):
            visit(child, (*path, i))

    for i, part in enumerate(root.children):
        visit(part, (i,))
    return out


def _gone(
    history: History, applied: AppliedChange, address: str, where_now: dict[int, Path]
) -> tuple[Path, bool] | None:
    """Where a deleted unit stood, in the latest version's terms: the unit it followed
    (True) or, when it came first, its parent (False); None if the unit is back.

    The neighbours are followed by identity: a recital's address is its place, which the
    next recital takes when one is deleted."""
    root = history.latest.agreement.root
    if not by_place(address) and find_unit(root, address) is not None:
        return None  # deleted, then added again (a definition replaced): noted where it stands
    before = applied.before
    path = resolve(before, address)
    known = makers(history)
    for anchor, follows in (((*path[:-1], path[-1] - 1), True), (path[:-1], False)):
        if not anchor or anchor[-1] < 0:
            continue
        now = known.forward(at(before, anchor))
        found = where_now.get(id(now)) if now is not None else None
        if found is not None:
            return found, follows
    return None


def _after(paths: list[Path], where: tuple[Path, bool]) -> int:
    """The index of the first block after the anchor (its parts included when the deleted
    unit followed it; its own blocks only, when the deleted unit was its first part)."""
    anchor, follows = where
    index = None
    for i, p in enumerate(paths):
        inside = p[: len(anchor)] == anchor if follows else p == anchor
        if inside:
            index = i + 1
    if index is None:  # a parent with no words of its own (the recitals): before its first part
        index = next((i for i, p in enumerate(paths) if p[: len(anchor)] == anchor), 0)
    return index


def conformed_through(history: History) -> str | None:
    """'Conformed through Amendment No. 1 to ..., dated as of February 21, 2002'."""
    amendments = history.amendments
    if not amendments:
        carried = history.original.agreement.amended_by  # a conformed copy read back
        if not carried:
            return None
        dated = f", dated as of {carried[-1].dated_in_words}" if carried[-1].dated else ""
        return f"Conformed through {carried[-1].name}{dated}"
    last = amendments[-1]
    return f"Conformed through {last.title}, dated as of {last.dated_in_words}"


def numbered(annotated_blocks) -> tuple[dict[str, int], list[str]]:
    """Footnote numbers for the notes, in order of first appearance; one number a note."""
    numbers: dict[str, int] = {}
    for _, block in annotated_blocks:
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
            head.append(Piece(p.text[:cut], None, p.opens and bool(p.text[:cut].strip())))
            tail.append(Piece(p.text[cut:], p.note, p.opens and not p.text[:cut].strip(), p.closes))
        seen += len(p.text)
    return head, tail
