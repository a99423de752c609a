"""A text of more than writers/html.LONG characters is set in spans of about PIECE characters,
split at a space (so that WeasyPrint lays out each line from a short box, not from the
rest of the whole paragraph): the spans hold exactly the text, in order, and the pages are drawn
with the same lines as from one text; a shorter text is set as it was, with no span."""

from __future__ import annotations

import datetime
import io
import re
import sys
from html import unescape

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from aktstykker_gen import assets
from aktstykker_gen.build import write_format
from aktstykker_gen.document import Document, Paragraph, Section
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers import html
from aktstykker_gen.writers.html import LONG, PIECE, inline

sys.path.insert(0, str(ROOT / "benchmarks"))
from large_specs import SHAPES  # noqa: E402

WORDS = st.lists(st.one_of(
    st.sampled_from(["§\xa016.35.01.", "mio.\xa0kr.", "og", "til", "<b>", "A&B", "Initiativ"]),
    st.text("abcæøå0123456789,.", min_size=1, max_size=12),
    st.text("x", min_size=PIECE, max_size=2 * PIECE)),   # a word longer than a piece
    min_size=1, max_size=900)


def pieces(markup: str) -> list[str]:
    return [unescape(piece) for piece in re.findall(r"<span>(.*?)</span>", markup, re.S)]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.sampled_from([" ", "  ", " \xa0"]))
def test_the_pieces_hold_the_text_in_order(words: list[str], between: str) -> None:
    text = between.join(words)
    markup = inline(text)
    if len(text) <= LONG:
        assert markup == html.escape(text)
        return
    found = pieces(markup)
    assert " ".join(found) == text   # split at a space, a break opportunity in the one text too
    assert re.sub(r"</?span>", "", markup) == html.escape(text)   # nothing else is added
    assert all(len(piece) < PIECE or " " not in piece[1:PIECE]   # or opens with a long word
               for piece in found[:-1])


@given(st.text("abc/:.%?=", min_size=LONG + 1, max_size=3 * LONG))
def test_one_long_word_stays_one_text(word: str) -> None:
    """A word (a web address, a link's target) is never split, so a link stays one link."""
    assert inline(word) == html.escape(word)


def test_a_paragraph_naming_many_hovedkonti_is_in_pieces(tmp_path) -> None:
    """120 accounts: section e's request names each hovedkonto, a sentence of some 3.000
    characters, in pieces."""
    spec = tmp_path / "accounts-120.yaml"
    spec.write_text(SHAPES["accounts"](120), encoding="utf-8")
    markup = html.write_html(render(check(spec)))
    request = next(p for p in re.findall(r"<p[^>]*>.*?</p>", markup, re.S)
                   if "anmodes om Finansudvalgets tilslutning" in p)
    assert len(unescape(re.sub(r"<[^>]+>", "", request))) > LONG
    assert request.count("<span>") > LONG // PIECE


@settings(max_examples=3, deadline=None)
@given(st.lists(st.sampled_from(["Midlerne", "går", "til", "§\xa016.35.01.", "3,5\xa0mio.\xa0kr.",
                                 "regionerne,", "herunder", "implementering"]),
                min_size=500, max_size=900),
       st.booleans())
def test_the_pages_are_drawn_as_from_one_text(words: list[str], lettered: bool) -> None:
    """A paragraph of pages, in pieces and in one text (opening a lettered section, after its
    letter, or on its own): the same words on every line of every page. (Not the same pixels:
    a piece is a text run of its own, whose glyphs are placed from its start, a fraction of a
    pixel from where the one run placed them.)"""
    text = " ".join(words)
    assert len(text) > LONG
    body = (Section("a", (Paragraph(text), Paragraph("Slut."))),) if lettered \
        else (Paragraph(text),)
    tree = Document("da", "Lange afsnit", "Ministeriet", datetime.date(2025, 10, 1), body)
    kind = KINDS[DEFAULT_KIND]
    in_pieces = _pages(write_format(tree, kind, ".pdf", assets.templates_dir()))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(html, "LONG", 10**9)
        whole = _pages(write_format(tree, kind, ".pdf", assets.templates_dir()))
    assert len(in_pieces) == len(whole) >= 2
    assert in_pieces == whole


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]

