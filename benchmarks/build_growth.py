"""Which functions of a build grow faster than the document: cProfile at two sizes, compared.

For each of two sizes N (large_specs.accounts(N)), in a fresh process: the spec is checked and
its tree made, then the text, the DOCX and the PDF written in the process (no PDF helper), each
stage's CPU time printed, and the PDF's under cProfile (the pages WeasyPrint lays out are where
costs that grow with the pages hide). Then the functions whose own time at the larger size
exceeds the smaller size's times the ratio of sizes (what linear growth would give) the most:
a function whose time grows with the square of the pages heads the list. cProfile slows the
PDF about twice and charges calls more than loops; compare sizes, not the seconds.

How the growth of `build` was found (issue 11): 1.000 and 10.000 accounts, whose top rows
were WeasyPrint's per-page walks that writers/per_page.py replaces.

    .venv/bin/python benchmarks/build_growth.py [SMALL LARGE] [--rows N]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def profile(size: int, folder: Path) -> Path:
    """Build `size` accounts in this process; print each stage's CPU time; the PDF's profile."""
    sys.path.insert(0, str(HERE.parent))
    from large_specs import SHAPES

    from aktstykker_gen import assets, build, pipeline
    from aktstykker_gen.udgaver import Udgave

    spec = folder / f"accounts-{size}.yaml"
    spec.write_text(SHAPES["accounts"](size), encoding="utf-8")
    build.prepare_renderers()
    templates = assets.templates_dir()
    spent: dict[str, float] = {}
    start = time.process_time()
    checked = pipeline.check(spec)
    spent["check"] = time.process_time() - start
    start = time.process_time()
    tree = pipeline.render(checked, templates, Udgave.offentlig)
    spent["tree"] = time.process_time() - start
    for suffix in (".txt", ".docx"):
        start = time.process_time()
        build.write_format(tree, checked.kind, suffix, templates)
        spent[suffix] = time.process_time() - start
    profiler = cProfile.Profile()
    start = time.process_time()
    profiler.runcall(build.write_format, tree, checked.kind, ".pdf", templates)
    spent[".pdf (profiled)"] = time.process_time() - start
    print(f"  {size} accounts, CPU s: " + ", ".join(f"{k} {v:.2f}" for k, v in spent.items()),
          flush=True)
    out = folder / f"pdf-{size}.prof"
    profiler.dump_stats(out)
    return out


def own_times(path: Path) -> dict[str, tuple[int, float]]:
    """Calls and own time of each function, by file:line:name (site-packages left off)."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return {f"{file.split('site-packages/')[-1]}:{line}:{name}": (calls, own)
            for (file, line, name), (_, calls, own, _, _) in stats.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--rows", type=int, default=15, help="functions listed")
    parser.add_argument("--profile", type=int, help=argparse.SUPPRESS)   # the child's part
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.profile:
        profile(options.profile, options.into)
        return 0
    small, large = options.sizes
    with tempfile.TemporaryDirectory(prefix="aktstykke-growth-") as temporary:
        folder = Path(temporary)
        for size in (small, large):
            subprocess.run([sys.executable, __file__, "--profile", str(size), "--into",
                            str(folder)], check=True)
        low, high = (own_times(folder / f"pdf-{size}.prof") for size in (small, large))
    linear = large / small
    rows = sorted(((own - linear * low.get(key, (0, 0.0))[1], key, calls, own)
                   for key, (calls, own) in high.items()), reverse=True)
    print(f"\nOwn time beyond linear growth, {small} → {large} accounts (×{linear:g}):")
    for excess, key, calls, own in rows[:options.rows]:
        before_calls, before = low.get(key, (0, 0.0))
        print(f"  {excess:7.2f} s  {before:6.2f} → {own:7.2f} s, calls {before_calls} → {calls}"
              f"  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
