"""How redlines read (issue 12, items 3 to 5): a unit deleted and left "[Reserved]" is
called that; summaries list instructions by amendment, then by their place in it; the
terminal's notes are numbered without gaps and say what each instruction did in its
own words; marks do not strike or underline the spaces around them, a replacement
does not run its old and new words together; a section with a number alone reads as
one line with its text; the version lines read as sentences.

Expectations come from the amendments' own files (amendments/symphony-exchange/*.yaml),
read here with the loader, not from captured output.
"""

from __future__ import annotations

import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings

from agreement import conform
from agreement.analyses.redline import redline
from agreement.analyses.select import ConformedCopy
from agreement.readers.yaml import read_amendment, read_source
from agreement.writers import docx, html, jsonfmt, stat, terminal, text
from tests.support import readers
from tests.unit.test_redline import histories, version_blocks

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = ROOT / "agreements" / "symphony-exchange.yaml"
AMENDMENTS = sorted((ROOT / "amendments" / "symphony-exchange").glob("*.yaml"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def chain():
    return conform(str(AGREEMENT), [str(p) for p in AMENDMENTS])


def amendments():
    return [read_amendment(read_source(str(p))) for p in AMENDMENTS]


def reserved_by_the_amendments() -> set[str]:
    """The units an amendment deletes with `reserved: true` (Amendment No. 2: Section 8.3)."""
    return {
        str(c.args["unit"]) for a in amendments() for c in a.changes if c.op == "delete_unit" and c.args.get("reserved")
    }


# --- 4: "reserved" is what it is ---------------------------------------------------------------


def test_a_unit_deleted_and_left_reserved_has_the_status_reserved_in_every_summary():
    reserved = reserved_by_the_amendments()
    assert reserved == {"8.3"}
    r = redline(chain())
    status = {u.address: u.status for u in r.changed}
    assert {a for a, s in status.items() if s == "reserved"} == reserved
    assert status["8.5"] == "added"  # an added unit stays "added", an amended one "modified"
    assert status["13.4"] == "modified"
    data = json.loads(jsonfmt.render_redline(r))
    assert {u["status"] for u in data["units"] if u["unit"] == "8.3"} == {"reserved"}
    assert {c["status"] for c in data["changes"] if c["unit"] == "8.3"} == {"reserved"}
    summary = json.loads(stat.render_stat(r, "json"))
    assert {u["unit"]: u["status"] for u in summary["units"]}["8.3"] == "reserved"
    assert "Section 8.3 | reserved |" in stat.render_stat(r, "text")
    assert "@@ Section 8.3 (reserved): " in text.render_redline(r)


# --- 4: instructions in the order the amendments give them -------------------------------------


def _signed_order() -> list[str]:
    """Each instruction as `cite` names it, by amendment and then by its place in the amendment."""
    out: list[str] = []
    for a in sorted(amendments(), key=lambda a: a.sequence):
        for c in a.changes:
            out.append(f"{a.title}, {c.source}")
    return list(dict.fromkeys(out))


def test_the_summary_lists_instructions_by_amendment_then_by_place_in_it():
    r = redline(chain())
    listed = [row["instruction"] for row in json.loads(stat.render_stat(r, "json"))["instructions"]]
    assert listed == [i for i in _signed_order() if i in listed]
    assert len(listed) == len(_signed_order())  # every instruction of the example changed words
    rows = [line.split(" | ")[0] for line in stat.render_stat(r, "text").splitlines()]
    assert [x for x in rows if x in listed] == listed
    page = html.render_stat(r)
    assert [m for m in re.findall(r"<tr><td>([^<]*)</td>", page) if unescape(m) in listed] == [
        i.replace('"', "&quot;") for i in listed
    ]
    redline_page = html.render_redline(r)
    cells = [unescape(m) for m in re.findall(r"<tr><td>([^<]*)</td>", redline_page)]
    assert [c for c in cells if c in listed] == listed


# --- 4: the terminal's notes ---------------------------------------------------------------------


def _terminal_notes(out: str) -> list[list[tuple[int, str]]]:
    """The notes under each unit: (number, the note's text, its wrapped lines joined)."""
    plain = ANSI.sub("", out)
    units: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    for line in plain.splitlines():
        m = re.match(r"^  +\[(\d+)\] (.*)$", line)
        if m:
            if current is None:
                current = []
                units.append(current)
            current.append((int(m.group(1)), m.group(2).strip()))
        elif current is not None and line.startswith("      ") and line.strip():
            n, note = current[-1]
            current[-1] = (n, f"{note} {line.strip()}")
        else:
            current = None
    return units


def test_terminal_notes_are_numbered_from_one_without_gaps_under_each_unit():
    r = redline(chain())
    units = _terminal_notes(terminal.render_redline(r, width=200))
    assert len(units) == len(r.changed)
    for notes in units:
        assert [n for n, _ in notes] == list(range(1, len(notes) + 1))


def test_terminal_notes_say_what_the_instruction_did_in_its_own_words():
    r = redline(chain(), section="13.4")
    (notes,) = _terminal_notes(terminal.render_redline(r, width=400))
    by_source = {note.split(", dated as of ")[0].rsplit(", ", 1)[1]: note for _, note in notes}
    changes = {c.source: c for a in amendments() for c in a.changes if c.args.get("unit") == "13.4"}
    inserted = changes["Section 3(a)"].args
    assert f'after "{inserted["after"]}" and before "{inserted["before"]}"' in by_source["Section 3(a)"]
    assert by_source["Section 3(a)"].split(": ", 1)[1].startswith(f'insert "{str(inserted["text"]).split()[0]}')
    for source in ("Section 2(a)", "Section 2(b)"):
        args = changes[source].args
        assert f'replace "{args["words"]}" with "{args["with"]}"' in by_source[source]
    # the schema's wording of the operation is not what a lawyer reads
    assert not any("anchor" in note or "optionally" in note for _, note in notes)
    (reserved,) = _terminal_notes(terminal.render_redline(redline(chain(), section="8.3"), width=400))
    assert reserved[0][1].endswith('delete Section 8.3 in its entirety, leaving "[Reserved]"')


# --- 5: spacing of marks ----------------------------------------------------------------------------


class _Page(HTMLParser):
    """The paragraphs of each unit of a redline page, with its <del>s or its <ins>s dropped
    (or neither), and every mark's text."""

    def __init__(self, drop: str | None) -> None:
        super().__init__()
        self.drop = drop
        self.paragraphs: list[str] = []
        self.marks: list[tuple[str, dict, str]] = []
        self._skip = 0  # inside a dropped mark, a label or a note
        self._in_unit = False
        self._open: list[tuple[str, dict, list[str]]] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._in_unit = True
        elif tag == "div" and self._in_unit:
            self._skip += 1
        elif tag == "p" and self._in_unit:
            self._current = []
        elif tag in ("del", "ins"):
            self._open.append((tag, a, []))
            if tag == self.drop:
                self._skip += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self._in_unit = False
        elif tag == "div" and self._in_unit:
            self._skip -= 1
        elif tag == "p" and self._current is not None:
            self.paragraphs.append("".join(self._current))
            self._current = None
        elif tag in ("del", "ins"):
            kind, attrs, words = self._open.pop()
            self.marks.append((kind, attrs, "".join(words)))
            if tag == self.drop:
                self._skip -= 1

    def handle_data(self, data):
        for _, _, words in self._open:
            words.append(data)
        if self._current is not None and not self._skip:
            self._current.append(data)


def _html_paragraphs(page: str, drop: str) -> list[str]:
    parser = _Page(drop)
    parser.feed(page)
    return readers.blocks("\n\n".join(parser.paragraphs))


def test_html_marks_leave_the_spaces_around_them_unmarked():
    page = html.render_redline(redline(chain()))
    parser = _Page(None)
    parser.feed(page)
    decorated = [(tag, words) for tag, attrs, words in parser.marks if "title" in attrs]
    assert decorated
    for tag, words in decorated:
        assert words == words.strip(), (tag, words)
    # the spaces stand in marks of their own, which the page does not strike or underline
    assert any(attrs.get("class") == "space" for _, attrs, _ in parser.marks)
    assert re.search(r"(del|ins)\.space[^{]*\{[^}]*text-decoration:\s*none", page)


def test_html_redline_reads_back_to_both_versions_of_the_example():
    h = chain()
    page = html.render_redline(redline(h, full=True), full=True)
    assert _html_paragraphs(page, "del") == version_blocks(h, len(h.versions) - 1)
    assert _html_paragraphs(page, "ins") == version_blocks(h, 0)


@settings(max_examples=25)
@given(histories())
def test_html_redline_reads_back_to_the_words_of_both_versions(history):
    """Word for word and space for space; where the paragraphs break is the page's
    structure, which a <del> cannot take away (a deleted paragraph break stays a break)."""
    new = len(history.versions) - 1
    page = html.render_redline(redline(history, 0, new, full=True), full=True)
    assert "".join(_html_paragraphs(page, "del")) == "".join(version_blocks(history, new))
    assert "".join(_html_paragraphs(page, "ins")) == "".join(version_blocks(history, 0))


def test_a_replacement_does_not_run_the_old_words_into_the_new():
    """Section 8.3 "... Section 8.4." replaced by "[Reserved]": shown side by side, a space
    stands between them, in every format; accepting still gives "8.3 [Reserved]"."""
    h = chain()
    r = redline(h, section="8.3")
    # in text the brackets stand between them, one mark for the heading and the words
    assert "8.3[- LIMITATION ON ADDITIONAL NOTES. The Borrower shall not issue" in text.render_redline(r)
    assert "Section 8.4.-]{+ [Reserved]+}" in text.render_redline(r)
    assert readers.text_redline(text.render_redline(r), accept=True) == ["8.3 [Reserved]"]
    parser = _Page(None)
    parser.feed(html.render_redline(r))
    assert any("Section 8.4. [Reserved]" in p for p in parser.paragraphs)
    full = redline(h, full=True)
    from lxml import etree

    xml = __import__("zipfile").ZipFile(io.BytesIO(docx.render_redline(full))).read("word/document.xml")
    paragraphs = ["".join(p.itertext()) for p in etree.fromstring(xml).iter(readers.W + "p")]
    assert any("Section 8.4. [Reserved]" in p for p in paragraphs)
    assert "8.3 [Reserved]" in readers.docx_paragraphs(docx.render_redline(full), accept=True)


def test_html_units_do_not_name_themselves_twice():
    page = html.render_redline(redline(chain()))
    labels = [unescape(x) for x in re.findall(r'<div class="where">([^<]*)</div>', page)]
    # a section's caption names it ("13.4 AMENDMENTS AND WAIVERS."): above it, only what befell it
    assert not any(label.startswith("Section ") for label in labels)
    assert "reserved" in labels and "added" in labels
    # a recital or a definition is not named by a caption: its name stays
    assert "the second recital" in labels


# --- 3: a section with a number alone --------------------------------------------------------------


def test_a_reserved_section_reads_as_one_line_in_the_html_copy():
    h = chain()
    copy = ConformedCopy(h.latest.agreement, h.amendments)
    plain_text = text.render_document(copy)
    assert "\n8.3 [Reserved]\n" in plain_text  # the text writer's line, which html follows
    for page in (html.render_document(copy), _annotated_html()):
        assert not re.search(r"<h\d[^>]*>\s*8\.3\s*</h\d>", page)
        line = next(p for p in re.findall(r"<p[^>]*>(.*?)</p>", page) if "8.3" in re.sub(r"<[^>]+>", "", p)[:5])
        assert unescape(re.sub(r"<[^>]+>", "", line)).startswith("8.3 [Reserved]")


def _annotated_html() -> str:
    from typer.testing import CliRunner

    from agreement.app import app

    result = CliRunner().invoke(app, ["apply", str(AGREEMENT), *map(str, AMENDMENTS), "--annotate", "-f", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_html_pages_keep_a_heading_with_what_follows_it_in_print():
    h = chain()
    for page in (
        html.render_redline(redline(h)),
        html.render_document(ConformedCopy(h.latest.agreement, h.amendments)),
    ):
        rules = re.findall(r"([^{}]+)\{([^}]*)\}", page.split("<style>")[1].split("</style>")[0])
        avoid = {sel.strip() for sels, body in rules if "break-after: avoid" in body for sel in sels.split(",")}
        assert {"h2", "h3", "h4"} <= avoid


# --- 5: the version lines ---------------------------------------------------------------------------


def test_the_version_lines_read_as_sentences():
    r = redline(chain())
    from docx import Document

    lines = [p.text for p in Document(io.BytesIO(docx.render_redline(r))).paragraphs[:3]]
    assert lines[1] == "From: the agreement as originally signed, dated as of January 30, 2003"
    assert lines[2].startswith("To: the agreement as amended through Amendment No. 2 to Securities Exchange Agreement")
    head = text.render_redline(r).splitlines()
    assert head[1].startswith("from: the agreement as originally signed")
    assert head[2].startswith("to:   the agreement as amended through")
    page = html.render_redline(r)
    assert "From the agreement as originally signed" in page and "<br>to the agreement as amended through" in page


def test_terminal_marks_leave_the_spaces_around_them_unstyled():
    r = redline(chain())
    styled = []
    for unit in r.changed:
        t = terminal._redline_text(unit, terminal.numbered(unit), False)
        styled += [t.plain[s.start : s.end] for s in t.spans if "strike" in str(s.style) or "underline" in str(s.style)]
    assert styled
    assert all(words == words.strip() for words in styled), [w for w in styled if w != w.strip()][:3]


def test_every_kind_of_instruction_is_said_in_its_own_words():
    """Each operation's documented example, as an amendment would give it: the note quotes
    the instruction's words or names its units, never the operation's generic summary."""
    from types import SimpleNamespace

    from agreement.operations import REGISTRY
    from agreement.readers.yaml import SourceText
    from agreement.writers.redmarks import instruction

    for name, op in REGISTRY.items():
        source = f"id: x\ntitle: X\namends: a\nsequence: 1\ndated: 2002-01-01\nchanges:\n  - {op.example}\n"
        change = read_amendment(SourceText("x.yaml", source)).changes[0]
        said = instruction(SimpleNamespace(change=change))
        assert said != op.summary, name
        named = ("words", "with", "after", "before", "term") + (("unit",) if name.endswith("_unit") else ())
        quoted = [str(v) for k, v in change.args.items() if k in named]
        for words in quoted:
            shown = words if words[:1].isdigit() else words.split()[0]
            assert shown in said, (name, words, said)


def test_a_reserved_section_reads_as_one_line_in_markdown_and_its_redline_reads_back():
    from agreement.writers import markdown

    h = chain()
    copy = ConformedCopy(h.latest.agreement, h.amendments)
    page = markdown.render_document(copy)
    assert "\n**8.3** \\[Reserved\\]\n" in page
    assert not re.search(r"^#+ 8\.3\s*$", page, re.M)
    # its redline: the heading "8.3 LIMITATION ..." deleted whole, "8.3 [Reserved]" inserted whole
    out = markdown.render_redline(redline(h, full=True), full=True)
    assert readers.critic(out, accept=True) == version_blocks(h, len(h.versions) - 1, markdown)
    assert readers.critic(out, accept=False) == version_blocks(h, 0, markdown)
