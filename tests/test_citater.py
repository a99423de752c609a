"""A citation of another aktstykke typed out in prose is warned (AKT147) at the place it stands,
in every form a clerk writes it and in every kind of text; the typed citation `{akt:N}` is not.
The seed spec cites akt. 281 typed, and its text output is the same as when it typed it out."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import SEED_SPEC, seed_with
from spec_edits import checked

from aktstykker_gen import pipeline
from aktstykker_gen.writers.text import write_text

# The forms of a citation: prefix × designation × with or without its date.
PREFIXES = ("akt.", "Akt.", "aktstykke nr.", "Aktstykke nr.", "aktstykke", "akt. nr.")
DESIGNATIONS = ("281", "7", "H", "AB")
DATES = ("", " af 26. juni 2025", " af 1. december 2019")
FORMS = [f"{p} {d}{date}" for p, d, date in itertools.product(PREFIXES, DESIGNATIONS, DATES)]

# Where prose stands: (a line of the seed spec, the text put after it on the same line).
PARAGRAPH = "      finansiering i indeværende finansår."
BULLET = "        - Der tilbydes tværgående rådgivning til patienter og pårørende"
ANNOTATION = "        udmeldt 1. juli 2025."
PLACES = {"afsnit": PARAGRAPH, "punkt": BULLET, "tekstanmærkning": ANNOTATION}


def warnings(text: str, tmp_path: Path) -> list[tuple[int, int, int, str]]:
    return [(d.span.line, d.span.column, d.span.length, d.hint or "")
            for d in checked(tmp_path, text).diagnostics if d.code == "AKT147" and d.span]


def spot(text: str, line: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column of `needle` on the source line that begins with `line`."""
    [number] = [i for i, source in enumerate(text.split("\n"), 1) if source.startswith(line)]
    return number, text.split("\n")[number - 1].index(needle) + 1


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("form", FORMS)
def test_a_typed_citation_is_warned_where_it_stands(tmp_path: Path, form: str, place: str) -> None:
    line = PLACES[place]
    text = seed_with((line + "\n", f"{line} Jf. også {form}.\n"))
    [(*where, hint)] = warnings(text, tmp_path)
    assert tuple(where) == (*spot(text, line, form), len(form))
    designation = form.split()[2 if "nr." in form else 1]
    assert f"{{akt:{designation}}}" in hint


@pytest.mark.parametrize("form", [f for f in FORMS if " af " in f and " 281 " not in f])
def test_the_hint_declares_it_with_its_date(tmp_path: Path, form: str) -> None:
    text = seed_with((PARAGRAPH + "\n", f"{PARAGRAPH} Se {form}.\n"))
    [(_, _, _, hint)] = warnings(text, tmp_path)
    designation = form.split()[2 if "nr." in form else 1]
    field = "nr" if designation.isdigit() else "bogstav"
    date = "2025-06-26" if "juni" in form else "2019-12-01"
    assert f"'- {{{field}: {designation}, dato: {date}}}'" in hint


def test_a_citation_folded_over_two_lines_is_found_at_its_start(tmp_path: Path) -> None:
    text = seed_with((PARAGRAPH + "\n", f"{PARAGRAPH} Jf. akt. 12 af 3.\n      marts 2025.\n"))
    line, column = spot(text, PARAGRAPH, "akt. 12")
    assert [w[:3] for w in warnings(text, tmp_path)] == [(line, column, len("akt. 12 af 3."))]


def test_two_citations_in_one_text_are_each_found_at_their_place(tmp_path: Path) -> None:
    text = seed_with((PARAGRAPH + "\n", f"{PARAGRAPH} Jf. akt. 12 og akt. 12 samt akt. H.\n"))
    line, first = spot(text, PARAGRAPH, "akt. 12")
    found = [w[:2] for w in warnings(text, tmp_path)]
    assert found == [(line, first), (line, first + len("akt. 12 og ")),
                     (line, first + len("akt. 12 og akt. 12 samt "))]


@pytest.mark.parametrize("words", ["aktstykket", "bloktilskudsaktstykket i 2026", "kontakt. 12",
                                   "{akt:281}", "aktstykke om 2,5 mio.", "akt. 2,5"])
def test_other_words_and_the_typed_citation_are_not_warned(tmp_path: Path, words: str) -> None:
    text = seed_with((PARAGRAPH + "\n", f"{PARAGRAPH} Se {words}.\n"))
    assert warnings(text, tmp_path) == []


def test_the_seed_cites_akt_281_typed_and_is_strict_clean() -> None:
    assert pipeline.check(SEED_SPEC).diagnostics == []
    assert "{akt:281}" in SEED_SPEC.read_text(encoding="utf-8")


def test_a_declared_citation_typed_out_is_told_to_use_its_key(tmp_path: Path) -> None:
    text = seed_with(("jf. {akt:281}.", "jf. akt. 281 af 26. juni 2025."))
    [(_, _, _, hint)] = warnings(text, tmp_path)
    assert hint.startswith("skriv {akt:281}")


def test_the_seed_text_is_the_same_as_with_the_citation_typed_out(tmp_path: Path) -> None:
    typed_out = seed_with(("jf. {akt:281}.", "jf. akt. 281 af 26. juni 2025."))
    assert write_text(pipeline.render(pipeline.check(SEED_SPEC))) == \
        write_text(pipeline.render(checked(tmp_path, typed_out)))
