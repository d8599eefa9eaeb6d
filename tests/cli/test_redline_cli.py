"""`agreement redline`: what changed between two versions, word by word, and which instruction did it.

Expected texts come from the words of Amendment No. 1 (amendments/symphony-exchange/
001-amendment-no-1.yaml) and from `agreement show` / `agreement apply` of each version,
not from captured redline output. Anything that writes runs on a tmp_path copy.
"""

from __future__ import annotations

import html.parser
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.readers.yaml import SourceText, read_amendment
from tests.support import readers

ROOT = Path(__file__).resolve().parents[2]
ID = "symphony-exchange"
AMENDMENT_FILE = ROOT / "amendments" / ID / "001-amendment-no-1.yaml"
ANSI = re.compile(r"\x1b\[")

TITLE = "Amendment No. 1 to Securities Exchange Agreement"
DATED = "February 21, 2002"
AT_13_4 = f"@@ Section 13.4: {TITLE}, Section 3(a), Section 3(b), Section 3(c) @@"
NOTES_WORDS = ' (the "NOTES")'  # Section 1 deletes these from clause (a) of the recitals
CHANGED = {  # the units Amendment No. 1 changes, as the redline names them
    "recitals[2]",
    "definition:FISCAL AGENCY AGREEMENT",
    "definition:NOTES",
    "definition:WARRANT AGREEMENT",
    "13.4",
}

BAD_AMENDMENT = """\
id: amendment-no-9
title: Amendment No. 9 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 9
dated: March 3, 2004
changes:
  - source: Section 1(a)
    op: delete_words
    unit: "13.4"
    words: purple elephants
"""

SECOND_PARAGRAPH_CHANGE = """\
id: amendment-no-2
title: Amendment No. 2 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 2
dated: March 3, 2004
changes:
  - source: Section 1
    op: replace_words
    unit: 'recitals[3]'
    words: mutual covenants
    with: mutual promises
"""

NEW_RECITAL = """\
id: amendment-no-2
title: Amendment No. 2 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 2
dated: March 3, 2004
changes:
  - source: Section 1
    op: add_unit
    after: 'recitals[2]'
    new:
      text: WHEREAS, the parties wish to amend this Agreement as set forth herein;
"""


# --- helpers ------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def redline(*args: str):
    result = invoke("redline", ID, *args)
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result


def assert_failed(result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def amendment_words() -> dict[str, str]:
    """Each instruction's words as the amendment gives them (as conformed where it says so), by source."""
    a = read_amendment(SourceText(str(AMENDMENT_FILE), AMENDMENT_FILE.read_text(encoding="utf-8")))
    out = {}
    for c in a.changes:
        words = c.args.get("as_conformed") or c.args.get("text")
        if words:
            out[c.source] = " ".join(str(words).split())
    return out


@pytest.fixture(scope="module")
def original_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The agreement alone, with no amendments folder beside it: as originally signed."""
    folder = tmp_path_factory.mktemp("original") / "agreements"
    folder.mkdir()
    path = folder / f"{ID}.yaml"
    shutil.copy(ROOT / "agreements" / f"{ID}.yaml", path)
    return path


def shown(agreement: str, address: str) -> str:
    """A unit's plain body (without its number and heading), as `show --format json` gives it."""
    result = invoke("show", agreement, "--section", address, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["text"]


def body(apply_output: str) -> str:
    """`apply` text output without its header block."""
    return apply_output.split("\n\n", 1)[1]


# --- the default: text, when piped --------------------------------------------------------------


def resolve_text(block: str, accept: bool) -> str:
    return readers.TEXT_MARK.sub(lambda m: (m.group(2) or "") if accept else (m.group(1) or ""), block)


def test_default_piped_output_is_text_with_word_diff_marks(project):
    out = redline().stdout
    assert not ANSI.search(out)
    head = out.split("\n\n", 1)[0].splitlines()
    assert head[0] == "REDLINE OF SECURITIES EXCHANGE AGREEMENT"
    assert head[1] == "from: the agreement as originally signed, dated as of January 30, 2003"
    assert head[2] == f"to:   the agreement as amended through {TITLE}, dated as of {DATED}"
    assert AT_13_4 in out.splitlines()
    assert f"due 2005[-{NOTES_WORDS}-] and (b) warrants" in out
    assert "between the [-Borrower-]{+Company+} and the Fiscal Agent" in out
    words = amendment_words()
    assert f"Required Holders{{+, {words['Section 3(a)'][2:]}+}}; PROVIDED, HOWEVER" in out
    assert f"discharge or termination{{+{words['Section 3(b)']}+}}. Each Holder" in out
    assert f"consented thereto.{{+ {words['Section 3(c)']}+}}" in out
    # unchanged units are left out
    assert "GOVERNING LAW" not in out
    assert len([line for line in out.splitlines() if line.startswith("@@ ")]) == len(CHANGED)


def test_text_marks_resolve_to_either_version(project, original_file):
    out = redline().stdout
    blocks = [b for b in out.split("\n\n")[1:] if b.startswith("@@ ")]
    new_body = body(invoke("apply", ID).stdout).rstrip("\n").split("\n\n")
    old_body = body(invoke("apply", str(original_file)).stdout).rstrip("\n").split("\n\n")
    assert len(blocks) == len(CHANGED)
    for block in blocks:
        marked = block.split("\n", 1)[1].rstrip("\n")
        assert resolve_text(marked, accept=True) in new_body
        assert resolve_text(marked, accept=False) in old_body
        assert resolve_text(marked, accept=True) != resolve_text(marked, accept=False)


def test_section_narrows_the_redline_to_that_unit(project):
    out = redline("--section", "13.4").stdout
    assert [line for line in out.splitlines() if line.startswith("@@ ")] == [AT_13_4]
    assert '"NOTES" means' not in out
    assert NOTES_WORDS not in out
    assert "FISCAL AGENCY" not in out


def test_a_malformed_or_unknown_section_fails_before_printing(project):
    assert_failed(invoke("redline", ID, "--section", "13..4"), 2)
    assert_failed(invoke("redline", ID, "--section", "99"), 5)


# --- versions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "to",
    ["amendment-no-1", "1", "amendments/symphony-exchange/001-amendment-no-1.yaml", "latest"],
)
def test_to_accepts_an_amendment_by_id_number_or_file(project, to):
    assert redline("--from", "original", "--to", to).stdout == redline().stdout


@pytest.mark.parametrize("since", ["amendment-no-1", "1", "amendments/symphony-exchange/001-amendment-no-1.yaml"])
def test_from_and_to_the_same_version_has_no_changes(project, since):
    out = redline("--from", since, "--to", "amendment-no-1").stdout
    assert "\n\n" not in out  # the header alone, ending with the note
    assert out.endswith("\nno changes\n")
    assert f"from: the agreement as amended through {TITLE}, dated as of {DATED}" in out


def test_from_original_to_original_has_no_changes(project):
    out = redline("--to", "original").stdout
    assert "no changes" in out
    assert "@@" not in out


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_an_unknown_version_is_a_usage_error_listing_the_versions(project, option):
    result = invoke("redline", ID, option, "zzz")
    assert_failed(result, 2)
    assert "no version 'zzz'" in result.stderr
    assert "original, amendment-no-1" in result.stderr


def test_from_after_to_is_a_usage_error(project):
    assert_failed(invoke("redline", ID, "--from", "amendment-no-1", "--to", "original"), 2)


# --- terminal -------------------------------------------------------------------------------------


def test_format_terminal_when_piped_prints_the_text_format_without_colour(project):
    terminal = redline("--format", "terminal")
    assert not ANSI.search(terminal.stdout)
    assert terminal.stdout == redline("--format", "text").stdout


def test_on_a_terminal_the_default_is_styled_but_a_file_is_not(project, monkeypatch):
    import agreement.app

    monkeypatch.setattr(agreement.app, "_styled", lambda: True)
    styled = redline()
    assert ANSI.search(styled.stdout)
    assert "[1]" in styled.stdout  # the instructions are numbered under each unit
    redline("--format", "terminal", "-o", "out.txt")
    written = Path("out.txt").read_text(encoding="utf-8")
    assert not ANSI.search(written)
    assert AT_13_4 in written.splitlines()


# --- markdown ----------------------------------------------------------------------------------


def resolve_critic(text: str, accept: bool) -> str:
    """Accepted or rejected, and Markdown's backslash escapes undone: the plain text."""
    return re.sub(r"\\(.)", r"\1", readers.resolve_critic(text, accept))


def test_markdown_is_criticmarkup_with_comments_naming_the_instruction(project):
    out = redline("--format", "markdown").stdout
    assert not ANSI.search(out)
    assert f"{{--{NOTES_WORDS}--}}{{>>{TITLE}, Section 1<<}}" in out
    assert f"{{~~Borrower~>Company~~}}{{>>{TITLE}, Section 2<<}}" in out
    for source in ("Section 3(a)", "Section 3(b)", "Section 3(c)"):
        assert re.search(r"\{\+\+[^{}]+\+\+\}\{>>" + re.escape(f"{TITLE}, {source}") + "<<}", out), source


def test_markdown_of_13_4_accepts_to_the_amended_text_and_rejects_to_the_original(project, original_file):
    out = redline("--format", "markdown", "--section", "13.4").stdout
    block = out.split("### 13.4 AMENDMENTS AND WAIVERS.\n\n", 1)[1].strip("\n")
    assert resolve_critic(block, accept=True) == shown(ID, "13.4")
    assert resolve_critic(block, accept=False) == shown(str(original_file), "13.4")


# --- html -------------------------------------------------------------------------------------


class Marks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, dict]] = []
        self.captions: list[str] = []
        self.rows = 0
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag in ("del", "ins"):
            self.marks.append((tag, dict(attrs)))
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.rows += 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.captions.append(data)


def test_html_is_self_contained_with_titled_marks_and_a_summary(project):
    page = redline("--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page.lower()
    parser = Marks()
    parser.feed(page)
    titled = [(tag, attrs["title"]) for tag, attrs in parser.marks if "title" in attrs]
    assert {tag for tag, _ in titled} == {"del", "ins"}
    for _, title in titled:
        assert title.startswith(f"{TITLE}, Section ")
        assert title.endswith(f"dated as of {DATED}")
    assert any(t == f"{TITLE}, Section 3(c), dated as of {DATED}" for _, t in titled)
    assert "Changes per unit" in parser.captions
    assert "Changes per instruction" in parser.captions
    # a header row and a row per changed unit, a header row and a row per instruction (1, 2, 3(a)-(c))
    assert parser.rows == 1 + len(CHANGED) + 1 + 5


# --- diff ---------------------------------------------------------------------------------------

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def hunks(diff: str) -> list[tuple[int, int, list[str]]]:
    """(old start, old count, lines) of each hunk."""
    out = []
    for line in diff.splitlines(keepends=True)[2:]:
        m = HUNK.match(line)
        if m:
            out.append((int(m.group(1)), int(m.group(2) or 1), []))
        else:
            assert line[:1] in (" ", "-", "+"), line
            out[-1][2].append(line)
    return out


def test_diff_is_a_unified_diff_with_headers_and_hunks(project):
    diff = redline("--format", "diff").stdout
    lines = diff.splitlines()
    assert lines[0] == f"--- {ID} (as originally signed, dated as of January 30, 2003)"
    assert lines[1] == f"+++ {ID} (as amended through {TITLE}, dated as of {DATED})"
    found = hunks(diff)
    assert len(found) == len(CHANGED)
    for _, count, body_lines in found:
        assert count == sum(1 for x in body_lines if x[0] in " -")
    removed = [x[1:] for _, _, b in found for x in b if x[0] == "-"]
    added = [x[1:] for _, _, b in found for x in b if x[0] == "+"]
    assert any(NOTES_WORDS in x for x in removed)
    assert not any(NOTES_WORDS in x for x in added if x.startswith("WHEREAS"))


def run_patch(tmp_path: Path, old: str, diff: str) -> str:
    target = tmp_path / "body.txt"
    target.write_text(old, encoding="utf-8")
    (tmp_path / "redline.diff").write_text(diff, encoding="utf-8")
    done = subprocess.run(
        ["patch", "--batch", "--forward", str(target), str(tmp_path / "redline.diff")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return target.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch program")
def test_patch_applies_the_diff_to_the_original_body_giving_the_amended_body(project, original_file, tmp_path):
    old = body(invoke("apply", str(original_file)).stdout)
    new = body(invoke("apply", ID).stdout)
    assert run_patch(tmp_path, old, redline("--format", "diff").stdout) == new


def test_diff_hunks_point_at_the_lines_of_the_original_body(project, original_file):
    old = body(invoke("apply", str(original_file)).stdout).splitlines(keepends=True)
    for start, count, lines in hunks(redline("--format", "diff").stdout):
        expected = [x[1:] for x in lines if x[0] in " -"]
        assert old[start - 1 : start - 1 + count] == expected, start


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch program")
def test_patch_applies_a_change_to_a_unit_of_two_paragraphs(project, original_file, tmp_path):
    (project / "amendments" / ID / "002-promises.yaml").write_text(SECOND_PARAGRAPH_CHANGE, encoding="utf-8")
    old = body(invoke("apply", str(original_file)).stdout)
    new = body(invoke("apply", ID).stdout)
    assert "mutual promises" in new
    assert run_patch(tmp_path, old, redline("--format", "diff").stdout) == new


# --- json -----------------------------------------------------------------------------------------


def test_json_changes_replayed_over_the_old_text_give_the_new_text(project, original_file):
    data = json.loads(redline("--format", "json").stdout)
    assert data["schema"] == "agreement.redline/1"
    assert data["agreement"] == ID
    assert data["from"]["version"] == "original"
    assert data["to"]["version"] == "amendment-no-1"
    units = {u["unit"]: u for u in data["units"]}
    assert set(units) == CHANGED
    for address, u in units.items():
        for part in ("caption", "body"):
            changes = [c for c in data["changes"] if c["unit"] == address and c["part"] == part]
            assert readers.apply_json_changes(u["old"][part], changes) == u["new"][part], (address, part)
    # the unit texts are the versions' own
    assert units["13.4"]["new"]["body"] == shown(ID, "13.4")
    assert units["13.4"]["old"]["body"] == shown(str(original_file), "13.4")
    assert units["13.4"]["new"]["caption"] == "13.4 AMENDMENTS AND WAIVERS."
    assert units["definition:NOTES"]["new"]["body"] == shown(ID, "definition:Notes")


def test_json_names_the_instruction_of_every_change(project):
    data = json.loads(redline("--format", "json").stdout)
    for c in data["changes"]:
        by = [b for b in (c["deleted_by"], c["inserted_by"]) if b]
        assert by, c
        assert all(b["id"] == "amendment-no-1" and b["dated"] == DATED for b in by)
    deletion = next(c for c in data["changes"] if c["unit"] == "recitals[2]")
    assert (deletion["op"], deletion["old"], deletion["new"]) == ("delete", NOTES_WORDS, "")
    assert deletion["deleted_by"]["source"] == "Section 1"
    sources = [c["inserted_by"]["source"] for c in data["changes"] if c["unit"] == "13.4"]
    assert sources == ["Section 3(a)", "Section 3(b)", "Section 3(c)"]


# --- docx -----------------------------------------------------------------------------------------


def test_docx_to_a_file_is_a_word_document_with_tracked_changes(project):
    redline("--format", "docx", "-o", "redline.docx")
    data = Path("redline.docx").read_bytes()
    assert data[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert f'w:author="{TITLE}"' in document
    assert "<w:ins " in document and "<w:del " in document
    assert "<w:delText" in document
    assert 'w:date="2002-02-21T00:00:00Z"' in document


def test_docx_properties_say_what_the_document_is_and_not_when_it_was_made(project):
    """File > Info in Word shows the agreement and the two versions; no clock time leaks in."""
    from docx import Document

    props = Document(io.BytesIO(redline("--format", "docx").stdout_bytes)).core_properties
    assert props.title == "Securities Exchange Agreement"
    assert props.subject.startswith("redline from the agreement as originally signed")
    assert "Amendment No. 1" in props.subject
    assert props.created.year == props.modified.year == 2000
    unit = CliRunner().invoke(app, ["show", ID, "--section", "13.4", "--format", "docx"]).stdout_bytes
    assert Document(io.BytesIO(unit)).core_properties.subject == "13.4 as amended"


def test_docx_is_deterministic_and_piped_to_stdout_as_bytes(project):
    first = redline("--format", "docx").stdout_bytes
    second = redline("--format", "docx").stdout_bytes
    assert first[:2] == b"PK"
    assert first == second
    redline("--format", "docx", "-o", "redline.docx")
    assert Path("redline.docx").read_bytes() == first


# --- --stat -----------------------------------------------------------------------------------------


def test_stat_lists_each_unit_and_each_instruction(project):
    out = redline("--stat").stdout
    lines = out.splitlines()
    assert not ANSI.search(out)
    assert "the second recital | modified | 2 | 0" in lines
    assert any(line.startswith("Section 13.4 | modified | 0 | ") for line in lines)
    words_3c = len(amendment_words()["Section 3(c)"].split())
    assert f"{TITLE}, Section 3(c) | Section 13.4 | 0 | {words_3c}" in lines
    assert f"{TITLE}, Section 1 | the second recital | 2 | 0" in lines
    assert any(line.startswith(f"{TITLE}, Section 2 | ") and 'the definition of "NOTES"' in line for line in lines)
    assert lines[-1].startswith("5 units changed")
    # a summary only: none of the marked text
    assert "{+" not in out and "[-" not in out


def test_stat_as_json(project):
    data = json.loads(redline("--stat", "--format", "json").stdout)
    assert data["schema"] == "agreement.redline-stat/1"
    assert {u["unit"] for u in data["units"]} == CHANGED
    by = {i["instruction"]: i for i in data["instructions"]}
    assert set(by) == {f"{TITLE}, Section {s}" for s in ("1", "2", "3(a)", "3(b)", "3(c)")}
    assert by[f"{TITLE}, Section 3(c)"]["units"] == ["13.4"]
    assert by[f"{TITLE}, Section 3(c)"]["deleted"] == 0
    assert by[f"{TITLE}, Section 3(c)"]["inserted"] == len(amendment_words()["Section 3(c)"].split())
    assert by[f"{TITLE}, Section 1"]["deleted"] == 2


def test_stat_as_html_is_a_page_of_the_same_tables(project):
    page = redline("--stat", "--format", "html").stdout
    data = json.loads(redline("--stat", "--format", "json").stdout)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    cells = _table_cells(page)
    # one row a unit, as the json has them: name, status, words deleted, words inserted
    by_name = {row[0]: row[1:] for row in cells if len(row) == 4 and row[1] in ("modified", "added", "deleted")}
    assert by_name["the second recital"] == ["modified", "2", "0"]
    assert len(by_name) == len(data["units"])
    # one row an instruction: the instruction, its units, words deleted, words inserted
    by_instruction = {row[0]: row[2:] for row in cells if row[0] not in by_name}
    assert by_instruction == {i["instruction"]: [str(i["deleted"]), str(i["inserted"])] for i in data["instructions"]}
    assert "5 units changed" in page
    assert "<del>" not in page and "<ins>" not in page  # a summary only


def _table_cells(page: str) -> list[list[str]]:
    rows: list[list[str]] = []

    class Cells(html.parser.HTMLParser):
        cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                rows.append([])
            elif tag == "td":
                self.cell = []

        def handle_endtag(self, tag):
            if tag == "td" and self.cell is not None:
                rows[-1].append("".join(self.cell).strip())
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    Cells().feed(page)
    return [r for r in rows if r]


@pytest.mark.parametrize(("fmt", "what"), [("docx", "a Word document"), ("diff", "a unified diff")])
def test_stat_in_a_format_without_tables_is_refused_and_writes_nothing(project, fmt, what):
    result = invoke("redline", ID, "--stat", "--format", fmt, "-o", f"stat.{fmt}")
    assert_failed(result, 2)
    assert f"--stat is not written as {what}" in result.stderr
    assert "--format text, markdown, json or html" in result.stderr
    assert not Path(f"stat.{fmt}").exists()


# --- --full -------------------------------------------------------------------------------------------


def test_full_shows_the_unchanged_units_too(project):
    short = redline().stdout
    full = redline("--full").stdout
    assert "13.5 GOVERNING LAW." not in short
    assert "13.5 GOVERNING LAW. This Agreement shall be governed by" in full
    assert "8.4 PERMITTED EXCHANGES." in full
    assert [x for x in full.splitlines() if x.startswith("@@ ")] == [
        x for x in short.splitlines() if x.startswith("@@ ")
    ]
    # every paragraph of the amended agreement stands in the full redline, once its marks are accepted
    accepted = resolve_text("\n".join(x for x in full.splitlines() if not x.startswith("@@ ")), accept=True)
    assert [p for p in accepted.split("\n\n")[1:] if p.strip()] == body(invoke("apply", ID).stdout).rstrip("\n").split(
        "\n\n"
    )


# --- -o ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "diff", "json"])
def test_output_file_holds_what_stdout_would_and_nothing_else_is_left(project, fmt):
    out = project / "out" / f"redline.{fmt}"
    out.parent.mkdir()
    expected = redline("--format", fmt).stdout
    result = redline("--format", fmt, "-o", str(out))
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == expected
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_output_never_overwrites_an_input(project):
    path = project / "agreements" / f"{ID}.yaml"
    before = path.read_bytes()
    result = invoke("redline", str(path), "-o", str(path))
    assert_failed(result, 6)
    assert path.read_bytes() == before


# --- failures ------------------------------------------------------------------------------------


def test_a_failed_change_is_exit_4_with_nothing_on_stdout(project):
    bad = project / "009-bad.yaml"
    bad.write_text(BAD_AMENDMENT, encoding="utf-8")
    result = invoke("redline", ID, str(AMENDMENT_FILE), str(bad))
    assert_failed(result, 4)
    assert "purple elephants" in result.stderr
    result = invoke("redline", ID, str(AMENDMENT_FILE), str(bad), "--format", "html", "-o", "out.html")
    assert_failed(result, 4)
    assert not Path("out.html").exists()


def test_help_has_examples():
    result = invoke("redline", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "Examples:" in text
    assert "agreement redline symphony-exchange --section 13.4 --format markdown" in text
    assert "agreement redline symphony-exchange --format docx -o redline.docx" in text


# --- a unit added between others ------------------------------------------------------------------


def test_an_added_recital_is_one_insertion_naming_its_instruction(project):
    (project / "amendments" / ID / "002-new-recital.yaml").write_text(NEW_RECITAL, encoding="utf-8")
    out = redline("--from", "amendment-no-1").stdout
    marks = [line for line in out.splitlines() if line.startswith("@@ ")]
    assert marks == ["@@ the third recital (added): Amendment No. 2 to Securities Exchange Agreement, Section 1 @@"]
    body = out.split("\n\n", 1)[1]  # below the header, which shows the marks in its legend
    assert "[-" not in body


def test_adjacent_insertions_are_one_mark_whichever_amendments_wrote_them(chain_project):
    # Amendment No. 2 rewrote words inside Amendment No. 1's insertion into 13.4: a reader
    # of the text sees one insertion, and the @@ line names both amendments' instructions
    out = redline("--section", "13.4", "--format", "text").stdout
    assert "+}{+" not in out and "-][-" not in out
    assert "{+, and no such change, waiver, discharge or termination shall be effective against" in out
    assert "unless and until an executed counterpart thereof has been provided" in out
    md = redline("--section", "13.4", "--format", "markdown").stdout
    assert "++}{++" not in md
    assert "without violating Section 8.4 or Section 8.5 hereof.++}{>>" in md
    assert "Section 3(c); Amendment No. 2 to Securities Exchange Agreement, Section 2(b)<<}" in md
