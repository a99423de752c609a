"""`aktstykke build` of the seed spec, cold, against the usual route: a Word template + LibreOffice.

Ours: `aktstykke build <seed> -o <empty folder>` in a fresh process (DOCX + PDF + text, and
the build manifest), wall time and peak RSS.

The usual route, for the same document, honestly set up once and not timed:
- The template: the DOCX our tool builds for the seed is what a clerk would keep. Every
  table cell's text, every amount in a paragraph ("30,0 mio. kr.") and the date become merge
  fields «name»; their texts go to a JSON file (the clerk's data source).
- LibreOffice's user profile: made once by a first conversion. Each timed run gets a fresh
  copy of it in a throwaway folder (`-env:UserInstallation=file:///tmp/…`), copied before
  the clock starts: a cold soffice process on a machine where LibreOffice has been used
  before, the profile's creation counted in no run, and no run sees another's state.
Then, per timed run, counted: (a) `python benchmarks/mailmerge.py` in a fresh process (start,
import python-docx, open the template, replace the fields in every run of every paragraph
and table cell, save the DOCX), plus (b) `soffice --headless --convert-to pdf` in a fresh
process (LibreOffice's cold start, loading the DOCX, layout, PDF export, exit). Not
counted: the copy of the profile, checking the outputs. A second variant gives each run an
empty profile folder, so LibreOffice's first-start profile creation is counted too (a clerk's
very first conversion); it is reported, but the ratio uses the fairer first variant.

The three measurements are interleaved (ours, route, route with empty profile) in each of
RUNS rounds after one warm-up round, so drift in the machine affects all alike. The filled
DOCX must have exactly the text of ours, and both PDFs must exist.

Targets: ours ≤ 0.9 s, and the usual route ≥ 1.8× ours (issue 13, acceptance 5). If
soffice is missing, the route is reported as not measured (run `bash scripts/system-deps.sh`,
which `make bench` does).

    .venv/bin/python benchmarks/seed_route.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import (
    ROOT,
    SEED,
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
from results import RESULTS, write_section

HEADING = "# `aktstykke build` of the seed vs the usual route (Word template + LibreOffice)"
TARGET = 0.9         # seconds, median of our cold build
TARGET_RATIO = 1.8   # the usual route takes at least this many times ours
AMOUNT = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d\u00a0mio\.\u00a0kr\.")
DATE = re.compile(r"\d{1,2}\. (?:januar|februar|marts|april|maj|juni|juli|august|september|"
                  r"oktober|november|december) \d{4}")


def make_template(built: Path, template: Path, values: Path) -> int:
    """Our built DOCX with its variable texts turned into merge fields; returns the field count."""
    from docx import Document

    fields: dict[str, str] = {}

    def field(text: str) -> str:
        name = f"f{len(fields) + 1}"
        fields[name] = text
        return f"«{name}»"

    document = Document(str(built))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            text = DATE.sub(lambda m: field(m.group(0)),
                            AMOUNT.sub(lambda m: field(m.group(0)), run.text))
            if text != run.text:
                run.text = text
    for table in document.tables:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc in seen:   # a merged cell is listed once per column it spans
                    continue
                seen.add(cell._tc)
                for run in (r for p in cell.paragraphs for r in p.runs):
                    if run.text:
                        run.text = field(run.text)
    document.save(str(template))
    values.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return len(fields)


def texts(path: Path) -> list[str]:
    from docx import Document

    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds after the warm-up (≥ 5)")
    runs = max(5, parser.parse_args().runs)
    soffice = shutil.which("soffice")

    ours: list[float] = []
    ours_peak: list[int] = []
    ours_cpu: list[float] = []
    route_cpu: list[float] = []
    fill: list[float] = []
    convert: list[float] = []
    convert_fresh: list[float] = []
    route_peaks: list[int] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="aktstykke-route-") as temporary:
        work = Path(temporary)
        out = work / "out"
        build = [*aktstykke(), "build", str(SEED), "-o", str(out)]
        stem = SEED.stem

        if soffice:
            fresh_dir(out)
            run_cold(build, what="seed_route")
            template, values = work / "template.docx", work / "values.json"
            fields = make_template(out / f"{stem}.docx", template, values)
            base = work / "profile-base"
            run_cold([soffice, f"-env:UserInstallation={base.as_uri()}", "--headless",
                      "--convert-to", "pdf", "--outdir", str(work / "first"),
                      str(out / f"{stem}.docx")], what="seed_route (making the profile)")

        for round_ in range(runs + 1):   # round 0 is the warm-up
            fresh_dir(out)
            done = run_cold(build, what="seed_route")
            if sorted(p.suffix for p in out.glob(f"{stem}.*")) != [".docx", ".pdf", ".txt"]:
                sys.exit("seed_route: aktstykke build did not write the three files")
            if round_:
                ours.append(done.seconds)
                ours_peak.append(done.peak_kb or 0)
                ours_cpu.append(done.cpu or 0.0)
            if not soffice:
                continue
            for variant in ("copied", "empty"):
                target = fresh_dir(work / "route")
                profile = target / "profile"
                if variant == "copied":
                    shutil.copytree(base, profile)
                merged = target / f"{stem}.docx"
                filled = run_cold([sys.executable, str(Path(__file__).with_name("mailmerge.py")),
                                   str(template), str(values), str(merged)], what="mailmerge")
                converted = run_cold([soffice, f"-env:UserInstallation={profile.as_uri()}",
                                      "--headless", "--convert-to", "pdf", "--outdir", str(target),
                                      str(merged)], what="soffice")
                pdf = target / f"{stem}.pdf"
                if not pdf.is_file() or pdf.stat().st_size == 0:
                    sys.exit(f"seed_route: soffice wrote no PDF:\n{converted.stdout}{converted.stderr}")
                if round_ == 1 and variant == "copied":
                    if texts(merged) != texts(out / f"{stem}.docx"):
                        sys.exit("seed_route: the filled template's text differs from our DOCX")
                    notes.append(f"Template: {fields} merge fields; the filled DOCX has exactly our "
                                 f"DOCX's text. PDF pages: ours {pages(out / f'{stem}.pdf')}, "
                                 f"LibreOffice's {pages(pdf)}.")
                if round_ and variant == "copied":
                    fill.append(filled.seconds)
                    convert.append(converted.seconds)
                    route_peaks.append(max(filled.peak_kb or 0, converted.peak_kb or 0))
                    route_cpu.append((filled.cpu or 0.0) + (converted.cpu or 0.0))
                elif round_:
                    convert_fresh.append(filled.seconds + converted.seconds)

    mine = Stats(ours)
    lines = [
        "",
        "Written by `benchmarks/seed_route.py` (`make bench`): wall time of fresh processes for",
        "the seed spec, one warm-up round then the rounds counted, ours and the usual route",
        "interleaved. Ours: `aktstykke build <seed> -o <empty folder>` (DOCX + PDF + text).",
        "The usual route: `benchmarks/mailmerge.py` fills a Word template (our seed DOCX with its",
        "amounts, date and table cells as merge fields) with python-docx and saves it, then",
        "`soffice --headless --convert-to pdf` converts it; counted: both processes, start to",
        "exit. LibreOffice's profile is made once, untimed, and copied fresh into a throwaway",
        "`-env:UserInstallation` folder before each run's clock starts (a machine where",
        "LibreOffice has run before); the last row gives each run an empty profile folder instead",
        "(its creation counted: a first-ever conversion). CPU: user + system seconds, GNU time",
        "`%U %S`, of all the route's processes. Peak RSS: GNU time `%M`, the largest process.",
        f"Targets: ours ≤ {TARGET} s, the route ≥ {TARGET_RATIO}× ours.",
        "",
        f"Machine: {machine()}; date {today()}."
        + (f" LibreOffice: `{soffice}`." if soffice else ""),
        "",
        "| what | runs | median (s) | min (s) | max (s) | CPU, median (s) | peak RSS (MB) "
        "| target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| ours: `aktstykke build` (DOCX + PDF + text) {mine.cells()} "
        f"| {statistics.median(ours_cpu):.2f} | {mb(max(ours_peak))} "
        f"| ≤ {TARGET} s: {verdict(mine.median <= TARGET)} |",
    ]
    ratio = None
    if soffice:
        route = Stats([a + b for a, b in zip(fill, convert, strict=True)])
        ratio = route.median / mine.median
        lines += [
            f"| usual route: fill + save + soffice (copied profile) {route.cells()} "
            f"| {statistics.median(route_cpu):.2f} | {mb(max(route_peaks))} "
            f"| ≥ {TARGET_RATIO}× ours: {verdict(ratio >= TARGET_RATIO)} |",
            f"| &nbsp;&nbsp;of which: fill + save (python-docx) {Stats(fill).cells()} | | | |",
            f"| &nbsp;&nbsp;of which: soffice --convert-to pdf {Stats(convert).cells()} | | | |",
            f"| usual route, empty profile per run {Stats(convert_fresh).cells()} | | | |",
            "",
            f"**Ratio, usual route / ours: {ratio:.2f}×** (medians; target ≥ {TARGET_RATIO}×: "
            f"**{verdict(ratio >= TARGET_RATIO)}**); with an empty profile per run: "
            f"{Stats(convert_fresh).median / mine.median:.2f}×.",
            "",
            *notes,
        ]
    else:
        lines += ["", "**The usual route was not measured: `soffice` is not installed.** "
                  "Run `bash scripts/system-deps.sh` (as root it installs "
                  "libreoffice-writer-nogui), then `make bench` again."]
    write_section(HEADING, lines)

    print(f"aktstykke build <seed> -o <empty>  ({machine()}, {runs} runs)")
    print(f"  ours: median {mine.median:.3f} s (target ≤ {TARGET} s): {verdict(mine.median <= TARGET)}")
    if ratio is not None:
        print(f"  usual route: median {route.median:.3f} s (fill {Stats(fill).median:.3f} s + "
              f"soffice {Stats(convert).median:.3f} s); "
              f"empty profile {Stats(convert_fresh).median:.3f} s")
        print(f"  ratio route/ours {ratio:.2f}x (target ≥ {TARGET_RATIO}x): "
              f"{verdict(ratio >= TARGET_RATIO)}")
        for note in notes:
            print(f"  {note}")
    else:
        print("  usual route: NOT MEASURED, soffice is not installed (bash scripts/system-deps.sh)")
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    summary_line(key="build", measurement="`aktstykke build` of the seed, cold",
                 median=f"{mine.median:.3f} s", target=f"≤ {TARGET} s",
                 verdict=verdict(mine.median <= TARGET))
    summary_line(key="route", measurement="usual route (template + soffice) / ours",
                 median=f"{ratio:.2f}× ({route.median:.2f} s)" if ratio else "not measured",
                 target=f"≥ {TARGET_RATIO}×",
                 verdict=verdict(ratio >= TARGET_RATIO) if ratio else "n/a")
    return 0


if __name__ == "__main__":
    sys.exit(main())
