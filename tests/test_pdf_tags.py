"""The PDF is tagged, PDF/UA-1 by default (issue 13): the checkers find nothing on any spec, the
structure tree holds the headings, lists, header cells and quotation a screen reader needs,
page furniture is artifacts, and the tagged content read in order is the text output."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import ROOT, SEED_SPEC, seed_with

from aktstykker_gen.build import write_format
from aktstykker_gen.cli import main
from aktstykker_gen.document import (
    CONFIDENTIAL_MARK,
    DRAFT_MARK,
    BulletList,
    Document,
    Paragraph,
    Quote,
    Section,
    Table,
)
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers import pdf_variants
from aktstykker_gen.writers.html import HEADINGS
from aktstykker_gen.writers.text import write_text

SPECS = sorted(p for p in (ROOT / "specs").rglob("*") if p.suffix.lower() in (".yaml", ".yml"))
TOOLS = Path(sys.executable).parent
DRAFT = "draft-seed"   # the seed as a draft: its UDKAST mark on every page
AGENDA = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
DRAFT_AGENDA = "draft-agenda"   # the agenda as a draft: the mark beside its "Side N"


def _name(spec: Path) -> str:
    return spec.relative_to(ROOT / "specs").with_suffix("").as_posix().replace("/", "-")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    """Every spec's tree and PDF, and the seed's as a draft."""
    folder = tmp_path_factory.mktemp("tagged")
    draft = folder / f"{DRAFT}.yaml"
    draft.write_text(seed_with(("status: endelig\n", "")), encoding="utf-8")
    draft_agenda = folder / f"{DRAFT_AGENDA}.yaml"
    draft_agenda.write_text(AGENDA.read_text(encoding="utf-8").replace("status: endelig\n", ""),
                            encoding="utf-8")
    drafts = {draft: DRAFT, draft_agenda: DRAFT_AGENDA}
    result = {}
    for spec in [*SPECS, *drafts]:
        checked = check(spec)
        tree = render(checked)
        pdf = folder / f"{drafts.get(spec) or _name(spec)}.pdf"
        pdf.write_bytes(write_format(tree, checked.kind, ".pdf"))
        result[pdf.stem] = (tree, pdf)
    return result


@pytest.fixture(scope="module")
def findings(built) -> dict[str, dict[str, dict[str, int]]]:
    """What pdfua and outloud report on each PDF: {name: {tool: {severity: count}}}."""
    paths = [str(pdf) for _, pdf in built.values()]
    report: dict[str, dict[str, dict[str, int]]] = {Path(p).stem: {} for p in paths}
    done = subprocess.run([str(TOOLS / "pdfua"), "check", "--format", "json", *paths],
                          capture_output=True, text=True, timeout=600)
    text, decoder, at = done.stdout, json.JSONDecoder(), 0
    while text[at:].strip():
        result, at = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        summary = result["summary"]
        report[Path(result["file"]).stem]["pdfua"] = {
            "error": summary["errors"], "warning": summary["warnings"]}
    done = subprocess.run([str(TOOLS / "outloud"), "--json", "-", *paths],
                          capture_output=True, text=True, timeout=600)
    for result in json.loads(done.stdout)["results"]:
        assert result["error"] is None, result["error"]
        report[Path(result["path"]).stem]["outloud"] = {
            "error": result["counts"]["error"], "warning": result["counts"]["warning"]}
    return report


@pytest.mark.parametrize("name", [*map(_name, SPECS), DRAFT, DRAFT_AGENDA])
def test_pdfua_and_outloud_find_nothing(findings, name) -> None:
    assert findings[name] == {tool: {"error": 0, "warning": 0} for tool in ("pdfua", "outloud")}


def test_the_checkers_do_find_the_faults_of_an_untagged_pdf(built, tmp_path) -> None:
    """The checkers see what is missing: the same PDF without its structure tree fails."""
    _, pdf = built[_name(SEED_SPEC)]
    with pikepdf.open(pdf) as document:
        del document.Root["/StructTreeRoot"]
        del document.Root["/MarkInfo"]
        document.save(tmp_path / "untagged.pdf")
    done = subprocess.run([str(TOOLS / "pdfua"), "check", "--format", "json",
                           str(tmp_path / "untagged.pdf")], capture_output=True, text=True)
    assert json.loads(done.stdout)["summary"]["errors"] >= 1


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under `node`, in document order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from elements(kid)


def blocks(tree: Document) -> list[object]:
    return [b for part in tree.body
            for b in (part.blocks if isinstance(part, Section) else [part])]


@pytest.mark.parametrize("name", list(map(_name, SPECS)))
def test_the_structure_tree_has_what_the_document_has(built, name) -> None:
    tree, pdf = built[name]
    with pikepdf.open(pdf) as document:
        assert document.Root.Lang == "da"
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        assert document.Root.MarkInfo.Marked is True
        assert document.open_metadata().get("dc:title") == tree.title
        found = list(elements(document.Root.StructTreeRoot))
        kinds = [str(e.S) for e in found]
        sections = [str(e.T) for e in found if e.S == "/Sect"]
        headers = [e for e in found if e.S == "/TH"]
        scopes = {str(e.A.Scope) for e in headers}
        headings = sum(kinds.count(f"/{tag.upper()}") for tag in set(HEADINGS.values()))
    parts = blocks(tree)
    letters = [p.letter for p in tree.body if isinstance(p, Section)]
    # a section that runs onto the next page is one element on each, labelled alike
    assert [k for i, k in enumerate(sections) if i == 0 or sections[i - 1] != k] == letters
    lists = [b for b in parts if isinstance(b, BulletList)]
    assert kinds.count("/L") >= len(lists)
    assert kinds.count("/LI") >= sum(len(b.items) for b in lists)
    tables = [b for b in parts if isinstance(b, Table)]
    assert kinds.count("/Table") >= len(tables)
    heading_cells = sum(1 for t in tables for row in t.head for c in row.cells if c.text)
    assert len(headers) >= heading_cells and (scopes == {"/Column"} or not headers)
    assert kinds.count("/BlockQuote") >= sum(isinstance(b, Quote) for b in parts)
    subheadings = [b for b in parts if getattr(b, "role", "") in HEADINGS]
    assert headings >= len(subheadings) and (headings == 0) == (not subheadings)


def test_the_seed_has_each_kind_of_structure() -> None:
    """The seed has lists, tables and a tekstanmærkning; orienterende-med-tabeller sub-headings:
    so the test above compares non-empty counts for each kind."""
    parts = blocks(render(check(SEED_SPEC)))
    assert {type(b) for b in parts} >= {BulletList, Table, Quote}
    example = render(check(ROOT / "specs" / "examples" / "orienterende-med-tabeller.yaml"))
    assert any(getattr(b, "role", "") == "subheading" for b in blocks(example))


def marked_texts(pdf: Path, marked: str | None = None) -> Iterator[tuple[int, int | None, str]]:
    """Each page's marked contents: (page, MCID or None for an artifact, its text)."""
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            runs: dict[int | None, list[str]] = {}
            for char in page.chars:
                key = char.get("mcid") if char.get("tag") != "Artifact" else None
                runs.setdefault(key, []).append(char["text"])
            for key, chars in runs.items():
                yield number, key, "".join(chars)


@pytest.mark.parametrize("name", [*map(_name, SPECS), DRAFT, DRAFT_AGENDA])
def test_page_numbers_and_the_draft_mark_are_artifacts(built, name) -> None:
    tree, pdf = built[name]
    artifacts = {page: text for page, mcid, text in marked_texts(pdf) if mcid is None}
    pages = len(pdfplumber.open(pdf).pages)
    # Folketinget's furniture: the document code at the foot of page one, the running line
    # at the top of every later page (the margin boxes are drawn top left before bottom).
    # A folio ("Side 3") stands at the top right. The marks, in whichever margin box the
    # kind's stylesheet puts them: UDKAST across the page and at its top, and a confidential
    # edition's FORTROLIGT at the top.
    folio = f"{tree.folio} " if tree.folio else ""
    assert set(artifacts) <= set(range(pages))
    for page in range(pages):
        text = artifacts.get(page, "")
        assert text.count(DRAFT_MARK) == (2 if tree.draft else 0), page
        assert text.count(CONFIDENTIAL_MARK) == (1 if tree.confidential else 0), page
        rest = text.replace(DRAFT_MARK, "").replace(CONFIDENTIAL_MARK, "")
        assert rest == (tree.code if page == 0 else tree.running) + f"{folio}{page + 1}", page
    content = "".join(text for _, mcid, text in marked_texts(pdf) if mcid is not None)
    assert DRAFT_MARK not in content and CONFIDENTIAL_MARK not in content


def _reading_order(pdf: Path) -> str:
    """The text of the tagged content, element by element in the structure tree's order. A
    table that runs onto the next page is a second /Table there whose header row repeats the
    first's (as it is printed): that repetition is left out, as the text output has it once."""
    texts = {(page, mcid): text for page, mcid, text in marked_texts(pdf) if mcid is not None}
    with pikepdf.open(pdf) as document:
        pages = {page.objgen: i for i, page in enumerate(document.pages)}

        def content(element: pikepdf.Dictionary) -> list[tuple[int, int]]:
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            ids = [int(k) for k in kids if isinstance(k, int)]
            return [(pages[element.Pg.objgen], k) for k in ids]

        order, repeated = [], []
        head: tuple[int, str] | None = None   # the last table's page and header text
        for element in elements(document.Root.StructTreeRoot):
            order += content(element)
            if element.S in ("/P", "/H1", "/L", "/BlockQuote"):
                head = None
            elif element.S == "/THead":
                keys = [key for e in elements(element) for key in content(e)]
                text = " ".join(texts[key] for key in keys)
                page = keys[0][0] if keys else -1
                if head is not None and head == (page - 1, text):
                    repeated += keys
                head = (page, text)
    assert sorted(order) == sorted(texts), "every marked content is in the tree once"
    return " ".join(texts[key] for key in order if key not in repeated)


def _normalised(text: str) -> str:
    """Without spaces, and with the list marks (– or • in the PDF, - in the text) left out."""
    return re.sub(r"[\s\u00a0–•-]", "", text)


@pytest.mark.parametrize("name", [*map(_name, SPECS), DRAFT, DRAFT_AGENDA])
def test_reading_order_is_the_text_output(built, name) -> None:
    """Save a named link's address: the text output has it closing its item, the PDF at the
    foot of the page its name stands on, and it is read there, once."""
    tree, pdf = built[name]
    read, text = _normalised(_reading_order(pdf)), _normalised(write_text(tree))
    for block in tree.body:
        if isinstance(block, Paragraph) and block.role == "named-link":
            address = _normalised(block.text)
            assert read.count(address) == text.count(address) == 1
            read, text = read.replace(address, ""), text.replace(address, "")
    assert read == text


def test_header_cells_head_their_columns_and_empty_ones_are_data(built) -> None:
    _, pdf = built[_name(SEED_SPEC)]
    with pikepdf.open(pdf) as document:
        found = list(elements(document.Root.StructTreeRoot))
        headers = [e for e in found if e.S == "/TH"]
        cells = [e for e in found if e.S == "/TD"]
        assert headers and all(e.A.Scope == "/Column" and "/ID" in e for e in headers)
        ids = {bytes(e.ID) for e in headers}
        pointed = [bytes(h) for e in cells for h in e.A.get("/Headers", [])]
        assert pointed and set(pointed) <= ids


def test_pdf_a_2b_carries_the_pdfa_identification_and_output_intent(tmp_path) -> None:
    assert main(["build", str(SEED_SPEC), "-o", str(tmp_path), "--pdf-variant", "pdf/a-2b"]) == 0
    with pikepdf.open(tmp_path / f"{SEED_SPEC.stem}.pdf") as document:
        metadata = document.open_metadata()
        assert (metadata.get("pdfaid:part"), metadata.get("pdfaid:conformance")) == ("2", "B")
        [intent] = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 1000
        assert "/StructTreeRoot" in document.Root   # the archive copy is tagged too


@pytest.mark.parametrize("variant", sorted(pdf_variants.SUPPORTED))
def test_every_supported_variant_builds_tagged_and_says_so(tmp_path, variant) -> None:
    checked = check(SEED_SPEC)
    data = write_format(render(checked), checked.kind, ".pdf", pdf_variant=variant)
    with pikepdf.open(io.BytesIO(data)) as document:
        metadata = document.open_metadata()
        assert "/StructTreeRoot" in document.Root
        if variant == "pdf/ua-1":
            assert metadata.get("pdfuaid:part") == "1"
        else:
            part, level = variant.removeprefix("pdf/a-")
            assert (metadata.get("pdfaid:part"), metadata.get("pdfaid:conformance")) == (
                part, level.upper())


@pytest.mark.parametrize("value", [*sorted(pdf_variants.REFUSED), "pdf/ua-9", "", "a-2b"])
def test_an_unsupported_variant_is_a_usage_error(tmp_path, capsys, value) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(SEED_SPEC), "-o", str(tmp_path), "--pdf-variant", value])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "--pdf-variant" in error and "vælg pdf/ua-1, pdf/a-2b" in error
    assert "Traceback" not in error and not list(tmp_path.iterdir())


def test_a_variant_is_among_a_builds_inputs(tmp_path, capsys) -> None:
    """Built as PDF/UA, then asked for PDF/A: rebuilt, not skipped as unchanged."""
    specs, out = tmp_path / "specs", tmp_path / "out"
    specs.mkdir()
    spec = ROOT / "specs" / "examples" / "laaneramme.yaml"
    (specs / spec.name).write_bytes(spec.read_bytes())
    assert main(["build", str(specs), "-o", str(out)]) == 0
    assert main(["build", str(specs), "-o", str(out)]) == 0
    assert "uændret 1" in capsys.readouterr().err
    assert main(["build", str(specs), "-o", str(out), "--pdf-variant", "pdf/a-2b"]) == 0
    assert "bygget 1, uændret 0" in capsys.readouterr().err
    with pikepdf.open(out / "laaneramme.pdf") as document:
        assert document.open_metadata().get("pdfaid:part") == "2"


@pytest.mark.parametrize("name", [n for n in map(_name, SPECS)] + [DRAFT])
def test_every_list_item_is_its_dash_as_label_and_its_text_as_body(built, name) -> None:
    """LI > Lbl + LBody (PDF/UA: a list item's label is not its content): the dash (an agenda's
    bullet), WeasyPrint's tagged ::marker, is the label, and the bodies hold the items' texts in
    order. An item that runs onto the next page goes on there as a second LI of its body alone."""
    tree, pdf = built[name]
    texts = {(page, mcid): text for page, mcid, text in marked_texts(pdf) if mcid is not None}
    items = [item for b in blocks(tree) if isinstance(b, BulletList) for item in b.items]
    with pikepdf.open(pdf) as document:
        pages = {page.objgen: i for i, page in enumerate(document.pages)}

        def text(element: pikepdf.Dictionary) -> str:
            out = []
            for e in [element, *elements(element)]:
                kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
                out += [texts[(pages[e.Pg.objgen], int(k))] for k in kids if isinstance(k, int)]
            return "".join(out)

        found = [e for e in elements(document.Root.StructTreeRoot) if e.S == "/LI"]
        kinds = [[str(kid.S) for kid in e.K] for e in found]
        labels = [text(kid) for e in found for kid in e.K if kid.S == "/Lbl"]
        bodies = "".join(text(kid) for e in found for kid in e.K if kid.S == "/LBody")
    assert all(k in (["/Lbl", "/LBody"], ["/LBody"]) for k in kinds), kinds
    # one label for every item: an aktstykke's dash, an agenda's bullet
    assert len(labels) == len(items) and len({label.strip() for label in labels} - {""}) <= 1
    assert {label.strip() for label in labels} <= {"–", "•"}
    assert re.sub(r"\s", "", bodies) == re.sub(r"\s", "", "".join(items))
