"""The one semantic document tree that every writer reads.

A kind's Jinja template renders a small, closed XML vocabulary; `parse`
turns it into this tree and refuses anything outside the vocabulary, so a
template cannot smuggle layout past the writers and the writers need to
know nothing about aktstykker:

    <document lang title author date status running code folio>
                                         the root, with the metadata; status is
                                         "udkast" (draft: writers add the UDKAST mark)
                                         or "endelig"; running is the running line of
                                         every page after the first and code the document
                                         code at the foot of page one; folio the word before
                                         the page number ("Side"), which then stands at the
                                         top right of every page instead of at the foot (all
                                         page furniture, optional)
    <p role="…">                         a paragraph; roles are listed in ROLES
    <ul><li>                             a bullet list
    <a>https://…</a>                     inside a <p>, <li>, <th> or <td>: a web address in
                                         the text (http or https), a link in every writer
    <a href="https://…">name</a>         there too: a link whose text is its name (a file's
                                         name, as a mail or Word pastes a link), a link to
                                         the address in every writer; the PDF, which cannot
                                         be clicked, prints the address at the foot of the
                                         page the name stands on
    <section letter="a">                 a lettered section (a–f)
    <blockquote><p>                      quoted text, e.g. a tekstanmærkning
    <table><col kind="label|amount"/>    a table; <thead>/<tbody> of <tr level="n">
           <th|td span="n">              with text cells; <tr total="true"> is a total row
           <caption> <unit> <note>       an own table's caption ("Tabel 1. …") and unit line
                                         above it, its notes ("Anm.: …", "Kilde: …") below;
                                         <table indent="text"> is set at the body text's
                                         indent, as a section's tables are (an agenda's parts)

Paragraph text is whitespace-normalised (the template's indentation is
not content); non-breaking spaces are kept.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from lxml import etree

ROLES = frozenset({
    "body",       # running text
    "masthead",   # the document's session alone, top right (no designation yet)
    "designation",  # the document's designation ("Aktstykke nr. 283"), heading page one
    "session",    # the session under it ("Folketinget 2020-21")
    "number",     # the number (or letter) standing large on its own beside the head
    "headnote",   # a line under the head: decided on, confidential, confidentiality lifted
    "lead",       # the sender line that opens the document
    "heading",    # a short heading inside a section
    "contents",   # the heading of a contents list, which opens a page of its own
    "dateline",   # place and date at the close
    "signature",  # a signatory
    "addressee",  # who the document is sent to
    "decision",   # the recipient's decision, added once decided
    "remark",     # a remark added to the decision (påtegning)
    "subheading", # a heading inside a section's text, a real heading in every writer
    "annex",      # a bilag's heading ("Bilag 1. Titel"), on a page of its own
    "item",       # a numbered item's heading ("3 (Offentlig) Titel"), on a page of its own
    "item-stub",  # an item shown by its heading alone ("6 (Fortrolig)"), under the one before
    "byline",     # a line under an item's heading: who is responsible, the case number
    "part",       # a named part of an item ("Resumé", "Indstilling"), a heading below "item"
    "subpart",    # a heading inside a part, one level below "part"
    "link",       # a web address on a line of its own (http or https), a link in every writer
    "named-link", # a link's address closing the part whose text names it (<a href>): as "link"
                  # in the DOCX and the text; the PDF has it at the foot of the name's page
})


# The word a draft is marked with on every page; it is never part of the text.
DRAFT_MARK = "UDKAST"
# The word on every page of a confidential edition that holds confidential content; likewise
# page furniture, never text.
CONFIDENTIAL_MARK = "FORTROLIGT"


class Revised(str):
    """Text marked against an earlier version: each segment unchanged, inserted or deleted, or
    moved away from here ("moveFrom") or to here ("moveTo").

    It reads as the new text wherever a plain string is expected, so every writer can
    show it; the DOCX writer alone turns the segments into Word's tracked changes. Made
    by `redline.py`, never by a template.
    """

    segments: tuple[tuple[str | None, str], ...]   # (None | "ins" | "del" | "moveFrom" | "moveTo", text)
    whole: str | None                              # the change, when all of it is one
    move: int | None                               # which move, on both of its ends
    # The address each segment links to, each a whole link of its version (None: not a link;
    # empty: none is): a link inserted or deleted stays a link, its text the tracked change.
    links: tuple[str | None, ...]

    def __new__(cls, segments: tuple[tuple[str | None, str], ...],
                whole: str | None = None, move: int | None = None,
                links: tuple[str | None, ...] = ()) -> Revised:
        text = super().__new__(cls, "".join(t for change, t in segments if change not in GONE))
        text.segments, text.whole, text.move = segments, whole, move
        text.links = links if any(links) else ()
        return text

    def pieces(self) -> list[tuple[str | None, str, str | None]]:
        """The segments in order, each with the address it links to (None: not a link)."""
        flags = self.links or (None,) * len(self.segments)
        return [(change, part, link) for (change, part), link in zip(self.segments, flags,
                                                                       strict=True)]


# The changes whose text is not in the new version.
GONE = frozenset({"del", "moveFrom"})


Named = tuple[tuple[int, int, str], ...]   # (start, end, address) of each named link


class Linked(str):
    """Text holding web addresses, each a link: `links` are their (start, end) in the text;
    `named` the links whose text is a name, not the address, with the address each links to.

    It reads as the plain text wherever a string is expected (the text output shows the
    address, or the name); the HTML and DOCX writers make each span a link. A redline marks
    a named link's text as text (`pieces` gives the links that spell their address). Made by
    `parse` from a template's <a>, never from spec text."""

    links: tuple[tuple[int, int], ...]
    named: Named

    def __new__(cls, text: str, links: tuple[tuple[int, int], ...], named: Named = ()) -> Linked:
        linked = super().__new__(cls, text)
        linked.links, linked.named = links, named
        return linked

    def __reduce__(self) -> tuple[type[Linked], tuple[str, tuple[tuple[int, int], ...], Named]]:
        return Linked, (str(self), self.links, self.named)

    # The same text naming a link to another address is another text (a redline marks it);
    # an address spells itself, so the text alone says where its links go.
    def __eq__(self, other: object) -> bool:
        return str.__eq__(self, other) is True and self.named == getattr(other, "named", ())

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def spans(self) -> list[tuple[str, str | None]]:
        """The text in order, each piece with the address it links to (None: not a link)."""
        starts = sorted([(start, end, self[start:end]) for start, end in self.links]
                        + list(self.named))
        found: list[tuple[str, str | None]] = []
        at = 0
        for start, end, address in starts:
            if start > at:
                found.append((self[at:start], None))
            found.append((self[start:end], address))
            at = end
        if at < len(self):
            found.append((self[at:], None))
        return found

    def pieces(self) -> list[tuple[str, bool]]:
        """The text in order, each piece with whether it is a link."""
        found, at = [], 0
        for start, end in self.links:
            if start > at:
                found.append((self[at:start], False))
            found.append((self[start:end], True))
            at = end
        if at < len(self):
            found.append((self[at:], False))
        return found


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1
    # In a redline of a table whose columns changed: the columns the cell spanned in OLD, where
    # that differs (a heading over the years, one year more). Made by `redline.py` alone.
    span_before: int | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    level: int = 0
    total: bool = False   # a total row: set bold


@dataclass(frozen=True)
class Table:
    """Columns are "label" or "amount"; body rows come in groups kept on one page."""

    columns: tuple[str, ...]
    head: tuple[Row, ...]
    groups: tuple[tuple[Row, ...], ...]
    caption: str = ""
    unit: str = ""
    notes: tuple[str, ...] = ()
    indented: bool = False   # at the body text's indent, as narrow as a section's table
    # In a redline: OLD's columns, where they differ from these (a finansår added or removed);
    # OLD's rows, wholly deleted, are laid out on them. Made by `redline.py` alone.
    columns_before: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[Paragraph, ...]


Block = Paragraph | BulletList | Table | Quote


@dataclass(frozen=True)
class Section:
    letter: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    author: str
    date: datetime.date
    body: tuple[Block | Section, ...]
    draft: bool = False
    running: str = ""   # the running line on every page after the first: furniture
    code: str = ""      # the document code at the foot of page one: furniture
    # The confidential edition of a document with confidential content: writers add the
    # FORTROLIGT mark on every page. Set by the pipeline from the edition, not by a template.
    confidential: bool = False
    folio: str = ""     # the word before the page number at the top right ("Side"): furniture


class TemplateOutputError(ValueError):
    """The template produced something outside the vocabulary: a bug in the template."""


_SPACE = re.compile(r"[ \t\r\n]+")
WEB_ADDRESS = re.compile(r"https?://[^\s\"<>]+")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_comments=True, huge_tree=False)


def parse(xml: str) -> Document:
    try:
        root = etree.fromstring(xml.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        raise TemplateOutputError(f"template output is not well-formed: {error}") from None
    _expect(root, "document")
    status = root.get("status", "endelig")
    if status not in ("udkast", "endelig"):
        raise TemplateOutputError(f"unknown document status {status!r}")
    return Document(
        lang=root.get("lang", "da"), title=root.get("title", ""), author=root.get("author", ""),
        date=datetime.date.fromisoformat(root.get("date", "")),
        body=tuple(_section(e) if e.tag == "section" else _block(e) for e in root),
        draft=status == "udkast", running=_SPACE.sub(" ", root.get("running", "")).strip(),
        code=root.get("code", "").strip(), folio=root.get("folio", "").strip())


def _expect(element: etree._Element, *tags: str) -> None:
    if element.tag not in tags:
        raise TemplateOutputError(f"<{element.tag}> where {' or '.join(tags)} was expected")


def _text(element: etree._Element) -> str:
    if not len(element):
        return _SPACE.sub(" ", element.text or "").strip()
    if element.tag not in ("p", "li", "th", "td"):
        raise TemplateOutputError(f"<{element.tag}> may hold text only")
    return _linked(element)


def _linked(element: etree._Element) -> Linked:
    """Text with <a> web addresses in it: each address a link, the rest whitespace-normalised
    as any paragraph's text."""
    pieces: list[tuple[str, str | None]] = [(_SPACE.sub(" ", element.text or ""), None)]
    for link in element:
        _expect(link, "a")
        pieces += [_link(link), (_SPACE.sub(" ", link.tail or ""), None)]
    pieces[0] = (pieces[0][0].lstrip(), None)
    pieces[-1] = (pieces[-1][0].rstrip(), None)
    text, links, named = "", [], []
    for piece, address in pieces:
        if address == piece:
            links.append((len(text), len(text) + len(piece)))
        elif address:
            named.append((len(text), len(text) + len(piece), address))
        text += piece
    return Linked(text, tuple(links), tuple(named))


def _link(link: etree._Element) -> tuple[str, str]:
    """An <a>'s text and the address it links to: its own text, or its href's."""
    text = _SPACE.sub(" ", link.text or "").strip()
    address = link.get("href", text)
    if len(link) or set(link.attrib) - {"href"} or not text \
            or not WEB_ADDRESS.fullmatch(address):
        raise TemplateOutputError(f"an <a> holds one web address or names one, not {text!r}")
    return text, address


def _section(element: etree._Element) -> Section:
    return Section(element.get("letter", ""), tuple(_block(e) for e in element))


def _block(element: etree._Element) -> Block:
    _expect(element, "p", "ul", "table", "blockquote")
    if element.tag == "p":
        return _paragraph(element)
    if element.tag == "ul":
        for item in element:
            _expect(item, "li")
        return BulletList(tuple(_text(item) for item in element))
    if element.tag == "blockquote":
        return Quote(tuple(_paragraph(p) for p in element))
    return _table(element)


def _paragraph(element: etree._Element) -> Paragraph:
    _expect(element, "p")
    role = element.get("role", "body")
    if role not in ROLES:
        raise TemplateOutputError(f"unknown paragraph role {role!r}")
    text = _text(element)
    if role in ("link", "named-link") and not WEB_ADDRESS.fullmatch(text):
        raise TemplateOutputError(f"a link paragraph holds one web address, not {text!r}")
    return Paragraph(text, role)


def _table(element: etree._Element) -> Table:
    columns: list[str] = []
    head: list[Row] = []
    groups: list[tuple[Row, ...]] = []
    texts: dict[str, list[str]] = {"caption": [], "unit": [], "note": []}
    for part in element:
        _expect(part, "col", "thead", "tbody", "caption", "unit", "note")
        if part.tag in texts:
            texts[part.tag].append(_text(part))
        elif part.tag == "col":
            kind = part.get("kind", "label")
            if kind not in ("label", "amount"):
                raise TemplateOutputError(f"unknown column kind {kind!r}")
            columns.append(kind)
        elif part.tag == "thead":
            head.extend(_row(r) for r in part)
        else:
            groups.append(tuple(_row(r) for r in part))
    for row in [*head, *(r for g in groups for r in g)]:
        if sum(c.span for c in row.cells) != len(columns):
            raise TemplateOutputError("a table row does not fill the table's columns")
    if len(texts["caption"]) > 1 or len(texts["unit"]) > 1:
        raise TemplateOutputError("a table has one caption and one unit line at most")
    indent = element.get("indent")
    if indent not in (None, "text"):
        raise TemplateOutputError(f"unknown table indent {indent!r}")
    return Table(tuple(columns), tuple(head), tuple(groups), "".join(texts["caption"]),
                 "".join(texts["unit"]), tuple(texts["note"]), indented=indent == "text")


def _row(element: etree._Element) -> Row:
    _expect(element, "tr")
    cells = []
    for cell in element:
        _expect(cell, "td", "th")
        cells.append(Cell(_text(cell), int(cell.get("span", "1"))))
    return Row(tuple(cells), int(element.get("level", "0")), element.get("total") == "true")
