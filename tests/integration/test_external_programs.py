"""Outputs a person opens are opened by the real programs: Word documents by LibreOffice,
HTML pages by Chromium. Each test skips, saying why, where its program is absent (a
user's laptop); `.ci/run` installs both, so CI always runs them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _chromium_flags(tmp_path: Path) -> list[str]:
    """Headless, with a fresh profile and nothing fetched: this machine's network is closed."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path}/profile",
    ]


def _run(args: list[str], out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("redline.docx", ["redline", "symphony-exchange", "--format", "docx"]),
        ("conformed.docx", ["apply", "symphony-exchange", "--format", "docx"]),
    ],
)
def test_libreoffice_converts_the_word_documents_to_pdf(name, args, tmp_path, monkeypatch):
    doc = _run(args, tmp_path / name, monkeypatch)
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(doc),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / name.replace(".docx", ".pdf")
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    assert pdf.exists() and pdf.stat().st_size > 10_000, (done.stdout, done.stderr)
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed; .ci/run installs it")
def test_chromium_renders_the_html_redline(tmp_path, monkeypatch):
    page = _run(["redline", "symphony-exchange", "--format", "html"], tmp_path / "redline.html", monkeypatch)
    shot = tmp_path / "redline.png"
    done = subprocess.run(
        [
            CHROMIUM,
            *_chromium_flags(tmp_path),
            "--window-size=1000,1600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    # a blank page compresses to a few KB; a page of text with marks is far larger
    assert len(data) > 50_000, len(data)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed; .ci/run installs it")
def test_chromium_reads_the_compile_review_page(tmp_path, monkeypatch):
    """The page a reviewer signs an amendment off from: Chromium lays it out, and its text
    (as the browser reads it, --dump-dom) holds each instruction beside its operation."""
    page = _run(
        [
            "compile",
            "amendments/symphony-exchange/filed/amendment-no-1.txt",
            "--agreement",
            "agreements/symphony-exchange.yaml",
            "--report",
            "html",
        ],
        tmp_path / "review.html",
        monkeypatch,
    )
    flags = _chromium_flags(tmp_path)
    shot = tmp_path / "review.png"
    done = subprocess.run(
        [CHROMIUM, *flags, "--window-size=1300,1800", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(shot.read_bytes()) > 50_000
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert "Review of Amendment No. 1 to Securities Exchange Agreement" in dom
    assert dom.count("<tr>") >= 7  # a header row and a row for each of the six operations
    assert "insert_at_sentence_end" in dom and "<ins>" in dom
