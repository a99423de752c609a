"""A kind's template + its view → the document tree.

The Jinja environment is sandboxed and autoescaping, with strict undefined
values: spec text reaches the template only as data, so it cannot run
template code or add markup, and a template that names a missing value fails
loudly instead of printing nothing.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment

from aktstykker_gen import document


@cache
def environment(templates: Path) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        bytecode_cache=_compiled_templates())
    env.filters["punktum"] = full_stop
    return env


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiling the template costs ~45 ms a process, so the compiled code is kept in the
    user's own cache folder (Jinja checks its owner and mode) and redone when the template's
    source changes. A cache that cannot be written is no error: it is compiled again."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> _CompiledTemplates | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # no private cache folder can be made: compile each time
        return None


def full_stop(text: str) -> str:
    """End a sentence: a name that ends in an abbreviation ("mv.") keeps its one dot."""
    text = text.rstrip()
    return text if text.endswith(".") else text + "."


def render_tree(templates: Path, template_name: str, context: dict[str, Any]) -> document.Document:
    xml = environment(templates).get_template(template_name).render(context)
    return document.parse(xml)
