"""Finding the one place an instruction points at, or saying exactly why not."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..address import address_of, describe, remember, resolve, term_key
from ..characters import quote
from ..errors import NoSuchUnit, TextEditError
from ..model import Kind, Path, Unit, at, paragraphs, replace_at, walk
from ..text import changed_region, closest_passages, core_words, find_all, fold_plain, line_of, quoted_term


class Place(NamedTuple):
    """Words found in a paragraph: the unit's path, the paragraph, the span, the line."""

    unit_path: Path
    paragraph: int
    start: int
    end: int
    line: int  # 1-based, counted from the first line of the addressed unit's body


def unit_lines(unit: Unit) -> list[tuple[Path, int, str, int]]:
    """Each paragraph of the unit's body with the unit-relative line it starts on. The
    parts of a unit whose parts run on in its paragraph ("shall (a) pay ...; (b) ...")
    each begin on the line the text before them ends on."""
    out = []
    line = unit.text_line  # line 1 is the line the unit's number stands on
    running = {path for path, u in walk(unit) if u.run_in}
    for path, i, para in paragraphs(unit):
        if out and i == 0 and any(path[:k] in running for k in range(len(path))):
            line -= 1  # runs on: starts on the line the last piece ended on
        out.append((path, i, para, line))
        line += para.count("\n") + 1
    return out


def find_words(
    root: Unit,
    target: Path,
    words: str,
    *,
    occurrence: int | None = None,
    line: int | None = None,
    base: Unit | None = None,
) -> Place:
    """The one place in the unit at `target` where `words` stand.

    Quotes, line breaks and runs of spaces are forgiven; a line hint must agree with
    where the words stand; more than one match needs `occurrence` or `line`.
    """
    unit = at(root, target)
    places = [(Place((*target, *rel), i, s, e, lines[0]), lines) for rel, i, s, e, lines in _occurrences(unit, words)]
    name = describe(root, target)
    if not places:
        body = "\n".join(p for _, _, p in paragraphs(unit))
        close = closest_passages(body, words)
        raise TextEditError(
            f"the words {quote(words)} do not stand in {name}",
            details=tuple(f"closest: {quote(c)}" for c in close) or ("nothing in it comes close",),
            hint="check the unit the instruction names, and the words letter for letter"
            + ("" if close else "; quotes, line breaks and spaces are already forgiven"),
        )
    if line is not None and base is not None and base is not root:
        return _by_line_before(root, target, words, places, line, base, name)
    if line is not None:
        on_line = [(p, ls) for p, ls in places if line in ls]
        if not on_line:
            raise _not_on_line(words, line, name, [ls for _, ls in places])
        places = on_line
    if occurrence is not None:
        if not 1 <= occurrence <= len(places):
            raise TextEditError(
                f"{quote(words)} stands {len(places)} times in {name}; there is no occurrence {occurrence}"
            )
        return places[occurrence - 1][0]
    if len(places) > 1:
        raise TextEditError(
            f"the words {quote(words)} stand {len(places)} times in {name}",
            details=tuple(f"occurrence {n}: line {p.line}: {_context(root, p)}" for n, (p, _) in enumerate(places, 1)),
            hint="say which with `occurrence: N` or `line: N`",
        )
    return places[0][0]


def _by_line_before(root: Unit, target: Path, words: str, places: list, line: int, base: Unit, name: str) -> Place:
    """A line hint read against the unit as it stood before the amendment: the k-th
    occurrence on that line then is the k-th occurrence now, when earlier changes of the
    amendment have neither added nor removed one."""
    try:
        then_path = resolve(base, address_of(root, target))
    except NoSuchUnit:
        then_path = None
    then = [lines for *_, lines in _occurrences(at(base, then_path), words)] if then_path is not None else []
    if len(then) != len(places):
        raise TextEditError(
            f"the instruction places {quote(words)} in line {line} of {name} as it stood before this amendment, "
            "but an earlier change of the amendment has added or removed the words there, so that line cannot "
            "be matched to the text now",
            hint="give `occurrence: N` instead of the line hint",
        )
    hits = [k for k, lines in enumerate(then) if line in lines]
    if not hits:
        raise _not_on_line(words, line, name, then)
    if len(hits) > 1:
        raise TextEditError(
            f"the words {quote(words)} stand {len(hits)} times in line {line} of {name}",
            hint="say which with `occurrence: N`",
        )
    return places[hits[0]][0]


def _occurrences(unit: Unit, words: str):
    """Each place `words` stand in a unit: (path within it, paragraph, start, end, the
    lines of the unit's text they stand on)."""
    for rel, i, para, first_line in unit_lines(unit):
        for s, e in find_all(para, words):
            yield rel, i, s, e, range(first_line + line_of(para, s) - 1, first_line + line_of(para, e))


def _not_on_line(words: str, line: int, name: str, found: list[range]) -> TextEditError:
    where = ", ".join(str(lines[0]) for lines in found)
    return TextEditError(
        f"the instruction places {quote(words)} in line {line} of {name}, but it stands in line {where}",
        hint="check the line count (the first line of the unit's text is line 1), or drop the line hint",
    )


def same_term(defined: str, term: str) -> None:
    """A restated definition must define the term it restates."""
    if term_key(defined) != term_key(term):
        raise TextEditError(
            f'the restated text defines "{defined}", not "{term}"',
            hint="to replace one term by another, delete the old definition and add the new one",
        )


def _context(root: Unit, place: Place, width: int = 30) -> str:
    para = at(root, place.unit_path).text[place.paragraph]
    left = " ".join(para[max(0, place.start - width) : place.start].replace("\n", " ").split(" ")[1:])
    right = " ".join(para[place.end : place.end + width].replace("\n", " ").split(" ")[:-1])
    return f"...{left}[{fold_plain(para[place.start : place.end])}]{right}..."


def target(root: Unit, args: Mapping[str, object]) -> Path:
    """The path of the unit an instruction names."""
    return resolve(root, str(args["unit"]))


def edit_paragraph(root: Unit, unit_path: Path, paragraph: int, new_text: str) -> Unit:
    """A new root in which one paragraph of one unit reads `new_text`."""
    unit = at(root, unit_path)
    text = list(unit.text)
    text[paragraph] = new_text
    edited = unit.with_text(tuple(text))
    if unit.kind is Kind.DEFINITION and paragraph == 0:
        # a definition is found by the term its text defines: keep the two together
        edited = edited._replace(term=quoted_term(new_text) or unit.term)
    root = replace_at(root, unit_path, edited)
    if edited.term != unit.term:
        remember(root, unit_path)
    return root


def inserted_words(args: Mapping[str, object], key: str = "text") -> str:
    """The words to insert: the amendment's own, or `as_conformed` when it fits them.

    `as_conformed` may differ from the amendment's words only in the punctuation and
    spaces at its two ends, and needs a `conforming_note`: the tool fits punctuation
    only where a person has said how and why.
    """
    words = str(args[key])
    conformed = args.get("as_conformed")
    if conformed is None:
        return words
    if not args.get("conforming_note"):
        raise TextEditError("`as_conformed` needs a `conforming_note` saying why the words differ from the amendment's")
    if core_words(str(conformed)) != core_words(words):
        raise TextEditError(
            "`as_conformed` may differ from the amendment's words only in punctuation and spaces at its two ends",
            details=(f"amendment: {quote(fold_plain(words))}", f"conformed: {quote(fold_plain(str(conformed)))}"),
        )
    return str(conformed)


def written(address: str, paragraph: int, before: str, after: str, start: int, end: int):
    """The edit an instruction made, as (address, paragraph, start, end, words): at least
    the words it named ([start, end) of `before`) are replaced, with whatever spacing the
    splice adjusted around them, even where some of its new words happen to equal old
    ones ("an executed copy" -> "an executed counterpart" writes "counterpart", whole)."""
    lo, hi, words = changed_region(before, after, covering=(start, end))
    return (address, paragraph, lo, hi, words)
