"""What every operation shares: its declared fields, its effect, its signature.

An operation is a pure function (version root, arguments) -> (new root, effect);
the loader checks arguments against `fields` so that a typo in an amendment file
is reported at its line, before anything is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import NamedTuple

from ..model import Unit

RESERVED = "[Reserved]"
"""The text a unit deleted "and reserved" keeps (delete_unit with reserve: true)."""


class FieldType(str, Enum):
    WORDS = "words"  # quoted words of the amendment: anchors and inserted text
    ADDRESS = "address"  # "13.4", "recitals(a)", "definition:Notes"
    INT = "integer"
    BOOL = "boolean"
    ADDRESSES = "list of addresses"
    TERMS = "list of defined terms"
    UNIT = "unit"  # a new unit: number, heading, text, children
    DEFINITIONS = "list of definitions"


class Field(NamedTuple):
    type: FieldType
    required: bool = False
    help: str = ""


class Effect(NamedTuple):
    """What one change did, for provenance: the units it touched and how."""

    kind: str  # "modified", "added", "deleted", "reserved"
    units: tuple[str, ...]
    detail: str = ""
    deleted: tuple[str, ...] = ()
    # edits made one after another inside one paragraph, where a single before/after
    # comparison would blur them: (unit address, paragraph, start, end, new words),
    # each in the paragraph's coordinates at the moment it was made
    edits: tuple[tuple[str, int, int, int, str], ...] = ()


Apply = Callable[[Unit, Mapping[str, object], Unit | None], tuple[Unit, Effect]]
"""(root, arguments, the root as it stood before the amendment) -> (new root, effect).

Line hints refer to the agreement as the amendment's drafter read it, so they are
checked against `base`, not against the words earlier changes of the same amendment
have already moved."""


class Operation(NamedTuple):
    name: str
    summary: str
    fields: dict[str, Field]
    apply: Apply
    one_of: tuple[tuple[str, ...], ...] = ()  # exactly one of each group
    any_of: tuple[tuple[str, ...], ...] = ()  # at least one of each group
    example: str = ""


CONFORMING = {
    "as_conformed": Field(
        FieldType.WORDS,
        help="the amendment's words as worked into the conformed copy (inserted, or removed by delete_words) "
        "where a person has fitted the punctuation; only punctuation and spaces at the two ends may differ",
    ),
    "conforming_note": Field(FieldType.WORDS, help="why `as_conformed` differs from the amendment's words"),
}

ANCHORING = {
    "occurrence": Field(FieldType.INT, help="which match, counting from 1, when the words stand more than once"),
    "line": Field(FieldType.INT, help="the line of the unit the words stand on, as the amendment says"),
}
