"""Quoted words in an instruction: where each quotation opens and closes.

Amendments quote the words they act on and the words they insert, in straight or curly
quotes, and a quotation may hold quotations of its own (a new definition begins with its
quoted term; `deleting the words "(the "NOTES")"`). Curly quotes say which way they face;
a straight quote opens where it follows the start of a paragraph, white space or an
opening bracket and is followed by a word or a mark, and closes where it follows a word
or a mark; one with white space on both sides (words quoted with their own space, as in
`inserting " and Suite 410"`) closes an open quotation, else opens one. Quotations nest
as brackets do, and only the outermost ones are returned. A text with no double quote
mark may quote with single ones (‘thirty (30) days’), told from apostrophes by where
they stand.
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


SINGLE_OPENING = "\u2018"
SINGLE_CLOSING = "\u2019"
APOSTROPHE = "'"


def _single_faces(text: str, i: int, opener: str | None) -> str:
    """'open', 'close' or '' for a single quote mark at i, in a text that quotes with them
    ('deleting ‘thirty (30) days’ and inserting ...'). The same marks are apostrophes
    ("the Lender’s", "the Lenders’ consent"): a mark inside a word is never a quote; one
    closes only the kind of quotation it can close (‘ with ’, ' with '), and only where no
    letter follows it."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before.isspace() or before in "([{:/\u2014-") and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    if ch == SINGLE_OPENING:
        return "open" if opener is None else ""
    if ch == SINGLE_CLOSING:
        return "close" if opener == SINGLE_OPENING and closes else ""
    if ch == APOSTROPHE:
        if opener is None and opens:
            return "open"
        return "close" if opener == APOSTROPHE and closes else ""
    return ""


def _possessive(text: str, i: int) -> bool:
    """A closing mark that may as well be a plural possessive's apostrophe: after an "s",
    before a space and a word ("the Lenders’ consent", "ninety (90) days’ written notice")."""
    return text[i - 1 : i] in ("s", "S") and text[i + 1 : i + 2].isspace() and text[i + 2 : i + 3].isalpha()


def _quoted_in_single(text: str, apostrophes: frozenset[int] = frozenset()) -> list[Quotation]:
    """The quotations of a text that quotes with single marks only (no nesting: a single
    quotation inside another would be told from an apostrophe by nothing). `apostrophes`:
    marks read as apostrophes though they could close a quotation (see single_readings)."""
    out: list[Quotation] = []
    opener: str | None = None
    start = 0
    for i, ch in enumerate(text):
        if ch not in (SINGLE_OPENING, SINGLE_CLOSING, APOSTROPHE) or i in apostrophes:
            continue
        face = _single_faces(text, i, opener)
        if face == "open":
            opener, start = ch, i + 1
        elif face == "close":
            out.append(Quotation(start, i, text[start:i]))
            opener = None
    return out


MAX_DOUBTS = 6
"""More marks in doubt than this, and only the first reading is offered."""


def single_readings(text: str) -> list[tuple[str, list[str]]]:
    """Every way a text that quotes with single marks can be read, where a mark may close a
    quotation or be a plural possessive ("replacing ‘ninety (90) days’ written notice’
    with ..."): each as `mask` gives it, the first as `mask` reads it. The compiler keeps
    the one reading (if exactly one) under which the instruction reads whole; two are an
    ambiguity. A text with double quotes, or with no mark in doubt, has one reading."""
    first = mask(text)
    if any(c in text for c in (STRAIGHT, OPENING, CLOSING)):
        return [first]
    out = [first]
    seen = {tuple(first[1])}
    pending = [frozenset()]
    tried: set[frozenset[int]] = set()
    while pending and len(tried) < 2**MAX_DOUBTS:
        skip = pending.pop()
        if skip in tried:
            continue
        tried.add(skip)
        quoted = _quoted_in_single(text, skip)
        reading = _masked(text, quoted)
        if tuple(reading[1]) not in seen:
            seen.add(tuple(reading[1]))
            out.append(reading)
        pending.extend(skip | {i} for i in _doubtful_with(text, skip))
    return out


def _doubtful_with(text: str, skip: frozenset[int]) -> list[int]:
    """The marks in doubt as the text reads with `skip` taken for apostrophes."""
    quoted = _quoted_in_single(text, skip)
    return [q.end for q in quoted if q.end not in skip and _possessive(text, q.end)]


def quotations(text: str) -> list[Quotation]:
    """The outermost quotations of `text`, in order. An unclosed quotation is left out
    (the instruction that needs it will not match, and says so). A text without a double
    quote mark may quote with single ones (‘...’ or '...'): those are its quotations."""
    if not any(c in text for c in (STRAIGHT, OPENING, CLOSING)):
        return _quoted_in_single(text)
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
    return _masked(text, quotations(text), marker)


def _masked(text: str, quoted: list[Quotation], marker: str = "\u00a7Q{}\u00a7") -> tuple[str, list[str]]:
    pieces: list[str] = []
    at = 0
    for n, q in enumerate(quoted):
        pieces.append(text[at : q.start - 1])
        pieces.append(marker.format(n))
        at = q.end + 1
    pieces.append(text[at:])
    return "".join(pieces), [q.text for q in quoted]
