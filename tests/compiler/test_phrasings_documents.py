"""Amendment documents in phrasings other hands draft, each compiled against the filed lease
of tests/readers/fixtures/pine-lease.txt and its units compared with text conformed by hand:
the passive voice of leases ("the words X are deleted and the words Y are substituted
therefor"), a new subparagraph "added immediately following subparagraph (b) of Paragraph 4",
edits run on as "(i) ..., (ii) ..., and (iii) ...", references replaced across the lease, the
remaining subparagraphs relettered "accordingly", and a sentence counted after the same
amendment took one away and added another (a finding: before, the later count was taken in
the changed paragraph without one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app

LEASE = Path(__file__).resolve().parents[1] / "readers" / "fixtures" / "pine-lease.txt"

HEAD = """\
                           FIRST AMENDMENT TO LEASE

     THIS FIRST AMENDMENT TO LEASE (this "Amendment") is made as of April 10,
2024, between Pinecrest Plaza Associates LLC ("Landlord") and Tamsin Bakeries,
Inc. ("Tenant").

     NOW, THEREFORE, Landlord and Tenant agree as follows:

"""

TAIL = """
     9.  Ratification. Except as modified by this Amendment, the Lease is
unmodified and in full force and effect.
"""


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _amendment(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "first-amendment.txt"
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return path


def _compiled(amendment: Path) -> tuple[int, dict]:
    done = _run("compile", str(amendment), "--agreement", str(LEASE), "--report", "json")
    return done.exit_code, json.loads(done.stdout)


def _text(amendment: Path, paragraph: str) -> str:
    done = _run("show", str(LEASE), str(amendment), "--section", paragraph, "--format", "json")
    assert done.exit_code == 0, done.stdout + done.stderr
    return json.loads(done.stdout)["text"]


def _conformed(tmp_path: Path, body: str, expected: dict[str, str]) -> dict:
    amendment = _amendment(tmp_path, body)
    code, report = _compiled(amendment)
    assert code == 0 and report["needs_review"] == [], report["needs_review"]
    for paragraph, text in expected.items():
        assert _text(amendment, paragraph) == text, paragraph
    return report


def test_the_passive_voice_of_a_lease(tmp_path: Path):
    _conformed(
        tmp_path,
        """\
     1.  Premises. In Paragraph 1 of the Lease, the words "Unit 12" are deleted
and the words "Units 12 and 14" substituted in lieu thereof.

     2.  Use. The words "retail bakery and cafe" in Paragraph 2 of the Lease are
hereby deleted and replaced with the words "retail bakery, cafe and catering
kitchen".

     3.  Term. Paragraph 3 of the Lease is hereby amended as follows:

          (a)  the date "May 31, 2024" is deleted and the date "May 31, 2029" is
     substituted therefor.
""",
        {
            "1": "Landlord leases to Tenant the store known as Units 12 and 14 of Pinecrest Plaza, 900 Desert Inn "
            'Road, Las Vegas, Nevada, containing about 2,400 rentable square feet (the "Premises").',
            "2": "Tenant shall use the Premises only as a retail bakery, cafe and catering kitchen, and for no "
            "other purpose.",
            "3": 'The term of this Lease begins on June 1, 2019 and ends on May 31, 2029 (the "Term").',
        },
    )


RENT_WITH_C = (
    "Tenant shall pay Landlord base rent as follows:\n\n"
    "(a) during the first two years of the Term, $6,000 per month;\n\n"
    "(b) during the rest of the Term, $6,300 per month; and\n\n"
    "(c) from June 1, 2024 through May 31, 2029, $7,100 per month.\n\n"
    "Rent is due in advance on the first day of each month, without demand."
)


@pytest.mark.parametrize(
    "opening",
    [
        "The following new subparagraph (c) is hereby added immediately following\nsubparagraph (b) of "
        "Paragraph 4 of the Lease:",
        "Paragraph 4 of the Lease is hereby amended by adding the following new\nsubparagraph (c) "
        "immediately after subparagraph (b) thereof:",
    ],
)
def test_a_new_subparagraph_after_another(tmp_path: Path, opening: str):
    body = (
        f"     4.  Base Rent. {opening}\n\n"
        '               "(c)  from June 1, 2024 through May 31, 2029, $7,100 per\n          month."\n'
    )
    _conformed(tmp_path, body, {"4": RENT_WITH_C})


def test_a_new_subparagraph_in_a_lead_in_part(tmp_path: Path):
    body = """\
     4.  Base Rent. Paragraph 4 of the Lease is hereby amended as follows:

          (a)  in subparagraph (b) thereof, the words "the rest of the Term" are
     deleted and the words "the third through fifth years of the Term" are
     substituted therefor; and

          (b)  the following new subparagraph (c) is added immediately after
     subparagraph (b) thereof:

               "(c)  from June 1, 2024 through May 31, 2029, $7,100 per
          month."
"""
    _conformed(
        tmp_path, body, {"4": RENT_WITH_C.replace("the rest of the Term", "the third through fifth years of the Term")}
    )


def test_edits_run_on_in_one_sentence_are_each_an_operation_in_order(tmp_path: Path):
    report = _conformed(
        tmp_path,
        """\
     6.  Repairs. Paragraph 6 of the Lease is hereby amended by (i) deleting
"good repair" and inserting "good order and repair" in lieu thereof, (ii)
inserting ", at its own cost," immediately after the words "Landlord shall
repair", and (iii) adding the following sentence at the end thereof: "Tenant
shall report any needed repair promptly."
""",
        {
            "6": "Tenant shall keep the interior of the Premises in good order and repair. Landlord shall repair, "
            "at its own cost, the roof, the structure and the common areas. Neither party is liable for damage "
            "that the other party causes. Tenant shall report any needed repair promptly."
        },
    )
    assert [c["op"] for c in report["changes"]] == ["replace_words", "insert_words", "append_sentence"]


def test_edits_run_on_ending_in_a_new_subparagraph_reading_as_follows(tmp_path: Path):
    report = _conformed(
        tmp_path,
        """\
     4.  Base Rent. Paragraph 4 of the Lease is hereby amended by (i) deleting
the word "and" at the end of subparagraph (a) thereof, (ii) deleting the period
at the end of subparagraph (b) thereof and substituting "; and" therefor, and
(iii) adding a new subparagraph (c) immediately after subparagraph (b) thereof
reading as follows:

               "(c)  from June 1, 2024 through May 31, 2029, $7,100 per
          month."
""",
        {"4": RENT_WITH_C},
    )
    assert [c["op"] for c in report["changes"]][:2] == ["delete_words", "replace_words"]
    assert len(report["changes"]) == 3


def test_each_reference_in_the_lease_replaced_with_its_count_shown(tmp_path: Path):
    report = _conformed(
        tmp_path,
        """\
     2.  Premises. Each reference in the Lease to "the Premises" is hereby
replaced with a reference to "the Leased Premises".
""",
        {
            "2": "Tenant shall use the Leased Premises only as a retail bakery and cafe, and for no other purpose.",
            "6": "Tenant shall keep the interior of the Leased Premises in good repair. Landlord shall repair the "
            "roof, the structure and the common areas. Neither party is liable for damage that the other party "
            "causes.",
            "7": "Tenant may place one sign on the front of the Leased Premises, subject to Landlord's written "
            "approval of its design.",
        },
    )
    (change,) = report["changes"]
    assert change["args"]["note"] == ("replaced 3 references to 'the Premises' with 'the Leased Premises', in 2, 6, 7")


@pytest.mark.parametrize(
    ("instruction", "reason"),
    [
        (  # the words unquoted: which words of the lease are meant is not exact
            "All references in the Lease to the Premises shall be deemed references to the\nLeased Premises.",
            "not quoted",
        ),
        (  # "Pinecrest Plaza" also stands inside "Pinecrest Plaza Associates" (a longer name)
            'Each reference in the Lease to "Plaza" is hereby replaced with a reference\nto "Center".',
            "longer names",
        ),
        (  # "Land" also stands inside "Landlord"
            'Each reference in the Lease to "Land" is hereby replaced with a reference\nto "Property".',
            "inside other words",
        ),
    ],
)
def test_references_that_cannot_be_replaced_exactly_are_findings(tmp_path: Path, instruction: str, reason: str):
    code, report = _compiled(_amendment(tmp_path, f"     2.  References. {instruction}\n"))
    assert code == 11
    (finding,) = report["needs_review"]
    assert reason in finding["reason"]
    assert report["changes"] == []


def test_the_remaining_subparagraphs_relettered_accordingly(tmp_path: Path):
    report = _conformed(
        tmp_path,
        """\
     4.  Base Rent. Paragraph 4 of the Lease is hereby amended by deleting
subparagraph (a) thereof in its entirety and relettering the remaining
subparagraphs accordingly.
""",
        {
            "4": "Tenant shall pay Landlord base rent as follows:\n\n"
            "(a) during the rest of the Term, $6,300 per month.\n\n"
            "Rent is due in advance on the first day of each month, without demand."
        },
    )
    assert [c["op"] for c in report["changes"]] == ["delete_unit", "redesignate"]
    assert report["changes"][1]["args"]["note"].startswith("relabelled Section 4(b) as Section 4(a);")


def test_paragraphs_renumbered_across_articles_are_a_finding(tmp_path: Path):
    # the lease numbers its paragraphs on across its articles: renumbering those of one
    # article only would leave a gap, and the rest is not one unit's parts
    body = """\
     3.  Term. Paragraph 3 of the Lease is hereby deleted in its entirety and the
subsequent sections are hereby renumbered accordingly.
"""
    code, report = _compiled(_amendment(tmp_path, body))
    assert code == 11
    assert "under an article" in report["needs_review"][0]["reason"]
    assert report["changes"] == []


REPAIRS = """\
     5.  Repairs. Paragraph 6 of the Lease is hereby amended by deleting the
second sentence thereof.

     6.  Roof. Paragraph 6 of the Lease is hereby amended by adding the
following sentence at the end thereof: "Landlord shall repair the roof within
thirty days of notice."

     7.  Cost. Paragraph 6 of the Lease is hereby amended by inserting ", at its
own cost" immediately before the period at the end of the {ordinal} sentence
thereof.
"""


def test_a_sentence_counted_after_one_was_taken_away_and_one_added_is_a_finding(tmp_path: Path):
    # three sentences as signed and three as amended so far: the third is another sentence
    code, report = _compiled(_amendment(tmp_path, REPAIRS.format(ordinal="third")))
    assert code == 11
    (finding,) = report["needs_review"]
    assert finding["source"] == "Section 7"
    assert "another sentence than counted" in finding["reason"]


def test_a_sentence_counted_before_the_changes_is_the_same_in_both_texts(tmp_path: Path):
    _conformed(
        tmp_path,
        REPAIRS.format(ordinal="first"),
        {
            "6": "Tenant shall keep the interior of the Premises in good repair, at its own cost. Neither party is "
            "liable for damage that the other party causes. Landlord shall repair the roof within thirty days of "
            "notice."
        },
    )
