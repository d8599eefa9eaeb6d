"""`agreement batch` throughput and client memory: the local process pool with 1, 2, 4
and all cores, and Dask on a LocalCluster of the same size.

    python benchmarks/batch.py [--small 1000,10000] [--large 1000] [--jobs 1,2,4,all] [--engines local,dask]
                               [--repeat N] [--work DIR]

Generates an archive of `--small` small agreements (20 sections, 3 amendments) and one of
`--large` large ones (300 sections, 10 amendments of 15 changes), or one of each size a
comma-separated list names (so that client memory is compared across sizes), each a copy of one of
a few generated agreements with its own title (so every copy differs), then runs the
command line on each archive in each configuration and prints agreements per second
(wall time of the whole command, start-up and cluster start included) and the client's
peak resident memory and CPU time (VmHWM and utime+stime of the `agreement` process,
read from /proc while it runs: Linux only; a LocalCluster's scheduler is counted, since
it runs in the client's process), and the largest peak of any of its worker processes
(a pool's processes, a LocalCluster's nannies and workers), and the CPU time of all of them
together (the command and every process under it: what an engine costs, whoever else shares
the machine). The load average is printed first: on a shared machine, throughput says little
about scaling. With `--repeat N` each configuration runs N times, the configurations taking
turns (so that a neighbour's burst does not fall on one engine), and the medians are
printed last. A size of 0 skips that archive; job counts above the machine's cores are
skipped. The conformed copies of each run are compared with the first run's, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

SHAPES = {"small": (20, 3, 4), "large": (300, 10, 15)}  # sections, amendments, changes
TEMPLATES = 8


def archive(root: Path, shape: str, count: int) -> Path:
    """`count` agreements under root/<shape>-<count>/NNNNN/agreements/bench.yaml with their amendments."""
    where = root / f"{shape}-{count}"
    if (where / ".done").exists() and (where / ".done").read_text() == str(count):
        return where
    shutil.rmtree(where, ignore_errors=True)
    sections, amendments, changes = SHAPES[shape]
    templates = []
    for seed in range(TEMPLATES):
        t = root / f".template-{shape}-{seed}"
        agreement, files = generate.write(t, sections, amendments, changes, seed)
        templates.append((agreement.read_text(encoding="utf-8"), [(f.name, f.read_bytes()) for f in files]))
    for i in range(count):
        text, files = templates[i % TEMPLATES]
        d = where / f"{i:05d}"
        (d / "agreements").mkdir(parents=True)
        (d / "amendments" / "bench").mkdir(parents=True)
        (d / "agreements" / "bench.yaml").write_text(
            text.replace("\ntitle: ", f"\ntitle: No. {i} ", 1), encoding="utf-8"
        )
        for name, data in files:
            (d / "amendments" / "bench" / name).write_bytes(data)
    (where / ".done").write_text(str(count))
    return where


def peak_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def descendants(pid: int) -> list[int]:
    """The processes under `pid` (children, theirs...), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def cpu_seconds(pid: int) -> float | None:
    """The process's own CPU time (user and system), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Run(NamedTuple):
    seconds: float
    peak_kb: int  # the client's peak resident memory
    cpu: float  # the client's CPU seconds
    worker_kb: int  # the largest peak of a worker process
    total_cpu: float  # CPU seconds of the client and every process under it


def run(folder: Path, out: Path, engine: str, jobs: int) -> Run:
    """One `agreement batch`, measured."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "AGREEMENT_NO_CACHE": "1", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "agreement", "batch", str(folder), "-o", str(out), "--engine", engine, "-j", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak, cpu, workers = 0, 0.0, 0
    tick = 0
    while proc.poll() is None:
        peak = max(peak, peak_kb(proc.pid) or 0)
        cpu = max(cpu, cpu_seconds(proc.pid) or 0.0)
        if tick % 10 == 0:  # twice a second: walking /proc costs the neighbours CPU
            workers = max([workers, *(peak_kb(p) or 0 for p in descendants(proc.pid))])
        tick += 1
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 9):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.read().decode()[-500:]}")
    # every process under it was waited for by its parent, so the children's usage holds them all
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(seconds, peak, cpu, workers, total)


def same(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    return files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()) and all(
        (a / f).read_bytes() == (b / f).read_bytes() for f in files
    )


def line(label: str, engine: str, jobs: int, count: int, r: Run) -> str:
    return (
        f"{label:<14} {engine:<6} {jobs:>4} {r.seconds:>8.1f} {count / r.seconds:>13.1f} {r.peak_kb / 1024:>15.1f}"
        f" {r.cpu:>13.1f} {r.worker_kb / 1024:>15.1f} {1000 * r.total_cpu / count:>15.2f}"
    )


HEADER = (
    f"{'archive':<14} {'engine':<6} {'jobs':>4} {'seconds':>8} {'agreements/s':>13} {'client peak MB':>15}"
    f" {'client CPU s':>13} {'worker peak MB':>15} {'all CPU ms/agr':>15}"
)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--small", default="10000", help="agreements in the small archive, or several sizes: 1000,10000")
    p.add_argument("--large", default="1000")
    p.add_argument("--jobs", default="1,2,4,all")
    p.add_argument("--engines", default="local,dask")
    p.add_argument("--repeat", type=int, default=1, help="runs of each configuration; the medians are printed last")
    p.add_argument("--work", type=Path, default=None, help="where the archives are generated (kept between runs)")
    a = p.parse_args()
    cores = os.cpu_count() or 1
    jobs = sorted({cores if j == "all" else int(j) for j in a.jobs.split(",")})
    jobs = [j for j in jobs if j <= cores]
    root = a.work or Path(tempfile.mkdtemp(prefix="agreement-batch-bench-"))
    print(f"cores: {cores}; archives under {root}")
    print(f"cpu load before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(HEADER)
    sizes = [("small", int(n)) for n in a.small.split(",")] + [("large", int(n)) for n in a.large.split(",")]
    runs: dict[tuple[str, str, int], list[Run]] = {}
    for shape, count in sizes:
        if not count:
            continue
        folder = archive(root, shape, count)
        label = f"{count} {shape}"
        first: Path | None = None
        for _ in range(a.repeat):
            for engine in a.engines.split(","):
                for j in jobs:
                    out = root / f"out-{shape}-{engine}-{j}"
                    measured = run(folder, out, engine, j)
                    runs.setdefault((label, engine, j), []).append(measured)
                    print(line(label, engine, j, count, measured), flush=True)
                    if first is None:
                        shutil.rmtree(root / f"reference-{shape}", ignore_errors=True)  # an interrupted run's
                        first = out.rename(root / f"reference-{shape}")
                    elif not same(first, out):
                        sys.exit(f"{out} differs from {first}")
                    else:
                        shutil.rmtree(out)
        if first is not None:
            shutil.rmtree(first)
    if a.repeat > 1:
        print(f"\nmedians of {a.repeat} runs (cpu load now: {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
        print(HEADER)
        for (label, engine, j), measured in runs.items():
            count = int(label.split()[0])
            middle = Run(*(statistics.median(field) for field in zip(*measured, strict=True)))
            print(line(label, engine, j, count, middle))


if __name__ == "__main__":
    main()
