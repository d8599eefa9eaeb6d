"""`redline --format diff`: a unified diff of the two versions' plain text, for git tools
and `patch`: one paragraph a line, as `apply --format text` prints the body."""

from __future__ import annotations

import difflib

from ..analyses.redline import Redline
from ..analyses.select import version_label
from .redmarks import joined

WHOLE_DOCUMENT = True
"""The diff is of the two versions' whole text, so the redline must hold every unit."""


def _lines(r: Redline, side: str) -> list[str]:
    out: list[str] = []
    for unit in r.units:
        text = "".join(s.text for s in joined(unit) if s.op in ("equal", side))
        for paragraph in text.split("\n\n") if text else ():
            out.append(f"{paragraph}\n")
            out.append("\n")
    return out[:-1]


def render_redline(r: Redline, full: bool = False) -> str:
    old, new = _lines(r, "delete"), _lines(r, "insert")
    name = r.history.original.agreement.id
    lines = difflib.unified_diff(
        old,
        new,
        fromfile=f"{name} ({version_label(r.history, r.old)})",
        tofile=f"{name} ({version_label(r.history, r.new)})",
        n=len(old) + len(new) if full else 1,
    )
    return "".join(lines)
