"""`agreement check`: findings grouped by severity, as text, JSON or in a terminal."""

from __future__ import annotations

from ..characters import visible
from ..check import ERROR, WARNING, Finding
from ..engine import History


def _heading(history: History) -> list[str]:
    a = history.original.agreement
    lines = [f"CHECK OF {visible(a.title.upper())} ({a.id})"]
    if history.amendments:
        last = history.amendments[-1]
        lines.append(visible(f"through {last.title}, dated as of {last.dated_in_words}"))
    else:
        lines.append(a.as_read if a.amended_by else "as originally signed")
    return lines


def _counts(findings: list[Finding]) -> str:
    e = sum(f.severity == ERROR for f in findings)
    w = sum(f.severity == WARNING for f in findings)
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


def render_text(history: History, findings: list[Finding]) -> str:
    out = ["\n".join(_heading(history))]
    for severity, title in ((ERROR, "ERRORS"), (WARNING, "WARNINGS")):
        group = [f for f in findings if f.severity == severity]
        if not group:
            out.append(f"{title}: none")
            continue
        lines = [f"{title}: {len(group)}"]
        for f in group:
            lines.append(f"  [{f.rule}] {visible(f.where)}")
            lines.append(f"    {visible(f.message)}")
            if f.hint:
                lines.append(f"    hint: {visible(f.hint)}")
        out.append("\n".join(lines))
    out.append(_counts(findings))
    return "\n\n".join(out) + "\n"


def render_json(history: History, findings: list[Finding]) -> str:
    a = history.original.agreement
    data = {
        "schema": "agreement.check/1",
        "agreement": a.id,
        "through": history.amendments[-1].id if history.amendments else "original",
        "errors": sum(f.severity == ERROR for f in findings),
        "warnings": sum(f.severity == WARNING for f in findings),
        "findings": [
            {
                "severity": f.severity,
                "rule": f.rule,
                "message": f.message,
                "where": f.where,
                "file": f.location.file if f.location else None,
                "line": f.location.line if f.location else None,
                "column": f.location.column if f.location else None,
                "hint": f.hint,
            }
            for f in findings
        ],
    }
    import json  # (here: the text a check prints mostly, needs none)

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_terminal(history: History, findings: list[Finding], width: int = 100) -> str:
    from rich.text import Text

    from .terminal import _render

    items: list = [Text("\n".join(_heading(history)), style="bold")]
    for severity, title, colour in ((ERROR, "Errors", "red"), (WARNING, "Warnings", "yellow")):
        group = [f for f in findings if f.severity == severity]
        items.append(Text(f"{title}: {len(group) or 'none'}", style=f"bold {colour}"))
        for f in group:
            t = Text()
            t.append(f"[{f.rule}] ", style=colour)
            t.append(f"{visible(f.where)}\n", style="dim")
            t.append(f"  {visible(f.message)}")
            if f.hint:
                t.append(f"\n  hint: {visible(f.hint)}", style="italic dim")
            items.append(t)
    items.append(Text(_counts(findings), style="bold"))
    return _render(items, width)
