"""Value types shared by document kinds: exact amounts typed as clerks type them.

An amount is built from the text in the spec, never from a float: `30.0`,
`"30,0"`, `-30,0` and `1.288,4` are all exact `Decimal`s.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_DANISH = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?")
_POINT = re.compile(r"-?\d+(\.\d+)?")


def parse_amount(text: str) -> Decimal:
    """Read an amount written with a decimal comma (and thousands dots) or a decimal point.

    A dot with no comma is a decimal point, as YAML writes `30.0`.
    """
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if _POINT.fullmatch(cleaned):
        return Decimal(cleaned)
    if _DANISH.fullmatch(cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    raise ValueError(text)


def _amount(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "amount", "'{value}' er ikke et beløb", {"value": "" if value is None else value})


Amount = Annotated[Decimal, BeforeValidator(_amount)]
