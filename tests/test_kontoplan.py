"""`check --kontoplan`: the seed against the real Finanslovsdatabasen exports, and the reader
of the export format on small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_SPEC, SHARED_DATA, require

from aktstykker_gen.bounded import Refused
from aktstykker_gen.kontoplan import KontoplanError, names_agree, read_kontoplan
from aktstykker_gen.pipeline import check


def export(year: int) -> Path:
    path = SHARED_DATA / f"finanslovsdatabasen_{year}.csv"
    require(path.is_file(), f"{path} is absent (the shared data folder is not mounted)")
    return path


def diagnostics_against(year: int) -> list[tuple[str, str]]:
    checked = check(SEED_SPEC, kontoplan=read_kontoplan(export(year)))
    return [(d.code, d.message) for d in checked.diagnostics]


# -- the seed against the real exports -------------------------------------------------------


def test_the_seed_has_no_errors_against_the_2025_export():
    checked = check(SEED_SPEC, kontoplan=read_kontoplan(export(2025)))
    assert [d.code for d in checked.diagnostics if d.is_error] == []


def test_the_seed_gets_a_name_warning_where_the_export_says_driftsbudget():
    assert ("AKT310", "§ 16.35.01.10 hedder 'Driftsbudget' i kontoplanen, ikke "
            "'Almindelig virksomhed'") in diagnostics_against(2025)


def test_the_seed_gets_only_name_warnings_against_the_2025_export():
    assert {code for code, _ in diagnostics_against(2025)} == {"AKT310"}


def test_a_name_cut_off_in_the_export_is_not_a_difference():
    """The export's "Bedre brug af data" is the start of the spec's long name of 16.55.07."""
    assert not any("16.55.07" in message for _, message in diagnostics_against(2025))


def test_the_seed_against_the_2026_export_is_told_the_year_differs():
    assert ("AKT311", "kontoplanen er for 2026, aktstykket for finansåret 2025") \
        in diagnostics_against(2026)


def test_a_hovedkonto_missing_from_the_2026_export_is_an_error():
    """Nationalt Genom Center has no hovedkonto 16.11.37 of its own in the 2026 plan."""
    assert [(code, message) for code, message in diagnostics_against(2026) if code == "AKT309"] \
        == [("AKT309", "§ 16.11.37 findes ikke i kontoplanen")]


def test_a_mistyped_hovedkonto_is_an_error_against_the_export(tmp_path):
    text = SEED_SPEC.read_text(encoding="utf-8").replace("nr: 16.11.37", "nr: 16.11.38")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    checked = check(spec, kontoplan=read_kontoplan(export(2025)))
    [error] = [d for d in checked.diagnostics if d.code == "AKT309"]
    assert (error.code, error.span.line) == ("AKT309", text[:text.index("16.11.38")].count("\n") + 1)


# -- reading the export format ---------------------------------------------------------------

SMALL = ('"16 Indenrigs- og Sundhedsministeriet "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"161 Sundhed "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"1611 Centralstyrelsen "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"161116 Lægemiddelstyrelsen "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"16111610 Driftsbudget "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"22 Andre ordinære driftsomkostninger "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"23****************************** "; 0,0; 0,0; 82,0; 82,0; 82,0; 82,0\n'  # as in 2026
         '"17 Beskæftigelsesministeriet "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
         '"171 Arbejdsmarked "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n')


def write(tmp_path: Path, text: str, name: str = "finanslovsdatabasen_2025.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_the_export_is_read_as_cp1252_and_accounts_are_found_by_dotted_numbers(tmp_path):
    plan = read_kontoplan(write(tmp_path, SMALL))
    assert (plan.find("16.11.16").name, plan.find("16.11.16.10").name) == (
        "Lægemiddelstyrelsen", "Driftsbudget")


def test_a_two_digit_line_under_an_underkonto_is_a_standardkonto_not_a_paragraf(tmp_path):
    plan = read_kontoplan(write(tmp_path, SMALL))
    assert (plan.find("22"), plan.find("16").name, plan.find("17").name) == (
        None, "Indenrigs- og Sundhedsministeriet", "Beskæftigelsesministeriet")


def test_each_account_remembers_its_line_in_the_export(tmp_path):
    assert read_kontoplan(write(tmp_path, SMALL)).find("17").line == 8


def test_the_year_comes_from_the_file_name(tmp_path):
    assert (read_kontoplan(write(tmp_path, SMALL)).year,
            read_kontoplan(write(tmp_path, SMALL, "plan.csv")).year) == (2025, None)


@pytest.mark.parametrize("text", ['"Lægemiddelstyrelsen "; 1,0\n', '"1611161 X "; 1,0\n', ""])
def test_a_file_that_is_not_an_export_is_refused_with_the_line(tmp_path, text):
    with pytest.raises(KontoplanError):
        read_kontoplan(write(tmp_path, text))


def test_a_missing_export_is_refused(tmp_path):
    with pytest.raises(Refused, match="filen findes ikke"):
        read_kontoplan(tmp_path / "findes-ikke.csv")


@pytest.mark.parametrize(("ours", "theirs", "agree"), [
    ("Almindelig virksomhed", "almindelig  virksomhed", True),
    ("Bedre brug af data til kvalitetsudvikling", "Bedre brug af data", True),
    ("Bedre brugsanvisning", "Bedre brug", False),
    ("Almindelig virksomhed", "Driftsbudget", False),
])
def test_names_agree_up_to_case_spacing_and_a_cut_at_a_word(ours, theirs, agree):
    assert names_agree(ours, theirs) is agree
