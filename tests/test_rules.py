"""The aktstykke's consistency rules, run through `pipeline.check` on the seed spec and on
copies of it with one fact changed.
"""

from __future__ import annotations

from pathlib import Path

from aktstykker_gen import pipeline
from aktstykker_gen.diagnostics import Severity

SEED = Path(__file__).parent.parent / "specs" / "2025-10-01-personlig-medicin.yaml"

FINANCING = ("udgift: {2025: -30.0}", "udgift: {2025: -30.1}")
EXPENSE_16_71_08 = ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}")
RECIPIENT_REGIONERNE = ("konto: 16.71.08, beløb: {2025: 6.6}",
                        "konto: 16.71.08, beløb: {2025: 6.7}")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def altered(*changes: tuple[str, str], text: str | None = None) -> str:
    """The seed spec with each (old, new) replaced; every `old` must occur exactly once."""
    text = seed_text() if text is None else text
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} must occur exactly once"
        text = text.replace(old, new)
    return text


def check(tmp_path: Path, text: str) -> tuple[Path, pipeline.Checked]:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path, pipeline.check(path)


def codes(checked: pipeline.Checked) -> list[str]:
    return [d.code for d in checked.diagnostics]


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the one occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# -- the seed spec ---------------------------------------------------------------------------


def test_the_seed_spec_has_no_diagnostics():
    checked = pipeline.check(SEED)
    assert (checked.ok, checked.diagnostics) == (True, [])


# -- AKT201: expenses equal their financing --------------------------------------------------


def test_financing_that_differs_from_the_expenses_is_one_akt201_error(tmp_path):
    _, checked = check(tmp_path, altered(FINANCING))
    assert ([(d.code, d.severity) for d in checked.diagnostics], checked.ok) == (
        [("AKT201", Severity.ERROR)], False)


def test_akt201_points_at_the_financing_amount(tmp_path):
    text = altered(FINANCING)
    path, checked = check(tmp_path, text)
    [diagnostic] = checked.diagnostics
    span = diagnostic.span
    assert (span.file, span.line, span.column) == (str(path), *position(text, "-30.1"))


def test_akt201_gives_expenses_financing_and_difference(tmp_path):
    _, checked = check(tmp_path, altered(FINANCING))
    [diagnostic] = checked.diagnostics
    assert "udgifter 30,0 / finansiering 30,1 / difference -0,1" in diagnostic.details[0]


def test_akt201_names_the_year(tmp_path):
    _, checked = check(tmp_path, altered(FINANCING))
    assert "2025" in checked.diagnostics[0].message


def test_akt201_lists_every_expense_line_of_the_year_as_related(tmp_path):
    text = altered(FINANCING)
    _, checked = check(tmp_path, text)
    expenses = text[:text.index("\nfinansiering:")]
    expected = [i + 1 for i, line in enumerate(expenses.splitlines()) if "udgift: {2025:" in line]
    assert [s.line for s in checked.diagnostics[0].related] == expected


def test_a_changed_expense_without_changed_financing_is_akt201(tmp_path):
    _, checked = check(tmp_path, altered(EXPENSE_16_71_08))
    [diagnostic] = [d for d in checked.diagnostics if d.code == "AKT201"]
    assert diagnostic.details[0] == "udgifter 30,1 / finansiering 30,0 / difference 0,1 mio. kr."


def test_a_changed_expense_without_its_recipient_is_akt202(tmp_path):
    _, checked = check(tmp_path, altered(EXPENSE_16_71_08))
    [diagnostic] = [d for d in checked.diagnostics if d.code == "AKT202"]
    assert diagnostic.details[0] == "kontoen 6,7 / modtagerne 6,6 / difference -0,1 mio. kr."


def test_an_expense_that_neither_its_recipient_nor_the_financing_backs_is_blamed(tmp_path):
    """Two facts (recipient, financing) agree against one (the expense line): both rules point
    at the expense line and list the others."""
    text = altered(EXPENSE_16_71_08)
    _, checked = check(tmp_path, text)
    line_of = {needle: next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)
               for needle in (EXPENSE_16_71_08[1], RECIPIENT_REGIONERNE[0], FINANCING[0])}
    by_code = {d.code: d for d in checked.diagnostics}
    assert (by_code["AKT201"].span.line, by_code["AKT202"].span.line) == (
        line_of[EXPENSE_16_71_08[1]],) * 2
    assert line_of[FINANCING[0]] in [r.line for r in by_code["AKT201"].related]
    assert line_of[RECIPIENT_REGIONERNE[0]] in [r.line for r in by_code["AKT202"].related]


def test_a_changed_recipient_is_blamed_when_the_account_balances(tmp_path):
    text = altered(RECIPIENT_REGIONERNE)
    _, checked = check(tmp_path, text)
    [diagnostic] = checked.diagnostics
    assert (diagnostic.code, diagnostic.span.line) == (
        "AKT202", position(text, RECIPIENT_REGIONERNE[1])[0])


def test_a_recipient_paid_from_an_account_the_aktstykke_does_not_touch_is_akt202(tmp_path):
    text = altered(("konto: 16.11.16, beløb", "konto: 16.11.17, beløb"))
    _, checked = check(tmp_path, text)
    assert [d.message for d in checked.diagnostics if d.code == "AKT202"] == [
        "modtageren 'lmst' betales fra § 16.11.17, som ikke er blandt aktstykkets konti"]


def test_the_same_hovedkonto_twice_is_akt301(tmp_path):
    text = altered(("  - nr: 16.11.37\n", "  - nr: 16.11.16\n"),
                   ("konto: 16.11.37, beløb", "konto: 16.11.16, beløb"))
    _, checked = check(tmp_path, text)
    assert "AKT301" in codes(checked)


def test_an_expense_changed_together_with_its_financing_balances(tmp_path):
    text = altered(EXPENSE_16_71_08, RECIPIENT_REGIONERNE, FINANCING)
    _, checked = check(tmp_path, text)
    assert "AKT201" not in codes(checked)


def test_an_expense_changed_together_with_its_financing_has_no_diagnostics_at_all(tmp_path):
    text = altered(EXPENSE_16_71_08, RECIPIENT_REGIONERNE, FINANCING)
    _, checked = check(tmp_path, text)
    assert checked.diagnostics == []


def test_financing_by_extra_income_balances_like_a_reserve(tmp_path):
    _, checked = check(tmp_path, altered(("udgift: {2025: -30.0}", "indtægt: {2025: 30.0}")))
    assert checked.diagnostics == []


def test_an_amount_typed_with_a_decimal_comma_balances_like_the_same_with_a_point(tmp_path):
    _, checked = check(tmp_path, altered(("udgift: {2025: -30.0}", "udgift: {2025: '-30,0'}")))
    assert checked.diagnostics == []


def test_expenses_in_a_year_with_no_financing_are_akt201(tmp_path):
    text = altered(("udgift: {2025: 6.6}", "udgift: {2025: 6.6, 2026: 6.6}"))
    _, checked = check(tmp_path, text)
    [diagnostic] = checked.diagnostics
    assert (diagnostic.code, "2026" in diagnostic.message, diagnostic.details[0]) == (
        "AKT201", True, "udgifter 6,6 / finansiering 0,0 / difference 6,6 mio. kr.")


# nettoændring is "expenses minus financing": the -30.1 case (expenses 30,0, financing 30,1)
# is a net change of -0,1, the difference AKT201 reports for it.
NETTO = ("finansår: 2025\n", "finansår: 2025\nnettoændring: {{2025: {}}}\n")


def test_an_intended_net_change_makes_the_difference_pass(tmp_path):
    """AKT201 is satisfied; the financing sentence names only the expense, so the 0,1 released
    beyond it is AKT210's warning."""
    netto = (NETTO[0], NETTO[1].format("-0.1"))
    _, checked = check(tmp_path, altered(FINANCING, netto))
    assert codes(checked) == ["AKT210"]


def test_an_intended_net_change_of_the_wrong_sign_does_not_pass(tmp_path):
    netto = (NETTO[0], NETTO[1].format("0.1"))
    _, checked = check(tmp_path, altered(FINANCING, netto))
    [diagnostic] = checked.diagnostics
    assert (diagnostic.code, diagnostic.details) == ("AKT201", (
        "udgifter 30,0 / finansiering 30,1 / difference -0,2 mio. kr.",
        "tilsigtet nettoændring 0,1 mio. kr."))


def test_an_intended_net_change_where_there_is_none_is_akt201(tmp_path):
    netto = (NETTO[0], NETTO[1].format("0.1"))
    _, checked = check(tmp_path, altered(netto))
    assert codes(checked) == ["AKT201"]


# Regression: HEAD 4aac0b2 checked only the years with amounts, so this passed silently.
def test_an_intended_net_change_in_a_year_without_amounts_is_akt201(tmp_path):
    netto = (NETTO[0], "finansår: 2025\nnettoændring: {2026: 0.1}\n")
    _, checked = check(tmp_path, altered(netto))
    assert codes(checked) == ["AKT201"]


# -- AKT601: prose names only data the spec holds --------------------------------------------

UNKNOWN_RECIPIENT = ("{modtager:regionerne} til regionerne", "{modtager:ukendt} til regionerne")


def test_an_unknown_recipient_in_prose_is_one_akt601_error(tmp_path):
    _, checked = check(tmp_path, altered(UNKNOWN_RECIPIENT))
    assert ([(d.code, d.severity) for d in checked.diagnostics], checked.ok) == (
        [("AKT601", Severity.ERROR)], False)


def test_akt601_quotes_the_reference(tmp_path):
    _, checked = check(tmp_path, altered(UNKNOWN_RECIPIENT))
    assert "{modtager:ukendt}" in checked.diagnostics[0].message


def test_akt601_points_at_the_reference_inside_its_folded_block(tmp_path):
    text = altered(UNKNOWN_RECIPIENT)
    path, checked = check(tmp_path, text)
    span = checked.diagnostics[0].span
    assert (span.file, span.line, span.column, span.length) == (
        str(path), *position(text, "{modtager:ukendt}"), len("{modtager:ukendt}"))


def test_an_unknown_account_in_a_bullet_point_is_akt601_at_that_point(tmp_path):
    old = "        - Styrkelse af de danske biobanker i samarbejde med Statens Serum Institut."
    text = altered((old, old + " {konto:99.99.99}"))
    _, checked = check(tmp_path, text)
    [diagnostic] = checked.diagnostics
    line = position(text, "{konto:99.99.99}")[0]
    assert (diagnostic.code, diagnostic.span.line) == ("AKT601", line)


def test_an_unknown_reference_in_a_tekstanmaerkning_is_akt601(tmp_path):
    text = altered(("Tilskuddet til at understøtte initiativerne på {konto:16.71.08}",
                    "Tilskuddet til at understøtte initiativerne på {konto:16.71.09}"))
    _, checked = check(tmp_path, text)
    assert codes(checked) == ["AKT601"]


NAMED_AMOUNT = ("finansår: 2025\n", "finansår: 2025\nbeløb:\n  finanslov: 30.0\n")
FINANSLOV_SENTENCE = "afsat {finansiering} årligt"


def test_an_unknown_named_amount_is_akt601(tmp_path):
    text = altered((FINANSLOV_SENTENCE, "afsat {beløb:finanslov} årligt"))
    _, checked = check(tmp_path, text)
    assert codes(checked) == ["AKT601"]


def test_an_unknown_namespace_is_akt601(tmp_path):
    _, checked = check(tmp_path, altered((FINANSLOV_SENTENCE, "afsat {pris} årligt")))
    assert codes(checked) == ["AKT601"]


def test_every_known_kind_of_reference_is_accepted(tmp_path):
    prose = ("    - Finansministeriets tilslutning foreligger.",
             "    - '{udgift} {finansiering} {finansår} {konto:16.11.79} {kontonavn:16.55.07} "
             "{modtager:ssi} {beløb:finanslov}'")
    _, checked = check(tmp_path, altered(NAMED_AMOUNT, prose))
    assert checked.diagnostics == []


def test_braces_that_do_not_form_a_reference_are_plain_text(tmp_path):
    prose = ("    - Finansministeriets tilslutning foreligger.",
             "    - 'Se { 7*7 }, {{ og }}, {a + b} og \\{udgift}.'")
    _, checked = check(tmp_path, altered(prose))
    assert checked.diagnostics == []


# -- AKT106: an inserted block has data to show ----------------------------------------------


def without_tekstanmærkninger() -> str:
    text = seed_text()
    start, end = text.index("tekstanmærkninger:\n  - nr: 313"), text.index("tekst:\n  a:")
    return text[:start] + text[end:]


def test_inserting_tekstanmaerkninger_without_any_is_one_akt106_error(tmp_path):
    _, checked = check(tmp_path, without_tekstanmærkninger())
    assert ([(d.code, d.severity) for d in checked.diagnostics], checked.ok) == (
        [("AKT106", Severity.ERROR)], False)


def test_akt106_points_at_the_inserted_block(tmp_path):
    text = without_tekstanmærkninger()
    _, checked = check(tmp_path, text)
    span = checked.diagnostics[0].span
    assert (span.line, span.column) == position(text, "indsæt: tekstanmærkninger")


def test_akt106_names_the_block(tmp_path):
    _, checked = check(tmp_path, without_tekstanmærkninger())
    assert "'tekstanmærkninger'" in checked.diagnostics[0].message


def test_removing_the_block_as_well_leaves_no_diagnostics(tmp_path):
    text = altered(("    - indsæt: tekstanmærkninger\n", ""), text=without_tekstanmærkninger())
    _, checked = check(tmp_path, text)
    assert checked.diagnostics == []
