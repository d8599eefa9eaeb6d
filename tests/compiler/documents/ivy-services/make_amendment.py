"""Writes amendment-no-1.docx: Amendment No. 1 to the Services Agreement in
tests/readers/fixtures/ivy-services.docx, as a Word document whose own section numbers
("1.", "2." ...) and lettered parts ("(a)", "(b)") are Word's automatic numbering, never
typed, with the signature blocks in a table.

The .docx is committed; run this only to change it (python
tests/compiler/documents/ivy-services/make_amendment.py), then score the case again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))  # run as a script from anywhere
from tests.support.wordgen import add_lists, numbered, signature_table, simple_levels  # noqa: E402

LEVELS = [("decimal", "%1."), ("lowerLetter", "(%2)")]
NUM_ID = 77


def main() -> None:
    doc = Document()
    add_lists(doc, [simple_levels(NUM_ID, LEVELS)], [NUM_ID])
    doc.add_paragraph("AMENDMENT NO. 1 TO SERVICES AGREEMENT")
    doc.add_paragraph(
        'This Amendment No. 1 to Services Agreement (this "Amendment") is entered into as of March 1, 2024 '
        'by and between Ivywood Clinics, P.C., a Vermont professional corporation (the "Client"), and '
        'Marram Data Systems, Inc., a Rhode Island corporation (the "Vendor").'
    )
    doc.add_paragraph(
        "WHEREAS, the Client and the Vendor are parties to a Services Agreement dated as of October 5, 2023 "
        '(the "Agreement"); and'
    )
    doc.add_paragraph("WHEREAS, the Client has opened two further clinics and needs faster support.")
    doc.add_paragraph("NOW, THEREFORE, the parties agree as follows:")
    numbered(doc, "Support. Section 1.2 of the Agreement is hereby amended as follows:", 0, NUM_ID)
    numbered(doc, 'clause (a) thereof is amended by replacing "four hours" with "two hours"; and', 1, NUM_ID)
    numbered(
        doc,
        'clause (b)(ii) thereof is amended by deleting the words "the end of the term" and inserting in lieu '
        'thereof the words "the term ends or this Agreement is terminated".',
        1,
        NUM_ID,
    )
    numbered(
        doc,
        'Monthly Fee. The definition of "Monthly Fee" in Section 2.1 of the Agreement is hereby amended and '
        "restated in its entirety to read as follows:",
        0,
        NUM_ID,
    )
    doc.add_paragraph(
        '"Monthly Fee" means $2,750, payable in advance on the first business day of each calendar month.'
    )
    numbered(
        doc,
        "Late Payment. Section 2.2 of the Agreement is hereby amended by adding the following sentence at the "
        'end thereof: "No interest accrues on an amount that the Client disputes in good faith."',
        0,
        NUM_ID,
    )
    numbered(
        doc,
        "Data Return. The Agreement is hereby amended by adding the following new Section 2.3 immediately "
        "after Section 2.2 thereof:",
        0,
        NUM_ID,
    )
    doc.add_paragraph(
        "\"2.3 Data Return. When the term ends, the Vendor shall deliver the Client's data to the Client in a "
        'common file format within thirty days."'
    )
    numbered(
        doc,
        "Ratification. Except as amended hereby, the Agreement is ratified and confirmed and remains in full "
        "force and effect.",
        0,
        NUM_ID,
    )
    numbered(
        doc,
        "Counterparts. This Amendment may be executed in counterparts, and a signature sent by electronic "
        "means is as good as an original.",
        0,
        NUM_ID,
    )
    doc.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Amendment as of the date first written above.")
    signature_table(
        doc,
        [
            ("IVYWOOD CLINICS, P.C.", "MARRAM DATA SYSTEMS, INC."),
            ("By: /s/ Helen Achterberg", "By: /s/ Kofi Mensah-Bonsu"),
        ],
    )
    out = Path(__file__).with_name("amendment-no-1.docx")
    doc.save(out)


if __name__ == "__main__":
    main()
