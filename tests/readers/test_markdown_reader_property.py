"""A property of the Markdown reader: nothing is dropped silently.

Any Markdown agreement built from numbered section headings, paragraphs, ordered lists
nested two deep under a section (its clauses), closing paragraphs after them, definitions
in a bullet list, page notes and a contents list of links, read and written back as text,
gives the source's words in order, less its markup (heading marks, bullets, emphasis, link
targets) and exactly the words of the lines the report lists as removed or not placed.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement.analyses.select import ConformedCopy
from agreement.readers import read_markdown_document
from agreement.writers import text as text_writer

VOCAB = "pulp ton buyer seller price order notice day month shall may deliver pay within after the of any each".split()
HEADINGS = ["Term", "Price", "Notices", "Delivery", "Payment Terms", "Governing Law"]


@st.composite
def documents(draw):
    words = st.lists(st.sampled_from(VOCAB), min_size=3, max_size=14).map(" ".join)
    count = draw(st.integers(1, 4))
    headings = [draw(st.sampled_from(HEADINGS)) for _ in range(count)]
    out = ["# SUPPLY AGREEMENT", ""]
    if draw(st.booleans()):  # a contents list of links to the headings
        out += ["Contents", ""]
        out += [f"- [{k}. {h}](#{k}-{h.lower().replace(' ', '-')})" for k, h in enumerate(headings, 1)]
        out += [""]
    out += [
        "THIS SUPPLY AGREEMENT is entered into as of March 3, 2021, by and between Alder Co., a Delaware",
        'corporation (the "Seller"), and Birch LLC, an Ohio company (the "Buyer").',
        "",
    ]
    for k, heading in enumerate(headings, 1):
        out += [f"## {k}. {heading}", "", f"The {draw(words)}{':' if k else '.'}", ""]
        if k == 1 and draw(st.booleans()):
            out += [f'- **"{t}"** means {draw(words)}.' for t in ("Contract Year", "Pulp Grade")] + [""]
        items = draw(st.integers(0, 3))
        for n in range(1, items + 1):
            out.append(f"{n}. the {draw(words)};")
            for m in range(1, draw(st.integers(0, 2)) + 1):
                out.append(f"   {m}. the {draw(words)};")
        if items:
            out.append("")
            if draw(st.booleans()):  # a closing paragraph, after the list
                out += [f"in each case {draw(words)}.", ""]
        if draw(st.integers(0, 3)) == 0:
            out += ["*[Remainder of page intentionally left blank]*", ""]
    out += ["IN WITNESS WHEREOF, the parties have signed this Agreement.", "", "ALDER CO.", "By: /s/ Ana Reyes", ""]
    return "\n".join(out)


def _source_words(line: str) -> str:
    """A source line's words as a reader sees them: heading marks, bullets, emphasis and
    link targets are syntax; a section's heading is printed with its period."""
    if re.match(r"^#{2,}\s", line) and not line.endswith("."):
        line += "."  # the text writer prints a heading run in: "1. Term. The ..."
    line = re.sub(r"^#+\s+", "", line.strip())
    line = re.sub(r"^-\s+", "", line)
    line = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", line)  # a link keeps its words
    return line.replace("**", "").replace("*", "")


@given(documents())
def test_reading_markdown_and_writing_back_keeps_every_word_but_the_reported_furniture(document):
    reading = read_markdown_document("generated.md", document.encode())
    lines = [_source_words(s) for s in document.split("\n")]
    for entry in (*reading.report.removed, *reading.report.unplaced):
        i = entry.line - 1
        assert entry.text.strip() in lines[i], entry
        lines[i] = lines[i].replace(entry.text.strip(), "", 1)
    written = text_writer.render_document(ConformedCopy(reading.agreement, ()))
    head, _dated, rest = written.split("\n", 2)  # the header's "dated as of" line is the writer's
    assert _dated.startswith("dated as of ")
    expected = " ".join(lines).split()
    assert (head + "\n" + rest).split() == expected
