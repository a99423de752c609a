"""`aktstykke redline` beside both engines of python-redlines, on every pair of the revision
corpus (tests/revisions.py), per kind of change.

Each pair's two versions are built to DOCX (untimed); then every engine compares the same two
files: ours as `aktstykke redline OLD.docx NEW.docx` in a fresh process, python-redlines'
Docxodus (with its move detection on, as a reviewer would want it) and its Open-XML-PowerTools
engine through their `run_redline`, each a fresh .NET process. Every result is judged the same
way, by our Python accept/reject (tests/tracked.py): accept-all must give NEW's DOCX and
reject-all OLD's, every paragraph (table cells too) with its text and paragraph style. Where
an engine exact so marks fewer changes than ours on a kind, that kind's pairs are judged by
LibreOffice too (tests/uno_accept.py: Accept All and Reject All through its UNO API), as the
corpus's own test judges ours: an engine is only the better one where both resolve it. Counted
per redline: the tracked changes (w:ins, w:del, w:moveFrom, w:moveTo elements, on runs, paragraph
marks and table rows alike) and the paragraphs they touch. Time: wall seconds per pair.

    .venv/bin/python benchmarks/redline_engines.py [--kinds KIND,...] [--specs N]

The engines come from the `bench` extra (python-redlines with both engine wheels, in
requirements.lock); without them this exits 1 and says so.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, aktstykke, load, machine, run_cold, summary_line, today, verdict
from results import write_section

sys.path.insert(0, str(ROOT / "tests"))

from lxml import etree  # noqa: E402
from revisions import Pair, corpus, written  # noqa: E402
from tracked import NS, marks, resolved, styled  # noqa: E402

HEADING = "# Redline engines on the revision corpus"
AUTHOR, WHEN = "Redaktør", "2026-01-02T03:04:05"
CHANGES = ("ins", "del", "moveFrom", "moveTo")


@dataclass(frozen=True)
class Judged:
    accept: bool
    reject: bool
    changes: int
    paragraphs: int
    seconds: float


def document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def judged(redline: bytes, old: etree._Element, new: etree._Element, seconds: float) -> Judged:
    root = document(redline)
    found = root.xpath(" | ".join(f"//w:{c}" for c in CHANGES), namespaces=NS)
    # The elements themselves, not their id(): lxml makes a new proxy (whose id may be an old
    # one's) each time an element is looked up, unless one is still held.
    touched = {p for mark in found for p in _paragraphs(mark)}
    return Judged(_gives(root, True, new), _gives(root, False, old), len(found), len(touched),
                  seconds)


def _gives(root: etree._Element, accept: bool, want: etree._Element) -> bool:
    """Accepting (or rejecting) every change leaves no mark and exactly `want`'s paragraphs."""
    result = resolved(root, accept)
    return marks(result) == [] and styled(result) == styled(want)


def _paragraphs(mark: etree._Element) -> list[etree._Element]:
    """The paragraphs a change touches: the one it stands in (a run or a paragraph mark), or
    every one in the table row or block it wraps."""
    inside = mark.xpath("ancestor::w:p[1]", namespaces=NS)
    if inside:
        return inside
    row = mark.xpath("ancestor::w:tr[1]", namespaces=NS)
    return (row[0] if row else mark).xpath(".//w:p", namespaces=NS)


def engines() -> dict[str, Callable[[Path, Path, Path], bytes]]:
    """Each engine as old, new, output folder → the redline's bytes."""
    try:
        from python_redlines import DocxodusEngine, XmlPowerToolsEngine
    except ImportError:
        sys.exit("redline_engines: python-redlines is not installed (the `bench` extra: "
                 "make setup installs requirements.lock)")
    with warnings.catch_warnings():   # PowerTools is deprecated upstream, and still the other one
        warnings.simplefilter("ignore", DeprecationWarning)
        docxodus, powertools = DocxodusEngine(), XmlPowerToolsEngine()

    def ours(old: Path, new: Path, folder: Path) -> bytes:
        out = folder / "ours.docx"
        run_cold([*aktstykke(), "redline", str(old), str(new), "-o", str(out),
                  "--author", AUTHOR, "--date", WHEN], what="redline_engines", timeout=120)
        return out.read_bytes()

    return {
        "aktstykke redline": ours,
        "Docxodus": lambda old, new, _: docxodus.run_redline(
            AUTHOR, old, new, detect_moves=True, date_time=WHEN + "Z")[0],
        "Open-XML-PowerTools": lambda old, new, _: powertools.run_redline(AUTHOR, old, new)[0],
    }


def built(pair: Pair, folder: Path) -> tuple[Path, Path]:
    from aktstykker_gen.build import write_format
    from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
    from aktstykker_gen.pipeline import check, render
    from aktstykker_gen.udgaver import Udgave

    kind = KINDS[pair.new.get("art", DEFAULT_KIND)]
    paths = []
    for side, data in (("old", pair.old), ("new", pair.new)):
        tree = render(check(written(data, folder / f"{side}.yaml")), edition=Udgave.fortrolig)
        path = folder / f"{side}.docx"
        path.write_bytes(write_format(tree, kind, ".docx"))
        paths.append(path)
    return paths[0], paths[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", help="only these kinds of change, comma-separated")
    parser.add_argument("--specs", type=int, help="only the first N specs' pairs")
    args = parser.parse_args()
    pairs = corpus()
    if args.kinds:
        pairs = [p for p in pairs if p.kind in args.kinds.split(",")]
    if args.specs:
        pairs = [p for p in pairs if p.spec in sorted({q.spec for q in pairs})[:args.specs]]
    before, run = load(), engines()
    results: dict[str, dict[str, list[Judged]]] = defaultdict(lambda: defaultdict(list))
    wrong: list[str] = []
    for n, pair in enumerate(pairs, start=1):
        with tempfile.TemporaryDirectory(prefix="aktstykke-bench-redline-") as name:
            folder = Path(name)
            old, new = built(pair, folder)
            plain = document(old.read_bytes()), document(new.read_bytes())
            for engine, compare in run.items():
                start = time.perf_counter()
                data = compare(old, new, folder)
                found = judged(data, *plain, time.perf_counter() - start)
                results[pair.kind][engine].append(found)
                if engine == "aktstykke redline" and not (found.accept and found.reject):
                    wrong.append(pair.name)
        print(f"{n}/{len(pairs)} {pair.name}", flush=True)
    in_libreoffice = libreoffice(pairs, run, {kind for kind, _ in fewer_elsewhere(results)})
    fewer = [line for kind, line in fewer_elsewhere(results, in_libreoffice)]
    write_section(HEADING, [*table(results, len(pairs), before),
                            *libreoffice_lines(in_libreoffice, results), *fewer_lines(fewer)])
    ours_ok = not wrong and not fewer
    for name in wrong:
        print(f"aktstykke redline not exact: {name}", file=sys.stderr)
    for line in fewer:
        print(line, file=sys.stderr)
    summary_line(key="redline", measurement=f"`aktstykke redline` vs python-redlines, "
                 f"{len(pairs)} pairs: exact pairs, ours", median=_exact_share(results),
                 target="all, and no more changes than the better engine on any kind",
                 verdict=verdict(ours_ok))
    return 0


def _exact_share(results: dict[str, dict[str, list[Judged]]]) -> str:
    ours = [j for kind in results.values() for j in kind["aktstykke redline"]]
    return f"{sum(j.accept and j.reject for j in ours)}/{len(ours)}"


def fewer_elsewhere(results: dict[str, dict[str, list[Judged]]],
                    in_libreoffice: dict[tuple[str, str], int] | None = None
                    ) -> list[tuple[str, str]]:
    """(kind, what) for each kind where an engine that is exact on all its pairs (and, when
    LibreOffice judged the kind, there too) marks fewer changes (or touches fewer paragraphs)
    than ours."""
    found = []
    for kind, by_engine in sorted(results.items()):
        ours = by_engine["aktstykke redline"]
        for engine, judged_ in by_engine.items():
            if engine == "aktstykke redline" or not all(j.accept and j.reject for j in judged_):
                continue
            if in_libreoffice and in_libreoffice.get((kind, engine), len(judged_)) < len(judged_):
                continue
            for what in ("changes", "paragraphs"):
                theirs, mine = (sum(getattr(j, what) for j in js) for js in (judged_, ours))
                if theirs < mine:
                    found.append((kind, f"{kind}: {engine} marks {theirs} {what}, ours {mine}"))
    return found


def libreoffice(pairs: list[Pair], run: dict[str, Callable[[Path, Path, Path], bytes]],
                kinds: set[str]) -> dict[tuple[str, str], int]:
    """(kind, engine) → how many of the kind's pairs LibreOffice resolves exactly: Accept All
    gives what it reads from NEW's DOCX and Reject All OLD's, in text, paragraph styles and the
    text it saves. Each pair built and compared again, one soffice for all."""
    chosen = [p for p in pairs if p.kind in kinds]
    if not chosen:
        return {}
    with tempfile.TemporaryDirectory(prefix="aktstykke-bench-uno-") as name:
        return _resolved(chosen, run, Path(name))


def _resolved(chosen: list[Pair], run: dict[str, Callable[[Path, Path, Path], bytes]],
              folder: Path) -> dict[tuple[str, str], int]:
    redlines, plain = [], []
    for n, pair in enumerate(chosen):
        (folder / str(n)).mkdir()
        old, new = built(pair, folder / str(n))
        for side, path in (("old", old), ("new", new)):
            plain.append(path.rename(folder / f"{n}-{side}.docx"))
        for e, compare in enumerate(run.values()):
            path = folder / f"{n}-engine{e}.docx"
            path.write_bytes(compare(plain[-2], plain[-1], folder / str(n)))
            redlines.append(path)
    done = subprocess.run(["/usr/bin/python3", str(ROOT / "tests" / "uno_accept.py"), str(folder),
                           *map(str, redlines), "--as-is", *map(str, plain)],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        sys.exit(f"redline_engines: LibreOffice failed: {done.stderr}")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for n, pair in enumerate(chosen):
        for e, engine in enumerate(run):
            counts[(pair.kind, engine)] += all(
                (folder / f"{n}-engine{e}.{way}.{ext}").read_bytes()
                == (folder / f"{n}-{side}.as-is.{ext}").read_bytes()
                for way, side in (("accept", "new"), ("reject", "old")) for ext in ("styles", "txt"))
    return counts


def libreoffice_lines(counts: dict[tuple[str, str], int],
                      results: dict[str, dict[str, list[Judged]]]) -> list[str]:
    if not counts:
        return []
    lines = ["", "Judged by LibreOffice too (the kinds where an engine exact in Python marks fewer "
             "changes or touches fewer paragraphs than ours): pairs whose Accept All and Reject "
             "All in LibreOffice give NEW's and OLD's text, paragraph styles and saved text.", "",
             "| kind of change | pairs | " + " | ".join(sorted({e for _, e in counts})) + " |",
             "| --- | --- |" + " --- |" * len({e for _, e in counts})]
    for kind in sorted({k for k, _ in counts}):
        pairs = len(next(iter(results[kind].values())))
        lines.append(f"| {kind} | {pairs} | " + " | ".join(str(counts[(kind, e)]) for e in
                                                 sorted({e for _, e in counts})) + " |")
    return lines


def fewer_lines(fewer: list[str]) -> list[str]:
    """What the verdict rests on, in the section itself as well as on stderr."""
    if not fewer:
        return ["", "No engine that is exact on all of a kind's pairs (in LibreOffice too, where "
                "it judged the kind) marks fewer changes or touches fewer paragraphs than ours."]
    return ["", "Kinds where an engine exact on all of the kind's pairs (in LibreOffice too, "
            "where it judged the kind) marks fewer than ours:", "",
            *(f"- {line}" for line in fewer)]


def table(results: dict[str, dict[str, list[Judged]]], pairs: int, before: str) -> list[str]:
    names = list(next(iter(results.values())).keys())
    lines = ["", f"Written by `benchmarks/redline_engines.py` on {today()}: {machine()}; load "
             f"average {before} before, {load()} after. {pairs} pairs of the revision corpus "
             "(tests/revisions.py), each pair's two built DOCX files compared by each engine: "
             "ours as `aktstykke redline OLD.docx NEW.docx` (a fresh process), python-redlines' "
             "Docxodus (moves detected) and Open-XML-PowerTools through `run_redline` (a fresh "
             ".NET process each). Judged alike by our Python accept/reject (tests/tracked.py): "
             "*accept*/*reject* count the pairs whose accept-all gives NEW's DOCX and reject-all "
             "OLD's, every paragraph's text and style (table cells too); *changes* is the "
             "number of w:ins, w:del, w:moveFrom and w:moveTo elements (runs, paragraph marks, "
             "rows), *paragraphs* the paragraphs they touch, both summed over the kind's pairs; "
             "*s/pair* the median wall time of one comparison.", "",
             "| kind of change | pairs | " + " | ".join(
                 f"{n}: accept / reject | changes | paragraphs | s/pair" for n in names) + " |",
             "| --- | --- |" + " --- | --- | --- | --- |" * len(names)]
    totals: dict[str, list[Judged]] = defaultdict(list)
    for kind, by_engine in sorted(results.items()):
        cells = []
        for name in names:
            judged_ = by_engine[name]
            totals[name].extend(judged_)
            cells.append(_cells(judged_))
        lines.append(f"| {kind} | {len(next(iter(by_engine.values())))} | "
                     + " | ".join(cells) + " |")
    lines.append(f"| **all** | {pairs} | " + " | ".join(_cells(totals[n]) for n in names) + " |")
    return lines


def _cells(judged_: list[Judged]) -> str:
    return (f"{sum(j.accept for j in judged_)} / {sum(j.reject for j in judged_)} | "
            f"{sum(j.changes for j in judged_)} | {sum(j.paragraphs for j in judged_)} | "
            f"{statistics.median(j.seconds for j in judged_):.2f}")


if __name__ == "__main__":
    sys.exit(main())
