"""Which block of the old version became which block of the new: one alignment for `diff` and
`redline`, so the two always show the same blocks changed.

Blocks are compared by fingerprint: a kind (a paragraph's role, "row", "list" …) and the text
as a reader compares it. Equal fingerprints are aligned first (difflib's longest matching
blocks); between two such anchors an old and a new block of the same kind are paired, in order,
only when they are similar enough to be one block edited (`PAIR`), so a paragraph deleted right
before an edited one is shown deleted, not word-diffed into its neighbour. A block deleted in
one place and inserted, the same or nearly so, in another is a move (`moves`).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from aktstykker_gen.tokens import REWRITE, similarity, tokens

Fingerprint = tuple[str, str]   # (kind, text)

# From this similarity two blocks between the same anchors are one block edited; below it they
# are a deletion and an insertion. The rewrite threshold of `tokens`: a pair is marked word by
# word exactly when it is paired.
PAIR = 1 - REWRITE
# Blocks of these kinds hold others (a bullet list its items, a quote its paragraphs): two of a
# kind between the same anchors are one block edited however much changed, and what is inside
# is aligned in its turn; a list with one of two items deleted is not a new list.
CONTAINERS = frozenset({"list", "quote"})
# From this similarity a block deleted in one place and inserted in another is a move.
MOVE = 0.8
# A block of fewer words is not taken for a move: short lines ("Udgift, mio. kr.", a lone
# signatory) recur, and one that goes and one that comes are two changes.
MOVE_WORDS = 4
# Between two anchors, at most this many old × new blocks are compared pair by pair for the
# best order-keeping pairing, and deleted × inserted blocks for moves that are not identical;
# a larger gap (two unrelated tables of thousands of rows) is paired position by position, and
# only identical blocks are taken for moves.
COMPARED = 2500


@dataclass(frozen=True)
class Step:
    """One block of the aligned sequence: in both versions ("equal", "edit"), or in one."""

    change: str          # "equal" | "edit" | "del" | "ins"
    old: int | None
    new: int | None


def align(old: Sequence[Fingerprint], new: Sequence[Fingerprint]) -> list[Step]:
    """The two sequences merged in reading order: each old block deleted where it stood, each
    new one inserted where it stands, a deletion before the insertion beside it."""
    steps: list[Step] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.extend(Step("equal", i, j) for i, j in zip(range(i1, i2), range(j1, j2),
                                                             strict=True))
        else:
            steps.extend(_gap(old, new, i1, i2, j1, j2))
    return steps


def moves(deleted: Sequence[Fingerprint], inserted: Sequence[Fingerprint]) -> list[tuple[int, int]]:
    """Pairs (deleted, inserted) of blocks that moved: the same kind, at least MOVE_WORDS
    words, and the same text or nearly (MOVE); identical ones are paired first, then (when
    there are no more than COMPARED pairs to compare) the most similar, each block once."""
    identical: dict[Fingerprint, list[int]] = {}
    for n, fingerprint in enumerate(inserted):
        identical.setdefault(fingerprint, []).append(n)
    pairs: dict[int, int] = {}
    for d, fingerprint in enumerate(deleted):
        if _word_count(fingerprint[1]) >= MOVE_WORDS and identical.get(fingerprint):
            pairs[d] = identical[fingerprint].pop(0)
    if len(deleted) * len(inserted) > COMPARED:
        return sorted(pairs.items())
    taken = set(pairs.values())
    for d, (kind, text) in enumerate(deleted):
        if d in pairs or _word_count(text) < MOVE_WORDS:
            continue
        scored = [(similarity(text, inserted[n][1]), -n) for n in range(len(inserted))
                  if inserted[n][0] == kind and n not in taken]
        if scored and max(scored)[0] >= MOVE:
            pairs[d] = -max(scored)[1]
            taken.add(pairs[d])
    return sorted(pairs.items())


def _gap(old: Sequence[Fingerprint], new: Sequence[Fingerprint], i1: int, i2: int,
         j1: int, j2: int) -> list[Step]:
    """The blocks between two anchors: similar pairs in order as edits, the rest deleted or
    inserted where they stand."""
    pairs = _pairs(old, new, i1, i2, j1, j2)
    steps: list[Step] = []
    i, j = i1, j1
    for o, n in [*pairs, (i2, j2)]:
        steps.extend(Step("del", x, None) for x in range(i, o))
        steps.extend(Step("ins", None, y) for y in range(j, n))
        if (o, n) != (i2, j2):
            steps.append(Step("edit", o, n))
        i, j = o + 1, n + 1
    return steps


def _pairs(old: Sequence[Fingerprint], new: Sequence[Fingerprint], i1: int, i2: int,
           j1: int, j2: int) -> list[tuple[int, int]]:
    """The order-keeping pairing of similar blocks (same kind, similarity ≥ PAIR) with the
    greatest total similarity."""
    @functools.cache
    def score(i: int, j: int) -> float:
        if old[i][0] != new[j][0]:
            return 0.0
        found = similarity(old[i][1], new[j][1])
        if old[i][0] in CONTAINERS:
            return max(found, PAIR)
        return found if found >= PAIR else 0.0

    if (i2 - i1) * (j2 - j1) > COMPARED:
        return [(i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=False) if score(i, j)]
    rows, columns = i2 - i1, j2 - j1
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            paired = score(i1 + i, j1 + j)
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + paired if paired else 0.0)
    pairs, i, j = [], 0, 0
    while i < rows and j < columns:
        paired = score(i1 + i, j1 + j)
        if paired and best[i][j] == best[i + 1][j + 1] + paired:
            pairs.append((i1 + i, j1 + j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _word_count(text: str) -> int:
    return sum(1 for t in tokens(text) if any(ch.isalnum() for ch in t))
