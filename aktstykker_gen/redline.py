"""Two document trees → one tree of the new version with every change from the old one marked.

Both versions come from our own tree, so they are compared as trees, level by level, through
the alignment `diff` uses too (alignment.py): sections by letter, blocks, bullet items and
quoted paragraphs by similarity, table groups by their hovedkonto and rows by their label, and
finally whole tokens (tokens.py). The result is the new tree whose texts are `Revised` where
they changed; blocks and rows only in the old version are put back, wholly deleted, where they
stood, and a paragraph or bullet item deleted in one place and inserted in another is marked
moved at both ends. A paragraph or item deleted where another of its kind is inserted (a
rewrite too heavy to pair) is one paragraph with the old text deleted and the new inserted: no
paragraph mark changes, so Word and LibreOffice resolve it alike. Accepting every change gives
the new text, rejecting every change the old.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from aktstykker_gen.alignment import Fingerprint, align, moves
from aktstykker_gen.document import (
    GONE,
    Block,
    BulletList,
    Cell,
    Document,
    Linked,
    Paragraph,
    Quote,
    Revised,
    Row,
    Section,
    Table,
)
from aktstykker_gen.tokens import changes, tokens

T = TypeVar("T")


def redline(old: Document, new: Document) -> Document:
    body = tuple(_sequence(old.body, new.body, fingerprint, _merge))
    return replace(new, body=_replaced_in_place(_moved(body)))


def words(old: str, new: str) -> str:
    """The new text, marked token by token against the old (wholly replaced when rewritten);
    plain when nothing changed."""
    if old == new:   # a Linked compares its named links too
        return new
    segments = changes(old, new) or [(c, t) for c, t in (("del", old), ("ins", new)) if t]
    return _linked(segments, old, new)


def _linked(segments: Sequence[tuple[str | None, str]], old: str, new: str,
            whole: str | None = None, move: int | None = None) -> Revised:
    """The segments, cut where a link of either version starts or ends, each marked with the
    address it links to: a deleted piece by OLD's links, an inserted by NEW's. A piece both
    have, linked to another address in each (a named link whose file moved), is the old link
    deleted and the new inserted, as a changed address is."""
    spans = {"old": _spans(old), "new": _spans(new)}
    if not spans["old"] and not spans["new"]:
        return Revised(tuple(segments), whole=whole, move=move)
    cut: list[tuple[str | None, str]] = []
    flags: list[str | None] = []
    at = {"old": 0, "new": 0}
    for change, part in segments:
        versions = ["old" if change in GONE else "new"] if change else ["old", "new"]
        for a, b in _cuts(part, [(at[v], spans[v]) for v in versions]):
            was, now = (_address(spans[v], at[v] + a, at[v] + b)
                        for v in (versions[0], versions[-1]))
            if change is None and was != now:
                cut += [("del", part[a:b]), ("ins", part[a:b])]
                flags += [was, now]
            else:
                cut.append((change, part[a:b]))
                flags.append(now)
        for v in versions:
            at[v] += len(part)
    return Revised(tuple(cut), whole=whole, move=move, links=tuple(flags))


Spans = tuple[tuple[int, int, str], ...]   # (start, end, address) of each link in a text


def _spans(text: str) -> Spans:
    """Where a version's links stand in its text, each with the address it links to."""
    if not isinstance(text, Linked):
        return ()
    return tuple(sorted([(s, e, text[s:e]) for s, e in text.links] + list(text.named)))


def _cuts(part: str, versions: list[tuple[int, Spans]]) -> Iterator[tuple[int, int]]:
    """The part cut where a link of any of the versions (each from where the part starts in
    it) starts or ends."""
    bounds = sorted({0, len(part), *(max(0, min(len(part), edge - start))
                                     for start, spans in versions
                                     for s, e, _ in spans for edge in (s, e))})
    yield from ((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a)


def _address(spans: Spans, start: int, end: int) -> str | None:
    """The address of the link the text from start to end lies in, if it lies in one."""
    return next((address for s, e, address in spans if s <= start and end <= e), None)


def fingerprint(node: Block | Section | str) -> Fingerprint:
    """What a block is aligned by: its kind and its text. Blocks of different kinds never pair."""
    if isinstance(node, str):
        return "item", node
    if isinstance(node, Section):
        return "section", node.letter
    if isinstance(node, Paragraph):
        return f"p {node.role}", node.text
    if isinstance(node, BulletList):
        return "list", " | ".join(node.items)
    if isinstance(node, Quote):
        return "quote", " | ".join(p.text for p in node.paragraphs)
    # Not by its columns: a table with a finansår more is the same table edited.
    return "table", " | ".join([node.caption, *(_label(g[0]) for g in node.groups if g)])


def changed_blocks(doc: Document) -> tuple[set[str], set[str]]:
    """The texts of every paragraph, item and row a redline marks, as they read in the old
    version and in the new: what `diff` must show changed too."""
    old: set[str] = set()
    new: set[str] = set()
    carried = {"old": "", "new": ""}   # the unmarked opening of a paragraph only one version has
    for texts in _blocks(doc.body):
        if any(isinstance(t, Revised) and any(c for c, _ in t.segments) for t in texts):
            before, after = "  ".join(_before(t) for t in texts), "  ".join(texts)
            first = texts[0]
            only = first.whole if len(texts) == 1 and isinstance(first, Revised) else None
            if (isinstance(first, Revised) and only in ("ins", "del")
                    and any(c is None for c, _ in first.segments)):
                # It shares its opening with the next paragraph (_shifted): in the version
                # without it, that opening begins the next one.
                if only == "ins":
                    carried["old"], before = before, ""
                else:
                    carried["new"], after = after, ""
            else:
                before, after = carried["old"] + before, carried["new"] + after
                carried = {"old": "", "new": ""}
            old.update([before] if before.strip() else [])
            new.update([after] if after.strip() else [])
    return old, new


def _before(text: str) -> str:
    """The text as the old version had it."""
    if not isinstance(text, Revised):
        return text
    return "".join(t for change, t in text.segments if change not in ("ins", "moveTo"))


def _sequence(old: Sequence[T], new: Sequence[T], key: Callable[[T], Fingerprint],
              merge: Callable[[T, T], T]) -> Iterator[T]:
    """The aligned sequence: paired items merged, the rest marked whole where they stand."""
    for step in align([key(x) for x in old], [key(x) for x in new]):
        if step.change == "del":
            yield _marked(old[step.old], "del")  # type: ignore[index]
        elif step.change == "ins":
            yield _marked(new[step.new], "ins")  # type: ignore[index]
        else:   # equal or edited; an equal section or table may still differ inside
            o, n = old[step.old], new[step.new]  # type: ignore[index]
            yield n if o == n else merge(o, n)


def _label(row: Row) -> str:
    return row.cells[0].text if row.cells else ""


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, str):
        return words(old, new)
    if isinstance(old, Section):
        return replace(new, blocks=tuple(_sequence(old.blocks, new.blocks, fingerprint, _merge)))
    if isinstance(old, Paragraph):
        return replace(new, text=words(old.text, new.text))
    if isinstance(old, BulletList):
        return replace(new, items=tuple(_sequence(old.items, new.items, fingerprint, _merge)))
    if isinstance(old, Quote):
        return replace(new, paragraphs=tuple(_sequence(old.paragraphs, new.paragraphs,
                                                       fingerprint, _merge)))
    if isinstance(old, Table):
        head = tuple(_sequence(old.head, new.head, _row_key, _merge_row))
        groups = tuple(_sequence(old.groups, new.groups, _group_key, _merge_group))
        notes = tuple(_sequence(old.notes, new.notes, fingerprint, _merge))
        return replace(new, head=head, groups=groups, caption=words(old.caption, new.caption),
                       unit=words(old.unit, new.unit), notes=notes,
                       columns_before=old.columns if old.columns != new.columns else None)
    raise TypeError(f"cannot merge {type(old).__name__}")  # pragma: no cover - kinds pair alike


def _group_key(group: tuple[Row, ...]) -> Fingerprint:
    return "group", _label(group[0]) if group else ""


def _merge_group(old: tuple[Row, ...], new: tuple[Row, ...]) -> tuple[Row, ...]:
    return tuple(_sequence(old, new, _row_key, _merge_row))


def _row_key(row: Row) -> Fingerprint:
    """Rows align by their label (the account), so a changed amount is a changed row. Rows
    of as many cells pair: a row with a cell more or less (a finansår added to the table) is
    OLD's row deleted and NEW's inserted, for LibreOffice removes no table cell on Accept or
    Reject All, only a row whose text is all tracked (docs/reviewing.md)."""
    return f"row {row.level} {len(row.cells)}", _label(row)


def _merge_row(old: Row, new: Row) -> Row:
    """Cell by cell; a cell spanning other columns than in OLD (a heading over the years) says
    how many it spanned."""
    return replace(new, cells=tuple(
        replace(n, text=words(o.text, n.text), span_before=o.span if o.span != n.span else None)
        for o, n in zip(old.cells, new.cells, strict=True)))


def _marked(node: T, change: str) -> T:
    """A node only one version has, with every text in it marked inserted or deleted."""
    if isinstance(node, str):
        segments = ((change, node),) if node else ()
        return _linked(segments, node if change in GONE else "",  # type: ignore[return-value]
                       "" if change in GONE else node, whole=change)
    if isinstance(node, tuple):
        return tuple(_marked(x, change) for x in node)  # type: ignore[return-value]
    if isinstance(node, Section):
        return replace(node, blocks=tuple(_marked(b, change) for b in node.blocks))
    if isinstance(node, Paragraph):
        return replace(node, text=_marked(node.text, change))
    if isinstance(node, BulletList):
        return replace(node, items=tuple(_marked(i, change) for i in node.items))
    if isinstance(node, Quote):
        return replace(node, paragraphs=tuple(_marked(p, change) for p in node.paragraphs))
    if isinstance(node, Row):
        return replace(node, cells=tuple(_marked(c, change) for c in node.cells))
    if isinstance(node, Cell):
        return replace(node, text=_marked(node.text, change))
    if isinstance(node, Table):
        return replace(node, head=_marked(node.head, change), groups=_marked(node.groups, change),
                       caption=_marked(node.caption, change), unit=_marked(node.unit, change),
                       notes=_marked(node.notes, change))
    raise TypeError(f"cannot mark {type(node).__name__}")  # pragma: no cover


def _blocks(nodes: Sequence[Any]) -> Iterator[tuple[str, ...]]:
    """The texts of every line a reader sees, in reading order: a paragraph's or a bullet's
    alone, a table row's cells together."""
    for node in nodes:
        if isinstance(node, str):
            yield (node,)
        elif isinstance(node, tuple):
            yield from _blocks(node)
        elif isinstance(node, Section):
            yield from _blocks(node.blocks)
        elif isinstance(node, Paragraph):
            yield (node.text,)
        elif isinstance(node, BulletList):
            yield from ((item,) for item in node.items)
        elif isinstance(node, Quote):
            yield from _blocks(node.paragraphs)
        elif isinstance(node, Row):
            yield tuple(cell.text for cell in node.cells)
        elif isinstance(node, Table):
            yield from ((t,) for t in (node.caption, node.unit) if t)
            yield from _blocks((*node.head, *node.groups))
            yield from ((note,) for note in node.notes)


# Moves: paragraphs (by role) and bullet items deleted in one place and inserted in another.

def _moved(body: tuple[Block | Section, ...]) -> tuple[Block | Section, ...]:
    """The body with each moved paragraph or bullet item marked moved at both ends (the same
    move number): what stayed the same as moved, what changed on the way as deleted at the old
    place and inserted at the new."""
    ends: dict[str, list[tuple[str, Revised]]] = {"del": [], "ins": []}
    for kind, text in _movable(body):
        if isinstance(text, Revised) and text.whole in ends:
            ends[text.whole].append((kind, text))
    plain = {change: [(kind, _plain(text)) for kind, text in found]
             for change, found in ends.items()}
    replaced: dict[int, Revised] = {}
    for number, (d, n) in enumerate(moves(plain["del"], plain["ins"]), start=1):
        before, after = _as_linked(ends["del"][d][1]), _as_linked(ends["ins"][n][1])
        segments = changes(before, after) or []
        # Each end as a change of one version alone: the old place's of OLD, the new's of NEW.
        replaced[id(ends["del"][d][1])] = _linked(
            [("moveFrom" if c is None else c, t) for c, t in segments if c != "ins"],
            before, "", whole="moveFrom", move=number)
        replaced[id(ends["ins"][n][1])] = _linked(
            [("moveTo" if c is None else c, t) for c, t in segments if c != "del"],
            "", after, whole="moveTo", move=number)
    return tuple(_replaced(part, replaced) for part in body) if replaced else body


def _plain(text: Revised) -> str:
    return "".join(t for _, t in text.segments)


def _as_linked(text: Revised) -> str:
    """A wholly inserted or deleted text as that version had it, its links as they stood."""
    plain, links, named, at = "", [], [], 0
    for _, part, address in text.pieces():
        if address == part:
            links.append((at, at + len(part)))
        elif address:
            named.append((at, at + len(part), address))
        plain += part
        at += len(part)
    return Linked(plain, tuple(links), tuple(named)) if links or named else plain


def _movable(nodes: Sequence[Any]) -> Iterator[tuple[str, str]]:
    for node in nodes:
        if isinstance(node, Section):
            yield from _movable(node.blocks)
        elif isinstance(node, Paragraph):
            yield fingerprint(node)[0], node.text
        elif isinstance(node, BulletList):
            yield from (("item", item) for item in node.items)
        elif isinstance(node, Quote):
            yield from _movable(node.paragraphs)


def _replaced(node: Any, replaced: dict[int, Revised]) -> Any:
    if isinstance(node, str):
        return replaced.get(id(node), node)
    if isinstance(node, Section):
        return replace(node, blocks=tuple(_replaced(b, replaced) for b in node.blocks))
    if isinstance(node, Paragraph):
        return replace(node, text=_replaced(node.text, replaced))
    if isinstance(node, BulletList):
        return replace(node, items=tuple(_replaced(i, replaced) for i in node.items))
    if isinstance(node, Quote):
        return replace(node, paragraphs=tuple(_replaced(p, replaced) for p in node.paragraphs))
    return node


# Replacements: a paragraph deleted right where another of its kind is inserted.

def _replaced_in_place(nodes: Sequence[Any], lettered: bool = False) -> tuple[Any, ...]:
    """Each wholly deleted paragraph (or bullet item) next to a wholly inserted one of the same
    role, neither a move's end, as one paragraph: the old text deleted, then the new inserted.
    Two paragraphs, one mark deleted and one inserted, would say the same with two changes
    more, and rejecting the inserted mark joins the next paragraph into it, which LibreOffice
    gives the inserted one's style (docs/reviewing.md). And a paragraph wholly inserted (or
    deleted) before one whose opening words changed to what it opens with (a quoted Stk. 2.
    inserted, the next Stk. 2. now Stk. 3.) shares those words with it (`_shifted`). In a
    section (`lettered`) its first paragraph, which shares a line with the letter, is never the
    one inserted or deleted so."""
    out: list[Any] = []
    for node in (_inside_replaced(n) for n in nodes):
        if out and (joined := _joined_replacement(out[-1], node)) is not None:
            out[-1] = joined
        elif out and not (lettered and len(out) == 1) and (
                shifted := _shifted(out[-1], node)) is not None:
            out[-1:] = shifted
        else:
            out.append(node)
    return tuple(out)


def _inside_replaced(node: Any) -> Any:
    if isinstance(node, Section):
        return replace(node, blocks=_replaced_in_place(node.blocks, lettered=True))
    if isinstance(node, BulletList):
        return replace(node, items=_replaced_in_place(node.items))
    if isinstance(node, Quote):
        return replace(node, paragraphs=_replaced_in_place(node.paragraphs))
    return node


def _joined_replacement(first: Any, second: Any) -> Any:
    if isinstance(first, Paragraph) and isinstance(second, Paragraph):
        if first.role != second.role:
            return None
        text = _joined_texts(first.text, second.text)
        return None if text is None else replace(second, text=text)
    if isinstance(first, str) and isinstance(second, str):   # bullet items
        return _joined_texts(first, second)
    return None


def _joined_texts(first: str, second: str) -> Revised | None:
    ends = {getattr(t, "whole", None): t for t in (first, second)}
    gone, new = ends.get("del"), ends.get("ins")
    if not (isinstance(gone, Revised) and isinstance(new, Revised)) or gone.move or new.move:
        return None
    if gone.links or new.links:
        pieces = [*gone.pieces(), *new.pieces()]
        return Revised(tuple((c, t) for c, t, _ in pieces),
                       links=tuple(link for *_, link in pieces))
    # The tokens both begin and end with (a quoted paragraph's "Stk. 2.", its closing quote
    # mark) stay unmarked.
    a, b = tokens(_plain(gone)), tokens(_plain(new))
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    parts = ((None, a[:head]), ("del", a[head:len(a) - tail]), ("ins", b[head:len(b) - tail]),
             (None, b[len(b) - tail:]))
    return Revised(tuple((change, "".join(t)) for change, t in parts if t))


def _shifted(first: Any, second: Any) -> list[Any] | None:
    """A paragraph wholly inserted before one of its role whose opening words changed to the
    words it opens with ("Stk. 2." → "Stk. 3."), as one inserted stretch across the break:
    OLD's "Stk. 2." stays, unmarked, at the start of the inserted paragraph, the rest of it and
    its paragraph mark are inserted, then the next one's new opening ("Stk. 3."). Rejecting the
    stretch joins OLD's opening to the rest of its paragraph; one change less than the
    opening deleted and inserted beside a wholly inserted paragraph. Likewise for a paragraph
    wholly deleted before one whose opening became its own. Quoted paragraphs and paragraphs
    of one role, so that the joined paragraph's style is the same either way."""
    if not (isinstance(first, Paragraph) and isinstance(second, Paragraph)
            and first.role == second.role):
        return None
    whole, edited = first.text, second.text
    if not (isinstance(whole, Revised) and whole.whole in ("ins", "del") and not whole.move
            and not whole.links and isinstance(edited, Revised) and edited.whole is None
            and not edited.links):
        return None
    segments = list(edited.segments)
    head = 0
    while head < len(segments) and segments[head][0] is None:
        head += 1
    kept = "".join(t for _, t in segments[:head])
    changed = {c: t for c, t in segments[head:head + 2] if c in ("del", "ins")}
    if len(changed) != 2 or [c for c, _ in segments[head:head + 2]] != ["del", "ins"]:
        return None
    # Inserted: the whole paragraph opens as the next one did in OLD; deleted: as it does in NEW.
    theirs, ours = ("del", "ins") if whole.whole == "ins" else ("ins", "del")
    opening = kept + changed[theirs]
    text = _plain(whole)
    if not changed[theirs] or not text.startswith(opening) or len(text) == len(opening):
        return None
    return [replace(first, text=Revised(((None, opening), (whole.whole, text[len(opening):])),
                                        whole=whole.whole)),
            replace(second, text=Revised(((ours, kept + changed[ours]),
                                          *segments[head + 2:])))]
