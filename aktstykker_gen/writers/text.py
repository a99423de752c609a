"""The canonical plain text: what reviewers diff, one paragraph per line.

Lines are never wrapped, so a changed word changes one line; table amounts
are right-aligned in columns, so a changed amount changes one row.
"""

from __future__ import annotations

from aktstykker_gen.document import (
    Block,
    BulletList,
    Document,
    Paragraph,
    Quote,
    Row,
    Section,
    Table,
)

INDENT = "   "


def write_text(doc: Document) -> str:
    chunks: list[str] = []
    for part in doc.body:
        if isinstance(part, Section):
            for i, block in enumerate(part.blocks):
                prefix = f"{part.letter}. " if i == 0 else INDENT
                chunks.append(_indent(_block(block), prefix, INDENT))
        else:
            chunks.append(_block(part))
    return "\n\n".join(chunks).replace("\u00a0", " ") + "\n"


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line if line else line for line in lines[1:])])


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Quote):
        return "\n\n".join(_indent(p.text, INDENT, INDENT) for p in block.paragraphs)
    return _table(block)


def _table(table: Table) -> str:
    above = [text for text in (table.caption, table.unit) if text]
    return "\n".join([*above, _grid(table), *table.notes])


def _grid(table: Table) -> str:
    rows = [*table.head, *(row for group in table.groups for row in group)]
    placed = [_place(row) for row in rows]
    widths = [0] * len(table.columns)
    for cells in sorted(placed, key=lambda cs: max(span for _, span, _ in cs)):
        for column, span, text in cells:
            covered = sum(widths[column:column + span]) + len(GAP) * (span - 1)
            widths[column + span - 1] += max(0, len(text) - covered)
    lines = []
    for cells in placed:
        parts = []
        for column, span, text in cells:
            width = sum(widths[column:column + span]) + len(GAP) * (span - 1)
            label = table.columns[column] == "label"
            parts.append(text.ljust(width) if label else text.rjust(width))
        lines.append(GAP.join(parts).rstrip())
    return "\n".join(lines)


GAP = "  "


def _place(row: Row) -> list[tuple[int, int, str]]:
    """Each cell with the column it starts in and how many it spans; labels indented by level."""
    placed, column = [], 0
    for i, cell in enumerate(row.cells):
        text = ("  " * row.level + cell.text) if i == 0 else cell.text
        placed.append((column, cell.span, text))
        column += cell.span
    return placed
