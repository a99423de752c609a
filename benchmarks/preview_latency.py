"""Live preview latency: from saving the spec to the open page showing the new content.

`aktstykke watch` runs in its own process on a copy of the seed spec, with the page open in
headless Chromium (scripts/preview_browser.py). Each run changes one amount (§ 16.71.08's
account line, its recipient and the financing, so the spec stays clean), saves the file
(write + close) and notes the time; in the page, a MutationObserver notes the animation
frame after the new amount appears in the document, the frame that shows it. Both clocks
are this machine's wall clock; their offset is measured by round trips and taken off.
As a check from outside, the time until WebDriverWait (polling every 5 ms) sees the text.
WARMUP untimed runs, then RUNS counted. Afterwards, in this process, what the server does
per save is timed on its own: check + document tree + HTML + the page's fragment (the PDF
and DOCX are written only when downloaded).

Target: median ≤ 0.3 s.

    .venv/bin/python benchmarks/preview_latency.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, SEED, Stats, machine, summary_line, today, verdict
from results import RESULTS, write_section

sys.path.insert(0, str(ROOT / "scripts"))
from preview_browser import chromium, tools, watching  # noqa: E402

HEADING = "# Live preview latency (`aktstykke watch`)"
TARGET = 0.3    # seconds, median
WARMUP = 2

# In the page: the wall-clock time (ms) of the frame after `needle` first shows in #preview.
OBSERVE = """
const needle = arguments[0];
const main = document.getElementById('preview');
window.__seen = null;
const shows = () => main.textContent.replace(/\\u00a0/g, ' ').includes(needle);
const observer = new MutationObserver(() => {
  if (!shows()) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__seen = performance.timeOrigin + performance.now(); });
});
observer.observe(main, {childList: true, subtree: true, characterData: true});
"""


def spec_text(run: int) -> tuple[str, str]:
    """The seed with § 16.71.08 raised by run + 1 tenths (and the financing with it), and the
    text the document then shows."""
    text, tenths = SEED.read_text(encoding="utf-8"), 66 + run + 1
    amount, total = f"{tenths // 10}.{tenths % 10}", f"{(300 + run + 1) / 10:.1f}"
    for old, new in (("udgift: {2025: 6.6}", f"udgift: {{2025: {amount}}}"),
                     ("konto: 16.71.08, beløb: {2025: 6.6}",
                      f"konto: 16.71.08, beløb: {{2025: {amount}}}"),
                     ("udgift: {2025: -30.0}", f"udgift: {{2025: -{total}}}")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text, f"{amount.replace('.', ',')} mio. kr. til § 16.71.08"


def clock_offset(driver) -> tuple[float, float]:
    """The page's clock minus ours (s), from the round trip of five that was quickest, and
    half that round trip: the offset's uncertainty."""
    best = None
    for _ in range(5):
        before = time.time()
        page = driver.execute_script("return performance.timeOrigin + performance.now()") / 1000
        after = time.time()
        if best is None or after - before < best[1] * 2:
            best = (page - (before + after) / 2, (after - before) / 2)
    assert best is not None
    return best


def measure(runs: int) -> tuple[list[float], list[float], float]:
    """Seconds from each save to the frame that shows it, and to WebDriverWait seeing it."""
    from selenium.webdriver.support.wait import WebDriverWait

    shown, seen = [], []
    with tempfile.TemporaryDirectory(prefix="aktstykke-bench-watch-") as folder:
        spec = Path(folder) / SEED.name
        spec.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        with chromium() as driver, watching(spec) as watched:
            driver.get(watched.url)
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script("return document.fonts.status === 'loaded'"))
            offset, uncertainty = clock_offset(driver)
            for run in range(WARMUP + runs):
                text, needle = spec_text(run)
                driver.execute_script(OBSERVE, needle)
                with spec.open("w", encoding="utf-8") as handle:
                    handle.write(text)
                saved = time.time()
                WebDriverWait(driver, 10, poll_frequency=0.005).until(
                    lambda d, needle=needle: needle in d.find_element("id", "preview")
                    .text.replace("\xa0", " "))
                noticed = time.time() - saved
                frame = WebDriverWait(driver, 10, poll_frequency=0.005).until(
                    lambda d: d.execute_script("return window.__seen"))
                if run >= WARMUP:
                    shown.append(frame / 1000 - offset - saved)
                    seen.append(noticed)
        if watched.returncode != 0:
            sys.exit(f"preview_latency: aktstykke watch exited {watched.returncode}: "
                     f"{watched.stderr}")
    return shown, seen, uncertainty


def per_save(runs: int) -> float:
    """Median seconds of what the server does per save, warm, in this process."""
    sys.path.insert(0, str(ROOT))
    from aktstykker_gen.preview.session import make_version

    for number in range(3):
        make_version(number, SEED)
    times = []
    for number in range(runs):
        start = time.perf_counter()
        make_version(number, SEED)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="counted runs (≥ 5)")
    runs = max(5, parser.parse_args().runs)
    if tools() is None:
        sys.exit("preview_latency: chromium and chromedriver are needed "
                 "(scripts/system-deps.sh installs them)")

    shown, seen, uncertainty = measure(runs)
    render = per_save(20)
    stats, outside = Stats(shown), Stats(seen)
    ok = stats.median <= TARGET
    write_section(HEADING, [
        "",
        "Written by `benchmarks/preview_latency.py` (`make bench`): `aktstykke watch` on a copy of",
        "the seed in its own process, the page open in headless Chromium. Each run changes one",
        "amount, saves the spec (write + close), and times it until the page shows the new",
        "amount: the animation frame after a MutationObserver sees it (the page's clock, its",
        f"offset from ours taken off, ± {uncertainty * 1000:.1f} ms). {WARMUP} untimed runs, "
        f"then {runs} counted. Target: median ≤ {TARGET} s.",
        "",
        f"Machine: {machine()}; date {today()}. The server looks at the file every 50 ms, then "
        f"checks and renders it: {render * 1000:.1f} ms per save (median, warm; check, tree, "
        "HTML; no PDF or DOCX, which are written only when downloaded).",
        "",
        "| save → | runs | median (s) | min (s) | max (s) | target |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| the page shows the new amount (next frame) {stats.cells()} | {verdict(ok)} |",
        f"| WebDriverWait sees it (5 ms polls, from outside) {outside.cells()} | |",
    ])
    summary_line(key="preview", measurement="`aktstykke watch`: save → open page shows it",
                 median=f"{stats.median:.3f} s (server {render * 1000:.0f} ms)",
                 target=f"≤ {TARGET} s", verdict=verdict(ok))
    print(f"preview latency: median {stats.median:.3f} s (min {stats.low:.3f}, max "
          f"{stats.high:.3f}); WebDriverWait {outside.median:.3f} s; server per save "
          f"{render * 1000:.1f} ms -> {verdict(ok)}; written to {RESULTS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
