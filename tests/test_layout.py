"""The PDF's layout, read back from word positions on its pages: section letters
in a gutter of their own, decimal commas in line, konto levels indented."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d$")
TOLERANCE = 0.5  # points


@pytest.fixture(scope="module")
def lines(seed_build: dict[str, Path]) -> list[list[dict]]:
    """Every text line of the PDF as its words (with x0, x1 and the characters), left to right."""
    import pdfplumber

    found = []
    with pdfplumber.open(seed_build[".pdf"]) as pdf:
        for page in pdf.pages:
            by_top: dict[float, list[dict]] = defaultdict(list)
            for word in page.extract_words(extra_attrs=["size"], return_chars=True):
                by_top[round(word["top"])].append(word)
            found += [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(by_top.items())]
    return found


def test_section_letters_share_one_x_position_left_of_the_body_text(lines) -> None:
    opening = [line for line in lines if re.fullmatch(r"[a-f]\.", line[0]["text"])]
    assert [line[0]["text"] for line in opening] == ["a.", "b.", "c.", "e.", "f."]
    letter_x = {round(line[0]["x0"], 1) for line in opening}
    assert len(letter_x) == 1
    body_x = {round(line[1]["x0"], 1) for line in opening}
    assert len(body_x) == 1
    assert min(body_x) - max(letter_x) >= 20  # a gutter, not a space


def test_table_amounts_have_their_decimal_commas_in_one_column(lines) -> None:
    commas = []
    for line in lines:
        last = line[-1]
        if len(line) > 1 and AMOUNT.match(last["text"]):
            comma = next(c for c in last["chars"] if c["text"] == ",")
            commas.append(comma["x0"])
    assert len(commas) == 12  # six lines in the b table, six hovedkonti in the e table
    assert max(commas) - min(commas) <= TOLERANCE


def test_konto_levels_are_indented(lines) -> None:
    hovedkonti = [line[0]["x0"] for line in lines
                  if line[0]["text"] == "§" and len(line) > 2 and line[-1]["text"].startswith("(")]
    numbered = defaultdict(list)
    for line in lines:
        if re.fullmatch(r"\d{2}\.", line[0]["text"]) and line[1]["text"][0].isupper():
            numbered[round(line[0]["x0"])].append(line[0]["text"])
    underkonto_x, standardkonto_x = sorted(numbered)
    assert set(numbered[standardkonto_x]) == {"22.", "49.", "46.", "42."}
    assert max(hovedkonti) + 10 < underkonto_x < standardkonto_x - 10
