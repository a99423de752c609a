"""Folketinget's published form (issues 13, 14): the head of page one, the running line on
every later page and the document code at the foot of page one, in PDF, DOCX and text; the
decided edition's "Afgjort den"; the lettered, confidential aktstykke and its lifting."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, SEED_SPEC, seed_with
from test_pdf_tags import marked_texts

from aktstykker_gen.build import write_format
from aktstykker_gen.kinds.aktstykke.hoved import hoved
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import IngenOffentligUdgave, Udgave, udgave
from aktstykker_gen.writers.text import write_text

FORTROLIG = ("fortrolighed:\n  grund: statens forhandlingsposition\n"
             "  ophæves_når: aftalen er indgået\n")
MÅNEDER = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december")


def _spec(tmp_path: Path, extra: str, name: str = "hoved") -> Path:
    """The seed (decided on 2025-10-09) with `extra` fields after its finansår."""
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(seed_with(("finansår: 2025\n", "finansår: 2025\n" + extra)),
                    encoding="utf-8")
    return spec


def _build(spec: Path) -> tuple[object, bytes, bytes, str]:
    checked = check(spec)
    assert not [d for d in checked.diagnostics if d.severity.name == "ERROR"], checked.diagnostics
    tree = render(checked)
    return (tree, write_format(tree, checked.kind, ".pdf"),
            write_format(tree, checked.kind, ".docx"), write_text(tree))


@pytest.mark.parametrize(("nummer", "år", "kode"), [
    (1, "2024-25", "AE000001"), (55, "2025-26", "AE003341"), (283, "2025-26", "ZX999999"),
    (9999, "2025-26", None)])
def test_head_running_line_and_code_on_every_page(tmp_path, nummer, år, kode) -> None:
    extra = f"nummer: {nummer}\nfolketingsår: {år}\n" + (f"dokumentkode: {kode}\n" if kode else "")
    tree, pdf, docx, text = _build(_spec(tmp_path, extra))
    running = f"Aktstykke nr. {nummer}, Folketinget {år}"
    # The text output: the head as content, in Folketinget's reading order; no furniture.
    assert text.startswith(f"Aktstykke nr. {nummer}\n\nFolketinget {år}\n\n{nummer}\n\n"
                           "Afgjort den 9. oktober 2025\n\nIndenrigs- og Sundhedsministeriet.")
    assert running not in text and (kode is None or kode not in text)
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        pages = [page.extract_text() for page in document.pages]
    assert len(pages) > 1
    first = pages[0].splitlines()
    head = " ".join(first[:2])   # the large number beside the head: on its line or above
    assert f"Aktstykke nr. {nummer}" in head and head.split().count(str(nummer)) == 2
    assert f"Folketinget {år}" in first and "Afgjort den 9. oktober 2025" in first
    assert running not in pages[0]
    for page in pages[1:]:
        assert page.splitlines()[0] == running
    artifacts = {page: text for page, mcid, text in marked_texts(path) if mcid is None}
    assert artifacts == {page: ((kode or "") if page == 0 else running) + str(page + 1)
                         for page in range(len(pages))}
    content = "".join(text for _, mcid, text in marked_texts(path) if mcid is not None)
    assert running not in content and (kode is None or kode not in content)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = {name: package.read(name).decode() for name in package.namelist()
                 if name.startswith("word/header") or name.startswith("word/footer")}
        body = package.read("word/document.xml").decode()
    headers = [xml for name, xml in parts.items() if running in xml]
    assert len(headers) == 1 and all(running not in xml for xml in [body])
    assert 'w:titlePg' in body   # page one has its own header (none) and footer (the code)
    if kode:
        assert sum(kode in xml for xml in parts.values()) == 1 and kode not in body


@pytest.mark.parametrize("dag", [datetime.date(2025, 10, 2), datetime.date(2025, 12, 31),
                                 datetime.date(2026, 1, 1), datetime.date(2025, 11, 20)])
def test_the_decided_edition_says_when(tmp_path, dag) -> None:
    spec = _spec(tmp_path, "nummer: 12\nfolketingsår: 2025-26\n")
    spec.write_text(spec.read_text().replace("  dato: 2025-10-09", f"  dato: {dag}"))
    model = check(spec).spec.model
    expected = f"Afgjort den {dag.day}. {MÅNEDER[dag.month - 1]} {dag.year}"
    assert hoved(model).noter == (expected,)


def test_the_seed_without_a_number_has_no_head_and_no_furniture() -> None:
    tree = render(check(SEED_SPEC))
    assert tree.running == "" and tree.code == ""
    assert not any(getattr(b, "role", "") in ("designation", "number", "headnote")
                   for b in tree.body)


@pytest.mark.parametrize("bogstav", ["H", "AB", "Ø"])
def test_a_lifted_confidential_aktstykke_is_lettered_and_says_so(tmp_path, bogstav) -> None:
    extra = (f"bogstav: {bogstav}\nfolketingsår: 2025-26\n{FORTROLIG}  ophævet:\n"
             "    dato: 2026-02-03\n    ved: ministerens skrivelse\n")
    spec = _spec(tmp_path, extra)
    tree, _, docx, text = _build(spec)
    assert text.startswith(f"Aktstykke {bogstav}\n\nFolketinget 2025-26\n\n{bogstav}\n\n")
    assert (f"Tidligere fortroligt aktstykke {bogstav}. Fortroligheden er ophævet ved "
            "ministerens skrivelse af 3. februar 2026.") in text
    assert tree.running == f"Aktstykke {bogstav}, Folketinget 2025-26"
    model = check(spec).spec.model
    assert not model.er_fortrolig() and udgave(model, Udgave.offentlig) is not None


def test_a_confidential_aktstykke_has_no_public_edition(tmp_path) -> None:
    model = check(_spec(tmp_path, "bogstav: H\nfolketingsår: 2025-26\n" + FORTROLIG)).spec.model
    assert model.er_fortrolig() and model.offentlig_udgave() is None
    with pytest.raises(IngenOffentligUdgave):
        udgave(model, Udgave.offentlig)
    assert udgave(model, Udgave.fortrolig) is model
    noter = hoved(model).noter
    assert noter[-1] == ("Aktstykkets indhold er fortroligt af hensyn til statens "
                         "forhandlingsposition. Aktstykket kan offentliggøres, når aftalen er "
                         "indgået.")
    assert hoved(model).betegnelse == "Fortroligt aktstykke H"


def test_the_example_specs_build_their_head() -> None:
    text = write_text(render(check(ROOT / "specs" / "examples" / "fortroligt-ophaevet.yaml")))
    assert "Tidligere fortroligt aktstykke H. Fortroligheden er ophævet ved ministerens " \
           "skrivelse af 3. februar 2026." in text
    tree = render(check(ROOT / "specs" / "examples" / "med-paategning.yaml"))
    assert tree.code == "AE003341" and tree.running == "Aktstykke nr. 48, Folketinget 2025-26"
    assert "Afgjort den 20. november 2025" in write_text(tree)
