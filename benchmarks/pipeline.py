"""Whole commands on a generated agreement, side by side with loading its YAML.

Generates the default case (about 1.3 MB of YAML: 600 sections, definitions, sub-clauses;
20 amendments of 25 changes each, see generate.py), then runs each command interleaved
with the others several times and prints the median wall time, the spread, the peak
memory, and the ratio to loading the same YAML with ruamel.yaml's C loader in a bare
`python -c`. "cold" runs with the parse cache off (AGREEMENT_NO_CACHE=1); "warm" reads
parsed files from a cache filled by the first run. It asserts nothing about time.

    python benchmarks/pipeline.py [--runs 7] [--sections 600] [--amendments 20] [--changes 25]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--sections", type=int, default=600)
    p.add_argument("--amendments", type=int, default=20)
    p.add_argument("--changes", type=int, default=25)
    a = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="agreement-bench-"))
    try:
        agreement, amendments = write(work, a.sections, a.amendments, a.changes, seed=1)
        size = agreement.stat().st_size
        exe = shutil.which("agreement", path=str(Path(sys.executable).parent)) or "agreement"
        py = sys.executable
        load = f"from ruamel.yaml import YAML; YAML(typ='safe', pure=False).load(open({str(agreement)!r}))"
        cold = {**os.environ, "AGREEMENT_NO_CACHE": "1"}
        warm = {**os.environ, "AGREEMENT_CACHE_DIR": str(work / "cache")}
        cases = {
            "python -c pass": ([py, "-c", "pass"], cold),
            "C loader: load the YAML": ([py, "-c", load], cold),
            "apply --format text (cold)": ([exe, "apply", "bench", "--format", "text"], cold),
            "apply --format text (warm)": ([exe, "apply", "bench", "--format", "text"], warm),
            "redline --format text (cold)": ([exe, "redline", "bench", "--format", "text"], cold),
            "redline --format text (warm)": ([exe, "redline", "bench", "--format", "text"], warm),
            "redline --format html (warm)": ([exe, "redline", "bench", "--format", "html"], warm),
            "redline --format docx (warm)": (
                [exe, "redline", "bench", "--format", "docx", "-o", str(work / "r.docx")],
                warm,
            ),
            "show --section 13.4 (warm)": ([exe, "show", "bench", "--section", "13.4"], warm),
        }
        timed(cases["redline --format text (warm)"][0], work, warm)  # fill the cache
        times: dict[str, list[float]] = {k: [] for k in cases}
        peak: dict[str, int] = {k: 0 for k in cases}
        for _ in range(a.runs):
            for name, (cmd, env) in cases.items():
                t, rss = timed(cmd, work, env)
                times[name].append(t)
                peak[name] = max(peak[name], rss)
        base = statistics.median(times["C loader: load the YAML"])
        print(
            f"agreement: {size / 1e6:.2f} MB of YAML, {a.sections} sections; "
            f"{a.amendments} amendments of {a.changes} changes; {a.runs} runs each, interleaved"
        )
        print(f"{'command':34} {'median ms':>10} {'spread ms':>10} {'peak MB':>8} {'x C load':>9} {'MB/s':>7}")
        for name, ts in times.items():
            med = statistics.median(ts)
            spread = (max(ts) - min(ts)) * 1000
            print(
                f"{name:34} {med * 1000:10.0f} {spread:10.0f} {peak[name] / 1024:8.0f} {med / base:9.2f} "
                f"{size / 1e6 / med:7.1f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
