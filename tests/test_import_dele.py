"""Named amounts the prose writes tied to each other where one is the sum of others next to it
in the text (dele.to_each_other): the sum's parts named and checked, the parts' source the
text; amounts that add up to none of the others keep their source for the clerk to give."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from aktstykker_gen.kinds.aktstykke.indlaesning.dele import to_each_other

ASK = "UDFYLD: hvor beløbet stammer fra"
# (the amounts in the order the text writes them, which is the sum of which: by place, from 1)
CASES = [
    # "fra 186,4 til 209,8, svarende til en merudgift på 23,4 … 9,6 i 2025 … 13,8 i 2026"
    (["186,4", "209,8", "23,4", "9,6", "13,8"], {2: [1, 3], 3: [4, 5]}),
    (["5,0", "5,0", "10,0"], {3: [1, 2]}),
    # Parts not next to each other once the sum is left out: no sum.
    (["4,0", "9,0", "20,0", "5,0"], {}),   # 9,0 is 4,0 and 5,0, with 20,0 between
    (["10,0", "20,0", "35,0"], {}),
    (["1,0", "2,0", "0,0"], {}),   # no amount sums to nothing
]


def _named(amounts: list[str]) -> dict[str, Any]:
    return {f"b{n}": {"værdi": Decimal(a.replace(",", ".")), "kilde": ASK}
            for n, a in enumerate(amounts, 1)}


@pytest.mark.parametrize(("amounts", "sums"), CASES)
def test_an_amount_the_text_writes_as_the_sum_of_others_is_made_their_sum(
        amounts: list[str], sums: dict[int, list[int]]) -> None:
    named = _named(amounts)
    assert to_each_other(named) == len(sums)
    assert {int(k[1:]): [int(d.removeprefix("beløb:b")) for d in v["dele"]]
            for k, v in named.items() if "dele" in v} == sums
    parts = {p for ps in sums.values() for p in ps} - set(sums)
    for n, entry in enumerate(named.values(), 1):
        if n in sums:
            assert "kilde" not in entry   # checked against its parts, not sourced
        elif n in parts:
            assert entry["kilde"].startswith("aktstykkets tekst; delene summer til beløb:b")
        else:
            assert entry["kilde"] == ASK


def test_amounts_in_another_unit_are_not_summed_together() -> None:
    named = _named(["1,0", "2,0", "3,0"])
    named["b3"]["enhed"] = "mia. kr."
    assert to_each_other(named) == 0
