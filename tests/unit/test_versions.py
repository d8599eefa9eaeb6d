"""Versions of an agreement: who wrote each word (blame), the agreement through an
amendment or as of a date (--through, --as-of), the timeline of its amendments
(history), and annotated conformed copies (--annotate, --footnotes).

Expectations come from the words of the agreement and its amendments
(agreements/symphony-exchange.yaml, amendments/symphony-exchange/*.yaml) and from the
documented behaviour, not from captured output.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from agreement import conform
from agreement.address import address_of
from agreement.analyses.blame import Span, body_spans, unit_blame
from agreement.analyses.select import cut, version_index
from agreement.analyses.timeline import lineage, timeline
from agreement.app import app
from agreement.engine import apply
from agreement.errors import UsageError
from agreement.model import Unit, at
from agreement.printed import body_text, caption
from agreement.readers.yaml import SourceText, read_agreement, read_amendment
from tests.unit.test_redline import histories

ROOT = Path(__file__).resolve().parents[2]
ID = "symphony-exchange"
AGREEMENT_FILE = ROOT / "agreements" / f"{ID}.yaml"
SEED_FILE = ROOT / "amendments" / ID / "001-amendment-no-1.yaml"
CHAIN_FILE = ROOT / "amendments" / ID / "002-amendment-no-2.yaml"

A1 = "Amendment No. 1 to Securities Exchange Agreement"
A2 = "Amendment No. 2 to Securities Exchange Agreement"
A1_DATED = "February 21, 2002"
A2_DATED = "June 30, 2004"

# --- the words of the amendments -------------------------------------------------------------

# Amendment No. 1, Section 3(a): inserted after "Required Holders" in Section 13.4.
S3A = (
    ", and no such change, waiver, discharge or termination shall be effective against the Collateral Agent "
    "unless and until an executed copy thereof has been provided to the Collateral Agent (and, in the case of "
    "any other Document, subject to any other requirements applicable to such amendment, change, waiver, "
    "discharge or termination set forth in such Document)"
)
# Amendment No. 1, Section 3(b), as conformed: a further proviso before the sentence's period.
S3B = (
    "; PROVIDED, FURTHER, HOWEVER, that no such change, waiver, discharge or termination that alters the "
    "rights, immunities or duties of the Collateral Agent shall take effect without the Collateral Agent's "
    "express written consent"
)
# Amendment No. 1, Section 3(c): a new last sentence of Section 13.4.
S3C = (
    "Notwithstanding anything to the contrary in this Agreement, all Holders shall be deemed to be third-party "
    "beneficiaries of all of the provisions of this Agreement that relate to Holders, including but not limited "
    'to any provisions that may only be waived or consented to by the "Required Holders", or that may be '
    'initiated only by the "Demand Holders", with such groups being determined for all purposes of this '
    "Agreement with regard to all Holders, whether issued pursuant to this Agreement or other exchanges in "
    "which such Notes are issued without violating Section 8.3 or Section 8.4 hereof."
)
# Amendment No. 2, Sections 2(a) and 2(b): words of 13.4 that Amendment No. 1 inserted, replaced.
OLD_2A, NEW_2A = "an executed copy thereof", "an executed counterpart thereof"
OLD_2B, NEW_2B = "Section 8.3 or Section 8.4 hereof", "Section 8.4 or Section 8.5 hereof"
# Amendment No. 2, Section 3: the restated definition.
REQUIRED_HOLDERS = (
    '"REQUIRED HOLDERS" means the Holders of at least 66-2/3% in aggregate principal amount of the Notes then '
    "outstanding, excluding any Notes held by the Company or any of its affiliates."
)
# Amendment No. 2, Section 4: the new Section 8.5.
SECTION_8_5 = (
    "The Borrower shall not grant any security interest in the Collateral to any person other than the "
    "Collateral Agent, for the benefit of the Holders."
)


def flat(text: str) -> str:
    return " ".join(text.split())


def chain():
    """The whole example: the agreement with Amendments No. 1 and No. 2."""
    return conform(str(AGREEMENT_FILE), [str(SEED_FILE), str(CHAIN_FILE)])


def who(span: Span) -> tuple[str, str | None] | None:
    """(amendment id, the instruction's source), or None for the original."""
    if span.change is None:
        return None
    return span.change.amendment.id, span.change.change.source


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_ok(result) -> None:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr, result.exception)


def assert_usage(result) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


# --- 1. blame: properties on generated histories ----------------------------------------------


def _paths(unit: Unit, path: tuple[int, ...] = ()):
    for i, child in enumerate(unit.children):
        yield (*path, i)
        yield from _paths(child, (*path, i))


def _own(root: Unit, address: str) -> tuple[str, str] | None:
    """The unit's number and heading, and its whole body with its parts (what blame spells)."""
    from agreement.address import resolve
    from agreement.errors import NoSuchUnit

    try:
        unit = at(root, resolve(root, address))
    except NoSuchUnit:
        return None
    return caption(unit), body_text(unit)


@settings(max_examples=60)
@given(histories())
def test_blame_spans_spell_every_unit_of_every_version_and_name_only_earlier_amendments(history):
    for v, version in enumerate(history.versions):
        root = version.agreement.root
        allowed = {id(a) for ver in history.versions[1 : v + 1] for a in ver.applied}
        earlier = {ver.amendment.id for ver in history.versions[1 : v + 1]}
        for path in _paths(root):
            unit = at(root, path)
            address = address_of(root, path)
            spans = body_spans(history, address, v)
            assert "".join(s.text for s in spans) == body_text(unit), (v, address, spans)
            for s in spans:
                if s.change is not None:
                    assert id(s.change) in allowed, (v, address, s)
                    assert s.change.amendment.id in earlier, (v, address, s)
            # Untouched: the same number, heading and words (its parts' too) at this address
            # in every version so far.
            # (Generated amendments only ever insert fresh words, so a changed unit
            # can never read as it did before.)
            own = _own(history.versions[0].agreement.root, address)
            untouched = own is not None and all(
                _own(ver.agreement.root, address) == own for ver in history.versions[1 : v + 1]
            )
            if untouched:  # (a word inserted and deleted again leaves an empty span: where it went)
                assert all(s.change is None for s in spans if s.text), (v, address, spans)
                blame = unit_blame(history, address, v)
                assert blame is not None
                assert all(s.change is None for s in blame.caption)
                assert all(s.change is None for p in blame.paragraphs for s in p if s.text)


def test_blame_spells_every_unit_of_every_version_of_the_example_chain():
    """The example has what generated histories lack: sub-units, definitions, run-in clauses."""
    h = chain()
    for v, version in enumerate(h.versions):
        root = version.agreement.root
        earlier = {ver.amendment.id for ver in h.versions[1 : v + 1]}
        for path in _paths(root):
            address = address_of(root, path)
            spans = body_spans(h, address, v)
            assert "".join(s.text for s in spans) == body_text(at(root, path)), (v, address)
            assert {s.change.amendment.id for s in spans if s.change is not None} <= earlier, (v, address)


def test_blame_of_a_unit_no_amendment_touched_is_the_original_throughout():
    h = chain()
    spans = body_spans(h, "13.5")
    assert spans and all(s.change is None for s in spans)
    assert "".join(s.text for s in spans) == _text(h, "13.5")


# --- 2. blame on the example chain ------------------------------------------------------------


def test_blame_of_section_13_4_names_each_amendment_piece_by_piece():
    h = chain()
    original = flat(_original_13_4())
    head, rest = original.split("Required Holders", 1)
    first, second = rest.split(". Each Holder", 1)
    a_before, a_after = S3A.split(" " + OLD_2A, 1)
    c_before, c_after = S3C.split(" " + OLD_2B, 1)
    expected = [
        (head + "Required Holders", None),
        (a_before, ("amendment-no-1", "Section 3(a)")),
        (" " + NEW_2A, ("amendment-no-2", "Section 2(a)")),
        (a_after, ("amendment-no-1", "Section 3(a)")),
        (first, None),
        (S3B, ("amendment-no-1", "Section 3(b)")),
        (". Each Holder" + second, None),
        (" " + c_before, ("amendment-no-1", "Section 3(c)")),
        (" " + NEW_2B, ("amendment-no-2", "Section 2(b)")),
        (c_after, ("amendment-no-1", "Section 3(c)")),
    ]
    got = [(s.text, who(s)) for s in body_spans(h, "13.4") if s.text]
    assert got == expected
    assert "".join(s.text for s in body_spans(h, "13.4")) == _text(h, "13.4")


def _original_13_4() -> str:
    a = read_agreement(SourceText(str(AGREEMENT_FILE), AGREEMENT_FILE.read_text(encoding="utf-8")))
    from agreement.address import resolve

    return at(a.root, resolve(a.root, "13.4")).text[0]


def test_blame_through_amendment_no_1_gives_its_words_before_amendment_no_2_changed_them():
    h = chain()
    spans = body_spans(h, "13.4", 1)
    by = {}
    for s in spans:
        by.setdefault(who(s), []).append(s.text)
    assert "".join(by[("amendment-no-1", "Section 3(a)")]) == S3A
    assert "".join(by[("amendment-no-1", "Section 3(b)")]) == S3B
    assert "".join(by[("amendment-no-1", "Section 3(c)")]) == " " + S3C
    assert not any(k and k[0] == "amendment-no-2" for k in by)


def test_a_reserved_section_keeps_its_original_number_and_the_amendment_wrote_reserved():
    blame = unit_blame(chain(), "8.3")
    assert blame is not None
    assert "".join(s.text for s in blame.caption) == "8.3"
    assert all(s.change is None for s in blame.caption)
    words = [s for p in blame.paragraphs for s in p if s.text]
    assert "".join(s.text for s in words) == "[Reserved]"
    assert {who(s) for s in words} == {("amendment-no-2", "Section 1")}


def test_an_added_section_is_wholly_the_amendments_that_added_it():
    h = chain()
    blame = unit_blame(h, "8.5")
    assert blame is not None
    assert "".join(s.text for s in blame.caption) == "8.5 LIMITATION ON SECURITY INTERESTS."
    assert {who(s) for s in blame.caption} == {("amendment-no-2", "Section 4")}
    spans = body_spans(h, "8.5")
    assert "".join(s.text for s in spans) == SECTION_8_5
    assert {who(s) for s in spans} == {("amendment-no-2", "Section 4")}
    assert unit_blame(h, "8.5", 1) is None  # not yet in the agreement as amended by No. 1


def test_a_restated_definition_is_wholly_the_restating_amendments():
    spans = body_spans(chain(), "definition:Required Holders")
    assert "".join(s.text for s in spans) == REQUIRED_HOLDERS
    assert {who(s) for s in spans} == {("amendment-no-2", "Section 3")}


def test_a_deletion_is_an_empty_span_where_the_words_stood():
    h = chain()
    for spans in (body_spans(h, "recitals(a)"), *unit_blame(h, "recitals(a)").paragraphs):
        spans = list(spans)
        empty = [i for i, s in enumerate(spans) if not s.text and s.change is not None]
        assert len(empty) == 1, spans
        i = empty[0]
        assert who(spans[i]) == ("amendment-no-1", "Section 1")
        before = "".join(s.text for s in spans[:i])
        after = "".join(s.text for s in spans[i + 1 :])
        assert flat(before).endswith("Senior Secured Notes due 2005")
        assert flat(after) == "and"
        assert all(s.change is None for s in spans if s.text)
    # The deleted words are gone from the text the spans spell.
    text = "".join(s.text for s in body_spans(h, "recitals(a)"))
    assert '(the "NOTES")' not in text


def test_show_blame_json_spans_spell_the_shown_text(chain_project):
    blamed = invoke("show", ID, "--section", "13.4", "--blame", "--format", "json")
    shown = invoke("show", ID, "--section", "13.4", "--format", "json")
    assert_ok(blamed)
    assert_ok(shown)
    data = json.loads(blamed.stdout)
    text = json.loads(shown.stdout)["text"]
    assert "".join(s["text"] for s in data["spans"]) == text
    assert {s["version"] for s in data["spans"]} == {"original", "amendment-no-1", "amendment-no-2"}
    counterpart = [s for s in data["spans"] if s["text"] == " " + NEW_2A]
    assert len(counterpart) == 1
    assert counterpart[0]["version"] == "amendment-no-2"
    assert counterpart[0]["source"] == "Section 2(a)"


# --- 3. --through and --as-of -----------------------------------------------------------------


def _13_4(history) -> str:
    from agreement.address import resolve

    root = history.latest.agreement.root
    return body_text(at(root, resolve(root, "13.4")))


@pytest.mark.parametrize(
    "spec, ids",
    [
        ("original", []),
        ("amendment-no-1", ["amendment-no-1"]),
        ("1", ["amendment-no-1"]),
        (str(SEED_FILE), ["amendment-no-1"]),
        ("amendment-no-2", ["amendment-no-1", "amendment-no-2"]),
        ("2", ["amendment-no-1", "amendment-no-2"]),
    ],
)
def test_through_names_a_version_by_id_number_or_file(spec, ids):
    h = chain()
    through = cut(h, through=spec)
    assert [a.id for a in through.amendments] == ids
    assert version_index(h, spec) == len(ids)
    text = _13_4(through)
    if not ids:
        assert text == flat(_original_13_4())
    elif ids == ["amendment-no-1"]:
        assert S3A in text and OLD_2B in text and NEW_2A not in text
    else:
        assert NEW_2A in text and NEW_2B in text and OLD_2A not in text


@pytest.mark.parametrize(
    "through",
    ["original", "amendment-no-1", "1", "amendments/symphony-exchange/001-amendment-no-1.yaml"],
)
def test_through_on_the_command_line(chain_project, through):
    result = invoke("show", ID, "--section", "13.4", "--through", through, "--format", "json")
    assert_ok(result)
    text = json.loads(result.stdout)["text"]
    if through == "original":
        assert text == flat(_original_13_4())
    else:
        assert S3A in text and S3B in text and S3C in text  # No. 1's words, as it wrote them
        assert NEW_2A not in text and NEW_2B not in text
    shown = invoke("show", ID, "--section", "8.3", "--through", through)
    assert_ok(shown)
    assert "LIMITATION ON ADDITIONAL NOTES" in shown.stdout and "[Reserved]" not in shown.stdout


def test_as_of_after_dated_but_before_effective_leaves_amendment_no_2_out(chain_project):
    # Dated June 30, 2004 but effective July 15, 2004: on July 1 it is not yet in effect.
    h = chain()
    between = cut(h, as_of=date(2004, 7, 1))
    assert [a.id for a in between.amendments] == ["amendment-no-1"]
    result = invoke("show", ID, "--section", "13.4", "--as-of", "2004-07-01", "--format", "json")
    assert_ok(result)
    text = json.loads(result.stdout)["text"]
    assert S3A in text and NEW_2A not in text
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and A2 in notes[0], result.stderr
    assert A1 not in result.stderr
    applied = invoke("apply", ID, "--as-of", "July 1, 2004")
    assert_ok(applied)
    assert A2 not in applied.stdout and A2 in applied.stderr


@pytest.mark.parametrize("when", ["2004-07-15", "2004-08-01", "January 1, 2010"])
def test_as_of_on_or_after_the_effective_date_includes_both(chain_project, when):
    result = invoke("show", ID, "--section", "13.4", "--as-of", when, "--format", "json")
    assert_ok(result)
    data = json.loads(result.stdout)
    assert NEW_2A in data["text"] and NEW_2B in data["text"]
    assert "left out" not in result.stderr
    h = chain()
    parsed = {"2004-07-15": date(2004, 7, 15), "2004-08-01": date(2004, 8, 1), "January 1, 2010": date(2010, 1, 1)}
    assert [a.id for a in cut(h, as_of=parsed[when]).amendments] == ["amendment-no-1", "amendment-no-2"]


def test_as_of_before_the_agreement_is_a_usage_error(chain_project):
    with pytest.raises(UsageError):
        cut(chain(), as_of=date(2003, 1, 29))
    assert_usage(invoke("apply", ID, "--as-of", "2003-01-29"))
    assert_usage(invoke("show", ID, "--section", "13.4", "--as-of", "January 29, 2003"))


def test_through_and_as_of_together_is_a_usage_error(chain_project):
    with pytest.raises(UsageError):
        cut(chain(), through="1", as_of=date(2004, 8, 1))
    assert_usage(invoke("apply", ID, "--through", "1", "--as-of", "2004-08-01"))


@pytest.mark.parametrize("bad", ["2004-13-01", "2004-02-30", "next tuesday", "July 45, 2004"])
def test_a_bad_as_of_date_is_a_usage_error(chain_project, bad):
    assert_usage(invoke("apply", ID, "--as-of", bad))


BASE = """\
id: x
title: Test Agreement
date: 2001-01-01
sections:
  - number: "1"
    heading: ONE
    text: Alpha bravo charlie.
  - number: "2"
    heading: TWO
    text: Delta echo foxtrot.
"""


def _late_first(sequence: int, dated: str, effective: str | None, sentence: str) -> str:
    eff = f"effective: {effective}\n" if effective else ""
    return (
        f"id: am-{sequence}\ntitle: Amendment No. {sequence}\namends: x\nsequence: {sequence}\n"
        f"dated: {dated}\n{eff}changes:\n"
        f"  - {{source: Section 1, op: append_sentence, unit: '2', text: {sentence}}}\n"
    )


def _out_of_order():
    base = read_agreement(SourceText("x.yaml", BASE))
    # Amendment No. 1 comes first in sequence but takes effect only on June 1, 2002;
    # Amendment No. 2 takes effect on its date, March 1, 2002.
    one = read_amendment(SourceText("1.yaml", _late_first(1, "2002-01-01", "2002-06-01", "Golf hotel.")))
    two = read_amendment(SourceText("2.yaml", _late_first(2, "2002-03-01", None, "India juliet.")))
    return base, one, two


def test_as_of_between_out_of_order_effective_dates_applies_only_the_one_in_effect():
    base, one, two = _out_of_order()
    h = apply(base, [two, one])  # given out of order: applied by sequence all the same
    assert [a.id for a in h.amendments] == ["am-1", "am-2"]
    assert _text(h, "2") == "Delta echo foxtrot. Golf hotel. India juliet."
    between = cut(h, as_of=date(2002, 4, 1))
    assert [a.id for a in between.amendments] == ["am-2"]
    alone = apply(base, [two])
    assert _text(between, "2") == _text(alone, "2") == "Delta echo foxtrot. India juliet."
    assert between.latest.agreement.root == alone.latest.agreement.root
    after = cut(h, as_of=date(2002, 7, 1))
    assert [a.id for a in after.amendments] == ["am-1", "am-2"]
    assert _text(after, "2") == "Delta echo foxtrot. Golf hotel. India juliet."
    before = cut(h, as_of=date(2002, 2, 1))
    assert before.amendments == ()
    assert _text(before, "2") == "Delta echo foxtrot."


def test_as_of_between_out_of_order_effective_dates_on_the_command_line(tmp_path):
    (tmp_path / "x.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "1.yaml").write_text(_late_first(1, "2002-01-01", "2002-06-01", "Golf hotel."), encoding="utf-8")
    (tmp_path / "2.yaml").write_text(_late_first(2, "2002-03-01", None, "India juliet."), encoding="utf-8")
    files = [str(tmp_path / n) for n in ("x.yaml", "1.yaml", "2.yaml")]
    result = invoke("show", *files, "--section", "2", "--as-of", "2002-04-01", "--format", "json")
    assert_ok(result)
    assert json.loads(result.stdout)["text"] == "Delta echo foxtrot. India juliet."
    assert "Amendment No. 1" in result.stderr and "Amendment No. 2" not in result.stderr


def _text(history, address: str) -> str:
    from agreement.address import resolve

    root = history.latest.agreement.root
    return body_text(at(root, resolve(root, address)))


# --- 4. history -------------------------------------------------------------------------------

# Counted from the amendments' words, a unit once for each change that touched it.
# Amendment No. 1: Section 1 amends clause (a) of the recitals (1 modified); Section 2
# deletes three definitions (3 deleted) and adds three in lieu (3 added); Sections
# 3(a), 3(b) and 3(c) each amend Section 13.4 (3 modified): 4 modified in all.
# Amendment No. 2: Section 1 reserves 8.3 (1 reserved); Sections 2(a) and 2(b) amend
# 13.4 (2 modified); Section 3 restates "Required Holders" (1 modified); Section 4 adds
# Section 8.5 (1 added).
COUNTS = [
    {"added": 3, "deleted": 3, "modified": 4},
    {"added": 1, "modified": 3, "reserved": 1},
]
SOURCES = [
    ["Section 1", "Section 2", "Section 2", "Section 3(a)", "Section 3(b)", "Section 3(c)"],
    ["Section 1", "Section 2(a)", "Section 2(b)", "Section 3", "Section 4"],
]
NOTES = [
    [
        ("Section 4", "consent"),
        ("Section 5.1", "representation"),
        ("Section 5.2", "ratification"),
        ("Section 5.3", "representation"),
        ("Section 5.4", "representation"),
        ("Section 6", "other"),
        ("Section 7", "counterparts"),
        ("Section 8", "governing-law"),
    ],
    [("Section 5", "ratification"), ("Section 6", "condition")],
]
LINEAGE_13_4 = [
    ("amendment-no-1", "Section 3(a)"),
    ("amendment-no-1", "Section 3(b)"),
    ("amendment-no-1", "Section 3(c)"),
    ("amendment-no-2", "Section 2(a)"),
    ("amendment-no-2", "Section 2(b)"),
]


def test_timeline_lists_each_amendment_in_sequence_with_dates_counts_and_notes():
    entries = timeline(chain())
    assert [e.amendment.id for e in entries] == ["amendment-no-1", "amendment-no-2"]
    one, two = (e.amendment for e in entries)
    assert (one.dated, one.date, one.effective) == (A1_DATED, date(2002, 2, 21), None)
    assert (two.dated, two.date, two.effective) == (A2_DATED, date(2004, 6, 30), date(2004, 7, 15))
    assert [e.counts for e in entries] == COUNTS
    assert [[s.applied.change.source for s in e.steps] for e in entries] == SOURCES
    assert [[(n.source, n.kind.value) for n in e.amendment.notes] for e in entries] == NOTES


def test_lineage_of_13_4_is_the_five_changes_that_wrote_its_words():
    h = chain()
    steps = lineage(h, "13.4")
    assert [(s.applied.amendment.id, s.applied.change.source) for s in steps] == LINEAGE_13_4
    assert all(s.kind == "modified" for s in steps)
    added = lineage(h, "8.5")
    assert [(s.applied.amendment.id, s.applied.change.source, s.kind) for s in added] == [
        ("amendment-no-2", "Section 4", "added")
    ]
    assert lineage(h, "13.5") == []


def test_history_on_the_command_line(chain_project):
    result = invoke("history", ID)
    assert_ok(result)
    out = result.stdout
    i1, i2 = out.index(f"1. {A1} (amendment-no-1)"), out.index(f"2. {A2} (amendment-no-2)")
    assert i1 < i2
    one, two = out[i1:i2], out[i2:]
    assert f"dated as of {A1_DATED} (before the agreement it amends)" in one
    assert f"dated as of {A2_DATED}; effective July 15, 2004" in two
    assert "before the agreement" not in two
    assert "units changed: 3 added, 3 deleted, 4 modified" in one
    assert "units changed: 1 added, 3 modified, 1 reserved" in two
    for block, notes in ((one, NOTES[0]), (two, NOTES[1])):
        for source, kind in notes:
            assert f"{source} ({kind}):" in block


def test_history_of_a_section_on_the_command_line(chain_project):
    result = invoke("history", ID, "--section", "13.4")
    assert_ok(result)
    steps = [line.strip() for line in result.stdout.split("Section 13.4:\n", 1)[1].splitlines() if line.strip()]
    titles = {"amendment-no-1": A1, "amendment-no-2": A2}
    assert [s.split(":", 1)[0] for s in steps] == [f"{titles[a]}, {src}" for a, src in LINEAGE_13_4]
    result = invoke("history", ID, "--section", "8.5")
    assert_ok(result)
    steps = [line.strip() for line in result.stdout.split("Section 8.5:\n", 1)[1].splitlines() if line.strip()]
    assert len(steps) == 1 and steps[0].startswith(f"{A2}, Section 4:") and "added" in steps[0]


def test_history_json(chain_project):
    result = invoke("history", ID, "--format", "json")
    assert_ok(result)
    data = json.loads(result.stdout)
    assert data["schema"] == "agreement.history/1"
    assert data["agreement"]["date"] == "2003-01-30"
    ams = data["amendments"]
    assert [a["id"] for a in ams] == ["amendment-no-1", "amendment-no-2"]
    assert [a["sequence"] for a in ams] == [1, 2]
    assert [(a["dated"], a["date"], a["effective"]) for a in ams] == [
        (A1_DATED, "2002-02-21", None),
        (A2_DATED, "2004-06-30", "2004-07-15"),
    ]
    assert [a["dated_before_the_agreement"] for a in ams] == [True, False]
    assert [a["counts"] for a in ams] == COUNTS
    assert [[c["source"] for c in a["changes"]] for a in ams] == SOURCES
    assert [[(n["source"], n["kind"]) for n in a["notes"]] for a in ams] == NOTES
    lineage_json = json.loads(invoke("history", ID, "--section", "13.4", "--format", "json").stdout)
    assert lineage_json["schema"] == "agreement.history/1"
    assert [(s["amendment"], s["source"]) for s in lineage_json["lineage"]] == LINEAGE_13_4


# --- 5. annotated copies ----------------------------------------------------------------------

VERBS = r"(?:Amended and restated|Amended|Added|Deleted) by"
TEXT_NOTE = re.compile(rf" \[{VERBS} [^\]]*\]")
MARKDOWN_NOTE = re.compile(rf" \*\\\[{VERBS} [^\]]*\\\]\*")
MARKER = re.compile(r"\[(\d+)\]")
MARKS = re.compile(r"[{}]")  # where an amended stretch begins and ends (the example has no braces of its own)
HTML_NOTE = re.compile(r'\s?<span class="note">[^<]*</span>')
THROUGH = f"Conformed through {A2}, dated as of {A2_DATED}"

# Every instruction that wrote or deleted words of the conformed copy, and its note.
EXPECTED_NOTES = {
    f"Amended by {A1}, Section 1, dated as of {A1_DATED}",  # words deleted from recitals (a)
    f"Added by {A1}, Section 2, dated as of {A1_DATED}",  # the three new definitions
    f"Amended by {A1}, Section 3(a), dated as of {A1_DATED}",
    f"Amended by {A1}, Section 3(b), dated as of {A1_DATED}",
    f"Amended by {A1}, Section 3(c), dated as of {A1_DATED}",
    f"Deleted by {A2}, Section 1, dated as of {A2_DATED}",  # 8.3, leaving [Reserved]
    f"Amended by {A2}, Section 2(a), dated as of {A2_DATED}",
    f"Amended by {A2}, Section 2(b), dated as of {A2_DATED}",
    f"Amended and restated by {A2}, Section 3, dated as of {A2_DATED}",
    f"Added by {A2}, Section 4, dated as of {A2_DATED}",
}


def _apply(*args: str) -> str:
    result = invoke("apply", ID, *args)
    assert_ok(result)
    return result.stdout


def test_annotated_text_without_its_notes_is_the_conformed_copy(chain_project):
    annotated = _apply("--annotate")
    first, rest = annotated.split("\n", 1)
    assert first == THROUGH
    assert TEXT_NOTE.search(rest)
    assert MARKS.sub("", TEXT_NOTE.sub("", rest)) == _apply()


def test_annotated_markdown_without_its_notes_is_the_conformed_copy(chain_project):
    annotated = _apply("--annotate", "--format", "markdown")
    plain = _apply("--format", "markdown")
    lines = annotated.split("\n")
    through = [i for i, line in enumerate(lines) if THROUGH in line]
    assert len(through) == 1
    assert annotated.index(THROUGH) < annotated.index("THIS SECURITIES EXCHANGE AGREEMENT")
    del lines[through[0]]
    if through[0] < len(lines) and lines[through[0]] == "" and (through[0] == 0 or lines[through[0] - 1] == ""):
        del lines[through[0]]  # the opening line is a paragraph of its own
    rest = "\n".join(lines)
    assert MARKDOWN_NOTE.search(rest)
    assert MARKS.sub("", MARKDOWN_NOTE.sub("", rest)) == plain


@pytest.mark.parametrize("args", [["--through", "1"], ["--as-of", "2004-07-01"]])
def test_an_annotated_copy_of_an_earlier_version_says_how_far_it_is_conformed(chain_project, args):
    annotated = _apply("--annotate", *args)
    first, rest = annotated.split("\n", 1)
    assert first == f"Conformed through {A1}, dated as of {A1_DATED}"
    assert A2 not in rest
    assert MARKS.sub("", TEXT_NOTE.sub("", rest)) == _apply(*args)


def test_every_instruction_that_wrote_words_has_its_note(chain_project):
    notes = set(re.findall(rf"\[({VERBS} [^\]]*)\]", _apply("--annotate")))
    assert notes == EXPECTED_NOTES
    h = chain()
    for version in h.versions[1:]:
        for applied in version.applied:
            cite = f"{applied.amendment.title}, {applied.change.source}, dated as of {applied.amendment.dated}"
            assert any(n.endswith(cite) for n in notes), cite


def test_an_instruction_that_deleted_a_whole_unit_has_a_deleted_by_note(tmp_path):
    agreement = tmp_path / "x.yaml"
    agreement.write_text(
        BASE.replace("text: Delta echo foxtrot.\n", "text: Delta echo foxtrot.\n    definitions:\n")
        + "      - '\"GOLF\" means hotel.'\n      - '\"INDIA\" means juliet.'\n"
        + '  - number: "3"\n    heading: THREE\n    text: Kilo lima mike.\n',
        encoding="utf-8",
    )
    amendment = tmp_path / "1.yaml"
    amendment.write_text(
        "id: am-1\ntitle: Amendment No. 1\namends: x\nsequence: 1\ndated: March 1, 2002\nchanges:\n"
        "  - {source: Section 1, op: delete_unit, unit: '3'}\n"
        "  - {source: Section 2, op: delete_definitions, unit: '2', terms: [Golf]}\n",
        encoding="utf-8",
    )
    plain = invoke("apply", str(agreement), str(amendment))
    assert_ok(plain)
    assert "Kilo" not in plain.stdout and "GOLF" not in plain.stdout  # both deleted
    result = invoke("apply", str(agreement), str(amendment), "--annotate")
    assert_ok(result)
    assert "Deleted by Amendment No. 1, Section 1, dated as of March 1, 2002" in result.stdout
    assert "Deleted by Amendment No. 1, Section 2, dated as of March 1, 2002" in result.stdout


def _footnoted(out: str) -> tuple[str, dict[int, str]]:
    body, listing = out.rsplit("\nNOTES\n", 1)
    notes: dict[int, str] = {}
    for line in listing.strip("\n").splitlines():
        m = re.fullmatch(r"\[(\d+)\] (.+)", line)
        assert m, line
        assert int(m.group(1)) not in notes
        notes[int(m.group(1))] = m.group(2)
    return body, notes


def test_footnotes_number_every_note_once_and_list_it_at_the_end(chain_project):
    out = _apply("--annotate", "--footnotes")
    first, rest = out.split("\n", 1)
    assert first == THROUGH
    body, notes = _footnoted(rest)
    assert sorted(notes) == list(range(1, len(notes) + 1))
    assert len(set(notes.values())) == len(notes), "one number a note"
    markers = [int(n) for n in MARKER.findall(body)]
    assert set(markers) == set(notes)
    assert len(markers) > len(notes)  # "Added by ... Section 2" marks three definitions
    # Each marker stands for the very note the bracketed copy prints at that place.
    bracketed = re.findall(rf"\[({VERBS} [^\]]*)\]", _apply("--annotate"))
    assert [notes[n].rstrip(".") for n in markers] == bracketed
    assert MARKS.sub("", MARKER.sub("", body)).rstrip("\n") == _apply().rstrip("\n")


def test_markdown_footnotes(chain_project):
    out = _apply("--annotate", "--footnotes", "--format", "markdown")
    defs = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", out, re.M))
    body = re.sub(r"^\[\^\d+\]: .+$", "", out, flags=re.M)
    markers = re.findall(r"\[\^(\d+)\]", body)
    assert markers and set(markers) == set(defs)
    assert {d.rstrip(".") for d in defs.values()} == EXPECTED_NOTES


class _Blocks(HTMLParser):
    """The visible text of each block of a page, notes and footnote marks left out."""

    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.notes: list[str] = []
        self._buf: list[str] | None = None
        self._skip: list[str] = []  # open tags whose text is a note
        self._note: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "style":
            self._in_style = True
        if self._skip:
            if tag == self._skip[-1][0]:
                self._skip.append((tag, False))
            return
        if (tag == "span" and "note" in cls.split()) or tag == "sup" or (tag == "ol" and "note" in cls.split()):
            self._skip.append((tag, True))
            self._note = []
            return
        if tag in self.BLOCK:
            self._buf = []
        elif tag == "br" and self._buf is not None:
            self._buf.append("\n")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if self._skip:
            if tag == self._skip[-1][0]:
                _, outer = self._skip.pop()
                if outer and not self._skip:
                    self.notes.append("".join(self._note))
            return
        if tag in self.BLOCK and self._buf is not None:
            self.blocks.append("".join(self._buf))
            self._buf = None

    def handle_data(self, data):
        if self._in_style:
            return
        if self._skip:
            self._note.append(data)
        elif self._buf is not None:
            self._buf.append(data)


def _html_blocks(page: str) -> tuple[list[str], list[str]]:
    p = _Blocks()
    p.feed(page)
    p.close()
    return [" ".join(b.split()) for b in p.blocks], p.notes


def test_annotated_html_is_the_conformed_copy_with_notes_and_self_contained(chain_project):
    plain, _ = _html_blocks(_apply("--format", "html"))
    page = _apply("--annotate", "--format", "html")
    _, notes = _html_blocks(page)
    assert {unescape(n).strip("[]") for n in notes} == EXPECTED_NOTES
    stripped = MARKS.sub("", HTML_NOTE.sub("", page.split("<body", 1)[1]))
    assert "[Amended" not in stripped
    blocks, _ = _html_blocks(stripped)
    opening = [i for i, b in enumerate(blocks) if THROUGH in b]
    assert len(opening) == 1
    assert blocks.index(next(b for b in blocks if b.startswith("THIS SECURITIES"))) > opening[0]
    blocks[opening[0]] = " ".join(blocks[opening[0]].replace(THROUGH, "", 1).split())
    blocks = [b for i, b in enumerate(blocks) if b or i != opening[0]]  # the opening may stand alone
    assert blocks == plain
    _self_contained(page)


def test_html_footnotes_link_every_mark_to_its_note(chain_project):
    page = _apply("--annotate", "--footnotes", "--format", "html")
    _self_contained(page)
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert targets and targets <= ids
    listed = re.findall(r"<li[^>]*>(.*?)</li>", page, re.S)
    assert {unescape(t).rstrip(".") for t in listed} == EXPECTED_NOTES


def _self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", page, re.I)
    assert "<link" not in page.lower()


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join(unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))) for p in paragraphs)


@pytest.mark.parametrize("footnotes", [False, True])
def test_annotated_docx_carries_the_notes(chain_project, tmp_path, footnotes):
    target = tmp_path / "annotated.docx"
    args = ["--annotate", "--format", "docx", "-o", str(target)] + (["--footnotes"] if footnotes else [])
    _apply(*args)
    data = target.read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(data))
    text = _docx_text(data)
    assert THROUGH in text
    assert text.index(THROUGH) < text.index("THIS SECURITIES EXCHANGE AGREEMENT")
    for note in EXPECTED_NOTES:
        assert note in text, note
    assert flat(REQUIRED_HOLDERS) in text and SECTION_8_5 in text


def test_footnotes_without_annotate_is_a_usage_error(chain_project):
    assert_usage(invoke("apply", ID, "--footnotes"))


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_annotate_in_a_data_format_is_a_usage_error(chain_project, fmt):
    assert_usage(invoke("apply", ID, "--annotate", "--format", fmt))


def test_blame_follows_a_recital_when_one_is_added_before_it():
    # recitals are addressed by place: after the addition, the recital Sections 1 and 2
    # amended as "recitals[3]" is "recitals[4]", and "recitals[3]" is the one Section 3 amended
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
        "  - {source: Section 2, op: replace_words, unit: 'recitals[3]', words: one, with: two}\n"
        "  - {source: Section 3, op: replace_words, unit: 'recitals[2]', words: beta beta beta, with: beta prime}\n"
        "  - {source: Section 4, op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
    )

    def credited(address: str) -> list[tuple[str, str | None]]:
        spans = body_spans(h, address)
        return [(s.text, s.change.change.source if s.change else None) for s in spans if s.text]

    # a space goes with the words after it
    assert credited("recitals[4]") == [("WHEREAS,", None), (" gamma", "Section 1"), (" two", "Section 2"), (";", None)]
    assert credited("recitals[3]") == [("WHEREAS,", None), (" beta prime", "Section 3"), (";", None)]
    assert credited("recitals[2]") == [("WHEREAS, delta delta;", "Section 4")]
    assert credited("recitals[1]") == [("WHEREAS, alpha alpha alpha;", None)]


def test_the_lineage_of_a_recital_is_its_own_changes_not_those_of_its_place():
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
        "  - {source: Section 2, op: replace_words, unit: 'recitals[3]', words: one, with: two}\n"
        "  - {source: Section 3, op: replace_words, unit: 'recitals[2]', words: beta beta beta, with: beta prime}\n"
        "  - {source: Section 4, op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
        "  - {source: Section 5, op: delete_unit, unit: 'recitals[1]'}\n"
    )

    def changes(address: str) -> list[tuple[str | None, str]]:
        return [(s.applied.change.source, s.kind) for s in lineage(h, address)]

    # after Section 5, gamma is the third recital, beta the second, delta the first
    assert changes("recitals[3]") == [("Section 1", "modified"), ("Section 2", "modified")]
    assert changes("recitals[2]") == [("Section 3", "modified")]
    assert changes("recitals[1]") == [("Section 4", "added")]


def test_an_annotated_copy_notes_a_deleted_recital_where_it_stood():
    # the next recital takes the deleted one's place ("recitals[1]"): that is not the
    # deleted recital come back, and the note stands before the recitals that remain
    from agreement.analyses.annotate import annotated
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
        "  - {source: Section 5, op: delete_unit, unit: 'recitals[1]'}\n"
    )
    blocks = ["".join(p.text + (f" [{p.note}]" if p.note else "") for p in pieces) for _, pieces in annotated(h)]
    deleted = next(i for i, b in enumerate(blocks) if b.startswith("[The first recital deleted]"))
    assert "Deleted by Amendment No. 1, Section 5" in blocks[deleted]
    assert deleted == 0  # the agreement has no preamble: the recitals come first
    assert blocks[1:3] == [
        "WHEREAS, beta beta beta;",
        "WHEREAS, gamma one [Amended by Amendment No. 1, Section 1, dated as of February 21, 2004];",
    ]


def test_blame_of_a_definition_whose_term_a_change_renamed_in_every_paragraph():
    # the operation files the later paragraphs' edits under the new term's address
    base = read_agreement(
        SourceText(
            "a.yaml",
            "id: a\ntitle: T\ndate: 2001-01-01\nsections:\n"
            '  - number: "1"\n    heading: DEFINITIONS\n    definitions:\n      - term: GIZMO\n        text: |\n'
            '          "GIZMO" means a thing.\n\n          Each GIZMO is a GIZMO of ours.\n'
            '  - number: "2"\n    heading: H\n    text: The GIZMO shall be delivered.\n',
        )
    )
    renamed = read_amendment(
        SourceText(
            "1.yaml",
            "id: am-1\ntitle: Amendment No. 1\namends: a\nsequence: 1\ndated: 2002-01-01\nchanges:\n"
            "  - {source: S1, op: replace_references, words: GIZMO, with: WIDGET, inside_names: replace}\n",
        )
    )
    h = apply(base, [renamed])
    spans = body_spans(h, "definition:WIDGET")
    assert "".join(s.text for s in spans) == body_text(
        at(h.latest.agreement.root, resolve_address(h, "definition:WIDGET"))
    )
    assert [s.text.strip() for s in spans if s.change is not None] == ["WIDGET", "WIDGET", "WIDGET"]


def resolve_address(h, address: str):
    from agreement.address import resolve

    return resolve(h.latest.agreement.root, address)


def test_the_lineage_of_a_recital_amended_and_then_deleted_lists_both():
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: S1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
        "  - {source: S2, op: delete_unit, unit: 'recitals[3]'}\n"
    )
    assert [(s.applied.change.source, s.kind) for s in lineage(h, "recitals[3]")] == [
        ("S1", "modified"),
        ("S2", "deleted"),
    ]


def test_two_recitals_deleted_from_one_place_are_noted_in_the_order_they_stood():
    from agreement.analyses.annotate import annotated
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: S1, op: delete_unit, unit: 'recitals[1]'}\n  - {source: S2, op: delete_unit, unit: 'recitals[1]'}\n"
    )
    notes = [pieces[0].note for block, pieces in annotated(h) if block is None]
    assert [n.split(", dated")[0] for n in notes] == [
        "Deleted by Amendment No. 1, S1",
        "Deleted by Amendment No. 1, S2",
    ]


def test_blame_credits_whole_words_when_new_words_begin_like_old_ones():
    # after S1, "bravo1 bravo5": deleting "bravo1" leaves texts that share "bravo" past
    # the deletion's start; the deletion is "bravo1 ", and "bravo5" stays S1's
    from tests.unit.test_redline import toy_amended

    h = toy_amended(
        "  - {source: S1, op: replace_words, unit: 'recitals[1]', words: alpha alpha alpha, with: bravo1 bravo5}\n"
        "  - {source: S2, op: delete_words, unit: 'recitals[1]', words: bravo1}\n"
        "  - {source: S3, op: insert_words, unit: 'recitals[2]', after: 'WHEREAS,', text: beta9}\n"
    )
    credited = [(s.text, s.change.change.source if s.change else None) for s in body_spans(h, "recitals[1]") if s.text]
    assert credited == [("WHEREAS,", None), (" bravo5", "S1"), (";", None)]
    credited = [(s.text, s.change.change.source if s.change else None) for s in body_spans(h, "recitals[2]") if s.text]
    assert credited == [("WHEREAS,", None), (" beta9", "S3"), (" beta beta beta;", None)]


def test_the_lineage_of_a_recitals_clause_follows_the_clause_when_its_short_address_changes_meaning():
    # two recitals with an (a) each: "recitals[2](a)"; the first recital deleted, the
    # second's (a) is "recitals(a)", an address that named no single clause before
    from tests.unit.test_redline import TOY, toy_amended

    clauses = TOY.replace(
        "  - WHEREAS, alpha alpha alpha;\n  - WHEREAS, beta beta beta;\n",
        "  - text: WHEREAS, alpha\n    clauses: [{number: '(a)', text: 'one;'}]\n"
        "  - text: WHEREAS, beta\n    clauses: [{number: '(a)', text: 'two;'}]\n",
    )
    h = toy_amended(
        "  - {source: S1, op: replace_words, unit: 'recitals[2](a)', words: two, with: three}\n"
        "  - {source: S2, op: delete_unit, unit: 'recitals[1]'}\n",
        agreement=clauses,
    )
    assert [(s.applied.change.source, s.kind) for s in lineage(h, "recitals(a)")] == [("S1", "modified")]


def test_an_annotated_stretch_is_marked_where_it_begins_as_well_as_where_it_ends(chain_project):
    # Amendment No. 2 rewrote words in the middle of what Amendment No. 1 inserted into 13.4:
    # a reader must see where each amendment's words begin, not only where they end
    section = next(p for p in _apply("--annotate").split("\n\n") if p.startswith("13.4 "))
    assert (
        "unless and until} [Amended by Amendment No. 1 to Securities Exchange Agreement, Section 3(a), "
        "dated as of February 21, 2002] {an executed counterpart thereof} [Amended by Amendment No. 2 "
    ) in section
    assert "the Required Holders{, and no such change" in section
    # every opening mark is closed before the next opens, and each close is followed by its note
    assert re.fullmatch(r"[^{}]*(?:\{[^{}]*\} \[[^\]]*\][^{}]*)*", section)
