"""A PDF without a structure tree, laid out by position: placeholder."""

from __future__ import annotations

from aktstykker_gen.document import Block, Paragraph, Section
from aktstykker_gen.kinds.aktstykke.indlaesning.pdf_indhold import Run


def laid_out(pages: list[list[Run]]) -> list[Block | Section]:
    return [Paragraph(run.text) for page in pages for run in page]
