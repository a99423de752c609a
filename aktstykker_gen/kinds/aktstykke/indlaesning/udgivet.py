"""An aktstykke as Folketinget publishes it (its PDF's text, ft.dk's rendering of it) laid out
as the canonical text the import reads.

The published text wraps its lines where the page did, hyphenates words over them, sets the
section letter alone on its line or before the text, and the tables as one row a line with
the amounts at the end. What is generally true of that layout is undone here, and nothing
else: a paragraph ends at a blank line, at a line that starts with a space, or where a line
ends a sentence with room left for the next line's first word (the room measured against the
longest line of prose, which a greedy wrapper's width is no less than); a bullet ("–", "•",
"-") starts an item (a dash only where the line before had room for it or ended a sentence,
else it is a sentence's own dash, wrapped); a line with "Udgift, mio. kr." starts an account
table, and the notes right under it are its notes; a quotation runs from its opening to its
closing quotation mark. Page stamps (the fagudvalg's "Kulturudvalget 2019-20 / KUU Alm.del
Bilag 195 / Offentligt", the rendering's page images) are page furniture.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from itertools import takewhile

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
from aktstykker_gen.kinds.aktstykke.indlaesning.konti import BEVILLINGSTYPER, SIDES
from aktstykker_gen.kinds.aktstykke.indlaesning.layout import INDENT, LEAD_MAX, MONTHS
from aktstykker_gen.writers.text import write_text

_DATE = r"\d{1,2}\. (?:" + "|".join(MONTHS) + r") \d{4}"
_PLACE_DATE = re.compile(rf"^[^\s,.][^,.]*, den {_DATE}\.?$")
_SECTION = re.compile(r"^(?P<letter>[a-f])\.(?: (?P<rest>.*))?$")
_BULLET = re.compile(r"^[-–•]\s+")
_STAMP = (re.compile(r"^\S.*udvalget \d{4}-\d{2}$"), re.compile(r"^\S+ Alm\.del Bilag \d+$"),
          re.compile(r"^(?:Offentligt|Fortroligt)$"), re.compile(r"^\d+_\d+\.png$"))
_AMOUNT = r"-?\d{1,3}(?:\.\d{3})*,\d+"
_TRAILING = re.compile(rf"^(?P<label>.*?)(?P<amounts>(?:^|\s+)(?:{_AMOUNT})(?:\s+{_AMOUNT})*)$")
_AMOUNTS_ONLY = re.compile(rf"^{_AMOUNT}(?:\s+{_AMOUNT})*$")
_HOVEDKONTO = re.compile(r"^§ \d\d\.\d\d\.\d\d\b")
_NUMBERED = re.compile(r"^\d\d\. \S")
_SENTENCE_END = re.compile(r"[.:!?”\"]$")
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "til", "som", "med"})
_SOFT_HYPHEN = "\u2010"   # ft.dk's rendering marks its own hyphenation with U+2010
_OPEN_QUOTE, _CLOSE_QUOTE = "”“\"", "”\""
_NOTES = ("Anm.: ", "Kilde: ")   # a table's notes, the paragraphs right under it


def is_published(text: str) -> bool:
    """True when the text is not laid out by our text writer: none of its lines carries the
    section's indent, and some paragraph is wrapped over lines."""
    lines = text.split("\n")
    if any(line.startswith(INDENT) for line in lines):
        return False
    return any(a.strip() and b.strip() for a, b in zip(lines, lines[1:], strict=False))


@dataclass
class Reflowed:
    text: str
    furniture: list[str] = field(default_factory=list)   # page stamps dropped
    slips: list[str] = field(default_factory=list)       # what the published text slipped on


def reflow(text: str, first: int = 1) -> Reflowed:
    """The canonical text of a published aktstykke, with the page furniture it dropped and the
    slips it read past (by their lines in the file, whose line `first` the text starts at)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    result = Reflowed("")
    kept = []
    for number, line in enumerate(lines, first):
        line = _read_past_slips(line, number, result.slips)
        if any(p.match(line.strip()) for p in _STAMP):
            result.furniture.append(line.strip())
        else:
            kept.append(line)
    vocabulary = _vocabulary(kept)
    head, lead, at = _head(kept)
    dateline = lead.split(". ", 1)[1].rstrip(".") if lead and ". " in lead else None
    sections, closing = _split(kept[at:], dateline)
    readers = [_Reader(lines, vocabulary, indent) for _, indent, lines in sections]
    width = max((w for reader in readers for w in reader.widths()), default=0)
    body: list[Block | Section] = [Paragraph(p) for p in _head_paragraphs(head, width,
                                                                          vocabulary)]
    if lead is not None:
        body.append(Paragraph(lead, "lead"))
    body += [Section(letter, tuple(reader.blocks(width)))
             for (letter, _, _), reader in zip(sections, readers, strict=True)]
    body += _Reader(closing, vocabulary, closing=True).blocks(width)
    document = Document("da", "", "", datetime.date(2000, 1, 1), tuple(body))
    result.text = write_text(document)
    return result


# Slips in how an amount or an account is written, each read as meant: (pattern, as meant, why).
_SLIPS = (
    (re.compile(rf"(?<![\d,.])({_AMOUNT}) mio\., kr\."), r"\1 mio. kr.", "et komma i 'mio. kr.'"),
    (re.compile(rf"(?<![\d,.])({_AMOUNT}) mio kr\."), r"\1 mio. kr.", "punktum mangler i 'mio. kr.'"),
    (re.compile(r"mio\. kr\., til §"), "mio. kr. til §", "et komma mellem beløbet og 'til §'"),
    (re.compile(r"§ (\d\d\.\d\d\.\d\d) (?=[A-ZÆØÅ])"), r"§ \1. ",
     "punktum mangler efter kontonummeret"),
)


def _read_past_slips(line: str, number: int, slips: list[str]) -> str:
    """The line as meant where it slips in writing an amount or an account number; each slip
    noted with its line, for the clerk to see (the draft's data prints it right)."""
    for pattern, meant, why in _SLIPS:
        for m in pattern.finditer(line):
            slips.append(f"linje {number}: {m[0].strip()!r}: {why}")
        line = pattern.sub(meant, line)
    return line


def _vocabulary(lines: list[str]) -> set[str]:
    """The words the text spells whole (inside a line, where no break cuts them), and the
    bevillingstyper's labels: a word broken over
    two lines without a hyphen is joined when the whole word is one of them."""
    words = {w.lower() for line in lines for w in re.findall(r"\w+", line)[1:-1]}
    return words | {w.lower() for label in BEVILLINGSTYPER for w in re.findall(r"\w+", label)}


def _head(lines: list[str]) -> tuple[list[str], str | None, int]:
    """The lines above the lead as they stand, the lead on one line, and where the sections
    start. The lead is the fewest lines (up to three: the ministry and the place set apart, or
    the date wrapped) that read "Ministeriet. Sted, den 1. oktober 2025"."""
    above: list[int] = []   # where each line above the lead stands
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if len(line) > LEAD_MAX:
            break
        for n in range(min(len(above), 2) + 1):
            start = above[len(above) - n:]
            lead = " ".join([*(lines[k].strip() for k in start), line])
            if ". " in lead and _PLACE_DATE.match(lead.split(". ", 1)[1]):
                return lines[:start[0] if start else i], lead.rstrip(".") + ".", i + 1
        above.append(i)
    return [], None, 0


def _head_paragraphs(lines: list[str], width: int, vocabulary: set[str]) -> list[str]:
    """The head's paragraphs, a line each where the page set them so (the number set apart
    from "Aktstykke nr." joined to it)."""
    found: list[str] = []
    for unit in _units(lines, width, closing=True):
        text = _join(unit, vocabulary)
        if found and found[-1] == "Aktstykke nr." and text.isdigit():
            found[-1] = f"Aktstykke nr. {text}"
        else:
            found.append(text)
    return found


def _split(lines: list[str], dateline: str | None) -> tuple[list[tuple[str, int, list[str]]],
                                                            list[str]]:
    """The sections by their letters (each letter after the one before, at a paragraph's
    start; each with the width of its letter where the text follows it on its line) and the
    closing block from the dateline on."""
    sections: list[tuple[str, int, list[str]]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if dateline and stripped.rstrip(".") == dateline:
            return sections, lines[i:]
        start = _SECTION.match(stripped)
        previous = next((s for s in reversed(lines[:i]) if s.strip()), "")
        if start and (not sections or start["letter"] > sections[-1][0]) and (
                not previous or not lines[i - 1].strip() or line.startswith(" ")
                or _SENTENCE_END.search(previous) or not sections):
            rest = start["rest"]
            sections.append((start["letter"], len(stripped) - len(rest) if rest else 0,
                             [rest] if rest else []))
        elif sections:
            sections[-1][2].append(line)
    return sections, []


def _units(lines: list[str], width: int, closing: bool = False, lead: int = 0) -> list[list[str]]:
    """Lines grouped into paragraphs: at a blank line, a line starting with a space, a bullet,
    or after a line that had room for the next line's first word and ends a sentence (in the
    closing block, where names and places stand a line each, whatever it ends with). `lead` is
    the width of the section's letter, which stood before the first line."""
    units: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                units.append(current)
            current = []
            continue
        room = width - lead if not units and len(current) == 1 else width   # after the letter
        if current and (line.startswith(" ") or _starts_item(current[-1], line, room)
                        or _ends_paragraph(current[-1], line, room, closing)):
            units.append(current)
            current = []
        current.append(line.strip())
    if current:
        units.append(current)
    return units


def _starts_item(line: str, following: str, width: int) -> bool:
    """A bullet opens a line of its own, but a dash within a sentence ("i Danmark – herunder")
    may be wrapped to a line's start: it is that dash where the line before had no room for it
    and ends no sentence."""
    bullet = _BULLET.match(following)
    if bullet is None:
        return False
    return following.startswith("•") or len(line) + 1 + len(bullet[0].strip()) <= width or \
        bool(_SENTENCE_END.search(line))


def _ends_paragraph(line: str, following: str, width: int, closing: bool) -> bool:
    """A greedy wrapper fills each line of a paragraph until the next word has no room on it,
    so a line with room for it ended its paragraph. `width` is the longest wrapped line: the
    wrapper's width is no less, so no line within a paragraph is taken for its end (a last line
    with no room left for the next word is read as continued, unless the text marks it)."""
    first = following.strip().split(" ", 1)[0]
    if len(line) + 1 + len(first) > width:
        return False
    if closing:
        return True
    starts = following.strip()[:1]
    return bool(_SENTENCE_END.search(line) and (starts.isupper() or starts.isdigit()
                                                or starts in _OPEN_QUOTE))


def _join(lines: list[str], vocabulary: set[str]) -> str:
    """A paragraph's lines as one: a word hyphenated over a line break joined again (the hyphen
    before "og" and the like kept), a word broken without a hyphen joined when the whole word
    is one the text spells elsewhere."""
    text = ""
    for line in (s.strip() for s in lines):
        if not text:
            text = line
            continue
        first = line.split(" ", 1)[0]
        if text.endswith(_SOFT_HYPHEN) or re.search(r"\w-$", text) and first[:1].islower() and \
                first.strip(".,;:") not in _CONJUNCTIONS:
            text = text[:-1] + line
        elif re.search(r"\w-$", text):
            text += line if first[:1].isupper() and first not in _CONJUNCTIONS else " " + line
        else:
            last = re.search(r"(\w+)$", text)
            head = re.match(r"(\w+)", line)
            if last and head and line[:1].islower() and \
                    (last[1] + head[1]).lower() in vocabulary and last[1].lower() not in vocabulary:
                text += line
            else:
                text += " " + line
    return re.sub(r"\s+([”])$", r"\1", text.replace(_SOFT_HYPHEN, "-"))


class _Reader:
    """One section's lines into its blocks: its runs of prose and its tables."""

    def __init__(self, lines: list[str], vocabulary: set[str], lead: int = 0,
                 closing: bool = False) -> None:
        self.lines, self.vocabulary, self.lead, self.closing = lines, vocabulary, lead, closing
        self.parts: list[list[str] | Table] = [[]]
        i = 0
        while i < len(self.lines):
            if self.lines[i].strip() in SIDES:
                table, i = self._table(i)
                self.parts += [table, []]
                continue
            prose = self.parts[-1]
            assert isinstance(prose, list)
            prose.append(self.lines[i])
            i += 1

    def widths(self) -> list[int]:
        """The length of each prose line as the page set it (the first with its letter): the
        wrapper's width is at least the longest."""
        found = [len(line.strip()) for part in self.parts if isinstance(part, list)
                 for line in part]
        if found and self.parts[0]:
            found[0] += self.lead
        return found

    def blocks(self, width: int) -> list[Block]:
        found: list[Block] = []
        for n, part in enumerate(self.parts):
            if isinstance(part, Table):
                found.append(part)
                continue
            units = _units(part, width, self.closing, self.lead if n == 0 else 0)
            notes = list(takewhile(lambda unit: unit[0].startswith(_NOTES), units)) if n else []
            if notes:   # after a table: the parts take turns
                table = found.pop()
                assert isinstance(table, Table)
                found.append(replace(table, notes=tuple(_join(u, self.vocabulary)
                                                        for u in notes)))
            found += self._prose(units[len(notes):])
        return found

    def _prose(self, units: list[list[str]]) -> list[Block]:
        found: list[Block] = []
        quote: list[Paragraph] | None = None
        for unit in units:
            bullet = _BULLET.match(unit[0])
            text = _join([unit[0][bullet.end():] if bullet else unit[0], *unit[1:]],
                         self.vocabulary)
            if quote is not None:
                quote.append(Paragraph(text))
            elif bullet:
                items = found[-1].items if found and isinstance(found[-1], BulletList) else ()
                if items:
                    found.pop()
                found.append(BulletList((*items, text)))
                continue
            elif text[:1] in _OPEN_QUOTE:
                quote = [Paragraph(text)]
            else:
                found.append(Paragraph(text))
            if quote is not None and text[-1:] in _CLOSE_QUOTE and (len(quote) > 1 or
                                                                   len(text) > 1):
                found.append(Quote(tuple(quote)))
                quote = None
        if quote is not None:
            found.append(Quote(tuple(quote)))
        return found

    def _table(self, start: int) -> tuple[Table, int]:
        """An account table from its header line: one row a line, a label wrapped over lines
        joined, amounts set apart on a line of their own given to the row above."""
        header = self.lines[start].strip()
        rows: list[tuple[str, list[str]]] = []
        i, blank = start + 1, False
        while i < len(self.lines):
            line = self.lines[i].strip()
            if not line:
                blank, i = True, i + 1
                continue
            if _AMOUNTS_ONLY.match(line) and rows and not rows[-1][1]:
                rows[-1][1].extend(line.split())
            elif _HOVEDKONTO.match(line) or _NUMBERED.match(line):
                label, amounts = self._split_row(line)
                rows.append((label, amounts))
            elif rows and not blank and not rows[-1][1]:
                label, amounts = self._split_row(line)
                rows[-1] = (_join([rows[-1][0], label], self.vocabulary), amounts)
            else:
                break
            blank, i = False, i + 1
        return self._laid_out(header, rows), i

    def _split_row(self, line: str) -> tuple[str, list[str]]:
        m = _TRAILING.match(line)
        if m is None or not m["label"].strip():
            return line, []
        return m["label"].strip(), m["amounts"].split()

    def _laid_out(self, header: str, rows: list[tuple[str, list[str]]]) -> Table:
        columns = max((len(a) for _, a in rows), default=1) or 1
        body: list[Row] = []
        level = 0
        for label, amounts in rows:
            if _HOVEDKONTO.match(label):
                level = 0
            elif level == 0 or not amounts and level == 2:
                level = 1
            elif amounts:
                level = 2
            cells = [Cell(a) for a in amounts] + [Cell("")] * (columns - len(amounts))
            body.append(Row((Cell(label), *cells), level))
        head = Row((Cell(""), Cell(header, columns)))
        return Table(("label", *("amount",) * columns), (head,), (tuple(body),))
