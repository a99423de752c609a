"""Issue 15, part 1: tables in an agenda item's parts (økonomi, participants, budgets).

A number typed as one (not quoted) is printed the Danish way in every output; a quoted value, and
the first column (the rows' labels), as typed. The expected numbers are written out here by
their own rule (thousands dots, decimal comma), not by the code under test.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pdf_tags import elements
from textmeasure import docx_text, pdf_text

from aktstykker_gen import pipeline
from aktstykker_gen.build import render_outputs
from aktstykker_gen.document import Table
from aktstykker_gen.udgaver import Udgave

EXAMPLE = ROOT / "specs" / "dagsorden" / "referat-eksempel.yaml"

HEAD = """\
art: dagsorden
status: endelig
organisation: Region Nordjylland
udvalg: Udvalg for sundhed
dato: 2026-03-12
tidspunkt: 09.00-11.00
sted: Niels Bohrs Vej 30, Aalborg Øst
punkter:
  - nr: 1
    titel: Budgetopfølgning
    indstilling:
      - at udvalget tager budgetopfølgningen til efterretning
    økonomi:
"""


def spec(tmp_path: Path, table: str, name: str = "tabel.yaml") -> Path:
    """An agenda whose item 1 has `table` (YAML indented under `- tabel:`) as its økonomi."""
    path = tmp_path / name
    body = "\n".join("          " + line for line in table.strip("\n").split("\n"))
    path.write_text(HEAD + "      - tabel:\n" + body + "\n", encoding="utf-8")
    return path


def danish(value: Decimal, decimals: int) -> str:
    """The Danish way, by its own rule: thousands dots, a decimal comma, '-' before."""
    rounded = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 else "") + rounded


def tables(path: Path) -> list[Table]:
    checked = pipeline.check(path)
    assert checked.ok, checked.diagnostics
    return [b for b in pipeline.render(checked).body if isinstance(b, Table)]


def cells(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for group in table.groups for row in group]


numbers = st.decimals(min_value=Decimal("-999999999"), max_value=Decimal("999999999"),
                      places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(numbers, st.integers(0, 2)), min_size=1, max_size=6),
       comma=st.booleans())
def test_numbers_typed_as_numbers_are_printed_the_danish_way(tmp_path: Path, values, comma) -> None:
    """Each number as typed, with a decimal point or comma; the column shows every number with
    as many decimals as the most typed in it."""
    typed = [value.quantize(Decimal(1).scaleb(-places)) for value, places in values]
    written = [str(v).replace(".", ",") if comma else str(v) for v in typed]
    rows = "\n".join(f"  - - Post {i}\n    - {w}" for i, w in enumerate(written))
    [table] = tables(spec(tmp_path, f"hoved: [Post, Beløb]\nrækker:\n{rows}"))
    most = max(places for _, places in values)
    assert table.columns == ("label", "amount")
    assert [row[1] for row in cells(table)] == [danish(v, most) for v in typed]


def test_quoted_values_and_the_label_column_are_printed_as_typed(tmp_path: Path) -> None:
    [table] = tables(spec(tmp_path, """
hoved: [År, Antal, Note, Telefon]
rækker:
  - [2025, 2025, "2025", 03312345]
  - [2026, 12.5, i alt, "+45 33 12 34 56"]
"""))
    assert [c.text for c in table.head[0].cells] == ["År", "Antal", "Note", "Telefon"]
    assert cells(table) == [["2025", "2.025,0", "2025", "03312345"],
                            ["2026", "12,5", "i alt", "+45 33 12 34 56"]]
    # Only a column with a number in it is a column of numbers (set right).
    assert table.columns == ("label", "amount", "label", "label")


def test_a_table_of_names_has_no_column_of_numbers_and_may_break_between_any_rows(
        tmp_path: Path) -> None:
    from aktstykker_gen.writers.layout import row_keeps

    rows = "\n".join(f"  - [Medlem {i}, Parti {i % 5}]" for i in range(80))
    [table] = tables(spec(tmp_path, f"hoved: [Navn, Parti]\nrækker:\n{rows}"))
    assert table.columns == ("label", "label")
    # Longer than a page: no chain of keeps (which would move the whole table to a new page).
    assert not any(keep for group in row_keeps(table) for keep in group)


def test_a_table_that_fits_on_a_page_is_kept_whole(tmp_path: Path) -> None:
    from aktstykker_gen.writers.layout import row_keeps

    [table] = tables(spec(tmp_path, "hoved: [Post, 2026]\nrækker:\n"
                          "  - [Løn, 1.5]\n  - [Drift, 2.5]\n  - [I alt, 4.0]"))
    assert row_keeps(table) == [[True, True, False]]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("tabel")
    outputs = render_outputs(pipeline.check(EXAMPLE), edition=Udgave.offentlig)
    for suffix in (".pdf", ".docx"):
        (folder / f"r{suffix}").write_bytes(outputs[suffix])
    return {"folder": folder, ".txt": outputs[".txt"].decode("utf-8"),
            ".pdf": pdf_text(folder / "r.pdf"), ".docx": docx_text(folder / "r.docx")}


ROWS = [["Udgift", "2025", "2026", "2027", "2028"],
        ["Listepris", "412,5", "438,0", "1.046,2", "1.102,8"],
        ["Med fortrolig pris", "301,2", "319,7", "760,0", "801,6"],
        ["Forskel", "-111,3", "-118,3", "-286,2", "-301,2"]]


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx"])
def test_the_example_table_is_in_every_output_row_by_row(example, suffix: str) -> None:
    text = example[suffix]
    assert "Udgifter til migrænebehandling 2025-2028" in text
    assert "Mio. kr., 2025-priser" in text
    assert "Kilde: Amgros' prisfremskrivning, september 2025." in text
    lines = [re.split(r"\s{2,}|\s(?=-?[0-9])", line.strip()) for line in text.splitlines()]
    for row in ROWS:
        assert row in lines, (row, suffix)


def test_the_example_tables_header_cells_are_tagged_th_heading_their_columns(example) -> None:
    with pikepdf.open(example["folder"] / "r.pdf") as document:
        found = list(elements(document.Root.StructTreeRoot))
        headers = [e for e in found if e.S == "/TH"]
        texts = [e for e in found if e.S == "/TD"]
        assert len(headers) == 5 and all(e.A.Scope == "/Column" for e in headers)
        assert len(texts) == 15


def test_the_example_table_in_the_docx_is_a_word_table_with_a_repeating_header(example) -> None:
    import docx

    document = docx.Document(str(example["folder"] / "r.docx"))
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == ROWS
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    assert [c.paragraphs[0].style.style_id for c in table.rows[1].cells] == [
        "table-label-0", *["table-amount"] * 4]


# -- hostile tables: diagnostics, never a traceback ---------------------------------------------

def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from aktstykker_gen import cli

    capsys.readouterr()
    code = cli.main(["check", str(path)])
    return code, capsys.readouterr().err


@given(widths=st.lists(st.integers(0, 6), min_size=1, max_size=8), head=st.integers(1, 6))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ragged_rows_are_named_at_their_line(tmp_path: Path, widths, head, capsys) -> None:
    rows = "\n".join("  - [" + ", ".join(f"c{i}" for i in range(w)) + "]" for w in widths)
    path = spec(tmp_path, "hoved: [" + ", ".join(f"h{i}" for i in range(head)) + "]\nrækker:\n"
                + rows)
    code, out = run_check(path, capsys)
    ragged = [n for n, w in enumerate(widths) if w != head]
    first_row = HEAD.count("\n") + 4
    reported = [int(m[1]) - first_row for m in re.finditer(r":(\d+):\d+: error\[AKT710\]", out)]
    assert reported == ragged
    assert code == (1 if ragged else 0)
    assert "Traceback" not in out


def test_a_number_split_at_its_comma_is_named_with_the_fix(tmp_path: Path, capsys) -> None:
    code, out = run_check(spec(tmp_path, "hoved: [Post, 2025]\nrækker:\n  - [Løn, 12,5]"), capsys)
    assert code == 1
    assert "error[AKT710]: rækken har 3 celler, men tabellen i punkt 1 har 2 kolonner" in out
    assert "kommaet i '12,5' deler tallet i to celler; skriv det med punktum (12.5)" in out
    code, out = run_check(spec(tmp_path, "hoved: [Post, 2025]\nrækker:\n  - [Løn, 1.046,5]"),
                          capsys)
    assert code == 1 and "error[AKT007]: kommaet i '1.046,5' deler tallet i to" in out


def test_ten_thousand_cells_are_refused_by_check_quickly(tmp_path: Path, capsys) -> None:
    rows = "\n".join(f"  - [Række {i}, {i}.5, {i}, {i}, {i}]" for i in range(2000))
    code, out = run_check(spec(tmp_path, "hoved: [Post, A, B, C, D]\nrækker:\n" + rows), capsys)
    assert code == 1
    assert "error[AKT711]: tabellen i punkt 1 har 10.005 celler; højst 2.000" in out
    assert "Traceback" not in out


def test_an_ambiguous_number_in_a_cell_is_named(tmp_path: Path, capsys) -> None:
    code, out = run_check(spec(tmp_path, "hoved: [Post, 2025]\nrækker:\n  - [Løn, 1.200]"),
                          capsys)
    assert code == 1 and "error[AKT007]: '1.200' kan læses både som 1200 og som 1,2" in out


@pytest.mark.parametrize("cell", ['"</td><th>x</th>"', '"{{ 7*7 }}"', '"<a href=x>y</a>"',
                                  '"&amp; &lt;"'])
def test_markup_in_a_cell_is_text(tmp_path: Path, cell: str) -> None:
    [table] = tables(spec(tmp_path, f"hoved: [Post, Note]\nrækker:\n  - [Løn, {cell}]"))
    assert cells(table) == [["Løn", cell.strip('"')]]
