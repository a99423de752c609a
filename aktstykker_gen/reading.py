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

from aktstykker_gen import limits
from aktstykker_gen.bounded import UNREADABLE, read_text, refusal
from aktstykker_gen.diagnostics import Diagnostic, Severity
from aktstykker_gen.tilsloering import tilsløret
from aktstykker_gen.udgaver import Udgave, rummer_fortroligt

if TYPE_CHECKING:
    from aktstykker_gen.document import Document

SPEC_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*SPEC_SUFFIXES, ".txt", ".docx", ".pdf")
_BULLET = re.compile(r"^[-\u2013\u2022]\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")   # a PDF's broken text map can give half a pair


@dataclass(frozen=True)
class Reading:
    lines: list[str]
    warnings: list[Diagnostic] = field(default_factory=list)
    flowing: bool = False   # lines are where the page wrapped (PDF), not paragraphs


def read(path: Path, edition: Udgave = Udgave.offentlig) -> Reading:
    """What a reader sees in `path`; `bounded.Refused` (exit 2) for a file it cannot or will not
    read, each kind within the limits in `limits` (docs/limits.md). A spec is read as
    `edition` (the public one unless asked: `IngenOffentligUdgave` for a spec that has none);
    a built file has no editions, it is what it is."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise refusal(path, UNREADABLE, f"kan kun læse {', '.join(SUFFIXES)}",
                      "giv en specifikation eller en bygget .docx, .pdf eller .txt")
    if suffix in SPEC_SUFFIXES:
        return _spec(path, edition)
    if suffix == ".txt":
        return Reading(read_text(path, limits.TEXT_BYTES, limits.TEXT_HINT).split("\n"))
    if suffix == ".docx":
        from aktstykker_gen.docx_text import docx_lines

        return Reading([_plain(line) for line in docx_lines(path)])
    from aktstykker_gen.pdf_text import pdf_lines

    return Reading([_plain(line) for line in pdf_lines(path)], flowing=True)


def rendered(path: Path, edition: Udgave = Udgave.offentlig
             ) -> tuple[Document, Any, list[Diagnostic]]:
    """A spec's document tree of `edition` and its model, rendered even with check errors
    (returned as warnings); raises SpecError when the spec cannot even be typed, and
    `IngenOffentligUdgave` when the public edition of a wholly confidential one is asked for."""
    from aktstykker_gen.pipeline import check, render

    checked = check(path)
    warnings = [replace(d, severity=Severity.WARNING) for d in checked.diagnostics]
    tree = render(checked, edition=edition)
    return tree, checked.spec.model, shown_with(edition, checked.spec.model, warnings)


def shown_with(edition: Udgave, model: Any, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics as they may stand beside `edition`: veiled beside the public edition of
    a spec with confidential content (tilsloering.py)."""
    if edition is Udgave.offentlig and diagnostics and rummer_fortroligt(model):
        return tilsløret(diagnostics)
    return diagnostics



def _spec(path: Path, edition: Udgave) -> Reading:
    from aktstykker_gen.writers.text import write_text

    tree, _, warnings = rendered(path, edition)
    return Reading(write_text(tree).split("\n"), warnings)


def _plain(line: str) -> str:
    """As the canonical text writes it: plain spaces for non-breaking ones and for the tab
    after a section letter."""
    return _SURROGATE.sub("\ufffd", line.replace("\u00a0", " ").replace("\t", " "))


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

