"""Edits of words inside a unit: replace, delete, insert, and sentence-level additions."""

from __future__ import annotations

from collections.abc import Mapping

from ..address import address_of, describe
from ..characters import quote
from ..errors import TextEditError
from ..model import Unit, at, paragraphs, replace_at
from ..text import ambiguous_stops, fold_plain, sentence_spans, sentence_terminal, splice
from .base import ANCHORING, CONFORMING, Effect, Field, FieldType, Operation
from .locate import edit_paragraph, find_words, inserted_words, target, written


def _hints(args: Mapping[str, object]) -> dict[str, int | None]:
    occ, line = args.get("occurrence"), args.get("line")
    return {"occurrence": int(occ) if occ is not None else None, "line": int(line) if line is not None else None}


def _splice_words(
    root: Unit, args: Mapping[str, object], words: str, new_text: str, base: Unit | None, what: str
) -> tuple[Unit, Effect]:
    """Find `words` in the addressed unit and put `new_text` in their place: what
    replacing and deleting words share."""
    place = find_words(root, target(root, args), words, **_hints(args), base=base)
    para = at(root, place.unit_path).text[place.paragraph]
    new = splice(para, place.start, place.end, new_text)
    root = edit_paragraph(root, place.unit_path, place.paragraph, new)
    addr = address_of(root, place.unit_path)
    return root, Effect(
        "modified",
        (addr,),
        f"{what} {quote(fold_plain(str(args['words'])))}",
        edits=(written(addr, place.paragraph, para, new, place.start, place.end),),
    )


def replace_words(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'deleting the words X and inserting Y in lieu thereof'."""
    return _splice_words(root, args, str(args["words"]), inserted_words(args, "with"), base, "replaced")


def delete_words(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'deleting the words X': the gap closes with no doubled space, no space before punctuation.

    With `as_conformed`, the words removed are those (the amendment's words and a mark
    of punctuation beside them, as a person decided), never more.
    """
    words = inserted_words(args, "words") if args.get("as_conformed") else str(args["words"])
    return _splice_words(root, args, words, "", base, "deleted")


def insert_words(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'inserting X immediately after the words Y [and before Z]' or 'immediately before Y'."""
    t = target(root, args)
    after, before = args.get("after"), args.get("before")
    if after is not None:
        place = find_words(root, t, str(after), **_hints(args), base=base)
        para = at(root, place.unit_path).text[place.paragraph]
        point = place.end
        if before is not None:
            follows = fold_plain(para[point:])
            want = fold_plain(str(before))
            cut = follows[len(want) : len(want) + 1]
            if not follows.startswith(want) or (want[-1:].isalnum() and cut.isalnum()):
                raise TextEditError(
                    f"the instruction puts the words between {quote(fold_plain(str(after)))} and {quote(want)}, "
                    f"but {quote(fold_plain(str(after)))} is followed by {quote(follows[:40])}",
                    hint="check the bounding words, or give `occurrence` / `line` for another match",
                )
    else:
        place = find_words(root, t, str(before), **_hints(args), base=base)
        para = at(root, place.unit_path).text[place.paragraph]
        point = place.start
    new = splice(para, point, point, inserted_words(args))
    root = edit_paragraph(root, place.unit_path, place.paragraph, new)
    where = (
        f"after {quote(fold_plain(str(after)))}" if after is not None else f"before {quote(fold_plain(str(before)))}"
    )
    return root, Effect("modified", (address_of(root, place.unit_path),), f"inserted words {where}")


def insert_at_sentence_end(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'inserting X at the end of the Nth sentence': before that sentence's closing punctuation."""
    t = target(root, args)
    n = int(args["sentence"])  # type: ignore[arg-type]
    if n < 1:
        raise TextEditError(f"sentences are counted from 1, not {n}")
    unit = at(root, t)
    count = 0
    seen: list[str] = []
    for rel, i, para in paragraphs(unit):
        spans = sentence_spans(para)
        if count + len(spans) >= n:
            span = spans[n - count - 1]
            unsure = seen + ambiguous_stops(para, span[1])
            if unsure:
                raise _uncountable(n, describe(root, t), unsure[0])
            point = sentence_terminal(para, span)
            path = (*t, *rel)
            root = edit_paragraph(root, path, i, splice(para, point, point, inserted_words(args)))
            return root, Effect("modified", (address_of(root, path),), f"inserted words at the end of sentence {n}")
        count += len(spans)
        seen += ambiguous_stops(para, len(para))
    if seen:
        raise _uncountable(n, describe(root, t), seen[0])
    raise TextEditError(f"{describe(root, t)} has {count} sentence{'s' if count != 1 else ''}, not {n}")


def _uncountable(n: int, name: str, stop: str) -> TextEditError:
    """A full stop that may or may not end a sentence stands before sentence n."""
    return TextEditError(
        f"cannot count to sentence {n} of {name} for certain: {quote(stop)} may or may not end a sentence",
        hint="insert after an anchor instead, with `insert_words` and `after:`",
    )


def _last_paragraph(root: Unit, t: tuple[int, ...]) -> tuple[Unit, int]:
    unit = at(root, t)
    if unit.children:
        raise TextEditError(
            f"{describe(root, t)} ends with its sub-units, so words 'at the end' of it would belong to "
            f"{describe(root, (*t, len(unit.children) - 1))}",
            hint="address the last sub-unit itself, or add a new sub-unit with `add_unit`",
        )
    if not unit.text:
        raise TextEditError(f"{describe(root, t)} has no text to add to")
    return unit, len(unit.text) - 1


def append_sentence(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'inserting the following new sentence at the end of Section X'."""
    t = target(root, args)
    unit, i = _last_paragraph(root, t)
    para = unit.text[i]
    root = edit_paragraph(root, t, i, splice(para, len(para), len(para), inserted_words(args)))
    return root, Effect("modified", (address_of(root, t),), "added a sentence at the end")


def append_paragraph(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'adding the following paragraph at the end of Section X'."""
    t = target(root, args)
    unit, _ = _last_paragraph(root, t)
    text = " ".join(str(args["text"]).split())
    root = replace_at(root, t, unit.with_text((*unit.text, text)))
    return root, Effect("modified", (address_of(root, t),), "added a paragraph at the end")


_UNIT = {"unit": Field(FieldType.ADDRESS, True, "the unit the instruction names")}

OPERATIONS = (
    Operation(
        "replace_words",
        "delete words and insert others in lieu thereof",
        {
            **_UNIT,
            "words": Field(FieldType.WORDS, True, "the words deleted"),
            "with": Field(FieldType.WORDS, True, "the words inserted in lieu thereof"),
            **ANCHORING,
            **CONFORMING,
        },
        replace_words,
        example="{op: replace_words, unit: '8.4', words: '$15,100,000', with: '$28,750,000'}",
    ),
    Operation(
        "delete_words",
        "delete words",
        {**_UNIT, "words": Field(FieldType.WORDS, True, "the words deleted"), **ANCHORING, **CONFORMING},
        delete_words,
        example="{op: delete_words, unit: 'recitals(a)', words: '(the \"NOTES\")'}",
    ),
    Operation(
        "insert_words",
        "insert words immediately after or before an anchor, optionally bounded by both",
        {
            **_UNIT,
            "text": Field(FieldType.WORDS, True, "the words inserted"),
            "after": Field(FieldType.WORDS, help="insert immediately after these words"),
            "before": Field(FieldType.WORDS, help="insert immediately before these words"),
            **ANCHORING,
            **CONFORMING,
        },
        insert_words,
        any_of=(("after", "before"),),
        example="{op: insert_words, unit: '13.4', after: 'Required Holders', before: ';', line: 4, text: '...'}",
    ),
    Operation(
        "insert_at_sentence_end",
        "insert words at the end of the Nth sentence of a unit, before its closing punctuation",
        {
            **_UNIT,
            "sentence": Field(FieldType.INT, True, "which sentence, counting from 1"),
            "text": Field(FieldType.WORDS, True, "the words inserted"),
            **CONFORMING,
        },
        insert_at_sentence_end,
        example="{op: insert_at_sentence_end, unit: '13.4', sentence: 1, text: '...'}",
    ),
    Operation(
        "append_sentence",
        "add a sentence at the end of a unit",
        {**_UNIT, "text": Field(FieldType.WORDS, True, "the new sentence"), **CONFORMING},
        append_sentence,
        example="{op: append_sentence, unit: '13.4', text: 'Notwithstanding ...'}",
    ),
    Operation(
        "append_paragraph",
        "add a paragraph at the end of a unit",
        {**_UNIT, "text": Field(FieldType.WORDS, True, "the new paragraph")},
        append_paragraph,
        example="{op: append_paragraph, unit: '13.4', text: '...'}",
    ),
)
