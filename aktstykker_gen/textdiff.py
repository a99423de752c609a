"""A reviewer's diff of two readings: the lines that differ (with N unchanged lines around
them on request, as diff -U N), each hunk headed like diff(1)'s by the lines of both texts it
spans and by where it is (textplaces.py), with the changed words marked on request.

Lines are aligned by `alignment`, the same alignment `redline` uses, so the two show the same
lines changed: a line deleted right before an edited one stands alone as deleted, and a line
deleted in one place and inserted in another gets a hunk of its own at each end, headed
"flyttet til linje N" (of NEW) or "flyttet fra linje N" (of OLD). Line numbers are those of
each side's text as `textconv` prints it: of a spec, its built .txt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aktstykker_gen.alignment import Fingerprint, Step, align, moves
from aktstykker_gen.reading import Reading, key
from aktstykker_gen.textplaces import is_row, places, unlettered
from aktstykker_gen.tokens import changes

RED, GREEN, CYAN, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[0m"


@dataclass(frozen=True)
class _Side:
    """A reading's non-empty lines, with where each stands and what it is aligned by."""

    lines: list[str]
    numbers: list[int]        # the line's number in the reading, from 1
    places: list[str]         # where it stands: "afsnit b › § 16.11.37 › 10"
    prints: list[Fingerprint]

    @classmethod
    def of(cls, reading: Reading) -> _Side:
        kept = [(n, line.rstrip()) for n, line in enumerate(reading.lines, start=1) if key(line)]
        lines = [line for _, line in kept]
        return cls(lines, [n for n, _ in kept], places(lines),
                   [(_kind(line), key(unlettered(key(line)))) for line in lines])


def _kind(line: str) -> str:
    """"row" for a table row (its cells stand two spaces apart; prose never has two spaces
    running), "" for prose: a row and a paragraph never pair, and rows never move, as in
    `redline`."""
    return "row" if is_row(line) else ""


def changed_lines(old: Reading, new: Reading) -> tuple[set[str], set[str]]:
    """The lines shown removed and added, as a reader compares them (the section letter
    aside): what `redline` must mark changed too."""
    a, b = _Side.of(old), _Side.of(new)
    steps = align(a.prints, b.prints)
    return ({a.prints[s.old][1] for s in steps if s.change != "equal" and s.old is not None},
            {b.prints[s.new][1] for s in steps if s.change != "equal" and s.new is not None})


def diff_lines(old: Reading, new: Reading, *, word_diff: bool = False,
               colour: bool = False, context: int = 0) -> Iterator[str]:
    """Hunks as diff(1)'s unified ones, `context` unchanged lines around each change; each
    headed by the lines of both texts it spans and where it is (section, account)."""
    a, b = _Side.of(old), _Side.of(new)
    steps = align(a.prints, b.prints)

    def paint(text: str, colour_code: str) -> str:
        return f"{colour_code}{text}{RESET}" if colour else text

    partner = _moves(steps, a, b)
    at = {"old": _positions(steps, a, "old"), "new": _positions(steps, b, "new")}
    for lo, hi, first in _hunks(steps, partner, context):
        shown = steps[lo:hi]
        olds = [a.numbers[s.old] for s in shown if s.old is not None]
        news = [b.numbers[s.new] for s in shown if s.new is not None]
        header = (f"@@ {_span('-', olds, at['old'][first])} {_span('+', news, at['new'][first])}"
                  f" @@ {_where(steps[first], a, b)}")
        if first in partner:   # a move: a hunk of its own, naming the other end's line
            other, way = partner[first], "til" if steps[first].old is not None else "fra"
            side = "new" if way == "til" else "old"
            header += f", flyttet {way} linje {at[side][other]}"
        yield paint(header, CYAN)
        for index in range(lo, hi):
            step = steps[index]
            if step.change == "equal":
                yield " " + b.lines[step.new]  # type: ignore[index]
            elif index in partner and step.new is not None and word_diff \
                    and a.prints[steps[partner[index]].old] != b.prints[step.new]:  # type: ignore[index]
                yield _word_line(a.lines[steps[partner[index]].old], b.lines[step.new],  # type: ignore[index]
                                 paint)
            else:
                yield from _lines(step, a, b, word_diff and index not in partner, paint)


def _hunks(steps: list[Step], partner: dict[int, int], context: int
           ) -> Iterator[tuple[int, int, int]]:
    """(first step, step after the last, first changed step) of each hunk: the changes side by
    side, with up to `context` equal steps either side; hunks whose context meets are one, as
    in diff(1), but each end of a move is a hunk of its own."""
    runs: list[list[int]] = []
    for index, step in enumerate(steps):
        if step.change == "equal":
            continue
        if runs and runs[-1][-1] == index - 1 and index not in partner \
                and runs[-1][-1] not in partner:
            runs[-1].append(index)
        else:
            runs.append([index])
    hunks: list[list[int]] = []   # [lo, hi, first]
    for run in runs:
        lo, hi = run[0], run[-1] + 1
        while lo > 0 and run[0] - lo < context and steps[lo - 1].change == "equal":
            lo -= 1
        while hi < len(steps) and hi - run[-1] - 1 < context and steps[hi].change == "equal":
            hi += 1
        alone = run[0] in partner
        if hunks and not alone and hunks[-1][2] not in partner and lo <= hunks[-1][1]:
            hunks[-1][1] = hi
        else:
            hunks.append([lo, hi, run[0]])
    yield from ((lo, hi, first) for lo, hi, first in hunks)


def _span(sign: str, numbers: list[int], before: int) -> str:
    """A side's lines in a hunk header, as diff(1) writes them: the first and how many file
    lines they span ("-21,3"; the count left out when 1); none shown: the line before, ",0"."""
    if not numbers:
        return f"{sign}{before - 1},0"
    count = numbers[-1] - numbers[0] + 1
    return f"{sign}{numbers[0]}" + (f",{count}" if count != 1 else "")


def _moves(steps: list[Step], old: _Side, new: _Side) -> dict[int, int]:
    """The steps that are the two ends of a move, each to the other's index."""
    deleted = [i for i, s in enumerate(steps) if s.change == "del" and not old.prints[s.old][0]]  # type: ignore[index]
    inserted = [i for i, s in enumerate(steps) if s.change == "ins" and not new.prints[s.new][0]]  # type: ignore[index]
    found = moves([old.prints[steps[i].old] for i in deleted],  # type: ignore[index]
                  [new.prints[steps[i].new] for i in inserted])  # type: ignore[index]
    pairs = {deleted[d]: inserted[n] for d, n in found}
    return pairs | {n: d for d, n in pairs.items()}


def _positions(steps: list[Step], side: _Side, which: str) -> list[int]:
    """For each step, the number of the line of one side (`which`: "old" or "new") it is at;
    a step that side does not have: that side's next line's."""
    found, following = [], len(side.numbers) and side.numbers[-1] + 1 or 1
    for step in reversed(steps):
        number = step.old if which == "old" else step.new
        if number is not None:
            following = side.numbers[number]
        found.append(following)
    return found[::-1]


def _where(step: Step, old: _Side, new: _Side) -> str:
    if step.new is not None:
        return new.places[step.new]
    return old.places[step.old]  # type: ignore[index]


def _lines(step: Step, old: _Side, new: _Side, word_diff: bool,
           paint: Callable[[str, str], str]) -> Iterator[str]:
    if step.change == "edit" and word_diff:
        yield _word_line(old.lines[step.old], new.lines[step.new], paint)  # type: ignore[index]
        return
    if step.old is not None:
        yield paint("-" + old.lines[step.old], RED)
    if step.new is not None:
        yield paint("+" + new.lines[step.new], GREEN)


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
