"""The head above the lead line and the closing block under the sections, read back into the
fields they are printed from (kinds/aktstykke/hoved.py, afgoerelse.py, the template's end)."""

from __future__ import annotations

import datetime
import re
from typing import Any

_NUMMER = re.compile(r"^Aktstykke nr\. (?P<nr>\d{1,4})$")
_FOLKETINGSÅR = re.compile(r"^Folketinget (?P<år>\d{4}-\d{2})$")
_AFGJORT = re.compile(r"^Afgjort den ")
_BESLUTNING = re.compile(r"^(?P<handling>Tiltrådt|Taget til efterretning) af (?P<flertal>et flertal i )?"
                         r"(?P<hvem>.+?) den (?P<d>\d\d)-(?P<m>\d\d)-(?P<y>\d{4})"
                         r"(?: \(udvalget med undtagelse af (?P<imod>.+), der stemte imod "
                         r"aktstykket\))?$")
_ADRESSAT = re.compile(r"^Til (?P<hvem>.+)\.$")


def head(lines: list[str], data: dict[str, Any], unplaced: list[str]) -> None:
    """Number and folketingsår from the head; the big number and 'Afgjort den' are printed from
    them and the decision, so they are checked, not kept."""
    for line in lines:
        if m := _NUMMER.match(line):
            data["nummer"] = int(m["nr"])
        elif m := _FOLKETINGSÅR.match(line):
            data["folketingsår"] = m["år"]
        elif line.isdigit() and int(line) == data.get("nummer") or _AFGJORT.match(line):
            continue
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
