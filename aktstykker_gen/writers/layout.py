"""Page geometry that both the PDF and the DOCX writer must agree on.

Everything else about looks lives in the stylesheet and in the DOCX styles;
column widths are here because the HTML writer and the DOCX writer both
have to state them (LibreOffice reads a DOCX table's grid, not its content).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aktstykker_gen.document import Row, Table

TEXT_WIDTH_MM = 170.0      # A4 less 20 mm margins
LETTER_GUTTER_MM = 11.0    # section letters a–f hang in this gutter
LABEL_MIN_MM = 40.0        # a label column keeps room for "§ 16.11.16. Lægemiddelstyrelsen"


def table_width_mm(in_section: bool) -> float:
    return TEXT_WIDTH_MM - (LETTER_GUTTER_MM if in_section else 0.0)


def column_widths_mm(columns: tuple[str, ...], total: float) -> list[float]:
    """Amount columns get a fixed width (narrower when there are many); labels share the rest.
    A flerårsoversigt of ten years or more narrows the amounts further, so that no width is
    negative (Word refuses the file, python-docx raises)."""
    amounts = columns.count("amount")
    labels = max(1, len(columns) - amounts)
    amount = 30.0 if amounts <= 2 else max(16.0, min(24.0, 100.0 / amounts))
    if amounts:
        amount = min(amount, (total - LABEL_MIN_MM * labels) / amounts)
    label = (total - amount * amounts) / labels
    return [amount if kind == "amount" else label for kind in columns]


BODY_HEIGHT_MM = 251.0     # A4 less the 22 mm and 24 mm margins above and below
ROW_PITCH_MM = 6.17        # a one-line table row: 15,2 pt and its 1,15 pt above and below
ROWS_PER_PAGE = int(BODY_HEIGHT_MM // ROW_PITCH_MM)


def row_keeps(table: Table) -> list[list[bool]]:
    """For each body row, whether it is kept on the page of the row after it; both writers
    break a table only where this says False. A table that fits on a page is kept whole, and
    so is a group (a hovedkonto's rows) that fits; in a group longer than a page only a row
    without an amount (a heading row) is kept with the next, so that no heading ends a page;
    in a table without a column of amounts (a list of names) no row is a heading.
    A chain of keeps longer than a page would move the table to a new page and split it there
    all the same (in Word and LibreOffice as in WeasyPrint), so none is made."""
    whole = _lines(table, table.groups) + SLACK_LINES < ROWS_PER_PAGE
    headings = "amount" in table.columns
    keeps = []
    for g, group in enumerate(table.groups):
        fits = _lines(table, (group,)) + SLACK_LINES < ROWS_PER_PAGE
        last_group = g == len(table.groups) - 1
        keeps.append([(whole and not (last_group and i == len(group) - 1))
                      or (i < len(group) - 1
                          and (fits or (headings and not _has_amount(row, table.columns))))
                      for i, row in enumerate(group)])
    return keeps


# Room left on an estimated page for what the count of rows does not see: the introductory
# paragraph kept with the table, labels that wrap. A table the estimate keeps whole that then
# does not fit would leave its introduction alone on a page in WeasyPrint, and lose its header.
SLACK_LINES = 5


def _lines(table: Table, groups: tuple[tuple[Row, ...], ...]) -> float:
    """The one-line rows the groups take with the table's head, caption, unit and notes, and
    the space between groups (0.6em, some 0.4 of a row)."""
    extras = len(table.head) + 0.5 + bool(table.caption) + bool(table.unit) + len(table.notes)
    return extras + sum(len(group) for group in groups) + 0.4 * (len(groups) - 1)


def _has_amount(row: Row, columns: tuple[str, ...]) -> bool:
    column = 0
    for cell in row.cells:
        if columns[column] == "amount" and cell.text.strip():
            return True
        column += cell.span
    return False
