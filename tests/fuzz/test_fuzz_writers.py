"""Fuzzing every writer: any agreement and amendment the loader accepts renders in every
format (conformed copy, one unit, redline, stat, check, history, blame), or was refused
at load with a located error; nothing escapes but the tool's own errors.

Text is arbitrary: control characters, bidirectional and invisible characters, long
titles, markup of every format (<, &, *, {++, [-), astral characters.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from agreement.errors import AgreementError
from agreement.readers.yaml import SourceText, read_agreement, read_amendment

MARKUP = st.sampled_from(["<b>", "&amp;", "*", "_", "{++", "--}", "[-", "+}", "#", "\\", "`", "|", '"', "'", "\n\n"])
ODD = st.sampled_from(
    ["\u202e", "\u200b", "\u2066", "\ufeff", "\U0001f600", "\u0301", "\u00ad", "\u2028", "\U0010ffff"]
)
CONTROL = st.sampled_from(["\u0007", "\x0b", "\x85", "\x9b", "\x1b[31m", "\r", "\x00", "\uffff"])
PRINTABLE = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
WORDS = st.lists(
    st.one_of(PRINTABLE, PRINTABLE, MARKUP, ODD, st.just("Lorem ipsum")),
    max_size=8,
).map("".join)
TEXT = st.one_of(
    WORDS.filter(str.strip),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=256, max_size=400).filter(str.strip),
)


def _dump(data) -> str:
    buf = io.StringIO()
    yaml = YAML(typ="safe")
    yaml.width = 4096
    yaml.dump(data, buf)
    return buf.getvalue()


@st.composite
def cases(draw) -> tuple[str, str]:
    """An agreement with arbitrary text in every field, and an amendment writing more."""
    agreement = {
        "id": "fuzz",
        "title": draw(TEXT),
        "date": "2003-01-30",
        "parties": [{"name": draw(TEXT), "short_name": draw(TEXT)}],
        "sections": [
            {"number": "1", "heading": draw(TEXT), "text": "The first words. " + draw(WORDS)},
            {"number": "2", "text": draw(TEXT), "clauses": [{"number": "(a)", "text": draw(TEXT)}]},
        ],
    }
    amendment = {
        "id": "fuzz-1",
        "title": draw(TEXT),
        "amends": "fuzz",
        "sequence": 1,
        "dated": "2004-01-01",
        "changes": [
            {"op": "replace_words", "unit": "1", "words": "first", "with": draw(TEXT)},
            {"op": "append_paragraph", "unit": "2(a)", "text": draw(TEXT)},
            {"op": "add_unit", "after": "2", "new": {"number": "3", "heading": draw(TEXT), "text": draw(TEXT)}},
        ],
    }
    if draw(st.integers(0, 5)) == 0:  # now and then a control character, somewhere
        field = draw(st.sampled_from([agreement, agreement["sections"][1], amendment["changes"][1]]))
        key = next(k for k in ("title", "text") if k in field)
        field[key] += draw(CONTROL)
    return _dump(agreement), _dump(amendment)


def _every_output(history, sources) -> None:
    from agreement import check
    from agreement.analyses.blame import body_spans
    from agreement.analyses.redline import redline
    from agreement.analyses.select import conformed, select_unit
    from agreement.analyses.timeline import lineage, timeline
    from agreement.writers import (
        REDLINE_REGISTRY,
        Format,
        RedlineFormat,
        blamefmt,
        checkfmt,
        historyfmt,
        redline_writer,
        stat,
        terminal,
        writer,
    )

    copy = conformed(history)
    view = select_unit(history, "1")
    for fmt in Format:
        writer(fmt).render_document(copy)
        writer(fmt).render_unit(view)
    terminal.render_document(copy)
    terminal.render_unit(view)
    for rfmt in REDLINE_REGISTRY:
        module = redline_writer(rfmt)
        full = getattr(module, "WHOLE_DOCUMENT", False)  # as the command asks for it
        r = redline(history, 0, 1, full=full)
        module.render_redline(r, full)
        if stat.refused(rfmt.value) is None:
            stat.render_stat(r, rfmt)
    redline_writer(RedlineFormat.TEXT).render_redline(redline(history, 0, 1, full=True), True)
    redline_writer(RedlineFormat.MARKDOWN).render_redline(redline(history, 0, 1, section="1"), False)
    findings = check.run(history, [], sources)
    texts = {src.name: src.text.split("\n") for src in sources}
    for f in findings:
        if f.rule == "hidden-character":  # found where it was written: as itself, or an escape
            line = texts[f.location.file][f.location.line - 1]
            written = line[f.location.column - 1]
            assert written == "\\" or f"<U+{ord(written):04X}" in f.message, f
    checkfmt.render_text(history, findings)
    checkfmt.render_json(history, findings)
    checkfmt.render_terminal(history, findings)
    steps = lineage(history, "1")
    historyfmt.render_text(history, timeline(history), "1", steps)
    historyfmt.render_json(history, timeline(history), "1", steps)
    spans = body_spans(history, "1")
    blamefmt.render_text("1", spans)
    blamefmt.render_json("1", spans)
    blamefmt.render_terminal("1", spans)


# every example renders about forty outputs: a quarter of the profile's examples
@settings(max_examples=max(10, settings.default.max_examples // 4), suppress_health_check=[HealthCheck.too_slow])
@given(cases())
@example(  # an amendment's words that read as Rich markup ("[/x]" closed no tag: MarkupError)
    (
        "id: fuzz\ntitle: T\ndate: 2003-01-30\nsections:\n- {number: '1', text: The first words.}\n"
        "- number: '2'\n  text: Lorem ipsum\n  clauses:\n  - {number: (a), text: x}\n",
        "id: fuzz-1\ntitle: A\namends: fuzz\nsequence: 1\ndated: '2004-01-01'\nchanges:\n"
        "- {op: replace_words, unit: '1', words: first, with: '[b]bold'}\n"
        "- {op: append_paragraph, unit: 2(a), text: Lorem ipsum}\n"
        "- {op: add_unit, after: '2', new: {number: '3', heading: 'x[/x]', text: '[/red]y'}}\n",
    )
)
def test_whatever_the_loader_accepts_every_writer_renders(case):
    from agreement.engine import apply

    sources = SourceText("fuzz.yaml", case[0]), SourceText("fuzz-1.yaml", case[1])
    try:
        base = read_agreement(sources[0])
        amendment = read_amendment(sources[1])
    except AgreementError as e:
        assert e.location is not None and e.location.line >= 1, e.render()
        return
    try:
        history = apply(base, [amendment])
    except AgreementError:
        return  # an anchor the fuzzed text hid: refused as the tool refuses, not a writer's fault
    _every_output(history, sources)
