"""Page geometry that both the PDF and the DOCX writer must agree on.

Everything else about looks lives in the stylesheet and in the DOCX styles;
column widths are here because the HTML writer and the DOCX writer both
have to state them (LibreOffice reads a DOCX table's grid, not its content).
"""

from __future__ import annotations

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
