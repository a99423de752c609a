"""Reading built files back as a person sees them, and comparing texts.

The PDF's text comes from its text layer (pypdf), the DOCX's from its
paragraphs and table cells (python-docx): never from our own writer's
memory. Similarity is difflib's ratio on characters after removing
whitespace, line-end hyphenation and list bullets.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

BULLETS = "-\u2013\u2022\u25cf\u25aa"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(" ".join(_distinct_cells(row)) for row in block.rows)
    return "\n".join(lines)


def _distinct_cells(row) -> list[str]:
    """A row's cells once each: python-docx gives a cell spanning n grid columns n times."""
    cells, previous = [], None
    for cell in row.cells:
        if cell._tc is not previous:
            cells.append(cell.text)
        previous = cell._tc
    return cells


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    for odd, plain in {"\u2212": "-", "\u201d": '"', "\u201c": '"', "\u2019": "'",
                       "\u00a0": " "}.items():
        text = text.replace(odd, plain)
    text = re.sub(rf"(?m)^\s*[{BULLETS}]\s+", "", text)
    text = text.replace("\u2013", "-")
    return re.sub(r"\s+", "", text)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def differences(a: str, b: str) -> list[str]:
    na, nb = normalise(a), normalise(b)
    matcher = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    return [f"{op}: {na[max(0, i1 - 12):i2 + 12]!r} -> {nb[max(0, j1 - 12):j2 + 12]!r}"
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def covered_similarity(reference: str, built: str) -> float:
    """Similarity over the part of the built text a published opening covers: cut after the
    last stretch of at least 8 characters that matches it (../shared/tools/doctext.py's measure)."""
    import difflib

    na, nb = normalise(reference), normalise(built)
    blocks = [b for b in difflib.SequenceMatcher(None, na, nb, autojunk=False)
              .get_matching_blocks() if b.size >= 8]
    end = blocks[-1].b + blocks[-1].size
    return difflib.SequenceMatcher(None, na, nb[:end], autojunk=False).ratio()
