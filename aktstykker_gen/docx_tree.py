"""A DOCX built by `aktstykke build` read back into the document tree it was written from, so
that `redline` compares two sent files as it compares two specs, and `import` reads a sent
file back into a spec (kinds/aktstykke/indlaesning).

The writer gives every paragraph the style of its role, every table cell the style of its
column, and puts the page furniture in headers and footers, so the tree comes back from the
styles: a paragraph in "section-first" opens a section (its letter in the "section-letter"
run), "list-item" paragraphs are a bullet list, "table-caption" … "table-note-last" around a
table one table, a body row padded GROUP_GAP above opens a group of rows. A hyperlink is a link
to its relationship's address: one whose text is that address a web address in the text, any
other a named link (<a href>); a "link" paragraph is a "named-link" when a text since the links
before it (its item's: an agenda item's links close it) names its address, as the agenda's view
decides it. Styles are known by
their names too: another program's re-save (LibreOffice's) keeps each style's name and gives it
an id of its own, which is translated back to ours before reading. What a DOCX does
not hold is not recovered: the spec's data and its `sagsbehandler` (a redline of DOCX files is
by `--author` or the default author), the edition (a built file is the one it was built as),
a title of more than 255 characters (Word's properties cut it). A DOCX this reader cannot read
back as the tree it was written from (a paragraph in a style `build` does not write, tracked
changes not yet accepted or rejected, a hyperlink to no web address, a link on a line of its
own that goes elsewhere than the address it shows) is refused, naming the paragraph: AKT008,
exit 2.

The file is read by `docx_text`, within the limits of every DOCX reader (docs/limits.md).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree

from aktstykker_gen.bounded import UNREADABLE, refusal
from aktstykker_gen.document import (
    CONFIDENTIAL_MARK,
    DRAFT_MARK,
    ROLES,
    WEB_ADDRESS,
    Block,
    BulletList,
    Cell,
    Document,
    Linked,
    Paragraph,
    Quote,
    Row,
    Section,
    Table,
)
from aktstykker_gen.docx_text import docx_body
from aktstykker_gen.writers.docx import GROUP_GAP
from aktstykker_gen.writers.layout import table_width_mm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CORE = {"dc": "http://purl.org/dc/elements/1.1/",
         "dcterms": "http://purl.org/dc/terms/",
         "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
_PARTS = re.compile(r"word/(styles|header\d*|footer\d*)\.xml|docProps/core\.xml"
                    r"|word/_rels/document\.xml\.rels")
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# What an address holds as it is (RFC 3986's delimiters, and "%" of what is escaped already).
_IN_ADDRESS = ":/?#[]@!$&'()*+,;=%"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Tracked changes: a file that has them is a redline or a file under review, not a sent one.
_TRACKED = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "trPrChange")
# A DOCX does not mark where a section ends: a section holds these roles' paragraphs and any
# table, list or quotation, and the first paragraph of another role (the closing block's
# dateline, a bilag's heading) stands after it, as the templates write them.
IN_SECTION = frozenset({"body", "heading", "subheading", "link"})
# The styles of what is no paragraph of its own role.
_SERIES = {"list-item": "list-item-last", "quote": None, "table-note": "table-note-last"}
_TABLE_TEXT = ("table-caption", "table-unit")
_BLOCKS = frozenset({*_SERIES, *(s for s in _SERIES.values() if s), *_TABLE_TEXT, "table"})


@dataclass(frozen=True)
class Read:
    """A built DOCX as its tree, and the kind its styles say it is."""

    document: Document
    kind: str


def read_docx(path: Path) -> Read:
    """The tree `build` wrote `path` from, or `Refused` (exit 2) saying why it cannot be had."""
    body, parts = docx_body(path, lambda name: bool(_PARTS.fullmatch(name)))
    _refuse_tracked(path, body)
    try:
        ours = _our_ids(parts.get("word/styles.xml"))
        _translate(body, ours)
        kind = _kind({ours.get(s, s) for s in _style_ids(parts.get("word/styles.xml"))})
        targets = _targets(parts.get("word/_rels/document.xml.rels"))
        blocks = _Reader(list(_elements(body)), targets).body()
        return Read(_document(parts, tuple(blocks), ours), kind)
    except _Unreadable as error:
        raise refusal(path, UNREADABLE, str(error), _HINT) from None
    except (etree.XMLSyntaxError, ValueError) as error:   # a damaged part, a number that is none
        raise refusal(path, UNREADABLE, f"er ikke en DOCX-fil ({type(error).__name__})",
                      _HINT) from None


_HINT = ("redline og import læser en DOCX, som 'aktstykke build' har skrevet (rettet i Word eller "
         "gemt igen af LibreOffice er fint, når typografierne er de samme); giv ellers "
         "specifikationerne eller teksten")


class _Unreadable(Exception):
    """What in the body the tree cannot be read back from."""


def _kind(styles: set[str]) -> str:
    """The kind whose own Word styles the file has (an agenda's "item", "byline" …), else the
    default kind, which adds none to the template's."""
    from aktstykker_gen import assets
    from aktstykker_gen.kinds import DEFAULT_KIND, KINDS

    for name, kind in KINDS.items():
        if kind.docx_styles and _style_ids(
                (assets.templates_dir() / kind.docx_styles).read_bytes()) <= styles:
            return name
    return DEFAULT_KIND


def _style_ids(styles: bytes | None) -> set[str]:
    if styles is None:
        return set()
    root = etree.fromstring(styles, _PARSER)
    return {s.get(f"{{{W}}}styleId", "") for s in root.iter(f"{{{W}}}style")}


def _our_ids(styles: bytes | None) -> dict[str, str]:
    """Our style id for each of the file's ids whose style has the name of one of ours: another
    program's re-save (LibreOffice's) keeps a style's name but gives it an id of its own."""
    if styles is None:
        return {}
    names = _our_names()
    root = etree.fromstring(styles, _PARSER)
    found = {}
    for style in root.iter(f"{{{W}}}style"):
        name = style.find(f"{{{W}}}name")
        id_ = style.get(f"{{{W}}}styleId", "")
        if name is not None and names.get(name.get(f"{{{W}}}val", ""), id_) != id_:
            found[id_] = names[name.get(f"{{{W}}}val", "")]
    return found


@functools.cache
def _our_names() -> dict[str, str]:
    """Our styles' ids by their names, from the template's styles and every kind's own."""
    from aktstykker_gen import assets
    from aktstykker_gen.kinds import KINDS

    files = ["docx/word/styles.xml", *(k.docx_styles for k in KINDS.values() if k.docx_styles)]
    names = {}
    for name in files:
        root = etree.fromstring((assets.templates_dir() / name).read_bytes(), _PARSER)
        for style in root.iter(f"{{{W}}}style"):
            label = style.find(f"{{{W}}}name")
            if label is not None:
                names[label.get(f"{{{W}}}val", "")] = style.get(f"{{{W}}}styleId", "")
    return names


def _translate(root: Any, ours: dict[str, str]) -> None:
    """The paragraph and run styles below `root` given by our ids."""
    for tag in (f"{{{W}}}pStyle", f"{{{W}}}rStyle"):
        for element in root.iter(tag):
            value = element.get(f"{{{W}}}val", "")
            if value in ours:
                element.set(f"{{{W}}}val", ours[value])


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


def _refuse_tracked(path: Path, body: Any) -> None:
    for kind in _TRACKED:
        if next(body.iter(f"{{{W}}}{kind}"), None) is not None:
            raise refusal(path, UNREADABLE, f"rummer sporede ændringer (w:{kind})",
                          "godkend eller afvis ændringerne i Word først, og gem filen; "
                          "redline og import læser en færdig version")


def _elements(body: Any) -> Iterator[Any]:
    """The body's paragraphs and tables, in order; what Word adds between them and holds no
    text (bookmarks, proofing marks) aside, and anything else (a content control) refused."""
    for element in body:
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name in ("p", "tbl"):
            yield element
        elif name not in _AFTER_WORD:
            raise _Unreadable(f"brødteksten rummer et w:{name or 'ukendt'}-element, som "
                              "'aktstykke build' ikke skriver")


_AFTER_WORD = frozenset({"sectPr", "bookmarkStart", "bookmarkEnd", "proofErr"})


def _style(paragraph: Any) -> str:
    return _value(paragraph, "pPr", "pStyle")


def _run_style(run: Any) -> str:
    return _value(run, "rPr", "rStyle")


def _value(element: Any, *path: str) -> str:
    """The w:val of the element at `path` below `element`, "" when there is none."""
    found = element.find("/".join(f"{{{W}}}{step}" for step in path))
    return found.get(f"{{{W}}}val", "") if found is not None else ""


def _targets(rels: bytes | None) -> dict[str, str]:
    """The addresses the body's hyperlinks go to, by relationship id (a hyperlink holds its
    relationship's id; the address is in the body's relationships)."""
    if rels is None:
        return {}
    return {rel.get("Id", ""): rel.get("Target", "")
            for rel in etree.fromstring(rels, _PARSER).iter(f"{{{_RELS}}}Relationship")
            if rel.get("Type") == _HYPERLINK and rel.get("TargetMode") == "External"}


def _outside_fields(paragraph: Any) -> Iterator[Any]:
    """The paragraph's own runs that are not a field's: ours is a `w:fldSimple` (its runs are
    not the paragraph's own); LibreOffice saves it as runs between a begin and an end
    `w:fldChar`, holding the field's code and its last value ("15" of "Side 15")."""
    depth = 0
    for run in paragraph.iterchildren(f"{{{W}}}r"):
        kinds = [c.get(f"{{{W}}}fldCharType") for c in run.iterchildren(f"{{{W}}}fldChar")]
        depth += kinds.count("begin")
        if not depth:
            yield run
        depth = max(depth - kinds.count("end"), 0)


def _plain(element: Any) -> str:
    """The text of the runs below `element`, whatever they link to."""
    return "".join(piece for piece, _ in _pieces(element))


def _pieces(element: Any, skip_letter: bool = False) -> list[tuple[str, Any]]:
    """The text of the runs below `element`, each piece with the hyperlink it is in (None: in
    none); `skip_letter`: without the section letter's runs."""
    pieces: list[tuple[str, Any]] = []
    for node in element.iter(f"{{{W}}}r"):
        if skip_letter and _run_style(node) == "section-letter":
            continue
        parent = node.getparent()
        link = parent if parent.tag == f"{{{W}}}hyperlink" else None
        for child in node:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "t":
                pieces.append((child.text or "", link))
            elif tag == "tab":
                pieces.append(("\t", link))
            elif tag in ("br", "cr"):
                pieces.append(("\n", link))
    return pieces


def _text(element: Any, targets: dict[str, str], skip_letter: bool = False) -> str:
    """A paragraph's text as the tree holds it: a `Linked` when it has hyperlinks, each a web
    address of the text where it shows the address it goes to, a named link where it shows
    anything else (`targets`: the part's addresses by relationship id)."""
    pieces = _pieces(element, skip_letter)
    text = "".join(piece for piece, _ in pieces)
    if all(link is None for _, link in pieces):
        return text
    spans: list[tuple[int, int, Any]] = []   # (start, end, hyperlink) of each hyperlink's text
    at, previous = 0, None
    for piece, link in pieces:
        if link is not None and link is previous:
            spans[-1] = (spans[-1][0], at + len(piece), link)
        elif link is not None:
            spans.append((at, at + len(piece), link))
        at, previous = at + len(piece), link
    links, named = [], []
    for start, end, link in spans:
        address = _address(link, text[start:end], targets)
        if address == text[start:end]:
            links.append((start, end))
        else:
            named.append((start, end, address))
    return Linked(text, tuple(links), tuple(named))


def _address(link: Any, shown: str, targets: dict[str, str]) -> str:
    """The web address a hyperlink goes to; `_Unreadable` for one the tree cannot hold (to a
    place in the file, to no address, to a mail or a file), which `build` never writes.

    Another program's re-save (LibreOffice's) writes the address decoded ("…/Aftale om
    …-årsplan.pdf"): it is the address the text shows when it reads as that, else encoded again
    as `build` wrote it (a space and a letter outside ASCII escaped, nothing else)."""
    target = targets.get(link.get(_R_ID, ""))
    if target is None:
        where = "et sted i filen" if link.get(f"{{{W}}}anchor") else "ingen adresse"
        raise _Unreadable(f"linket {shown[:40]!r} går til {where}")
    if unquote(target) == unquote(shown):
        return shown
    address = quote(target, safe=_IN_ADDRESS)
    if not WEB_ADDRESS.fullmatch(address):
        raise _Unreadable(f"linket {shown[:40]!r} går til {address[:60]!r}, som ikke er en "
                          "webadresse (http eller https)")
    return address


class _Reader:
    """The body's elements read in order into blocks and sections."""

    def __init__(self, elements: list[Any], targets: dict[str, str]) -> None:
        self.elements, self.at, self.targets = elements, 0, targets
        # The addresses the text since the last links names, and whether a link was the last
        # read: a "link" paragraph whose address is named is a named link's closing line.
        self.named: set[str] = set()
        self.after_link = False

    def peek(self) -> tuple[str, Any] | None:
        if self.at >= len(self.elements):
            return None
        element = self.elements[self.at]
        return ("table" if element.tag == f"{{{W}}}tbl" else _style(element)), element

    def take(self) -> Any:
        self.at += 1
        return self.elements[self.at - 1]

    def where(self) -> str:
        return f"afsnit {self.at + 1} i brødteksten"

    def read(self, element: Any, skip_letter: bool = False) -> str:
        """The text of the paragraph just taken, or of a cell of its table."""
        try:
            return _text(element, self.targets, skip_letter)
        except _Unreadable as error:
            raise _Unreadable(f"afsnit {self.at} i brødteksten: {error}") from None

    def text(self, element: Any, skip_letter: bool = False) -> str:
        """`read`, noting the addresses the text names for the links that close it."""
        text = self.read(element, skip_letter)
        if self.after_link:
            self.named, self.after_link = set(), False
        self.named.update(address for _, _, address in getattr(text, "named", ()))
        return text

    def link(self, element: Any) -> Paragraph:
        """A web address on a line of its own: a named link's closing line when the text
        before it names the address."""
        text = self.read(element)
        if isinstance(text, Linked) and text.named:
            raise _Unreadable(f"afsnit {self.at} i brødteksten viser {str(text)[:60]!r} men "
                              f"går til {text.named[0][2][:60]!r}; et link på sin egen linje "
                              "går til den adresse, det viser")
        self.after_link = True
        return Paragraph(str(text), "named-link" if str(text) in self.named else "link")

    def body(self) -> list[Block | Section]:
        found: list[Block | Section] = []
        while (ahead := self.peek()) is not None:
            if ahead[0] in ("section-first", "section-subheading"):
                found.append(self.section())
            else:
                found.append(self.block())
        return found

    def section(self) -> Section:
        style, paragraph = self.peek()  # type: ignore[misc]
        self.take()
        letters = "".join(_plain(r) for r in paragraph.iter(f"{{{W}}}r")
                          if _run_style(r) == "section-letter")
        match = re.fullmatch(r"([a-z])\.(\t?)", letters)
        if not match:
            raise _Unreadable(f"{self.where()} åbner et afsnit uden bogstav ({letters[:20]!r})")
        blocks: list[Block] = []
        if match[2]:   # the letter's tab: the section's first paragraph shares its line
            blocks.append(Paragraph(self.text(paragraph, skip_letter=True),
                                    "subheading" if style == "section-subheading" else "body"))
        while (ahead := self.peek()) is not None and (
                ahead[0] in IN_SECTION or ahead[0] in _BLOCKS):
            blocks.append(self.block(in_section=True))
        return Section(match[1], tuple(blocks))

    def block(self, in_section: bool = False) -> Block:
        style, element = self.peek()  # type: ignore[misc]
        if style in ("table", *_TABLE_TEXT):
            return self.table(in_section)
        if style in ("list-item", "list-item-last"):
            return BulletList(tuple(self.series("list-item")))
        if style == "quote":
            return Quote(tuple(Paragraph(t) for t in self.series("quote")))
        if style not in ROLES:
            raise _Unreadable(f"{self.where()} har typografien {style or 'Normal'!r}, som "
                              "'aktstykke build' ikke skriver")
        self.take()
        return self.link(element) if style == "link" else Paragraph(self.text(element), style)

    def series(self, style: str) -> list[str]:
        """The paragraphs of one list (its last in the style of its own, when it has one)."""
        last = _SERIES[style]
        texts = []
        while (ahead := self.peek()) is not None and ahead[0] in (style, last):
            texts.append(self.text(self.take()))
            if ahead[0] == last:
                break
        return texts

    def table(self, in_section: bool) -> Table:
        texts = {}
        for style in _TABLE_TEXT:
            ahead = self.peek()
            if ahead is not None and ahead[0] == style:
                texts[style] = self.text(self.take())
        ahead = self.peek()
        if ahead is None or ahead[0] != "table":
            raise _Unreadable(f"{self.where()}: en tabeloverskrift uden tabel")
        where = self.where()
        grid = _Grid(self.take(), where, self.text)
        ahead = self.peek()
        notes = self.series("table-note") if ahead is not None and ahead[0] in (
            "table-note", "table-note-last") else []
        return Table(grid.columns, grid.head, grid.groups, caption=texts.get("table-caption", ""),
                     unit=texts.get("table-unit", ""), notes=tuple(notes),
                     indented=not in_section and grid.narrow)


class _Grid:
    """A w:tbl as the tree's columns, head rows and groups of body rows."""

    def __init__(self, table: Any, where: str, text: Callable[[Any], str]) -> None:
        rows = [_row(tr, text) for tr in table.iterchildren(f"{{{W}}}tr")]
        widths = [int(c.get(f"{{{W}}}w", "0")) for c in table.iter(f"{{{W}}}gridCol")]
        for _, cells, _ in rows:
            if not widths or sum(span for _, span, _ in cells) != len(widths):
                raise _Unreadable(f"{where}: en tabelrække fylder {sum(s for _, s, _ in cells)} "
                                  f"kolonner i en tabel med {len(widths)}")
        kinds: list[str | None] = [None] * len(widths)
        for _, cells, _ in rows:
            column = 0
            for _, span, kind in cells:
                if column < len(kinds) and kinds[column] is None:
                    kinds[column] = kind
                column += span
        # A column no cell starts in (every cell over it spans) is as wide as its kind's.
        by_width = {w: k for w, k in zip(widths, kinds, strict=True) if k}
        self.columns = tuple(k or by_width.get(w, "label") for w, k in zip(widths, kinds,
                                                                            strict=True))
        self.narrow = abs(sum(widths) - _twips(table_width_mm(True))) < \
            abs(sum(widths) - _twips(table_width_mm(False)))
        self.head = tuple(row for header, _, row in rows if header)
        groups: list[list[Row]] = []
        for (header, _, row), tr in zip(rows, table.iterchildren(f"{{{W}}}tr"), strict=True):
            if header:
                continue
            if not groups or _top_margin(tr) == GROUP_GAP:
                groups.append([])
            groups[-1].append(row)
        self.groups = tuple(tuple(group) for group in groups)


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _row(tr: Any, text_of: Callable[[Any], str]) -> tuple[bool, list[tuple[str, int, str]], Row]:
    """Whether a row is a header row, its cells (text, span, column kind), and the row (each
    cell paragraph's text by `text_of`)."""
    header = tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    cells, level, total = [], 0, False
    for tc in tr.iterchildren(f"{{{W}}}tc"):
        span = _value(tc, "tcPr", "gridSpan")
        paragraph = tc.find(f"{{{W}}}p")
        style = _style(paragraph) if paragraph is not None else ""
        if style.startswith("table-label-"):
            level = int(style.rsplit("-", 1)[1])
        total = total or any(_run_style(r) == "table-total" for r in tc.iter(f"{{{W}}}r"))
        text = "\n".join(text_of(p) for p in tc.iterchildren(f"{{{W}}}p"))
        cells.append((text, int(span) if span.isdigit() else 1,
                      "amount" if style == "table-amount" else "label"))
    row = Row(tuple(Cell(text, span) for text, span, _ in cells), level, total)
    return header, cells, row


def _top_margin(tr: Any) -> int:
    found = tr.find(f"{{{W}}}tc/{{{W}}}tcPr/{{{W}}}tcMar/{{{W}}}top")
    width = found.get(f"{{{W}}}w", "") if found is not None else ""
    return int(width) if width.isdigit() else 0


def _document(parts: dict[str, bytes], body: tuple[Block | Section, ...],
              ours: dict[str, str]) -> Document:
    """The tree's metadata from the core properties, its furniture from headers and footers."""
    core = etree.fromstring(parts["docProps/core.xml"], _PARSER) \
        if "docProps/core.xml" in parts else None

    def prop(name: str) -> str:
        found = core.find(name, _CORE) if core is not None else None
        return (found.text or "") if found is not None else ""

    created = prop("dcterms:created")
    try:
        date = datetime.date.fromisoformat(created[:10])
    except ValueError:
        date = datetime.date(1970, 1, 1)
    running = code = folio = ""
    draft = confidential = False
    for name, part in sorted(parts.items()):
        if not name.startswith(("word/header", "word/footer")):
            continue
        furniture = etree.fromstring(part, _PARSER)
        _translate(furniture, ours)
        for paragraph in furniture.iter(f"{{{W}}}p"):
            style, text = _style(paragraph), _plain(paragraph)
            if style == "running-line" and text:
                running = text
            elif style == "document-code":
                code = "".join(_plain(r) for r in paragraph.iter(f"{{{W}}}r")
                               if _run_style(r) == "document-code-text")
            elif style == "folio":   # the word before the page number's field
                folio = "".join(_plain(r) for r in _outside_fields(paragraph))
            draft = draft or text == DRAFT_MARK
            confidential = confidential or text == CONFIDENTIAL_MARK
    return Document(lang=prop("dc:language").split("-")[0] or "da", title=prop("dc:title"),
                    author=prop("dc:creator"), date=date, body=body, draft=draft,
                    running=running, code=code.strip(), confidential=confidential,
                    folio=folio.strip())
