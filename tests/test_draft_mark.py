"""A draft is never mistaken for the document sent: until a spec says `status: endelig`,
its PDF and DOCX carry a visible UDKAST mark on every page; the text is the same."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SEED_SPEC, seed_with
from pypdf import PdfReader

from aktstykker_gen.build import render_outputs
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers.html import write_body, write_html

FINAL_LINE = "status: endelig\n"


@pytest.fixture(scope="module")
def draft_and_final(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("status")
    draft = folder / "draft.yaml"
    draft.write_text(seed_with((FINAL_LINE, "")), encoding="utf-8")
    return {"draft": render_outputs(check(draft)), "final": render_outputs(check(SEED_SPEC))}


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def header_xml(package: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/header")]
        return "".join(archive.read(n).decode("utf-8") for n in names)


def test_a_spec_without_status_is_a_draft(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(seed_with((FINAL_LINE, "")), "utf-8")
    assert render(check(spec)).draft is True
    assert render(check(SEED_SPEC)).draft is False


def test_every_page_of_a_draft_pdf_says_udkast_twice(draft_and_final) -> None:
    pages = pdf_pages(draft_and_final["draft"][".pdf"])
    assert len(pages) >= 3
    # once at the top of the margin, once across the page (its background, udkast.svg)
    assert [page.split("\n").count("UDKAST") for page in pages] == [2] * len(pages)


def test_a_final_pdf_has_no_mark(draft_and_final) -> None:
    assert not any("UDKAST" in page for page in pdf_pages(draft_and_final["final"][".pdf"]))


def test_a_draft_docx_has_udkast_in_its_header_and_words_watermark(draft_and_final) -> None:
    package = draft_and_final["draft"][".docx"]
    header = docx.Document(io.BytesIO(package)).sections[0].header
    assert [p.text for p in header.paragraphs] == ["UDKAST"]
    assert header.paragraphs[0].style.name == "Udkastmærke"
    xml = header_xml(package)
    assert 'string="UDKAST"' in xml and "rotation:315" in xml


def test_a_final_docx_has_no_header(draft_and_final) -> None:
    assert header_xml(draft_and_final["final"][".docx"]) == ""


def test_the_mark_is_not_part_of_the_text(draft_and_final) -> None:
    """Draft and final read alike in the text a reviewer diffs; only the mark differs."""
    assert draft_and_final["draft"][".txt"] == draft_and_final["final"][".txt"]
    draft_body = docx.Document(io.BytesIO(draft_and_final["draft"][".docx"])).paragraphs
    final_body = docx.Document(io.BytesIO(draft_and_final["final"][".docx"])).paragraphs
    assert [p.text for p in draft_body] == [p.text for p in final_body]


def test_the_html_a_preview_shows_carries_the_mark_only_for_a_draft(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(seed_with((FINAL_LINE, "")), "utf-8")
    draft, final = render(check(spec)), render(check(SEED_SPEC))
    assert ">UDKAST</div>" in write_body(draft) and "UDKAST" not in write_body(final)
    # The PDF's HTML only names the page the stylesheet marks; the mark is page furniture.
    assert '<body class="draft">' in write_html(draft) and "UDKAST" not in write_html(draft)
    assert "UDKAST" not in write_html(final)
