"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), beyond hypothesis.

Not part of the test suite; run it for as long as you like:

    pip install atheris
    python tests/fuzz/atheris_readers.py -runs=200000 build/fuzz-corpus agreements amendments/*

The input bytes are read as UTF-8 text (and as a filed .txt agreement), so the example files are a seed corpus that
libFuzzer mutates from; the first folder named keeps what it finds.

Any exception other than the tool's own errors (AgreementError) is a crash libFuzzer
reports, with the input that caused it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from agreement.address import parse
    from agreement.errors import AgreementError, TextEditError
    from agreement.pipeline import imported
    from agreement.readers import read_html_document, read_markdown_document, read_text_document
    from agreement.readers.yaml import SourceText, read_agreement, read_amendment
    from agreement.text import find_all, sentence_spans, splice


def one(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    for reader in (read_agreement, read_amendment):
        try:
            reader(SourceText("fuzz.yaml", text))
        except AgreementError:
            pass
    for name, read in (
        ("fuzz.txt", read_text_document),
        ("fuzz.htm", read_html_document),
        ("fuzz.md", read_markdown_document),
    ):
        try:
            reading = read(name, data)
            imported(reading.agreement, reading.report, name)
        except AgreementError:
            pass
    try:
        parse(text[:40])
    except AgreementError:
        pass
    sentence_spans(text)
    anchor = text[len(data) % 97 : len(data) % 97 + len(data) % 13]
    try:
        spans = find_all(text, anchor)
    except TextEditError:
        spans = []
    for start, end in spans[:3]:
        try:
            splice(text, start, end, text[-8:])
        except TextEditError:
            pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
