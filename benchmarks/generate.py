"""A realistic synthetic agreement and a chain of amendments, for benchmarks.

Deterministic for a seed. The agreement reads like a credit agreement: articles of
numbered sections with headings, subsections and clauses, a definitions section in
alphabetical order, legal text with "U.S.", "Inc.", "No. 1", "Section 13.4", "$0.001",
"a.m.", quoted terms and provisos. Each amendment mixes every kind of change, and
later amendments act on words earlier ones inserted.

    python benchmarks/generate.py OUT_DIR [--sections 600] [--amendments 20] [--changes 25] [--seed 1]

writes OUT_DIR/agreements/bench.yaml and OUT_DIR/amendments/bench/NNN-amendment.yaml.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

NOUNS = "Borrower Lender Agent Guarantor Holder Issuer Collateral Obligation Payment Notice Lien Default".split()
WORDS = (
    "shall may not without prior written consent of the Required Lenders any such amount payable hereunder "
    "in accordance with terms and conditions set forth herein provided that including but not limited to "
    "reasonable expenses incurred by each party pursuant thereto on or before date maturity interest principal "
    "accrued unpaid applicable law jurisdiction obligations covenants representations warranties"
).split()
PHRASES = [
    "U.S. Bank National Association, as Collateral Agent",
    "iBasis, Inc., a Delaware corporation",
    "Amendment No. 1",
    "as provided in Section {sec}",
    "$0.001 par value per share",
    "at 10:00 a.m. (New York City time)",
    'the "Required Lenders"',
    "clause (iii) of Section {sec}",
]
TERMS = sorted({f"{a} {b}" for a in NOUNS for b in ("Agreement", "Amount", "Date", "Documents", "Event", "Party")})


class Gen:
    def __init__(self, seed: int, sections: int) -> None:
        self.rng = random.Random(seed)
        self.n = sections
        self.fresh = 0
        self.where: str | None = None  # the section being written
        self.tokens: dict[str, str] = {}  # token -> the section whose own text holds it
        self.with_parts: set[str] = set()  # sections that end with subsections

    def sec(self) -> str:
        art = self.rng.randrange(2, 2 + self.n // 20)
        return f"{art}.{self.rng.randrange(1, 21)}"

    def sentence(self) -> str:
        r = self.rng
        words = [r.choice(WORDS) for _ in range(r.randrange(12, 30))]
        for _ in range(r.randrange(0, 3)):
            words.insert(r.randrange(len(words)), r.choice(PHRASES).format(sec=self.sec()))
        words.insert(r.randrange(len(words)), f"the {r.choice(NOUNS)}")
        text = " ".join(words)
        if r.random() < 0.3:
            text += "; provided, however, that " + " ".join(r.choice(WORDS) for _ in range(r.randrange(8, 20)))
        return text[0].upper() + text[1:] + "."

    def token(self) -> str:
        """A word found once in the whole document: anchors that match exactly once."""
        self.fresh += 1
        token = f"Item{self.fresh}X"
        if self.where is not None:
            self.tokens[token] = self.where
        return token

    def paragraph(self, lines: bool = True) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randrange(2, 7))]
        text = " ".join(sentences)
        text = text.replace(". ", f". {self.token()} ", 1)
        if not lines:
            return text
        out, line = [], []
        for w in text.split(" "):
            line.append(w)
            if sum(len(x) + 1 for x in line) > 78:
                out.append(" ".join(line))
                line = []
        if line:
            out.append(" ".join(line))
        return "\n".join(out)


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line for line in text.split("\n")) + "\n"


def agreement(g: Gen) -> str:
    out = [
        "id: bench\ntitle: Credit Agreement\ndate: 2010-06-30\n",
        "note: Synthetic agreement generated for benchmarks.\n",
        "preamble: " + block(g.paragraph(), 2),
        "recitals:\n",
        *("  - " + block("WHEREAS, " + g.paragraph(), 4) for _ in range(3)),
        "sections:\n",
        '  - number: "1"\n    heading: DEFINITIONS\n    text: "As used in this Agreement, the following terms have the following meanings:"\n',
        "    definitions:\n",
    ]
    for term in TERMS:
        out.append("      - " + block(f'"{term.upper()}" means ' + g.paragraph(), 8))
    per_article = 20
    made = 0
    art = 2
    while made < g.n:
        out.append(f'  - number: "{art}"\n    heading: ARTICLE {art}\n    sections:\n')
        for k in range(1, per_article + 1):
            if made >= g.n:
                break
            out.append(f'      - number: "{art}.{k}"\n        heading: {g.rng.choice(NOUNS).upper()} MATTERS\n')
            g.where = f"{art}.{k}"
            out.append("        text: " + block(g.paragraph(), 10))
            g.where = None
            if g.rng.random() < 0.5:
                g.with_parts.add(f"{art}.{k}")
                out.append("        subsections:\n")
                for sub in "abc"[: g.rng.randrange(1, 4)]:
                    out.append(f'          - number: "({sub})"\n            text: ' + block(g.paragraph(), 14))
            made += 1
        art += 1
    return "".join(out)


def amendments(g: Gen, count: int, changes: int, doc: str) -> list[str]:
    """Changes aimed at tokens known to stand once; some at words earlier amendments wrote."""
    import re

    sections = re.findall(r'number: "(\d+\.\d+)"', doc)
    g.where = None
    tokens = dict(g.tokens)
    added = 0
    added_after: dict[str, str] = {}
    out = []
    inserted: list[tuple[str, str]] = []
    deleted: set[str] = set()
    for n in range(1, count + 1):
        lines = [
            f"id: amendment-{n}\ntitle: Amendment No. {n} to Credit Agreement\namends: bench\nsequence: {n}\n"
            f"dated: 20{11 + n // 12:02d}-{(n % 12) + 1:02d}-15\nchanges:\n"
        ]
        for c in range(1, changes + 1):
            kind = g.rng.choice(
                [
                    "replace",
                    "replace",
                    "insert",
                    "insert",
                    "delete",
                    "sentence",
                    "append",
                    "restate",
                    "add",
                    "definition",
                    "reserve",
                ]
            )
            live = [t for t in tokens if tokens[t] not in deleted]
            tok = g.rng.choice(live)
            sec = tokens[tok]
            new = g.token()
            src = f"source: Section {c}"
            if kind == "sentence" and sec in g.with_parts:
                kind = "replace"
            if kind in ("replace", "insert") and inserted and g.rng.random() < 0.3:
                tok, sec = g.rng.choice([x for x in inserted if x[0] in tokens and x[1] not in deleted] or [(tok, sec)])
            if kind == "replace":
                line = f"  - {{{src}, op: replace_words, unit: '{sec}', words: {tok}, with: {new} and {g.token()}}}\n"
                tokens.pop(tok, None)
                tokens[new] = sec
            elif kind == "insert":
                line = f"  - {{{src}, op: insert_words, unit: '{sec}', after: {tok}, text: 'and {new}'}}\n"
                inserted.append((new, sec))
                tokens[new] = sec
            elif kind == "delete":
                other = g.token()
                line = (
                    f"  - {{{src}, op: insert_words, unit: '{sec}', before: {tok}, text: '{other} {new}'}}\n"
                    f"  - {{{src}, op: delete_words, unit: '{sec}', words: '{new}'}}\n"
                )
                tokens[other] = sec
            elif kind == "sentence":
                line = f"  - {{{src}, op: append_sentence, unit: '{sec}', text: 'The {new} shall apply.'}}\n"
                tokens[new] = sec
            elif kind == "append":
                line = f"  - {{{src}, op: replace_words, unit: '{sec}', words: {tok}, with: '{tok} (as amended by Amendment No. {n})'}}\n"
            elif kind == "restate":
                line = f"  - {{{src}, op: restate_unit, unit: '{sec}', keep_heading: true, new: {{text: 'The {new} shall be restated.'}}}}\n"
                for t in [t for t, s in tokens.items() if s == sec]:
                    tokens.pop(t)
                g.with_parts.discard(sec)
                tokens[new] = sec
            elif kind == "add":
                added += 1
                after = g.rng.choice(sections)
                letters = added_after.get(after, "")
                number = f"{after}{chr(ord('A') + len(letters))}"
                added_after[after] = letters + "x"
                if len(letters) >= 25:
                    continue
                line = f"  - {{{src}, op: add_unit, after: '{after}', new: {{number: '{number}', heading: NEW MATTERS, text: 'The {new} is added.'}}}}\n"
                tokens[new] = number
            elif kind == "definition":
                added += 1
                line = f"  - {{{src}, op: add_definitions, unit: '1', definitions: ['\"ZETA TERM {added}\" means the {new}.']}}\n"
            else:
                line = f"  - {{{src}, op: delete_unit, unit: '{sec}', reserved: true}}\n"
                deleted.add(sec)
            lines.append(line)
        out.append("".join(lines))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description="Generate a synthetic agreement and amendments for benchmarks.")
    p.add_argument("out", type=Path)
    p.add_argument("--sections", type=int, default=600)
    p.add_argument("--amendments", type=int, default=20)
    p.add_argument("--changes", type=int, default=25)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    write(a.out, a.sections, a.amendments, a.changes, a.seed)


def write(out: Path, sections: int, count: int, changes: int, seed: int) -> tuple[Path, list[Path]]:
    g = Gen(seed, sections)
    doc = agreement(g)
    (out / "agreements").mkdir(parents=True, exist_ok=True)
    folder = out / "amendments" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    path = out / "agreements" / "bench.yaml"
    path.write_text(doc, encoding="utf-8")
    files = []
    for n, text in enumerate(amendments(g, count, changes, doc), 1):
        f = folder / f"{n:03d}-amendment.yaml"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    return path, files


if __name__ == "__main__":
    main()
