"""A confidential aktstykke's and a confidential bilag's fortrolighed, read back from the sentences
the build words from it (kinds/aktstykke/hoved.py, fortrolighed.py): the draft's is the spec's,
but for what the text no longer says once confidentiality is lifted (the round trips of
test_import.py hold the lifted one and the bilag's marks)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import ROOT
from test_fortrolige_beloeb import DECLARED, UNDECLARED, spec

from aktstykker_gen.kinds.aktstykke.indlaesning.indlaes import import_text
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.text import write_text

OPHAEVET = (ROOT / "specs" / "examples" / "fortroligt-ophaevet.yaml").read_text(encoding="utf-8")
LIFTED = "  ophævet:\n    dato: 2026-02-03\n    ved: ministerens skrivelse\n"
# Still confidential: its fortrolig edition's head says what, why and when it may be public.
CONFIDENTIAL = [
    OPHAEVET.replace(LIFTED, ""),
    OPHAEVET.replace(LIFTED, "").replace("  ophæves_når: kontrakterne for vintertjenesten er "
                                         "indgået\n", "  ophæves: 2026-06-30\n"),
    OPHAEVET.replace(LIFTED, "").replace("omfang: eksistens og indhold", "omfang: indhold"),
]


def _text(tmp_path, source: str, edition: Udgave) -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(source, encoding="utf-8")
    return write_text(render(check(path), edition=edition))


def _draft(text: str) -> dict[str, Any]:
    return yaml.safe_load(import_text(text, "draft.yaml", "Titel").yaml)


@pytest.mark.parametrize("source", CONFIDENTIAL, ids=["ophaeves-naar", "ophaeves-dato", "indhold"])
def test_a_confidential_aktstykkes_head_gives_its_fortrolighed_back(tmp_path, source) -> None:
    text = _text(tmp_path, source, Udgave.fortrolig)
    assert import_text(text, "draft.yaml", "Titel").identical   # built as the confidential text
    draft = _draft(text)
    written = yaml.safe_load(source)
    assert draft["bogstav"] == written["bogstav"]
    assert draft["fortrolighed"] == written["fortrolighed"]


@pytest.mark.parametrize("declared", ["", DECLARED], ids=["alone", "with-public-total"])
def test_a_confidential_bilags_statement_gives_its_fortrolighed_back(tmp_path, declared) -> None:
    source = spec(UNDECLARED, declared)
    draft = _draft(_text(tmp_path, source, Udgave.offentlig))
    written = yaml.safe_load(source)["bilag"][1]
    assert draft["bilag"][1]["fortrolighed"] == written["fortrolighed"]
    assert draft["bilag"][1]["indhold"] == ["UDFYLD indholdet af bilag 2 (fortroligt: står ikke "
                                            "i den offentlige tekst)"]
