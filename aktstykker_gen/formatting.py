"""Danish numbers, dates and lists, as Folketinget prints them.

babel does the locale work; two decisions are ours: amounts round half-up
(babel rounds half-even: 0,25 would print 0,2) and a rounded zero never keeps
its minus sign (no "-0,0"). babel is imported when the first number, date or list is
formatted, not with this module: a `check` that finds nothing formats none, and babel and its
locale data are a tenth of its start-up.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "da_DK"
NBSP = "\u00a0"
MIO_KR = f"mio.{NBSP}kr."
# "§" or "§§" and the space before a number, as a clerk types it in prose ("§ 35.11.69.11.").
_PARAGRAF = re.compile(r"(§§?)[^\S\n]+(?=[0-9])")


def round_half_up(value: Decimal, decimals: int = 1) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def number(value: Decimal, decimals: int = 1) -> str:
    """30 → "30,0"; -30 → "-30,0"; 1288.44 → "1.288,4"; 4735 with 0 decimals → "4.735"."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round_half_up(value, decimals), format=pattern, locale=LOCALE)


def amount(value: Decimal) -> str:
    """An amount with its unit, joined by a non-breaking space: "6,6 mio. kr."."""
    return f"{number(value)}{NBSP}{MIO_KR}"


def bind_paragraph_signs(text: str) -> str:
    """"§ 35.11.69.11." with a non-breaking space, as references print it: a line never
    breaks between the sign and its number, in typed text as in generated text."""
    return _PARAGRAF.sub(lambda match: match[1] + NBSP, text)


def long_date(value: datetime.date) -> str:
    """"1. oktober 2025"."""
    from babel.dates import format_date

    return format_date(value, "d. MMMM y", locale=LOCALE)


def short_date(value: datetime.date) -> str:
    """"09-10-2025", the form of Finansudvalget's decision line."""
    from babel.dates import format_date

    return format_date(value, "dd-MM-y", locale=LOCALE)


def enumeration(items: Iterable[str]) -> str:
    """"a, b og c"."""
    from babel.lists import format_list

    return format_list(list(items), locale=LOCALE)
