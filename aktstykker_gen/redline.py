"""Two document trees → one tree of the new version with every change from the old one marked.

Both versions come from our own tree, so they are compared as trees: sections by letter,
blocks in order, bullet items and quoted paragraphs in order, table groups by their
hovedkonto and rows by their label, and finally words. The result is the new tree whose
texts are `Revised` where they changed; rows and paragraphs only in the old version are
put back, wholly deleted, where they stood. Accepting every change gives the new text,
rejecting every change the old.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from aktstykker_gen.document import (
    Block,
    BulletList,
    Cell,
    Document,
    Paragraph,
    Quote,
    Revised,
    Row,
    Section,
    Table,
)

T = TypeVar("T")
_TOKEN = re.compile(r"\s+|[^\s]+")


def redline(old: Document, new: Document) -> Document:
    return replace(new, body=tuple(_sequence(old.body, new.body, _key, _merge)))


def words(old: str, new: str) -> str:
    """The new text, marked word by word against the old; plain when nothing changed."""
    if old == new:
        return new
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[tuple[str | None, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append((None, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(b[j1:j2])))
    return Revised(tuple(segments))


def _whole(text: str, change: str) -> Revised:
    return Revised(((change, text),) if text else (), whole=change)


def _sequence(old: Sequence[T], new: Sequence[T], key: Callable[[T], str],
              merge: Callable[[T, T], T]) -> Iterator[T]:
    """Align two sequences by key; pairs of changed items are merged, the rest marked whole."""
    matcher = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":   # equal keys; a section or group may still differ inside
            yield from (n if o == n else merge(o, n) for o, n in zip(old[i1:i2], new[j1:j2],
                                                                     strict=True))
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for o, n in zip(old[i1:i1 + pairs], new[j1:j1 + pairs], strict=True):
            if type(o) is type(n):
                yield merge(o, n)
            else:
                yield _marked(o, "del")
                yield _marked(n, "ins")
        yield from (_marked(o, "del") for o in old[i1 + pairs:i2])
        yield from (_marked(n, "ins") for n in new[j1 + pairs:j2])


def _key(node: Block | Section) -> str:
    if isinstance(node, Section):
        return "section " + node.letter
    if isinstance(node, Paragraph):
        return f"p {node.role} {node.text}"
    if isinstance(node, BulletList):
        return "ul " + " | ".join(node.items)
    if isinstance(node, Quote):
        return "quote " + " | ".join(p.text for p in node.paragraphs)
    return "table " + " | ".join(_label(g[0]) for g in node.groups if g)


def _label(row: Row) -> str:
    return row.cells[0].text if row.cells else ""


def _merge(old: T, new: T) -> T:
    if isinstance(old, Section) and isinstance(new, Section):
        return replace(new, blocks=tuple(_sequence(old.blocks, new.blocks, _key, _merge)))
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return replace(new, text=words(old.text, new.text))
    if isinstance(old, BulletList) and isinstance(new, BulletList):
        return replace(new, items=tuple(_sequence(old.items, new.items, str, words)))
    if isinstance(old, Quote) and isinstance(new, Quote):
        return replace(new, paragraphs=tuple(_sequence(old.paragraphs, new.paragraphs,
                                                       lambda p: p.text, _merge)))
    if isinstance(old, Table) and isinstance(new, Table):
        head = tuple(_sequence(old.head, new.head, _row_key, _merge_row))
        groups = tuple(_sequence(old.groups, new.groups, lambda g: _label(g[0]) if g else "",
                                 _merge_group))
        return replace(new, head=head, groups=groups)
    raise TypeError(f"cannot merge {type(old).__name__}")  # pragma: no cover - _sequence pairs types


def _merge_group(old: tuple[Row, ...], new: tuple[Row, ...]) -> tuple[Row, ...]:
    return tuple(_sequence(old, new, _row_key, _merge_row))


def _row_key(row: Row) -> str:
    """Rows align by their label (the account), so a changed amount is a changed row."""
    return f"{row.level} {_label(row)}"


def _merge_row(old: Row, new: Row) -> Row:
    if len(old.cells) != len(new.cells):
        return _marked(new, "ins")   # a different shape: shown as the new row (rare)
    return replace(new, cells=tuple(replace(n, text=words(o.text, n.text))
                                    for o, n in zip(old.cells, new.cells, strict=True)))


def _marked(node: T, change: str) -> T:
    """A node only one version has, with every text in it marked inserted or deleted."""
    if isinstance(node, str):
        return _whole(node, change)  # type: ignore[return-value]
    if isinstance(node, tuple):
        return tuple(_marked(x, change) for x in node)  # type: ignore[return-value]
    if isinstance(node, Section):
        return replace(node, blocks=tuple(_marked(b, change) for b in node.blocks))
    if isinstance(node, Paragraph):
        return replace(node, text=_whole(node.text, change))
    if isinstance(node, BulletList):
        return replace(node, items=tuple(_whole(i, change) for i in node.items))
    if isinstance(node, Quote):
        return replace(node, paragraphs=tuple(_marked(p, change) for p in node.paragraphs))
    if isinstance(node, Row):
        return replace(node, cells=tuple(_marked(c, change) for c in node.cells))
    if isinstance(node, Cell):
        return replace(node, text=_whole(node.text, change))
    if isinstance(node, Table):
        return replace(node, head=_marked(node.head, change), groups=_marked(node.groups, change))
    raise TypeError(f"cannot mark {type(node).__name__}")  # pragma: no cover
