"""The spec format as a JSON Schema, generated from the model, for the clerk's editor.

An editor with the YAML language server reads `schema/aktstykke.schema.json` (the first line of
a spec names it; one schema for every kind, chosen by `art`) and offers completion, hover text
and validation while the clerk types. The schema is made from the pydantic models, so it cannot
drift from what `check` accepts; what it cannot express (sums, references, the rules) stays
with `check`. It sees the YAML as the language server does: `nr: 22` and `2025:` are numbers,
`2025-10-01` is a text.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.kinds.aktstykke.rules.konti import standardkonti

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:aktstykker-gen:aktstykke.schema.json"

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


class _Generator(GenerateJsonSchema):
    """pydantic's generator, adjusted to how YAML reaches a JSON Schema."""

    def normalize_name(self, name: str) -> str:
        """Definition names are ASCII (they sit in `$ref` URIs): Afgørelse → Afgoerelse."""
        return super().normalize_name(name.translate(_ASCII))

    def field_title_should_be_set(self, schema: Any) -> bool:
        """A field's title would only repeat its key; the description says what goes there."""
        return False

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """A mapping's keys are texts to a JSON Schema: their form goes in `propertyNames`, and
        every value follows the value schema (pydantic would leave unmatched keys unchecked)."""
        keys = self.generate_inner(schema["keys_schema"]) if "keys_schema" in schema else {}
        values = self.generate_inner(schema["values_schema"]) if "values_schema" in schema else {}
        result: JsonSchemaValue = {"type": "object", "additionalProperties": values}
        names = {k: v for k, v in keys.items() if k not in ("type", "title")}
        if names:
            result["propertyNames"] = names
        return result


def _suggest_standardkonti(definition: JsonSchemaValue) -> None:
    """Offer the known standardkonti (data/standardkonti.csv) while typing, without closing the
    list: a standardkonto not in the table is a warning in `check` (AKT306), not an error."""
    known = standardkonti().values()
    properties = definition["properties"]
    properties["nr"]["examples"] = [int(konto.nr) for konto in known]
    properties["navn"]["examples"] = [konto.navn for konto in known]
    # The YAML language server (and VS Code) offer these as whole entries: number and name
    # together, as AKT305 wants them.
    definition["defaultSnippets"] = [
        {"label": f"{konto.nr} {konto.navn}", "body": {"nr": int(konto.nr), "navn": konto.navn}}
        for konto in known]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a spec of any kind: the default kind's (an
    aktstykke, whose `art` may be left out) unless `art` names another, whose model is then
    its definition (`if`/`then`), so an editor checks and completes each kind by its own."""
    default = KINDS[DEFAULT_KIND].model.model_json_schema(schema_generator=_Generator)
    _suggest_standardkonti(default["$defs"]["Standardkonto"])
    head = {"$schema": DIALECT, "$id": SCHEMA_ID, "title": default.pop("title"),
            "description": default.pop("description")}
    definitions = default.pop("$defs")
    others = []
    for name, kind in KINDS.items():
        if name == DEFAULT_KIND:
            continue
        body = kind.model.model_json_schema(schema_generator=_Generator,
                                            ref_template="#/$defs/{model}")
        for key, definition in body.pop("$defs", {}).items():
            if definitions.setdefault(key, definition) != definition:
                raise ValueError(f"two kinds define {key} differently")
        definitions[body["title"]] = body
        art = {"const": name, "description": f"Dokumentets art: {name}."}
        others.append({"if": {"properties": {"art": art}, "required": ["art"]},
                       "then": {"$ref": f"#/$defs/{body['title']}"}})
    chosen: dict[str, Any] = default
    for other in reversed(others):
        chosen = {**other, "else": chosen}
    return {**head, **chosen, "$defs": definitions}


def render() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
