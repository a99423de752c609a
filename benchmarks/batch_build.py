"""How long `aktstykke build <folder>` takes for 100 specs, from scratch and with nothing changed.

Generates 100 varied specs from the seed's shape into a temporary folder: different
§ 16 hovedkonti, underkonto names, amounts (with recipients and financing that match,
so every spec checks clean), and lengths (2–8 hovedkonti, 1–12 extra prose paragraphs).
Then, in fresh processes, builds the folder into an empty output folder and builds it
again with nothing changed, RUNS times each, and reports the medians and the cost per
document. It rewrites its own section of benchmarks/results.md and leaves the rest.

The target is an unchanged rebuild under 2 s (PASS or MISS; timing depends on the
machine, so it does not set the exit code). The exit code is non-zero if a generated
spec does not check clean or a build fails.

    .venv/bin/python benchmarks/batch_build.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
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

from results import RESULTS, write_section

ROOT = Path(__file__).resolve().parent.parent
HEADING = "# `aktstykke build` of 100 specs"
SPECS = 100
TARGET = 2.0  # seconds, median of the unchanged rebuild

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


def timed(argv: list[str], expect: str) -> float:
    """Wall time of one fresh process; stops the benchmark if it fails or builds the wrong count."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    if done.returncode != 0 or not summary.startswith(expect):
        sys.exit(f"batch_build: {' '.join(argv)} exited {done.returncode} "
                 f"(expected '{expect}'):\n{done.stderr[-3000:]}")
    return elapsed


def write_results(runs: int, scratch: list[float], unchanged: list[float]) -> None:
    """Replace this benchmark's section of results.md (or add it), keeping every other section."""
    cores = f"{nproc()} cores, {platform.machine()}, Python {platform.python_version()}"
    section = [
        "",
        "Written by `benchmarks/batch_build.py` (`make bench`): wall time of a fresh",
        f"`aktstykke build <folder> -o <out>` over {SPECS} generated specs (2–8 hovedkonti, 1–12 extra",
        f"prose paragraphs), into an empty folder and again with nothing changed, {runs} runs each.",
        f"Per document: the median over {SPECS}. Target: unchanged rebuild < {TARGET:.0f} s.", "",
        "| build | machine (nproc) | date | runs | median (s) | min (s) | max (s) "
        "| per document (s) | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, times, target in (("from scratch", scratch, ""), ("nothing changed", unchanged,
                                  "PASS" if statistics.median(unchanged) < TARGET else "MISS")):
        median = statistics.median(times)
        section.append(f"| {label} | {cores} | {datetime.date.today().isoformat()} | {len(times)} "
                       f"| {median:.2f} | {min(times):.2f} | {max(times):.2f} "
                       f"| {median / SPECS:.3f} | {target} |")
    write_section(HEADING, section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (≥ 1)")
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

        build = [*aktstykke(), "build", str(folder), "-o", str(out)]
        scratch, unchanged = [], []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            scratch.append(timed(build, f"bygget {SPECS}, uændret 0, fejlede 0"))
            unchanged.append(timed(build, f"bygget 0, uændret {SPECS}, fejlede 0"))

    median_scratch, median_unchanged = statistics.median(scratch), statistics.median(unchanged)
    print(f"aktstykke build <folder of {SPECS} specs> -o <out>  (nproc {nproc()}, {runs} runs)")
    print(f"  from scratch:    median {median_scratch:.2f} s "
          f"({median_scratch / SPECS:.3f} s per document)")
    print(f"  nothing changed: median {median_unchanged:.2f} s, target < {TARGET:.0f} s: "
          f"{'PASS' if median_unchanged < TARGET else 'MISS'}")
    write_results(runs, scratch, unchanged)
    print(f"  written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
