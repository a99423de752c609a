"""What the benchmarks share: the machine line, the command, a timed cold process, statistics.

Each benchmark script imports this (and `results`) from its own folder; none of it imports
aktstykker_gen, so a benchmark's own start-up never warms the code it times.
"""

from __future__ import annotations

import datetime
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
GNU_TIME = Path("/usr/bin/time")
SUMMARY = "summary: "   # prefix of the one line each benchmark prints for run_all.py


def nproc() -> int:
    """Cores this process may use, as `nproc` counts them."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def machine() -> str:
    return (f"{nproc()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"yardstick {yardstick():.2f} s")


@functools.lru_cache(maxsize=1)
def yardstick() -> float:
    """Seconds this interpreter takes for 10 million integer additions (best of 3): the
    machines the benchmarks run on differ by twice that from one day to the next, so each
    figure is quoted beside this one to be compared across runs."""
    def once() -> float:
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        return time.perf_counter() - start
    return min(once() for _ in range(3))


def load() -> str:
    """The load average (1, 5, 15 min): how much other work competed for the cores."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def today() -> str:
    return datetime.date.today().isoformat()


def aktstykke() -> list[str]:
    """The installed `aktstykke` script next to this interpreter, else `python -m`."""
    script = Path(sys.executable).with_name("aktstykke")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aktstykker_gen"]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kb: int | None    # peak RSS of the process (and any it waited for), KiB
    cpu: float | None      # user + system CPU seconds of the same
    stdout: str
    stderr: str
    system: float | None = None   # the system part of `cpu`: the kernel's, page faults most


def run_cold(argv: list[str], cwd: Path | None = None, what: str = "benchmark",
             timeout: float = 300) -> Run:
    """One fresh process, its wall time and its peak RSS; stops the benchmark if it fails or
    hangs (runs longer than `timeout`).

    The peak and the CPU time come from GNU time's %M %U %S when /usr/bin/time exists
    (written to a file, so the command's own stderr is untouched); else the peak is
    getrusage(RUSAGE_CHILDREN).ru_maxrss after the child, the largest child so far, and the
    CPU time the growth of that rusage's user + system time."""
    import resource
    import tempfile

    with tempfile.NamedTemporaryFile(prefix="bench-rss-", suffix=".txt") as rss:
        wrapped = [str(GNU_TIME), "-f", "%M %U %S", "-o", rss.name, *argv] \
            if GNU_TIME.exists() else argv
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = run_bounded(wrapped, timeout, what, cwd)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{what}: {' '.join(argv)} exited {done.returncode}:\n"
                     f"{done.stdout[-2000:]}{done.stderr[-3000:]}")
        fields = (Path(rss.name).read_text().strip().splitlines() or [""])[-1].split() \
            if GNU_TIME.exists() else []
        if len(fields) == 3:
            peak, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
            system = float(fields[2])
        else:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            peak = after.ru_maxrss
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            system = after.ru_stime - before.ru_stime
    return Run(elapsed, peak, cpu, done.stdout, done.stderr, system)


def run_bounded(argv: list[str], timeout: float, what: str,
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """subprocess.run(capture_output=True, text=True), in a session of its own: if it runs past
    `timeout`, it and every process it started (a pool's workers, soffice.bin) are killed
    and the benchmark stops, instead of waiting for a hang."""
    import signal

    with subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            sys.exit(f"{what}: {' '.join(argv)[:300]} still ran after {timeout:.0f} s (a hang?); "
                     "killed it and what it started")
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


@dataclass(frozen=True)
class Stats:
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)

    def cells(self, digits: int = 3) -> str:
        """`| runs | median | min | max` for a results table."""
        return (f"| {len(self.times)} | {self.median:.{digits}f} | {self.low:.{digits}f} "
                f"| {self.high:.{digits}f}")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def mb(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.0f}"


def summary_line(**fields: object) -> None:
    """One JSON line on stdout that run_all.py gathers into the summary table."""
    import json

    print(SUMMARY + json.dumps(fields, ensure_ascii=False), flush=True)


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
