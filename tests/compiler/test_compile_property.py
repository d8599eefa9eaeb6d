"""For generated small agreements and generated operations rendered into legal English
from a few templates, compiling the words gives back the operation (issue 15).

Every word of a generated section is different from the others, so any run of its words
stands in it exactly once: the compiler must then read each instruction whole and give
back exactly the operation it was rendered from, never a finding and never another one.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from agreement.compiler.compile import Provision, compile_provisions
from agreement.readers.yaml import SourceText, read_agreement
from tests.compiler.corpus_check import SHELL, _expected, folded

VOCABULARY = (
    "account advance balance charge claim cost credit debt deposit duty estate fee fund grant holder income "
    "interest lease lien loan margin money notice owner party payment pledge premium price profit rate rent "
    "reserve right risk share stock surety tax tenant term title trust value vendor warrant yield asset bond "
    "broker buyer cargo cheque dealer equity freight goods hire insurer ledger lessee maker net order quota"
).split()
NEW_WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
ORDINALS = ["first", "second", "third"]


@st.composite
def agreements(draw):
    """Two to four sections ("3.01", "3.02", ...) of two or three sentences of four to six
    words, every word of a section different from the others."""
    sections = []
    for k in range(draw(st.integers(2, 4))):
        counts = draw(st.lists(st.integers(4, 6), min_size=2, max_size=3))
        words = draw(st.permutations(VOCABULARY))[: sum(counts)]
        sentences, at = [], 0
        for c in counts:
            s = words[at : at + c]
            at += c
            sentences.append([s[0].capitalize(), *s[1:]])
        sections.append((f"3.0{k + 1}", sentences))
    return sections


def _yaml(sections) -> str:
    lines = ["id: generated", "title: Generated Agreement", "date: 2024-01-01", "sections:"]
    for number, sentences in sections:
        heading = " ".join(w.capitalize() for w in sentences[0][1:3])
        text = " ".join(" ".join(s) + "." for s in sentences)
        lines += [f'  - number: "{number}"', f"    heading: {heading}", f"    text: {text}"]
    return "\n".join(lines) + "\n"


def _span(draw, sentence: list[str]) -> str:
    """One or two words of a sentence, never the whole of it."""
    n = draw(st.integers(1, 2))
    start = draw(st.integers(0, len(sentence) - n))
    return " ".join(sentence[start : start + n])


@st.composite
def instructions(draw, sections):
    """(the instruction's words, the operation it must compile to)."""
    number, sentences = draw(st.sampled_from(sections))
    sentence = draw(st.integers(0, len(sentences) - 1))
    old = _span(draw, sentences[sentence])
    new = " ".join(draw(st.lists(st.sampled_from(NEW_WORDS), min_size=1, max_size=3, unique=True)))
    s = f"Section {number} of the Agreement"
    kind = draw(
        st.sampled_from(["replace", "delete", "after", "before", "sentence_end", "append", "unit", "in_sentence"])
    )
    if kind == "in_sentence":  # the sentence the words stand in, named as what is amended
        names = [ORDINALS[sentence]]
        if sentence == len(sentences) - 1:
            names.append("last")
        if sentence == len(sentences) - 2:
            names.append("penultimate")
        nth = draw(st.sampled_from(names))
        words = f'The {nth} sentence of {s} is hereby amended by replacing "{old}" with "{new}".'
        return words, {"op": "replace_words", "unit": number, "words": old, "with": new}
    if kind == "replace":
        words = draw(
            st.sampled_from(
                [
                    f'{s} is hereby amended by deleting "{old}" and inserting "{new}" in lieu thereof.',
                    f'{s} is hereby amended by replacing the words "{old}" with the words "{new}".',
                    f'{s} is amended by striking "{old}" and substituting "{new}" therefor.',
                    f'The words "{old}" in {s} are hereby changed to "{new}".',
                    f'In {s}, "{old}" is hereby replaced by "{new}".',
                    f'{s} is hereby amended to replace "{old}" with "{new}".',
                    f'{s} is hereby amended by inserting the words "{new}" in place of the words "{old}".',
                    f'{s} is hereby amended by the deletion of "{old}" and the substitution of "{new}" therefor.',
                    f'The parties hereby amend Section {number} of the Agreement by replacing "{old}" with "{new}".',
                ]
            )
        )
        return words, {"op": "replace_words", "unit": number, "words": old, "with": new}
    if kind == "delete":
        words = draw(
            st.sampled_from(
                [
                    f'{s} is hereby amended by deleting the words "{old}".',
                    f'{s} is hereby amended by striking "{old}" therefrom.',
                    f'The words "{old}" in {s} are hereby deleted.',
                ]
            )
        )
        return words, {"op": "delete_words", "unit": number, "words": old}
    if kind == "after":
        words = draw(
            st.sampled_from(
                [
                    f'{s} is hereby amended by inserting "{new}" immediately after "{old}".',
                    f'{s} is hereby amended by inserting, immediately after the words "{old}", the words "{new}".',
                    f'{s} is hereby amended by adding the words "{new}" following the words "{old}".',
                    f'{s} is hereby amended by inserting after the words "{old}" the words "{new}".',
                ]
            )
        )
        return words, {"op": "insert_words", "unit": number, "after": old, "text": new}
    if kind == "before":
        words = f'{s} is hereby amended by inserting the words "{new}" immediately before the words "{old}".'
        return words, {"op": "insert_words", "unit": number, "before": old, "text": new}
    if kind == "sentence_end":
        nth = ORDINALS[sentence]
        words = draw(
            st.sampled_from(
                [
                    f'{s} is hereby amended by inserting ", {new}" at the end of the {nth} sentence thereof.',
                    f'{s} is hereby amended by inserting the words ", {new}" immediately before the period at the '
                    f"end of the {nth} sentence thereof.",
                    f'{s} is hereby amended by inserting at the end of the {nth} sentence thereof the words ", {new}".',
                ]
            )
        )
        return words, {"op": "insert_at_sentence_end", "unit": number, "sentence": sentence + 1, "text": f", {new}"}
    if kind == "append":
        text = new.capitalize() + " shall apply."
        words = draw(
            st.sampled_from(
                [
                    f'{s} is hereby amended by adding the following sentence at the end thereof: "{text}"',
                    f'{s} is hereby amended by adding at the end thereof the following sentence: "{text}"',
                ]
            )
        )
        return words, {"op": "append_sentence", "unit": number, "text": text}
    # a unit: deleted, reserved, restated, or a new one after it
    heading = new.title()
    body = f"The {old.lower()} shall be {new}."
    which = draw(st.sampled_from(["deleted", "reserved", "restated", "added"]))
    if which == "deleted":
        return f"{s} is hereby deleted in its entirety.", {"op": "delete_unit", "unit": number}
    if which == "reserved":
        words = f'{s} is hereby deleted in its entirety and replaced with "[Reserved]".'
        return words, {"op": "delete_unit", "unit": number, "reserved": True}
    if which == "restated":
        words = (
            f'{s} is hereby amended and restated in its entirety to read as follows:\n\n"{number} {heading}. {body}"'
        )
        return words, {"op": "restate_unit", "unit": number, "new": {"heading": heading, "text": body}}
    words = (
        f"The Agreement is hereby amended by inserting the following new Section {number}A immediately after "
        f'Section {number}:\n\n"{number}A {heading}. {body}"'
    )
    return words, {"op": "add_unit", "after": number, "new": {"number": f"{number}A", "heading": heading, "text": body}}


@st.composite
def cases(draw):
    """An agreement and an instruction on it, hard-wrapped and indented as filed."""
    sections = draw(agreements())
    words, op = draw(instructions(sections))
    width, indent = draw(st.integers(30, 100)), " " * draw(st.integers(0, 8))
    head, _, block = words.partition("\n\n")
    wrapped = textwrap.fill(head, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
    return sections, (wrapped + ("\n\n" + block if block else ""), op)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_compiling_rendered_words_gives_back_the_operation(case):
    sections, (words, op) = case
    agreement = read_agreement(SourceText("generated.yaml", _yaml(sections)))
    compiled = compile_provisions([Provision("Section 1", None, words)], agreement, SHELL)
    assert compiled.findings == (), (words, compiled.findings)
    (want,) = _expected("generated", [op])
    assert [(c.op, folded(c.args)) for c in compiled.changes] == [(want.op, folded(want.args))], words
