"""A spec as a clerk's editor sees it, for validating specs against the JSON Schema in tests.

The YAML language server reads YAML 1.2 (core schema) and hands the result to its JSON Schema
validator as JSON. `yaml.safe_load` reads YAML 1.1, which differs where it matters here:
1.1 makes `yes`/`no`/`on`/`off` booleans and `2025-10-01` a date, and reads `08` as a broken
octal. So this loader resolves plain scalars by the 1.2 core schema instead (only
`true`/`false` are booleans, dates stay texts, `5e0` and `.5` are numbers), and then mapping
keys become texts, since JSON object keys are texts (`{2025: 0.2}` is `{"2025": 0.2}`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_RESOLVERS = (  # tag, pattern, first characters (YAML 1.2, core schema)
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)"
              r"|\.(nan|NaN|NAN)", "-+0123456789."),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
)


class _Core12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema resolution of plain scalars."""


_Core12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _RESOLVERS:
    _Core12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"),
                                        list(_first))


def _number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | float:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    try:
        return int(text)   # decimal, also with leading zeros: 08 is 8
    except ValueError:
        return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))


_Core12Loader.add_constructor("tag:yaml.org,2002:int", _number)
_Core12Loader.add_constructor("tag:yaml.org,2002:float", _number)


def _json_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_keys(item) for item in value]
    return value


def editor_view(text: str) -> Any:
    """The JSON value a YAML language server validates for this YAML text."""
    return _json_keys(yaml.load(text, Loader=_Core12Loader))
