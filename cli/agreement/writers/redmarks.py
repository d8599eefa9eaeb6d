"""What the redline writers share: who made a change, said the way a lawyer cites it."""

from __future__ import annotations

from typing import NamedTuple

from ..address import describe_address
from ..analyses.redline import DELETE, EQUAL, INSERT, Segment, UnitRedline
from ..engine import AppliedChange


def cite_run(run: Run) -> str:
    return cite_all(run.changes)


def cite(applied: AppliedChange) -> str:
    """'Amendment No. 1 to Securities Exchange Agreement, Section 3(a)'."""
    src = applied.change.source
    return f"{applied.amendment.title}, {src}" if src else f"{applied.amendment.title}, change {applied.change.index}"


QUOTED_WORDS = 8
"""A passage an instruction quotes is shown by its first words, this many at most."""

_ORDINAL = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _quoted(words: object) -> str:
    """'"an executed copy thereof"'; a longer passage by its first words: '"Notwithstanding
    anything to the contrary in this Agreement, all …"'."""
    found = str(words).split()
    text = " ".join(found[:QUOTED_WORDS]) + (" …" if len(found) > QUOTED_WORDS else "")
    return f'"{text}"'


def _terms(terms: list[str]) -> str:
    """'"Fiscal Agency Agreement", "Notes" and "Warrant Agreement"'."""
    quoted = [f'"{t}"' for t in terms]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def instruction(applied: AppliedChange) -> str:
    """What the instruction says to do, in its own words, shortened: 'insert ", and no such
    change, waiver, …" after "Required Holders" and before ";"'. An operation this does
    not know is said as the operation's summary."""
    args, op = applied.change.args, applied.change.op
    get = args.get
    if op == "delete_words":
        return f"delete {_quoted(get('words'))}"
    if op == "replace_words":
        return f"replace {_quoted(get('words'))} with {_quoted(get('with'))}"
    if op == "insert_words":
        where = [f"{side} {_quoted(get(side))}" for side in ("after", "before") if get(side) is not None]
        return f"insert {_quoted(get('text'))} {' and '.join(where)}"
    if op == "insert_at_sentence_end":
        n = int(str(get("sentence")))
        which = f"the {_ORDINAL[n]} sentence" if n < len(_ORDINAL) else f"sentence {n}"
        return f"insert {_quoted(get('text'))} at the end of {which}"
    if op in ("append_sentence", "append_paragraph"):
        return f"add the {op.split('_')[1]} {_quoted(get('text'))} at the end"
    if op == "restate_unit":
        return f"restate {describe_address(str(get('unit')))} in its entirety"
    if op == "delete_unit":
        leaving = ', leaving "[Reserved]"' if get("reserved") else ""
        return f"delete {describe_address(str(get('unit')))} in its entirety{leaving}"
    if op == "add_unit":
        new = get("new")
        number, heading = getattr(new, "number", None), getattr(new, "heading", None)
        what = describe_address(number) if number else _quoted(" ".join(getattr(new, "text", ())))
        what += f" {_quoted(heading)}" if number and heading else ""
        where = next(
            f"{side} {describe_address(str(get(key)))}"
            for key, side in (("after", "after"), ("before", "before"), ("into", "at the end of"))
            if get(key) is not None
        )
        return f"add {what} {where}"
    if op == "delete_definitions":
        terms = [str(t) for t in get("terms") or ()]  # type: ignore[union-attr]
        return f"delete the definition{'s' if len(terms) != 1 else ''} of {_terms(terms)}"
    if op == "add_definitions":
        terms = [str(getattr(d, "term", "") or "") for d in get("definitions") or ()]  # type: ignore[union-attr]
        return f"add the definition{'s' if len(terms) != 1 else ''} of {_terms(terms)}"
    if op == "restate_definition":
        return f"restate the definition of {_quoted(get('term'))} in its entirety"
    if op == "replace_references":
        return f"replace every reference to {_quoted(get('words'))} with {_quoted(get('with'))}"
    if op == "redesignate":
        pairs = [f"{o} as {n}" for o, n in zip(get("from") or (), get("to") or (), strict=False)]  # type: ignore[arg-type]
        return f"redesignate {', '.join(pairs)} of {describe_address(str(get('unit')))}"
    if op == "add_list_item":
        label = f"{get('number')} " if get("number") else ""
        return (
            f"add the item {label}{_quoted(get('text'))} at the end of the list in {describe_address(str(get('unit')))}"
        )
    from ..operations import REGISTRY

    return REGISTRY[op].summary


def cite_all(changes: tuple[AppliedChange, ...]) -> str:
    """Changes grouped by amendment: 'Amendment No. 1 ..., Section 3(a), Section 3(b)'."""
    groups: dict[int, list[AppliedChange]] = {}
    for c in changes:
        groups.setdefault(id(c.amendment), []).append(c)
    parts = []
    for group in groups.values():
        sources = [c.change.source or f"change {c.change.index}" for c in group]
        parts.append(f"{group[0].amendment.title}, {', '.join(dict.fromkeys(sources))}")
    return "; ".join(parts)


def where(unit: UnitRedline) -> str:
    """'Section 13.4', 'the definition of "NOTES"', with what happened to it when it was
    more than amended: 'Section 8.5 (added)', 'Section 8.3 (reserved)'."""
    name = describe_address(unit.address)
    return f"{name} ({unit.status})" if unit.status in ("added", "deleted", "reserved") else name


class Run(NamedTuple):
    """What a reader sees at one place: words kept, deleted, inserted, or replaced
    (deleted words with new ones in their place), and the instructions responsible."""

    op: str  # "equal", "delete", "insert", "replace"
    old: str
    new: str
    deleted_by: AppliedChange | None = None
    inserted_by: AppliedChange | None = None
    also: tuple[AppliedChange, ...] = ()  # further changes whose words the run joins (marks())

    @property
    def changes(self) -> tuple[AppliedChange, ...]:
        found = [c for c in (self.deleted_by, self.inserted_by, *self.also) if c is not None]
        return tuple({id(c): c for c in found}.values())


def runs(segments: tuple[Segment, ...]) -> list[Run]:
    """Segments as a reader sees them: each deletion directly followed by an insertion is
    one replacement."""
    out: list[Run] = []
    i = 0
    while i < len(segments):
        s = segments[i]
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if s.op == EQUAL:
            out.append(Run(EQUAL, s.text, s.text))
        elif s.op == DELETE and nxt is not None and nxt.op == INSERT:
            out.append(Run("replace", s.text, nxt.text, s.change, nxt.change))
            i += 1
        elif s.op == DELETE:
            out.append(Run(DELETE, s.text, "", s.change, None))
        else:
            out.append(Run(INSERT, "", s.text, None, s.change))
        i += 1
    return out


def marks(segments: tuple[Segment, ...]) -> list[Run]:
    """Segments as marks: every stretch of edits between unchanged words is one run, a
    deletion, an insertion or a replacement, whichever changes wrote its words (a reader
    of "{+... an executed+}{+ counterpart+}{+ thereof ...+}" sees three insertions where
    there is one). `changes` names every change in it, in the order of its words. White
    space alone between two stretches joins them, standing on both sides of the one
    ("8.3[- LIMITATION ... 8.4.-]{+ [Reserved]+}", not "8.3[- LIMITATION.-] [-The ...-]")."""
    out: list[Run] = []
    stretch: list[Segment] = []
    items = [*segments, Segment(EQUAL, "")]
    for k, seg in enumerate(items):
        if seg.op != EQUAL:
            stretch.append(seg)
            continue
        if stretch and seg.text and not seg.text.strip() and k + 1 < len(items) and items[k + 1].op != EQUAL:
            stretch += [Segment(DELETE, seg.text), Segment(INSERT, seg.text)]
            continue
        if stretch:
            old = "".join(x.text for x in stretch if x.op == DELETE)
            new = "".join(x.text for x in stretch if x.op == INSERT)
            dels = [x.change for x in stretch if x.op == DELETE and x.change is not None]
            ins = [x.change for x in stretch if x.op == INSERT and x.change is not None]
            op = "replace" if old and new else DELETE if old else INSERT
            every = tuple({id(c): c for c in (*dels, *ins)}.values())
            out.append(Run(op, old, new, dels[0] if dels else None, ins[0] if ins else None, every))
            stretch = []
        if seg.text:
            out.append(Run(EQUAL, seg.text, seg.text))
    return out


def _sides(segments: tuple[Segment, ...]) -> tuple[str, str]:
    old = "".join(x.text for x in segments if x.op != INSERT)
    new = "".join(x.text for x in segments if x.op != DELETE)
    return old, new


def parts(unit: UnitRedline, spaced: bool = False) -> list[tuple[Segment, str]]:
    """The unit's segments tagged "caption", "joint" or "body", as printed: the caption and
    the body are joined by a space on each side that has both (so a space the older
    version had and the newer has not is deleted with them). `spaced`: for writers that
    show a deletion and its insertion side by side with no brackets between (html, Word,
    the terminal), the space before a replacement goes with both sides (`_apart`); where
    brackets mark the edits (text, markdown) it stays before them: "Section [-8.3-]{+8.4+}"."""
    out: list[tuple[Segment, str]] = [(x, "caption") for x in unit.caption]
    (old_c, new_c), (old_b, new_b) = _sides(unit.caption), _sides(unit.body)
    before, after = bool(old_c and old_b), bool(new_c and new_b)
    if before or after:
        op = EQUAL if before and after else DELETE if before else INSERT
        change = None if op == EQUAL else (unit.changes[0] if unit.changes else None)
        out.append((Segment(op, " ", change), "joint"))
    out += [(x, "body") for x in unit.body]
    return _apart(out) if spaced else out


def _apart(tagged: list[tuple[Segment, str]]) -> list[tuple[Segment, str]]:
    """A replacement whose old and new words both start with a word, after a space, takes
    that space into both of them: "8.3 [-The Borrower ... 8.4.-]{+[Reserved]+}" reads
    "... Section 8.4.[Reserved]" once struck through, while "8.3[- The Borrower ...
    8.4.-]{+ [Reserved]+}" reads "... Section 8.4. [Reserved]". Either side's text is
    unchanged: the space is kept by whichever is kept."""
    out = list(tagged)
    for i in range(1, len(out) - 1):
        (before, part_before), (old, part_old), (new, part_new) = out[i - 1], out[i], out[i + 1]
        if not (
            before.op == EQUAL
            and before.text.endswith(" ")
            and old.op == DELETE
            and new.op == INSERT
            and old.text[:1].strip()
            and new.text[:1].strip()
        ):
            continue
        out[i - 1] = (before._replace(text=before.text[:-1]), part_before)
        out[i] = (old._replace(text=" " + old.text), part_old)
        out[i + 1] = (new._replace(text=" " + new.text), part_new)
    return [(seg, part) for seg, part in out if seg.text]


def joined(unit: UnitRedline, spaced: bool = False) -> tuple[Segment, ...]:
    """Caption and body as one run of segments, as printed; neighbouring segments of the
    same kind by the same change are merged."""
    out: list[Segment] = []
    for seg, _ in parts(unit, spaced):
        if out and out[-1].op == seg.op and out[-1].change is seg.change:
            out[-1] = out[-1]._replace(text=out[-1].text + seg.text)
        else:
            out.append(seg)
    return tuple(out)
