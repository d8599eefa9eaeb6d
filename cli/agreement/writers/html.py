"""`redline --format html`: one self-contained page (inline CSS, no scripts, nothing
fetched) with <del> and <ins>, a colour per amendment, a title on every change naming
the instruction, and a summary of the changes per unit and per amendment."""

from __future__ import annotations

from html import escape

from ..address import describe_address
from ..analyses.redline import Redline, UnitRedline
from ..model import Kind
from .redmarks import cite, cite_all, runs, where
from .tally import rows, total

ANNOTATES = True
"""The conformed copy can carry a note after each amended passage (`apply --annotate`)."""

# Colour-blind-safe hues (Okabe-Ito), one per amendment, in sequence order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8B6D00", "#000000")

CSS = """
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #1a1a1a; max-width: 50em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.35em; letter-spacing: .03em; margin-bottom: .2em; }
.versions { color: #444; font-style: italic; margin-top: 0; }
.legend, .summary { font: 13px/1.4 system-ui, sans-serif; }
.legend span { margin-right: 1.2em; }
table { border-collapse: collapse; margin: .6em 0 1.4em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .7em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.unit { margin: 1.2em 0; }
.unit .where { font: 600 12px/1.4 system-ui, sans-serif; color: #555; text-transform: uppercase; letter-spacing: .04em; }
.unit p { margin: .35em 0; }
.unit.changed { border-left: 3px solid #bbb; padding-left: .8em; }
.unit.depth-1 { margin-left: 1.5em; } .unit.depth-2 { margin-left: 3em; } .unit.depth-3 { margin-left: 4.5em; }
.caption { font-weight: bold; }
.signatures p { white-space: pre-line; }
del { text-decoration: line-through; text-decoration-thickness: 1.5px; }
ins { text-decoration: underline; text-decoration-thickness: 1.5px; }
del, ins { padding: 0 .05em; border-radius: 2px; }
del.space, ins.space { text-decoration: none; padding: 0; }
.note { font: 12px/1.4 system-ui, sans-serif; color: #555; margin-top: .3em; }
h1, h2, h3, h4, .where, .versions, caption { break-after: avoid; page-break-after: avoid; }
h1, h2, h3, h4, .where, tr { break-inside: avoid; page-break-inside: avoid; }
@media print { body { max-width: none; } .unit.changed { border-left-color: #888; } }
"""


def _colours(r: Redline) -> dict[int, str]:
    amendments = [v.amendment for v in r.history.versions[1:] if v.amendment]
    return {id(a): PALETTE[i % len(PALETTE)] for i, a in enumerate(amendments)}


def _mark(tag: str, text: str, attrs: str) -> str:
    """One <del> or <ins>; the white space at either end in a mark of its own, neither
    struck through nor underlined ("the[- Borrower-]" strikes "Borrower", not the space
    before it), so that dropping every <del> (or every <ins>) still gives the exact text."""
    core = text.strip(" ")
    lead = text[: len(text) - len(text.lstrip(" "))]
    trail = text[len(lead) + len(core) :]
    space = [f'<{tag} class="space">{s}</{tag}>' if s else "" for s in (lead, trail)]
    return f"{space[0]}<{tag}{attrs}>{core}</{tag}>{space[1]}" if core else space[0]


def _marked(segments, colours: dict[int, str]) -> str:
    out = []
    for run in runs(segments):
        if run.op == "equal":
            out.append(escape(run.old))
            continue
        for text, tag, by in ((run.old, "del", run.deleted_by), (run.new, "ins", run.inserted_by)):
            if not text:
                continue
            colour = colours.get(id(by.amendment), "#555") if by else "#555"
            title = f' title="{escape(cite(by))}, dated as of {escape(by.amendment.dated_in_words)}"' if by else ""
            pieces = [escape(p) for p in text.split("\n\n")]
            attrs = f'{title} style="color:{colour};background:{colour}14"'
            out.append("</p><p>".join(_mark(tag, p, attrs) if p else "" for p in pieces))
    return "".join(out)


def _unit(unit: UnitRedline, colours: dict[int, str]) -> str:
    from .redmarks import parts

    changed = unit.status != "unchanged"
    classes = ["unit", f"depth-{min(unit.depth, 3)}"] + (["changed"] if changed else [])
    if unit.kind is Kind.SIGNATURES:
        classes.append("signatures")
    out = [f'<section class="{" ".join(classes)}" id="{escape(unit.address, quote=True)}">']
    # the unit named above its text only where its text does not name it (a recital, a
    # definition) or where it was more than amended ("added", "reserved"): never its
    # caption twice over
    label = where(unit) if not unit.caption else unit.status if unit.status in ("added", "deleted", "reserved") else ""
    if changed and label:
        out.append(f'<div class="where">{escape(label)}</div>')
    tagged = parts(unit, spaced=True)
    caption = _marked(tuple(seg for seg, part in tagged if part == "caption"), colours)
    rest = _marked(tuple(seg for seg, part in tagged if part != "caption"), colours)
    first = f'<span class="caption">{caption}</span>' if caption else ""
    out.append(f"<p>{first}{rest}</p>".replace("<p></p>", ""))
    if changed:
        out.append(f'<div class="note">{escape(cite_all(unit.changes))}</div>')
    out.append("</section>")
    return "\n".join(out)


def render_redline(r: Redline, full: bool = False) -> str:
    agreement = r.history.original.agreement
    colours = _colours(r)
    units, instructions = rows(r)
    amendments = [v.amendment for v in r.history.versions[r.old + 1 : r.new + 1] if v.amendment]
    legend = "".join(
        f'<span><ins style="color:{colours[id(a)]};background:{colours[id(a)]}14">{escape(a.title)}</ins> '
        f"dated as of {escape(a.dated_in_words)}</span>"
        for a in amendments
    )
    body = "\n".join(_unit(u, colours) for u in (r.units if full else r.changed)) or "<p><em>No changes.</em></p>"
    title = f"Redline of {agreement.title}"
    summary = f"""<p class="legend"><span><del>deleted</del></span><span><ins>inserted</ins></span>{legend}</p>
{_tables(units, instructions)}"""
    versions = _compared(r)
    return _page(title, versions, f"{summary}\n{body}", css="")


def _compared(r: Redline) -> list[str]:
    """'From the agreement as originally signed, ...', 'to the agreement as amended through ...'."""
    from .text import compared

    older, newer = compared(r)
    return [f"From {older}", f"to {newer}"]


def _tables(units: list[dict], instructions: list[dict], link: bool = True) -> str:
    """The changes per unit (each linking to its place in the redline, when the page has
    one) and per instruction."""

    def name(address: str) -> str:
        text = escape(describe_address(address))
        return f'<a href="#{escape(address, quote=True)}">{text}</a>' if link else text

    unit_rows = "".join(
        f"<tr><td>{name(u['unit'])}</td>"
        f'<td>{escape(u["status"])}</td><td class="n">{u["deleted"]}</td><td class="n">{u["inserted"]}</td></tr>'
        for u in units
    )
    instruction_rows = "".join(
        f"<tr><td>{escape(c['instruction'])}</td><td>{escape(', '.join(describe_address(a) for a in c['units']))}</td>"
        f'<td class="n">{c["deleted"]}</td><td class="n">{c["inserted"]}</td></tr>'
        for c in instructions
    )
    return f"""<div class="summary">
<table><caption>Changes per unit</caption>
<tr><th>unit</th><th>status</th><th>words deleted</th><th>words inserted</th></tr>{unit_rows}</table>
<table><caption>Changes per instruction</caption>
<tr><th>instruction</th><th>units</th><th>words deleted</th><th>words inserted</th></tr>{instruction_rows}</table>
</div>"""


def render_stat(r: Redline) -> str:
    """`redline --stat --format html`: the summary tables alone, as a page of their own."""
    units, instructions = rows(r)
    tables = _tables(units, instructions, link=False) if units else ""
    versions = _compared(r)
    title = f"Changes to {r.history.original.agreement.title}"
    return _page(title, versions, f'{tables}\n<p class="summary">{escape(total(units))}</p>', css="")


# --- the conformed copy ------------------------------------------------------------------------


_COPY_CSS = """
.note { font-style: italic; }
sup a { text-decoration: none; }
h2, h3, h4 { font-size: 1em; margin: 1.2em 0 .3em; }
"""


def _page(title: str, lines: list[str], body: str, opening: str | None = None, css: str = _COPY_CSS) -> str:
    """One self-contained page: the title, the version lines under it, the body; `css`
    adds to the shared style sheet."""
    head = "<br>".join(escape(line) for line in lines)
    first = f'<p class="versions">{escape(opening)}</p>\n' if opening else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{CSS}{css}</style>
</head>
<body>
{first}<h1>{escape(title.upper())}</h1>
<p class="versions">{head}</p>
{body}
</body>
</html>
"""


def _pieces_html(pieces, numbers: dict[str, int], footnotes: bool) -> str:
    out = []
    from ..analyses.annotate import marked

    for p in pieces:
        out.append(escape(marked(p)))
        if p.note is not None:
            if footnotes:
                n = numbers[p.note]
                out.append(f'<sup><a href="#note-{n}">{n}</a></sup>')
            else:
                out.append(f' <span class="note">[{escape(p.note)}]</span>')
    return "".join(out)


def _block_html(b, inner: str, caption: str = "") -> str:
    """A section with a heading is a heading of the page; one with a number alone runs its
    number into its text, as the text writer prints it ("8.3 [Reserved]")."""
    from ..printed import as_heading

    if as_heading(b):
        level = min(4, 2 + b.depth)
        text = f"\n<p>{inner}</p>" if inner.strip() else ""
        return f'<h{level} class="caption">{caption}</h{level}>{text}'
    # a section's paragraphs stand under its heading, as its first does
    indent = f' class="unit depth-{min(b.depth, 3)}"' if b.depth and b.kind is not Kind.SECTION else ""
    if b.lines:
        inner = inner.replace("\n", "<br>")
    lead = f'<span class="caption">{caption.rstrip()}</span> ' if caption else ""
    return f"<p{indent}>{lead}{inner}</p>"


def render_document(copy) -> str:
    from ..printed import blocks
    from .text import header

    title, *lines = header(copy)
    opening = copy.through
    parts = []
    if copy.notes is None:
        for b in blocks(copy.agreement.root, own_caption=False):
            parts.append(_block_html(b, escape(b.text), escape(b.label)))
        return _page(copy.agreement.title, lines, "\n".join(parts), opening)
    from ..analyses.annotate import numbered, split

    numbers, notes = numbered(copy.notes)
    for b, pieces in copy.notes:
        if b is None:  # a unit deleted outright: a note where it stood
            parts.append(f"<p>{_pieces_html(pieces, numbers, copy.footnotes)}</p>")
        elif b.label:
            head, tail = split(pieces, len(b.label) + (1 if b.text else 0))
            parts.append(
                _block_html(b, _pieces_html(tail, numbers, copy.footnotes), _pieces_html(head, numbers, copy.footnotes))
            )
        else:
            parts.append(_block_html(b, _pieces_html(pieces, numbers, copy.footnotes)))
    if copy.footnotes and notes:
        items = "".join(f'<li id="note-{n}">{escape(text)}.</li>' for n, text in enumerate(notes, 1))
        parts.append(f'<h2>Notes</h2>\n<ol class="note">{items}</ol>')
    return _page(copy.agreement.title, lines, "\n".join(parts), opening)


def render_unit(view) -> str:
    from ..printed import blocks, deletion_line

    if view.unit is None:
        body = f"<p><em>{escape(deletion_line(view.address, view.deleted_by))}</em></p>"
    else:
        body = "\n".join(_block_html(b, escape(b.text), escape(b.label)) for b in blocks(view.unit))
    agreement = view.copy.agreement
    return _page(agreement.title, [describe_address(view.address)], body)
