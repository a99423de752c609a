"""The bilag after the closing block ("Bilag 1. Titel" and its blocks, the template's end), read
back into `bilag`. A confidential bilag's public edition shows only its number, its title and
the statement of its confidentiality (fortrolighed.py), which gives the fortrolighed back; its
content is not in the text, so it is marked for the clerk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning.layout import (
    LONG_DATE,
    Chunk,
    long_date,
    read_chunk,
)

_HEADING = re.compile(r"^Bilag (?P<nr>\d{1,2})\. (?P<titel>.+)$")
_FORTROLIGT = re.compile(
    rf"^Indholdet af bilag (?P<nr>\d{{1,2}}) til nærværende aktstykke er fortroligt af hensyn "
    rf"til (?P<grund>.+?)\.(?: Bilaget kan offentliggøres(?: den (?P<dato>{LONG_DATE})|, når "
    rf"(?P<naar>.+?))\.)?(?: Beløb(?:et|ene) på (?P<beløb>.+) omfatter fortrolige beløb, jf\. "
    rf"bilag (?P=nr)\.)?$")


@dataclass
class Bilag:
    nr: int
    titel: str
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def statement(self) -> re.Match[str] | None:
        """The statement a confidential bilag shows in place of its content, if it is one."""
        if len(self.chunks) != 1 or self.chunks[0].kind != "p":
            return None
        m = _FORTROLIGT.match(self.chunks[0].text)
        return m if m and int(m["nr"]) == self.nr else None


def split(closing: list[str]) -> tuple[list[str], list[Bilag]]:
    """The closing block without the bilag, and the bilag after it, each with its blocks."""
    at = next((i for i, c in enumerate(closing) if _HEADING.match(c.strip())), len(closing))
    found: list[Bilag] = []
    for raw in closing[at:]:
        if m := _HEADING.match(raw.strip()):
            found.append(Bilag(int(m["nr"]), m["titel"]))
        else:
            found[-1].chunks.append(read_chunk(raw))
    return closing[:at], found


def fortrolighed(statement: re.Match[str], references: list[str]) -> dict[str, Any]:
    """The fortrolighed its statement was worded from; `references` are the public totals its
    amounts were found to be (as the prose writes them, "{udgift}")."""
    found: dict[str, Any] = {"grund": statement["grund"]}
    if statement["dato"]:
        found["ophæves"] = long_date(statement["dato"])
    if statement["naar"]:
        found["ophæves_når"] = statement["naar"]
    if references:
        found["offentlige_totaler"] = [r.strip("{}") for r in references]
    return found
