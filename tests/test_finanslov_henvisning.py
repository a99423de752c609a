"""`{finanslov:konto:år}`: prose that takes the finanslov's figure from the export given with
--kontoplan. The figures expected here are read from the export with `csv`, not through
kontoplan.py, and compared with the text the build writes."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from conftest import SHARED_DATA, require, seed_with

from aktstykker_gen import cli, pipeline
from aktstykker_gen.kontoplan import read_kontoplan
from aktstykker_gen.writers.text import write_text

SEED_SENTENCE = "afsat {finansiering} årligt i 2025-2027"
# The export of year Y: R, B (Y), TB, BO1-BO3 (Y+1 … Y+3); the fields after the name.
FIELD_OF_YEAR = {2025: 2, 2026: 4, 2027: 5, 2028: 6}


def export(year: int = 2025) -> Path:
    path = SHARED_DATA / f"finanslovsdatabasen_{year}.csv"
    require(path.is_file(), f"{path} is absent (the shared data folder is not mounted)")
    return path


def rows_of_export() -> dict[str, list[str]]:
    """Every 6- and 8-digit account of the 2025 export with its fields, read with csv alone."""
    with export().open(encoding="cp1252", newline="") as file:
        found = {}
        for row in csv.reader(file, delimiter=";"):
            code = row[0].strip().split(" ", 1)[0]
            if len(code) in (6, 8) and code.isdigit():
                found.setdefault(code, [field.strip() for field in row])
        return found


def dotted(code: str) -> str:
    return ".".join(code[i:i + 2] for i in range(0, len(code), 2))


def shown(field: str) -> str:
    """The export's "1288,4" as the document prints it: "1.288,4 mio. kr."."""
    whole, decimals = field.split(",")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{decimals} mio. kr."


def spec(tmp_path: Path, reference: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(seed_with((SEED_SENTENCE, f"afsat {reference} årligt i 2025-2027")),
                    encoding="utf-8")
    return path


def sentence(text: str) -> str:
    line = next(line for line in text.replace("\u00a0", " ").splitlines()
                if "På finansloven for 2025" in line)
    return " ".join(line.split())


@pytest.fixture(scope="module")
def plan():
    return read_kontoplan(export())


def sample() -> list[tuple[str, int]]:
    """Thirty accounts with a non-negative figure in the year, a fixed sample across the plan
    (hovedkonti and underkonti, every year the export has a column for)."""
    if not (SHARED_DATA / "finanslovsdatabasen_2025.csv").is_file():
        return [("16117979", 2025)]   # the test skips (or fails under CI) in `export()`
    rows = rows_of_export()
    chosen = random.Random(18).sample(sorted(rows), 30)
    return [(code, år) for i, code in enumerate(chosen)
            for år in [list(FIELD_OF_YEAR)[i % 4]]
            if len(rows[code]) > FIELD_OF_YEAR[år] and rows[code][FIELD_OF_YEAR[år]]
            and not rows[code][FIELD_OF_YEAR[år]].startswith("-")]


def test_the_seed_sentence_built_with_the_export_prints_the_exports_figure(tmp_path):
    """The build writes the sentence with 16.11.79.79's column B, as csv reads it."""
    expected = shown(rows_of_export()["16117979"][FIELD_OF_YEAR[2025]])
    assert expected == "30,0 mio. kr."
    path = spec(tmp_path, "{finanslov:16.11.79.79:2025}")
    out = tmp_path / "out"
    assert cli.main(["build", "--kontoplan", str(export()), "-o", str(out), str(path)]) == 0
    built = (out / "spec.txt").read_text(encoding="utf-8")
    assert sentence(built) == (f"På finansloven for 2025 er der afsat {expected} årligt i "
                               "2025-2027 til strategien.")


@pytest.mark.parametrize(("code", "år"), sample())
def test_any_account_and_year_prints_what_the_export_holds(tmp_path, plan, code, år):
    expected = shown(rows_of_export()[code][FIELD_OF_YEAR[år]])
    checked = pipeline.check(spec(tmp_path, f"{{finanslov:{dotted(code)}:{år}}}"), plan)
    assert [d.code for d in checked.diagnostics if d.is_error] == []
    assert sentence(write_text(pipeline.render(checked))) == (
        f"På finansloven for 2025 er der afsat {expected} årligt i 2025-2027 til strategien.")


def test_no_year_is_the_finansaar_and_a_span_is_the_sum_of_its_years(tmp_path, plan):
    """16.11.79.79 holds 30,0 in 2025, 2026 and 2027 (B, BO1, BO2)."""
    texts = [sentence(write_text(pipeline.render(pipeline.check(
        spec(tmp_path, reference), plan)))) for reference in
        ("{finanslov:16.11.79.79}", "{finanslov:16.11.79.79:2025-2027}",
         "{finanslov:16.11.79.79:2026|kr}")]
    assert [t.split("afsat ")[1].split(" årligt")[0] for t in texts] == [
        "30,0 mio. kr.", "90,0 mio. kr. i 2025-2027", "30.000.000 kr."]


def test_without_the_export_check_fails_and_build_writes_nothing(tmp_path, capsys):
    path = spec(tmp_path, "{finanslov:16.11.79.79:2025}")
    assert cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8")[:path.read_text(encoding="utf-8").index(
        "{finanslov:")].count("\n") + 1
    assert (f"spec.yaml:{line}:44: error[AKT314]: henvisningen {{finanslov:16.11.79.79:2025}} "
            "tager sit tal fra finansloven, men ingen eksport er givet") in err
    assert "--kontoplan FILE" in err
    out = tmp_path / "out"
    assert cli.main(["build", "-o", str(out), str(path)]) == 1
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(("reference", "detail"), [
    ("{finanslov:16.11.79.99:2025}", "§ 16.11.79.99 findes ikke i"),
    ("{finanslov:16.11.79.79:2029}", "ikke for 2029"),
    ("{finanslov:16.11.79.79:2024-2026}", "ikke for 2024"),
])
def test_a_figure_the_export_does_not_have_is_named(tmp_path, plan, reference, detail):
    checked = pipeline.check(spec(tmp_path, reference), plan)
    [error] = [d for d in checked.diagnostics if d.code == "AKT314"]
    assert error.message == f"henvisningen {reference} peger på et tal, eksporten ikke har"
    assert detail in error.details[0]


def test_the_export_of_another_year_gives_no_figure(tmp_path):
    checked = pipeline.check(spec(tmp_path, "{finanslov:16.11.79.79:2025}"),
                             read_kontoplan(export(2026)))
    [error] = [d for d in checked.diagnostics if d.code == "AKT314"]
    assert "er for 2026, aktstykket for finansåret 2025" in error.details[0]


@pytest.mark.parametrize("reference", ["{finanslov:16.11.79.79:2026-2025}",
                                       "{finanslov:1611.79.79:2025}",
                                       "{finanslov:16.11.79.79:2025:x}"])
def test_a_reference_not_of_the_form_is_told_its_form(tmp_path, plan, reference):
    checked = pipeline.check(spec(tmp_path, reference), plan)
    [error] = [d for d in checked.diagnostics if d.code == "AKT314"]
    assert error.message == f"henvisningen {reference} har ikke formen {{finanslov:konto:år}}"
    assert not [d for d in checked.diagnostics if d.code == "AKT601"]


def test_a_malformed_finanslov_reference_is_akt607(tmp_path, plan):
    checked = pipeline.check(spec(tmp_path, "{finanslov}x{Finanslov:16.11.79.79}"), plan)
    assert "AKT607" in [d.code for d in checked.diagnostics]


def test_verbose_shows_each_reference_with_the_figure_printed(tmp_path, capsys):
    path = spec(tmp_path, "{finanslov:16.11.79.79:2025-2027}")
    assert cli.main(["check", "-v", "--kontoplan", str(export()), str(path)]) == 0
    assert "  henvisningen {finanslov:16.11.79.79:2025-2027}: 90,0 mio. kr. i 2025-2027\n" in \
        capsys.readouterr().err
