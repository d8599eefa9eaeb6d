"""What the amendments of tests/compiler/documents/ that nobody had compiled before
showed, each kept as a small case: a clause added at the end of a list takes the list's
"and" with it, an exhibit's caption is not the text it sets out, a number given twice
is a finding, articles numbered in words, and a new section's number alone above its
words."""

from __future__ import annotations

from datetime import date

import pytest

from agreement.compiler.compile import Provision, compile_provisions
from agreement.compiler.document import provisions
from agreement.engine import apply_change
from agreement.model import Agreement, Amendment, Kind, Unit

SHELL = Amendment("first-amendment", "First Amendment", "plan", 1, "March 1, 2021", date(2021, 3, 1), ())


def _agreement(*sections: Unit) -> Agreement:
    return Agreement("plan", "Consulting Agreement", date(2020, 1, 1), Unit(Kind.DOCUMENT, children=sections))


def _clause(label: str, text: str) -> Unit:
    return Unit(Kind.CLAUSE, f"({label})", None, (text,))


EXPENSES = _agreement(
    Unit(
        Kind.SECTION,
        "2",
        "Expenses",
        ("The Company shall reimburse:",),
        children=(_clause("a", "travel approved in advance; and"), _clause("b", "samples it asks for.")),
    )
)


def _compiled(agreement: Agreement, *texts: str):
    return compile_provisions([Provision(f"Section {k}", None, t) for k, t in enumerate(texts, 1)], agreement, SHELL)


def _applied(agreement: Agreement, done) -> Agreement:
    for change in done.changes:
        agreement, _ = apply_change(agreement, SHELL._replace(changes=(change,)), change, agreement.root)
    return agreement


def _texts(agreement: Agreement, section: int = 0) -> list[str]:
    unit = agreement.root.children[section]
    return [c.text[-1] for c in unit.children]


ADD_C = 'Section 2 of the Agreement is hereby amended by adding the following new clause (c) at the end thereof: "{}"'


def test_a_clause_added_at_the_end_of_a_list_takes_the_and_from_the_item_before():
    for text in (ADD_C.format("(c) laboratory tests of recipes."), ADD_C.format("(c) laboratory tests of recipes")):
        done = _compiled(EXPENSES, text)
        assert done.findings == ()
        (change,) = done.changes
        assert change.op == "add_list_item"
        assert _texts(_applied(EXPENSES, done)) == [
            "travel approved in advance;",
            "samples it asks for; and",
            "laboratory tests of recipes.",
        ]
    after_b = (
        "Section 2 of the Agreement is hereby amended by adding the following new clause (c) immediately after "
        'clause (b) thereof: "(c) laboratory tests of recipes."'
    )
    assert [c.op for c in _compiled(EXPENSES, after_b).changes] == ["add_list_item"]


def test_a_clause_added_where_the_amendment_already_moved_the_conjunction_is_a_unit_set_after():
    moved = EXPENSES._replace(
        root=EXPENSES.root._replace(
            children=(
                EXPENSES.root.children[0]._replace(
                    children=(_clause("a", "travel approved in advance;"), _clause("b", "samples it asks for; or"))
                ),
            )
        )
    )
    done = _compiled(moved, ADD_C.format("(c) laboratory tests of recipes."))
    assert [c.op for c in done.changes] == ["add_unit"]
    assert _texts(_applied(moved, done))[-1] == "laboratory tests of recipes."


def test_a_new_last_clause_whose_closing_mark_differs_from_the_lists_is_a_finding():
    done = _compiled(EXPENSES, ADD_C.format("(c) laboratory tests of recipes;"))
    assert done.changes == ()
    (finding,) = done.findings
    assert "ends with ';'" in finding.reason


NOTICES = _agreement(Unit(Kind.SECTION, "2", "Notices", ("Notices shall be sent by courier.",)))


def test_an_exhibit_caption_naming_the_section_it_sets_out_is_not_its_text():
    doc = Agreement(
        "a",
        "Second Amendment",
        date(2021, 3, 1),
        Unit(
            Kind.DOCUMENT,
            children=(
                Unit(
                    Kind.SECTION,
                    "1.",
                    None,
                    (
                        "Section 2 of the Agreement is hereby amended and restated in its entirety to read as set "
                        "forth in Exhibit A hereto.",
                    ),
                ),
                Unit(
                    Kind.EXHIBIT,
                    "EXHIBIT A",
                    None,
                    (),
                    children=(
                        Unit(Kind.SECTION, "SECTION 2", "OF THE AGREEMENT", ()),
                        Unit(Kind.SECTION, "2", "Notices", ("Notices shall be sent by registered mail.",)),
                    ),
                ),
            ),
        ),
    )
    done = compile_provisions(provisions(doc), NOTICES, SHELL)
    assert done.findings == ()
    (change,) = done.changes
    assert change.op == "restate_unit"
    assert (change.args["new"].heading, change.args["new"].text) == (
        "Notices",
        ("Notices shall be sent by registered mail.",),
    )


def test_new_text_that_gives_the_units_number_twice_is_a_finding():
    done = _compiled(
        NOTICES,
        "Section 2 of the Agreement is hereby amended and restated in its entirety to read as follows:\n\n"
        "SECTION 2 OF THE AGREEMENT\n\n2 Notices. Notices shall be sent by registered mail.",
    )
    assert done.changes == ()
    (finding,) = done.findings
    assert "twice" in finding.reason


SPELLED = _agreement(
    Unit(
        Kind.SECTION,
        "ARTICLE ONE",
        "DEFINITIONS",
        (),
        children=(Unit(Kind.SECTION, "1.1", None, ('"Software" means the licensed modules.',)),),
    ),
    Unit(
        Kind.SECTION,
        "ARTICLE TWO",
        "FEES",
        (),
        children=(Unit(Kind.SECTION, "2.1", "Fees", ("Licensee shall pay the fee.",)),),
    ),
)


def test_an_article_numbered_in_words_is_read_and_a_section_added_at_its_end():
    done = _compiled(
        SPELLED,
        "Article One of the Agreement is hereby amended by adding the following new Section 1.2 at the end "
        'thereof:\n\n1.2 "Update" means a correction of the Software.',
    )
    assert done.findings == ()
    (change,) = done.changes
    assert change.op == "add_unit" and change.args["after"] == "1.1"
    assert change.args["new"].text == ('"Update" means a correction of the Software.',)


def test_a_new_sections_number_alone_above_its_words_opens_them():
    """A reader gives '1.2  "Update" means ...' after the instruction as a section
    numbered 1.2 whose definition is its part: the number opens the new words."""
    doc = Agreement(
        "a",
        "First Amendment",
        date(2021, 3, 1),
        Unit(
            Kind.DOCUMENT,
            children=(
                Unit(
                    Kind.SECTION,
                    "1.",
                    "Updates",
                    (
                        "Article One of the Agreement is hereby amended by adding the following new Section 1.2 at "
                        "the end thereof:",
                    ),
                ),
                Unit(
                    Kind.SECTION,
                    "1.2",
                    None,
                    (),
                    children=(
                        Unit(
                            Kind.DEFINITION,
                            None,
                            None,
                            ('"Update" means a correction of the Software.',),
                            term="Update",
                        ),
                    ),
                ),
            ),
        ),
    )
    (provision,) = provisions(doc)
    assert provision.text.endswith('thereof:\n\n1.2 "Update" means a correction of the Software.')
    done = compile_provisions([provision], SPELLED, SHELL)
    assert done.findings == ()
    assert done.changes[0].args["new"].text == ('"Update" means a correction of the Software.',)


EDITS_NOT_READ = [
    "Section 2 of the Agreement is hereby struck.",
    "Clause (b) of Section 2 is struck out.",
    "The parties agree to amend Section 2 so that notices go by registered mail.",
    'Section 2 is hereby revised to read: "Notices shall be sent by registered mail."',
    'Section 2 of the Agreement now reads as follows: "Notices shall be sent by registered mail."',
    'In Section 2, "courier" becomes "registered mail".',
    "The Landlord and the Tenant amend Paragraph 2 of the Lease by deleting it.",
]


@pytest.mark.parametrize("words", EDITS_NOT_READ)
def test_a_provision_that_names_a_unit_and_an_edit_is_never_a_silent_note(words):
    done = _compiled(NOTICES, words)
    assert done.notes == ()
    assert len(done.findings) + len(done.changes) >= 1


NOT_EDITS = [
    "Except as amended hereby, the Agreement remains in full force and effect.",
    "This Amendment is effective when the Tenant has received the amended Schedule 1.",
    "The Landlord waives any default under Section 2 arising before the date hereof.",
    "Section 2 of the Agreement, as amended by this Amendment, remains in force.",
    "The amendments to Section 2 made by Section 1 of this Amendment take effect on June 1, 2024.",
]


@pytest.mark.parametrize("words", NOT_EDITS)
def test_words_that_speak_of_the_agreement_as_amended_stay_a_note(words):
    done = _compiled(NOTICES, words)
    assert (len(done.notes), done.changes, done.findings) == (1, (), ())


COMMITMENTS = _agreement(
    Unit(Kind.SECTION, "1", "Loans", ("The Lenders shall lend up to their Commitments.",)),
    Unit(Kind.EXHIBIT, "SCHEDULE I", "COMMITMENTS", ("Saltmarsh National Bank $40,000,000",)),
)


def _schedule_restated(attached: Unit) -> Agreement:
    return Agreement(
        "a",
        "Amendment No. 1",
        date(2021, 3, 1),
        Unit(
            Kind.DOCUMENT,
            children=(
                Unit(
                    Kind.SECTION,
                    "4.",
                    None,
                    (
                        "Schedule I to the Agreement is hereby amended and restated in its entirety to read as set "
                        "forth in Schedule I attached hereto.",
                    ),
                ),
                attached,
            ),
        ),
    )


def test_a_schedule_restated_by_one_attached_keeps_the_attached_ones_heading_and_every_line():
    attached = Unit(
        Kind.EXHIBIT,
        "SCHEDULE I",
        "COMMITMENTS",
        ("Saltmarsh National Bank $30,000,000", "Harbor Light Bank $15,000,000"),
    )
    done = compile_provisions(provisions(_schedule_restated(attached)), COMMITMENTS, SHELL)
    assert done.findings == ()
    (change,) = done.changes
    assert change.op == "restate_unit" and change.args["unit"] == "exhibit:I"
    assert (change.args["new"].heading, change.args["new"].text) == (
        "COMMITMENTS",
        ("Saltmarsh National Bank $30,000,000", "Harbor Light Bank $15,000,000"),
    )


def test_a_line_that_names_an_amount_is_never_taken_for_a_heading():
    """Without the attached schedule's heading, its first line ('Saltmarsh National Bank
    $30,000,000') was taken for the restated schedule's heading."""
    attached = Unit(
        Kind.EXHIBIT, "SCHEDULE I", None, ("Saltmarsh National Bank $30,000,000", "Harbor Light Bank $15,000,000")
    )
    done = compile_provisions(provisions(_schedule_restated(attached)), COMMITMENTS, SHELL)
    assert done.changes == ()
    (finding,) = done.findings
    assert "heading" in finding.reason
