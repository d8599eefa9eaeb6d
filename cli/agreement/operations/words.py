"""Edits of words inside a unit: replace, delete, insert, and sentence-level additions."""

from __future__ import annotations

from collections.abc import Mapping

from ..address import address_of, describe
from ..characters import quote
from ..errors import TextEditError
from ..model import Kind, Unit, at, closing, insert_at, paragraphs, replace_at
from ..text import ambiguous_stops, fold_plain, sentence_spans, sentence_terminal, sentence_words, splice
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
    """'inserting X at the end of the Nth sentence': before that sentence's closing punctuation.

    Where an abbreviation that may also close a sentence ("Co." before "Holders") stands
    before it, the count is uncertain and is refused, unless `ends_with` names the
    sentence's last words, which confirms which sentence is meant."""
    t = target(root, args)
    n = int(args["sentence"])  # type: ignore[arg-type]
    if n < 1:
        raise TextEditError(f"sentences are counted from 1, not {n}")
    if args.get("ends_with") is not None:
        rel, i, para, span = _sentence_ending(root, t, n, str(args["ends_with"]))
    else:
        rel, i, para, span = counted_sentence(root, t, n)
    point = sentence_terminal(para, span)
    path = (*t, *rel)
    root = edit_paragraph(root, path, i, splice(para, point, point, inserted_words(args)))
    return root, Effect("modified", (address_of(root, path),), f"inserted words at the end of sentence {n}")


def counted_sentence(root: Unit, t: tuple[int, ...], n: int):
    """Sentence n of the unit by counting, refused where an uncertain stop comes first."""
    unit = at(root, t)
    count = 0
    seen: list[str] = []
    for rel, i, para in paragraphs(unit):
        spans = sentence_spans(para)
        if count + len(spans) >= n:
            span = spans[n - count - 1]
            unsure = seen + ambiguous_stops(para, span[1])
            if unsure:
                raise _uncountable(root, t, n, unsure[0])
            return rel, i, para, span
        count += len(spans)
        seen += ambiguous_stops(para, len(para))
    if seen:
        raise _uncountable(root, t, n, seen[0])
    raise TextEditError(f"{describe(root, t)} has {count} sentence{'s' if count != 1 else ''}, not {n}")


def _readings(unit: Unit):
    """Every place a sentence may end, in order: (path, paragraph, text, span, certain),
    where `certain` is False at an abbreviation that may or may not close one."""
    for rel, i, para in paragraphs(unit):
        sure = {e for _, e in sentence_spans(para)}
        for span in sentence_spans(para, split_unsure=True):
            yield rel, i, para, span, span[1] in sure


def _last_words(para: str, span: tuple[int, int], n: int = 6) -> str:
    words = fold_plain(para[span[0] : span[1]]).split(" ")
    return ("... " if len(words) > n else "") + " ".join(words[-n:])


def _sentence_ending(root: Unit, t: tuple[int, ...], n: int, ending: str):
    """Sentence n of the unit, confirmed by its last words: the one place a sentence may
    end after them, and n must be its number on some reading of the uncertain stops."""
    want = fold_plain(ending).rstrip(".!?")
    if not want:
        raise TextEditError("`ends_with` is empty")
    unit = at(root, t)
    certain = possible = 0
    hits = []
    for rel, i, para, span, sure in _readings(unit):
        body = sentence_words(para, span)
        cut = len(body) - len(want)
        if body.endswith(want) and (cut <= 0 or not (body[cut - 1].isalnum() and want[0].isalnum())):
            hits.append((rel, i, para, span, certain + 1, possible + 1))
        possible += 1
        certain += sure
    name = describe(root, t)
    if not hits:
        raise TextEditError(
            f"no sentence of {name} ends with the words {want!r}",
            details=tuple(f"sentence ends: {_last_words(p, s)!r}" for _, _, p, s, _ in _readings(unit))[:8],
            hint="give the last words before the sentence's closing punctuation",
        )
    if len(hits) > 1:
        raise TextEditError(
            f"{len(hits)} sentences of {name} end with the words {want!r}",
            hint="give more of the sentence's last words",
        )
    rel, i, para, span, low, high = hits[0]
    if not low <= n <= high:
        counted = f"sentence {low}" if low == high else f"sentence {low} or {high}"
        raise TextEditError(
            f"the sentence of {name} ending {want!r} is {counted}, not sentence {n}",
            hint="check the sentence number against the amendment, and the words against the agreement",
        )
    return rel, i, para, span


def _uncountable(root: Unit, t: tuple[int, ...], n: int, stop: str) -> TextEditError:
    """A full stop that may or may not end a sentence stands before sentence n: say where
    sentence n ends on each reading, and how to confirm the one meant."""
    unit = at(root, t)
    details = []
    for unsure, reading in ((False, f"if {stop!r} does not end a sentence"), (True, "if it does")):
        count = 0
        for _rel, _i, para in paragraphs(unit):
            spans = sentence_spans(para, split_unsure=unsure)
            if count + len(spans) >= n:
                details.append(f"{reading}, sentence {n} ends {_last_words(para, spans[n - count - 1])!r}")
                break
            count += len(spans)
        else:
            details.append(f"{reading}, there is no sentence {n}")
    return TextEditError(
        f"cannot count to sentence {n} of {describe(root, t)} for certain: {quote(stop)} may or may not end a sentence",
        details=tuple(details),
        hint="confirm the sentence by its last words with `ends_with: '...'`, "
        "or insert after an anchor with `insert_words` and `after:`",
    )


def _end(root: Unit, t: tuple[int, ...]) -> tuple[tuple[int, ...], Unit] | None:
    """Where the unit's words end: the unit itself, or the closing paragraph after its
    parts; None where its parts end it and it has no closing paragraph yet."""
    unit = at(root, t)
    if not unit.children:
        if not unit.text:
            raise TextEditError(f"{describe(root, t)} has no text to add to")
        return t, unit
    end = closing(unit)
    return ((*t, len(unit.children) - 1), end) if end is not None else None


def _new_closing(root: Unit, t: tuple[int, ...], text: str, what: str) -> tuple[Unit, Effect]:
    """A unit that ends with its parts gets `text` as its closing paragraph, after them:
    words 'at the end of Section 5' end Section 5, not its last clause."""
    parts = at(root, t).children
    root = insert_at(root, t, len(parts), Unit(Kind.PARAGRAPH, text=(text,)))
    path = (*t, len(parts))
    return root, Effect("added", (address_of(root, path),), f"{what}, as its closing paragraph after its parts")


def append_sentence(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'inserting the following new sentence at the end of Section X' (after its parts,
    where it ends with them)."""
    t = target(root, args)
    end = _end(root, t)
    if end is None:
        return _new_closing(root, t, " ".join(inserted_words(args).split()), "added a sentence at the end")
    path, unit = end
    i = len(unit.text) - 1
    para = unit.text[i]
    root = edit_paragraph(root, path, i, splice(para, len(para), len(para), inserted_words(args)))
    return root, Effect("modified", (address_of(root, path),), "added a sentence at the end")


def append_paragraph(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'adding the following paragraph at the end of Section X' (after its parts, where it
    ends with them)."""
    t = target(root, args)
    text = " ".join(str(args["text"]).split())
    end = _end(root, t)
    if end is None:
        return _new_closing(root, t, text, "added a paragraph at the end")
    path, unit = end
    root = replace_at(root, path, unit.with_text((*unit.text, text)))
    return root, Effect("modified", (address_of(root, path),), "added a paragraph at the end")


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
            "ends_with": Field(
                FieldType.WORDS,
                help="the sentence's last words, to confirm it where an abbreviation ('Co.', 'p.m.') "
                "leaves the count uncertain",
            ),
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
