"""Characters a reader cannot see (bidirectional overrides, zero-width spaces and joiners,
and the others characters.py names), in every file read: each is an error, at its line
and column, with its code point shown as <U+202E>. What a reader sees must be the words
that count (Trojan Source, CVE-2021-42574, in prose)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ..address import address_of, describe_address
from ..characters import describe, visible
from ..errors import Location
from ..model import walk
from ..readers.yaml import hidden_characters
from . import ERROR, Context, Finding, finding

_AROUND = 20


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    original = history.original.agreement
    amendments = {a.file: a for a in history.amendments}
    for src in context.sources:
        if src.name in amendments:
            places_of, owner = _changes, amendments[src.name]
        elif original.location is not None and src.name == original.location.file:
            places_of, owner = _units, original
        else:
            continue  # an amendment left out by --through
        places = None  # where the file's units or changes begin: worked out at its first hidden character
        for location, offset, value in _found(src):
            if places is None:
                places = places_of(owner)
            ch = value[offset]
            around = value[max(0, offset - _AROUND) : offset + _AROUND + 1].replace("\n", " ")
            yield finding(
                ERROR,
                "hidden-character",
                f"<{describe(ch)}>, which a reader cannot see, in {_within(places, location)}, "
                f"character {offset + 1} of the value: ...{visible(around)}...",
                location,
                src.name,
                "delete it (or write what it stood for): the words a reader sees must be the words that count",
            )


def _found(src) -> Iterator[tuple[Location, int, str]]:
    """Each hidden character of a file: in a YAML file, in the value that holds it; in a
    filed document (readers/), in the line that holds it."""
    from ..characters import hidden
    from ..readers import YAML, reader_for, sniff

    if src.text.isascii() and "\\" not in src.text:
        return  # every hidden character is outside ASCII, and none is written as an escape
    kind = reader_for(src.name) or sniff(src.name, src.text[:4096].encode("utf-8", "replace"))
    if kind == YAML:
        yield from hidden_characters(src)
        return
    for at in hidden(src.text):
        start = src.text.rfind("\n", 0, at) + 1
        end = src.text.find("\n", at)
        line = src.text[start : end if end >= 0 else len(src.text)]
        yield Location(src.name, src.text.count("\n", 0, at) + 1, at - start + 1), at - start, line


def _units(agreement) -> list[tuple[tuple[int, int], str]]:
    """Where each unit begins in the agreement's file, in file order, with its description."""
    root = agreement.root
    return sorted(
        ((u.location.line, u.location.column), describe_address(address_of(root, p)))
        for p, u in walk(root)
        if u.location is not None and p
    )


def _changes(amendment) -> list[tuple[tuple[int, int], str]]:
    return sorted(
        ((c.location.line, c.location.column), f"change {c.index} ({c.source}) of {amendment.title}")
        if c.source
        else ((c.location.line, c.location.column), f"change {c.index} of {amendment.title}")
        for c in amendment.changes
        if c.location is not None
    )


def _within(places: list[tuple[tuple[int, int], str]], location: Location) -> str:
    """The last unit or change that begins before the character: the one it belongs to;
    before the first, the file's own fields (title, parties)."""
    at = bisect_right(places, ((location.line, location.column), "\uffff"))
    return places[at - 1][1] if at else "the heading fields (title, parties, dates)"
