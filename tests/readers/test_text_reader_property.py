"""A property of the text reader: nothing is dropped silently.

Any document built from sections, subsections and definitions, clauses that run on
in a section's paragraph, closing paragraphs, an exhibit with numbered paragraphs,
two-column signature blocks and words hyphenated at line breaks, hard-wrapped at any
width, cut by page breaks anywhere (page numbers, <PAGE> markers, running footers),
read and written back as text, gives the input's words in order (a two-column page
read column by column), less exactly the words of the lines the report lists as removed
or not placed, and with exactly the hyphens it lists as removed taken out.
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
            body = draw(sentence)
            if draw(st.booleans()):  # clauses that run on in the section's paragraph
                body = ["The", "buyer", "shall"]
                for n, label in enumerate("abc"[: draw(st.integers(2, 3))]):
                    words = draw(st.lists(st.sampled_from(VOCAB), min_size=3, max_size=8))
                    body += [*(["and"] if n else []), f"({label})", *words[:-1], words[-1] + ";"]
                body[-1] = body[-1][:-1] + "."
            paras.append(
                _wrap([f"Section {k}.{j}.", *heading.split()[:-1], heading.split()[-1] + ".", *body], width, "     ")
            )
            if k == 1 and j == 1 and draw(st.booleans()):
                for term in list(terms)[: draw(st.integers(1, 3))]:
                    paras.append(_wrap([f'"{term}"', "means", *draw(sentence)], width, "     "))
            labels = "abc"[: draw(st.integers(0, 3))]
            for label in labels:
                paras.append(_wrap([f"({label})", *draw(sentence)], width, "          "))
            if labels and draw(st.booleans()):  # a closing paragraph, flush left after the clauses
                paras.append(_wrap(["provided,", "however,", "that", *draw(sentence)], width, ""))
    paras.append(_wrap("IN WITNESS WHEREOF, the parties have signed this Agreement.".split(), width, "     "))
    if draw(st.booleans()):  # two signature blocks side by side, read one after the other
        at = 17 + draw(st.integers(3, 12))  # where the right-hand block begins, the same on every line
        paras.append(["ALDER CO.".ljust(at) + "BIRCH LLC"])
        paras.append(["By: /s/ Ana Reyes".ljust(at) + "By: /s/ Bo Chen", "Name: Ana Reyes".ljust(at) + "Name: Bo Chen"])
    else:
        paras.append(["ALDER CO.", "By: /s/ Ana Reyes"])
    if draw(st.booleans()):  # an exhibit with its own numbered paragraphs
        paras.append(draw(st.sampled_from([["EXHIBIT A", "PRICE LIST."], ["EXHIBIT A - PRICE LIST."]])))
        for n in range(1, draw(st.integers(1, 3)) + 1):
            paras.append(_wrap([f"{n}.", "Price.", *draw(sentence)], width, ""))
    lines: list[str] = []
    for p in paras:
        lines.extend(p)
        lines.append("")
    # words hyphenated at a line break, inside a paragraph: joined or kept by the reader
    for i in sorted(draw(st.sets(st.integers(0, len(lines) - 2), max_size=4))):
        nxt = lines[i + 1].split()
        if lines[i].strip() and len(nxt) >= 2 and nxt[0].isalpha() and nxt[0].islower() and len(nxt[0]) >= 4:
            word = nxt[0]
            lines[i] = f"{lines[i]} {word[:2]}-"
            lines[i + 1] = lines[i + 1].replace(word, word[2:], 1)
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
        if getattr(entry, "kind", None) == "hyphen at a line break":
            assert lines[i].rstrip().endswith("-"), entry
            lines[i] = lines[i].rstrip()[:-1] + "\0"  # the word runs on into the next line
            continue
        assert entry.text.strip() in lines[i], entry
        lines[i] = lines[i].replace(entry.text.strip(), "", 1)
    text = re.sub(r"\0\n[ \t]*", "", "\n".join(lines))
    text = re.sub(r"(?<=[A-Za-z])-\n[ \t]*(?=[a-z])", "-", text)  # a hyphen kept: the word put together
    expected = _words(_column_by_column(text))
    written = text_writer.render_document(ConformedCopy(reading.agreement, ()))
    head, _dated, rest = written.split("\n", 2)  # the header's "dated as of" line is the writer's
    assert _dated.startswith("dated as of ")
    assert _words(head + "\n" + rest) == expected
    assert not re.search(r"<PAGE>|<Page>|\f", written)
