"""The text a reader sees in a spec or a built file, as lines: what reviewers diff.

A spec is rendered (even with check errors, which come back as warnings) and
written as the canonical text. A built file is read from what its pages show:
a DOCX's paragraphs and table rows, a PDF's text layer without page numbers
or a draft's UDKAST mark,
never a copy of the text stored on the side.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aktstykker_gen.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from aktstykker_gen.document import Document

SPEC_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*SPEC_SUFFIXES, ".txt", ".docx", ".pdf")
_BULLET = re.compile(r"^[-\u2013\u2022]\s+")
_PAGE_NUMBER = re.compile(r"\n\s*\d{1,4}\s*$")


class UnreadableFile(ValueError):
    """Not a spec or a built file the tool can read; the message says why."""


@dataclass(frozen=True)
class Reading:
    lines: list[str]
    warnings: list[Diagnostic] = field(default_factory=list)
    flowing: bool = False   # lines are where the page wrapped (PDF), not paragraphs


def read(path: Path) -> Reading:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(f"{path}: kan kun læse {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise UnreadableFile(f"{path}: filen findes ikke")
    if suffix in SPEC_SUFFIXES:
        return _spec(path)
    if suffix == ".txt":
        return Reading(path.read_text(encoding="utf-8").split("\n"))
    if suffix == ".docx":
        return Reading([_plain(line) for line in _docx(path)])
    return Reading([_plain(line) for line in _pdf(path)], flowing=True)


def rendered(path: Path) -> tuple[Document, Any, list[Diagnostic]]:
    """A spec's document tree and model, rendered even with check errors (returned as warnings);
    raises SpecError when the spec cannot even be typed."""
    from aktstykker_gen.pipeline import check, render

    checked = check(path)
    warnings = [replace(d, severity=Severity.WARNING) for d in checked.diagnostics]
    return render(checked), checked.spec.model, warnings


def _spec(path: Path) -> Reading:
    from aktstykker_gen.writers.text import write_text

    tree, _, warnings = rendered(path)
    return Reading(write_text(tree).split("\n"), warnings)


def _docx(path: Path) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is not a DOCX
        raise UnreadableFile(f"{path}: er ikke en DOCX-fil ({type(error).__name__})") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [c for i, c in enumerate(row.cells) if i == 0 or c is not row.cells[i - 1]]
                lines.append("  ".join(cell.text for cell in cells))
    return lines


def _pdf(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from aktstykker_gen.document import DRAFT_MARK

    try:
        pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    except (PdfReadError, OSError, ValueError) as error:
        raise UnreadableFile(f"{path}: er ikke en PDF-fil ({error})") from None
    lines = "\n".join(_PAGE_NUMBER.sub("", page) for page in pages).split("\n")
    return [line for line in lines if line.strip() != DRAFT_MARK]


def _plain(line: str) -> str:
    """As the canonical text writes it: plain spaces for non-breaking ones and for the tab
    after a section letter."""
    return line.replace("\u00a0", " ").replace("\t", " ")


def key(line: str) -> str:
    """A line as a reader compares it: spacing, bullets and look-alike characters aside."""
    line = unicodedata.normalize("NFC", line).replace("\u00ad", "").replace("\u00a0", " ")
    return " ".join(_BULLET.sub("", line.strip()).split())


def same_text(old: Reading, new: Reading) -> bool:
    """Equal line by line; when a side is a PDF (wrapped where the page ended), equal as text."""
    if not (old.flowing or new.flowing):
        return [k for k in map(key, old.lines) if k] == [k for k in map(key, new.lines) if k]
    return _flat(old) == _flat(new)


def _flat(reading: Reading) -> str:
    return re.sub(r"\s+", "", "".join(key(line) for line in reading.lines))

