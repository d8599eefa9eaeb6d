"""Definitions: delete, add in proper alphabetical order, restate."""

from __future__ import annotations

from collections.abc import Mapping

from ..address import address_of, describe, find_term, remember, resolve, sort_key, term_key
from ..errors import TextEditError
from ..model import Kind, Path, Unit, at, closing, insert_at, replace_at, walk
from ..text import quoted_term
from .base import Effect, Field, FieldType, Operation
from .locate import same_term
from .units import fit


def _definitions(root: Unit, scope: Path) -> list[tuple[Path, Unit]]:
    return [(p, u) for p, u in walk(at(root, scope), scope) if u.kind is Kind.DEFINITION]


def delete_definitions(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'deleting the definitions of "A", "B" and "C" in their entirety'."""
    scope = resolve(root, str(args["unit"])) if args.get("unit") else ()
    terms = [str(t) for t in args["terms"]]  # type: ignore[attr-defined]
    keys = [term_key(t) for t in terms]
    twice = [t for t, k in zip(terms, keys, strict=True) if keys.count(k) > 1]
    if twice:
        raise TextEditError(f'"{twice[0]}" is named twice among the definitions to delete')
    paths = []
    defined = [(p, term_key(u.term)) for p, u in _definitions(root, scope) if u.term]
    for term in terms:
        found = [p for p, key in defined if key == term_key(term)]
        if not found:
            resolve(root, f"definition:{term}")  # raises with the closest terms
            raise TextEditError(f'"{term}" is not defined in {describe(root, scope)}')
        if len(found) > 1:
            raise TextEditError(f'"{term}" is defined {len(found)} times', hint="name the unit with `unit:`")
        paths.append(found[0])
    gone = tuple(address_of(root, p) for p in paths)
    for p in sorted(paths, reverse=True):  # later paths first, so earlier ones stay valid
        root = replace_at(root, p, None)
    return root, Effect("deleted", gone, f"deleted {len(gone)} definition{'s' if len(gone) != 1 else ''}", deleted=gone)


def add_definitions(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'inserting the following new definitions in proper alphabetical order'.

    Order is as lawyers order terms: quotes, case and punctuation ignored, word by word.
    """
    parent_path = resolve(root, str(args["unit"]))
    holder = at(root, parent_path)
    if not any(c.kind is Kind.DEFINITION for c in holder.children):
        inner = [p for p, u in walk(holder, parent_path) if u.kind is Kind.DEFINITION]
        if inner:
            raise TextEditError(
                f"{describe(root, parent_path)} holds no definitions itself; they stand in "
                f"{describe(root, inner[0][:-1])}",
                hint=f"name that unit: unit: '{address_of(root, inner[0][:-1])}'",
            )
    added = []
    for new in args["definitions"]:  # type: ignore[attr-defined]
        assert isinstance(new, Unit) and new.term
        existing = find_term(root, new.term)
        if existing is not None:
            raise TextEditError(
                f'"{new.term}" is already defined',
                hint="delete the old definition first (`delete_definitions`), or use `restate_definition`",
            )
        parent = at(root, parent_path)
        key = sort_key(new.term)
        index = None
        for i, child in enumerate(parent.children):
            if child.kind is Kind.DEFINITION and child.term and sort_key(child.term) > key:
                index = i
                break
        if index is None:
            defs = [i for i, c in enumerate(parent.children) if c.kind is Kind.DEFINITION]
            index = defs[-1] + 1 if defs else len(parent.children) - (closing(parent) is not None)
        root = insert_at(root, parent_path, index, fit(new, Kind.DEFINITION))
        remember(root, (*parent_path, index))
        added.append(address_of(root, (*parent_path, index)))
    return root, Effect("added", tuple(added), f"added {len(added)} definition{'s' if len(added) != 1 else ''}")


def restate_definition(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'the definition of "X" is hereby amended and restated in its entirety to read as follows'."""
    term = str(args["term"])
    path = resolve(root, f"definition:{term}")
    old = at(root, path)
    text = " ".join(str(args["text"]).split())
    defined = quoted_term(text)
    if defined:
        same_term(defined, term)
    root = replace_at(root, path, old._replace(text=(text,), children=(), term=defined or old.term))
    return root, Effect("modified", (address_of(root, path),), "restated in its entirety")


OPERATIONS = (
    Operation(
        "delete_definitions",
        "delete definitions in their entirety",
        {
            "terms": Field(FieldType.TERMS, True, "the defined terms deleted"),
            "unit": Field(FieldType.ADDRESS, help="the unit that holds them, when a term is defined in more than one"),
        },
        delete_definitions,
        example="{op: delete_definitions, terms: [Notes, Warrant Agreement]}",
    ),
    Operation(
        "add_definitions",
        "add definitions in proper alphabetical order",
        {
            "unit": Field(FieldType.ADDRESS, True, "the unit that holds the definitions, e.g. '1'"),
            "definitions": Field(
                FieldType.DEFINITIONS, True, "the new definitions, each beginning with its quoted term"
            ),
        },
        add_definitions,
        example="{op: add_definitions, unit: '1', definitions: ['\"NOTES\" means ...']}",
    ),
    Operation(
        "restate_definition",
        "restate a definition in its entirety",
        {
            "term": Field(FieldType.WORDS, True, "the defined term"),
            "text": Field(FieldType.WORDS, True, "the definition as restated, beginning with its quoted term"),
        },
        restate_definition,
        example="{op: restate_definition, term: Notes, text: '\"NOTES\" means ...'}",
    ),
)
