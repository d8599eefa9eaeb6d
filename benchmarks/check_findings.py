"""Every finding of `agreement check` on every case at hand, written to a folder: run it
before and after changing the check, then `diff -r BEFORE AFTER` proves the findings
byte-identical (a speed-up of the check must not change one).

    python benchmarks/check_findings.py OUT_DIR

The cases: the bundled example (whole, through each amendment, with the filed document),
the hand-amended case, every reader fixture alone and with the amendment documents the
compiler tests file against it, the compiler corpus, and generated cases (generate.py)
among them the 1.4 MB case of the benchmarks. Each in text and JSON, with its exit code,
as a user runs it (a fresh process each, the parse cache off).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

# generated cases: (name, sections, amendments, changes per amendment, seed)
GENERATED = [("big", 600, 20, 25, 1), ("small-2", 60, 6, 12, 2), ("mid-7", 150, 10, 20, 7)]


def cases(work: Path) -> list[tuple[str, Path, list[str]]]:
    """(name, working directory, arguments after `agreement check`)."""
    out: list[tuple[str, Path, list[str]]] = [
        ("symphony", ROOT, ["symphony-exchange"]),
        ("symphony-through-1", ROOT, ["symphony-exchange", "--through", "amendment-no-1"]),
        ("symphony-original", ROOT, ["symphony-exchange", "--through", "original"]),
        (
            "symphony-filed",
            ROOT,
            ["agreements/symphony-exchange.yaml", "amendments/symphony-exchange/filed/amendment-no-1.txt"],
        ),
        ("hand-amended", ROOT / "tests" / "cases" / "hand-amended", ["harbor-units"]),
    ]
    fixtures = ROOT / "tests" / "readers" / "fixtures"
    for f in sorted(fixtures.iterdir()):
        if f.suffix in (".yaml", ".txt", ".htm", ".md", ".docx"):
            out.append((f"fixture-{f.name}", ROOT, [str(f.relative_to(ROOT))]))
    documents = ROOT / "tests" / "compiler" / "documents"
    for d in sorted(documents.iterdir()):
        agreement = fixtures / f"{d.name}.yaml"
        filed = sorted(str(p.relative_to(ROOT)) for p in d.glob("*.txt"))
        if agreement.exists() and filed:
            out.append((f"documents-{d.name}", ROOT, [str(agreement.relative_to(ROOT)), *filed]))
    for f in sorted((ROOT / "tests" / "compiler" / "corpus" / "agreements").glob("*.yaml")):
        out.append((f"corpus-{f.stem}", ROOT, [str(f.relative_to(ROOT))]))
    for name, sections, count, changes, seed in GENERATED:
        write(work / name, sections, count, changes, seed)
        out.append((f"generated-{name}", work / name, ["bench"]))
        out.append((f"generated-{name}-through-3", work / name, ["bench", "--through", "amendment-3"]))
    write(work / "rough", 150, 10, 20, 7)
    roughen(work / "rough")
    out.append(("generated-rough", work / "rough", ["bench"]))
    return out


def roughen(case: Path) -> None:
    """A generated case given what the generator never writes, so that every rule finds
    something: marks side by side, double spaces and a lone parenthesis inserted, hidden
    characters, a change whose words are not there, a change aimed at a deleted unit, an
    amendment dated before the agreement, one effective out of order, and a definition
    deleted while its term is used."""
    files = sorted((case / "amendments" / "bench").glob("*.yaml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    for i, t in enumerate(texts):
        texts[i] = t.replace("text: 'and ", "text: ',, and  (", 1)
    texts[1] = texts[1].replace("text: '", "text: '\u200b", 1)
    texts[2] = re.sub(r"words: Item\d+X", "words: NoSuchWordX", texts[2], count=1)
    texts[3] = re.sub(r"(?m)^dated: .*$", "dated: 2009-01-01", texts[3])
    texts[4] = re.sub(r"(?m)^(dated: .*)$", r"\1\neffective: 2030-01-01", texts[4])
    first = next(i for i, t in enumerate(texts) if "op: delete_unit" in t)
    m = re.search(r"op: delete_unit, unit: '([^']+)', reserved: true", texts[first])
    assert m is not None
    texts[first] = texts[first].replace(m.group(0), f"op: delete_unit, unit: '{m.group(1)}'")
    unit = re.search(r"op: replace_words, unit: '([^']+)'", texts[-1])
    assert unit is not None
    texts[-1] += (
        f"  - {{source: Section 90, op: replace_words, unit: '{m.group(1)}', words: Item1X, with: Item2X}}\n"
        f"  - {{source: Section 91, op: append_sentence, unit: '{unit.group(1)}', "
        "text: 'The Agent Agreement binds the Lender Parties.'}\n"
        "  - {source: Section 92, op: delete_definitions, terms: [Agent Agreement]}\n"
    )
    for f, t in zip(files, texts, strict=True):
        f.write_text(t, encoding="utf-8")
    agreement = case / "agreements" / "bench.yaml"
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("WHEREAS, ", "WHEREAS, \u202e", 1), encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "AGREEMENT_NO_CACHE": "1", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory(prefix="agreement-check-findings-") as tmp:
        for name, cwd, args in cases(Path(tmp)):
            for fmt in ("text", "json"):
                proc = subprocess.run(
                    ["agreement", "check", *args, "--format", fmt], cwd=cwd, env=env, capture_output=True, text=True
                )
                (a.out / f"{name}.{fmt}").write_text(
                    f"exit {proc.returncode}\n{proc.stdout}\n--- stderr\n{proc.stderr}", encoding="utf-8"
                )
            print(f"{name}: exit {proc.returncode}")


if __name__ == "__main__":
    main()
