"""How fast `aktstykke register` reads a folketingsår: 300 generated aktstykker, cold (no
cache: every spec opened and typed) and again with nothing changed (the cache answers; no
spec is opened).

The specs are the seed numbered 1-300 in folketingsår 2025-26, dated a day apart, citing
nothing, each drawing 0,1 mio. kr. on the seed's reserve § 16.11.79.79: together exactly the
30,0 the 2025 export holds there, so the register finds nothing and exits 0. With the export
in ../shared/data the run holds the reserve against it (--kontoplan), else it runs without.

Targets (issue 18 acceptance 3): cold at most 10 s, unchanged at most 1 s (medians; printed
as PASS or MISS, timing depends on the machine).

    .venv/bin/python benchmarks/register.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import tempfile
from pathlib import Path

from common import SEED, Stats, aktstykke, load, run_cold, summary_line, today, verdict
from results import write_section

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT.parent / "shared" / "data" / "finanslovsdatabasen_2025.csv"
SPECS = 300
COLD, WARM = 10.0, 1.0   # seconds, median
HEADING = "# `aktstykke register` of 300 specs"


def generate(folder: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    seed = seed.replace("aktstykker:\n  - {nr: 281, dato: 2025-06-26, folketingsår: 2024-25}\n",
                        "").replace(", jf. {akt:281}", "")
    seed = seed.replace("udgift: {2025: -30.0}", "udgift: {2025: -0.1}")
    first = datetime.date(2025, 1, 1)
    for n in range(1, SPECS + 1):
        dato = (first + datetime.timedelta(days=n)).isoformat()
        text = seed.replace("dato: 2025-10-01\nfinansår: 2025\n",
                            f"dato: {dato}\nnummer: {n}\nfolketingsår: 2025-26\nfinansår: 2025\n")
        text = text.replace("udgift: {2025: 5.2}", f"udgift: {{2025: {n % 50}.2}}")
        (folder / f"akt-{n:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    before = load()
    with tempfile.TemporaryDirectory(prefix="aktstykke-bench-register-") as tmp:
        folder, out = Path(tmp) / "specs", Path(tmp) / "out"
        folder.mkdir()
        generate(folder)
        argv = [*aktstykke(), "register", str(folder), "-o", str(out)] + (
            ["--kontoplan", str(EXPORT)] if EXPORT.is_file() else [])
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            done = run_cold(argv, cwd=ROOT, what="register")
            assert "læst 300, typet 300 af 300 specs" in done.stderr, done.stderr
            cold.append(done.seconds)
            again = run_cold(argv, cwd=ROOT, what="register")
            assert "læst 0, typet 0 af 300 specs" in again.stderr, again.stderr
            warm.append(again.seconds)
    c, w = Stats(cold), Stats(warm)
    with_export = "with the 2025 export" if EXPORT.is_file() else "without an export (absent)"
    write_section(HEADING, [
        "",
        f"Written by `benchmarks/register.py` on {today()}; load average {before} before, "
        f"{load()} after. {SPECS} generated aktstykker (the seed numbered 1-{SPECS}, each "
        f"drawing 0,1 on § 16.11.79.79), {with_export}; each run a fresh process.",
        "",
        "| run | runs | median s | min s | max s | target | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| cold (no cache) {c.cells()} | ≤ {COLD:.0f} s | {verdict(c.median <= COLD)} |",
        f"| nothing changed {w.cells()} | ≤ {WARM:.0f} s | {verdict(w.median <= WARM)} |",
    ])
    print(f"register of {SPECS} specs: cold {c.median:.2f} s, unchanged {w.median:.2f} s")
    summary_line(key="register", measurement=f"`aktstykke register` of {SPECS} specs, cold / "
                 "unchanged", median=f"{c.median:.2f} s / {w.median:.2f} s",
                 target=f"≤ {COLD:.0f} s / ≤ {WARM:.0f} s",
                 verdict=verdict(c.median <= COLD and w.median <= WARM))


if __name__ == "__main__":
    main()
