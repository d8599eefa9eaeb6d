"""The document tree shared by readers, operations and writers.

Every record is an immutable NamedTuple (cheap to define, which start-up time counts):
an amendment never mutates a version, it builds a new root that shares every
unchanged unit with the version before it. A record's `location` is where it was
read from, for error messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from .errors import Location
from .lazyre import deferred


def long_date(d: date) -> str:
    """A date as agreements write it: 'January 30, 2003'."""
    return f"{d:%B} {d.day}, {d.year}"


def in_words(dated: str) -> str:
    """A date as a file gives it, for prose: an ISO date ("2004-01-01") in words, as every
    other date is written in the output; anything else exactly as written."""
    try:
        return long_date(date.fromisoformat(dated.strip()))
    except ValueError:
        return dated


class Kind(str, Enum):
    """What a unit is, in the words lawyers use."""

    DOCUMENT = "document"
    PREAMBLE = "preamble"
    RECITALS = "recitals"
    RECITAL = "recital"
    SECTION = "section"
    SUBSECTION = "subsection"
    CLAUSE = "clause"
    DEFINITION = "definition"
    SIGNATURES = "signatures"
    EXHIBIT = "exhibit"
    PARAGRAPH = "paragraph"  # a closing paragraph: flush with its unit, after the unit's parts


def closing(unit: Unit) -> Unit | None:
    """The unit's closing paragraph, the text that follows its parts (its last child, of
    kind PARAGRAPH), or None."""
    last = unit.children[-1] if unit.children else None
    return last if last is not None and last.kind is Kind.PARAGRAPH else None


Path = tuple[int, ...]
"""A unit's place in the tree: child indices from the root."""


class Unit(NamedTuple):
    """A section, subsection, clause, recital, definition or other block of text.

    `text` holds the unit's own paragraphs, before its children; line breaks inside
    a paragraph are the original document's and are kept so that line hints
    ("in the fourth line of Section 13.4") can be checked. Text that follows the
    children, flush with the unit, is its last child, of kind PARAGRAPH (`closing`):
    so it has an address ("5[3]"), a history and a redline as any part has.

    `text_line` is the line, counted from the line its number stands on, on which its
    text begins: 1 when the heading runs in ("13.4 Amendments. Neither ..."), 2 when
    the number and heading stand alone on the line above the text. A line hint ("in
    the fourth line of Section 2.1") counts from the number's line.
    """

    kind: Kind
    number: str | None = None
    heading: str | None = None
    text: tuple[str, ...] = ()
    children: tuple[Unit, ...] = ()
    term: str | None = None
    run_in: bool = False
    location: Location | None = None
    text_line: int = 1

    def with_children(self, children: tuple[Unit, ...]) -> Unit:
        return self._replace(children=children)

    def with_text(self, text: tuple[str, ...]) -> Unit:
        return self._replace(text=text)

    @property
    def label(self) -> str | None:
        """The number without its parentheses: "(a)" -> "a", "13.4" -> "13.4"."""
        return label_of(self.number) if self.number else None


class Party(NamedTuple):
    name: str
    short_name: str | None = None
    role: str | None = None
    description: str | None = None


class WorkedIn(NamedTuple):
    """An amendment a conformed copy already carries (its `amended_by`), as the copy names it."""

    id: str
    title: str | None = None
    sequence: int | None = None
    dated: str | None = None

    @property
    def name(self) -> str:
        """How a message names it: its title, or its id when the copy gives none."""
        return self.title or self.id

    @property
    def dated_in_words(self) -> str | None:
        return in_words(self.dated) if self.dated else None


class Agreement(NamedTuple):
    """One version of an agreement: its metadata and its tree of units."""

    id: str
    title: str
    date: date
    root: Unit
    parties: tuple[Party, ...] = ()
    note: str | None = None
    location: Location | None = None
    amended_by: tuple[WorkedIn, ...] = ()  # a conformed copy read back: the amendments already in it

    @property
    def as_read(self) -> str:
        """The version its file holds, in words: as originally signed, or, for a conformed
        copy read back, as amended through the last amendment it carries."""
        if not self.amended_by:
            return f"as originally signed, dated as of {long_date(self.date)}"
        last = self.amended_by[-1]
        return f"as amended through {last.name}" + (f", dated as of {last.dated_in_words}" if last.dated else "")

    def with_root(self, root: Unit) -> Agreement:
        return self._replace(root=root)


class NoteKind(str, Enum):
    """Non-textual provisions of an amendment, kept for provenance."""

    CONSENT = "consent"
    WAIVER = "waiver"
    REPRESENTATION = "representation"
    CONDITION = "condition"
    RATIFICATION = "ratification"
    COUNTERPARTS = "counterparts"
    GOVERNING_LAW = "governing-law"
    OTHER = "other"


class ProvisionNote(NamedTuple):
    """A provision that changes no text (a consent, a waiver, governing law...)."""

    kind: NoteKind
    source: str | None
    text: str
    location: Location | None = None


class Change(NamedTuple):
    """One instruction of an amendment, as a typed operation with its arguments.

    `op` names the operation in `operations.REGISTRY`; `args` were checked against
    that operation's fields when the file was loaded.
    """

    op: str
    args: dict[str, object]
    source: str | None
    index: int
    location: Location | None = None


class Amendment(NamedTuple):
    id: str
    title: str
    amends: str
    sequence: int
    dated: str
    date: date
    changes: tuple[Change, ...]
    effective: date | None = None
    notes: tuple[ProvisionNote, ...] = ()
    file: str = "<amendment>"
    location: Location | None = None
    places: tuple[tuple[str, Location], ...] = ()  # where each top-level key's value stands

    @property
    def dated_in_words(self) -> str:
        """`dated` for prose ("dated as of June 30, 2004"), even when the file gives it in ISO form."""
        return in_words(self.dated)

    def at(self, key: str) -> Location | None:
        """Where the value of a top-level key (`amends`, `sequence`, `dated`...) stands, so
        that an error about it points at its line; the file's start when not recorded."""
        return next((where for k, where in self.places if k == key), self.location)


_LABEL = deferred(r"^\((.+)\)$")
_NAMED_NUMBER = deferred(
    r"^(?:section|sec\.|paragraph|para\.|\u00a7+|exhibit|schedule|annex|appendix)\s*(?=\S)", re.IGNORECASE
)


@lru_cache(maxsize=65536)
def label_of(number: str) -> str:
    """Strip one pair of enclosing parentheses, a trailing period, and the word a filed
    document prints before a number: "(a)" -> "a", "Section 1.01." -> "1.01",
    "Schedule 2" -> "2"."""
    n = _NAMED_NUMBER.sub("", number.strip().rstrip("."))
    m = _LABEL.match(n)
    return m.group(1) if m else n


def walk(unit: Unit, path: Path = ()) -> Iterator[tuple[Path, Unit]]:
    """Every unit below and including `unit`, in document order, with its path."""
    yield path, unit
    for i, child in enumerate(unit.children):
        yield from walk(child, (*path, i))


def at(root: Unit, path: Path) -> Unit:
    unit = root
    for i in path:
        unit = unit.children[i]
    return unit


def replace_at(root: Unit, path: Path, new: Unit | None) -> Unit:
    """A new root with the unit at `path` replaced (or removed when `new` is None).

    Only the units on the path are rebuilt; every other unit is shared.
    """
    if not path:
        if new is None:
            raise ValueError("cannot remove the root")
        return new
    i, rest = path[0], path[1:]
    children = list(root.children)
    if rest:
        children[i] = replace_at(children[i], rest, new)
    elif new is None:
        del children[i]
    else:
        children[i] = new
    return root.with_children(tuple(children))


def insert_at(root: Unit, parent: Path, index: int, new: Unit) -> Unit:
    """A new root with `new` inserted as child `index` of the unit at `parent`."""
    p = at(root, parent)
    children = list(p.children)
    children.insert(index, new)
    return replace_at(root, parent, p.with_children(tuple(children)))


def paragraphs(unit: Unit, path: Path = ()) -> Iterator[tuple[Path, int, str]]:
    """The unit's whole body in reading order: (unit path, paragraph index, text)."""
    for sub_path, sub in walk(unit, path):
        for i, para in enumerate(sub.text):
            yield sub_path, i, para
