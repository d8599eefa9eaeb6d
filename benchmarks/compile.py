"""How long compiling an amendment as filed takes, against reading the same amendment's YAML.

Run from the project root:

    python benchmarks/compile.py [--runs 5] [--instructions 100]

Two cases, each measured in this one run, best of --runs, in one process:

- the seed (amendments/symphony-exchange/filed/amendment-no-1.txt) against the bundled
  agreement, beside reading its hand-made YAML;
- a generated agreement of 200 sections and a generated amendment document of N
  instructions in legal English (replacements, insertions after words, sentences added at
  the end, restatements), beside reading the YAML `agreement compile` writes for it.

Compiling includes reading the document (page furniture, structure), reading each
instruction with the grammar, and applying each operation at once to check it. Figures
only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "cli"))

from agreement.compiler import compile_document  # noqa: E402
from agreement.readers import read  # noqa: E402
from agreement.readers.yaml import SourceText, read_agreement, read_amendment  # noqa: E402
from agreement.writers.compiled import render_yaml  # noqa: E402


def best(fn, runs: int) -> float:
    out = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - start)
    return out


def generated(folder: Path, n: int) -> tuple[Path, Path]:
    """An agreement of 200 sections (YAML) and an amendment document of `n` instructions."""
    sections = []
    for k in range(1, 201):
        sections.append(
            f'  - number: "{k}"\n    heading: HEADING {k}\n    text: |\n'
            f"      The Supplier shall deliver the goods numbered G{k}A to the Buyer within\n"
            f"      ten days of each order. The price of the goods numbered G{k}A is fixed in\n"
            f"      Schedule {k}. Each party shall keep the terms of Section {k} confidential.\n"
        )
    agreement = folder / "supply.yaml"
    agreement.write_text("id: supply\ntitle: Supply Agreement\ndate: 2020-01-15\nsections:\n" + "".join(sections))
    lines = [
        "<PAGE>",
        "",
        " " * 28 + "AMENDMENT NO. 1 TO",
        " " * 28 + "SUPPLY AGREEMENT",
        "",
        '     This AMENDMENT NO. 1 (this "Amendment") is dated as of March 1, 2021, between',
        "the parties to the Supply Agreement.",
        "",
    ]
    forms = [
        'Section {k} of the Agreement is hereby amended by deleting the words "within ten days"\n'
        'and inserting "within fifteen days" in lieu thereof.',
        'Section {k} of the Agreement is hereby amended by inserting the words ", in full,"\n'
        'immediately after the words "shall deliver the goods numbered G{k}A".',
        "Section {k} of the Agreement is hereby amended by adding the following sentence at the\n"
        'end thereof: "The Buyer may inspect the goods numbered G{k}A on delivery."',
        'Section {k} of the Agreement is hereby amended by replacing "Schedule {k}" with\n"Schedule {k}-A".',
    ]
    for k in range(1, n + 1):
        body = forms[k % len(forms)].format(k=k)
        lines.append(f"     Section {k}.   AMENDMENT TO SECTION {k}. {body}")
        lines.append("")
        if k % 17 == 0:  # a page break between provisions, a page number at its foot
            lines += ["", " " * 38 + f"-{k // 17}-", "", "<PAGE>", ""]
    document = folder / "amendment-1.txt"
    document.write_text("\n".join(lines) + "\n")
    return agreement, document


def case(name: str, agreement_path: Path, document: Path, runs: int, yaml_text: str | None = None) -> None:
    agreement = read_agreement(SourceText(str(agreement_path), agreement_path.read_text()))

    def compile_it():
        reading = read(str(document))
        return compile_document(str(document), reading.agreement, agreement, sequence=1)

    done = compile_it()
    if done.findings:
        print(f"  ({len(done.findings)} instructions need review: {done.findings[0].reason})")
    text = yaml_text if yaml_text is not None else render_yaml(done)
    t_compile = best(compile_it, runs)
    t_yaml = best(lambda: read_amendment(SourceText("a.yaml", text)), runs)
    n = len(done.amendment.changes)
    print(
        f"{name:<44} {n:>4} ops   compile {t_compile * 1000:8.1f} ms   YAML {t_yaml * 1000:7.1f} ms"
        f"   ratio {t_compile / t_yaml:6.1f}x   {t_compile / max(n, 1) * 1000:5.2f} ms/op"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--instructions", type=int, default=100)
    args = ap.parse_args()
    hand = ROOT / "amendments" / "symphony-exchange" / "001-amendment-no-1.yaml"
    case(
        "the seed (filed text) vs its hand-made YAML",
        ROOT / "agreements" / "symphony-exchange.yaml",
        ROOT / "amendments" / "symphony-exchange" / "filed" / "amendment-no-1.txt",
        args.runs,
        hand.read_text(),
    )
    with tempfile.TemporaryDirectory() as tmp:
        agreement, document = generated(Path(tmp), args.instructions)
        case(f"generated: {args.instructions} instructions vs their YAML", agreement, document, args.runs)


if __name__ == "__main__":
    main()
