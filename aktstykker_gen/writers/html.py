"""The document tree as HTML: the input of the PDF renderer (and of a preview).

Every text is escaped here, once; the semantic roles of the tree become
class names, and all layout lives in the kind's stylesheet.
"""

from __future__ import annotations

from html import escape

from aktstykker_gen.document import (
    CONFIDENTIAL_MARK,
    DRAFT_MARK,
    Block,
    BulletList,
    Document,
    Linked,
    Paragraph,
    Quote,
    Row,
    Section,
    Table,
)
from aktstykker_gen.writers.layout import column_widths_mm, row_keeps, table_width_mm
from aktstykker_gen.writers.moment import moment


def write_html(doc: Document) -> str:
    classes = body_classes(doc)
    body = f'<body class="{classes}">' if classes else "<body>"
    # The page furniture the stylesheet sets in the page margins, by string-set from these: on
    # the root, as WeasyPrint carries a string set on the body to no page after the first.
    furniture = "".join(f' {name}="{escape(value)}"' for name, value in
                        (("data-running", doc.running), ("data-code", doc.code),
                         ("data-mark", CONFIDENTIAL_MARK if doc.confidential else ""),
                         ("data-folio", doc.folio)) if value)
    created = moment(doc).isoformat() + "Z"
    head = (
        '<!DOCTYPE html>\n'
        f'<html lang="{escape(doc.lang)}"{furniture}><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title>"
        f'<meta name="author" content="{escape(doc.author)}">'
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="dcterms.modified" content="{created}">'
        "</head>")
    return head + body + "\n" + _content(doc) + "\n</body></html>\n"


def body_classes(doc: Document) -> str:
    """The classes the stylesheet keys the whole document on (a draft's mark, a confidential
    edition's)."""
    return " ".join(name for name, on in (("draft", doc.draft),
                                          ("confidential", doc.confidential)) if on)


def write_body(doc: Document) -> str:
    """The preview's sheet: the document's content, a draft's mark across it, and a
    confidential edition's above it."""
    marks = [DRAFT_BOX] if doc.draft else []
    if doc.confidential:
        marks.append(CONFIDENTIAL_BOX)
    return "\n".join([*marks, _content(doc)])


def _content(doc: Document) -> str:
    """The document's content, for the PDF's pages and the preview's sheet alike. In the PDF a
    draft's mark is page furniture drawn by the stylesheet's named page (its background and
    its margin), so that it is an artifact, never read as content."""
    parts = doc.body
    return "\n".join(_section(p) if isinstance(p, Section)
                     else _block(p, _introduces(parts, i)) for i, p in enumerate(parts))


def _introduces(blocks: tuple | list, i: int) -> bool:
    """Whether the block after the i-th is a table or a list: a paragraph before one is set
    whole on the page where the table or list starts (LibreOffice and Word move a paragraph
    kept with the next whole; the DOCX keeps it so)."""
    return i + 1 < len(blocks) and isinstance(blocks[i + 1], (Table, BulletList))


# A draft's mark across the preview's sheet (the PDF's pages have it from the stylesheet).
DRAFT_BOX = f'<div class="draft-mark" aria-hidden="true">{DRAFT_MARK}</div>'
# A confidential edition's mark at the top of the preview's sheet (the PDF's pages have it at
# the top of each page's margin, from the stylesheet).
CONFIDENTIAL_BOX = f'<div class="confidential-mark" aria-hidden="true">{CONFIDENTIAL_MARK}</div>'


def _section(section: Section) -> str:
    """The letter opens the section's first line, as in the DOCX, so text order is reading
    order: a paragraph's or a sub-heading's (the sub-heading stays a heading). The letter also
    labels the tagged section and its bookmark (`data-letter`, see pdf_tags)."""
    blocks = list(section.blocks)
    first = blocks[0] if blocks else None
    if isinstance(first, Paragraph):
        opening = _paragraph(first, section.letter, _introduces(blocks, 0))
    else:
        opening = f'<p class="section-first">{_letter(section.letter)}</p>'
    inner = [_table(b, in_section=True) if isinstance(b, Table) else _block(b, _introduces(blocks, i))
             for i, b in enumerate(blocks) if i or not isinstance(first, Paragraph)]
    return "\n".join([f'<section class="lettered" data-letter="{escape(section.letter)}">',
                      opening, *inner, "</section>"])


def _letter(letter: str) -> str:
    return f'<span class="letter">{escape(letter)}.</span>'


def _paragraph(paragraph: Paragraph, letter: str = "", intro: bool = False) -> str:
    """A paragraph, or a sub-heading (h1: the top level of the tagged headings); one that
    opens a section starts with its letter, and its bookmark reads "b. Delloftet …"; one
    that introduces a table or a list is marked so."""
    role = f"{paragraph.role} intro" if intro else paragraph.role
    if paragraph.role == "link":   # one web address (document.py checks its form)
        address = escape(paragraph.text)
        return f'<p class="link"><a href="{address}">{address}</a></p>'
    text = inline(paragraph.text)
    if paragraph.role == "named-link":   # printed at the foot of its name's page (`inline`)
        return ""
    if not letter:
        tag = HEADINGS.get(paragraph.role, "p")
        return f'<{tag} class="{role}">{text}</{tag}>'
    if paragraph.role == "subheading":
        label = escape(f"{letter}. {paragraph.text}")
        return (f'<h1 class="subheading section-first" data-label="{label}">'
                f"{_letter(letter)}{text}</h1>")
    return f'<p class="{role} section-first">{_letter(letter)}{text}</p>'


def inline(text: str) -> str:
    """A text, escaped; each web address in a `Linked` text a link to itself, each named link
    a link to its address, which a note prints at the foot of the page (a page is not clicked)."""
    if not isinstance(text, Linked):
        return _in_pieces(text)
    def link(shown: str, address: str) -> str:
        return f'<a href="{escape(address)}">{escape(shown)}</a>'

    return "".join(_in_pieces(piece) if address is None else link(piece, address)
                   if address == piece else
                   link(piece, address) + f'<span class="link-note">{link(address, address)}</span>'
                   for piece, address in text.spans())


# A text of more than LONG characters is set in spans of at most about PIECE characters, split
# at a space (a break opportunity either way, so the lines are the same): WeasyPrint
# 70 lays out each line of an inline box's text from the line's start to the box's end, so a
# paragraph's time grew with the square of its length. Section e naming 10.000 hovedkonti (one
# sentence of 270.000 characters) took 4,4 s to lay out, in pieces 1,4 s. The longest
# paragraph of a real aktstykke in specs/ has 1.167 characters and is set as it was.
LONG, PIECE = 2000, 500


def _in_pieces(text: str) -> str:
    if len(text) <= LONG:
        return escape(text)
    pieces, start = [], 0
    while len(text) - start > PIECE:
        cut = text.rfind(" ", start + 1, start + PIECE)
        if cut < 0:   # a word longer than a piece: it ends at the next space
            cut = text.find(" ", start + PIECE)
            if cut < 0:
                break
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    if len(pieces) == 1:   # one long word
        return escape(text)
    # The space between two pieces is the paragraph's own, outside both: where a line ends
    # there, it is the line's last space, which WeasyPrint leaves out as in the one text.
    return " ".join(f"<span>{escape(piece)}</span>" for piece in pieces)


# The roles that are headings, and their level in the tagged PDF.
HEADINGS = {"subheading": "h1", "annex": "h1", "item": "h1", "item-stub": "h1",
            "part": "h2", "subpart": "h3"}


def _block(block: Block, intro: bool = False) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block, intro=intro)
    if isinstance(block, BulletList):
        items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Quote):
        return "<blockquote>" + "".join(_block(p) for p in block.paragraphs) + "</blockquote>"
    return _table(block, in_section=False)


def _table(table: Table, in_section: bool) -> str:
    widths = column_widths_mm(table.columns, table_width_mm(in_section or table.indented))
    columns = "".join(f'<col class="{kind}" style="width: {width:.1f}mm">'
                      for kind, width in zip(table.columns, widths, strict=True))
    head = "".join(_row(row, table.columns, "th") for row in table.head)
    groups = ["".join(_row(row, table.columns, "td", keep, opens=g > 0 and i == 0)
                      for i, (row, keep) in enumerate(zip(group, keeps, strict=True)))
              for g, (group, keeps) in enumerate(zip(table.groups, row_keeps(table),
                                                     strict=True))]
    per_body = GROUPS_PER_BODY if len(groups) > GROUPS_PER_BODY else 1
    bodies = "".join("<tbody>" + "".join(groups[first:first + per_body]) + "</tbody>"
                     for first in range(0, len(groups), per_body))
    opening = '<table class="indented">' if table.indented else "<table>"
    html = f"{opening}<colgroup>{columns}</colgroup><thead>{head}</thead>{bodies}</table>"
    if not (table.caption or table.unit or table.notes):
        return html
    above = "".join(f'<p class="{role}">{escape(text)}</p>'
                    for role, text in (("table-caption", table.caption),
                                       ("table-unit", table.unit)) if text)
    below = "".join(f'<p class="table-note">{escape(note)}</p>' for note in table.notes)
    return f'<div class="own-table">{above}{html}{below}</div>'


# Each group (a hovedkonto's rows) is a row group (tbody, /TBody in the tagged PDF), except in
# a table of more groups than GROUPS_PER_BODY, whose groups are set that many to a tbody: for
# each page a table continues on, WeasyPrint 70 walks all of the table's row groups
# (table_layout) and all the rows of the one it resumes in, so that a table of 10.000
# hovedkonti walked 10.000 groups on each of its 1.169 pages; in bodies of 32 both walks stay
# short. Where a group starts is its first row's class (`opens`: the space above it), wherever
# its tbody starts, so the pages are the same.
GROUPS_PER_BODY = 32


def _row(row: Row, columns: tuple[str, ...], tag: str, keep: bool = False,
         opens: bool = False) -> str:
    cells, column = [], 0
    for cell in row.cells:
        span = f' colspan="{cell.span}"' if cell.span > 1 else ""
        # An empty cell of a header row heads nothing: a data cell, so that no column is
        # announced by silence. A header cell heads its column (PDF: /Scope /Column).
        kind = "td" if not cell.text else tag
        scope = ' scope="col"' if kind == "th" else ""
        cells.append(f'<{kind} class="{columns[column]}"{span}{scope}>{inline(cell.text)}</{kind}>')
        column += cell.span
    total = " total" if row.total else ""
    kept = " keep" if keep else ""   # layout.row_keeps: no page break after this row
    opening = " opens" if opens else ""   # the first row of a group after the first
    return f'<tr class="level-{row.level}{total}{kept}{opening}">' + "".join(cells) + "</tr>"
