"""Every code the tool can report, in one table: the pipeline's own and each kind's rules.

`aktstykke rules` prints this table, `docs/rules.md` is made from it, and the
tests hold it against the error catalogue in `tests/errors/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds import KINDS


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    severity: Severity
    group: str
    kind: str | None = None      # None: every document kind
    selectable: bool = False     # a rule that --select/--ignore can pick
    description: str = ""


# Reported by load.py and validation.py, before any rule runs; they stop the spec.
STAGE_CODES = (
    Entry("AKT001", "YAML-syntaks og tegnsæt", Severity.ERROR, "syntaks",
          description="Filen er ikke gyldig YAML eller ikke UTF-8."),
    Entry("AKT002", "ingen YAML-aliasser eller -tags", Severity.ERROR, "syntaks",
          description="Aliasser (*navn) og tags (!!python/…) afvises: en specifikation er ren data."),
    Entry("AKT003", "nøgler står én gang og er simple tekster", Severity.ERROR, "syntaks",
          description="YAML ville ellers stille bruge den sidste af to ens nøgler."),
    Entry("AKT004", "kun kendte felter", Severity.ERROR, "skema",
          description="Et ukendt felt er oftest en stavefejl; fejlen foreslår det nærmeste kendte."),
    Entry("AKT005", "påkrævede felter findes", Severity.ERROR, "skema"),
    Entry("AKT006", "værdier har den rigtige type og form", Severity.ERROR, "skema",
          description="Tekst, heltal, dato, true/false, kontonumre og faste værdier."),
    Entry("AKT007", "beløb er eksakte decimaltal", Severity.ERROR, "skema",
          description="Beløb læses som skrevet (30,0 eller 30.0), aldrig som binære kommatal."),
    Entry("AKT008", "filen kan læses", Severity.ERROR, "syntaks",
          description="Filen findes ikke, kan ikke åbnes eller er ikke den slags fil, der er "
                      "bedt om (fx en DOCX, der ikke er en zip-fil, eller en kontoplan, der ikke "
                      "er en eksport fra Finanslovsdatabasen); giver exit-kode 2."),
    Entry("AKT009", "filen holder sig inden for grænserne", Severity.ERROR, "syntaks",
          description="Hver læser har en grænse (docs/limits.md): en specifikations størrelse, "
                      "indlejringsdybde og længden af en tekst; en DOCX' udpakkede størrelse, "
                      "antal dele og tabelceller; en PDF's sider. En fejlagtig eller fjendtlig "
                      "fil afvises hurtigt og med begrænset hukommelse. En fil over sin "
                      "størrelsesgrænse læses ikke (exit-kode 2); en tekst eller indlejring i en "
                      "specifikation er en fejl på sin linje (exit-kode 1)."),
    Entry("AKT010", "output kan skrives", Severity.ERROR, "output",
          description="En fil kunne ikke skrives (fx ingen adgang, fuld disk, en mappe med "
                      "filens navn, grænsen for filstørrelse `ulimit -f`, eller en TMPDIR uden "
                      "plads til de midlertidige filer). En specs filer skrives alle eller "
                      "ingen: de, der allerede var skrevet, sættes tilbage, så de tidligere "
                      "filer står urørt, og intet halvt skrevet output efterlades; kan en fil "
                      "ikke sættes tilbage, nævnes den. Exit-kode 2."),
    Entry("AKT013", "to specs skriver ikke de samme filer", Severity.ERROR, "output",
          description="To specs i samme build ville give filer med samme navn (`x.yaml` og "
                      "`x.yml`, samme navn i to mapper, eller navne, der kun adskiller sig ved "
                      "store og små bogstaver): ingen af dem bygges. Exit-kode 2."),
    Entry("AKT015", "et aktstykke, der er fortroligt i sin helhed, har ingen offentlig udgave",
          Severity.ERROR, "output",
          description="`build --udgave offentlig` af et aktstykke, der er fortroligt i sin "
                      "helhed, bygger intet: det har ingen offentlig udgave, før fortroligheden "
                      "er ophævet. Standarden, `--udgave begge`, bygger da kun den fortrolige "
                      "udgave (NAVN.fortrolig.*) og siger det. Exit-kode 1."),
    Entry("AKT016", "en importeret fil er et aktstykke", Severity.ERROR, "syntaks",
          description="`aktstykke import` læser kun et aktstykkes tekst: en indledende linje "
                      "(ministeriet, stedet og datoen) og afsnit a. En anden tekst (en "
                      "dagsorden, et brev) afvises, og intet skrives. Exit-kode 1."),
    Entry("AKT011", "filen er en almindelig fil", Severity.ERROR, "syntaks",
          description="En mappe, en navngiven pipe (FIFO), en enhed som /dev/zero eller en "
                      "socket læses ikke: en pipe venter for evigt på en skriver, og en enhed "
                      "slutter aldrig. Typen kontrolleres, før filen åbnes. Exit-kode 2."),
    Entry("AKT014", "ingen usynlige eller tvetydige tegn", Severity.ERROR, "syntaks",
          description="Retningstegn (U+202A–U+202E, U+2066–U+2069), usynlige tegn som "
                      "nulbredde-mellemrum og blød bindestreg, andre mellemrum end det "
                      "almindelige og U+00A0, usynlige linjeskift (U+2028, U+2029) og tegn fra "
                      "Unicodes private område afvises med deres position: de får PDF'en til at "
                      "vise noget andet end data og diff, eller en henvisning til ikke at passe. "
                      "Bogstaver sammenlignes sammensat (NFC), så et å skrevet som a + ring er "
                      "det samme å."),
)


def entries() -> list[Entry]:
    """All codes, the pipeline's first, then each kind's rules in the order they are registered;
    a rule every kind has (the markers') once, under the first."""
    result = list(STAGE_CODES)
    seen: set[str] = set()
    for kind in KINDS.values():
        result.extend(
            Entry(rule.code, rule.title, rule.severity, rule.group, kind.name, True,
                  rule.description)
            for rule in kind.rules.rules if rule.code not in seen)
        seen.update(rule.code for rule in kind.rules.rules)
    return result


def registered_codes() -> set[str]:
    return {entry.code for entry in entries()}
