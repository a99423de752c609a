"""An amount written into any printed text of the seed, in any Danish form, is reported on its
line: AKT602 (a warning) when the data holds it, AKT606 (an error) when it does not, and in
law text AKT403 (an error) when it is not the ad-konto's. So `check --strict` never passes a
document with a written amount in it, and never lets a wrong one through as a mere warning.
"""

from __future__ import annotations

import copy
import functools
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from danish_amounts import forms

from aktstykker_gen.catalogue import registered_codes
from aktstykker_gen.diagnostics import SpecError
from aktstykker_gen.pipeline import check

SEED = Path(__file__).resolve().parents[2] / "specs" / "2025-10-01-personlig-medicin.yaml"
DATA = yaml.safe_load(SEED.read_text(encoding="utf-8"))
MARK = "Markørtekst"

# Every printed free-text field of the seed, by its path in the data.
FIELDS = {
    "titel": ("titel",),
    "ministerium": ("ministerium",),
    "sted": ("sted",),
    "hovedkonto.navn": ("udgifter", 0, "navn"),
    "hovedkonto.formål": ("udgifter", 4, "formål"),
    "underkonto.navn": ("udgifter", 0, "underkonti", 0, "navn"),
    "standardkonto.navn": ("udgifter", 1, "underkonti", 0, "standardkonti", 0, "navn"),
    "finansiering.navn": ("finansiering", 0, "navn"),
    "modtager.navn": ("modtagere", 1, "navn"),
    "afsnit a": ("tekst", "a", 0),
    "afsnit b": ("tekst", "b", 2),
    "punkt": ("tekst", "b", 6, "punkter", 0),
    "afsnit e": ("tekst", "e", 1),
    "tekstanmærkning": ("tekstanmærkninger", 0, "stk", 1),
    "underskriver": ("underskrivere", 0),
    "adressat": ("adressat",),
    "påtegning": ("afgørelse", "påtegninger", 0),
}
LAW = {"tekstanmærkning"}
# 6,6 is § 16.71.08's own amount (and the regions' share): the data holds it, and the
# tekstanmærkning stands ad 16.71.08. 7 and 66 are in no account (66 is 6,6 typed in the
# wrong unit, as 66 mio. kr. or 6,6 mia. would be).
AGREES, DISAGREES = Decimal("6.6"), (Decimal("7"), Decimal("66"), Decimal("6600"))


@functools.cache
def _template(field: str) -> tuple[str, int]:
    """The seed dumped with a placeholder in `field`, and the placeholder's line."""
    data = copy.deepcopy(DATA)
    data["afgørelse"].setdefault("påtegninger", ["Ingen bemærkninger."])
    target = data
    path = FIELDS[field]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = f"{MARK} PLADS her"
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return dumped, next(n for n, t in enumerate(dumped.split("\n"), start=1) if MARK in t)


def spec_with(folder: Path, field: str, text: str) -> tuple[Path, int]:
    dumped, line = _template(field)
    spec = folder / "spec.yaml"
    quoted = json.dumps(f"{MARK} {text} her", ensure_ascii=False)  # a YAML double-quoted text
    spec.write_text(dumped.replace(f"{MARK} PLADS her", quoted), encoding="utf-8")
    return spec, line


def expected(field: str, value: Decimal) -> tuple[str, str]:
    if field in LAW:
        return ("AKT602", "warning") if value == AGREES else ("AKT403", "error")
    return ("AKT602", "warning") if value == AGREES else ("AKT606", "error")


def variants() -> list[tuple[str, Decimal, str]]:
    """Every form of each value once, the fields taken in turn: each field meets every kind
    of form (digits, kroner, words, units before and after)."""
    fields = list(FIELDS)
    return [(fields[i % len(fields)], value, form)
            for value in (AGREES, *DISAGREES) for i, form in enumerate(forms(value))]


VARIANTS = variants()


def test_the_class_is_large():
    """Every form of four values, spread over 17 fields: 385 when written."""
    assert len(VARIANTS) > 300 and {field for field, _, _ in VARIANTS} == set(FIELDS)


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_is_read(tmp_path, field):
    """The same amount, 7 mio. kr., in each field: an error, on the field's line."""
    spec, line = spec_with(tmp_path, field, "7 mio. kr.")
    diagnostics = check(spec).diagnostics
    code = "AKT403" if field in LAW else "AKT606"
    assert [(d.code, d.span.line) for d in diagnostics if d.code == code] == [(code, line)]


@pytest.mark.parametrize(("field", "value", "form"), VARIANTS,
                         ids=[f"{f}:{v}:{t}" for f, v, t in VARIANTS])
def test_a_written_amount_is_reported_on_its_line(tmp_path, field, value, form):
    spec, line = spec_with(tmp_path, field, form)
    try:
        diagnostics = check(spec).diagnostics
    except SpecError as error:  # a form that YAML or the schema refuses in this field
        diagnostics = error.diagnostics
    assert {d.code for d in diagnostics} <= registered_codes()
    code, severity = expected(field, value)
    on_line = [(d.code, d.severity.value) for d in diagnostics if d.span and d.span.line == line]
    assert (code, severity) in on_line, (form, [str(d.message) for d in diagnostics])
