"""A reviewer's diff of two readings: only the lines that differ, under the section they are
in, with the changed words marked on request.

Lines are aligned by `alignment`, the same alignment `redline` uses, so the two show the same
lines changed: a line deleted right before an edited one stands alone as deleted, and a line
deleted in one place and inserted in another gets a hunk of its own at each end, headed
"flyttet til" or "flyttet fra" the other. "linje N" is a line of NEW's text as `textconv`
prints it (a deletion: the line it would stand before).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aktstykker_gen.alignment import Fingerprint, Step, align, moves
from aktstykker_gen.reading import Reading, key
from aktstykker_gen.tokens import changes

_SECTION = re.compile(r"^([a-f])\. ")
# An agenda item's heading: "6 (Fortrolig)", "3 (Offentlig) Fortrolige priser …".
_ITEM = re.compile(r"^([0-9]+) \((?:Offentlig|Fortrolig)\)")
RED, GREEN, CYAN, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[0m"


@dataclass(frozen=True)
class _Side:
    """A reading's non-empty lines, with where each stands and what it is aligned by."""

    lines: list[str]
    numbers: list[int]        # the line's number in the reading, from 1
    sections: list[str]
    prints: list[Fingerprint]

    @classmethod
    def of(cls, reading: Reading) -> _Side:
        kept = [(n, line.rstrip()) for n, line in enumerate(reading.lines, start=1) if key(line)]
        lines = [line for _, line in kept]
        return cls(lines, [n for n, _ in kept], _sections(lines),
                   [(_kind(line), key(_SECTION.sub("", key(line)))) for line in lines])


def _kind(line: str) -> str:
    """"row" for a table row (its cells stand two spaces apart; prose never has two spaces
    running), "" for prose: a row and a paragraph never pair, and rows never move, as in
    `redline`."""
    return "row" if "  " in line.strip() else ""


def changed_lines(old: Reading, new: Reading) -> tuple[set[str], set[str]]:
    """The lines shown removed and added, as a reader compares them (the section letter
    aside): what `redline` must mark changed too."""
    a, b = _Side.of(old), _Side.of(new)
    steps = align(a.prints, b.prints)
    return ({a.prints[s.old][1] for s in steps if s.change != "equal" and s.old is not None},
            {b.prints[s.new][1] for s in steps if s.change != "equal" and s.new is not None})


def diff_lines(old: Reading, new: Reading, *, word_diff: bool = False,
               colour: bool = False) -> Iterator[str]:
    """Hunks without context, each headed by the section (a–f) of its first line."""
    a, b = _Side.of(old), _Side.of(new)
    steps = align(a.prints, b.prints)

    def paint(text: str, colour_code: str) -> str:
        return f"{colour_code}{text}{RESET}" if colour else text

    partner = _moves(steps, a, b)
    at = _positions(steps, b)
    hunk: list[str] = []
    for index, step in enumerate(steps):
        if step.change == "equal" or index in partner:
            yield from hunk
            hunk = []
        if step.change == "equal":
            continue
        header = f"@@ {_where(step, a, b)}, linje {at[index]}"
        if index in partner:   # a move: a hunk of its own, naming the other end
            other = steps[partner[index]]
            yield paint(f"{header}, flyttet {'til' if step.old is not None else 'fra'} linje "
                        f"{at[partner[index]]} @@", CYAN)
            if step.new is not None and word_diff and a.prints[other.old] != b.prints[step.new]:  # type: ignore[index]
                yield _word_line(a.lines[other.old], b.lines[step.new], paint)  # type: ignore[index]
            else:
                yield from _lines(step, a, b, False, paint)
            continue
        if not hunk:
            hunk.append(paint(header + " @@", CYAN))
        hunk.extend(_lines(step, a, b, word_diff, paint))
    yield from hunk


def _moves(steps: list[Step], old: _Side, new: _Side) -> dict[int, int]:
    """The steps that are the two ends of a move, each to the other's index."""
    deleted = [i for i, s in enumerate(steps) if s.change == "del" and not old.prints[s.old][0]]  # type: ignore[index]
    inserted = [i for i, s in enumerate(steps) if s.change == "ins" and not new.prints[s.new][0]]  # type: ignore[index]
    found = moves([old.prints[steps[i].old] for i in deleted],  # type: ignore[index]
                  [new.prints[steps[i].new] for i in inserted])  # type: ignore[index]
    pairs = {deleted[d]: inserted[n] for d, n in found}
    return pairs | {n: d for d, n in pairs.items()}


def _positions(steps: list[Step], new: _Side) -> list[int]:
    """For each step, the number of the NEW line it is at (a deletion: the next NEW line's)."""
    found, following = [], len(new.numbers) and new.numbers[-1] + 1 or 1
    for step in reversed(steps):
        if step.new is not None:
            following = new.numbers[step.new]
        found.append(following)
    return found[::-1]


def _where(step: Step, old: _Side, new: _Side) -> str:
    if step.new is not None:
        return new.sections[step.new]
    return old.sections[step.old]  # type: ignore[index]


def _lines(step: Step, old: _Side, new: _Side, word_diff: bool,
           paint: Callable[[str, str], str]) -> Iterator[str]:
    if step.change == "edit" and word_diff:
        yield _word_line(old.lines[step.old], new.lines[step.new], paint)  # type: ignore[index]
        return
    if step.old is not None:
        yield paint("-" + old.lines[step.old], RED)
    if step.new is not None:
        yield paint("+" + new.lines[step.new], GREEN)


def _sections(lines: list[str]) -> list[str]:
    """For each line, the section it belongs to: 'afsnit b' (an aktstykke's), 'punkt 3' (an
    agenda's), or 'indledning' before the first."""
    current, found = "indledning", []
    for line in lines:
        if match := _SECTION.match(key(line)):
            current = f"afsnit {match[1]}"
        elif match := _ITEM.match(key(line)):
            current = f"punkt {match[1]}"
        found.append(current)
    return found


def _word_line(before: str, after: str, paint: Callable[[str, str], str]) -> str:
    """One line with the changed tokens marked: [-old-] and {+new+}."""
    a, b = key(before), key(after)
    parts = []
    for change, text in changes(a, b) or [("del", a), ("ins", b)]:
        if change == "del":
            parts.append(paint("[-" + text + "-]", RED))
        elif change == "ins":
            parts.append(paint("{+" + text + "+}", GREEN))
        else:
            parts.append(text)
    return "~" + "".join(parts)
