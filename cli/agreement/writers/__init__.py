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
    HTML = "html"
    DOCX = "docx"


REGISTRY: dict[Format, str] = {
    Format.TEXT: "agreement.writers.text",
    Format.MARKDOWN: "agreement.writers.markdown",
    Format.JSON: "agreement.writers.jsonfmt",
    Format.YAML: "agreement.writers.yamlfmt",
    Format.HTML: "agreement.writers.html",
    Format.DOCX: "agreement.writers.docx",
}


class RedlineFormat(str, Enum):
    TERMINAL = "terminal"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DIFF = "diff"
    JSON = "json"
    DOCX = "docx"


REDLINE_REGISTRY: dict[RedlineFormat, str] = {
    RedlineFormat.TERMINAL: "agreement.writers.terminal",
    RedlineFormat.TEXT: "agreement.writers.text",
    RedlineFormat.MARKDOWN: "agreement.writers.markdown",
    RedlineFormat.HTML: "agreement.writers.html",
    RedlineFormat.DIFF: "agreement.writers.unified",
    RedlineFormat.JSON: "agreement.writers.jsonfmt",
    RedlineFormat.DOCX: "agreement.writers.docx",
}


def redline_writer(fmt: RedlineFormat) -> ModuleType:
    """The module whose `render_redline(redline, full)` writes a redline in this format."""
    return import_module(REDLINE_REGISTRY[fmt])


def writer(fmt: Format) -> ModuleType:
    """The writer module of a format, imported on first use."""
    return import_module(REGISTRY[fmt])
