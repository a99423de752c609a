"""The account tables read back into accounts: the specification (hovedkonto, underkonto,
standardkonto and their amounts) and the tables of hovedkonti (forslag, flerårsoversigt).

The labels are the template's (templates/aktstykke/aktstykke.xml.j2), so each is undone by
its own pattern; an amount's year and side (udgift or indtægt) are its column's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning.grid import GridRow, columns, header_cells, row

BEVILLINGSTYPER = {
    "Driftsbev.": "driftsbevilling",
    "Statsvirksomhed": "statsvirksomhed",
    "Anlægsbev.": "anlægsbevilling",
    "Lovbunden": "lovbunden",
    "Reservationsbev.": "reservationsbevilling",
    "Selvejende institution": "statsfinansieret selvejende institution",
    "Anden bev.": "anden bevilling",
}
_TYPE = "|".join(re.escape(label) for label in BEVILLINGSTYPER)
HOVEDKONTO = re.compile(rf"^§ (?P<nr>\d\d\.\d\d\.\d\d)\. (?P<navn>.+?)"
                        rf"(?: \((?P<type>{_TYPE})\))?(?P<ny> \(ny konto\))?$")
UNDERKONTO = re.compile(r"^(?P<nr>\d\d)\. (?P<navn>.+?)(?P<ny> \(ny underkonto\))?$")
STANDARDKONTO = re.compile(r"^(?P<nr>\d\d)\. (?P<navn>.+)$")
SIDES = {"Udgift, mio. kr.": "udgift", "Indtægt, mio. kr.": "indtægt"}
_NOTE = "Anm.: "


class NotAccounts(Exception):
    """A table that is not one of the account tables."""


@dataclass(frozen=True)
class Column:
    side: str            # "udgift" or "indtægt"
    year: int | None     # None: the I alt column
    edge: int


@dataclass
class Hovedkonto:
    nr: str
    navn: str
    bevillingstype: str | None = None
    ny: bool = False
    # (underkonto nr, navn, ny) → [(standardkonto nr, navn, {(side, year): amount})]
    underkonti: list[tuple[str, str, bool, list[tuple[str, str, dict[tuple[str, int], Decimal]]]]] \
        = field(default_factory=list)
    totals: dict[tuple[str, int], Decimal] = field(default_factory=dict)


def amount(cell: str) -> Decimal:
    return Decimal(cell.replace(".", "").replace(",", "."))


def table_columns(lines: list[str], year: int) -> tuple[list[Column], list[GridRow]]:
    """The columns of an account table (side and year each) and its body rows; `year` is the
    column's year when the header names none (the specification of one finansår)."""
    while lines and lines[-1].startswith(_NOTE):   # a ceiling's note, printed from the data
        lines = lines[:-1]
    split = next((i for i, line in enumerate(lines) if line.startswith("§ ")), None)
    if split is None or split == 0:
        raise NotAccounts("ingen kontolinjer")
    header, body = lines[:split], [row(line) for line in lines[split:]]
    sides = [(end, SIDES.get(text)) for end, text in header_cells(header[0])]
    if not sides or any(side is None for _, side in sides):
        raise NotAccounts("hverken Udgift, mio. kr. eller Indtægt, mio. kr. i tabelhovedet")
    years = dict(header_cells(header[1])) if len(header) > 1 else {}
    found = []
    for edge in columns(header, body):
        side = next((s for end, s in sides if edge <= end), None)
        label = years.get(edge, str(year)) if years else str(year)
        if side is None or not (label.isdigit() or label == "I alt"):
            raise NotAccounts(f"en kolonne uden år eller side ved tegn {edge}")
        found.append(Column(side, int(label) if label.isdigit() else None, edge))
    return found, body


def _amounts(r: GridRow, cols: list[Column]) -> dict[tuple[str, int], Decimal]:
    by_edge = {c.edge: c for c in cols}
    result = {}
    for edge, cell in r.cells.items():
        column = by_edge.get(edge)
        if column is None:
            raise NotAccounts(f"et beløb uden for kolonnerne: {cell}")
        if column.year is not None and cell != "-":
            result[(column.side, column.year)] = amount(cell)
    return result


def specification(lines: list[str], year: int) -> list[Hovedkonto]:
    """The specification table: every hovedkonto with its underkonti and standardkonti."""
    cols, body = table_columns(lines, year)
    found: list[Hovedkonto] = []
    for r in body:
        if r.level == 0 and (h := HOVEDKONTO.match(r.label)) and not r.cells:
            found.append(Hovedkonto(h["nr"], h["navn"], BEVILLINGSTYPER.get(h["type"] or ""),
                                    bool(h["ny"])))
        elif r.level == 1 and found and (u := UNDERKONTO.match(r.label)) and not r.cells:
            found[-1].underkonti.append((u["nr"], u["navn"], bool(u["ny"]), []))
        elif r.level == 2 and found and found[-1].underkonti and (
                s := STANDARDKONTO.match(r.label)):
            found[-1].underkonti[-1][3].append((s["nr"], s["navn"], _amounts(r, cols)))
        else:
            raise NotAccounts(f"en linje, der ikke er en konto: {r.label!r}")
    return found


def hovedkonti(lines: list[str], year: int) -> tuple[list[Hovedkonto], list[Column]]:
    """A table of hovedkonti (the forslag's, the flerårsoversigt): each with its totals."""
    cols, body = table_columns(lines, year)
    found = []
    for r in body:
        h = HOVEDKONTO.match(r.label)
        if r.level != 0 or h is None:
            raise NotAccounts(f"en linje, der ikke er en hovedkonto: {r.label!r}")
        found.append(Hovedkonto(h["nr"], h["navn"], ny=bool(h["ny"]), totals=_amounts(r, cols)))
    return found, cols


def as_spec(konto: Hovedkonto) -> dict[str, Any]:
    """A hovedkonto as the spec writes it."""
    data: dict[str, Any] = {"nr": konto.nr, "navn": konto.navn}
    if konto.bevillingstype:
        data["bevillingstype"] = konto.bevillingstype
    if konto.ny:
        data["ny"] = True
    underkonti = []
    for nr, navn, ny, standardkonti in konto.underkonti:
        under: dict[str, Any] = {"nr": int(nr), "navn": navn}
        if ny:
            under["ny"] = True
        under["standardkonti"] = [_standardkonto(*s) for s in standardkonti]
        underkonti.append(under)
    data["underkonti"] = underkonti
    return data


def _standardkonto(nr: str, navn: str, amounts: dict[tuple[str, int], Decimal]) -> dict[str, Any]:
    data: dict[str, Any] = {"nr": int(nr), "navn": navn}
    for side in ("udgift", "indtægt"):
        years = {year: value for (s, year), value in sorted(amounts.items()) if s == side}
        if years:
            data[side] = years
    return data
