"""What a reader did with every line it did not put into the model.

A filed document carries more than the agreement: page numbers, `<PAGE>` markers,
running headers, a table of contents, a cover page. A reader removes those, and a
lawyer must be able to see exactly what was removed and what it could not place, so
nothing is dropped silently: each such stretch of text is listed here with its line.
"""

from __future__ import annotations

from typing import NamedTuple


class Removed(NamedTuple):
    """Page furniture taken out: a page marker, a page number, a running header..."""

    line: int
    kind: str  # "page marker", "page number", "running header", "table of contents", ...
    text: str


class Unplaced(NamedTuple):
    """Text of the document the model has no place for (a cover page line, a 'RECITALS' heading)."""

    line: int
    text: str
    reason: str


class Unsure(NamedTuple):
    """A place where the reader chose between readings; worth a person's look."""

    line: int
    note: str


class Report(NamedTuple):
    file: str
    reader: str
    removed: tuple[Removed, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    unsure: tuple[Unsure, ...] = ()

    def as_json(self) -> str:
        import json

        return json.dumps(
            {
                "schema": "agreement.import-report/1",
                "file": self.file,
                "reader": self.reader,
                "removed": [r._asdict() for r in self.removed],
                "unplaced": [u._asdict() for u in self.unplaced],
                "unsure": [u._asdict() for u in self.unsure],
            },
            indent=2,
            ensure_ascii=False,
        )

    def as_text(self) -> str:
        """One line per entry, as `file:line: what` for editors and grep."""
        out = [
            f"{self.file}: read as {self.reader}: {len(self.removed)} lines of page furniture removed, "
            f"{len(self.unplaced)} not placed, {len(self.unsure)} places to check"
        ]
        out.extend(f"{self.file}:{r.line}: removed {r.kind}: {r.text.strip()!r}" for r in self.removed)
        out.extend(f"{self.file}:{u.line}: not placed ({u.reason}): {u.text.strip()!r}" for u in self.unplaced)
        out.extend(f"{self.file}:{u.line}: check: {u.note}" for u in self.unsure)
        return "\n".join(out) + "\n"
