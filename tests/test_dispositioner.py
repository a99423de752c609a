"""Money-moving dispositions and financing by kind, as the documents show them: akt. 283
2020-21 and akt. 253 2019-20 reproduced, the lines in a taken from the accounts, a transfer
checked on both its accounts, each financing kind worded, and a ceiling said everywhere."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_edits import changed, checked, codes, rendered
from textmeasure import covered_similarity, docx_text, normalise, pdf_text

from aktstykker_gen import pipeline
from aktstykker_gen.document import Section, Table
from aktstykker_gen.kinds.aktstykke.model import Finansieringsart

REAL = ROOT / "specs" / "real"
OPENINGS = Path(__file__).resolve().parent / "real"
SPECS = ("akt283-2020-21", "akt253-2019-20")
OP_TIL = ROOT / "specs" / "examples" / "overfoersel-op-til-fra-reserve.yaml"


# -- the real openings ----------------------------------------------------------------------


def opening(name: str) -> str:
    lines = (OPENINGS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith(("SOURCE:", "EXCERPT:")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    from aktstykker_gen.build import render_outputs, write_outputs

    texts = {}
    for name in SPECS:
        out = tmp_path_factory.mktemp(name)
        written = {p.suffix: p for p in write_outputs(
            render_outputs(pipeline.check(REAL / f"{name}.yaml")), out, name)}
        texts[name, "pdf"] = pdf_text(written[".pdf"])
        texts[name, "docx"] = docx_text(written[".docx"])
    return texts


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", SPECS)
def test_the_published_opening_is_reproduced(built, name: str, fmt: str) -> None:
    assert covered_similarity(opening(name), built[name, fmt]) >= 0.97


@pytest.mark.parametrize("name", SPECS)
def test_the_real_specs_are_strict_clean_and_write_no_amount_in_prose(name: str) -> None:
    path = REAL / f"{name}.yaml"
    assert pipeline.check(path).diagnostics == []
    tekst = yaml.safe_load(path.read_text(encoding="utf-8"))["tekst"]
    assert "mio" not in str(tekst)


def test_akt253_has_the_bevillingstype_labels_and_both_financing_kinds(built) -> None:
    text = normalise(built["akt253-2019-20", "pdf"])
    for expected in (
            "Der overføres 4,0 mio. kr. fra § 20.89.01. Forsøgs- og udviklingsarbejde mv. "
            "(Reservationsbev.) til § 21.11.69. Kompensationsordninger som følge af COVID-19 "
            "(Anden bev.).",
            "håndteres ved en direkte opskrivning af Kulturministeriets bevilling på forslag til "
            "lov om tillægsbevilling for 2020, mens udgiften i 2020 på 4,0 mio. kr.",
            "finansieres fra § 20.89.01. Forsøgs- og udviklingsarbejde mv. (Reservationsbev.)."):
        assert normalise(expected) in text


# -- akt. 283: the twelve lines are the accounts' data ----------------------------------------

AKT283 = (REAL / "akt283-2020-21.yaml").read_text(encoding="utf-8")


def _accounts() -> list[tuple[str, Decimal]]:
    data = yaml.safe_load(AKT283)
    return [(h["nr"], Decimal(str(h["underkonti"][0]["standardkonti"][0]["udgift"][2021])))
            for h in data["udgifter"]]


def test_akt283_lists_each_account_with_its_own_amount(tmp_path: Path) -> None:
    text = rendered(tmp_path, AKT283)
    a = text.split("\nb. ")[0]
    listed = re.findall(r"Der tilføres ([0-9.,]+) mio\. kr\. til § ([0-9.]{8})\.", a)
    assert [(nr, Decimal(beløb.replace(",", "."))) for beløb, nr in listed] == _accounts()
    assert sum(beløb for _, beløb in _accounts()) == Decimal("70.0")
    assert "Udgiften i 2021 på 70,0 mio. kr. finansieres af de på finansloven opførte midler " \
           "under § 35.11.22. Reserve til eksportpakke." in " ".join(a.split())


@pytest.mark.parametrize("nr", [nr for nr, _ in _accounts()])
def test_akt283_changing_one_amount_without_the_financing_fails(tmp_path: Path, nr: str) -> None:
    beløb = dict(_accounts())[nr]
    lines = AKT283.splitlines(keepends=True)
    start = lines.index(f"  - nr: {nr}\n")
    at = next(i for i in range(start, len(lines)) if "udgift: {2021:" in lines[i])
    assert lines[at].strip() == f"udgift: {{2021: {beløb}}}"
    lines[at] = lines[at].replace(str(beløb), str(beløb + Decimal("0.1")))
    result = checked(tmp_path, "".join(lines))
    errors = [d for d in result.diagnostics if d.code in ("AKT201", "AKT242")]
    assert {d.code for d in errors} == {"AKT201", "AKT242"}
    [balance] = [d for d in errors if d.code == "AKT201"]
    assert balance.span is not None and balance.span.line in (at + 1, *[
        i + 1 for i, line in enumerate(lines) if "udgift: {2021: -70.0}" in line])


# -- transfers: double entry ------------------------------------------------------------------

EXAMPLE = OP_TIL.read_text(encoding="utf-8")
FLERÅR = (ROOT / "specs" / "examples" / "fleraarig-delvis-ufinansieret.yaml").read_text(
    encoding="utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tenths=st.integers(min_value=1, max_value=300))
def test_a_transfer_must_stand_on_both_accounts(tmp_path: Path, tenths: int) -> None:
    amount = Decimal(tenths) / 10
    text = changed(EXAMPLE, ("  - overføres: 15.0", f"  - overføres: {amount}"))
    found = codes(tmp_path, text)
    assert ("AKT241" in found) == (amount != Decimal("15.0"))


def test_a_transfer_without_its_lines_points_at_the_amount(tmp_path: Path) -> None:
    result = checked(tmp_path, changed(EXAMPLE, ("  - overføres: 15.0", "  - overføres: 12.0")))
    [finding] = [d for d in result.diagnostics if d.code == "AKT241"]
    assert finding.span is not None and finding.span.line == EXAMPLE.splitlines().index(
        "  - overføres: 15.0") + 1


# -- financing kinds ------------------------------------------------------------------------

SENTENCES = {
    Finansieringsart.reserve: "finansieres af de på finansloven opførte midler under "
                              "§ 35.11.22.20. Reserve til eksportfremme.",
    Finansieringsart.hovedkonto: "finansieres fra § 35.11.22. Reserve til eksportpakke.",
    Finansieringsart.direkte_opskrivning: "håndteres ved en direkte opskrivning af "
                                          "Erhvervsministeriets bevilling på forslag til lov om "
                                          "tillægsbevilling for 2025.",
    Finansieringsart.ufinansieret: "er ufinansieret og forøger statens nettoudgifter "
                                   "tilsvarende.",
}


@pytest.mark.parametrize("art", list(Finansieringsart))
def test_each_financing_kind_has_its_standard_sentence(tmp_path: Path, art) -> None:
    text = EXAMPLE
    if art in (Finansieringsart.direkte_opskrivning, Finansieringsart.ufinansieret):
        # The reserve released nothing: the whole expense is the stated nettoændring.
        text = changed(text, ("udgift: {2025: -15.0}", "udgift: {2025: 0.0}"),
                       ("  - overføres: 15.0\n    fra: 35.11.22\n    til: 08.21.01\n    op_til: "
                        "true", "  - tilføres: 08.21.01"),
                       ("dispositioner:\n", "nettoændring: {2025: 15.0}\n\ndispositioner:\n"))
    text = changed(text, ("  - art: reserve", f"  - art: {art.value}"))
    if art is not Finansieringsart.reserve:
        text = changed(text, ("    underkonto: 20\n", ""))
    a = " ".join(rendered(tmp_path, text).split("\nb. ")[0].split())
    assert f"Udgiften i 2025 på op til 15,0 mio. kr. {SENTENCES[art]}" in a


def test_several_kinds_in_one_sentence_join_with_mens(tmp_path: Path) -> None:
    a = " ".join(rendered(tmp_path, (REAL / "akt253-2019-20.yaml").read_text(encoding="utf-8"))
                 .split("\nb. ")[0].split())
    assert a.count("Udgiften i 2020") == 1 and ", mens udgiften i 2020 på 4,0 mio. kr." in a


# -- ceilings --------------------------------------------------------------------------------


def test_a_ceiling_is_said_in_a_the_financing_and_e(tmp_path: Path) -> None:
    text = " ".join(rendered(tmp_path, EXAMPLE).split())
    assert text.count("op til 15,0 mio. kr.") == 3
    plain = " ".join(rendered(tmp_path, EXAMPLE.replace("    op_til: true\n", "")).split())
    assert "op til" not in plain and plain.count("15,0 mio. kr.") == 3


def tables(tmp_path: Path, text: str) -> list[Table]:
    document = pipeline.render(checked(tmp_path, text))
    return [b for part in document.body for b in (part.blocks if isinstance(part, Section)
                                                  else (part,)) if isinstance(b, Table)]


def accounts_shown(table: Table) -> set[str]:
    return {m for group in table.groups for row in group
            for m in re.findall(r"^§\s(\d\d\.\d\d\.\d\d)\.", row.cells[0].text)}


CAPPED = [
    # the transfer: both its accounts are under the ceiling
    (EXAMPLE, (), {"08.21.01", "35.11.22"}),
    # a "Der tilføres" with a ceiling, its unfinanced part one too: its account only, in the
    # overview, b and e
    (FLERÅR, (("  - tilføres: 15.71.10\n", "  - tilføres: 15.71.10\n    op_til: true\n"),
              ("  - art: ufinansieret\n", "  - art: ufinansieret\n    op_til: true\n")),
     {"15.71.10"}),
    # a reserve's release with a ceiling pays a "tilføres" with one (AKT244): both accounts
    (FLERÅR, (("    underkonto: 10\n", "    underkonto: 10\n    op_til: true\n"),
              ("  - tilføres: 15.71.10\n", "  - tilføres: 15.71.10\n    op_til: true\n")),
     {"15.11.79", "15.71.10"}),
]


@pytest.mark.parametrize(("spec", "edits", "capped"), CAPPED)
def test_every_table_showing_a_ceiling_notes_it(tmp_path: Path, spec: str, edits, capped) -> None:
    assert codes(tmp_path, changed(spec, *edits)) == []
    shown = tables(tmp_path, changed(spec, *edits))
    assert sum(1 for table in shown if accounts_shown(table) & capped) >= 2
    for table in shown:
        named = sorted(accounts_shown(table) & capped)
        if not named:
            assert not any("maksimumbeløb" in note for note in table.notes)
            continue
        konti = " og ".join(f"§ {nr}" for nr in named)
        expected = (f"Anm.: Beløbene i 2025 på {konti} er maksimumbeløb (op til)." if len(named) > 1
                    else f"Anm.: Beløbet i 2025 på {konti} er et maksimumbeløb (op til).")
        assert [n.replace("\u00a0", " ") for n in table.notes] == [expected]


@pytest.mark.parametrize("spec", [EXAMPLE.replace("    op_til: true\n", ""), FLERÅR])
def test_without_a_ceiling_no_table_has_the_note(tmp_path: Path, spec: str) -> None:
    assert all(table.notes == () for table in tables(tmp_path, spec))


# -- "I alt" columns -------------------------------------------------------------------------

@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.integers(min_value=1, max_value=4000), second=st.integers(min_value=1, max_value=4000))
def test_the_i_alt_column_is_each_row_summed_over_the_years(tmp_path: Path, first: int,
                                                             second: int) -> None:
    a, b = Decimal(first) / 10, Decimal(second) / 10
    text = changed(FLERÅR, ("udgift: {2025: 200.0, 2026: 330.0}", f"udgift: {{2025: {a}, 2026: {b}}}"))
    table = rendered(tmp_path, text).split("Tabel 1.")[1].split("Dispositionerne")[0]
    [header] = [line.split() for line in table.splitlines() if "I alt" in line]
    assert header == ["2025", "2026", "I", "alt"]
    [row] = [line for line in table.splitlines() if "§ 15.71.10." in line]
    shown = [Decimal(v.replace(".", "").replace(",", ".")) for v in row.split()[-3:]]
    assert shown == [a, b, a + b]


def test_without_i_alt_the_overview_has_only_the_years(tmp_path: Path) -> None:
    text = rendered(tmp_path, changed(FLERÅR, ("      i_alt: true\n", "")))
    assert "I alt" not in text
