"""Writers: one module per format, each `render_document(copy)` and `render_unit(view)` -> str.

The registry names modules rather than importing them, so that a command pays only
for the format it prints.
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module
from types import ModuleType


class Format(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    YAML = "yaml"


REGISTRY: dict[Format, str] = {
    Format.TEXT: "agreement.writers.text",
    Format.MARKDOWN: "agreement.writers.markdown",
    Format.JSON: "agreement.writers.jsonfmt",
    Format.YAML: "agreement.writers.yamlfmt",
}


def writer(fmt: Format) -> ModuleType:
    """The writer module of a format, imported on first use."""
    return import_module(REGISTRY[fmt])
