"""The JSON Schema for editors (`aktstykke schema`, schema/aktstykke.schema.json).

It is generated from the model, accepts every spec that `check` can type, refuses the schema
errors of the error catalogue, and tells the clerk what goes in each field. Specs are validated
as the YAML language server sees them (tests/editorview.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from editorview import editor_view
from jsonschema import Draft202012Validator
from test_error_catalogue import CASES, diagnostics

from aktstykker_gen import cli
from aktstykker_gen.catalogue import STAGE_CODES
from aktstykker_gen.kinds.aktstykke.rules.konti import standardkonti
from aktstykker_gen.schema import json_schema, render
from aktstykker_gen.values import AMOUNT_JSON_SCHEMA, parse_amount

COMMITTED = ROOT / "schema" / "aktstykke.schema.json"
SPECS = sorted((ROOT / "specs").rglob("*.yaml"))
SCHEMA_CODES = {entry.code for entry in STAGE_CODES if entry.group == "skema"}
STAGE = {entry.code for entry in STAGE_CODES}

# Catalogue cases that `check` refuses but a JSON Schema cannot, each with the reason.
NOT_EXPRESSIBLE = {
    # YAML 1.2 reads `5e0` as the number 5; the schema sees the number, not the text, and
    # cannot tell it from `5`. `check` reads the text and refuses it (AKT007).
    "AKT007-eksponent": "an amount in exponent form is a number to the editor",
    # `02025` and `1.200` are the numbers 2025 and 1.2 to the editor; `check` reads the text
    # and refuses a year that is not four digits (AKT006) and the ambiguous dot (AKT007).
    "AKT006-aarstal-foranstillet-nul": "a year key with a leading zero is the number 2025",
    "AKT007-tusindtalspunktum": "1.200 is the number 1.2 to the editor",
    # A JSON Schema integer includes 281.0, and YAML 1.2 reads 0281 as 281.
    "AKT006-heltal-med-decimal": "281.0 is an integer to JSON Schema",
    "AKT006-nul-foran": "0281 is the number 281 to the editor",
    # `[Løn, 1.046,25]` is three valid cells to the editor, Løn, 1.046 and 25; `check` reads the
    # text and sees a number split at its comma (AKT007).
    "AKT007-tal-delt-af-komma": "a number split at its comma is two cells to the editor",
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(validator: Draft202012Validator, text: str) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(editor_view(text))]


def test_the_schema_is_a_draft_2020_12_schema_with_an_id_and_a_title():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] == "Aktstykke"
    Draft202012Validator.check_schema(schema)


def test_the_committed_schema_is_current():
    """schema/aktstykke.schema.json, which specs point at, is what the model gives today."""
    assert COMMITTED.read_text(encoding="utf-8") == render(), \
        "schema/aktstykke.schema.json is stale: run `make schema`"


def test_the_schema_command_prints_the_schema(capsys):
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


@pytest.mark.parametrize("spec", SPECS, ids=lambda path: str(path.relative_to(ROOT / "specs")))
def test_every_spec_validates(spec: Path, validator):
    assert problems(validator, spec.read_text(encoding="utf-8")) == []


def _cases_reporting(codes: set[str], wanted: bool) -> list[Any]:
    return [case for case in CASES if case.spec is not None
            and bool({code for _, code, _ in diagnostics(case.expected)} & codes) == wanted]


@pytest.mark.parametrize("case", _cases_reporting(SCHEMA_CODES, True), ids=lambda case: case.name)
def test_the_catalogues_schema_errors_are_refused(case, validator):
    """Each case whose `check` reports a schema code (AKT004–AKT007) is invalid to the editor
    too, except the cases listed in NOT_EXPRESSIBLE, which it must then still accept (so the
    list stays true)."""
    found = problems(validator, case.spec.read_text(encoding="utf-8"))
    if case.name in NOT_EXPRESSIBLE:
        assert found == [], f"{case.name} is refused now: take it off NOT_EXPRESSIBLE"
    else:
        assert found, f"the schema accepts {case.name}, which `check` refuses"


@pytest.mark.parametrize("case", _cases_reporting(STAGE, False), ids=lambda case: case.name)
def test_what_check_types_the_schema_accepts(case, validator):
    """A spec that `check` types (its mistakes are for the rules) is valid to the editor: the
    schema never marks a spec wrong that the model accepts."""
    assert problems(validator, case.spec.read_text(encoding="utf-8")) == []


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field of every object in the schema, with its path."""
    if isinstance(node, dict):
        for name, field in node.get("properties", {}).items():
            yield f"{where}/{name}", field
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


def test_every_field_and_definition_says_what_goes_there():
    schema = json_schema()
    fields = list(_properties(schema))
    assert len(fields) > 50
    missing = [path for path, field in fields if not field.get("description")]
    missing += [f"$defs/{name}" for name, definition in schema["$defs"].items()
                if not definition.get("description")]
    assert not missing, f"without a description: {', '.join(missing)}"


def test_enums_close_the_bevillingstyper():
    assert json_schema()["$defs"]["Bevillingstype"]["enum"] == [
        "driftsbevilling", "statsvirksomhed", "anlægsbevilling", "lovbunden",
        "reservationsbevilling", "statsfinansieret selvejende institution", "anden bevilling"]


def test_known_standardkonti_are_suggested_but_others_allowed(validator):
    """The table's standardkonti are offered while typing; one not in it is valid to the editor
    (it is a warning in `check`, AKT306)."""
    definition = json_schema()["$defs"]["Standardkonto"]
    known = standardkonti()
    assert definition["properties"]["nr"]["examples"] == [int(nr) for nr in known]
    assert definition["properties"]["navn"]["examples"] == [k.navn for k in known.values()]
    assert {"nr": 22, "navn": "Andre ordinære driftsomkostninger"} in [
        snippet["body"] for snippet in definition["defaultSnippets"]]
    seed = (ROOT / "specs" / "2025-10-01-personlig-medicin.yaml").read_text(encoding="utf-8")
    unknown = seed.replace("- nr: 46\n", "- nr: 97\n").replace(
        "navn: Tilskud til anden virksomhed og investeringstilskud", "navn: Noget helt nyt")
    assert unknown != seed
    assert problems(validator, unknown) == []


@pytest.mark.parametrize("number, name, valid", [
    ("16.11.16", "hovedkonto", True), ("16.11.6", "hovedkonto", False),
    ("16111", "hovedkonto", False), (22, "standardkonto", True), ("22", "standardkonto", True),
    ("2", "standardkonto", False), (100, "standardkonto", False)])
def test_account_numbers_have_their_form(number, name, valid):
    definitions = json_schema()["$defs"]
    field = definitions["Hovedkonto" if name == "hovedkonto" else "Standardkonto"]["properties"]["nr"]
    assert Draft202012Validator(field).is_valid(number) == valid


def test_amounts_are_keyed_by_four_digit_years():
    udgift = json_schema()["$defs"]["Standardkonto"]["properties"]["udgift"]
    check = Draft202012Validator(udgift)
    assert check.is_valid({"2025": 0.2, "2026": "6,2"})
    assert not check.is_valid({"25": 0.2})
    assert not check.is_valid({"2025": None})


AMOUNT_TEXTS = ["30", "30.0", "0.2", "30,0", "-30,0", "\u221230,0", "1.288,4", "1 288,4",
                "1\u00a0288,4", " -30.0 ", "0,123456", "0,1234567", "÷30", "30 mio.", ".5",
                "1e3", "", "1..2", "30,", "1.28,4", "--3"]


@pytest.mark.parametrize("text", AMOUNT_TEXTS)
def test_the_amount_text_pattern_reads_what_the_model_reads(text):
    """A text amount is valid to the editor exactly when `parse_amount` reads it."""
    pattern = AMOUNT_JSON_SCHEMA["anyOf"][1]["pattern"]
    try:
        parse_amount(text)
        readable = True
    except ValueError:
        readable = False
    assert (re.search(pattern, text) is not None) == readable


def test_amount_numbers_are_bounded_as_the_model_bounds_them():
    number = Draft202012Validator(AMOUNT_JSON_SCHEMA)
    assert number.is_valid(1288.4) and number.is_valid(-30) and number.is_valid(999_999_999)
    assert not number.is_valid(1_000_000_000) and not number.is_valid(-1_000_000_000)
    with pytest.raises(ValueError):
        parse_amount(str(Decimal(1_000_000_000)))
