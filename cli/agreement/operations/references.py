"""'each reference to X is hereby replaced by a reference to Y', everywhere or in listed units."""

from __future__ import annotations

from collections.abc import Mapping

from ..address import address_of, resolve
from ..errors import TextEditError
from ..model import Unit, at, paragraphs
from ..text import find_all, fold_plain, splice
from .base import Effect, Field, FieldType, Operation
from .locate import edit_paragraph


def replace_references(root: Unit, args: Mapping[str, object]) -> tuple[Unit, Effect]:
    """Every whole-word occurrence of `words` becomes `with`; none at all is an error."""
    words, new = str(args["words"]), str(args["with"])
    scopes = [resolve(root, str(a)) for a in args.get("units") or ()] or [()]  # type: ignore[attr-defined]
    touched: list[str] = []
    count = 0
    # each paragraph once, even where listed units nest ("8" and "8.3")
    found = {((*scope, *rel), i): para for scope in scopes for rel, i, para in paragraphs(at(root, scope))}
    for (path, i), para in found.items():
        spans = find_all(para, words)
        if spans:
            for s, e in reversed(spans):
                para = splice(para, s, e, new)
            root = edit_paragraph(root, path, i, para)
            count += len(spans)
            addr = address_of(root, path)
            if addr not in touched:
                touched.append(addr)
    if not count:
        where = "the listed units" if args.get("units") else "the agreement"
        raise TextEditError(f"there is no reference to {fold_plain(words)!r} in {where}")
    return root, Effect(
        "modified", tuple(touched), f"replaced {count} reference{'s' if count != 1 else ''} to {fold_plain(words)!r}"
    )


OPERATIONS = (
    Operation(
        "replace_references",
        "replace every reference to some words with others, everywhere or within listed units",
        {
            "words": Field(FieldType.WORDS, True, "the words replaced wherever they stand"),
            "with": Field(FieldType.WORDS, True, "the words in their place"),
            "units": Field(FieldType.ADDRESSES, help="only within these units"),
        },
        replace_references,
        example="{op: replace_references, words: 'Fiscal Agent', with: 'Trustee'}",
    ),
)
