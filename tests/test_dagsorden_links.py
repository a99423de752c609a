"""Issue 15, part 2: a bare web address in an agenda's text is a real link in every writer.

The PDF's link annotations, the DOCX's hyperlink relationships and the preview's <a> are read
back from the built files; the text output shows the address. Spec text stays data: no markup
in it is read, and javascript:, file: or data: addresses never become links.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dagsorden_tabeller import HEAD, run_check
from textmeasure import docx_text, pdf_text

from aktstykker_gen import pipeline
from aktstykker_gen.build import render_outputs
from aktstykker_gen.document import BulletList, Linked, Paragraph, Table
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.html import write_html

EXAMPLE = ROOT / "specs" / "dagsorden" / "referat-eksempel.yaml"
ADDRESS = "https://medicinraadet.dk/anbefalinger-og-vejledninger"
SENTENCE = f"Medicinrådets anbefaling af behandlingen kan læses på {ADDRESS} (se under migræne)."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def spec(tmp_path: Path, text: str) -> Path:
    """An agenda whose item 1's sagsfremstilling is `text` (and a bullet and a cell of it)."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path = tmp_path / "links.yaml"
    path.write_text(HEAD.replace("    økonomi:\n", "") + f"    sagsfremstilling:\n      - {quoted}\n"
                    f"      - punkter: [{quoted}]\n      - tabel:\n          hoved: [Note]\n"
                    f"          rækker: [[{quoted}]]\n", encoding="utf-8")
    return path


def linked_texts(path: Path) -> list[str]:
    """Every text of the public edition's tree: paragraphs, bullets and cells."""
    checked = pipeline.check(path)
    assert checked.ok, checked.diagnostics
    tree = pipeline.render(checked, edition=Udgave.offentlig)
    texts: list[str] = []
    for block in tree.body:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, BulletList):
            texts += block.items
        elif isinstance(block, Table):
            texts += [c.text for group in block.groups for row in group for c in row.cells]
    return texts


def links_of(text: str) -> list[str]:
    return [text[a:b] for a, b in text.links] if isinstance(text, Linked) else []


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("links")
    checked = pipeline.check(EXAMPLE)
    outputs = render_outputs(checked, edition=Udgave.offentlig)
    for suffix in (".pdf", ".docx"):
        (folder / f"r{suffix}").write_bytes(outputs[suffix])
    return {"folder": folder, "txt": outputs[".txt"].decode("utf-8"),
            "html": write_html(pipeline.render(checked, edition=Udgave.offentlig))}


def test_the_text_output_shows_the_address_in_its_sentence(example) -> None:
    assert SENTENCE in example["txt"].splitlines()


def test_the_pdf_links_the_address_where_it_stands_tagged_and_printable(example) -> None:
    with pikepdf.open(example["folder"] / "r.pdf") as pdf:
        annotations = [a for page in pdf.pages for a in page.get("/Annots", [])
                       if str(a.A.URI) == ADDRESS]
        assert annotations   # one a line the address runs over
        assert all(a.Subtype == "/Link" and a.F == 4 and "/StructParent" in a
                   for a in annotations)
    flat = re.sub(r"\s+", "", pdf_text(example["folder"] / "r.pdf"))
    # pypdf drops the hyphen where the address breaks after "og-" at the end of a line.
    assert re.sub(r"\s+", "", SENTENCE).replace("og-vej", "ogvej") in flat.replace("og-vej", "ogvej")


def test_the_docx_has_the_address_as_a_hyperlink_inside_its_paragraph(example) -> None:
    import docx

    document = docx.Document(str(example["folder"] / "r.docx"))
    [paragraph] = [p for p in document.paragraphs if "kan læses på" in p.text]
    hyperlinks = paragraph._p.findall(f"{W}hyperlink")
    assert len(hyperlinks) == 1
    target = document.part.rels[hyperlinks[0].get(f"{R}id")]
    assert target.is_external and target.target_ref == ADDRESS
    assert "".join(t.text for t in hyperlinks[0].iter(f"{W}t")) == ADDRESS
    assert SENTENCE in docx_text(example["folder"] / "r.docx").splitlines()


def test_the_preview_has_the_address_as_an_anchor(example) -> None:
    assert f'kan læses på <a href="{ADDRESS}">{ADDRESS}</a> (se under migræne).' in example["html"]


@pytest.mark.parametrize(("typed", "links", "shown"), [
    ("se https://x.dk/a.", ["https://x.dk/a"], "se https://x.dk/a."),
    ("(https://x.dk/a_(b))", ["https://x.dk/a_(b)"], "(https://x.dk/a_(b))"),
    ("«https://x.dk» og http://y.dk/?a=1&b=2, z", ["https://x.dk", "http://y.dk/?a=1&b=2"],
     "«https://x.dk» og http://y.dk/?a=1&b=2, z"),
    ('https://x.dk/"><script>alert(1)</script>', ["https://x.dk/"],
     'https://x.dk/"><script>alert(1)</script>'),
    ('<a href="javascript:alert(1)">x</a> file:///etc/passwd data:text/html,x', [],
     '<a href="javascript:alert(1)">x</a> file:///etc/passwd data:text/html,x'),
    ("https:// og www.regioner.dk", [], "https:// og www.regioner.dk"),
    ("Se https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ism.dk%2Fa.pdf"
     "&data=05%7C02%7Cafsender%40regioner.dk", ["https://www.ism.dk/a.pdf"],
     "Se https://www.ism.dk/a.pdf"),
])
def test_only_bare_http_addresses_become_links_and_the_text_is_as_typed(
        tmp_path: Path, typed: str, links: list[str], shown: str) -> None:
    texts = [t for t in linked_texts(spec(tmp_path, typed)) if t == shown]
    assert len(texts) == 3   # the paragraph, the bullet and the cell
    assert all(links_of(t) == links for t in texts)


@pytest.mark.parametrize(("typed", "warning"), [
    ("klik javascript:alert(1)", "'javascript:alert(1)' i punkt 1 bliver ikke et link"),
    ("se file:///etc/passwd", "'file:///etc/passwd' i punkt 1 bliver ikke et link"),
    ('se https://x.dk/"a"', "adressen https://x.dk/ i punkt 1 slutter ved '\"'"),
    ("se https://x.dk/<b>", "adressen https://x.dk/ i punkt 1 slutter ved '<'"),
])
def test_an_address_that_is_not_linked_as_typed_is_a_warning(tmp_path: Path, capsys, typed: str,
                                                             warning: str) -> None:
    code, out = run_check(spec(tmp_path, typed), capsys)
    assert code == 0
    assert out.count(f"warning[AKT712]: {warning}") == 3   # paragraph, bullet and cell


def test_a_safelink_in_a_text_is_a_warning_and_its_tracking_data_is_in_no_output_byte(
        tmp_path: Path, capsys) -> None:
    typed = ("Se https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ism.dk"
             "%2Fa.pdf&data=05%7C02%7Cafsender%40regioner.dk%7Cd99161eb&reserved=0")
    path = spec(tmp_path, typed)
    code, out = run_check(path, capsys)
    assert code == 0 and out.count("warning[AKT706]: en adresse i teksten til punkt 1") == 3
    outputs = render_outputs(pipeline.check(path), edition=Udgave.offentlig)
    for suffix, data in outputs.items():
        raw = data if suffix != ".docx" else b"".join(_unzipped(data))
        for trace in (b"afsender", b"d99161eb", b"safelinks"):
            assert trace not in raw, (suffix, trace)


def _unzipped(data: bytes) -> list[bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(name) for name in archive.namelist()]


def test_a_javascript_link_in_the_links_list_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(HEAD.replace("    økonomi:\n", "") + "    links:\n      - javascript:alert(1)\n",
                    encoding="utf-8")
    code, out = run_check(path, capsys)
    assert code == 1 and "error[AKT006]" in out and "Traceback" not in out


pieces = st.sampled_from(list('ab æ<>"\'&;:/.?=%()«»#\\') + [
    "https://", "http://", "javascript:", "file://", "www.", "x.dk"])


@given(typed=st.lists(pieces, min_size=1, max_size=30).map("".join))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_the_typed_text_and_only_http_links(tmp_path: Path, typed: str) -> None:
    """Whatever is typed, the tree holds it as typed (whitespace aside) and every link is an
    http(s) address; the preview's anchors are those links, escaped."""
    checked = pipeline.check(spec(tmp_path, typed))
    assert checked.ok, checked.diagnostics   # warnings at most
    tree = pipeline.render(checked, edition=Udgave.offentlig)
    html = write_html(tree)
    expected = " ".join(typed.split())
    [paragraph] = [b for b in tree.body if isinstance(b, Paragraph) and b.text == expected]
    found = links_of(paragraph.text)
    assert all(re.fullmatch(r"https?://[^\s\"<>«»]+", link) for link in found)
    assert html.count("<a href=") >= 3 * len(found)   # the paragraph, the bullet, the cell
    assert not re.search(r'<a href="(?!https?://)', html)


# -- a link named in the text: the seed's "Link til aftale: <the file's name>" ----------------

SEED_SPEC = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
NAME = "Udmøntningsaftale mellem regeringen Danske Regioner og KL.pdf"
NAMED = ("https://www.ism.dk/Media/638864327866003035/Udm%C3%B8ntningsaftale%20mellem%20"
         "regeringen%20Danske%20Regioner%20og%20KL.pdf")


@pytest.fixture(scope="module")
def seed_agenda(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("named")
    outputs = render_outputs(pipeline.check(SEED_SPEC), edition=Udgave.offentlig)
    for suffix in (".pdf", ".docx"):
        (folder / f"a{suffix}").write_bytes(outputs[suffix])
    return folder


def test_a_links_file_name_in_the_text_is_the_link_in_the_pdf_and_its_address_foots_the_page(
        seed_agenda: Path) -> None:
    """Item 5 names the file its link goes to, as Word pastes a link: the name is the link,
    and the address is printed once, at the foot of the page the name stands on (the seed's
    text has it there), not again closing the item."""
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(str(seed_agenda / "a.pdf")).pages]
    [page] = [n for n, text in enumerate(pages) if NAME in " ".join(text.split())]
    assert pages[page].rstrip().endswith(NAMED)
    assert sum(text.count(NAMED) for text in pages) == 1
    with pikepdf.open(seed_agenda / "a.pdf") as pdf:
        links = [str(a.A.URI) for a in pdf.pages[page].get("/Annots", [])]
    assert NAMED in links


def test_the_docx_links_the_name_and_lists_the_address_closing_the_item(
        seed_agenda: Path) -> None:
    """Word lays out its own pages, so the address stays a line closing the item."""
    import docx

    document = docx.Document(str(seed_agenda / "a.docx"))
    named = [h for h in document.element.body.iter(f"{W}hyperlink")
             if "".join(t.text for t in h.iter(f"{W}t")) == NAME]
    assert [document.part.rels[h.get(f"{R}id")].target_ref for h in named] == [NAMED]
    lines = docx_text(seed_agenda / "a.docx").splitlines()
    assert lines.count(NAMED) == 1
    assert lines[lines.index(NAMED) + 1] == "6 (Fortrolig)"


def test_a_link_to_a_file_is_named_by_the_files_name_and_only_its_first_mention_links() -> None:
    from aktstykker_gen.kinds.dagsorden import links

    address = "https://x.dk/Media/1/Aftale%20om%20psykiatri.pdf"
    assert links.name(address) == "Aftale om psykiatri.pdf"
    assert links.name("https://x.dk/anbefalinger") is None   # no file, no name
    assert links.pieces("Se Aftale om psykiatri.pdf og Aftale om psykiatri.pdf",
                        {"Aftale om psykiatri.pdf": address}) == [
        ("Se ", None), ("Aftale om psykiatri.pdf", address),
        (" og Aftale om psykiatri.pdf", None)]
