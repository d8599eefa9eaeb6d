"""An amendment document, as a reader gives it, into what the compiler reads.

A reader (readers/) turns any filed document into the one model: a title, a date, a
preamble, recitals and numbered sections with their lettered parts. For an amendment,
the sections are its operative provisions: each becomes a `Provision` whose source is
cited as lawyers cite it ("Section 3(a)", "Section 5.1"). Parts that are lettered or
numbered stay parts (a lead-in may lend them its target); anything else below a section
(definitions it quotes, unnumbered paragraphs) belongs to its words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..address import article_number
from ..model import Agreement, Kind, Unit, label_of, long_date, walk
from ..text import label_before
from . import grammar
from .compile import Finding, Provision, block_text, split_block
from .quotes import mask


class Heading(NamedTuple):
    """What an amendment says of itself: its title, date and place in the sequence."""

    id: str
    title: str
    dated: str
    sequence: int | None


def heading(doc: Agreement) -> Heading:
    """The amendment's id (from its title), title, date in words, and its number in the
    sequence where the title gives it ("Amendment No. 2", "Second Amendment")."""
    title = " ".join(doc.title.split())
    sequence = None
    m = re.search(r"\bNo\.?\s*(\d+)\b", title, re.IGNORECASE)
    if m:
        sequence = int(m.group(1))
    else:
        w = re.search(r"\b(" + "|".join(grammar.ORDINALS) + r")\b\s+amendment", title, re.IGNORECASE)
        if w:
            sequence = grammar.ordinal(w.group(1))
    slug = re.sub(r"[^a-z0-9]+", "-", re.split(r"\s+to\s+", title, maxsplit=1, flags=re.IGNORECASE)[0].lower())
    return Heading(slug.strip("-") or "amendment", title, long_date(doc.date), sequence)


_AMENDS_ANOTHER = re.compile(
    r"^\s*(?:[\w.]+\s+){0,4}?(?:amendment|modification|supplement|addendum)(?:\s+no\.?\s*\d+)?\s+(?:to|of)\s",
    re.IGNORECASE,
)
_BEARS_ON_ONE = re.compile(
    r"\b(?:amendments?|amending|amendatory|modification|supplement(?:al)?|waiver|consent|addendum|rider|"
    r"extension|joinder|letter|side\s+letter)\b",
    re.IGNORECASE,
)


def titled_as_an_amendment(title: str) -> bool:
    """Whether a title names its document as one that amends another: "First Amendment to
    Office Lease", "Amendment No. 1 to Securities Exchange Agreement" (not "Amended and
    Restated Credit Agreement"). Such a document given where the agreement goes is the
    files given in the wrong order."""
    return _AMENDS_ANOTHER.match(title) is not None


def bears_on_an_agreement(title: str) -> bool:
    """Whether a title names its document as something that changes or bears on an
    agreement: "Amendment No. 1 to ...", "Waiver and Consent", "Lease Extension Agreement",
    "Letter Agreement". An amendment document that changes no text may still be one of
    these (its provisions are notes); one with another title that changes nothing is an
    agreement given as an amendment."""
    return _BEARS_ON_ONE.search(title) is not None


def provisions(doc: Agreement) -> list[Provision]:
    """The operative provisions of an amendment document, in order.

    A new section an instruction gives after its colon without quotes ("adding the following
    new Section 2.03 immediately after Section 2.02: Section 2.03. Force Majeure. ...") looks
    to a reader like a section of the amendment itself; the section that follows such an
    instruction and bears the very number it names as new is its new text, not a provision."""
    out: list[Provision] = []
    sections = [u for u in doc.root.children if u.kind is Kind.SECTION]
    exhibits = {_number(u.number).casefold(): u for u in doc.root.children if u.kind is Kind.EXHIBIT and u.number}
    k = 0
    while k < len(sections):
        unit = sections[k]
        provision = _provision(unit, f"Section {_number(unit.number)}" if unit.number else "Section")
        k += 1
        while k < len(sections):
            following = sections[k]
            words = "\n\n".join(_rendered(following))
            if _gives(provision.text, unit, following):
                provision = provision._replace(text=f"{provision.text}\n\n{words}")
            elif provision.parts and _gives(provision.parts[-1].text, unit, following):
                last = provision.parts[-1]  # "(b) Section 4.1 ... restated ... as follows:" and its text
                given, going_on = _continuing(following, _last_part_label(unit))
                words = "\n\n".join(_rendered(given))
                provision = provision._replace(
                    parts=(
                        *provision.parts[:-1],
                        last._replace(text=f"{last.text}\n\n{words}"),
                        *(_provision(c, f"{provision.source}({_number(c.number or '')})") for c in going_on),
                    )
                )
            else:
                break
            k += 1
        scheduled = _scheduled(provision, exhibits)
        if scheduled is not None:  # its lead-in then points to the paragraphs that follow it
            provision = _pointing_below(provision)
        out.extend(_closing_apart(_set_forth(provision, exhibits)))
        if scheduled is not None:
            out.extend(
                _provision(c, f"{_number(scheduled.number or '')}, paragraph {_number(c.number or '')}")
                for c in scheduled.children
            )
    return out


_IN_SCHEDULE = re.compile(
    r"\bamended\s+(?:as\s+set\s+(?:out|forth)\s+in|in\s+accordance\s+with)\s+(?:the\s+)?"
    r"(?P<kind>Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX)(?:\s+(?P<label>[A-Z0-9][\w\-]*))?"
    r"(?:\s*\([^()]*\))?(?:\s+(?:hereto|to\s+this\s+(?:Agreement|Amendment)))?\s*\.?\s*$"
)
"""A lead-in whose instructions are the amendment's own schedule, as English drafting sets them
out: "the Facility Agreement shall be amended as set out in the Schedule (Amendments)"."""


def _pointing_below(provision: Provision) -> Provision:
    """The lead-in to a schedule of instructions as the compiler reads a lead-in to the
    provisions after it ("amended as set out below."): the schedule's paragraphs are those
    provisions. Only a schedule the document holds is so read; a lead-in to one it does not
    hold stays a finding."""

    def below(p: Provision) -> Provision:
        m = None if p.parts else _IN_SCHEDULE.search(p.text)
        return p._replace(text=f"{p.text[: m.start()]}amended as set out below.") if m else p

    return below(provision)._replace(parts=tuple(below(p) for p in provision.parts))


def _scheduled(provision: Provision, exhibits: dict[str, Unit]) -> Unit | None:
    """The schedule of the amendment that holds the instructions this lead-in points to, its
    paragraphs numbered: each is then a provision of its own, read as any numbered section
    of the amendment. None where the lead-in names no such schedule (its words, standing
    outside the numbered sections, are then findings: see stray_instructions). The lead-in
    may be the provision or one of its parts ("2.1 With effect from ..."), once."""
    found = [m for p in (provision, *provision.parts) if not p.parts for m in [_IN_SCHEDULE.search(p.text)] if m]
    if len(found) != 1:
        return None
    m = found[0]
    schedule = exhibits.get((m.group("label") or m.group("kind")).casefold())
    if schedule is None or not schedule.children or not all(c.number for c in schedule.children):
        return None
    return schedule


_CLOSING = re.compile(
    r"^(?:(?:except|save|other\s+than)\b[^.]*\b(?:full\s+force|unchanged|unmodified|remains?\b)"
    r"|in\s+witness\s+whereof|sincerely|very\s+truly\s+yours|yours\s+(?:truly|faithfully|sincerely)"
    r"|please\s+(?:confirm|sign|indicate|acknowledge))",
    re.IGNORECASE,
)
"""A paragraph that closes the amendment, not its last instruction: "Except as set forth in
this letter, the Agreement remains unchanged ...", "Please confirm your agreement by signing
below", "Sincerely,"."""


def _closing_apart(provision: Provision) -> list[Provision]:
    """A letter's numbered list ends with its last instruction; the paragraphs after it
    (ratification, the request to countersign, the signature) stand set back from the list,
    and a reader takes them for the last item's closing words. Where the last item is a
    whole instruction (no colon gives it new words, or they are one quotation in its own
    paragraph) the closing is a provision of its own,
    a note unless it amends; words that go on with the instruction stay with it."""
    paras = provision.text.split("\n\n")
    if provision.parts or len(paras) < 2:
        return [provision]
    block = split_block(paras[0])[1]
    if block.strip() and block_text(block) is None:  # its new words may go on past its paragraph
        return [provision]
    at = next((k for k, p in enumerate(paras) if k and _CLOSING.match(p.strip())), None)
    if at is None:
        return [provision]
    closing = Provision(f"{provision.source} (closing)", None, "\n\n".join(paras[at:]), (), provision.location)
    return [provision._replace(text="\n\n".join(paras[:at])), closing]


_SET_FORTH = re.compile(
    r"\s*,?\s*(?:so\s+as\s+)?(?:to\s+read\s+)?(?:in\s+(?:its|their)\s+entirety\s+)?"
    r"(?:as\s+(?:is\s+)?set\s+forth\s+(?:in|on)|in\s+the\s+form\s+(?:of|attached\s+as|set\s+forth\s+in))\s+"
    r"(?:Exhibit|Annex|Schedule|Appendix|EXHIBIT|ANNEX|SCHEDULE|APPENDIX)\s+(?P<label>[A-Z0-9][\w\-]*)"
    r"(?:\s+(?:hereto|to\s+this\s+(?:Amendment|Agreement)|attached\s+hereto))?\s*[.;]?\s*$"
)


_REPLACED_BY_ATTACHED = re.compile(grammar.ATTACHMENT_REPLACED + r"\s*[.;]?\s*$")
"""The grammar's phrase for an attachment replaced by the amendment's own, closing a provision."""


def _set_forth(provision: Provision, exhibits: dict[str, Unit]) -> Provision:
    """A restatement "to read as set forth in Exhibit A hereto", or a replacement "with
    Exhibit A attached hereto", where Exhibit A is part of this amendment document: the
    exhibit's words are the new text, as if they followed a colon ("to read as follows:").
    An exhibit the document does not hold is left as the instruction says, for the compiler
    to report."""
    if provision.parts:
        return provision
    m = _SET_FORTH.search(provision.text)
    label = m.group("label") if m else None
    replaced = None if m else _REPLACED_BY_ATTACHED.search(provision.text)
    if replaced is not None and _ATTACHMENT_RESTATED.match(provision.text):
        m, label = replaced, replaced.group("attached_as") or replaced.group("attached_label")
    if m is None or label is None:
        return provision
    exhibit = exhibits.get(label.casefold())
    if exhibit is None:
        return provision
    words = "\n\n".join(p for child in (exhibit,) for p in _own_words(child))
    words = "\n\n".join([words, *(w for c in _set_out(exhibit) for w in _rendered(c))]).strip()
    if not words:
        return provision
    if exhibit.heading and _ATTACHMENT_RESTATED.match(provision.text[: m.start()]):
        # an exhibit or schedule of the agreement restated by one of the amendment: the
        # attached one's heading ("COMMITMENTS") is the restated one's, on a line of its own
        words = f"{exhibit.heading}\n\n{words}"
    if m is replaced:  # "... deleted and replaced with Exhibit A attached hereto": restated, with its words
        return provision._replace(
            text=f"{provision.text[: m.start()]}amended and restated in its entirety to read as follows:\n\n{words}",
            written=provision.text,
        )
    return provision._replace(
        text=f"{provision.text[: m.start()]} to read as follows:\n\n{words}", written=provision.text
    )


_ATTACHMENT_RESTATED = re.compile(
    r"^\s*(?:the\s+)?(?:Exhibit|Annex|Schedule|Appendix|EXHIBIT|ANNEX|SCHEDULE|APPENDIX)\s+[A-Z0-9][\w\-]*\b"
)


def _set_out(exhibit: Unit) -> list[Unit]:
    """The units an exhibit of the amendment sets out, without a caption line that names
    the section it sets out ("SECTION 4.1 OF THE AGREEMENT" above "4.1 Entire Agreement.
    ..."): a reader takes such a line for a section of its own, with no words, numbered as
    the section that follows it."""
    kids = list(exhibit.children)
    while (
        len(kids) > 1
        and not kids[0].text
        and not kids[0].children
        and kids[0].number
        and kids[1].number
        and _number(kids[0].number) == _number(kids[1].number)
    ):
        kids.pop(0)
    return kids


_NEW_NUMBER = re.compile(r"\bnew\s+(?:Section|SECTION|Article|ARTICLE)\s+([0-9]+(?:\.[0-9]+)*[A-Z]?)\b")


def _gives_new(words: str, following: Unit) -> bool:
    """Is `following` the new section these words introduce (they end in a colon and name
    its number as the new one)?"""
    if not words.rstrip().endswith(":") or following.number is None:
        return False
    named = _NEW_NUMBER.findall(words)
    return bool(named) and _number(following.number) == named[-1]


def _gives(words: str, unit: Unit, following: Unit) -> bool:
    """Is `following`, which a reader took for the amendment's next section, the new text
    these words (of `unit`, or of its last part) give after their colon?"""
    return (
        _gives_new(words, following)
        or _gives_restated(words, unit, following)
        or _gives_table(words, unit, following)
        or _gives_article(words, unit, following)
    )


_NEW_ARTICLE = re.compile(r"\bnew\s+(?:Article|ARTICLE)\s+([0-9]+|[IVXLC]+)\b")


def _gives_article(words: str, unit: Unit, following: Unit) -> bool:
    """Is `following` a section of the new article these words give in quotation marks
    still open ('... adding the following new Article 5 ...:' then '"ARTICLE 5 GUARANTEES',
    and '5.1 Guarantors. ...' and '5.2 Release. ...", which a reader takes for sections of
    the amendment)? Its number is one of the article's ("5.1"), not the amendment's own
    next, and the quotation that opened the new text has not closed."""
    named = _NEW_ARTICLE.findall(words)
    if not named or following.number is None or unit.number is None:
        return False
    number = _number(following.number)
    article = named[-1] if named[-1].isdigit() else str(article_number(named[-1]) or "")
    open_quote = words.count("\u201c") > words.count("\u201d") or words.count('"') % 2 == 1
    return open_quote and number.startswith(f"{article}.") and number != _next(_number(unit.number))


_TABLE = re.compile(
    r"\b(?:left|right)[\s-]+(?:hand\s+)?column\b|\btable\s+(?:below|set\s+(?:out|forth)\s+below)\b|\bfollowing\s+table\b",
    re.IGNORECASE,
)
"""Words that set out an instruction's changes in a table after them: "the left column of
the table below", "the following table"."""


def _gives_table(words: str, unit: Unit, following: Unit) -> bool:
    """Is `following` a row of the table these words set out after their colon ("Each
    section ... listed in the left column of the table below is hereby amended and restated
    ... as set forth opposite it in the right column:")? A row whose new text opens with the
    section's number ("Section 2.2 Invoices. ...") looks to a reader like a section of the
    amendment; every section after the instruction is a row until the one the amendment's
    own numbering gives next. Its words are then the instruction's, never a note of their own."""
    head, block = split_block(words)
    if not (block.strip() or words.rstrip().endswith(":")) or not _TABLE.search(head):
        return False
    if following.number is None or unit.number is None:
        return False
    return _number(following.number) != _next(_number(unit.number)) or _repeats_its_number(following)


def _repeats_its_number(following: Unit) -> bool:
    """Does the unit open with its number twice, the second time after a heading cited in
    brackets ("Section 2 (Term) Section 2 Term. ...")? That is a table's row (the section,
    then its new text), whatever the number: a section of the amendment never opens so,
    even one numbered as the amendment's next."""
    number = re.escape(_number(following.number or ""))
    words = " ".join(_rendered(following)[:1])
    unit_word = r"(?:(?:Section|SECTION|Clause|CLAUSE|Paragraph|PARAGRAPH)\s+)?"
    return bool(re.match(rf"^{unit_word}{number}\.?\s*(?:\([^()]*\)\s*)?{unit_word}{number}\b", words))


_NAMED = re.compile(r"\b(?:Section|SECTION)\s+([0-9]+(?:\.[0-9]+)*[A-Z]?)\b")


def _gives_restated(words: str, unit: Unit, following: Unit) -> bool:
    """Is `following` the restated text of a section these words name, given after their
    colon ("Section 3.3 of the Agreement is hereby amended and restated in its entirety to
    read as follows:" and then "3.3 Payment. ...", which a reader takes for a section of
    the amendment: a Markdown block quote, an HTML indent)? Only where its number is not
    the one the amendment's own numbering gives next, which would make it the amendment's
    own next section."""
    if not words.rstrip().endswith(":") or following.number is None or unit.number is None:
        return False
    number = _number(following.number)
    return number in _NAMED.findall(words) and number != _next(_number(unit.number))


def _last_part_label(unit: Unit) -> str | None:
    """The label of the provision's last lettered part ("d"), or None."""
    labels = [_number(c.number or "") for c in unit.children if _is_part(c)]
    return labels[-1] if labels else None


def _continuing(following: Unit, last: str | None) -> tuple[Unit, tuple[Unit, ...]]:
    """A restated section's text as a reader gave it, and the parts a reader hung under it
    that go on with the provision's own lettering: "(d) Section 4.2 ... restated ... as
    follows:", the new "4.2 Governing Law. ..." (indented, so read as a section), then "(e)
    Article 3 ... is amended by ...", which the reader put under 4.2 but which is the
    provision's next part, after (d). Parts of the restated text itself ("(a)", "(b)") are
    its own."""
    children = following.children
    for i, child in enumerate(children):
        if last is not None and _is_part(child) and label_before(_number(child.number or "")) == last:
            rest = children[i:]
            labels = [last, *(_number(c.number or "") for c in rest)]
            if all(_is_part(c) for c in rest) and all(
                label_before(b) == a for a, b in zip(labels, labels[1:], strict=False)
            ):
                return following._replace(children=children[:i]), rest
    return following, ()


def _next(number: str) -> str:
    """The number after this one at its own level: '2' -> '3', '2.1' -> '2.2'."""
    head, _, last = number.rpartition(".")
    if not last.isdigit():
        return ""
    return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)


def _own_words(unit: Unit) -> list[str]:
    return [p for p in unit.text if p.strip()]


def _is_part(unit: Unit) -> bool:
    return unit.number is not None and unit.kind in (Kind.SECTION, Kind.SUBSECTION, Kind.CLAUSE)


def lead_in(words: str) -> bool:
    """Do these words lend their target to lettered parts that follow ("Section 13 of the
    Agreement is hereby amended by:"), or are the parts words of their own (the text a
    restatement gives, the clauses of a new section)?"""
    head, block = split_block(words)
    masked, _ = mask(" ".join(head.split()))
    if block.strip():
        return False
    for opening in (grammar.EFFECTIVE, grammar.AGREED_THAT, grammar.OWN_CONDITIONS) * 2:
        # "Subject to the terms and conditions of this Amendment, the Agreement is hereby
        # amended as follows:" (whether the opening is the amendment's own is judged later)
        m = opening.match(masked)
        masked = masked[m.end() :] if m else masked
    for name, pattern in grammar.SENTENCES:
        m = pattern.match(masked)
        if m:
            return name == "amended_by" and not (m.group("rest") or "").strip()
    return not masked.strip() or bool(grammar.AMENDING_VERBS.search(masked)) is False


_RUN_IN_HEADING = re.compile(r"^(?P<heading>[A-Z0-9][A-Z0-9 ,;:'&()\-/.]*?[A-Z0-9)])\.\s+(?=[A-Z\"\u201c(])")
"""A heading in capitals that runs in before the provision's words ("AMENDMENT TO SECTION
13.4. Section 13.4 of the Agreement ..."), where the reader left it in the text."""


_SMALL = r"(?:of|to|and|the|in|for|on|a|an|by|with|or|under|upon)"
_TITLE_HEADING = re.compile(
    rf"^(?P<heading>(?:[A-Z][\w'\u2019\-]*|\d[\w.()]*)(?:\s+(?:[A-Z][\w'\u2019\-]*|{_SMALL}|\d[\w.()]*)){{0,7}})"
    r"\.\s+(?=\S)"
)
"""A heading in title case that runs in ("Exclusivity. The words ...", "Amendments to
Section 1.01. Section 1.01 of the Credit Agreement is hereby amended by:"): taken for a
heading only where the words after it read as an instruction and the words with it do not."""


def _reads(words: str) -> bool:
    """Does a sentence of the grammar read these words (their first sentence, quotations
    set aside)?"""
    head, _ = split_block(words)
    masked, _ = mask(" ".join(head.split()))
    return any(pattern.match(masked) for _, pattern in grammar.SENTENCES)


def _provision(unit: Unit, source: str) -> Provision:
    words = _own_words(unit)
    head = unit.heading
    if head is None and words:
        m = _RUN_IN_HEADING.match(words[0])
        if m and any(c.isalpha() for c in m.group("heading")) and m.group("heading").upper() == m.group("heading"):
            head = m.group("heading")
            words[0] = words[0][m.end() :]
        else:
            t = _TITLE_HEADING.match(words[0])
            if t and _reads(words[0][t.end() :]) and not _reads(words[0]):
                head = t.group("heading")
                words[0] = words[0][t.end() :]
    parts: list[Provision] = []
    keep_parts = lead_in("\n\n".join(words)) or not words
    for child in unit.children:
        if _is_part(child) and keep_parts:
            label = _number(child.number or "")
            cited = f"Section {label}" if re.match(r"^\d+\.\d", label) else f"{source}({label})"
            parts.append(_provision(child, cited))
        else:
            words.extend(_rendered(child))
    return Provision(source, head, "\n\n".join(words), tuple(parts), unit.location)


def _rendered(unit: Unit) -> list[str]:
    """A unit below a provision that is part of its words: its paragraphs as printed."""
    out = []
    heading = unit.heading if not unit.heading or unit.heading[-1] in ".:;" else f"{unit.heading}."
    head = " ".join(x for x in (unit.number, heading) if x)
    head = f"{head} " if head else ""
    below = [w for child in unit.children for w in _rendered(child)]
    if not _own_words(unit) and head and not unit.heading and below:
        # a number alone above its words ('1.4  "Update" means ...', read as a section
        # whose definition is its part): the number opens them, as printed
        return [f"{head}{below[0]}", *below[1:]]
    if not _own_words(unit) and head:
        out.append(head.strip())
    for k, p in enumerate(_own_words(unit)):
        out.append(f"{head}{p}" if k == 0 else p)
    out.extend(below)
    return out


def _number(number: str) -> str:
    """'Section 3.' -> '3', '(a)' -> 'a', '5.1' -> '5.1'."""
    return re.sub(r"^(?:section|sec\.|paragraph|para\.|§)\s*", "", label_of(number), flags=re.IGNORECASE).rstrip(".")


_LINK = (
    r"(?:[A-Z0-9\u00a7(\[][^\s]*|,|of|to|in|under|the|this|such|and|or|hereto|thereto|thereof|set|forth|"
    r"contained|appearing|definition|defined|term|as|heretofore|clauses?|paragraphs?|subsections?)"
)
_OPERATIVE = re.compile(
    r"(?:^|[.;:]\s+)(?:\d+\.\s+)?(?i:now,?\s+therefore,?\s+)?(?i:the\s+)?"
    r"(?i:sections?|articles?|clauses?|paragraphs?|subsections?|schedules?|exhibits?|annex(?:es)?|definitions?)\b"
    r"(?:\s*" + _LINK + r"){0,16}?\s+(?i:is|are|shall\s+be)\s+(?i:hereby\s+)?(?i:further\s+)?"
    r"(?i:amended|deleted|restated|replaced|modified|supplemented|added|inserted|redesignated|renumbered)\b"
)
"""Words that amend a named unit, which is the subject of the sentence ("Section 1.2 of the
Agreement is hereby amended by ...", "2. The definition of "X" in Section 1.01 is hereby
deleted"): between the unit and its verb only numbers, labels, quotations and the words
that name an agreement. Outside the operative sections they are an instruction the
compiler would otherwise pass over in silence. A recital that speaks of a unit ("WHEREAS,
Section 10.1 of the Agreement provides that the Agreement shall be amended only ..."), its
"desire to amend the Agreement", and the "Agreement is hereby amended as follows:" that
leads into the sections are not taken."""

_WHERE = {
    Kind.PREAMBLE: "the preamble",
    Kind.RECITALS: "the recitals",
    Kind.RECITAL: "the recitals",
    Kind.SIGNATURES: "the signature pages",
    Kind.PARAGRAPH: "a paragraph outside the numbered sections",
}


def stray_instructions(doc: Agreement) -> list[Finding]:
    """Instructions standing outside the amendment's numbered sections: in its preamble or
    recitals (a reader may leave numbered paragraphs there, as it does when the numbering
    does not start at 1), its closing or an exhibit that no restatement takes. Each is a
    finding: never compiled, never dropped unsaid."""
    out: list[Finding] = []
    exhibits = {_number(u.number).casefold(): u for u in doc.root.children if u.kind is Kind.EXHIBIT and u.number}
    sections = [u for u in doc.root.children if u.kind is Kind.SECTION]
    taken = [_scheduled(p, exhibits) for u in sections for p in [_provision(u, f"Section {_number(u.number or '')}")]]
    for unit in doc.root.children:
        if unit.kind is Kind.SECTION or any(unit is t for t in taken):
            continue
        where = _WHERE.get(unit.kind) or (f"Exhibit {_number(unit.number)}" if unit.number else "the document")
        paragraphs = [p for _, u in walk(unit) for p in u.text]
        for k, paragraph in enumerate(paragraphs, 1):
            words = " ".join(paragraph.split())
            masked, _ = mask(words)
            if _OPERATIVE.search(masked):
                opening = words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0] + " ..."
                out.append(
                    Finding(
                        f"{where}, paragraph {k}" if len(paragraphs) > 1 else where,
                        words,
                        f"words that amend the agreement ('{opening}') stand in {where}, outside the amendment's "
                        "numbered sections, where the compiler does not read instructions: they were not compiled",
                        location=unit.location,
                    )
                )
    return out
