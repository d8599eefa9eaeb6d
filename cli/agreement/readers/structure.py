"""The structure of an agreement, recognised in its paragraphs: one recogniser that
every reader (text, and later HTML, Word, Markdown) feeds.

A reader hands over paragraphs, each with its lines and their line numbers in the
source; this module builds the model the YAML reader builds, keeping each unit's
original line breaks, and says what it could not place and where it was unsure.
Line 1 of a unit is the line its number stands on: when the number and heading stand
alone above the text, the text begins on line 2 (or lower, for a heading over two
lines), and the unit's `text_line` says so, so that "in the fourth line of Section
2.1" counts as a reader of the printed page counts.

Recognised, in the common drafting conventions:

- the title block (the first paragraph in capitals before the preamble; other lines
  of a cover page are listed as not placed), the date (from the preamble: "dated as
  of March 3, 2021", "made this 3rd day of March, 2021"), the parties and their short
  names ('Alder Corp., a Delaware corporation (the "Company")', and a one-sided
  instrument's 'made ... by X (the "Guarantor"), in favor of Y (the "Lender")', and a
  role, 'Stork Capital LLC, as agent (the "Agent")'); a title in capitals is spelled
  as the preamble spells its words ("Otter Holdings LLC", "Non-Disclosure");
- the preamble ("THIS ... AGREEMENT ... is entered into ... by and between ...");
- recitals: paragraphs opening with WHEREAS, or lettered ("A.", "(A)") or numbered
  ("1." with no heading, unless lettered recitals came first) under a
  RECITALS / BACKGROUND / WITNESSETH heading; "NOW, THEREFORE" closes the last one; a
  recital's clauses that run on in its paragraph ("for (a) ... and (b) ...") become its
  parts, so `recitals(a)` names one;
- ARTICLE headings ("ARTICLE VI", "Article 6", "ARTICLE FIVE", "Article V - COVENANTS",
  the heading on the same line or the next; a dash or colon between number and heading
  is listed as not placed; "I.", "II." with a heading in capitals, next in sequence from
  "I.") and the article's introductory paragraphs before its first section;
- sections: "Section 1.01.", "SECTION 1.01", "1.1", "13.4.", "2.", "Section 101.",
  "2.01A", "Sec. 3.", "§ 4", "PARAGRAPH 3.", "5.1.1" (under "5.1"); a section numbered "13.4" goes under a
  section "13" when there is one. The number is kept as printed ("Section 1.01."), addressed by its digits
  (`--section 1.01`);
- run-in headings ("Term. The term ...", "AMENDMENTS AND WAIVERS. Neither ..."),
  headings alone on their line, a heading with no period on the number's line over its
  text ("Section 3 TERMINATION" / "The Company may ..."), and a heading alone above a
  section that has none ("PURCHASE PRICE" over "Section 2. The price ..."); a field and
  its value ("Users: 50.") is never a heading;
- subsections and clauses (a) / (i) / (A) / (1), nested by the sequence each
  continues, also printed after their section's number ("2.01(b) ..."); "(i)" after
  "(h)" is a letter unless "(ii)" follows it; "(b)  (i) ..." is
  (b) beginning with its clause (i); a list "1.", "2." set in from its section (a
  Markdown ordered list) is the section's clauses, and of two that continue one
  sequence, the one it stands level with is its sibling;
- clauses that run on in a unit's one paragraph ("The Company shall (a) pay ...; (b)
  deliver ...; and (c) file ..."), by the conservative rule in `_inline_clauses`: the
  unit's parts, `run_in`, so `2.1(b)` names one; references ("Section 8.4(a)",
  "clause (a)") and labels in a sentence that goes on stay text;
- a paragraph set back from the clauses before it (a flush-left "provided, however,
  ..." after indented clauses) closes the unit the clauses belong to: the unit's closing
  paragraph, after its parts. Each reader says how far in a paragraph stands (plain
  text by its first line; HTML, Word and Markdown by the margins, indents and list
  nesting they set, handed over as the lines' indentation);
- definitions: '"X" means', '"X" shall mean', '"X" has the meaning set forth in',
  '"X" includes' (in double quotes, or in single curly ones), 'As used herein, the term "X" shall mean', '"X": means', '"X": any
  ...', straight or curly quotes; a table of them under a section that lists them
  ('"Board" | the board of ...'); a section whose body is just one
  definition ('1.1 "Affiliate" means ...'); lettered definitions ('(a) "Affiliate"
  means ...', and lettered in a sentence, 'In this Guaranty, (a) "Master Lease" means
  ..., and (b) ...'); clauses (a), (b) or (i), (ii) after a definition are its own; an
  exhibit's definitions outside any numbered paragraph (an annex of defined terms) are
  the exhibit's parts;
- IN WITNESS WHEREOF and the signature blocks, kept line by line (the readers hand
  over two columns one block after the other); exhibits, schedules, annexes and
  appendices ("EXHIBIT A", "EXHIBIT B - FORM OF NOTICE", "Schedule 1.1(a)", and after
  the signatures a lone "SCHEDULE"), each its
  own unit after the signatures, never glued to the last section; an exhibit's own
  numbered paragraphs are its sections (`exhibit:A(1)`), never the agreement's, and
  its text from a signature paragraph on is its closing paragraph.

Not yet: clauses run on in a paragraph one of whose labels begins a line are left in
its text (and noted: the unit's line count could not be kept); a closing paragraph that
the document sets no further back than the clauses is read as the last clause's;
two-level numbering such as "1." subsections under "Section 1" at the section's own
indentation is read as sections.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..errors import Location
from ..model import Agreement, Kind, Party, Unit, walk
from ..text import DEFINITION_INTRO, quoted_term
from .report import Unplaced, Unsure


class Line(NamedTuple):
    number: int  # 1-based, in the source file
    text: str  # without its indentation
    indent: int = 0


class Paragraph(NamedTuple):
    lines: tuple[Line, ...]
    after_break: bool = False  # a page break stands between it and the paragraph before

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def line(self) -> int:
        return self.lines[0].number


class Recognised(NamedTuple):
    agreement: Agreement
    unplaced: tuple[Unplaced, ...]
    unsure: tuple[Unsure, ...]


class NoSections(Exception):
    """The paragraphs hold no numbered section: this is not an agreement we can read."""


# --- patterns -------------------------------------------------------------------------

_Q_OPEN = '"\u201c'
_SPELLED = "|".join(
    w + "|" + w.capitalize()
    for w in "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN".split()
)
_ARTICLE = re.compile(
    r"^(?P<num>(?:ARTICLE|Article)\s+(?:[IVXLCDM]{1,7}|\d{1,3}[A-Z]?|[A-Z]|" + _SPELLED + r"))(?![A-Za-z])\.?"
    r"(?:(?P<sep>[ \t]*[-\u2013\u2014:.]{0,2}[ \t]*)(?P<rest>.*))?$",
    re.S,
)
_SECTION = re.compile(
    r"^(?P<num>(?:(?:Section|SECTION|Sec\.|SEC\.|Paragraph|PARAGRAPH|Para\.|PARA\.|\u00a7{1,2})[ \t]*(?P<n1>\d{1,4}(?:\.\d{1,3}){0,3}[A-Z]?)"
    r"|(?P<n2>\d{1,3}(?:\.\d{1,3}){1,3}[A-Z]?|\d{1,3}[A-Z]?(?=\.)))\.?)(?=\s|$)(?P<rest>.*)$",
    re.S,
)
_LABEL = re.compile(
    r"^(?P<num>\((?P<lab>[a-z]{1,5}|[A-Z]{1,5}|\d{1,3})\))(?=\s|$|\((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,3})\)\s)(?P<rest>.*)$",
    re.S,
)
"""A clause label beginning a paragraph: "(a) ...", and "(b)(i) ..." or "(b)  (i) ...", where
(b)'s first part begins on its own line (see `_Recogniser.attach`)."""
_LIST_ITEM = re.compile(r"^(?P<num>(?P<lab>\d{1,2}|[a-z]|[ivx]{2,4})[.)])[ \t]+(?P<rest>\S.*)$", re.S)
_DEF_VERB = re.compile(
    r"^\s*(?:\([^)]{0,80}\)\s*)?,?\s*(?:(?:and|or)\s+[\"\u201c][^\"\u201d]{1,80}[\"\u201d]\s*,?\s*)?"
    r"(?:,?\s*(?:when|as|with|for|in)\b[^\"\u201c\u201d]{0,100}?,\s*)?"
    r"(?:means|mean|shall\s+mean|has\s+the\s+meaning|have\s+the\s+meaning|shall\s+have\s+the\s+meanings?"
    r"|includes|shall\s+include|refers\s+to|is\s+defined|are\s+defined|shall\s+be\s+defined)\b",
    re.S,
)
_LEADING_QUOTED = re.compile(
    r"^"
    + DEFINITION_INTRO
    + r"(?:[\"\u201c](?P<term>[^\"\u201c\u201d\n]{1,150}?)[\"\u201d]"
    + r"|\u2018(?P<term1>[^\u2018\n]{1,150}?)\u2019(?![A-Za-z]))",
    re.S | re.IGNORECASE,
)
_COLON_MEANING = re.compile(r"^\s*:\s+")
"""'"Term": means ...' and '"Affiliate": any entity ...': a colon after the term introduces its meaning."""
_ROMAN_PART = re.compile(r"^(?P<num>[IVX]{1,5}\.)(?P<sep>[ \t]+)(?P<rest>[A-Z][^\n]*(?:\n[^\n]+)?)$")
_NUMBERED_LABEL = re.compile(r"^(?P<sec>\d{1,3}(?:\.\d{1,3}){0,3}[A-Z]?)(?=\((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,3})\)\s)")
_NUMBERED_RECITAL = re.compile(r"^(?P<num>\d{1,2}\.)[ \t]+(?P<rest>\S.*)$", re.S)
_ARTICLE_MEANING = re.compile(r"^[ \t]+(?:the|a|an|any|each|all)\s")
"""'"Board" the board of directors ...': a table of definitions, the term in one cell and its
meaning in the next."""
_WHEREAS = re.compile(r"^(?:(?P<num>\(?[A-Z]\)|[A-Z]\.)\s+)?WHEREAS\b", re.IGNORECASE)
_LETTERED = re.compile(r"^(?P<num>\([A-Z]\)|[A-Z]\.)\s+(?P<rest>\S.*)$", re.S)
_NOW_THEREFORE = re.compile(r"^NOW,?\s+THEREFORE\b", re.IGNORECASE)
_WITNESS = re.compile(
    r"^(?:IN\s+WITNESS\s+WHEREOF\b|This\s+(?:agreement|deed)\s+has\s+been\s+(?:entered\s+into|executed)\b"
    r"|(?:SIGNED|EXECUTED)\s+(?:by|as\s+a\s+deed)\b)",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"^\s*By:\s*(?:/s/|_{3,}|\[signature)", re.IGNORECASE)
"""A line a party signs on: "By: /s/ Ana Ruiz", "By: ________"."""


def _signs(p: Paragraph) -> bool:
    """Whether a paragraph after the sections is a signature block with no IN WITNESS
    WHEREOF before it ("LANDLORD: ... TENANT: ..." over "By: /s/ ..."): a few short lines,
    one of them a line to sign on. (It was read as more words of the last section.)"""
    return len(p.lines) <= 12 and any(_SIGNED.match(ln.text) for ln in p.lines)


_EXHIBIT_HEAD = re.compile(
    r"^(?P<word>EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\s+"
    r"(?P<x>[A-Z0-9](?:[A-Za-z0-9.\-]{0,11}[A-Za-z0-9])?(?:\([A-Za-z0-9]{1,4}\))*)"
    r"(?:(?P<sep>\s*[-\u2013\u2014:.]+\s*|\s+)(?P<heading>\S.*?))?\.?$"
)


class _ExhibitHead:
    """'EXHIBIT A', 'Exhibit A.', and with its title on the same line: 'EXHIBIT B - FORM OF
    NOTICE', 'Schedule 1.1(a): Approved Vendors', 'EXHIBIT C FORM OF NOTE'. The title
    must read as one (capitals after a bare space; capitalised words after a dash or a
    colon), so that prose a hard wrap puts first ("Exhibit A hereto sets ...") is not
    taken for an exhibit."""

    @staticmethod
    def match(line: str) -> re.Match | None:
        m = _EXHIBIT_HEAD.match(line)
        if m is None or m.group("heading") is None:
            return m
        heading = m.group("heading")
        if len(heading.split()) > 12 or heading.endswith((",", ";")):
            return None
        if m.group("sep").strip():
            return m if _shouted(heading) or heading_like(heading) else None
        return m if _shouted(heading) else None


_EXHIBIT = _ExhibitHead()
_BARE_EXHIBIT = re.compile(r"^(?P<word>(?:THE\s+)?(?:SCHEDULE|EXHIBIT|ANNEX|APPENDIX))(?P<x>)(?P<sep>)(?P<heading>)$")
"""A lone "SCHEDULE" or "THE SCHEDULE" (a document with one), after the signatures only:
in the body the word alone could be anything a heading says."""
_RECITALS_HEAD = re.compile(
    r"^(?:RECITALS|Recitals|R\s*E\s*C\s*I\s*T\s*A\s*L\s*S|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|Witnesseth"
    r"|BACKGROUND|Background"
    r"|PRELIMINARY\s+STATEMENTS?|Preliminary\s+Statements?)\s*[:.\-\u2014]?$"
)
_AGREEMENT_HEAD = re.compile(
    r"^(?:AGREEMENTS?|Agreements?|TERMS|Terms|AGREED\s+TERMS|Agreed\s+Terms|OPERATIVE\s+PROVISIONS"
    r"|IT\s+IS\s+(?:HEREBY\s+)?AGREED(?:\s+as\s+follows)?|It\s+is\s+(?:hereby\s+)?agreed(?:\s+as\s+follows)?)\s*[:.]?$"
)
_PREAMBLE = re.compile(
    r"^(?:THIS|This)\b.{0,300}?(?:AGREEMENT|Agreement|AMENDMENT|Amendment|INDENTURE|Indenture|PLAN|Plan|LEASE|Lease"
    r"|CONTRACT|Contract|NOTE|Note|GUARANTY|Guaranty|GUARANTEE|Guarantee|DEED|Deed)",
    re.S,
)
_MADE = re.compile(r"\b(?:dated|made|entered\s+into|effective)\b", re.IGNORECASE)
_PARTIES_WORD = re.compile(
    r"\b(?:by\s+and\s+between|by\s+and\s+among|between|among"
    r"|by(?=\s+[A-Z][^()]{0,200}\([^()]*\)\s*,?\s*(?:in\s+favou?r\s+of|for\s+the\s+benefit\s+of)\b))\b",
    re.IGNORECASE,
)
"""Where the parties are named: "between" / "among", or a one-sided instrument's "made ... by
Willowmere Corp. (the "Guarantor"), in favor of ..."."""
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DATE = re.compile(
    rf"(?P<md>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"|(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_OWN_DATE = re.compile(
    r"\b(?:is|are|was|were|shall\s+be)\s+(?:hereby\s+)?(?:made|entered\s+into|made\s+and\s+entered\s+into|"
    r"effective|executed|dated)(?:\s+(?:and\s+)?(?:effective|entered\s+into))?(?:\s+(?:as\s+of|on|at))?\s*(?:the\s+)?$"
    r"|\bmade\s+and\s+entered\s+into\s+(?:as\s+of\s+|on\s+)?$",
    re.IGNORECASE,
)
"""Words before the date a document gives itself: "is entered into as of", "is made on",
"is effective as of", "made and entered into as of"."""
_OTHERS_DATE = re.compile(
    r"\b(?:the|that\s+certain|said|a|an)\s+(?:[\w&'\-]+\s+){0,8}?(?:Agreement|Lease|Indenture|Notes?|Guaranty|"
    r"Contract|Plan|Amendment|Instrument)(?:\s*\([^)]*\))?,?\s+(?:dated|entered\s+into|made)(?:\s+as\s+of|\s+on)?\s*$",
    re.IGNORECASE,
)
"""Words before another instrument's date, which an amendment's preamble names first: "to
the Master Services Agreement dated", "that certain Lease dated as of"."""
_SMALL = frozenset(
    "a an and as at but by for from in into of on or per than that the this to under upon with its their".split()
)


def _section_match(text: str) -> re.Match | None:
    """A section number at the start of a paragraph, but not a cross-reference that a
    hard wrap put there ("Section 8.4 herein", "Section 2 of the ...")."""
    m = _SECTION.match(text)
    if m is None:
        return None
    rest = m.group("rest").lstrip()
    if rest and (rest[0].islower() or rest[0] in ",;:)%"):
        return None
    return m


def _article_match(text: str) -> re.Match | None:
    """An ARTICLE heading, but not "Article VI hereof" that a hard wrap put first."""
    m = _ARTICLE.match(text)
    if m is None:
        return None
    rest = (m.group("rest") or "").lstrip()
    if rest and (rest[0].islower() or rest[0] in ",;)"):
        return None
    return m


def reads_as_reference(text: str) -> bool:
    """'Section 2.01.' or 'Section 2.04 or 6.01.' alone: a reference a line break put
    first, when the line before runs on; a section would carry a heading or text."""
    m = _SECTION.match(text)
    if m is None:
        return False
    rest = m.group("rest").strip()
    return not split_heading(rest)[0] and not _definition_term(rest) and len(rest.split()) <= 4


def begins_unit(text: str, exhibits: bool = True) -> bool:
    """Does a line (or paragraph) begin a unit? Readers use it to split and join paragraphs
    (an exhibit's heading stands alone, so a line inside a block is never taken for one)."""
    return bool(
        _article_match(text)
        or _section_match(text)
        or _LABEL.match(text)
        or _definition_term(text)
        or _WHEREAS.match(text)
        or _NOW_THEREFORE.match(text)
        or _WITNESS.match(text)
        or (exhibits and _EXHIBIT.match(text.split("\n", 1)[0]))
    )


def _definition_term(text: str) -> str | None:
    m = _LEADING_QUOTED.match(text)
    if not m:
        return None
    after = text[m.end() :]
    colon = _COLON_MEANING.match(after)
    if not _DEF_VERB.match(after[colon.end() :] if colon else after) and not (
        colon and after[colon.end() :][:1].islower()
    ):
        return None
    return quoted_term(text) or (m.group("term") or m.group("term1")).strip()


_FIELD_VALUE = re.compile(r"\w:\s+\S")


def heading_like(h: str) -> bool:
    """A run-in or standalone heading: short, and every significant word capitalised."""
    words = h.split()
    if not 1 <= len(words) <= 15 or h[:1] in _Q_OPEN or len(h) < 2:
        return False
    if not (h[0].isupper() or h[0] in "[("):
        return False
    if len(words) == 1 and len(h) == 1:
        return False
    if _FIELD_VALUE.search(h):  # "Territory: the United Kingdom", "Assignor: Rook LLC": a field and its value
        return False
    for w in words:
        core = w.strip("()[],;:'\u2019\"")
        if not core or not core[0].isalpha():
            continue
        if core.casefold() in _SMALL:
            continue
        if not core[0].isupper():
            return False
    return True


_HEADING_WORDS = r"(?:[^.\n]|(?<=\d)\.(?=\d))"  # no period, but one inside a number: "Section 2.3 (Interest)"
_RUN_IN_HEADING = re.compile(rf"(?P<h>{_HEADING_WORDS}{{1,160}}(?:\n{_HEADING_WORDS}{{1,160}})?)\.(?=\s|$)")
_SENTENCE_END_WITHIN = re.compile(r"(?:\w{2}|\))\.\s+\S")
"""A sentence ending inside a line, more words after it ("Section 2.3 (Interest). Section
2.3 of the Loan" over "Agreement is amended ..."): the line is no heading above its text.
An abbreviation ("U.S. Tax Matters") is not an ending."""


def split_heading(rest: str) -> tuple[str | None, str]:
    """'Term. The term ...' -> ('Term', 'The term ...'); keeps the body's line breaks."""
    s = rest.lstrip(" \t")
    if s.startswith("\n"):
        s = s.lstrip()
    if not s:
        return None, ""
    m = _RUN_IN_HEADING.match(s)
    if m and heading_like(" ".join(m.group("h").split())) and not _definition_term(s):
        body = s[m.end() :]
        body = body.lstrip(" \t")
        if body.startswith("\n"):
            body = body.lstrip()
        return " ".join(m.group("h").split()), body
    if "\n" not in s and heading_like(s) and not re.search(r"[.;:,]$", s):
        return s, ""
    first, _, body = s.partition("\n")
    first = first.strip()
    body = body.lstrip()
    if (
        body[:1].isupper()
        and heading_like(first)
        and not re.search(r"[.;:,]$", first)
        and not _SENTENCE_END_WITHIN.search(first)
        and not begins_unit(body)
    ):
        # "Section 3 TERMINATION" over "The Company may ...": a heading with no period, its text below
        return " ".join(first.split()), body
    return None, s


# --- numbering sequences --------------------------------------------------------------

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(s: str) -> int | None:
    s = s.lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if to_roman(total) == s else None


def to_roman(n: int) -> str:
    """4 -> 'iv': a clause's label in lower-case Roman numerals."""
    out = []
    for v, r in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(r)
            n -= v
    return "".join(out)


def _styles(lab: str) -> list[str]:
    if lab.isdigit():
        return ["digit"]
    out = []
    low = lab.lower()
    case = "lower" if lab.islower() else "upper"
    if len(set(low)) == 1:
        out.append(f"alpha-{case}")
    if _roman(low) is not None:
        out.append(f"roman-{case}")
    return out


def _value(style: str, lab: str) -> int:
    if style == "digit":
        return int(lab)
    if style.startswith("roman"):
        return _roman(lab) or 0
    return (ord(lab[0].lower()) - ord("a") + 1) + 26 * (len(lab) - 1)


def _first(style: str, lab: str) -> bool:
    return _value(style, lab) == 1


# --- the tree under construction --------------------------------------------------------


MAX_CLAUSE_DEPTH = 6
"""Levels of (a) / (i) / (A) / (1) below a section: real drafting uses four or five."""


class _Node:
    __slots__ = (
        "kind",
        "number",
        "heading",
        "text",
        "children",
        "term",
        "line",
        "style",
        "lab",
        "run_in",
        "indent",
        "text_line",
    )

    def __init__(self, kind: Kind, line: int, number: str | None = None, heading: str | None = None) -> None:
        self.kind = kind
        self.number = number
        self.heading = heading
        self.text: list[str] = []
        self.children: list[_Node] = []
        self.term: str | None = None
        self.line = line
        self.style: str | None = None
        self.lab: str | None = None
        self.run_in = False
        self.indent = -1  # of the first line that began it, in plain text; -1 when not known
        self.text_line = 1  # the line its text begins on, counted from its number's line

    def freeze(self, name: str) -> Unit:
        return Unit(
            self.kind,
            self.number,
            self.heading,
            tuple(self.text),
            tuple(c.freeze(name) for c in self.children),
            term=self.term,
            run_in=self.run_in,
            location=Location(name, self.line, 1),
            # an article's lines are counted only when it has an introductory paragraph
            text_line=self.text_line if (self.text or (self.children and self.lab is not None)) else 1,
        )


_INLINE_CLAUSE = re.compile(r"(?<=\s)\(([a-z])\)(?=\s)")


def _run_in_clauses(node: _Node) -> None:
    """A recital whose clauses run on in its one paragraph ("... for (a) notes and (b)
    warrants ..."): the clauses become its parts, so `recitals(a)` names one."""
    if len(node.text) != 1 or node.children:
        return
    text = node.text[0]
    seq, expect = [], "a"
    for m in _INLINE_CLAUSE.finditer(text):
        if m.group(1) == expect:
            seq.append(m)
            expect = chr(ord(expect) + 1)
    if len(seq) < 2:
        return
    node.text = [text[: seq[0].start()].rstrip()]
    for m, nxt in zip(seq, [*seq[1:], None], strict=True):
        clause = _Node(Kind.CLAUSE, node.line + text[: m.start()].count("\n"), number=f"({m.group(1)})")
        clause.text.append(text[m.end() : nxt.start() if nxt else len(text)].strip())
        node.children.append(clause)
    node.run_in = True


_INLINE_LABEL = re.compile(r"(?<=\s)\((?P<lab>[a-z]{1,5}|[A-Z]{1,3}|\d{1,2})\)(?=\s)")
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:clauses?|sections?|subsections?|paragraphs?|subparagraphs?|sub-?clauses?|items?|articles?"
    r"|exhibits?|schedules?|annex(?:es)?|parts?|and|or|through|thru|nor)|[\d\)\]])\s*$",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"[;,:]\s*(?:(?:and|or|and/or|but|plus)\s+)?$")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+[\"\u201c]?[A-Z]")
_INLINE_KINDS = (Kind.SECTION, Kind.SUBSECTION, Kind.CLAUSE, Kind.DEFINITION)


def _inline_clauses(node: _Node, unsure: list[Unsure], taken: frozenset[str] = frozenset()) -> None:
    """Clauses that run on in a unit's one paragraph ("The Company shall (a) pay ...;
    (b) deliver ...; and (c) file ...") become its parts, addressed 2.1(b).

    The rule is a conservative one, because "(a)" in a sentence is as often a reference
    or an aside as a clause: the labels must run (a), (b), (c) (or (i), (ii); (A), (B);
    (1), (2)) from the first of their kind, two or more; each stands on its own between
    spaces, mid-line; the first follows words that are not a reference ("Section 8.4 (a)",
    "clause (a)", "and (a)"); every later one follows a list separator (";", "," or ":",
    then "and" / "or" if any); no other label of that kind stands in the paragraph
    outside the run; and no clause holds the end of a sentence that more text follows,
    so the run ends the paragraph (in "... (iii) change the percentage. Each Holder
    ..." the text goes on after the run, and where the last clause ends is not known). A run one of whose labels begins a line is left in the
    text, and noted: the unit's line count could not be kept. Each clause's own
    paragraph is then read the same way for a run of another kind ((i), (ii) in (b))."""
    if len(node.text) != 1 or node.children or node.kind not in _INLINE_KINDS:
        return
    if node.kind is Kind.SECTION and node.lab is None:
        return  # an article's introductory paragraph
    text = node.text[0]
    found = list(_INLINE_LABEL.finditer(text))
    run: list[re.Match] = []
    style: str | None = None
    for m in found:
        lab = m.group("lab")
        styles = [st for st in _styles(lab) if st not in taken]
        before = text[run[-1].end() if run else 0 : m.start()]
        if not run:
            firsts = [st for st in styles if _first(st, lab)]
            if firsts and before.strip() and not _REFERENCE_BEFORE.search(before):
                run, style = [m], firsts[0]
            continue
        assert style is not None
        if style.startswith("alpha") and lab.lower() == "ii" and run[-1].group("lab").lower() == "i":
            style = "roman" + style[5:]  # "(i)" then "(ii)": a roman run after all
        if style in styles and _value(style, lab) == _value(style, run[-1].group("lab")) + 1:
            if _LIST_SEPARATOR.search(before) and len(before.split()) >= 3:
                run.append(m)
                continue
        nested = style.startswith("alpha") and (_roman(lab.lower()) or 99) <= 10  # "(i)", "(ii)" inside (c)
        if style in styles and not nested and not _REFERENCE_BEFORE.search(text[: m.start()]):
            return  # a label of the run's kind outside the run: too uncertain to split
    if len(run) < 2:
        return
    pieces = [text[m.end() : nxt.start() if nxt else len(text)] for m, nxt in zip(run, [*run[1:], None], strict=True)]
    if any(_SENTENCE_INSIDE.search(piece.strip()) for piece in pieces):
        return  # the run ends mid-paragraph and the text goes on: the clauses' ends are not known
    if any(text[: m.start()].rstrip(" \t").endswith("\n") for m in run):
        unsure.append(
            Unsure(
                node.line,
                f"clauses {run[0].group(0)} to {run[-1].group(0)} run on in the paragraph but one begins a line: "
                "kept in the text",
            )
        )
        return
    node.text = [text[: run[0].start()].rstrip()]
    kind = Kind.SUBSECTION if node.kind is Kind.SECTION else Kind.CLAUSE
    for m, piece in zip(run, pieces, strict=True):
        clause = _Node(kind, node.line + text[: m.start()].count("\n"), number=m.group(0))
        clause.style, clause.lab = style, m.group("lab")
        term = _definition_term(piece.strip())
        if term:  # 'In this Guaranty, (a) "Master Lease" means ..., and (b) ...': a lettered definition
            d = _Node(Kind.DEFINITION, clause.line)
            d.term = term
            d.text.append(piece.strip())
            clause.children.append(d)
        else:
            clause.text.append(piece.strip())
        node.children.append(clause)
        _inline_clauses(clause, unsure, taken | {style or ""})
    node.run_in = True


def _settle_closings(node: _Node, unsure: list[Unsure]) -> None:
    """A closing paragraph is its unit's last part; one that more parts follow (a label
    after it) was not closing the unit after all: it goes on the part before it, as the
    document's order has it, and is noted."""
    for child in node.children:
        _settle_closings(child, unsure)
    kept: list[_Node] = []
    for k, child in enumerate(node.children):
        if child.kind is Kind.PARAGRAPH and (k + 1 < len(node.children) or not kept):
            target = kept[-1] if kept else node
            while target.children and target.children[-1].kind is not Kind.PARAGRAPH:
                target = target.children[-1]
            target.text.extend(child.text)
            unsure.append(Unsure(child.line, "a paragraph set back from the parts before it, kept with the last"))
            continue
        kept.append(child)
    node.children = kept


def _inline_everywhere(node: _Node, unsure: list[Unsure]) -> None:
    for child in node.children:
        _inline_everywhere(child, unsure)
    _inline_clauses(node, unsure)


class _Recogniser:
    def __init__(self, paras: list[Paragraph], name: str) -> None:
        self.paras = paras
        self.name = name
        self.unplaced: list[Unplaced] = []
        self.unsure: list[Unsure] = []
        self.front: list[Paragraph] = []
        self.preamble: _Node | None = None
        self.recitals: list[_Node] = []
        self.recitals_headed = False
        self.closed_recitals = False
        self.body: list[_Node] = []
        self.chain: list[_Node] = []
        self.signatures: _Node | None = None
        self.exhibits: list[_Node] = []
        self.want_heading: _Node | None = None
        self.heading_above: str | None = None  # a heading on its own line over the next section
        self.phase = "front"
        self.exhibit_closed = False
        self.main_body: list[_Node] | None = None  # the agreement's sections, once exhibits begin

    # --- driving -------------------------------------------------------------------

    def run(self) -> None:
        for index, p in enumerate(self.paras):
            self.index = index
            self.step(p)

    def step(self, p: Paragraph) -> None:
        t = p.text
        first = p.lines[0].text
        if self.want_heading is not None:
            node, self.want_heading = self.want_heading, None
            if len(p.lines) <= 2 and heading_like(" ".join(t.split())) and not begins_unit(t) and t[-1:] not in ",;":
                node.heading = " ".join(t.split()).rstrip(".")
                if node.kind is Kind.SECTION:  # an exhibit's lines are not counted from its number
                    node.text_line += len(p.lines)
                return
        if (
            self.phase in ("body", "signatures", "exhibits")
            and (_EXHIBIT.match(first) or (self.phase != "body" and _BARE_EXHIBIT.match(first)))
            and (self.body or self.exhibits)
        ):
            self.exhibit(p)
            return
        if self.phase == "exhibits":
            self.exhibit_paragraph(p)
            return
        if (_WITNESS.match(t) and self.phase not in ("front", "signatures")) or (
            self.phase == "body" and self.body and _signs(p)
        ):
            self.phase = "signatures"
            self.signatures = _Node(Kind.SIGNATURES, p.line)
        if self.phase == "signatures":
            assert self.signatures is not None
            self.signatures.text.append(t)
            return
        if self.phase == "front":
            if (_PREAMBLE.match(t) and (len(t.split()) >= 12 or _MADE.search(t))) or (
                len(t.split()) >= 15 and _PARTIES_WORD.search(t) and _MADE.search(t)
            ):
                self.phase = "preamble"
                self.preamble = _Node(Kind.PREAMBLE, p.line)
                self.preamble.text.append(t)
                return
            if _WHEREAS.match(t) or _RECITALS_HEAD.match(t) or _article_match(t) or self.section_start(t):
                self.phase = "preamble"
            else:
                self.front.append(p)
                return
        if self.phase == "preamble":
            if _RECITALS_HEAD.match(t):
                self.phase = "recitals"
                self.recitals_headed = True
                self.unplaced.append(Unplaced(p.line, t, "the heading above the recitals"))
                return
            if _WHEREAS.match(t):
                self.phase = "recitals"
            elif _article_match(t) or self.section_start(t) or _definition_term(t) or self.roman_article(p):
                self.phase = "body"
            elif _AGREEMENT_HEAD.match(t):
                self.unplaced.append(Unplaced(p.line, t, "the heading above the operative sections"))
                self.phase = "body"
                return
            elif self.heading_above_section(p):
                self.phase = "body"
            else:
                if self.preamble is None:
                    self.preamble = _Node(Kind.PREAMBLE, p.line)
                self.preamble.text.append(t)
                return
        if self.phase == "recitals":
            if self.recital(p):
                return
            self.phase = "body"
        self.body_paragraph(p)

    def section_start(self, t: str) -> bool:
        m = _section_match(t)
        if not m:
            return False
        if m.group("n1") or split_heading(m.group("rest"))[0]:
            return True
        # "1. The Company hereby ...", "1.1  In this Agreement, ...": the first section, headless
        return m.group("n2") in ("1", "1.1", "1.01") and not self.body and len(t.split()) >= 6

    # --- recitals ---------------------------------------------------------------------

    def recital(self, p: Paragraph) -> bool:
        t = p.text
        if _AGREEMENT_HEAD.match(t):
            self.unplaced.append(Unplaced(p.line, t, "the heading above the operative sections"))
            self.phase = "body"
            return True
        numbered = (
            _NUMBERED_RECITAL.match(t)
            if self.recitals_headed
            and not self.closed_recitals
            and all((r.number or "")[:1].isdigit() for r in self.recitals)  # not after "A.", "B."
            else None
        )
        if numbered and split_heading(numbered.group("rest"))[0] is None:
            # "1.   The Seller owns ..." under RECITALS: a recital numbered so, not Section 1
            node = _Node(Kind.RECITAL, p.line, number=numbered.group("num"))
            node.text.append(numbered.group("rest"))
            self.recitals.append(node)
            return True
        if _article_match(t) or self.section_start(t) or self.roman_article(p):
            return False
        if self.closed_recitals and (_definition_term(t) or _LABEL.match(t) or self.heading_above_section(p)):
            return False
        m = _WHEREAS.match(t)
        lettered = _LETTERED.match(t) if self.recitals_headed and not self.closed_recitals else None
        if m or lettered:
            number = (m.group("num") if m else lettered.group("num")) if (m or lettered) else None
            node = _Node(Kind.RECITAL, p.line, number=number)
            body = t[len(number) :].lstrip() if number else t
            node.text.append(body)
            self.recitals.append(node)
            return True
        if _NOW_THEREFORE.match(t):
            self.closed_recitals = True
        if not self.recitals:
            node = _Node(Kind.RECITAL, p.line)
            self.recitals.append(node)
        self.recitals[-1].text.append(t)
        return True

    # --- the operative part ------------------------------------------------------------

    def body_paragraph(self, p: Paragraph) -> None:
        t = p.text
        m = _article_match(t) or self.roman_article(p)
        if m and len(p.lines) <= 3:
            self.article(p, m)
            return
        m = _section_match(t)
        if m and (m.group("n1") or self.numbered_as_section(m, p.lines[0].indent)):
            self.section(p, m)
            return
        p = self.without_section_number(p)
        t = p.text
        m = _LABEL.match(t) or self.list_item(p)
        if m and self.chain:
            self.labelled(p, m)
            return
        term = _definition_term(t) or self.listed_definition(t)
        if term and (self.chain or self.body or self.main_body is not None):
            self.definition(p, term)
            return
        if self.heading_above_section(p):
            self.heading_above = " ".join(t.split()).rstrip(".")
            return
        self.plain(p)

    def without_section_number(self, p: Paragraph) -> Paragraph:
        """'2.01(b) The Pledgor shall ...' under Section 2.01: its clause (b), the section's
        number printed again before the label (listed as not placed, as a separator is)."""
        m = _NUMBERED_LABEL.match(p.text)
        section = next((n for n in reversed(self.chain) if n.kind is Kind.SECTION and n.lab), None)
        if m is None or section is None or m.group("sec") != section.lab:
            return p
        self.unplaced.append(Unplaced(p.line, m.group("sec"), "the section's number printed before its clause's label"))
        first = p.lines[0]
        return p._replace(lines=(first._replace(text=first.text[len(m.group("sec")) :]), *p.lines[1:]))

    def listed_definition(self, t: str) -> str | None:
        """'"Board" the board of directors ...' (a table of definitions, the term in one cell
        and its meaning in the next) in a section that lists its definitions: one whose text
        ends in a colon, or that holds definitions already. Elsewhere such a line may be a
        sentence a line break cut ('"until" each mean ...')."""
        m = _LEADING_QUOTED.match(t)
        if not m or not _ARTICLE_MEANING.match(t[m.end() :]):
            return None
        section = next((n for n in reversed(self.chain) if n.kind is Kind.SECTION), None)
        if section is None:
            return None
        listing = (section.text and section.text[-1].rstrip().endswith(":")) or any(
            c.kind is Kind.DEFINITION for c in section.children
        )
        return (m.group("term") or m.group("term1")).strip() if listing else None

    def roman_article(self, p: Paragraph) -> re.Match | None:
        """'I.   EMPLOYMENT', 'II.  COMPENSATION': a part numbered in Roman numerals with its
        heading in capitals and no word "ARTICLE", read as an article when it is the next in
        its sequence (I first), so that a lettered heading ("C. DELIVERY") is not one."""
        m = _ROMAN_PART.match(p.text)
        if m is None or len(p.lines) > 2 or not _shouted(m.group("rest")):
            return None
        value = _roman(m.group("num").rstrip("."))
        last = max((_roman(n.number.rstrip(".")) or 0 for n in self.body if n.number and n.lab is None), default=0)
        return m if value == last + 1 else None

    def heading_above_section(self, p: Paragraph) -> bool:
        """'PURCHASE PRICE' on its own line over 'Section 2. The price is ...': the heading
        of the section below it, when that section has none of its own; otherwise it
        would be glued to the end of the unit before."""
        if len(p.lines) != 1 or self.index + 1 >= len(self.paras):
            return False
        h = " ".join(p.text.split())
        if not heading_like(h) or h[-1:] in ",;:" or begins_unit(p.text):
            return False
        nxt = self.paras[self.index + 1]
        m = _section_match(nxt.text)
        return bool(
            m
            and (m.group("n1") or self.numbered_as_section(m, nxt.lines[0].indent))
            and not split_heading(m.group("rest"))[0]
        )

    def list_item(self, p: Paragraph) -> re.Match | None:
        """'1. keep the software available ...' or 'a. Section 3.2 is amended ...' set in
        from the section it stands under (a Markdown ordered list, or an indented numbered
        or lettered list): one of the section's clauses, numbered as printed ("1.", "a.")
        and addressed 2.2(1), 2.2(a); not a section, which a number at the section's own
        indent would be."""
        m = _LIST_ITEM.match(p.text)
        if m is None or not self.chain:
            return None
        section = next((c for c in reversed(self.chain) if c.kind is Kind.SECTION and c.lab is not None), None)
        if section is None or section.indent < 0 or p.lines[0].indent <= section.indent:
            return None
        return m

    def numbered_as_section(self, m: re.Match, indent: int = -1) -> bool:
        """'1.1 Definitions.', '13.4.', '2. Term.': a number without 'Section' must look like one."""
        n = m.group("n2") or ""
        rest = m.group("rest")
        if "." in n:
            return True
        # "2." must carry a heading or a definition, or follow "1." of the same sequence, so
        # that an item of a numbered list inside a section is not taken for a section
        if split_heading(rest)[0] or _definition_term(rest.lstrip()):
            return True
        return n.isdigit() and int(n) == self.next_plain_number(indent)

    def next_plain_number(self, indent: int = -1) -> int:
        """The number the next headless "N." section would bear: 1 first, then one more
        than the last top-level section numbered "N."; never inside clauses numbered so,
        unless it stands level with the sections (at an indent known to be no deeper)."""
        if self.chain and self.chain[-1].kind is not Kind.SECTION and self.chain[-1].style == "digit":
            top = self.chain[0]
            if not (0 <= indent <= top.indent and top.kind is Kind.SECTION and top.lab is not None):
                return -1
        numbers = [n.lab for n in self.body if n.kind is Kind.SECTION and n.lab and n.lab.isdigit()]
        if not self.body:
            return 1
        return int(numbers[-1]) + 1 if numbers and len(numbers) == len(self.body) else -1

    def article(self, p: Paragraph, m: re.Match) -> None:
        node = _Node(Kind.SECTION, p.line, number=" ".join(m.group("num").split()))
        rest = " ".join((m.group("rest") or "").split())
        self.separator(p, m)
        node.text_line = len(p.lines) + 1
        if rest:
            node.heading = rest.rstrip(".")
        else:
            self.want_heading = node
        self.body.append(node)
        self.chain = [node]

    def section(self, p: Paragraph, m: re.Match) -> None:
        label = m.group("n1") or m.group("n2")
        node = _Node(Kind.SECTION, p.line, number=m.group("num"))
        node.lab = label
        node.indent = p.lines[0].indent
        heading, body = split_heading(m.group("rest"))
        node.heading = heading
        if heading is None and self.heading_above is not None:
            node.heading = self.heading_above
        self.heading_above = None
        parent = None
        for i in range(len(self.chain) - 1, -1, -1):
            c = self.chain[i]
            if c.kind is not Kind.SECTION:
                continue
            if c.lab is None or label.startswith(c.lab + "."):  # an article, or the section "13" of "13.4"
                parent = i
                break
        if parent is None:
            self.body.append(node)
            self.chain = [node]
        else:
            self.chain[parent].children.append(node)
            self.chain = [*self.chain[: parent + 1], node]
        t = p.text
        # line 1 is the line the number stands on: text under a heading alone begins lower
        node.text_line = (t[: len(t) - len(body)].count("\n") if body else len(p.lines)) + 1
        if node.heading is None and not body:
            self.want_heading = node
            return
        first = _LABEL.match(body)
        if first and any(_first(st, first.group("lab")) for st in _styles(first.group("lab"))):
            # "SECTION 2.01. Commitments. (a) Revolving Advances. The Bank ...": (a) begins here
            style = next(st for st in _styles(first.group("lab")) if _first(st, first.group("lab")))
            self.attach(p, first, len(self.chain) - 1, style)
            return
        term = _definition_term(body) if body else None
        if term:
            d = _Node(Kind.DEFINITION, p.line)
            d.term = term
            d.text.append(body)
            node.children.append(d)
            self.chain.append(d)
        elif body:
            node.text.append(body)

    def labelled(self, p: Paragraph, m: re.Match) -> None:
        if self.chain and self.chain[-1].kind is Kind.PARAGRAPH:
            # a label after a closing paragraph: the parts before it are the chain again
            self.chain.pop()
            node = self.chain[-1]
            while node.children and node.children[-2 if node.children[-1].kind is Kind.PARAGRAPH else -1].style:
                node = node.children[-2 if node.children[-1].kind is Kind.PARAGRAPH else -1]
                self.chain.append(node)
        lab = m.group("lab")
        styles = _styles(lab)
        # the nearest section (or article): numbering below it is the clause sequence
        floor = max((i for i, c in enumerate(self.chain) if c.kind is Kind.SECTION), default=-1)
        choice: tuple[int, str] | None = None  # (index in chain of the sibling, style)
        indent = p.lines[0].indent
        for i in range(len(self.chain) - 1, floor, -1):
            c = self.chain[i]
            if c.style in styles and c.lab and _value(c.style, lab) == _value(c.style, c.lab) + 1:
                if choice is None:
                    choice = (i, c.style)
                    if not 0 <= indent < c.indent:
                        break
                elif 0 <= c.indent <= indent:
                    # "3." after "2." nested in "2.": the one it stands level with, as a
                    # Markdown list (or an indented plain-text list) nests them
                    choice = (i, c.style)
                    break
        firsts = [s for s in styles if _first(s, lab)]
        if firsts and len(self.chain) - floor > MAX_CLAUSE_DEPTH:
            # "(a)" after "(a)" after "(a)"...: no drafting nests that deep; a sibling, and a note
            self.unsure.append(Unsure(p.line, f"{m.group('num')} would nest more than {MAX_CLAUSE_DEPTH} levels deep"))
            self.attach(p, m, len(self.chain) - 2, firsts[0])
            return
        if firsts and (choice is None or self.ambiguous_start(lab, choice)):
            parent_i = len(self.chain) - 1
            style = firsts[0] if len(firsts) == 1 else self.pick_style(lab, firsts)
            self.attach(p, m, parent_i, style)
            return
        if choice is None:
            for i in range(len(self.chain) - 1, floor, -1):
                if self.chain[i].style in styles:
                    choice = (i, self.chain[i].style)
                    break
            self.unsure.append(Unsure(p.line, f"{m.group('num')} does not follow the numbering before it"))
            if choice is None:
                self.attach(p, m, len(self.chain) - 1, styles[0] if styles else "digit")
                return
        i, style = choice
        self.attach(p, m, i - 1, style)

    def ambiguous_start(self, lab: str, choice: tuple[int, str]) -> bool:
        """'(i)' after '(h)': a new list of roman numerals if '(ii)' is the next label."""
        if not choice[1].startswith("alpha") or _roman(lab.lower()) != 1:
            return False
        nxt = self.next_label()
        return nxt is not None and nxt.lower() == "ii"

    def pick_style(self, lab: str, firsts: list[str]) -> str:
        nxt = self.next_label()
        roman = [s for s in firsts if s.startswith("roman")]
        alpha = [s for s in firsts if s.startswith("alpha")]
        if nxt is not None and nxt.lower() == "ii" and roman:
            return roman[0]
        if nxt is not None and nxt.lower() == "j" and alpha:
            return alpha[0]
        return roman[0] if roman else firsts[0]

    def next_label(self) -> str | None:
        for q in self.paras[self.index + 1 : self.index + 40]:
            if _section_match(q.text) or _article_match(q.text):
                return None
            m = _LABEL.match(q.text)
            if m:
                return m.group("lab")
        return None

    def attach(self, p: Paragraph, m: re.Match, parent_i: int, style: str) -> None:
        parent = self.chain[parent_i]
        kind = Kind.SUBSECTION if parent.kind is Kind.SECTION and parent.lab is not None else Kind.CLAUSE
        if parent.kind is Kind.SECTION and parent.lab is None:  # an article's own clauses
            kind = Kind.SUBSECTION
        node = _Node(kind, p.line, number=m.group("num"))
        node.style, node.lab = style, m.group("lab")
        node.indent = p.lines[0].indent
        inner = _LABEL.match(m.group("rest").lstrip(" \t"))
        firsts = [st for st in _styles(inner.group("lab")) if _first(st, inner.group("lab"))] if inner else []
        if inner and firsts and style not in firsts:
            # "(b)  (i)  Additional Rent. ...": (b) has no words of its own; (i), its first part, begins here
            parent.children.append(node)
            self.chain = [*self.chain[: parent_i + 1], node]
            self.attach(p, inner, len(self.chain) - 1, firsts[0])
            return
        heading, body = split_heading(m.group("rest"))
        if heading is not None and body:
            node.heading = heading
        else:
            body = m.group("rest").lstrip(" \t")
            if body.startswith("\n"):
                body = body.lstrip()
        term = _definition_term(body) if body else None
        d = None
        if term:
            d = _Node(Kind.DEFINITION, p.line)
            d.term, d.text = term, [body]
            node.children.append(d)
        elif body:
            node.text.append(body)
        parent.children.append(node)
        # a lettered definition ('(b) "Good Reason" means ...:') holds the clauses after it
        self.chain = [*self.chain[: parent_i + 1], node, *([d] if d is not None else [])]

    def definition(self, p: Paragraph, term: str) -> None:
        i = len(self.chain) - 1
        while i > 0 and self.chain[i].kind not in (Kind.SECTION, Kind.SUBSECTION):
            i -= 1
        if self.main_body is not None and (not self.chain or self.chain[i].kind is Kind.DEFINITION):
            # in an exhibit that defines terms outside any numbered paragraph ("ANNEX A /
            # DEFINED TERMS"): each definition is one of the exhibit's parts
            node = _Node(Kind.DEFINITION, p.line)
            node.term = term
            node.text.append(p.text)
            self.body.append(node)
            self.chain = [node]
            return
        if not self.chain:
            self.plain(p)
            return
        parent = self.chain[i]
        node = _Node(Kind.DEFINITION, p.line)
        node.term = term
        node.text.append(p.text)
        parent.children.append(node)
        self.chain = [*self.chain[: i + 1], node]

    def plain(self, p: Paragraph) -> None:
        if self.chain:
            outer = self.closing_of(p)
            if outer is not None:
                closing = _Node(Kind.PARAGRAPH, p.line)
                closing.text.append(p.text)
                self.chain[outer].children.append(closing)
                self.chain = [*self.chain[: outer + 1], closing]
                return
            self.chain[-1].text.append(p.text)
            return
        if self.recitals:
            self.recitals[-1].text.append(p.text)
            self.unsure.append(Unsure(p.line, "a paragraph before the first section, kept with the last recital"))
        elif self.preamble is not None:
            self.preamble.text.append(p.text)
            self.unsure.append(Unsure(p.line, "a paragraph before the first section, kept with the preamble"))
        else:
            self.unplaced.append(Unplaced(p.line, p.text, "before the first section"))

    def closing_of(self, p: Paragraph) -> int | None:
        """Where an unnumbered paragraph after a unit's parts stands outside them: set
        back from the parts' labels (a flush-left "provided, however, that ..." after
        clauses indented under their section), it closes the unit the parts belong to;
        the index of that unit in the chain, or None (the paragraph goes on the last
        part). Only plain text has indentation to tell by; a paragraph that a page break
        begins starts with a wrapped line, whose indentation says nothing."""
        if p.after_break or self.chain[-1].kind is Kind.PARAGRAPH:
            return None
        indent = p.lines[0].indent
        for i in range(len(self.chain) - 1):
            part = self.chain[i + 1]
            if part.kind in (Kind.SUBSECTION, Kind.CLAUSE) and part.indent > indent:
                return i
        return None

    def separator(self, p: Paragraph, m: re.Match) -> None:
        """The dash or colon between a number and its heading on one line ("Article VI -
        COVENANTS", "EXHIBIT B: Form of Note") has no place in the model: listed."""
        sep = (m.group("sep") or "").strip(" \t.")
        if sep and m.group("rest" if "rest" in m.re.groupindex else "heading"):
            self.unplaced.append(Unplaced(p.line, sep, "the mark between a number and its heading"))

    def exhibit(self, p: Paragraph) -> None:
        m = _EXHIBIT.match(p.lines[0].text) or _BARE_EXHIBIT.match(p.lines[0].text)
        assert m is not None
        self.phase = "exhibits"
        word = m.group("word")
        number = f"{word} {m.group('x')}".strip()  # as printed; addressed as exhibit:A (label_of drops the word)
        node = _Node(Kind.EXHIBIT, p.line, number=number)
        rest = list(p.lines[1:])
        heading = [m.group("heading")] if m.group("heading") else []
        self.separator(p, m)
        while rest and _shouted(rest[0].text) and len(rest[0].text.split()) <= 12:
            heading.append(rest.pop(0).text)
        if heading:
            node.heading = " ".join(heading)
        if not heading and not rest:
            self.want_heading = node
        if word.casefold() != "exhibit":
            self.unsure.append(Unsure(p.line, f"{number} is kept as an exhibit"))
        self.exhibits.append(node)
        # the exhibit's own numbered paragraphs are its sections, never the agreement's
        if self.main_body is None:
            self.main_body = self.body
        self.body, self.chain = [], []
        self.exhibit_closed = False
        if rest:
            self.exhibit_paragraph(Paragraph(tuple(rest)))

    def exhibit_paragraph(self, p: Paragraph) -> None:
        """A paragraph inside an exhibit: text before its first numbered paragraph is the
        exhibit's text; numbered paragraphs are its sections (addressed exhibit:A(1)), read
        as the agreement's are; from a signature paragraph on, the exhibit's closing."""
        node = self.exhibits[-1]
        if self.exhibit_closed or (self.body and _WITNESS.match(p.text)):
            self.exhibit_closed = True
            if not node.children or node.children[-1].kind is not Kind.PARAGRAPH:
                node.children.append(_Node(Kind.PARAGRAPH, p.line))
            node.children[-1].text.append(p.text)
            return
        if not self.chain:
            m = _section_match(p.text)
            starts = (
                (m and (m.group("n1") or self.numbered_as_section(m)))
                or (_article_match(p.text) and len(p.lines) <= 3)
                or _definition_term(p.text)  # an annex of defined terms: each a definition
            )
            if not starts:
                node.text.append(p.text)
                return
        self.body_paragraph(p)
        node.children = [n for n in self.body]

    # --- the result ---------------------------------------------------------------------

    def title(self) -> str | None:
        for p in self.front:
            lines = [ln.text for ln in p.lines]
            if _FILING_LEGEND.match(p.text):
                continue  # "EXHIBIT 10.42": where the filing put the document, not its title
            if all(_shouted(x) for x in lines) and not _DATE.search(p.text):
                for q in self.front:
                    if q is not p:
                        for ln in q.lines:
                            self.unplaced.append(Unplaced(ln.number, ln.text, "a cover page line"))
                return _title_case(" ".join(lines), self.preamble.text[0] if self.preamble else "")
        for p in self.front:  # a title set in title case: a Markdown "# ...", a Word or HTML heading
            if _TITLE_CASED.match(" ".join(p.text.split())) and not _FILING_LEGEND.match(p.text):
                for q in self.front:
                    if q is not p:
                        for ln in q.lines:
                            self.unplaced.append(Unplaced(ln.number, ln.text, "a cover page line"))
                return " ".join(p.text.split())
        for p in self.front:
            for ln in p.lines:
                self.unplaced.append(Unplaced(ln.number, ln.text, "a cover page line"))
        if self.preamble is not None:
            m = re.match(
                r"^(?:THIS|This)\s+(?P<t>.+?)\s*(?:\(|,|\bis\b|\bdated\b|\bmade\b|\bentered\b)",
                self.preamble.text[0],
                re.S,
            )
            if m:
                self.unsure.append(Unsure(self.preamble.line, "the title is taken from the preamble"))
                return _title_case(" ".join(m.group("t").split()))
        return None

    def date(self) -> date:
        from .yaml import parse_date

        texts = [*(self.preamble.text if self.preamble else []), *(p.text for p in self.front)]
        for r in self.recitals[:1]:
            texts.extend(r.text)
        found: list[tuple[int, date]] = []  # (how surely it is the document's own date, the date)
        for t in texts:
            flat = " ".join(t.split())
            for m in _DATE.finditer(flat):
                if m.group("md"):
                    when = parse_date(re.sub(r"\s+", " ", m.group("md").replace(".", "")))
                else:
                    when = parse_date(f"{m.group('m').rstrip('.')} {m.group('d')}, {m.group('y')}")
                if when:
                    before = flat[max(0, m.start() - 200) : m.start()]
                    found.append((2 if _OWN_DATE.search(before) else 0 if _OTHERS_DATE.search(before) else 1, when))
        if found:
            # the document's own ("is entered into as of ..."), else the first that is not
            # another instrument's ("the Master Services Agreement dated July 1, 2022")
            return max(found, key=lambda f: f[0])[1]
        line = self.preamble.line if self.preamble else 1
        self.unsure.append(Unsure(line, "no date found in the preamble; the date is set to 1900-01-01"))
        return date(1900, 1, 1)

    def parties(self) -> tuple[Party, ...]:
        """'Alder Corp., a Delaware corporation (the "Company"), and ...' after 'between'/'among'."""
        if self.preamble is None:
            return ()
        text = " ".join(self.preamble.text[0].split())
        m = _PARTIES_WORD.search(text)
        if not m:
            return ()
        out = []
        pos = m.end()
        for pm in re.finditer(
            r"\((?P<in>[^()]*?(?:[\"\u201c](?P<short>[^\"\u201d]+)[\"\u201d]|\u2018(?P<short1>[^\u2018]+?)\u2019(?![A-Za-z]))[^()]*)\)",
            text,
        ):
            if pm.start() < pos:
                continue
            short = (pm.group("short") or pm.group("short1")).strip()
            segment = re.sub(
                r"^[\s,;]*(?:and\s+|in\s+favou?r\s+of\s+|for\s+the\s+benefit\s+of\s+)?", "", text[pos : pm.start()]
            ).strip(" ,")
            pos = pm.end()
            if not segment or short.casefold().removeprefix("this ") in ("agreement", "amendment"):
                continue
            if segment.startswith("as ") and out:  # '("Saltmarsh"), as administrative agent (the "Agent")'
                out[-1] = out[-1]._replace(role=segment[3:].strip(" ,"))
                continue
            role = re.search(r",\s+as\s+(?P<role>[^,]+)$", segment)  # 'Stork Capital LLC, as agent'
            if role:
                segment = segment[: role.start()]
            split = re.search(r",\s+(?=(?:a|an)\s)", segment)
            name = segment[: split.start()] if split else segment
            description = segment[split.end() :].strip(" ,") if split else None
            out.append(
                Party(
                    name=name.strip(),
                    short_name=short,
                    role=role.group("role").strip() if role else None,
                    description=description or None,
                )
            )
        return tuple(out)

    def build(self, ident: str, fallback_title: str) -> Agreement:
        self.run()
        if self.main_body is not None:
            self.body = self.main_body
        if not any(n.kind is Kind.SECTION for n in self.body):
            raise NoSections()
        parts: list[Unit] = []
        if self.preamble is not None:
            parts.append(self.preamble.freeze(self.name))
        for recital in self.recitals:
            _run_in_clauses(recital)
        if self.recitals:
            parts.append(
                Unit(
                    Kind.RECITALS,
                    children=tuple(r.freeze(self.name) for r in self.recitals),
                    location=Location(self.name, self.recitals[0].line, 1),
                )
            )
        for n in [*self.body, *self.exhibits]:
            _settle_closings(n, self.unsure)
            _inline_everywhere(n, self.unsure)
        parts.extend(n.freeze(self.name) for n in self.body)
        if self.signatures is not None:
            parts.append(self.signatures.freeze(self.name))
        parts.extend(n.freeze(self.name) for n in self.exhibits)
        title = self.title() or fallback_title
        root = Unit(Kind.DOCUMENT, children=tuple(parts), location=Location(self.name, 1, 1))
        self.check(root)
        return Agreement(
            id=ident,
            title=title,
            date=self.date(),
            root=root,
            parties=self.parties(),
            location=Location(self.name, 1, 1),
        )

    def check(self, root: Unit) -> None:
        """Numbers and terms an address must find once, and units of one kind of part."""
        seen: dict[str, int] = {}
        terms: dict[str, int] = {}
        from ..address import term_key

        for part in root.children:
            if part.kind is Kind.EXHIBIT:
                continue
            for _, u in walk(part):
                line = u.location.line if u.location else 0
                if u.kind is Kind.SECTION and u.label:
                    if u.label in seen:
                        self.unsure.append(
                            Unsure(line, f"a second section numbered {u.label} (first at line {seen[u.label]})")
                        )
                    seen.setdefault(u.label, line)
                if u.kind is Kind.DEFINITION and u.term:
                    k = term_key(u.term)
                    if k in terms:
                        self.unsure.append(
                            Unsure(line, f'"{u.term}" is defined a second time (first at line {terms[k]})')
                        )
                    terms.setdefault(k, line)
                kinds = {c.kind for c in u.children if c.kind is not Kind.PARAGRAPH}  # a closing one aside
                if len(kinds) > 1:
                    self.unsure.append(
                        Unsure(
                            line,
                            f"{u.number or u.kind.value} holds parts of different kinds: "
                            + ", ".join(sorted(k.value for k in kinds)),
                        )
                    )


_TITLE_CASED = re.compile(
    r"^(?:[A-Z0-9][\w.,'\u2019&-]*\s+|(?:of|to|and|the|for|in|on|by|with|a|an|No\.)\s+){0,12}?"
    r"(?:Agreement|Amendment|Lease|Sublease|Guaranty|Guarantee|Indenture|Contract|License|Note|Plan|Waiver|Consent"
    r"|Supplement|Addendum|Deed|Mortgage|Assignment)(?:\s+(?:No\.\s*\d+|[A-Z][\w'\u2019-]*|of|to|and|the|for))*$"
)
"""A title in title case, as Markdown, Word and HTML set it ("First Amendment to Master
Supply Agreement"): a few capitalised words naming an instrument, no sentence."""


def _shouted(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_FILING_LEGEND = re.compile(r"^exhibit\s+\d{1,3}(?:\.\d{1,3})*[a-z]?$", re.IGNORECASE)
"""An exhibit number the filing gave the document ("EXHIBIT 10.42"); the text reader
removes it as furniture, and a title is never taken from it in any reader."""


def _title_case(s: str, prose: str = "") -> str:
    """A title set in capitals, as the document's prose spells its words: "OTTER HOLDINGS
    LLC" is "Otter Holdings LLC" when the preamble writes "LLC" among words in lower case,
    and "NON-DISCLOSURE" is "Non-Disclosure"."""
    if not _shouted(s):
        return s
    spelled = _spellings(prose)
    out = []
    for i, w in enumerate(s.split()):
        low = w.lower()
        if i and low in _SMALL:
            out.append(low)
        elif w.strip(",.").upper() in _INITIALS:
            out.append(w)  # "LLC", "L.P.": a company's form stays as it is written
        else:
            out.append(spelled.get(low) or "-".join(part[:1] + part[1:].lower() for part in w.split("-")))
    return " ".join(out)


_INITIALS = {"LLC", "L.L.C", "LP", "L.P", "LLP", "L.L.P", "N.A", "PLC", "USA", "U.S"}
"""Initials of a company's form or a country, kept upper-case in a title."""


def _spellings(prose: str) -> dict[str, str]:
    """How a text writes its capitalised words: "Non-Disclosure", and "LLC" in capitals only
    where a word beside it is not (in a preamble set all in capitals, no word is kept so)."""
    words = prose.split()
    out: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for i, raw in enumerate(words):
        w = raw.strip("()[],;:\"'\u201c\u201d")
        if not w[:1].isupper():
            continue
        if not (w.isupper() and len(w) > 1):
            out.setdefault(w.lower(), w)
            continue
        beside = [x for x in words[max(i - 1, 0) : i] + words[i + 1 : i + 2] if any(c.isalpha() for c in x)]
        quoted = any(q in raw for q in '"\u201c\u201d')  # (this "AMENDMENT"): a defined term, not a spelling
        if len(w) <= 5 and not quoted and len(beside) == 2 and not any(x.isupper() for x in beside):
            capitals.setdefault(w.lower(), w)
    return {**capitals, **out}


def recognise(paras: list[Paragraph], *, name: str, ident: str, fallback_title: str) -> Recognised:
    """The agreement in these paragraphs, with what could not be placed and where to look.

    Raises NoSections when no numbered section is found."""
    r = _Recogniser(paras, name)
    agreement = r.build(ident, fallback_title)
    return Recognised(
        agreement,
        tuple(sorted(r.unplaced, key=lambda u: u.line)),
        tuple(sorted(r.unsure, key=lambda u: u.line)),
    )
