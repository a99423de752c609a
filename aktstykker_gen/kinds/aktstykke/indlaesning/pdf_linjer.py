"""A PDF without a structure tree (an office program's export of our DOCX) laid out by the
position of its text, into the same document tree pdf.py reads from a tagged one.

What the tags would say, the page says by where it sets things: a section's letter stands at
the left margin with its text at the section's indent; a list item's dash at that indent with
its text further in; the quotation at that further indent without a dash; a table's amounts
right-aligned at its columns' right edges, under a header set to the right; the head and the
closing block at the left margin (the signatures to the right, after the last section). Lines
of one paragraph stand one line height apart (our DOCX sets the body text on exact lines),
paragraphs and list items further; a table's rows a little further than its wrapped labels'
lines, its notes in smaller type under it.
Page numbers and a running line (smaller type in the margin above or below the page's text)
and the UDKAST and FORTROLIGT marks are furniture and are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from aktstykker_gen.document import (
    CONFIDENTIAL_MARK,
    DRAFT_MARK,
    Block,
    BulletList,
    Cell,
    Paragraph,
    Quote,
    Row,
    Section,
    Table,
)
from aktstykker_gen.kinds.aktstykke.indlaesning.egne_tabeller import heads_own_table, opens_note
from aktstykker_gen.kinds.aktstykke.indlaesning.pdf import (
    Piece,
    extend,
    join_all,
    opening_width,
)
from aktstykker_gen.kinds.aktstykke.indlaesning.pdf_indhold import Run

_AMOUNT = re.compile(r"^(?:-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-)$")
_LETTER = re.compile(r"^[a-f]\.$")
_MARK = re.compile(rf"^(?:{DRAFT_MARK}|{CONFIDENTIAL_MARK})+$")
_DASH = "–"
_CELL_GAP = 8.0     # points: runs farther apart on a line are cells of a table
_STEP = 17.0        # points: a table level's indent and the list text's (6 mm)
_LINE = 15.2 / 11.5  # our DOCX's body text: 11,5 pt type on exact lines of 15,2 pt (styles.xml)
_NOTE_GAP = 1.9     # line heights: a table's note at most this far from the text beside it
_COLUMNS = 63       # a table's amount columns at most, as a DOCX's (a hostile page: no more)


@dataclass
class _Line:
    page: int
    y: float
    runs: list[Run]

    @property
    def x(self) -> float:
        return self.runs[0].x

    @property
    def text(self) -> str:
        return _joined(self.runs)


def laid_out(pages: list[list[Run]]) -> list[Block | Section]:
    """The blocks and sections of the pages' runs (pdf_indhold.py), in reading order."""
    lines = _without_furniture([_lines(number, runs) for number, runs in enumerate(pages)])
    if not lines:
        return []
    return _Reader(lines).body()


def _lines(page: int, runs: list[Run]) -> list[_Line]:
    """The page's runs by baseline, top to bottom, each line's runs left to right."""
    found: list[_Line] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if found and abs(found[-1].y - run.y) < 1.0:
            found[-1].runs.append(run)
        else:
            found.append(_Line(page, run.y, [run]))
    for line in found:
        line.runs.sort(key=lambda r: r.x)
    return found


def _without_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """Every line but the marks (letter-spaced or not) and the lines in a smaller type above
    or below the page's text (a page number, a running line, a header or footer). A line every
    page repeats is no furniture by that alone: a table's header row stands on every page the
    table goes on. Nor are a table's notes that end one page or open the next."""
    sizes = Counter(round(run.size, 1) for page in pages for line in page for run in line.runs)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    unmarked = [[line for line in page if not _MARK.match(line.text.replace(" ", ""))]
                for page in pages]
    frames = [_frame(page, body) for page in unmarked]
    # Where the pages' text starts: a note that opens a page stands there too, the furniture
    # above it in the margin.
    start = Counter(round(top, 1) for top, _ in frames).most_common(1)[0][0] - body \
        if frames else 0.0
    kept: list[_Line] = []
    for lines, (top, bottom) in zip(unmarked, frames, strict=True):
        below = _close_to_text([ln for ln in lines if ln.y >= bottom], bottom, body)
        kept += [line for line in lines if not _small(line, body) or top < line.y < bottom
                 or line in below or start <= line.y <= top]
    return kept


def _frame(lines: list[_Line], body: float) -> tuple[float, float]:
    """The baselines of the page's first and last line of text in the body's type."""
    text = [line.y for line in lines if not _small(line, body)]
    return min(text, default=0.0), max(text, default=0.0)


def _close_to_text(lines: list[_Line], edge: float, body: float) -> list[_Line]:
    """Of the lines under the page's text, from its last line down, those that follow on from
    it: a table's notes that end the page, each at most _NOTE_GAP line heights under the line
    before it; the furniture stands off in the margin."""
    near, last, close = _NOTE_GAP * body * _LINE, edge, []
    for line in lines:
        if line.y - last > near:
            break
        close.append(line)
        last = line.y
    return close


def _small(line: _Line, body: float) -> bool:
    return all(run.size < body - 1 for run in line.runs)


def _joined(runs: list[Run]) -> str:
    """A line's runs as one text: a space where the page leaves one between two runs (an
    office program sets a non-breaking space as a gap)."""
    out = ""
    last: Run | None = None
    for run in runs:
        if last is not None and run.x - last.end > 1.0 and not out.endswith(" ") \
                and not run.text.startswith(" "):
            out += " "
        out += run.text
        last = run
    return out.strip()


def _captioned(table: Table, pieces: list[Piece], page: int) -> Table:
    """The table with an own table's caption and unit line, the two paragraphs right above it
    on its page, taken out of the text's pieces."""
    above = pieces[-2:]
    if len(above) == 2 and all(isinstance(p.block, Paragraph) and p.page == page for p in above):
        caption, unit = (p.block.text for p in above if isinstance(p.block, Paragraph))
        if heads_own_table(caption, unit):
            del pieces[-2:]
            return dataclasses.replace(table, caption=caption, unit=unit)
    return table


def _cells(runs: list[Run]) -> list[list[Run]]:
    """A line's runs grouped into cells: a gap wider than a space's parts them."""
    cells: list[list[Run]] = []
    for run in runs:
        if cells and run.x - cells[-1][-1].end <= _CELL_GAP:
            cells[-1].append(run)
        else:
            cells.append([run])
    return cells


class _Reader:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        sizes = Counter(round(run.size, 1) for line in lines for run in line.runs)
        self.size = sizes.most_common(1)[0][0]   # the body text's
        self.left = min(line.x for line in lines)
        self.right = max(line.runs[-1].end for line in lines)
        # The line height: our DOCX sets the body text on exact lines, whatever program
        # exports it; a page read for its spacings would mistake, in a text of short
        # paragraphs, a caption and its unit line or two signatures for lines of one paragraph.
        self.height = self.size * _LINE
        # The section's indent: where the text after a section's letter starts.
        inner = Counter(round(line.runs[1].x) for line in lines if self._opens(line)) or \
            Counter(round(line.x) for line in lines if line.x > self.left + 5)
        self.indent = float(inner.most_common(1)[0][0]) if inner else self.left

    def body(self) -> list[Block | Section]:
        body: list[Block | Section] = []
        pieces: list[Piece] = []
        letter = ""
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if self._opens(line):
                if letter:
                    body.append(Section(letter, tuple(p.block for p in pieces)))
                letter, pieces = line.runs[0].text.strip()[0], []
                line = _Line(line.page, line.y, line.runs[1:])
            elif letter and line.x < self.indent - 5:
                body.append(Section(letter, tuple(p.block for p in pieces)))
                letter, pieces = "", []
            if not letter and self._dashed(line):   # a list outside the sections (a bilag's)
                item = _Line(line.page, line.y, line.runs[1:]).text
                texts = [item]
                while self._follows(i, 1.1) and not self._dashed(self.lines[i + 1]) \
                        and self.lines[i + 1].x > line.x + 5:
                    i += 1
                    texts.append(self.lines[i].text)
                written = join_all(texts)
                last_block = body[-1] if body else None
                if isinstance(last_block, BulletList):
                    body[-1] = BulletList((*last_block.items, written))
                else:
                    body.append(BulletList((written,)))
                i += 1
                continue
            if not letter:   # the head and the closing block: a paragraph of wrapped lines
                texts = [line.text]
                while self._follows(i, 1.1) and abs(self.lines[i + 1].x - line.x) < 1:
                    i += 1
                    texts.append(self.lines[i].text)
                written = join_all(texts)
                body.append(Paragraph(written))
                i += 1
                continue
            if self._heads_table(line):
                table, i = self._table(i, line)
                extend(pieces, [Piece(_captioned(table, pieces, line.page), line.page)],
                       self.right)
                continue
            i = self._text(i, line, pieces)
        if letter:
            body.append(Section(letter, tuple(p.block for p in pieces)))
        return body

    def _heads_table(self, line: _Line) -> bool:
        """Whether the line is a table's header: set to the right of the text."""
        return line.x > self.indent + 150

    @staticmethod
    def _dashed(line: _Line) -> bool:
        return line.runs[0].text.strip() == _DASH and len(line.runs) > 1

    def _opens(self, line: _Line) -> bool:
        """Whether the line opens a section: its letter at the left margin, text after it."""
        return bool(_LETTER.match(line.runs[0].text.strip())) and len(line.runs) > 1 \
            and abs(line.x - self.left) < 2

    def _follows(self, i: int, factor: float) -> bool:
        """Whether the line after the i-th stands on its page at most `factor` line heights
        below it."""
        if i + 1 >= len(self.lines):
            return False
        a, b = self.lines[i], self.lines[i + 1]
        return a.page == b.page and b.y - a.y <= factor * self.height

    def _text(self, i: int, line: _Line, pieces: list[Piece]) -> int:
        """A paragraph, a list item or a quoted paragraph from the i-th line on; the next
        line's index."""
        gap = self._gap_before(i)
        dash = line.runs[0].text.strip() == _DASH and len(line.runs) > 1
        first = _Line(line.page, line.y, line.runs[1:]) if dash else line
        texts = [first.text]
        opening = opening_width(first.runs[0])
        while self._follows(i, 1.1) and not self._starts_block(i + 1):
            i += 1
            texts.append(self.lines[i].text)
        last_end = self.lines[i].runs[-1].end
        written = join_all(texts)
        last = pieces[-1] if pieces else None
        close = last is not None and last.page == line.page and gap <= 1.45 * self.height
        block: Block
        if dash:
            if last is not None and isinstance(last.block, BulletList) and close:
                pieces[-1] = Piece(BulletList((*last.block.items, written)), line.page)
                return i + 1
            block = BulletList((written,))
        elif line.x > self.indent + _STEP / 2:
            if last is not None and isinstance(last.block, Quote) and \
                    (close or last.page != line.page):
                paragraphs = (*last.block.paragraphs, Paragraph(written))
                pieces[-1] = Piece(Quote(paragraphs), line.page)
                return i + 1
            block = Quote((Paragraph(written),))
        else:
            block = Paragraph(written)
        extend(pieces, [Piece(block, line.page, last_end=last_end, opening=opening)], self.right)
        return i + 1

    def _starts_block(self, i: int) -> bool:
        line = self.lines[i]
        return (line.runs[0].text.strip() == _DASH and len(line.runs) > 1) \
            or line.x < self.indent - 5 or line.x > self.indent + 150

    def _gap_before(self, i: int) -> float:
        """How far the i-th line stands below the line before it on its page (0 at the top)."""
        line, before = self.lines[i], self.lines[i - 1] if i > 0 else None
        return line.y - before.y if before is not None and before.page == line.page else 0.0

    def _table(self, i: int, header: _Line) -> tuple[Table, int]:
        """The table whose header is the i-th line: its lines down to the last one with an
        amount, each row's label wrapped over lines at most one line height apart."""
        region = [header]
        end = i
        j = i
        while self._follows(j, 1.9):
            j += 1
            line = self.lines[j]
            # The rows end at the section's margin, at the notes (in smaller type) and at the
            # next table's header.
            if line.x < self.indent - 5 or _small(line, self.size) or \
                    (end > i and self._heads_table(line)):
                break
            region.append(line)
            if any(_AMOUNT.match(_joined(c)) for c in _cells(line.runs)[1:]):
                end = j
        region = region[:end - i + 1]
        heads = [r for r in region if r.x > self.indent + 20]
        head_count = 0
        while head_count < len(region) and region[head_count] in heads:
            head_count += 1
        edges = sorted({round(c[-1].end) for r in region[:head_count] for c in _cells(r.runs)}
                       | {round(c[-1].end) for r in region[head_count:]
                          for c in _cells(r.runs)[1:]})
        edges = [e for k, e in enumerate(edges) if k == 0 or e - edges[k - 1] > 3][-_COLUMNS:]

        def column(end: float) -> int:
            return min(range(len(edges)), key=lambda k: abs(edges[k] - end))

        head = [Row((Cell(""), *self._heads(_cells(r.runs), edges, k < head_count - 1)))
                for k, r in enumerate(region[:head_count])]
        rows: list[tuple[list[str], list[str], float]] = []   # label lines, amounts, x
        for k, line in enumerate(region[head_count:], start=head_count):
            cells = _cells(line.runs)
            label, rest = (cells[0], cells[1:]) if cells[0][0].x < edges[0] - 60 else ([], cells)
            amounts = [c.text for c in self._amounts(rest, edges, column)]
            wrapped = rows and label and k > head_count and \
                line.y - region[k - 1].y < 1.08 * self.height and \
                abs(label[0].x - rows[-1][2]) < 1
            if wrapped:
                rows[-1][0].append(_joined(label))
                rows[-1] = (rows[-1][0], [a or b for a, b in zip(rows[-1][1], amounts,
                                                                  strict=True)], rows[-1][2])
            else:
                rows.append(([_joined(label)] if label else [""], amounts,
                             label[0].x if label else self.indent))
        left = min((x for _, _, x in rows), default=self.indent)
        body = []
        for labels, amounts, x in rows:
            written = join_all(labels)
            body.append(Row((Cell(written), *(Cell(a) for a in amounts)),
                            round((x - left) / _STEP)))
        columns = ("label", *(["amount"] * len(edges)))
        # "Anm.: …", "Kilde: …": smaller type under the table, or going on atop the next page
        notes: list[list[str]] = []
        while end + 1 < len(self.lines) and _small(self.lines[end + 1], self.size) and \
                (self._follows(end, _NOTE_GAP) or self.lines[end + 1].page > self.lines[end].page):
            end += 1
            line = self.lines[end]
            above = self.lines[end - 1]
            if notes and _small(above, self.size) and not opens_note(line.text) and \
                    (line.page > above.page or line.y - above.y <= 1.6 * line.runs[0].size):
                notes[-1].append(line.text)
            else:
                notes.append([line.text])
        return Table(columns, tuple(head), (tuple(body),),
                     notes=tuple(join_all(n) for n in notes)), end + 1

    @staticmethod
    def _heads(cells: list[list[Run]], edges: list[int], over_heads: bool) -> list[Cell]:
        """A header row's cells by the columns whose right edges each covers. A header over
        other headers is set right-aligned over the columns it spans, so it spans every column
        from the one after the header left of it to its own right edge (\"Udgift, mio. kr.\"
        over 2025-2027, \"Indtægt, mio. kr.\" over the 2026 and 2027 after them)."""
        found: list[Cell] = []
        column = 0
        for cell in cells:
            covered = [k for k, edge in enumerate(edges)
                       if cell[0].x - 1 < edge <= cell[-1].end + 3 and k >= column]
            if not covered:
                continue
            first = column if over_heads else covered[0]
            found += [Cell("")] * (first - column)
            found.append(Cell(_joined(cell), covered[-1] - first + 1))
            column = covered[-1] + 1
        found += [Cell("")] * (len(edges) - column)
        return found

    @staticmethod
    def _amounts(cells: list[list[Run]], edges: list[int],
                 column: Callable[[float], int]) -> list[Cell]:
        found = [""] * len(edges)
        for cell in cells:
            found[column(cell[-1].end)] = _joined(cell)
        return [Cell(text) for text in found]
