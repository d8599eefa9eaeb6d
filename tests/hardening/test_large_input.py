"""A 50 MB file gets the same clear error, with its line, as a small one."""

from __future__ import annotations

from agreement.errors import InputError
from agreement.load import SourceText, read_agreement

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
        assert e.location.line >= text.count("\n") - 1
    else:
        raise AssertionError("a broken file was accepted")
