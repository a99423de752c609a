"""The finanslov's amounts from the export (--kontoplan): the columns as the seed shows them,
a draw over the reserve (AKT312), a quoted figure that disagrees (AKT313), and `check
--verbose`'s comparison. The real exports are read from ../shared/data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_SPEC, SHARED_DATA, require, seed_with
from hypothesis import given, settings
from hypothesis import strategies as st

from aktstykker_gen import cli
from aktstykker_gen.kontoplan import KontoplanError, read_kontoplan
from aktstykker_gen.pipeline import check

SEED_DRAW = "udgift: {2025: -30.0}"


def export(year: int) -> Path:
    path = SHARED_DATA / f"finanslovsdatabasen_{year}.csv"
    require(path.is_file(), f"{path} is absent (the shared data folder is not mounted)")
    return path


@pytest.fixture(scope="module")
def plan_2025():
    return read_kontoplan(export(2025))


def spec_file(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(checked, code: str) -> list:
    return [d for d in checked.diagnostics if d.code == code]


# -- the columns, against the seed ----------------------------------------------------------


def test_the_reserve_holds_30_on_the_finanslov_and_0_after_the_aktstykker(plan_2025):
    reserve = plan_2025.find("16.11.79.79")
    assert reserve.amounts[1:3] == (Decimal("30.0"), Decimal("0.0"))


def test_the_new_underkonto_gets_the_seeds_17_after_the_aktstykker(plan_2025):
    assert plan_2025.find("16.55.07.20").amounts[1:3] == (Decimal("0.0"), Decimal("17.0"))


@pytest.mark.parametrize(("år", "column", "amount"), [
    (2025, "B", "30.0"), (2026, "BO1", "30.0"), (2027, "BO2", "30.0"), (2028, "BO3", "0.0")])
def test_the_finanslov_figure_per_year_is_b_then_the_budget_outline(plan_2025, år, column,
                                                                   amount):
    """"30,0 mio. kr. årligt i 2025-2027", as the seed says, and nothing in 2028."""
    afsat = plan_2025.finanslov("16.11.79.79", år, 2025)
    assert (afsat.column, afsat.amount, afsat.line) == (column, Decimal(amount), 6340)


def test_no_figure_outside_the_columns_or_for_another_finansår(plan_2025):
    assert (plan_2025.finanslov("16.11.79.79", 2024, 2025),
            plan_2025.finanslov("16.11.79.79", 2029, 2025),
            plan_2025.finanslov("16.11.79.79", 2026, 2026)) == (None, None, None)


# -- AKT312: a draw over what the finanslov holds ----------------------------------------------


def test_the_seed_checks_without_errors_against_the_2025_export(plan_2025):
    checked = check(SEED_SPEC, kontoplan=plan_2025)
    assert [d.code for d in checked.diagnostics if d.is_error] == []


def test_a_copy_drawing_30_1_fails_with_the_exports_figure(tmp_path, plan_2025):
    text = seed_with((SEED_DRAW, "udgift: {2025: -30.1}"))
    checked = check(spec_file(tmp_path, text), kontoplan=plan_2025)
    [error] = codes(checked, "AKT312")
    assert error.message == ("finansieringen trækker 30,1 mio. kr. på § 16.11.79.79 i 2025, men "
                             "finansloven har kun afsat 30,0 mio. kr. der")
    assert (error.span.line, error.related[0].line) == (
        text[:text.index("-30.1")].count("\n") + 1, 6340)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=600))
def test_a_draw_is_an_error_exactly_when_it_exceeds_the_reserve(tmp_path_factory, tenths):
    """Any draw from 0,1 to 60,0 on the 30,0 reserve: AKT312 iff over 30,0 (the expenses are
    left as they are; AKT201's imbalance is another rule's)."""
    plan = read_kontoplan(export(2025))
    drawn = Decimal(tenths) / 10
    text = seed_with((SEED_DRAW, f"udgift: {{2025: -{drawn}}}"))
    checked = check(spec_file(tmp_path_factory.mktemp("draw"), text), kontoplan=plan)
    assert bool(codes(checked, "AKT312")) is (drawn > Decimal("30.0"))


def test_without_an_export_an_overdrawn_reserve_is_not_compared(tmp_path):
    text = seed_with((SEED_DRAW, "udgift: {2025: -30.1}"))
    assert codes(check(spec_file(tmp_path, text)), "AKT312") == []


def test_a_draw_in_a_later_year_is_held_to_its_budget_outline(tmp_path, plan_2025):
    """2028's budgetoverslag for the reserve is 0,0: any draw then is over it."""
    text = seed_with((SEED_DRAW, "udgift: {2025: -30.0, 2028: -1.0}"))
    [error] = codes(check(spec_file(tmp_path, text), kontoplan=plan_2025), "AKT312")
    assert "i 2028" in error.message and "kolonne BO3" in error.details[0]


def test_a_new_underkonto_is_not_compared(tmp_path, plan_2025):
    text = seed_with(("      - nr: 79\n        navn: Strategi for Personlig Medicin\n",
                      "      - nr: 79\n        navn: Strategi for Personlig Medicin\n"
                      "        ny: true\n"), (SEED_DRAW, "udgift: {2025: -30.1}"))
    assert codes(check(spec_file(tmp_path, text), kontoplan=plan_2025), "AKT312") == []


# -- AKT313: a figure quoted from the finanslov ---------------------------------------------


def quoting(value: str, years: str = "[2025, 2026, 2027]") -> str:
    return seed_with(
        ("tekstanmærkninger:", f"beløb:\n  afsat:\n    værdi: {value}\n    finanslov: "
                               f"{{konto: 16.11.79.79, år: {years}}}\n\ntekstanmærkninger:"),
        ("afsat {finansiering} årligt", "afsat {beløb:afsat} årligt"))


def test_a_quoted_figure_that_agrees_with_the_export_passes(tmp_path, plan_2025):
    checked = check(spec_file(tmp_path, quoting("30.0")), kontoplan=plan_2025)
    assert [d.code for d in checked.diagnostics if d.is_error] == []


def test_a_quoted_figure_that_disagrees_fails_naming_the_exports_figure(tmp_path, plan_2025):
    text = quoting("35.0")
    [error] = codes(check(spec_file(tmp_path, text), kontoplan=plan_2025), "AKT313")
    assert error.message == ("beløbet 'afsat' er 35,0 mio. kr., men finansloven har 30,0 mio. "
                             "kr. på § 16.11.79.79 i 2025")
    assert error.span.line == text[:text.index("værdi: 35.0")].count("\n") + 1


def test_a_quoted_figure_is_checked_in_each_of_its_years(tmp_path, plan_2025):
    """30,0 agrees in 2025-2027 but not in 2028, where the budget outline has 0,0."""
    [error] = codes(check(spec_file(tmp_path, quoting("30.0", "[2025, 2028]")),
                          kontoplan=plan_2025), "AKT313")
    assert error.message.endswith("0,0 mio. kr. på § 16.11.79.79 i 2028")


# -- check --verbose ----------------------------------------------------------------------


def test_verbose_shows_the_reserve_beside_the_exports_figure(capsys):
    path = export(2025)
    assert cli.main(["check", "-v", "--kontoplan", str(path), str(SEED_SPEC)]) == 0
    err = capsys.readouterr().err
    assert ("§ 16.11.79.79 Strategi for Personlig Medicin, 2025: trækker 30,0 mio. kr., "
            "finansloven har afsat 30,0 mio. kr. (kolonne B, linje 6340): ok") in err


def test_verbose_without_an_export_adds_nothing(capsys):
    cli.main(["check", "-v", str(SEED_SPEC)])
    assert "sammenlignet" not in capsys.readouterr().err


# -- the reader's amounts --------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "finanslovsdatabasen_2025.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


@given(st.lists(st.integers(min_value=-10**9, max_value=10**9), min_size=6, max_size=6))
def test_the_amounts_are_read_as_exact_decimals(tmp_path_factory, tenths):
    fields = "; ".join(f"{t // 10},{abs(t) % 10}" if t >= 0 else f"-{-t // 10},{-t % 10}"
                       for t in tenths)
    path = write(tmp_path_factory.mktemp("plan"), f'"161116 Lægemiddelstyrelsen "; {fields}\n')
    assert read_kontoplan(path).find("16.11.16").amounts == tuple(
        Decimal(t) / 10 for t in tenths)


@pytest.mark.parametrize("field", ["1.288,4", "abc", "1e5", "30,0 mio"])
def test_an_amount_that_is_no_number_is_refused_with_its_line(tmp_path, field):
    path = write(tmp_path, f'"16 X "; 1,0\n"161 Y "; {field}\n')
    with pytest.raises(KontoplanError) as refused:
        read_kontoplan(path)
    assert refused.value.diagnostic.span.line == 2
