"""The unit an amount is shown in: mio. kr. (the default), mia. kr. or kr.

Amounts are held in mio. kr.; a named amount typed in another unit, and a reference that asks
for one (`{udgift|mia}`), convert here, exactly (Decimal), and are rounded half-up only when
shown: one decimal for mio. and mia., none for kr. This is the one place a reference's unit is
read; it is meant to give way to the shared units module when that lands.
"""

from __future__ import annotations

from decimal import Decimal

from aktstykker_gen import formatting

# The unit as a spec types it, its factor to mio. kr., its decimals and its printed form.
ENHEDER = {
    "mio. kr.": (Decimal(1), 1, f"mio.{formatting.NBSP}kr."),
    "mia. kr.": (Decimal(1000), 1, f"mia.{formatting.NBSP}kr."),
    "kr.": (Decimal("0.000001"), 0, "kr."),
}
# The short names a reference asks for a unit by: {udgift|mia}.
KORT = {"mio": "mio. kr.", "mia": "mia. kr.", "kr": "kr."}
STANDARD = "mio. kr."


def til_mio(value: Decimal, enhed: str) -> Decimal:
    """`value` typed in `enhed`, in mio. kr. (exact)."""
    return value * ENHEDER[enhed][0]


def vis(value_mio: Decimal, enhed: str = STANDARD) -> str:
    """An amount held in mio. kr., shown in `enhed`: "1,2 mia. kr.", "350.000 kr."."""
    factor, decimals, unit = ENHEDER[enhed]
    return f"{formatting.number(value_mio / factor, decimals)}{formatting.NBSP}{unit}"
