"""Danish numbers, dates and lists as Folketinget prints them, and amounts read from a spec.

Each test: one input, one action, one exact expectation.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from aktstykker_gen import formatting
from aktstykker_gen.values import Amount, parse_amount

NBSP = "\u00a0"


# -- number ----------------------------------------------------------------------------------


def test_a_whole_amount_is_printed_with_one_decimal_after_a_comma():
    assert formatting.number(Decimal("30")) == "30,0"


def test_a_negative_amount_keeps_its_minus_sign():
    assert formatting.number(Decimal("-30")) == "-30,0"


def test_thousands_are_separated_by_a_dot():
    assert formatting.number(Decimal("1288.44")) == "1.288,4"


def test_millions_get_a_dot_between_every_group_of_three():
    assert formatting.number(Decimal("1234567.84")) == "1.234.567,8"


def test_with_zero_decimals_there_is_no_decimal_comma():
    assert formatting.number(Decimal("4735"), 0) == "4.735"


def test_two_decimals_are_printed_when_asked_for():
    assert formatting.number(Decimal("0.125"), 2) == "0,13"


# Half-up, not babel's half-even: half-even would give 0,2 for 0,25 and 0,4 for 0,35.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.25", "0,3"),
        ("0.35", "0,4"),
        ("0.45", "0,5"),
        ("2.5", "2,5"),
        ("-0.25", "-0,3"),   # half-up rounds away from zero on both sides
        ("0.24", "0,2"),
    ],
)
def test_amounts_round_half_up(value, expected):
    assert formatting.number(Decimal(value)) == expected


def test_a_half_rounds_up_to_a_whole_number_with_zero_decimals():
    assert formatting.number(Decimal("2.5"), 0) == "3"


@pytest.mark.parametrize("value", ["-0.04", "-0.0", "-0", "-0.049"])
def test_a_negative_amount_that_rounds_to_zero_prints_as_plain_zero(value):
    assert formatting.number(Decimal(value)) == "0,0"


def test_a_negative_amount_that_rounds_to_zero_with_no_decimals_prints_as_plain_zero():
    assert formatting.number(Decimal("-0.4"), 0) == "0"


def test_a_negative_amount_that_rounds_away_from_zero_keeps_its_sign():
    assert formatting.number(Decimal("-0.05")) == "-0,1"


def test_round_half_up_gives_an_unsigned_zero():
    assert not formatting.round_half_up(Decimal("-0.04")).is_signed()


# -- amount ----------------------------------------------------------------------------------


def test_an_amount_carries_its_unit_joined_by_non_breaking_spaces():
    assert formatting.amount(Decimal("6.6")) == "6,6\u00a0mio.\u00a0kr."


def test_a_negative_amount_carries_its_unit_too():
    assert formatting.amount(Decimal("-30")) == f"-30,0{NBSP}mio.{NBSP}kr."


def test_an_amount_contains_no_ordinary_space_where_a_line_could_break():
    assert " " not in formatting.amount(Decimal("1288.4"))


# -- dates -----------------------------------------------------------------------------------


def test_a_long_date_has_day_without_leading_zero_and_the_month_in_danish():
    assert formatting.long_date(datetime.date(2025, 10, 1)) == "1. oktober 2025"


def test_a_long_date_in_may():
    assert formatting.long_date(datetime.date(2025, 5, 9)) == "9. maj 2025"


def test_a_short_date_is_day_month_year_with_leading_zeros():
    assert formatting.short_date(datetime.date(2025, 10, 9)) == "09-10-2025"


# -- enumeration -----------------------------------------------------------------------------


def test_three_items_are_joined_with_commas_and_og():
    assert formatting.enumeration(["a", "b", "c"]) == "a, b og c"


def test_two_items_are_joined_with_og():
    assert formatting.enumeration(["a", "b"]) == "a og b"


def test_one_item_stands_alone():
    assert formatting.enumeration(["a"]) == "a"


def test_enumeration_accepts_any_iterable():
    assert formatting.enumeration(x for x in ("a", "b", "c")) == "a, b og c"


# -- parse_amount ----------------------------------------------------------------------------
# Decimal("30.0") == Decimal("30") is True, so exactness is checked on str() (digits and
# exponent), not with ==.


def test_a_decimal_comma_is_read_exactly():
    assert str(parse_amount("30,0")) == "30.0"


def test_a_decimal_point_is_read_exactly():
    assert str(parse_amount("30.0")) == "30.0"


def test_a_negative_amount_with_a_decimal_comma():
    assert str(parse_amount("-30,0")) == "-30.0"


def test_thousands_dots_with_a_decimal_comma():
    assert parse_amount("1.288,4") == Decimal("1288.4")


def test_several_thousands_dots_with_a_decimal_comma():
    assert parse_amount("1.000.000,5") == Decimal("1000000.5")


def test_trailing_zeros_are_kept_and_no_float_is_involved():
    assert str(parse_amount("1.10")) == "1.10"


def test_a_point_amount_is_exact_where_a_float_is_not():
    assert parse_amount("0.1") + parse_amount("0.2") == Decimal("0.3")


def test_a_unicode_minus_sign_is_read_as_minus():
    assert parse_amount("\u22125,5") == Decimal("-5.5")


def test_surrounding_whitespace_is_ignored():
    assert parse_amount(" 6,6 ") == Decimal("6.6")


def test_a_non_breaking_space_between_thousands_is_ignored():
    assert parse_amount("1\u00a0288,4") == Decimal("1288.4")


@pytest.mark.parametrize("text", ["abc", "", "1,2,3", "1.28,4", "30.0.0", "6,6 mio. kr."])
def test_text_that_is_not_an_amount_raises_value_error(text):
    with pytest.raises(ValueError):
        parse_amount(text)


# -- Amount, the model's field type ----------------------------------------------------------


def test_the_amount_field_type_reads_a_danish_amount():
    assert str(TypeAdapter(Amount).validate_python("-30,0")) == "-30.0"


@pytest.mark.parametrize("value", [1.1, 30, None])
def test_the_amount_field_type_refuses_anything_but_text_or_decimal(value):
    with pytest.raises(ValidationError, match="er ikke et beløb"):
        TypeAdapter(Amount).validate_python(value)
