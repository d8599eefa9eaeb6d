"""`agreement check`: what a careful reviewer checks when conforming a copy by hand.

Each rule is a module with `run(context) -> Iterator[Finding]`; `RULES` lists them in
the order their findings are reported. Rules read the history the engine recorded and
the conformed copy; none changes anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..engine import History
from ..errors import ChangeError, Location
from ..readers.yaml import SourceText

ERROR, WARNING = "error", "warning"


class Finding(NamedTuple):
    severity: str  # "error": the copy is wrong or cannot be made; "warning": a person should look
    rule: str
    message: str
    where: str  # a file:line:col, or the unit as a lawyer names it
    hint: str | None = None
    location: Location | None = None


class Context(NamedTuple):
    history: History  # every change that could be applied
    failures: tuple[ChangeError, ...]  # those that could not
    sources: tuple[SourceText, ...] = ()  # the files as read, for rules on what was written


def run(history: History, failures: list[ChangeError], sources: tuple[SourceText, ...] = ()) -> list[Finding]:
    from . import changes, dates, hidden, punctuation, references, terms

    context = Context(history, tuple(failures), sources)
    out: list[Finding] = []
    for rule in (hidden, changes, dates, terms, references, punctuation):
        out.extend(rule.run(context))
    return out


def where(location: Location | None, fallback: str) -> str:
    return str(location) if location is not None else fallback


def finding(
    severity: str, rule: str, message: str, location: Location | None, fallback: str, hint: str | None = None
) -> Finding:
    """A finding at its place in a file, or (without one) where a lawyer would look."""
    return Finding(severity, rule, message, where(location, fallback), hint, location)


__all__ = ["ERROR", "WARNING", "Context", "Finding", "Iterator", "run", "where"]
