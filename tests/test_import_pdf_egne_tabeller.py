"""Own tables read back by position from LibreOffice's untagged PDF export, however they are
made: generated orienterende aktstykker with one to three own tables, each with its own
columns, rows (some summed, some with note marks), notes of any length, a remark and a source,
with text, a heading or nothing between the tables. The import must give the built text.

Each example costs a LibreOffice export (about a second): `make test` runs AKTSTYKKE_EGNE_TABELLER
examples (10 unless set), `make fuzz` 200.
"""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from aktstykker_gen.build import write_format
from aktstykker_gen.kinds.aktstykke.indlaesning.pdf import pdf_tree
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.text import write_text

EXAMPLES = int(os.environ.get("AKTSTYKKE_EGNE_TABELLER", "10"))
WORDS = ["udgifter", "driftsbevillinger", "regionerne", "kommunerne", "it-projekter",
         "bygninger", "vedligehold", "tilskud", "forsvaret", "beredskabet", "skønnet", "loftet",
         "indkomstoverførsler", "statens", "øvrige", "særskilt", "afrundede", "budgetterne"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(
    lambda w: " ".join(w).capitalize())
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=45).map(
    lambda w: " ".join(w).capitalize() + ".")
amounts = st.one_of(st.just("-"), st.decimals("0.1", "999.9", places=1).map(
    lambda d: f"{d}".replace(".", ",")))


@st.composite
def tables(draw: Any, number: int) -> dict[str, Any]:
    columns = draw(st.integers(1, 4))
    notes = draw(st.lists(sentences, max_size=3))
    rows = []
    for r in range(draw(st.integers(1, 6))):
        mark = draw(st.integers(0, len(notes)))
        rows.append({"id": f"r{r}", "tekst": draw(words) + (f" {mark})" if mark else ""),
                     "værdier": draw(st.lists(amounts, min_size=columns, max_size=columns))})
    if len(rows) > 1 and draw(st.booleans()):
        rows.append({"id": "i-alt", "tekst": "I alt", "sum": [row["id"] for row in rows]})
    table: dict[str, Any] = {
        "id": f"t{number}", "titel": draw(words),
        "enhed": draw(st.sampled_from(["mio. kr.", "mia. kr."])),
        "kolonner": [{"id": f"k{c}", "navn": draw(st.sampled_from(["FL25", "Skøn", "2025",
                                                                  "2026", "Regnskab"]))}
                     for c in range(columns)],
        "rækker": rows}
    if notes:
        table["noter"] = notes
    for key in ("anm", "kilde"):
        if draw(st.booleans()):
            table[key] = draw(sentences)
    return table


@st.composite
def specs(draw: Any) -> str:
    section: list[Any] = [draw(sentences)]
    for number in range(draw(st.integers(1, 3))):
        between = draw(st.sampled_from(["nothing", "text", "heading"]))
        if number and between == "text":
            section.append(draw(sentences))
        elif number and between == "heading":
            section.append({"overskrift": draw(words)})
        section.append({"tabel": draw(tables(number))})
    spec = {"art": "aktstykke", "status": "endelig", "titel": "Orientering om tabellerne",
            "ministerium": "Finansministeriet", "dato": "2025-11-20", "finansår": 2025,
            "orienterende": True, "tekst": {"a": [draw(sentences)], "b": section},
            "underskrivere": ["Nicolai Wammen", "Jens Andersen"], "adressat": "Finansudvalget"}
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)


# No shrinking: each try is an export, and a failure prints its whole spec.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 10,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=specs())
def test_generated_own_tables_come_back_from_libreoffices_export(text: str,
                                                                 tmp_path_factory) -> None:
    from test_docx_accessible import libreoffice

    folder = tmp_path_factory.mktemp("egne-tabeller")
    spec = folder / "tabeller.yaml"
    spec.write_text(text, encoding="utf-8")
    checked = check(spec)
    assert not [d for d in checked.diagnostics if d.is_error], text
    tree = render(checked, edition=Udgave.offentlig)
    docx = folder / "tabeller.docx"
    docx.write_bytes(write_format(tree, checked.kind, ".docx"))
    exported = libreoffice(docx, "pdf", folder / "pdf", folder / "profile")
    read, _ = pdf_tree(exported)
    assert write_text(read) == write_format(tree, checked.kind, ".txt").decode(), text
