"""The layout of an aktstykke's canonical text (writers/text.py), read back.

The text writer puts one block per paragraph, sections lettered "a. " with the rest of their
blocks indented three spaces, a quotation indented three more, bullets as "- ", tables as
right-aligned columns. This module undoes that and nothing more: which block means what is
udkast.py's to decide.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

INDENT = "   "
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")
LONG_DATE = r"\d{1,2}\. (?:" + "|".join(MONTHS) + r") \d{4}"
# "Indenrigs- og Sundhedsministeriet. København, den 1. oktober 2025."
LEAD = re.compile(rf"^(?P<ministerium>\S.*?)\.? (?P<sted>[^\s,.][^,.]*), den "
                  rf"(?P<dato>{LONG_DATE})\.$")
# A lead line is one short line: longer chunks are not tried, as LEAD's two open runs make
# its match quadratic in the chunk (a 400 KB paragraph took minutes).
LEAD_MAX = 500
_SECTION = re.compile(r"^(?P<letter>[a-f])\. (?P<rest>.*)$", re.DOTALL)


class NotAnAktstykke(Exception):
    """The text has no lead line or no lettered section: it is not an aktstykke."""


@dataclass
class Chunk:
    """One block as the text writer wrote it: its lines without the section's indent."""

    kind: str            # "p", "ul", "quote" or "table"
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Layout:
    head: list[str]
    ministerium: str
    sted: str
    dato: datetime.date
    sections: list[tuple[str, list[Chunk]]]
    closing: list[str] = field(default_factory=list)


def long_date(text: str) -> datetime.date:
    """"1. oktober 2025" → 2025-10-01."""
    day, month, year = text.split(" ")
    return datetime.date(int(year), MONTHS.index(month) + 1, int(day.rstrip(".")))


def find_long_dates(text: str) -> list[re.Match[str]]:
    return list(re.finditer(LONG_DATE, text))


def read_layout(text: str) -> Layout:
    """The text's head, sections and closing block; `NotAnAktstykke` if it has none of them."""
    chunks = [c.strip("\n") for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]
    lead_at = next((i for i, c in enumerate(chunks)
                    if len(c.strip()) <= LEAD_MAX and LEAD.match(c.strip())), None)
    if lead_at is None:
        raise NotAnAktstykke("ingen indledende linje som 'Ministeriet. København, den 1. "
                             "oktober 2025.'")
    lead = LEAD.match(chunks[lead_at].strip())
    assert lead is not None
    sted, dato = lead["sted"], lead["dato"]
    dateline = f"{sted}, den {dato}"
    sections: list[tuple[str, list[Chunk]]] = []
    closing: list[str] = []
    for chunk in chunks[lead_at + 1:]:
        if closing or chunk.strip() == dateline:
            closing.append(chunk)
            continue
        start = _SECTION.match(chunk)
        if start and (not sections or start["letter"] > sections[-1][0]):
            sections.append((start["letter"], []))
            chunk = INDENT + start["rest"]
        if not sections:
            raise NotAnAktstykke(f"tekst før afsnit a: {chunk.strip()[:60]!r}")
        sections[-1][1].append(read_chunk(chunk))
    if not sections or sections[0][0] != "a":
        raise NotAnAktstykke("intet afsnit a")
    return Layout([c.strip() for c in chunks[:lead_at]], lead["ministerium"], sted,
                  long_date(dato), sections, closing)


def read_chunk(raw: str) -> Chunk:
    """One block as the text writer wrote it, its kind from its lines."""
    lines = [line[len(INDENT):] if line.startswith(INDENT) else line for line in raw.split("\n")]
    if all(line.startswith("- ") for line in lines):
        return Chunk("ul", [line[2:] for line in lines])
    if len(lines) == 1 and lines[0].startswith(INDENT):
        return Chunk("quote", [lines[0][len(INDENT):]])
    if len(lines) > 1:
        return Chunk("table", lines)
    return Chunk("p", lines)
