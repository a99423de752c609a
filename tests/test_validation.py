"""Typing a loaded spec: the seed spec, altered one fact at a time, and the diagnostic that
points at the altered text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aktstykker_gen.diagnostics import Severity, SpecError
from aktstykker_gen.kinds.aktstykke.model import Aktstykke
from aktstykker_gen.load import load_text
from aktstykker_gen.validation import validate

SEED = Path(__file__).parent.parent / "specs" / "2025-10-01-personlig-medicin.yaml"
NAME = "seed.yaml"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def altered(old: str, new: str) -> str:
    """The seed spec with the one occurrence of `old` replaced by `new`."""
    text = seed_text()
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the seed spec"
    return text.replace(old, new)


def diagnostics(text: str):
    with pytest.raises(SpecError) as caught:
        validate(load_text(text, NAME), Aktstykke)
    return caught.value.diagnostics


def only(text: str, code: str):
    """The one diagnostic with `code` that validating `text` gives."""
    found = [d for d in diagnostics(text) if d.code == code]
    assert len(found) == 1, found
    return found[0]


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the one occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def where(diagnostic) -> tuple[int, int]:
    return diagnostic.span.line, diagnostic.span.column


# -- the seed spec ---------------------------------------------------------------------------


def test_the_seed_spec_validates():
    assert validate(load_text(seed_text(), NAME), Aktstykke).model.finansår == 2025


def test_amounts_in_the_seed_spec_are_exact_decimals():
    model = validate(load_text(seed_text(), NAME), Aktstykke).model
    line = model.finansiering[0].underkonti[0].standardkonti[0]
    assert (type(line.udgift[2025]), str(line.udgift[2025])) == (Decimal, "-30.0")


def test_a_quoted_danish_amount_is_read_as_the_same_decimal():
    text = altered("udgift: {2025: 6.6}", "udgift: {2025: '6,6'}")
    model = validate(load_text(text, NAME), Aktstykke).model
    assert model.udgifter[4].underkonti[0].standardkonti[0].udgift == {2025: Decimal("6.6")}


def test_the_validated_spec_knows_where_a_model_object_came_from():
    text = seed_text()
    spec = validate(load_text(text, NAME), Aktstykke)
    line = spec.model.finansiering[0].underkonti[0].standardkonti[0]
    span = spec.span(line, "udgift", "2025")
    assert (span.line, span.column) == position(text, "-30.0")


# -- unknown field: AKT004 -------------------------------------------------------------------

TYPO = ("    navn: Lægemiddelstyrelsen\n", "    navnn: Lægemiddelstyrelsen\n")


def test_an_unknown_field_is_akt004_naming_it():
    assert only(altered(*TYPO), "AKT004").message == "ukendt felt 'navnn'"


def test_an_unknown_field_suggests_the_closest_known_field():
    assert only(altered(*TYPO), "AKT004").hint == "mente du 'navn'?"


def test_an_unknown_field_points_at_its_key():
    text = altered(*TYPO)
    assert where(only(text, "AKT004")) == position(text, "navnn")


def test_a_misspelt_required_field_is_both_unknown_and_missing():
    assert sorted(d.code for d in diagnostics(altered(*TYPO))) == ["AKT004", "AKT005"]


def test_an_unknown_field_with_no_close_match_points_to_the_documentation():
    text = altered("sted: København\n", "sted: København\nxyzzy: 1\n")
    assert "docs/spec-format.md" in only(text, "AKT004").hint


def test_an_unknown_field_in_a_flow_mapping_points_at_its_key():
    text = altered("{id: ngc, navn", "{idd: ngc, navn")
    assert where(only(text, "AKT004")) == position(text, "idd: ngc")


# Regression: HEAD 4aac0b2 reported "ukendt felt 'indsæt'" (hint "mente du 'indsæt'?") at the
# 'indsæt' key, because the union tag in pydantic's error location was taken for a field.
def test_an_unknown_field_in_an_inserted_block_is_named_and_pointed_at():
    text = altered("    - indsæt: kontoliste\n", "    - indsæt: kontoliste\n      ekstra: 1\n")
    diagnostic = only(text, "AKT004")
    assert (diagnostic.message, where(diagnostic)) == ("ukendt felt 'ekstra'",
                                                       position(text, "ekstra"))


# -- missing field: AKT005 -------------------------------------------------------------------


def test_a_missing_required_field_is_akt005_naming_it():
    text = altered("ministerium: Indenrigs- og Sundhedsministeriet\n", "")
    [diagnostic] = diagnostics(text)
    assert (diagnostic.code, diagnostic.message) == ("AKT005", "feltet 'ministerium' mangler")


def test_a_missing_top_level_field_points_at_the_start_of_the_spec():
    text = altered("ministerium: Indenrigs- og Sundhedsministeriet\n", "")
    assert where(only(text, "AKT005")) == position(text, "art: aktstykke")


def test_a_missing_nested_field_points_at_the_mapping_that_lacks_it():
    text = altered("    navn: Lægemiddelstyrelsen\n", "")
    assert where(only(text, "AKT005")) == position(text, "nr: 16.11.16")


def test_a_missing_field_tells_how_to_add_it():
    text = altered("ministerium: Indenrigs- og Sundhedsministeriet\n", "")
    assert only(text, "AKT005").hint.startswith("tilføj 'ministerium:'")


# -- bad amount: AKT007 ----------------------------------------------------------------------

BAD_AMOUNT = ("udgift: {2025: 6.6}", "udgift: {2025: abc}")


def test_text_that_is_not_an_amount_is_akt007():
    [diagnostic] = diagnostics(altered(*BAD_AMOUNT))
    assert (diagnostic.code, diagnostic.severity) == ("AKT007", Severity.ERROR)


def test_a_bad_amount_is_quoted_in_the_message():
    assert "'abc' er ikke et beløb" in only(altered(*BAD_AMOUNT), "AKT007").message


def test_a_bad_amount_points_at_the_value():
    text = altered(*BAD_AMOUNT)
    assert where(only(text, "AKT007")) == position(text, "abc")


def test_a_bad_amount_shows_how_to_write_one():
    assert "30,0" in only(altered(*BAD_AMOUNT), "AKT007").hint


def test_a_bad_named_amount_is_akt007_at_its_value():
    text = altered("finansår: 2025\n", "finansår: 2025\nbeløb:\n  finanslov: tredive\n")
    assert where(only(text, "AKT007")) == position(text, "tredive")


def test_an_empty_amount_is_akt007():
    text = altered("udgift: {2025: 6.6}", "udgift: {2025: }")
    assert only(text, "AKT007").span.line == position(text, "udgift: {2025: }")[0]


# -- wrong form or type: AKT006 --------------------------------------------------------------

BAD_ACCOUNT = ("  - nr: 16.11.16\n", "  - nr: 16.1.16\n")


def test_an_account_number_of_the_wrong_form_is_akt006():
    [diagnostic] = diagnostics(altered(*BAD_ACCOUNT))
    assert (diagnostic.code, diagnostic.message) == (
        "AKT006", "i 'nr': '16.1.16' har ikke den rigtige form")


def test_an_account_number_of_the_wrong_form_points_at_the_value():
    text = altered(*BAD_ACCOUNT)
    assert where(only(text, "AKT006")) == position(text, "16.1.16")


def test_an_account_number_of_the_wrong_form_shows_the_right_form():
    assert "16.71.08" in only(altered(*BAD_ACCOUNT), "AKT006").hint


def test_a_recipients_account_number_is_checked_too():
    text = altered("konto: 16.35.01", "konto: 16-35-01")
    assert where(only(text, "AKT006")) == position(text, "16-35-01")


def test_a_list_where_amounts_per_year_are_expected_is_akt007():
    text = altered("udgift: {2025: 6.6}", "udgift: [6.6]")
    [diagnostic] = diagnostics(text)
    assert (diagnostic.code, diagnostic.message, where(diagnostic)) == (
        "AKT007", "i 'udgift': forventede beløb pr. finansår", position(text, "[6.6]"))


def test_a_list_where_fields_are_expected_is_akt006():
    text = altered("afgørelse:\n  dato: 2025-10-09", "afgørelse: [2025-10-09]")
    [diagnostic] = diagnostics(text)
    assert (diagnostic.code, diagnostic.message, where(diagnostic)) == (
        "AKT006", "i 'afgørelse': forventede felter (nøgle: værdi)", position(text, "[2025-10-09]"))


def test_a_list_where_a_nested_model_is_expected_is_akt006():
    text = altered("afgørelse:\n  dato: 2025-10-09", "afgørelse:\n  - dato: 2025-10-09")
    diagnostic = only(text, "AKT006")
    assert (diagnostic.message, diagnostic.span.line) == (
        "i 'afgørelse': forventede felter (nøgle: værdi)", position(text, "- dato: 2025-10-09")[0])


def test_fields_where_a_list_is_expected_is_akt006_with_a_hint_about_dashes():
    text = altered("underskrivere:\n  - Sophie Løhde\n  - Mads Grønnegaard-Kieler\n",
                   "underskrivere: {a: b}\n")
    diagnostic = only(text, "AKT006")
    assert (where(diagnostic), "'- '" in diagnostic.hint) == (position(text, "{a: b}"), True)


def test_an_impossible_date_is_akt006_at_the_date():
    text = altered("dato: 2025-10-01", "dato: 2025-13-01")
    diagnostic = only(text, "AKT006")
    assert (diagnostic.message, where(diagnostic)) == (
        "i 'dato': '2025-13-01' er ikke en dag i kalenderen",
        position(text, "2025-13-01"))


def test_a_word_that_is_not_yes_or_no_is_akt006():
    text = altered("ny: true", "ny: måske")
    assert where(only(text, "AKT006")) == position(text, "måske")


def test_an_unknown_inserted_block_lists_the_possible_ones():
    text = altered("indsæt: kontoliste", "indsæt: kontolist")
    diagnostic = only(text, "AKT006")
    assert ("'kontoliste'" in diagnostic.message, where(diagnostic)) == (
        True, position(text, "kontolist\n"))


def test_a_finansår_out_of_range_is_akt006():
    text = altered("finansår: 2025", "finansår: 1025")
    assert only(text, "AKT006").message == "i 'finansår': året 1025 ligger uden for årene 1900-2099"


# Regression: HEAD 4aac0b2 pointed at the value (6.6), not at the key that is wrong.
def test_a_year_that_is_not_a_number_points_at_the_year():
    text = altered("udgift: {2025: 6.6}", "udgift: {tyve: 6.6}")
    assert where(only(text, "AKT006")) == position(text, "tyve")


# Regression: HEAD 4aac0b2 gave this diagnostic no span, so it did not name the file.
def test_an_empty_spec_is_reported_against_its_file():
    with pytest.raises(SpecError) as caught:
        validate(load_text("# kun en kommentar\n", "tom.yaml"), Aktstykke)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.span is not None and diagnostic.span.file) == (
        "AKT006", "tom.yaml")
