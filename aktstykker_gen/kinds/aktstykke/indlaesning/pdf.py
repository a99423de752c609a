"""A PDF's content back into the document tree (document.py), so that the text writer lays it
out as the canonical text the import reads, as docx_tree.py does for a DOCX.

A tagged PDF (ours: PDF/UA) says what each piece of text is: its structure tree has the
sections, paragraphs, lists with their labels, the quotation and the tables with their header
and data cells, and what is page furniture is an artifact, outside it. That tree is read here,
through the bounded reader (pdf_text.py), and what WeasyPrint split at a page break (a
section, a paragraph, a list, a table, each one element a page) is joined again. A PDF
without a structure tree (an office program's export) is laid out by position (pdf_linjer.py).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aktstykker_gen import limits
from aktstykker_gen.bounded import UNREADABLE, refusal
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
from aktstykker_gen.kinds.aktstykke.indlaesning.pdf_indhold import Run, page_runs

_ELEMENTS = 1000 * limits.PDF_PAGES   # structure elements read at most: a hostile tree's
_DEPTH = 64                           # our deepest is Document/Sect/Div/Table/TBody/TR/TD/Span
# tr.level-n td.label { padding-left: 6n mm } (templates/aktstykke/aktstykke.css), in points.
_LEVEL_STEP = 6 / 25.4 * 72
_TRANSPARENT = ("/Document", "/Part", "/Art", "/NonStruct", "/Div")
_HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")
# A line that ends "Indenrigs-" before one that opens "og" was broken at a space; before any
# other word, inside a word ("sundheds-it"), where a hyphen lets the line break.
_SPACED_AFTER_HYPHEN = re.compile(r"^(?:og|eller|samt|til|men|som|at|i|på|for)\b")
_ENDS_SENTENCE = re.compile(r"[.:;!?)»\"]$")


@dataclass
class Element:
    """A structure element: its type, its section letter (/T), its cell span, and its kids in
    order (elements and the runs of its marked content), with the page it stands on."""

    tag: str
    page: int
    title: str = ""
    span: int = 1
    kids: list[Element | Run] = field(default_factory=list)


def pdf_tree(path: Path) -> tuple[Document, str | None]:
    """The tree and the document's title (its information dictionary's), read within
    pdf_text's bounds."""
    from aktstykker_gen.pdf_text import read_pdf

    root, runs, title = read_pdf(path, lambda reader, pages: _read(path, reader, pages))
    if root is None:
        from aktstykker_gen.kinds.aktstykke.indlaesning.pdf_linjer import laid_out

        body = laid_out(runs)
    else:
        body = _body(root)
    return Document("da", title or "", "", datetime.date(2000, 1, 1), tuple(body)), title


def _read(path: Path, reader: Any, pages: list[Any]) -> tuple[Element | None, list[list[Run]],
                                                               str | None]:
    runs = [page_runs(page) for page in pages]
    metadata = reader.metadata
    title = str(metadata.title) if metadata is not None and metadata.title else None
    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    if tree is None:
        return None, runs, title
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(pages)
               if page.indirect_reference is not None}
    marked: dict[tuple[int, int], list[Run]] = {}
    for number, page in enumerate(runs):
        for run in page:
            if run.mcid is not None:
                marked.setdefault((number, run.mcid), []).append(run)
    walk = _Walk(path, numbers, marked)
    root = walk.element(tree.get_object(), 0, 0)
    return (root if walk.found else None), runs, title


class _Walk:
    """The structure tree into Elements, each element once, within _ELEMENTS and _DEPTH."""

    def __init__(self, path: Path, numbers: dict[int, int],
                 marked: dict[tuple[int, int], list[Run]]) -> None:
        self.path, self.numbers, self.marked = path, numbers, marked
        self.seen: set[int] = set()
        self.found = 0   # runs placed

    def element(self, node: Any, page: int, depth: int) -> Element:
        if depth > _DEPTH or len(self.seen) > _ELEMENTS:
            raise refusal(self.path, UNREADABLE, "PDF'ens struktur er for dyb eller for stor",
                          limits.PDF_HINT)
        page = self._page(node.get("/Pg"), page)
        attributes = resolved(node.get("/A"))
        span = attributes.get("/ColSpan", 1) if hasattr(attributes, "get") else 1
        found = Element(str(node.get("/S", "")), page, str(node.get("/T", "")),
                        span if isinstance(span, int) and 0 < span < 1000 else 1)
        kids = resolved(node.get("/K"))
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            reference = getattr(kid, "idnum", None)
            kid = resolved(kid)
            if isinstance(kid, int):
                found.kids.extend(self._runs(page, kid))
            elif hasattr(kid, "get") and kid.get("/Type") == "/MCR":
                mcid = kid.get("/MCID")
                if isinstance(mcid, int):
                    found.kids.extend(self._runs(self._page(kid.get("/Pg"), page), mcid))
            elif hasattr(kid, "get") and "/S" in kid:
                if reference is not None:
                    if reference in self.seen:
                        continue   # a cycle, or an element twice: read once
                    self.seen.add(reference)
                found.kids.append(self.element(kid, page, depth + 1))
        return found

    def _page(self, reference: Any, default: int) -> int:
        return self.numbers.get(getattr(reference, "idnum", -1), default)

    def _runs(self, page: int, mcid: int) -> list[Run]:
        runs = self.marked.get((page, mcid), [])
        self.found += len(runs)
        return runs


def resolved(value: Any) -> Any:
    """The object an indirect reference refers to; any other value as it is."""
    return value.get_object() if hasattr(value, "get_object") else value


def text(element: Element) -> str:
    """The element's text: runs on one line as drawn, lines joined as the writer broke them."""
    return join_lines(list(_runs(element)))


def join_lines(runs: list[Run]) -> str:
    lines: list[list[str]] = []
    last: Run | None = None
    for run in runs:
        if last is not None and abs(run.y - last.y) < 0.5 and run.x >= last.x:
            lines[-1].append(run.text)
        else:
            lines.append([run.text])
        last = run
    return join_all(["".join(line) for line in lines])


def join_all(lines: list[str]) -> str:
    """Lines of one paragraph as one text, each break as join_two makes it (in linear time:
    a hostile paragraph may have many thousand lines)."""
    parts: list[str] = []
    for line in lines:
        if parts and parts[-1]:
            parts.append(join_two(parts[-1], line)[len(parts[-1]):])
        else:
            parts.append(line)
    return "".join(parts)


def join_two(before: str, after: str) -> str:
    """Two lines of one paragraph as one: a space where the line was broken, none after a
    slash or inside a hyphenated word."""
    if not before:
        return after
    if before.endswith("/"):
        return before + after
    if re.search(r"\w-$", before) and not _SPACED_AFTER_HYPHEN.match(after):
        return before + after
    return f"{before} {after}"


def _runs(element: Element) -> Any:
    for kid in element.kids:
        if isinstance(kid, Run):
            yield kid
        else:
            yield from _runs(kid)


@dataclass
class Piece:
    """A block read from one page's element, with what the join at a page break needs."""

    block: Block
    page: int
    continued: bool = False   # a list whose first item goes on from the previous page
    last_end: float = 0.0     # a paragraph's: where its last line ends
    opening: float = 0.0      # and how wide its first word is, with the space before it


def _paragraph_piece(element: Element, role: str = "body") -> Piece:
    runs = list(_runs(element))
    return Piece(Paragraph(join_lines(runs), role), element.page,
                 last_end=runs[-1].end if runs else 0.0,
                 opening=opening_width(runs[0]) if runs else 0.0)


def opening_width(run: Run) -> float:
    """About how wide the run's first word is, with a space: its share of the run's width."""
    if not run.text:
        return 0.0
    word = run.text.split(" ", 1)[0]
    return (run.end - run.x) * (len(word) + 1) / len(run.text)


def _body(root: Element) -> list[Block | Section]:
    right = max((run.end for run in _runs(root)), default=0.0)   # the text's right edge
    body: list[Block | Section] = []
    pieces: list[Piece] = []     # the open section's
    letter = ""
    for element in _top(root):
        if element.tag == "/Sect":
            if pieces and element.title == letter:   # the section goes on, on a new page
                extend(pieces, _blocks(element, right), right)
                continue
            if pieces:
                body.append(Section(letter, tuple(p.block for p in pieces)))
            letter, pieces = element.title, _opening(element.title, _blocks(element, right))
            continue
        if pieces:
            body.append(Section(letter, tuple(p.block for p in pieces)))
            pieces, letter = [], ""
        body.extend(p.block for p in _blocks_of(element, right))
    if pieces:
        body.append(Section(letter, tuple(p.block for p in pieces)))
    return body


def _top(element: Element) -> Any:
    """The document's top-level elements: sections and the blocks outside them."""
    for kid in element.kids:
        if isinstance(kid, Element):
            if kid.tag in _TRANSPARENT and not _holds_table(kid):
                yield from _top(kid)
            else:
                yield kid


def _holds_table(element: Element) -> bool:
    return any(isinstance(k, Element) and k.tag == "/Table" for k in element.kids)


def _opening(letter: str, pieces: list[Piece]) -> list[Piece]:
    """The section's blocks without its letter: it opens the first paragraph's text, or
    stands in a paragraph of its own when the section opens with a table or a list."""
    if pieces and isinstance(pieces[0].block, Paragraph):
        first = pieces[0].block
        rest = first.text.removeprefix(f"{letter}.").lstrip(" \u2003\t")
        if rest == first.text:
            return pieces
        if not rest:
            return pieces[1:]
        return [replace(pieces[0], block=Paragraph(rest, first.role)), *pieces[1:]]
    return pieces


def _blocks(section: Element, right: float) -> list[Piece]:
    found: list[Piece] = []
    for kid in section.kids:
        if isinstance(kid, Element):
            extend(found, _blocks_of(kid, right), right)
    return found


def _blocks_of(element: Element, right: float) -> list[Piece]:
    tag = element.tag
    if tag == "/P":
        return [_paragraph_piece(element)]
    if tag in _HEADINGS:
        return [_paragraph_piece(element, "subheading")]
    if tag == "/L":
        items = [k for k in element.kids if isinstance(k, Element) and k.tag == "/LI"]
        texts = [text(_without_label(item)) for item in items]
        labelled = bool(items) and any(isinstance(k, Element) and k.tag == "/Lbl"
                                       for k in items[0].kids)
        return [Piece(BulletList(tuple(texts)), element.page, continued=not labelled)]
    if tag == "/BlockQuote":
        paragraphs = _blocks(element, right)
        return [Piece(Quote(tuple(p.block for p in paragraphs
                                   if isinstance(p.block, Paragraph))), element.page)]
    if tag == "/Table" or (tag == "/Div" and _holds_table(element)):
        return [Piece(_table(element), element.page)]
    if tag in _TRANSPARENT:
        return _blocks(element, right)
    written = text(element)
    return [Piece(Paragraph(written), element.page)] if written else []


def _without_label(item: Element) -> Element:
    return Element(item.tag, item.page, kids=[k for k in item.kids
                                              if not (isinstance(k, Element) and k.tag == "/Lbl")])


def extend(pieces: list[Piece], more: list[Piece], right: float = float("inf")) -> None:
    """`more` after `pieces`; the first of them joined to the last when it goes on from the
    previous page. `right` is the text's right edge (infinite where it is not known)."""
    for piece in more:
        last = pieces[-1] if pieces else None
        joined = _joined(last, piece, right) if last is not None and piece.page > last.page else None
        if joined is not None and last is not None:
            pieces[-1] = Piece(joined, piece.page)
        else:
            pieces.append(piece)


def _joined(last: Piece, piece: Piece, right: float) -> Block | None:
    """The block that `last` and `piece` were before a page break split it, or None."""
    a, b = last.block, piece.block
    if isinstance(a, Table) and isinstance(b, Table) and (not b.head or b.head == a.head):
        return Table(a.columns if len(a.columns) >= len(b.columns) else b.columns, a.head,
                     a.groups + b.groups, a.caption, a.unit, a.notes + b.notes, a.indented)
    if isinstance(a, BulletList) and isinstance(b, BulletList):
        if piece.continued and a.items and b.items:
            return BulletList((*a.items[:-1], join_two(a.items[-1], b.items[0]), *b.items[1:]))
        return BulletList(a.items + b.items)
    if isinstance(a, Quote) and isinstance(b, Quote) and a.paragraphs and b.paragraphs:
        first, then = a.paragraphs[-1], b.paragraphs[0]
        if goes_on(first.text, then.text):
            middle = (Paragraph(join_two(first.text, then.text)),)
            return Quote(a.paragraphs[:-1] + middle + b.paragraphs[1:])
        return Quote(a.paragraphs + b.paragraphs)
    if isinstance(a, Paragraph) and isinstance(b, Paragraph) and a.role == b.role == "body" \
            and last.last_end + piece.opening > right - 1 and goes_on(a.text, b.text):
        # the last line had no room for the next word, and its text does not end there
        return Paragraph(join_two(a.text, b.text))
    return None


def goes_on(before: str, after: str) -> bool:
    """Whether a paragraph that ends a page goes on at the top of the next: it ends no
    sentence, or the next page opens in the middle of one."""
    return not _ENDS_SENTENCE.search(before) or after[:1].islower()


def _table(element: Element) -> Table:
    """A table, with an own table's caption and unit (the paragraphs above it) and notes (those
    below it)."""
    above: list[str] = []
    below: list[str] = []
    table: Element | None = None
    if element.tag == "/Table":
        table = element
    else:
        for kid in element.kids:
            if isinstance(kid, Element) and kid.tag == "/Table":
                table = kid
            elif isinstance(kid, Element):
                (below if table is not None else above).append(text(kid))
    assert table is not None
    head: list[tuple[list[Cell], float | None]] = []
    body: list[tuple[list[Cell], float | None]] = []
    for part in table.kids:
        if not isinstance(part, Element):
            continue
        rows = [part] if part.tag == "/TR" else [r for r in part.kids
                                                if isinstance(r, Element) and r.tag == "/TR"]
        for tr in rows:
            cells = [k for k in tr.kids if isinstance(k, Element) and k.tag in ("/TH", "/TD")]
            first = next(_runs(cells[0]), None) if cells else None
            row = ([Cell(text(c), c.span) for c in cells], first.x if first else None)
            (head if part.tag == "/THead" else body).append(row)
    starts = [x for _, x in head + body if x is not None]
    left = min(starts, default=0.0)

    def level(x: float | None) -> int:
        return round((x - left) / _LEVEL_STEP) if x is not None else 0

    count = max((sum(c.span for c in cells) for cells, _ in head + body), default=1)
    columns = ("label", *(["amount"] * (count - 1)))
    return Table(columns, tuple(Row(tuple(c), level(x)) for c, x in head),
                 (tuple(Row(tuple(c), level(x)) for c, x in body),),
                 above[0] if above else "", " ".join(above[1:]), tuple(below))
