"""The confidential edition of a document with confidential content says FORTROLIGT on every
page, page one too: at the top of each PDF page as an artifact (page furniture, like UDKAST, so
a screen reader and the text layer never read it as content), in every DOCX header, and on the
preview's sheet. The public edition never has it, nor does a document with nothing
confidential or one whose confidentiality is lifted."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SEED_SPEC
from test_pdf_tags import marked_texts
from test_udgave_kommandoer import whole_confidential

from aktstykker_gen.build import write_format
from aktstykker_gen.document import CONFIDENTIAL_MARK, DRAFT_MARK
from aktstykker_gen.pdf_text import pdf_lines
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.html import write_body, write_html
from aktstykker_gen.writers.text import write_text

EXAMPLES = ROOT / "specs" / "examples"


def specs(folder: Path) -> dict[str, Path]:
    """Specs with confidential content (a bilag; the whole aktstykke, lettered, with a running
    line and a document code), each also as a draft; and specs with none now."""
    made = {"bilag": EXAMPLES / "fortroligt-bilag.yaml", "helhed": whole_confidential(folder)}
    for name, path in list(made.items()):
        text = path.read_text(encoding="utf-8")
        assert "status: endelig\n" in text
        draft = folder / f"{name}-udkast.yaml"
        draft.write_text(text.replace("status: endelig\n", ""), encoding="utf-8")
        made[f"{name}-udkast"] = draft
    made["ophævet"] = EXAMPLES / "fortroligt-ophaevet.yaml"
    made["seed"] = SEED_SPEC
    return made


MARKED = ("bilag", "helhed", "bilag-udkast", "helhed-udkast")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, Udgave], tuple]:
    """(name, edition) → (tree, PDF path, DOCX bytes) for every edition each spec has."""
    folder = tmp_path_factory.mktemp("mark")
    result = {}
    for name, spec in specs(folder).items():
        checked = check(spec)
        assert checked.ok, checked.diagnostics
        for edition in Udgave:
            if name.startswith("helhed") and edition is Udgave.offentlig:
                continue   # it has none (AKT015)
            tree = render(checked, edition=edition)
            pdf = folder / f"{name}.{edition.value}.pdf"
            pdf.write_bytes(write_format(tree, checked.kind, ".pdf"))
            result[name, edition] = (tree, pdf, write_format(tree, checked.kind, ".docx"))
    return result


def test_only_a_confidential_edition_with_confidential_content_is_marked(built):
    marked = {key for key, (tree, _, _) in built.items() if tree.confidential}
    assert marked == {(name, Udgave.fortrolig) for name in MARKED}


EDITIONS = [(name, edition) for name in (*MARKED, "ophævet", "seed") for edition in Udgave
            if not (name.startswith("helhed") and edition is Udgave.offentlig)]


@pytest.mark.parametrize(("name", "edition"), EDITIONS)
def test_every_pdf_page_of_a_marked_edition_has_the_mark_once_as_an_artifact(built, name,
                                                                              edition):
    tree, pdf, _ = built[name, edition]
    artifacts: dict[int, str] = {}
    content = []
    for page, mcid, text in marked_texts(pdf):
        if mcid is None:
            artifacts[page] = artifacts.get(page, "") + text
        else:
            content.append(text)
    expected = 1 if (name in MARKED and edition is Udgave.fortrolig) else 0
    assert len(artifacts) >= 2
    assert [text.count(CONFIDENTIAL_MARK) for text in artifacts.values()] == \
        [expected] * len(artifacts)
    # the draft's own mark is still there beside it
    assert all(text.count(DRAFT_MARK) == (2 if "udkast" in name else 0)
               for text in artifacts.values())
    assert CONFIDENTIAL_MARK not in "".join(content)
    # a reader of the built PDF (diff, textconv) sees the text, not the mark
    assert CONFIDENTIAL_MARK not in "\n".join(pdf_lines(pdf))


def header_paragraphs(package: bytes) -> list[list[tuple[str, str]]]:
    """Each header's paragraphs (text, style), page one's too when it has its own."""
    section = docx.Document(io.BytesIO(package)).sections[0]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    return [[(p.text, p.style.name) for p in header.paragraphs] for header in headers]


@pytest.mark.parametrize("name", [*MARKED, "ophævet", "seed"])
def test_every_docx_header_of_a_marked_edition_has_the_mark(built, name):
    for edition in Udgave:
        if (name, edition) not in built:
            continue
        tree, _, package = built[name, edition]
        headers = header_paragraphs(package)
        marks = [paragraphs.count((CONFIDENTIAL_MARK, "Fortrolighedsmærke"))
                 for paragraphs in headers]
        expected = 1 if (name in MARKED and edition is Udgave.fortrolig) else 0
        assert marks == [expected] * len(headers), headers
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            body = archive.read("word/document.xml").decode("utf-8")
            styles = archive.read("word/styles.xml").decode("utf-8")
        assert CONFIDENTIAL_MARK not in body
        # the mark's style is in the package only when the mark is
        assert ("Fortrolighedsmærke" in styles) is bool(expected)


def test_the_lettered_aktstykke_has_the_mark_beside_its_running_line(built):
    _, _, package = built["helhed", Udgave.fortrolig]
    later, first = header_paragraphs(package)
    assert later == [("Fortroligt aktstykke H, Folketinget 2025-26", "Løbelinje"),
                     (CONFIDENTIAL_MARK, "Fortrolighedsmærke")]
    assert first == [(CONFIDENTIAL_MARK, "Fortrolighedsmærke")]


@pytest.mark.parametrize("name", MARKED)
def test_the_mark_is_not_part_of_the_text_and_the_preview_shows_it(built, name):
    tree, _, _ = built[name, Udgave.fortrolig]
    assert CONFIDENTIAL_MARK not in write_text(tree)
    assert f'data-mark="{CONFIDENTIAL_MARK}"' in write_html(tree)
    assert '<div class="confidential-mark" aria-hidden="true">FORTROLIGT</div>' in \
        write_body(tree)
    if (name, Udgave.offentlig) in built:
        public = built[name, Udgave.offentlig][0]
        assert CONFIDENTIAL_MARK not in write_html(public) + write_body(public)
