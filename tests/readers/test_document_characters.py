"""The rules on characters (characters.py) hold for filed documents as for YAML: a control
character is refused where it stands; a hidden one is read, and `check` reports it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from agreement.app import app

FIXTURE = Path(__file__).parent / "fixtures" / "fir-lease.txt"


def _with(tmp_path: Path, inserted: str) -> tuple[Path, int, int]:
    text = FIXTURE.read_text()
    at = text.index("Tenant") + len("Tenant")
    path = tmp_path / "lease.txt"
    path.write_text(text[:at] + inserted + text[at:])
    line = text.count("\n", 0, at) + 1
    return path, line, at - (text.rfind("\n", 0, at) + 1) + 1


def test_a_control_character_in_a_filed_agreement_is_refused_at_its_place(tmp_path):
    path, line, column = _with(tmp_path, "\x07")
    for args in (["show", str(path), "--section", "1"], ["apply", str(path), "--format", "docx", "-o", "x.docx"]):
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 10, done.stderr
        assert f"{path}:{line}:{column}: the control character U+0007" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_form_feed_is_a_page_break_not_a_refused_character(tmp_path):
    path, _, _ = _with(tmp_path, "")
    path.write_text(path.read_text().replace("\n\n", "\n\f\n", 1))
    done = CliRunner().invoke(app, ["show", str(path), "--section", "1"])
    assert done.exit_code == 0, done.stderr


def test_check_reports_a_hidden_character_in_a_filed_agreement_where_it_stands(tmp_path):
    path, line, column = _with(tmp_path, "\u202e")
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 7, done.stderr
    assert f"[hidden-character] {path}:{line}:{column}" in done.stdout
    assert "<U+202E RIGHT-TO-LEFT OVERRIDE>" in done.stdout
    assert "\u202e" not in done.stdout


def test_a_control_character_is_refused_in_markdown_and_html_filings_too(tmp_path):
    for name, text in (
        ("lease.md", "# Lease\n\n1. Term. The term is one\x07 year.\n\n2. Rent. Rent is due monthly.\n"),
        (
            "lease.htm",
            "<html><body><p>1. Term. The term is one\x07 year.</p><p>2. Rent. Rent is due.</p></body></html>",
        ),
    ):
        path = tmp_path / name
        path.write_text(text)
        done = CliRunner().invoke(app, ["show", str(path), "--section", "1"])
        assert done.exit_code == 10, (name, done.stderr)
        assert "the control character U+0007 has no place" in done.stderr
        assert f"{path}:" in done.stderr
