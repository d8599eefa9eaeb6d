"""A 50 MB file gets the same clear error, with its line, as a small one."""

from __future__ import annotations

from agreement.errors import InputError
from agreement.readers.yaml import SourceText, read_agreement

SECTION = (
    '  - number: "{n}"\n    heading: MATTERS\n    text: |\n' + "      Words of the agreement, line by line.\n" * 40
)


def test_a_fifty_megabyte_file_broken_at_its_end_is_refused_at_the_right_line():
    head = "id: big\ntitle: Big Agreement\ndate: 2003-01-30\nsections:\n"
    body = "".join(SECTION.format(n=n) for n in range(1, 30_000))
    text = head + body + "  - number: [unclosed\n"
    assert len(text) > 50_000_000
    try:
        read_agreement(SourceText("big.yaml", text))
    except InputError as e:
        assert e.location is not None
        assert e.location.file == "big.yaml"
        assert e.location.line == text.count("\n")
    else:
        raise AssertionError("a broken file was accepted")


def test_through_the_command_the_error_is_clear_and_memory_stays_bounded(tmp_path):
    """`python -m agreement` on the same file: exit 3, the line, no traceback, and a peak
    memory within a fixed multiple of the file's size (not a timing: memory is not noisy)."""
    import os
    import subprocess
    import sys

    head = "id: big\ntitle: Big Agreement\ndate: 2003-01-30\nsections:\n"
    text = head + "".join(SECTION.format(n=n) for n in range(1, 30_000)) + "  - number: [unclosed\n"
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    err = tmp_path / "stderr"
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "agreement", "apply", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "AGREEMENT_NO_CACHE": "1"},
        )
        _, status, usage = os.wait4(proc.pid, 0)
    message = err.read_text(encoding="utf-8")
    assert os.waitstatus_to_exitcode(status) == 3, message
    assert f"{path}:{text.count(chr(10))}:13: not valid YAML: this '[' is never closed" in message
    assert "Traceback" not in message
    peak_bytes = usage.ru_maxrss * 1024  # kilobytes on Linux
    assert peak_bytes < 20 * len(text), f"peak {peak_bytes / 1e6:.0f} MB for a {len(text) / 1e6:.0f} MB file"


def test_a_fifty_megabyte_document_with_no_sections_is_refused_cleanly(tmp_path):
    """A filed document of 50 MB that holds no agreement (a log, a dump, prose): exit 10,
    the file named and why, no traceback, and peak memory within a fixed multiple of the
    file's size (the reader holds the text, its lines and its paragraphs: about 20 times)."""
    import os
    import subprocess
    import sys

    path = tmp_path / "archive-dump.txt"
    line = "an entry of the archive that is words on a line and nothing like an agreement\n"
    path.write_text(line * (50_000_000 // len(line) + 1), encoding="utf-8")
    size = path.stat().st_size
    assert size > 50_000_000
    err = tmp_path / "stderr"
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "agreement", "import", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "AGREEMENT_NO_CACHE": "1"},
        )
        _, status, usage = os.wait4(proc.pid, 0)
    message = err.read_text(encoding="utf-8")
    assert os.waitstatus_to_exitcode(status) == 10, message
    assert f"{path}: no numbered sections found" in message
    assert "Traceback" not in message
    peak_bytes = usage.ru_maxrss * 1024
    assert peak_bytes < 30 * size, f"peak {peak_bytes / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"
