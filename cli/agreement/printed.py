"""The reading form shared by the plain writers: units as labelled paragraphs.

A paragraph's original line breaks are a property of the source, not of the text,
so writers join them; signature blocks are the exception, being laid out by line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lazyre import deferred
from .model import Kind, Unit

_SPACE = deferred(r"\s+")


class Block(NamedTuple):
    """One output paragraph: its run-in label and heading, its text, its depth."""

    label: str
    text: str
    depth: int
    kind: Kind
    lines: bool = False  # keep line breaks (signature blocks)
    headed: bool = False  # the label carries a heading ("8.3 LIMITATION ..."), not a number alone ("8.3")


def flat(text: str) -> str:
    """The paragraph's words, one space between (its line breaks are its source's).

    Most paragraphs are plain ASCII lines broken by single line breaks: for those the
    words are the text with its line breaks made spaces, found by searches in C at a
    third of the cost of splitting the text into words (for ASCII, str.split's white
    space is exactly the space, the line break and the eight other marks looked for)."""
    if text.isascii():
        spaced = text.replace("\n", " ")
        if not (
            "  " in spaced or spaced[:1] == " " or spaced[-1:] == " " or any(mark in spaced for mark in _OTHER_SPACE)
        ):
            return spaced
    return " ".join(text.split())


_OTHER_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def caption(unit: Unit) -> str:
    """'13.4 AMENDMENTS AND WAIVERS.', '1. DEFINITIONS.', '(a) EXCHANGE.', '(a)'."""
    parts = []
    if unit.number:
        parts.append(f"{unit.number}." if re.fullmatch(r"\d+", unit.number) else unit.number)
    if unit.heading:
        parts.append(unit.heading if unit.heading[-1] in ".:;" else f"{unit.heading}.")
    return " ".join(parts)


def blocks(unit: Unit, depth: int = 0, *, own_caption: bool = True) -> list[Block]:
    """The unit's body as paragraphs in reading order, each sub-unit with its label."""
    label = caption(unit) if own_caption else ""
    if unit.run_in:
        return [Block(label, run_in_text(unit), depth, unit.kind, headed=bool(label and unit.heading))]
    keep_lines = unit.kind is Kind.SIGNATURES
    paras = [p if keep_lines else flat(p) for p in unit.text]
    out = []
    if paras:
        out.append(Block(label, paras[0], depth, unit.kind, keep_lines, bool(label and unit.heading)))
        out.extend(Block("", p, depth, unit.kind, keep_lines) for p in paras[1:])
    elif label:
        out.append(Block(label, "", depth, unit.kind, headed=bool(unit.heading)))
    for child in unit.children:
        out.extend(blocks(child, part_depth(unit, child, depth)))
    return out


def part_depth(unit: Unit, part: Unit, depth: int) -> int:
    """How deep a part of a unit at `depth` prints: one level in, but a closing paragraph
    stands flush with its unit, and the parts of the whole and of the recitals at its level."""
    if part.kind is Kind.PARAGRAPH or unit.kind in (Kind.DOCUMENT, Kind.RECITALS):
        return depth
    return depth + 1


def as_heading(b: Block) -> bool:
    """Is this block printed as a heading of its own? A section's is, when the section has
    a heading (or no text to run on into); a section with a number alone runs its number
    into its text, as in "8.3 [Reserved]"."""
    return b.kind is Kind.SECTION and bool(b.label) and (b.headed or not b.text)


def run_in_text(unit: Unit) -> str:
    """A unit whose parts run on in one paragraph: "for (a) ... and (b) ...;"."""
    pieces = [flat(p) for p in unit.text]
    for child in unit.children:
        head = caption(child)
        body = run_in_text(child)
        pieces.append(f"{head} {body}".strip())
    return " ".join(p for p in pieces if p)


def body_text(unit: Unit) -> str:
    """The unit's whole body as plain text, without its own number and heading."""
    return "\n\n".join(
        b.text if not b.label else f"{b.label} {b.text}".strip() for b in blocks(unit, own_caption=False)
    )


def deletion_line(view_address: str, applied: object) -> str:
    """One line saying which amendment deleted a unit, and where it said so."""
    from .address import describe_address

    amendment = applied.amendment
    change = applied.change
    src = f", {change.source}" if change.source else ""
    return f"{describe_address(view_address)} was deleted by {amendment.title}{src}, dated as of {amendment.dated_in_words}."
