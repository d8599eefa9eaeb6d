"""`agreement history`: the timeline as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..address import describe_address
from ..analyses.timeline import Entry, Step
from ..engine import History
from ..model import long_date
from .redmarks import cite


def _steps_text(steps: tuple[Step, ...] | list[Step], with_amendment: bool) -> list[str]:
    lines = []
    for s in steps:
        c = s.applied
        who = cite(c) if with_amendment else c.change.source or f"change {c.change.index}"
        units = ", ".join(describe_address(u) for u in s.units)
        lines.append(f"    {who}: {c.effect.detail or s.summary} ({units})")
    return lines


def render_text(history: History, entries: list[Entry], section: str | None, steps: list[Step] | None) -> str:
    a = history.original.agreement
    lines = [f"HISTORY OF {a.title.upper()} ({a.id})", f"original: dated as of {long_date(a.date)}"]
    if a.amended_by:  # a conformed copy read back: what the file already carries
        lines.append(f"read from a conformed copy, {a.as_read}")
    if section is not None:
        lines.append("")
        lines.append(f"{describe_address(section)}:")
        lines.extend(_steps_text(steps or [], True) or ["    unchanged since the agreement was signed"])
        return "\n".join(lines) + "\n"
    for e in entries:
        m = e.amendment
        lines.append("")
        lines.append(f"{m.sequence}. {m.title} ({m.id})")
        when = f"   dated as of {m.dated_in_words}"
        if m.date < a.date:
            when += " (before the agreement it amends)"
        if m.effective:
            when += f"; effective {long_date(m.effective)}"
        lines.append(when)
        counts = ", ".join(f"{n} {k}" for k, n in sorted(e.counts.items())) or "no text"
        lines.append(f"   units changed: {counts}")
        lines.extend(_steps_text(e.steps, False))
        if m.notes:
            lines.append("   provisions that change no text:")
            for n in m.notes:
                lines.append(f"    {n.source or ''} ({n.kind.value}): {n.text}".replace("     (", "    ("))
    return "\n".join(lines) + "\n"


def _step_json(s: Step) -> dict[str, Any]:
    c = s.applied
    return {
        "amendment": c.amendment.id,
        "sequence": c.amendment.sequence,
        "change": c.change.index,
        "source": c.change.source,
        "op": c.change.op,
        "summary": s.summary,
        "kind": s.kind,
        "units": list(s.units),
        "detail": c.effect.detail,
    }


def render_json(history: History, entries: list[Entry], section: str | None, steps: list[Step] | None) -> str:
    a = history.original.agreement
    data: dict[str, Any] = {
        "schema": "agreement.history/1",
        "agreement": {"id": a.id, "title": a.title, "date": a.date.isoformat()},
    }
    if section is not None:
        data["unit"] = section
        data["lineage"] = [_step_json(s) for s in steps or []]
    else:
        data["amendments"] = [
            {
                "sequence": e.amendment.sequence,
                "id": e.amendment.id,
                "title": e.amendment.title,
                "dated": e.amendment.dated,
                "date": e.amendment.date.isoformat(),
                "effective": e.amendment.effective.isoformat() if e.amendment.effective else None,
                "dated_before_the_agreement": e.amendment.date < a.date,
                "counts": e.counts,
                "changes": [_step_json(s) for s in e.steps],
                "notes": [{"kind": n.kind.value, "source": n.source, "text": n.text} for n in e.amendment.notes],
            }
            for e in entries
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
