"""Where the templates, stylesheets, fonts and DOCX parts are.

In a wheel they sit inside the package (`aktstykker_gen/templates`); in a
source checkout they are the repository's top-level `templates/`. This is
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
