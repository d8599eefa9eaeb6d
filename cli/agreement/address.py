"""Addresses: "13.4", "13.4(a)(ii)", "recitals(a)", "preamble", "definition:Notes".

An address is parsed once into an `Address`, then resolved against a version of the
agreement to the path of exactly one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from .errors import NoSuchUnit, UsageError, suggest
from .lazyre import deferred
from .model import Kind, Path, Unit, at, walk

_NAMED = {"preamble": Kind.PREAMBLE, "recitals": Kind.RECITALS, "signatures": Kind.SIGNATURES}
_PREFIX = deferred(r"^(?:sections?\s+|§+\s*)", re.IGNORECASE)
_BASE = deferred(r"^(?P<base>[^()\[\]\s]+?)?(?P<ord>\[\d+\])?(?P<labels>(?:\([^()\s]+\))*)$")
_LABELS = deferred(r"\(([^()\s]+)\)")
_DEF = deferred(r"^(?:definition|def|term)\s*:\s*(?P<term>.+)$", re.IGNORECASE)
_EXHIBIT = deferred(r"^exhibit\s*[: ]\s*(?P<x>[^()\s]+)(?P<labels>(?:\([^()\s]+\))*)$", re.IGNORECASE)
_ARTICLE = deferred(r"^article\s+(?P<n>[IVXLCDM]+|[0-9]+)\.?(?P<labels>(?:\([^()\s]+\))*)$", re.IGNORECASE)
_ROMAN_PART = deferred(r"^[IVX]{1,5}$")
"""A top-level part numbered "II." with no word "ARTICLE" before it: Article II as well."""
_TRAILING_LABELS = deferred(r"^(?P<term>.*?)(?P<labels>(?:\([^()\s]+\))*)$", re.S)


class Address(NamedTuple):
    """A parsed address: a base (a section number, a named part, a term) and labels."""

    text: str
    base: str
    kind: Kind | None = None
    term: str | None = None
    ordinal: int | None = None
    labels: tuple[str, ...] = ()
    article: int | None = None  # "Article IV": the heading unit numbered so, by value

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=16384)
def term_key(term: str) -> str:
    """How lawyers compare defined terms: quotes, case and spacing ignored (remembered:
    looking a definition up compares its term with those of the definitions around it)."""
    return " ".join(re.sub(r"[\"'\u201c\u201d\u2018\u2019]", "", term).casefold().split())


@lru_cache(maxsize=16384)
def sort_key(term: str) -> str:
    """Alphabetical order of definitions, word by word, punctuation ignored (remembered:
    each definition added compares itself with every term already there)."""
    return " ".join(re.sub(r"[^\w\s]", "", term_key(term)).split())


@lru_cache(maxsize=16384)
def parse(text: str) -> Address:
    """Parse an address as users and amendment files write it; UsageError if malformed.
    (Remembered: check looks the same addresses up in version after version.)"""
    raw = text.strip()
    if not raw:
        raise UsageError(
            "an empty address", hint='write a section number ("13.4"), "recitals(a)" or "definition:Notes"'
        )
    if raw.casefold() == "document":
        return Address(raw, "", kind=Kind.DOCUMENT)
    # the named forms ("definition:", "Article", "exhibit:") open with a letter; a number
    # ("13.4", as most addresses are) is not tried against them, nor compiles them
    named = not raw[0].isdigit()
    m = _DEF.match(raw) if named else None
    if m:
        t = _TRAILING_LABELS.match(m.group("term").strip())
        term = (t.group("term") if t and t.group("term").strip() else m.group("term")).strip()
        labels = tuple(_LABELS.findall(t.group("labels"))) if t and t.group("term").strip() else ()
        term = term.strip("\"'\u201c\u201d")
        return Address(raw, term, kind=Kind.DEFINITION, term=term, labels=labels)
    m = _ARTICLE.match(raw) if named else None
    if m:  # "Article IV", "ARTICLE IV" (as address_of gives it), "Article 4": the same article
        return Address(
            raw,
            m.group("n").upper(),
            kind=Kind.SECTION,
            labels=tuple(_LABELS.findall(m.group("labels"))),
            article=article_number(m.group("n")),
        )
    m = _EXHIBIT.match(raw) if named else None
    if m:
        return Address(raw, m.group("x"), kind=Kind.EXHIBIT, labels=tuple(_LABELS.findall(m.group("labels"))))
    body = _PREFIX.sub("", raw).replace(" ", "")
    m = _BASE.match(body)
    if not m or not (m.group("base") or m.group("labels")):
        meant = _respelt(raw)
        raise UsageError(
            f"{raw!r} is not an address",
            hint=f"did you mean {meant!r}?"
            if meant
            else 'write a section number ("13.4", "13.4(a)(ii)"), "preamble", "recitals", "recitals(a)", '
            '"definition:Notes" or "exhibit:A"',
        )
    base = (m.group("base") or "").rstrip(".")
    labels = tuple(_LABELS.findall(m.group("labels")))
    ordinal = int(m.group("ord")[1:-1]) if m.group("ord") else None
    kind = _NAMED.get(base.casefold())
    if kind is None and not re.fullmatch(r"[0-9]+[A-Za-z]{0,2}(?:[.\-][0-9]+[A-Za-z]{0,2})*", base):
        close = [_respelt(raw)] if _respelt(raw) else suggest(base.casefold(), list(_NAMED), n=1)
        raise UsageError(
            f"{raw!r} is not an address",
            hint=f"did you mean {close[0]!r}?" if close else 'a section number such as "13.4", or "recitals(a)"',
        )
    return Address(raw, base, kind=kind if kind else Kind.SECTION, ordinal=ordinal, labels=labels)


_LEADS = {"section": "", "sections": "", "definition:": "definition:", "exhibit:": "exhibit:"}
_LEAD = deferred(r"^(?P<word>[^\s:]+)(?P<sep>\s*:\s*|\s+)(?P<rest>\S.*)$")


def _respelt(raw: str) -> str | None:
    """The address meant when its leading word is misspelt ("Sectoin 13.4" -> "13.4",
    "defintion:Notes" -> "definition:Notes"), if the rest then reads as one."""
    m = _LEAD.match(raw)
    if not m:
        return None
    word = m.group("word").casefold() + (":" if ":" in m.group("sep") else "")
    close = suggest(word, list(_LEADS), n=1, cutoff=0.7)
    if not close or close[0] == word:
        return None
    meant = _LEADS[close[0]] + m.group("rest").strip()
    try:
        parse(meant)
    except UsageError:
        return None
    return meant


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


CARDINALS = {
    w: n
    for n, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}
"""Numbers spelled out, as articles are numbered in some agreements ("Article Three")."""


def article_number(words: str) -> int | None:
    """'IV' -> 4, '4' -> 4, 'ARTICLE IV' -> 4, 'Article 4.' -> 4, 'Article Three' -> 3; None
    if it is no number."""
    words = re.sub(r"^\s*article\s+", "", words.strip().rstrip("."), flags=re.IGNORECASE).upper()
    if words.isdigit():
        return int(words)
    if words.lower() in CARDINALS:
        return CARDINALS[words.lower()]
    if not words or any(c not in _ROMAN_VALUES for c in words):
        return None
    values = [_ROMAN_VALUES[c] for c in words]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def resolve(root: Unit, address: Address | str) -> Path:
    """The path of the one unit `address` names in this version; NoSuchUnit otherwise."""
    addr = parse(address) if isinstance(address, str) else address
    if addr.kind is Kind.DOCUMENT:
        return ()
    path = _resolve_definition(root, addr) if addr.kind is Kind.DEFINITION else _resolve_base(root, addr)
    if addr.ordinal is not None:
        unit = at(root, path)
        if not 1 <= addr.ordinal <= len(unit.children):
            where = describe(root, path)
            raise NoSuchUnit(
                f"{where} {'have' if where == 'the Recitals' else 'has'} {len(unit.children)} parts, not {addr.ordinal}"
            )
        path = (*path, addr.ordinal - 1)
    for label in addr.labels:
        path = _resolve_label(root, path, label, addr)
    return path


def _resolve_base(root: Unit, addr: Address) -> Path:
    if addr.kind in (Kind.PREAMBLE, Kind.RECITALS, Kind.SIGNATURES):
        for i, child in enumerate(root.children):
            if child.kind is addr.kind:
                return (i,)
        raise NoSuchUnit(f"this agreement has no {addr.kind.value}")
    if addr.article is not None:
        found = [
            p
            for p, u in _body(root)
            if u.kind is Kind.SECTION
            and u.label
            and (_ARTICLE.match(u.label) or (_ROMAN_PART.match(u.label) and len(p) == 1))
            and article_number(u.label) == addr.article
        ]
        if len(found) != 1:
            raise NoSuchUnit(
                f"there is no Article {addr.base}" if not found else f"Article {addr.base} stands {len(found)} times",
                hint='an article is addressed by the number its heading gives it ("Article IV", "Article 4"); '
                "its sections by their own numbers",
            )
        return found[0]
    if addr.kind is Kind.EXHIBIT:
        found = [
            p
            for p, u in walk(root)
            if u.kind is Kind.EXHIBIT and u.label and u.label.casefold() == addr.base.casefold()
        ]
    else:
        known = find_section(root, addr.base)
        found = [known] if known is not None else []
    if len(found) == 1:
        return found[0]
    if not found:
        kinds = (Kind.EXHIBIT,) if addr.kind is Kind.EXHIBIT else (Kind.SECTION,)

        def hint() -> str | None:
            numbers = [
                u.label
                for _, u in (walk(root) if addr.kind is Kind.EXHIBIT else _body(root))
                if u.kind in kinds and u.label
            ]
            close = suggest(addr.base, numbers, n=3, cutoff=0.5)
            return f"did you mean {', '.join(close)}?" if close else None

        what = "Exhibit" if addr.kind is Kind.EXHIBIT else "Section"
        raise NoSuchUnit(f"there is no {what} {addr.base}", hint=hint)
    raise NoSuchUnit(f"{addr.text!r} names {len(found)} units")  # loader forbids duplicates


# Where each section number and defined term was last found. Versions share structure,
# so a path found in one version is nearly always right in the next; it is used only
# after checking, in the version at hand, that it leads to a unit with that number or
# term (numbers and terms are unique: the loader and the operations keep them so).
# A miss costs one scan of the version, which refreshes the memory.
_SECTION_PATHS: dict[str, Path] = {}
_TERM_PATHS: dict[str, Path] = {}


def _remembered(root: Unit, key: str, memory: dict[str, Path], fits) -> Path | None:
    path = memory.get(key)
    if path is None:
        return None
    parent = root
    for i in path[:-1]:
        if i >= len(parent.children):
            return None
        parent = parent.children[i]
    last = path[-1]
    if last < len(parent.children) and fits(parent.children[last]):
        return path
    # a unit added or removed beside it moves it along its parent: look there first
    for i, child in enumerate(parent.children):
        if fits(child):
            memory[key] = (*path[:-1], i)
            return memory[key]
    return None


def _scanned(root: Unit, memory: dict[str, Path], scan) -> dict[str, Path]:
    """The whole index of one version (its section numbers, or its terms), from a scan that
    also refreshes the memory. The indexes of the last versions scanned are kept, so that
    asking one version again and again for a unit it lacks (blame asks the original for
    every unit an amendment added) scans it once, not once a question."""
    key = (id(memory), id(root))
    known = _SCANS.get(key)
    if known is not None and known[0] is root:
        return known[1]
    index = scan(root)
    _remember(memory, index)
    if len(_SCANS) >= 16:
        del _SCANS[next(iter(_SCANS))]  # the oldest
    _SCANS[key] = (root, index)  # the version is kept, so its id is not reused meanwhile
    return index


_SCANS: dict[tuple[int, int], tuple[Unit, dict[str, Path]]] = {}


def _remember(memory: dict[str, Path], found: dict[str, Path]) -> None:
    if len(memory) > 100_000:
        memory.clear()
    memory.update(found)


_COMPLETE = False
"""True while one lineage of versions is being built (engine.apply): the memory then
holds every section number and term, because it was filled by a full scan of the base
and every operation that adds a unit tells it; a number it does not hold is absent."""


@contextmanager
def lineage(root: Unit) -> Iterator[None]:
    """Memory made complete for the versions built from `root`, for the duration."""
    global _COMPLETE
    _SECTION_PATHS.clear()
    _TERM_PATHS.clear()
    _remember(_SECTION_PATHS, _section_index(root))  # a full scan, even of a version scanned before
    _remember(_TERM_PATHS, _term_index(root))
    _COMPLETE = True
    try:
        yield
    finally:
        _COMPLETE = False


def remember(root: Unit, path: Path) -> None:
    """A unit added at `path` (with its parts): its numbers and terms, for the memory."""
    for sub_path, unit in walk(at(root, path), path):
        if unit.kind is Kind.SECTION and unit.label and not _in_exhibit(root, sub_path):
            _SECTION_PATHS[unit.label] = sub_path
        elif unit.kind is Kind.DEFINITION and unit.term:
            _TERM_PATHS[term_key(unit.term)] = sub_path


def _in_exhibit(root: Unit, path: Path) -> bool:
    return bool(path) and root.children[path[0]].kind is Kind.EXHIBIT


def find_section(root: Unit, label: str) -> Path | None:
    """The path of the section numbered `label` (outside the exhibits), or None."""
    known = _remembered(root, label, _SECTION_PATHS, lambda u: u.kind is Kind.SECTION and u.label == label)
    if known is not None:
        return known
    if _COMPLETE and label not in _SECTION_PATHS:
        return None
    return _scanned(root, _SECTION_PATHS, _section_index).get(label)


def section_paths(root: Unit) -> dict[str, Path]:
    """Every section's number -> its path in this version (outside the exhibits): what
    find_section answers, for a caller asking about many numbers at once (one scan of
    the version, kept as find_section keeps it). Not to be changed."""
    return _scanned(root, _SECTION_PATHS, _section_index)


def _section_index(root: Unit) -> dict[str, Path]:
    index: dict[str, Path] = {}
    stack: list[tuple[Path, Unit]] = [((i,), c) for i, c in enumerate(root.children) if c.kind is Kind.SECTION]
    while stack:  # sections stand only in sections
        path, unit = stack.pop()
        if unit.label:
            index[unit.label] = path
        stack.extend(((*path, i), c) for i, c in enumerate(unit.children) if c.kind is Kind.SECTION)
    return index


def find_term(root: Unit, term: str) -> Path | None:
    """The path of the definition of `term` (quotes, case and spacing ignored), or None."""
    key = term_key(term)
    known = _remembered(root, key, _TERM_PATHS, lambda u: u.kind is Kind.DEFINITION and term_key(u.term or "") == key)
    if known is not None:
        return known
    if _COMPLETE and key not in _TERM_PATHS:
        return None
    return _scanned(root, _TERM_PATHS, _term_index).get(key)


def _term_index(root: Unit) -> dict[str, Path]:
    index: dict[str, Path] = {}
    stack: list[tuple[Path, Unit]] = [((), root)]
    while stack:  # definitions do not hold definitions
        path, unit = stack.pop()
        for i, child in enumerate(unit.children):
            if child.kind is Kind.DEFINITION:
                if child.term:
                    index[term_key(child.term)] = (*path, i)
            elif child.children:
                stack.append(((*path, i), child))
    return index


def _body(root: Unit):
    """Every unit outside the exhibits: section numbers are the agreement's own there."""
    for i, part in enumerate(root.children):
        if part.kind is not Kind.EXHIBIT:
            yield from walk(part, (i,))


def _resolve_label(root: Unit, path: Path, label: str, addr: Address) -> Path:
    parent = at(root, path)
    direct = [(*path, i) for i, c in enumerate(parent.children) if c.label == label and c.kind is not Kind.DEFINITION]
    if not direct:
        # look through unnumbered containers (a recital holding clauses (a) and (b))
        direct = [
            (*path, i, j)
            for i, c in enumerate(parent.children)
            if c.number is None
            for j, g in enumerate(c.children)
            if g.label == label
        ]
    if len(direct) == 1:
        return direct[0]
    where = describe(root, path)
    if not direct:

        def hint() -> str | None:  # worked out when read: a reference checked and not found never reads it
            labels = [f"({c.label})" for _, c in walk(parent) if c.label and c is not parent][:12]
            close = suggest(label, [x[1:-1] for x in labels], n=1)
            return (
                f"did you mean ({close[0]})?" if close else (f"its parts are {', '.join(labels)}" if labels else None)
            )

        raise NoSuchUnit(f"{where} {'have' if where == 'the Recitals' else 'has'} no ({label})", hint=hint)
    raise NoSuchUnit(
        f"{addr.text!r}: {where} has {len(direct)} parts labelled ({label})",
        hint=f"name the recital first, e.g. {addr.base}[1]({label})",
    )


def by_place(address: str) -> bool:
    """Is the unit at `address` there by its place, or inside a unit that is? "recitals[2]",
    and a recital's clause even in its short form "recitals(a)" (which leaves out the
    recital's place while no other recital has an (a)). Such an address can name another
    unit once a recital is added or deleted: follow the unit, not the address."""
    return "[" in address or address.startswith("recitals(")


def find_unit(root: Unit, address: str) -> tuple[Path, Unit] | None:
    """The path and unit at an address, or None where this version has no such unit."""
    try:
        path = resolve(root, address)
    except NoSuchUnit:
        return None
    return path, at(root, path)


def _resolve_definition(root: Unit, addr: Address) -> Path:
    key = term_key(addr.term or "")
    known = find_term(root, addr.term or "")
    if known is not None:
        return known

    def hint() -> str | None:
        terms = [u.term for _, u in walk(root) if u.kind is Kind.DEFINITION and u.term]
        close = suggest(key, [term_key(t) for t in terms], n=3, cutoff=0.6)
        pretty = [t for t in terms if term_key(t) in close]
        return f"did you mean {', '.join(repr(t) for t in pretty)}?" if pretty else None

    raise NoSuchUnit(f'there is no definition of "{addr.term}"', hint=hint)


def address_of(root: Unit, path: Path) -> str:
    """The canonical address of the unit at `path`, as `parse` reads it back."""
    addr = ""
    unit = root
    in_exhibit = False
    for i in path:
        unit = unit.children[i]
        addr, in_exhibit = address_step(addr, in_exhibit, unit, i)
    return finished_address(root, path, addr)


def address_step(addr: str, in_exhibit: bool, unit: Unit, i: int) -> tuple[str, bool]:
    """The address so far (and whether it is inside an exhibit) one step down, to `unit`,
    the i-th part of the unit `addr` names: `address_of` a step at a time, for a walk
    that names every unit on its way (finished by `finished_address`)."""
    kind, label = unit.kind, unit.label  # (a unit's label is worked out from its number)
    if kind is Kind.SECTION and label and not in_exhibit:
        return label, in_exhibit
    if kind in (Kind.PREAMBLE, Kind.RECITALS, Kind.SIGNATURES):
        return kind.value, in_exhibit
    if kind is Kind.DEFINITION:
        return f"definition:{unit.term}", in_exhibit
    if kind is Kind.EXHIBIT:
        return f"exhibit:{label}", True
    if label:
        return f"{addr}({label})", in_exhibit
    return f"{addr}[{i + 1}]", in_exhibit


def finished_address(root: Unit, path: Path, addr: str) -> str:
    """The address `address_step` reached for the unit at `path`, in its short form where
    that names the unit alone."""
    short = re.sub(r"\[\d+\](?=\()", "", addr) if "[" in addr else addr
    if short != addr:
        try:
            if resolve(root, short) == path:
                return short  # "recitals(a)" rather than "recitals[2](a)" when it is unique
        except NoSuchUnit:
            pass
    return addr or "document"


def describe(root: Unit, path: Path) -> str:
    """A unit's name as a lawyer says it: "Section 13.4", "the Recitals", "clause (a) of the Recitals"."""
    return describe_address(address_of(root, path))


_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def describe_address(addr: str) -> str:
    if addr == "document":
        return "the agreement as a whole"
    if addr in ("preamble", "recitals", "signatures"):
        return f"the {addr.capitalize()}"
    if addr.startswith("definition:"):
        return f'the definition of "{addr.split(":", 1)[1]}"'
    if addr.startswith("exhibit:"):
        return f"Exhibit {addr.split(':', 1)[1]}"
    if addr.startswith("recitals"):
        m = re.fullmatch(r"recitals(\[\d+\])?(\(.+\))?", addr)
        if m and m.group(2):
            return f"clause {m.group(2)} of the Recitals" + (f" {m.group(1)}" if m.group(1) else "")
        if m and m.group(1):
            n = int(m.group(1)[1:-1])
            return f"the {_ORDINALS[n]} recital" if n < len(_ORDINALS) else f"recital {n}"
        return f"the Recitals {addr[len('recitals') :]}"
    return f"Section {addr}"
