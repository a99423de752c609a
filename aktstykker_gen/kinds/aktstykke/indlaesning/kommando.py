"""`aktstykke import FILE.txt|FILE.docx|FILE.pdf [-o SPEC]`: the command around indlaes.py, for cli.py.

The file is read by the bounded reader (#7) and the draft written beside nothing it would
replace: an existing spec is never overwritten, and a text that is not an aktstykke writes
nothing (AKT016, exit 1). What was recognised and what needs a human go to stderr.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

from aktstykker_gen import limits
from aktstykker_gen.bounded import UNREADABLE, read_text, refusal
from aktstykker_gen.diagnostics import Diagnostic, Severity

NOT_AN_AKTSTYKKE = "AKT016"
SUFFIXES = (".txt", ".docx", ".pdf")


def refused(path: Path, why: str) -> Diagnostic:
    return Diagnostic(NOT_AN_AKTSTYKKE, Severity.ERROR, f"filen er ikke et aktstykke: {why}",
                      None, hint="giv den tekst, 'aktstykke build' skriver (.txt) for et "
                                 "aktstykke; intet blev skrevet", file=str(path))


def run(path: Path, output: Path | None) -> tuple[int, list[Diagnostic]]:
    """Exit code and the diagnostics to print; the draft is written only when all went well."""
    from aktstykker_gen.kinds.aktstykke.indlaesning.indlaes import import_text
    from aktstykker_gen.kinds.aktstykke.indlaesning.layout import NotAnAktstykke

    if path.suffix.lower() not in SUFFIXES:
        raise refusal(path, UNREADABLE, f"kan kun importere {', '.join(SUFFIXES)}",
                      "giv aktstykkets .docx, .pdf eller den .txt, 'aktstykke build' skriver")
    unreadable = _refused_characters(path)
    if unreadable:
        return 1, unreadable
    text, titel = _read(path)
    target = output or Path("specs") / f"{path.stem}.yaml"
    if target.exists():
        raise refusal(target, UNREADABLE, "findes allerede; importen overskriver ikke en spec",
                      "giv et andet navn med -o")
    try:
        imported = import_text(text, target.name, titel)
    except NotAnAktstykke as error:
        return 1, [refused(path, str(error))]
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(imported.yaml, encoding="utf-8")
    os.replace(temporary, target)
    _summary(target, imported)
    return 0, []


def _refused_characters(path: Path) -> list[Diagnostic]:
    """The loader's findings (AKT014, AKT001) for each character in the file no spec may hold,
    at its line and column: a DOCX's as `aktstykke textconv` shows its text. Found before
    anything is read into a draft, which the loader would refuse."""
    from aktstykker_gen.load import refused_characters
    from aktstykker_gen.reading import read

    if path.suffix.lower() == ".pdf":   # the text the import reads: no list labels, no furniture
        lines = _read(path)[0].split("\n")
        where = "linje og kolonne i den tekst, importen læser i PDF-filen; "
    else:
        lines = read(path).lines
        where = "" if path.suffix.lower() == ".txt" else \
            "linje og kolonne i DOCX-filens tekst, som 'aktstykke textconv' viser den; "
    return [dataclasses.replace(d, details=(*d.details, f"{where}intet blev skrevet: ret filen "
                                                        "og importér igen"))
            for d in refused_characters("\n".join(lines), str(path))]


def _read(path: Path) -> tuple[str, str | None]:
    """The canonical text of the file, and its title when the file has one (a DOCX's, a
    PDF's)."""
    if path.suffix.lower() == ".txt":
        return read_text(path, limits.TEXT_BYTES, limits.TEXT_HINT), None
    if path.suffix.lower() == ".pdf":
        from aktstykker_gen.kinds.aktstykke.indlaesning.pdf import pdf_tree
        from aktstykker_gen.writers.text import write_text

        pdf, titel = pdf_tree(path)
        return write_text(pdf), titel
    from aktstykker_gen.docx_tree import read_docx
    from aktstykker_gen.writers.text import write_text

    tree = read_docx(path).document
    return write_text(tree), tree.title or None


def _summary(target: Path, imported: object) -> None:
    from aktstykker_gen.kinds.aktstykke.indlaesning.indlaes import Imported

    assert isinstance(imported, Imported)
    lines = [f"skrevet: {target}", "genkendt:"]
    lines += [f"  {what}" for what in imported.recognised] or ["  intet"]
    if imported.slips:
        lines.append(f"læst som ment ({len(imported.slips)} slip i den udgivne tekst):")
        lines += [f"  {slip}" for slip in imported.slips]
    lines.append(f"skal udfyldes ({imported.udfyld} UDFYLD):")
    lines += [f"  {what}" for what in imported.marks] or ["  intet"]
    lines.append("bygger den samme tekst: " + ("ja" if imported.identical else "nej"))
    lines += [f"  {d}" for d in imported.differing]
    lines.append(f"kontrollér med 'aktstykke check {target}'")
    print("\n".join(lines), file=sys.stderr)
