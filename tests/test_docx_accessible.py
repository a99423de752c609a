"""Issue 13, acceptance 2: the DOCX is valid Office Open XML, has a heading for every section and
sub-heading, names its title, author and language, keeps its looks in named styles, and carries
its own font, which LibreOffice uses on a machine that has neither Liberation nor Times."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC, require_tool
from docx import Document as open_docx
from docx.oxml.ns import qn
from lxml import etree
from pagination import fontconfig_without_liberation_or_times
from textmeasure import docx_text

from aktstykker_gen.build import write_format
from aktstykker_gen.document import Document, Paragraph, Section, Table
from aktstykker_gen.pipeline import check, render

SPECS = sorted((ROOT / "specs").rglob("*.yaml"))
WITH_SUBHEADINGS = ROOT / "specs" / "examples" / "orienterende-med-tabeller.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def built(spec: Path, out: Path) -> tuple[Document, Path]:
    checked = check(spec)
    tree = render(checked)
    path = out / f"{spec.stem}.docx"
    path.write_bytes(write_format(tree, checked.kind, ".docx"))
    return tree, path


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_openxml_audit_in_strict_mode_finds_no_error(spec: Path, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    _, path = built(spec, tmp_path)
    result = OpenXmlValidator(max_errors=0, strict=True).validate(path)
    assert [str(error) for error in result.errors] == []
    assert result.is_valid


def outline(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every body paragraph with an outline level, by its style's chain."""
    document = open_docx(str(path))
    levels: dict[str, int | None] = {}

    def level_of(style_id: str | None) -> int | None:
        if style_id is None:
            return None
        if style_id not in levels:
            style = document.styles.element.get_by_id(style_id)
            own = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") if style is not None else None
            based = style.basedOn_val if style is not None else None
            levels[style_id] = int(own.get(qn("w:val"))) if own is not None else level_of(based)
        return levels[style_id]

    entries = []
    for paragraph in document.paragraphs:
        p_pr = paragraph._p.pPr
        direct = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
        level = int(direct.get(qn("w:val"))) if direct is not None else \
            level_of(p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None)
        if level is not None and level < 9:
            entries.append((level, paragraph.text))
    return entries


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_section_is_a_first_level_and_every_subheading_a_second_level_heading(
        spec: Path, tmp_path: Path) -> None:
    tree, path = built(spec, tmp_path)
    sections = [part for part in tree.body if isinstance(part, Section)]
    annexes = [part.text for part in tree.body
               if isinstance(part, Paragraph) and part.role in ("annex", "item")]
    # An agenda's headings: the item (level 0, above), its parts (1) and their headings (2).
    levels = {"part": 1, "subpart": 2}
    below = [(levels[part.role], part.text) for part in tree.body
             if isinstance(part, Paragraph) and part.role in levels]
    entries = outline(path)
    assert [text.split("\t")[0] for level, text in entries if level == 0] == \
        [f"{section.letter}." for section in sections] + annexes   # then each bilag or item
    assert [entry for entry in entries if entry[0] > 0 and entry in below] == below
    for section in sections:
        for i, block in enumerate(section.blocks):
            if isinstance(block, Paragraph) and block.role == "subheading":
                # A section that opens with its sub-heading has the letter on that line.
                wanted = (0, f"{section.letter}.\t{block.text}") if i == 0 else (1, block.text)
                assert wanted in entries
    assert len(entries) == len(sections) + len(annexes) + len(below) + sum(
        1 for section in sections for block in section.blocks[1:]
        if isinstance(block, Paragraph) and block.role == "subheading")


def test_a_section_opening_with_a_subheading_prints_its_letter_on_the_subheadings_line(
        tmp_path: Path) -> None:
    tree, path = built(WITH_SUBHEADINGS, tmp_path)
    section = next(part for part in tree.body if isinstance(part, Section)
                   and isinstance(part.blocks[0], Paragraph) and part.blocks[0].role == "subheading")
    lines = docx_text(path).splitlines()
    assert f"{section.letter}.\t{section.blocks[0].text}" in lines
    assert f"{section.letter}." not in lines


def test_title_author_and_language_are_the_documents(tmp_path: Path) -> None:
    tree, path = built(SEED_SPEC, tmp_path)
    properties = open_docx(str(path)).core_properties
    assert (properties.title, properties.author, properties.language) == \
        (tree.title, tree.author, "da-DK")
    assert tree.title == "Strategi for personlig medicin"


@pytest.mark.parametrize("spec", [SEED_SPEC, WITH_SUBHEADINGS], ids=lambda p: p.stem)
def test_table_header_rows_repeat_and_no_row_splits(spec: Path, tmp_path: Path) -> None:
    tree, path = built(spec, tmp_path)
    tables = [b for part in tree.body for b in (part.blocks if isinstance(part, Section) else [part])
              if isinstance(b, Table)]
    docx_tables = open_docx(str(path)).tables
    assert len(docx_tables) == len(tables) > 0
    for table, docx_table in zip(tables, docx_tables, strict=True):
        rows = docx_table._tbl.tr_lst
        marked = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
                  for tr in rows]
        assert marked == [True] * len(table.head) + [False] * (len(rows) - len(table.head))
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


@pytest.mark.parametrize("spec", [SEED_SPEC, WITH_SUBHEADINGS], ids=lambda p: p.stem)
def test_every_look_is_a_named_style_not_direct_formatting(spec: Path, tmp_path: Path) -> None:
    """A clerk restyles the document in Word by changing its styles: no paragraph without a
    style, no run that sets its own face, size, weight, slant or colour."""
    _, path = built(spec, tmp_path)
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    defined = {style.get(f"{{{W}}}styleId") for style in styles.iter(f"{{{W}}}style")}
    paragraphs = list(body.iter(f"{{{W}}}p"))
    used = [p.find(f"{{{W}}}pPr/{{{W}}}pStyle") for p in paragraphs]
    assert all(style is not None and style.get(f"{{{W}}}val") in defined for style in used)
    looks = {f"{{{W}}}{name}" for name in ("rFonts", "sz", "b", "i", "color", "u", "highlight")}
    direct = [child.tag for r_pr in body.iter(f"{{{W}}}rPr") for child in r_pr
              if child.tag in looks]
    assert direct == []
    run_styles = {s.get(f"{{{W}}}val") for s in body.iter(f"{{{W}}}rStyle")}
    assert run_styles and run_styles <= defined


def libreoffice(source: Path, target: str, out: Path, profile: Path,
                env: dict[str, str] | None = None) -> Path:
    soffice = require_tool("soffice")
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=300, env=env)
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file()
    return converted


@pytest.mark.parametrize("spec", [SEED_SPEC, WITH_SUBHEADINGS], ids=lambda p: p.stem)
def test_libreoffice_round_trip_keeps_the_text_and_the_headings(spec: Path, tmp_path: Path) -> None:
    """DOCX → ODT → DOCX in a second client: the same text, and the ODT has a heading (text:h,
    with its outline level) for every paragraph that has an outline level in ours (an ODT's tab
    is an element, not text)."""
    _, path = built(spec, tmp_path)
    odt = libreoffice(path, "odt", tmp_path / "odt", tmp_path / "lo")
    again = libreoffice(odt, "docx:MS Word 2007 XML", tmp_path / "again", tmp_path / "lo")
    assert docx_text(again) == docx_text(path)
    with zipfile.ZipFile(odt) as package:
        content = etree.fromstring(package.read("content.xml"))
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    headings = [(int(h.get(f"{{{text}}}outline-level")) - 1, "".join(h.itertext()))
                for h in content.iter(f"{{{text}}}h")]
    assert headings == [(level, line.replace("\t", "")) for level, line in outline(path)]


def pdf_fonts(pdf: Path) -> set[str]:
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run([pdffonts, str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines if line.strip()}


def test_libreoffice_sets_the_docx_in_its_embedded_font_where_none_is_installed(
        tmp_path: Path) -> None:
    env = fontconfig_without_liberation_or_times(tmp_path / "fontconfig")
    _, path = built(SEED_SPEC, tmp_path)
    pdf = libreoffice(path, "pdf", tmp_path / "pdf", tmp_path / "lo", env)
    assert pdf_fonts(pdf) == {"LiberationSerif", "LiberationSerif-Bold"}
    # The same DOCX without its font parts falls back to another face: the fontconfig really
    # has no Liberation, and it is the embedding that brings it.
    bare = tmp_path / "bare" / path.name
    bare.parent.mkdir()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "word/fontTable.xml":
                table = etree.fromstring(data)
                for embed in [e for e in table.iter() if e.tag.startswith(f"{{{W}}}embed")]:
                    embed.getparent().remove(embed)
                data = etree.tostring(table)
            if not entry.filename.startswith(("word/fonts/", "word/_rels/fontTable")):
                target.writestr(entry, data)
    fallback = pdf_fonts(libreoffice(bare, "pdf", tmp_path / "bare-pdf", tmp_path / "lo", env))
    assert fallback and not any("Liberation" in font for font in fallback)


def test_every_part_has_a_content_type_and_the_fonts_are_the_shipped_ones(tmp_path: Path) -> None:
    """Word refuses a package with a part of no content type; each embedded font, read back
    with its key as Word and LibreOffice read it, is the shipped file."""
    from aktstykker_gen import assets
    from aktstykker_gen.writers.docx_fonts import obfuscated

    _, path = built(SEED_SPEC, tmp_path)
    types_ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    with zipfile.ZipFile(path) as package:
        types = etree.fromstring(package.read("[Content_Types].xml"))
        defaults = {d.get("Extension"): d.get("ContentType")
                    for d in types.iter(f"{{{types_ns}}}Default")}
        overrides = {o.get("PartName") for o in types.iter(f"{{{types_ns}}}Override")}
        names = [n for n in package.namelist() if n != "[Content_Types].xml"]
        assert all(f"/{n}" in overrides or n.rsplit(".", 1)[-1] in defaults for n in names)
        assert defaults["odttf"] == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
        table = etree.fromstring(package.read("word/fontTable.xml"))
        keys = [e.get(f"{{{W}}}fontKey") for e in table.iter() if e.tag.startswith(f"{{{W}}}embed")]
        fonts = sorted(n for n in names if n.startswith("word/fonts/"))
        assert len(keys) == len(fonts) == 4
        shipped = {p.read_bytes() for p in assets.fonts_dir().glob("*.ttf")}
        for name in fonts:
            part = package.read(name)
            assert part not in shipped
            assert any(obfuscated(part, key) in shipped for key in keys)
