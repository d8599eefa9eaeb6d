"""Writes first-amendment.docx: the First Amendment to the Employment Agreement in
tests/readers/fixtures/maple-employment.txt, as a Word document typed by hand: section
numbers typed, headings in bold runs, Word's curly quotes and apostrophes, a page break
run inside an instruction, and the signature blocks in a table.

The .docx is committed; run this only to change it (python
tests/compiler/documents/maple-employment/make_amendment.py), then score the case again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))  # run as a script from anywhere
from tests.support.wordgen import signature_table  # noqa: E402


def provision(doc, number: str, heading: str, words: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{number}\t")
    p.add_run(f"{heading}.").bold = True
    p.add_run(f" {words}")


def main() -> None:
    doc = Document()
    doc.add_paragraph().add_run("FIRST AMENDMENT TO EMPLOYMENT AGREEMENT").bold = True
    doc.add_paragraph(
        "This FIRST AMENDMENT TO EMPLOYMENT AGREEMENT (this \u201cAmendment\u201d) is made as of January 8, "
        "2025, by and between Maplecrest Foods, Inc., a Minnesota corporation (the \u201cEmployer\u201d), and "
        "Dana Whitlock (the \u201cExecutive\u201d)."
    )
    doc.add_paragraph(
        "WHEREAS, the Employer and the Executive are parties to an Employment Agreement made as of the 14th "
        "day of February, 2024 (the \u201cAgreement\u201d); and"
    )
    doc.add_paragraph("WHEREAS, the Executive has agreed to stay on longer and to take on board service.")
    doc.add_paragraph("NOW, THEREFORE, the parties agree as follows:")
    provision(
        doc,
        "1.",
        "Base Salary",
        "Section 3(a) of the Agreement is hereby amended by deleting \u201c$310,000\u201d and inserting "
        "\u201c$335,000\u201d in lieu thereof.",
    )
    provision(
        doc,
        "2.",
        "Term",
        "Section 4 of the Agreement is hereby amended by replacing \u201cFebruary 28, 2027\u201d with "
        "\u201cFebruary 29, 2028\u201d.",
    )
    p = doc.add_paragraph()
    p.add_run("3.\t")
    p.add_run("Duties.").bold = True
    p.add_run(" Section 2 of the Agreement is hereby amended by adding the following new clause (d) at the end ")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("thereof: \u201c(d) serve on the board of one subsidiary of the Employer if the board asks.\u201d")
    provision(
        doc,
        "4.",
        "Confidentiality",
        "Section 6 of the Agreement is hereby amended by deleting \u201ctwo years\u201d and inserting "
        "\u201cthree years\u201d in lieu thereof.",
    )
    provision(
        doc,
        "5.",
        "Good Reason",
        "Clause (ii) of the definition of \u201cGood Reason\u201d in Section 1 of the Agreement is hereby "
        "amended by replacing \u201cfifty miles\u201d with \u201cthirty-five miles\u201d.",
    )
    provision(
        doc,
        "6.",
        "Counterparts",
        "This Amendment may be signed in counterparts, and the Executive\u2019s signature sent by e-mail is binding.",
    )
    doc.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Amendment as of the date first written above.")
    signature_table(
        doc,
        [
            ("MAPLECREST FOODS, INC.", "EXECUTIVE"),
            ("By: /s/ Lionel Frame", "/s/ Dana Whitlock"),
            ("Title: Chief Executive Officer", ""),
        ],
    )
    doc.save(Path(__file__).with_name("first-amendment.docx"))


if __name__ == "__main__":
    main()
