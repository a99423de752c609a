"""Every spec in specs/ is valid now and builds; the examples show what comes next."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from textmeasure import docx_text, similarity

from aktstykker_gen.build import render_outputs
from aktstykker_gen.document import DRAFT_MARK
from aktstykker_gen.pipeline import check

SPECS = sorted((ROOT / "specs").rglob("*.yaml"))
EXAMPLES = ROOT / "specs" / "examples"


def text_of(spec: Path) -> str:
    return render_outputs(check(spec))[".txt"].decode("utf-8")


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_spec_checks_without_any_diagnostic(spec: Path) -> None:
    assert check(spec).diagnostics == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_spec_builds_all_three_formats(spec: Path) -> None:
    outputs = render_outputs(check(spec))
    assert outputs[".pdf"].startswith(b"%PDF-") and outputs[".docx"].startswith(b"PK")


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_pdf_and_docx_of_every_spec_carry_the_same_text(spec: Path, tmp_path: Path) -> None:
    """Issue 12, acceptance 5: the two formats a reviewer may read agree, for every spec."""
    outputs = render_outputs(check(spec))
    (tmp_path / "a.pdf").write_bytes(outputs[".pdf"])
    (tmp_path / "a.docx").write_bytes(outputs[".docx"])
    pdf = _without_page_furniture(tmp_path / "a.pdf")
    assert similarity(pdf, docx_text(tmp_path / "a.docx")) >= 0.995


PAGE_NUMBER = re.compile(r"([A-Z]{2}[0-9]{6}\s*|Side )?[0-9]+")
FOLIO = re.compile(r"Side [0-9]+")
RUNNING_LINE = re.compile(r"(Fortroligt )?[Aa]ktstykke (nr\. [0-9]+|[A-ZÆØÅ]+)"
                          r"(, Folketinget [0-9]{4}-[0-9]{2})?")


def _without_page_furniture(pdf: Path) -> str:
    """The PDF's text without what each page adds and a DOCX holds in its header and footer,
    or has Word add: the draft mark, the page number (after the document code on page one),
    the running line atop each later page, and a table's header row repeated at the top of the
    next page."""
    from pypdf import PdfReader

    mark = re.compile(r"\s*".join(DRAFT_MARK))
    pages: list[list[str]] = []
    for page in PdfReader(str(pdf)).pages:
        lines = [line for line in mark.sub("", page.extract_text() or "").splitlines()
                 if line.strip()]
        # The margin boxes come last in the page's text: the running line, then the page
        # number (after the document code on page one); once each, as the large number of
        # page one's head may come just before them.
        for furniture in (PAGE_NUMBER, RUNNING_LINE):
            if lines and furniture.fullmatch(lines[-1].strip()):
                lines.pop()
        # An agenda's folio ("Side N") is painted first, under the page's content.
        if lines and FOLIO.fullmatch(lines[0].strip()):
            lines.pop(0)
        if pages and lines and lines[0].endswith("mio. kr.") and lines[0] in pages[-1]:
            lines = lines[1:]
        pages.append(lines)
    return "\n".join(line for lines in pages for line in lines)


def test_an_orienterende_aktstykke_has_only_a_and_b_and_is_taken_note_of() -> None:
    text = text_of(EXAMPLES / "orienterende.yaml")
    letters = [line[:2] for line in text.splitlines()
               if line[:2] in {"a.", "b.", "c.", "d.", "e.", "f."}]
    assert letters == ["a.", "b."]
    assert "Taget til efterretning af Finansudvalget den " in text


def test_section_d_is_rendered_between_c_and_e() -> None:
    text = text_of(EXAMPLES / "med-afsnit-d.yaml")
    assert text.index("\nc. ") < text.index("\nd. ") < text.index("\ne. ")


def test_the_multi_year_overview_has_a_column_per_year_and_side() -> None:
    lines = text_of(EXAMPLES / "flere-aar-udgift-og-indtaegt.yaml").splitlines()
    heading = next(i for i, line in enumerate(lines) if "Indtægt, mio. kr." in line)
    assert "Udgift, mio. kr." in lines[heading]
    assert lines[heading + 1].split() == ["2025", "2026", "2027", "2026", "2027"]


def test_the_tillaegsbevilling_tables_show_the_finansaar_only() -> None:
    text = text_of(EXAMPLES / "flere-aar-udgift-og-indtaegt.yaml")
    specification = text[text.index("Dispositionerne i 2025"):text.index("\nc. ")]
    assert "Indtægt" not in specification and "2026" not in specification


def test_two_annotations_stand_under_their_groups_in_order() -> None:
    text = text_of(EXAMPLES / "to-tekstanmaerkninger.yaml")
    assert "optages følgende tekstanmærkninger under § " in text
    assert text.index("Dispositionsrammer mv.:") < text.index("Materielle bestemmelser:")


def test_a_decided_aktstykke_shows_its_number_decision_and_paategning() -> None:
    text = text_of(EXAMPLES / "med-paategning.yaml")
    assert text.startswith("Aktstykke nr. 48\n\nFolketinget 2025-26\n")
    assert "Tiltrådt af et flertal i Finansudvalget den 20-11-2025 (udvalget med undtagelse af " \
        "Enhedslistens og Alternativets medlemmer, der stemte imod aktstykket)" in text
