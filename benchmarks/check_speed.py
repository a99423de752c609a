"""How fast `aktstykke check` answers on the seed spec and on the agenda seed, and what it imports.

Runs `aktstykke check <spec>` in a fresh process for each spec (one warm-up each, then RUNS
timed rounds, the specs taking turns within a round so that both meet the same load), prints
median/min/max and writes them to benchmarks/results.md. Then runs each check under
`python -X importtime` and lists the top-level packages it imported.

The target is a median of at most 0.30 s for each (printed as PASS or MISS; timing depends on
the machine, so it does not set the exit code). The exit code is non-zero only if a check
imported a renderer: weasyprint, docx, jinja2 or lxml.

    .venv/bin/python benchmarks/check_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from common import load, run_cold
from results import RESULTS, write_section

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("specs") / "2025-10-01-personlig-medicin.yaml"
AGENDA = Path("specs") / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
# The summary row of each: (key, what run_all.py calls it).
SPECS = {SEED: ("check", "`aktstykke check` of the seed, cold"),
         AGENDA: ("check_agenda", "`aktstykke check` of the agenda seed, cold")}
TARGET = 0.30  # seconds, median (issue 11 acceptance 5, issue 15 acceptance 4)
RENDERERS = ("weasyprint", "docx", "jinja2", "lxml")


def command(spec: Path) -> list[str]:
    """The installed `aktstykke` script next to this interpreter, else `python -m`."""
    script = Path(sys.executable).with_name("aktstykke")
    if script.exists():
        return [str(script), "check", str(spec)]
    return [sys.executable, "-m", "aktstykker_gen", "check", str(spec)]


def nproc() -> int:
    """Cores this process may use, as `nproc` counts them."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def timed_run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh process."""
    done = run_cold(argv, cwd=ROOT, what="check_speed", timeout=120)
    return done.seconds, done.cpu if done.cpu is not None else float("nan")




def imported_packages(spec: Path) -> list[str]:
    """Top-level packages imported by `python -X importtime -m aktstykker_gen check <spec>`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aktstykker_gen", "check", str(spec)],
        cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check_speed: the importtime run exited {done.returncode}:\n{done.stderr}")
    packages = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip()
            if module != "imported package":  # the header line
                packages.add(module.split(".")[0])
    return sorted(packages)


def write_results(measured: dict[Path, tuple[list[str], list[float], list[float]]],
                  loads: tuple[str, str]) -> None:
    runs = len(next(iter(measured.values()))[1])
    rows = [
        "",
        "Written by `benchmarks/check_speed.py` (`make bench`): wall time of a fresh process,",
        f"one warm-up then {runs} runs of each spec, taking turns. Target: median ≤ {TARGET} s.",
        "CPU: user + system (GNU time `%U %S`), less disturbed than wall time by other work on",
        f"the machine; load average {loads[0]} before, {loads[1]} after.",
        "",
        "| command | machine (nproc) | date | runs | median (s) | min (s) | max (s) "
        "| CPU, median (s) | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for argv, times, cpus in measured.values():
        display = " ".join([Path(argv[0]).name if argv[0].endswith("aktstykke") else "python",
                            *argv[1:]])
        median = statistics.median(times)
        rows.append(
            f"| `{display}` | {nproc()} cores, {platform.machine()}, Python "
            f"{platform.python_version()} | {datetime.date.today().isoformat()} | {len(times)} "
            f"| {median:.3f} | {min(times):.3f} | {max(times):.3f} "
            f"| {statistics.median(cpus):.3f} | {'PASS' if median <= TARGET else 'MISS'} |")
    write_section("# `aktstykke check` speed", [*rows, ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs after the warm-up (≥ 5)")
    runs = max(5, parser.parse_args().runs)

    before = load()
    commands = {spec: command(spec) for spec in SPECS}
    for argv in commands.values():
        timed_run(argv)  # warm-up: fills the OS file cache and __pycache__
    rounds = [{spec: timed_run(argv) for spec, argv in commands.items()} for _ in range(runs)]
    measured = {spec: (argv, [r[spec][0] for r in rounds], [r[spec][1] for r in rounds])
                for spec, argv in commands.items()}
    for spec, (argv, times, cpus) in measured.items():
        median = statistics.median(times)
        verdict = "PASS" if median <= TARGET else "MISS"
        key, measurement = SPECS[spec]
        print(f"{' '.join(argv)}")
        print(f"  {runs} runs: median {median:.3f} s, min {min(times):.3f} s, max "
              f"{max(times):.3f} s, CPU median {statistics.median(cpus):.3f} s (nproc {nproc()}; "
              f"load {before})")
        print(f"  target median <= {TARGET} s: {verdict}")
        print("summary: " + json.dumps({
            "key": key, "measurement": measurement, "median": f"{median:.3f} s",
            "target": f"≤ {TARGET} s", "verdict": verdict}, ensure_ascii=False))
    write_results(measured, (before, load()))
    print(f"  written to {RESULTS.relative_to(ROOT)}")

    failed = False
    for spec in SPECS:
        packages = imported_packages(spec)
        stdlib = [p for p in packages if p in sys.stdlib_module_names or p.startswith("_")]
        others = [p for p in packages if p not in stdlib]
        print(f"check {spec}: top-level packages imported (or tried): {len(stdlib)} from the "
              f"standard library, and {', '.join(others)}")
        renderers = [p for p in RENDERERS if p in packages]
        if renderers:
            print(f"FAIL: `aktstykke check {spec}` imported renderer packages: "
                  f"{', '.join(renderers)}", file=sys.stderr)
            failed = True
    if failed:
        return 1
    print(f"OK: no renderer imported ({', '.join(RENDERERS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
