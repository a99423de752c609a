"""References to every fact: any year, a span, a konto or a recipient in a year, a named amount,
in the unit asked for; and every misspelling of them is an error at its place, never text.

The spec below holds three years of data; the expected texts are worked out here from its
figures, not read from the code.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from pathlib import Path

import pytest

from aktstykker_gen import pipeline
from aktstykker_gen.kinds.aktstykke.view import AktstykkeView
from aktstykker_gen.references import references

NBSP = "\u00a0"
# What the spec types per year: the expense (and the reserve that finances it, negated) and
# the one recipient's share of it.
UDGIFT = {2025: Decimal("5.0"), 2026: Decimal("7.5"), 2027: Decimal("2.3")}
MODTAGER = {2025: Decimal("5.0"), 2026: Decimal("7.5"), 2027: Decimal("2.3")}
YEARS = sorted(UDGIFT)

SPEC = """\
art: aktstykke
titel: Pilotprojekt om et farmakogenetisk pas
ministerium: Indenrigs- og Sundhedsministeriet
dato: 2025-10-01
finansår: 2025
udgifter:
  - nr: 16.11.16
    navn: Lægemiddelstyrelsen
    bevillingstype: driftsbevilling
    underkonti:
      - nr: 10
        navn: Almindelig virksomhed
        standardkonti:
          - nr: 22
            navn: Andre ordinære driftsomkostninger
            udgift: {2025: 5.0, 2026: 7.5, 2027: 2.3}
finansiering:
  - nr: 16.11.79
    navn: Reserver og budgetregulering
    underkonti:
      - nr: 79
        navn: Strategi for Personlig Medicin
        standardkonti:
          - nr: 49
            navn: Reserver og budgetregulering
            udgift: {2025: -5.0, 2026: -7.5, 2027: -2.3}
modtagere:
  - {id: lms, navn: Lægemiddelstyrelsen, konto: 16.11.16, beløb: {2025: 5.0, 2026: 7.5, 2027: 2.3}}
beløb:
  loft:
    værdi: 1234.5
    enhed: mia. kr.
    kilde: finansloven for 2025
tekst:
  a:
    - >-
      Ministeriet anmoder om tilslutning til at tilføre {udgift} i {finansår} inden for et
      loft på {beløb:loft}. Midlerne tilføres:
    - indsæt: kontoliste
    - Lægemiddelstyrelsen modtager {modtager:lms:2025-2027}.
    - indsæt: finansiering
  b:
    - >-
      PROSA
    - indsæt: specifikation
    - indsæt: flerårsoversigt
  c:
    - Aktstykket forelægges nu.
  e:
    - indsæt: forslag
  f:
    - Finansministeriets tilslutning foreligger.
underskrivere:
  - Sophie Løhde
"""


def _shown(mio: Decimal, unit: str | None) -> str:
    """The amount as Folketinget prints it, worked out without the code's formatter."""
    factor, decimals, name = {None: (1, 1, "mio. kr."), "mio": (1, 1, "mio. kr."),
                              "mia": (1000, 1, "mia. kr."), "kr": (Decimal("1E-6"), 0, "kr.")}[unit]
    value = (mio / Decimal(factor)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    whole, _, frac = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return f"{sign}{grouped}{',' + frac if frac else ''}{NBSP}{name.replace(' ', NBSP)}"


def _periods() -> list[tuple[str, list[int]]]:
    singles = [(str(year), [year]) for year in YEARS]
    spans = [(f"{a}-{b}", list(range(a, b + 1))) for a, b in combinations(YEARS, 2)]
    return singles + spans


FIGURES = {"udgift": UDGIFT, "finansiering": UDGIFT, "konto:16.11.16": UDGIFT,
           "modtager:lms": MODTAGER}
FORMS = [(f"{{{name}:{period}{'|' + unit if unit else ''}}}",
          _shown(sum(figures[y] for y in years), unit) + (f" i {period}" if len(years) > 1 else ""))
         for name, figures in FIGURES.items() for period, years in _periods()
         for unit in (None, "mio", "mia", "kr")]
# The finansår forms without a year, and the named amount in its own unit and in others.
FORMS += [(f"{{{name}{'|' + unit if unit else ''}}}", _shown(figures[2025], unit))
          for name, figures in FIGURES.items() for unit in (None, "mio", "mia", "kr")]
FORMS += [("{beløb:loft}", f"1.234,5{NBSP}mia.{NBSP}kr."),
          ("{beløb:loft|mia}", f"1.234,5{NBSP}mia.{NBSP}kr."),
          ("{beløb:loft|mio}", f"1.234.500,0{NBSP}mio.{NBSP}kr."),
          ("{beløb:loft|kr}", f"1.234.500.000.000{NBSP}kr.")]


def _check(tmp_path: Path, prosa: str) -> tuple[str, pipeline.Checked]:
    text = SPEC.replace("PROSA", prosa)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return text, pipeline.check(path)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Checked:
    prosa = "Beløbene: " + " / ".join(form for form, _ in FORMS) + "."
    _, result = _check(tmp_path_factory.mktemp("alle"), prosa)
    return result


def test_the_spec_with_every_form_is_clean(checked: pipeline.Checked) -> None:
    assert [(d.code, d.message) for d in checked.diagnostics] == []


@pytest.mark.parametrize(("form", "expected"), FORMS, ids=[form for form, _ in FORMS])
def test_each_form_prints_the_amount_it_names(checked: pipeline.Checked, form: str,
                                              expected: str) -> None:
    assert AktstykkeView(checked.spec.model).prose(form) == expected


def test_a_span_prints_its_period_in_the_built_text(tmp_path: Path) -> None:
    from aktstykker_gen.build import render_outputs

    _, result = _check(tmp_path, "I alt {udgift:2025-2027}, heraf {konto:16.11.16:2026|kr} i 2026.")
    text = render_outputs(result)[".txt"].decode("utf-8").replace(NBSP, " ")
    assert "I alt 14,8 mio. kr. i 2025-2027, heraf 7.500.000 kr. i 2026." in " ".join(text.split())


# What names no fact: a year outside the data, a span that does not run forwards, a year or a
# unit on a text, a year on a named amount. Each is AKT601 at its place.
UNKNOWN = ["{udgift:2024}", "{udgift:2028}", "{udgift:2026-2025}", "{udgift:2025-2025}",
           "{udgift:2025-2030}", "{finansiering:1999}", "{konto:16.11.16:2030}",
           "{konto:16.71.08:2025}", "{konto:16.11.16:2025:2026}", "{modtager:lms:2024}",
           "{modtager:ukendt:2025}", "{kontonavn:16.11.16:2025}", "{finansår|mia}",
           "{finansår:2026}", "{beløb:loft:2025}", "{beløb:ukendt|mio}", "{udgift:ialt}"]


@pytest.mark.parametrize("form", UNKNOWN)
def test_a_reference_to_no_fact_is_an_error_at_its_place(tmp_path: Path, form: str) -> None:
    text, result = _check(tmp_path, f"Her står {form} i teksten.")
    found = [(d.code, d.span.line, d.span.column) for d in result.diagnostics if d.span]
    line = text[:text.index(form)].count("\n") + 1
    column = text.index(form) - text.rfind("\n", 0, text.index(form))
    assert ("AKT601", line, column) in found
    assert not result.ok


def _misspellings(form: str) -> list[str]:
    """Ways a clerk mistypes a reference: a space inside, a capital, an empty segment, a wrong or
    empty unit, a unit without its bar, an en dash in a span."""
    body = form[1:-1]
    found = ["{ " + body + "}", "{" + body + " }", "{" + body[0].upper() + body[1:] + "}",
             "{" + body + ":}", "{" + body + "|}", "{" + body + "|mai}", "{" + body + "|MIA}"]
    if "|" not in body:
        found.append("{" + body + " mia}")
    if "-" in body:
        found.append("{" + body.replace("-", "\u2013") + "}")
    return found


MISSPELT = sorted({bad for form, _ in FORMS for bad in _misspellings(form)})


@pytest.mark.parametrize("bad", MISSPELT)
def test_every_misspelling_is_an_error_at_its_line(tmp_path: Path, bad: str) -> None:
    text, result = _check(tmp_path, f"Her står\n      {bad} i teksten.")
    line = text[:text.index(bad)].count("\n") + 1
    errors = [(d.code, d.span.line) for d in result.diagnostics if d.is_error and d.span]
    assert ("AKT607", line) in errors or ("AKT601", line) in errors, errors
    assert not result.ok


@pytest.mark.parametrize(("period", "years"), [p for p in _periods() if len(p[1]) > 1])
def test_a_span_total_written_out_is_a_copy_of_data_not_an_unknown_amount(
        tmp_path: Path, period: str, years: list[int]) -> None:
    written = _shown(sum(UDGIFT[y] for y in years), None).replace(NBSP, " ")
    _, result = _check(tmp_path, f"I alt {written} i {period}")
    assert [d.code for d in result.diagnostics] == ["AKT602"]


# -- one underkonto or one standardkonto line ---------------------------------------------------

def _seed_lines():
    from conftest import SEED_SPEC

    model = pipeline.check(SEED_SPEC).spec.model
    return model, [(h, u, s) for h in model.udgifter + model.finansiering
                   for u in h.underkonti for s in u.standardkonti]


def test_a_reference_names_one_standardkonto_line_or_one_underkonto_in_every_year():
    """`{konto:HK.UK.SK}` is that line's amount, `{konto:HK.UK}` its underkonto's: expenses, or
    income where there are none, in the finansår or the year or span after the key; summed here
    from the seed's lines independently of the view."""
    model, found = _seed_lines()
    view = AktstykkeView(model)

    def expected(lines, år):
        side = "udgift" if any(år in s.udgift for s in lines) else "indtægt"
        return sum((getattr(s, side).get(år, Decimal(0)) for s in lines), Decimal(0))

    for h, u, s in found:
        for key, lines in ((f"{h.nr}.{u.nr}.{s.nr}", [s]), (f"{h.nr}.{u.nr}", u.standardkonti)):
            [reference] = references("{konto:" + key + "}")
            assert view.value(reference) == expected(lines, model.finansår)
            [in_year] = references("{konto:" + key + f":{model.finansår}" + "}")
            assert view.value(in_year) == expected(lines, model.finansår)


@pytest.mark.parametrize("key", ["16.11.16.99", "16.11.16.10.99", "16.11.16.10.22.1",
                                 "99.99.99.10.22", "16.11.16.10.22:2030"])
def test_a_line_the_spec_does_not_hold_is_akt601(tmp_path: Path, key: str) -> None:
    from conftest import SEED_SPEC

    text = SEED_SPEC.read_text(encoding="utf-8").replace(
        "Midlerne tilføres", "Af dem går {konto:" + key + "} til husleje. Midlerne tilføres", 1)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    assert "AKT601" in [d.code for d in pipeline.check(path).diagnostics]
