"""The vocabulary of amendments: one typed operation per idiom, in one registry."""

from __future__ import annotations

from . import definitions, references, units, words
from .base import Effect, Field, FieldType, Operation

REGISTRY: dict[str, Operation] = {
    op.name: op for module in (words, units, definitions, references) for op in module.OPERATIONS
}

__all__ = ["REGISTRY", "Effect", "Field", "FieldType", "Operation"]
