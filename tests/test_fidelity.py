"""The seed spec renders the text of the aktstykke Indenrigs- og Sundhedsministeriet
sent on 1 October 2025 (tests/seed/), in the PDF and in the DOCX alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED_TEXT
from textmeasure import docx_text, normalise, pdf_text, similarity

# Where the published text has a slip, our generated text is uniform; these
# are the seed's lines as we render them (decided in issue 2's note).
SEED_SLIPS = {
    "- 0,2 mio., kr. til § 16.11.16. Lægemiddelstyrelsen":
        "0,2 mio. kr. til § 16.11.16. Lægemiddelstyrelsen",
    "§ 16.35.01 Statens Serum Institut (Statsvirksomhed)":
        "§ 16.35.01. Statens Serum Institut (Statsvirksomhed)",
}
AMOUNT_OR_ACCOUNT = re.compile(r"\d+,\d|\d{2}\.\d{2}\.\d{2}")


def seed() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


def lines_with_figures() -> list[str]:
    lines = [line.strip() for line in seed().splitlines()]
    return [SEED_SLIPS.get(line, line) for line in lines if AMOUNT_OR_ACCOUNT.search(line)]


@pytest.fixture(scope="module")
def texts(seed_build: dict[str, Path]) -> dict[str, str]:
    return {"pdf": pdf_text(seed_build[".pdf"]), "docx": docx_text(seed_build[".docx"])}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_built_text_matches_the_published_aktstykke(texts: dict[str, str], fmt: str) -> None:
    assert similarity(seed(), texts[fmt]) >= 0.98


def test_pdf_and_docx_carry_the_same_text(texts: dict[str, str]) -> None:
    assert similarity(texts["pdf"], texts["docx"]) >= 0.995


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_line_with_an_amount_or_account_appears(texts: dict[str, str], fmt: str) -> None:
    built = normalise(texts[fmt])
    missing = [line for line in lines_with_figures()
               if normalise(line).rstrip("-") not in built]
    assert missing == []


def test_the_seed_has_lines_with_figures_to_compare() -> None:
    figures = lines_with_figures()
    assert "§ 16.11.79. Reserver og budgetregulering -30,0" in figures
    assert len(figures) > 30
