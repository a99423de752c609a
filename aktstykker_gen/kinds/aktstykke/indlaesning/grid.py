"""A table the text writer laid out in columns, read back into rows of cells.

The writer left-aligns a row's label (indented two spaces a level) and right-aligns every
amount in its column, two spaces between columns: so a cell's column is where it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An amount cell: "-30,0", "1.288,4", "4.735", or "-" for none; two spaces or more before it.
_CELL = re.compile(r"(?:(?<=\s\s)|^)(-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-)(?=\s\s|$)")


@dataclass(frozen=True)
class GridRow:
    level: int
    label: str
    cells: dict[int, str]      # the column's right edge → the cell as printed


def row(line: str) -> GridRow:
    """A body row: its label and its amounts by where they end."""
    stripped = line.lstrip(" ")
    level = (len(line) - len(stripped)) // 2
    cells = {m.end() + len(line) - len(stripped): m[1] for m in _CELL.finditer(stripped)}
    first = min((m.start() for m in _CELL.finditer(stripped)), default=len(stripped))
    label = stripped[:first].rstrip()
    if not label:   # a row of amounts only is no row of ours: the numbers were its label
        return GridRow(level, stripped.strip(), {})
    return GridRow(level, label, cells)


def header_cells(line: str) -> list[tuple[int, str]]:
    """A header row's cells (split at two spaces or more), each by where it ends."""
    return [(m.end(), m[0]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def columns(header: list[str], body: list[GridRow]) -> list[int]:
    """Every column's right edge, left to right: from the last header row and the cells."""
    edges = {end for end, _ in header_cells(header[-1])} if header else set()
    for r in body:
        edges.update(r.cells)
    return sorted(edges)
