"""Own tables (#8) read back from the text (egne_tabeller.py): caption, unit, price level,
columns, rows and notes as the spec has them, and a row that sums the rows above it typed as
their sum, so that `check` holds its amounts against them (the round trips of test_import.py
hold the rest)."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import ROOT

from aktstykker_gen.kinds.aktstykke.indlaesning.indlaes import import_text
from aktstykker_gen.reading import read

SPEC = ROOT / "specs" / "examples" / "orienterende-med-tabeller.yaml"
SAME = ("titel", "enhed", "prisniveau", "noter", "anm", "kilde")


def _tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["tabel"] for blocks in data["tekst"].values() for b in blocks
            if isinstance(b, dict) and "tabel" in b]


def test_an_own_table_comes_back_with_its_rows_notes_and_sums() -> None:
    written = _tables(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
    draft = yaml.safe_load(import_text("\n".join(read(SPEC).lines), SPEC.name, "Titel").yaml)
    imported = _tables(draft)
    assert len(imported) == len(written) == 2
    for mine, theirs in zip(imported, written, strict=True):
        assert {k: mine.get(k) for k in SAME} == {k: theirs.get(k) for k in SAME}
        assert [(r["tekst"], r.get("niveau", 0)) for r in mine["rækker"]] == [
            (r["tekst"], r.get("niveau", 0)) for r in theirs["rækker"]]
        # A sum of the rows above is typed as one; a difference (the råderum, loft minus
        # udgifter) is not looked for, and keeps its printed amounts.
        assert [r["tekst"] for r in mine["rækker"] if "sum" in r] == [
            r["tekst"] for r in theirs["rækker"] if "sum" in r and not r.get("minus")]
