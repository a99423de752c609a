"""Where a line of a reader's text stands, for `diff`'s hunk headers: its part of the document
("afsnit b", an agenda's "punkt 3", "afslutning" for the place and date, signatures and what
follows them, "bilag 1") and, for a line of a specification table, the hovedkonto and
underkonto it is under ("afsnit b › § 16.11.37 › 10"): one label ("22. Andre ordinære
driftsomkostninger") stands on several rows of a table.

Read from the text alone, as every input gives it (a spec's canonical text, a built .txt,
DOCX or PDF). In the canonical text a row's label is indented two spaces a level, so an
underkonto is told from a standard account by its indentation; a DOCX or PDF line has none,
and there a numbered line without amounts under a hovedkonto is taken for its underkonto.
"""

from __future__ import annotations

import re

from aktstykker_gen.reading import key

SECTION = re.compile(r"^([a-f])\. ")
# An agenda item's heading: "6 (Fortrolig)", "3 (Offentlig) Fortrolige priser …".
_ITEM = re.compile(r"^([0-9]+) \((?:Offentlig|Fortrolig)\)")
# The closing's first line: "København, den 1. oktober 2025" (the head's line ends in a full
# stop and names the ministry first).
_CLOSING = re.compile(r"^[A-ZÆØÅ][\w\- ]*, den \d{1,2}\. [a-zæøå]+ \d{4}$")
_BILAG = re.compile(r"^Bilag (\d+)\. ")
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
        if match := SECTION.match(text):
            current = f"afsnit {match[1]}"
        elif match := _ITEM.match(text):
            current = f"punkt {match[1]}"
        elif _CLOSING.match(text):
            current = "afslutning"
        elif match := _BILAG.match(text):
            current = f"bilag {match[1]}"
        found.append(current)
    return found


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
