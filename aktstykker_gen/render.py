"""A kind's template + its view → the document tree.

The Jinja environment is sandboxed and autoescaping, with strict undefined
values: spec text reaches the template only as data, so it cannot run
template code or add markup, and a template that names a missing value fails
loudly instead of printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from aktstykker_gen import document


@cache
def environment(templates: Path) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["punktum"] = full_stop
    return env


def full_stop(text: str) -> str:
    """End a sentence: a name that ends in an abbreviation ("mv.") keeps its one dot."""
    text = text.rstrip()
    return text if text.endswith(".") else text + "."


def render_tree(templates: Path, template_name: str, context: dict[str, Any]) -> document.Document:
    xml = environment(templates).get_template(template_name).render(context)
    return document.parse(xml)
