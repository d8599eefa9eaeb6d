"""Regular expressions compiled when first used rather than when their module is imported.

Python compiles a pattern in Python code, a tenth of a millisecond and more for the
longer ones; the modules every command imports (model, address, text, the YAML reader)
hold thirty of them, of which `show --section 13.4` uses a handful. Compiling each at its
first use takes about three milliseconds off every command's start (issue 17 counts
start-up against `python -c pass`)."""

from __future__ import annotations

import re
from typing import cast

_TAKEN = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags", "groups")
"""What callers ask of a pattern: bound once it is compiled, so that later calls look
them up as plainly as a compiled pattern's own."""


class _Deferred:
    """A pattern's source and flags until something is asked of it; then the compiled
    pattern's methods, kept on the instance."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        compiled = re.compile(self._source, self._flags)
        for taken in _TAKEN:
            self.__dict__[taken] = getattr(compiled, taken)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"deferred({self._source!r}, {self._flags})"


def deferred(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern used as `re.compile(source, flags)` is, compiled at its first use."""
    return cast("re.Pattern[str]", _Deferred(source, flags))
