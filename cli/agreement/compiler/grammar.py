"""The instruction grammar: the phrases amendments use, and what each one does.

This file is the vocabulary of the compiler and is meant to be read by a lawyer-minded
engineer in one sitting. An instruction is read in three steps:

1. Quotations are set aside (quotes.mask): the words an instruction quotes never
   confuse the reading of its own words. `Q` below stands for one quotation.
2. The instruction is split into its *target* ("Section 13.4 of the Agreement is hereby
   amended by") and its *actions*, one after another ("deleting Q and inserting Q in
   lieu thereof", "inserting the following text immediately after the words Q and
   before the semi-colon in the fourth line of Section 13.4:"). A lead-in whose parts
   are lettered ("amended by: (a) ...; (b) ...; and (c) ...") lends its target to
   each part.
3. Each action is matched against ACTIONS, the table below; the phrase that reads the
   longest stretch wins, and the actions must read the instruction to its end. An
   action nobody's phrase reads whole is reported as needing review, never guessed.
   Whole sentences that are not "amended by ..." ("X in Section 2.1 is hereby changed
   to Y", "Section 8.3 is hereby deleted in its entirety", "Each reference to X ...")
   are read by SENTENCES; the passive voice ("the words X are deleted and the words Y are
   substituted therefor") is an action of its own, so that it reads after a lead-in, in a
   lettered part, or after "In Section 4(b),"; a part that names a unit inside its lead-in's ("amending the
   definition of Q by ...", "in clause (c), by ...") by NESTED_TARGET. A sentence or the
   proviso may be what is amended ("The second sentence of Section 2.03 is hereby
   amended by ...": SCOPE): the actions' words must then stand in it once.

An opening that is the amendment's own is read past (EFFECTIVE, AGREED_THAT,
OWN_CONDITIONS: "Effective as of the date hereof,", "The parties agree that", "Subject to
the conditions precedent set forth in Section 4 of this Amendment,"); any other condition
(CONDITIONED: "If the Buyer purchases ...,") makes the instruction a finding.

Every pattern is written with the named pieces defined first (TARGET, WHERE, VERBS,
ORDINAL, ...), so that a new phrasing is a line in a table rather than a regular
expression in the code. What the compiler checks beyond the words (the anchor stands
once, where the instruction says; the words "at the end of" a clause end it; the new
text's number is the one named) is in compile.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..address import CARDINALS

# --- the pieces -----------------------------------------------------------------------------

Q = r"§Q(?P<{name}>\d+)§"
"""A quotation set aside: its number among the instruction's quotations."""

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
ORDINAL = (
    r"(?P<{name}>"
    + "|".join(ORDINALS)
    + r"|\d+(?:st|nd|rd|th)|last|penultimate|next[\s-]+to[\s-]+last|second[\s-]+to[\s-]+last)"
)

_SPELLED = "|".join(f"{w.upper()}|{w.capitalize()}" for w in sorted(CARDINALS, key=len, reverse=True))


def ordinal(word: str) -> int | None:
    """'fourth' -> 4, '4th' -> 4, 'last' -> None (the caller decides what last means, and
    what 'penultimate' does: see from_end)."""
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else None


def from_end(word: str) -> int | None:
    """Counted from the end: 'last' -> 1, 'penultimate' / 'next to last' -> 2, else None."""
    word = " ".join(word.lower().replace("-", " ").split())
    return {"last": 1, "penultimate": 2, "next to last": 2, "second to last": 2}.get(word)


NUMBER = r"[0-9]+(?:\.[0-9]+)*[A-Z]?"
"""A section number as drafted: "13.4", "2.01A", "9.02A", "101", "2"."""
LABELS = r"(?:\s?\((?-i:[a-z0-9]{1,6}|[A-Z0-9]{1,6})\))*"
"""Clause labels run on to a number or standing alone: "(a)", "(a)(ii)", "(A)". A word in
mixed case is never a label: "Section 3.1 (Term)" cites a heading (CITED_HEADING)."""

CITED_HEADING = r"(?:\s*\((?P<{name}>[A-Z][a-z][^()§]{{0,80}}?)\))?"
"""The heading English drafting cites after a clause's number: "Clause 5.1 (Purpose)",
"paragraph (b) of Clause 12.3 (Financial condition)". The compiler checks it is the unit's
own heading; another is a finding."""
LABEL_LIST = r"\([a-zA-Z0-9]{1,6}\)(?:\s*(?:,\s*(?:and\s+)?|and\s+)\([a-zA-Z0-9]{1,6}\))*"
"""Labels listed: "(c) and (d)", "(c), (d) and (e)"."""
UNIT_WORD = r"(?:Section|Subsection|Clause|Paragraph|Subparagraph|Article|Sections?|SECTION)"

AGREEMENT = (
    r"(?:(?:of|to|in|under)\s+(?:the|this|such)\s+"
    r"(?:[A-Z][\w.&'\-]*\s+|[a-z]+\s+(?=[A-Z]))*?"
    r"(?:Agreement|Indenture|Contract|Lease|Plan|Note|Notes|Guaranty|Guarantee|Instrument|Deed)"
    r"(?:\s*\((?:as|the)[^)]*\))?"
    r"(?:,?\s+as\s+(?:amended|heretofore\s+amended|in\s+effect|amended\s+by\s+[^,]+?)(?:\s+hereby)?(?:\s+to\s+date)?,?)?"
    r"|thereof|hereof|therein|herein)"
)
"""Words naming the agreement being amended: "of the Symphony Exchange Agreement",
"to the Credit Agreement (as amended ...)", "thereof". They add nothing to an address."""

INSTRUMENT_NAMED = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ss]uch|THE|THIS)\s+(?P<name>(?:[A-Z][\w.&'\-]*\s+(?:and\s+)?){0,6}?)"
    r"(?P<kind>Agreement|Indenture|Contract|Lease|Plan|Notes?|Guaranty|Guarantee|Instrument|Deed|AGREEMENT|INDENTURE|LEASE)\b"
)
"""An instrument named in an instruction's own words: "the Credit Agreement", "the Security
Agreement", "the Guaranty", "the Existing Loan Agreement"."""

GENERIC_NAME_WORDS = frozenset(
    "existing original amended restated prior underlying current said above-referenced and the".split()
)
"""Words that name an agreement by its place in time, not by what it is: "the Existing Credit
Agreement", "the Original Agreement", "the Amended and Restated Loan Agreement"."""

TERMS = r"(?P<terms>§Q\d+§(?:\s*,\s*(?:and\s+)?§Q\d+§)*(?:\s*,?\s*and\s+§Q\d+§)?)"
"""Defined terms listed: "§Q0§", "§Q0§ and §Q1§", "§Q0§, §Q1§ and §Q2§"."""

DEFINED_IN = r"(?:(?:set\s+forth|contained|appearing)\s+)?in\s+" + UNIT_WORD + r"\s+(?P<defs_in>" + NUMBER + r")"
"""Where definitions stand: "set forth in Section 1", "in Section 1.01"."""

TARGET = (
    r"(?P<target>"
    r"(?:clause|paragraph|subparagraph|sub-clause)\s+(?P<target_def_labels>(?:\([a-zA-Z0-9]{1,6}\))+)\s+of\s+"
    r"the\s+(?:definition|defined\s+term)\s+(?:of\s+)?§Q(?P<target_term3>\d+)§(?:\s+(?:set\s+forth|contained|appearing)?\s*in\s+"
    + UNIT_WORD
    + r"\s+"
    + NUMBER
    + r")?"
    r"|the\s+(?:definition|defined\s+term)\s+(?:of\s+)?§Q(?P<target_term>\d+)§(?:\s+(?:set\s+forth|contained|appearing)?\s*in\s+"
    + UNIT_WORD
    + r"\s+(?P<target_term_in>"
    + NUMBER
    + r"))?"
    r"|§Q(?P<target_term2>\d+)§\s+definition"
    r"|(?:Recital|recital|RECITAL)\s+(?P<target_recital>\([A-Za-z0-9]{1,3}\)|[A-Z]|[0-9]{1,2})(?![\w(])"
    r"|(?:the\s+)?(?:Recitals?|recitals?|RECITALS)(?:\s+(?:section|paragraph))?"
    r"|(?:the\s+)?(?:preamble|Preamble|PREAMBLE)"
    r"|(?:the\s+)?(?P<target_ord>"
    + "|".join(list(ORDINALS)[:10])
    + r")\s+(?:recital|WHEREAS\s+clause|whereas\s+clause)"
    r"|Article\s+(?P<target_article>[IVXLC]+|[0-9]+|" + _SPELLED + r")(?![\w.])"
    r"|(?:(?:clause|paragraph|subsection|subparagraph|sub-clause)\s+(?P<target_labels>(?:\([a-zA-Z0-9]{1,6}\))+)\s+of\s+)?"
    + UNIT_WORD
    + r"\s+(?P<target_number>"
    + NUMBER
    + r")(?P<target_tail>"
    + LABELS
    + r")"
    + CITED_HEADING.format(name="target_heading")
    + r"|(?:Exhibit|Schedule|Annex|Appendix|EXHIBIT|SCHEDULE|ANNEX|APPENDIX)\s+(?P<target_exhibit>[A-Z0-9\-]+)"
    r"|(?:clause|paragraph|subsection|subparagraph)\s+(?P<target_rel>(?:\([a-zA-Z0-9]{1,6}\))+)"
    r"|(?:the\s+)?(?:Agreement|agreement)"
    r"|(?:the|this|The|This)\s+(?:[A-Z][\w.&'\-]*\s+){0,4}(?P<target_whole>"
    r"Agreement|Indenture|Contract|Lease|Plan|Guaranty|Guarantee|Instrument|Deed)"
    r")"
    r"(?:\s+" + AGREEMENT + r")?"
)
"""What an instruction amends: a section (with clause labels), a clause of a section, an
article ("Article IV": the sections under its heading; sections are what the engine
addresses, so only a section added at its end is read), the recitals, the preamble, a recital by its place
or its letter ("Recital B"), a definition, an exhibit, or the whole
agreement ("The Agreement is hereby amended by adding ...")."""


NEWUNIT_NAMED = (
    r"new\s+(?:"
    + UNIT_WORD
    + r"|clause|paragraph|subsection)\s+(?P<new_number>"
    + NUMBER
    + LABELS
    + r"|\([a-zA-Z0-9]{1,6}\))"
)
"""A new unit named by its number, as the subject of a sentence: "new Section 5.02"."""

UNIT_NAMED = (
    r"(?:" + UNIT_WORD + r"|clause|paragraph|subsection)\s+(?P<of_number>" + NUMBER + r")(?P<of_tail>" + LABELS + r")"
    r"(?:\s+" + AGREEMENT + r")?"
)
"""A unit an action names by its number: "Section 2.02(b) of the Agreement", "clause 4.1"."""

END_OF = (
    r"at\s+the\s+end(?:\s+(?:thereof|of\s+(?:such\s+\w+|"
    + UNIT_NAMED
    + r"|(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?P<end_rel>(?:\([a-zA-Z0-9]{1,6}\))+)))"
    + r"|(?!\s+of\b))"
)
"""The end of the unit amended or of one it names: "at the end thereof", "at the end" (of the
unit amended: "adding the following at the end:"), "at the end of such Section", "at the end of Section 2.02", "at the end of clause (d)" (of the unit amended)."""


def where(n: str) -> str:
    """WHERE with its group names numbered, so an action may hold two."""
    return (
        r"(?:\s*,?\s*(?:(?:appearing|contained|set\s+forth|located)\s+)?(?:"
        r"in\s+the\s+"
        + ORDINAL.format(name="line" + n)
        + r"\s+line(?:\s+(?:thereof|of\s+"
        + UNIT_WORD
        + r"\s+"
        + NUMBER
        + LABELS
        + r"(?:\s+"
        + AGREEMENT
        + r")?"
        + r"|of\s+(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?P<line_within"
        + n
        + r">(?:\([a-zA-Z0-9]{1,6}\))+)(?:\s+(?:thereof|therein))?))?"
        r"|(?:the\s+)?"
        + ORDINAL.format(name="occurrence" + n)
        + r"\s+(?:time|place)\s+(?:it|they|such\s+\w+)\s+appears?"
        r"|(?:in\s+)?each\s+(?:place|time)\s+(?:it|they|such\s+\w+)\s+appears?(?P<each" + n + r">)"
        r"|wherever\s+(?:it|they)\s+appears?(?P<each2" + n + r">)"
        r"|where\s+(?:it|they)\s+appears?"
        r"|in\s+(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?P<within"
        + n
        + r">(?:\([a-zA-Z0-9]{1,6}\))+)\s*(?:therein|thereof|of\s+"
        + UNIT_WORD
        + r"\s+(?P<within_number"
        + n
        + r">"
        + NUMBER
        + r")(?:\s+"
        + AGREEMENT
        + r")?)?"
        r"|(?:(?:contained|appearing|set\s+forth)\s+)?in\s+(?:"
        + UNIT_WORD
        + r")\s+(?P<in_number"
        + n
        + r">"
        + NUMBER
        + r")(?P<in_tail"
        + n
        + r">"
        + LABELS
        + r")(?:\s+"
        + AGREEMENT
        + r")?"
        r"|at\s+the\s+beginning\s+(?P<at_start"
        + n
        + r">)(?:thereof|of\s+(?:such\s+\w+|the\s+first\s+sentence\s+thereof))"
        r"|at\s+the\s+end\s+(?P<at_end"
        + n
        + r">)(?:thereof|of\s+(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?P<end_within"
        + n
        + r">(?:\([a-zA-Z0-9]{1,6}\))+)\s*(?:therein|thereof|of\s+"
        + UNIT_WORD
        + r"\s+(?P<end_number"
        + n
        + r">"
        + NUMBER
        + r"))?)"
        r"|in\s+the\s+definition\s+of\s+§Q(?P<in_term" + n + r">\d+)§"
        r"|in\s+the\s+"
        + ORDINAL.format(name="in_sentence" + n)
        + r"\s+sentence(?:\s+(?:thereof|therein|of\s+"
        + UNIT_WORD
        + r"\s+"
        + NUMBER
        + LABELS
        + r"(?:\s+"
        + AGREEMENT
        + r")?))?"
        r"|(?:(?:contained|appearing|set\s+forth)\s+)?(?:therein|thereof|hereof|herein|therefrom)"
        r"))*"
    )


WHERE_DOC = """Where, within the target, the words stand: a line, a sentence ("appearing in the
third sentence thereof": they must stand there once), an occurrence, each place, a clause,
another section named inside the action ("in the fourth line of Section 13.4"), a definition
("in the definition of Q"), or the end of a clause ("the word Q at the end of clause (c)
thereof": checked to stand there, and counted among the clause's matches)."""


def _fill(template: str) -> str:
    """Expand the named pieces of a phrase: {Q:name} is a quotation, {WHERE} a place."""
    for piece, words in VERBS.items():
        template = template.replace("{" + piece + "}", words)
    out = template.replace(
        "{OLD}",
        r"(?:(?P<each_of>(?:each|every)\s+(?:instance|occurrence)\s+of|all\s+(?:instances|occurrences)\s+of"
        r"|(?:each|every)\s+reference\s+to|all\s+references\s+to)\s+)?"
        r"(?:{THE_WORDS}{Q:old}|the\s+(?P<old_mark>semi-?colon|comma|period|colon|full\s+stop))",
    )
    out = re.sub(r"\{Q:(\w+)\}", lambda m: Q.format(name=m.group(1)), out)
    out = out.replace("{WHERE}", where("1")).replace("{WHERE2}", where("2"))
    out = out.replace(
        "{THE_WORDS}",
        r"(?:(?:the|a)\s+(?:words?|phrases?|text|amounts?|dates?|numbers?|figures?|terms?|ratio|percentage|rate|sum"
        r"|dollar\s+amount|language|references?\s+(?:(?:contained\s+)?(?:therein|thereof)\s+)?to)(?:\s+of)?\s+)?",
    )
    out = out.replace("{IMMEDIATELY}", r"(?:immediately\s+)?")
    out = out.replace("{NEWUNIT_NAMED}", NEWUNIT_NAMED)
    out = out.replace(
        "{FOLLOWING}",
        r"(?:the\s+following(?:\s+(?:new\s+)?(?P<what>[\w\- ]+?\b))?|(?:a\s+)?new\s+(?P<what2>[\w\- ]+?\b))",
    )
    out = out.replace(
        "{LIEU}",
        r"(?:\s+(?:in\s+lieu\s+thereof|in\s+(?:its|their)\s+(?:place|stead)|in\s+place\s+thereof|(?:in\s+substitution\s+)?therefor"
        r"|in\s+replacement\s+thereof))?",
    )
    out = out.replace(
        "{NEWUNIT}",
        r"(?:a\s+|the\s+following\s+(?:as\s+a\s+)?)?new\s+"
        + UNIT_WORD
        + r"\s+(?P<new_number>"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\))",
    )
    out = out.replace(
        "{UNIT}",
        r"(?:"
        + UNIT_WORD
        + r"|clause|paragraph|subsection)\s+(?P<anchor>"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\)(?:\([a-zA-Z0-9]{1,6}\))*)"
        r"(?:\s+of\s+(?:" + UNIT_WORD + r"\s+(?P<anchor_of>" + NUMBER + LABELS + r")"
        r"|(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?P<anchor_of_rel>(?:\([a-zA-Z0-9]{1,6}\))+)))?",
    )
    out = out.replace("{IS}", r"(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?")
    out = out.replace(
        "{AS_FOLLOWS}",
        r"(?:,?\s*(?:to\s+read\s+|reading\s+|which\s+(?:shall\s+)?reads?\s+)?(?:in\s+its\s+entirety\s+)?as\s+follows)?",
    )
    out = out.replace(
        "{OF_TARGET}",
        r"(?:\s+(?:of|in|to)\s+" + UNIT_NAMED + r"|\s+(?:thereof|therein|hereof|of\s+such\s+\w+))?",
    )
    return out


VERBS = {
    "DELETING": r"(?:(?:deleting|delete|striking(?:\s+out)?|strike(?:\s+out)?|removing|remove)(?:\s+therefrom)?|the\s+deletion\s+of)",
    "INSERTING": r"(?:inserting|insert|adding|add|the\s+(?:insertion|addition)(?:\s+of|(?=\s+at\s+the\s+end\b)))",
    "REPLACING": r"(?:replacing|replace)",
    "SUBSTITUTING": r"(?:substituting|substitute|the\s+substitution\s+of)",
    "CHANGING": r"(?:changing|change|increasing|increase|decreasing|decrease|reducing|reduce|extending|extend)",
}
"""The verbs of the actions, as gerunds ("amended by deleting"), infinitives ("amended to
delete") or nouns ("amended by the deletion of X and the substitution of Y therefor",
"by the addition of X immediately after Y"): {DELETING} in a phrase stands for any of them. "Increasing the amount X to Y",
"extending the date X to Y" change X to Y as "changing" does."""


class Action(NamedTuple):
    """A phrase the compiler reads, and the operation it becomes."""

    name: str
    pattern: re.Pattern[str]


def _action(name: str, phrase: str) -> Action:
    return Action(name, re.compile(r"\s*" + _fill(phrase) + r"\s*", re.IGNORECASE | re.DOTALL))


# --- the actions, in the order they are tried -------------------------------------------------
#
# Each action reads one gerund phrase of an instruction: what follows "is hereby amended by".
# Sentence forms ("Section 2.1 is hereby amended and restated ...", "X is hereby changed to Y")
# are turned into these by SENTENCES below. `:` ends an action whose new words follow it (the
# block, after the colon); NEW stands for that block.

REST_ACCORDINGLY = (
    r"(?:the\s+|all\s+)?(?:remaining|subsequent|following|succeeding|other)\s+"
    r"(?P<rest_kind>(?:sub-?)?(?:clauses|paragraphs|subparagraphs|subsections|sections))"
    r"(?:\s+(?:thereof|therein|of\s+such\s+\w+))?(?:\s+(?:are|shall\s+be|will\s+be)\s+(?:hereby\s+)?"
    r"(?:re-?lettered|re-?numbered|re-?designated))?\s+accordingly"
)
"""The parts after a deleted one, relabelled to close the gap: "the remaining clauses
accordingly", "the subsequent sections thereof accordingly"."""

RELABEL_AFTER = re.compile(
    r"\s*,?\s*(?:and\s+)?(?=(?:the\s+|all\s+)?(?:remaining|subsequent|following|succeeding|other)\s+\S+"
    r"(?:\s+(?:thereof|therein|of\s+such\s+\w+))?\s+(?:are|shall\s+be|will\s+be)\s)"
    + REST_ACCORDINGLY
    + r"\s*[.;]?\s*$",
    re.IGNORECASE,
)
"""The same said after a sentence that deletes: "Clause (c) of Section 7.01 is hereby deleted,
and the remaining clauses are hereby relettered accordingly"."""

ACTIONS: tuple[Action, ...] = (
    # restate a sentence by its place (before 'restate', which would take "the second sentence"
    # for a unit it cannot name): "amending and restating the second sentence thereof to
    # read as follows:" (its words, written out, replaced)
    _action(
        "restate_sentence",
        r"(?:amending\s+and\s+restating|restating)\s+(?:in\s+its\s+entirety\s+)?the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?(?:\s+in\s+its\s+entirety)?\s+(?:so\s+as\s+)?"
        r"to\s+read\s+(?:in\s+its\s+entirety\s+)?as\s+follows\s*(?::|,?\s*{THE_WORDS}{Q:text_q})?",
    ),
    # definitions restated, each after the colon (before 'restate', which would take "the
    # following definitions" for a unit it cannot name)
    _action(
        "restate_definitions",
        r"(?:amending\s+and\s+restating|restating)\s+(?:in\s+their\s+entirety\s+)?the\s+following\s+(?:existing\s+)?(?:definitions|defined\s+terms)"
        r"(?:\s+(?:therein|thereof))?(?:\s+in\s+their\s+entirety)?\s*,?\s*(?:(?:so\s+as\s+)?to\s+read\s+)?(?:in\s+their\s+entirety\s+)?as\s+follows\s*:?",
    ),
    # amend and restate
    _action(
        "restate",
        r"(?:amending\s+and\s+restating|restating)\s+(?:(?:it|such\s+\w+|the\s+same)|"
        r"(?P<restated>.+?))(?:\s+in\s+(?:its|their)\s+entirety)?\s+(?:so\s+as\s+)?(?:to\s+read\s+)?(?:as\s+follows|in\s+the\s+form\s+of\s+(?P<exhibit_form>.+?)|as\s+set\s+forth\s+in\s+(?P<exhibit_as>.+?))\s*:?",
    ),
    # delete definitions, then (optionally) insert new ones
    _action(
        "delete_definitions",
        r"deleting\s+the\s+(?:definitions?\s+of|defined\s+terms?)\s+(?P<terms>§Q\d+§(?:\s*,\s*(?:and\s+)?§Q\d+§)*(?:\s*,?\s*and\s+§Q\d+§)?)"
        r"(?:\s+(?:(?:set\s+forth|contained|appearing)\s+)?(?:therein|therefrom|in\s+(?:"
        + UNIT_WORD
        + r")\s+(?P<defs_in>"
        + NUMBER
        + r")))?"
        r"(?:\s+in\s+(?:its|their)\s+entirety)?",
    ),
    # definitions named after the colon: "deleting the following definitions in their
    # entirety: "A" and "B"", "amending and restating the following definitions to read as
    # follows: [each new definition]"
    _action(
        "delete_definitions_following",
        r"{DELETING}\s+(?:therefrom\s+)?the\s+following\s+(?:definitions|defined\s+terms)(?:\s+(?:therefrom|therein|in\s+(?:its|their)\s+entirety))*\s*:?",
    ),
    _action(
        "add_definitions",
        r"{INSERTING}\s+(?:thereto\s*,?\s*)?(?:in\s+(?:the\s+|their\s+|its\s+)?(?:proper|appropriate|correct)\s+alphabetical\s+(?:order|sequence)\s*,\s*)?"
        r"(?:the\s+following\s+)?(?:new\s+)?(?:defined\s+terms?(?:\s+and\s+definitions?)?|definitions?)"
        r"(?:\s+(?:of|for)\s+§Q\d+§(?:\s*,?\s*(?:and\s+)?§Q\d+§)*)?"
        r"(?:\s+(?:thereto|therein|to\s+(?:"
        + UNIT_WORD
        + r")\s+(?P<defs_to>"
        + NUMBER
        + r")(?:\s+"
        + AGREEMENT
        + r")?))?"
        r"(?:\s+in\s+(?:the\s+|their\s+|its\s+)?(?:proper|appropriate|correct)\s+alphabetical\s+(?:order|sequence)(?:\s+therein)?"
        r"|\s+(?:where|as)\s+alphabetically\s+appropriate|\s+in\s+alphabetical\s+order)?"
        r"(?:\s+in\s+lieu\s+thereof)?\s*{AS_FOLLOWS}\s*:?",
    ),
    # replace words: "deleting X and inserting Y in lieu thereof", "replacing X with Y",
    # "striking X and substituting Y therefor", "deleting X and substituting therefor Y"
    _action(
        "replace",
        r"{DELETING}\s+{OLD}(?P<where1>{WHERE})(?:\s+in\s+(?:its|their)\s+entirety)?\s*,?\s+and\s+"
        r"(?:{INSERTING}|{SUBSTITUTING}|{REPLACING}\s+(?:it|them|such\s+\w+)\s+with)\s+(?:in\s+lieu\s+thereof\s+|therefor\s+|in\s+(?:its|their)\s+(?:place|stead)\s+|in\s+place\s+thereof\s+)?"
        r"{THE_WORDS}{Q:new}{LIEU}(?P<where2>{WHERE2})",
    ),
    _action(
        "replace",
        r"{REPLACING}\s+{OLD}(?P<where1>{WHERE})\s+(?:with|by)\s+{THE_WORDS}{Q:new}(?P<where2>{WHERE2})",
    ),
    _action(
        "replace",
        r"{CHANGING}\s+{THE_WORDS}{Q:old}(?P<where1>{WHERE})\s+to\s+(?:read\s+)?{THE_WORDS}{Q:new}(?P<where2>{WHERE2})",
    ),
    # a further pair after a replacement, its verb understood: "replacing X with Y and Z with W"
    _action(
        "replace_elliptic",
        r"{OLD}(?P<where1>{WHERE})\s+(?:with|by)\s+{THE_WORDS}{Q:new}(?P<where2>{WHERE2})",
    ),
    _action(
        "replace",
        r"{CHANGING}\s+(?:the\s+(?:[\w\-]+\s+){1,4}?)?(?:(?:set\s+forth|contained|appearing)\s+(?:therein\s+)?)?"
        r"from\s+{THE_WORDS}{Q:old}(?P<where1>{WHERE})\s+to\s+{THE_WORDS}{Q:new}(?P<where2>{WHERE2})",
    ),
    _action(
        "replace",
        r"{SUBSTITUTING}\s+{THE_WORDS}{Q:new}\s+for\s+{OLD}(?P<where1>{WHERE})",
    ),
    _action(
        "replace",
        r"{INSERTING}\s+{THE_WORDS}{Q:new}\s+in\s+(?:place|lieu)\s+of\s+{OLD}(?P<where1>{WHERE})",
    ),
    # the passive voice, as leases write it: "the words X are deleted and the words Y are
    # substituted therefor", "X is deleted and replaced with Y", "the words X are replaced
    # by Y", "the words X shall be deleted and Y inserted in lieu thereof"
    _action(
        "replace",
        r"{OLD}(?P<where1>{WHERE})\s+{IS}deleted(?:\s+in\s+(?:its|their)\s+entirety)?(?:\s+therefrom)?\s*,?\s+and\s+"
        r"(?P<verb_first>(?:{IS})?(?:replaced|substituted)\s+(?:with|by)\s+)?{THE_WORDS}{Q:new}"
        r"(?(verb_first)|\s+(?:{IS})?(?:substituted|inserted){LIEU})(?P<where2>{WHERE2})",
    ),
    _action(
        "replace",
        r"{OLD}(?P<where1>{WHERE})\s+{IS}(?:replaced\s+(?:with|by)|changed\s+to(?:\s+read)?)\s+{THE_WORDS}{Q:new}"
        r"(?P<where2>{WHERE2})",
    ),
    # the same with the new words after the colon: "the words X are deleted and the following
    # is substituted therefor:", "the words X are hereby replaced with the following:"
    _action(
        "replace",
        r"{OLD}(?P<where1>{WHERE})\s+{IS}(?:deleted(?:\s+in\s+(?:its|their)\s+entirety)?(?:\s+therefrom)?\s*,?\s+and\s+"
        r"(?:(?:{IS})?(?:replaced|substituted)\s+(?:with|by)\s+the\s+following(?:\s+(?:words|text|language))?"
        r"|the\s+following(?:\s+(?:words|text|language))?\s+(?:{IS})?(?:substituted|inserted){LIEU})"
        r"|replaced\s+(?:with|by)\s+the\s+following(?:\s+(?:words|text|language))?)\s*:?",
    ),
    _action(
        "delete_words",
        r"{OLD}(?P<where1>{WHERE})\s+{IS}deleted(?:\s+in\s+(?:its|their)\s+entirety)?(?:\s+therefrom)?",
    ),
    # "striking X and all that follows through the end of clause (b)"
    _action(
        "delete_through",
        r"{DELETING}\s+{THE_WORDS}{Q:old}\s+and\s+all\s+that\s+follows\s+(?:through|to)\s+the\s+end\s+of\s+"
        r"(?P<through>(?:clause|paragraph|subsection|"
        + UNIT_WORD
        + r")\s+(?:"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\)))"
        r"(?:\s+(?:thereof|therein|"
        + AGREEMENT
        + r"))?(?:\s*,?\s+and\s+(?:{INSERTING}|{SUBSTITUTING})\s+(?:in\s+lieu\s+thereof\s+|therefor\s+)?{THE_WORDS}{Q:new}{LIEU})?",
    ),
    # delete words, several listed: "deleting the words Q and Q" (each deleted)
    _action(
        "delete_words_listed",
        r"{DELETING}\s+{THE_WORDS}(?P<olds>§Q\d+§(?:\s*,\s*§Q\d+§)*\s*,?\s+and\s+§Q\d+§)(?P<where1>{WHERE})",
    ),
    # delete words
    _action(
        "delete_words",
        r"{DELETING}\s+{OLD}(?P<where1>{WHERE})(?:\s+in\s+(?:its|their)\s+entirety)?",
    ),
    # the proviso: "deleting the proviso thereto [and inserting the following in lieu thereof:]"
    _action(
        "delete_proviso",
        r"{DELETING}\s+the\s+proviso(?:\s+(?:thereto|therein|thereof|at\s+the\s+end\s+thereof))?(?:\s+in\s+its\s+entirety)?"
        r"(?:\s*,?\s+and\s+(?P<in_lieu>{INSERTING}|{SUBSTITUTING}|{REPLACING}\s+(?:it|the\s+same)\s+with)\s+"
        r"(?:in\s+lieu\s+thereof\s+|therefor\s+)?(?:{THE_WORDS}{Q:text_q}|the\s+following(?:\s+(?:new\s+)?proviso)?){LIEU}\s*:?)?",
    ),
    # a sentence replaced by its place: "replacing the second sentence thereof with the following:"
    _action(
        "delete_sentence",
        r"(?P<in_lieu>replacing)\s+the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?(?:\s+in\s+its\s+entirety)?\s+(?:with|by)\s+"
        r"(?:{THE_WORDS}{Q:text_q}|the\s+following(?:\s+(?:new\s+)?sentence)?)\s*:?",
    ),
    # a unit deleted and a new one of its number put in its place: "deleting subsection (c)
    # thereof and inserting the following new subsection (c) in lieu thereof:" (restated)
    _action(
        "unit_replaced",
        r"deleting\s+(?P<restated>(?:"
        + UNIT_WORD
        + r"|clause|paragraph|subsection)\s+(?:"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\)(?:\([a-zA-Z0-9]{1,6}\))*))(?:\s+thereof)?(?:\s+in\s+its\s+entirety)?\s+and\s+"
        r"(?:inserting|substituting)\s+(?:in\s+lieu\s+thereof\s+|therefor\s+)?the\s+following"
        r"(?:\s+new\s+(?:"
        + UNIT_WORD
        + r"|clause|paragraph|subsection)\s+(?P<new_number>"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\)))?{LIEU}\s*:?",
    ),
    # delete a sentence by its place: "deleting the second sentence thereof in its entirety"
    _action(
        "delete_sentence",
        r"(?:deleting|striking(?:\s+out)?)\s+(?:in\s+(?:its|their)\s+entirety\s+)?the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?(?:\s+in\s+(?:its|their)\s+entirety)?"
        r"(?:\s*,?\s+and\s+(?P<in_lieu>{INSERTING}|{SUBSTITUTING}|{REPLACING}\s+(?:it|the\s+same)\s+with)\s+"
        r"(?:in\s+lieu\s+thereof\s+|therefor\s+|in\s+(?:its|their)\s+place\s+)?"
        r"(?:{THE_WORDS}{Q:text_q}|the\s+following(?:\s+(?:new\s+)?sentence)?){LIEU}\s*:?)?",
    ),
    # insert at a sentence's end, before a period, at the end
    _action(
        "sentence_end",
        r"{INSERTING}\s+(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s+(?:immediately\s+)?(?:at\s+the\s+end\s+of|before\s+the\s+period\s+at\s+the\s+end\s+of)\s+"
        r"the\s+" + ORDINAL.format(name="sentence") + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?\s*:?",
    ),
    # a new sentence after (or before) another: "inserting the following new sentence after the
    # second sentence thereof:", "adding after the first sentence of Section 2.03 the following:"
    _action(
        "by_sentence",
        r"{INSERTING}\s+(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s+(?:immediately\s+)?"
        r"(?P<sentence_side>after|following|before|preceding|prior\s+to|as)\s+the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?\s*:?",
    ),
    _action(
        "by_sentence",
        r"{INSERTING}\s+(?:immediately\s+)?(?P<sentence_side>after|following|before|preceding|prior\s+to)\s+the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?\s*,?\s*(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s*:?",
    ),
    # a new sentence at the beginning: "inserting the following new sentence at the beginning
    # thereof:" (before the first sentence; words that are not a sentence are a finding)
    _action(
        "sentence_start",
        r"{INSERTING}\s+(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s+(?:immediately\s+)?at\s+the\s+beginning\s+(?:thereof|of\s+such\s+\w+)\s*:?",
    ),
    _action(
        "sentence_start",
        r"{INSERTING}\s+(?:immediately\s+)?at\s+the\s+beginning\s+(?:thereof|of\s+such\s+\w+)\s*,?\s*(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s*:?",
    ),
    _action(
        "before_final_period",
        r"{INSERTING}\s+(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s+immediately\s+(?:prior\s+to|before)\s+the\s+(?:period|full\s+stop)\s+at\s+the\s+end\s+(?:thereof|of\s+(?:such\s+\w+|"
        + UNIT_NAMED
        + r"))\s*:?",
    ),
    # the place first, as English drafting writes it: "by the insertion at the end of the words X
    # immediately before the full stop" (the words X are the new ones: the full stop places them)
    _action(
        "before_final_period",
        r"{INSERTING}\s+at\s+the\s+end(?:\s+thereof)?\s+of\s+the\s+(?:words?|text)\s+{Q:text_q}\s+immediately\s+"
        r"(?:prior\s+to|before)\s+the\s+(?:period|full\s+stop)(?:\s+at\s+the\s+end\s+(?:thereof|of\s+(?:that|such|this)\s+\w+))?\s*:?",
    ),
    # add a unit after another, before another, or at the end (before 'append', which would
    # take "the following new Section 6 at the end thereof" for a sentence)
    _action(
        "add_unit",
        r"{INSERTING}\s+(?:thereto\s+)?{NEWUNIT}(?:\s+(?:thereto|therein))?(?:\s+(?P<side>immediately\s+(?:after|following|before|preceding)|after|following|before|preceding)\s+(?:the\s+end\s+of\s+)?{UNIT}(?:\s+"
        + AGREEMENT
        + r")?|\s+at\s+the\s+end\s+(?:thereof|of\s+(?P<end_of>(?:Article|Section|Part|Subsection|Schedule|Exhibit)\s+[\w.()]+(?:\s+(?:of\s+the\s+Agreement|thereof|hereof))?)))?\s*{AS_FOLLOWS}\s*:?",
    ),
    # the same, the place first: "adding at the end thereof a new clause (d) as follows:"
    _action(
        "add_unit",
        r"{INSERTING}\s+(?:at\s+the\s+end\s+thereof|thereto)\s*,?\s*{NEWUNIT}"
        r"\s*{AS_FOLLOWS}\s*:?",
    ),
    _action(
        "append",
        r"{INSERTING}\s+(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s+(?:immediately\s+)?(?:"
        + END_OF
        + r"|thereto)(?:\s+(?:therein|thereof))?\s*:?",
    ),
    # the same, the place first: "adding at the end thereof the following sentence: ...",
    # "inserting at the end of the first sentence thereof the words ..."
    _action(
        "sentence_end",
        r"{INSERTING}\s+(?:immediately\s+)?at\s+the\s+end\s+of\s+the\s+"
        + ORDINAL.format(name="sentence")
        + r"\s+sentence{OF_TARGET}(?:\s+(?:thereof|therein))?\s*,?\s*(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s*:?",
    ),
    _action(
        "append",
        r"{INSERTING}\s+(?:immediately\s+)?"
        + END_OF
        + r"(?:\s+(?:therein|thereof))?\s*,?\s*(?:{THE_WORDS}{Q:text_q}|{FOLLOWING})\s*:?",
    ),
    # insert words after or before words, with bounds and hints
    _action(
        "insert",
        r"{INSERTING}\s+(?:(?:{THE_WORDS}{Q:text_q})|{FOLLOWING})\s+{IMMEDIATELY}(?P<side1>after|following|before|preceding|prior\s+to)\s+"
        r"(?:{THE_WORDS}{Q:anchor1}|the\s+(?P<mark1>semi-?colon|comma|colon))"
        r"(?:\s*,?\s+and\s+{IMMEDIATELY}(?P<side2>after|following|before|preceding|prior\s+to)\s+(?:{THE_WORDS}{Q:anchor2}|the\s+(?P<mark>semi-?colon|comma|period|colon|full\s+stop)))?"
        r"(?P<where1>{WHERE})\s*:?",
    ),
    _action(
        "insert",
        r"{INSERTING}\s+{THE_WORDS}{Q:text_q}\s+(?P<side1>between)\s+{THE_WORDS}{Q:anchor1}\s+and\s+(?P<side2>)"
        r"{THE_WORDS}{Q:anchor2}(?P<where1>{WHERE})",
    ),
    _action(
        "insert",
        r"{INSERTING}\s*,?\s*{IMMEDIATELY}(?P<side1>after|following|before|preceding|prior\s+to)\s+{THE_WORDS}{Q:anchor1}"
        r"(?P<where1>{WHERE})\s*,?\s*{THE_WORDS}{Q:text_q}",
    ),
    # delete a unit
    _action(
        "delete_unit",
        r"deleting\s+(?P<deleted>(?:"
        + UNIT_WORD
        + r"|clause|paragraph|subsection)\s+(?:"
        + NUMBER
        + LABELS
        + r"|\([a-zA-Z0-9]{1,6}\)(?:\([a-zA-Z0-9]{1,6}\))*)(?:\s+"
        + AGREEMENT
        + r")?|it|such\s+\w+)\s+(?:thereof\s+)?in\s+(?:its|their)\s+entirety"
        r"(?:\s+and\s+(?:(?:replacing\s+(?:it|such\s+\w+)\s+with|inserting\s+in\s+lieu\s+thereof|substituting\s+therefor)\s+(?:the\s+words?\s+)?(?P<reserved>§Q\d+§)"
        r"|(?:inserting|substituting)\s+(?:the\s+words?\s+)?(?P<reserved2>§Q\d+§)\s+(?:in\s+lieu\s+thereof|therefor)))?",
    ),
    # "... and relettering the remaining clauses accordingly" (after a deletion: the parts
    # after the one deleted take the labels that close the gap)
    _action(
        "relabel_rest",
        r"(?:re-?lettering|re-?numbering|re-?designating)\s+" + REST_ACCORDINGLY,
    ),
    # redesignate clauses
    _action(
        "redesignate",
        r"(?:re-?designating|re-?lettering|re-?numbering)\s+(?:clauses?|paragraphs?|subsections?|subparagraphs?)\s+(?P<from>"
        + LABEL_LIST
        + r"(?:\s+of\s+"
        + UNIT_WORD
        + r"\s+"
        + NUMBER
        + LABELS
        + r")?)(?:\s+thereof)?\s+(?:as|to\s+be)\s+(?:clauses?|paragraphs?|subsections?|subparagraphs?)\s+(?P<to>"
        + LABEL_LIST
        + r")(?:\s*,?\s+respectively)?",
    ),
)

WRITTEN_DATE = r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4})"
"""A date as drafted: "March 1, 2024", "1 March 2024"."""

AMENDMENT_TAKES_EFFECT = (
    r"the\s+date\s+(?:hereof|of\s+this\s+(?:[\w.]+\s+){0,3}?Amendment)"
    r"|the\s+(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|No\.|\d+)\s+)*Amendment\s+"
    r"(?:(?:No\.\s*)?\d+\s+)?Effective\s+Date"
    r"|the\s+effective\s+date\s+(?:hereof|of\s+this\s+(?:[\w.]+\s+){0,3}?Amendment)"
    r"|the\s+date\s+(?:on\s+)?(?:which|that)\s+this\s+(?:[\w.]+\s+){0,3}?Amendment\s+becomes\s+effective"
    r"|(?:immediately\s+(?:upon\s+)?)?(?:the\s+)?(?:effectiveness|execution(?:\s+and\s+delivery)?)\s+of\s+this\s+(?:[\w.]+\s+){0,3}?Amendment"
    r"|immediately"
)
"""The amendment's own date or effectiveness: "the date hereof", "the Amendment Effective
Date", "the Second Amendment Effective Date", "immediately", "the effectiveness of this
Amendment", "the execution and delivery of this Amendment", "the date on which this Amendment becomes
effective"."""

EFFECTIVE = re.compile(
    r"^\s*(?:effective|with\s+effect|from\s+and\s+after|on\s+and\s+after|as\s+of)"
    r"(?:\s+(?:as\s+of|from|on|upon|at))?\s+"
    r"(?:(?P<own>"
    + AMENDMENT_TAKES_EFFECT
    + r")|(?P<dated>"
    + WRITTEN_DATE
    + r")|(?P<other>[^,\"\u201c\u201d]{1,80}?))"
    r"\s*,\s*(?=\S)",
    re.IGNORECASE,
)
_ATTACHMENT_KIND = r"(?:Exhibit|Schedule|Annex|Appendix|EXHIBIT|SCHEDULE|ANNEX|APPENDIX)"
ATTACHMENT_REPLACED = (
    r"(?:amended\s+and\s+restated|(?:deleted\s+(?:in\s+(?:its|their)\s+entirety\s+)?and\s+)?(?:replaced|superseded|substituted))"
    r"(?:\s+in\s+(?:its|their)\s+entirety)?\s+(?:with|by)\s+(?:the\s+)?(?:new\s+)?"
    rf"(?P<attached>{_ATTACHMENT_KIND}\s+(?P<attached_label>[A-Z0-9][\w\-]*))\s+"
    r"(?:attached\s+)?(?:hereto|to\s+this\s+(?:[\w.]+\s+){0,3}?Amendment)"
    rf"(?:\s+as\s+{_ATTACHMENT_KIND}\s+(?P<attached_as>[A-Z0-9][\w\-]*))?"
)
"""An attachment replaced by one attached to the amendment: "... deleted in its entirety and
replaced with Exhibit A attached hereto", "... replaced in its entirety by the Schedule 1
attached hereto as Annex A". Where the amendment document holds the attachment, its words
are the new text (document._set_forth); where it does not, the instruction is a finding
(the sentence "replaced_by_attachment")."""

OWN_EFFECTIVE_TERM = re.compile(
    r"\bthis\s+(?:[\w.]+\s+){0,3}?Amendment\s+(?:shall\s+)?(?:become|becomes|be|is)\s+effective\b"
    r"[^.\"\u201c\u201d]*(?:[\"\u201c][^\"\u201c\u201d]*[\"\u201d][^.\"\u201c\u201d]*)*?"
    r"\(\s*(?:the|this)\s+[\"\u201c](?P<term>[^\"\u201c\u201d]{1,60})[\"\u201d]\s*\)"
    r"|[\"\u201c](?P<means>[^\"\u201c\u201d]{1,60})[\"\u201d]\s+means\s+the\s+date\s+of\s+this\s+"
    r"(?:Amendment(?:\s+Agreement)?|Agreement|Deed|Letter)\b(?!\s+(?:is|becomes)\b)",
    re.IGNORECASE,
)
"""A term the amendment defines as the time it takes effect: "This Amendment shall become
effective on the date on which the Lender has received ... (the "Effective Date")", or, as an
English amendment agreement defines it, '"Effective Date" means the date of this
Agreement' (the amendment speaks of itself as "this Agreement"). An
instruction opening "Effective as of the Effective Date," then names the amendment's own
effectiveness; a term the amendment does not so define (the agreement's own "Effective
Date", an "Extension Effective Date") does not."""

EFFECTIVE_AFTER = re.compile(
    r"\s*,\s*(?P<time>(?:effective|with\s+effect)(?:\s+(?:as\s+of|from|on|upon))?\s+"
    r"(?:(?P<own>"
    + AMENDMENT_TAKES_EFFECT
    + r")|(?P<dated>"
    + WRITTEN_DATE
    + r")|(?P<other>[^,\"\u201c\u201d]{1,80}?)))\s*[.;]?\s*$",
    re.IGNORECASE,
)
"""The same time clause closing an instruction: "..., effective as of the date hereof."."""

"""A time clause opening an instruction: "Effective as of the date hereof, Section 9.03 ...",
"With effect from the Amendment Effective Date, ...", "From and after March 1, 2024, ...".
The compiler reads the instruction after it when it names the amendment's own date or
effectiveness, or a date that is the amendment's; any other time is a finding (a change
that takes effect on its own date is not one the amendment's date can carry)."""

IS_HEREBY = r"(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:further\s+)?"

PARTIES = (
    r"(?:the\s+parties(?:\s+hereto)?|(?:each\s+of\s+)?the\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}"
    r"(?:\s*,\s*the\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})*(?:\s*,?\s+and\s+the\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})?)"
)
"""The parties as an instruction names them: "The parties", "The Borrower and the Lender",
"Each of the Company, the Agent and the Lenders"."""

AGREED_THAT = re.compile(
    r"^\s*(?:"
    + PARTIES
    + r"\s+(?:hereby\s+)?(?:acknowledges?\s+and\s+)?agrees?|it\s+is\s+(?:hereby\s+)?agreed)\s+that\s+(?=\S)",
    re.IGNORECASE,
)
""""The Borrower and the Lender agree that Section 2.02 ... is hereby amended ...": the
parties' agreement that a section is amended is the instruction; the words after it are read."""

THIS_AMENDMENT = r"this\s+(?:[\w.]+\s+){0,3}?Amendment"

OWN_CONDITIONS = re.compile(
    r"^\s*(?:(?:upon|on|as\s+of)\s+(?:the\s+effectiveness\s+of\s+"
    + THIS_AMENDMENT
    + r"|"
    + AMENDMENT_TAKES_EFFECT
    + r")"
    r"|subject\s+to\s+(?:the\s+(?:satisfaction|occurrence|fulfil+ment)\s+of\s+)?(?:"
    r"the\s+(?:conditions?(?:\s+precedent)?|terms\s+and\s+conditions|terms)\s+(?:(?:set\s+forth|contained|specified|described)\s+)?"
    r"(?:(?:in|under)\s+(?:Section|Article|Paragraph)\s+[\w.()]+\s+(?:of\s+" + THIS_AMENDMENT + r"|hereof|below|above)"
    r"|herein|hereof|(?:of|in|under)\s+" + THIS_AMENDMENT + r")"
    r"|" + AMENDMENT_TAKES_EFFECT + r"))\s*,\s*(?=\S)",
    re.IGNORECASE,
)
""""Subject to the satisfaction of the conditions precedent set forth in Section 4 of this
Amendment, Section 9.01 ...", "Subject to the terms and conditions of this Amendment,",
"Upon the effectiveness of this Amendment,": the amendment's own conditions, on which it takes effect as a
whole (its conditions section is a note); the instruction after them is read."""

CONDITIONED = re.compile(
    r"^\s*(?P<condition>(?:if|in\s+the\s+event(?:\s+that)?|unless|so\s+long\s+as|provided\s+that|subject\s+to|upon|when)\b[^;:]*?)"
    r",\s*(?=(?:the\s+)?(?:" + UNIT_WORD + r"|Article|Schedule|Exhibit|Annex|definition|Agreement|each|all)\b)",
    re.IGNORECASE,
)
"""A condition of its own before the instruction ("If the Buyer purchases ..., Section 3.01
shall be amended ..."): whether it is met is not in the words, so the change is a finding."""

SCOPE = (
    r"(?:"
    + ORDINAL.format(name="scope_sentence")
    + r"\s+sentence|"
    + ORDINAL.format(name="scope_paragraph")
    + r"\s+paragraph|(?P<scope_proviso>proviso))"
)
"""A part of a unit that is not a unit: its Nth (last, penultimate) sentence or paragraph, its
proviso."""

SCOPE_OF_TARGET = (
    r"^\s*the\s+"
    + SCOPE
    + r"\s+(?:(?:of|in|to|at\s+the\s+end\s+of)\s+"
    + TARGET
    + r"|thereof|therein|thereto)\s+"
    + IS_HEREBY
)
"""A sentence's opening when a part of a unit is what it amends: "The second sentence of
Section 2.03 is hereby ...", "The proviso to Section 2.04 is ...", "the first sentence thereof
shall be deleted" (of the unit a lead-in, or "In Clause 5.2,", names)."""

_ITEM = NUMBER + LABELS + r"|\([a-zA-Z0-9]{1,6}\)(?:\([a-zA-Z0-9]{1,6}\))*"
UNITS = (
    r"(?:each\s+of\s+)?(?P<units_kind>Sections|Subsections|Clauses|Paragraphs|Subparagraphs)\s+(?P<units>(?:"
    + _ITEM
    + r")(?:\s*,\s*(?:"
    + _ITEM
    + r"))*\s*,?\s*(?P<units_join>and|through|to)\s+(?:"
    + _ITEM
    + r"))(?:\s+(?:of|in)\s+(?P<units_of>"
    + UNIT_WORD
    + r"\s+"
    + NUMBER
    + LABELS
    + r"))?"
)
"""Units listed: "Sections 2.01 and 2.03", "each of Sections 4.1, 4.2 and 4.3", "clauses (c)
through (f) of Section 7.01" (every unit from the first to the last, as the agreement
numbers them)."""
"""'is hereby', 'are', 'shall be hereby further'."""

NAMED_UNIT = (
    r"(?:(?P<in_target>"
    + UNIT_WORD
    + r"\s+"
    + NUMBER
    + LABELS
    + r")"
    + CITED_HEADING.format(name="in_heading")
    + r"|(?P<in_target2>(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+(?:\([a-zA-Z0-9]{1,6}\))+\s+of\s+"
    + UNIT_WORD
    + r"\s+"
    + NUMBER
    + r"|the\s+definition\s+of\s+§Q\d+§(?:\s+(?:set\s+forth\s+|contained\s+)?in\s+"
    + UNIT_WORD
    + r"\s+"
    + NUMBER
    + r")?))(?:\s+"
    + AGREEMENT
    + r")?"
)
"""A unit named inside a sentence: "Section 2.02(b) of the Agreement", "the definition of Q",
"the definition of Q in Section 1.01"."""

ENTIRETY_AS_FOLLOWS = (
    r"(?:in\s+(?:its|their)\s+entirety\s*,?\s*(?:(?:so\s+as\s+)?to\s+read\s+)?as\s+follows"
    r"|to\s+read\s+in\s+(?:its|their)\s+entirety\s+as\s+follows"
    r"|(?:in\s+full\s+)?to\s+read\s+(?:in\s+full\s+)?as\s+follows"
    r"|(?:in\s+(?:its|their)\s+entirety\s+)?to\s+read\s+as\s+set\s+forth\s+in\s+(?P<exhibit>.+?)"
    r"|in\s+(?:its|their)\s+entirety\s+in\s+the\s+form\s+of\s+(?P<exhibit2>.+?))"
)
"""'in its entirety to read as follows', 'to read in its entirety as follows', or an exhibit."""

REFERS_TO = (
    r"(?:shall|is|are|will)\s+(?:hereby\s+)?(?:be\s+)?(?:deemed\s+(?:to\s+be\s+)?)?(?:a\s+)?"
    r"(?:references?\s+to|(?:deemed\s+)?to\s+refer\s+to|refer\s+to|mean|amended\s+to\s+(?:read|refer\s+to)|changed\s+to"
    r"|(?:replaced|substituted)\s+(?:with|by)(?:\s+(?:a\s+)?references?\s+to)?)"
)
"""What a reference becomes: "shall be a reference to", "shall be deemed references to", "is
hereby replaced with a reference to", "shall refer to", "shall mean"."""

REFERENCES_UNQUOTED = re.compile(
    r"^\s*(?:each|all|any)\s+references?\s+(?:(?:in|contained\s+in|throughout)\s+(?P<scope>(?:(?!§Q)[^,;])+?)\s+)?"
    r"to\s+(?P<old>(?:(?!§Q)[^,;])+?)\s+(?:(?:in|contained\s+in|throughout)\s+(?:(?!§Q)[^,;])+?\s+)?"
    + REFERS_TO
    + r"\s+(?P<new>(?:(?!§Q).)+?)\s*[.;]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""The same with the words unquoted: "All references in the Agreement to the Delivery Point
shall be deemed references to the Delivery Site". Which words of the agreement are those
references (an article before them, a plural, capitals) cannot be told exactly: a finding,
unless the words are the agreement itself ("references to this Agreement shall be references
to this Agreement as amended hereby", a ratification)."""

AGREEMENT_ITSELF = re.compile(
    r"^(?:the|this|such)\s+(?:[A-Z][\w.&'\-]*\s+){0,4}(?:Agreement|Indenture|Contract|Lease|Plan|Guaranty|Guarantee)\b"
    r"|^(?:hereunder|hereof|herein|hereby|thereunder|thereof|therein)\b",
    re.IGNORECASE,
)
"""Words that name the agreement itself, not words in it."""

SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(_fill(p), re.IGNORECASE | re.DOTALL))
    for name, p in (
        # "Section 2.1 ... is hereby amended and restated in its entirety to read as follows:",
        # "... is hereby amended to read in its entirety as follows:"
        (
            "restated",
            r"^\s*"
            + TARGET
            + r"\s+"
            + IS_HEREBY
            + r"(?:(?:amended\s+and\s+restated|amended|restated)\s+"
            + ENTIRETY_AS_FOLLOWS
            + r"|(?:amended\s+and\s+)?restated\s+(?:so\s+as\s+)?(?:to\s+read\s+)?as\s+follows)"
            + r"\s*[:.]?\s*(?P<rest>)$",
        ),
        # "The first sentence of Section 5.02 ... is hereby amended to read in its entirety as
        # follows:", "The last sentence of Section 3.01 is hereby deleted and replaced with the following:"
        (
            "sentence_restated",
            r"^\s*the\s+"
            + ORDINAL.format(name="sentence")
            + r"\s+sentence\s+(?:of|in)\s+"
            + TARGET
            + r"\s+"
            + IS_HEREBY
            + r"(?:(?:amended\s+and\s+restated|amended|restated)\s+(?:in\s+its\s+entirety\s+)?(?:so\s+as\s+)?"
            r"to\s+read\s+(?:in\s+its\s+entirety\s+)?as\s+follows"
            r"|(?:amended\s+and\s+)?restated\s+(?:in\s+its\s+entirety\s+)?as\s+follows"
            r"|(?:deleted\s+(?:in\s+its\s+entirety\s+)?and\s+)?(?:replaced|substituted)\s+(?:with|by)\s+the\s+following)"
            r"\s*[:.]?\s*(?P<rest>)$",
        ),
        # "The second sentence of Section 2.03 is hereby amended by replacing ...", "The proviso
        # to Section 2.04 is hereby amended by ...": the actions, whose words must stand in that
        # sentence (or proviso), once
        (
            "scope_amended",
            SCOPE_OF_TARGET + r"(?:amended|modified)(?:\s+as\s+follows\s*:?\s*|\s+by\b\s*|\s+to\s+)(?P<rest>.*)$",
        ),
        # "The last sentence of Section 3.02 is hereby deleted", "The proviso in Section 2.04 is
        # hereby deleted in its entirety": its words deleted
        (
            "scope_deleted",
            SCOPE_OF_TARGET + r"deleted(?:\s+in\s+(?:its|their)\s+entirety)?\s*[.;]?\s*(?P<rest>)$",
        ),
        # "Section 2.02 shall be read as if the words Q appeared after Q": not an edit of the
        # text (a finding, whose closest reading is the insertion)
        (
            "read_as_if",
            r"^(?P<rest>.*?\b(?:shall|will|is\s+to)\s+be\s+(?:read|construed|interpreted)\s+as\s+(?:if|though)\b.*)$",
        ),
        # "Section 2.1 ... is hereby amended by ..." (the usual lead-in)
        (
            "amended_by",
            r"^\s*"
            + TARGET
            + r"(?:\s*,\s*as\s+[^,]*,)?\s+"
            + IS_HEREBY
            + r"(?:amended(?:\s+and\s+supplemented)?|modified|supplemented)"
            r"(?:\s*,\s*(?:in\s+order\s+to|so\s+as\s+to|to\s+reflect|for\s+the\s+purposes?\s+of)\b[^,;:]{1,120},(?=\s*by\b))?"
            r"(?:\s+(?:as\s+follows|in\s+the\s+following\s+(?:respects|manner))\s*:?\s*|\s+by\b\s*|\s+to\s+"
            r"|\s+(?P<own_clause>as\s+set\s+(?:out|forth)\s+(?:in\s+this\s+(?:Clause|Section|paragraph)\s+\d+|below))\s*[.:]?\s*$"
            r"|\s+(?=\((?:i|a|1|A)\)\s)|\s*$)(?P<rest>.*)$",
        ),
        # "The parties hereby amend Section 9.01 of the Agreement by ...": the same, in the
        # active voice
        (
            "amended_by",
            r"^\s*"
            + PARTIES
            + r"\s+(?:hereby\s+)?(?:agrees?\s+to\s+)?amends?\s+"
            + TARGET
            + r"\s+(?:as\s+follows\s*:?\s*|by\b\s*|to\s+|(?=\((?:i|a|1|A)\)\s))(?P<rest>.*)$",
        ),
        # "A new Section 5.02 is hereby added to Article V ... to read as follows:", "The
        # following new Section 2.05 is hereby inserted immediately after Section 2.04:", "... is
        # hereby added to the Agreement immediately after Section 2.2:"
        (
            "unit_added",
            r"^\s*(?:a|the\s+following)\s+{NEWUNIT_NAMED}\s+" + IS_HEREBY + r"(?:added|inserted)\s+"
            r"(?:" + AGREEMENT + r"\s+(?=immediately|after|following|before|preceding))?"
            r"(?:(?:(?:to|in|into)\s+|at\s+the\s+end\s+of\s+)" + TARGET + r"(?:\s+at\s+the\s+end\s+thereof)?"
            r"|(?P<side>immediately\s+(?:after|following|before|preceding)|after|following|before|preceding)\s+{UNIT}"
            r"(?:\s+" + AGREEMENT + r")?)"
            r"\s*{AS_FOLLOWS}\s*[:.]?\s*(?P<rest>)$",
        ),
        # "Schedule 1 to the Agreement is hereby replaced in its entirety by Schedule 1 attached
        # hereto": the new words are the amendment's attachment, not its instruction (a finding)
        (
            "replaced_by_attachment",
            r"^\s*" + TARGET + r"\s+" + IS_HEREBY + ATTACHMENT_REPLACED + r"\s*[.;]?\s*(?P<rest>)$",
        ),
        # "Sections 2.01 and 2.03 of the Agreement are each hereby amended by ...", "Each of
        # Sections 4.1, 4.2 and 4.3 ... is hereby amended by ...": the actions, in each
        (
            "units_amended",
            r"^\s*" + UNITS + r"(?:\s+" + AGREEMENT + r")?\s+(?:is|are|shall\s+be)\s+(?:each\s+)?(?:hereby\s+)?"
            r"(?:each\s+)?(?:further\s+)?amended(?:\s+(?:as\s+follows|in\s+the\s+following\s+(?:respects|manner))\s*:?\s*"
            r"|\s+by\b\s*|\s+to\s+)(?P<rest>.*)$",
        ),
        # "Sections 10.01 and 10.02 of the Agreement are hereby amended and restated in their
        # entirety to read as follows:" (the new text gives each, opening with its number)
        (
            "units_restated",
            r"^\s*" + UNITS + r"(?:\s+" + AGREEMENT + r")?\s+" + IS_HEREBY + r"(?:each\s+)?"
            r"(?:(?:amended\s+and\s+restated|amended|restated)\s+"
            + ENTIRETY_AS_FOLLOWS
            + r"|(?:amended\s+and\s+)?restated\s+(?:so\s+as\s+)?(?:to\s+read\s+)?as\s+follows"
            r"|deleted\s+(?:in\s+their\s+entirety\s+)?and\s+(?:replaced|substituted)\s+(?:with|by)\s+the\s+following)"
            r"\s*[:.]?\s*(?P<rest>)$",
        ),
        # "Each section of the Agreement listed in the left column of the table below is hereby
        # amended and restated in its entirety to read as set forth opposite it in the right
        # column:" (each row: the section, then its new text opening with its number)
        (
            "table_restated",
            r"^\s*(?:each|every|the)\s+(?:section|provision|clause|paragraph)s?\s+of\s+the\s+(?:[A-Z][\w\-]*\s+)*Agreement\s+"
            r"(?:listed|set\s+(?:out|forth)|named|identified|referred\s+to)\s+in\s+the\s+(?:left|first)[\s-]+(?:hand\s+)?column\s+"
            r"of\s+the\s+(?:following\s+)?table(?:\s+(?:below|above|set\s+(?:out|forth)\s+below))?\s*,?\s+"
            + IS_HEREBY
            + r"(?:amended\s+and\s+restated|restated|amended)\s+(?:in\s+its\s+entirety\s+)?(?:so\s+as\s+)?(?:to\s+read\s+)?"
            r"(?:in\s+its\s+entirety\s+)?as\s+set\s+(?:out|forth)\s+(?:opposite\s+(?:it|such\s+\w+)\s+)?in\s+the\s+"
            r"(?:right|second)[\s-]+(?:hand\s+)?column(?:\s+opposite\s+(?:it|such\s+\w+))?\s*[:.]?\s*(?P<rest>)$",
        ),
        # "Section 8.3 ... is hereby deleted in its entirety [and replaced with "[Reserved]" /
        # with the following:]"
        (
            "deleted",
            r"^\s*"
            + TARGET
            + r"\s+"
            + IS_HEREBY
            + r"deleted(?:\s+in\s+(?:its|their)\s+entirety)?(?:\s+and\s+(?:(?:replaced|substituted)\s+(?:with|by)\s+"
            r"(?:(?:the\s+words?\s+)?(?P<reserved>§Q\d+§)|(?P<following>the\s+following))"
            r"|(?P<following2>the\s+following\s+(?:is\s+|shall\s+be\s+)?(?:hereby\s+)?(?:substituted|inserted)"
            r"\s+(?:(?:in\s+substitution\s+)?therefor|in\s+lieu\s+thereof|in\s+(?:its|their)\s+(?:place|stead)|in\s+place\s+thereof))))?"
            r"\s*[.;:]?\s*(?P<rest>)$",
        ),
        # "Sections 5.01 and 5.02 of the Agreement are hereby deleted in their entirety",
        # "Clauses (c) through (f) of Section 7.01 are hereby deleted"
        (
            "units_deleted",
            r"^\s*" + UNITS + r"(?:\s+" + AGREEMENT + r")?\s+" + IS_HEREBY + r"(?:each\s+)?"
            r"deleted(?:\s+in\s+their\s+entirety)?(?:\s+and\s+(?:each\s+)?(?:replaced|substituted)\s+(?:with|by)\s+"
            r"(?:the\s+words?\s+)?(?P<reserved>§Q\d+§))?\s*[.;]?\s*(?P<rest>)$",
        ),
        # "Each reference to "X" in the Agreement shall be a reference to "Y"" (and its kin)
        (
            "references",
            r"^\s*(?:each|all|any)\s+references?\s+to\s+{Q:old}\s+(?:in|contained\s+in|throughout)\s+(?P<scope>.+?)\s+"
            + REFERS_TO
            + r"\s+{Q:new}\s*[.;]?\s*(?P<rest>)$",
        ),
        # "All references in the Agreement to "X" shall be deemed to refer to "Y""
        (
            "references",
            r"^\s*(?:each|all|any)\s+references?\s+in\s+(?P<scope>.+?)\s+to\s+{Q:old}\s+"
            + REFERS_TO
            + r"\s+{Q:new}\s*[.;]?\s*(?P<rest>)$",
        ),
        # "The term "X" is hereby replaced with the term "Y" throughout the Agreement"
        (
            "references",
            r"^\s*{THE_WORDS}{Q:old}\s+"
            + IS_HEREBY
            + r"(?:replaced\s+(?:with|by)|changed\s+to)\s+{THE_WORDS}{Q:new}\s+"
            r"(?:throughout|(?:wherever|each\s+place)\s+(?:it|they)\s+appears?\s+in)\s+(?P<scope>.+?)\s*[.;]?\s*(?P<rest>)$",
        ),
        # "The words "X" in Section 2.1 are hereby changed to "Y"", "... increased to ..."
        (
            "changed_to",
            r"^\s*{THE_WORDS}{Q:old}\s+(?:(?:appearing|contained|set\s+forth)\s+)?(?:in|of)\s+"
            + NAMED_UNIT
            + r"\s+"
            + IS_HEREBY
            + r"(?:(?:changed|amended|revised|increased|decreased|reduced|extended)\s+to\s+(?:read\s+)?"
            r"|(?:deleted\s+(?:in\s+(?:its|their)\s+entirety\s+)?and\s+)?replaced\s+(?:with|by)\s+)"
            r"{THE_WORDS}{Q:new}\s*[.;]?\s*(?P<rest>)$",
        ),
        # "In Section 3.02 of the Agreement, "X" is hereby replaced by "Y""
        (
            "changed_to",
            r"^\s*in\s+"
            + NAMED_UNIT
            + r"\s*,\s*{THE_WORDS}{Q:old}\s+"
            + IS_HEREBY
            + r"(?:(?:changed|amended|revised|increased|decreased|reduced|extended)\s+to\s+(?:read\s+)?"
            r"|(?:deleted\s+(?:in\s+(?:its|their)\s+entirety\s+)?and\s+)?replaced\s+(?:with|by)\s+)"
            r"{THE_WORDS}{Q:new}\s*[.;]?\s*(?P<rest>)$",
        ),
        # "The reference in Section 7.01(b) of the Agreement to "X" is hereby amended to read "Y""
        (
            "changed_to",
            r"^\s*the\s+reference\s+in\s+"
            + NAMED_UNIT
            + r"\s+to\s+{Q:old}\s+"
            + IS_HEREBY
            + r"(?:(?:changed|amended)\s+to\s+(?:read\s+)?|replaced\s+(?:with|by)\s+(?:a\s+reference\s+to\s+)?)"
            r"{THE_WORDS}{Q:new}\s*[.;]?\s*(?P<rest>)$",
        ),
        # "The words "X" in Section 6.01(a) of the Agreement are hereby deleted"
        (
            "words_deleted",
            r"^\s*{THE_WORDS}{Q:old}\s+(?:(?:appearing|contained|set\s+forth)\s+)?in\s+"
            + NAMED_UNIT
            + r"\s+"
            + IS_HEREBY
            + r"deleted(?:\s+in\s+(?:its|their)\s+entirety)?\s*[.;]?\s*(?P<rest>)$",
        ),
        # the passive voice with its place in it: "The words "X" in Section 4(b) of the Lease are
        # hereby deleted and the words "Y" are substituted therefor" (read as the passive actions)
        (
            "passive",
            r"^\s*(?P<rest>{THE_WORDS}§Q\d+§(?:(?!§Q).)*?\s+" + IS_HEREBY + r"(?:deleted|replaced|changed)\b.*)$",
        ),
        # "In the first sentence thereof, the words "X" are replaced by "Y"" (in a lettered part,
        # of its lead-in's unit), "In the second sentence of Section 2.03, ...": the actions, whose
        # words must stand in that sentence (or proviso), once
        (
            "scope_in",
            r"^\s*in\s+the\s+" + SCOPE + r"(?:\s+(?:thereof|therein|of\s+" + TARGET + r"))?\s*,\s*(?P<rest>.*\S.*)$",
        ),
        # "In subparagraph (b) of Paragraph 4 of the Lease, the words "X" are deleted and ...":
        # the unit first, then its actions
        (
            "in_unit",
            r"^\s*in\s+(?!this\s)" + TARGET + r"\s*,\s*(?P<rest>.*\S.*)$",
        ),
        # "The definitions of "A" and "B" in Section 1.01 ... are hereby deleted in their entirety"
        (
            "definitions_deleted",
            r"^\s*the\s+definitions?\s+of\s+" + TERMS + r"(?:\s+" + DEFINED_IN + r")?(?:\s+" + AGREEMENT + r")?"
            r"\s+" + IS_HEREBY + r"deleted(?:\s+in\s+(?:its|their)\s+entirety)?\s*[.;]?\s*(?P<rest>)$",
        ),
        # "The following definition(s) (is/are) hereby added to Section 1.01 ... in the appropriate
        # alphabetical order:" (the section may be the lead-in's, or the one the agreement has)
        (
            "definitions_added",
            r"^\s*the\s+following\s+(?:new\s+)?(?:defined\s+terms?(?:\s+and\s+definitions?)?|definitions?)\s+"
            + IS_HEREBY
            + r"(?:added|inserted)"
            r"(?:\s+(?:to|in|into)\s+(?:" + UNIT_WORD + r")\s+(?P<defs_to>" + NUMBER + r")(?:\s+" + AGREEMENT + r")?)?"
            r"(?:\s*,?\s+in\s+(?:the\s+|their\s+|its\s+)?(?:proper|appropriate|correct)\s+alphabetical\s+(?:order|sequence))?\s*[.:]?\s*(?P<rest>)$",
        ),
        # "The following definitions in Section 1.01 ... are hereby amended and restated in their
        # entirety as follows:" (each new definition after the colon restates the one of its term)
        (
            "definitions_restated",
            r"^\s*the\s+following\s+(?:existing\s+)?(?:definitions?|defined\s+terms?)(?:\s+"
            + DEFINED_IN
            + r")?(?:\s+"
            + AGREEMENT
            + r")?\s+"
            + IS_HEREBY
            + r"(?:each\s+)?(?:amended\s+and\s+restated|restated|amended)\s+(?:in\s+(?:its|their)\s+entirety\s*,?\s*)?"
            r"(?:(?:so\s+as\s+)?to\s+read\s+)?(?:in\s+(?:its|their)\s+entirety\s+)?as\s+follows\s*[.:]?\s*(?P<rest>)$",
        ),
        # "Each of the following definitions in Section 1.01 ... is hereby deleted in its
        # entirety: "A"; "B"." (the terms after the colon)
        (
            "definitions_deleted_following",
            r"^\s*(?:each\s+of\s+)?the\s+following\s+(?:definitions?|defined\s+terms?)(?:\s+"
            + DEFINED_IN
            + r")?(?:\s+"
            + AGREEMENT
            + r")?\s+"
            + IS_HEREBY
            + r"(?:each\s+)?deleted(?:\s+in\s+(?:its|their)\s+entirety)?\s*[.:]?\s*(?P<rest>)$",
        ),
        # "Clauses (c) and (d) of Section 7.01 ... are hereby redesignated as clauses (d) and (e)"
        (
            "redesignated",
            r"^\s*(?P<from>.+?)\s+"
            + IS_HEREBY
            + r"(?:re-?designated|re-?numbered|re-?lettered)\s+(?:as\s+)?(?P<to>.+?)\s*[.;]?\s*(?P<rest>)$",
        ),
    )
)

NESTED_TARGET = re.compile(
    _fill(
        r"^\s*(?:by\s+)?(?:amending|changing|modifying|in)\s+"
        + TARGET
        + r"(?:\s+(?:by|to)\s+|\s*,\s*(?:by\s+)?)(?P<rest>.*)$"
    ),
    re.IGNORECASE | re.DOTALL,
)
"""A part that names a unit inside the one its lead-in amends, and then says how:
"amending the definition of Q by deleting ...", "in clause (c) thereof, by inserting ..."."""

CONNECTOR = re.compile(
    r"\s*(?:,\s*)?(?:;\s*)?(?:and|as\s+well\s+as)?\s*(?:by\s+)?(?:\((?:[a-h]|[ivx]{1,5}|\d{1,2})\)\s*)?(?:by\s+)?",
    re.IGNORECASE,
)
"""What joins two actions of one instruction: ", and", "; and", "and", ";", "and (ii)"; and
what may open the first: "by", "(i)"."""

INLINE_PART = re.compile(
    r"(?:^\s*|[;,]\s*(?:and\s+)?)\((?P<label>[ivx]{1,5}|[a-hA-H]|\d{1,2})\)\s+(?=(?:by\s+)?(?:in|amending|deleting|inserting|adding|"
    r"replacing|striking|substituting|restating|changing)\b)",
    re.IGNORECASE,
)
"""A lettered part run on inside one instruction: "(i) in clause (a), by ...; and (ii) ..."."""

AMENDING_VERBS = re.compile(
    r"\b(?:is|are|shall\s+be)\s+(?:hereby\s+)?(?:further\s+)?(?:amended|deleted|restated|changed|replaced|modified|supplemented)\b"
    r"|\bhereby\s+(?:amends?|deletes?|restates?)\b"
    r"|\b(?:is|are|shall\s+be)\s+(?:hereby\s+)?(?:added|inserted|redesignated|renumbered|substituted|increased|decreased|reduced|extended)\b"
    r"|\bread\s+as\s+(?:if|though)\b"
    r"|\breferences?\s+to\s+§Q\d+§\s+(?:in|contained\s+in|throughout)\b"
    r"|^\s*(?:by\s+)?(?:deleting|inserting|striking|replacing|substituting|adding|amending|restating|redesignating)\b"
    r"|\b(?:deleting|inserting|striking|replacing|substituting|adding|restating)\b.*§Q\d+§",
    re.IGNORECASE,
)
"""An operative section that amends text says so with one of these; one that does not
(a consent, a waiver, representations, counterparts, governing law) becomes a note. In
doubt, a provision is read as an instruction: one that cannot be read is a finding, while
an instruction taken for a note would be dropped without a word."""

NAMES_A_UNIT = re.compile(
    r"\b(?:Sections?|Paragraphs?|Subsections?|Subparagraphs?|Clauses?|Articles?|Exhibits?|Schedules?|Annex(?:es)?"
    r"|Appendix|Appendices)\s+(?:\d|\(|[IVXLC]+\b|[A-Z]\b|" + _SPELLED + r")"
    r"|\bdefinitions?\s+of\b|§Q\d+§\s+definition|\b(?:" + "|".join(ORDINALS) + r"|last)\s+sentence\b",
    re.IGNORECASE,
)
EDIT_WORDS = re.compile(
    r"\b(?:amend(?:s|ed|ing)?|delet(?:e|es|ed|ing)|insert(?:s|ed|ing)?|strik(?:e|es|ing)|struck|"
    r"replac(?:e|es|ed|ing)|substitut(?:e|es|ed|ing)|add(?:s|ed|ing)?|restat(?:e|es|ed|ing)|"
    r"revis(?:e|es|ed|ing)|modif(?:y|ies|ied|ying)|chang(?:e|es|ed|ing)|renumber(?:s|ed|ing)?|"
    r"redesignat(?:e|es|ed|ing)|reads?\s+(?:in\s+(?:its|their)\s+entirety\s+)?as\s+follows|to\s+read)\b"
    r"|§Q\d+§\s+(?:shall\s+)?becomes?\b",
    re.IGNORECASE,
)
NOT_AN_EDIT = re.compile(
    r"\b(?:except\s+)?as\s+(?:expressly\s+|so\s+|further\s+|previously\s+)?(?:amended|modified|supplemented|"
    r"restated|changed|provided)(?:\s+(?:and\s+restated|hereby|herein|hereunder|by\s+(?:this|the)\s+\w+(?:\s+No\.\s*\d+)?"
    r"|from\s+time\s+to\s+time))*"
    r"|\b(?:the|an?|such)\s+(?:amended|restated|modified|revised)\b"
    r"|\bamended\s+hereby\b",
    re.IGNORECASE,
)


def edits_a_unit(masked: str) -> bool:
    """Does a provision name a unit of the agreement and say an edit word of it ("Section
    3.1 of the Agreement is hereby struck", "The parties amend Paragraph 4 ...")? Such a
    provision is never a note: it compiles or is a finding. Words that speak of the
    agreement as amended ("except as amended hereby", "the amended Schedule 1") are no
    edit."""
    return bool(NAMES_A_UNIT.search(masked)) and bool(EDIT_WORDS.search(NOT_AN_EDIT.sub(" ", masked)))


NOTE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in (
        ("consent", r"\bconsents?\b"),
        ("waiver", r"\bwaive(?:r|rs|s|d)?\b"),
        ("representation", r"\brepresentations?\b|\bwarrant(?:y|ies|s)\b|\bauthority\b|\benforceab"),
        ("condition", r"\bconditions?\b|\beffective(?:ness)?\b|\beffect\s+on\b"),
        (
            "ratification",
            r"\bratif|\bconfirm|\breferences?\s+to\s+the\s+agreement|\bread\s+and\s+construed|\bfull\s+force\b",
        ),
        ("counterparts", r"\bcounterparts?\b"),
        ("governing-law", r"\bgoverning\s+law\b|\bgoverned\s+by\b|\blaws?\s+of\s+the\s+(?:state|commonwealth)\b"),
    )
)
"""What kind of provision a note is, read from its heading first, then its words."""
