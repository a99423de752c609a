"""A reviewer who has only the DOCX files that were sent: `aktstykke redline sent-v1.docx
sent-v2.docx -o changes.docx` reads each back into the document tree it was built from
(docx_tree.py) and marks the same changes as a redline of the two specs, exact on accept and
reject; a DOCX that cannot be read back is refused, naming what, and nothing is written."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from revisions import corpus, written
from tracked import marks, resolved, styled

from aktstykker_gen import cli, limits
from aktstykker_gen.bounded import Refused
from aktstykker_gen.build import write_format
from aktstykker_gen.document import Document, Linked, Paragraph
from aktstykker_gen.docx_tree import read_docx
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.redline import redline
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.docx import Revision, write_docx

SPECS = sorted(SEED_SPEC.parent.rglob("*.yaml"))
PAIRS = corpus()
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def built(tree: Document, kind: str, path: Path) -> Path:
    """The DOCX `build` writes of the tree."""
    path.write_bytes(write_format(tree, KINDS[kind], ".docx"))
    return path


def strict(value: Any) -> Any:
    """The tree as plain data, a text's links, its named links' addresses and its being a link
    kept: `==` on trees compares a `Linked` as the string it reads as, with its named links."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                *(strict(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, tuple):
        return tuple(strict(v) for v in value)
    if isinstance(value, Linked):
        return ("Linked", str(value), value.links, value.named)
    if isinstance(value, str):
        return ("str", str(value))
    return value


@pytest.mark.parametrize("edition", list(Udgave), ids=lambda e: e.value)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_a_built_docx_reads_back_as_the_tree_it_was_built_from(tmp_path, spec, edition):
    checked = check(spec)
    tree = render(checked, edition=edition)
    read = read_docx(built(tree, checked.kind.name, tmp_path / "sendt.docx"))
    assert read.kind == checked.kind.name
    assert strict(read.document) == strict(tree)


def docx_body(tree: Document, kind: str, revision: Revision | None = None) -> etree._Element:
    from aktstykker_gen import assets

    folder = assets.templates_dir()
    data = write_docx(tree, folder / "docx", revision, **KINDS[kind].docx_parts(folder))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


@pytest.fixture(params=PAIRS, ids=[p.name for p in PAIRS])
def sent(request, tmp_path) -> tuple[str, Document, Document, Path, Path]:
    """A corpus pair as its two specs' trees and the two DOCX files built from them."""
    pair = request.param
    kind = pair.new.get("art", DEFAULT_KIND)
    trees = []
    for name, data in (("v1", pair.old), ("v2", pair.new)):
        trees.append(render(check(written(data, tmp_path / f"{name}.yaml")),
                            edition=Udgave.fortrolig))
    return (kind, *trees, built(trees[0], kind, tmp_path / "sent-v1.docx"),
            built(trees[1], kind, tmp_path / "sent-v2.docx"))


def test_a_redline_of_the_sent_docx_files_is_exact_on_accept_and_reject(sent):
    kind, old, new, old_docx, new_docx = sent
    earlier, later = read_docx(old_docx), read_docx(new_docx)
    assert (earlier.kind, later.kind) == (kind, kind)
    changes = docx_body(redline(earlier.document, later.document), kind,
                        Revision("Redaktør", WHEN))
    assert bool(marks(changes)) == (old != new)
    for accept, expected in ((True, new), (False, old)):
        result = resolved(changes, accept)
        assert marks(result) == []
        assert styled(result) == styled(docx_body(expected, kind))


def run(argv: list[str]) -> tuple[int, str]:
    """The command's exit code and what it printed on stderr."""
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, err.getvalue()


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.spec == SEED_SPEC.stem][::3],
                         ids=lambda p: p.kind)
def test_the_command_on_two_docx_files_writes_the_specs_redline_byte_for_byte(tmp_path, pair):
    """From DOCX files, from specs, and from one of each: the same file, given the same author
    and date (a DOCX holds no sagsbehandler: the default author). The DOCX files are written as
    `build` writes them (a pair's spec may have check errors, which `build` refuses)."""
    specs = [written(pair.old, tmp_path / "v1.yaml"), written(pair.new, tmp_path / "v2.yaml")]
    docx = [built(render(check(spec)), "aktstykke", tmp_path / f"sent-{spec.stem}.docx")
            for spec in specs]
    made = []
    for n, sides in enumerate((specs, docx, [docx[0], specs[1]], [specs[0], docx[1]])):
        out = tmp_path / f"r{n}.docx"
        code, err = run(["redline", *map(str, sides), "-o", str(out), "--date", "2026-01-02",
                         "--author", cli.DEFAULT_AUTHOR])
        assert code == 0 and err.endswith(f"skrevet: {out}\n")
        made.append(out.read_bytes())
    assert made[1:] == made[:1] * 3


def test_without_author_a_docx_redline_is_by_the_default_author(tmp_path):
    tree = render(check(SEED_SPEC))
    old = built(tree, "aktstykke", tmp_path / "v1.docx")
    new = built(dataclasses.replace(tree, body=tree.body[:-1]), "aktstykke", tmp_path / "v2.docx")
    assert run(["redline", str(old), str(new), "-o", str(tmp_path / "r.docx")])[0] == 0
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    assert {e.get(f"{{{W}}}author") for e in root.iter(f"{{{W}}}del")} == {cli.DEFAULT_AUTHOR}


# -- what Word does to a file a clerk opened and saved: still the same tree -------------------


def seed_docx(tmp_path: Path) -> tuple[Document, Path]:
    tree = render(check(SEED_SPEC))
    return tree, built(tree, "aktstykke", tmp_path / "sendt.docx")


def rewritten(path: Path, change: Any, name: str = "word/document.xml") -> Path:
    """The DOCX with one part's XML changed by `change` (a function of its root)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts[name])
    change(root)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = path.with_name("rettet.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in parts.items():
            archive.writestr(member, data)
    return out


def w(tag: str, **attributes: str) -> etree._Element:
    return etree.Element(f"{{{W}}}{tag}", {f"{{{W}}}{k}": v for k, v in attributes.items()})


@given(cut=st.lists(st.integers(0, 10_000), min_size=1, max_size=40))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_runs_split_and_marks_word_adds_change_nothing(tmp_path, cut):
    """Word splits runs where it checked spelling or kept a revision id, and adds bookmarks and
    proofing marks: the text, and so the tree, is the same."""
    tree, path = seed_docx(tmp_path)

    def as_word_saves(root: etree._Element) -> None:
        texts = [t for t in root.iter(f"{{{W}}}t") if len(t.text or "") > 1]
        for n in cut:
            text = texts[n % len(texts)]
            run = text.getparent()
            if len(run) != 1 + (run.find(f"{{{W}}}rPr") is not None) or len(text.text) < 2:
                continue   # a run of one text (the letter's has a tab too)
            at = 1 + n % (len(text.text) - 1)
            second = etree.fromstring(etree.tostring(run))
            second.find(f"{{{W}}}t").text = text.text[at:]
            text.text = text.text[:at]
            run.set(f"{{{W}}}rsidR", "00A1B2C3")
            run.addnext(second)
            run.addnext(w("proofErr", type="spellStart"))
        body = root.find(f"{{{W}}}body")
        body.insert(0, w("bookmarkStart", id="0", name="_GoBack"))
        body.insert(1, w("bookmarkEnd", id="0"))

    assert strict(read_docx(rewritten(path, as_word_saves)).document) == strict(tree)


# -- what cannot be read back is refused, and nothing is written -------------------------------


def refused(tmp_path: Path, sent: Path) -> str:
    out = tmp_path / "r.docx"
    code, err = run(["redline", str(sent), str(SEED_SPEC), "-o", str(out)])
    assert (code, out.exists(), "internal" in err) == (2, False, False), err
    return err


def test_a_redline_as_input_is_refused_its_changes_not_yet_decided(tmp_path):
    tree = render(check(SEED_SPEC))
    shorter = built(dataclasses.replace(tree, body=tree.body[:-1]), "aktstykke",
                    tmp_path / "v2.docx")
    changes = tmp_path / "rettelser.docx"
    assert run(["redline", str(SEED_SPEC), str(shorter), "-o", str(changes)])[0] == 0
    assert refused(tmp_path, changes) == (
        f"{changes}: error[AKT008]: rummer sporede ændringer (w:del)\n"
        "  hjælp: godkend eller afvis ændringerne i Word først, og gem filen; redline og "
        "import læser en færdig version\n")


def test_a_paragraph_in_a_style_build_never_writes_is_refused_by_its_place(tmp_path):
    def restyled(root: etree._Element) -> None:
        paragraphs = list(root.find(f"{{{W}}}body"))
        paragraphs[3].find(f"{{{W}}}pPr/{{{W}}}pStyle").set(f"{{{W}}}val", "Overskrift1")

    err = refused(tmp_path, rewritten(seed_docx(tmp_path)[1], restyled))
    assert "error[AKT008]: afsnit 4 i brødteksten har typografien 'Overskrift1', som " \
           "'aktstykke build' ikke skriver" in err
    assert "giv ellers specifikationerne" in err


def test_a_content_control_is_refused(tmp_path):
    def wrapped(root: etree._Element) -> None:
        body = root.find(f"{{{W}}}body")
        control, content = w("sdt"), w("sdtContent")
        control.append(content)
        first = body[0]
        first.addprevious(control)
        content.append(first)

    assert "brødteksten rummer et w:sdt-element" in refused(
        tmp_path, rewritten(seed_docx(tmp_path)[1], wrapped))


def test_a_row_wider_than_its_table_is_refused(tmp_path):
    def widened(root: etree._Element) -> None:
        cell = next(root.iter(f"{{{W}}}tc"))
        properties = cell.find(f"{{{W}}}tcPr")
        properties.insert(0, w("gridSpan", val="9"))

    assert re.search(r"en tabelrække fylder \d+ kolonner i en tabel med \d+",
                     refused(tmp_path, rewritten(seed_docx(tmp_path)[1], widened)))


def test_the_docx_reader_s_limits_hold_for_a_redline(tmp_path, monkeypatch):
    """The bounded reader of every DOCX (docs/limits.md): over a limit is AKT009, exit 2."""
    sent = seed_docx(tmp_path)[1]
    monkeypatch.setattr(limits, "DOCX_BODY_BYTES", 1_000)
    assert "error[AKT009]: delen word/document.xml fylder" in refused(tmp_path, sent)


def test_a_pdf_is_no_redline_input(tmp_path):
    pdf = tmp_path / "sendt.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    err = refused(tmp_path, pdf)
    assert err == (f"aktstykke: {pdf}: en redline sammenligner to specifikationer (.yaml) eller "
                   "to byggede .docx-filer\n")


def test_an_agenda_docx_against_an_aktstykke_is_refused(tmp_path):
    agenda = SEED_SPEC.parent / "dagsorden" / "referat-eksempel.yaml"
    checked = check(agenda)
    sent = built(render(checked), "dagsorden", tmp_path / "dagsorden.docx")
    assert "er ikke af samme art" in refused(tmp_path, sent)


# -- links: a hyperlink's address is in the body's relationships, a named link's role is read --

AGENDA = SEED_SPEC.parent / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
ADDRESS = "https://x.dk/Media/1/Aftale%20om%20psykiatri.pdf"


def linked_tree(*body: Paragraph) -> Document:
    return Document(lang="da", title="Links", author="Sekretariatet",
                    date=datetime.date(2026, 1, 2), body=body)


def test_a_closing_link_is_a_named_link_only_where_the_text_before_it_names_its_address(tmp_path):
    """Item one names the file its link goes to, item two links the same address without
    naming it: as the agenda's view makes them, the first closing line is a named link, the
    second a link."""
    name = "Aftale om psykiatri.pdf"
    tree = linked_tree(Paragraph(Linked(f"Se {name}", (), ((3, 3 + len(name), ADDRESS),))),
                       Paragraph(ADDRESS, "named-link"),
                       Paragraph("Punkt to, uden navnet."), Paragraph(ADDRESS, "link"))
    read = read_docx(built(tree, "dagsorden", tmp_path / "links.docx")).document
    assert strict(read) == strict(tree)


def test_libreoffices_resave_of_the_agenda_reads_back_as_its_tree_its_addresses_too(tmp_path):
    """LibreOffice writes a hyperlink's address decoded (a space as a space, "å" as itself):
    read as the address the text shows, or a named link's address encoded as `build` wrote it.
    The folio too: LibreOffice writes the page number's field as runs holding its last value
    ("Side 15"), which are the field's, not the folio's."""
    from test_docx_accessible import libreoffice

    checked = check(AGENDA)
    tree = render(checked, edition=Udgave.offentlig)
    resaved = libreoffice(built(tree, "dagsorden", tmp_path / "dagsorden.docx"), "docx",
                          tmp_path / "resaved", tmp_path / "profile")
    with zipfile.ZipFile(resaved) as archive:
        assert "Aftale om en samlet 10-årsplan" in archive.read(
            "word/_rels/document.xml.rels").decode()
    read = read_docx(resaved).document
    assert strict(read.body) == strict(tree.body)
    assert tree.folio == "Side"
    assert (read.folio, read.running, read.code) == (tree.folio, tree.running, tree.code)


def relinked(path: Path, address: str) -> Path:
    """The DOCX with its first hyperlink's relationship going to `address`."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    rid = next(body.iter(f"{{{W}}}hyperlink")).get(f"{{{R}}}id")

    def retarget(root: etree._Element) -> None:
        next(r for r in root if r.get("Id") == rid).set("Target", address)

    return rewritten(path, retarget, "word/_rels/document.xml.rels")


@pytest.mark.parametrize(("body", "target", "message"), [
    ((Paragraph(Linked(f"Se {ADDRESS}", ((3, 3 + len(ADDRESS)),))),), "mailto:sekretariat@x.dk",
     "afsnit 1 i brødteksten: linket 'https://x.dk/Media/1/Aftale%20om%20psyki' går til "
     "'mailto:sekretariat@x.dk', som ikke er en webadresse (http eller https)"),
    ((Paragraph(ADDRESS, "link"),), "https://x.dk/andet",
     "afsnit 1 i brødteksten viser 'https://x.dk/Media/1/Aftale%20om%20psykiatri.pdf' men går "
     "til 'https://x.dk/andet'; et link på sin egen linje går til den adresse, det viser"),
], ids=["to no web address", "a line going elsewhere"])
def test_a_hyperlink_the_tree_cannot_hold_is_refused_by_its_place(tmp_path, body, target, message):
    sent = built(linked_tree(*body), "dagsorden", tmp_path / "sendt.docx")
    with pytest.raises(Refused) as refusal:
        read_docx(relinked(sent, target))
    assert message in str(refusal.value)
