"""A DOCX's body back into the document tree (document.py), by the styles our DOCX writer gives
each role, so that the text writer lays it out as the canonical text the import reads.

A line per paragraph (docx_text.py) loses what the import needs: which paragraph opens a
section, which are list items or the quotation, and a table's columns and levels. The styles
keep all of it; a paragraph of a style this does not know is body text.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from aktstykker_gen.document import (
    Block,
    BulletList,
    Cell,
    Document,
    Paragraph,
    Quote,
    Row,
    Section,
    Table,
)
from aktstykker_gen.docx_text import docx_body

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIST = ("list-item", "list-item-last")
_TOP = ("designation", "session", "number", "masthead", "headnote", "lead", "dateline",
        "signature", "addressee", "decision", "remark", "annex")


def docx_tree(path: Path) -> tuple[Document, str | None]:
    """The tree and the document's title (its core properties'), read within docx_text's
    bounds."""
    body, title, names = docx_body(path)
    roles = {id_: _OURS.get(name, id_) for id_, name in names.items()}
    blocks: list[Block | Section] = []
    section: list[Block] | None = None
    letter = ""
    pending: dict[str, list[str]] = {"caption": [], "unit": []}
    for element in body:
        if element.tag == f"{_W}tbl":
            table = _table(element, pending, roles)
            (section if section is not None else blocks).append(table)
            continue
        if element.tag != f"{_W}p":
            continue
        style, text = _style(element, roles), element.text or ""
        target = section if section is not None else blocks
        if style == "section-first" and "\t" in text:
            if section is not None:
                blocks.append(Section(letter, tuple(section)))
            letter, text = text.split("\t", 1)
            letter, section = letter.rstrip("."), []
            section.append(Paragraph(text))
        elif style in _TOP:
            if section is not None and style == "dateline":
                blocks.append(Section(letter, tuple(section)))
                section = None
            blocks.append(Paragraph(text, style))
        elif style in _LIST:
            last = target[-1] if target else None
            if isinstance(last, BulletList):   # a list's last item is followed by a marker
                target[-1] = BulletList((*last.items, text))
            else:
                target.append(BulletList((text,)))
            if style == "list-item-last":
                target.append(Paragraph("\0"))   # a following list is a new one
        elif style == "quote":
            last = target[-1] if target else None
            paragraph = Paragraph(text)
            if isinstance(last, Quote):
                target[-1] = Quote((*last.paragraphs, paragraph))
            else:
                target.append(Quote((paragraph,)))
        elif style in ("table-caption", "table-unit"):
            pending["caption" if style == "table-caption" else "unit"].append(text)
        elif style.startswith("table-note") and target and isinstance(target[-1], Table):
            last_table = target[-1]
            target[-1] = Table(last_table.columns, last_table.head, last_table.groups,
                               last_table.caption, last_table.unit, (*last_table.notes, text))
        elif text.strip():
            target.append(Paragraph(text))
    if section is not None:
        blocks.append(Section(letter, tuple(section)))
    cleaned = [_without_markers(b) for b in blocks if not _marker(b)]
    return Document("da", title or "", "", datetime.date(2000, 1, 1), tuple(cleaned)), title


def _marker(block: Any) -> bool:
    return isinstance(block, Paragraph) and block.text == "\0"


def _without_markers(block: Block | Section) -> Block | Section:
    if isinstance(block, Section):
        return Section(block.letter, tuple(b for b in block.blocks if not _marker(b)))
    return block


def _our_styles() -> dict[str, str]:
    """Our styles' ids by their names (templates/docx), the names a re-saved file keeps."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    from aktstykker_gen import assets
    from aktstykker_gen.docx_text import style_names

    styles = parse_xml((assets.templates_dir() / "docx" / "word" / "styles.xml").read_bytes())
    return {name: id_ for id_, name in style_names(styles, qn).items()}


_OURS = _our_styles()


def _style(element: Any, roles: dict[str, str]) -> str:
    """The paragraph's style as our id, whatever id the file gives it."""
    found = element.find(f"{_W}pPr/{_W}pStyle")
    id_ = found.get(f"{_W}val") if found is not None else ""
    return roles.get(id_, id_)


def _table(element: Any, pending: dict[str, list[str]], roles: dict[str, str]) -> Table:
    grid = element.find(f"{_W}tblGrid")
    count = len(grid.findall(f"{_W}gridCol")) if grid is not None else 0
    head: list[Row] = []
    body: list[Row] = []
    for tr in element.iterchildren(f"{_W}tr"):
        cells: list[Cell] = []
        level = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            paragraphs = list(tc.iterchildren(f"{_W}p"))
            style = _style(paragraphs[0], roles) if paragraphs else ""
            if not cells and style.startswith("table-label-"):
                level = int(style.rsplit("-", 1)[1])
            cells.append(Cell("\n".join(p.text or "" for p in paragraphs),
                              int(span.get(f"{_W}val")) if span is not None else 1))
        row = Row(tuple(cells), level)
        (head if tr.find(f"{_W}trPr/{_W}tblHeader") is not None else body).append(row)
    columns = ("label", *(["amount"] * (max(count, 1) - 1)))
    caption, unit = " ".join(pending["caption"]), " ".join(pending["unit"])
    pending["caption"], pending["unit"] = [], []
    return Table(columns, tuple(head), (tuple(body),), caption, unit)
