"""Issue 15, part 3: each kind's DOCX marks its bullet lists as its PDF does.

The bullet is read from the built DOCX (the numbering its list style points at) and from the
kind's stylesheet (the marker `ul` is given), so the two are compared, not either with itself.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from textmeasure import pdf_text

from aktstykker_gen import assets, pipeline
from aktstykker_gen.build import render_outputs
from aktstykker_gen.kinds import KINDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPECS = {"aktstykke": ROOT / "specs" / "2025-10-01-personlig-medicin.yaml",
         "dagsorden": ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"}


def with_imports(sheet: Path) -> str:
    """The stylesheet's text with the sheets it @imports (side.css, forside.css) before it."""
    css = sheet.read_text(encoding="utf-8")
    imported = re.findall(r'(?m)^@import url\("([^"]+)"\);', css)
    return "".join(with_imports((sheet.parent / name).resolve()) for name in imported) + css


def stylesheet_bullet(kind: str) -> str:
    css = with_imports(assets.templates_dir() / KINDS[kind].stylesheet)
    [marker] = re.findall(r'(?m)^ul \{[^}]*list-style: "(.)', css)
    return marker


def docx_bullets(data: bytes) -> set[str]:
    """The marker of every paragraph in the body that is a list item, through its style's
    numbering (or its own) to the level's text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body, styles, numbering = (etree.fromstring(archive.read(f"word/{name}.xml"))
                                   for name in ("document", "styles", "numbering"))
    style_num = {s.get(f"{W}styleId"): n.get(f"{W}val") for s in styles.iter(f"{W}style")
                 for n in s.iter(f"{W}numId")}
    abstract = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
                for n in numbering.iter(f"{W}num")}
    level_text = {a.get(f"{W}abstractNumId"): a.find(f"{W}lvl/{W}lvlText").get(f"{W}val")
                  for a in numbering.iter(f"{W}abstractNum")}
    found = set()
    for paragraph in body.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        own = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
        num = own.get(f"{W}val") if own is not None else style_num.get(
            style.get(f"{W}val") if style is not None else None)
        if num is not None:
            found.add(level_text[abstract[num]])
    return found


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_the_docx_bullet_is_the_pdfs(kind: str, tmp_path) -> None:
    outputs = render_outputs(pipeline.check(SPECS[kind]))
    bullet = stylesheet_bullet(kind)
    assert docx_bullets(outputs[".docx"]) == {bullet}
    # The PDF's list items open with the same mark, as its text layer has it.
    (tmp_path / "a.pdf").write_bytes(outputs[".pdf"])
    items = [line for line in pdf_text(tmp_path / "a.pdf").splitlines() if line[:1] in "–•"]
    assert items and {line[0] for line in items} == {bullet}

