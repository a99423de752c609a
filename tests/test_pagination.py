"""Issue 13, acceptance 3 and the keep rules: LibreOffice's PDF of our DOCX, converted where
neither Liberation nor Times is installed (so with the DOCX's embedded font), has our PDF's
pages: as many, each starting within one line of ours, the same text; and both PDFs keep the
keep rules, read off their word positions (tests/pagination.py). Measured on every spec under
specs/, the two stress specs of tests/stress/ and specs generated to move the page breaks over
every place around a table (tests/pagination_specs.py: a dozen here, all of them with
AKTSTYKKE_PAGINATION=all, as `make fuzz` runs them)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from pagination import (
    Line,
    body,
    boundaries,
    fontconfig_without_liberation_or_times,
    keep_violations,
    libreoffice_pdfs,
    lines,
    start_shifts,
    text,
)
from pagination_specs import cases, spec
from textmeasure import similarity

from aktstykker_gen.build import render_outputs
from aktstykker_gen.document import Document, Paragraph
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import Udgave

SPECS = [*sorted((ROOT / "specs").rglob("*.yaml")), *sorted((ROOT / "tests" / "stress").glob("*.yaml"))]
GENERATED = [f"gen-{p}-{a}-{n}" for p, a, n in cases()]
NAMES = [s.stem for s in SPECS] + GENERATED


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path, Path]]:
    """Each spec's public edition: its tree, our PDF, and LibreOffice's PDF of our DOCX (all
    converted in one LibreOffice run)."""
    folder = tmp_path_factory.mktemp("pagination")
    env = fontconfig_without_liberation_or_times(folder / "fontconfig")
    (folder / "specs").mkdir()
    generated = []
    for p, a, n in cases():
        path = folder / "specs" / f"gen-{p}-{a}-{n}.yaml"
        path.write_text(spec(p, a, n), encoding="utf-8")
        generated.append(path)
    docx, built = folder / "docx", {}
    docx.mkdir()
    for path in [*SPECS, *generated]:
        checked = check(path)
        assert not [d for d in checked.diagnostics if d.is_error], path
        outputs = render_outputs(checked)
        (folder / f"{path.stem}.pdf").write_bytes(outputs[".pdf"])
        (docx / f"{path.stem}.docx").write_bytes(outputs[".docx"])
        built[path.stem] = render(checked, edition=Udgave.offentlig)
    libreoffice_pdfs(sorted(docx.iterdir()), folder / "lo", folder / "profile", env)
    return {name: (tree, folder / f"{name}.pdf", folder / "lo" / f"{name}.pdf")
            for name, tree in built.items()}


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_starts_each_page_within_a_line_of_ours(name: str, pdfs) -> None:
    tree, ours, theirs = pdfs[name]
    a, b = body(ours, tree), body(theirs, tree)
    assert len(b) == len(a)
    assert all(abs(shift) <= 1 for shift in start_shifts(a, b)), start_shifts(a, b)
    assert similarity(text(a), text(b)) >= 0.999


@pytest.mark.parametrize("which", ["ours", "libreoffice"])
@pytest.mark.parametrize("name", NAMES)
def test_both_pdfs_keep_the_keep_rules(name: str, which: str, pdfs) -> None:
    tree, ours, theirs = pdfs[name]
    assert keep_violations(lines(ours if which == "ours" else theirs), tree) == []


def test_the_specs_measured_have_the_published_head_a_decision_and_pages_to_break(pdfs) -> None:
    """What the measure must cover: specs with Folketinget's head (nummer and folketingsår) and
    a decision ("Afgjort den"); and among the generated ones pages that break in prose, before
    a table's introduction, inside a table (its header rows repeated), after a table and
    before the closing block."""
    def roles(tree: Document) -> set[str]:
        return {b.role for b in tree.body if isinstance(b, Paragraph)}

    decided = [n for n, (tree, *_) in pdfs.items()
               if {"designation", "session", "decision"} <= roles(tree)
               and any(isinstance(b, Paragraph) and b.text.startswith("Afgjort den")
                       for b in tree.body)]
    assert len(decided) >= 2, decided
    found = {b for n in GENERATED for b in boundaries(lines(pdfs[n][1]), pdfs[n][0])}
    assert found >= {("text", "text"), ("text", "intro"), ("table", "table"), ("table", "text"),
                     ("text", "closing")}, found


def moved(pages: list[list[Line]], text_: str) -> list[list[Line]]:
    """The pages with the line of this text, and every line after it on its page, moved to the
    top of a new page."""
    for p, page in enumerate(pages):
        for i, line in enumerate(page):
            if line.text == text_:
                rest = [replace(x, page=p + 1) for x in page[i:]]
                later = [[replace(x, page=x.page + 1) for x in q] for q in pages[p + 1:]]
                return [*pages[:p], page[:i], rest, *later]
    raise AssertionError(text_)


def test_the_keep_check_sees_a_broken_rule(pdfs) -> None:
    """The check fails where a rule is broken: the seed's pages with the addressee pushed to
    a page of its own, and with a table's first body row pushed off its header row's page."""
    tree, ours, _ = pdfs["2025-10-01-personlig-medicin"]
    pages = lines(ours)
    assert keep_violations(moved(pages, "TilFinansudvalget."), tree) == [
        f"closing block split over pages [{len(pages)}, {len(pages) + 1}]"]
    first_row = next(line.text for page in pages for line in page if line.text.startswith("§16.11.16"))
    found = keep_violations(moved(pages, first_row), tree)
    assert any(v.startswith("header row of") for v in found), found
