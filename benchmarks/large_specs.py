"""Large valid aktstykker, generated: the specs the scaling benchmarks time.

Each shape grows one part of a spec with N, so a cost that is quadratic in that part shows:

  rows        N expense standardkonto lines, 20 per hovedkonto (4 underkonti × 5 standardkonti
              allowed on its bevillingstype), one recipient and one sentence per hovedkonto,
              financing from N/100 reserve lines (benchmarks/scaling.py, 100–800 rows)
  accounts    N hovedkonti, each with one underkonto and one standardkonto line: 10,000 of them
              is some 1.9 MB, under the 2 MB spec limit (load.MAX_BYTES)
  lines       N standardkonto lines under few hovedkonti (100 underkonti × 5 lines each)
  recipients  N recipients on 100 hovedkonti, each named by {modtager:id} in a sentence
  prose       N paragraphs of prose, each with references to an account, its name, a
              recipient and the totals, and N/10 tekstanmærkninger with references
  findings    N warnings, each with its position: N/2 hovedkonti whose amount has two decimals
              (AKT308), and a paragraph per hovedkonto that writes its amount out,
              exactly as the data holds it (AKT602; an amount the data does not hold, such as
              the rounded one the tables show, would be the error AKT606)

Every shape checks clean with `--strict` except `findings`, which gives N + 1 warnings.
No reserve line pays more than 100.000 mio. kr. (AKT206 would warn): the financing is split
over N/1000 lines. Amounts are in tenths of mio. kr., drawn from a generator seeded by N:
the same N gives the same spec.

    .venv/bin/python benchmarks/large_specs.py SHAPE N > spec.yaml
"""

from __future__ import annotations

import random
import sys

# Standardkonti each bevillingstype may use (Budgetvejledningen, bilag 5; data/standardkonti.csv).
BEVILLINGER = {
    "driftsbevilling": (16, 18, 22, 45, 46),
    "reservationsbevilling": (16, 22, 42, 44, 46),
    "statsvirksomhed": (16, 18, 22, 44, 46),
}
STANDARDKONTI = {16: "Husleje, leje af arealer, leasing", 18: "Lønninger / personaleomkostninger",
                 22: "Andre ordinære driftsomkostninger",
                 42: "Overførselsudgifter til kommuner og regioner",
                 44: "Tilskud til personer", 45: "Tilskud til erhverv",
                 46: "Tilskud til anden virksomhed og investeringstilskud"}
INSTITUTIONER = ["Lægemiddelstyrelsen", "Nationalt Genom Center", "Sundhedsstyrelsen",
                 "Styrelsen for Patientsikkerhed", "Sundhedsdatastyrelsen",
                 "Statens Serum Institut", "Styrelsen for Patientklager",
                 "Forebyggelse og sundhedsfremme", "Puljer på lægemiddelområdet",
                 "Indsatser i psykiatrien"]
UNDERKONTI = ["Almindelig virksomhed", "Strategi for personlig medicin",
              "Udvikling af datainfrastruktur", "Pilotprojekter", "Patientinddragelse",
              "Kvalitetsudvikling", "Tidlig opsporing", "Styrkelse af biobanker"]
HEAD = ("art: aktstykke\ntitel: Samlet udmøntning af reserver på sundhedsområdet\n"
        "ministerium: Indenrigs- og Sundhedsministeriet\nsted: København\n"
        "dato: 2025-10-01\nfinansår: 2025\n\n")
TAIL = ("  c:\n    - >-\n      Aktstykket forelægges for Folketingets Finansudvalg nu med henblik "
        "på at tilvejebringe finansiering i indeværende finansår.\n  e:\n    - indsæt: forslag\n"
        "{annotations}  f:\n    - Finansministeriets tilslutning foreligger.\n\n"
        "underskrivere:\n  - Sophie Løhde\n  - Mads Grønnegaard-Kieler\n"
        "adressat: Finansudvalget\n")
OPENING = ("  a:\n    - >-\n      Indenrigs- og Sundhedsministeriet anmoder om Finansudvalgets "
           "tilslutning til at tilføre {udgift} i {finansår} til en række initiativer. Midlerne "
           "tilføres følgende konti:\n    - indsæt: kontoliste\n    - indsæt: finansiering\n  b:\n"
           "    - På finansloven for 2025 er der afsat {finansiering} til initiativerne.\n")


def tenths(value: int) -> str:
    return f"{'-' if value < 0 else ''}{abs(value) // 10}.{abs(value) % 10}"


def nr(k: int) -> str:
    """The k-th hovedkonto of § 16 (16.00.00 … 16.99.99: room for 10,000)."""
    return f"16.{k // 100:02d}.{k % 100:02d}"


def financing(total: int, lines: int) -> str:
    """Reserves on § 35 that pay for `total` tenths, in `lines` standardkonto 49 lines."""
    out = ["\nfinansiering:\n  - nr: 35.11.01\n    navn: Reserver og budgetregulering\n"
           "    underkonti:\n"]
    for f in range(lines):
        share = total // lines + (total % lines if f == 0 else 0)
        out.append(f"      - nr: {f + 10 if lines <= 90 else f:02d}\n"
                   f"        navn: Reserve til sundhedsinitiativer {f + 1}\n"
                   "        standardkonti:\n          - nr: 49\n"
                   "            navn: Reserver og budgetregulering\n"
                   f"            udgift: {{2025: {tenths(-share)}}}\n")
    return "".join(out)


def hovedkonto(k: int, underkonti: int, rng: random.Random) -> tuple[str, int]:
    """A hovedkonto with `underkonti` underkonti of all five standardkonti its type allows."""
    kind = list(BEVILLINGER)[k % len(BEVILLINGER)]
    out = [f"  - nr: {nr(k)}\n    navn: {INSTITUTIONER[k % len(INSTITUTIONER)]} {k + 1}\n"
           f"    bevillingstype: {kind}\n    underkonti:\n"]
    account = 0
    for u in range(underkonti):
        out.append(f"      - nr: {u + 10 if underkonti <= 90 else u:02d}\n"
                   f"        navn: {UNDERKONTI[(k + u) % 8]}\n"
                   + ("        ny: true\n" if u else "") + "        standardkonti:\n")
        for standard in BEVILLINGER[kind]:
            amount = rng.randint(1, 400)
            account += amount
            out.append(f"          - nr: {standard}\n            navn: {STANDARDKONTI[standard]}\n"
                       f"            udgift: {{2025: {tenths(amount)}}}\n")
    return "".join(out), account


def compact(k: int, amount: str) -> str:
    """A hovedkonto with one underkonto and one line, the line in flow style (as a clerk
    copying rows writes it): some 180 bytes."""
    return (f"  - nr: {nr(k)}\n    navn: Initiativ {k + 1}\n    bevillingstype: driftsbevilling\n"
            f"    underkonti: [{{nr: 10, navn: Drift, standardkonti: "
            f"[{{nr: 18, navn: Lønninger, udgift: {{2025: {amount}}}}}]}}]\n")


def recipients(entries: list[tuple[str, str, str, int]]) -> str:
    return "\nmodtagere:\n" + "".join(
        f"  - {{id: {rid}, navn: {name}, konto: {konto}, beløb: {{2025: {tenths(amount)}}}}}\n"
        for rid, name, konto, amount in entries)


def document(data: str, b: str = "", annotations: bool = False) -> str:
    """HEAD, the data, then sections a–f with the given prose in b (and, if the data has
    tekstanmærkninger, their quotation in e)."""
    e = "    - indsæt: tekstanmærkninger\n" if annotations else ""
    return (HEAD + data + "\ntekst:\n" + OPENING + b + "    - indsæt: specifikation\n"
            + TAIL.replace("{annotations}", e))


def rows(n: int) -> str:
    """N expense lines, 20 per hovedkonto; one recipient and one sentence per hovedkonto."""
    rng = random.Random(n)
    body, entries, total = ["udgifter:\n"], [], 0
    for k in range(n // 20):
        text, account = hovedkonto(k, 4, rng)
        body.append(text)
        entries.append((f"m{k}", f"{INSTITUTIONER[k % len(INSTITUTIONER)]} {k + 1}", nr(k), account))
        total += account
    b = "".join(f"    - Der afsættes {{modtager:{rid}}} til {name}.\n" for rid, name, _, _ in entries)
    return document("".join(body) + financing(total, max(1, n // 100)) + recipients(entries), b)


def accounts(n: int) -> str:
    """N hovedkonti of one underkonto and one line each."""
    rng = random.Random(n)
    amounts = [rng.randint(1, 400) for _ in range(n)]
    body = "udgifter:\n" + "".join(compact(k, tenths(a)) for k, a in enumerate(amounts))
    return document(body + financing(sum(amounts), max(1, n // 1000)))


def lines(n: int) -> str:
    """N lines under N/500 hovedkonti (100 underkonti × 5 standardkonti each)."""
    rng = random.Random(n)
    body, total = ["udgifter:\n"], 0
    for k in range(max(1, n // 500)):
        text, account = hovedkonto(k, min(100, max(1, n // 5)), rng)
        body.append(text)
        total += account
    return document("".join(body) + financing(total, max(1, n // 1000)))


def many_recipients(n: int) -> str:
    """N recipients spread over 100 hovedkonti, each named in a sentence of b."""
    rng = random.Random(n)
    konti = min(100, n)
    shares: list[list[int]] = [[] for _ in range(konti)]
    for i in range(n):
        shares[i % konti].append(rng.randint(1, 400))
    body = "udgifter:\n" + "".join(compact(k, tenths(sum(s))) for k, s in enumerate(shares))
    entries = [(f"m{i}", f"Modtager {i + 1}", nr(i % konti), shares[i % konti][i // konti])
               for i in range(n)]
    b = "".join(f"    - Der afsættes {{modtager:{rid}}} til {name}.\n" for rid, name, _, _ in entries)
    total = sum(map(sum, shares))
    return document(body + financing(total, max(1, n // 1000)) + recipients(entries), b)


def prose(n: int) -> str:
    """N/10 hovedkonti with a recipient each; N paragraphs of b referring to them and to the
    totals, and N/10 tekstanmærkninger, each ad one account and referring to its amount."""
    rng = random.Random(n)
    konti = max(1, n // 10)
    amounts = [rng.randint(1, 400) for _ in range(konti)]
    body = "udgifter:\n" + "".join(compact(k, tenths(a)) for k, a in enumerate(amounts))
    entries = [(f"m{k}", f"Modtager {k + 1}", nr(k), a) for k, a in enumerate(amounts)]
    b = "".join(
        f"    - Af {{udgift}} i {{finansår}} går {{konto:{nr(i % konti)}}} til "
        f"{{kontonavn:{nr(i % konti)}}}, heraf {{modtager:m{i % konti}}} til Modtager {i % konti + 1}.\n"
        for i in range(n))
    annotations = "\ntekstanmærkninger:\n" + "".join(
        f"  - nr: {300 + k}\n    gruppe: materielle bestemmelser\n    ad: {nr(k)}\n    stk:\n"
        f"      - >-\n        Finansministeren bemyndiges til at overføre {{konto:{nr(k)}}} i "
        f"{{finansår}} til initiativet.\n" for k in range(konti))
    return document(body + financing(sum(amounts), 1) + recipients(entries) + annotations, b,
                    annotations=True)


def findings(n: int) -> str:
    """N warnings, each with its position: N/2 hovedkonti whose amount has two decimals
    (AKT308), and a paragraph per hovedkonto that writes its amount out exactly (AKT602)."""
    rng = random.Random(n)
    amounts = [rng.randint(1, 400) * 10 + 5 for _ in range(max(1, n // 2))]   # hundredths
    body = "udgifter:\n" + "".join(compact(k, f"{a // 100}.{a % 100:02d}")
                                   for k, a in enumerate(amounts))
    b = "".join(f"    - Initiativ {k + 1} får {a // 100},{a % 100:02d} mio. kr.\n"
                for k, a in enumerate(amounts))
    total = sum(amounts) // 10    # the reserve pays the amounts rounded down to tenths …
    return document(body + financing(total, max(1, n // 1000))
                    + f"\nnettoændring: {{2025: {(sum(amounts) % 10) / 100:.2f}}}\n", b)
    # … and the rest is the intended net change (one more AKT308)


SHAPES = {"rows": rows, "accounts": accounts, "lines": lines, "recipients": many_recipients,
          "prose": prose, "findings": findings}


if __name__ == "__main__":
    shape, size = sys.argv[1], int(sys.argv[2])
    sys.stdout.write(SHAPES[shape](size))
