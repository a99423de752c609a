"""Amounts written out in Danish text, and what each is worth in mio. kr.

One recogniser for the whole tool, so that no rule reads "7 mio kr" while another misses it.
It reads what a clerk types or pastes from Word: the number in every Danish form (`7`,
`7,5`, `1.288,4`, `7.000.000`, `7 000 000`, `−7`, `÷7`, `minus 7`, and in words: `syv`,
`femogtyve`, `tre komma fem`, `en halv`, `halvanden`, `fire og en halv`), the unit after it
(`mio. kr.`, `mio kr`, `mill.`, `millioner kroner`, `mia.`, `milliarder`, `t. kr.`, `kr.`,
`kroner`, `DKK`) or before it (`kr. 7.000.000`, `indtil kr. 7.000.000`, `kr. 7,5 mio.`). A
number with no unit counts only when it has a decimal comma (`30,0`), as an amount in prose is
in mio. kr.; years, dates, section numbers and percentages are not amounts.

Number words are read by `text2num` (which reads Danish), imported only when a unit follows a
word, so a check of a spec that writes no amount in words never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from aktstykker_gen.references import REFERENCE

MIA, MIO, TKR, KR = Decimal(1000), Decimal(1), Decimal("0.001"), Decimal("0.000001")

_SPACE = "[ \u00a0\u202f\u2009]"
# Thousands in groups of three (dots or spaces), or plain digits; a decimal comma, or a decimal
# point before one or two digits ("7.5", pasted from English: three digits are thousands).
_DIGITS = (rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)"
           r"(?:,\d+|\.\d{1,2}(?![\d.]))?")
_SIGN = r"(?:[\u2212÷]\s?|[-\u2013](?=\d)|minus\s+)"
_KR = r"(?:kr\b\.?|kroner\b|dkk\b)"
_AFTER = (rf"(?P<mia>mia\b\.?|milliard(?:er)?\b)(?:\s*{_KR})?"
          rf"|(?P<mio>mio\b\.?|mill\b\.?|million(?:er)?\b)(?:\s*{_KR})?"
          rf"|(?P<tkr>t\.\s*kr\b\.?|tkr\b\.?|tusinde?\s+{_KR})"
          rf"|(?P<kr>{_KR})")
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?P<before>{_KR})\s*)?(?P<sign>{_SIGN})?(?P<digits>{_DIGITS})(?![\w])"
    rf"(?:\s*(?:{_AFTER}))?", re.IGNORECASE)
# A unit after words: "syv mio. kr.", "en halv mia. kr.".
_UNIT_WORD = r"(?:mio|mia|mill|millioner?|milliard(?:er)?|kr|kroner|dkk)\b"
_WORDS = re.compile(rf"(?P<words>(?:(?!{_UNIT_WORD})[a-zæøå]+\s+){{1,8}}?)(?:{_AFTER})",
                    re.IGNORECASE)
# Where a match of _WORDS ends: a letter, space and a unit. Searched first, as most texts with
# a unit have digits before it: _WORDS tries a run of words at every letter of the text.
_WORD_THEN_UNIT = re.compile(rf"[a-zæøå]\s+(?:{_AFTER})", re.IGNORECASE)
# Every amount has a unit word or a decimal comma: most texts (an account's name, "Initiativ 12")
# are passed over at once.
_MAY_HOLD_ONE = re.compile(r"\d,\d|mi[oal]|kr|dkk", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(?:pct\b|procent|%)", re.IGNORECASE)

# What text2num does not read: fractions.
_FRACTIONS = {"halv": Decimal("0.5"), "halvanden": Decimal("1.5"), "kvart": Decimal("0.25")}


@dataclass(frozen=True)
class WrittenAmount:
    """An amount as it stands in a text: where, as written, and its value in mio. kr."""

    text: str
    start: int
    end: int
    value: Decimal


def written_amounts(text: str) -> Iterator[WrittenAmount]:
    """Every amount written out in `text`, in order; references (`{udgift}`) are not read."""
    if not _MAY_HOLD_ONE.search(text):
        return
    blanked = REFERENCE.sub(lambda m: " " * len(m[0]), text)
    end = 0
    for amount in sorted([*_in_digits(blanked), *_in_words(blanked)], key=lambda a: a.start):
        if amount.start >= end:
            yield WrittenAmount(text[amount.start:amount.end], amount.start, amount.end,
                                amount.value)
            end = amount.end


def _in_digits(text: str) -> Iterator[WrittenAmount]:
    for match in _NUMBER.finditer(text):
        digits, scale = match["digits"], _scale(match)
        if scale is None:
            if "," not in digits or _PERCENT.match(text, match.end()):
                continue
            scale = MIO
        value = _number(digits) * scale
        if match["sign"]:
            value = -value
        yield WrittenAmount(match[0], match.start(), match.end(), value)


def _scale(match: re.Match[str]) -> Decimal | None:
    if match["mia"]:
        return MIA
    if match["mio"]:
        return MIO
    if match["tkr"]:
        return TKR
    if match["kr"] or match["before"]:
        return KR
    return None


def _number(digits: str) -> Decimal:
    digits = re.sub(_SPACE, "", digits)
    if "," in digits:
        return Decimal(digits.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", digits):
        return Decimal(digits)
    return Decimal(digits.replace(".", ""))


def _in_words(text: str) -> Iterator[WrittenAmount]:
    if not _WORD_THEN_UNIT.search(text):
        return
    for match in _WORDS.finditer(text):
        words = match["words"].split()
        if not words:
            continue
        for first in range(len(words)):
            if words[first].casefold() in ("og", "komma"):
                continue  # joins two numbers, never begins one
            value = _word_value(words[first:])
            if value is not None:
                start = match.start() + _offset(match["words"], first)
                sign = re.search(r"(?:minus|÷)\s+$", text[:start], re.IGNORECASE)
                if sign:
                    start, value = sign.start(), -value
                yield WrittenAmount(text[start:match.end()], start, match.end(),
                                    value * _scale(match))  # type: ignore[operator]
                break


def _offset(words: str, first: int) -> int:
    """Where the `first`-th word begins in the run of words."""
    return [m.start() for m in re.finditer(r"\S+", words)][first]


def _word_value(words: list[str]) -> Decimal | None:
    """The number a run of Danish number words names ("fire og en halv"), or None."""
    lowered = [w.casefold() for w in words]
    fraction = Decimal(0)
    if lowered[-1] in _FRACTIONS:
        fraction = _FRACTIONS[lowered[-1]]
        lowered = lowered[:-1]
        if lowered[-2:] in (["og", "en"], ["og", "et"]):
            lowered = lowered[:-2]
        elif lowered[-1:] in (["en"], ["et"]):
            lowered = lowered[:-1]
        if not lowered:
            return fraction
    whole = _words_to_number(" ".join(lowered))
    return None if whole is None else whole + fraction


def _words_to_number(phrase: str) -> Decimal | None:
    """"femogtyve" → 25, "tre komma fem" → 3,5; `text2num` leaves a lone "en" or "et" as a
    word in running text (it may be an article), but before a unit it is a number."""
    from text_to_num import alpha2digit, text2num

    digits = alpha2digit(phrase, "da").strip()
    if re.fullmatch(r"\d+(?:,\d+)?", digits):
        return Decimal(digits.replace(",", "."))
    try:
        return Decimal(text2num(phrase, "da"))
    except ValueError:
        return None
