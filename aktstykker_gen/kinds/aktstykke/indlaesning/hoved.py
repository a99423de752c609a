"""The head above the lead line and the closing block under the sections, read back into the
fields they are printed from (kinds/aktstykke/hoved.py, afgoerelse.py, the template's end): a
number or a confidential aktstykke's letter, and the notes on its confidentiality."""

from __future__ import annotations

import datetime
import re
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning.layout import LONG_DATE, long_date

_NUMMER = re.compile(r"^Aktstykke nr\. (?P<nr>\d{1,4})$")
_BOGSTAV = re.compile(r"^(?:Fortroligt a|A)ktstykke (?P<bogstav>[A-ZÆØÅ]{1,3})$")
# The notes under a confidential aktstykke's head (kinds/aktstykke/hoved.py writes them).
_FORTROLIG = re.compile(rf"^Aktstykkets (?P<omfang>indhold|eksistens og indhold) er fortroligt af "
                        rf"hensyn til (?P<grund>.+?)\.(?: Aktstykket kan offentliggøres(?: den "
                        rf"(?P<dato>{LONG_DATE})|, når (?P<naar>.+))\.)?$")
_OPHÆVET = re.compile(rf"^Tidligere fortroligt aktstykke (?P<bogstav>[A-ZÆØÅ]{{1,3}})\. "
                      rf"Fortroligheden er ophævet ved (?P<ved>.+) af (?P<dato>{LONG_DATE})\.$")
# Once lifted, the head no longer says why the aktstykke was confidential.
GRUND = "fortrolighedens grund (teksten siger kun, at fortroligheden er ophævet)"
_FOLKETINGSÅR = re.compile(r"^Folketinget (?P<år>\d{4}-\d{2})$")
_AFGJORT = re.compile(r"^Afgjort den ")
_BESLUTNING = re.compile(r"^(?P<handling>Tiltrådt|Taget til efterretning) af (?P<flertal>et flertal i )?"
                         r"(?P<hvem>.+?) den (?P<d>\d\d)-(?P<m>\d\d)-(?P<y>\d{4})"
                         r"(?: \(udvalget med undtagelse af (?P<imod>.+), der stemte imod "
                         r"aktstykket\))?$")
_ADRESSAT = re.compile(r"^Til (?P<hvem>.+)\.$")


def head(lines: list[str], data: dict[str, Any], unplaced: list[str], marks: list[str]) -> None:
    """Number or letter, folketingsår and confidentiality from the head; the big number or
    letter and 'Afgjort den' are printed from them and the decision, so they are checked, not
    kept. What the head does not say is marked in `marks`."""
    for line in lines:
        if m := _NUMMER.match(line):
            data["nummer"] = int(m["nr"])
        elif m := _BOGSTAV.match(line):
            data["bogstav"] = m["bogstav"]
        elif m := _FOLKETINGSÅR.match(line):
            data["folketingsår"] = m["år"]
        elif line in (str(data.get("nummer")), data.get("bogstav")) or _AFGJORT.match(line):
            continue
        elif m := _FORTROLIG.match(line):
            data["fortrolighed"] = {"grund": m["grund"], "omfang": m["omfang"],
                                    **({"ophæves": long_date(m["dato"])} if m["dato"] else {}),
                                    **({"ophæves_når": m["naar"]} if m["naar"] else {})}
        elif (m := _OPHÆVET.match(line)) and m["bogstav"] == data.get("bogstav"):
            data["fortrolighed"] = {"grund": f"UDFYLD {GRUND}",
                                    "ophævet": {"dato": long_date(m["dato"]), "ved": m["ved"]}}
            marks.append(GRUND)
        else:
            unplaced.append(line)


def closing(chunks: list[str], data: dict[str, Any], unplaced: list[str]) -> None:
    """Signatories, addressee, decision and the remarks after it, in the order printed."""
    rest = [c.strip() for c in chunks[1:]]   # the dateline repeats the lead's place and date
    signatories = []
    while rest and not _ADRESSAT.match(rest[0]) and "\n" not in rest[0]:
        signatories.append(rest.pop(0).removeprefix("/ "))
    data["underskrivere"] = signatories
    if rest and (m := _ADRESSAT.match(rest[0])):
        data["adressat"] = m["hvem"]
        rest.pop(0)
    if rest and (m := _BESLUTNING.match(rest[0])):
        rest.pop(0)
        afgørelse: dict[str, Any] = {"dato": datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))}
        if m["imod"]:
            afgørelse["stemte_imod"] = [m["imod"]]
        elif m["flertal"]:
            afgørelse["flertal"] = True
        if rest:
            afgørelse["bemærkninger"] = rest
            rest = []
        data["afgørelse"] = afgørelse
        data["status"] = "endelig"   # a decided aktstykke was sent
        if m["handling"] != "Tiltrådt":
            data["orienterende"] = True
    unplaced.extend(rest)
