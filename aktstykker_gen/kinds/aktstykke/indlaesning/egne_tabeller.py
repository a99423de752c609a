"""An own table (#8) as the text writer laid it out, read back into a `tabel` block: its caption
"Tabel 1. Titel", its unit line "Mia. kr. (2025-pl)", its headings, its rows in columns
(grid.py) and its notes ("Anm.: …", "1) …", "Kilde: …"; view.py prints them so).

A row that is the sum of the rows above it (back to the last such row) in every column is a
sum row: its parts are named, and its printed amounts kept, so that `check` holds them
against the parts. Anything else that does not read as such a table is left to the caller.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning.grid import header_cells, row
from aktstykker_gen.units import Enhed

_CAPTION = re.compile(r"^Tabel (?P<nr>\d+)\. (?P<titel>.+)$")
_UNIT = re.compile(rf"^(?P<enhed>{'|'.join(re.escape(e.linje) for e in Enhed)})"
                   r"(?: \((?P<prisniveau>[^)]+)\))?$")
_NOTE = re.compile(r"^(?P<nr>\d+)\) (?P<tekst>.+)$")
_NONE = "-"


def own_table(lines: list[str]) -> dict[str, Any] | None:
    """The `tabel` of the lines, or None when they are not an own table as ours print it."""
    caption = _CAPTION.match(lines[0]) if len(lines) > 3 else None
    unit = _UNIT.match(lines[1]) if caption else None
    if caption is None or unit is None:
        return None
    end = next((i for i, line in enumerate(lines) if line.startswith(("Anm.: ", "Kilde: "))),
               len(lines))
    headings = header_cells(lines[2])
    edges = [edge for edge, _ in headings]
    rows = []
    for line in lines[3:end]:
        body = row(line)
        if set(body.cells) - set(edges) or not body.cells:
            return None
        rows.append((body.level, body.label, [body.cells.get(edge, _NONE) for edge in edges]))
    found: dict[str, Any] = {"id": f"tabel-{caption['nr']}", "titel": caption["titel"],
                             "enhed": Enhed(unit["enhed"].lower()).value}
    if unit["prisniveau"]:
        found["prisniveau"] = unit["prisniveau"]
    found["kolonner"] = [int(navn) if re.fullmatch(r"\d{4}", navn) else
                         {"id": _slug(navn), "navn": navn} for _, navn in headings]
    found["rækker"] = _rows(rows)
    found.update(_notes(lines[end:]))
    return found


def _rows(rows: list[tuple[int, str, list[str]]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    since = 0   # the first row after the last sum row
    for level, label, cells in rows:
        entry: dict[str, Any] = {"id": _unique(_slug(label), found), "tekst": label}
        if level:
            entry["niveau"] = level
        entry["værdier"] = cells
        parts = found[since:]
        if len(parts) > 1 and all(_sum([p["værdier"][c] for p in parts]) == _value(cell)
                                  for c, cell in enumerate(cells)):
            entry["sum"] = [p["id"] for p in parts]
            since = len(found) + 1
        found.append(entry)
    return found


def _notes(lines: list[str]) -> dict[str, Any]:
    """The anmærkning, the numbered notes and the source under the table."""
    found: dict[str, Any] = {}
    for i, line in enumerate(lines):
        text = line.removeprefix("Anm.: ") if i == 0 else line
        if line.startswith("Kilde: "):
            found["kilde"] = line.removeprefix("Kilde: ")
        elif m := _NOTE.match(text):
            found.setdefault("noter", []).append(m["tekst"])
        else:
            found["anm"] = text
    return found


def _value(cell: str) -> Decimal:
    return Decimal(0) if cell == _NONE else Decimal(cell.replace(".", "").replace(",", "."))


def _sum(cells: list[str]) -> Decimal:
    return sum((_value(c) for c in cells), Decimal(0))


def _slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "r"


def _unique(name: str, found: list[dict[str, Any]]) -> str:
    """The row's id: its text's, numbered on where another row's text gave it already."""
    taken = {entry["id"] for entry in found}
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def cells(tables: list[dict[str, Any]]) -> list[str]:
    """A reference to every cell of the tables, {tabel:id.række.kolonne}."""
    return [f"{{tabel:{t['id']}.{r['id']}.{k if isinstance(k, int) else k['id']}}}"
            for t in tables for r in t["rækker"] for k in t["kolonner"]]
