"""Whole units: restate in its entirety, add a new one, delete (optionally "[Reserved]")."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..address import address_of, describe, find_section, remember, resolve
from ..errors import TextEditError
from ..model import Kind, Unit, at, closing, insert_at, replace_at, walk
from ..text import quoted_term
from .base import RESERVED, Effect, Field, FieldType, Operation
from .locate import same_term, target


def fit(unit: Unit, kind: Kind) -> Unit:
    """New text from an amendment: its line breaks are the amendment's layout, not the
    agreement's, so paragraphs are joined into lines; signature blocks keep theirs."""
    if kind is Kind.SIGNATURES:
        return unit._replace(kind=kind)
    return unit._replace(
        kind=kind,
        text=tuple(" ".join(p.split()) for p in unit.text),
        children=tuple(fit(c, c.kind) for c in unit.children),
    )


def _new_unit(args: Mapping[str, object]) -> Unit:
    unit = args["new"]
    assert isinstance(unit, Unit)
    return unit


def restate_unit(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'Section X is hereby amended and restated in its entirety to read as follows'."""
    t = target(root, args)
    old = at(root, t)
    if old.kind in (Kind.DOCUMENT, Kind.RECITALS):
        raise TextEditError(
            f"{describe(root, t)} cannot be restated as one unit",
            hint="restate its parts one by one, or delete and add them",
        )
    new = fit(_new_unit(args), old.kind)
    if old.heading is not None and new.heading is None and not args.get("keep_heading"):
        raise TextEditError(
            f"the restatement gives no heading, and {describe(root, t)} has one ({old.heading!r})",
            hint="give the heading as restated in `new: {heading: ...}`, or say `keep_heading: true`",
        )
    if new.number and old.number and new.label != old.label:
        raise TextEditError(
            f"the restated unit is numbered {new.number!r} but replaces {describe(root, t)}",
            hint="leave `number` out of a restatement, or delete the old unit and add the new one",
        )
    term = old.term
    if old.kind is Kind.DEFINITION:
        defined = quoted_term(new.text[0]) if new.text else None
        if defined is None:
            raise TextEditError(
                "a restated definition must begin with the term it defines, in quotes",
                hint=f'"{old.term}" means ...',
            )
        same_term(defined, old.term or "")
        term = defined
    new = new._replace(
        kind=old.kind,
        number=old.number,
        term=term,
        heading=new.heading if new.heading is not None else old.heading,
    )
    root = replace_at(root, t, new)
    remember(root, t)
    return root, Effect("modified", (address_of(root, t),), "restated in its entirety")


def _kind_for(number: str, siblings: tuple[Unit, ...], parent: Unit) -> Kind:
    for s in siblings:
        if s.number and (s.number.startswith("(") == number.startswith("(")):
            return s.kind
    if not number.startswith("("):
        return Kind.SECTION
    return Kind.CLAUSE if parent.kind in (Kind.SUBSECTION, Kind.CLAUSE, Kind.RECITAL) else Kind.SUBSECTION


def add_unit(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'adding the following new Section 8.5 immediately after Section 8.4' (or before, or at the end of)."""
    new = _new_unit(args)
    if "into" in args:
        parent_path = resolve(root, str(args["into"]))
        into = at(root, parent_path)
        index = len(into.children) - (closing(into) is not None)  # before its closing paragraph
    else:
        anchor_key = "after" if "after" in args else "before"
        sibling = resolve(root, str(args[anchor_key]))
        parent_path, index = sibling[:-1], sibling[-1] + (1 if anchor_key == "after" else 0)
        if anchor_key == "after" and at(root, sibling).kind is Kind.PARAGRAPH:
            raise TextEditError(
                f"{describe(root, sibling)} closes {describe(root, parent_path)}: nothing follows it",
                hint=f"add the unit at the end of the parts with `into: '{address_of(root, parent_path)}'`",
            )
    parent = at(root, parent_path)
    if parent.kind is Kind.RECITALS:
        kind = Kind.RECITAL  # recitals are unnumbered, found by their place: recitals[3]
    elif not new.number:
        raise TextEditError("a new unit needs its `number`", hint='e.g. new: {number: "8.5", heading: ..., text: ...}')
    else:
        kind = _kind_for(new.number, parent.children, parent)
    if kind is Kind.DEFINITION or parent.kind is Kind.DOCUMENT and new.number is None:
        raise TextEditError("use `add_definitions` to add definitions")
    new = fit(new, kind)
    if new.label is None:
        clash = []
    elif kind is Kind.SECTION:
        existing = find_section(root, new.label)
        clash = [existing] if existing is not None else []
    else:
        clash = [(*parent_path, i) for i, c in enumerate(parent.children) if c.label == new.label]
    if clash:
        raise TextEditError(
            f"{describe(root, clash[0])} already exists",
            hint="restate it with `restate_unit`, or check the new unit's number",
        )
    _check_order(parent, index, new)
    root = insert_at(root, parent_path, index, new)
    path = (*parent_path, index)
    remember(root, path)
    return root, Effect("added", (address_of(root, path),), "added")


def _order_key(label: str) -> tuple | None:
    """A sortable key for a number or label, or None where order cannot be told
    ("(i)" is a letter and a roman numeral; "9.02A" beside "9.2" mixes styles)."""
    if re.fullmatch(r"[a-hj-uw-z]|[A-HJ-UW-Z]", label):
        return (label.casefold(),)
    parts = re.split(r"[.\-]", label)
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return None


def _check_order(parent: Unit, index: int, new: Unit) -> None:
    """A new "8.5" may not land after "8.6", nor a clause (c) between (a) and (b)."""
    key = _order_key(new.label or "")
    if key is None:
        return
    prev = parent.children[index - 1] if index > 0 else None
    nxt = parent.children[index] if index < len(parent.children) else None
    name = f"Section {new.label}" if new.kind is Kind.SECTION else f"({new.label})"
    for other, wrong in ((prev, lambda k: k > key), (nxt, lambda k: k < key)):
        if other is None or other.kind is not new.kind:
            continue
        k = _order_key(other.label or "")
        if k is not None and len(k) == len(key) and type(k[0]) is type(key[0]) and wrong(k):
            where = "follow" if other is prev else "precede"
            other_name = f"Section {other.label}" if other.kind is Kind.SECTION else f"({other.label})"
            raise TextEditError(f"{name} would {where} {other_name}", hint="check `after` / `before`")


def delete_unit(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'Section X is hereby deleted in its entirety' (and, with `reserved`, '[Reserved]' left in place)."""
    t = target(root, args)
    old = at(root, t)
    addr = address_of(root, t)
    if old.kind in (Kind.DOCUMENT,):
        raise TextEditError("the whole agreement cannot be deleted")
    gone = tuple(address_of(root, p) for p, _ in walk(old, t))
    if args.get("reserved") and old.kind is Kind.DEFINITION:
        raise TextEditError(
            "a definition is deleted, not reserved",
            hint="use `delete_definitions`, or `delete_unit` without `reserved`",
        )
    if args.get("reserved"):
        root = replace_at(root, t, Unit(old.kind, old.number, None, (RESERVED,), (), old.term, location=old.location))
        return root, Effect("reserved", (addr,), "deleted, leaving [Reserved]", deleted=gone)
    root = replace_at(root, t, None)
    return root, Effect("deleted", (addr,), "deleted", deleted=gone)


def redesignate(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'Clauses (c) and (d) of Section 2.02 are hereby redesignated as clauses (d) and (e)':
    the parts keep their words and take the new numbers. Cross-references that name them
    by their old numbers are left as they are, for `check` to flag (the instruction does
    not change them)."""
    from ..model import label_of

    t = resolve(root, str(args["unit"]))
    parent = at(root, t)
    old = [str(x).strip() for x in args["from"]]  # type: ignore[attr-defined]
    new = [str(x).strip() for x in args["to"]]  # type: ignore[attr-defined]
    name = describe(root, t)
    if len(old) != len(new) or not old:
        raise TextEditError(
            f"{len(old)} part(s) are to be redesignated as {len(new)}",
            hint="give as many new numbers as old ones, in the same order",
        )
    where = {label_of(c.number): i for i, c in enumerate(parent.children) if c.number}
    for o in old:
        if label_of(o) not in where:
            raise TextEditError(
                f"{name} has no part numbered {o}",
                hint=f"its parts are {', '.join(c.number for c in parent.children if c.number) or 'none'}",
            )
    kept = set(where) - {label_of(o) for o in old}
    clash = [n for n in new if label_of(n) in kept]
    if clash or len({label_of(n) for n in new}) != len(new):
        raise TextEditError(
            f"redesignated, two parts of {name} would be numbered {(clash or new)[0]}",
            hint="redesignate the parts that stand in the way in the same instruction",
        )
    children = list(parent.children)
    for o, n in zip(old, new, strict=True):
        i = where[label_of(o)]
        number = children[i].number or ""
        shown = f"({label_of(n)})" if number.startswith("(") else label_of(n)
        children[i] = children[i]._replace(number=shown)
    root = replace_at(root, t, parent.with_children(tuple(children)))
    done = ", ".join(f"{o} as {n}" for o, n in zip(old, new, strict=True))
    return root, Effect("modified", (address_of(root, t),), f"redesignated {done}")


OPERATIONS = (
    Operation(
        "restate_unit",
        "restate a section, subsection, clause, recital or definition in its entirety",
        {
            "unit": Field(FieldType.ADDRESS, True, "the unit restated"),
            "new": Field(FieldType.UNIT, True, "the unit as restated"),
            "keep_heading": Field(FieldType.BOOL, help="the restatement leaves the heading as it was"),
        },
        restate_unit,
        example="{op: restate_unit, unit: '8.4', new: {heading: 'Limitation', text: '...'}}",
    ),
    Operation(
        "add_unit",
        "add a new unit immediately after or before another, or at the end of a unit",
        {
            "new": Field(FieldType.UNIT, True, "the new unit, with its number"),
            "after": Field(FieldType.ADDRESS, help="the unit it follows"),
            "before": Field(FieldType.ADDRESS, help="the unit it precedes"),
            "into": Field(FieldType.ADDRESS, help="the unit it ends"),
        },
        add_unit,
        one_of=(("after", "before", "into"),),
        example="{op: add_unit, after: '8.4', new: {number: '8.5', heading: '...', text: '...'}}",
    ),
    Operation(
        "redesignate",
        "give parts of a unit new numbers, keeping their words ('clauses (c) and (d) are redesignated as "
        "clauses (d) and (e)'); references to the old numbers are left for check to flag",
        {
            "unit": Field(FieldType.ADDRESS, True, "the unit whose parts are redesignated, e.g. '2.02'"),
            "from": Field(FieldType.TERMS, True, "their numbers now, e.g. ['(c)', '(d)']"),
            "to": Field(FieldType.TERMS, True, "their new numbers, in the same order, e.g. ['(d)', '(e)']"),
            "note": Field(
                FieldType.WORDS,
                help="what the compiler found when it read the instruction (references that name the parts by "
                "their old numbers), for the reviewer; not checked when the change is applied",
            ),
        },
        redesignate,
        example="{op: redesignate, unit: '2.02', from: ['(c)', '(d)'], to: ['(d)', '(e)']}",
    ),
    Operation(
        "delete_unit",
        "delete a unit in its entirety, optionally leaving '[Reserved]'",
        {
            "unit": Field(FieldType.ADDRESS, True, "the unit deleted"),
            "reserved": Field(FieldType.BOOL, help="leave the number with '[Reserved]'"),
        },
        delete_unit,
        example="{op: delete_unit, unit: '8.3', reserved: true}",
    ),
)
