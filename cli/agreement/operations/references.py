"""'each reference to X is hereby replaced by a reference to Y', everywhere or in listed units."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..address import address_of, resolve
from ..errors import TextEditError
from ..model import Unit, at, paragraphs
from ..text import find_all, fold_plain, splice
from .base import Effect, Field, FieldType, Operation
from .locate import edit_paragraph, written

_DETERMINERS = frozenset(
    "the a an such each all any this that these those no other said its their our your his her".split()
)


def _phrase(para: str, start: int, end: int) -> str | None:
    """The longer capitalised name the words stand inside ("Senior Secured Notes" for
    "Notes"), or None when they stand on their own ("the Notes", "The Notes")."""
    name_start, name_end = start, end
    before = re.search(r"(?:[A-Z][\w\-]*[ ]+)+$", para[:start])
    if before:
        words = before.group(0).split()
        ahead = para[: before.start()].rstrip()
        starts_sentence = not ahead or ahead[-1] in '.;:!?("\u201c'
        kept = list(words)
        while kept and kept[0].casefold() in _DETERMINERS:
            kept.pop(0)
        # one capitalised word opening a sentence may be capitalised only for that
        if kept and not (starts_sentence and len(words) == 1):
            name_start = start - len(" ".join(kept)) - 1
    after = re.match(r"(?:[ ]+[A-Z][\w\-]*)+", para[end:])
    if after:
        kept = []
        for word in after.group(0).split():
            if word.casefold() in _DETERMINERS:
                break
            kept.append(word)
        if kept:
            name_end = end + 1 + len(" ".join(kept))
    if (name_start, name_end) == (start, end):
        return None
    return para[name_start:name_end]


def replace_references(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """Every whole-word occurrence of `words` becomes `with`; none at all is an error.

    Where a capitalised term also stands inside longer names ("Notes" in "Convertible
    Notes"), whether those count is the amendment's to say (`inside_names`), never guessed.
    """
    words, new = str(args["words"]), str(args["with"])
    inside = args.get("inside_names")
    if inside not in (None, "replace", "keep"):
        raise TextEditError(f"`inside_names` is 'replace' or 'keep', not {inside!r}")
    scopes = [resolve(root, str(a)) for a in args.get("units") or ()] or [()]  # type: ignore[attr-defined]
    # each paragraph once, even where listed units nest ("8" and "8.3")
    found = {((*scope, *rel), i): para for scope in scopes for rel, i, para in paragraphs(at(root, scope))}
    plan: dict[tuple, list[tuple[int, int]]] = {}
    names: dict[str, int] = {}
    for key, para in found.items():
        spans = find_all(para, words)
        if words[:1].isupper():
            kept = []
            for s_, e_ in spans:
                name = _phrase(para, s_, e_)
                if name is None or inside == "replace":
                    kept.append((s_, e_))
                else:
                    names[name] = names.get(name, 0) + 1
            spans = kept
        if spans:
            plan[key] = spans
    if names and inside is None:
        raise TextEditError(
            f"{fold_plain(words)!r} also stands inside longer names, which may or may not be references to it",
            details=tuple(f"{n!r} ({c} time{'s' if c != 1 else ''})" for n, c in sorted(names.items())),
            hint="say `inside_names: keep` to leave those names alone, or `inside_names: replace` to change them too",
        )
    touched: list[str] = []
    count = 0
    edits: list[tuple[str, int, int, int, str]] = []
    for (path, i), spans in plan.items():
        para = found[(path, i)]
        addr = address_of(root, path)
        for s_, e_ in reversed(spans):
            after = splice(para, s_, e_, new)
            edits.append(written(addr, i, para, after, s_, e_))
            para = after
        root = edit_paragraph(root, path, i, para)
        count += len(spans)
        if addr not in touched:
            touched.append(addr)
    if not count:
        where = "the listed units" if args.get("units") else "the agreement"
        raise TextEditError(f"there is no reference to {fold_plain(words)!r} in {where}")
    return root, Effect(
        "modified",
        tuple(touched),
        f"replaced {count} reference{'s' if count != 1 else ''} to {fold_plain(words)!r}",
        edits=tuple(edits),
    )


OPERATIONS = (
    Operation(
        "replace_references",
        "replace every reference to some words with others, everywhere or within listed units",
        {
            "words": Field(FieldType.WORDS, True, "the words replaced wherever they stand"),
            "with": Field(FieldType.WORDS, True, "the words in their place"),
            "units": Field(FieldType.ADDRESSES, help="only within these units"),
            "note": Field(
                FieldType.WORDS,
                help="what the compiler counted when it read the instruction ('replaced 3 references ... in 1, 2.01'),"
                " for the reviewer; not checked when the change is applied",
            ),
            "inside_names": Field(
                FieldType.WORDS, help="'keep' or 'replace': the words where they stand inside longer capitalised names"
            ),
        },
        replace_references,
        example="{op: replace_references, words: 'Fiscal Agent', with: 'Trustee'}",
    ),
)
