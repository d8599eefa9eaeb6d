"""Redlines: word-level, attributed, and faithful: in every format that can be read
back, accepting every change gives the newer text and rejecting every change the older."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement import conform
from agreement.analyses.redline import DELETE, INSERT, redline
from agreement.analyses.select import ConformedCopy
from agreement.engine import apply
from agreement.model import Kind
from agreement.readers.yaml import SourceText, read_agreement, read_amendment
from agreement.writers import docx, jsonfmt, markdown, text
from tests.support import readers

ROOT = Path(__file__).resolve().parents[2]


def seed_history():
    """The seed case: the agreement and its Amendment No. 1 only."""
    return conform(
        str(ROOT / "agreements" / "symphony-exchange.yaml"),
        [str(ROOT / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml")],
    )


def version_blocks(history, index: int, writer=text) -> list[str]:
    """The body paragraphs of a version as `apply` prints them (the header left out)."""
    amendments = tuple(v.amendment for v in history.versions[1 : index + 1] if v.amendment)
    out = writer.render_document(ConformedCopy(history.versions[index].agreement, amendments))
    skip = 1 if writer is text else 2
    pieces = out.rstrip("\n").split("\n\n", skip)
    return readers.blocks(pieces[skip]) if len(pieces) > skip else []


# --- the seed, by the amendment's own words ---------------------------------------------------


def test_the_seed_redline_shows_each_instruction_where_it_acted():
    r = redline(seed_history())
    by_unit = {u.address: u for u in r.changed}
    assert set(by_unit) == {
        "recitals[2]",
        "definition:FISCAL AGENCY AGREEMENT",
        "definition:NOTES",
        "definition:WARRANT AGREEMENT",
        "13.4",
    }
    recital = by_unit["recitals[2]"]
    deleted = [s for s in recital.segments if s.op == DELETE]
    assert [s.text for s in deleted] == [' (the "NOTES")']
    assert deleted[0].change.change.source == "Section 1"
    inserted = {s.change.change.source: s.text for s in by_unit["13.4"].segments if s.op == INSERT}
    assert inserted["Section 3(a)"].startswith(", and no such change, waiver, discharge or termination")
    assert inserted["Section 3(b)"].startswith("; PROVIDED, FURTHER, HOWEVER,")
    assert inserted["Section 3(c)"].startswith(" Notwithstanding anything to the contrary")
    assert not [s for s in by_unit["13.4"].segments if s.op == DELETE], "3(a)-(c) only insert"


def test_a_replaced_phrase_is_one_deletion_and_one_insertion_on_word_boundaries():
    r = redline(seed_history())
    notes = next(u for u in r.changed if u.address == "definition:FISCAL AGENCY AGREEMENT")
    edits = [(s.op, s.text) for s in notes.segments if s.op != "equal"]
    assert edits[0] == (DELETE, "Borrower")
    assert edits[1] == (INSERT, "Company")


def test_an_unchanged_sentence_between_two_insertions_stays_unchanged():
    r = redline(seed_history())
    unit = next(u for u in r.changed if u.address == "13.4")
    equal = "".join(s.text for s in unit.segments if s.op == "equal")
    assert "Each Holder shall be bound by any change, waiver, discharge or termination effected" in equal


def test_section_narrows_the_redline_to_one_unit_and_its_parts():
    r = redline(seed_history(), section="13.4")
    assert [u.address for u in r.units] == ["13.4"]
    r = redline(seed_history(), section="1", full=True)
    assert r.units[0].address == "1"
    assert all(u.address == "1" or u.address.startswith("definition:") for u in r.units)


def test_the_same_version_on_both_sides_has_no_changes():
    h = seed_history()
    assert redline(h, 1, 1).changed == ()
    assert redline(h, 0, 0).changed == ()


@pytest.mark.parametrize("writer", [text, markdown, jsonfmt])
def test_every_seed_format_reads_back_to_both_versions(writer):
    h = seed_history()
    check_formats(h, 0, 1)


# --- properties -------------------------------------------------------------------------------

WORDS = [f"{w}{i}" for i, w in enumerate(["alpha", "bravo", "carta", "delta", "ember", "fjord", "gamma"] * 30)]


@st.composite
def histories(draw, recitals: bool = True):
    """A small agreement (with recitals, unless `recitals` is False) and one to three
    amendments of valid changes, applied."""
    pool = iter(WORDS)

    def sentence() -> str:
        n = draw(st.integers(2, 6))
        return " ".join(next(pool) for _ in range(n)).capitalize() + "."

    sections = []
    for i in range(1, draw(st.integers(2, 4)) + 1):
        paras = [" ".join(sentence() for _ in range(draw(st.integers(1, 2)))) for _ in range(draw(st.integers(1, 2)))]
        text = "\n\n".join(paras).replace("\n\n", "\n\n      ")
        sections.append(f'  - number: "{i}"\n    heading: HEADING {i}\n    text: |\n      {text}\n')
    # recitals are addressed by place: adding or deleting one moves the others
    whereas = "".join(f"  - WHEREAS, {sentence()[:-1].lower()};\n" for _ in range(draw(st.integers(0, 3)) * recitals))
    head = "id: a\ntitle: T\ndate: 2001-01-01\n" + (f"recitals:\n{whereas}" if whereas else "")
    base = read_agreement(SourceText("a.yaml", head + "sections:\n" + "".join(sections)))
    amendments = []
    current = base
    for n in range(1, draw(st.integers(1, 3)) + 1):
        changes = []
        for _ in range(draw(st.integers(1, 4))):
            units = [(u.number, u) for u in current.root.children if u.text and u.text != ("[Reserved]",)]
            units += [
                (f"recitals[{k}]", r)
                for part in current.root.children
                if part.kind is Kind.RECITALS
                for k, r in enumerate(part.children, 1)
            ]
            if not units:
                break
            address, unit = draw(st.sampled_from(units))
            words = " ".join(unit.text).replace(".", "").replace(";", "").replace(",", "").split()
            word = draw(st.sampled_from(words))
            kinds = ["replace", "delete", "insert"]
            kinds += ["sentence", "restate", "add", "reserve"] if unit.kind is Kind.SECTION else ["recital", "unrecite"]
            kind = draw(st.sampled_from(kinds))
            fresh = " ".join(next(pool) for _ in range(draw(st.integers(1, 3))))
            if kind == "delete" and len(words) < 2:
                kind = "replace"
            yaml_change = {
                "replace": f"{{op: replace_words, unit: '{address}', words: {word}, with: {fresh}}}",
                "delete": f"{{op: delete_words, unit: '{address}', words: {word}}}",
                "insert": f"{{op: insert_words, unit: '{address}', after: {word}, text: {fresh}}}",
                "sentence": f"{{op: append_sentence, unit: '{address}', text: {fresh.capitalize()}.}}",
                "restate": f"{{op: restate_unit, unit: '{address}', new: {{heading: RESTATED, text: {fresh.capitalize()}.}}}}",
                "add": f"{{op: add_unit, into: document, new: {{number: '{len(current.root.children) + 9}', "
                f"heading: NEW, text: {fresh.capitalize()}.}}}}",
                "reserve": f"{{op: delete_unit, unit: '{address}', reserved: {draw(st.booleans())}}}",
                "recital": f"{{op: add_unit, after: '{address}', new: {{text: 'WHEREAS, {fresh};'}}}}",
                "unrecite": f"{{op: delete_unit, unit: '{address}'}}",
            }[kind]
            changes.append(f"  - {yaml_change}\n")
            trial = read_amendment(SourceText(f"{n}.yaml", _amendment(n, changes)))
            try:
                current = apply(base, [*amendments, trial]).latest.agreement
            except Exception:  # noqa: BLE001 - a generated change that does not apply is dropped
                changes.pop()
        if changes:
            amendments.append(read_amendment(SourceText(f"{n}.yaml", _amendment(n, changes))))
    return apply(base, amendments)


def _amendment(n: int, changes: list[str]) -> str:
    return f"id: am-{n}\ntitle: Amendment No. {n}\namends: a\nsequence: {n}\ndated: 2002-0{n}-01\nchanges:\n" + "".join(
        changes
    )


def check_formats(history, old: int, new: int) -> None:
    r = redline(history, old, new, full=True)
    old_text, new_text = version_blocks(history, old), version_blocks(history, new)

    out = text.render_redline(r, full=True)
    assert readers.text_redline(out, accept=True) == new_text
    assert readers.text_redline(out, accept=False) == old_text

    out = markdown.render_redline(r, full=True)
    assert readers.critic(out, accept=True) == version_blocks(history, new, markdown), out
    assert readers.critic(out, accept=False) == version_blocks(history, old, markdown), out

    data = readers.json_redline(jsonfmt.render_redline(r, full=True))
    olds, news = [], []
    for unit in data["units"]:
        for part in ("caption", "body"):
            # a recital deleted from the older version may share its address (by place) with
            # one of the newer: the unit's status tells them apart
            changes = [
                c
                for c in data["changes"]
                if (c["unit"], c["status"], c["part"]) == (unit["unit"], unit["status"], part)
            ]
            before = unit["old"][part] if unit["old"] else ""
            after = unit["new"][part] if unit["new"] else ""
            assert readers.apply_json_changes(before, changes) == after
        for side, out_list in (("old", olds), ("new", news)):
            if unit[side]:
                caption, body = unit[side]["caption"], unit[side]["body"]
                out_list.extend(readers.blocks(f"{caption} {body}".strip() if caption else body))
    assert olds == old_text
    assert news == new_text

    doc = docx.render_redline(r)
    assert readers.docx_paragraphs(doc, accept=True)[3:] == new_text
    assert readers.docx_paragraphs(doc, accept=False)[3:] == old_text


@settings(max_examples=60)
@given(histories())
def test_accepting_every_change_gives_the_newer_text_and_rejecting_the_older(history):
    last = len(history.versions) - 1
    check_formats(history, 0, last)
    if last >= 2:
        check_formats(history, 1, last)


@settings(max_examples=40)
@given(histories())
def test_every_change_is_attributed_to_an_instruction_in_range(history):
    last = len(history.versions) - 1
    r = redline(history, 0, last)
    in_range = {id(a) for a in r.applied}
    for unit in r.changed:
        for s in unit.segments:
            if s.op != "equal":
                assert s.change is not None and id(s.change) in in_range


@settings(max_examples=40)
@given(histories())
def test_edits_start_and_end_on_word_boundaries(history):
    r = redline(history, 0, len(history.versions) - 1)
    for unit in r.changed:
        segs = unit.body
        for s in segs:
            if s.op == "equal" or not s.text:
                continue
            # the neighbours in the same version: a deletion's are not insertions, and so on
            same = [x for x in segs if x.op in ("equal", s.op)]
            j = next(i for i, x in enumerate(same) if x is s)
            before = same[j - 1].text if j else ""
            after = same[j + 1].text if j + 1 < len(same) else ""
            assert not (before[-1:].isalnum() and s.text[:1].isalnum()), (before[-10:], s.text[:10])
            assert not (s.text[-1:].isalnum() and after[:1].isalnum()), (s.text[-10:], after[:10])


@pytest.mark.parametrize(
    ("old", "new", "merged"),
    [
        # a removed section stands where it stood; one added in the same place follows it
        (["1", "2", "3", "4"], ["1", "3", "3.5", "4"], ["1", "2", "3", "3.5", "4"]),
        (["1", "2", "3"], ["1", "2.5", "3"], ["1", "2", "2.5", "3"]),
        # removed before anything both versions have: first
        (["0", "1"], ["0.5", "1"], ["0", "0.5", "1"]),
        (["1", "2", "3"], ["1"], ["1", "2", "3"]),
        ([], ["1"], ["1"]),
    ],
)
def test_units_of_both_versions_are_read_in_order_with_removed_ones_where_they_stood(old, new, merged):
    from agreement.analyses.redline import _merge

    assert _merge(old, new) == merged


def test_a_deleted_section_is_shown_between_its_neighbours():
    h = three_sections_amended_by("  - {op: delete_unit, unit: '2'}\n")
    r = redline(h)
    assert [(u.address, u.status) for u in r.changed] == [("2", "deleted")]
    full = redline(h, full=True)
    assert [u.address for u in full.units] == ["1", "2", "3"]


def three_sections_amended_by(changes: str):
    sections = "".join(f'  - number: "{i}"\n    heading: H{i}\n    text: Words of section {i}.\n' for i in (1, 2, 3))
    base = read_agreement(SourceText("a.yaml", "id: a\ntitle: T\ndate: 2001-01-01\nsections:\n" + sections))
    return apply(base, [read_amendment(SourceText("1.yaml", _amendment(1, [changes])))])


# --- recitals, which are addressed by place ---------------------------------------------------

TOY = """\
id: toy
title: Toy Agreement
date: 2003-01-30
recitals:
  - WHEREAS, alpha alpha alpha;
  - WHEREAS, beta beta beta;
  - WHEREAS, gamma gamma gamma;
sections:
  - number: "1"
    heading: ONE
    text: The parties agree as follows.
"""


def toy_amended(changes: str, agreement: str = TOY):
    amendment = (
        "id: amendment-no-1\ntitle: Amendment No. 1\namends: toy\nsequence: 1\ndated: February 21, 2004\n"
        f"changes:\n{changes}"
    )
    base = read_agreement(SourceText("toy.yaml", agreement))
    return apply(base, [read_amendment(SourceText("1.yaml", amendment))])


def test_a_recital_added_before_amended_ones_leaves_them_paired_with_their_own_words():
    h = toy_amended(
        "  - {source: Section 1, op: replace_words, unit: 'recitals[3]', words: gamma gamma gamma, with: gamma one}\n"
        "  - {source: Section 2, op: replace_words, unit: 'recitals[3]', words: one, with: two}\n"
        "  - {source: Section 3, op: replace_words, unit: 'recitals[2]', words: beta beta beta, with: beta prime}\n"
        "  - {source: Section 4, op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
    )
    r = redline(h)
    by_unit = {u.address: u for u in r.changed}
    assert [(u.address, u.status) for u in r.changed] == [
        ("recitals[2]", "added"),
        ("recitals[3]", "modified"),
        ("recitals[4]", "modified"),
    ]

    def sides(unit):
        old = "".join(s.text for s in unit.segments if s.op != INSERT)
        new = "".join(s.text for s in unit.segments if s.op != DELETE)
        return old, new

    assert sides(by_unit["recitals[3]"]) == ("WHEREAS, beta beta beta;", "WHEREAS, beta prime;")
    assert sides(by_unit["recitals[4]"]) == ("WHEREAS, gamma gamma gamma;", "WHEREAS, gamma two;")
    credited = {(s.op, s.text): s.change.change.source for s in by_unit["recitals[4]"].segments if s.op != "equal"}
    assert credited == {(DELETE, "gamma gamma"): "Section 1", (INSERT, "two"): "Section 2"}
    assert {s.change.change.source for s in by_unit["recitals[3]"].segments if s.op != "equal"} == {"Section 3"}


def test_a_recital_deleted_and_another_added_are_a_deletion_and_an_addition():
    h = toy_amended(
        "  - {op: add_unit, after: 'recitals[3]', new: {text: 'WHEREAS, delta delta;'}}\n"
        "  - {op: delete_unit, unit: 'recitals[1]'}\n"
    )
    r = redline(h, full=True)
    assert [(u.address, u.status) for u in r.units if u.kind is Kind.RECITAL] == [
        ("recitals[1]", "deleted"),  # alpha, where it stood
        ("recitals[1]", "unchanged"),  # beta, now the first
        ("recitals[2]", "unchanged"),
        ("recitals[3]", "added"),
    ]
    check_formats(h, 0, 1)


def test_a_recital_added_and_deleted_again_is_no_change():
    h = toy_amended(
        "  - {op: add_unit, after: 'recitals[1]', new: {text: 'WHEREAS, delta delta;'}}\n"
        "  - {op: delete_unit, unit: 'recitals[2]'}\n"
    )
    assert redline(h).changed == ()
    check_formats(h, 0, 1)  # with --full: the header says "no changes", then the text


def test_a_recitals_own_clauses_follow_it_when_a_recital_is_added_before_it():
    # the clause's short address "recitals(a)" leaves out its recital's place
    toy = TOY.replace(
        "  - WHEREAS, alpha alpha alpha;\n",
        "  - text: 'WHEREAS, alpha alpha'\n    clauses: [{number: '(a)', text: 'delta;'}]\n",
    )
    base = read_agreement(SourceText("toy.yaml", toy))
    amendment = read_amendment(
        SourceText(
            "1.yaml",
            "id: am-1\ntitle: Amendment No. 1\namends: toy\nsequence: 1\ndated: 2004-02-21\nchanges:\n"
            "  - {source: S4, op: restate_unit, unit: 'recitals[1]', new: {text: 'WHEREAS, fjord;'}}\n"
            "  - {source: S5, op: add_unit, before: 'recitals[1]', new: {text: 'WHEREAS, gamma', "
            "clauses: [{number: '(a)', text: 'alpha;'}]}}\n",
        )
    )
    h = apply(base, [amendment])
    r = redline(h, full=True)
    rows = [(u.address, u.status, "".join(s.text for s in u.segments)) for u in r.units if u.address != "1"]
    assert rows[:4] == [
        ("recitals[1]", "added", "WHEREAS, gamma"),
        ("recitals(a)", "added", "(a)alpha;"),
        ("recitals[2]", "modified", "WHEREAS, alpha alphafjord;"),  # [-alpha alpha-]{+fjord+}
        ("recitals(a)", "deleted", "(a)delta;"),  # after its own recital, the restatement took it
    ]
    check_formats(h, 0, 1)


def test_a_clause_added_to_a_run_in_recital_credits_only_its_own_words():
    # the recital is rebuilt around the new clause; its other words keep their authors
    h = conform(
        str(ROOT / "agreements" / "symphony-exchange.yaml"),
        [str(ROOT / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml")],
    )
    later = [
        "id: am-2\ntitle: Amendment No. 2\namends: symphony-exchange\nsequence: 2\ndated: 2004-03-01\nchanges:\n"
        "  - {source: Section 1, op: replace_words, unit: 'recitals(a)', words: '$15,100,000', with: '$16,000,000'}\n",
        "id: am-3\ntitle: Amendment No. 3\namends: symphony-exchange\nsequence: 3\ndated: 2004-04-01\nchanges:\n"
        "  - {source: Section 1, op: add_unit, into: 'recitals[2]', new: {number: '(c)', text: other things}}\n",
    ]
    h = apply(
        h.original.agreement,
        [*h.amendments, *(read_amendment(SourceText(f"{n}.yaml", t)) for n, t in enumerate(later, 2))],
    )
    unit = next(u for u in redline(h, 1, 3).changed if u.address == "recitals[2]")
    credited = {(s.op, s.text): s.change.amendment.id for s in unit.segments if s.op != "equal"}
    assert credited == {
        (DELETE, "$15,100,000"): "am-2",
        (INSERT, "$16,000,000"): "am-2",
        (INSERT, " (c) other things"): "am-3",
    }


# --- the redline and blame give one answer to "who wrote these words" -------------------------


def chain_history():
    return conform(str(ROOT / "agreements" / "symphony-exchange.yaml"), None)


def test_the_redline_credits_inserted_words_as_blame_does():
    # Amendment No. 2 replaced "an executed copy thereof" and "Section 8.3 or Section 8.4
    # hereof" inside words Amendment No. 1 inserted: it wrote those phrases, not "counterpart",
    # "4" and "5"
    r = redline(chain_history(), section="13.4")
    (unit,) = r.changed
    by = [(s.text, s.change.change.source) for s in unit.body if s.op == INSERT]
    assert (" an executed counterpart thereof", "Section 2(a)") in by
    assert (" Section 8.4 or Section 8.5 hereof", "Section 2(b)") in by
    assert not any(source == "Section 2(b)" and text.strip() in {"4", "5"} for text, source in by)


def _credits(history, version: int, unit_redline) -> list[int | None]:
    """Blame's change for each character of the unit's newer body, as ids."""
    from agreement.address import resolve
    from agreement.analyses.blame import part_spans
    from agreement.model import at

    root = history.versions[version].agreement.root
    path = resolve(root, unit_redline.address)
    _, body = part_spans(history, version, path, at(root, path))
    return [id(s.change) if s.change is not None else None for s in body for _ in s.text]


@settings(max_examples=60)
@given(histories())
def test_inserted_words_are_credited_to_the_change_blame_names(history):
    last = len(history.versions) - 1
    r = redline(history, 0, last)
    in_range = {id(a) for a in r.applied}
    for unit in r.changed:
        if unit.status == "deleted":
            continue
        credits = _credits(history, last, unit)
        at_ = 0
        for s in unit.body:
            if s.op == DELETE:
                continue
            if s.op == INSERT:
                named = {c for c in credits[at_ : at_ + len(s.text)] if c in in_range}
                assert named <= {id(s.change)}, (unit.address, s.text)
            at_ += len(s.text)
