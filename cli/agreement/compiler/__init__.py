"""Amendment documents into operations.

The instruction grammar (grammar.py), quotations that nest (quotes.py), the reading of
provisions and the check of each operation against the agreement as amended so far
(compile.py), and the amendment document as a reader gives it (document.py). Here:
one amendment document compiled against the agreement it amends.
"""

from __future__ import annotations

from typing import NamedTuple

from ..errors import NeedsReview, WrongKindOfDocument
from ..model import Agreement, Amendment
from .compile import Compiled, Finding, Provision, compile_provisions


class CompiledAmendment(NamedTuple):
    """An amendment document compiled: the amendment (its operations and notes), what the
    compiler found that needs review, and the words each operation was read from."""

    amendment: Amendment
    compiled: Compiled
    document: str

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.compiled.findings


def compile_document(
    name: str, document: Agreement, agreement: Agreement, *, sequence: int | None = None
) -> CompiledAmendment:
    """The amendment document `document` (a reader's model of it, read from `name`) as
    operations on `agreement`, the agreement as amended through the amendments before
    it. Its sequence number is the one its title gives, else `sequence`."""
    from .document import bears_on_an_agreement, heading, provisions, stray_instructions

    h = heading(document)
    seq = h.sequence if h.sequence is not None else sequence
    if seq is None:
        seq = len(agreement.amended_by) + 1
    shell = Amendment(h.id, h.title, agreement.id, seq, h.dated, document.date, (), file=name)
    compiled = compile_provisions(provisions(document), agreement, shell)
    stray = stray_instructions(document)
    if stray:
        compiled = compiled._replace(findings=(*compiled.findings, *stray))
    if not compiled.changes and not compiled.findings and not bears_on_an_agreement(h.title):
        # an agreement given as an amendment (the agreement twice, or the files swapped):
        # nothing to apply, and no title that says otherwise
        raise WrongKindOfDocument(name, h.title, given_as="amendment")
    amendment = shell._replace(changes=compiled.changes, notes=compiled.notes)
    return CompiledAmendment(amendment, compiled, name)


def refuse_unreviewed(done: CompiledAmendment) -> Amendment:
    """The amendment, or NeedsReview listing every instruction that needs review."""
    if not done.findings:
        return done.amendment
    n = len(done.findings)
    details = tuple(
        f"{f.cited}: {f.reason}" + (f" (closest reading: {f.closest})" if f.closest else "") for f in done.findings
    )
    raise NeedsReview(
        f"{done.document}: {n} instruction{'s' if n > 1 else ''} of {done.amendment.title} "
        f"need{'s' if n == 1 else ''} review; nothing was applied",
        details=details,
        hint=f"see each one with `agreement compile {done.document} --agreement AGREEMENT`; where the compiler "
        "cannot read an instruction, write the amendment as YAML (`-o FILE.yaml` gives a start)",
    )


__all__ = ["CompiledAmendment", "Finding", "Provision", "compile_document", "refuse_unreviewed"]
