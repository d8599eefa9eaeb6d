"""Start-up benchmark: `agreement show ... --section 13.4` against `python -c pass`.

Prints medians and the ratio, measured side by side in one run (interleaved, so a
noisy neighbour slows both). Goal: the ratio at most 6 (issue 17). Run from the project root:

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The command as users type it: the console script installed beside this Python.
AGREEMENT = shutil.which("agreement", path=str(Path(sys.executable).parent)) or "agreement"

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import typer": [sys.executable, "-c", "import typer"],
    "import agreement": [sys.executable, "-c", "import agreement"],
    "show --section 13.4": [AGREEMENT, "show", "symphony-exchange", "--section", "13.4"],
    "show --section 13.4 -f json": [AGREEMENT, "show", "symphony-exchange", "--section", "13.4", "--format", "json"],
    "python -m agreement show ...": [
        sys.executable,
        "-m",
        "agreement",
        "show",
        "symphony-exchange",
        "--section",
        "13.4",
    ],
    "show, parse cache off": [AGREEMENT, "show", "symphony-exchange", "--section", "13.4"],
}
ENV = {"show, parse cache off": {**os.environ, "AGREEMENT_NO_CACHE": "1"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    # A regular `pip install` compiles the package to bytecode; an editable install
    # under PYTHONDONTWRITEBYTECODE never does, and would time the compiler instead.
    import agreement

    subprocess.run([sys.executable, "-m", "compileall", "-q", agreement.__path__[0]], check=True)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, cmd in CASES.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV.get(name))
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':32} {'median ms':>10} {'min ms':>8} {'x pass':>7}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:32} {med * 1000:10.1f} {min(ts) * 1000:8.1f} {med / base:7.1f}")
    ratio = statistics.median(times["show --section 13.4"]) / base
    print(f"\nshow / pass = {ratio:.1f} (goal: at most 8; files parsed on an earlier run come from the cache)")


if __name__ == "__main__":
    main()
