"""Quoted words in an instruction: where each quotation opens and closes.

Amendments quote the words they act on and the words they insert, in straight or curly
quotes, and a quotation may hold quotations of its own (a new definition begins with its
quoted term; `deleting the words "(the "NOTES")"`). Curly quotes say which way they face;
a straight quote opens where it follows the start of a paragraph, white space or an
opening bracket and is followed by a word or a mark, and closes where it follows a word
or a mark; one with white space on both sides (words quoted with their own space, as in
`inserting " and Suite 410"`) closes an open quotation, else opens one. Quotations nest as brackets do, and only the outermost ones are returned.
"""

from __future__ import annotations

from typing import NamedTuple

OPENING = "\u201c"
CLOSING = "\u201d"
STRAIGHT = '"'


class Quotation(NamedTuple):
    """The words between a pair of outermost quotes: text[start:end], quotes excluded."""

    start: int
    end: int
    text: str


def _faces(text: str, i: int) -> str:
    """'open', 'close' or '' (not a quote) for the character at i."""
    ch = text[i]
    if ch == OPENING:
        return "open"
    if ch == CLOSING:
        return "close"
    if ch != STRAIGHT:
        return ""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{:/\u2014-") and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return "open" if not after.isspace() else "either"


def quotations(text: str) -> list[Quotation]:
    """The outermost quotations of `text`, in order. An unclosed quotation is left out
    (the instruction that needs it will not match, and says so)."""
    out: list[Quotation] = []
    depth = 0
    start = 0
    for i in range(len(text)):
        face = _faces(text, i)
        if face == "either":  # white space on both sides: words quoted with their space, " and Suite 410"
            face = "close" if depth else "open"
        if face == "open":
            if depth == 0:
                start = i + 1
            depth += 1
        elif face == "close" and depth:
            depth -= 1
            if depth == 0:
                out.append(Quotation(start, i, text[start:i]))
    return out


def mask(text: str, marker: str = "\u00a7Q{}\u00a7") -> tuple[str, list[str]]:
    """The text with each outermost quotation replaced by a numbered marker ("§Q0§"),
    and the quotations' words in order: the phrase patterns read the instruction's own
    words without tripping over the words it quotes."""
    quoted = quotations(text)
    pieces: list[str] = []
    at = 0
    for n, q in enumerate(quoted):
        pieces.append(text[at : q.start - 1])
        pieces.append(marker.format(n))
        at = q.end + 1
    pieces.append(text[at:])
    return "".join(pieces), [q.text for q in quoted]
