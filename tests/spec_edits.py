"""A spec written as text for one test, edited, checked and rendered: the helpers the tests of
dispositions and of dispositions without money share."""

from __future__ import annotations

from pathlib import Path

from aktstykker_gen import pipeline
from aktstykker_gen.writers.text import write_text


def changed(text: str, *changes: tuple[str, str]) -> str:
    """The text with each `old` (which must stand exactly once) replaced by its `new`."""
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def checked(tmp_path: Path, text: str) -> pipeline.Checked:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return pipeline.check(path)


def rendered(tmp_path: Path, text: str) -> str:
    """The document's text, with no-break spaces as spaces."""
    return write_text(pipeline.render(checked(tmp_path, text))).replace("\u00a0", " ")


def codes(tmp_path: Path, text: str) -> list[str]:
    return [d.code for d in checked(tmp_path, text).diagnostics]
