"""Text that hides from the reader, and text no writer can hold: control characters are
refused at load at their place; invisible and bidirectional characters load, are a
`check` error at their place with their code point, and are shown as <U+202E>, never
raw, wherever a person reads."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.characters import visible
from agreement.errors import ExitCode, InputError
from agreement.readers.yaml import SourceText, read_agreement, read_amendment

ROOT = Path(__file__).resolve().parents[2]

AGREEMENT = """\
id: loan
title: {title}
date: 2003-01-30
parties:
  - name: {party}
sections:
  - number: "1"
    heading: DEFINITIONS
    text: {text}
"""


def _agreement(title="Loan Agreement", party="Acme, Inc.", text="The first text.") -> SourceText:
    return SourceText("loan.yaml", AGREEMENT.format(title=title, party=party, text=text))


# --- control characters: refused at load, where they were written ----------------------


@pytest.mark.parametrize(
    ("title", "column", "code"),
    [
        ('"Loan \\u0007 Agreement"', 14, "U+0007"),
        ('"Loan Agreement\\v"', 23, "U+000B"),
        ('"Loan \\x1b[2J Agreement"', 14, "U+001B"),
        ('"Loan \\N Agreement"', 14, "U+0085"),
        ('"Loan \\x9b Agreement"', 14, "U+009B"),
        ('"Loan \\uFFFF"', 14, "U+FFFF"),
    ],
)
def test_an_escaped_control_character_is_refused_at_its_place(title, column, code):
    with pytest.raises(InputError) as err:
        read_agreement(_agreement(title=title))
    assert err.value.location.line == 2 and err.value.location.column == column, err.value.render()
    assert code in err.value.message
    assert err.value.exit_code is ExitCode.INPUT


def test_the_second_of_two_is_found_when_the_first_is_allowed_text():
    # the first "\t" is a tab (allowed); the refused character is the vertical tab after it
    with pytest.raises(InputError) as err:
        read_agreement(_agreement(text='"a\\tb \\t c \\v d"'))
    assert (err.value.location.line, err.value.location.column) == (9, 22)


def test_a_control_character_written_as_itself_is_refused_at_its_place():
    with pytest.raises(InputError) as err:
        read_agreement(_agreement(party="Acme,\x07 Inc."))
    assert (err.value.location.line, err.value.location.column) == (5, 16)
    assert "U+0007" in err.value.message


def test_an_amendment_is_held_to_the_same_rule():
    text = (
        "id: a\ntitle: A\namends: loan\nsequence: 1\ndated: 2004-01-01\nchanges:\n"
        '  - {op: replace_words, unit: "1", words: first, with: "fir\\u0008st"}\n'
    )
    with pytest.raises(InputError) as err:
        read_amendment(SourceText("a.yaml", text))
    assert (err.value.location.line, err.value.location.column) == (7, 60)


def test_hidden_characters_are_not_refused_at_load():
    a = read_agreement(_agreement(party='"\\u05d0\\u200f Acme"'))
    assert a.parties[0].name == "\u05d0\u200f Acme"


# --- every writer renders what loads ----------------------------------------------------


def test_a_long_title_is_written_in_full_in_a_word_document(tmp_path):
    from docx import Document

    from agreement.analyses.redline import redline
    from agreement.analyses.select import conformed
    from agreement.engine import apply
    from agreement.writers import docx as docx_writer

    title = "Long " * 60 + "Agreement"
    history = apply(read_agreement(_agreement(title=title)), [])
    for made in (docx_writer.render_document(conformed(history)), docx_writer.render_redline(redline(history))):
        doc = Document(io.BytesIO(made))
        assert len(doc.core_properties.title) <= 255
        assert doc.core_properties.title.startswith("Long Long")
        shown = "\n".join(p.text for p in doc.paragraphs)
        assert title.upper() in shown.upper(), "the title itself is never shortened"


# --- hidden characters: a check error at their place, shown visibly ---------------------


@pytest.fixture
def bidi_project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    shutil.copytree(ROOT / "amendments", tmp_path / "amendments")
    path = tmp_path / "agreements" / "symphony-exchange.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - name: iBasis, Inc.", '  - name: "iBasis\\u202e, Inc."', 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_reports_a_bidi_override_at_its_place(bidi_project):
    result = CliRunner().invoke(app, ["check", "symphony-exchange", "--format", "json"])
    assert result.exit_code == ExitCode.CHECK_ERRORS, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "hidden-character"]
    assert len(found) == 1
    (f,) = found
    assert f["severity"] == "error"
    assert (f["file"], f["line"], f["column"]) == ("agreements/symphony-exchange.yaml", 21, 18)
    assert "U+202E" in f["message"] and "RIGHT-TO-LEFT OVERRIDE" in f["message"]


def test_check_text_shows_the_character_and_never_writes_it(bidi_project):
    result = CliRunner().invoke(app, ["check", "symphony-exchange"])
    assert result.exit_code == ExitCode.CHECK_ERRORS
    assert "[hidden-character] agreements/symphony-exchange.yaml:21:18" in result.stdout
    assert "iBasis<U+202E>, Inc." in result.stdout
    assert "\u202e" not in result.stdout


def test_check_names_the_unit_or_change_a_hidden_character_is_in(bidi_project):
    second = bidi_project / "amendments" / "symphony-exchange" / "002-amendment-no-2.yaml"
    text = second.read_text(encoding="utf-8")
    words = "words: an executed copy thereof"
    assert text.split("\n")[30].strip() == words
    second.write_text(text.replace(words, 'words: "an executed\\u200b copy thereof"', 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "symphony-exchange", "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "hidden-character"]
    in_amendment = [f for f in found if f["file"].endswith("002-amendment-no-2.yaml")]
    assert len(in_amendment) == 1
    (f,) = in_amendment
    assert (f["line"], f["column"]) == (31, 24)
    assert "U+200B ZERO WIDTH SPACE" in f["message"] and "of Amendment No. 2" in f["message"], f["message"]


def test_a_clean_agreement_has_no_hidden_character_findings(at_root):
    result = CliRunner().invoke(app, ["check", "symphony-exchange", "--format", "json"])
    assert not [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "hidden-character"]


def test_an_error_quoting_an_anchor_shows_a_hidden_character(tmp_path, monkeypatch):
    (tmp_path / "loan.yaml").write_text(_agreement().text, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "id: a\ntitle: A\namends: loan\nsequence: 1\ndated: 2004-01-01\nchanges:\n"
        '  - {op: replace_words, unit: "1", words: "fi\\u202erst", with: second}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", "loan.yaml", "a.yaml"])
    assert result.exit_code == ExitCode.APPLY
    assert "fi<U+202E>rst" in result.stderr
    assert "\u202e" not in result.stderr


def test_a_file_name_never_reaches_the_terminal_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", "\x1b]0;owned\x07\x1b[2J.yaml"])
    assert result.exit_code == ExitCode.INPUT
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "<U+001B>]0;owned<U+0007><U+001B>[2J.yaml" in result.stderr


def test_a_document_for_a_terminal_shows_hidden_characters(monkeypatch):
    from agreement import app as cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    monkeypatch.setattr(cli.sys, "stdout", out)
    monkeypatch.setenv("AGREEMENT_PAGER", "0")
    cli._emit("\x1b[1mAcme\x1b[0m \u202eInc.\u200b\n", None, ())
    assert out.getvalue() == "\x1b[1mAcme\x1b[0m <U+202E>Inc.<U+200B>\n", "our colours kept, the text's marks shown"


def test_a_document_for_a_file_keeps_its_characters(monkeypatch):
    from agreement import app as cli

    out = io.StringIO()
    monkeypatch.setattr(cli.sys, "stdout", out)
    cli._emit("\u05d0\u200f Acme\n", None, ())
    assert out.getvalue() == "\u05d0\u200f Acme\n"


def test_visible_keeps_tabs_and_line_breaks_and_shows_the_rest():
    assert visible("a\tb\nc\u2066d\ufeffe\x00") == "a\tb\nc<U+2066>d<U+FEFF>e<U+0000>"
    assert visible("plain text, \u201cquoted\u201d, \u00e9") == "plain text, \u201cquoted\u201d, \u00e9"


def test_batch_shows_a_file_name_it_found_on_disk(tmp_path, monkeypatch):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "evil\x1b[2J.yaml").write_text("id: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["batch", ".", "--jobs", "1"])
    assert result.exit_code == ExitCode.BATCH_FAILURES, result.output
    assert "\x1b" not in result.stdout
    assert "evil<U+001B>[2J.yaml" in result.stdout


def test_words_that_look_like_criticmarkup_do_not_become_changes_in_a_markdown_redline():
    import re

    from agreement.analyses.redline import redline
    from agreement.engine import apply
    from agreement.writers import markdown
    from tests.support.readers import critic

    base = read_agreement(_agreement(text='"The first {--text--} ends --} here."'))
    change = '  - {op: replace_words, unit: "1", words: first, with: "new {++ words ~> ++}"}\n'
    amendment = read_amendment(
        SourceText("a.yaml", "id: a\ntitle: A\namends: loan\nsequence: 1\ndated: 2004-01-01\nchanges:\n" + change)
    )
    out = markdown.render_redline(redline(apply(base, [amendment])), False)

    def shown(blocks: list[str]) -> str:
        return re.sub(r"\\(.)", r"\1", blocks[-1])  # as Markdown shows it

    assert shown(critic(out, accept=False)).endswith("The first {--text--} ends --} here.")
    assert shown(critic(out, accept=True)).endswith("The new {++ words ~> ++} {--text--} ends --} here.")
