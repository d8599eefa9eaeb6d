"""`agreement check`: what a careful reviewer checks when conforming a copy by hand.

Each rule is a module with `run(context) -> Iterator[Finding]`; `RULES` lists them in
the order their findings are reported. Rules read the history the engine recorded and
the conformed copy; none changes anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import NamedTuple

from ..address import address_of, describe_address
from ..engine import History
from ..errors import ChangeError, Location
from ..model import Path, Unit, walk
from ..printed import flat
from ..readers.yaml import SourceText

ERROR, WARNING = "error", "warning"


class Finding(NamedTuple):
    severity: str  # "error": the copy is wrong or cannot be made; "warning": a person should look
    rule: str
    message: str
    where: str  # a file:line:col, or the unit as a lawyer names it
    hint: str | None = None
    location: Location | None = None


class Context:
    """What the rules read: the history the engine recorded, the changes that failed, the
    files as read; and what several rules ask of the conformed copy (its units, their
    paragraphs, their addresses), each worked out once for the run rather than once a rule."""

    def __init__(
        self, history: History, failures: tuple[ChangeError, ...], sources: tuple[SourceText, ...] = ()
    ) -> None:
        self.history = history  # every change that could be applied
        self.failures = failures  # those that could not
        self.sources = sources  # the files as read, for rules on what was written
        self.root = history.latest.agreement.root  # the conformed copy
        self._addresses: dict[Path, str] = {}

    @cached_property
    def units(self) -> list[tuple[Path, Unit]]:
        """Every unit of the conformed copy, in document order, with its path."""
        return list(walk(self.root))

    @cached_property
    def paragraphs(self) -> list[tuple[Path, Unit, str]]:
        """Every paragraph of the conformed copy as a reader sees it (its words, one space
        between), with the unit that holds it, in document order."""
        return [(path, unit, flat(para)) for path, unit in self.units for para in unit.text]

    def address(self, path: Path) -> str:
        """The address of the unit at `path` in the conformed copy (address_of, remembered)."""
        known = self._addresses.get(path)
        if known is None:
            known = self._addresses[path] = address_of(self.root, path)
        return known

    def describe(self, path: Path) -> str:
        """The unit at `path` as a lawyer names it (address.describe, remembered)."""
        return describe_address(self.address(path))


SPLIT_FROM = 250_000
"""The characters of paragraph text from which the defined terms are checked on a second
core (forking.py) while the other rules run here: on the 1.4 MB case the terms take
about as long as all the others together; below this, forking costs more than it saves."""


def run(
    history: History,
    failures: list[ChangeError],
    sources: tuple[SourceText, ...] = (),
    *,
    split: bool | None = None,
) -> list[Finding]:
    """Every rule's findings, in the rules' order. `split`: check the defined terms in a
    forked child meanwhile (None: where forking.can_fork and the agreement is large, as
    SPLIT_FROM says); the findings are the same either way."""
    from ..forking import Beside, can_fork
    from . import changes, dates, hidden, punctuation, references, terms

    rules = (hidden, changes, dates, terms, references, punctuation)
    context = Context(history, tuple(failures), sources)
    if split is None:
        split = can_fork() and sum(len(p) for _, _, p in context.paragraphs) >= SPLIT_FROM
    if not split:
        return [f for rule in rules for f in rule.run(context)]
    _ = context.paragraphs  # worked out before the fork, for both processes
    beside = Beside(lambda: list(terms.run(context)))
    try:
        found = {rule: list(rule.run(context)) for rule in rules if rule is not terms}
    except BaseException:
        beside.cancel()
        raise
    got = beside.result()
    found[terms] = got if got is not None else list(terms.run(context))
    return [f for rule in rules for f in found[rule]]


def where(location: Location | None, fallback: str) -> str:
    return str(location) if location is not None else fallback


def finding(
    severity: str, rule: str, message: str, location: Location | None, fallback: str, hint: str | None = None
) -> Finding:
    """A finding at its place in a file, or (without one) where a lawyer would look."""
    return Finding(severity, rule, message, where(location, fallback), hint, location)


__all__ = ["ERROR", "WARNING", "Context", "Finding", "Iterator", "run", "where"]
