"""How fast `aktstykke import` turns the seed back into a spec draft, in a cold process.

The seed spec is built once (untimed); then `aktstykke import` of its DOCX and of its .txt run
in fresh processes, RUNS rounds, the two taking turns. Also timed: the import of the seed as
Folketinget published it (tests/seed/, a text wrapped as its PDF was), which the import reads
only in part so far (docs/importing.md). Target: a median of at most 1 s (issue 17,
acceptance 5), printed as PASS or MISS.

    .venv/bin/python benchmarks/import_seed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import ROOT, SEED, aktstykke, load, machine, run_cold, summary_line, today, verdict
from results import write_section

PUBLISHED = ROOT / "tests" / "seed" / "aktstykke-2025-10-01-personlig-medicin.txt"
TARGET = 1.0
HEADING = "# `aktstykke import` of the seed"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    before = load()
    with tempfile.TemporaryDirectory(prefix="aktstykke-bench-import-") as folder:
        out = Path(folder)
        subprocess.run([*aktstykke(), "build", str(SEED), "-o", str(out)], check=True,
                       capture_output=True)
        sources = {"DOCX": out / f"{SEED.stem}.docx", "text": out / f"{SEED.stem}.txt",
                   "published text": PUBLISHED}
        times: dict[str, list[float]] = {name: [] for name in sources}
        for i in range(runs + 1):   # the first round warms the caches and is not counted
            for name, source in sources.items():
                draft = out / f"draft-{i}-{name.replace(' ', '-')}.yaml"
                done = run_cold([*aktstykke(), "import", str(source), "-o", str(draft)],
                                what="import_seed", timeout=60)
                if i:
                    times[name].append(done.seconds)
    medians = {name: statistics.median(t) for name, t in times.items()}
    lines = ["", f"Written by `benchmarks/import_seed.py` on {today()}: {machine()}; load average "
             f"{before} before, {load()} after. Each: a fresh `aktstykke import` process, "
             f"{runs} runs after one warm-up round; seconds.", "",
             "| source | runs | median | min | max | target |", "| --- | --- | --- | --- | --- | --- |"]
    for name, t in times.items():
        lines.append(f"| {name} | {len(t)} | {medians[name]:.3f} | {min(t):.3f} | {max(t):.3f} "
                     f"| ≤ {TARGET:.1f} |")
    write_section(HEADING, lines)
    for name, median in medians.items():
        print(f"import of the seed's {name}: median {median:.3f} s ({verdict(median <= TARGET)})")
    worst = max(medians["DOCX"], medians["text"])
    summary_line(key="import", measurement="`aktstykke import` of the seed's DOCX and text, cold",
                 median=f"{worst:.3f} s", target=f"≤ {TARGET:.1f} s",
                 verdict=verdict(worst <= TARGET))


if __name__ == "__main__":
    main()
