"""The agreement file a person would have typed, from a filed document just read.

The YAML is `apply --format yaml`'s (writers/yamlfmt.py), so an imported agreement and
a conformed copy read the same way; above it, comments name each place where the
reader chose between readings, by the line of the filed document, for a person to
check before relying on the file.
"""

from __future__ import annotations

from ..analyses.select import ConformedCopy
from . import yamlfmt


def render(agreement, report, source_name: str) -> str:
    """The YAML of `agreement`, headed by the reader's doubts (`report.unsure`)."""
    head = [
        "# yaml-language-server: $schema=../schemas/agreement.schema.json",
        f"# Read from {source_name} by `agreement import`.",
    ]
    if report is not None and report.unsure:
        head.append(f"# Check these places (lines of {source_name}) before relying on this file:")
        head.extend(f"#   line {u.line}: {u.note}" for u in report.unsure)
    if report is not None and report.unplaced:
        n = len(report.unplaced)
        head.append(f"# Not placed in the model: {n} line{'s' if n != 1 else ''} (see the import report).")
    return "\n".join(head) + "\n" + yamlfmt.render_document(ConformedCopy(agreement, ()), reading_order=True)
