"""A consistent edit (one account amount, its recipient and the financing changed
together) changes every place that shows those amounts or a total including them,
and nothing else."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import SEED_SPEC
from textmeasure import docx_text, pdf_text

from aktstykker_gen.build import render_outputs, write_outputs
from aktstykker_gen.pipeline import check

EDITS = [  # regionerne's account, regionerne's allocation, and the financing reserve
    ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}"),
    ("konto: 16.71.08, beløb: {2025: 6.6}", "konto: 16.71.08, beløb: {2025: 6.7}"),
    ("udgift: {2025: -30.0}", "udgift: {2025: -30.1}"),
]

# Every line of the canonical text that must change, as it reads after the edit.
EXPECTED_NEW_LINES = {
    "a. Indenrigs- og Sundhedsministeriet anmoder om Finansudvalgets tilslutning til at "
    "tilføre 30,1 mio. kr. i 2025",
    "- 6,7 mio. kr. til § 16.71.08. Statstilskud til regionerne",
    "Udgiften i 2025 på 30,1 mio. kr. finansieres af",
    "Der afsættes 6,7 mio. kr. til regionerne",
    "49. Reserver og budgetregulering",                       # b table: -30,1
    "42. Overførselsudgifter til kommuner og regioner",       # b table: 6,7
    "e. Under henvisning til ovenstående anmodes om Finansudvalgets tilslutning til, at der "
    "tilføres 30,1 mio. kr.",
    "§ 16.11.79. Reserver og budgetregulering",               # e table: -30,1
    "§ 16.71.08. Statstilskud til regionerne",                # e table: 6,7
    "Der anmodes endvidere om Finansudvalget tilslutning til, at indenrigs- og "
    "sundhedsministeren foretager en udmelding af forhøjelsen på 6,7 mio. kr.",
    "Finansministeren bemyndiges til at overføre 6,7 mio. kr. i 2025",
    "Stk. 2. Tilskuddet til at understøtte initiativerne på 6,7 mio. kr.",
    "På finansloven for 2025 er der afsat 30,1 mio. kr. årligt",  # the reserve it releases
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("edit")
    text = SEED_SPEC.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    edited = folder / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    result = {}
    for name, spec in (("old", SEED_SPEC), ("new", edited)):
        written = write_outputs(render_outputs(check(spec)), folder / name, spec.stem)
        result[name] = {p.suffix: p for p in written}
    return result


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:].strip())
        elif line.startswith("+ "):
            added.append(line[2:].strip())
    return removed, added


def test_text_changes_exactly_where_the_amounts_are_shown(builds) -> None:
    old = builds["old"][".txt"].read_text(encoding="utf-8")
    new = builds["new"][".txt"].read_text(encoding="utf-8")
    removed, added = changed_lines(old, new)
    assert len(added) == len(removed) == len(EXPECTED_NEW_LINES)
    for expected in EXPECTED_NEW_LINES:
        assert sum(line.startswith(expected) for line in added) == 1, expected
    for before, after in zip(removed, added, strict=True):
        assert before.replace("6,6", "6,7").replace("30,0", "30,1") == after


def test_the_finanslov_sentence_names_the_reserve_the_financing_releases(builds) -> None:
    """The reserve set aside on the finanslov is released in full: one fact, typed once."""
    new = builds["new"][".txt"].read_text(encoding="utf-8")
    assert "På finansloven for 2025 er der afsat 30,1 mio. kr. årligt" in new


@pytest.mark.parametrize(("suffix", "read"), [(".docx", docx_text), (".pdf", pdf_text)])
def test_docx_and_pdf_change_in_the_same_places(builds, suffix, read) -> None:
    old, new = read(builds["old"][suffix]), read(builds["new"][suffix])
    assert old.count("6,6") == 7 and new.count("6,6") == 0 and new.count("6,7") == 7
    assert old.count("30,0") == 6 and new.count("30,0") == 0 and new.count("30,1") == 6
