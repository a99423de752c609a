"""How long `aktstykke build <folder>` takes for 100 specs, from scratch and with nothing changed.

Generates 100 varied specs from the seed's shape into a temporary folder: different
§ 16 hovedkonti, underkonto names, amounts (with recipients and financing that match,
so every spec checks clean), and lengths (2–8 hovedkonti, 1–12 extra prose paragraphs).
Then, in fresh processes, builds the folder into an empty output folder and builds it
again with nothing changed, RUNS times each, and reports the medians and the cost per
document. It rewrites its own section of benchmarks/results.md and leaves the rest.

Each build runs as `python -c <the aktstykke script's two lines>` plus two getrusage calls
after `main` returns, so it also reports the peak RSS of the parent (RUSAGE_SELF) and of the
largest worker process (RUSAGE_CHILDREN: the pool's workers are joined before `main` returns).

The targets are ≤ 0.15 s per document from scratch and an unchanged rebuild under 2 s
(PASS or MISS; timing depends on the machine, so it does not set the exit code). The exit
code is non-zero if a generated spec does not check clean or a build fails.

    .venv/bin/python benchmarks/batch_build.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import run_bounded
from results import RESULTS, write_section

ROOT = Path(__file__).resolve().parent.parent
HEADING = "# `aktstykke build` of 100 specs"
SPECS = 100
TARGET = 2.0  # seconds, median of the unchanged rebuild
TARGET_PER_DOCUMENT = 0.15  # seconds, median from scratch over SPECS
TARGET_MEMORY = 200  # MB, peak RSS of any one process
TIMEOUT = 600  # seconds: a build that runs longer has hung

# `aktstykke` itself, then the peak RSS of this process and of its largest (joined) child.
WRAPPER = """import json, resource, sys
from aktstykker_gen.cli import main
code = main(sys.argv[1:])
print(json.dumps([resource.getrusage(who).ru_maxrss
                  for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]))
sys.exit(code)
"""

# Plausible § 16 hovedkonti: number, name, bevillingstype and the standardkonto it pays from.
HOVEDKONTI = [
    ("16.11.16", "Lægemiddelstyrelsen", "driftsbevilling", 22),
    ("16.11.37", "Nationalt Genom Center", "driftsbevilling", 22),
    ("16.21.01", "Sundhedsstyrelsen", "driftsbevilling", 22),
    ("16.21.11", "Styrelsen for Patientsikkerhed", "driftsbevilling", 22),
    ("16.31.01", "Sundhedsdatastyrelsen", "driftsbevilling", 22),
    ("16.35.01", "Statens Serum Institut", "statsvirksomhed", 22),
    ("16.41.01", "Styrelsen for Patientklager", "driftsbevilling", 22),
    ("16.51.02", "Forebyggelse og sundhedsfremme", "reservationsbevilling", 46),
    ("16.55.01", "Puljer på lægemiddelområdet", "reservationsbevilling", 46),
    ("16.55.07", "Bedre brug af data til kvalitetsudvikling af indsatser i det nære sundhedsvæsen",
     "reservationsbevilling", 46),
    ("16.61.02", "Indsatser i psykiatrien", "reservationsbevilling", 46),
    ("16.71.08", "Statstilskud til regionerne", "lovbunden", 42),
]
STANDARDKONTI = {22: "Andre ordinære driftsomkostninger",
                 42: "Overførselsudgifter til kommuner og regioner",
                 46: "Tilskud til anden virksomhed og investeringstilskud"}
UNDERKONTI = ["Almindelig virksomhed", "Strategi for personlig medicin",
              "Udvikling af datainfrastruktur", "Pilotprojekter", "Patientinddragelse",
              "Kvalitetsudvikling", "Tidlig opsporing", "Styrkelse af biobanker"]
ORGANISATIONER = ["Amgros", "Danske Patienter", "Danske Regioner", "Region Hovedstaden",
                  "Region Midtjylland", "Kræftens Bekæmpelse", "Rigshospitalet"]
TITLES = ["Strategi for personlig medicin", "Styrket indsats for tidlig opsporing",
          "Bedre brug af sundhedsdata", "Løft af patientinddragelsen", "Styrkelse af biobankerne",
          "Udvikling af den nationale genominfrastruktur", "Kvalitet i det nære sundhedsvæsen"]
PROSE = [
    "Initiativerne skal understøtte, at patienter får adgang til hurtig og effektiv behandling.",
    "Indsatsen er tilrettelagt i samarbejde med Danske Regioner og relevante patientorganisationer.",
    "Der lægges vægt på, at erfaringerne fra pilotprojekterne deles på tværs af sektorer.",
    "Midlerne anvendes til at styrke sundhedsdatainfrastrukturen og den faglige koordination.",
    "Initiativerne evalueres løbende, og resultaterne offentliggøres, når de foreligger.",
    "Udmøntningen sker efter drøftelse med de myndigheder, der har ansvar for implementeringen.",
    "Der er i processen lagt vægt på inddragelse af sundhedsprofessionelle og erhvervsorganisationer.",
    "Indsatsen bygger videre på de erfaringer, der er gjort med tidligere strategier på området.",
    "Formålet er at skabe én indgang for klinikere, forskere og virksomheder.",
    "Initiativerne understøtter mere målrettede og effektive behandlingsforløb for patienterne.",
    "Midlerne bidrager til at etablere samarbejder om kliniske forsøg og vidensdeling.",
    "Der udarbejdes standarder og vejledninger, som kan anvendes af regioner og kommuner.",
]


def tenths(value: int) -> str:
    return f"{'-' if value < 0 else ''}{abs(value) // 10}.{abs(value) % 10}"


def folded(text: str, indent: str) -> str:
    return f"{indent}- >-\n{indent}  {text}\n"


def spec(number: int) -> str:
    """One spec that checks clean, different from the others in accounts, amounts and length."""
    rng = random.Random(number)
    accounts = sorted(rng.sample(HOVEDKONTI, 2 + number % 7))
    amounts = [rng.randint(1, 400) for _ in accounts]
    total = sum(amounts)
    lines = [f"art: aktstykke\ntitel: {TITLES[number % len(TITLES)]}\n"
             "ministerium: Indenrigs- og Sundhedsministeriet\nsted: København\n"
             "dato: 2025-10-01\nfinansår: 2025\n\nudgifter:\n"]
    recipients = []
    for index, ((nr, name, kind, standard), amount) in enumerate(zip(accounts, amounts, strict=True)):
        sub = rng.choice([10, 20, 30])
        lines.append(f"  - nr: {nr}\n    navn: {name}\n    bevillingstype: {kind}\n    underkonti:\n"
                     f"      - nr: {sub}\n        navn: {rng.choice(UNDERKONTI)}\n"
                     + ("        ny: true\n" if sub != 10 else "")
                     + f"        standardkonti:\n          - nr: {standard}\n"
                     f"            navn: {STANDARDKONTI[standard]}\n"
                     f"            udgift: {{2025: {tenths(amount)}}}\n")
        parts = [amount] if amount < 20 or index % 2 else [amount // 2, amount - amount // 2]
        names = [name, rng.choice(ORGANISATIONER)][:len(parts)]
        recipients += [(f"m{index}-{part}", who, nr, share)
                       for part, (who, share) in enumerate(zip(names, parts, strict=True))]
    lines.append("\nfinansiering:\n  - nr: 16.11.79\n    navn: Reserver og budgetregulering\n"
                 "    underkonti:\n      - nr: 79\n        navn: Reserve til sundhedsinitiativer\n"
                 "        standardkonti:\n          - nr: 49\n"
                 f"            navn: Reserver og budgetregulering\n"
                 f"            udgift: {{2025: {tenths(-total)}}}\n\nmodtagere:\n")
    lines += [f"  - {{id: {rid}, navn: {rname}, konto: {nr}, beløb: {{2025: {tenths(share)}}}}}\n"
              for rid, rname, nr, share in recipients]
    prose = [PROSE[(number + k) % len(PROSE)] for k in range(1 + number % 12)]
    lines.append("\ntekst:\n  a:\n" + folded(
        "Indenrigs- og Sundhedsministeriet anmoder om Finansudvalgets tilslutning til at tilføre "
        "{udgift} i {finansår} til en række initiativer. Midlerne tilføres følgende konti:", "    ")
        + "    - indsæt: kontoliste\n    - indsæt: finansiering\n  b:\n"
        + folded("På finansloven for 2025 er der afsat {finansiering} til initiativerne.", "    ")
        + "".join(folded(text, "    ") for text in prose)
        + "".join(folded(f"Der afsættes {{modtager:{rid}}} til {rname}.", "    ")
                  for rid, rname, _, _ in recipients)
        + "    - indsæt: specifikation\n  c:\n"
        + folded("Aktstykket forelægges for Folketingets Finansudvalg nu med henblik på at "
                 "tilvejebringe finansiering i indeværende finansår.", "    ")
        + "  e:\n    - indsæt: forslag\n  f:\n    - Finansministeriets tilslutning foreligger.\n"
        + "\nunderskrivere:\n  - Sophie Løhde\n  - Mads Grønnegaard-Kieler\nadressat: Finansudvalget\n")
    return "".join(lines)


def aktstykke() -> list[str]:
    """The installed `aktstykke` script next to this interpreter, else `python -m`."""
    script = Path(sys.executable).with_name("aktstykke")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aktstykker_gen"]


def nproc() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def code_digest() -> str:
    """One hash of the package's sources: an unchanged rebuild is one only while they are."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "aktstykker_gen").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def timed(argv: list[str], expect: str,
          code: str | None = None) -> tuple[float, int, int] | None:
    """Wall time of one fresh process, and the peak RSS (KiB) of it and of its largest worker;
    stops the benchmark if it fails or builds the wrong count. None instead when `code` (the
    package's digest when the round began) no longer matches: someone edited the package in
    the meantime (which rebuilds every spec, rightly), so the round does not count."""
    start = time.perf_counter()
    done = run_bounded(argv, TIMEOUT, "batch_build")
    elapsed = time.perf_counter() - start
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    if done.returncode == 0 and not summary.startswith(expect) and code is not None \
            and code != code_digest():
        return None
    if done.returncode != 0 or not summary.startswith(expect):
        sys.exit(f"batch_build: {' '.join(argv)} exited {done.returncode} "
                 f"(expected '{expect}'):\n{done.stderr[-3000:]}")
    parent, child = json.loads(done.stdout.strip().splitlines()[-1])
    return elapsed, parent, child


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def write_results(runs: int, scratch: list[float], unchanged: list[float],
                  memory: dict[str, tuple[int, int]]) -> None:
    """Replace this benchmark's section of results.md (or add it), keeping every other section."""
    cores = f"{nproc()} cores, {platform.machine()}, Python {platform.python_version()}"
    per_document = statistics.median(scratch) / SPECS
    section = [
        "",
        "Written by `benchmarks/batch_build.py` (`make bench`): wall time of a fresh",
        f"`aktstykke build <folder> -o <out>` over {SPECS} generated specs (2–8 hovedkonti, 1–12 extra",
        f"prose paragraphs) on all {nproc()} cores, into an empty folder and again with nothing",
        f"changed, {runs} runs each. Per document: the median over {SPECS}. Peak RSS: the parent",
        "process and its largest worker (getrusage after `main` returns). Targets: from scratch",
        f"≤ {TARGET_PER_DOCUMENT} s per document, unchanged rebuild < {TARGET:.0f} s, "
        f"≤ {TARGET_MEMORY} MB per process.", "",
        "| build | machine (nproc) | date | runs | median (s) | min (s) | max (s) "
        "| per document (s) | peak RSS parent / worker (MB) | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, times, target in (
            ("from scratch", scratch, f"≤ {TARGET_PER_DOCUMENT} s/doc: "
             + verdict(per_document <= TARGET_PER_DOCUMENT)),
            ("nothing changed", unchanged,
             f"< {TARGET:.0f} s: " + verdict(statistics.median(unchanged) < TARGET))):
        median = statistics.median(times)
        parent, child = memory[label]
        section.append(f"| {label} | {cores} | {datetime.date.today().isoformat()} | {len(times)} "
                       f"| {median:.2f} | {min(times):.2f} | {max(times):.2f} "
                       f"| {median / SPECS:.3f} | {parent / 1024:.0f} / {child / 1024:.0f} "
                       f"| {target} |")
    peak = max(max(pair) for pair in memory.values()) / 1024
    section += ["", f"Peak RSS of any process: {peak:.0f} MB, target ≤ {TARGET_MEMORY} MB: "
                f"**{verdict(peak <= TARGET_MEMORY)}**."]
    write_section(HEADING, section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each build (≥ 1)")
    runs = max(1, parser.parse_args().runs)

    with tempfile.TemporaryDirectory(prefix="aktstykke-bench-") as temporary:
        folder, out = Path(temporary) / "specs", Path(temporary) / "out"
        folder.mkdir()
        for number in range(SPECS):
            (folder / f"spec-{number:03d}.yaml").write_text(spec(number), encoding="utf-8")
        specs = [str(path) for path in sorted(folder.iterdir())]
        check = subprocess.run([*aktstykke(), "check", "--strict", *specs],
                               capture_output=True, text=True)
        if check.returncode != 0:
            sys.exit(f"batch_build: the generated specs do not check clean:\n{check.stderr[-3000:]}")

        build = [sys.executable, "-c", WRAPPER, "build", str(folder), "-o", str(out)]
        scratch, unchanged = [], []
        memory = {"from scratch": (0, 0), "nothing changed": (0, 0)}
        retries = 3
        while len(scratch) < runs:
            shutil.rmtree(out, ignore_errors=True)
            code = code_digest()
            pair = [timed(build, f"bygget {SPECS}, uændret 0, fejlede 0"),
                    timed(build, f"bygget 0, uændret {SPECS}, fejlede 0", code)]
            if pair[1] is None:   # the package's code was edited meanwhile, so all was rebuilt
                retries -= 1
                if retries < 0:
                    sys.exit("batch_build: the package's code kept changing during the runs")
                print("  (aktstykker_gen/ was edited during this round; repeating it)", flush=True)
                continue
            for label, times, (seconds, parent, child) in (("from scratch", scratch, pair[0]),
                                                           ("nothing changed", unchanged, pair[1])):
                times.append(seconds)
                memory[label] = (max(memory[label][0], parent), max(memory[label][1], child))

    median_scratch, median_unchanged = statistics.median(scratch), statistics.median(unchanged)
    print(f"aktstykke build <folder of {SPECS} specs> -o <out>  (nproc {nproc()}, {runs} runs)")
    per_document = median_scratch / SPECS
    print(f"  from scratch:    median {median_scratch:.2f} s "
          f"({per_document:.3f} s per document, target ≤ {TARGET_PER_DOCUMENT} s: "
          f"{verdict(per_document <= TARGET_PER_DOCUMENT)})")
    print(f"  nothing changed: median {median_unchanged:.2f} s, target < {TARGET:.0f} s: "
          f"{verdict(median_unchanged < TARGET)}")
    parent, child = memory["from scratch"]
    print(f"  peak RSS from scratch: parent {parent / 1024:.0f} MB, "
          f"largest worker {child / 1024:.0f} MB")
    write_results(runs, scratch, unchanged, memory)
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    print("summary: " + json.dumps({
        "key": "batch", "measurement": f"batch of {SPECS} specs on {nproc()} cores, from scratch",
        "median": f"{per_document:.3f} s/doc ({median_scratch:.2f} s; worker ≤ {child / 1024:.0f} MB)",
        "target": f"≤ {TARGET_PER_DOCUMENT} s/doc",
        "verdict": verdict(per_document <= TARGET_PER_DOCUMENT)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
