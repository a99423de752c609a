"""Pseudo-elements' styles as writers/pseudo_styles.py shares them: the same PDF bytes with and
without the sharing (our documents of both kinds, and generated HTML with list markers of every
kind, ::before/::after content and footnotes), as many style objects for a table of 400 accounts
as for one of 50, and nothing wrapped on a WeasyPrint it was not written for."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import weasyprint
import weasyprint.css
from conftest import ROOT, SEED_SPEC
from hypothesis import given, settings
from hypothesis import strategies as st
from weasyprint.css import get_all_computed_styles

import aktstykker_gen.writers.pdf  # noqa: F401  (installs the wrapper)
from aktstykker_gen.build import write_format
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers import pseudo_styles
from aktstykker_gen.writers.html import write_html

sys.path.insert(0, str(ROOT / "benchmarks"))
from large_specs import SHAPES  # noqa: E402

SPECS = (SEED_SPEC,
         ROOT / "specs" / "examples" / "fortroligt-bilag.yaml",
         ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml",
         ROOT / "specs" / "dagsorden" / "referat-eksempel.yaml")


@pytest.fixture
def weasyprints_own(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call to put WeasyPrint's own method back for the rest of the test."""
    def put_back() -> None:
        monkeypatch.setattr(weasyprint.css.StyleFor, "set_computed_styles", pseudo_styles.ORIGINAL)
    return put_back


def pdf_of(spec: Path) -> bytes:
    checked = check(spec)
    return write_format(render(checked), checked.kind, ".pdf")


def test_our_pdfs_are_the_same_without_the_sharing(weasyprints_own, tmp_path) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(SHAPES["accounts"](120), encoding="utf-8")
    specs = (*SPECS, accounts)
    ours = [pdf_of(spec) for spec in specs]
    weasyprints_own()
    assert [pdf_of(spec) for spec in specs] == ours


MARKERS = st.sampled_from(["disc", "circle", "decimal", "lower-alpha", "upper-roman", "none",
                           "'– '", "'* '"])
ITEM = st.tuples(MARKERS, st.sampled_from(["inside", "outside"]), st.booleans(), st.booleans())


def html_of(items: list[tuple[str, str, bool, bool]]) -> str:
    """Items with their own marker type and position, some with ::before/::after content and
    some with a footnote, in an ordered list: the pseudo-elements whose styles are shared."""
    style = ("<style>@page { size: A7; margin: 5mm } .fn { float: footnote } "
             "li.b::before { content: '» ' } li.a::after { content: ' «' } "
             "li::marker { color: #333 }</style>")
    lines = []
    for number, (marker, position, before, footnote) in enumerate(items):
        classes = " ".join(name for name, on in (("b", before), ("a", not before)) if on)
        note = f"<span class='fn'>Note {number}</span>" if footnote else ""
        lines.append(f"<li class='{classes}' style='list-style: {marker} {position}'>"
                     f"Punkt {number}{note}</li>")
    return f"{style}<ol>{''.join(lines)}</ol>"


@settings(max_examples=25, deadline=None)
@given(st.lists(ITEM, min_size=1, max_size=12))
def test_generated_markers_and_footnotes_print_the_same(items) -> None:
    html = html_of(items)
    ours = weasyprint.HTML(string=html).write_pdf()
    wrapped = weasyprint.css.StyleFor.set_computed_styles
    weasyprint.css.StyleFor.set_computed_styles = pseudo_styles.ORIGINAL
    try:
        theirs = weasyprint.HTML(string=html).write_pdf()
    finally:
        weasyprint.css.StyleFor.set_computed_styles = wrapped
    assert ours == theirs


def pseudo_style_objects(size: int, tmp_path: Path) -> tuple[int, int]:
    """(pseudo-elements styled, distinct style objects among them) for `size` accounts."""
    spec = tmp_path / f"accounts-{size}.yaml"
    spec.write_text(SHAPES["accounts"](size), encoding="utf-8")
    checked = check(spec)
    html = weasyprint.HTML(string=write_html(render(checked)))
    computed = get_all_computed_styles(html).get_computed_styles()
    pseudo = [style for (element, pseudo_type), style in computed.items()
              if pseudo_type and not pseudo_type.startswith("@") and style is not None]
    return len(pseudo), len({id(style) for style in pseudo})


def test_the_styles_made_do_not_grow_with_the_table(tmp_path, weasyprints_own) -> None:
    """Eight times the rows: eight times the pseudo-elements, the same style objects. WeasyPrint
    alone makes one object for each."""
    small, large = (pseudo_style_objects(size, tmp_path) for size in (50, 400))
    assert large[0] > 7 * small[0]
    assert large[1] == small[1] < small[0] / 20
    weasyprints_own()
    alone = pseudo_style_objects(50, tmp_path)
    assert alone[1] == alone[0] == small[0]


def test_nothing_is_wrapped_on_another_weasyprint(weasyprints_own, monkeypatch) -> None:
    weasyprints_own()
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert pseudo_styles.install() is False
    assert weasyprint.css.StyleFor.set_computed_styles is pseudo_styles.ORIGINAL


def test_the_wrapper_is_installed_on_the_locked_weasyprint() -> None:
    assert weasyprint.__version__ == pseudo_styles.VERSION
    assert weasyprint.css.StyleFor.set_computed_styles is pseudo_styles.set_computed_styles
