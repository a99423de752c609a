"""The official account plan, read from a Finanslovsdatabasen export.

The export is cp1252, semicolon-separated, one node per line:
`"16550720 Strategi for personlig medicin "; 0,0; 0,0; 17,0; …`. The code's
length gives the level (2 §, 3 hovedområde, 4 aktivitetsområde, 6 hovedkonto,
8 underkonto); two-digit lines after an underkonto are its standardkonti, and
are told from a § line by what follows (a § is followed by its hovedområde).
Names are truncated to about 46 characters. Each hovedkonto and underkonto keeps its
name and its six amounts (mio. kr.), in `COLUMNS` order: docs/kontoplan.md says how the
columns were told apart and why `finanslov` reads B for the export's year and BO1–BO3 after.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from aktstykker_gen import limits
from aktstykker_gen.bounded import TOO_LARGE, UNREADABLE, Refused, number, read_bytes, refusal
from aktstykker_gen.diagnostics import Span

_NODE = re.compile(r"(\d+)[ *](.*)")   # the 2026 export masks some names: "23*****"
_LEVELS = {2, 3, 4, 6, 8}
_FIELDS = 100   # a line is a name and one amount per year and column: some 20 fields
_HINT = "brug en eksport fra Finanslovsdatabasen (cp1252, semikolonsepareret)"
_AMOUNT = re.compile(r"-?\d{1,12}(,\d{1,3})?")

# The export's amount columns for the export of year Y: R the regnskab (Y-1), B the finanslov
# (Y), TB the bevilling including aktstykker and tillægsbevilling (Y), BO1-BO3 the budget
# outline (Y+1 to Y+3). B is what the finanslov holds before any aktstykke of the year.
COLUMNS = ("R", "B", "TB", "BO1", "BO2", "BO3")
_FINANSLOV = {0: 1, 1: 3, 2: 4, 3: 5}   # years after Y → the column of the finanslov's figure


class KontoplanError(Refused):
    """The file is not a Finanslovsdatabasen export; the diagnostic says why, with the line
    (AKT008, exit 2)."""

    def __init__(self, path: Path, message: str, line: int | None = None,
                 code: str = UNREADABLE) -> None:
        span = Span(str(path), line, 1) if line else None
        super().__init__(refusal(path, code, message, _HINT, span).diagnostic)


@dataclass(frozen=True)
class Konto:
    name: str
    line: int   # in the export, so a diagnostic can point there too
    amounts: tuple[Decimal | None, ...] = ()   # mio. kr., in COLUMNS order; None: not given


@dataclass(frozen=True)
class Afsat:
    """What the finanslov holds on an account in one year, and where the export says so."""

    amount: Decimal
    column: str
    line: int


@dataclass(frozen=True)
class Kontoplan:
    file: str
    konti: dict[str, Konto]   # code without dots ("161116", "16111610")
    year: int | None          # from the file name, when it has one

    def find(self, nr: str) -> Konto | None:
        """The export's hovedkonto (16.11.16) or underkonto (16.11.16.10), if it has one."""
        return self.konti.get(nr.replace(".", ""))

    def finanslov(self, nr: str, år: int, finansår: int) -> Afsat | None:
        """The finanslov's figure on `nr` in `år`, from an export for `finansår` (B for that
        year, BO1-BO3 for the three after); None when the export has no such account, no
        column for the year, or is for another year (AKT311 says so)."""
        konto = self.find(nr)
        if konto is None or (self.year is not None and self.year != finansår):
            return None
        column = _FINANSLOV.get(år - finansår)
        if column is None or column >= len(konto.amounts):
            return None
        amount = konto.amounts[column]
        return Afsat(amount, COLUMNS[column], konto.line) if amount is not None else None


def read_kontoplan(path: Path) -> Kontoplan:
    """The export at `path`, read through `bounded`; `Refused` (exit 2) when it is not one."""
    raw = read_bytes(path, limits.KONTOPLAN_BYTES, limits.KONTOPLAN_HINT)
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise KontoplanError(path, f"byte 0x{raw[error.start]:02x} findes ikke i cp1252, som "
                                   "Finanslovsdatabasen skriver", line) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    too_long = f"linjen har over {_FIELDS} felter eller et felt på over " \
        f"{number(limits.KONTOPLAN_FIELD)} tegn"
    rows = []
    try:
        for row in reader:
            if len(row) > _FIELDS or any(len(field) > limits.KONTOPLAN_FIELD for field in row):
                raise KontoplanError(path, too_long, reader.line_num, TOO_LARGE)
            if row:
                rows.append((reader.line_num, row))
    except csv.Error as error:   # the csv module's own field limit (128 K) is one way to fail
        if "field limit" in str(error):
            raise KontoplanError(path, too_long, reader.line_num, TOO_LARGE) from None
        raise KontoplanError(path, f"ikke en semikolonsepareret eksport ({error})",
                             reader.line_num) from None
    nodes: list[tuple[str, Konto]] = []
    for line, row in rows:
        match = _NODE.fullmatch(row[0].strip())
        if match is None or len(match[1]) not in _LEVELS:
            raise KontoplanError(
                path, f"forventede '\"<kontonummer> <navn>\"; <beløb>; …', "
                      f"fandt {row[0][:60]!r}", line)
        nodes.append((match[1], Konto(" ".join(match[2].split()), line,
                                      _amounts(path, row[1:], line))))
    konti: dict[str, Konto] = {}
    for i, (code, konto) in enumerate(nodes):
        following = nodes[i + 1][0] if i + 1 < len(nodes) else ""
        if len(code) == 2 and not (len(following) == 3 and following.startswith(code)):
            continue  # a standardkonto line, not a §
        konti[code] = konto
    if not konti:
        raise KontoplanError(path, "filen indeholder ingen konti")
    year = re.search(r"(?<!\d)(19|20|21)\d{2}(?!\d)", path.name)
    return Kontoplan(str(path), konti, int(year[0]) if year else None)


def _amounts(path: Path, fields: list[str], line: int) -> tuple[Decimal | None, ...]:
    """A line's amounts, "1288,4" as Decimal("1288.4"); an empty field is None."""
    found: list[Decimal | None] = []
    for field in fields[:len(COLUMNS)]:
        text = field.strip()
        if not text:
            found.append(None)
            continue
        if not _AMOUNT.fullmatch(text):
            raise KontoplanError(path, f"forventede et beløb som 1288,4, fandt {text[:30]!r}",
                                 line)
        found.append(Decimal(text.replace(",", ".")))
    return tuple(found)


# An export's column is cut well past this; a shorter prefix could be another account's name.
CUT_AT_LEAST = 12


def names_agree(ours: str, theirs: str) -> bool:
    """Equal up to case and spacing, or the export's name is ours cut off: at a word, or
    anywhere (inside a word, inside "(COVID-19)") once `CUT_AT_LEAST` characters are left, so
    the cut cannot be mistaken for a short name of its own. A trailing '…' or '...' is the
    export marking the cut."""
    a, b = " ".join(ours.casefold().split()), " ".join(theirs.casefold().split())
    b = b.removesuffix("…").removesuffix("...").rstrip()
    if a == b:
        return True
    return bool(b) and a.startswith(b) and (a[len(b)] == " " or len(b) >= CUT_AT_LEAST)
