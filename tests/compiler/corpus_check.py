"""Run the compiler's corpus (tests/compiler/corpus/instructions.yaml) and judge each item.

Shared by the test (tests/compiler/test_corpus.py) and the score anyone can print
(benchmarks/compile_corpus.py). An item is judged:

- right:  it compiled to exactly the expected operations (text compared with white space
          folded) and, where review is expected, a finding gives the expected reason;
- review: it was reported as needing review where an operation was expected, or with
          another reason than the one expected: not right, but not a silent error either;
- wrong:  an operation came out that was not expected, or no finding where one was
          expected: compiled wrongly without a finding. The corpus demands none.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml import YAML

from agreement.compiler.compile import Compiled, Provision, compile_provisions
from agreement.model import Agreement, Amendment, Change, Unit
from agreement.readers.yaml import SourceText, read_agreement, read_amendment

CORPUS = Path(__file__).resolve().parent / "corpus"
INSTRUCTIONS = CORPUS / "instructions.yaml"
SHELL = Amendment("corpus", "Amendment to the corpus agreement", "corpus", 1, "January 1, 2024", date(2024, 1, 1), ())


class Item(NamedTuple):
    id: str
    agreement: str
    words: str | tuple[str, ...]  # several: provisions of one amendment, in order
    parts: tuple[str, ...]
    expect: tuple[Change, ...]
    review: str | None


class Verdict(NamedTuple):
    item: Item
    outcome: str  # "right", "review" or "wrong"
    why: str
    compiled: Compiled


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096
    return y


@cache
def agreement(name: str) -> Agreement:
    path = CORPUS / "agreements" / f"{name}.yaml"
    return read_agreement(SourceText(str(path), path.read_text(encoding="utf-8")))


def _expected(ident: str, expect: list[Any]) -> tuple[Change, ...]:
    """The expected operations read as an amendment file is read: the engine's own
    checks of each operation's arguments apply to the corpus too."""
    if not expect:
        return ()
    doc = {
        "id": "corpus",
        "title": "Corpus",
        "amends": "corpus",
        "sequence": 1,
        "dated": "January 1, 2024",
        "changes": [dict(e) for e in expect],
    }
    out = io.StringIO()
    _yaml().dump(doc, out)
    return read_amendment(SourceText(f"{INSTRUCTIONS}#{ident}", out.getvalue())).changes


def items() -> list[Item]:
    raw = _yaml().load(INSTRUCTIONS.read_text(encoding="utf-8"))
    out = []
    for entry in raw:
        out.append(
            Item(
                str(entry["id"]),
                str(entry["agreement"]),
                tuple(str(w) for w in entry["words"]) if isinstance(entry["words"], list) else str(entry["words"]),
                tuple(str(p) for p in entry.get("parts") or ()),
                _expected(str(entry["id"]), entry.get("expect") or []),
                str(entry["review"]) if "review" in entry else None,
            )
        )
    return out


def provisions(item: Item) -> list[Provision]:
    """The item as provisions of one amendment: Section 1 (with its lettered parts), or
    Sections 1, 2, ... where it gives several, each compiled against the agreement as the
    ones before it left it."""
    if isinstance(item.words, tuple):
        return [Provision(f"Section {k}", None, w) for k, w in enumerate(item.words, 1)]
    parts = tuple(Provision(f"Section 1({chr(ord('a') + k)})", None, p) for k, p in enumerate(item.parts))
    return [Provision("Section 1", None, item.words, parts)]


def folded(value: object) -> object:
    """Arguments in a form to compare: text with white space folded, units field by field."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, Unit):
        return {
            "kind": value.kind.value,
            "number": value.number,
            "heading": folded(value.heading) if value.heading is not None else None,
            "text": folded(value.text),
            "children": folded(value.children),
            "term": value.term,
        }
    if isinstance(value, (list, tuple)):
        return [folded(v) for v in value]
    if isinstance(value, dict):
        return {k: folded(v) for k, v in value.items()}
    return value


def shown(change: Change) -> dict[str, object]:
    return {"op": change.op, **folded(change.args)}  # type: ignore[dict-item]


def judge(item: Item) -> Verdict:
    compiled = compile_provisions(provisions(item), agreement(item.agreement), SHELL)
    got = [shown(c) for c in compiled.changes]
    want = [shown(c) for c in item.expect]
    reasons = [f.reason + (f" (closest: {f.closest})" if f.closest else "") for f in compiled.findings]
    # every operation that came out must be one that was expected, in order
    k = 0
    for g in got:
        while k < len(want) and want[k] != g:
            k += 1
        if k == len(want):
            return Verdict(item, "wrong", f"unexpected operation {g}", compiled)
        k += 1
    if item.review is None:
        if compiled.findings:
            return Verdict(item, "review", "; ".join(reasons), compiled)
        if got != want:
            return Verdict(item, "wrong", f"compiled {got}, expected {want}", compiled)
        return Verdict(item, "right", "", compiled)
    if not compiled.findings:
        return Verdict(item, "wrong", f"no finding (expected one about {item.review!r}); compiled {got}", compiled)
    if not any(item.review.lower() in r.lower() for r in reasons):
        return Verdict(item, "review", f"needs review, but not for {item.review!r}: {'; '.join(reasons)}", compiled)
    if got != want:
        return Verdict(item, "review", f"compiled {got}, expected {want}", compiled)
    return Verdict(item, "right", "", compiled)


def judge_all() -> list[Verdict]:
    return [judge(i) for i in items()]
