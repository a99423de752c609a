"""The official account plan, read from a Finanslovsdatabasen export.

The export is cp1252, semicolon-separated, one node per line:
`"16550720 Strategi for personlig medicin "; 0,0; 0,0; 17,0; …`. The code's
length gives the level (2 §, 3 hovedområde, 4 aktivitetsområde, 6 hovedkonto,
8 underkonto); two-digit lines after an underkonto are its standardkonti, and
are told from a § line by what follows (a § is followed by its hovedområde).
Names are truncated to about 46 characters. Only names are kept: the rules ask
whether an account exists in that year and what it is called.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_NODE = re.compile(r"(\d+)[ *](.*)")   # the 2026 export masks some names: "23*****"
_LEVELS = {2, 3, 4, 6, 8}


class KontoplanError(ValueError):
    """The file is not a Finanslovsdatabasen export; the message says why, with the line."""


@dataclass(frozen=True)
class Konto:
    name: str
    line: int   # in the export, so a diagnostic can point there too


@dataclass(frozen=True)
class Kontoplan:
    file: str
    konti: dict[str, Konto]   # code without dots ("161116", "16111610")
    year: int | None          # from the file name, when it has one

    def find(self, nr: str) -> Konto | None:
        """The export's hovedkonto (16.11.16) or underkonto (16.11.16.10), if it has one."""
        return self.konti.get(nr.replace(".", ""))


def read_kontoplan(path: Path) -> Kontoplan:
    try:
        with path.open(encoding="cp1252", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            rows = [(reader.line_num, row) for row in reader if row]
    except OSError as error:
        raise KontoplanError(f"{path}: kan ikke læses: {error.strerror}") from None
    except UnicodeDecodeError:
        raise KontoplanError(f"{path}: er ikke en cp1252-tekstfil fra Finanslovsdatabasen") from None
    nodes: list[tuple[str, Konto]] = []
    for number, row in rows:
        match = _NODE.fullmatch(row[0].strip())
        if match is None or len(match[1]) not in _LEVELS:
            raise KontoplanError(
                f"{path}:{number}: forventede '\"<kontonummer> <navn>\"; <beløb>; …', "
                f"fandt {row[0][:60]!r}")
        nodes.append((match[1], Konto(" ".join(match[2].split()), number)))
    konti: dict[str, Konto] = {}
    for i, (code, konto) in enumerate(nodes):
        following = nodes[i + 1][0] if i + 1 < len(nodes) else ""
        if len(code) == 2 and not (len(following) == 3 and following.startswith(code)):
            continue  # a standardkonto line, not a §
        konti[code] = konto
    if not konti:
        raise KontoplanError(f"{path}: filen indeholder ingen konti")
    year = re.search(r"(?<!\d)(19|20|21)\d{2}(?!\d)", path.name)
    return Kontoplan(str(path), konti, int(year[0]) if year else None)


def names_agree(ours: str, theirs: str) -> bool:
    """Equal up to case and spacing, or the export's name is ours cut off at a word."""
    a, b = " ".join(ours.casefold().split()), " ".join(theirs.casefold().split())
    return a == b or (a.startswith(b) and a[len(b)] == " ")
