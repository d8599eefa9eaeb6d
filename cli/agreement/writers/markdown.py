"""Markdown: sections as headings, sub-units as run-in bold labels, text escaped."""

from __future__ import annotations

import re

from ..analyses.select import ConformedCopy, UnitView
from ..model import Kind
from ..printed import Block, as_heading, blocks, deletion_line
from .text import header

ANNOTATES = True
"""The conformed copy can carry a note after each amended passage (`apply --annotate`)."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(#|>|[-+] |\d+[.)] )")


_CRITIC = re.compile(r"(?<=\{)(?=[-+~=])|(?<=[-+~=])(?=\})")


def escape_inline(text: str) -> str:
    """Make text literal inside a line: no accidental emphasis, links or tables; and no
    CriticMarkup mark ("{--", "++}") in the text itself, which a redline's reader would
    take for a change (a backslash between the two characters; Markdown shows neither)."""
    return _CRITIC.sub(r"\\", _SPECIAL.sub(r"\\\1", text))


def escape(text: str) -> str:
    """Make a paragraph literal: nor may its start read as a heading, quote or list item."""
    return _LINE_START.sub(lambda m: "\\" + m.group(0), escape_inline(text))


def _block(b: Block) -> str:
    body = escape(b.text).replace("\n", "  \n") if b.lines else escape(b.text)
    if as_heading(b):
        level = "#" * min(6, 2 + b.depth)
        return f"{level} {escape_inline(b.label)}" + (f"\n\n{body}" if body else "")
    if b.label:
        return f"**{escape_inline(b.label)}** {body}".strip()
    return body


def _annotated(copy: ConformedCopy) -> str:
    """Notes in italic brackets after each amended place, or as Markdown footnotes."""
    from ..analyses.annotate import marked, numbered, split

    numbers, notes = numbered(copy.notes)

    def render(pieces) -> str:
        out = []
        for p in pieces:
            out.append(escape_inline(marked(p)))
            if p.note is not None:
                out.append(f"[^{numbers[p.note]}]" if copy.footnotes else f" *\\[{escape_inline(p.note)}\\]*")
        return "".join(out)

    title, *rest = header(copy)
    parts = [f"*{escape(copy.through)}*"] if copy.through else []  # the copy opens with it
    parts += [f"# {escape(title)}", "  \n".join(f"*{escape(line)}*" for line in rest)]
    for b, pieces in copy.notes:
        if b is None:  # a unit deleted outright: a note where it stood
            parts.append(render(pieces))
        elif as_heading(b):
            head, tail = split(pieces, len(b.label) + (1 if b.text else 0))
            level = "#" * min(6, 2 + b.depth)
            body = render(tail)
            parts.append(f"{level} {render(head).strip()}" + (f"\n\n{body}" if body else ""))
        elif b.label:
            head, tail = split(pieces, len(b.label))
            parts.append(f"**{render(head).strip()}**{render(tail)}")
        else:
            text = render(pieces)
            parts.append(text.replace("\n", "  \n") if b.lines else text)
    if copy.footnotes and notes:
        parts.append("\n".join(f"[^{n}]: {escape_inline(text)}." for n, text in enumerate(notes, 1)))
    return "\n\n".join(parts) + "\n"


def render_document(copy: ConformedCopy) -> str:
    if copy.notes is not None:
        return _annotated(copy)
    title, *rest = header(copy)
    parts = [f"# {escape(title)}", "  \n".join(f"*{escape(line)}*" for line in rest)]
    parts.extend(_block(b) for b in blocks(copy.agreement.root, own_caption=False))
    return "\n\n".join(parts) + "\n"


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return f"*{escape(deletion_line(view.address, view.deleted_by))}*\n"
    text = "\n\n".join(_block(b) for b in blocks(view.unit))
    if view.deleted_by:
        text += f"\n\n*{escape(deletion_line(view.address, view.deleted_by))}*"
    return text + "\n"


# --- redlines: CriticMarkup -------------------------------------------------------------------


def _critic(segments) -> str:
    """CriticMarkup: {--deleted--}, {++inserted++}, {~~old~>new~~}, each followed by a
    comment {>>...<<} naming the instructions. A paragraph break that is deleted or
    inserted stands inside the marks, so that accepting or rejecting is exact."""
    from .redmarks import cite_run, marks

    out = []
    for run in marks(segments):
        if run.op == "equal":
            out.append(escape_inline(run.old))
            continue
        old, new = escape_inline(run.old), escape_inline(run.new)
        mark = {"replace": f"{{~~{old}~>{new}~~}}", "delete": f"{{--{old}--}}", "insert": f"{{++{new}++}}"}
        out.append(f"{mark[run.op]}{{>>{escape_inline(cite_run(run))}<<}}")
    return "".join(out)


def _redline_block(unit, headed: tuple[bool, bool] = (True, True)) -> str:
    """One unit in CriticMarkup. `headed`: whether the older and the newer version print
    the unit (a section) as a heading of its own, as `_block` decides."""
    from ..analyses.redline import DELETE, INSERT
    from .redmarks import cite_all, joined

    if unit.status in ("added", "deleted"):
        # the whole block, heading marks included, inside the marks, a paragraph at a time
        side = headed[0] if unit.status == "deleted" else headed[1]
        plain = _redline_block(
            unit._replace(
                status="unchanged",
                caption=tuple(x._replace(op="equal") for x in unit.caption),
                body=tuple(x._replace(op="equal") for x in unit.body),
            ),
            (side, side),
        )
        mark = "--" if unit.status == "deleted" else "++"
        wrapped = "\n\n".join(f"{{{mark}{p}{mark}}}" for p in plain.split("\n\n"))
        return f"{wrapped}{{>>{escape_inline(cite_all(unit.changes))}<<}}"

    if unit.kind is Kind.SECTION and unit.caption and headed[0] != headed[1]:
        # a heading in one version, a number run into its text in the other ("8.3
        # [Reserved]"): the older block deleted whole, the newer inserted whole
        def side(status: str, drop: str):
            return unit._replace(
                status=status,
                caption=tuple(x for x in unit.caption if x.op != drop),
                body=tuple(x for x in unit.body if x.op != drop),
            )

        return f"{_redline_block(side('deleted', INSERT), headed)}\n\n{_redline_block(side('added', DELETE), headed)}"
    if unit.kind is Kind.SECTION and unit.caption and headed[1]:
        level = "#" * min(6, 2 + unit.depth)
        body = _critic(unit.body)
        return f"{level} {_critic(unit.caption)}" + (f"\n\n{body}" if body else "")
    if unit.lines:  # signature blocks: hard line breaks, as render_document writes them
        return re.sub(r"(?<!\n)\n(?!\n)", "  \n", _critic(joined(unit)))
    if unit.caption and unit.body:
        caption = _critic(unit.caption)
        if all(s.op == "equal" for s in unit.caption):
            return f"**{caption}** {_critic(unit.body)}"
    return _critic(joined(unit))


def _headed(r, unit) -> tuple[bool, bool]:
    """Whether the older and the newer version print this unit as a heading of its own (a
    version without the unit takes the other's answer)."""
    from ..address import find_unit

    sides: list[bool | None] = []
    for index in (r.old, r.new):
        found = find_unit(r.history.versions[index].agreement.root, unit.address) if unit.kind is Kind.SECTION else None
        first = blocks(found[1])[:1] if found is not None else []
        sides.append(as_heading(first[0]) if first else None)
    old, new = sides
    old = new if old is None else old
    new = old if new is None else new
    return (True if old is None else old, True if new is None else new)


def render_redline(r, full: bool = False) -> str:
    from .redmarks import cite_all, where
    from .text import redline_header

    title, *rest = redline_header(r)
    lines = [*rest[:2], *([] if r.changed else ["no changes"])]  # with --full, the text follows
    parts = [f"# {escape(title)}", "  \n".join(f"*{escape(line)}*" for line in lines)]
    for unit in r.units if full else r.changed:
        block = _redline_block(unit, _headed(r, unit))
        if unit.status != "unchanged" and not full:
            block = f"<!-- {where(unit)}: {cite_all(unit.changes)} -->\n{block}"
        parts.append(block)
    return "\n\n".join(parts) + "\n"
