"""`make bench`: every benchmark in one run, then a summary at the top of benchmarks/results.md.

Runs, in this order, each in its own process (each rewrites only its own section):
  1. check_speed.py   `aktstykke check` of the seed, cold, and 2. of the agenda seed
  3. seed_route.py    `aktstykke build` of the seed, cold, and 4. the usual route
                      (Word template + LibreOffice) for the same document
  5. warm_render.py   warm re-render of the seed in one process
  6. batch_build.py   100 varied specs on all cores
  7. scaling.py       one aktstykke with 100–800 account rows
  8. accounts.py      `check` and `build` of 1.000, 3.000 and 10.000 accounts
  9. preview_latency.py  `aktstykke watch`: a save to the open page showing it (Chromium)
 10. register.py      `aktstykke register` of 300 specs, cold and with nothing changed
 11. import_seed.py   `aktstykke import` of the seed's DOCX and text, cold
 12. redline_engines.py  `aktstykke redline` beside python-redlines' two engines on the
                      revision corpus (the `bench` extra, in requirements.lock)
Each prints one `summary: {json}` line; this gathers them into the summary section, with
the machine, the load average before and after (other work on the machine skews timings)
and the total wall time, and puts the sections in the order above.

Bytecode: the benchmarks' processes run with Python's usual bytecode cache, kept in a
temporary folder (PYTHONPYCACHEPREFIX) and filled by one untimed build first, as on a
machine where the package is installed; PYTHONDONTWRITEBYTECODE, which some sandboxes set,
would make every cold process compile aktstykker_gen's sources again.

Exits non-zero if a benchmark failed (a build that fails, a spec that does not check clean,
`check` importing a renderer); a missed target is reported, not an error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SEED, SUMMARY, aktstykke, machine, today
from results import RESULTS, write_section

HERE = Path(__file__).resolve().parent
SCRIPTS = ["check_speed.py", "seed_route.py", "warm_render.py", "batch_build.py", "scaling.py",
           "accounts.py", "preview_latency.py", "register.py", "import_seed.py", "redline_engines.py"]
HEADING = "# Summary of the last `make bench`"
ORDER = [HEADING, "# `aktstykke check` speed", "# `aktstykke build` of the seed vs the usual route",
         "# Warm re-render", "# `aktstykke build` of 100 specs", "# Scaling", "# Accounts",
         "# Live preview latency", "# `aktstykke register`", "# `aktstykke import` of the seed",
         "# Redline engines"]
ROWS = ["check", "check_agenda", "build", "route", "warm", "batch", "scaling", "accounts", "preview",
        "register", "import", "redline"]


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def run(script: str) -> tuple[int, list[dict]]:
    """Run one benchmark, echoing its output; its summary lines, parsed."""
    found = []
    with subprocess.Popen([sys.executable, str(HERE / script)], stdout=subprocess.PIPE,
                          text=True, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(SUMMARY):
                found.append(json.loads(line[len(SUMMARY):]))
            else:
                print(line, end="", flush=True)
    return process.returncode, found


def reorder() -> None:
    """Sections in ORDER (matched by the start of their heading), any others after them."""
    text = RESULTS.read_text(encoding="utf-8")
    sections = ["# " + part if i else part for i, part in enumerate(text.split("\n# "))]
    sections = [s.strip("\n") for s in sections if s.strip()]

    def rank(section: str) -> int:
        for index, heading in enumerate(ORDER):
            if section.startswith(heading):
                return index
        return len(ORDER)

    sections.sort(key=rank)   # stable: unknown sections keep their order, after the known ones
    RESULTS.write_text("\n\n".join(sections) + "\n", encoding="utf-8")


def main() -> int:
    started, load_before = time.perf_counter(), load()
    cache = tempfile.mkdtemp(prefix="aktstykke-bench-pycache-")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = cache
    failures, rows = [], {}
    try:
        with tempfile.TemporaryDirectory(prefix="aktstykke-bench-warm-") as out:
            subprocess.run([*aktstykke(), "build", str(SEED), "-o", out], capture_output=True,
                           check=True)
        for script in SCRIPTS:
            print(f"\n== {script}", flush=True)
            before = load()
            code, found = run(script)
            if code != 0:
                failures.append(f"{script} exited {code}")
            rows.update((row["key"], {**row, "load": f"{before.split()[0]} → {load().split()[0]}"})
                        for row in found)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    total = time.perf_counter() - started

    lines = [
        "",
        f"Written by `benchmarks/run_all.py` (`make bench`) on {today()}: {machine()}; load "
        f"average {load_before} before, {load()} after. Total wall time of the run: "
        f"{total / 60:.1f} min ({total:.0f} s). Each row's section below says what is counted.",
        "The load average (1 min) before and after each benchmark shows other work on the",
        "machine: what competes for the cores inflates that benchmark's wall times.",
        "",
        "| # | measurement | median | target | verdict | load average (1 min) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    numbers = {key: str(number) for number, key in enumerate(ROWS, start=1)}
    for key in ROWS:
        row = rows.get(key)
        if row is None:
            lines.append(f"| {numbers[key]} | {key} | not measured | | FAILED | |")
            continue
        lines.append(f"| {numbers[key]} | {row['measurement']} | {row['median']} | {row['target']} "
                     f"| {row['verdict']} | {row['load']} |")
    if failures:
        lines += ["", "Failed: " + "; ".join(failures) + "."]
    write_section(HEADING, lines)
    reorder()

    print(f"\n== summary ({total:.0f} s in all)")
    for key in ROWS:
        if key in rows:
            row = rows[key]
            print(f"  {numbers[key]}. {row['measurement']}: {row['median']} "
                  f"(target {row['target']}): {row['verdict']}")
    for failure in failures:
        print(f"  FAILED: {failure}", file=sys.stderr)
    print(f"  written to {RESULTS.relative_to(HERE.parent)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
