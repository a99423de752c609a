"""Warm re-render of the seed spec in one process: what a live preview pays per keystroke.

Imports aktstykker_gen once, renders WARMUP times untimed (imports of the writers, font and
template caches), then RUNS times each, interleaved:
- full: `pipeline.check` + `build.render_outputs` (the document tree, text, DOCX and PDF in
  memory; nothing written), as `aktstykke build` does for one spec after start-up;
- preview: `pipeline.check` + `pipeline.render` + `writers.html.write_html`, the HTML a
  preview pane would show (the PDF's own input, before WeasyPrint);
and then RUNS passes timing each stage on its own (check, tree, text, DOCX, HTML, PDF),
so a miss shows where the time goes. Peak RSS of this process after the warm-up and at
the end shows whether repeated renders grow the memory.

Target: full ≤ 0.25 s (median); the preview is held to the same bound.

    .venv/bin/python benchmarks/warm_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

from common import ROOT, SEED, Stats, machine, summary_line, today, verdict
from results import RESULTS, write_section

HEADING = "# Warm re-render of the seed in one process (live preview)"
TARGET = 0.25   # seconds, median
WARMUP = 3


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each (≥ 5)")
    runs = max(5, parser.parse_args().runs)

    sys.path.insert(0, str(ROOT))
    clock = time.perf_counter()
    from aktstykker_gen import assets
    from aktstykker_gen.build import render_outputs
    from aktstykker_gen.pipeline import check, render
    from aktstykker_gen.writers.docx import write_docx
    from aktstykker_gen.writers.html import write_html
    from aktstykker_gen.writers.pdf import write_pdf
    from aktstykker_gen.writers.text import write_text
    imports = time.perf_counter() - clock

    folder = assets.templates_dir()

    def full() -> None:
        checked = check(SEED)
        assert checked.ok, "the seed spec does not check clean"
        outputs = render_outputs(checked)
        assert set(outputs) == {".docx", ".pdf", ".txt"}

    def preview() -> None:
        write_html(render(check(SEED), folder))

    clock = time.perf_counter()
    for _ in range(WARMUP):
        full()
        preview()
    warmup = time.perf_counter() - clock
    memory_after_warmup = peak_mb()

    timings: dict[str, list[float]] = {"full": [], "preview": []}
    for _ in range(runs):
        for name, step in (("full", full), ("preview", preview)):
            clock = time.perf_counter()
            step()
            timings[name].append(time.perf_counter() - clock)

    stages: dict[str, list[float]] = {}
    for _ in range(runs):
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            stages.setdefault(name, []).append(now - clock)
            clock = now

        checked = check(SEED)
        lap("check (load, validate, rules)")
        tree = render(checked, folder)
        lap("document tree (view + template)")
        write_text(tree)
        lap("text")
        write_docx(tree, folder / "docx")
        lap("DOCX (python-docx)")
        write_html(tree)
        lap("HTML")
        write_pdf(tree, folder / checked.kind.stylesheet, folder)
        lap("PDF (HTML + WeasyPrint)")
    memory_end = peak_mb()

    full_stats, preview_stats = Stats(timings["full"]), Stats(timings["preview"])
    lines = [
        "",
        "Written by `benchmarks/warm_render.py` (`make bench`): one process imports aktstykker_gen",
        f"once and renders the seed {WARMUP} times untimed, then {runs} timed runs of each,",
        "interleaved.",
        "Full: `pipeline.check` + `build.render_outputs` (tree, text, DOCX, PDF in memory, nothing",
        "written). Preview: `pipeline.check` + `pipeline.render` + `writers.html.write_html`.",
        f"Target: median ≤ {TARGET} s.",
        "",
        f"Machine: {machine()}; date {today()}. Imports of the package and its writers, once: "
        f"{imports:.2f} s; the {WARMUP} warm-up renders: {warmup:.2f} s.",
        "",
        "| re-render | runs | median (s) | min (s) | max (s) | target |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| full: check + render_outputs (DOCX + PDF + text) {full_stats.cells()} "
        f"| {verdict(full_stats.median <= TARGET)} |",
        f"| preview: check + render + write_html {preview_stats.cells()} "
        f"| {verdict(preview_stats.median <= TARGET)} |",
        "",
        "Each stage on its own (medians; the sum is close to the full re-render):",
        "",
        "| stage | median (ms) | share |",
        "| --- | --- | --- |",
    ]
    total = sum(statistics.median(v) for v in stages.values())
    for name, values in stages.items():
        lines.append(f"| {name} | {statistics.median(values) * 1000:.1f} "
                     f"| {statistics.median(values) / total:.0%} |")
    lines += ["", f"Peak RSS of the process: {memory_after_warmup:.0f} MB after the warm-up, "
              f"{memory_end:.0f} MB after {3 * runs} more renders."]
    write_section(HEADING, lines)

    print(f"warm re-render of {SEED.name} ({machine()}, {runs} runs)")
    print(f"  full (check + render_outputs): median {full_stats.median:.3f} s "
          f"(target ≤ {TARGET} s): {verdict(full_stats.median <= TARGET)}")
    print(f"  preview (check + render + html): median {preview_stats.median:.3f} s: "
          f"{verdict(preview_stats.median <= TARGET)}")
    for name, values in stages.items():
        print(f"    {name:<34} {statistics.median(values) * 1000:6.1f} ms")
    print(f"  peak RSS {memory_after_warmup:.0f} MB → {memory_end:.0f} MB")
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    summary_line(key="warm", measurement="warm re-render of the seed, all three formats",
                 median=f"{full_stats.median:.3f} s (preview {preview_stats.median:.3f} s)",
                 target=f"≤ {TARGET} s", verdict=verdict(full_stats.median <= TARGET))
    return 0


if __name__ == "__main__":
    sys.exit(main())
