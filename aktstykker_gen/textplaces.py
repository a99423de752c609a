"""Where a line of a reader's text stands, for `diff`'s hunk headers: its part of the document
("afsnit b", an agenda's "punkt 3", "afslutning" for the place and date, signatures and what
follows them, "bilag 1": the lines each kind names as opening a part, `Kind.steder`) and,
for a line of a specification table, the hovedkonto and
underkonto it is under ("afsnit b › § 16.11.37 › 10"): one label ("22. Andre ordinære
driftsomkostninger") stands on several rows of a table.

Read from the text alone, as every input gives it (a spec's canonical text, a built .txt,
DOCX or PDF). In the canonical text a row's label is indented two spaces a level, so an
underkonto is told from a standard account by its indentation; a DOCX or PDF line has none,
and there a numbered line without amounts under a hovedkonto is taken for its underkonto.
"""

from __future__ import annotations

import functools
import re

from aktstykker_gen.kinds import KINDS
from aktstykker_gen.reading import key

_HOVEDKONTO = re.compile(r"^§ (\d{2}\.\d{2}\.\d{2})\.")
_NUMBERED = re.compile(r"^(\d{1,3})\. ")
_LEVEL = 2   # spaces of indentation a row level, as writers/text.py indents them


def places(lines: list[str]) -> list[str]:
    """For each (non-empty) line, where it stands."""
    return [part + (f" › {account}" if account else "")
            for part, account in zip(parts(lines), _accounts(lines, parts(lines)), strict=True)]


def parts(lines: list[str]) -> list[str]:
    """For each line, the part of the document it is in; "indledning" before the first."""
    current, found = "indledning", []
    for line in lines:
        text = key(line)
        for pattern, name in _openers():
            if match := pattern.match(text):
                current = name.format(*match.groups())
                break
        found.append(current)
    return found


def unlettered(text: str) -> str:
    """`text` without the running letter a part opens with ("b. " of a section), which the
    alignment sets aside: a section lettered anew is the same section."""
    for pattern in _running():
        text = pattern.sub("", text, count=1)
    return text


@functools.cache
def _running() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(f"^{sted.mønster}") for kind in KINDS.values()
                 for sted in kind.steder if sted.løbende)


@functools.cache
def _openers() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every kind's part openers: a text does not say its kind (a built DOCX, PDF or .txt)."""
    return tuple((re.compile(sted.mønster), sted.navn)
                 for kind in KINDS.values() for sted in kind.steder)


def is_row(line: str) -> bool:
    """A table row with amounts: its cells stand two spaces apart; prose never has two
    spaces running."""
    return "  " in line.strip()


def _accounts(lines: list[str], where: list[str]) -> list[str]:
    """For each line, the hovedkonto (and underkonto) above it in its table, "" for one that
    is under none (a hovedkonto's own row, prose)."""
    path: list[str] = []
    depth, part, found = 0, "", []
    for line, now in zip(lines, where, strict=True):
        text, indent = key(line), len(line) - len(line.lstrip())
        if now != part:
            path, part = [], now
        if match := _HOVEDKONTO.match(text):
            found.append("")
            path, depth = [f"§ {match[1]}"], indent
        elif path and (match := _NUMBERED.match(text)):
            under = (indent - depth) // _LEVEL if indent > depth else 2 if is_row(line) else 1
            if under <= 1:
                found.append(path[0])
                path = [path[0], match[1]]
            else:
                found.append(" › ".join(path))
        else:
            found.append("")
            if not is_row(line):   # prose ends the table; a total row stands under no account
                path = []
    return found
