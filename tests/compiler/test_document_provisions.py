"""How an amendment document's provisions are read before the grammar sees them: run-in
headings in title case, quotations that hold their own spaces, the agreement named by its
own name, and another agreement named in an omnibus amendment."""

from __future__ import annotations

from datetime import date

from agreement.compiler.compile import Provision, compile_provisions
from agreement.compiler.document import provisions
from agreement.compiler.quotes import quotations
from agreement.model import Agreement, Amendment, Kind, Unit

LEASE = Agreement(
    "lease",
    "Office Lease",
    date(2020, 1, 1),
    Unit(
        Kind.DOCUMENT,
        children=(
            Unit(Kind.SECTION, "1", "Premises", ("Landlord leases to Tenant Suite 400 of the building.",)),
            Unit(Kind.SECTION, "2", "Notices", ("Notices shall be sent by overnight courier to the Tenant.",)),
        ),
    ),
)
SHELL = Amendment(
    "first-amendment", "First Amendment to Office Lease", "lease", 1, "March 1, 2021", date(2021, 3, 1), ()
)


def _amendment(*units: Unit) -> Agreement:
    """An amendment document as a reader gives it: its sections, and exhibits if any."""
    return Agreement("a", "First Amendment", date(2021, 3, 1), Unit(Kind.DOCUMENT, children=units))


def _compiled(*texts: str):
    return compile_provisions([Provision(f"Section {k}", None, t) for k, t in enumerate(texts, 1)], LEASE, SHELL)


def test_a_title_case_heading_that_runs_in_is_taken_off_where_the_rest_reads_as_an_instruction():
    doc = _amendment(
        Unit(
            Kind.SECTION,
            "1.",
            None,
            ('Premises. Section 1 of the Lease is hereby amended by deleting "Suite 400".',),
        ),
        Unit(Kind.SECTION, "2.", None, ("Consent. The Landlord consents to the sublease.",)),
    )
    first, second = provisions(doc)
    assert (first.heading, first.text) == (
        "Premises",
        'Section 1 of the Lease is hereby amended by deleting "Suite 400".',
    )
    # a note's opening words are left as they are: nothing after them reads as an instruction
    assert second.heading is None and second.text.startswith("Consent. The Landlord")


def test_words_quoted_with_their_own_space_are_one_quotation():
    assert [q.text for q in quotations('inserting the words " and Suite 410" immediately after')] == [" and Suite 410"]
    assert [q.text for q in quotations('deleting the words "overnight " therein')] == ["overnight "]
    done = _compiled('Section 2 of the Lease is hereby amended by deleting the words "overnight " therein.')
    assert done.findings == ()
    assert done.changes[0].args == {"unit": "2", "words": "overnight "}


def test_the_agreement_named_by_its_own_name_is_the_document_and_another_is_a_finding():
    done = _compiled(
        "The Lease is hereby amended by adding the following new Section 3 at the end thereof:\n\n"
        '"3. Parking. Tenant may use two parking spaces."',
        "The Guaranty is hereby amended by adding the following new Section 3 at the end thereof:\n\n"
        '"3. Parking. Tenant may use two parking spaces."',
    )
    assert [c.op for c in done.changes] == ["add_unit"]
    assert done.changes[0].args["into"] == "document"
    (finding,) = done.findings
    assert finding.source == "Section 2" and "'The Guaranty'" in finding.reason
    assert "not named as the agreement being amended" in finding.reason


def test_a_new_section_given_after_the_colon_without_quotes_is_the_instructions_text():
    doc = _amendment(
        Unit(
            Kind.SECTION,
            "5.",
            "Force Majeure",
            (
                "The Agreement is hereby amended by adding the following new Section 2.03 immediately after Section 2.02:",
            ),
        ),
        Unit(Kind.SECTION, "Section 2.03.", "Force Majeure", ("Neither party is liable for a delay.",)),
        Unit(Kind.SECTION, "6.", "Counterparts", ("This Amendment may be signed in counterparts.",)),
    )
    got = provisions(doc)
    assert [p.source for p in got] == ["Section 5", "Section 6"]
    assert got[0].text.endswith("Section 2.02:\n\nSection 2.03. Force Majeure. Neither party is liable for a delay.")
    # a section that follows but is not the one named as new stays a provision of its own
    other = doc._replace(root=doc.root._replace(children=(doc.root.children[0], doc.root.children[2])))
    assert [p.source for p in provisions(other)] == ["Section 5", "Section 6"]


def test_a_restatement_set_forth_in_an_exhibit_of_the_amendment_takes_the_exhibits_words():
    doc = _amendment(
        Unit(
            Kind.SECTION,
            "1.",
            None,
            (
                "Section 2 of the Lease is hereby amended and restated in its entirety to read as set forth "
                "in Exhibit A hereto.",
            ),
        ),
        Unit(Kind.EXHIBIT, "EXHIBIT A", None, ("2. Notices. Notices shall be sent by registered mail to the Tenant.",)),
    )
    (provision,) = provisions(doc)
    assert provision.text.endswith(
        "in its entirety to read as follows:\n\n2. Notices. Notices shall be sent by registered mail to the Tenant."
    )
    done = compile_provisions([provision], LEASE, SHELL)
    assert done.findings == ()
    (change,) = done.changes
    assert change.op == "restate_unit" and change.args["unit"] == "2"
    assert change.args["new"].heading == "Notices"
    assert change.args["new"].text == ("Notices shall be sent by registered mail to the Tenant.",)
    # an exhibit the amendment does not hold: left for the compiler, which reports it
    bare = doc._replace(root=doc.root._replace(children=doc.root.children[:1]))
    done = compile_provisions(provisions(bare), LEASE, SHELL)
    assert done.changes == () and len(done.findings) == 1


def test_a_restated_section_the_reader_took_for_one_of_the_amendment_s_is_the_provision_s_text():
    """A Markdown block quote (or an HTML indent) holding "3.3 Payment. ..." after "Section 3.3
    ... restated ... as follows:" is read as a section of the amendment; it is the new text."""
    doc = _amendment(
        Unit(Kind.SECTION, "1.", "Payment", ("Section 3.3 of the Lease is amended and restated to read as follows:",)),
        Unit(Kind.SECTION, "3.3", "Payment", ("Rent is due on the first day of each month.",)),
        Unit(Kind.SECTION, "2.", "Counterparts", ("This Amendment may be executed in counterparts.",)),
    )
    first, second = provisions(doc)
    assert first.text.endswith("as follows:\n\n3.3 Payment. Rent is due on the first day of each month.")
    assert second.source == "Section 2"


def test_the_amendment_s_own_next_section_is_never_taken_for_restated_text():
    doc = _amendment(
        Unit(Kind.SECTION, "2.", None, ("Section 3 of the Lease is amended and restated to read as follows:",)),
        Unit(Kind.SECTION, "3.", "Counterparts", ("This Amendment may be executed in counterparts.",)),
    )
    first, second = provisions(doc)
    assert first.text.endswith("as follows:") and second.source == "Section 3"


def test_a_lead_in_opening_with_the_amendments_own_conditions_lends_its_parts_their_targets():
    doc = _amendment(
        Unit(
            Kind.SECTION,
            "1.",
            None,
            ("Subject to the terms and conditions of this Amendment, the Lease is hereby amended as follows:",),
            children=(
                Unit(Kind.SUBSECTION, "(a)", None, ('Section 1 of the Lease is amended by deleting "Suite 400".',)),
                Unit(Kind.SUBSECTION, "(b)", None, ('Section 2 is amended by replacing "overnight" with "any".',)),
            ),
        )
    )
    (provision,) = provisions(doc)
    assert [p.source for p in provision.parts] == ["Section 1(a)", "Section 1(b)"]
    compiled = compile_provisions([provision], LEASE, SHELL)
    assert compiled.findings == ()
    assert [(c.op, c.args["unit"], c.source) for c in compiled.changes] == [
        ("delete_words", "1", "Section 1(a)"),
        ("replace_words", "2", "Section 1(b)"),
    ]


def test_restated_text_after_a_numbered_part_is_that_part_s_text_and_parts_are_cited_under_their_section():
    """Markdown: "## 1. Amendments", an ordered list "1. ...", "2. Section 2 ... restated ... as
    follows:" and the new text as a block quote, which the reader takes for a section."""
    doc = _amendment(
        Unit(
            Kind.SECTION,
            "1.",
            "Amendments",
            (),
            children=(
                Unit(Kind.SUBSECTION, "1.", None, ('Section 1 of the Lease is amended by deleting "Suite 400".',)),
                Unit(Kind.SUBSECTION, "2.", None, ("Section 7 of the Lease is amended and restated as follows:",)),
            ),
        ),
        Unit(Kind.SECTION, "7", "Notices", ("Notices shall be sent by email.",)),
        Unit(Kind.SECTION, "2.", "Counterparts", ("This Amendment may be executed in counterparts.",)),
    )
    first, second = provisions(doc)
    assert [p.source for p in first.parts] == ["Section 1(1)", "Section 1(2)"]
    assert first.parts[1].text.endswith("as follows:\n\n7 Notices. Notices shall be sent by email.")
    assert second.source == "Section 2"


def test_definitions_added_without_a_section_go_to_the_one_that_holds_definitions_or_are_a_finding():
    definition = Unit(Kind.DEFINITION, text=('"Premises" means Suite 400.',), term="Premises")
    one = LEASE._replace(root=LEASE.root._replace(children=(LEASE.root.children[0]._replace(children=(definition,)),)))
    words = 'The following new definition is inserted in the appropriate alphabetical order:\n\n"Rent" means the rent.'
    done = compile_provisions([Provision("Section 1", None, words)], one, SHELL)
    assert [(c.op, c.args["unit"]) for c in done.changes] == [("add_definitions", "1")]
    other = Unit(Kind.SECTION, "9", "Exhibit Terms", (), children=(definition._replace(term="Exhibit"),))
    two = one._replace(root=one.root._replace(children=(*one.root.children, other)))
    done = compile_provisions([Provision("Section 1", None, words)], two, SHELL)
    assert done.changes == () and "which section" in done.findings[0].reason
