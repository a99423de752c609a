"""Pages read back from a PDF's word positions, as a reader sees them: the body's lines page by
page with the page furniture removed, and where each block of the document tree lies.

Furniture is what stands in the page margins (running line, UDKAST, document code, page number:
the body's area is the stylesheet's @page margins, which the DOCX's section has too), the
draft's watermark, and the header rows a table repeats at the top of a page. The head's large
number is left out too: it repeats the designation's, and the two clients set its 40 pt frame a
few points apart, so that it falls into a line of its own in one PDF and beside the designation
in the other. Watermark and number are the only text larger than 20 pt. A named link's address
(an agenda's "Link til aftale: <file>.pdf") is left out too: our PDF prints it at the foot of
the page its name stands on, the DOCX on a line closing the item, so it is compared in neither;
the room it takes still moves every page start after it, which is compared
(tests/test_dagsorden_links.py checks where each writer puts it). Both PDFs, ours and
LibreOffice's of our DOCX, are read by this one code (pdfplumber), so that neither is measured
by its writer's memory.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conftest import require, require_tool
from textmeasure import normalise

from aktstykker_gen.document import BulletList, Document, Paragraph, Quote, Section, Table
from aktstykker_gen.writers.layout import SLACK_LINES

MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, 24 * MM    # aktstykke.css: @page { margin: 22mm 20mm 24mm 20mm }
BODY_HEIGHT = 297 * MM - TOP - BOTTOM
ROW_PITCH = 17.5                  # a one-line table row, as both PDFs set it
HEAD_ROLES = {"designation", "session", "number", "headnote", "masthead"}


@dataclass(frozen=True)
class Line:
    page: int
    top: float
    bottom: float
    text: str       # normalised (textmeasure.normalise): no whitespace, no bullet


@functools.cache
def lines(pdf: Path) -> list[list[Line]]:
    """Each page's body lines, top to bottom (words whose tops lie within 2 pt are one line);
    read once a file (pdfplumber takes a while), so callers must not change them."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            text = page.filter(lambda o: o.get("object_type") != "char" or o["size"] < 20)
            words = [w for w in text.extract_words()
                     if TOP <= (w["top"] + w["bottom"]) / 2 <= page.height - BOTTOM]
            rows: list[list[dict]] = []
            for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
                if rows and word["top"] - rows[-1][0]["top"] < 2:
                    rows[-1].append(word)
                else:
                    rows.append([word])
            pages.append([Line(number, min(w["top"] for w in row), max(w["bottom"] for w in row),
                               normalise(" ".join(w["text"] for w in
                                                  sorted(row, key=lambda w: w["x0"]))))
                          for row in rows])
    return pages


def blocks(doc: Document) -> list[tuple[str, object]]:
    """The tree's blocks in reading order, each with its kind: ("paragraph", Paragraph),
    ("item", text), ("quote", text), ("table", Table)."""
    out: list[tuple[str, object]] = []
    for part in doc.body:
        for block in (part.blocks if isinstance(part, Section) else (part,)):
            if isinstance(block, Paragraph):
                out.append(("paragraph", block))
            elif isinstance(block, BulletList):
                out.extend(("item", item) for item in block.items)
            elif isinstance(block, Quote):
                out.extend(("quote", p.text) for p in block.paragraphs)
            elif isinstance(block, Table):
                out.append(("table", block))
    return out


def row_text(row) -> str:
    return normalise(" ".join(cell.text for cell in row.cells))


def without_repeated_heads(pages: list[list[Line]], doc: Document) -> list[list[Line]]:
    """Each page but the first without the table header rows it opens with (a table's head
    repeated where it goes on; one that starts at the top of a page loses its head on both
    PDFs alike, so page starts still compare)."""
    heads = {row_text(row) for kind, t in blocks(doc) if kind == "table"
             for row in t.head} - {""}  # type: ignore[attr-defined]
    out = [pages[0]] if pages else []
    for page in pages[1:]:
        i = 0
        while i < len(page) and page[i].text in heads:
            i += 1
        out.append(page[i:])
    return out


def named_addresses(doc: Document) -> list[str]:
    """The addresses of the tree's named links, normalised, in order."""
    return [normalise(block.text) for kind, block in blocks(doc) if kind == "paragraph"
            and isinstance(block, Paragraph) and block.role == "named-link"]


def without_named_addresses(pages: list[list[Line]], doc: Document) -> list[list[Line]]:
    """The pages without the lines each named link's address stands on (the first lines, in
    order, that together spell it), wherever the writer put it."""
    flat = [line for page in pages for line in page]
    for address in named_addresses(doc):
        for i in range(len(flat)):
            spelt, j = "", i
            while j < len(flat) and address.startswith(spelt + flat[j].text) and spelt != address:
                spelt, j = spelt + flat[j].text, j + 1
            if spelt == address:
                del flat[i:j]
                break
        else:
            raise AssertionError(f"the named link's address is not in the PDF: {address[:60]!r}")
    return [[line for line in flat if line.page == page[0].page] if page else [] for page in pages]


def body(pdf: Path, doc: Document) -> list[list[Line]]:
    return without_named_addresses(without_repeated_heads(lines(pdf), doc), doc)


def text(pages: list[list[Line]]) -> str:
    return "\n".join(line.text for page in pages for line in page)


@dataclass
class Stream:
    """The body's characters in order, each with the line it stands on."""

    chars: str
    line_of: list[Line]

    @classmethod
    def of(cls, pages: list[list[Line]]) -> Stream:
        chars, line_of = [], []
        for page in pages:
            for line in page:
                chars.append(line.text)
                line_of.extend([line] * len(line.text))
        return cls("".join(chars), line_of)

    def locate(self, texts: list[str]) -> list[list[Line]]:
        """The lines each text stands on, found in order (each after the one before)."""
        found, cursor = [], 0
        for piece in texts:
            if not piece:
                found.append([])
                continue
            start = self.chars.find(piece, cursor)
            assert start >= 0, f"not found in the PDF after offset {cursor}: {piece[:60]!r}"
            end = start + len(piece)
            spanned = []
            for line in self.line_of[start:end]:
                if not spanned or spanned[-1] is not line:
                    spanned.append(line)
            found.append(spanned)
            cursor = end
        return found


def page_starts(pages: list[list[Line]]) -> list[int]:
    """The offset in the body's characters at which each page starts."""
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += sum(len(line.text) for line in page)
    return starts


def line_index(pages: list[list[Line]], offset: int) -> int:
    """The number (over the whole document) of the line the character at offset stands on."""
    seen, number = 0, 0
    for page in pages:
        for line in page:
            if offset < seen + len(line.text):
                return number
            seen += len(line.text)
            number += 1
    return number


def start_shifts(ours: list[list[Line]], theirs: list[list[Line]]) -> list[int]:
    """For each page after the first, how many of our lines lie between where our page starts
    and where theirs does (their start mapped onto our text by a character alignment)."""
    import difflib

    a, b = Stream.of(ours).chars, Stream.of(theirs).chars
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks_ = matcher.get_matching_blocks()

    def onto_ours(offset: int) -> int:
        for block in blocks_:
            if block.b <= offset < block.b + block.size:
                return block.a + offset - block.b
            if block.b > offset:
                return block.a
        return len(a)

    shifts = []
    for our_start, their_start in zip(page_starts(ours)[1:], page_starts(theirs)[1:], strict=False):
        shifts.append(line_index(ours, onto_ours(their_start)) - line_index(ours, our_start))
    return shifts


def libreoffice_pdfs(docx: list[Path], out: Path, profile: Path, env: dict[str, str]) -> None:
    """LibreOffice's PDF of each DOCX, all in one run."""
    soffice = require_tool("soffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, docx)],
                   check=True, capture_output=True, timeout=900, env=env)


def fontconfig_without_liberation_or_times(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig sees the system's fonts but for Liberation and Times
    (each other font file linked into a folder of our own), as on a machine without either."""
    fc_list = shutil.which("fc-list")
    require(fc_list is not None, "fc-list is not installed (make system-deps installs fontconfig)")
    assert fc_list is not None
    listed = subprocess.run([fc_list, "--format", "%{file}\t%{family}\n"], check=True,
                            capture_output=True, text=True).stdout.splitlines()
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for line in listed:
        file, _, family = line.partition("\t")
        if not any(name in f"{file} {family}".lower() for name in ("liberation", "times")):
            link = fonts / f"{len(list(fonts.iterdir()))}-{Path(file).name}"
            link.symlink_to(file)
    require(any(fonts.iterdir()), "no font but Liberation and Times is installed")
    config = folder / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts}</dir>'
                      f'<cachedir>{folder / "cache"}</cachedir></fontconfig>\n', encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def texts(doc: Document) -> list[tuple[str, object, list[str]]]:
    """The tree's blocks as (kind, block, normalised texts of its lines' sources): a paragraph
    or an item one text, a table its caption, unit, header rows, body rows and notes. The head's
    large number is left out, as `lines` leaves it out, and a named link's address, which our
    PDF prints out of the text's order (at the foot of a page)."""
    out: list[tuple[str, object, list[str]]] = []
    for kind, block in blocks(doc):
        if kind == "paragraph":
            assert isinstance(block, Paragraph)
            if block.role not in ("number", "named-link"):
                out.append((kind, block, [normalise(block.text)]))
        elif kind == "table":
            assert isinstance(block, Table)
            out.append((kind, block, [normalise(block.caption), normalise(block.unit),
                                      *map(row_text, block.head),
                                      *(row_text(r) for g in block.groups for r in g),
                                      *map(normalise, block.notes)]))
        else:
            out.append((kind, block, [normalise(str(block))]))
    return out


def keep_violations(pages: list[list[Line]], doc: Document) -> list[str]:
    """Where a PDF's pages (`lines`, the repeated header rows kept) break a keep rule: an
    account group split though it would fit on a page, a header row ending a page, an
    introductory paragraph not on its table's page, a table split though it would fit on a
    page, the closing block split, a paragraph leaving one line alone at a page's top or foot."""
    parts = texts(doc)
    found = iter(Stream.of(pages).locate([t for _, _, pieces in parts for t in pieces]))
    located = [(kind, block, [next(found) for _ in pieces]) for kind, block, pieces in parts]
    out: list[str] = []

    def span(found_lines: list[Line]) -> set[int]:
        return {line.page for line in found_lines}

    def height(found_lines: list[Line]) -> float:
        """The height the lines take, summed over the pages they stand on."""
        by_page: dict[int, list[Line]] = {}
        for line in found_lines:
            by_page.setdefault(line.page, []).append(line)
        return sum(max(x.bottom for x in ls) - min(x.top for x in ls) for ls in by_page.values())

    for n, (kind, block, found_) in enumerate(located):
        if kind == "table":
            assert isinstance(block, Table)
            heads = found_[2:2 + len(block.head)]   # after the caption's and the unit's
            rest = found_[2 + len(block.head):]
            rows = rest[:sum(len(g) for g in block.groups)]
            name = block.caption or " ".join(c.text for c in block.groups[0][0].cells)
            first_row = rows[0][0]
            if heads and heads[-1][-1].page != first_row.page:
                out.append(f"header row of {name!r} ends page {heads[-1][-1].page + 1}")
            everything = [line for piece in found_ for line in piece]
            head_height = height([line for piece in heads for line in piece])
            above = located[n - 1] if n else None
            intro = (above[2][0] if above and above[0] == "paragraph"
                     and isinstance(above[1], Paragraph) and above[1].role not in HEAD_ROLES
                     else [])
            if intro and span(intro) != {everything[0].page}:
                out.append(f"introductory paragraph of {name!r} on pages "
                           f"{sorted(p + 1 for p in span(intro))}, the table starts on "
                           f"{everything[0].page + 1}")
            # A split table, or group, that would have fitted on a page of its own (with its
            # header rows, and its introduction kept with it) and the room the writers leave
            # for what their count of rows does not see (layout.SLACK_LINES rows).
            room = BODY_HEIGHT - SLACK_LINES * ROW_PITCH
            if len(span(everything)) > 1 and height(everything) + height(intro) < room:
                out.append(f"table {name!r} split over pages "
                           f"{sorted(p + 1 for p in span(everything))} though it fits on one")
            start = 0
            for group in block.groups:
                group_lines = [line for piece in rows[start:start + len(group)] for line in piece]
                start += len(group)
                if len(span(group_lines)) > 1 and height(group_lines) + head_height < room:
                    out.append(f"group {' '.join(c.text for c in group[0].cells)!r} split over "
                               f"pages {sorted(p + 1 for p in span(group_lines))}")
        elif kind in ("paragraph", "item", "quote"):
            own = found_[0]
            counts = [sum(1 for line in own if line.page == p) for p in sorted(span(own))]
            if len(counts) > 1 and (counts[0] < 2 or counts[-1] < 2):
                out.append(f"{kind} {str(getattr(block, 'text', block))[:40]!r} split "
                           f"{'+'.join(map(str, counts))} lines over pages")
    closing = [line for kind, block, found_ in located if kind == "paragraph"
               and isinstance(block, Paragraph)
               and block.role in ("dateline", "signature", "addressee", "decision", "remark")
               for line in found_[0]]
    if len(span(closing)) > 1:
        out.append(f"closing block split over pages {sorted(p + 1 for p in span(closing))}")
    return out


def boundaries(pages: list[list[Line]], doc: Document) -> list[tuple[str, str]]:
    """What ends each page but the last and what opens the next: "table" (a table's line, its
    repeated header rows too), "intro" (the paragraph before a table), "closing" (place and
    date onwards) or "text" (any other paragraph or item)."""
    parts = texts(doc)
    found = iter(Stream.of(pages).locate([t for _, _, pieces in parts for t in pieces]))
    owner: dict[int, str] = {}
    for i, (kind, block, pieces) in enumerate(parts):
        role = getattr(block, "role", "")
        name = ("table" if kind == "table" else
                "closing" if role in ("dateline", "signature", "addressee", "decision", "remark")
                else "intro" if i + 1 < len(parts) and parts[i + 1][0] == "table" else "text")
        for _ in pieces:
            for line in next(found):
                owner[id(line)] = name
    return [(owner.get(id(page[-1]), "table"), owner.get(id(after[0]), "table"))
            for page, after in zip(pages, pages[1:], strict=False) if page and after]
