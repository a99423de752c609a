"""Own tables: units, totals computed or typed and checked, and how every writer shows them.

The check tests generate tables (hypothesis): parts at the table's precision, a total row
that is computed or typed, a column total; every typed part of a typed total and every typed
total, changed by one shown unit (0,1), must fail `check` naming its line. The layout tests
read word positions back from the PDF of the example spec.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textmeasure import docx_text, pdf_text, similarity

from aktstykker_gen import cli, units
from aktstykker_gen.units import Enhed

EXAMPLE = Path(__file__).parent.parent / "specs" / "examples" / "orienterende-med-tabeller.yaml"
TENTH = Decimal("0.1")

# -- units -------------------------------------------------------------------------------------

tenths = st.integers(-10**7, 10**7).map(lambda n: Decimal(n) / 10)


@given(tenths, st.sampled_from(list(Enhed)))
def test_conversion_is_exact_both_ways(value: Decimal, enhed: Enhed) -> None:
    assert units.til_mio(units.fra_mio(value, enhed), enhed) == value


@given(st.integers(-10**6, 10**6))
def test_mia_shows_half_up_at_one_decimal(n: int) -> None:
    """n·100 + 50 mio. kr. lies halfway between two tenths of a mia. kr.: it rounds away
    from zero (babel's default would round half to even)."""
    exact = units.fra_mio(Decimal(n * 100 + 50), Enhed.mia)
    whole, decimals = units.tal(exact, Enhed.mia).replace(".", "").split(",")
    shown = Decimal(f"{whole}.{decimals}")
    assert len(decimals) == 1
    assert shown - exact == (Decimal("0.05") if exact > 0 else Decimal("-0.05"))


@pytest.mark.parametrize(("mio", "enhed", "shown"), [
    (Decimal("1250"), Enhed.mia, "1,3 mia. kr."), (Decimal("1249.9"), Enhed.mia, "1,2 mia. kr."),
    (Decimal("2.5"), Enhed.mio, "2,5 mio. kr."), (Decimal("0.0045"), Enhed.kr, "4.500 kr."),
    (Decimal("-0.04"), Enhed.mio, "0,0 mio. kr."),
])
def test_amounts_show_in_their_unit(mio: Decimal, enhed: Enhed, shown: str) -> None:
    """Exact conversion, then half-up at the unit's precision; number and unit never part."""
    text = units.beløb(units.fra_mio(mio, enhed), enhed)
    assert " " not in text and text.replace("\u00a0", " ") == shown


# -- totals: computed, or typed and checked ------------------------------------------------------

HEAD = """art: aktstykke
titel: Orientering
ministerium: Finansministeriet
dato: 2025-11-20
finansår: 2025
orienterende: true
underskrivere: [Nicolai Wammen, Jens Andersen]
tekst:
  a:
    - Finansministeriet orienterer om skønnet, jf. tabel 1.
  b:
    - tabel:
        id: t
        titel: Skøn
        enhed: mia. kr.
"""


def danish(value: Decimal) -> str:
    """A tenth in Danish notation, written here without the tool: 1234.5 → "1.234,5"."""
    sign, digits = ("-" if value < 0 else ""), f"{abs(value):.1f}"
    whole, tenth = digits.split(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + ".".join([whole, *groups]) + "," + tenth


cells = st.one_of(st.none(), st.integers(-99999, 99999).map(lambda n: Decimal(n) / 10))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[Decimal | None]], bool, bool]:
    """(the parts' cells, whether the total is typed, whether an I alt column)."""
    years = draw(st.integers(1, 3))
    parts = draw(st.lists(st.lists(cells, min_size=years, max_size=years), min_size=1,
                          max_size=4))
    return parts, draw(st.booleans()), draw(st.booleans())


def spec_text(parts: list[list[Decimal | None]], typed_total: bool, i_alt: bool,
              ) -> tuple[str, dict[int, Decimal], list[Decimal | None]]:
    """The spec, the line of every typed amount that a typed total covers, and the totals."""
    years = [2025 + j for j in range(len(parts[0]))]
    lines = HEAD.splitlines()
    columns = ", ".join(map(str, years))
    if i_alt:
        columns += f", {{id: i-alt, navn: I alt, sum: [{columns}]}}"
    lines.append(f"        kolonner: [{columns}]")
    lines.append("        rækker:")
    checked: dict[int, Decimal] = {}
    for i, row in enumerate(parts):
        lines += [f"          - id: r{i}", f"            tekst: Del {i}", "            værdier:"]
        for value in row:
            lines.append(f'              - "{"-" if value is None else danish(value)}"')
            if value is not None and typed_total:
                checked[len(lines)] = value
    totals = [None if all(r[j] is None for r in parts)
              else sum((r[j] for r in parts if r[j] is not None), Decimal(0))
              for j in range(len(years))]
    lines += ["          - id: i-alt", "            tekst: I alt",
              f"            sum: [{', '.join(f'r{i}' for i in range(len(parts)))}]"]
    if typed_total:
        lines.append("            værdier:")
        for total in totals:
            lines.append(f'              - "{"-" if total is None else danish(total)}"')
            if total is not None:
                checked[len(lines)] = total
    return "\n".join(lines) + "\n", checked, totals


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str]:
    spec = tmp_path / "tabel.yaml"
    spec.write_text(text, encoding="utf-8")
    code = cli.main(["check", "--strict", str(spec)])
    return code, capsys.readouterr().err


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_a_consistent_table_is_clean_and_shows_its_totals(tmp_path, capsys, table) -> None:
    from aktstykker_gen.kinds.aktstykke.model import Aktstykke
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView
    from aktstykker_gen.load import load_text

    parts, typed_total, i_alt = table
    text, _, totals = spec_text(parts, typed_total, i_alt)
    code, err = check(tmp_path, capsys, text)
    assert (code, err.strip().splitlines()[-1]) == (0, "1 ok, 0 med fejl")
    model = Aktstykke.model_validate(load_text(text, "t.yaml").data)
    block = AktstykkeView(model).context()["afsnit"][1][1][0]
    shown_totals = block["rækker"][-1]["celler"][:len(totals)]
    assert shown_totals == ["-" if t is None else danish(t) for t in totals]
    if i_alt:
        for row, cells_shown in zip(parts, (r["celler"] for r in block["rækker"]), strict=False):
            found = [v for v in row if v is not None]
            assert cells_shown[-1] == (danish(sum(found, Decimal(0))) if found else "-")


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables(), st.sampled_from([TENTH, -TENTH]))
def test_every_typed_amount_under_a_typed_total_is_checked(tmp_path, capsys, table, step) -> None:
    """Each part or total changed by 0,1 alone fails `check`, naming its line."""
    parts, _, i_alt = table
    text, checked, _ = spec_text(parts, True, i_alt)
    lines = text.splitlines()
    for number, value in checked.items():
        mutant = lines.copy()
        mutant[number - 1] = mutant[number - 1].replace(f'"{danish(value)}"',
                                                        f'"{danish(value + step)}"')
        assert mutant != lines
        code, err = check(tmp_path, capsys, "\n".join(mutant) + "\n")
        assert code == 1, err
        assert re.search(rf"tabel\.yaml:{number}:\d+", err), (number, err)


# -- the example spec in every writer --------------------------------------------------------------

AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d$")


@pytest.fixture(scope="module")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from aktstykker_gen.build import render_outputs, write_outputs
    from aktstykker_gen.pipeline import check as check_spec

    out = tmp_path_factory.mktemp("tabeller-build")
    written = write_outputs(render_outputs(check_spec(EXAMPLE)), out, EXAMPLE.stem)
    return {p.suffix: p for p in written}


@pytest.fixture(scope="module")
def pdf_lines(example_build: dict[str, Path]) -> list[list[dict]]:
    """Every text line of the PDF as its words (with positions, font and size), left to right."""
    import pdfplumber

    found = []
    with pdfplumber.open(example_build[".pdf"]) as pdf:
        for page in pdf.pages:
            by_top: dict[float, list[dict]] = defaultdict(list)
            for word in page.extract_words(extra_attrs=["size", "fontname"], return_chars=True):
                by_top[(page.page_number, round(word["top"]))].append(word)
            found += [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(by_top.items())]
    return found


def table_rows(pdf_lines: list[list[dict]]) -> dict[str, list[list[dict]]]:
    """The lines of each own table, from its caption to its first note, by caption number."""
    tables: dict[str, list[list[dict]]] = {}
    current = None
    for line in pdf_lines:
        text = " ".join(w["text"] for w in line)
        if m := re.match(r"Tabel (\d+)\. ", text):
            current = tables.setdefault(m[1], [])
        elif text.startswith(("Anm.:", "Kilde:")):
            current = None
        elif current is not None:
            current.append(line)
    return tables


def test_decimal_commas_line_up_in_each_column(pdf_lines) -> None:
    columns = defaultdict(list)
    for nr, rows in table_rows(pdf_lines).items():
        for line in rows:
            for k, word in enumerate(reversed(line)):
                if AMOUNT.match(word["text"]):
                    comma = next(c for c in word["chars"] if c["text"] == ",")
                    columns[(nr, k)].append(comma["x0"])
    # Table 1: two columns of 6 rows; table 2: three columns of 4 rows, one cell "-".
    assert sorted((key, len(xs)) for key, xs in columns.items()) == [
        (("1", 0), 6), (("1", 1), 6), (("2", 0), 4), (("2", 1), 3), (("2", 2), 4)]
    assert all(max(xs) - min(xs) <= 0.5 for xs in columns.values())


def test_notes_stand_small_below_their_table(pdf_lines) -> None:
    body_size = max(w["size"] for line in pdf_lines for w in line if w["text"] == "Udgifterne")
    notes = [line for line in pdf_lines if line[0]["text"] in ("Anm.:", "Kilde:")]
    assert [line[0]["text"] for line in notes] == ["Anm.:", "Kilde:", "Anm.:", "Kilde:"]
    assert all(w["size"] < body_size for line in notes for w in line)
    tops = {id(line): i for i, line in enumerate(pdf_lines)}
    for nr, rows in table_rows(pdf_lines).items():
        following = [line for line in notes if tops[id(line)] > tops[id(rows[-1])]]
        assert following, f"no note below table {nr}"


def test_total_rows_are_bold_and_parts_are_not(pdf_lines) -> None:
    rows = [line for table in table_rows(pdf_lines).values() for line in table
            if AMOUNT.match(line[-1]["text"])]
    bold = {" ".join(w["text"] for w in line if not AMOUNT.match(w["text"]))
            for line in rows if all("Bold" in w["fontname"] for w in line)}
    plain = {line[0]["text"] for line in rows if not any("Bold" in w["fontname"] for w in line)}
    assert bold == {"Udgifter under lofterne i alt", "Råderum under lofterne",
                    "Mindreforbrug i alt"}
    assert len(plain) == 6


def test_sub_headings_are_headings_in_every_writer(example_build) -> None:
    """A Word heading (outline level), a PDF heading (H1, see test_pdf_tags) and bookmark under
    its section's letter; the letter of a section it opens starts its line."""
    import docx
    import pdfplumber

    expected = ["Delloftet for driftsudgifter", "Forbruget på udvalgte områder"]
    document = docx.Document(str(example_build[".docx"]))
    # The first opens section b, so its line begins with the letter (issue 13).
    assert [p.text.split("\t")[-1] for p in document.paragraphs
            if p.style.style_id in ("subheading", "section-subheading")] == expected
    assert document.styles["Underoverskrift"].element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl") is not None
    with pdfplumber.open(example_build[".pdf"]) as pdf:
        assert [(level, title) for level, title, *_ in pdf.doc.get_outlines()] == [
            (1, "a."), (1, "b."), (2, f"b. {expected[0]}"), (2, expected[1])]
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
    # the letter opens the heading's line, set like every section's letter (not bold)
    letter = next(w for w in words if w["text"] == "b.")
    heading = next(w for w in words if w["text"] == "Delloftet")
    assert abs(letter["bottom"] - heading["bottom"]) < 0.5 and letter["x1"] < heading["x0"]
    assert "Bold" in heading["fontname"] and "Bold" not in letter["fontname"]
    text_lines = example_build[".txt"].read_text(encoding="utf-8").splitlines()
    assert [line.strip() for line in text_lines if line.strip() in expected] == expected[1:]
    assert "b. Delloftet for driftsudgifter" in text_lines


def test_docx_tables_are_word_tables_with_a_repeated_header(example_build) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(example_build[".docx"]))
    own = [t for t in document.tables if t.rows[0].cells[1].text in ("FL25", "2025")]
    assert len(own) == 2
    for table in own:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    styles = [p.style.style_id for p in document.paragraphs]
    notes = [s for s in styles if s in ("table-note", "table-note-last")]   # the last: more air
    assert styles.count("table-caption") == 2 and len(notes) == 5


def test_pdf_and_docx_carry_the_same_text(example_build) -> None:
    assert similarity(pdf_text(example_build[".pdf"]), docx_text(example_build[".docx"])) >= 0.995


@pytest.mark.parametrize(("enhed", "mio", "shown"), [
    ("kr.", "1,2", "1.200.000"), ("mia. kr.", "1250,0", "1,3"), ("mia. kr.", "1249,9", "1,2"),
    ("mia. kr.", "1240,0", "1,2"), ("mio. kr.", "0,1", "0,1"),
])
def test_a_cell_referring_to_data_in_mio_is_converted_exactly(tmp_path, capsys, enhed, mio,
                                                               shown) -> None:
    """{beløb:x} is typed in mio. kr.; the table shows it in its own unit, rounded half-up once;
    the total of two such cells is their exact sum, and where the shown parts do not add up to
    the shown total, `check` warns (AKT221) and says nothing else."""
    from aktstykker_gen.kinds.aktstykke.model import Aktstykke
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView
    from aktstykker_gen.load import load_text

    text = HEAD.replace("enhed: mia. kr.", f"enhed: {enhed}").replace(
        "tekst:\n", f'beløb:\n  x: "{mio}"\ntekst:\n', 1) + """        kolonner: [2025]
        rækker:
          - {id: a, tekst: A, værdier: ["{beløb:x}"]}
          - {id: b, tekst: B, værdier: ["{beløb:x}"]}
          - {id: s, tekst: I alt, sum: [a, b]}
"""
    model = Aktstykke.model_validate(load_text(text, "t.yaml").data)
    rows = AktstykkeView(model).context()["afsnit"][1][1][0]["rækker"]
    assert rows[0]["celler"] == [shown]
    exact = units.fra_mio(Decimal(mio.replace(",", ".")) * 2, Enhed(enhed))
    assert rows[2]["celler"] == [units.tal(exact, Enhed(enhed))]
    tenth = Decimal(1) if enhed == "kr." else Decimal("0.1")
    one = units.fra_mio(Decimal(mio.replace(",", ".")), Enhed(enhed))
    rounding_shows = 2 * one.quantize(tenth, ROUND_HALF_UP) != (2 * one).quantize(tenth, ROUND_HALF_UP)
    code, err = check(tmp_path, capsys, text)
    assert re.findall(r"\[(AKT\d+)\]", err) == (["AKT221"] if rounding_shows else [])
    assert code == (1 if rounding_shows else 0)


@pytest.mark.parametrize("field", ["titel: Skøn {beløb:ukendt}", "anm: Se {beløb:ukendt}",
                                   "kilde: '{beløb:ukendt}'"])
def test_table_texts_are_prose_whose_references_must_resolve(tmp_path, capsys, field) -> None:
    """Caption, notes and source are prose: a reference there that names nothing is AKT601."""
    text = HEAD.replace("        titel: Skøn\n", "") + f"""        {field}
        kolonner: [2025]
        rækker:
          - {{tekst: A, værdier: ["1,0"]}}
"""
    if not field.startswith("titel"):
        unit = "        enhed: mia. kr.\n"
        text = text.replace(unit, unit + "        titel: Skøn\n")
    code, err = check(tmp_path, capsys, text)
    number = next(i for i, line in enumerate(text.splitlines(), 1) if "{beløb:ukendt}" in line)
    assert code == 1 and re.search(rf"tabel\.yaml:{number}:\d+: error\[AKT601\]", err), err
