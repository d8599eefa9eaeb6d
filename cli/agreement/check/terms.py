"""Defined terms on the conformed copy: defined but never used, defined twice, out of
alphabetical order, and uses a deletion orphaned. Terms defined inline, '(the "NOTES")',
count as definitions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator
from typing import NamedTuple

from ..address import describe, sort_key, term_key
from ..model import Kind, Path, Unit, walk
from ..printed import flat
from . import ERROR, WARNING, Context, Finding, finding

_PAREN = re.compile(r"\(([^()]*)\)")
_QUOTED = re.compile(r"[\"\u201c]([A-Za-z][^\"\u201c\u201d]*)[\"\u201d]")
# '"Partnership" has the meaning given in the preamble': an index entry that points at the
# definition, which counts as the definition only where nothing else defines the term
_POINTER = re.compile(
    r"^\W*[^\"\u201c\u201d]+[\"\u201d]\s+(?:has|shall\s+have|have)\s+the\s+meanings?\b|"
    r"^\W*[^\"\u201c\u201d]+[\"\u201d]\s+(?:is|are)\s+defined\s+in\b",
    re.IGNORECASE,
)


def definitions(
    root: Unit, units: Iterable[tuple[Path, Unit]] | None = None, owns: dict | None = None
) -> dict[str, list[Place]]:
    """term key -> [(term as written, where, location)], from definitions and inline ones.
    `units`: the root's units with their paths, when the caller has them already;
    `owns`: what units define, as `_own` remembers it."""
    found: dict[str, list[Place]] = {}
    pointers: dict[str, list[Place]] = {}
    owns = {} if owns is None else owns
    for path, unit in walk(root) if units is None else units:
        for key, term, kind in _own(unit, owns):
            if kind is _INLINE:
                found.setdefault(key, []).append((term, f"{describe(root, path)} (inline)", unit.location))
            else:
                (pointers if kind is _POINTER_ENTRY else found).setdefault(key, []).append(
                    (term, describe(root, path), unit.location)
                )
    for key, places in pointers.items():
        found.setdefault(key, places)
    return found


Place = tuple[str, str, object]
_DEFINITION, _POINTER_ENTRY, _INLINE = "definition", "pointer", "inline"


def _own(unit: Unit, owns: dict[int, tuple[Unit, list[tuple[str, str, str]]]]) -> list[tuple[str, str, str]]:
    """What the unit itself defines, in the order `definitions` meets it: (key, term as
    written, how: a definition, an index entry pointing at one, or inline). Versions share
    the units no change touched, and the latest with them: each is read once a run
    (`owns`, by identity; the unit is kept, so its id is not reused)."""
    known = owns.get(id(unit))
    if known is not None and known[0] is unit:
        return known[1]
    out = []
    if unit.kind is Kind.DEFINITION and unit.term:
        pointer = bool(unit.text) and _POINTER.match(flat(unit.text[0])) is not None
        out.append((term_key(unit.term), unit.term, _POINTER_ENTRY if pointer else _DEFINITION))
    for para in unit.text:
        if '"' not in para and "\u201c" not in para:
            continue  # an inline definition opens with a quotation mark: none here
        for group in _PAREN.finditer(para):
            for m in _QUOTED.finditer(group.group(1)):
                term = m.group(1).strip()
                out.append((term_key(term), term, _INLINE))
    owns[id(unit)] = (unit, out)
    return out


def _first_terms(
    unit: Unit,
    memo: dict[int, tuple[Unit, dict[str, str], dict[str, str]]],
    owns: dict,
    latest: frozenset[int] = frozenset(),
    defined: Container[str] = (),
) -> tuple[dict, dict]:
    """Of the unit and its parts: term key -> the term as first written, for definitions
    and inline ones, and for index entries; what `definitions` gives as each key's first
    place. Versions share the units no change touched, so each is worked out once for
    the whole history (`memo`, by identity; the unit is kept, so its id is not reused).

    Only the keys not `defined`; and a unit the latest version has (`latest`: their ids)
    is passed over with its parts, as everything it defines the latest defines."""
    if id(unit) in latest:
        return _NOTHING
    known = memo.get(id(unit))
    if known is not None and known[0] is unit:
        return known[1], known[2]
    found: dict[str, str] = {}
    pointers: dict[str, str] = {}
    for key, term, kind in _own(unit, owns):
        if key not in defined:
            (pointers if kind is _POINTER_ENTRY else found).setdefault(key, term)
    for child in unit.children:
        # (the two cheap answers looked up here, without a call: most parts have one)
        if id(child) in latest:
            continue
        known = memo.get(id(child))
        if known is not None and known[0] is child:
            child_found, child_pointers = known[1], known[2]
        else:
            child_found, child_pointers = _first_terms(child, memo, owns, latest, defined)
        for key, term in child_found.items():
            found.setdefault(key, term)
        for key, term in child_pointers.items():
            pointers.setdefault(key, term)
    memo[id(unit)] = (unit, found, pointers)
    return found, pointers


_NOTHING: tuple[dict, dict] = ({}, {})


def _usage(term: str) -> re.Pattern[str]:
    """The term as it is used: each word capitalised ("Notes", "NOTES"), singular or plural,
    with a possessive."""
    return re.compile(_usage_source(term))


def _usage_source(term: str) -> str:
    return _words_source(term) + _SUFFIX


_SUFFIX = r"(?:s|'s|\u2019s)?(?!\w)"  # a plural or a possessive, then the word ends
_SPACE = r"\s+"  # between a term's words


def _words_source(term: str) -> str:
    """The term's words, as `_usage` reads them (without the plural or possessive after)."""
    return _SPACE.join(_word_pieces(term))


def _word_pieces(term: str) -> list[str]:
    """The pattern of each of the term's words: its first letter capitalised, the rest in
    any case; the last word without a plural "s"."""
    words = term.split()
    if words[-1].lower().endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return [re.escape(w[0].upper()) + f"(?i:{re.escape(w[1:])})" for w in words]


class _Node(NamedTuple):
    """A word of some terms' words: the places of the terms whose words end with it, and
    the words that follow it in others (by their patterns)."""

    ends: list[list[tuple[int, int]]]
    next: dict[str, _Node]


class Places:
    """Every place where each of some terms stands in a text (where its `_usage` pattern
    matches, at every start: the places may overlap), as `used` reads them: (start, end).

    The terms that open with one letter are looked for together, by one pattern that
    opens with the letter (which the engine looks for fast) and holds their words as a
    tree, each word once however many terms open with it ("Agent", then "Agreement" or
    "Fee"), each tried in a lookahead of its own; an empty group marks the end of a
    term's words: where it takes part in a match, the term's words stand, ending there,
    and `_end` reads the plural or possessive after them as `_usage` would. One pass per
    term instead runs to the end of the agreement for each term never used; and one
    pattern per term costs a compilation each (a tenth of a millisecond, for a hundred
    terms and more)."""

    def __init__(self, text: str, terms: Iterable[str]) -> None:
        self._found: dict[str, list[tuple[int, int]]] = {}
        trees: dict[str, _Node] = {}  # letter -> the words of the terms that open with it
        seconds: dict[str, set[str] | None] = {}  # letter -> the second letters of the first words
        for term in terms:
            first = term.split()[0]
            head = first[0].upper()
            if len(head) == 1 and term not in self._found:  # ("ß" opens with "SS"): searched on its own
                pieces = _word_pieces(term)
                node = trees.setdefault(head, _Node([], {}))
                for piece in (pieces[0][len(re.escape(head)) :], *pieces[1:]):
                    node = node.next.setdefault(piece, _Node([], {}))
                node.ends.append(self._found.setdefault(term, []))  # "Note" and "Notes" end at one word
                known = seconds.setdefault(head, set())
                seconds[head] = known.union(first[1]) if known is not None and len(first) > 1 else None
        for head, tree in trees.items():
            groups: list[list[list[tuple[int, int]]]] = []  # the terms that end at each empty group, in order
            for m in _together(head, tree, seconds[head], groups).finditer(text):  # consumes the letter only
                start = m.start()
                for i, same in enumerate(groups, 1):
                    words_end = m.end(i)
                    if words_end >= 0:
                        end = _end(text, words_end)
                        if end >= 0:
                            for places in same:
                                places.append((start, end))

    def of(self, term: str, text: str) -> list[tuple[int, int]]:
        """Each place the term stands in `text` (the text given), in order."""
        found = self._found.get(term)
        if found is None:
            pattern = _usage(term)
            found = []
            m = pattern.search(text)
            while m is not None:  # searched in C
                found.append(m.span())
                m = pattern.search(text, m.start() + 1)
        return found


def _together(head: str, tree: _Node, seconds: set[str] | None, groups: list) -> re.Pattern[str]:
    """The letter, then the tree of words: each word in a lookahead of its own, taken
    where it matches (`(?:(?=word ...))?`), then an empty group where terms end with it
    and the words that follow, each after white space; and at least one group taken (a
    conditional per group): a match is a place of the words of one term or more.
    `groups` gets the terms that end at each group, in the groups' order. `seconds`: the
    second letters of the terms' first words, when none is a letter alone; a letter
    followed by none of them (in any case, as the words read it) is passed over at once."""

    def words(node: _Node, space: str) -> str:
        out = []
        for piece, after in node.next.items():
            if after.ends:
                groups.append(after.ends)
            end = "()" if after.ends else ""
            out.append(f"(?:(?={space}{piece}{end}{words(after, _SPACE)}))?")
        return "".join(out)

    guard = f"(?=(?i:{'|'.join(re.escape(c) for c in sorted(seconds))}))" if seconds else ""
    taken = words(tree, "")
    any_taken = "|".join(f"(?({i})|(?!))" for i in range(1, len(groups) + 1))
    return re.compile(f"{re.escape(head)}{guard}{taken}(?:{any_taken})")


def _end(text: str, at_: int) -> int:
    """Where `_SUFFIX` ends when matched at `at_` (the end of a term's words), or -1 where
    it does not match: as the engine tries it, "s", "'s" and a curly "'s" in turn, then
    nothing, each only where no word character (alphanumeric or "_", as the engine's
    \\w) follows."""
    for suffix in ("s", "'s", "\u2019s"):
        if text.startswith(suffix, at_) and not _word_character(text, at_ + len(suffix)):
            return at_ + len(suffix)
    return -1 if _word_character(text, at_) else at_


def _word_character(text: str, at_: int) -> bool:
    return at_ < len(text) and (text[at_].isalnum() or text[at_] == "_")


_DEFINING = re.compile(
    r"(?:^|\(\s*(?:the\s+|a\s+|an\s+)?|,\s*(?:and\s+)?(?:together\s+with\s+[^,()]*,\s*)?the\s+)[\"\u201c]$"
)


def used(term: str, text: str, longer: Iterable[str] = (), places: Places | None = None) -> bool:
    """Whether the term is used anywhere in `text` (the agreement's paragraphs, a line
    each) other than where it is being defined: a quoted term opening a definition or
    standing in a parenthesis is its definition, while 'by the "Required Holders"' is a use.
    Where it stands inside one of the `longer` terms ("Committee" in "Compensation
    Committee"), that longer term is what is used. `places`: where the terms stand in
    `text`, when the caller asks about many."""
    places = places or Places(text, ())
    covered = [span for other in longer for span in _spans(places.of(other, text))]
    for at_, end in places.of(term, text):  # the context decides each
        if any(s <= at_ and end <= e for s, e in covered):
            pass
        elif at_ == 0 or not text[at_ - 1].isalnum():
            start = max(text.rfind("\n", 0, at_) + 1, at_ - 60)
            if not _DEFINING.search(text[start:at_]):
                return True
    return False


def _spans(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of places that may overlap, those a search from the start finds one after another
    (`finditer`): each the first that begins where the one before it ends, or later."""
    out: list[tuple[int, int]] = []
    end = 0
    for place in found:
        if place[0] >= end:
            out.append(place)
            end = place[1]
    return out


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    root = context.root
    owns: dict = {}  # what each unit defines, for the latest version and every earlier one
    defined = definitions(root, context.units, owns)
    paragraphs = [para for _, _, para in context.paragraphs]
    body = "\n".join(paragraphs)
    # a party's name or short name ('("iBASIS GLOBAL")' in the preamble) names a party to the
    # agreement; a reviewer does not flag it as a defined term left unused
    parties = {_stem(n) for party in history.latest.agreement.parties for n in (party.name, party.short_name) if n}
    containing = _all_containing(defined)
    # a definition deleted by an amendment: its term as first defined, by the version that
    # defined it (the keys the latest version does not define; the units it has hold none)
    seen_before: dict[str, tuple[str, object]] = {}
    memo: dict = {}
    latest = frozenset(id(unit) for _, unit in context.units)
    for version in history.versions[:-1]:
        found, pointers = _first_terms(version.agreement.root, memo, owns, latest, defined)
        for key, term in (*found.items(), *pointers.items()):
            seen_before.setdefault(key, (term, version))
    stands = Places(body, [*(places[0][0] for places in defined.values()), *(t for t, _ in seen_before.values())])
    for key, places in sorted(defined.items()):
        term = places[0][0]
        if len(places) > 1:
            yield finding(
                WARNING,
                "term-defined-twice",
                f'"{term}" is defined {len(places)} times: ' + "; ".join(p[1] for p in places),
                places[1][2],
                places[1][1],
                "keep one definition",
            )
        if not used(term, body, containing[key], stands) and _stem(term) not in parties:
            yield finding(
                WARNING,
                "term-unused",
                f'"{term}" is defined but never used',
                places[0][2],
                places[0][1],
                "a definition no text uses may be left from an amendment that removed its uses",
            )
    # a definition deleted by an amendment, while its term is still used
    for key, (term, _version) in sorted(seen_before.items()):
        if key in defined:
            continue
        longer = _containing(term, defined)
        if used(term, body, longer, stands):
            renamed = ", ".join(f'"{t}"' for t in longer)
            yield Finding(
                ERROR,
                "term-orphaned",
                f'"{term}" is still used, but its definition was deleted'
                + (f" (the definitions now have {renamed})" if longer else ""),
                "the conformed copy",
                f"a rename that did not reach every use leaves the old name: replace the others too ({renamed})"
                if longer
                else "an amendment deleting a definition usually replaces it or the uses; check the amendment",
            )
    yield from _undefined(context, defined, paragraphs)
    for path, unit in context.units:
        terms = [(c.term or "", c) for c in unit.children if c.kind is Kind.DEFINITION]
        for (a, _), (b, later) in zip(terms, terms[1:], strict=False):
            if sort_key(a) > sort_key(b):
                yield finding(
                    WARNING,
                    "terms-out-of-order",
                    f'in {context.describe(path)}, "{b}" comes after "{a}", out of alphabetical order',
                    later.location,
                    context.address(path),
                    "definitions stand in alphabetical order, quotes and case ignored",
                )


def _containing(term: str, defined: dict) -> list[str]:
    """The defined terms that hold `term` among their words ("Compensation Committee" holds
    "Committee"): where one of them stands, it is used, not `term`."""
    pattern = _usage(term)
    key = term_key(term)
    return [
        places[0][0]
        for k, places in defined.items()
        if k != key
        and any(m.start() == 0 or not places[0][0][m.start() - 1].isalnum() for m in pattern.finditer(places[0][0]))
    ]


def _all_containing(defined: dict) -> dict[str, list[str]]:
    """`_containing` for every defined term at once: the terms, written one after another
    with a NUL between (which no pattern crosses: a term's words are letters and spaces),
    are searched once for all the terms (`Places`) rather than once for each pair."""
    firsts = [(key, places[0][0]) for key, places in defined.items()]
    if any("\0" in term for _, term in firsts):
        return {key: _containing(term, defined) for key, term in firsts}
    joined = "\0".join(term for _, term in firsts)
    starts = []
    at_ = 0
    for _, term in firsts:
        starts.append(at_)
        at_ += len(term) + 1
    places = Places(joined, [term for _, term in firsts])
    out: dict[str, list[str]] = {}
    for key, term in firsts:
        holders = set()
        for start, _ in _spans(places.of(term, joined)):  # as the term's pattern's finditer finds them
            i = bisect_right(starts, start) - 1
            if start == starts[i] or not joined[start - 1].isalnum():
                holders.add(i)
        out[key] = [t for i, (k, t) in enumerate(firsts) if i in holders and k != key]
    return out


# "the Warrant Agent": capitalised words after an article, as defined terms are used
_ARTICLES = ("the", "such", "each", "any", "all", "every", "no")
_PHRASE = r"\s+((?:[A-Z][A-Za-z\-]+)(?:\s+[A-Z][A-Za-z\-]+)+)(?:'s|\u2019s)?\b"
_AFTER_ARTICLE = re.compile(rf"\b(?:{'|'.join(_ARTICLES)}){_PHRASE}")
# where _AFTER_ARTICLE matches, article by article: each pattern opens with its article,
# which the engine looks for as a string (a pattern opening with \b, or with one of seven
# words, is tried at most characters: twice as slow on a long agreement)
_OPENINGS = tuple(re.compile(rf"{word}(?<=\b{word})(?={_PHRASE})") for word in _ARTICLES)


def _after_articles(paragraphs: list[str]) -> Iterator[str]:
    """The phrase of each match of _AFTER_ARTICLE in each paragraph, in order, as its
    finditer finds them: of the places where it matches (found article by article, in the
    paragraphs written one after another with a NUL between, which no match crosses),
    each the first that begins where the one before it ends, or later."""
    if any("\0" in para for para in paragraphs):
        for para in paragraphs:
            for m in _AFTER_ARTICLE.finditer(para):
                yield m.group(1)
        return
    text = "\0".join(paragraphs)
    end = 0
    for start in sorted(m.start() for opening in _OPENINGS for m in opening.finditer(text)):
        if start >= end:
            m = _AFTER_ARTICLE.match(text, start)
            if m is not None:  # (it matches there: the opening said so)
                yield m.group(1)
                end = m.end()


_NOT_TERMS = frozenset("No Section Sections Exhibit Schedule Article Clause Amendment".split())


def _stem(term: str) -> str:
    key = term_key(term)
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def _names_nothing_known(phrase: str, known: set[str]) -> bool:
    """Whether a capitalised phrase after an article reads as a defined term that nothing
    defines: not a title, not a section or exhibit, and no known term at its head or tail."""
    words = phrase.split()
    if len(words) > 4:  # a title ("the Delaware Revised Uniform Limited Partnership Act")
        return False
    if words[-1] in _NOT_TERMS or words[0] in _NOT_TERMS:
        return False
    # the longest tail of the phrase that is a known term covers it ("the Borrower Notes")
    if any(_stem(" ".join(words[i:])) in known for i in range(len(words))):
        return False
    return not any(_stem(" ".join(words[: j + 1])) in known for j in range(len(words)))


def _undefined(context: Context, defined: dict, paragraphs: list[str]) -> Iterator[Finding]:
    """Capitalised phrases used as defined terms are ("the Warrant Agent") that nothing
    defines: not a definition, not a party's name or short name. Single words are left
    alone ("the Commonwealth"): too many are proper names."""
    agreement = context.history.latest.agreement
    known = {_stem(k) for k in defined}
    for party in agreement.parties:
        for name in (party.name, party.short_name or ""):
            if name:
                known.add(_stem(name))
    seen: dict[str, int] = {}
    undefined: dict[str, bool] = {}  # phrase -> whether nothing defines it (phrases recur: asked once)
    for phrase in _after_articles(paragraphs):
        if phrase not in undefined:
            undefined[phrase] = _names_nothing_known(phrase, known)
        if undefined[phrase]:
            seen[phrase] = seen.get(phrase, 0) + 1
    for phrase, count in sorted(seen.items()):
        yield Finding(
            WARNING,
            "term-undefined",
            f'"{phrase}" is used as a defined term is ({count} time{"s" if count != 1 else ""}), but nothing defines it',
            "the conformed copy",
            "define it, or check that it names something outside the agreement",
        )
