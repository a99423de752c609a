"""The finanslov's paragraffer and the ministry each belongs to, from `data/paragraffer.csv`.

The view names a tekstanmærkning's § by its owner, which need not be the ministry that sends
the aktstykke (a ministry may move money on other ministries' §§, as akt. 283 of 2020-21 does).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    """A semicolon-separated table in `data/`, without its `#` comment lines."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")),
                                   delimiter=";"))


@cache
def paragraffer() -> dict[str, str]:
    """Each § number ("16") and the name of the ministry (or area) it belongs to."""
    return {row["nr"]: row["navn"] for row in rows("paragraffer.csv")}


def same_ministry(one: str, other: str) -> bool:
    """Equal up to case, spacing and a closing full stop."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().rstrip(".").split())
    return norm(one) == norm(other)
