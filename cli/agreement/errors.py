"""One error hierarchy: every failure a user can cause carries where, what and a hint.

`app.py` turns these into messages and exit codes; anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Documented process exit codes (README, "Errors and exit codes")."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    INPUT = 3
    APPLY = 4
    NO_SUCH_UNIT = 5
    OUTPUT = 6
    CHECK_ERRORS = 7
    CHECK_WARNINGS = 8
    BATCH_FAILURES = 9
    DOCUMENT = 10
    NEEDS_REVIEW = 11
    INTERRUPTED = 130


class Location(NamedTuple):
    """A place in an input file, 1-based, as editors count."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class AgreementError(Exception):
    """Base of every error the user can fix; never raised for a bug."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        hint: str | Callable[[], str | None] | None = None,
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self._hint = hint
        self.details = details

    @property
    def hint(self) -> str | None:
        """The hint; one that costs a search ("did you mean") is worked out when read, so
        that code which only asks whether a unit exists does not pay for it."""
        if callable(self._hint):
            self._hint = self._hint()
        return self._hint

    def headline(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def render(self) -> str:
        """The full message as printed: location, message, details, hint."""
        lines = [self.headline(), *(f"  {d}" for d in self.details)]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class UsageError(AgreementError):
    """The command line asks for something malformed (an address, a format)."""

    exit_code = ExitCode.USAGE


class InputError(AgreementError):
    """An input file is missing, unreadable, not YAML, or not in the expected shape."""

    exit_code = ExitCode.INPUT


class DocumentError(AgreementError):
    """A file given as an agreement cannot be read as one: empty, binary, a PDF, not
    UTF-8 text, or with no numbered section."""

    exit_code = ExitCode.DOCUMENT


class NoNumberedSections(DocumentError):
    """A document in which the reader finds no numbered section. Its words depend on what the
    document was given as: an agreement, or an amendment (whose instructions are read from
    its numbered sections)."""

    def __init__(self, name: str, *, amendment: bool = False) -> None:
        self.name = name
        if amendment:
            super().__init__(
                f"{name}: no numbered sections found, so this cannot be read as an amendment",
                hint='its instructions are read from its numbered sections ("1.", "Section 1", "SECTION 1."); '
                "an amendment whose sections a reader cannot find can be written as YAML "
                "(`agreement schema amendment` gives the format)",
            )
        else:
            super().__init__(
                f"{name}: no numbered sections found, so this cannot be read as an agreement",
                hint='sections are read where a paragraph begins "Section 1.01", "1.1", "2." with a heading, '
                'or "ARTICLE I"; an agreement in YAML ends in .yaml',
            )


class WrongKindOfDocument(DocumentError):
    """A filed document given in the other's place: an amendment where the agreement goes
    (the files given in the wrong order), or an agreement where an amendment goes."""

    def __init__(self, name: str, title: str, *, given_as: str) -> None:
        if given_as == "agreement":
            super().__init__(
                f"{name} reads as an amendment ({title!r}), but it is given where the agreement goes",
                hint="give the agreement first, then its amendments in order (agreement show AGREEMENT AMENDMENT...)",
            )
        else:
            super().__init__(
                f"{name} reads as an agreement ({title!r}), not an amendment: nothing in it amends the agreement",
                hint="give the agreement first, then its amendments; an amendment's title names it as one "
                '("Amendment No. 1 to ...", "First Amendment to ...")',
            )


class NeedsReview(AgreementError):
    """An amendment document has instructions the compiler could not read whole or
    could not apply exactly: nothing is applied until each is reviewed."""

    exit_code = ExitCode.NEEDS_REVIEW


class ChangeError(AgreementError):
    """One change of one amendment cannot be applied exactly as written."""

    exit_code = ExitCode.APPLY

    def __init__(
        self,
        message: str,
        *,
        amendment: str,
        index: int,
        source: str | None,
        unit: str | None,
        location: Location | None = None,
        hint: str | None = None,
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, location=location, hint=hint, details=details)
        self.amendment = amendment
        self.index = index
        self.source = source
        self.unit = unit

    def headline(self) -> str:
        where = f"{self.location}: " if self.location else ""
        src = f" ({self.source})" if self.source else ""
        unit = f" on {self.unit}" if self.unit else ""
        return f"{where}change {self.index}{src} of {self.amendment}{unit} cannot be applied: {self.message}"


class ApplyFailed(AgreementError):
    """One or more changes failed; no conformed copy exists."""

    exit_code = ExitCode.APPLY

    def __init__(self, failures: list[ChangeError]) -> None:
        n = len(failures)
        super().__init__(f"{n} change{'s' if n != 1 else ''} could not be applied; no conformed copy was produced")
        self.failures = failures

    def render(self) -> str:
        return "\nerror: ".join([*(f.render() for f in self.failures), self.message])


class NoSuchUnit(AgreementError):
    """An address names no unit of the agreement (as amended)."""

    exit_code = ExitCode.NO_SUCH_UNIT


class OutputError(AgreementError):
    """The output could not be written; nothing partial was left behind."""

    exit_code = ExitCode.OUTPUT


class TextEditError(Exception):
    """A text edit cannot be made exactly; the engine adds amendment context.

    Raised by the pure text and tree functions, which know nothing of amendments.
    """

    def __init__(self, message: str, *, hint: str | None = None, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details


def suggest(word: str, choices: list[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The closest alternatives to a mistyped word, for "did you mean" hints."""
    from difflib import get_close_matches  # only on the error path

    return get_close_matches(word, choices, n=n, cutoff=cutoff)
