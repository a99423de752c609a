"""Named amounts (amounts the prose writes that no data prints) tied to what they add up to, so
that `check` holds them together (AKT620) and their source is the text: parts of an account's
amount, or the parts of another amount the text writes ("fra 186,4 mio. kr. til 209,8 mio.
kr., svarende til en merudgift på 23,4 mio. kr.": 209,8 is 186,4 and 23,4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning.henvisning import Henvisninger

_MAX_PARTS = 6   # runs of named amounts tried as the parts of an account's amount


def to_accounts(named: dict[str, Any], refs: Henvisninger) -> int:
    """Named amounts that follow each other in the text and add up to what an account prints
    ("27,0 mio. kr. … 11,5 mio. kr." of § 28.21.31's 38,5): tied to it as its parts (svarer_til,
    checked by AKT620), their source the text. Returns how many amounts were tied."""
    keys = [k for k, v in named.items() if "værdi" in v and "enhed" not in v]
    accounts = [ref for ref in refs.candidates if ref.startswith("{konto:")]
    printed = {ref: refs.resolve(ref) for ref in accounts}
    tied, start = 0, 0
    while start < len(keys):
        for end in range(start + 2, min(len(keys), start + _MAX_PARTS) + 1):
            run = keys[start:end]
            total = sum((named[k]["værdi"] for k in run), Decimal(0))
            ref = next((r for r, shown in printed.items() if shown == _shown(total)), None)
            if ref is not None:
                for k in run:
                    named[k]["kilde"] = f"aktstykkets tekst; delene summer til {ref[1:-1]}"
                named[f"sum-{run[0]}"] = {
                    "svarer_til": ref[1:-1], "dele": [f"beløb:{k}" for k in run]}
                tied, start = tied + len(run), end
                break
        else:
            start += 1
    return tied


def _shown(amount: Decimal) -> str:
    """As the text prints an amount in mio. kr. with one decimal: "38,5 mio. kr."."""
    whole, _, decimals = f"{amount:,.1f}".partition(".")
    return f"{whole.replace(',', '.')},{decimals} mio. kr."


def to_each_other(named: dict[str, Any]) -> int:
    """Each named amount that is the sum of others next to each other in the text (the amount
    itself left out from between them: "from A to B, a rise of C" has B = A + C) made their
    sum: its parts named (dele, its printed value kept and checked against them), their
    source the text. Only amounts no account backs, in the same unit, above zero. Returns how
    many amounts became sums."""
    loose = [k for k, v in named.items() if "værdi" in v and "svarer_til" not in v
             and not str(v.get("kilde", "")).startswith("aktstykkets tekst") and v["værdi"] > 0]
    summed = 0
    for total in loose:
        others = [k for k in loose if k != total and "dele" not in named[k]
                  and named[k].get("enhed") == named[total].get("enhed")]
        run = next((others[start:end] for start in range(len(others))
                    for end in range(start + 2, min(len(others), start + _MAX_PARTS) + 1)
                    if sum((named[k]["værdi"] for k in others[start:end]), Decimal(0))
                    == named[total]["værdi"]), None)
        if run is None:
            continue
        named[total].pop("kilde", None)
        named[total]["dele"] = [f"beløb:{k}" for k in run]
        for k in run:
            named[k]["kilde"] = f"aktstykkets tekst; delene summer til beløb:{total}"
        summed += 1
    return summed
