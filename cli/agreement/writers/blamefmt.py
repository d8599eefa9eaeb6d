"""`show --blame`: who wrote each word of a unit, in text, JSON or a terminal."""

from __future__ import annotations

import json
from typing import Any

from ..analyses.blame import Span
from .redmarks import cite


def _numbers(spans: list[Span]) -> dict[int, int]:
    numbers: dict[int, int] = {}
    for s in spans:
        if s.change is not None and id(s.change) not in numbers:
            numbers[id(s.change)] = len(numbers) + 1
    return numbers


def _legend(spans: list[Span], numbers: dict[int, int], first: str) -> list[tuple[int, str]]:
    """(number, line) for the original and each change, in the order of their numbers."""
    seen = {id(s.change): s.change for s in spans if s.change is not None}
    lines = [(0, f"[0] the agreement {first}")]
    for key, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        change = seen[key]
        lines.append((n, f"[{n}] {cite(change)}, dated as of {change.amendment.dated_in_words}"))
    return lines


def render_text(address: str, spans: list[Span], first: str = "as originally signed") -> str:
    """`first`: how the version read from the file is named (Agreement.as_read)."""
    """Each stretch an amendment wrote in braces with its number: {words}[1]; a place
    where words were deleted as {}[1]; the legend below."""
    numbers = _numbers(spans)
    out = []
    for s in spans:
        out.append(s.text if s.change is None else f"{{{s.text}}}[{numbers[id(s.change)]}]")
    return "".join(out) + "\n\n" + "\n".join(line for _, line in _legend(spans, numbers, first)) + "\n"


def render_json(address: str, spans: list[Span]) -> str:
    def version(s: Span) -> dict[str, Any]:
        if s.change is None:
            return {"version": "original", "amendment": None, "source": None, "change": None}
        a = s.change.amendment
        return {
            "version": a.id,
            "amendment": {"id": a.id, "title": a.title, "sequence": a.sequence, "dated": a.dated},
            "source": s.change.change.source,
            "change": s.change.change.index,
        }

    text_spans = [s for s in spans if s.text]
    deletions = []
    offset = 0
    for s in spans:
        if not s.text and s.change is not None:
            deletions.append({"offset": offset, **version(s)})
        offset += len(s.text)
    return (
        json.dumps(
            {
                "schema": "agreement.blame/1",
                "address": address,
                "text": "".join(s.text for s in text_spans),
                "spans": [{"text": s.text, **version(s)} for s in text_spans],
                "deletions": deletions,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


PALETTE = ("cyan", "magenta", "yellow", "blue", "green", "red")


def render_terminal(address: str, spans: list[Span], width: int = 100, first: str = "as originally signed") -> str:
    from rich.text import Text

    from ..address import describe_address
    from .terminal import _render

    numbers = _numbers(spans)
    t = Text()
    for s in spans:
        if s.change is None:
            t.append(s.text)
            continue
        style = f"bold {PALETTE[(numbers[id(s.change)] - 1) % len(PALETTE)]}"
        if s.text:
            t.append(s.text, style=style)
        else:
            t.append("‸", style=style)  # words deleted here
    legend = Text()
    for n, line in _legend(spans, numbers, first):
        legend.append(line + "\n", style="dim" if n == 0 else PALETTE[(n - 1) % len(PALETTE)])
    legend.append("‸ marks where words were deleted", style="dim")
    return _render([Text(f"blame of {describe_address(address)}", style="bold"), t, legend], width)
