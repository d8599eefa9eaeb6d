"""Reading a filed agreement: an EDGAR-style plain-text agreement of about 1.4 MB,
against loading the same agreement's YAML with ruamel.yaml's C loader.

Generates the document (deterministic: articles, sections with run-in headings,
definitions, three levels of clauses, hard-wrapped at 75 columns, page numbers,
<PAGE> markers and a running footer every 50 lines), imports it once to get its
YAML, then times the two side by side, interleaved, in one process, and prints the
medians and the ratio. Goal: at most 2. Run from the project root:

    python benchmarks/read_text.py [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import textwrap
import time

WORDS = (
    "the borrower shall deliver to each lender within thirty days after the end of every fiscal quarter its "
    "balance sheet and statements of income and cash flows certified by a responsible officer together with "
    "any notice of default or event of default and such other information as the agent may reasonably request"
).split()


def document(target: int = 1_180_000) -> str:
    rng = random.Random(14)
    out = ["CREDIT AGREEMENT", ""]
    out += textwrap.fill(
        "THIS CREDIT AGREEMENT is entered into as of March 3, 2021, by and between Alder Co., a Delaware "
        'corporation (the "Borrower"), and Birch Bank, N.A., a national banking association (the "Lender").',
        75,
        initial_indent="     ",
    ).split("\n") + [""]
    size, article, page = 0, 0, 0

    def para(text: str, indent: str = "     ") -> None:
        nonlocal size, page
        lines = textwrap.fill(text, 75, initial_indent=indent).split("\n")
        out.extend([*lines, ""])
        size += len(text)
        if len(out) // 50 > page:
            page = len(out) // 50
            out.extend(["Alder / Birch Credit Agreement", "", f"{' ' * 35}-{page}-", "<PAGE>", ""])

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    while size < target:
        article += 1
        out.extend([f"{' ' * 34}ARTICLE {article}", "", f"{' ' * 30}COVENANTS", ""])
        for section in range(1, 21):
            para(f"Section {article}.{section:02d}. Covenant {section}. {words(60)}.")
            if section == 1:
                for t in range(4):
                    para(f'"Term {article}-{t}" means {words(25)}.')
            for label in "abc":
                para(f"({label}) {words(30)}:")
                for roman in ("i", "ii"):
                    para(f"({roman}) {words(20)};", "          ")
                    para(f"(A) {words(12)}; and", "               ")
                    para(f"(B) {words(12)}.", "               ")
    out.extend(
        ["     IN WITNESS WHEREOF, the parties have signed this Agreement.", "", "ALDER CO.", "By: /s/ A. Reyes"]
    )
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    from ruamel.yaml.cyaml import CSafeLoader

    from agreement.pipeline import imported
    from agreement.readers import read_text_document

    text = document()
    data = text.encode()
    reading = read_text_document("generated.txt", data)
    yaml_text = imported(reading.agreement, reading.report, "generated.txt")

    def load_yaml() -> None:
        loader = CSafeLoader(yaml_text)
        try:
            loader.get_single_data()
        finally:
            loader.dispose()

    times: dict[str, list[float]] = {"read the text": [], "C-load its YAML": []}
    for _ in range(runs):
        for name, fn in (
            ("read the text", lambda: read_text_document("generated.txt", data)),
            ("C-load its YAML", load_yaml),
        ):
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    text_ms = statistics.median(times["read the text"]) * 1000
    yaml_ms = statistics.median(times["C-load its YAML"]) * 1000
    print(f"document: {len(data) / 1e6:.2f} MB of text, {len(yaml_text) / 1e6:.2f} MB as YAML, {runs} runs")
    print(f"read the text (furniture, paragraphs, structure): {text_ms:7.0f} ms")
    print(f"ruamel.yaml C loader on the same agreement's YAML:  {yaml_ms:7.0f} ms")
    ratio = text_ms / yaml_ms
    print(f"ratio: {ratio:.2f} x the C load (goal: at most 2) - {'met' if ratio <= 2 else 'not met'}")


if __name__ == "__main__":
    main()
