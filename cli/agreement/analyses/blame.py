"""Blame: which version wrote each word of a unit, from the engine's record.

Every applied change keeps the root it was applied to and the root it produced. For
one unit, the changes that rebuilt it are replayed in order: a change that restates,
adds or reserves the unit writes all of its words; a change of words writes exactly
the stretch it altered (where the two texts differ, or the spans the operation
recorded when it made several edits in one paragraph). Nothing is aligned by a diff.
"""

from __future__ import annotations

from typing import NamedTuple

from ..address import address_of, find_unit, resolve
from ..engine import AppliedChange, History
from ..model import Kind, Unit, at
from ..operations import WRITES_WHOLE_UNIT
from ..printed import caption
from ..text import changed_words
from .lineage import makers


class Span(NamedTuple):
    """Words and the change that wrote them; None: the agreement as originally signed.

    A span with no words marks a place where a change deleted words.
    """

    text: str
    change: AppliedChange | None


class UnitBlame(NamedTuple):
    address: str
    caption: tuple[Span, ...]
    paragraphs: tuple[tuple[Span, ...], ...]  # the unit's own paragraphs, line breaks kept


def _fresh(unit: Unit, change: AppliedChange | None) -> UnitBlame:
    head = caption(unit)
    return UnitBlame(
        "",
        (Span(head, change),) if head else (),
        tuple((Span(p, change),) for p in unit.text),
    )


def _edit(spans: tuple[Span, ...], start: int, end: int, words: str, change: AppliedChange) -> tuple[Span, ...]:
    """The spans of one paragraph with [start, end) replaced by `words` written by `change`."""
    out: list[Span] = []
    at_ = 0
    placed = False
    for s in spans:
        s_start, s_end = at_, at_ + len(s.text)
        at_ = s_end
        if s_end <= start and not (s_end == start and not s.text and not placed):
            out.append(s)
            continue
        if s_start >= end and placed:
            out.append(s)
            continue
        if s_start < start:
            out.append(Span(s.text[: start - s_start], s.change))
        if not placed:
            out.append(Span(words, change))
            placed = True
        if s_end > end:
            out.append(Span(s.text[end - s_start :], s.change))
    if not placed:
        out.append(Span(words, change))
    return tuple(out)


def unit_blame(history: History, address: str, upto: int | None = None) -> UnitBlame | None:
    """Who wrote each word of the unit at `address`, through version `upto` (default: all).

    The unit is followed back by identity through the changes that rebuilt it (not by
    its address: a recital's is its place, which moves when one is added before it), to
    the original agreement or to the change that added it, and those changes are
    replayed forward. None when the unit does not exist in that version.
    """
    last = len(history.versions) - 1 if upto is None else upto
    found = find_unit(history.versions[last].agreement.root, address)
    return None if found is None else blame_unit(history, found[1], address)


def blame_unit(history: History, unit: Unit, address: str) -> UnitBlame | None:
    """Who wrote each word of `unit`, a unit object of any version of the history or of
    any root a change read or made (`address`: what to call it)."""
    lineage = makers(history).back(unit)
    first = lineage[-1][0].before if lineage else unit
    state = _fresh(first, None) if first is not None else None  # as signed; or added by a change
    for step, applied in reversed(lineage):
        b, a = step.before, step.after
        assert a is not None
        if b is not None and a.text is b.text and caption(a) == caption(b):
            continue  # rebuilt only because a part of it changed
        if state is None or b is None or applied.change.op in WRITES_WHOLE_UNIT:
            fresh = _fresh(a, applied)
            kept = caption(a)
            if state is not None and b is not None and kept and caption(b).startswith(kept):
                # the number stays as it was ("8.3 ..." reserved as "8.3 [Reserved]")
                fresh = fresh._replace(caption=_prefix(state.caption, len(kept)))
            state = fresh
            continue
        assert step.before_path is not None and step.after_path is not None
        # an operation files its edits under the unit's address as it stands at each edit:
        # a term renamed in its own definition files the later paragraphs under the new one
        names = {address_of(applied.before, step.before_path), address_of(applied.after, step.after_path)}
        state = _replay(state, b, a, applied, names)
    if state is None:
        return None
    return state._replace(address=address)


def _prefix(spans: tuple[Span, ...], n: int) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in spans:
        if n <= 0:
            break
        out.append(Span(s.text[:n], s.change))
        n -= len(s.text)
    return tuple(out)


def _replay(state: UnitBlame, b: Unit, a: Unit, applied: AppliedChange, names: set[str]) -> UnitBlame:
    paragraphs = list(state.paragraphs)
    recorded = [e for e in applied.effect.edits if e[0] in names]
    if recorded:
        for _, i, start, end, words in recorded:
            paragraphs[i] = _edit(paragraphs[i], start, end, words, applied)
        return state._replace(paragraphs=tuple(paragraphs))
    for i, (old, new) in enumerate(zip(b.text, a.text, strict=False)):
        if old != new:
            start, end, words = changed_words(old, new)
            paragraphs[i] = _edit(paragraphs[i], start, end, words, applied)
    for new in a.text[len(b.text) :]:
        paragraphs.append((Span(new, applied),))  # a paragraph added at the end
    return state._replace(paragraphs=tuple(paragraphs))


# --- spans over the printed text --------------------------------------------------------------


def flat(spans: tuple[Span, ...]) -> list[Span]:
    """The spans with white space folded as the writers print a paragraph: one space
    between words, none at the ends; a space goes with the words that follow it."""
    out: list[Span] = []
    pending = False  # white space seen since the last word, after the first word
    started = False
    for s in spans:
        words = s.text.split()
        if not words:
            pending = pending or (started and bool(s.text))
            out.append(Span("", s.change))
            continue
        body = " ".join(words)
        if started and (pending or s.text[0].isspace()):
            body = " " + body
        out.append(Span(body, s.change))
        started = True
        pending = s.text[-1].isspace()
    return out


def body_spans(history: History, address: str, upto: int | None = None) -> list[Span]:
    """Spans that concatenate to the unit's whole body as `show --format json` gives it:
    its paragraphs and sub-units, each with its label, without its own number and heading."""
    last = len(history.versions) - 1 if upto is None else upto
    root = history.versions[last].agreement.root
    path = resolve(root, address)
    blocks = _block_spans(history, root, path, at(root, path), last, own_caption=False)
    out: list[Span] = []
    for k, block in enumerate(blocks):
        if k:
            out.append(Span("\n\n", None))
        out.extend(block)
    return _merge(out)


def _block_spans(history, root, path, unit: Unit, last: int, own_caption: bool) -> list[list[Span]]:
    """The printed blocks of a unit (as writers.blocks.blocks makes them), as spans."""
    blame = unit_blame(history, address_of(root, path), last)
    assert blame is not None
    head = list(blame.caption) if own_caption else []
    if unit.kind is Kind.SIGNATURES:  # laid out by line, as printed
        return [list(p) for p in blame.paragraphs]
    if unit.run_in:
        spans = head[:]
        for para in blame.paragraphs:
            spans = _joined(spans, flat(para))
        for i, child in enumerate(unit.children):
            for block in _block_spans(history, root, (*path, i), child, last, own_caption=True):
                spans = _joined(spans, block)
        return [spans]
    blocks: list[list[Span]] = []
    paras = [flat(p) for p in blame.paragraphs]
    if paras:
        blocks.append(_joined(head, paras[0]))
        blocks.extend(paras[1:])
    elif head:
        blocks.append(head)
    for i, child in enumerate(unit.children):
        blocks.extend(_block_spans(history, root, (*path, i), child, last, own_caption=True))
    return blocks


def part_spans(history: History, last: int, path: tuple[int, ...], unit: Unit) -> tuple[list[Span], list[Span]]:
    """Who wrote the unit's caption and body as the redline prints them (redline.parts):
    its own paragraphs, a blank line between, and the parts that run on in it; sub-units
    printed as blocks of their own are left out. `unit` stands at `path` in version `last`."""
    root = history.versions[last].agreement.root
    blame = blame_unit(history, unit, address_of(root, path))
    assert blame is not None
    head = list(blame.caption)
    if unit.run_in:
        return head, _block_spans(history, root, path, unit, last, own_caption=False)[0]
    body: list[Span] = []
    for k, para in enumerate(blame.paragraphs):
        if k:
            body.append(Span("\n\n", None))
        body.extend(para if unit.kind is Kind.SIGNATURES else flat(para))
    return head, body


def _joined(left: list[Span], right: list[Span]) -> list[Span]:
    """Two runs of words with one space between, when both have words."""
    if any(s.text for s in left) and any(s.text for s in right):
        return [*left, Span(" ", None), *right]
    return [*left, *right]


def document_spans(history: History, upto: int | None = None) -> list[list[Span]]:
    """Every printed block of the document, in order, as spans (see writers.blocks)."""
    last = len(history.versions) - 1 if upto is None else upto
    root = history.versions[last].agreement.root
    out: list[list[Span]] = []
    for i, part in enumerate(root.children):
        out.extend(_merge(b) for b in _block_spans(history, root, (i,), part, last, own_caption=True))
    return out


def _merge(spans: list[Span]) -> list[Span]:
    """Neighbouring spans by the same change as one; empty spans without a change dropped."""
    merged: list[Span] = []
    for s in spans:
        if not s.text and s.change is None:
            continue
        if merged and s.text and merged[-1].text and merged[-1].change is s.change:
            merged[-1] = Span(merged[-1].text + s.text, s.change)
        else:
            merged.append(s)
    return merged
