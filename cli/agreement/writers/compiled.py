"""A compiled amendment: the amendment file a person would have typed, and the review.

`render_yaml` writes the amendment in the amendment file format (README, "An amendment"),
each operation preceded by the words it was read from, as comments, and every
instruction that needs review listed at the top, so the file cannot be mistaken for a
whole one. `render_text`, `render_json` and `render_html` are the review: each
instruction's words beside the operation it became and, for the HTML page, the redline
of its target; instructions that need review come first.
"""

from __future__ import annotations

import html
import io
import json
import textwrap
from typing import Any

from ..compiler import CompiledAmendment
from ..model import Change, Kind, Unit
from .yamlfmt import _unit

SCHEMA = "agreement.compiled/1"


def _args(change: Change) -> dict[str, Any]:
    from ruamel.yaml.scalarstring import FoldedScalarString

    out: dict[str, Any] = {}
    for key, value in change.args.items():
        if isinstance(value, Unit):
            out[key] = _unit(value)
        elif isinstance(value, list | tuple):
            out[key] = [_unit(v) if isinstance(v, Unit) and v.kind is not Kind.DEFINITION else _value(v) for v in value]
        elif isinstance(value, str) and len(value) > 70:
            out[key] = FoldedScalarString(" ".join(value.split()))
        else:
            out[key] = value
    return out


def _value(v: Any) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(v, Unit):  # a definition: its text, beginning with its quoted term
        return FoldedScalarString(" ".join(v.text[0].split()))
    return v


def render_yaml(done: CompiledAmendment) -> str:
    """The amendment file, the instruction's words above each operation."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    a = done.amendment
    data = CommentedMap()
    data["id"] = a.id
    data["title"] = a.title
    data["amends"] = a.amends
    data["sequence"] = a.sequence
    data["dated"] = a.dated
    data["source"] = f"compiled from {done.document}"
    changes = CommentedSeq()
    said = None
    for k, (change, words) in enumerate(zip(a.changes, done.compiled.words, strict=True)):
        item = CommentedMap()
        item["source"] = change.source
        item["op"] = change.op
        item.update(_args(change))
        changes.append(item)
        head = _instruction(words)
        said, before = head, (f"{change.source}. {head}" if head != said else f"{change.source}, continued")
        changes.yaml_set_comment_before_after_key(k, before=_wrapped(before), indent=2)
    data["changes"] = changes
    if a.notes:
        notes = CommentedSeq()
        for n in a.notes:
            note = CommentedMap()
            note["source"] = n.source
            note["kind"] = n.kind.value
            note["text"] = _value(Unit(Kind.CLAUSE, text=(n.text,)))
            notes.append(note)
        data["notes"] = notes
    yaml = YAML(typ="rt")
    yaml.width = 88  # folded scalars are folded here, between words
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    head = [
        "# yaml-language-server: $schema=../../schemas/amendment.schema.json",
        f"# Compiled from {done.document} by `agreement compile`: each change is preceded by the words it",
        "# was read from. Check it against the signed amendment before relying on it.",
    ]
    if done.findings:
        head.append(f"# NEEDS REVIEW: {len(done.findings)} instruction(s) were not compiled; add them by hand:")
        for f in done.findings:
            head.extend(_comment(f"{f.source}: {f.reason}. {f.words}").splitlines())
    return "\n".join(head) + "\n" + buf.getvalue()


def _instruction(words: str) -> str:
    """An instruction's own words, up to the colon that introduces its new text."""
    from ..compiler.compile import split_block

    head, block = split_block(words)
    return " ".join(head.split()) + (": [the new text, below]" if block.strip() else "")


def _wrapped(text: str) -> str:
    """Comment lines (ruamel adds the "# ")."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), 86) or [""])


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in _wrapped(text).splitlines())


# --- the review -------------------------------------------------------------------------


def _change_json(change: Change, words: str) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for key, value in change.args.items():
        if isinstance(value, Unit):
            args[key] = {"number": value.number, "heading": value.heading, "text": list(value.text)}
        elif isinstance(value, list | tuple):
            args[key] = [" ".join(v.text[0].split()) if isinstance(v, Unit) else v for v in value]
        else:
            args[key] = value
    return {"source": change.source, "op": change.op, "args": args, "words": words}


def render_json(done: CompiledAmendment) -> str:
    a = done.amendment
    data = {
        "schema": SCHEMA,
        "document": done.document,
        "amendment": {"id": a.id, "title": a.title, "amends": a.amends, "sequence": a.sequence, "dated": a.dated},
        "needs_review": [
            {"source": f.source, "reason": f.reason, "closest": f.closest, "words": f.words} for f in done.findings
        ],
        "changes": [_change_json(c, w) for c, w in zip(a.changes, done.compiled.words, strict=True)],
        "notes": [{"source": n.source, "kind": n.kind.value, "text": n.text} for n in a.notes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_text(done: CompiledAmendment) -> str:
    a = done.amendment
    lines = [f"COMPILED: {a.title}, dated as of {a.dated}", f"from: {done.document}", ""]
    if done.findings:
        lines.append(f"NEEDS REVIEW ({len(done.findings)})")
        for f in done.findings:
            lines.append(f"  {f.source}: {f.reason}")
            if f.closest:
                lines.append(f"    closest reading: {f.closest}")
            lines.extend(textwrap.wrap(f.words, 96, initial_indent="    | ", subsequent_indent="    | "))
        lines.append("")
    lines.append(f"OPERATIONS ({len(a.changes)})")
    for change in a.changes:
        lines.append(f"  {change.source}: {change.op} {_brief(change)}")
    if a.notes:
        lines.append("")
        lines.append(f"NOTES ({len(a.notes)}): provisions that change no text")
        for n in a.notes:
            lines.append(f"  {n.source}: {n.kind.value}")
    return "\n".join(lines) + "\n"


def _brief(change: Change) -> str:
    parts = []
    for key, value in change.args.items():
        if key in ("conforming_note",):
            continue
        if isinstance(value, Unit):
            shown = f"{value.number or ''} {value.heading or ''}".strip() or "(new text)"
        elif isinstance(value, list | tuple):
            shown = ", ".join(v.term or "" if isinstance(v, Unit) else str(v) for v in value)
        else:
            shown = " ".join(str(value).split())
            if len(shown) > 60:
                shown = shown[:28] + " … " + shown[-28:]
        parts.append(f"{key}={shown!r}" if isinstance(value, str) else f"{key}={shown}")
    return " ".join(parts)


def _redline_html(r) -> str:
    """One change's redline: each unit it changed, its words deleted and inserted."""
    from ..analyses.redline import DELETE, INSERT
    from .redmarks import joined, where

    e = html.escape
    out = []
    for unit in r.changed:
        pieces = []
        for seg in joined(unit, spaced=True):
            tag = "del" if seg.op == DELETE else "ins" if seg.op == INSERT else None
            pieces.append(f"<{tag}>{e(seg.text)}</{tag}>" if tag else e(_elided(seg.text)))
        out.append(f"<p><b>{e(where(unit))}</b>: {''.join(pieces)}</p>")
    return "".join(out)


def _elided(text: str, keep: int = 12) -> str:
    words = text.split(" ")
    if len(words) <= 2 * keep + 3:
        return text
    return " ".join(words[:keep]) + " … " + " ".join(words[-keep:])


def render_html(done: CompiledAmendment, redlines: list) -> str:
    """The review page: needs-review items first, then each instruction's words beside the
    operation it became and the redline of its target (`redlines`: one Redline per change,
    in order, as redline.change_by_change gives them)."""
    e = html.escape
    a = done.amendment
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Review: {e(a.title)}</title>",
        "<style>",
        "body{font:15px/1.45 Georgia,serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#111}",
        "h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;break-after:avoid}",
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.5rem;vertical-align:top}",
        "th{background:#f4f4f4;text-align:left}td.words{width:38%;font-style:italic}",
        "tr.review td{background:#fff4e5}.reason{color:#8a3b00;font-weight:bold}",
        "code{font:13px/1.3 monospace;white-space:pre-wrap}",
        "ins{color:#065f2c;background:#e6f4ea;text-decoration:underline}",
        "del{color:#9b1c1c;background:#fdecec;text-decoration:line-through}",
        "tr{break-inside:avoid}",
        "</style></head><body>",
        f"<h1>Review of {e(a.title)}</h1>",
        f"<p>Compiled from <code>{e(done.document)}</code>, dated as of {e(a.dated)}, amending "
        f"<code>{e(a.amends)}</code>. {len(a.changes)} operation(s), {len(done.findings)} needing review, "
        f"{len(a.notes)} note(s).</p>",
    ]
    if done.findings:
        out.append(f"<h2>Needs review ({len(done.findings)})</h2>")
        out.append("<table><tr><th>Instruction</th><th>Why it was not compiled</th></tr>")
        for f in done.findings:
            closest = f"<br>Closest reading: <code>{e(f.closest)}</code>" if f.closest else ""
            out.append(
                f'<tr class="review"><td class="words"><b>{e(f.source)}.</b> {e(f.words)}</td>'
                f'<td><span class="reason">{e(f.reason)}</span>{closest}</td></tr>'
            )
        out.append("</table>")
    out.append(f"<h2>Operations ({len(a.changes)})</h2>")
    out.append("<table><tr><th>Instruction</th><th>Operation</th><th>Its target, redlined</th></tr>")
    for change, words, r in zip(a.changes, done.compiled.words, redlines, strict=True):
        out.append(
            f'<tr><td class="words"><b>{e(change.source or "")}.</b> {e(words)}</td>'
            f"<td><code>{e(change.op)}\n{e(_brief(change))}</code></td>"
            f"<td>{_redline_html(r)}</td></tr>"
        )
    out.append("</table>")
    if a.notes:
        out.append(f"<h2>Notes ({len(a.notes)}): provisions that change no text</h2><table>")
        for n in a.notes:
            out.append(
                f'<tr><td class="words"><b>{e(n.source or "")}.</b> {e(n.text)}</td><td>{e(n.kind.value)}</td></tr>'
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
