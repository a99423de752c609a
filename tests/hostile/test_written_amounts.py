"""The one recogniser of written amounts reads every Danish form of an amount, in any text
around it, and reads nothing else as one.

Generated: every form `danish_amounts.forms` writes of a sample of values (whole, with
decimals, above a thousand, below one), each inside several sentences; the same negated with
every sign; and every non-amount phrase beside an amount.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from danish_amounts import NOT_AMOUNTS, forms, negative_forms
from hypothesis import given, settings
from hypothesis import strategies as st

from aktstykker_gen.written_amounts import written_amounts

VALUES = [Decimal(v) for v in ("7", "6.6", "0.2", "17", "30", "1288.4", "0.5", "1.5", "4.5",
                               "25", "250", "2000", "12.25")]
SENTENCES = ("{}", "Der afsættes {} til formålet.", "tilskud på {} i 2025",
             "Finansministeren bemyndiges til at overføre {}, jf. akt. 281 af 26. juni 2025.",
             "({})", "i alt {}; resten følger")
CASES = [(value, form) for value in VALUES for form in forms(value)]
NEGATIVE = [(value, form) for value in VALUES[:4] for form in negative_forms(value)]


def test_the_generated_classes_are_large():
    """1.253 forms × 6 sentences, and 252 negated forms, when this was written."""
    assert len(CASES) * len(SENTENCES) > 5000 and len(NEGATIVE) > 200


@pytest.mark.parametrize(("value", "form"), CASES, ids=[f"{v}:{f}" for v, f in CASES])
def test_every_form_is_read_as_its_value_in_every_sentence(value, form):
    for sentence in SENTENCES:
        text = sentence.format(form)
        found = [(a.text, a.value) for a in written_amounts(text)]
        assert found == [(form.removeprefix("indtil "), value)], text


@pytest.mark.parametrize(("value", "form"), NEGATIVE, ids=[f"-{v}:{f}" for v, f in NEGATIVE])
def test_a_negative_amount_is_read_negative(value, form):
    [found] = written_amounts(f"en regulering på {form} i 2025")
    assert (found.text, found.value) == (form, -value)


@pytest.mark.parametrize("phrase", NOT_AMOUNTS)
def test_years_dates_numbers_and_percentages_are_not_amounts(phrase):
    assert list(written_amounts(f"Det gælder {phrase} for alle.")) == []


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.sampled_from(NOT_AMOUNTS), st.sampled_from(CASES), st.sampled_from(NOT_AMOUNTS))
def test_an_amount_among_other_numbers_is_read_alone(before, case, after):
    value, form = case
    found = [a.value for a in written_amounts(f"{before}: {form}, {after}")]
    assert found == [value]


def test_references_are_not_written_amounts():
    assert list(written_amounts("{konto:16.71.08} og {modtager:amgros} i {finansår}")) == []


TOKENS = ("syv", "en", "halv", "og", "Fem", "komma", "tre", "til", "i", "alt", "2025", "7,5",
          "-", "÷", "mio.", "mio", "Mia.", "kr.", "kr", "kroner", "t. kr.", "DKK", "millioner",
          "milliarder", "tusind", "pct.", "(", ")", ",", ".", ":", "æøå", "KR")


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOKENS),
                          st.sampled_from(("", " ", "  ", "\n", "\u00a0", "\t"))), max_size=14))
def test_the_quick_test_for_amounts_in_words_misses_none(tokens):
    """Amounts in words are looked for only where a word is followed by a unit
    (`_WORD_THEN_UNIT`): wherever the full pattern finds one, the quick test finds that too."""
    from aktstykker_gen.written_amounts import _WORD_THEN_UNIT, _WORDS

    text = "".join(token + space for token, space in tokens)
    if _WORDS.search(text):
        assert _WORD_THEN_UNIT.search(text), text
