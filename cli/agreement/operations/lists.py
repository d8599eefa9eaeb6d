"""Lists: 'adding the following new clause (d) at the end of the list in Section 5.1'.

A list is lettered or numbered items from (a), (i), (1) or (A) on, either run inline in
one paragraph ("(a) X, (b) Y and (c) Z.") or typed as separate clauses. Adding an item
at its end is one instruction for a lawyer and one operation here: the conjunction ("and",
"or") moves from before the old last item to before the new one, with its punctuation
("; and"), and the list's closing mark ends the new item. Where the list's shape leaves a
doubt (two lists, items that end in different marks, a last item whose end is not
certain), the operation refuses and says what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from ..address import address_of, describe
from ..errors import TextEditError
from ..model import Kind, Path, Unit, at, insert_at
from ..text import changed_words, fold_plain, sentence_spans, sentence_terminal
from .base import Effect, Field, FieldType, Operation
from .locate import edit_paragraph, target

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _nth(style: str, n: int) -> str:
    """The label of the n-th item (from 1) of a list in `style`."""
    if style == "digit":
        return str(n)
    if style in ("roman", "ROMAN"):
        label = _ROMAN[n - 1] if n <= len(_ROMAN) else ""
        return label.upper() if style == "ROMAN" else label
    letter = _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)  # (z), (aa), (bb)
    return letter.upper() if style == "UPPER" else letter


_FIRST = {"a": "lower", "i": "roman", "1": "digit", "A": "UPPER", "I": "ROMAN"}

# a label standing as an item's number: "(b)" after a space, not "Section 2(b)" nor "clause (b)"
_LABEL = re.compile(r"(?:(?<=\s)|^)\(([a-z]{1,2}|[ivx]{1,5}|[A-Z]|[IVX]{1,4}|\d{1,2})\)(?=\s)")
_CITING = frozenset("clause clauses paragraph paragraphs subsection subsections section sections item items".split())
_LINKS = frozenset("and or through to".split())  # "clauses (a) and (b)", "(a) through (c)"
_JOINED = re.compile(r"(?:([,;])[ \t]*)?(\n?)[ \t]*\b(and/or|and|or)\s*$")  # "; and", ", and", " and"
_SEPARATED = re.compile(r"([,;])\s*$")
_ENDING = re.compile(r"([.;:,])\s*$")


class Item(NamedTuple):
    label: str
    start: int  # where its words begin (after the label, or the clause's text)
    end: int  # where they end (before the next label, or the list's end)


class List(NamedTuple):
    """One list found in a unit: inline in a paragraph, or as the unit's clauses."""

    style: str
    items: tuple[Item, ...]
    paragraph: int | None  # the paragraph of an inline list; None: separate clauses

    @property
    def last(self) -> str:
        return self.items[-1].label


def _runs(labels: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs of consecutive labels of one style, each from its first item: (a), (b), (c)."""
    runs = []
    for k, (label, _s, _e) in enumerate(labels):
        style = _FIRST.get(label)
        if style is None:
            continue
        run = [labels[k]]
        for nxt in labels[k + 1 :]:
            if nxt[0] == _nth(style, len(run) + 1):
                run.append(nxt)
        if len(run) >= 2:
            runs.append((style, run))
    return runs


def _inline_lists(para: str, paragraph: int) -> list[List]:
    labels = []
    cited_to: int | None = None  # where the last label that cites a list ends: "clauses (a) and (b)"
    for m in _LABEL.finditer(para):
        before = para[: m.start()].split()
        word = before[-1].casefold().strip(",;") if before else ""
        if word in _CITING or (
            word in _LINKS and cited_to is not None and para[cited_to : m.start()].split() == [before[-1]]
        ):
            cited_to = m.end()
            continue  # a citation of items, not a list of them
        labels.append((m.group(1), m.start(), m.end()))
    lists = []
    taken: set[int] = set()  # "(i)" is a roman one and the ninth letter: a letter run that reaches it keeps it
    for style, run in _runs(labels):
        if any(s in taken for _, s, _ in run):
            continue  # a roman run inside a lettered one that already took (i)
        taken.update(s for _, s, _ in run)
        items = [
            Item(label, e, run[k + 1][1] if k + 1 < len(run) else len(para)) for k, (label, _s, e) in enumerate(run)
        ]
        lists.append(List(style, tuple(items), paragraph))
    return lists


def _clause_list(unit: Unit) -> List | None:
    parts = [c for c in unit.children if c.kind is not Kind.PARAGRAPH]
    if len(parts) < 2 or any(not c.label or not c.text for c in parts):
        return None
    style = _FIRST.get(parts[0].label or "")
    if style is None or any(c.label != _nth(style, k) for k, c in enumerate(parts, 1)):
        return None
    return List(style, tuple(Item(c.label or "", 0, 0) for c in parts), None)


def _the_list(root: Unit, t: Path, after: str | None) -> List:
    unit = at(root, t)
    found = [lst for i, para in enumerate(unit.text) for lst in _inline_lists(para, i)]
    clauses = _clause_list(unit)
    if clauses is not None:
        found.append(clauses)
    name = describe(root, t)
    if after is not None:
        want = after.strip().strip("()")
        chosen = [lst for lst in found if lst.last == want]
        if not chosen:
            ends = ", ".join(f"({lst.last})" for lst in found) or "none"
            raise TextEditError(
                f"no list in {name} ends with item ({want})",
                details=(f"the lists there end with: {ends}",),
                hint="`after:` names the list's last item as it stands",
            )
        found = chosen
    if not found:
        raise TextEditError(
            f"{name} holds no list: no items lettered or numbered from (a), (i), (1) or (A), "
            "inline in its text or as its clauses",
            hint="address the unit that holds the list (a clause's own list: '5(b)'), or use `add_unit`",
        )
    if len(found) > 1:
        shapes = [
            f"({lst.items[0].label}) to ({lst.last}) "
            + ("as clauses" if lst.paragraph is None else f"inline in paragraph {lst.paragraph + 1}")
            for lst in found
        ]
        raise TextEditError(
            f"{name} holds {len(found)} lists, so which one the item ends is not certain",
            details=tuple(shapes),
            hint="say which with `after:`, the label of its last item, e.g. after: '(c)'",
        )
    return found[0]


def _new_label(args: Mapping[str, object], lst: List) -> str:
    label = _nth(lst.style, len(lst.items) + 1)
    given = args.get("number")
    if given is not None and str(given).strip().strip("()") != label:
        raise TextEditError(
            f"the list's items run ({lst.items[0].label}) to ({lst.last}), so the next is ({label}), "
            f"not {str(given).strip()!r}",
            hint="check the amendment's numbering, or leave `number` out",
        )
    return label


def _item_words(args: Mapping[str, object], label: str) -> str:
    words = " ".join(str(args["text"]).split())
    m = re.match(r"\(([^()\s]+)\)\s+", words)
    if m:
        if m.group(1) != label:
            raise TextEditError(f"the new item is labelled ({m.group(1)}), but the list's next item is ({label})")
        words = words[m.end() :]
    if words[-1:] in ".;,:":
        raise TextEditError(
            f"the new item's words end with {words[-1]!r}; the list's own closing mark ends the new last item",
            hint="give the item's words without a closing mark",
        )
    return words


def _edit(address: str, paragraph: int, before: str, after: str) -> tuple[str, int, int, int, str]:
    """One edit as blame files it: the whole words that differ, so that a mark the list
    already had ("the invoice;" keeping its ";") stays the original's."""
    start, end, words = changed_words(before, after)
    return (address, paragraph, start, end, words)


def add_list_item(root: Unit, args: Mapping[str, object], base: Unit | None = None) -> tuple[Unit, Effect]:
    """'adding the following new clause (d) at the end of Section 5.1', moving the 'and'."""
    t = target(root, args)
    lst = _the_list(root, t, str(args["after"]) if args.get("after") is not None else None)
    label = _new_label(args, lst)
    words = _item_words(args, label)
    if lst.paragraph is None:
        return _add_clause(root, t, lst, label, words)
    return _add_inline(root, t, lst, label, words)


def _final_join(text: str, name: str, label: str) -> re.Match[str]:
    m = _JOINED.search(text)
    if m is None:
        raise TextEditError(
            f"no 'and' or 'or' stands before item ({label}), the last of the list in {name}, to move to the new item",
            hint="add the item with `add_unit` or `insert_words`, and write the conjunction as the amendment does",
        )
    return m


def _add_inline(root: Unit, t: Path, lst: List, label: str, words: str) -> tuple[Unit, Effect]:
    unit = at(root, t)
    name = describe(root, t)
    i = lst.paragraph
    assert i is not None
    para = unit.text[i]
    items = lst.items
    last = items[-1]
    span = next(s for s in sentence_spans(para) if s[0] <= last.start <= s[1])
    end = sentence_terminal(para, span)  # the list ends where its sentence does
    tail = para[last.start : end]
    joined = _final_join(para[items[-2].start : items[-2].end], name, last.label)
    others = [_SEPARATED.search(para[it.start : it.end]) for it in items[:-2]]
    if any(m is None for m in others) or len({m.group(1) for m in others if m}) > 1:
        raise TextEditError(
            f"the items of the list in {name} are not all set off by one mark (',' or ';')",
            hint="add the item with `insert_words`, writing the punctuation as the amendment does",
        )
    mark = others[0].group(1) if others and others[0] else joined.group(1) or ","
    if any(ch in tail for ch in (";", ":") + ((",",) if mark == "," else ())):
        raise TextEditError(
            f"where item ({last.label}) of the list in {name} ends is not certain: it runs on "
            f"{fold_plain(tail)!r} to the end of its sentence",
            hint="add the item with `insert_words` after the last item's own words",
        )
    conj = joined.group(3)
    addr = address_of(root, t)
    # the new item goes before the sentence's closing mark, with the conjunction before it
    before_new = f"{joined.group(1) or ''} {conj} ({label}) {words}"
    after_a = para[:end] + before_new + para[end:]
    first = _edit(addr, i, para, after_a)
    # the old last item loses the conjunction: "(b) Y and (c) Z" -> "(b) Y, (c) Z"
    s0 = items[-2].start + joined.start()
    space = "\n" if joined.group(2) else " "
    after_b = after_a[:s0] + mark + space + after_a[items[-2].end :].lstrip(" \t")
    second = _edit(addr, i, after_a, after_b)
    root = edit_paragraph(root, t, i, after_b)
    return root, Effect(
        "modified",
        (addr,),
        f"added item ({label}) to the list, moving {conj!r} from before ({last.label}) to before ({label})",
        edits=(first, second),
    )


def _add_clause(root: Unit, t: Path, lst: List, label: str, words: str) -> tuple[Unit, Effect]:
    unit = at(root, t)
    name = describe(root, t)
    parts = [k for k, c in enumerate(unit.children) if c.kind is not Kind.PARAGRAPH]
    prev_k, last_k = parts[-2], parts[-1]
    prev, last = unit.children[prev_k], unit.children[last_k]
    prev_text, last_text = prev.text[-1], last.text[-1]
    joined = _final_join(prev_text, name, last.label or "")
    ending = _ENDING.search(last_text)
    closing_mark = ending.group(1) if ending else ""
    others = [_ENDING.search(unit.children[k].text[-1]) for k in parts[:-2]]
    mark = joined.group(1) or (others[0].group(1) if others and others[0] else "")
    conj = joined.group(3)
    edits = []
    # the old next-to-last item keeps its mark and loses the conjunction
    new_prev = prev_text[: joined.start()] + mark
    prev_path = (*t, prev_k)
    edits.append(_edit(address_of(root, prev_path), len(prev.text) - 1, prev_text, new_prev))
    root = edit_paragraph(root, prev_path, len(prev.text) - 1, new_prev)
    # the old last item takes it, in place of its closing mark: "Z." -> "Z; and"
    cut = ending.start() if ending else len(last_text.rstrip())
    new_last = last_text[:cut] + f"{joined.group(1) or ''} {conj}"
    last_path = (*t, last_k)
    edits.append(_edit(address_of(root, last_path), len(last.text) - 1, last_text, new_last))
    root = edit_paragraph(root, last_path, len(last.text) - 1, new_last)
    number = last.number.replace(last.label or "", label, 1) if last.number else f"({label})"
    new = Unit(last.kind, number, text=(words + closing_mark,))
    root = insert_at(root, t, last_k + 1, new)
    added = address_of(root, (*t, last_k + 1))
    return root, Effect(
        "modified",
        (address_of(root, prev_path), address_of(root, last_path), added),
        f"added {describe(root, (*t, last_k + 1))} to the list, moving {conj!r} from before "
        f"({last.label}) to before ({label})",
        edits=tuple(edits),
    )


OPERATIONS = (
    Operation(
        "add_list_item",
        "add an item at the end of a list, inline or as clauses, moving 'and' / 'or' and the punctuation to it",
        {
            "unit": Field(FieldType.ADDRESS, True, "the unit whose text or clauses hold the list"),
            "text": Field(FieldType.WORDS, True, "the new item's words, without its label's closing mark"),
            "number": Field(FieldType.WORDS, help="the new item's label, to confirm it: '(d)'"),
            "after": Field(FieldType.WORDS, help="the label of the list's last item, where the unit holds two lists"),
        },
        add_list_item,
        example="{op: add_list_item, unit: '5.1', number: '(d)', text: the Borrower's tax returns}",
    ),
)
