"""The document tree as DOCX, through python-docx.

Starts from our own minimal package (templates/docx: the parts as readable
XML, no sample thumbnail, no foreign metadata), so every look is a named
style a clerk can see in Word. The zip is written with fixed entry dates,
so the same tree gives the same bytes.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document as open_package
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from aktstykker_gen.document import (
    CONFIDENTIAL_MARK,
    DRAFT_MARK,
    GONE,
    Block,
    BulletList,
    Document,
    Linked,
    Paragraph,
    Quote,
    Revised,
    Row,
    Section,
    Table,
)
from aktstykker_gen.writers.docx_fonts import embedded_fonts
from aktstykker_gen.writers.docx_marks import marked_before
from aktstykker_gen.writers.layout import column_widths_mm, row_keeps, table_width_mm
from aktstykker_gen.writers.moment import moment


@dataclass(frozen=True)
class Revision:
    """Who made the changes of a redline, and when: stamped on every tracked change."""

    author: str
    date: datetime.datetime


def write_docx(doc: Document, parts: Path, revision: Revision | None = None,
               styles: Path | None = None, numbering: Path | None = None) -> bytes:
    """The tree as DOCX; with `revision`, its `Revised` texts become Word's tracked changes.
    `styles` is a kind's own styles (a w:styles file), added to the template's; `numbering`
    its own numbering definitions (a w:numbering file), each replacing the template's of the
    same id."""
    # The embedded fonts (and the font table's links to them) join the package only when it is
    # zipped for the last time: python-docx would unpack and deflate their 1,5 MB once more.
    fonts = embedded_fonts(parts, parts.parent / "fonts")
    package = open_package(BytesIO(_zip_folder(parts, without=set(fonts))))
    if styles is not None:
        package.styles.element.extend(_own_part(styles).findall(qn("w:style")))
    if numbering is not None:
        _replace_numbering(package.part.numbering_part.element, _own_part(numbering))
    writer = _Writer(package, revision)
    writer.furniture(doc)
    for part in doc.body:
        if isinstance(part, Section):
            writer.section(part)
        else:
            writer.block(part, in_section=False)
    if revision is not None:
        marked_before(package.element.body)
    stamp = moment(doc)
    properties = package.core_properties
    properties.title, properties.author = _property(doc.title), _property(doc.author)
    properties.last_modified_by = _property(doc.author)
    properties.language = _language(doc.lang, package)
    properties.created = properties.modified = stamp
    properties.revision = 1
    out = BytesIO()
    package.save(out)
    return _normalised_zip(out.getvalue(), stamp, fonts)


class _Writer:
    def __init__(self, package: Any, revision: Revision | None = None) -> None:
        self.package = package
        self.styles = {style.style_id: style for style in package.styles}
        self.revision = revision
        self.revisions = 0
        self.after_head = False   # the last block was a line of the head of page one
        self.end = package.element.body.sectPr   # the body's last element; paragraphs go before

    def add_paragraph(self) -> DocxParagraph:
        """Document.add_paragraph, without its search for the body's sectPr: a scan of the
        whole body per paragraph, which made the DOCX grow with the square of its length."""
        p = OxmlElement("w:p")
        if self.end is None:
            self.package.element.body.append(p)
        else:
            self.end.addprevious(p)
        return DocxParagraph(p, self.package._body)  # type: ignore[arg-type]  # an OxmlElement is a CT_P

    def paragraph(self, text: str, style: str) -> Any:
        paragraph = self.styled(self.add_paragraph(), style)
        self.text(paragraph, text)
        return paragraph

    def styled(self, paragraph: Any, style_id: str) -> Any:
        """Set the style by its id: python-docx's lookup by name costs a scan per paragraph."""
        if style_id not in self.styles:
            raise KeyError(f"no style {style_id!r} in the DOCX template")
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
        return paragraph

    def furniture(self, doc: Document) -> None:
        """The page furniture in headers and footers, as the stylesheet's page margins: the
        running line on every page after the first, the document code at the foot of page one
        beside its number, the page number after its word at the top right, and a confidential
        edition's mark and a draft's on every page."""
        section = self.package.sections[0]
        if doc.folio:
            self.folio(section, doc.folio)
        if doc.running or doc.code:
            section.different_first_page_header_footer = True
            first = section.first_page_footer
            first.is_linked_to_previous = False
            paragraph = self.styled(first.paragraphs[0], "document-code" if doc.code else "footer")
            if doc.code:
                paragraph.add_run(doc.code).style = self.styles["document-code-text"]
                paragraph.add_run("\t")
            paragraph._p.append(parse_xml(_PAGE_FIELD))
        marked = doc.draft or doc.confidential
        headers = [section.header] if doc.running or marked else []
        if doc.running or doc.code:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            paragraphs = iter(header.paragraphs)
            if header is section.header and doc.folio:
                next(paragraphs)   # the page number's line, made above
            if header is section.header and doc.running:
                line = next(paragraphs, None) or header.add_paragraph()
                self.styled(line, "running-line").add_run(doc.running)
            elif not marked:   # page one's header: empty, in our style (not python-docx's)
                self.styled(next(paragraphs), "running-line")
            if doc.confidential:
                paragraph = next(paragraphs, None) or header.add_paragraph()
                self.styled(paragraph, self.confidential_style()).add_run(CONFIDENTIAL_MARK)
            if doc.draft:
                paragraph = next(paragraphs, None) or header.add_paragraph()
                self.draft_mark(paragraph)

    def confidential_style(self) -> str:
        """The mark's style, added to the package's styles only when a document carries the mark,
        so that every other DOCX is as it was, byte for byte."""
        if CONFIDENTIAL_STYLE not in self.styles:
            self.package.styles.element.append(parse_xml(_CONFIDENTIAL_STYLE))
            self.styles = {style.style_id: style for style in self.package.styles}
        return CONFIDENTIAL_STYLE

    def folio(self, section: Any, word: str) -> None:
        """The page number after its word ("Side 5") at the top right of every page, and no
        number at the foot."""
        footer = section.footer.paragraphs[0]._p
        for field in footer.findall(qn("w:fldSimple")):
            footer.remove(field)
        paragraph = self.styled(section.header.paragraphs[0], "folio")
        paragraph.add_run(f"{word} ")
        paragraph._p.append(parse_xml(_PAGE_FIELD))

    def draft_mark(self, paragraph: DocxParagraph) -> None:
        """UDKAST in a page's header, and Word's own watermark across the page."""
        self.styled(paragraph, "draft-mark").add_run(DRAFT_MARK)
        paragraph._p.append(parse_xml(_WATERMARK.replace("$mark", DRAFT_MARK)))

    def text(self, paragraph: Any, text: str, mark: bool = True) -> None:
        """`mark`: a wholly inserted or deleted text marks its paragraph's mark too; a table
        cell's is not, for the row's own mark says it (one change less per cell)."""
        if isinstance(text, Linked) and not isinstance(text, Revised):
            for piece, address in text.spans():
                if address:
                    self.hyperlink(paragraph, piece, self.hyperlink_style(), address)
                else:
                    paragraph.add_run(piece)
            return
        if not (self.revision and isinstance(text, Revised)):
            if text:
                paragraph.add_run(text)
            return
        # A move's end is a named range (Word pairs the two ends by name) around its runs.
        end = text.whole if text.move and text.whole in ("moveFrom", "moveTo") else None
        if end:
            start = self.change(f"{end}RangeStart")
            start.set(qn("w:name"), f"flytning{text.move}")
            paragraph._p.append(start)
        for change, part, address in text.pieces():
            if address:   # a link of its version, tracked inside Word's hyperlink
                run = self.hyperlink(paragraph, part, None if _style_of(paragraph) == "link"
                                     else self.hyperlink_style(), address)
            else:
                run = paragraph.add_run(part)._r
            if change:
                self.track(run, change)
        if end:
            close = OxmlElement(f"w:{end}RangeEnd")
            close.set(qn("w:id"), start.get(qn("w:id")))
            paragraph._p.append(close)
        if text.whole and mark:
            properties = OxmlElement("w:rPr")
            properties.append(self.change(text.whole))
            paragraph._p.get_or_add_pPr().append(properties)

    def change(self, kind: str) -> Any:
        """A w:ins, w:del, w:moveFrom or w:moveTo element (or a move's range start) with the
        next id, the author and the date."""
        assert self.revision is not None
        self.revisions += 1
        element = OxmlElement(f"w:{kind}")
        element.set(qn("w:id"), str(self.revisions))
        element.set(qn("w:author"), self.revision.author)
        element.set(qn("w:date"), self.revision.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return element

    def track(self, run: Any, kind: str) -> None:
        wrapper = self.change(kind)
        run.addprevious(wrapper)
        wrapper.append(run)
        if kind == "del":
            for text in run.findall(qn("w:t")):
                text.tag = qn("w:delText")

    def section(self, section: Section) -> None:
        """The letter opens the section's first line (a paragraph, or its sub-heading), in the
        style that carries the section's outline level, so Word's navigation pane lists a–f."""
        blocks = list(section.blocks)
        first = blocks[0] if blocks and isinstance(blocks[0], Paragraph) else None
        if first is not None:
            del blocks[0]
        opens_heading = first is not None and first.role == "subheading"
        paragraph = self.styled(self.add_paragraph(),
                                "section-subheading" if opens_heading else "section-first")
        # The letter is a change only when the whole section is new or gone.
        whole = _whole(section.blocks)
        letter = f"{section.letter}." + ("\t" if first else "")
        self.text(paragraph, Revised(((whole, letter),)) if whole else letter)
        for run in paragraph._p.iter(qn("w:r")):
            run.get_or_add_rPr().style = "section-letter"
        if first:
            self.text(paragraph, first.text)
        successor = _successor(first, blocks)
        for i, block in enumerate(blocks):
            self.block(block, in_section=True, opening=successor[1] if i == successor[0] else None)

    def block(self, block: Block, in_section: bool, opening: bool | None = None) -> None:
        """`opening`: the paragraph opens its section in NEW but not in OLD (True), or in OLD
        but not in NEW (False): in a redline, the one before it (the letter's) is deleted or
        inserted, and Word joins the letter to this one; its style changes with it."""
        if isinstance(block, Paragraph) and block.role in ("link", "named-link"):
            self.link(block.text)
        elif isinstance(block, Paragraph):
            opens = "section-subheading" if block.role == "subheading" else "section-first"
            styles = {None: (block.role, block.role), True: (opens, block.role),
                      False: (block.role, opens)}[opening]
            paragraph = self.paragraph(block.text, styles[0])
            if styles[1] != styles[0]:
                self.style_change(paragraph, styles[1])
            if block.role == "lead" and self.after_head:
                paragraph.paragraph_format.space_before = Twips(LEAD_AFTER_HEAD)
            if block.role == "number":
                # A frame at the top right of the text area, as the stylesheet's absolute box;
                # LibreOffice places a frame only from the paragraph's own properties.
                paragraph._p.get_or_add_pPr().insert(1, parse_xml(_NUMBER_FRAME))
            self.after_head = block.role in HEAD_ROLES
        elif isinstance(block, BulletList):
            # Kept with what stands above it, as WeasyPrint keeps a list (its stylesheet for
            # HTML: ul { break-before: avoid }): a sentence ending in a colon stays with its
            # list. The last item carries the list's own space below, as the stylesheet's
            # margins do.
            self.keep_above()
            self.series(block.items, "list-item", "list-item-last")
        elif isinstance(block, Quote):
            for paragraph in block.paragraphs:
                self.paragraph(paragraph.text, "quote")
        else:
            self.table(block, in_section)

    def series(self, texts: tuple[str, ...], style: str, last: str) -> None:
        """Paragraphs of which the last has a style of its own (the space below a list). In a
        redline the last can differ between the versions (the last item deleted): a paragraph
        then has NEW's style, and OLD's as a tracked change of its properties."""
        def last_of(gone: frozenset[str]) -> int:
            kept = [i for i, text in enumerate(texts) if getattr(text, "whole", None) not in gone]
            return kept[-1] if kept else -1

        new_last, old_last = last_of(GONE), last_of(frozenset({"ins", "moveTo"}))
        for i, text in enumerate(texts):
            old_style = last if i == old_last else style
            new_style = last if i == new_last else style
            if getattr(text, "whole", None) in GONE:
                new_style = old_style   # only OLD has it
            paragraph = self.paragraph(text, new_style)
            if old_style != new_style and getattr(text, "whole", None) not in ("ins", "moveTo"):
                self.style_change(paragraph, old_style)

    def style_change(self, paragraph: Any, old_style: str) -> None:
        """The paragraph's style in OLD, as a tracked change of its properties (w:pPrChange)."""
        change = self.change("pPrChange")
        was = OxmlElement("w:pPr")
        was.append(OxmlElement("w:pStyle"))
        was[0].set(qn("w:val"), old_style)
        change.append(was)
        paragraph._p.get_or_add_pPr().append(change)

    def keep_above(self) -> None:
        """Keep what was written last (a paragraph, or a table's last row) with what follows."""
        above = self.end.getprevious() if self.end is not None else None
        if above is not None and above.tag == qn("w:tbl"):
            above = above.findall(qn("w:tr"))[-1]
        if above is None or above.tag not in (qn("w:p"), qn("w:tr")):
            return
        for p in ([above] if above.tag == qn("w:p") else above.iter(qn("w:p"))):
            DocxParagraph(p, self.package._body).paragraph_format.keep_with_next = True

    def link(self, address: str) -> None:
        """A web address on a line of its own, as Word's hyperlink to it; in a redline, each
        version's address its own hyperlink, inserted or deleted."""
        paragraph = self.styled(self.add_paragraph(), "link")
        if self.revision and isinstance(address, Revised):
            self.text(paragraph, Revised(address.segments, address.whole, address.move,
                                         links=tuple(t for _, t in address.segments)))
        else:
            self.hyperlink(paragraph, address)

    def hyperlink(self, paragraph: Any, text: str, style: str | None = None,
                  address: str | None = None) -> Any:
        """A web address, or a link's name, as Word's hyperlink to the address (an external
        relationship of the body); the run that holds its text."""
        target = self.package.part.relate_to(address or text, RT.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), target)
        paragraph._p.append(hyperlink)
        run = OxmlElement("w:r")
        if style:
            properties = OxmlElement("w:rPr")
            run_style = OxmlElement("w:rStyle")
            run_style.set(qn("w:val"), style)
            properties.append(run_style)
            run.append(properties)
        shown = OxmlElement("w:t")
        shown.text = text
        run.append(shown)
        hyperlink.append(run)
        return run

    def hyperlink_style(self) -> str:
        """The character style of a link in running text, added to the package's styles only
        when a document has one, so that every other DOCX is as it was, byte for byte."""
        if HYPERLINK_STYLE not in self.styles:
            self.package.styles.element.append(parse_xml(_HYPERLINK_STYLE))
            self.styles = {style.style_id: style for style in self.package.styles}
        return HYPERLINK_STYLE

    def table(self, table: Table, in_section: bool) -> None:
        """An introductory sentence stays with its table, as a caption and unit line do."""
        self.keep_above()
        for style, text in (("table-caption", table.caption), ("table-unit", table.unit)):
            if text:
                self.paragraph(text, style)
        self.grid(table, in_section)
        self.series(table.notes, "table-note", "table-note-last")

    def grid(self, table: Table, in_section: bool) -> None:
        """In a redline of a table whose columns changed, OLD's rows (wholly deleted) are laid
        out on OLD's columns, and OLD's grid is a tracked change of NEW's (w:tblGridChange)."""
        total = table_width_mm(in_section or table.indented)
        widths = [Mm(w) for w in column_widths_mm(table.columns, total)]
        docx_table = self.package.add_table(rows=0, cols=len(table.columns))
        docx_table.style = self.styles["accounts"]
        docx_table.autofit = False
        for grid_column, width in zip(docx_table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = width
        before = None
        if self.revision and table.columns_before is not None:
            before = (table.columns_before,
                      [Mm(w) for w in column_widths_mm(table.columns_before, total)])
            self.grid_change(docx_table, before[1])

        def laid_out(row: Row) -> tuple[tuple[str, ...], list[Mm]]:
            return before if before and _row_change(row) == "del" else (table.columns, widths)
        # The stylesheet's spacing: air above an own table (below its unit line), below the
        # header row, between groups, and after the table (less when notes follow).
        own = bool(table.caption or table.unit or table.notes)
        for r, row in enumerate(table.head):
            padding = (OWN_TABLE_GAP if own and r == 0 else 0,
                       HEAD_GAP if r == len(table.head) - 1 else 0)
            self.row(docx_table, row, *laid_out(row), header=True, keep_next=True,
                     padding=padding, before=before)
        after = NOTES_GAP if table.notes else TABLE_GAP
        for g, (group, keeps) in enumerate(zip(table.groups, row_keeps(table), strict=True)):
            for i, (row, keep) in enumerate(zip(group, keeps, strict=True)):
                space_before = GROUP_GAP if g > 0 and i == 0 else 0
                space_after = after if g == len(table.groups) - 1 and i == len(group) - 1 else 0
                self.row(docx_table, row, *laid_out(row), header=False,
                         keep_next=keep, padding=(space_before, space_after), before=before)

    def row(self, docx_table: DocxTable, row: Row, columns: tuple[str, ...], widths: list[Mm],
            header: bool, keep_next: bool, padding: tuple[int, int] = (0, 0),
            before: tuple[tuple[str, ...], list[Mm]] | None = None) -> None:
        """`before`: OLD's columns and widths, where they differ: a cell that spanned other
        columns in OLD carries its OLD span as a tracked change (w:tcPrChange)."""
        docx_row = _add_row(docx_table, widths)
        row_properties = docx_row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if header:
            row_properties.append(OxmlElement("w:tblHeader"))
        whole = _row_change(row) if self.revision else None
        cells, column, old_column = docx_row.cells, 0, 0
        for cell in row.cells:
            target = cells[column]
            if cell.span > 1:
                target = _span(target, cell.span, docx_table)
            target.width = sum(widths[column:column + cell.span], Mm(0))
            _cell_properties(target, *padding)
            if before and cell.span_before is not None:
                self.span_change(target, cell.span_before, Emu(
                                 sum(before[1][old_column:old_column + cell.span_before])))
            paragraph = target.paragraphs[0]
            amount = columns[column] == "amount"
            self.styled(paragraph, "table-amount" if amount else f"table-label-{min(row.level, 3)}")
            paragraph.paragraph_format.keep_with_next = keep_next
            self.text(paragraph, cell.text, mark=whole is None)
            if row.total:
                for run in paragraph._p.iter(qn("w:r")):
                    run.get_or_add_rPr().style = "table-total"
            column += cell.span
            old_column += cell.span_before or cell.span
        if whole is not None:
            row_properties.append(self.change(whole))

    def grid_change(self, docx_table: DocxTable, widths: list[Mm]) -> None:
        """OLD's grid, as a tracked change of the table's (w:tblGridChange): Word lays OLD's
        rows out on it again on Reject All."""
        self.revisions += 1
        change = OxmlElement("w:tblGridChange")
        change.set(qn("w:id"), str(self.revisions))
        grid = OxmlElement("w:tblGrid")
        for width in widths:
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(width.twips))
            grid.append(column)
        change.append(grid)
        docx_table._tbl.tblGrid.append(change)

    def span_change(self, cell: _Cell, span: int, width: Emu) -> None:
        """The columns a cell spanned in OLD and its width there, as a tracked change of its
        properties (w:tcPrChange, the last of them)."""
        change = self.change("tcPrChange")
        was = OxmlElement("w:tcPr")
        preferred = OxmlElement("w:tcW")
        preferred.set(qn("w:w"), str(width.twips))
        preferred.set(qn("w:type"), "dxa")
        was.append(preferred)
        if span > 1:
            spanned = OxmlElement("w:gridSpan")
            spanned.set(qn("w:val"), str(span))
            was.append(spanned)
        change.append(was)
        cell._tc.get_or_add_tcPr().append(change)


# The head of page one, and the stylesheet's 2,4em (27,6 pt) between it and the sender line.
HEAD_ROLES = frozenset({"designation", "session", "number", "headnote"})
LEAD_AFTER_HEAD = 552

_NUMBER_FRAME = ('<w:framePr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                 'main" w:w="2268" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" '
                 'w:xAlign="right" w:yAlign="top"/>')

# The page number, as in the template's footer.
_PAGE_FIELD = ('<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
               'main" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')

# Twips added to a row's 1,15 pt padding (0.1em of 11.5 pt, the cell paragraphs' own spacing)
# to give the stylesheet's: a header row's 0.35em below it, a group's 0.6em above it, the
# table's 1.1em below it (0.3em before its notes), an own table's 0.2em below its unit line.
HEAD_GAP, GROUP_GAP, TABLE_GAP, NOTES_GAP, OWN_TABLE_GAP = 58, 115, 253, 69, 46


# python-docx's Table.add_row and _Cell.merge give the XML wanted, but each finds its place by
# scanning the table's rows (the grid, the row's index), so a table of 10.000 rows took minutes.
# These two make the same elements from the row at hand.

def _add_row(docx_table: DocxTable, widths: list[Mm]) -> _Row:
    """Table.add_row: a row of one empty cell per grid column, each as wide as its column."""
    tr = docx_table._tbl.add_tr()
    for width in widths:
        tr.add_tc().width = width
    return _Row(tr, docx_table)


def _span(cell: _Cell, span: int, docx_table: DocxTable) -> _Cell:
    """_Cell.merge of a fresh cell with the `span - 1` cells to its right, within its row."""
    cell._tc._span_to_width(span, cell._tc, None)
    return _Cell(cell._tc, docx_table)


def _row_change(row: Row) -> str | None:
    """"ins" or "del" when every cell of a row is wholly inserted or deleted, else None."""
    wholes = {getattr(cell.text, "whole", None) for cell in row.cells}
    return wholes.pop() if len(wholes) == 1 else None


def _successor(first: Paragraph | None, blocks: list[Block]) -> tuple[int, bool | None]:
    """Which of the blocks after a section's first paragraph opens the section in only one
    version (its index, and True when that is NEW, False when OLD); (-1, None) for none."""
    change = _change(first.text) if first else None
    if change is None:
        return -1, None
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            break
        if _change(block.text) != change:   # the first paragraph the other version has
            return i, change == "del"
    return -1, None


def _change(text: str) -> str | None:
    """"del" or "ins" when all of a text is gone from NEW or new in it (moved counts)."""
    whole = getattr(text, "whole", None)
    return _AS_CHANGE.get(whole, whole) if whole else None


def _whole(blocks: tuple[Block, ...]) -> str | None:
    """"ins" or "del" when every text in the blocks is wholly inserted or deleted, else None."""
    def texts(block: Block) -> list[str]:
        if isinstance(block, Paragraph):
            return [block.text]
        if isinstance(block, BulletList):
            return list(block.items)
        if isinstance(block, Quote):
            return [p.text for p in block.paragraphs]
        return [c.text for row in (*block.head, *(r for g in block.groups for r in g))
                for c in row.cells]
    wholes = {_change(text) for block in blocks for text in texts(block)}
    return wholes.pop() if len(wholes) == 1 else None


# A section whose every text moved away (or here) is, as a section, deleted (or inserted).
_AS_CHANGE = {"moveFrom": "del", "moveTo": "ins"}


def _cell_properties(cell: Any, top: int, bottom: int) -> None:
    """Bottom-aligned like the PDF (a wrapped label's amount sits on its last line), padded."""
    properties = cell._tc.get_or_add_tcPr()
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "bottom")
    if top or bottom:
        margins = OxmlElement("w:tcMar")
        for side, twips in (("top", top), ("bottom", bottom)):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(twips))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        properties.append(margins)
    properties.append(v_align)


# Word's watermark (Design → Watermark) is a VML text path in the header; Word and
# LibreOffice both show it pale across each page.
CONFIDENTIAL_STYLE = "confidential-mark"
# Centred at the top of each page, as the PDF's @top-center; red and spaced, as UDKAST.
_CONFIDENTIAL_STYLE = (
    '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    f'w:type="paragraph" w:styleId="{CONFIDENTIAL_STYLE}"><w:name w:val="Fortrolighedsmærke"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>'
    '<w:rPr><w:b/><w:color w:val="B00000"/><w:spacing w:val="40"/><w:sz w:val="24"/></w:rPr>'
    "</w:style>")

# A link in running text: underlined and blue, as a link on a line of its own (the "link"
# paragraph style of a kind that has one), and as the PDF's.
HYPERLINK_STYLE = "hyperlink"
_HYPERLINK_STYLE = (
    '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    f'w:type="character" w:styleId="{HYPERLINK_STYLE}"><w:name w:val="Hyperlink"/>'
    '<w:rPr><w:color w:val="1F4E79"/><w:u w:val="single"/></w:rPr></w:style>')

_WATERMARK = """\
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
  <w:pict>
    <v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
                 path="m@7,l@8,m@5,21600l@6,21600e">
      <v:path textpathok="t" o:connecttype="custom"/>
      <v:textpath on="t" fitshape="t"/>
      <o:lock v:ext="edit" text="t" shapetype="t"/>
    </v:shapetype>
    <v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136"
             style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;\
rotation:315;z-index:-251654144;mso-position-horizontal:center;\
mso-position-horizontal-relative:margin;mso-position-vertical:center;\
mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#b00000" stroked="f">
      <v:fill opacity=".13"/>
      <v:textpath style="font-family:&quot;Liberation Serif&quot;;font-size:1pt" string="$mark"/>
    </v:shape>
  </w:pict>
</w:r>"""


def _own_part(path: Path) -> Any:
    """A kind's own part of the package (styles, numbering): the package's file, read as data."""
    return etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False,
                                                               no_network=True))


def _style_of(paragraph: Any) -> str | None:
    """A paragraph's style id: a link on a line of its own takes its look from its style."""
    properties = paragraph._p.pPr
    return properties.pStyle.val if properties is not None and properties.pStyle is not None \
        else None


def _replace_numbering(numbering: Any, own: Any) -> None:
    """Each of the kind's abstract numberings and numberings in place of the template's with the
    same id, or, new, where Word wants it: the abstract ones before every w:num."""
    for tag, key in (("w:abstractNum", "w:abstractNumId"), ("w:num", "w:numId")):
        for definition in own.findall(qn(tag)):
            same = [e for e in numbering.findall(qn(tag)) if e.get(qn(key)) == definition.get(qn(key))]
            if same:
                same[0].addprevious(definition)
                numbering.remove(same[0])
            elif tag == "w:abstractNum" and numbering.find(qn("w:num")) is not None:
                numbering.find(qn("w:num")).addprevious(definition)
            else:
                numbering.append(definition)


def _zip_folder(folder: Path, without: set[str]) -> bytes:
    """The template's parts but those named, zipped in a fixed order."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            if name not in without:
                archive.writestr(name, path.read_bytes())
    return out.getvalue()


def _language(lang: str, package: Any) -> str:
    """The document's language with the region the template's text is marked with (da → da-DK),
    as Word names languages; the tree's own tag when the template's is another language."""
    marked = package.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    region = marked.get(qn("w:val"), "") if marked is not None else ""
    return region if region.split("-")[0] == lang else lang


def _property(text: str) -> str:
    """Word's document properties hold at most 255 characters; the text itself is unchanged."""
    return text if len(text) <= 255 else text[:254] + "…"


def _with_font_type(types: bytes) -> bytes:
    """The package's content types with that of the embedded fonts (python-docx, which never
    saw them, leaves it out)."""
    root = etree.fromstring(types)
    default = etree.Element(f"{{{_TYPES}}}Default", Extension="odttf",
                            ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont")
    root.insert(0, default)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def _normalised_zip(data: bytes, moment: datetime.datetime, fonts: dict[str, bytes]) -> bytes:
    """Same entries, same order, then the fonts, all with fixed dates and attributes:
    reproducible bytes. The fonts are deflated fast (level 1): 70 ms less than level 6 on
    1,5 MB, for 7 % more bytes."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        entries = [(entry.filename, source.read(entry.filename), 6) for entry in source.infolist()]
        if fonts:
            entries = [(name, _with_font_type(part) if name == "[Content_Types].xml" else part,
                        level) for name, part, level in entries]
        for name, part, level in [*entries, *((name, part, 1) for name, part in fonts.items())]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, part, compresslevel=level)
    return out.getvalue()
