"""Specs made to stress pagination: `prose` one-line paragraphs before the specification table
move each page break down by one paragraph's height (23,8 pt, a line and a half), so over a
range of them the break falls at every place around the table (inside the prose, on the
introductory sentence, on the header rows, in a group, after the table); `accounts` hovedkonti
of `lines` standardkonti each make a table of as many groups, longer than a page when there
are many."""

from __future__ import annotations

import os

STANDARDKONTI = [(16, "Husleje, leje af arealer, leasing"), (18, "Lønninger / personaleomkostninger"),
                 (22, "Andre ordinære driftsomkostninger"), (45, "Tilskud til erhverv"),
                 (46, "Tilskud til anden virksomhed og investeringstilskud"),
                 (51, "Anlægsaktiver (anskaffelser)"), (49, "Reserver og budgetregulering")]


def spec(prose: int, accounts: int, lines: int = 1) -> str:
    """The spec's YAML: an aktstykke whose b has `prose` paragraphs and then its specification
    table of `accounts` groups, each a hovedkonto, an underkonto and `lines` standardkonti."""
    amounts = [[round(1.0 + 0.1 * (a * lines + i), 1) for i in range(lines)] for a in range(accounts)]
    total = round(sum(map(sum, amounts)), 1)
    out = ["art: aktstykke", f"titel: Udmøntning af reserver ({prose} afsnit, {accounts} konti)",
           "ministerium: Indenrigs- og Sundhedsministeriet", "sted: København",
           "dato: 2025-10-01", "finansår: 2025", "", "udgifter:"]
    for a, row in enumerate(amounts):
        out += [f"  - nr: 16.{a // 100:02d}.{a % 100:02d}", f"    navn: Initiativ {a + 1}",
                "    bevillingstype: driftsbevilling", "    underkonti:",
                "      - nr: 10", "        navn: Almindelig virksomhed", "        standardkonti:"]
        for (nr, navn), amount in zip(STANDARDKONTI, row, strict=False):
            out += [f"          - nr: {nr}", f"            navn: {navn}",
                    f"            udgift: {{2025: {amount}}}"]
    out += ["", "finansiering:", "  - nr: 35.11.01", "    navn: Reserver og budgetregulering",
            "    underkonti:", "      - nr: 10", "        navn: Reserve til sundhedsinitiativer",
            "        standardkonti:", "          - nr: 49",
            "            navn: Reserver og budgetregulering", f"            udgift: {{2025: {-total}}}",
            "", "tekst:", "  a:",
            "    - >-",
            "      Indenrigs- og Sundhedsministeriet anmoder om Finansudvalgets tilslutning til at"
            " tilføre {udgift} i {finansår} til en række initiativer. Midlerne tilføres følgende konti:",
            "    - indsæt: kontoliste", "    - indsæt: finansiering", "  b:"]
    out += [f"    - Initiativ {i % accounts + 1} er beskrevet i afsnit {i + 1}." for i in range(prose)]
    out += ["    - indsæt: specifikation", "  c:",
            "    - Aktstykket forelægges for Folketingets Finansudvalg nu med henblik på at"
            " tilvejebringe finansiering i indeværende finansår.",
            "  e:", "    - indsæt: forslag", "  f:", "    - Finansministeriets tilslutning foreligger.",
            "", "underskrivere:", "  - Sophie Løhde", "  - Mads Grønnegaard-Kieler",
            "adressat: Finansudvalget", ""]
    return "\n".join(out)


def cases() -> list[tuple[int, int, int]]:
    """(prose, accounts, lines) of the generated specs: a dozen in `make test`; every one with
    AKTSTYKKE_PAGINATION=all (`make fuzz`)."""
    prose = [(n, 3, 1) for n in range(8, 38)]          # the break sweeps a page
    groups = [(4, k, 3) for k in range(2, 16)]          # tables of 2–15 groups of 5 rows
    big = [(n, 4, 7) for n in range(0, 28, 3)]         # 4 groups of 9 rows: near a page
    every = prose + groups + big
    if os.environ.get("AKTSTYKKE_PAGINATION") == "all":
        return every
    return prose[2::5] + groups[::4] + big[::4]
