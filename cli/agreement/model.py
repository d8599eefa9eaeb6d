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


def long_date(d: date) -> str:
    """A date as agreements write it: 'January 30, 2003'."""
    return f"{d:%B} {d.day}, {d.year}"


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
    """

    kind: Kind
    number: str | None = None
    heading: str | None = None
    text: tuple[str, ...] = ()
    children: tuple[Unit, ...] = ()
    term: str | None = None
    run_in: bool = False
    location: Location | None = None

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


class Agreement(NamedTuple):
    """One version of an agreement: its metadata and its tree of units."""

    id: str
    title: str
    date: date
    root: Unit
    parties: tuple[Party, ...] = ()
    note: str | None = None
    location: Location | None = None
    amended_by: tuple[str, ...] = ()  # a conformed copy read back: the amendments already in it

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


_LABEL = re.compile(r"^\((.+)\)$")


@lru_cache(maxsize=65536)
def label_of(number: str) -> str:
    """Strip one pair of enclosing parentheses and a trailing period: "(a)" -> "a"."""
    n = number.strip().rstrip(".")
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
