"""Column changes of a document's tables, made on its tree: every table with a column of
amounts gains a finansår after its last year (2025–2027 becomes 2025–2028, the amounts as the
year before), or every table of two or more loses its first (2025–2027 becomes 2026–2027). A
heading over the years (`Udgift, mio. kr.`) widens or narrows with them.

Made on the tree rather than the spec, so that every spec with a table gives both, whatever
its data: a spec's own years show only where its tables have a column for each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from aktstykker_gen.document import Cell, Document, Row, Section, Table
from aktstykker_gen.reading import key

YEAR = re.compile(r"\d{4}")


def column_revisions(doc: Document) -> Iterator[tuple[str, Document]]:
    """(kind, NEW) for each column change the document's tables allow."""
    for kind, change in KINDS.items():
        new = _tables_changed(doc, change)
        if new != doc:
            yield kind, new


def year_added(table: Table) -> Table:
    at = _last_year(table)
    return replace(table, columns=(*table.columns[:at + 1], "amount", *table.columns[at + 1:]),
                   head=tuple(_added(r, at) for r in table.head),
                   groups=tuple(tuple(_added(r, at) for r in g) for g in table.groups))


def year_removed(table: Table) -> Table:
    at = table.columns.index("amount")
    return replace(table, columns=table.columns[:at] + table.columns[at + 1:],
                   head=tuple(_removed(r, at) for r in table.head),
                   groups=tuple(tuple(_removed(r, at) for r in g) for g in table.groups))


KINDS: dict[str, Callable[[Table], Table]] = {
    "kolonne-tilfoejet": year_added,
    "kolonne-fjernet": year_removed,
}
# The columns of amounts a table needs for the change: a year removed leaves one.
AMOUNTS = {year_added: 1, year_removed: 2}


def _tables_changed(doc: Document, change: Callable[[Table], Table]) -> Document:
    def block(node):  # type: ignore[no-untyped-def]
        if isinstance(node, Table) and node.columns.count("amount") >= AMOUNTS[change]:
            return change(node)
        if isinstance(node, Section):
            return replace(node, blocks=tuple(block(b) for b in node.blocks))
        return node

    return replace(doc, body=tuple(block(part) for part in doc.body))


def _last_year(table: Table) -> int:
    """The last column headed by a year alone, else the last column of amounts."""
    years = [column for row in table.head for column, cell in _placed(row)
             if cell.span == 1 and YEAR.fullmatch(cell.text)]
    return max(years) if years else max(i for i, c in enumerate(table.columns) if c == "amount")


def _placed(row: Row) -> list[tuple[int, Cell]]:
    placed, column = [], 0
    for cell in row.cells:
        placed.append((column, cell))
        column += cell.span
    return placed


def _added(row: Row, at: int) -> Row:
    """A column after column `at`: a cell of its own beside the one there (a year heading
    counts on), or the cell spanning it one column wider."""
    cells: list[Cell] = []
    for column, cell in _placed(row):
        covers = column <= at < column + cell.span
        if covers and cell.span > 1:
            cells.append(replace(cell, span=cell.span + 1))
            continue
        cells.append(cell)
        if covers:
            text = str(int(cell.text) + 1) if YEAR.fullmatch(cell.text) else cell.text
            cells.append(Cell(text))
    return replace(row, cells=tuple(cells))


def _removed(row: Row, at: int) -> Row:
    """Column `at` gone: the cell there, or one column of the cell spanning it."""
    cells = []
    for column, cell in _placed(row):
        if not column <= at < column + cell.span:
            cells.append(cell)
        elif cell.span > 1:
            cells.append(replace(cell, span=cell.span - 1))
    return replace(row, cells=tuple(cells))



def as_read(marked: Document) -> Document:
    """A redline as `diff`, which reads the text, sees it: in a table whose columns changed, a
    row deleted and inserted though it reads the same (a cell inserted empty, or a column
    removed that was empty in it) is one unchanged row; its cells changed, not its text."""
    def rows(found: tuple[Row, ...]) -> tuple[Row, ...]:
        inserted = {_text(r): r for r in found if _whole(r) == "ins"}
        pairs = {id(r): inserted[_text(r)] for r in found
                 if _whole(r) == "del" and _text(r) in inserted}
        kept = {id(r) for r in pairs.values()}
        return tuple(replace(r, cells=tuple(Cell(str(c.text), c.span) for c in r.cells))
                     if id(r) in kept else r for r in found if id(r) not in pairs)

    def block(node):  # type: ignore[no-untyped-def]
        if isinstance(node, Table) and node.columns_before is not None:
            return replace(node, head=rows(node.head), groups=tuple(rows(g) for g in node.groups))
        if isinstance(node, Section):
            return replace(node, blocks=tuple(block(b) for b in node.blocks))
        return node

    return replace(marked, body=tuple(block(part) for part in marked.body))


def _whole(row: Row) -> str | None:
    wholes = {getattr(cell.text, "whole", None) for cell in row.cells}
    return wholes.pop() if len(wholes) == 1 else None


def _text(row: Row) -> str:
    """A wholly deleted or inserted row as its version reads it."""
    return key("  ".join("".join(t for _, t in getattr(cell.text, "segments", ((None, cell.text),)))
                         for cell in row.cells))
