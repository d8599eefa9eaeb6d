"""Provisions of an amendment, in legal English, into the engine's operations.

The grammar (grammar.py) says what each phrase means; this module reads each operative
provision with it, builds the operation, and checks it at once against the agreement as
amended so far (the engine applies it: the anchor must stand where the instruction says,
exactly once). Whatever cannot be read whole, or does not apply exactly, is a finding
that needs review, with the reason and the closest reading found; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import NamedTuple

from ..address import address_of, article_number, resolve, term_key
from ..engine import apply_change
from ..errors import AgreementError, ChangeError, Location
from ..model import Agreement, Amendment, Change, Kind, NoteKind, ProvisionNote, Unit, paragraphs, walk
from ..readers.yaml import parse_date
from ..text import citations, find_all, fold_plain, label_before, quoted_term, sentence_spans
from . import grammar
from .quotes import mask, quotations, single_readings


class Provision(NamedTuple):
    """One operative provision of an amendment: its source ("Section 3", "Section 3(a)"),
    its heading, its own words (paragraphs joined by a blank line, including the new
    text that follows a colon) and its lettered parts."""

    source: str
    heading: str | None
    text: str
    parts: tuple[Provision, ...] = ()
    location: Location | None = None
    written: str | None = None  # the words as signed, where the document's reading rewrote them (document.py)


class Finding(NamedTuple):
    """An instruction that needs review: why, and the closest reading found."""

    source: str
    words: str
    reason: str
    closest: str | None = None
    location: Location | None = None

    @property
    def cited(self) -> str:
        """Where a person finds it: 'amendment.txt:27: Section 3(a)' (the file and line its
        words begin on, as editors count), or the source alone where the line is not known."""
        if self.location is None:
            return self.source
        return f"{self.location.file}:{self.location.line}: {self.source}"


class Compiled(NamedTuple):
    """What an amendment's provisions became: operations, notes, findings, and for each
    operation the words of the instruction it was read from."""

    changes: tuple[Change, ...]
    notes: tuple[ProvisionNote, ...]
    findings: tuple[Finding, ...]
    words: tuple[str, ...]  # the instruction's own words, one per change


class _Reading(NamedTuple):
    op: str
    args: dict[str, object]


class _NotRead(Exception):
    def __init__(self, reason: str, closest: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.closest = closest


# --- reading one provision ------------------------------------------------------------------


def split_block(text: str) -> tuple[str, str]:
    """The instruction's words and the new words that follow its colon (a colon inside a
    quotation does not count)."""
    inside = [(q.start, q.end) for q in quotations(text)]
    for m in re.finditer(":", text):
        if not any(s <= m.start() < e for s, e in inside):
            return text[: m.start()], text[m.end() :]
    return text, ""


_TRAILING = re.compile(r"\s*(?:[;,.]\s*)?(?:(?:and|or)\s*)?$", re.IGNORECASE)


def block_text(block: str) -> str | None:
    """The new words of a block that is one quotation ('"..."; and'), else None."""
    body = _TRAILING.sub("", block.strip())
    quoted = quotations(body)
    if len(quoted) == 1 and quoted[0].start == 1 and quoted[0].end == len(body) - 1:
        return quoted[0].text
    # '" and any ..."': a quotation whose new words begin with a space opens before it,
    # which the scan of quotations does not take for an opening quote on its own
    if len(body) >= 2 and body[0] in '"\u201c' and body[-1] in '"\u201d' and not _stray_quotes(body[1:-1]):
        return body[1:-1]
    # a quotation that closes after its own closing mark: '"... consent;"' read above;
    # '"... hereof."' too: the mark is inside the quotes
    return None


def block_paragraphs(block: str) -> list[str]:
    """The new words of a block that is not one quotation: its paragraphs, each one line.
    A quote mark that pairs with none would be taken into the agreement's text as a word:
    the compiler cannot tell where the new words begin or end, and says so."""
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", block.strip())]
    for p in paras:
        if _stray_quotes(p):
            raise _NotRead(
                "the new text's quotation marks do not pair, so where its words begin and end cannot be told",
                closest=p[:80],
            )
    return [p for p in paras if p]


_QUOTE_MARKS = frozenset('"\u201c\u201d')


def _stray_quotes(text: str) -> bool:
    """Does a double quote mark stand in the text outside every pair?"""
    return any(c in _QUOTE_MARKS for c in mask(text)[0])


def _as_signed(provision: Provision) -> str:
    """The provision's words as the amendment has them, on one line (what a finding and a
    compiled change quote), rather than as the document's reading gave them to the grammar."""
    return _one_line(provision.written or provision.text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


_NUMBERED = re.compile(
    r"^(?:(?:Section|SECTION)\s+)?(?P<number>[0-9]+(?:\.[0-9]+)*[A-Z]?|\([a-zA-Z0-9]{1,6}\))\.?\s+(?P<rest>.*)$",
    re.DOTALL,
)
_HEADING = re.compile(r"^(?P<heading>[A-Z][^.]{0,100}?\.)\s+(?P<text>.+)$", re.DOTALL)
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with without under upon".split())


def _heading_like(words: str) -> bool:
    """'LIMITATION ON LIENS', 'Effect of Termination': capitals, or every word but the
    small ones capitalised; 'Either party may terminate' is a sentence, not a heading, and
    'Harbor Light Bank $15,000,000' a line of a table (a heading names no amount)."""
    if re.search(r"[$\u20ac\u00a3%]", words):
        return False
    if words.isupper():
        return True
    found = re.findall(r"[A-Za-z][\w'\-]*", words)
    return (
        bool(found)
        and len(found) <= 10
        and found[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in found)
    )


def new_unit(
    paragraphs: list[str], number_expected: str | None, *, heading: bool | None = None, parts: Kind = Kind.CLAUSE
) -> Unit:
    """A unit written out in an instruction: "8.5 LIMITATION ON LIENS. The Borrower ...",
    "(d) Each Purchase Order ...". A number or label it opens with must be the one the
    instruction names. `heading`: whether the unit's kind carries a heading here (the unit
    it restates has one; its new siblings have them); None: a short opening sentence in
    capitals or title case is taken for one. Paragraphs that open with a label ("(a) ...")
    become its parts, of kind `parts`."""
    if not paragraphs:
        raise _NotRead("the instruction gives no new text after its colon")
    first = paragraphs[0]
    number = None
    m = _NUMBERED.match(first)
    if m and m.group("number").startswith("(") and not (number_expected or "(").startswith("("):
        m = None  # "(a) ..." opening a restated section is its first part, not its number
    if m:
        if number_expected is not None and _label(m.group("number")) != _label(number_expected):
            raise _NotRead(
                f"the new text is numbered {m.group('number')!r}, but the instruction names {number_expected!r}",
                closest=first[:80],
            )
        number, first = m.group("number"), m.group("rest")
    title = None
    rest = list(paragraphs[1:])
    h = _HEADING.match(first)
    alone = re.fullmatch(r"(?P<heading>[A-Z][^.]{0,100}?)\.?", first)
    if heading is not False and h and _heading_like(h.group("heading").rstrip(".")):
        title, first = h.group("heading").rstrip("."), h.group("text")
    elif heading is not False and alone and rest and _heading_like(alone.group("heading")):
        title, first = alone.group("heading"), rest.pop(0)  # the heading on a line of its own
    elif heading:
        raise _NotRead(
            "the unit has a heading, but none can be told from the new text's first words", closest=first[:80]
        )
    again = _NUMBERED.match(first)
    if (
        number
        and again
        and not again.group("number").startswith("(")
        and _label(again.group("number")) == _label(number)
    ):
        raise _NotRead(
            f"the new text gives the number {number!r} twice (a caption above the unit, or the unit "
            "itself?): which words are the unit's is not certain",
            closest=first[:80],
        )
    text, children = _lettered([first, *rest], parts)
    return Unit(Kind.SECTION, number=number or number_expected, heading=title, text=text, children=children)


_PART = re.compile(r"^\((?P<label>[a-z]{1,2}|[A-Z]|[ivx]{1,6}|\d{1,2})\)\s+(?P<text>.+)$", re.DOTALL)
_ROMAN = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split()


def _lettered(paragraphs: list[str], kind: Kind) -> tuple[tuple[str, ...], tuple[Unit, ...]]:
    """The unit's own paragraphs, then its lettered parts, one paragraph each, nested where
    a new run of labels begins under a part ("(a) ... (i) ... (ii) ... (b) ..."). A label
    that could continue one run or begin another ("(i)" after "(h)"), or that fits none, and
    words after the parts, are findings: the compiler does not build a structure the
    amendment did not."""
    lead: list[str] = []
    top: list[dict] = []
    runs: list[tuple[set[str], str, list[dict]]] = []  # open runs, outermost first: styles, last label, items
    for p in paragraphs:
        m = _PART.match(p)
        if not m:
            if top:
                raise _NotRead(
                    "a paragraph of the new text follows its lettered parts; which part it belongs to cannot be told",
                    closest=p[:80],
                )
            lead.append(p)
            continue
        label = m.group("label")
        item = {"number": f"({label})", "text": m.group("text"), "children": []}
        if not runs:
            runs.append((_styles(label), label, top))
            top.append(item)
            continue
        places = [k for k, (styles, last, _) in enumerate(runs) if any(_next(st, last) == label for st in styles)]
        opens = _styles(label) - set().union(*(r[0] for r in runs)) if _first_of_a_run(label) else set()
        if len(places) + bool(opens) != 1:
            labels = ", ".join(r[1] for r in runs)
            raise _NotRead(
                f"the new text's part ({label}) "
                + ("could continue a run of parts or begin one under the part before it" if places else "fits no run")
                + f" (the runs so far end at {labels}): which part holds which cannot be told"
            )
        if opens:
            holder = runs[-1][2][-1]
            runs.append((opens, label, holder["children"]))
            holder["children"].append(item)
            continue
        k = places[0]
        styles, last, items = runs[k]
        del runs[k + 1 :]
        runs[k] = ({st for st in styles if _next(st, last) == label}, label, items)
        items.append(item)
    return tuple(lead), tuple(_built(i, kind) for i in top)


def _built(item: dict, kind: Kind) -> Unit:
    children = tuple(_built(c, Kind.CLAUSE) for c in item["children"])
    return Unit(kind, number=item["number"], text=(item["text"],), children=children)


_RUNS = {"lower": "abcdefghijklmnopqrstuvwxyz", "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _styles(label: str) -> set[str]:
    """The runs a label may belong to: "i" is a letter or a Roman number."""
    styles = set()
    if label.isdigit():
        styles.add("digit")
    if label in _ROMAN:
        styles.add("roman")
    if label.upper() == label and label.lower() in _ROMAN:
        styles.add("ROMAN")
    if len(label) == 1 and label.islower():
        styles.add("lower")
    if len(label) == 1 and label.isupper():
        styles.add("upper")
    return styles


def _next(style: str, label: str) -> str | None:
    """The label after `label` in a run of `style`."""
    if style == "digit":
        return str(int(label) + 1) if label.isdigit() else None
    if style in ("roman", "ROMAN"):
        k = _ROMAN.index(label.lower()) if label.lower() in _ROMAN else -1
        if k < 0 or k + 1 >= len(_ROMAN):
            return None
        return _ROMAN[k + 1] if style == "roman" else _ROMAN[k + 1].upper()
    letters = _RUNS[style]
    k = letters.find(label)
    return letters[k + 1] if 0 <= k < len(letters) - 1 and len(label) == 1 else None


def _first_of_a_run(label: str) -> bool:
    return label in ("a", "i", "1", "A", "I")


def _in_sequence(labels: list[str]) -> bool:
    if all(x.isdigit() for x in labels):
        return [int(x) for x in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))
    if all(x in _ROMAN for x in labels) and labels == _ROMAN[_ROMAN.index(labels[0]) :][: len(labels)]:
        return True
    return all(len(x) == 1 for x in labels) and all(
        ord(b) - ord(a) == 1 for a, b in zip(labels, labels[1:], strict=False)
    )


def _label(number: str) -> str:
    return number.strip().strip("()")


def _last_label(address: str) -> str:
    """'6.01(b)' -> 'b', '10.01' -> '10.01': the number a unit's own text opens with."""
    labels = re.findall(r"\(([^()]+)\)", address)
    return labels[-1] if labels else address


# --- targets ---------------------------------------------------------------------------------


def _address(m: re.Match[str], quotes: list[str]) -> str | None:
    """The engine's address for the target a sentence pattern found."""
    g = m.groupdict()
    if g.get("target_term3"):
        return f"definition:{quotes[int(g['target_term3'])]}{g['target_def_labels']}"
    if g.get("target_term") or g.get("target_term2"):
        n = int(g.get("target_term") or g.get("target_term2"))
        return f"definition:{quotes[n]}"
    if g.get("target_number"):
        labels = "".join(re.findall(r"\([^()]+\)", g.get("target_tail") or ""))
        inner = g.get("target_labels") or ""
        return f"{g['target_number']}{labels}{inner}"
    if g.get("target_ord"):
        return f"recitals[{grammar.ordinal(g['target_ord'])}]"
    if g.get("target_recital"):  # "Recital B": the recital lettered B, as the agreement letters it
        return f"recitals({g['target_recital'].strip('()')})"
    if g.get("target_article"):
        return f"{_ARTICLE}{g['target_article'].upper()}"  # the compiler's own: see _article_end
    if g.get("target_exhibit"):
        return f"exhibit:{g['target_exhibit']}"
    if g.get("target_rel"):
        return g["target_rel"]  # "Clause (c)": of the unit a lead-in names (see _read)
    target = (g.get("target") or "").lower()
    if "recital" in target:
        return "recitals"
    if "preamble" in target:
        return "preamble"
    if "agreement" in target or g.get("target_whole"):
        return "document"
    return None


def _narrow(base: str | None, m: re.Match[str], quotes: list[str]) -> str | None:
    """A more specific unit an action names inside itself ("in the fourth line of Section
    13.4", "in clause (a) therein") narrows the target it inherited. An action that names
    two different places ("deleting X at the end of clause (c) and adding Y at the end of
    clause (d)") is two instructions run together: a finding, never one of them."""
    raw = {k: v for k, v in m.groupdict().items() if v is not None}
    found: list[str] = []
    for suffix in ("", "1", "2"):
        unit = _place(base, raw, suffix, quotes)
        if unit is not None and unit not in found:
            found.append(unit)
    if len(found) > 1:
        raise _NotRead(f"the instruction names more than one place for its words ({', '.join(found)})")
    if found:
        return found[0]
    where = " ".join(x for x in (raw.get("where1"), raw.get("where2")) if x)
    inner = re.search(
        r"of\s+(?:Section|Subsection|Clause|Paragraph|SECTION)\s+([0-9]+(?:\.[0-9]+)*[A-Z]?)((?:\([^()]+\))*)", where
    )
    if inner:
        return inner.group(1) + inner.group(2)
    return base


def _place(base: str | None, raw: dict[str, str], suffix: str, quotes: list[str]) -> str | None:
    """The unit one place of an action names: unnumbered groups for the action's own words
    ("at the end of Section 2.02"), numbered ones for its first or second WHERE."""

    def g(key: str) -> str | None:
        return raw.get(key + suffix)

    def labels(tail: str | None) -> str:
        return "".join(re.findall(r"\([^()]+\)", tail or ""))

    if not suffix:
        return f"{raw['of_number']}{labels(raw.get('of_tail'))}" if raw.get("of_number") else None
    if g("in_number"):
        return f"{g('in_number')}{labels(g('in_tail'))}"
    if g("line_within"):
        return _qualified(g("line_within") or "", base)
    if g("within_number"):
        return f"{g('within_number')}{g('within') or ''}"
    if g("within"):
        return _qualified(g("within") or "", base)
    if g("end_number"):
        return f"{g('end_number')}{g('end_within') or ''}"
    if g("end_within"):
        return _qualified(g("end_within") or "", base)
    if g("in_term"):
        return f"definition:{quotes[int(g('in_term') or 0)]}"
    return None


def _groups(m: re.Match[str]) -> dict[str, str]:
    """The match's groups, with a place's numbered groups ("line1", "line2") under one name."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    for k, v in list(g.items()):
        base = k.rstrip("12")
        if base != k and base not in g:
            g[base] = v
    return g


def _hints(m: re.Match[str], args: dict[str, object]) -> None:
    raw = m.groupdict()
    for key in ("line", "occurrence"):
        first, second = raw.get(key + "1"), raw.get(key + "2")
        if first and second and first.lower() != second.lower():
            raise _NotRead(f"the instruction names two {key}s for its words ({first}, {second})")
    g = _groups(m)
    if g.get("line"):
        n = grammar.ordinal(g["line"])
        if n is None:
            raise _NotRead("'the last line' is not a place the compiler counts; name the line by its number")
        args["line"] = n
    if g.get("occurrence"):
        n = grammar.ordinal(g["occurrence"])
        if n is None:
            raise _NotRead("'the last time it appears' is not counted yet; say which by its number")
        args["occurrence"] = n
    if "each" in g or "each2" in g or "each_of" in g:
        args["each"] = True


def _sentence_hint(m: re.Match[str], args: dict[str, object], key: str, current: Agreement) -> None:
    """'the words X appearing in the third sentence thereof': X must stand once in that
    sentence (counted as the engine counts sentences); the operation names which of X's
    occurrences in the unit that is, so no other is ever the one changed."""
    said = _groups(m).get("in_sentence")
    if not said:
        return
    if "occurrence" in args or "line" in args or "each" in args:
        raise _NotRead("the instruction says both in which sentence the words stand and another place")
    unit = str(args["unit"])
    node = _unit_at(current, unit)
    if node.children:
        raise _NotRead(f"{unit} has parts; the sentence the words stand in is not counted across them")
    n = _nth_sentence(said, current, unit)
    _confine(args, key, node, _sentence_span(current, unit, n), f"sentence {n} of {unit}")


_PROVISO = re.compile(r"[;,:]\s*provided(?:\s*,?\s*(?:further|however))*\s*,?\s+that\b", re.IGNORECASE)
"""Where a proviso begins: "; provided that", ", provided, however, that", "; PROVIDED,
FURTHER, HOWEVER, that" (each one a proviso of its own)."""


def _proviso_span(current: Agreement, unit: str) -> tuple[int, int, int]:
    """The proviso of a unit as (paragraph, start, end): from the mark that sets it off
    ("; provided that") to its sentence's closing mark, not included. The unit must
    have exactly one, in words of its own."""
    node = _unit_at(current, unit)
    if node.children:
        raise _NotRead(f"{unit} has parts; its proviso is not looked for across them")
    found = [(i, m) for i, para in enumerate(node.text) for m in _PROVISO.finditer(para)]
    if len(found) != 1:
        raise _NotRead(f"{unit} has {len(found)} provisos ('; provided that ...'), not one")
    i, m = found[0]
    para = node.text[i]
    span = next((sp for sp in sentence_spans(para) if sp[0] <= m.start() < sp[1]), None)
    if span is None:
        raise _NotRead(f"where the proviso of {unit} ends cannot be told")
    end = span[1]
    while end > m.start() and para[end - 1] in ' \n.!?"\u201d':
        end -= 1
    return i, m.start(), end


def _in_scope(
    m: re.Match[str], name: str, target: str | None, quotes: list[str], block: str | None, current: Agreement
) -> list[_Reading]:
    """'The second sentence of Section 2.03 is hereby amended by replacing X with Y', 'The
    proviso in Section 2.04 is hereby deleted': the part named is a stretch of the unit's
    words. Deleted, its words go; amended, every anchor of the actions must stand in it
    once (and the operation names which occurrence in the unit that is)."""
    if not target or target == "document" or target.startswith((_ARTICLE, "exhibit:")):
        raise _NotRead("the instruction does not say which section's sentence or proviso it amends")
    node = _unit_at(current, target)
    if m.group("scope_proviso"):
        span, where = _proviso_span(current, target), f"the proviso of {target}"
    elif m.group("scope_paragraph"):
        n = (
            grammar.ordinal(m.group("scope_paragraph"))
            or len(node.text) - (grammar.from_end(m.group("scope_paragraph")) or 1) + 1
        )
        if node.children or not 1 <= n <= len(node.text):
            raise _NotRead(f"{target} has {len(node.text)} paragraph(s) of its own words; none is the one named")
        if name == "scope_deleted":
            raise _NotRead(
                f"paragraph {n} of {target} is deleted: deleting a whole paragraph is not an operation the engine has",
                closest="delete_words with the paragraph's words, leaving the paragraph break to review",
            )
        span, where = (n - 1, 0, len(node.text[n - 1])), f"paragraph {n} of {target}"
    else:
        n = _nth_sentence(m.group("scope_sentence"), current, target)
        if node.children:
            raise _NotRead(f"{target} has parts; its sentences are not counted across them")
        span, where = _sentence_span(current, target, n), f"sentence {n} of {target}"
    if name == "scope_deleted":
        i, start, end = span
        return [_Reading("delete_words", {"unit": target, "words": " ".join(node.text[i][start:end].split())})]
    if block is not None:
        raise _NotRead(f"new words follow the colon of an instruction on {where}; they are not read yet")
    out = []
    for r in _read_actions(m.group("rest") or "", target, quotes, None, current):
        keys = [k for k in ("words", "after", "before") if k in r.args]
        if r.op not in ("replace_words", "delete_words", "insert_words") or r.args.get("unit") != target or not keys:
            raise _NotRead(f"{r.op} is not read within {where}", closest=_describe(r))
        args = dict(r.args)
        if "occurrence" in args or "line" in args:
            raise _NotRead(f"the instruction names both {where} and another place for its words")
        for key in keys:
            found = dict(args)
            _confine(found, key, node, span, where)
            if len(keys) > 1 and "occurrence" in found:
                raise _NotRead(f"the words between which it inserts stand more than once in {target}")
            args = found
        out.append(_Reading(r.op, args))
    return out


def _confine(args: dict[str, object], key: str, node: Unit, span: tuple[int, int, int], where: str) -> None:
    """The words `args[key]` must stand once inside `span` (paragraph, start, end) of the
    unit; the operation names which of their occurrences in the unit that is, so that no
    other is ever the one changed."""
    paragraph, start, end = span
    words = str(args[key])
    spans = [(i, s, e) for i, para in enumerate(node.text) for s, e in find_all(para, words)]
    inside = [k for k, (i, s, e) in enumerate(spans) if i == paragraph and start <= s and e <= end]
    if len(inside) != 1:
        raise _NotRead(f"{words!r} stands {len(inside)} times in {where}, not once")
    if len(spans) > 1:
        args["occurrence"] = inside[0] + 1


def _sentence_span(current: Agreement, unit: str, n: int) -> tuple[int, int, int]:
    """Sentence n of a unit as (paragraph, start, end), counted as the engine counts."""
    from ..errors import TextEditError
    from ..operations.words import counted_sentence

    try:
        _, paragraph, _, (start, end) = counted_sentence(current.root, resolve(current.root, unit), n)
    except (AgreementError, TextEditError) as e:
        raise _NotRead(e.message) from None
    return paragraph, start, end


def _nth_sentence(word: str, current: Agreement, unit: str) -> int:
    """'third' -> 3; 'last', 'penultimate' counted from the end of the unit's sentences."""
    n = grammar.ordinal(word)
    if n is not None:
        return n
    back = grammar.from_end(word) or 1
    count = _sentence_count(current, unit)
    if back > count:
        raise _NotRead(f"{unit} has {count} sentence{'s' if count != 1 else ''}: none is the {word} one")
    return count - back + 1


def _start_hint(m: re.Match[str], args: dict[str, object], current: Agreement, key: str = "words") -> None:
    """'the word "Either" at the beginning thereof': checked to open the unit's words, and
    named by its occurrence there (the first)."""
    if "at_start" not in _groups(m):
        return
    if "occurrence" in args or "line" in args or "each" in args:
        raise _NotRead("the instruction says both where the words stand and that they begin the unit")
    node = _unit_at(current, str(args["unit"]))
    words = str(args[key])
    spans = [(i, s) for i, para in enumerate(node.text) for s, _ in find_all(para, words)]
    if not spans or spans[0] != (0, len(node.text[0]) - len(node.text[0].lstrip())):
        raise _NotRead(f"{words!r} does not stand at the beginning of {args['unit']}")
    if len(spans) > 1:
        args["occurrence"] = 1


def _end_hint(m: re.Match[str], args: dict[str, object], current: Agreement, key: str = "words") -> None:
    """'the word "or" at the end of clause (c)': checked to close the clause, and named by
    its occurrence there, so that an earlier "or" in the clause is never the one changed."""
    if "at_end" not in _groups(m):
        return
    if "occurrence" in args or "line" in args or "each" in args:
        raise _NotRead("the instruction says both where the words stand and that they end the unit")
    occurrence = _at_end(current, str(args["unit"]), str(args[key]))
    if occurrence is not None:
        args["occurrence"] = occurrence


# --- the actions --------------------------------------------------------------------------


def _holds(current: Agreement, address: str, words: str) -> bool:
    """Do the words stand anywhere in the unit (its parts included)?"""
    return any(find_all(para, words) for _, u in walk(_unit_at(current, address)) for para in u.text)


def _q(m: re.Match[str], name: str, quotes: list[str]) -> str:
    return quotes[int(m.group(name))]


def _qn(marker: str) -> int:
    """'§Q3§' -> 3."""
    return int(re.sub(r"\D", "", marker))


def _old(m: re.Match[str], quotes: list[str]) -> str:
    """The words an action deletes: quoted, or a mark of punctuation it names ("the period")."""
    mark = m.groupdict().get("old_mark")
    if mark:
        return _MARKS[re.sub(r"\W", "", mark.lower())]
    return _q(m, "old", quotes)


def _new_words(m: re.Match[str], quotes: list[str], block: str | None, what: str) -> str:
    """The words an insertion inserts: quoted in the instruction, or the block after it."""
    g = m.groupdict()
    if g.get("text_q") is not None:
        return _q(m, "text_q", quotes)
    if block is None:
        raise _NotRead(f"the instruction inserts 'the following {what}' but no new words follow it")
    quoted = block_text(block)
    if quoted is not None:
        if re.search(r"\n[ \t]*\n", quoted.strip()):
            # words inserted run on in one paragraph: several paragraphs (lettered parts,
            # a paragraph of their own) are not words that one insertion can take
            raise _NotRead(
                f"the new {what} after the colon runs to several paragraphs; whether they are new paragraphs, "
                "new parts or words run on cannot be told",
                closest=" ".join(quoted.split())[:80],
            )
        return quoted
    paras = block_paragraphs(block)
    if len(paras) == 1:
        return paras[0]
    raise _NotRead(f"the new {what} after the colon is not one quotation; the compiler cannot tell where it ends")


def _read_action(
    m: re.Match[str], name: str, target: str | None, quotes: list[str], block: str | None, current: Agreement
) -> list[_Reading]:
    unit = _narrow(target, m, quotes)
    g = m.groupdict()
    what = (g.get("what") or g.get("what2") or "text").strip().lower()

    def need_unit(words: str | None = None) -> str:
        """The unit the action's words stand in: the target; in an article, the one
        section of it that holds `words` (an anchor the article holds in several, or
        none, is a finding)."""
        if not unit or unit in ("document",):
            raise _NotRead("the instruction does not say which section it amends")
        if unit.startswith(_ARTICLE):
            placed = {"line", "occurrence", "in_sentence", "at_end", "at_start"} & set(_groups(m))
            if placed:  # "in the third line thereof": of the article, whose lines are its sections'
                raise _NotRead(
                    f"the instruction places its words in Article {unit[len(_ARTICLE) :]} by "
                    f"{', '.join(sorted(placed))}, which is counted in a section, not an article: name the section"
                )
            holding = [a for a in _article_sections(current, unit) if words and _holds(current, a, words)]
            if len(holding) == 1:
                return holding[0]
            raise _NotRead(
                f"the instruction amends Article {unit[len(_ARTICLE) :]} as a whole, and "
                + (f"{words!r} stands in {len(holding)} of its sections" if words else "names no words to find")
                + ": name the section",
                closest=f"one of {', '.join(holding)}" if holding else None,
            )
        return unit

    if name == "delete_words_listed":  # "deleting the words Q and Q": each deleted
        out = []
        for k in re.findall(r"§Q(\d+)§", g["olds"]):
            listed: dict[str, object] = {"unit": need_unit(quotes[int(k)]), "words": quotes[int(k)]}
            _hints(m, listed)
            if listed.pop("each", False):
                raise _NotRead("words listed to be deleted 'each place they appear' are not read yet")
            out.append(_Reading("delete_words", listed))
        return out
    if name == "delete_words":
        args: dict[str, object] = {"unit": need_unit(_old(m, quotes)), "words": _old(m, quotes)}
        _hints(m, args)
        _start_hint(m, args, current)
        _end_hint(m, args, current)
        _sentence_hint(m, args, "words", current)
        if args.pop("each", False):
            return [_Reading("replace_references", {"words": args["words"], "with": "", "units": [args["unit"]]})]
        return [_Reading("delete_words", args)]
    if name == "replace":
        if unit == "document" and "each_of" in _groups(m) and not _groups(m).get("where1", "").strip():
            # "The Agreement is hereby amended by replacing each reference to X with Y"
            _stands_alone(current, _old(m, quotes), None)
            return [_Reading("replace_references", {"words": _old(m, quotes), "with": _q(m, "new", quotes)})]
        new = _q(m, "new", quotes) if g.get("new") is not None else _new_words(m, quotes, block, "words")
        args = {"unit": need_unit(_old(m, quotes)), "words": _old(m, quotes), "with": new}
        _hints(m, args)
        _start_hint(m, args, current)
        _end_hint(m, args, current)
        _sentence_hint(m, args, "words", current)
        if args.pop("each", False):
            return [
                _Reading("replace_references", {"words": args["words"], "with": args["with"], "units": [args["unit"]]})
            ]
        return [_Reading("replace_words", args)]
    if name == "insert":
        text = _new_words(m, quotes, block, what)
        first = (
            _q(m, "anchor1", quotes) if g.get("anchor1") is not None else _MARKS[re.sub(r"\W", "", g["mark1"].lower())]
        )
        args = {"unit": need_unit(first), "text": text}
        anchors = [(g.get("side1"), first)]
        if g["side1"].lower() == "between":  # "between the words X and Y": after X, before Y
            anchors = [("after", _q(m, "anchor1", quotes)), ("before", _q(m, "anchor2", quotes))]
        elif g.get("side2"):
            mark = g.get("mark")
            second = (
                _q(m, "anchor2", quotes) if g.get("anchor2") is not None else _MARKS[re.sub(r"\W", "", mark.lower())]
            )
            anchors.append((g["side2"], second))
        for side, words in anchors:
            key = "after" if side.lower().startswith(("after", "follow")) else "before"
            if key in args:
                raise _NotRead(f"the instruction names two places to insert '{key}'")
            args[key] = words
        _hints(m, args)
        key = "after" if "after" in args else "before"
        _sentence_hint(m, args, key, current)
        if "after" not in args or "before" not in args:  # "... immediately before the semicolon at the end thereof"
            _start_hint(m, args, current, key)
            _end_hint(m, args, current, key)
        if args.pop("each", False):
            raise _NotRead("inserting words at each place other words appear is not an operation the engine has")
        return [_Reading("insert_words", args)]
    if name in ("delete_sentence", "restate_sentence"):
        u = need_unit()
        n = _nth_sentence(g["sentence"], current, u)
        if name == "delete_sentence" and not g.get("in_lieu"):
            return [_Reading("delete_words", {"unit": u, "words": _sentence_words(current, u, n)})]
        return [_sentence_restated(current, u, n, _new_words(m, quotes, block, "sentence"))]
    if name in ("sentence_end", "before_final_period"):
        text = _new_words(m, quotes, block, what)
        u = need_unit()
        if name == "sentence_end":
            n = _nth_sentence(g["sentence"], current, u)
        else:
            n = _sentence_count(current, u)
        if "sentence" in what:
            # a new sentence follows the one named: after its closing mark, not before it
            if name == "sentence_end":
                return [_by_sentence(current, u, n, "after", text)]
            raise _NotRead(
                f"a new sentence 'before the period at the end' of {u} would stand inside its last sentence",
            )
        args = {"unit": u, "sentence": n, "text": text}
        _conform_proviso(args, what, current, before_period=name == "before_final_period")
        return [_Reading("insert_at_sentence_end", args)]
    if name == "sentence_start":
        text = _new_words(m, quotes, block, what)
        u = need_unit()
        if not _a_sentence(text):
            raise _NotRead(
                f"the words put at the beginning of {u} are not a sentence of their own: the first word after "
                "them would change its capital, which the instruction does not say",
                closest=f"insert_words {{'unit': {u!r}, 'before': sentence 1, 'text': {text!r}}}",
            )
        return [_by_sentence(current, u, 1, "before", text)]
    if name == "by_sentence":
        text = _new_words(m, quotes, block, what)
        u = need_unit()
        if g["sentence_side"].lower() == "as":  # "as the second sentence thereof": before the present second
            n = grammar.ordinal(g["sentence"]) or _sentence_count(current, u) + 1
            if grammar.from_end(g["sentence"]) not in (None, 1):
                raise _NotRead(f"a new sentence 'as the {g['sentence']} sentence' is not placed by counting yet")
            if n == _sentence_count(current, u) + 1:
                return [_by_sentence(current, u, n - 1, "after", text)]
            return [_by_sentence(current, u, n, "before", text)]
        n = _nth_sentence(g["sentence"], current, u)
        side = "before" if g["sentence_side"].lower().startswith(("before", "preced", "prior")) else "after"
        return [_by_sentence(current, u, n, side, text)]
    if name == "append":
        text = _new_words(m, quotes, block, what)
        u = _qualified(g["end_rel"], unit) if g.get("end_rel") else need_unit()
        if "paragraph" in what:
            return [_Reading("append_paragraph", {"unit": u, "text": text})]
        if "proviso" in what or text.lstrip().startswith((",", ";")):
            # words that open with a comma or semicolon go on the last sentence, not after it
            args = {"unit": u, "sentence": _sentence_count(current, u), "text": text}
            _conform_proviso(args, what, current)
            return [_Reading("insert_at_sentence_end", args)]
        if not _a_sentence(text) and text.strip().lower() not in ("and", "or", "and/or"):
            # ("and" at the end of a clause of a list joins it to the next, after its semicolon)
            raise _NotRead(
                f"the words added at the end of {u} are not a sentence of their own, nor open with a comma or "
                "semicolon: whether they go after its closing mark or before it cannot be told",
                closest=f"append_sentence {{'unit': {u!r}, 'text': {text!r}}}",
            )
        return [_Reading("append_sentence", {"unit": u, "text": text})]
    if name == "restate":
        if g.get("exhibit_form") or g.get("exhibit_as"):
            raise _NotRead(_in_an_exhibit(g.get("exhibit_form") or g.get("exhibit_as") or "", quotes))
        u = _narrow(target, m, quotes)
        if g.get("restated"):
            restated = mask_address(g["restated"], quotes)
            if restated is None:
                raise _NotRead(f"the compiler cannot tell which unit {_shown(g['restated'], quotes)!r} is")
            u = _qualified(restated, target) if restated.startswith("(") else restated
        return _restate(u, quotes, block, current)
    if name == "delete_definitions":
        terms = [quotes[int(n)] for n in re.findall(r"§Q(\d+)§", g["terms"])]
        args = {"terms": terms}
        scope = g.get("defs_in") or (unit if unit and re.match(r"^\d", unit) else None)
        if scope:
            args["unit"] = scope
        return [_Reading("delete_definitions", args)]
    if name == "delete_definitions_following":
        args = {"terms": _terms_listed(block)}
        if unit and re.match(r"^\d", unit):
            args["unit"] = unit
        return [_Reading("delete_definitions", args)]
    if name == "restate_definitions":
        return _definitions_restated(block, current)
    if name == "add_definitions":
        scope = g.get("defs_to") or (unit if unit and re.match(r"^\d", unit) else None)
        return _definitions_added(scope or _the_definitions_section(current), block)
    if name == "add_unit":
        if re.search(r"\bnew\s+article\b", m.group(0), re.IGNORECASE):
            raise _NotRead(
                f"the instruction adds a new article (Article {g['new_number']}, its heading and its sections), which "
                "the compiler does not build: add it as YAML, each section an add_unit after the last"
            )
        number = re.sub(r"\s", "", g["new_number"])
        paras = _unit_block(block)
        args = {}
        if g.get("anchor"):
            side = (g.get("side") or "after").lower()
            key = "before" if side.split()[-1] in ("before", "preceding") else "after"
            anchor = g["anchor"]
            if g.get("anchor_of"):  # "after subparagraph (b) of Paragraph 4"
                if not anchor.startswith("("):
                    raise _NotRead(f"the compiler cannot tell which unit {anchor} of {g['anchor_of']} is")
                anchor = re.sub(r"\s", "", g["anchor_of"]) + anchor
            elif g.get("anchor_of_rel"):  # "after clause (ii) of subsection (b) thereof"
                if not anchor.startswith("("):
                    raise _NotRead(f"the compiler cannot tell which unit {anchor} of {g['anchor_of_rel']} is")
                anchor = re.sub(r"\s", "", g["anchor_of_rel"]) + anchor
            args[key] = _qualified(anchor, target)
            parent = _parent(current, str(args[key]))
        else:
            into = target if target and target != "document" else "document"
            if g.get("end_of"):
                named = mask_address(g["end_of"], quotes)
                if named is None:
                    raise _NotRead(f"the compiler cannot tell which unit {g['end_of']!r} is")
                into = named
            if into.startswith(_ARTICLE):
                args["after"] = _article_end(current, into)
                parent = _parent(current, str(args["after"]))
            else:
                args["into"] = into
                parent = _unit_at(current, into) if into != "document" else current.root
        style = [c for c in parent.children if c.number and c.number.startswith("(") == number.startswith("(")]
        headed = any(c.heading is not None for c in style) if style else None
        kind = Kind.CLAUSE if number.startswith("(") else Kind.SUBSECTION
        new = new_unit(paras, number, heading=headed, parts=kind)
        if number.startswith("("):  # maybe one more item of a list: told as the agreement then stands
            _clause_stands_alone(parent, new)
            return [_Reading(_CLAUSE_OR_ITEM, {"new": new, **args})]
        return [_Reading("add_unit", {"new": new, **args})]
    if name == "delete_unit":
        deleted = g.get("deleted") or ""
        labels = re.match(
            r"^(?:clause|paragraph|subsection|subparagraph)\s+((?:\([a-zA-Z0-9]{1,6}\)\s*)+)", deleted, re.I
        )
        addr = _qualified(labels.group(1), unit) if labels else (mask_address(deleted, quotes) or unit)
        such = re.match(r"^such\s+(\w+)$", deleted, re.I)
        if such and addr and (such.group(1).lower() == "section") == addr.endswith(")"):
            raise _NotRead(f"'such {such.group(1)}' does not name what the instruction amends ({addr})")
        if not addr:
            raise _NotRead("the instruction does not say which unit it deletes")
        reserved = g.get("reserved") or g.get("reserved2")
        if reserved:
            return [_deleted_for(addr, quotes[_qn(reserved)], current)]
        return [_Reading("delete_unit", {"unit": addr})]
    if name == "delete_proviso":
        u = need_unit()
        i, start, end = _proviso_span(current, u)
        words = " ".join(_unit_at(current, u).text[i][start:end].split())
        if not g.get("in_lieu"):
            return [_Reading("delete_words", {"unit": u, "words": words})]
        return [_Reading("replace_words", {"unit": u, "words": words, "with": _new_words(m, quotes, block, "proviso")})]
    if name == "unit_replaced":
        restated = mask_address(g["restated"], quotes)
        if restated is None:
            raise _NotRead(f"the compiler cannot tell which unit {_shown(g['restated'], quotes)!r} is")
        u = _qualified(restated, unit) if restated.startswith("(") else restated
        if g.get("new_number") and _label(g["new_number"]) != _last_label(u):
            raise _NotRead(
                f"{u} is deleted and a new {g['new_number']} inserted in lieu thereof: a unit of another number "
                "in its place, which is not a restatement",
                closest=f"delete_unit {u}, then add_unit {g['new_number']}",
            )
        return _restate(u, quotes, block, current)
    if name == "delete_through":
        return [_through(m, target, quotes, current)]
    if name == "redesignate":
        return [_redesignation(g["from"], g["to"], unit, quotes)]
    raise _NotRead(f"no operation for the phrase {name!r}")


def _clause_stands_alone(parent: Unit, new: Unit) -> None:
    """A new lettered clause added as a unit of its own must read as one. Its words opening
    with a mark or a conjunction, or with its own label (", and (d) the contact person"),
    are words to insert into a run of clauses, not a clause; and a unit whose clauses run
    on in its own text ("... (b) the place, and (c) the date.") has no separate clause to
    add one after. Either way where the words go is not said exactly: a finding, never a
    clause glued after the unit's closing period."""
    label = new.number or ""
    first = (new.text[0] if new.text else "").lstrip()
    if re.match(rf"^(?:[,;:.]|(?:and|or)\b|{re.escape(label)})", first, re.I):
        raise _NotRead(
            f"the words given for the new clause {label} begin {first[:24]!r}: they read as words to insert into "
            "a run of clauses, not as a clause; where they go is not said exactly"
        )
    inner = re.fullmatch(r"\((\w{1,5})\)", label)
    before = label_before(inner.group(1)) if inner else None
    if before and not any(c.number and c.number.startswith("(") for c in parent.children):
        if re.search(rf"(?<![\w)])\({re.escape(before)}\)\s", " ".join(parent.text)):
            raise _NotRead(
                f"the clauses of {parent.number or 'the unit'} run on in its text (clause ({before}) stands inside "
                f"it), so a new clause {label} cannot be added as a unit of its own; where its words go is not "
                "said exactly"
            )


_JOINS_NEXT = re.compile(r"(?:^|\W)(?:and|or|and/or)\s*$")

_CLAUSE_OR_ITEM = "add_unit or add_list_item"
"""A new lettered clause: a unit added, or one more item of a list. Which is told just
before it is applied (_as_listed), from the agreement as the instruction's earlier
actions left it ("deleting the word "or" at the end of clause (b) ... and adding the
following new clause (d) at the end thereof")."""


def _as_listed(r: _Reading, current: Agreement) -> _Reading:
    """A new lettered clause as the agreement now stands: one more item of a list, or a unit."""
    if r.op != _CLAUSE_OR_ITEM:
        return r
    args = {k: v for k, v in r.args.items() if k != "new"}
    new = r.args["new"]
    assert isinstance(new, Unit)
    if "into" in args:
        into = str(args["into"])
        parent = _unit_at(current, into) if into != "document" else current.root
    else:
        parent = _parent(current, str(args.get("after") or args.get("before")))
    listed = _list_item(parent, args, new)
    if listed is not None:
        return listed
    if parent.run_in:
        last = next((c for c in reversed(parent.children) if c.number and c.number.startswith("(")), None)
        raise _NotRead(
            f"the clauses of {parent.number or 'the unit'} run on in one paragraph"
            + (
                f" and its last, {last.number}, closes with {last.text[-1].rstrip()[-1:]!r}"
                if last and last.text
                else ""
            )
            + f": a new clause {new.number} added as a unit would stand after that, and how it joins the list "
            "(its conjunction, its closing mark) is not said"
        )
    return _Reading("add_unit", r.args)


def _list_item(parent: Unit, args: dict[str, object], new: Unit) -> _Reading | None:
    """A new lettered clause added after the last of a list whose next-to-last item ends
    with "and" or "or" ("(c) ...; or (d) ... ."): one item more at the list's end, the
    conjunction moving to the new one (add_list_item), as the issue of the list reads.
    Only a one-paragraph clause, whose closing mark is the list's, is so read; one whose
    mark differs is a finding, since which mark ends the list is then not said."""
    clauses = [c for c in parent.children if c.number and c.number.startswith("(")]
    at_end = "into" in args or (clauses and str(args.get("after", "")).endswith(clauses[-1].number or "\0"))
    if not (new.number or "").startswith("(") or len(clauses) < 2 or not at_end:
        return None
    if any(not c.text for c in clauses[-2:]) or clauses[-1].children or clauses[-2].children:
        return None
    if not _JOINS_NEXT.search(clauses[-2].text[-1]) or _JOINS_NEXT.search(clauses[-1].text[-1]):
        return None
    if new.children or new.heading or len(new.text) != 1:
        raise _NotRead("the new clause ends a list but is not one paragraph; how it joins the list cannot be told")
    words = new.text[0].rstrip()
    closing = clauses[-1].text[-1].rstrip()[-1:]
    if closing not in ".;," or (words[-1:] in ".;,:" and words[-1:] != closing):
        raise _NotRead(
            f"the new clause {new.number} ends a list whose last item closes with {closing!r}, but it ends with "
            f"{words[-1:]!r}: which mark ends the list is not said"
        )
    if words[-1:] == closing:  # quoted with no mark of its own, it takes the list's, as the last item had it
        words = words[:-1].rstrip()
    holder = str(args["into"]) if "into" in args else str(args["after"])[: -len(clauses[-1].number or "")]
    return _Reading("add_list_item", {"unit": holder, "number": new.number, "text": words})


def _in_an_exhibit(named: str, quotes: list[str]) -> str:
    return (
        f"the restated text is set forth in an exhibit ({_shown(named.strip(), quotes)}); compile it with the "
        "exhibit's text"
    )


def _redesignation(old: str, new: str, unit: str | None, quotes: list[str]) -> _Reading:
    """'clauses (c) and (d) [of Section 2.02] ... as clauses (d) and (e)': the labels on each
    side, in order, and the unit that holds them (named in the words, else the target)."""
    label = r"\(([a-zA-Z0-9]{1,6})\)"
    within = re.search(r"\bof\s+(.+)$", old)
    holder = mask_address(within.group(1), quotes) if within else unit
    if within and holder is None:
        raise _NotRead(f"the compiler cannot tell which unit {within.group(1)!r} is")
    if not holder or holder == "document":
        raise _NotRead("the instruction does not say which unit's parts are redesignated")
    olds, news = re.findall(label, old), re.findall(label, new)
    if not olds or len(olds) != len(news):
        raise _NotRead(
            f"{len(olds)} part(s) are to be redesignated as {len(news)}",
            closest=f"{old} become {new}",
        )
    return _Reading("redesignate", {"unit": holder, "from": [f"({x})" for x in olds], "to": [f"({x})" for x in news]})


def _relabelled(readings: list[_Reading], kind: str, current: Agreement) -> list[_Reading]:
    """'deleting clause (c) thereof and relettering the remaining clauses accordingly': the
    parts after those deleted take, in order, the labels that close the gap ((d) as (c), (e)
    as (d)), which the labels must allow (one run, in sequence). References to the parts
    by their old labels are left as they stand (the instruction does not change them); the
    change's note says which now point elsewhere."""
    deleted = [str(r.args["unit"]) for r in readings if r.op == "delete_unit" and not r.args.get("reserved")]
    if not deleted and any(r.op == "delete_unit" for r in readings):
        raise _NotRead(
            f'the part deleted keeps its place as "[Reserved]", so no gap is left for the remaining {kind} to '
            "close: which labels they take is not said"
        )
    if not deleted:
        raise _NotRead(f"the remaining {kind} are relabelled 'accordingly', but no part was deleted before it")
    try:
        paths = [resolve(current.root, d) for d in deleted]
    except AgreementError as e:
        raise _NotRead(e.message) from None
    if len({p[:-1] for p in paths}) != 1:
        raise _NotRead(f"the {kind} deleted are not parts of one unit, so which run is relabelled is not said")
    holder = paths[0][:-1]
    parent = current.root
    for i in holder:
        parent = parent.children[i]
    clauses = kind.lower() != "sections"
    if not clauses and holder:
        raise _NotRead(
            "the sections renumbered stand under an article, and sections are often numbered on across articles: "
            "which sections are 'the subsequent sections' is not said, and the engine renumbers the parts of one "
            "unit only",
            closest=f"redesignate the sections under {address_of(current.root, holder)}, if the numbering starts "
            "afresh in it",
        )
    # the labelled parts (a closing paragraph after them has no label)
    run = [k for k, c in enumerate(parent.children) if c.number and (clauses or c.kind is Kind.SECTION)]
    numbers = [parent.children[k].number or "" for k in run]
    if not all(numbers) or any(n.startswith("(") != clauses for n in numbers) or not {p[-1] for p in paths} <= set(run):
        raise _NotRead(f"the parts of the unit are not all {kind} numbered in one style, so the run is not one")
    labels = [_label(n) if clauses else re.sub(r"^(?:section|article)\s+", "", n.strip(), flags=re.I) for n in numbers]
    if not (_in_sequence(labels) if clauses else _numbered_in_sequence(labels)):
        raise _NotRead(
            f"the {kind} ({', '.join(numbers)}) are not one run numbered in sequence, so which of them are "
            f"'the remaining {kind}' and what numbers they take is not said"
        )
    gone = {run.index(p[-1]) for p in paths}
    kept = [k for k in range(len(labels)) if k not in gone]
    moved = [(labels[k], labels[j]) for j, k in enumerate(kept) if labels[k] != labels[j]]
    if not moved:
        return []
    shown = (lambda x: f"({x})") if clauses else (lambda x: x)
    unit = address_of(current.root, holder) if holder else "document"
    note = _pointing_elsewhere(current, unit, [labels[k] for k in sorted(gone)], moved, clauses)
    return [
        _Reading(
            "redesignate",
            {"unit": unit, "from": [shown(o) for o, _ in moved], "to": [shown(n) for _, n in moved], "note": note},
        )
    ]


def _numbered_in_sequence(numbers: list[str]) -> bool:
    """Section numbers in one run: "5.01", "5.02", "5.03" (the same prefix, the last number
    one more each time, written as wide)."""
    parts = [re.fullmatch(r"(.*?)(\d+)", n) for n in numbers]
    if not all(parts):
        return False
    prefix = {p.group(1) for p in parts if p}
    width = {len(p.group(2)) for p in parts if p}
    ints = [int(p.group(2)) for p in parts if p]
    return len(prefix) == 1 and len(width) == 1 and ints == list(range(ints[0], ints[0] + len(ints)))


def _pointing_elsewhere(
    current: Agreement, unit: str, deleted: list[str], moved: list[tuple[str, str]], clauses: bool
) -> str:
    """The note of a relabelling: what moved, and each reference in the agreement that named
    a part by a label it no longer has (it now names another part, or none)."""

    def full(label: str) -> str:
        return f"{unit}({label})" if clauses else label

    def named(address: str) -> str:
        return f"Section {address}" if address[:1].isdigit() else address

    old = {full(o): full(n) for o, n in moved}
    old.update({full(d): "" for d in deleted})
    holder = resolve(current.root, unit) if unit != "document" else ()
    bare = re.compile(r"\b(?:clause|paragraph|subparagraph|subsection|sub-clause)\s+\(([a-zA-Z0-9]{1,6})\)(?!\s+of\b)")
    found: list[str] = []
    for path, node in walk(current.root):
        where = address_of(current.root, path) if path else "the preamble"
        for para in node.text:
            cited = [c for c, external in citations(para) if not external]
            if clauses and path[: len(holder)] == holder:
                cited += [full(x) for x in bare.findall(para)]
            # "Section 7.01(d)(i)" cites a part of 7.01(d)
            cited = [next((k for k in old if c == k or c.startswith(k + "(")), "") for c in cited]
            for c in dict.fromkeys(c for c in cited if c):
                now = f"now {named(old[c])}" if old[c] else "deleted"
                found.append(f"{named(where)} cites {named(c)} ({now})")
    done = ", ".join(f"{named(full(o))} as {named(full(n))}" for o, n in moved)
    if not found:
        return f"relabelled {done}; no reference in the agreement names them by their old labels"
    return (
        f"relabelled {done}; references left as they stand, which now point elsewhere (units as numbered "
        "before): " + "; ".join(found)
    )


def _definitions_added(scope: str | None, block: str | None) -> list[_Reading]:
    """New definitions, each a paragraph of the block beginning with its quoted term."""
    if block is None:
        raise _NotRead("the instruction adds definitions but none follow its colon")
    paras = _paragraphs(block)
    defs = []
    for p in paras:
        term = quoted_term(p)
        if term is None:
            raise _NotRead(f"a new definition does not begin with its quoted term: {p[:60]!r}")
        defs.append(Unit(Kind.DEFINITION, text=(_one_line(p),), term=term))
    if scope is None:
        raise _NotRead("the instruction does not say which section holds the definitions")
    return [_Reading("add_definitions", {"unit": scope, "definitions": defs})]


def _the_definitions_section(current: Agreement) -> str | None:
    """The one unit of the agreement whose parts are definitions, where an instruction adding
    definitions names none ("The following new definitions are inserted in the appropriate
    alphabetical order:"); None where there are several or none (a finding: which is not said)."""
    holders = [path for path, u in walk(current.root) if any(c.kind is Kind.DEFINITION for c in u.children)]
    if len(holders) != 1:
        return None
    return address_of(current.root, holders[0])


def _terms_listed(block: str | None) -> list[str]:
    """Terms named after a colon: '"Collateral" and "Prime Rate".', '"A"; "B"; and "C"'. Any
    word there but the quotations and what joins them is a finding."""
    if block is None:
        raise _NotRead("the instruction names the definitions after its colon, but none follow it")
    masked, quotes = mask(_one_line(block))
    if not quotes or re.sub(r"§Q\d+§|\band\b|[\s,;.]", "", masked):
        raise _NotRead("the words after the colon are not a list of quoted terms", closest=_one_line(block)[:80])
    return quotes


def _definitions_restated(block: str | None, current: Agreement) -> list[_Reading]:
    """Definitions restated by one instruction: each new definition after the colon, one a
    paragraph, restates the definition of the term it begins with, which must be defined."""
    if block is None:
        raise _NotRead("the instruction restates definitions but none follow its colon")
    paras = _paragraphs(block)
    out = []
    defined = {term_key(u.term) for _, u in walk(current.root) if u.kind is Kind.DEFINITION and u.term}
    for p in paras:
        term = quoted_term(p)
        if term is None:
            raise _NotRead(
                f"a paragraph of the restated definitions does not begin with its quoted term: {p[:60]!r}; "
                "definitions with clauses are restated one by one"
            )
        if term_key(term) not in defined and term_key(term.rstrip(",.;:")) not in defined:
            raise _NotRead(
                f'"{term}" is restated, but the agreement as amended so far does not define it',
                closest="add_definitions, if it is a new definition",
            )
        out.append(_Reading("restate_definition", {"term": term, "text": _one_line(p)}))
    return out


def _through(m: re.Match[str], target: str | None, quotes: list[str], current: Agreement) -> _Reading:
    """'striking X and all that follows through the end of clause (b)': the words from X to
    the end of that unit, written out, when they stand in its last paragraph (X once in the
    unit); the deletion of every word through the end, its closing marks included, is what
    the instruction says. Across units or paragraphs it is a finding."""
    old = _q(m, "old", quotes)
    through = m.group("through")
    labels = re.match(r"^(?:clause|paragraph|subsection|subparagraph)\s+(\([a-zA-Z0-9]{1,6}\))$", through, re.I)
    unit = _qualified(labels.group(1), target) if labels else mask_address(through, quotes)
    closest = f"delete from {old!r} through the end of {through}"
    if unit is None:
        raise _NotRead(f"the compiler cannot tell which unit {through!r} is", closest=closest)
    node = _unit_at(current, unit)
    if node.children or not node.text:
        raise _NotRead(f"{unit} ends with its parts; what 'all that follows' takes in is not one run of words", closest)
    spans = [(i, s) for i, para in enumerate(node.text) for s, _ in find_all(para, old)]
    if len(spans) != 1 or spans[0][0] != len(node.text) - 1:
        where = "does not stand" if not spans else f"stands {len(spans)} times" if len(spans) > 1 else "stands"
        raise _NotRead(f"{old!r} {where} in the last paragraph of {unit} exactly once", closest=closest)
    words = node.text[-1][spans[0][1] :].rstrip()
    if m.groupdict().get("new") is not None:
        return _Reading("replace_words", {"unit": unit, "words": words, "with": _q(m, "new", quotes)})
    return _Reading("delete_words", {"unit": unit, "words": words})


_MARKS = {"semicolon": ";", "comma": ",", "period": ".", "colon": ":", "fullstop": "."}


def mask_address(words: str, quotes: list[str]) -> str | None:
    """'Section 8.3 of the Agreement', 'clause (b) of Section 2.1', 'the definition of §Q0§'."""
    m = re.match(r"^\s*" + grammar.TARGET + r"\s*$", words, re.IGNORECASE)
    return _address(m, quotes) if m else None


def _unit_block(block: str | None) -> list[str]:
    if block is None:
        raise _NotRead("the instruction adds a unit but its text does not follow a colon")
    return _paragraphs(block)


def _paragraphs(block: str) -> list[str]:
    """The block's paragraphs, each one line: a block quoted whole ("... \n\n ...") is
    its paragraphs too, never one paragraph run together."""
    quoted = block_text(block)
    return block_paragraphs(quoted) if quoted is not None else block_paragraphs(block)


def _restate(unit: str | None, quotes: list[str], block: str | None, current: Agreement) -> list[_Reading]:
    if not unit:
        raise _NotRead("the instruction does not say what it restates")
    paras = _unit_block(block)
    if unit.startswith("definition:") and not unit.endswith(")"):
        if len(paras) == 1:
            return [_Reading("restate_definition", {"term": unit.split(":", 1)[1], "text": paras[0]})]
        # a definition of several paragraphs keeps its lettered clauses as units
        text, children = _lettered(paras, Kind.CLAUSE)
        if not children:
            raise _NotRead("the restated definition runs to several paragraphs that are not lettered clauses")
        new = Unit(Kind.SECTION, text=text, children=children)  # as an amendment file gives it: the engine fits it
        return [_Reading("restate_unit", {"unit": unit, "new": new})]
    labels = re.findall(r"\([^()]+\)", unit)
    number = labels[-1] if labels else unit
    old = _unit_at(current, unit)
    kind = old.children[0].kind if old.children else (Kind.SUBSECTION if old.kind is Kind.SECTION else Kind.CLAUSE)
    new = new_unit(paras, number, heading=old.heading is not None, parts=kind)
    return [_Reading("restate_unit", {"unit": unit, "new": new._replace(number=None)})]


_ROW = re.compile(
    r"^(?:(?:Section|SECTION|Clause|CLAUSE|Paragraph)\s+)?(?P<number>[0-9]+(?:\.[0-9]+)*[A-Z]?(?:\([a-zA-Z0-9]{1,6}\))*)"
    r"(?:\s*\((?P<heading>[A-Z][^()]{0,80})\))?\s+(?P<text>\S.*)$",
    re.DOTALL,
)
"""A row of a table of restatements, its cells run together: the section the left column
names ("Section 2.2 (Invoices)"), then the new text the right column gives for it."""


def _table_restated(block: str | None, quotes: list[str], current: Agreement) -> list[_Reading]:
    """Each row of the table after the colon restates the section its left column names
    with the text of its right column. The right column must open with that section's own
    number ("Section 2.2 Invoices. ..."), so that where the cells meet is never guessed; a
    first row without a section (the column headings, no sentence of their own) is passed
    over. Any other row is a finding for the whole table."""
    if block is None:
        raise _NotRead("the instruction sets out its changes in a table, but no table follows its colon")
    rows = [" ".join(p.split()) for p in re.split(r"\n\s*\n", block.strip()) if p.strip()]
    if rows and not _ROW.match(rows[0]) and "." not in rows[0] and len(rows[0].split()) <= 12:
        rows = rows[1:]  # the column headings
    if not rows:
        raise _NotRead("the table after the instruction's colon has no rows")
    out: list[_Reading] = []
    for row in rows:
        m = _ROW.match(row)
        opens = _NUMBERED.match(m.group("text")) if m else None
        if m is None or opens is None or _label(opens.group("number")) != _last_label(m.group("number")):
            raise _NotRead(
                "a row of the table does not name a section and then give its new text opening with that "
                "section's number, so where its columns meet cannot be told",
                closest=row[:80],
            )
        _heading_cited(m.group("heading"), m.group("number"), current)
        out.extend(_restate(m.group("number"), quotes, m.group("text"), current))
    return out


def _each_restated(units: list[str], quotes: list[str], block: str | None, current: Agreement) -> list[_Reading]:
    """Several units restated by one instruction: the new text gives each in turn, opening
    with its number ("10.01 Notices. ...", then "10.02 Governing Law. ..."); a text that
    does not is a finding, since where one unit's words end and the next's begin is not said."""
    paras = _unit_block(block)
    groups: list[list[str]] = []
    for p in paras:
        m = _NUMBERED.match(p)
        k = len(groups)
        if m and k < len(units) and _label(m.group("number")) == _last_label(units[k]):
            groups.append([p])
        elif groups:
            groups[-1].append(p)
        else:
            groups = []
            break
    if len(groups) != len(units):
        raise _NotRead(
            f"the new text does not give each of {', '.join(units)} in turn, each opening with its number",
            closest=paras[0][:80] if paras else None,
        )
    return [r for u, g in zip(units, groups, strict=True) for r in _restate(u, quotes, "\n\n".join(g), current)]


def _unit_at(current: Agreement, address: str) -> Unit:
    """The unit an address names in the agreement as amended so far."""
    try:
        path = resolve(current.root, address)
    except AgreementError as e:
        raise _NotRead(e.message) from None
    node = current.root
    for i in path:
        node = node.children[i]
    return node


def _folded_heading(heading: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", heading).casefold().split())


def _heading_cited(heading: str | None, address: str, current: Agreement) -> None:
    """'Clause 5.1 (Purpose)': the heading cited must be the unit's own. Another heading
    means the drafter had another clause in mind, or the agreement was renumbered: which is
    meant is not for the compiler to choose. A unit the agreement gives no heading is
    addressed by its number alone, as any other instruction's."""
    if not heading:
        return
    node = _unit_at(current, address)
    if node.heading and _folded_heading(node.heading) != _folded_heading(heading):
        raise _NotRead(
            f"the instruction cites {address} as ({heading}), but the agreement heads {address} {node.heading!r}: "
            "which unit is meant is not said"
        )


def _parent(current: Agreement, address: str) -> Unit:
    """The unit that holds the unit an address names."""
    try:
        path = resolve(current.root, address)
    except AgreementError as e:
        raise _NotRead(e.message) from None
    node = current.root
    for i in path[:-1]:
        node = node.children[i]
    return node


def _qualified(label: str, target: str | None) -> str:
    """'(d)' named inside an instruction on Section 6.01 is clause (d) of Section 6.01."""
    label = label.replace(" ", "")
    if not label.startswith("("):
        return label
    if not target or target == "document":
        raise _NotRead(f"the instruction names {label} but not the unit it belongs to")
    return f"{target}{label}"


def _at_end(current: Agreement, unit: str, words: str) -> int | None:
    """The words "at the end of" a unit: they must close its text; which of their
    occurrences that is (None when it is the only one)."""
    node = _unit_at(current, unit)
    spans = [(i, s, e) for i, para in enumerate(node.text) for s, e in find_all(para, words)]
    if node.children or not node.text:
        raise _NotRead(f"{unit} ends with its parts, not with words of its own")
    last = node.text[-1].rstrip()
    if not spans or spans[-1][0] != len(node.text) - 1 or spans[-1][2] != len(last):
        raise _NotRead(f"{words!r} does not stand at the end of {unit}", closest=last[-60:])
    return len(spans) if len(spans) > 1 else None


def _sentence_words(current: Agreement, unit: str, n: int) -> str:
    """The words of sentence `n` of a unit, counted as the engine counts sentences (and
    refused where it would be unsure where one ends): deleting a sentence by its place is
    deleting exactly these words, which must then stand in the unit once."""
    from ..errors import TextEditError
    from ..operations.words import counted_sentence

    try:
        path = resolve(current.root, unit)
        _, _, para, (start, end) = counted_sentence(current.root, path, n)
    except (AgreementError, TextEditError) as e:
        raise _NotRead(e.message) from None
    return " ".join(para[start:end].split())


def _sentence_count(current: Agreement, unit: str) -> int:
    """How many sentences the unit has, counted through all its paragraphs as the engine
    counts them (for "the last sentence", "the period at the end thereof")."""
    node = _unit_at(current, unit)
    if node.children:
        raise _NotRead(f"{unit} ends with its parts, so which sentence is its last cannot be told for certain")
    if not node.text:
        raise _NotRead(f"{unit} has no words of its own to count sentences in")
    return sum(len(sentence_spans(para)) for para in node.text)


def _sentence_restated(current: Agreement, unit: str, n: int, text: str) -> _Reading:
    """Sentence n of a unit restated (or deleted and replaced): its words, written out as
    the engine counts them, replaced by the new sentence, which must be one."""
    if not _a_sentence(text):
        raise _NotRead(f"the words that restate sentence {n} of {unit} are not a sentence of their own")
    return _Reading("replace_words", {"unit": unit, "words": _sentence_words(current, unit, n), "with": text})


def _by_sentence(current: Agreement, unit: str, n: int, side: str, text: str) -> _Reading:
    """A new sentence after (or before) sentence n of a unit: after the last one, it is added
    at the end; else it is inserted next to that sentence's words, written out (counted as
    the engine counts sentences, and checked to stand once). Words that are not a sentence
    of their own do not go between two sentences: a finding."""
    if not _a_sentence(text):
        raise _NotRead(
            f"the words put {side} sentence {n} of {unit} are not a sentence of their own",
            closest=f"insert_words {{'unit': {unit!r}, {side!r}: sentence {n}, 'text': {text!r}}}",
        )
    words = _sentence_words(current, unit, n)
    if side == "after" and n == _sentence_count(current, unit):
        return _Reading("append_sentence", {"unit": unit, "text": text})
    return _Reading("insert_words", {"unit": unit, side: words, "text": text})


def _a_sentence(text: str) -> bool:
    """Words that stand as a sentence of their own: they open with a capital (or a quote, a
    bracket, a number) and close with a mark that ends a sentence."""
    words = text.strip()
    return bool(words) and (words[0].isupper() or words[0] in '"\u201c([0123456789') and words[-1] in '.!?:"\u201d)]'


def _conform_proviso(args: dict[str, object], what: str, current: Agreement, *, before_period: bool = False) -> None:
    """A new proviso quoted with the ';' that would end it in a list of provisos, placed at
    the end of a sentence that closes with a period: conformed as a further proviso set
    off by "; ", keeping the sentence's period; no word is changed (the seed's Section
    3(b)). The note says so, and the review lists it."""
    text = str(args["text"]).rstrip()
    if text.endswith(".") and text.lstrip().startswith((",", ";")) and not before_period:
        # (words placed "before the period" that bring their own are a drafting slip: a finding)
        _proviso_with_its_period(args, text, current)
        return
    if not text.endswith((";", ",")) or text.lstrip().startswith((",", ";")):
        return
    lead = text.lstrip().split(",")[0].lower()
    if "proviso" not in what and not lead.startswith(("provided", "provided further")):
        return
    body = " ".join(text.rstrip(";,").split())
    args["as_conformed"] = f"; {body}"
    args["conforming_note"] = (
        f"The amendment quotes the new proviso with a closing {text[-1]!r}, but places it at the end of a "
        "sentence that closes with a period. Conformed as a further proviso set off by a semicolon, keeping "
        "the sentence's closing period; no word is changed."
    )


def _proviso_with_its_period(args: dict[str, object], text: str, current: Agreement) -> None:
    """'adding at the end thereof "; provided that ... ."': words that continue the last
    sentence and close with a period of their own, placed before that sentence's period.
    Done literally the text would read ".." (which the engine refuses); the words take the
    sentence's place at its end, so their period is the sentence's: conformed without
    it, with a note. Where the sentence does not end with a period, nothing is conformed
    (and the engine says where the marks meet)."""
    sentence = _sentence_words(current, str(args["unit"]), int(args["sentence"]))  # type: ignore[call-overload]
    if not sentence.endswith("."):
        return
    args["as_conformed"] = text[:-1]
    args["conforming_note"] = (
        "The amendment quotes the words added at the end of the sentence with a closing period of their "
        "own; they are placed before the sentence's closing period, which stands for theirs. No word is changed."
    )


# --- a whole provision ------------------------------------------------------------------


def _sentence(masked: str) -> tuple[str, re.Match[str]] | None:
    for name, pattern in grammar.SENTENCES:
        m = pattern.match(masked)
        if m:
            return name, m
    return None


def _actions(rest: str, quotes: list[str] | None = None) -> list[tuple[str, re.Match[str]]]:
    """The actions of an instruction, one after another, each read whole. Where the reading
    stops, the finding says what was read and from which words on it could not go."""
    out: list[tuple[str, re.Match[str]]] = []
    at = 0
    rest = rest.rstrip()
    rest = re.sub(r"[.;,]\s*(?:and|or)?$", "", rest).rstrip()
    while at < len(rest):
        c = grammar.CONNECTOR.match(rest, at)
        if c and (out or re.search(r"\bby\b|\(", rest[c.start() : c.end()], re.IGNORECASE)):
            at = c.end()
        best = None
        for action in grammar.ACTIONS:
            m = action.pattern.match(rest, at)
            if m and (best is None or m.end() > best[1].end()):
                best = (action.name, m)
                if m.end() == len(rest):
                    break
        if best is None or best[1].end() == at:
            read = ", ".join(name for name, _ in out)
            raise _NotRead(
                "the compiler cannot read this instruction",
                closest=(
                    f"read {_shown(rest[:at].strip(), quotes)!r} as {read}; "
                    f"no phrase reads on from {_shown(rest[at:].strip(), quotes)[:80]!r}"
                    if out
                    else _closest(rest[at:], quotes)
                ),
            )
        out.append(best)
        at = best[1].end()
        if at < len(rest) and not grammar.CONNECTOR.match(rest, at).group().strip() and rest[at - 1] not in " ,;":
            raise _NotRead("the compiler read only part of this instruction", closest=rest[:at].strip())
    return out


def _shown(masked: str, quotes: list[str] | None) -> str:
    """Masked words as the instruction wrote them, its quotations put back."""
    if quotes is None:
        return masked
    return re.sub(r"§Q(\d+)§", lambda m: '"' + quotes[int(m.group(1))] + '"', masked)


def _closest(words: str, quotes: list[str] | None = None) -> str:
    """The longest phrase of the table that reads the beginning of the words."""
    best, name = 0, None
    for action in grammar.ACTIONS:
        for k in range(len(words), 0, -max(1, len(words) // 12)):
            if action.pattern.match(words[:k]):
                if k > best:
                    best, name = k, action.name
                break
    if name:
        return f"reads as {name!r} up to {_shown(words[:best], quotes)!r}"
    return f"no phrase of the grammar reads its first words: {_shown(words, quotes)[:60]!r}"


_RUN_ON = re.compile(r"^[ \t]*(?=(?:the|in|each)\s)")
"""What follows 'amended as follows:' on the same line when it is an instruction, not new
text: "Section 6.02 is amended as follows: the ratio "X" is replaced by "Y"."."""


def _run_on(head: str, block: str) -> tuple[str, str]:
    """'... is hereby amended as follows: the words X are deleted and ...' in one paragraph:
    the words after the colon are the instruction's own (its actions), not the new text, and
    the block is what follows their own colon, if any. They must then read whole as actions,
    or the instruction is a finding."""
    if re.search(r"\bas\s+follows\s*$", head, re.IGNORECASE) and _RUN_ON.match(block):
        more, rest = split_block(block)
        return f"{head}: {more}", rest
    return head, block


def _read(provision: Provision, inherited: str | None, current: Agreement) -> list[_Reading]:
    """The provision's operations. Where its single quotation marks can be read more than
    one way (a closing mark or a plural possessive: ‘ninety (90) days’ written notice’),
    the one reading under which the instruction reads whole is taken; none or two are
    findings, never a choice."""
    head, block = _run_on(*split_block(provision.text))
    block_or_none = block if block.strip() else None
    readings = single_readings(_one_line(head))
    if len(readings) == 1:
        return _read_words(*readings[0], block_or_none, inherited, current)
    read: list[list[_Reading]] = []
    first: _NotRead | None = None
    for masked, quotes in readings:
        try:
            read.append(_read_words(masked, quotes, block_or_none, inherited, current))
        except _NotRead as e:
            first = first or e
    if len(read) == 1:
        return read[0]
    if read:
        raise _NotRead(
            f"the single quotation marks read {len(read)} ways, each an instruction: which marks close a "
            "quotation and which are apostrophes cannot be told",
            closest="quote the words with double quotation marks",
        )
    assert first is not None
    raise first


def _read_words(
    masked: str, quotes: list[str], block_or_none: str | None, inherited: str | None, current: Agreement
) -> list[_Reading]:
    """The operations of one reading of a provision's words (quotations masked)."""
    relabel = grammar.RELABEL_AFTER.search(masked)
    if relabel:  # "Clause (c) ... is hereby deleted, and the remaining clauses are relettered accordingly"
        readings = _read_words(masked[: relabel.start()], quotes, block_or_none, inherited, current)
        return [*readings, *_relabelled(readings, relabel.group("rest_kind"), current)]
    _other_instrument(masked, current)
    unquoted = _unquoted_references(masked)
    if unquoted is not None:
        raise _NotRead(
            f"references to {unquoted.group('old').strip()!r} are replaced, but the words are not quoted: which "
            "words of the agreement are those references (with or without 'the', in the plural, in capitals) "
            "cannot be told exactly",
            closest=f"replace_references of the words as they stand in the agreement, with "
            f"{unquoted.group('new').strip()!r}, if each place is meant",
        )
    found = _sentence(masked)
    if found is not None:
        name, m = found
        target = _address(m, quotes)
        if m.groupdict().get("target_heading"):
            cited = m.group("target_number") + "".join(re.findall(r"\([^()]+\)", m.group("target_tail") or ""))
            _heading_cited(m.group("target_heading"), cited, current)
        _this_agreement(m, current)
        _exhibit_named(m, current)
        if target and target.startswith("("):
            target = _qualified(target, inherited)
        rest = m.group("rest") or ""
        uses_block = name in (
            "restated",
            "definitions_added",
            "sentence_restated",
            "unit_added",
            "units_restated",
            "definitions_restated",
            "definitions_deleted_following",
            "table_restated",
        ) or (name == "deleted" and bool(m.group("following") or m.group("following2")))
        if (
            block_or_none is not None
            and name not in ("amended_by", "units_amended", "passive", "in_unit")
            and not uses_block
        ):
            raise _NotRead("new words follow the instruction's colon, but the instruction takes no new words")
        if name == "restated":
            if m.group("exhibit") or m.group("exhibit2"):
                raise _NotRead(_in_an_exhibit(m.group("exhibit") or m.group("exhibit2"), quotes))
            return _restate(target, quotes, block_or_none, current)
        if name == "deleted" and (m.group("following") or m.group("following2")):
            return _restate(target, quotes, block_or_none, current)
        if name == "table_restated":
            return _table_restated(block_or_none, quotes, current)
        if name == "replaced_by_attachment":
            missing = ""
            try:
                _unit_at(current, target or "document")
            except _NotRead as e:
                missing = f"; and {e.reason}"
            raise _NotRead(
                f"{_shown(m.group('target'), quotes)} is replaced by {m.group('attached')} attached to the amendment: "
                f"its words are the attachment's, which an instruction does not quote{missing}",
                closest="restate_unit with the attachment's text, or add the schedule as the agreement's exhibit",
            )
        if name == "sentence_restated":
            if target is None or target == "document":
                raise _NotRead("the instruction does not say which unit's sentence it restates")
            n = _nth_sentence(m.group("sentence"), current, target)
            if block_or_none is None:
                raise _NotRead("the instruction restates a sentence but no new words follow its colon")
            paras = _paragraphs(block_or_none)
            if len(paras) != 1:
                raise _NotRead("the restated sentence after the colon is not one paragraph")
            return [_sentence_restated(current, target, n, paras[0])]
        if name == "read_as_if":
            raise _NotRead(
                "'shall be read as if': the provision says how the agreement is to be read, not that its words "
                "are amended; whether the conformed copy shows the words is a judgement the compiler does not make",
                closest="insert_words, if the parties mean the words to stand in the text",
            )
        if name == "units_restated":
            if m.group("exhibit") or m.group("exhibit2"):
                raise _NotRead(_in_an_exhibit(m.group("exhibit") or m.group("exhibit2"), quotes))
            return _each_restated(_listed(m, inherited, quotes, current), quotes, block_or_none, current)
        if name == "unit_added":  # in a lead-in's part, "after subparagraph (b) thereof" is of its target
            return _read_action(m, "add_unit", target or inherited, quotes, block_or_none, current)
        if name in ("scope_amended", "scope_deleted"):
            return _in_scope(m, name, target or inherited, quotes, block_or_none, current)
        if name == "units_deleted":
            units = _listed(m, inherited, quotes, current)
            if m.group("reserved"):
                if len(units) > 1 and not re.search(r"\beach\b", m.group(0), re.IGNORECASE):
                    raise _NotRead(
                        f"{len(units)} units are deleted and replaced by {_shown(m.group('reserved'), quotes)}: "
                        "whether each of them is, or the run of them once, is not said",
                        closest="delete_unit for each, reserved: true, if each is meant",
                    )
                return [_deleted_for(u, quotes[_qn(m.group("reserved"))], current) for u in units]
            return [_Reading("delete_unit", {"unit": u}) for u in units]
        if name == "units_amended":
            if not rest.strip():
                raise _NotRead("the instruction names what it amends but not how")
            return [
                r
                for u in _listed(m, inherited, quotes, current)
                for r in _read_actions(rest, u, quotes, block_or_none, current)
            ]
        if name == "passive":  # its place is in its words ("the words X in Section 4(b) ... are deleted")
            return _read_actions(rest, inherited, quotes, block_or_none, current)
        if name == "in_unit":  # "In subparagraph (b) of Paragraph 4, the words X are deleted and ..."
            inner = _sentence(rest)
            if inner is not None and (
                inner[0] in ("scope_amended", "scope_deleted")
                or (inner[0] not in ("passive", "in_unit", "read_as_if") and _address(inner[1], quotes))
            ):
                # "In Clause 1.1 (Definitions), the definition of X shall be deleted and replaced by the
                # following:": a sentence with its own subject, read as the lead-in of its unit
                named = _address(inner[1], quotes)
                if named and target and not (named == target or named.startswith(("(", "definition:", target + "("))):
                    raise _NotRead(
                        f"the instruction names {target} and then {named} within it, which is not part of it: "
                        "which unit is meant is not said"
                    )
                return _read_words(rest, quotes, block_or_none, target, current)
            return _read_actions(rest, target, quotes, block_or_none, current)
        if name == "scope_in":  # "in the first sentence thereof, the words X are replaced by Y"
            return _in_scope(m, "scope_amended", target or inherited, quotes, block_or_none, current)
        if name == "words_deleted":
            named = m.group("in_target") or m.group("in_target2")
            unit = mask_address(named, quotes)
            if unit is None:
                raise _NotRead(f"the compiler cannot tell which unit {named!r} is")
            _heading_cited(m.group("in_heading"), unit, current)
            return [_Reading("delete_words", {"unit": unit, "words": _q(m, "old", quotes)})]
        if name == "deleted":
            if target and target.startswith("definition:") and not target.endswith(")"):
                if m.group("reserved"):
                    raise _NotRead("a definition is deleted, not reserved")
                deleted = {"terms": [target.split(":", 1)[1]]}
                if m.groupdict().get("target_term_in"):
                    deleted["unit"] = m.group("target_term_in")
                return [_Reading("delete_definitions", deleted)]
            if target and target.startswith(_ARTICLE):  # "Article V ... is hereby deleted": the article
                target = _article_address(current, target)
            if m.group("reserved"):
                return [_deleted_for(target, quotes[_qn(m.group("reserved"))], current)]
            return [_Reading("delete_unit", {"unit": target})]
        if name == "definitions_deleted":
            deleted = {"terms": [quotes[int(n)] for n in re.findall(r"§Q(\d+)§", m.group("terms"))]}
            if m.group("defs_in"):
                deleted["unit"] = m.group("defs_in")
            return [_Reading("delete_definitions", deleted)]
        if name == "definitions_added":
            scope = m.group("defs_to") or (inherited if inherited and re.match(r"^\d", inherited) else None)
            return _definitions_added(scope or _the_definitions_section(current), block_or_none)
        if name == "definitions_restated":
            return _definitions_restated(block_or_none, current)
        if name == "definitions_deleted_following":
            deleted = {"terms": _terms_listed(block_or_none)}
            if m.group("defs_in"):
                deleted["unit"] = m.group("defs_in")
            return [_Reading("delete_definitions", deleted)]
        if name == "redesignated":
            return [_redesignation(m.group("from"), m.group("to"), inherited, quotes)]
        if name == "references":
            scope = m.group("scope")
            args = {"words": _q(m, "old", quotes), "with": _q(m, "new", quotes)}
            if not re.fullmatch(grammar.AGREEMENT, "in " + scope, re.IGNORECASE):
                unit = mask_address(scope, quotes)
                if unit is None:
                    raise _NotRead(f"the compiler cannot tell which part of the agreement {scope!r} is")
                if unit.startswith(_ARTICLE):  # each reference in Article VII: in each of its sections
                    args["units"] = _article_sections(current, unit)
                elif unit != "document":
                    args["units"] = [unit]
            _stands_alone(current, str(args["words"]), args.get("units"))  # type: ignore[arg-type]
            return [_Reading("replace_references", args)]
        if name == "changed_to":
            named = m.group("in_target") or m.group("in_target2")
            unit = mask_address(named, quotes)
            if unit is None:
                raise _NotRead(f"the compiler cannot tell which unit {named!r} is")
            _heading_cited(m.group("in_heading"), unit, current)
            return [
                _Reading("replace_words", {"unit": unit, "words": _q(m, "old", quotes), "with": _q(m, "new", quotes)})
            ]
        if name == "amended_by" and m.groupdict().get("own_clause") and block_or_none is None and target == "document":
            # "With effect from the Effective Date, the Facility Agreement shall be amended as set out
            # in this Clause 2.": a lead-in to the amendment's own clauses after it, each an
            # instruction read on its own; it edits nothing itself
            return []
        if not rest.strip():
            if block_or_none is not None:
                raise _NotRead(
                    "the instruction says the unit is 'amended as follows:' and gives new text, not instructions: "
                    "whether the text restates the unit in its entirety is not said",
                    closest="restate_unit with the text given, if it is restated in its entirety",
                )
            raise _NotRead("the instruction names what it amends but not how")
        inner = _sentence(rest)
        if inner is not None and inner[0] in ("scope_amended", "scope_deleted") and not _address(inner[1], quotes):
            # "Section 2.04 is hereby amended as follows: the proviso thereto is hereby deleted."
            return _read_words(rest, quotes, block_or_none, target, current)
        return _read_actions(rest, target, quotes, block_or_none, current)
    if inherited is not None:
        return _read_actions(masked, inherited, quotes, block_or_none, current)
    raise _NotRead("the compiler cannot tell what this provision amends", closest=_later_sentence(masked, quotes))


_ARTICLE = "article:"
"""An article the instruction names ("Article IV"): not an address of the engine, which
addresses sections; the compiler reads only "adding a new Section 4.7 at the end" of one."""


def _article_address(current: Agreement, article: str) -> str:
    """The engine's address of an article the instruction names ("Article V" -> "ARTICLE V",
    as the agreement numbers it)."""
    try:
        return address_of(current.root, resolve(current.root, f"Article {article[len(_ARTICLE) :]}"))
    except AgreementError as e:
        raise _NotRead(e.message) from None


def _article_end(current: Agreement, article: str) -> str:
    """The address of the last section under an article's heading, after which a section
    added "at the end of Article IV" goes. The article must stand once, and end with a
    section."""
    return _article_sections(current, article)[-1]


def _article_sections(current: Agreement, article: str) -> list[str]:
    """The addresses of the sections under an article's heading (it must stand once, and
    hold sections only)."""
    want = article_number(article[len(_ARTICLE) :])
    found = [
        (i, u)
        for i, u in enumerate(current.root.children)
        if u.kind is Kind.SECTION
        and u.number
        and re.match(r"^\s*article\s", u.number, re.IGNORECASE)
        and article_number(u.number) == want
    ]
    name = f"Article {article[len(_ARTICLE) :]}"
    if len(found) != 1:
        raise _NotRead(f"{name} stands {len(found)} times in the agreement as amended so far, not once")
    i, node = found[0]
    if not node.children or any(c.kind is not Kind.SECTION for c in node.children):
        raise _NotRead(f"{name} holds words that are not in its sections, which the compiler does not address")
    return [address_of(current.root, (i, k)) for k in range(len(node.children))]


def _listed(m: re.Match[str], inherited: str | None, quotes: list[str], current: Agreement) -> list[str]:
    """The units a list names ("Sections 2.01 and 2.03", "clauses (c), (d) and (e) of Section
    7.01"), each an address; "(c) through (f)": every unit from the first to the last, as
    the agreement as amended so far has them, which must be parts of one unit."""
    holder = inherited
    if m.group("units_of"):
        holder = mask_address(m.group("units_of"), quotes)
        if holder is None:
            raise _NotRead(f"the compiler cannot tell which unit {m.group('units_of')!r} is")
    items = [
        x.replace(" ", "") for x in re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|through|to)\s+", m.group("units").strip())
    ]
    items = [_qualified(x, holder) for x in items if x]
    if m.group("units_join").lower() == "and":
        return items
    if len(items) != 2:
        raise _NotRead(f"the range {m.group('units')!r} does not name one first and one last unit")
    try:
        first, last = resolve(current.root, items[0]), resolve(current.root, items[1])
    except AgreementError as e:
        raise _NotRead(e.message) from None
    if first[:-1] != last[:-1] or first[-1] > last[-1]:
        raise _NotRead(f"{items[0]} and {items[1]} are not the first and last of one run of parts of one unit")
    return [address_of(current.root, (*first[:-1], i)) for i in range(first[-1], last[-1] + 1)]


def _later_sentence(masked: str, quotes: list[str]) -> str:
    """An instruction the grammar would read from a later word on ("Effective as of the date
    hereof, Section 9.03 ... is hereby amended by ..."): which words stand in its way."""
    for m in re.finditer(r"(?<=[\s,;])(?=\w)", masked):
        if _sentence(masked[m.start() :]) is not None:
            return (
                f"reads from {_shown(masked[m.start() :], quotes)[:60]!r}, but not the words before it: "
                f"{_shown(masked[: m.start()].strip(), quotes)!r}"
            )
    return _closest(masked, quotes)


def _read_actions(
    rest: str, target: str | None, quotes: list[str], block: str | None, current: Agreement
) -> list[_Reading]:
    parts = _inline_parts(rest)
    if parts:  # "(i) in clause (a), by deleting ...; and (ii) in clause (c), by inserting ..."
        return [
            r
            for part in parts
            for r in _read_actions(part, target, quotes, block if part is parts[-1] else None, current)
        ]
    nested = grammar.NESTED_TARGET.match(rest)
    if nested:  # "amending the definition of "X" by deleting ...", "in clause (c), by inserting ..."
        inner = _address(nested, quotes)
        if inner and inner.startswith("("):
            inner = _qualified(inner, target)
        return _read_actions(nested.group("rest"), inner, quotes, block, current)
    actions = _actions(rest, quotes)
    out: list[_Reading] = []
    for k, (name, m) in enumerate(actions):
        # the block after the colon belongs to the last action (or to the one that asks for it)
        mine = block if k == len(actions) - 1 else None
        if name == "relabel_rest":  # "... and relettering the remaining clauses accordingly"
            relabelled = _relabelled(out, m.group("rest_kind"), current)
            out.extend(relabelled)
            if relabelled and k < len(actions) - 1:
                # a part named after the relettering may be named by its old label or its new one
                raise _NotRead(
                    f"the instruction goes on after relettering the parts of {relabelled[0].args['unit']}: whether "
                    "the labels it names after that are the old ones or the new is not said",
                    closest=", ".join(_describe(r) for r in out),
                )
            continue
        if name == "replace_elliptic":  # "replacing X with Y and Z with W": only after a replacement
            if k == 0 or actions[k - 1][0] not in ("replace", "replace_elliptic"):
                raise _NotRead("words 'X with Y' follow no replacement whose verb they could share")
            name = "replace"
        if mine is not None and not _takes_block(name, m):
            raise _NotRead("new words follow the instruction's colon, but none of its actions takes new words")
        out.extend(_read_action(m, name, target, quotes, mine, current))
    return out


def _inline_parts(rest: str) -> list[str] | None:
    """The lettered parts of an instruction run on in one sentence, "(i) ...; and (ii) ...",
    each read on its own with the instruction's target; None unless the words open with the
    first label and the labels run in sequence."""
    marks = list(grammar.INLINE_PART.finditer(rest))
    if len(marks) < 2 or marks[0].start() != 0:
        return None
    labels = [m.group("label") for m in marks]
    if labels[0] not in ("i", "a", "1", "A") or not _in_sequence([x.lower() for x in labels]):
        return None
    ends = [m.start() for m in marks[1:]] + [len(rest)]
    return [rest[m.end() : end] for m, end in zip(marks, ends, strict=True)]


def _takes_block(name: str, m: re.Match[str]) -> bool:
    """Does the action take the new words that follow its colon?"""
    if name in (
        "add_definitions",
        "add_unit",
        "restate",
        "unit_replaced",
        "delete_definitions_following",
        "restate_definitions",
    ):
        return True
    if name == "replace":  # "the words X are deleted and the following is substituted therefor:"
        return m.groupdict().get("new") is None
    if name == "delete_proviso":
        return bool(m.group("in_lieu")) and m.group("text_q") is None
    if name == "delete_sentence":
        return bool(m.group("in_lieu")) and m.group("text_q") is None
    return (
        name
        in (
            "insert",
            "sentence_end",
            "sentence_start",
            "before_final_period",
            "append",
            "by_sentence",
            "restate_sentence",
        )
        and m.group("text_q") is None
    )


def amends_text(provision: Provision) -> bool:
    """Does the provision amend words of the agreement (or is it a note)?"""
    masked, _ = mask(_one_line(split_block(provision.text)[0]))
    if _ONLY_REFERENCES.search(masked):
        return any(amends_text(p) for p in provision.parts)
    if grammar.AMENDING_VERBS.search(masked) or _sentence(masked) is not None or grammar.edits_a_unit(masked):
        return True
    if _unquoted_references(masked) is not None:  # a finding, never a note
        return True
    return any(amends_text(p) for p in provision.parts)


_ONLY_REFERENCES = re.compile(
    r"^(?:(?!§Q).)*\b(?:references?|refer)\b.*\bas\s+amended\s+(?:hereby|by\s+this)\b", re.IGNORECASE | re.DOTALL
)
"""'All references in the Agreement ... shall hereafter refer to the Agreement as amended
hereby': a ratification, not an edit."""


def _stands_alone(current: Agreement, words: str, units: list[str] | None) -> None:
    """References replaced everywhere ("each reference in the Agreement to "Lease""): the
    quoted words must not also stand inside other words ("Sublease", "Leases"), where whether
    those are references to them is not said."""
    needle = fold_plain(words)
    pattern = re.compile(r"\s+".join(re.escape(w) for w in needle.split(" ")))
    roots = [_unit_at(current, u) for u in units] if units else [current.root]
    inside: dict[str, int] = {}
    for root in roots:
        for _, _, para in paragraphs(root):
            for m in pattern.finditer(para):
                start, end = m.span()
                if not (needle[0].isalnum() and start and para[start - 1].isalnum()) and not (
                    needle[-1].isalnum() and end < len(para) and para[end].isalnum()
                ):
                    continue
                while start and para[start - 1].isalnum():
                    start -= 1
                while end < len(para) and para[end].isalnum():
                    end += 1
                word = " ".join(para[start:end].split())
                inside[word] = inside.get(word, 0) + 1
    if inside:
        found = ", ".join(f"{w!r} ({n} time{'s' if n != 1 else ''})" for w, n in sorted(inside.items()))
        raise _NotRead(
            f"{needle!r} also stands inside other words ({found}): whether those are references to it is not said",
            closest=f"replace_references of {needle!r} where it stands as words of its own, if those are not meant",
        )


def _unquoted_references(masked: str) -> re.Match[str] | None:
    """'All references in the Agreement to the Delivery Point shall be deemed references to the
    Delivery Site': references replaced, their words unquoted (not the agreement itself)."""
    m = grammar.REFERENCES_UNQUOTED.match(masked)
    if m is None or grammar.AGREEMENT_ITSELF.match(m.group("old").strip()):
        return None
    return m


def note_kind(provision: Provision) -> NoteKind:
    for words in (provision.heading or "", provision.text):
        for kind, pattern in grammar.NOTE_KINDS:
            if words and pattern.search(words):
                return NoteKind(kind)
    return NoteKind.OTHER


def _notes(provision: Provision) -> list[ProvisionNote]:
    """A provision that changes no text, as notes: one per part when its parts are of
    different kinds (representations, ratification), else one."""
    if provision.parts:
        out = []
        for part in provision.parts:
            out.extend(_notes(part))
        return out
    words = _one_line(provision.text)
    return [ProvisionNote(note_kind(provision), provision.source, words, provision.location)]


def compile_provisions(provisions: list[Provision], agreement: Agreement, amendment: Amendment) -> Compiled:
    """Every provision as operations (checked against the agreement as amended so far),
    notes, or findings. `amendment` carries the title, dates and sequence; its changes are
    ignored and rebuilt."""
    changes: list[Change] = []
    notes: list[ProvisionNote] = []
    findings: list[Finding] = []
    words: list[str] = []
    current = agreement
    base = agreement.root
    own = _own_effective_terms(provisions)
    for provision in provisions:
        if not amends_text(provision):
            notes.extend(_notes(provision))
            continue
        try:
            plan = _plan(_in_effect(provision, amendment, own), current)
        except _NotRead as e:
            findings.append(Finding(provision.source, _as_signed(provision), e.reason, e.closest, provision.location))
            continue
        for unit, inherited in plan:
            try:
                readings = _read(_in_effect(unit, amendment, own), inherited, current)
                _counted_alike(readings, _in_effect(unit, amendment, own), inherited, current, agreement)
            except _NotRead as e:
                findings.append(Finding(unit.source, _as_signed(unit), e.reason, e.closest, unit.location))
                continue
            for r in readings:
                try:
                    _named_after_relabelling(r, changes)
                    r = _as_listed(_as_defined(r, current), current)
                except _NotRead as e:
                    findings.append(Finding(unit.source, _as_signed(unit), e.reason, e.closest, unit.location))
                    continue
                change = Change(r.op, r.args, unit.source, len(changes) + 1, unit.location)
                try:
                    current, applied = apply_change(current, amendment._replace(changes=(change,)), change, base)
                except ChangeError as e:
                    findings.append(Finding(unit.source, _as_signed(unit), e.message, _describe(r), unit.location))
                    continue
                if change.op == "replace_references":  # the count, for the reviewer to see
                    effect = applied.effect
                    note = f"{effect.detail} with {fold_plain(str(r.args['with']))!r}, in {', '.join(effect.units)}"
                    change = change._replace(args={**change.args, "note": note})
                changes.append(change)
                words.append(_as_signed(unit))
    return Compiled(tuple(changes), tuple(notes), tuple(findings), tuple(words))


def _named_after_relabelling(r: _Reading, changes: list[Change]) -> None:
    """A part named by a label that an earlier instruction of the same amendment gave to
    another part, or took from it ("clause (c)" after "(d)" was relettered "(c)"): whether
    the label is the one as signed or as relettered is not said, so it is a finding."""
    for change in changes:
        if change.op != "redesignate":
            continue
        parent = str(change.args["unit"])
        labels = {str(x) for x in (*change.args["from"], *change.args["to"])}  # type: ignore[misc]
        named = {parent + x if parent != "document" else x for x in labels}
        for key in ("unit", "after", "before", "into"):
            addr = r.args.get(key)
            if isinstance(addr, str) and any(addr == n or addr.startswith(n + "(") for n in named):
                raise _NotRead(
                    f"{addr} is named after an earlier instruction of this amendment relabelled the parts of "
                    f"{parent} ({', '.join(sorted(labels))}): whether the label is the one as signed or as "
                    "relabelled is not said"
                )


def _counted_alike(
    readings: list[_Reading], provision: Provision, inherited: str | None, current: Agreement, before: Agreement
) -> None:
    """An instruction that places its edit by counting (the third sentence, the second line,
    the last time it appears) in a unit an earlier instruction of the same amendment already
    changed may count in the text as signed or as amended so far; when the two countings name
    different places, which one the parties meant is not said, so it is a finding."""
    for r in readings:
        unit = r.args.get("unit")
        if not isinstance(unit, str) or not _changed(unit, current, before):
            continue
        if not _same_place(r, unit, current, before):
            raise _NotRead(
                f"{unit} was already changed by this amendment, and the place this instruction counts "
                "(its sentence, line or occurrence) is another in the text as signed than in the text "
                "as amended so far: which one is meant is not said"
            )
    _sentences_counted_alike(readings, provision, current, before)
    if any(isinstance(r.args.get("unit"), str) and _changed(str(r.args["unit"]), current, before) for r in readings):
        try:
            signed = _read(provision, inherited, before)
        except _NotRead:
            return  # it reads only in the text as amended so far (its words were added by it)
        if [_uncounted(r) for r in signed] != [_uncounted(r) for r in readings] and _recounted(
            readings, current, before
        ):
            raise _NotRead(
                f"{readings[0].args.get('unit')} was already changed by this amendment, and counted in its "
                "text as signed the instruction names another place than in its text as amended so far"
            )


_SENTENCE_COUNTED = re.compile(r"\b" + grammar.ORDINAL.format(name="counted") + r"\s+sentence\b", re.IGNORECASE)
"""A sentence named by its place in a unit: "the third sentence", "the last sentence"."""


def _sentences_counted_alike(
    readings: list[_Reading], provision: Provision, current: Agreement, before: Agreement
) -> None:
    """A sentence counted ("the third sentence", "the last sentence") in a unit an earlier
    instruction of the same amendment changed must be the same sentence counted in the text
    as signed and in the text as amended so far: the same words, or the words of that one
    sentence changed in its place. A sentence taken away before it and another added after
    leave the count of sentences as it was, yet the third is then another sentence; which
    text the parties counted in is not said, so that is a finding. A count the text as signed
    does not reach has only one reading."""
    masked, _ = mask(_one_line(split_block(provision.text)[0]))
    said = [m.group("counted") for m in _SENTENCE_COUNTED.finditer(masked)]
    if not said:
        return
    units = {str(r.args["unit"]) for r in readings if isinstance(r.args.get("unit"), str)}
    for unit in sorted(units):
        if not _changed(unit, current, before):
            continue
        try:
            then, now = _sentences(before, unit), _sentences(current, unit)
        except _NotRead:
            continue
        for word in said:
            n_now = grammar.ordinal(word) or len(now) - (grammar.from_end(word) or 1) + 1
            n_then = grammar.ordinal(word) or len(then) - (grammar.from_end(word) or 1) + 1
            if not 1 <= n_then <= len(then) or not 1 <= n_now <= len(now):
                continue  # named in one text only: one reading
            if _moved(then, now, n_then - 1, n_now - 1):
                raise _NotRead(
                    f"{unit} was already changed by this amendment, and 'the {word} sentence' counted in its text as "
                    f"signed is another sentence than counted in its text as amended so far (sentences were taken "
                    f"away or added before it): which one is meant is not said",
                    closest=f"sentence {n_then} as signed: {then[n_then - 1][:60]!r}; "
                    f"sentence {n_now} as amended so far: {now[n_now - 1][:60]!r}",
                )


def _sentences(current: Agreement, unit: str) -> list[str]:
    """A unit's sentences in order, as the engine counts them (white space folded)."""
    node = _unit_at(current, unit)
    return [" ".join(para[s:e].split()) for _, _, para in paragraphs(node) for s, e in sentence_spans(para)]


def _moved(then: list[str], now: list[str], k_then: int, k_now: int) -> bool:
    """Whether sentence k_now of the text as amended so far is not sentence k_then of the
    text as signed: it stands in neither a run of sentences kept nor in one sentence
    changed in its place (one sentence for one)."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=then, b=now, autojunk=False).get_opcodes():
        if j1 <= k_now < j2:
            if tag == "equal" or (tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1):
                return i1 + (k_now - j1) != k_then
            return True
    return True


def _recounted(readings: list[_Reading], current: Agreement, before: Agreement) -> bool:
    """Whether an earlier instruction added or took away a sentence of a unit the readings
    act on (else a reading that differs names the same sentence, its words since changed:
    "after the first sentence" once the first sentence was restated)."""
    for r in readings:
        unit = r.args.get("unit")
        if not isinstance(unit, str):
            return True
        try:
            if _sentence_count(current, unit) != _sentence_count(before, unit):
                return True
        except _NotRead:
            return True
    return False


def _uncounted(r: _Reading) -> tuple[str, dict[str, object]]:
    """A reading without the occurrence the compiler adds to pin its words (compared apart)."""
    return r.op, {k: v for k, v in r.args.items() if k != "occurrence"}


def _line(node: Unit, n: int) -> str:
    """Line n of a unit's text as the document printed it (counted from its number's line)."""
    lines = "\n".join(node.text).split("\n")
    k = n - node.text_line
    return lines[k] if 0 <= k < len(lines) else ""


def _same_place(r: _Reading, unit: str, current: Agreement, before: Agreement) -> bool:
    """Whether the sentence, line or occurrence a reading counts is the same in the unit as
    signed and as amended so far (or is not there at all in the text as signed, so that
    only one reading is possible)."""
    if isinstance(r.args.get("sentence"), int):
        n = int(r.args["sentence"])  # type: ignore[call-overload]
        # words changed inside it leave a sentence where it was; a sentence added or taken
        # away moves those after it, unless the one counted is the same words
        try:
            signed, count = _sentence_words(before, unit, n), _sentence_count(before, unit)
        except _NotRead:
            signed, count = None, 0
        if (
            signed is not None
            and signed != _sentence_words(current, unit, n)
            and count != _sentence_count(current, unit)
        ):
            return False
    words = str(r.args.get("words") or r.args.get("after") or r.args.get("before") or "")
    if isinstance(r.args.get("line"), int) and words:
        # an edit inside a line keeps the original line breaks, so a line keeps its number
        # unless an earlier edit added or took away a line break before it
        n = int(r.args["line"])  # type: ignore[call-overload]
        now, then = (len(find_all(_line(u, n), words)) for u in (_unit_at(current, unit), _unit_at(before, unit)))
        if then and now != then:
            return False
    if isinstance(r.args.get("occurrence"), int):
        count_now = sum(len(find_all(p, words)) for p in _unit_at(current, unit).text)
        count_then = sum(len(find_all(p, words)) for p in _unit_at(before, unit).text)
        if count_then >= int(r.args["occurrence"]) and count_now != count_then:  # type: ignore[call-overload]
            return False
    return True


def _changed(address: str, current: Agreement, before: Agreement) -> bool:
    """Whether an earlier instruction of this amendment changed the unit's text."""
    try:
        return _unit_at(current, address) != _unit_at(before, address)
    except _NotRead:
        return False


def _own_effective_terms(provisions: list[Provision]) -> frozenset[str]:
    """The terms the amendment defines as the time it takes effect (grammar.OWN_EFFECTIVE_TERM:
    '... (the "Effective Date")'), folded, from every provision and its parts."""

    def texts(p: Provision) -> Iterator[str]:
        yield p.text
        for part in p.parts:
            yield from texts(part)

    return frozenset(
        " ".join((m.group("term") or m.group("means")).split()).casefold()
        for p in provisions
        for text in texts(p)
        for m in grammar.OWN_EFFECTIVE_TERM.finditer(text)
    )


def _in_effect(provision: Provision, amendment: Amendment, own: frozenset[str] = frozenset()) -> Provision:
    """The provision without a time clause that opens it ("Effective as of the date hereof,
    Section 9.03 ..."), when the time is the amendment's own (grammar.EFFECTIVE, or a term
    in `own` the amendment defines as its effectiveness); a change said to take effect at
    another time is a finding, since the amendment's date is the only one its changes carry."""
    for _ in range(3):  # "The parties agree that, subject to ..., effective ..., Section ..."
        read = _openings_read(provision)
        if read is provision:
            break
        provision = read
    m = grammar.EFFECTIVE.match(provision.text)
    if m is not None:
        _own_time(m, m.group(), amendment, provision.text[m.end() :], own)
        provision = provision._replace(text=provision.text[m.end() :])
    head, block = split_block(provision.text)
    m = grammar.EFFECTIVE_AFTER.search(head) if not block.strip() else None
    if m is not None:  # "..., effective as of the date hereof."
        _own_time(m, m.group("time"), amendment, head[: m.start()], own)
        provision = provision._replace(text=head[: m.start()] + ".")
    return provision


def _own_time(m: re.Match[str], said: str, amendment: Amendment, rest: str, own: frozenset[str]) -> None:
    """A time clause must name the amendment's own date or effectiveness (grammar.EFFECTIVE,
    or "the Effective Date" where the amendment defines it as its own: `own`); any other
    time is a finding."""
    if m.group("dated"):
        when = parse_date(" ".join(m.group("dated").split()))
        if when is None or when not in (amendment.date, amendment.effective):
            raise _NotRead(
                f"the instruction takes effect {_one_line(said.strip(' ,'))!r}, which is not the "
                f"amendment's date ({amendment.dated}); a change that takes effect on a date of its own is "
                "not one the amendment's date can carry",
                closest="write the change in an amendment file of its own, dated as it takes effect",
            )
    elif not m.group("own") and _the_term(m.group("other")) not in own:
        raise _NotRead(
            f"the instruction names a time the compiler does not know for the amendment's own: "
            f"{_one_line(said.strip(' ,'))!r}",
            closest=_one_line(rest)[:80],
        )


def _the_term(words: str | None) -> str:
    """'the Effective Date' -> 'effective date', as _own_effective_terms folds a term."""
    return re.sub(r"^the\s+", "", " ".join((words or "").split()), flags=re.IGNORECASE).casefold()


def _openings_read(provision: Provision) -> Provision:
    """The provision without an opening that is the amendment's own: the parties' agreement
    ("The Borrower and the Lender agree that ..."), or its own conditions ("Subject to the
    conditions precedent set forth in Section 4 of this Amendment, ..."). A condition of
    any other kind ("If the Buyer purchases ..., Section 3.01 shall be amended ...") is a
    finding: whether it is met is not in the words."""
    for pattern in (grammar.AGREED_THAT, grammar.OWN_CONDITIONS):
        m = pattern.match(provision.text)
        if m:
            return provision._replace(text=provision.text[m.end() :])
    m = grammar.CONDITIONED.match(provision.text)
    if m and not grammar.EFFECTIVE.match(provision.text):
        raise _NotRead(
            f"the change is made on a condition of its own: {_one_line(m.group('condition'))!r}; whether it is "
            "met is not in the amendment's words, and the amendment's date is the only time its changes carry",
            closest=_one_line(provision.text[m.end() :])[:80],
        )
    return provision


def _plan(provision: Provision, current: Agreement) -> list[tuple[Provision, str | None]]:
    """The provision as the compiler reads it: whole; or, for a lead-in whose lettered
    parts carry the actions ("Section 13 ... is hereby amended by: (a) ...; (b) ..."),
    each part with the lead-in's target, under its own source ("Section 3(a)")."""
    if not provision.parts:
        return [(provision, None)]
    head, block = split_block(provision.text)
    masked, quotes = mask(_one_line(head))
    found = _sentence(masked)
    # words that follow the lettered parts ("In addition, Section 3.1 is hereby amended
    # by ...") are read as a provision of their own, never passed over
    after: list[tuple[Provision, str | None]] = []
    closing = Provision(f"{provision.source}, after its parts", None, block.strip(), (), provision.location)
    if closing.text and amends_text(closing):
        after = [(closing, None)]
    if found is not None and found[0] == "amended_by" and not (found[1].group("rest") or "").strip():
        target = _address(found[1], quotes)
        _this_agreement(found[1], current)
        _other_instrument(masked, current)
        _exhibit_named(found[1], current)
        return [(p, target) for part in provision.parts for p, _ in _plan(part, current)] + after
    if not masked.strip():
        return [(p, t) for part in provision.parts for p, t in _plan(part, current)] + after
    raise _NotRead(
        "the provision has lettered parts, but its opening words are not a lead-in that ends at "
        "'amended by:' or 'amended as follows:', so how the parts relate to them cannot be told",
        closest=masked[:80],
    )


def _this_agreement(m: re.Match[str], current: Agreement) -> None:
    """An instruction that names the whole instrument it amends by a name ("The Credit
    Agreement is hereby amended ...") must name the agreement being amended: an omnibus
    amendment also amends others ("The Security Agreement is hereby amended ..."), whose
    words must never be looked for in this one."""
    whole = m.groupdict().get("target_whole")
    if not whole:
        return
    named = " ".join(m.group("target").split()[1:]).casefold()  # without "The"
    title = " ".join(current.title.split()).casefold()
    if named in title or title in named:
        return
    *name, kind = named.split() or [""]
    if _names_this_agreement(kind, name, current):  # "The Loan Agreement" for the Loan and Security Agreement
        return
    raise _NotRead(
        f"the instruction amends {m.group('target')!r}, which is not named as the agreement being amended "
        f"({current.title!r})",
        closest="if it is this agreement under another name, write the amendment as YAML",
    )


def _other_instrument(masked: str, current: Agreement) -> None:
    """An instrument named in the instruction's own words ("Section 2.01 of the Security
    Agreement") must be the agreement being amended: an omnibus amendment amends several,
    and the words of one are never looked for in another. A name is this agreement's when,
    its words of time ("Existing", "Original", "Amended and Restated") set aside, it is
    "the Agreement" itself, or its kind is the title's and it shares another word with it
    ("the Symphony Exchange Agreement" for the Securities Exchange Agreement, as the seed
    amendment calls it)."""
    for m in grammar.INSTRUMENT_NAMED.finditer(masked):
        if _names_this_agreement(m.group("kind"), m.group("name").split(), current):
            continue
        raise _NotRead(
            f"the instruction names {' '.join(m.group().split())!r}, which is not named as the agreement being "
            f"amended ({current.title!r}): an amendment of several instruments amends each in its own words",
            closest="if it is this agreement under another name, write the amendment as YAML",
        )


def _names_this_agreement(kind: str, name: list[str], current: Agreement) -> bool:
    """Whether an instrument named by its kind ("Agreement") and the words before it
    ("Loan", "Existing Credit") is the agreement being amended: its words of time set
    aside, it is "the Agreement" itself, or its kind is the title's and it shares another
    word with it (or has none)."""
    title = [w.casefold() for w in re.findall(r"[\w&'\-]+", current.title)]
    kind = kind.casefold()
    named = [w.casefold() for w in name if w.casefold() not in grammar.GENERIC_NAME_WORDS]
    if not named and (kind == "agreement" or kind in title):
        return True
    return kind in title and bool(set(named) & (set(title) - {kind}) or not named)


_ATTACHMENT_WORDS = ("exhibit", "schedule", "annex", "appendix")


def _exhibit_named(m: re.Match[str], current: Agreement) -> None:
    """An attachment named by its kind and number ("Annex 1") must be the agreement's: where
    the agreement's attachment of that number calls itself another kind ("SCHEDULE 1"),
    the instruction names one the agreement does not have, and is not read as the other."""
    number = m.groupdict().get("target_exhibit")
    if not number:
        return
    named = m.group("target").split()[0].lower()
    for _, u in walk(current.root):
        if u.kind is not Kind.EXHIBIT or (u.label or "").casefold() != number.casefold():
            continue
        words = f"{u.number or ''} {u.heading or ''}".lower()
        kinds = [k for k in _ATTACHMENT_WORDS if re.search(rf"\b{k}\b", words)]
        if kinds and named not in kinds:
            raise _NotRead(
                f"the instruction amends {named.title()} {number}, but the agreement's attachment {number} is "
                f"{(u.heading or u.number or '').strip()!r}",
                closest=f"exhibit:{u.label}, if the {kinds[0].title()} is meant",
            )


def _as_defined(r: _Reading, current: Agreement) -> _Reading:
    """Terms as the agreement defines them. A definition may quote its term with the
    punctuation that follows it ('"Outstanding," when used ...', as US drafting puts
    commas inside the quotes); an instruction names the term without it ("the
    definition of "Outstanding""). Where no term is defined as named but exactly one is
    with a closing mark added, that one is meant."""

    def defined(term: str) -> str:
        key = term_key(term)
        terms = [u.term for _, u in walk(current.root) if u.kind is Kind.DEFINITION and u.term]
        if any(term_key(t) == key for t in terms):
            return term
        marked = [t for t in terms if term_key(t.rstrip(",.;:")) == key and term_key(t) != key]
        return marked[0] if len(marked) == 1 else term

    args = dict(r.args)
    unit = args.get("unit")
    if isinstance(unit, str) and unit.startswith("definition:"):
        m = re.match(r"^definition:(.*?)((?:\([^()\s]+\))*)$", unit, re.S)
        if m:
            args["unit"] = f"definition:{defined(m.group(1))}{m.group(2)}"
    if isinstance(args.get("term"), str):
        args["term"] = defined(str(args["term"]))
    if isinstance(args.get("terms"), list):
        args["terms"] = [defined(str(t)) for t in args["terms"]]  # type: ignore[union-attr]
    return r._replace(args=args) if args != r.args else r


def _deleted_for(unit: str | None, words: str, current: Agreement) -> _Reading:
    """A unit deleted "in its entirety" and replaced by quoted words. "[Reserved]" alone is
    a reservation (the engine leaves exactly that). Other words ("[Reserved];" in a list of
    clauses, "[Intentionally Omitted]") are the unit's new text: a restatement of a unit
    without a heading, in one paragraph, its label kept. A unit with a heading is a
    finding: whether the heading survives the words is not said."""
    if not unit or unit == "document":
        raise _NotRead("the instruction does not say which unit it deletes")
    if " ".join(words.split()) == "[Reserved]":
        return _Reading("delete_unit", {"unit": unit, "reserved": True})
    old = _unit_at(current, unit)
    if old.heading is not None:
        raise _NotRead(
            f'{unit} has a heading ({old.heading!r}) and is replaced by {words!r}, not by "[Reserved]" alone: '
            'a restatement, but whether its heading stays is not said (the engine reserves a unit only with "[Reserved]")',
            closest='delete_unit with reserved: true if "[Reserved]" will do, or restate_unit with the words given',
        )
    if not words.strip() or "\n\n" in words.strip():
        raise _NotRead(
            f'the unit is replaced by {words!r}, not by "[Reserved]" alone: a restatement, which the engine '
            'cannot take as a reservation (it leaves "[Reserved]" and nothing more)',
            closest="delete_unit with reserved: true, or restate_unit with the words given",
        )
    labels = re.findall(r"\([^()]+\)", unit)
    new = new_unit([_one_line(words)], labels[-1] if labels else unit, heading=False)  # "(c) [Reserved];" too
    return _Reading("restate_unit", {"unit": unit, "new": new._replace(number=None)})


def _describe(r: _Reading) -> str:
    shown = {
        k: (v if not isinstance(v, Unit) else f"{v.number or ''} {v.heading or ''}".strip()) for k, v in r.args.items()
    }
    return f"{r.op} {shown}"


__all__ = ["Compiled", "Finding", "Provision", "compile_provisions"]
