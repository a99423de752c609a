"""Every way a Dane writes an amount, generated from its value in mio. kr.

The forms are written here from the rules of Danish notation (thousands in dots or spaces, the
decimal comma, the unit after or before the number, number words), not from what the recogniser
happens to read, so a form it misses is a failing test.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

# Units after the number, by how many mio. kr. one of them is.
MIO_UNITS = ("mio. kr.", "mio kr", "mio.kr.", "mio. kroner", "mill. kr.", "millioner kroner",
             "million kr.", "mio.", "mio")
MIA_UNITS = ("mia. kr.", "mia kr", "milliarder kroner", "milliard kr.", "mia.")
KR_UNITS = ("kr.", "kr", "kroner", "DKK")
TKR_UNITS = ("t. kr.", "tkr.", "tusind kr.")
KR_BEFORE = ("kr.", "kr", "DKK")
MINUS = ("-", "\u2212", "÷", "minus ", "\u2212 ", "÷ ")

# Number words for the values the tests use (written out as a Dane would).
WORDS = {
    Decimal("7"): ("syv",),
    Decimal("17"): ("sytten",),
    Decimal("25"): ("femogtyve", "fem og tyve"),
    Decimal("30"): ("tredive",),
    Decimal("250"): ("to hundrede og halvtreds",),
    Decimal("0.5"): ("en halv", "halv"),
    Decimal("1.5"): ("halvanden", "en og en halv"),
    Decimal("4.5"): ("fire og en halv",),
    Decimal("6.6"): ("seks komma seks",),
}


def grouped(whole: int, separator: str) -> str:
    """1288 → '1.288' (or '1 288'): thousands in groups of three."""
    text = str(whole)
    groups = [text[max(0, i - 3):i] for i in range(len(text), 0, -3)][::-1]
    return separator.join(groups)


def danish(value: Decimal, separator: str = ".", decimals: int | None = None) -> str:
    """A non-negative number the Danish way: 1.288,4."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0") if decimals is None else fraction
    return grouped(int(whole), separator) + ("," + fraction if fraction else "")


def forms(value: Decimal) -> Iterator[str]:
    """Every written form of a positive amount of `value` mio. kr."""
    for separator in (".", "\u00a0"):
        for decimals in (None, 1, 2):
            if decimals is not None and value.quantize(Decimal(1).scaleb(-decimals)) != value:
                continue  # 12,25 has no honest form with one decimal
            number = danish(value, separator, decimals)
            for unit in MIO_UNITS:
                yield f"{number} {unit}"
            if decimals is None:
                yield f"kr. {number} mio."
    kroner = value * 1_000_000
    if kroner == kroner.to_integral_value():
        for separator in (".", " ", "\u00a0"):
            number = grouped(int(kroner), separator)
            for unit in KR_UNITS:
                yield f"{number} {unit}"
            for unit in KR_BEFORE:
                yield f"{unit} {number}"
                yield f"indtil {unit} {number}"
    tusinder = value * 1000
    if tusinder == tusinder.to_integral_value():
        for unit in TKR_UNITS:
            yield f"{grouped(int(tusinder), '.')} {unit}"
    milliarder = value / 1000
    if -milliarder.as_tuple().exponent <= 3:  # type: ignore[operator]
        for unit in MIA_UNITS:
            yield f"{danish(milliarder)} {unit}"
    for words in WORDS.get(value.normalize(), ()):
        for unit in (*MIO_UNITS[:6], "millioner"):
            yield f"{words} {unit}"
    if value >= 1000 and value % 1000 == 0:
        for words in WORDS.get((value / 1000).normalize(), ()):
            for unit in MIA_UNITS[:3]:
                yield f"{words} {unit}"


def negative_forms(value: Decimal) -> Iterator[str]:
    """Forms of minus `value` mio. kr.: every sign before a sample of the positive forms."""
    positive = [f for f in forms(value) if f[0].isdigit()]
    for sign in MINUS:
        for form in positive[::7]:
            yield sign + form


# Numbers in prose that are not amounts: years, dates, account and annotation numbers,
# percentages, ranges of years, citations.
NOT_AMOUNTS = (
    "i 2025", "i 2026-2027", "i 2025–2027", "den 1. juli 2025", "1. oktober 2025",
    "Nr. 313 ad 16.71.08.", "§ 16.71.08", "Stk. 2.", "2,5 pct.", "3,1 %", "12,5 procent",
    "jf. akt. 281 af 26. juni 2025", "akt. 122 af 27. marts 2020", "16.11.79.79.49",
    "kl. 10", "3 initiativer", "et treårigt program", "en række initiativer",
    "op til tre år", "lov nr. 1234 af 12. december 2024", "EMN-2023-01359",
)
