"""Defined terms on the conformed copy: defined but never used, defined twice, out of
alphabetical order, and uses a deletion orphaned. Terms defined inline, '(the "NOTES")',
count as definitions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..address import address_of, describe, sort_key, term_key
from ..model import Kind, Unit, walk
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


def definitions(root: Unit) -> dict[str, list[tuple[str, str, object]]]:
    """term key -> [(term as written, where, location)], from definitions and inline ones."""
    found: dict[str, list[tuple[str, str, object]]] = {}
    pointers: dict[str, list[tuple[str, str, object]]] = {}
    for path, unit in walk(root):
        if unit.kind is Kind.DEFINITION and unit.term and unit.text and _POINTER.match(flat(unit.text[0])):
            pointers.setdefault(term_key(unit.term), []).append((unit.term, describe(root, path), unit.location))
        elif unit.kind is Kind.DEFINITION and unit.term:
            found.setdefault(term_key(unit.term), []).append((unit.term, describe(root, path), unit.location))
        for para in unit.text:
            for group in _PAREN.finditer(para):
                for m in _QUOTED.finditer(group.group(1)):
                    term = m.group(1).strip()
                    found.setdefault(term_key(term), []).append(
                        (term, f"{describe(root, path)} (inline)", unit.location)
                    )
    for key, places in pointers.items():
        found.setdefault(key, places)
    return found


def _usage(term: str) -> re.Pattern[str]:
    """The term as it is used: each word capitalised ("Notes", "NOTES"), singular or plural,
    with a possessive."""
    words = term.split()
    if words[-1].lower().endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    parts = [re.escape(w[0].upper()) + f"(?i:{re.escape(w[1:])})" for w in words]
    return re.compile(r"\s+".join(parts) + r"(?:s|'s|\u2019s)?(?!\w)")


_DEFINING = re.compile(
    r"(?:^|\(\s*(?:the\s+|a\s+|an\s+)?|,\s*(?:and\s+)?(?:together\s+with\s+[^,()]*,\s*)?the\s+)[\"\u201c]$"
)


def used(term: str, text: str, longer: Iterable[str] = ()) -> bool:
    """Whether the term is used anywhere in `text` (the agreement's paragraphs, a line
    each) other than where it is being defined: a quoted term opening a definition or
    standing in a parenthesis is its definition, while 'by the "Required Holders"' is a use.
    Where it stands inside one of the `longer` terms ("Committee" in "Compensation
    Committee"), that longer term is what is used."""
    pattern = _usage(term)
    covered = [m.span() for other in longer for m in _usage(other).finditer(text)]
    m = pattern.search(text)
    while m is not None:  # each place the term stands, searched in C; the context decides each
        at_ = m.start()
        if any(s <= at_ and m.end() <= e for s, e in covered):
            pass
        elif at_ == 0 or not text[at_ - 1].isalnum():
            start = max(text.rfind("\n", 0, at_) + 1, at_ - 60)
            if not _DEFINING.search(text[start:at_]):
                return True
        m = pattern.search(text, at_ + 1)
    return False


def run(context: Context) -> Iterator[Finding]:
    history = context.history
    root = history.latest.agreement.root
    defined = definitions(root)
    paragraphs = [flat(p) for _, u in walk(root) for p in u.text]
    body = "\n".join(paragraphs)
    # a party's name or short name ('("iBASIS GLOBAL")' in the preamble) names a party to the
    # agreement; a reviewer does not flag it as a defined term left unused
    parties = {_stem(n) for party in history.latest.agreement.parties for n in (party.name, party.short_name) if n}
    for _key, places in sorted(defined.items()):
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
        if not used(term, body, _containing(term, defined)) and _stem(term) not in parties:
            yield finding(
                WARNING,
                "term-unused",
                f'"{term}" is defined but never used',
                places[0][2],
                places[0][1],
                "a definition no text uses may be left from an amendment that removed its uses",
            )
    # a definition deleted by an amendment, while its term is still used
    seen_before: dict[str, tuple[str, object]] = {}
    for version in history.versions[:-1]:
        for key, places in definitions(version.agreement.root).items():
            seen_before.setdefault(key, (places[0][0], version))
    for key, (term, _version) in sorted(seen_before.items()):
        if key in defined:
            continue
        longer = _containing(term, defined)
        if used(term, body, longer):
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
    for path, unit in walk(root):
        terms = [(c.term or "", c) for c in unit.children if c.kind is Kind.DEFINITION]
        for (a, _), (b, later) in zip(terms, terms[1:], strict=False):
            if sort_key(a) > sort_key(b):
                yield finding(
                    WARNING,
                    "terms-out-of-order",
                    f'in {describe(root, path)}, "{b}" comes after "{a}", out of alphabetical order',
                    later.location,
                    address_of(root, path),
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


# "the Warrant Agent": capitalised words after an article, as defined terms are used
_AFTER_ARTICLE = re.compile(
    r"\b(?:the|such|each|any|all|every|no)\s+((?:[A-Z][A-Za-z\-]+)(?:\s+[A-Z][A-Za-z\-]+)+)(?:'s|\u2019s)?\b"
)


_NOT_TERMS = frozenset("No Section Sections Exhibit Schedule Article Clause Amendment".split())


def _stem(term: str) -> str:
    key = term_key(term)
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


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
    for para in paragraphs:
        for m in _AFTER_ARTICLE.finditer(para):
            phrase = m.group(1)
            words = phrase.split()
            if len(words) > 4:  # a title ("the Delaware Revised Uniform Limited Partnership Act")
                continue
            if words[-1] in _NOT_TERMS or words[0] in _NOT_TERMS:
                continue
            # the longest tail of the phrase that is a known term covers it ("the Borrower Notes")
            if any(_stem(" ".join(words[i:])) in known for i in range(len(words))):
                continue
            if any(_stem(" ".join(words[: j + 1])) in known for j in range(len(words))):
                continue
            seen[phrase] = seen.get(phrase, 0) + 1
    for phrase, count in sorted(seen.items()):
        yield Finding(
            WARNING,
            "term-undefined",
            f'"{phrase}" is used as a defined term is ({count} time{"s" if count != 1 else ""}), but nothing defines it',
            "the conformed copy",
            "define it, or check that it names something outside the agreement",
        )
