"""A property of the text reader: nothing is dropped silently.

Any document built from sections, subsections and definitions, hard-wrapped at any
width, cut by page breaks anywhere (page numbers, <PAGE> markers, running footers),
read and written back as text, gives the input's words in order, less exactly the
words of the lines the report lists as removed or not placed.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement.analyses.select import ConformedCopy
from agreement.readers import read_text_document
from agreement.writers import text as text_writer

VOCAB = "pulp ton buyer seller price order notice day month shall may deliver pay within after before the of any each".split()
HEADINGS = ["Term", "Price", "Notices", "Delivery", "Payment Terms", "Governing Law", "Waiver"]


def _wrap(words: list[str], width: int, indent: str) -> list[str]:
    lines, line = [], indent
    for w in words:
        if len(line) + len(w) + 1 > width and line.strip():
            lines.append(line)
            line = ""
        line = f"{line} {w}" if line.strip() else f"{line}{w}"
    lines.append(line)
    return lines


@st.composite
def documents(draw):
    width = draw(st.integers(40, 90))
    sentence = st.lists(st.sampled_from(VOCAB), min_size=3, max_size=30).map(lambda ws: [*ws[:-1], ws[-1] + "."])
    paras: list[list[str]] = [
        ["SUPPLY AGREEMENT"],
        _wrap(
            "THIS SUPPLY AGREEMENT is entered into as of March 3, 2021, by and between Alder Co., a Delaware "
            'corporation (the "Seller"), and Birch LLC, an Ohio company (the "Buyer").'.split(),
            width,
            "     ",
        ),
    ]
    terms = iter(["Contract Year", "Minimum Volume", "Pulp Grade"])
    for k in range(1, draw(st.integers(1, 4)) + 1):
        for j in range(1, draw(st.integers(1, 3)) + 1):
            heading = draw(st.sampled_from(HEADINGS))
            paras.append(
                _wrap(
                    [f"Section {k}.{j}.", *heading.split()[:-1], heading.split()[-1] + ".", *draw(sentence)],
                    width,
                    "     ",
                )
            )
            if k == 1 and j == 1 and draw(st.booleans()):
                for term in list(terms)[: draw(st.integers(1, 3))]:
                    paras.append(_wrap([f'"{term}"', "means", *draw(sentence)], width, "     "))
            for label in "abc"[: draw(st.integers(0, 3))]:
                paras.append(_wrap([f"({label})", *draw(sentence)], width, "     "))
    paras.append(_wrap("IN WITNESS WHEREOF, the parties have signed this Agreement.".split(), width, "     "))
    if draw(st.booleans()):  # two signature blocks side by side, read one after the other
        gap = " " * draw(st.integers(3, 12))
        paras.append([f"ALDER CO.{gap}         BIRCH LLC"])
        paras.append([f"By: /s/ Ana Reyes{gap} By: /s/ Bo Chen", f"Name: Ana Reyes{gap} Name: Bo Chen"])
    else:
        paras.append(["ALDER CO.", "By: /s/ Ana Reyes"])
    lines: list[str] = []
    for p in paras:
        lines.extend(p)
        lines.append("")
    # page breaks anywhere after the title, each with its page number, marker and footer
    cuts = sorted(draw(st.sets(st.integers(2, len(lines) - 1), max_size=5)), reverse=True)
    style = draw(st.sampled_from(["-{n}-", "Page {n}", "{n}"]))
    marker = draw(st.sampled_from(["<PAGE>", "<Page>", "\f"]))
    footer = draw(st.booleans())
    for n, cut in enumerate(cuts, 1):
        furniture = ["", f"{' ' * 30}{style.format(n=n)}", marker]
        if footer:
            furniture = ["Alder / Birch Supply Agreement", *furniture]
        lines[cut:cut] = [*furniture, ""]
    return "\n".join(lines) + "\n"


def _words(text: str) -> list[str]:
    return text.split()


def _column_by_column(text: str) -> str:
    """The reading order of a signature page in two columns: after IN WITNESS WHEREOF,
    each run of blocks whose lines are split by a gap of three spaces or more is read
    left column first (all its blocks), then the right."""
    head, sep, tail = text.partition("IN WITNESS WHEREOF")
    blocks = re.split(r"\n\s*\n", tail)
    out, lefts, rights = [], [], []
    for block in blocks:
        rows = [r for r in block.split("\n") if r.strip()]
        split = [re.split(r"(?<=\S) {3,}(?=\S)", r.strip(), maxsplit=1) for r in rows]
        if rows and all(len(parts) == 2 for parts in split):
            lefts.extend(parts[0] for parts in split)
            rights.extend(parts[1] for parts in split)
            continue
        out.extend([*lefts, *rights, block])
        lefts, rights = [], []
    out.extend([*lefts, *rights])
    return head + sep + "\n".join(out)


@given(documents())
def test_reading_and_writing_back_keeps_every_word_but_the_reported_furniture(document):
    reading = read_text_document("generated.txt", document.encode())
    lines = document.split("\n")
    for entry in (*reading.report.removed, *reading.report.unplaced):
        i = entry.line - 1
        assert entry.text.strip() in lines[i], entry
        lines[i] = lines[i].replace(entry.text.strip(), " ", 1)
    expected = _words(_column_by_column("\n".join(lines)))
    written = text_writer.render_document(ConformedCopy(reading.agreement, ()))
    head, _dated, rest = written.split("\n", 2)  # the header's "dated as of" line is the writer's
    assert _dated.startswith("dated as of ")
    assert _words(head + "\n" + rest) == expected
    assert not re.search(r"<PAGE>|<Page>|\f", written)
