"""Units of amounts: mio. kr. (the spec's own), mia. kr. and kr.

Every amount in the data is in mio. kr.; a table, a named amount or a reference may be
shown in another unit. Conversion is exact (Decimal, powers of ten), and rounding happens
once, half-up, at the precision the unit displays (formatting.py).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from aktstykker_gen import formatting


class Enhed(str, Enum):
    """A unit as the clerk types it."""

    mio = "mio. kr."
    mia = "mia. kr."
    kr = "kr."

    @property
    def per_mio(self) -> Decimal:
        """How many of this unit make one mio. kr."""
        return {Enhed.mio: Decimal(1), Enhed.mia: Decimal("0.001"),
                Enhed.kr: Decimal(1_000_000)}[self]

    @property
    def decimaler(self) -> int:
        """Decimals shown by default: one for mio. and mia., none for kroner."""
        return 0 if self is Enhed.kr else 1

    @property
    def linje(self) -> str:
        """The unit line over a table: "Mia. kr."."""
        return self.value[0].upper() + self.value[1:]


# The short names a reference asks for a unit by: {udgift|mia}.
KORT = {"mio": Enhed.mio, "mia": Enhed.mia, "kr": Enhed.kr}


def fra_mio(value: Decimal, enhed: Enhed) -> Decimal:
    """An amount in mio. kr. in `enhed`, exactly."""
    return value * enhed.per_mio


def til_mio(value: Decimal, enhed: Enhed) -> Decimal:
    """An amount in `enhed` in mio. kr., exactly: 1,2 mia. kr. is 1200 mio. kr."""
    return value / enhed.per_mio


def tal(value: Decimal, enhed: Enhed, decimaler: int | None = None) -> str:
    """The number as the unit shows it, rounded half-up: 1,25 mia. → "1,3"."""
    return formatting.number(value, enhed.decimaler if decimaler is None else decimaler)


def beløb(value: Decimal, enhed: Enhed, decimaler: int | None = None) -> str:
    """The number with its unit: "1,3 mia. kr."."""
    unit = enhed.value.replace(" ", formatting.NBSP)
    return f"{tal(value, enhed, decimaler)}{formatting.NBSP}{unit}"


def vist(value: Decimal, enhed: Enhed, decimaler: int | None = None) -> Decimal:
    """The value as shown: rounded half-up at the displayed precision."""
    return formatting.round_half_up(value, enhed.decimaler if decimaler is None else decimaler)


def vis(value_mio: Decimal, enhed: Enhed = Enhed.mio) -> str:
    """An amount held in mio. kr., shown in `enhed`: "1,2 mia. kr.", "350.000 kr."."""
    return beløb(fra_mio(value_mio, enhed), enhed)
