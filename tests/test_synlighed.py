"""AKT212 for recipients: a recipient's allocation in a year that no reference names is lost
like an account line (no table shows recipients), and one that a reference names, directly,
through a span or as a part of a named amount the text refers to, is not warned.

Generated over the references a text can make × which of three years the recipient has."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import ROOT
from spec_edits import changed, checked

BASE = (ROOT / "tests" / "errors" / "AKT212-modtager-aar-vises-intetsteds.yaml").read_text(
    encoding="utf-8")
YEARS = (2025, 2026, 2027)
# A text's reference → the recipient's years it shows, which it needs to name anything (a span
# names its ends), and the named amounts it refers to.
SENERE = "  senere: {dele: [modtager:lmst:2027]}\n"
ALT = "  alt: {dele: [beløb:senere, modtager:lmst:2025-2026]}\n"
REFERENCES = {
    "{modtager:lmst}": ({2025}, {2025}, ""),
    "{modtager:lmst:2026}": ({2026}, {2026}, ""),
    "{modtager:lmst:2025-2026}": ({2025, 2026}, {2025, 2026}, ""),
    "{modtager:lmst:2026-2027}": ({2026, 2027}, {2026, 2027}, ""),
    "{modtager:lmst:2025-2027}": ({2025, 2026, 2027}, {2025, 2027}, ""),
    "{beløb:senere}": ({2027}, {2027}, SENERE),
    "{beløb:alt}": ({2025, 2026, 2027}, {2025, 2026, 2027}, SENERE + ALT),
}
ALLOCATION = "beløb: {2025: 5.0, 2026: 5.0}}"


def spec(years: tuple[int, ...], used: tuple[str, ...]) -> str:
    """Every account line in all three years (shown by the overview), the recipient in
    `years`, and a sentence for each reference used."""
    allocation = "beløb: {" + ", ".join(f"{år}: 5.0" for år in years) + "}}"
    named = "".join(dict.fromkeys(part for r in used for part in
                                  REFERENCES[r][2].splitlines(keepends=True)))
    return changed(BASE, ("{2025: 5.0, 2026: 5.0}\n", "{2025: 5.0, 2026: 5.0, 2027: 5.0}\n"),
                   ("{2025: -5.0, 2026: -5.0}\n", "{2025: -5.0, 2026: -5.0, 2027: -5.0}\n"),
                   (ALLOCATION, allocation),
                   ("tekst:\n", (f"beløb:\n{named}\n" if named else "") + "tekst:\n"),
                   ("    - Der afsættes {modtager:lmst} til Lægemiddelstyrelsen.\n",
                    "".join(f"    - Der afsættes {r} til Lægemiddelstyrelsen.\n" for r in used)))


def warned_years(tmp_path: Path, text: str) -> set[int]:
    """The recipient's years AKT212 warns of, read from the source at each warning."""
    lines = text.split("\n")
    result = checked(tmp_path, text)
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    found = set()
    for d in result.diagnostics:
        if d.code == "AKT212" and d.span:
            source = lines[d.span.line - 1]
            assert "id: lmst" in source, d
            found.add(int(source[:d.span.column - 1].rstrip(": ").rsplit(" ", 1)[-1].strip("{")))
    return found


USES = [*((r,) for r in REFERENCES), ("{beløb:senere}", "{modtager:lmst:2026}"),
        ("{modtager:lmst}", "{modtager:lmst:2026-2027}")]
CASES = [(years, used) for n in (1, 2, 3) for years in itertools.combinations(YEARS, n)
         for used in USES if all(REFERENCES[r][1] <= set(years) for r in used)]


def test_the_generated_cases_cover_every_reference() -> None:
    assert {r for _, used in CASES for r in used} == set(REFERENCES) and len(CASES) > 15


@pytest.mark.parametrize(("years", "used"), CASES)
def test_a_recipients_year_no_reference_names_is_warned(tmp_path: Path, years, used) -> None:
    shown = {år for r in used for år in REFERENCES[r][0]}
    assert warned_years(tmp_path, spec(years, used)) == set(years) - shown


def test_the_hint_names_the_reference_for_the_year(tmp_path: Path) -> None:
    [found] = [d for d in checked(tmp_path, BASE).diagnostics if d.code == "AKT212"]
    assert "{modtager:lmst:2026}" in (found.hint or "")
