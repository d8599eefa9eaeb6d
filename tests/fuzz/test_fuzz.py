"""Fuzzing every reader of input: nothing escapes but the tool's own errors.

CI runs a bounded number of examples; a longer run is one command:

    HYPOTHESIS_PROFILE=long pytest tests/fuzz
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from agreement.address import parse, resolve
from agreement.engine import apply
from agreement.errors import AgreementError, TextEditError
from agreement.readers.yaml import SourceText, load_agreement, read_agreement, read_amendment
from agreement.text import find_all, fold_plain, sentence_spans, sentence_terminal, splice

ROOT = Path(__file__).resolve().parents[2]
SEED = load_agreement(str(ROOT / "agreements" / "symphony-exchange.yaml"))

LEGAL = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrsABCDEFGH .,;:()\"'\u201c\u201d\u2019$0123456789\n-")),
    max_size=200,
)
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "date",
        "sections",
        "number",
        "heading",
        "text",
        "definitions",
        "subsections",
        "clauses",
        "recitals",
        "preamble",
        "parties",
        "name",
        "changes",
        "op",
        "unit",
        "words",
        "with",
        "amends",
        "sequence",
        "dated",
        "new",
        "after",
        "before",
        "term",
        "terms",
        "line",
        "occurrence",
        "heding",
        "x",
    ]
)
SCALARS = st.one_of(
    st.text(max_size=20),
    st.integers(-5, 2000),
    st.booleans(),
    st.none(),
    st.sampled_from(["2003-01-30", "13.4", "(a)", "delete_words", "insert_words", "recitals(a)"]),
)
DATA = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6), max_leaves=30
)


def dump(data) -> str:
    import io

    buf = io.StringIO()
    YAML(typ="safe").dump(data, buf)
    return buf.getvalue()


@given(st.text(max_size=300))
def test_any_text_as_an_agreement_file_is_read_or_refused_cleanly(text):
    for reader in (read_agreement, read_amendment):
        try:
            reader(SourceText("fuzz.yaml", text))
        except AgreementError as e:
            assert e.message and "Traceback" not in e.render()


@given(DATA)
def test_any_yaml_structure_is_read_or_refused_cleanly(data):
    text = dump(data)
    for reader in (read_agreement, read_amendment):
        try:
            reader(SourceText("fuzz.yaml", text))
        except AgreementError as e:
            assert e.location is None or e.location.line >= 1


@given(st.text(max_size=40))
def test_any_address_parses_or_is_a_usage_error_and_resolves_or_names_no_unit(text):
    try:
        address = parse(text)
    except AgreementError:
        return
    try:
        resolve(SEED.root, address)
    except AgreementError:
        pass


@given(LEGAL)
def test_sentences_are_ordered_spans_within_the_text(text):
    spans = sentence_spans(text)
    end = 0
    for start, stop in spans:
        assert end <= start < stop <= len(text)
        end = stop
        try:
            at = sentence_terminal(text, (start, stop))
            assert text[at] in ".!?"
        except TextEditError:
            pass


@given(LEGAL, st.text(alphabet="abcdefgh .,\"'\u201c()", min_size=0, max_size=12))
def test_anchor_search_finds_only_what_folds_to_the_anchor(text, anchor):
    try:
        spans = find_all(text, anchor)
    except TextEditError:
        assert not fold_plain(anchor)
        return
    for start, end in spans:
        assert fold_plain(text[start:end]) == fold_plain(anchor)


@given(LEGAL, st.integers(0, 200), st.integers(0, 200), st.text(alphabet='abc ,;.()"', max_size=20))
def test_splice_returns_text_or_refuses(text, i, j, words):
    start, end = sorted((min(i, len(text)), min(j, len(text))))
    try:
        out = splice(text, start, end, words)
    except TextEditError:
        return
    assert isinstance(out, str)


UNITS = st.sampled_from(["13.4", "1", "8", "8.3", "2(a)", "recitals(a)", "preamble", "definition:Notes", "99", "x"])
WORDS = st.sampled_from(["Required Holders", "Notes", ";", "the", "purple", "Section 8.4", '(the "NOTES")', ",", "a"])


@st.composite
def changes(draw) -> str:
    """A change of any kind, with values of the right types for its fields (mostly)."""
    from agreement.operations import REGISTRY, FieldType

    name = draw(st.sampled_from(sorted(REGISTRY)))
    op = REGISTRY[name]
    args = {"op": name}
    for key, field in op.fields.items():
        if not field.required and draw(st.booleans()):
            continue
        args[key] = {
            FieldType.WORDS: lambda: draw(WORDS),
            FieldType.ADDRESS: lambda: draw(UNITS),
            FieldType.INT: lambda: draw(st.integers(1, 6)),
            FieldType.BOOL: lambda: draw(st.booleans()),
            FieldType.ADDRESSES: lambda: [draw(UNITS)],
            FieldType.TERMS: lambda: [draw(st.sampled_from(["Notes", "Holders", "Nothing"]))],
            FieldType.UNIT: lambda: {
                "number": draw(st.sampled_from(["8.5", "(c)", "13.4"])),
                "heading": "H",
                "text": draw(WORDS) or "x",
            },
            FieldType.DEFINITIONS: lambda: [
                f'"{draw(st.sampled_from(["ZED", "NOTES", "ALPHA"]))}" means {draw(WORDS)}.'
            ],
        }[field.type]()
    return dump([args])


@given(st.lists(changes(), min_size=1, max_size=3))
def test_any_change_on_the_seed_applies_or_is_refused_cleanly(parts):
    text = "id: f\ntitle: F\namends: symphony-exchange\nsequence: 1\ndated: 2004-01-01\nchanges:\n" + "".join(
        "  " + line + "\n" for part in parts for line in part.splitlines()
    )
    try:
        amendment = read_amendment(SourceText("f.yaml", text))
        apply(SEED, [amendment], keep_going=True)
    except AgreementError:
        pass
