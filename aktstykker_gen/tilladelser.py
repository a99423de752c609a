"""Markers that allow one warning at one place: `# aktstykke: tillad AKT602`.

A deliberate figure in a text should not force `--ignore AKT602` for the whole spec, so a YAML
comment can allow named warnings where it stands, as linters' `# noqa` does. A marker after a
value covers that line; a marker on a line of its own covers the next line that is not blank
or a comment. Either way it covers everything indented under that line too, so a marker after
`- >-` covers the whole paragraph (a comment cannot stand inside a block scalar) and one after
`- nr: 10` the whole list item.

PyYAML drops comments, so markers are read from the source text by line. A `#` is a comment
only outside every scalar: the YAML scanner gives each scalar's extent, and is run only when
the text holds a candidate at all, so a spec without markers costs one regex search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from aktstykker_gen.diagnostics import Diagnostic, Severity
from aktstykker_gen.rules import Subject

# Anything the clerk may have meant as a marker: a '#' then "aktstykke:" as the marker spells
# it, or in another case when a code follows ("# Aktstykke: tillad AKT602"); a heading comment
# such as "# Aktstykke: Strategi for personlig medicin" is a comment like any other.
_CANDIDATE = re.compile(r"#[ \t]*(?:aktstykke|(?i:aktstykke)(?=[ \t]*:[^\n]*AKT[0-9]))[ \t]*:"
                        r"(?P<rest>[^\r\n]*)")
# The marker's one form: "tillad" and one or more codes, separated by commas or spaces.
_FORM = re.compile(r"[ \t]*tillad[ \t]+(?P<koder>AKT[0-9]{3}(?:[ \t]*,?[ \t]*AKT[0-9]{3})*)"
                   r"[ \t]*")
_CODE = re.compile(r"AKT[0-9]{3}")


@dataclass(frozen=True)
class Tilladelse:
    """One marker: where it stands, the codes it names (empty if it has not the marker's
    form), the lines it covers, and whether it stands inside a text rather than a comment."""

    line: int
    column: int
    text: str
    koder: tuple[str, ...]
    first: int
    last: int
    i_tekst: bool = False

    def dækker(self, diagnostic: Diagnostic) -> bool:
        """Whether this marker allows `diagnostic`: a warning it names, on a line it covers."""
        span = diagnostic.span
        return (not self.i_tekst and diagnostic.severity is Severity.WARNING
                and diagnostic.code in self.koder and span is not None
                and self.first <= span.line <= self.last)


def tilladelser(text: str) -> list[Tilladelse]:
    """Every marker in a spec's source text, in order."""
    if _CANDIDATE.search(text) is None:
        return []
    lines = text.split("\n")
    starts, ends = _scalar_extents(text)
    found = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        for match in _CANDIDATE.finditer(line):
            # Scalars follow one another: only the last one starting before '#' can hold it.
            i = bisect.bisect_right(starts, offset + match.start()) - 1
            in_text = i >= 0 and offset + match.start() < ends[i]
            form = _FORM.fullmatch(match["rest"])
            koder = tuple(_CODE.findall(form["koder"])) if form else ()
            own_line = not line[:match.start()].strip()
            target = _next_content(lines, number) if own_line else number
            found.append(Tilladelse(number, match.start() + 1, match[0].rstrip(), koder,
                                    target, _block_end(lines, target), in_text))
        offset += len(line) + 1
    return found


def uden_tilladte(diagnostics: Iterable[Diagnostic],
                  markers: list[Tilladelse]) -> list[Diagnostic]:
    """The diagnostics no marker allows."""
    return [d for d in diagnostics if not any(m.dækker(d) for m in markers)]


def _scalar_extents(text: str) -> tuple[list[int], list[int]]:
    """Where each scalar (a key, a value, a block of prose) starts and ends, as character
    offsets in the text, in order."""
    starts: list[int] = []
    ends: list[int] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):  # a block's text begins after its header line
                    newline = text.find("\n", start)
                    start = len(text) if newline < 0 else newline + 1
                starts.append(start)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        pass  # a spec that does not scan is reported by load.py (AKT001) and never checked
    return starts, ends


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _next_content(lines: list[str], number: int) -> int:
    """The first line after `number` that holds more than a comment (`number` if none)."""
    return next((n for n in range(number + 1, len(lines) + 1) if _content(lines[n - 1])), number)


def _block_end(lines: list[str], number: int) -> int:
    """The last line of what starts on line `number`: every following line indented deeper
    (blank lines and comments do not end it)."""
    indent = _indent(lines[number - 1])
    last = number
    for n in range(number + 1, len(lines) + 1):
        line = lines[n - 1]
        if not _content(line):
            continue
        if _indent(line) <= indent:
            break
        last = n
    return last


def _indent(line: str) -> int:
    """A line's indentation: a list item's own lines (`- nr: 10`, then `  navn: …`) are
    indented deeper than its '-', the next item is not."""
    return len(line) - len(line.lstrip(" "))


def læst(subject: Subject[Any]) -> list[Tilladelse]:
    """The markers of the spec a subject holds, read once for the rules and the filter."""
    return subject.once("tilladelser", lambda s: tilladelser(s.validated.source.text))
