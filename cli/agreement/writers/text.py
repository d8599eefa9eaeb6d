"""Plain text: one paragraph per line, a blank line between, ready for grep and diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analyses.select import ConformedCopy, UnitView
from ..model import long_date
from ..printed import Block, blocks, deletion_line

ANNOTATES = True
"""The conformed copy can carry a note after each amended passage (`apply --annotate`)."""

if TYPE_CHECKING:  # `show` and `apply` load this module: the redline module is not theirs to pay for
    from ..analyses.redline import Redline, UnitRedline


def header(copy: ConformedCopy) -> list[str]:
    a = copy.agreement
    lines = [a.title.upper(), f"dated as of {long_date(a.date)}"]
    for carried in a.amended_by:  # a conformed copy read back: what it already carries comes first
        lines.append(
            f"as amended by {carried.name}" + (f", dated as of {carried.dated_in_words}" if carried.dated else "")
        )
    for amendment in copy.amendments:
        lines.append(f"as amended by {amendment.title}, dated as of {amendment.dated_in_words}")
    if copy.as_of is not None:
        lines.append(f"as in effect on {long_date(copy.as_of)}")
    return lines


def _line(b: Block) -> str:
    return f"{b.label} {b.text}".strip() if b.label else b.text


def render_document(copy: ConformedCopy) -> str:
    if copy.notes is not None:
        return _annotated(copy)
    parts = ["\n".join(header(copy))]
    parts.extend(_line(b) for b in blocks(copy.agreement.root, own_caption=False))
    return "\n\n".join(parts) + "\n"


def _annotated(copy: ConformedCopy) -> str:
    """Each amended place followed by [Amended by ...], or by [n] with the notes at the end."""
    from ..analyses.annotate import marked, numbered

    numbers, notes = numbered(copy.notes)
    head = header(copy)
    if copy.through:
        head = [copy.through, *head]
    parts = ["\n".join(head)]
    for _, block in copy.notes:
        out = []
        for p in block:
            out.append(marked(p))
            if p.note is not None:
                out.append(f"[{numbers[p.note]}]" if copy.footnotes else f" [{p.note}]")
        parts.append("".join(out))
    if copy.footnotes and notes:
        parts.append("NOTES\n" + "\n".join(f"[{n}] {text}." for n, text in enumerate(notes, 1)))
    return "\n\n".join(parts) + "\n"


def render_unit(view: UnitView) -> str:
    if view.unit is None:
        return deletion_line(view.address, view.deleted_by) + "\n"
    text = "\n\n".join(_line(b) for b in blocks(view.unit))
    if view.deleted_by:
        text += "\n\n" + deletion_line(view.address, view.deleted_by)
    return text + "\n"


# --- redlines -------------------------------------------------------------------------------


def compared(r: Redline) -> tuple[str, str]:
    """The two versions a redline compares, said so that "from" and "to" read on: 'the
    agreement as originally signed, dated as of January 30, 2003', 'the agreement as
    amended through Amendment No. 2 ..., dated as of June 30, 2004'."""
    from ..analyses.select import version_label

    return tuple(f"the agreement {version_label(r.history, i)}" for i in (r.old, r.new))  # type: ignore[return-value]


def redline_header(r: Redline) -> list[str]:
    title = r.history.original.agreement.title.upper()
    older, newer = compared(r)
    return [
        f"REDLINE OF {title}",
        f"from: {older}",
        f"to:   {newer}",
        "marks: [-deleted-] {+inserted+}",
    ]


def _marked(unit: UnitRedline) -> str:
    """One mark per stretch of edits (redmarks.marks): "[-old-]{+new+}"."""
    from .redmarks import joined, marks

    out = []
    for run in marks(joined(unit)):
        if run.op == "equal":
            out.append(run.old)
            continue
        out.append((f"[-{run.old}-]" if run.old else "") + (f"{{+{run.new}+}}" if run.new else ""))
    return "".join(out)


def render_redline(r: Redline, full: bool = False) -> str:
    """git's word-diff marks, one unit a paragraph; '@@ ... @@' names each changed unit and
    the instructions that changed it. Remove the '@@' lines and resolve the marks one way
    or the other, and the text of either version remains, as `apply` prints it."""
    from .redmarks import cite_all, where

    # "no changes" is a line of the header: with --full the paragraphs after it are the text
    parts = ["\n".join([*redline_header(r), *([] if r.changed else ["no changes"])])]
    for unit in r.units if full else r.changed:
        text = _marked(unit)
        if unit.status != "unchanged":
            text = f"@@ {where(unit)}: {cite_all(unit.changes)} @@\n{text}"
        parts.append(text)
    return "\n\n".join(parts) + "\n"
