"""What several rule groups need: the subject's type, where prose stands, every amount."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pydantic import BaseModel

from aktstykker_gen.diagnostics import Span
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Punkter, Tekstanmærkning
from aktstykker_gen.kinds.aktstykke.view import SIDER, lines
from aktstykker_gen.references import REFERENCE as _REFERENCE_SPAN
from aktstykker_gen.rules import Subject

Spec = Subject[Aktstykke]


@dataclass(frozen=True)
class Prosa:
    text: str
    span: Span | None
    anmærkning: Tekstanmærkning | None = None   # set when the text is law text of an annotation


def pinpoint(spec: Spec, span: Span | None, needle: str) -> Span | None:
    """Where `needle` stands in the source, at or after the start of its text (a block scalar
    begins on the line of its `>-`); the whole text's span if it cannot be found."""
    if span is None:
        return None
    lines = _lines(spec.validated.source.text)
    for number in range(span.line, min(len(lines), span.line + 200) + 1):
        start = span.column - 1 if number == span.line else 0
        column = lines[number - 1].find(needle, start)
        if column >= 0:
            return Span(span.file, number, column + 1, len(needle))
    return span


@lru_cache(maxsize=1)
def _lines(text: str) -> list[str]:
    """The source's lines, split once per spec rather than once per finding."""
    return text.split("\n")


def prose(spec: Spec) -> Iterator[Prosa]:
    """Every text where references work (docs/spec-format.md §12), with its position."""
    model = spec.model
    for letter, blocks in model.tekst:
        for i, block in enumerate(blocks or ()):
            if isinstance(block, str):
                yield Prosa(block, spec.span(model.tekst, letter, i))
            elif isinstance(block, Punkter):
                for j, item in enumerate(block.punkter):
                    yield Prosa(item, spec.span(model.tekst, letter, i, "punkter", j))
    for anmærkning in model.tekstanmærkninger:
        for j, stk in enumerate(anmærkning.stk):
            yield Prosa(stk, spec.span(anmærkning, "stk", j), anmærkning)


@dataclass(frozen=True)
class Beløbssted:
    """One amount as typed, and the model object and keys that lead to it."""

    value: Decimal
    owner: BaseModel
    parts: tuple[str, ...]


def amounts(model: Aktstykke) -> Iterator[Beløbssted]:
    for hovedkonto in model.udgifter + model.finansiering:
        for line in lines(hovedkonto):
            for side in SIDER:
                for år, value in getattr(line, side).items():
                    yield Beløbssted(value, line, (side, str(år)))
    for modtager in model.modtagere:
        for år, value in modtager.beløb.items():
            yield Beløbssted(value, modtager, ("beløb", str(år)))
    for name, value in model.beløb.items():
        yield Beløbssted(value, model, ("beløb", name))
    for år, value in model.nettoændring.items():
        yield Beløbssted(value, model, ("nettoændring", str(år)))


_NUMBER = r"[-\u2212÷]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_UNIT = (r"(?:mia\.|milliarder?)(?:\s*kr(?:\.|oner))?|(?:mio\.|mill\.|millioner?)(?:\s*kr(?:\.|oner))?"
         r"|t\.\s*kr\.|kr\.|kroner")
_LITERAL = re.compile(rf"(?<![\w.,])(?P<number>{_NUMBER})(?:\s*(?P<unit>{_UNIT}))?(?!\w)",
                      re.IGNORECASE)


def _scale(unit: str | None) -> Decimal:
    """How many mio. kr. one of the unit is."""
    unit = (unit or "mio").casefold()
    if unit.startswith(("mia", "milliard")):
        return Decimal(1000)
    if unit.startswith(("mio", "mill")):
        return Decimal(1)
    return Decimal("0.001") if unit.startswith("t.") else Decimal("0.000001")


@dataclass(frozen=True)
class Bogstaveligt:
    """An amount written out in prose, and its value in mio. kr."""

    text: str
    value: Decimal


def literal_amounts(text: str) -> Iterator[Bogstaveligt]:
    """Amounts written out: a number with a unit of kroner, or with a decimal comma.

    References (`{konto:16.71.08}`) are not literals; years, dates and numbers
    of annotations ("Nr. 313", "1. juli 2025") have neither unit nor comma.
    """
    blanked = _REFERENCE_SPAN.sub(lambda m: " " * len(m[0]), text)
    for match in _LITERAL.finditer(blanked):
        number, unit = match["number"], match["unit"]
        if unit is None and "," not in number:
            continue
        if unit is None and re.match(r"\s*(pct\.|procent|%)", blanked[match.end():]):
            continue
        cleaned = number.replace(".", "").replace(",", ".").replace("\u2212", "-").replace("÷", "-")
        yield Bogstaveligt(match[0].strip(), Decimal(cleaned) * _scale(unit))
