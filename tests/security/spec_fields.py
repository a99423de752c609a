"""The seed spec with a payload put into one of its free-text fields, and the three outputs.

Shared by the security tests: each field is one a clerk types and the documents print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SEED = Path(__file__).resolve().parent.parent.parent / "specs" / "2025-10-01-personlig-medicin.yaml"


def _set(path: tuple[Any, ...]) -> Callable[[dict, str], None]:
    def put(data: dict, value: str) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return put


# Printed free-text fields, by where they stand in the spec.
FIELDS: dict[str, Callable[[dict, str], None]] = {
    "ministerium": _set(("ministerium",)),
    "sted": _set(("sted",)),
    "hovedkonto.navn": _set(("udgifter", 0, "navn")),
    "hovedkonto.formål": _set(("udgifter", 4, "formål")),
    "underkonto.navn": _set(("udgifter", 0, "underkonti", 0, "navn")),
    "afsnit b": _set(("tekst", "b", 0)),
    "punkt": _set(("tekst", "b", 6, "punkter", 0)),
    "tekstanmærkning": _set(("tekstanmærkninger", 0, "stk", 1)),
    "underskriver": _set(("underskrivere", 0)),
    "adressat": _set(("adressat",)),
    "påtegning": lambda data, value: data["afgørelse"].update(påtegninger=[value]),
}


def spec_with(folder: Path, field: str, payload: str) -> Path:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    FIELDS[field](data, payload)
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    return path


def outputs(spec: Path) -> dict[str, bytes]:
    """All three outputs, rendered even if a rule objects (the payload may upset a rule)."""
    from aktstykker_gen.build import render_outputs
    from aktstykker_gen.pipeline import check

    return render_outputs(check(spec))


def texts(built: dict[str, bytes], folder: Path) -> dict[str, str]:
    """What a reader sees in each output (the PDF's text layer without page numbers, the
    DOCX's paragraphs and table rows), whitespace left out."""
    from aktstykker_gen.reading import read

    found = {}
    for suffix, data in built.items():
        path = folder / f"built{suffix}"
        path.write_bytes(data)
        found[suffix] = flat("\n".join(read(path).lines))
    return found


def flat(text: str) -> str:
    """Without whitespace: where a line wrapped (in the PDF) is not what the test is about."""
    return re.sub(r"\s+", "", text)
