"""Acceptance: no single amount in the seed spec can be mistyped unnoticed.

For every amount in the spec, a copy with only that amount changed by 0,1 (up, and
down) fails `check` with exit 1 and a diagnostic that names the amount's line.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import SEED_SPEC

from aktstykker_gen import cli

# Every amount in the seed is the value of a year-keyed mapping ({2025: 6.6}); it has no
# named amounts (`beløb:`) and no `nettoændring`, which the first test makes sure of.
AMOUNT = re.compile(r"(?<=\d{4}: )-?\d+\.\d+(?=[},\s])")


def amounts_in_seed() -> list[tuple[int, int, str]]:
    """(offset, line, text) of every amount, found in the text independently of the tool."""
    text = SEED_SPEC.read_text(encoding="utf-8")
    return [(m.start(), text.count("\n", 0, m.start()) + 1, m[0]) for m in AMOUNT.finditer(text)]


def test_the_seed_has_the_amounts_a_reader_counts():
    """5 expense lines, 1 financing line and 6 recipients' allocations, and nothing else."""
    text = SEED_SPEC.read_text(encoding="utf-8")
    assert (len(amounts_in_seed()), "\nbeløb:" in text, "nettoændring" in text) == (12, False, False)


def check_mutant(tmp_path, capsys, offset: int, old: str, new: str) -> tuple[int, str]:
    text = SEED_SPEC.read_text(encoding="utf-8")
    mutant = tmp_path / "mutant.yaml"
    mutant.write_text(text[:offset] + new + text[offset + len(old):], encoding="utf-8")
    code = cli.main(["check", str(mutant)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("step", [Decimal("0.1"), Decimal("-0.1")], ids=["plus", "minus"])
def test_every_amount_changed_by_a_tenth_is_caught_at_its_line(tmp_path, capsys, step):
    """Each mutant exits 1 and some diagnostic (primary or 'se også') names the amount's line."""
    results = []
    for offset, line, old in amounts_in_seed():
        code, stderr = check_mutant(tmp_path, capsys, offset, old, str(Decimal(old) + step))
        named = re.search(rf"mutant\.yaml:{line}:\d+", stderr) is not None
        results.append((line, old, code == 1 and named))
    missed = [(line, old) for line, old, caught in results if not caught]
    print(f"caught {len(results) - len(missed)} / {len(results)}")
    assert missed == []


def test_a_changed_expense_is_blamed_at_its_own_line(tmp_path, capsys):
    """The first diagnostic points at the changed expense, since recipient and financing agree."""
    offset, line, old = next(a for a in amounts_in_seed() if a[2] == "6.6")
    _, stderr = check_mutant(tmp_path, capsys, offset, old, "6.7")
    assert stderr.startswith(f"{tmp_path / 'mutant.yaml'}:{line}:")
