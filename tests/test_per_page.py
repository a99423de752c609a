"""WeasyPrint's work per page as writers/per_page.py replaces it: the same styles for every page
type and margin box as WeasyPrint's own function, in the same order; the same PDF bytes with
and without the replacements (the seed, its draft, a document of many pages); fixed boxes still
repeated on every page; work that grows with the pages, not their square; and nothing replaced
on a WeasyPrint it was not written for."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import weasyprint
from conftest import ROOT, SEED_SPEC, seed_with
from hypothesis import given, settings
from hypothesis import strategies as st
from weasyprint.css import get_all_computed_styles
from weasyprint.layout.page import PageType

import aktstykker_gen.writers.pdf  # noqa: F401  (installs the replacements)
from aktstykker_gen.build import write_format
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers import per_page

sys.path.insert(0, str(ROOT / "benchmarks"))
from large_specs import SHAPES  # noqa: E402

# Page rules of every kind a page type is matched on: side, first, blank, name, index.
PAGE_RULES = """
@page { margin: 20mm; @top-left { content: "all" } @bottom-center { content: counter(page) } }
@page :first { @top-left { content: none } @bottom-left { content: "first"; font-size: 8pt } }
@page :left { @top-right { content: "left"; font-weight: bold } }
@page :right { margin-left: 30mm }
@page :blank { @top-center { content: "blank" } }
@page udkast { @top-right { content: "UDKAST"; color: #b00000 } }
@page :nth(3) { @left-top { content: "third" } }
"""
SHOWN = ("content", "font_size", "font_weight", "color", "margin_left", "margin_top")

page_types = st.builds(PageType, side=st.sampled_from(["left", "right"]), blank=st.booleans(),
                       name=st.sampled_from([None, "udkast"]), index=st.integers(0, 5),
                       groups=st.just(()))


def styles_set(function: Callable[..., None], types: list[PageType]) -> list[tuple]:
    """The page styles `function` sets for `types` in turn, in the order it set them."""
    html = weasyprint.HTML(string=f"<html><head><style>{PAGE_RULES}</style></head>"
                                  "<body><p>x</p></body></html>")
    style_for = get_all_computed_styles(html)
    for page_type in types:
        function(page_type, html, style_for)
    return [(key, tuple(repr(style[name]) for name in SHOWN))
            for key, style in style_for.get_computed_styles().items()
            if isinstance(key[0], PageType)]


@settings(max_examples=60, deadline=None)
@given(st.lists(page_types, min_size=1, max_size=10))
def test_every_page_type_gets_weasyprints_styles(types: list[PageType]) -> None:
    """A page type seen again (WeasyPrint lays out pages again) is among the cases."""
    assert (styles_set(per_page.set_page_type_computed_styles, types)
            == styles_set(per_page.ORIGINAL_PAGE_STYLES, types))


class CountedCascade(dict):
    """The cascade, counting the keys any walk over it visits."""

    visited = 0

    def __iter__(self) -> Iterator[Any]:
        for key in super().__iter__():
            CountedCascade.visited += 1
            yield key

    def __reversed__(self) -> Iterator[Any]:
        for key in super().__reversed__():
            CountedCascade.visited += 1
            yield key


def keys_visited(function: Callable[..., None], pages: int) -> int:
    html = weasyprint.HTML(string="<p>x</p>")
    style_for = get_all_computed_styles(html)
    style_for._cascaded_styles = CountedCascade(style_for._cascaded_styles)
    CountedCascade.visited = 0
    for index in range(pages):
        function(PageType("right", False, None, index, ()), html, style_for)
    return CountedCascade.visited


def test_the_page_styles_look_at_each_page_once() -> None:
    """Twice the pages, twice the keys visited (WeasyPrint's own: four times)."""
    ours = {n: keys_visited(per_page.set_page_type_computed_styles, n) for n in (20, 40)}
    theirs = {n: keys_visited(per_page.ORIGINAL_PAGE_STYLES, n) for n in (20, 40)}
    assert ours[40] == 2 * ours[20] > 0
    assert theirs[40] > 3.5 * theirs[20]


@pytest.fixture
def weasyprints_own(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call to put WeasyPrint's own functions back for the rest of the test."""
    def put_back() -> None:
        for module, name, original, _ in per_page.REPLACED:
            monkeypatch.setattr(module, name, original)
    return put_back


def pdf_of(spec: Path) -> bytes:
    checked = check(spec)
    return write_format(render(checked), checked.kind, ".pdf")


def test_the_pdfs_are_the_same_without_the_replacements(weasyprints_own, tmp_path) -> None:
    """The seed, the seed as a draft (its named page), and 200 accounts (some 30 pages, the
    account table continued on page after page)."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(seed_with(("status: endelig\n", "")), encoding="utf-8")
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(SHAPES["accounts"](200), encoding="utf-8")
    specs = (SEED_SPEC, draft, accounts)
    ours = [pdf_of(spec) for spec in specs]
    weasyprints_own()
    assert [pdf_of(spec) for spec in specs] == ours
    assert len(pikepdf.open(io.BytesIO(ours[2])).pages) > 25


FIXED = ("<style>@page { size: A6 } div { position: fixed; top: 0 }</style>"
         "<div>Fast</div>" + "<p>Linje</p>" * 60)


def test_fixed_boxes_are_still_repeated_on_every_page(weasyprints_own) -> None:
    ours = weasyprint.HTML(string=FIXED).render()
    fixed = [sum(1 for box in page._page_box.descendants()
                 if box.element_tag == "div" and box.style["position"] == "fixed")
             for page in ours.pages]
    assert len(fixed) > 2 and set(fixed) == {1}
    pdf = ours.write_pdf()
    weasyprints_own()
    assert weasyprint.HTML(string=FIXED).write_pdf() == pdf


def test_nothing_is_replaced_on_another_weasyprint(weasyprints_own, monkeypatch) -> None:
    weasyprints_own()
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert per_page.install() is False
    assert all(getattr(module, name) is original
               for module, name, original, _ in per_page.REPLACED)


def test_the_replacements_are_installed_on_the_locked_weasyprint() -> None:
    assert weasyprint.__version__ == per_page.VERSION
    assert all(getattr(module, name) is replacement
               for module, name, _, replacement in per_page.REPLACED)
