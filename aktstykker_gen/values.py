"""Value types shared by document kinds: exact amounts and true/false as clerks type them.

An amount is built from the text in the spec, never from a float: `30.0`,
`"30,0"`, `-30,0` and `1.288,4` are all exact `Decimal`s. Digits are ASCII only:
Python's `Decimal` would read "٥" or "５" as 5, and a spec that looks like one thing
must not mean another.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_DANISH = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?")
_POINT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# `1.200` is 1200 to a Dane (a thousands dot) and 1,2 to YAML (a decimal point).
_AMBIGUOUS = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")


# Bounds, in mio. kr.: the whole state budget is about 1.400.000 mio. kr.; nothing is finer
# than one krone. Anything beyond is a typing slip, and bounded values keep arithmetic exact.
LIMIT = Decimal(10) ** 9
FINEST = 6


def parse_amount(text: str) -> Decimal:
    """Read an amount written with a decimal comma (and thousands dots) or a decimal point.

    A dot with no comma is a decimal point, as YAML writes `30.0`, except where it could
    as well be a thousands dot: one dot followed by exactly three digits (`1.200`, `12.500`)
    is `Ambiguous`.
    """
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if _AMBIGUOUS.fullmatch(cleaned):
        raise Ambiguous(text)
    if _POINT.fullmatch(cleaned):
        value = Decimal(cleaned)
    elif _DANISH.fullmatch(cleaned):
        value = Decimal(cleaned.replace(".", "").replace(",", "."))
    else:
        raise ValueError(text)
    if abs(value) >= LIMIT or -value.as_tuple().exponent > FINEST:  # type: ignore[operator]
        raise OutOfRange(text)
    return value


class OutOfRange(ValueError):
    """A well-formed amount beyond what an aktstykke can hold."""


class Ambiguous(ValueError):
    """An amount that reads as two different numbers, such as `1.200`."""

    @property
    def readings(self) -> tuple[str, str]:
        """The two numbers, as the hint writes them: ("1200", "1,2")."""
        whole, decimals = self.args[0].strip().replace("\u2212", "-").split(".")
        return whole + decimals, f"{whole},{decimals.rstrip('0') or '0'}"


def _amount(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except OutOfRange:
            raise PydanticCustomError(
                "amount_range", "'{value}' er uden for det mulige", {"value": value}) from None
        except Ambiguous as ambiguous:
            thousands, decimal = ambiguous.readings
            raise PydanticCustomError(
                "amount_ambiguous", "'{value}' kan læses både som {tusind} og som {decimal}",
                {"value": value, "tusind": thousands, "decimal": decimal}) from None
        except ValueError:
            pass
    raise PydanticCustomError(
        "amount", "'{value}' er ikke et beløb", {"value": "" if value is None else value})


# What an editor's JSON Schema can say about an amount: a YAML number within the bounds, or a
# text in one of the forms `parse_amount` reads (at most FINEST = 6 decimals). It cannot see
# the text of a number, so `5e0` or `.5` pass here and are refused only by `aktstykke check`.
_AMOUNT_TEXT = (r"^[ \u00a0]*[-\u2212]?[ \u00a0]*([0-9]+(\.[0-9]{1,6})?"
                r"|[0-9]{1,3}(\.[0-9]{3})*(,[0-9]{1,6})?|[0-9]+(,[0-9]{1,6})?"
                r"|[0-9]{1,3}([ \u00a0][0-9]{3})+(,[0-9]{1,6})?)[ \u00a0]*$")
AMOUNT_JSON_SCHEMA = {
    "description": "Beløb i mio. kr., fx 30.0, 30,0, -30,0 eller 1.288,4.",
    "anyOf": [{"type": "number", "exclusiveMinimum": -int(LIMIT), "exclusiveMaximum": int(LIMIT)},
              {"type": "string", "pattern": _AMOUNT_TEXT}],
}

Amount = Annotated[Decimal, BeforeValidator(_amount), WithJsonSchema(AMOUNT_JSON_SCHEMA)]


def _flag(value: Any) -> bool:
    """YAML 1.2's true/false only: `yes`, `no`, `ja`, `on` are refused, not guessed."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().casefold() in ("true", "false"):
        return value.strip().casefold() == "true"
    raise PydanticCustomError("flag", "'{value}' er ikke true eller false",
                              {"value": "" if value is None else value})


Flag = Annotated[bool, BeforeValidator(_flag)]
