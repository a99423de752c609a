"""The draft written as YAML in the layout the hand-written specs use, with comments.

yaml.safe_dump cannot write a comment, and a draft's UDFYLD marks need one saying why; so the
structure is laid out here, in the order the draft's dicts hold their keys, and each scalar is
quoted by yaml.safe_dump, so what is written reads back as the same value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml


@dataclass(frozen=True)
class Noted:
    """A value with a comment on the line above it."""

    value: Any
    comment: str


def dump(data: dict[str, Any], header: list[str]) -> str:
    lines = [f"# {line}" if line else "#" for line in header]
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = yaml.safe_dump(str(value), allow_unicode=True, width=1 << 30, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _comment(comment: str, indent: int, lines: list[str]) -> None:
    lines.extend(" " * indent + f"# {line}" for line in comment.split("\n"))


def _mapping(data: dict[Any, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, Noted):
            _comment(value.comment, indent, lines)
            value = value.value
        name = _scalar(key)
        if isinstance(value, dict) and value and all(
                not isinstance(v, (dict, list, Noted)) for v in value.values()) and len(value) <= 4:
            inner = ", ".join(f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items())
            lines.append(f"{pad}{name}: {{{inner}}}")
        elif isinstance(value, dict) and value:
            lines.append(f"{pad}{name}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list) and (flow := _flow(value)) and \
                len(pad + name) + len(flow) <= _FLOW_WIDTH:
            lines.append(f"{pad}{name}: {flow}")
        elif isinstance(value, list) and value:
            lines.append(f"{pad}{name}:")
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{pad}{name}: {_scalar(value) if value not in ({}, []) else value}")
        if indent == 0 and isinstance(value, (dict, list)) and value:
            lines.append("")


_FLOW_WIDTH = 96


def _flow(items: list[Any]) -> str | None:
    """A row's amounts, a sum's parts: words, not prose, on one line ['478,6', '472,3']."""
    if not items or any(not isinstance(i, str) or " " in i for i in items):
        return None
    return yaml.safe_dump(items, allow_unicode=True, width=1 << 30,
                          default_flow_style=True).rstrip("\n")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, Noted):
            _comment(item.comment, indent, lines)
            item = item.value
        if isinstance(item, dict) and item:
            nested: list[str] = []
            _mapping(item, indent + 2, nested)
            first = next(i for i, line in enumerate(nested) if not line.lstrip().startswith("#"))
            lines.extend(line[2:] for line in nested[:first])   # its comments above the dash
            lines.append(pad + "- " + nested[first][indent + 2:])
            lines.extend(nested[first + 1:])
        elif isinstance(item, list) and item:
            lines.append(pad + "-")
            _sequence(item, indent + 2, lines)
        else:
            lines.append(f"{pad}- {_scalar(item)}")
