"""`redline --stat`: how much changed, per unit and per amendment, in every redline format
that has a table: terminal, text and markdown (a pipe table), json and html. A Word
document and a unified diff have none: the command refuses them (refused)."""

from __future__ import annotations

import json

from ..address import describe_address
from ..analyses.redline import Redline
from .tally import rows, total

STAT_FORMATS = ("terminal", "text", "markdown", "json", "html")
_WITHOUT_TABLES = {"docx": "a Word document", "diff": "a unified diff"}


def refused(fmt: str) -> str | None:
    """Why the summary is not written in this format, for the command to say; None if it is."""
    return None if fmt in STAT_FORMATS else f"--stat is not written as {_WITHOUT_TABLES.get(fmt, fmt)}"


def render_stat(r: Redline, fmt) -> str:
    units, changes = rows(r)
    name = getattr(fmt, "value", str(fmt))
    if name == "json":
        return (
            json.dumps({"schema": "agreement.redline-stat/1", "units": units, "instructions": changes}, indent=2) + "\n"
        )
    if name == "html":
        from .html import render_stat as html_stat

        return html_stat(r)
    if name == "terminal":
        from rich.table import Table
        from rich.text import Text

        from .terminal import _render

        t1 = Table(title="changes per unit")
        for col in ("unit", "status", "words deleted", "words inserted"):
            t1.add_column(col, justify="right" if "words" in col else "left")
        for u in units:  # Text, not strings: an amendment's words are never read as Rich markup
            t1.add_row(Text(describe_address(u["unit"])), u["status"], str(u["deleted"]), str(u["inserted"]))
        t2 = Table(title="changes per instruction")
        for col in ("instruction", "units", "words deleted", "words inserted"):
            t2.add_column(col, justify="right" if "words" in col else "left")
        for c in changes:
            t2.add_row(
                Text(c["instruction"]),
                Text(", ".join(describe_address(a) for a in c["units"])),
                str(c["deleted"]),
                str(c["inserted"]),
            )
        return _render([t1, t2], 120)
    lines = ["unit | status | words deleted | words inserted", "--- | --- | ---: | ---:"]
    lines += [f"{describe_address(u['unit'])} | {u['status']} | {u['deleted']} | {u['inserted']}" for u in units]
    lines += ["", "instruction | units | words deleted | words inserted", "--- | --- | ---: | ---:"]
    lines += [
        f"{c['instruction']} | {', '.join(describe_address(a) for a in c['units'])} | {c['deleted']} | {c['inserted']}"
        for c in changes
    ]
    lines += ["", total(units)]
    return "\n".join(lines) + "\n"
