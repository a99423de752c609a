"""Where the templates, stylesheets, fonts, DOCX parts and the JSON Schema are.

In a wheel they sit inside the package (`aktstykker_gen/templates`, `…/schemas`); in a
source checkout they are the repository's top-level `templates/` and `schema/`. This is
the one place that knows both, and everything else asks it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


def fonts_dir() -> Path:
    return templates_dir() / "fonts"


def docx_dir() -> Path:
    return templates_dir() / "docx"


# The JSON Schema of the spec format (`aktstykke schema`), where a repository keeps it; specs
# name it in their first line, for the editor.
# (In the wheel the folder is `schemas`, so it cannot be mistaken for the module schema.py.)
SCHEMA = Path("schema") / "aktstykke.schema.json"


def schema_file() -> Path:
    installed = _PACKAGE / "schemas" / SCHEMA.name
    return installed if installed.is_file() else _PACKAGE.parent / SCHEMA
