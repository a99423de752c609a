"""A spec's own tables, computed: every cell's exact value in the table's unit.

A cell is typed (an amount or "-"), a reference to the spec's data (converted exactly
from mio. kr.), or a total: a row or column with `sum`, computed from its parts. A total
that is also typed keeps its typed value and is checked against the computed one
(rules/tabeller.py); the document shows what is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from aktstykker_gen import units
from aktstykker_gen.kinds.aktstykke.model import (
    TOM,
    Afsnit,
    Aktstykke,
    Bilag,
    Tabel,
    Tabelblok,
    Tabelkolonne,
    Tabelrække,
)
from aktstykker_gen.references import Reference, references

Cellenøgle = tuple[int, str]   # (row index, column key)
Opslag = Callable[[Reference], "Decimal | str"]


def kolonnenøgle(kolonne: int | Tabelkolonne) -> str:
    """A column's key in sums and references: its year or its id."""
    return str(kolonne) if isinstance(kolonne, int) else kolonne.id


def decimaler(tabel: Tabel) -> int:
    return tabel.enhed.decimaler if tabel.decimaler is None else tabel.decimaler


def vist(tabel: Tabel, value: Decimal) -> Decimal:
    return units.vist(value, tabel.enhed, decimaler(tabel))


@dataclass
class Beregning:
    """The cells of one table: value per (row index, column key), None for an empty cell."""

    tabel: Tabel
    kolonner: list[str]
    celler: dict[Cellenøgle, Decimal | None] = field(default_factory=dict)
    beregnet: dict[Cellenøgle, Decimal | None] = field(default_factory=dict)
    skrevet: set[Cellenøgle] = field(default_factory=set)
    # A total's parts, each with its sign (-1 for a row under `minus`).
    dele: dict[Cellenøgle, list[tuple[Cellenøgle, int]]] = field(default_factory=dict)
    ukendte: list[tuple[int, int, str]] = field(default_factory=list)   # row, column, reference

    def værdi(self, række: int, kolonne: str) -> Decimal | None:
        return self.celler.get((række, kolonne))


def summer(celler: dict[Cellenøgle, Decimal | None], dele: list[tuple[Cellenøgle, int]]
           ) -> Decimal | None:
    """The signed sum of the parts; None when every part is empty."""
    found = [sign * v for cell, sign in dele if (v := celler.get(cell)) is not None]
    return sum(found, Decimal(0)) if found else None


def sumrække(række: Tabelrække) -> bool:
    return række.sum is not None or bool(række.minus)


def beregn(tabel: Tabel, opslag: Opslag) -> Beregning:
    """Every cell's value. Unknown parts and references count as empty; the rules name them."""
    keys = [kolonnenøgle(k) for k in tabel.kolonner]
    result = Beregning(tabel, keys)
    rows_by_id = {r.id: i for i, r in enumerate(tabel.rækker) if r.id}
    column_parts = {kolonnenøgle(k): [str(p) for p in k.sum if str(p) in keys]
                    for k in tabel.kolonner if isinstance(k, Tabelkolonne) and k.sum}
    for i, række in enumerate(tabel.rækker):
        typed = række.værdier or []
        parts = [(rows_by_id[p], sign) for names, sign in ((række.sum or (), 1), (række.minus, -1))
                 for p in names if rows_by_id.get(p, i) < i]
        for j, key in enumerate(keys):
            cell = (i, key)
            if key in column_parts:
                result.dele[cell] = [((i, p), 1) for p in column_parts[key]]
                computed: Decimal | None = None   # filled below, once the row's parts are known
            elif sumrække(række):
                result.dele[cell] = [((p, key), sign) for p, sign in parts]
                computed = summer(result.celler, result.dele[cell])
            else:
                computed = None
            if j < len(typed):
                result.skrevet.add(cell)
                result.celler[cell] = _typed(typed[j], tabel, opslag, result, i, j)
            elif cell in result.dele:
                result.celler[cell] = computed
            result.beregnet[cell] = computed
        for key in column_parts:
            cell = (i, key)
            computed = summer(result.celler, result.dele[cell])
            result.beregnet[cell] = computed
            if cell not in result.skrevet:
                result.celler[cell] = computed
    return result


def _typed(value: Decimal | str, tabel: Tabel, opslag: Opslag, result: Beregning,
           række: int, kolonne: int) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if value == TOM:
        return None
    found = list(references(value))
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(value):
        result.ukendte.append((række, kolonne, value))
        return None
    try:
        resolved = opslag(found[0])
    except LookupError:
        resolved = value
    if isinstance(resolved, str):
        result.ukendte.append((række, kolonne, value))
        return None
    return units.fra_mio(resolved, tabel.enhed)


def hel(tabel: Tabel, beregning: Beregning) -> bool:
    """Whether the table's sums can be checked: every row has one value per column (or is
    a computed total), every reference and part is known, ids are unique and no amount has
    hidden decimals. Otherwise the rules name what is wrong, not the sums it throws off."""
    columns = len(tabel.kolonner)
    computed = sum(1 for k in tabel.kolonner if isinstance(k, Tabelkolonne) and k.sum)
    keys = [kolonnenøgle(k) for k in tabel.kolonner]
    ids = [r.id for r in tabel.rækker if r.id]
    above: set[str] = set()
    for række in tabel.rækker:
        count = len(række.værdier or [])
        if not (række.værdier is None and sumrække(række)) \
                and not (count and count in (columns, columns - computed)):
            return False
        if any(name not in above for name in [*(række.sum or []), *række.minus]):
            return False
        if række.id:
            above.add(række.id)
        if any(isinstance(v, Decimal) and v != vist(tabel, v) for v in række.værdier or []):
            return False
    column_parts = [str(p) for k in tabel.kolonner if isinstance(k, Tabelkolonne)
                    for p in k.sum or []]
    return not beregning.ukendte and len(ids) == len(set(ids)) \
        and len(keys) == len(set(keys)) and all(p in keys for p in column_parts)


def tabeller(model: Aktstykke) -> Iterator[tuple[Afsnit | Bilag, int, Tabel]]:
    """Every own table with what holds it (the sections, or a bilag) and its block index, in
    document order: the sections' tables are numbered first, then the bilag's."""
    for owner, _, blocks in model.blokke():
        for i, block in enumerate(blocks):
            if isinstance(block, Tabelblok):
                yield owner, i, block.tabel


def nøgle(reference_key: str) -> tuple[str, str, str] | None:
    """"delloft.i-alt.2025" → ("delloft", "i-alt", "2025")."""
    parts = reference_key.split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None
