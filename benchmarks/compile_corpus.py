"""The compiler's corpus score: the share of instructions that compile and apply exactly
right, and the number compiled wrongly without a finding (which must be zero).

    python benchmarks/compile_corpus.py [--verbose]

Each instruction of tests/compiler/corpus/instructions.yaml is compiled against its base
agreement (every operation is applied as it is compiled, so "right" means it also
applies) and judged as tests/compiler/corpus_check.py describes. Exit status 1 when any
instruction is compiled wrongly without a finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.compiler.corpus_check import judge_all  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every instruction that is not right")
    verbose = parser.parse_args().verbose
    verdicts = judge_all()
    total = len(verdicts)
    right = sum(v.outcome == "right" for v in verdicts)
    wrong = [v for v in verdicts if v.outcome == "wrong"]
    expected_review = sum(v.item.review is not None and not v.item.expect for v in verdicts)
    print(f"instructions: {total} ({total - expected_review} to compile, {expected_review} to be reported for review)")
    print(f"exactly right: {right}/{total} ({100 * right / total:.1f}%)")
    print(f"compiled wrongly without a finding: {len(wrong)}")
    for v in verdicts:
        if v.outcome != "right" and (verbose or v.outcome == "wrong"):
            print(f"  {v.outcome}: {v.item.id}: {v.why}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
