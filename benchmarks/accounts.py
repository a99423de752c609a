"""How `check` and `build` grow with the number of accounts: 1.000, 3.000 and 10.000 hovedkonti.

For each size N, large_specs.accounts(N): N hovedkonti of one underkonto and one standardkonto
line each (10.000 of them are some 1,9 MB, under the 2 MB limit), financed from reserves,
`check --strict` clean. Each in a fresh process: `aktstykke check <spec>` one warm-up then
RUNS timed runs (median), and `aktstykke build <spec> -o <empty folder>` BUILDS runs (minutes
at 10.000). Wall time, CPU time (user + system) and peak RSS (GNU time `%M %U %S`, else
getrusage(RUSAGE_CHILDREN)). Growth: the ratios time(3.000)/time(1.000) and
time(10.000)/time(3.000), against 3 and 3,33 for linear growth (the fixed start-up makes them
smaller); judged on CPU time, which other work on the machine disturbs less than wall time.

Then `check` of N = 10.000 of the other shapes of large_specs (many lines under few accounts,
many recipients, prose with many references, a warning per account): each must stay under
the same target, since each once hid a cost quadratic in N.

Targets: check of 10.000 accounts ≤ 3 s and ≤ 300 MB; growth no worse than linear.

    .venv/bin/python benchmarks/accounts.py [--runs N] [--builds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from common import (
    ROOT,
    aktstykke,
    fresh_dir,
    load,
    machine,
    run_cold,
    summary_line,
    today,
    verdict,
)
from large_specs import SHAPES
from results import RESULTS, write_section

HEADING = "# Accounts: `check` and `build` of 1.000–10.000 accounts"
SIZES = (1000, 3000, 10000)
TARGET_CHECK = 3.0       # seconds, median, check of 10.000 accounts
TARGET_MEMORY = 300      # MB, peak RSS of that check
OTHER_SHAPES = ("lines", "recipients", "prose", "findings")


def measure(argv: list[str], runs: int, out: Path | None = None) -> dict[str, float]:
    """Median wall and CPU seconds and the largest peak RSS (MB) of `runs` cold runs."""
    walls, cpus, systems, peaks = [], [], [], []
    for _ in range(runs):
        if out is not None:
            fresh_dir(out)
        done = run_cold(argv, what="accounts", timeout=1800)
        walls.append(done.seconds)
        cpus.append(done.cpu or 0.0)
        systems.append(done.system or 0.0)
        peaks.append((done.peak_kb or 0) / 1024)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "system": statistics.median(systems), "peak": max(peaks), "runs": runs}


def ratios(found: dict[int, dict[str, float]], key: str) -> list[float]:
    return [found[b][key] / found[a][key] for a, b in zip(SIZES, SIZES[1:], strict=False)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed check runs per size (≥ 5)")
    parser.add_argument("--builds", type=int, default=1, help="timed build runs per size")
    options = parser.parse_args()
    runs, builds = max(5, options.runs), max(1, options.builds)

    before = load()
    checks: dict[int, dict[str, float]] = {}
    built: dict[int, dict[str, float]] = {}
    others: dict[str, dict[str, float]] = {}
    sizes: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="aktstykke-accounts-") as temporary:
        folder = Path(temporary)
        specs = {}
        for size in SIZES:
            specs[size] = folder / f"accounts-{size}.yaml"
            specs[size].write_text(SHAPES["accounts"](size), encoding="utf-8")
            sizes[size] = specs[size].stat().st_size
        clean = run_cold([*aktstykke(), "check", "--strict", *map(str, specs.values())],
                         what="accounts", timeout=600)
        if "0 med fejl" not in clean.stderr:
            sys.exit(f"accounts: the generated specs do not check clean:\n{clean.stderr[-3000:]}")
        for size in SIZES:
            argv = [*aktstykke(), "check", str(specs[size])]
            run_cold(argv, what="accounts")   # warm-up: OS file cache, bytecode
            checks[size] = measure(argv, runs)
            print(f"  check {size} accounts: {checks[size]['wall']:.2f} s "
                  f"(CPU {checks[size]['cpu']:.2f} s), peak {checks[size]['peak']:.0f} MB",
                  flush=True)
        for size in SIZES:
            out = folder / "out"
            built[size] = measure([*aktstykke(), "build", str(specs[size]), "-o", str(out)],
                                  builds, out)
            if len(list(out.glob("accounts-*"))) != 3:
                sys.exit(f"accounts: {size} accounts did not give three files")
            print(f"  build {size} accounts: {built[size]['wall']:.1f} s "
                  f"(CPU {built[size]['cpu']:.1f} s), peak {built[size]['peak']:.0f} MB",
                  flush=True)
        for shape in OTHER_SHAPES:
            path = folder / f"{shape}-{SIZES[-1]}.yaml"
            path.write_text(SHAPES[shape](SIZES[-1]), encoding="utf-8")
            others[shape] = measure([*aktstykke(), "check", str(path)], runs)
            others[shape]["bytes"] = path.stat().st_size
            print(f"  check {shape} {SIZES[-1]}: {others[shape]['wall']:.2f} s, "
                  f"peak {others[shape]['peak']:.0f} MB", flush=True)

    largest = checks[SIZES[-1]]
    check_ratios, build_ratios = ratios(checks, "cpu"), ratios(built, "cpu")
    linear = [b / a for a, b in zip(SIZES, SIZES[1:], strict=False)]
    ok_growth = all(r <= bound for r, bound in zip(check_ratios + build_ratios, linear * 2,
                                                   strict=True))
    ok_check = largest["wall"] <= TARGET_CHECK and largest["peak"] <= TARGET_MEMORY
    ok_others = all(o["wall"] <= TARGET_CHECK and o["peak"] <= TARGET_MEMORY
                    for o in others.values())

    def quoted(values: list[float]) -> str:
        return " and ".join(f"{v:.2f}" for v in values)

    lines = [
        "",
        "Written by `benchmarks/accounts.py` (`make bench`): one generated aktstykke per size",
        "(`benchmarks/large_specs.py accounts N`: N hovedkonti, one underkonto and one",
        "standardkonto line each, financed from reserves; `check --strict` clean). Fresh",
        f"processes: `aktstykke check <spec>` one warm-up then {runs} runs (median);",
        f"`aktstykke build <spec> -o <empty folder>` (DOCX + PDF + text), {builds} run(s). CPU:",
        "user + system; peak RSS: GNU time `%M` (getrusage of the child).",
        f"Targets: check of {SIZES[-1]:,} accounts ≤ {TARGET_CHECK:.0f} s and ≤ {TARGET_MEMORY} MB;"
        .replace(",", "."),
        "growth no worse than linear: each ratio of CPU times ≤ the ratio of sizes (3 and 3,33).",
        "",
        f"Machine: {machine()}; date {today()}; load average {before} before, {load()} after.",
        "",
        "| accounts | spec (KB) | check: wall (s) | check: CPU (s) | check: peak (MB) "
        "| build: wall (s) | build: CPU (s) | of it system (s) | build: peak (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in SIZES:
        c, b = checks[size], built[size]
        lines.append(f"| {size:,} | {sizes[size] / 1024:.0f} | {c['wall']:.2f} | {c['cpu']:.2f} "
                     f"| {c['peak']:.0f} | {b['wall']:.1f} | {b['cpu']:.1f} | {b['system']:.1f} "
                     f"| {b['peak']:.0f} |"
                     .replace(",", "."))
    lines += [
        "",
        f"- Growth, CPU time, 1.000→3.000 and 3.000→10.000 (linear: 3 and 3,33): check "
        f"{quoted(check_ratios)}, build {quoted(build_ratios)} (wall: check "
        f"{quoted(ratios(checks, 'wall'))}, build {quoted(ratios(built, 'wall'))}): "
        f"**{verdict(ok_growth)}**.",
        f"- Check of {SIZES[-1]:,} accounts: {largest['wall']:.2f} s, peak {largest['peak']:.0f} MB "
        .replace(",", ".")
        + f"(target ≤ {TARGET_CHECK:.0f} s, ≤ {TARGET_MEMORY} MB): **{verdict(ok_check)}**.",
        "",
        f"Other shapes of {SIZES[-1]:,} (`large_specs.py SHAPE {SIZES[-1]}`), `check`, median of "
        .replace(",", ".") + f"{runs}:",
        "",
        "| shape | spec (KB) | wall (s) | CPU (s) | peak (MB) |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {shape} | {o['bytes'] / 1024:.0f} | {o['wall']:.2f} | {o['cpu']:.2f} "
              f"| {o['peak']:.0f} |" for shape, o in others.items()]
    lines += ["", f"Every shape within the check target: **{verdict(ok_others)}**."]
    write_section(HEADING, lines)
    print(f"  growth (CPU) check {quoted(check_ratios)}, build {quoted(build_ratios)}: "
          f"{verdict(ok_growth)}")
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    summary_line(key="accounts", measurement="`check` / `build`, 10.000 accounts",
                 median=f"check {largest['wall']:.2f} s, {largest['peak']:.0f} MB; build "
                        f"{built[SIZES[-1]]['wall']:.0f} s, {built[SIZES[-1]]['peak']:.0f} MB; "
                        f"growth ×{quoted(check_ratios)} / ×{quoted(build_ratios)}",
                 target=f"check ≤ {TARGET_CHECK:.0f} s, ≤ {TARGET_MEMORY} MB; ≤ linear",
                 verdict=verdict(ok_check and ok_growth and ok_others))
    return 0


if __name__ == "__main__":
    sys.exit(main())
