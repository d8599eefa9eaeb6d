"""Dates: an amendment dated before the agreement it amends (a warning: it is applied by
its sequence number all the same), and effective dates out of sequence order."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import long_date
from . import WARNING, Context, Finding, finding


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    signed = history.original.agreement.date
    previous = None
    for amendment in history.amendments:
        if amendment.date < signed:
            yield finding(
                WARNING,
                "dated-before-agreement",
                f"{amendment.title} is dated as of {amendment.dated_in_words}, before the agreement it amends "
                f"({long_date(signed)}); it is applied by its sequence number ({amendment.sequence}), not by date",
                amendment.at("dated"),
                amendment.file,
                "check the year against the amendment's other dates; keep it as written if the document says so",
            )
        effective = amendment.effective or amendment.date
        if previous is not None and effective < (previous.effective or previous.date):
            yield finding(
                WARNING,
                "effective-out-of-order",
                f"{amendment.title} (sequence {amendment.sequence}) takes effect on {long_date(effective)}, before "
                f"{previous.title} (sequence {previous.sequence}), which it follows",
                amendment.at("effective" if amendment.effective else "dated"),
                amendment.file,
                "check the sequence numbers; --as-of leaves out an amendment until its effective date",
            )
        previous = amendment
