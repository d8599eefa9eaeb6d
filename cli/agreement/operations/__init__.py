"""The vocabulary of amendments: one typed operation per idiom, in one registry."""

from __future__ import annotations

from . import definitions, lists, references, units, words
from .base import Effect, Field, FieldType, Operation

REGISTRY: dict[str, Operation] = {
    op.name: op for module in (words, lists, units, definitions, references) for op in module.OPERATIONS
}

WRITES_WHOLE_UNIT = frozenset({"restate_unit", "restate_definition", "add_unit", "add_definitions", "delete_unit"})
"""Operations that write (or take away) a unit's words all at once: nothing to align
word by word between the text before and after them."""

__all__ = ["REGISTRY", "WRITES_WHOLE_UNIT", "Effect", "Field", "FieldType", "Operation"]
