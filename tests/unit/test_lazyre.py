"""Patterns compiled at first use (lazyre.deferred): they answer as re.compile's do, and
the modules every command imports compile none of theirs when imported."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from agreement.lazyre import deferred


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"Section\s+(\d+(?:\.\d+)*)", 0, "see Section 8.4 and Section 13.4(a)"),
        (r"^article\s+(?P<n>[IVX]+)", re.IGNORECASE, "ARTICLE IV"),
        (r"\s+", 0, "a  b\n c"),
    ],
)
def test_a_deferred_pattern_answers_as_the_compiled_one(source: str, flags: int, text: str) -> None:
    lazy, compiled = deferred(source, flags), re.compile(source, flags)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("_", text) == compiled.sub("_", text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.match(text) is None) == (compiled.match(text) is None)
    assert lazy.pattern == source and lazy.flags == compiled.flags and lazy.groups == compiled.groups


def test_a_deferred_pattern_is_compiled_once_at_its_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(source, flags=0):
        compiled.append(source)
        return real(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    lazy = deferred(r"never-compiled-before-\d+")
    assert compiled == []
    assert lazy.search("x never-compiled-before-42") is not None
    assert lazy.search("nothing") is None
    assert lazy.sub("", "never-compiled-before-1") == ""
    assert compiled == [r"never-compiled-before-\d+"]


def test_an_invalid_pattern_fails_at_its_first_use() -> None:
    lazy = deferred(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("text")


def test_the_modules_every_command_imports_compile_no_pattern_when_imported() -> None:
    """model, text, address, printed and the YAML reader: what they compile is compiled
    where it is used (issue 17: start-up)."""
    probe = (
        "import re, sys\n"
        "seen = []\n"
        "real = re._compile\n"
        "def spy(pattern, flags):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None and frame.f_code.co_filename.endswith(('re/__init__.py', 'enum.py')):\n"
        "        frame = frame.f_back\n"
        "    if frame is not None and frame.f_code.co_name == '<module>' and '/agreement/' in frame.f_code.co_filename:\n"
        "        seen.append(frame.f_code.co_filename.split('/agreement/')[1])\n"
        "    return real(pattern, flags)\n"
        "re._compile = spy\n"
        "import agreement.model, agreement.text, agreement.address, agreement.printed, agreement.readers.yaml\n"
        "print(sorted(set(seen)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
