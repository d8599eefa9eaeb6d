"""The vocabulary of amendments: one typed operation per idiom, in one registry.

The registry is built on first use: a command answered from the cache (`show` of a
history already applied) reads the records operations made without importing the
operations themselves."""

from __future__ import annotations

from typing import Any

from .base import Effect, Field, FieldType, Operation

WRITES_WHOLE_UNIT = frozenset({"restate_unit", "restate_definition", "add_unit", "add_definitions", "delete_unit"})
"""Operations that write (or take away) a unit's words all at once: nothing to align
word by word between the text before and after them."""

REGISTRY: dict[str, Operation]


def __getattr__(name: str) -> Any:
    if name == "REGISTRY":
        from . import definitions, lists, references, units, words

        registry = {
            op.name: op for module in (words, lists, units, definitions, references) for op in module.OPERATIONS
        }
        globals()["REGISTRY"] = registry
        return registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["REGISTRY", "WRITES_WHOLE_UNIT", "Effect", "Field", "FieldType", "Operation"]
