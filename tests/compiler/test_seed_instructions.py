"""The seed's instructions, in the seed's own words (as filed, hard-wrapped and indented),
compile to the operations of the hand-made amendment file and give the same conformed copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from agreement.analyses.select import ConformedCopy
from agreement.compiler.compile import Provision, compile_provisions
from agreement.engine import apply
from agreement.model import Amendment, NoteKind
from agreement.readers.yaml import SourceText, read_agreement, read_amendment
from agreement.writers import text

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = ROOT / "agreements" / "symphony-exchange.yaml"
HAND = ROOT / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml"

# the seed's operative words, as filed (page markers left out by the reader)
SECTION_1 = """The Recitals to the Symphony Exchange Agreement are hereby amended by deleting
the words "(the "NOTES")" in clause (a) therein."""
SECTION_2 = """Section 1 of the Symphony Exchange Agreement is hereby amended by deleting the
definitions of "Fiscal Agency Agreement", "Notes" and "Warrant Agreement" in
their entirety and inserting the following new definitions in proper
alphabetical order in lieu thereof:

                  "FISCAL AGENCY AGREEMENT" means that Fiscal Agency Agreement,
     dated as of the date hereof, between the Company and the Fiscal Agent, as
     the same may be amended, modified or supplemented from time to time in
     accordance with the terms thereof.

                  "NOTES" means up to $28,750,000 aggregate principal amount of
     the Borrower's 11.5% Senior Secured Notes due 2005, issued pursuant to this
     Agreement or pursuant to a Permitted Exchange in which such Notes are
     issued without violating Section 8.4 herein.

                  "WARRANT AGREEMENT" means the Amended and Restated Warrant and
     Registration Rights Agreement dated as of February 21, 2003, by the Company
     and U.S. Bank National Association, as Warrant Agent (as amended, modified
     or supplemented from time to time)."""
SECTION_3 = "Section 13 of the Symphony Exchange Agreement is hereby amended by:"
SECTION_3A = """inserting the following text immediately after the words
     "Required Holders" and before the semi-colon in the fourth line of Section
     13.4:

                        ", and no such change, waiver, discharge or termination
                  shall be effective against the Collateral Agent unless and
                  until an executed copy thereof has been provided to the
                  Collateral Agent (and, in the case of any other Document,
                  subject to any other requirements applicable to such
                  amendment, change, waiver, discharge or termination set forth
                  in such Document)";"""
SECTION_3B = """inserting the following new proviso at the end of the
     first sentence of Section 13.4:

                        "PROVIDED, FURTHER, HOWEVER, that no such change,
                  waiver, discharge or termination that alters the rights,
                  immunities or duties of the Collateral Agent shall take effect
                  without the Collateral Agent's express written consent;" and"""
SECTION_3C = """inserting the following new sentence at the end of
     Section 13.4 therein:

                        "Notwithstanding anything to the contrary in this
                  Agreement, all Holders shall be deemed to be third-party
                  beneficiaries of all of the provisions of this Agreement that
                  relate to Holders, including but not limited to any provisions
                  that may only be waived or consented to by the "Required
                  Holders", or that may be initiated only by the "Demand
                  Holders", with such groups being determined for all purposes
                  of this Agreement with regard to all Holders, whether issued
                  pursuant to this Agreement or other exchanges in which such
                  Notes are issued without violating Section 8.3 or Section 8.4
                  hereof.\""""
SECTION_4 = """Each of the
Symphony Funds hereby consents to the terms and conditions of, and the execution
and delivery by the Company and the Warrant Agent of, that certain Amended and
Restated Warrant and Registration Rights Agreement dated as of February 21,
2003, by the Company and U.S. Bank National Association, as Warrant Agent."""

PROVISIONS = [
    Provision("Section 1", "AMENDMENT TO THE RECITALS TO THE SYMPHONY EXCHANGE AGREEMENT", SECTION_1),
    Provision("Section 2", "AMENDMENT TO SECTION 1 OF THE SYMPHONY EXCHANGE AGREEMENT", SECTION_2),
    Provision(
        "Section 3",
        "AMENDMENT TO SECTION 13 OF THE SYMPHONY EXCHANGE AGREEMENT",
        SECTION_3,
        (
            Provision("Section 3(a)", None, SECTION_3A),
            Provision("Section 3(b)", None, SECTION_3B),
            Provision("Section 3(c)", None, SECTION_3C),
        ),
    ),
    Provision("Section 4", "CONSENT TO AMENDED AND RESTATED WARRANT AGREEMENT", SECTION_4),
]


def _compiled():
    base = read_agreement(SourceText(str(AGREEMENT), AGREEMENT.read_text()))
    shell = Amendment(
        "amendment-no-1",
        "Amendment No. 1 to Securities Exchange Agreement",
        "symphony-exchange",
        1,
        "February 21, 2002",
        date(2002, 2, 21),
        (),
    )
    return base, shell, compile_provisions(PROVISIONS, base, shell)


def test_every_instruction_of_the_seed_compiles_to_the_hand_made_operation():
    _, _, compiled = _compiled()
    assert compiled.findings == ()
    hand = read_amendment(SourceText(str(HAND), HAND.read_text()))
    got = [(c.source, c.op) for c in compiled.changes]
    assert got == [(c.source, c.op) for c in hand.changes]
    by_source = {c.source: c.args for c in compiled.changes if c.source != "Section 2"}
    assert by_source["Section 1"] == {"unit": "recitals(a)", "words": '(the "NOTES")'}
    a = by_source["Section 3(a)"]
    assert (a["unit"], a["after"], a["before"], a["line"]) == ("13.4", "Required Holders", ";", 4)
    assert " ".join(str(a["text"]).split()).startswith(", and no such change, waiver")
    assert " ".join(str(a["text"]).split()).endswith("set forth in such Document)")
    b = by_source["Section 3(b)"]
    assert b["sentence"] == 1 and str(b["as_conformed"]).startswith("; PROVIDED, FURTHER, HOWEVER")
    assert "conforming_note" in b
    assert " ".join(str(by_source["Section 3(c)"]["text"]).split()).endswith("Section 8.3 or Section 8.4 hereof.")
    assert [n.kind for n in compiled.notes] == [NoteKind.CONSENT]


def test_the_compiled_seed_gives_the_hand_made_conformed_copy_byte_for_byte():
    base, shell, compiled = _compiled()
    hand = read_amendment(SourceText(str(HAND), HAND.read_text()))
    ours = shell._replace(changes=compiled.changes, notes=compiled.notes)
    got = text.render_document(ConformedCopy(apply(base, [ours]).latest.agreement, (ours,)))
    want = text.render_document(ConformedCopy(apply(base, [hand]).latest.agreement, (hand,)))
    assert got == want
