"""The judgements behind some rules, tested on their own: when a folketingsår begins, what
counts as an amount written out in prose, and when rounded parts disagree with their total."""

from __future__ import annotations

import datetime

import pytest
from conftest import SEED_SPEC

from aktstykker_gen.kinds.aktstykke.folketingsaar import folketingsår
from aktstykker_gen.pipeline import check


@pytest.mark.parametrize(("day", "session"), [
    ("2025-10-01", "2024-25"),   # the seed is dated before the opening …
    ("2025-10-06", "2024-25"),
    ("2025-10-07", "2025-26"),   # … the first Tuesday of October 2025 …
    ("2025-10-09", "2025-26"),   # … and decided after it
    ("2026-10-06", "2026-27"),   # 2026: 1 October is a Thursday, the opening Tuesday the 6th
    ("2026-10-05", "2025-26"),
    ("2025-06-26", "2024-25"),
    ("2099-12-31", "2099-00"),
])
def test_a_folketingsår_begins_the_first_tuesday_of_october(day, session):
    assert folketingsår(datetime.date.fromisoformat(day)) == session


def test_lines_whose_rounded_amounts_do_not_add_up_give_akt204_with_both_sums(tmp_path):
    """0,25 + 0,25 shows as 0,3 + 0,3 = 0,6, but the total 0,5 shows as 0,5."""
    text = SEED_SPEC.read_text(encoding="utf-8").replace(
        "            udgift: {2025: 0.2}\n",
        "            udgift: {2025: 0.25}\n          - nr: 16\n"
        "            navn: Husleje, leje af arealer, leasing\n            udgift: {2025: 0.25}\n")
    text = text.replace("beløb: {2025: 0.2}", "beløb: {2025: 0.5}").replace(
        "{2025: -30.0}", "{2025: -30.3}")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    rounding = [d for d in check(spec).diagnostics if d.code == "AKT204"]
    assert [(d.message, d.details) for d in rounding] == [(
        "§ 16.11.16, udgift 2025: de viste beløb summer ikke til den viste total",
        ("vist total 0,5 / sum af viste dele 0,6 mio. kr.",))]
