"""A reviewer's diff of two readings: only the lines that differ, under the section they
are in, with the changed words marked on request."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from aktstykker_gen.reading import Reading, key

_SECTION = re.compile(r"^([a-f])\. ")
# An agenda item's heading: "6 (Fortrolig)", "3 (Offentlig) Fortrolige priser …".
_ITEM = re.compile(r"^([0-9]+) \((?:Offentlig|Fortrolig)\)")
RED, GREEN, CYAN, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[0m"


def diff_lines(old: Reading, new: Reading, *, word_diff: bool = False,
               colour: bool = False) -> Iterator[str]:
    """Hunks without context, each headed by the section (a–f) its first changed line is in."""
    old_lines = [line.rstrip() for line in old.lines if key(line)]
    new_lines = [line.rstrip() for line in new.lines if key(line)]
    sections = _sections(new_lines)
    old_sections = _sections(old_lines)
    matcher = difflib.SequenceMatcher(None, [key(x) for x in old_lines],
                                      [key(x) for x in new_lines], autojunk=False)

    def paint(text: str, colour_code: str) -> str:
        return f"{colour_code}{text}{RESET}" if colour else text

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        where = sections[j1] if j1 < len(new_lines) else old_sections[min(i1, len(old_lines) - 1)]
        yield paint(f"@@ {where}, linje {j1 + 1} @@", CYAN)
        if word_diff and tag == "replace":
            yield from _word_diffs(old_lines[i1:i2], new_lines[j1:j2], paint)
            continue
        yield from (paint("-" + line, RED) for line in old_lines[i1:i2])
        yield from (paint("+" + line, GREEN) for line in new_lines[j1:j2])


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


def _word_diffs(old: list[str], new: list[str], paint) -> Iterator[str]:  # noqa: ANN001
    for before, after in zip(old, new, strict=False):
        a, b = before.split(), after.split()
        parts = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                parts.append(" ".join(a[i1:i2]))
                continue
            if i2 > i1:
                parts.append(paint("[-" + " ".join(a[i1:i2]) + "-]", RED))
            if j2 > j1:
                parts.append(paint("{+" + " ".join(b[j1:j2]) + "+}", GREEN))
        yield "~" + " ".join(parts)
    yield from (paint("-" + line, RED) for line in old[len(new):])
    yield from (paint("+" + line, GREEN) for line in new[len(old):])
