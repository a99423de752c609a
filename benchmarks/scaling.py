"""How `aktstykke build` grows with the size of one aktstykke: 100, 200, 400 and 800 account rows.

For each size N, generates one spec (large_specs.rows) with N expense standardkonto lines (20
per hovedkonto: 4 underkonti × 5 standardkonti allowed on the hovedkonto's bevillingstype,
N / 20 hovedkonti in § 16), one recipient per hovedkonto with a sentence in b that names its
amount, and financing from reserves (one standardkonto 49 line per 100 rows, under one
hovedkonto) that matches the expenses, so `aktstykke check --strict` is clean. The
specification table in b shows every standardkonto under its underkonto and hovedkonto; the
list of accounts in a and the forslag table in e have one line per hovedkonto.

Then, RUNS times per size in a fresh process, `aktstykke build <spec> -o <empty folder>`:
wall time, CPU time and peak RSS (GNU time's %M %U %S). Reports time per row, the ratio
800/100 (linear growth would be 8; the fixed start-up cost makes it smaller) and the marginal
cost per row between sizes (wall and CPU time). Then, in this process, each stage (check,
document tree, text, DOCX, HTML, PDF) timed on its own for every size (fastest of 3 passes
after a warm-up, each after a full garbage collection), to show where the rows cost. The
verdict on growth uses these in-process times, which other work on the machine disturbs
least: worse than linear if the marginal cost per row from 400 to 800 rows is more than
1.5× that from 100 to 200 (a quadratic term would make it several times larger), or if
800 rows take more than 8× as long as 100 in a cold process.

Targets: growth no worse than linear, 800 rows ≤ 4 s, peak memory ≤ 200 MB per process.

    .venv/bin/python benchmarks/scaling.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import (
    ROOT,
    Stats,
    aktstykke,
    fresh_dir,
    machine,
    mb,
    run_cold,
    summary_line,
    today,
    verdict,
)
from large_specs import rows as spec
from results import RESULTS, write_section

HEADING = "# Scaling: one aktstykke with 100–800 account rows"
SIZES = (100, 200, 400, 800)
TARGET_800 = 4.0        # seconds, median, 800 rows
TARGET_MEMORY = 200     # MB, peak RSS per process


class Laps:
    """Seconds since the previous lap, by name."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name], self.clock = now - self.clock, now


def stages(paths: dict[int, Path], passes: int = 3) -> dict[int, dict[str, float]]:
    """Each stage timed on its own in this process, per size: the fastest of `passes` passes
    after one warm-up pass (fonts, templates, caches), each pass after a full collection."""
    sys.path.insert(0, str(ROOT))
    from aktstykker_gen import assets
    from aktstykker_gen.pipeline import check, render
    from aktstykker_gen.writers.docx import write_docx
    from aktstykker_gen.writers.html import write_html
    from aktstykker_gen.writers.pdf import write_pdf
    from aktstykker_gen.writers.text import write_text

    folder = assets.templates_dir()
    found: dict[int, dict[str, float]] = {}
    for size, path in paths.items():
        best: dict[str, float] = {}
        for attempt in range(passes + 1):
            gc.collect()   # the previous pass's garbage is not this pass's cost
            laps = Laps()
            checked = check(path)
            laps.lap("check")
            tree = render(checked, folder)
            laps.lap("document tree")
            write_text(tree)
            laps.lap("text")
            write_docx(tree, folder / "docx")
            laps.lap("DOCX")
            write_html(tree)
            laps.lap("HTML")
            write_pdf(tree, folder / checked.kind.stylesheet, folder)
            laps.lap("PDF (incl. HTML)")
            if attempt:
                best = {k: min(v, best.get(k, v)) for k, v in laps.steps.items()}
        found[size] = best
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (≥ 5)")
    runs = max(5, parser.parse_args().runs)

    measured: dict[int, tuple[Stats, list[int], list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="aktstykke-scaling-") as temporary:
        specs = {}
        for size in SIZES:
            specs[size] = Path(temporary) / f"rows-{size}.yaml"
            specs[size].write_text(spec(size), encoding="utf-8")
        check = run_cold([*aktstykke(), "check", "--strict", *map(str, specs.values())],
                         what="scaling")
        if "0 med fejl" not in check.stderr:
            sys.exit(f"scaling: the generated specs do not check clean:\n{check.stderr[-3000:]}")
        for size in SIZES:
            out = Path(temporary) / "out"
            argv = [*aktstykke(), "build", str(specs[size]), "-o", str(out)]
            fresh_dir(out)
            run_cold(argv, what="scaling")   # warm-up: OS file cache, bytecode
            times, peaks, cpu = [], [], []
            for _ in range(runs):
                fresh_dir(out)
                done = run_cold(argv, what="scaling")
                if len(list(out.glob("rows-*"))) != 3:
                    sys.exit(f"scaling: {size} rows did not give three files")
                times.append(done.seconds)
                peaks.append(done.peak_kb or 0)
                cpu.append(done.cpu or 0.0)
            measured[size] = Stats(times), peaks, cpu
            print(f"  {size} rows: median {Stats(times).median:.2f} s (fastest "
                  f"{Stats(times).low:.2f} s), peak {max(peaks) / 1024:.0f} MB", flush=True)
        breakdown = stages(specs)

    first, last = measured[SIZES[0]][0].median, measured[SIZES[-1]][0].median
    ratio = last / first
    pairs = list(zip(SIZES, SIZES[1:], strict=False))
    slopes = [(measured[b][0].median - measured[a][0].median) / (b - a) for a, b in pairs]
    cpu_slopes = [(statistics.median(measured[b][2]) - statistics.median(measured[a][2])) / (b - a)
                  for a, b in pairs]
    warm = {size: sum(breakdown[size].values()) for size in SIZES}
    warm_slopes = [(warm[b] - warm[a]) / (b - a) for a, b in pairs]
    linear = ratio <= SIZES[-1] / SIZES[0] and warm_slopes[-1] <= 1.5 * max(warm_slopes[0], 1e-6)
    peak_mb = max(max(p) for _, p, _ in measured.values()) / 1024
    ok_time = last <= TARGET_800
    ok_memory = peak_mb <= TARGET_MEMORY

    lines = [
        "",
        "Written by `benchmarks/scaling.py` (`make bench`): one generated aktstykke per size, N",
        "expense standardkonto lines (20 per hovedkonto: 4 underkonti × 5 standardkonti) plus",
        "N/100 reserve lines as financing, one recipient and one sentence per hovedkonto;",
        "`check --strict` clean. Wall time, CPU time and peak RSS (GNU time `%M %U %S`) of a",
        f"fresh `aktstykke build <spec> -o <empty folder>` (DOCX + PDF + text), one warm-up then {runs}",
        "runs per size. Marginal: extra time per extra row since the previous size (medians).",
        "Growth is judged on the stage times below (one warm process, least disturbed by other",
        "work): worse than linear if the marginal cost per row grows more than 1.5× from",
        "100→200 to 400→800 rows, or if 800 rows take over 8× as long as 100 cold.",
        f"Targets: growth no worse than linear, 800 rows ≤ {TARGET_800:.0f} s, "
        f"peak memory ≤ {TARGET_MEMORY} MB.",
        "",
        f"Machine: {machine()}; date {today()}.",
        "",
        "| rows | runs | median (s) | min (s) | max (s) | CPU, median (s) | per row (ms) "
        "| marginal, wall / CPU (ms/row) | peak RSS (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for i, size in enumerate(SIZES):
        stats, peaks, cpu = measured[size]
        marginal = f"{slopes[i - 1] * 1000:.2f} / {cpu_slopes[i - 1] * 1000:.2f}" if i else ""
        lines.append(f"| {size} {stats.cells(2)} | {statistics.median(cpu):.2f} "
                     f"| {stats.median / size * 1000:.2f} | {marginal} | {mb(max(peaks))} |")
    lines += [
        "",
        f"- Ratio 800/100 rows, cold: {ratio:.2f} (linear: {SIZES[-1] // SIZES[0]}); marginal cost "
        f"per row in one warm process {warm_slopes[0] * 1000:.2f} ms (100→200) → "
        f"{warm_slopes[-1] * 1000:.2f} ms (400→800): **{verdict(linear)}** (no worse than linear).",
        f"- 800 rows: median {last:.2f} s, target ≤ {TARGET_800:.0f} s: **{verdict(ok_time)}**.",
        f"- Peak RSS, largest of all sizes and runs: {peak_mb:.0f} MB, target ≤ {TARGET_MEMORY} MB: "
        f"**{verdict(ok_memory)}**.",
        "",
        "Where the rows cost, each stage in one warm process (fastest of 3 passes), ms, and µs per",
        "row at 800 (the sum's marginal cost per row: "
        + ", ".join(f"{a}→{b} {w * 1000:.2f} ms" for (a, b), w in zip(pairs, warm_slopes, strict=True))
        + "):",
        "",
        "| stage | " + " | ".join(f"{size} rows" for size in SIZES) + " | µs/row at 800 |",
        "| --- | " + " | ".join("---" for _ in SIZES) + " | --- |",
    ]
    for stage in breakdown[SIZES[0]]:
        lines.append(f"| {stage} | " + " | ".join(f"{breakdown[size][stage] * 1000:.0f}"
                                                 for size in SIZES)
                     + f" | {breakdown[SIZES[-1]][stage] / SIZES[-1] * 1e6:.0f} |")
    write_section(HEADING, lines)

    print(f"aktstykke build, {SIZES[0]}–{SIZES[-1]} rows ({machine()}, {runs} runs each)")
    print(f"  800/100 ratio {ratio:.2f}; marginal ms/row cold "
          + ", ".join(f"{s * 1000:.2f}" for s in slopes) + "; warm "
          + ", ".join(f"{s * 1000:.2f}" for s in warm_slopes) + f": {verdict(linear)}")
    print(f"  800 rows: {last:.2f} s (target ≤ {TARGET_800:.0f} s): {verdict(ok_time)}")
    print(f"  peak RSS {peak_mb:.0f} MB (target ≤ {TARGET_MEMORY} MB): {verdict(ok_memory)}")
    for stage in breakdown[SIZES[0]]:
        print(f"  {stage:<18} " + "  ".join(f"{breakdown[size][stage]:.3f}" for size in SIZES) + " s")
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    summary_line(key="scaling", measurement="`build`, 800 account rows (100 → 800)",
                 median=f"{last:.2f} s (×{ratio:.1f} from 100 rows; peak {peak_mb:.0f} MB)",
                 target=f"≤ {TARGET_800:.0f} s, ≤ linear, ≤ {TARGET_MEMORY} MB",
                 verdict=verdict(ok_time and ok_memory and linear))
    return 0


if __name__ == "__main__":
    sys.exit(main())
