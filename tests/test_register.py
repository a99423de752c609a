"""`aktstykke register FOLDER` on a folketingsår of 21 specs: the examples, the seed, an agenda
(which does not count) and generated variants (two more on the seed's reserve, one citing a
missing aktstykke, one number used twice, one replacing another). Every finding is asserted,
and the TB table's sums are recomputed here from the specs' YAML, read as plain text."""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEED_SPEC, SHARED_DATA, require, seed_with

from aktstykker_gen import cli
from aktstykker_gen.kinds.aktstykke import registervisning
from aktstykker_gen.registercache import Cache

EXAMPLES = sorted((ROOT / "specs" / "examples").glob("*.yaml"))
AGENDA = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
HEAD = ("dato: 2025-10-01\nfinansår: 2025\n")
DRAW = ("      - nr: 79\n        navn: Strategi for Personlig Medicin\n",
        "            udgift: {2025: -30.0}")


def variant(dato: str, nummer: int, folketingsår: str = "2025-26", reserve: str | None = None,
            citer: str = "", erstatter: str = "", cite_281: bool = True) -> str:
    """The seed numbered and dated, drawing on another underkonto of 16.11.79 when `reserve`
    is given as (number, name, amount)."""
    changes = [(HEAD, f"dato: {dato}\nnummer: {nummer}\nfolketingsår: {folketingsår}\n"
                      f"finansår: 2025\n{erstatter}")]
    if reserve:
        nr, navn, beløb = reserve
        changes += [(DRAW[0], f"      - nr: {nr}\n        navn: {navn}\n"),
                    (DRAW[1], f"            udgift: {{2025: -{beløb}}}")]
    extra = citer
    if not cite_281:
        changes += [("aktstykker:\n  - {nr: 281, dato: 2025-06-26, folketingsår: 2024-25}\n",
                     f"aktstykker:\n{extra}" if extra else ""), (", jf. {akt:281}", "")]
    elif extra:
        changes.append(("  - {nr: 281, dato: 2025-06-26, folketingsår: 2024-25}\n",
                        "  - {nr: 281, dato: 2025-06-26, folketingsår: 2024-25}\n" + extra))
    return seed_with(*changes)


VARIANTS = {
    # akt. 281 of 26 June 2025, which the seed cites: it draws the same reserve in full
    "v281.yaml": variant("2025-06-26", 281, "2024-25", cite_281=False),
    "v-mangler.yaml": variant("2025-10-08", 5, reserve=("40", "Reserve vedr. det kom. lov- og "
                              "cirk. program", "30.0"),
                              citer="  - {nr: 999, dato: 2025-09-01}\n"),
    "v-dublet-a.yaml": variant("2025-10-15", 10, reserve=("45", "Ekstraordinær kræftindsats og "
                               "Kræftplan V", "30.0")),
    "v-dublet-b.yaml": variant("2025-10-16", 10, reserve=("45", "Ekstraordinær kræftindsats og "
                               "Kræftplan V", "30.0")),
    # 11 and 12 both draw 17,0 on a reserve of 17,8: only 12 counts, as it replaces 11
    "v-gammel.yaml": variant("2025-11-05", 11, reserve=("50", "Aftale om en forebyggelsesplan",
                             "17.0")),
    "v-ny.yaml": variant("2025-11-12", 12, reserve=("50", "Aftale om en forebyggelsesplan",
                         "17.0"), citer="  - {nr: 11, dato: 2025-11-05}\n",
                         erstatter="erstatter: 11\n"),
}


def folketingsår(root: Path) -> Path:
    folder = root / "specs"
    (folder / "examples").mkdir(parents=True)
    for example in EXAMPLES:
        shutil.copy(example, folder / "examples" / example.name)
    shutil.copy(SEED_SPEC, folder / SEED_SPEC.name)
    shutil.copy(AGENDA, folder / AGENDA.name)
    for name, text in VARIANTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def export_2025() -> Path:
    path = SHARED_DATA / "finanslovsdatabasen_2025.csv"
    require(path.is_file(), f"{path} is absent (the shared data folder is not mounted)")
    return path


def run(capsys, folder: Path, *extra: str) -> tuple[int, dict]:
    code = cli.main(["register", str(folder), "-o", str(folder.parent / "out"),
                     "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def folder(tmp_path):
    return folketingsår(tmp_path)


def test_the_folder_has_at_least_twelve_aktstykker_and_the_agenda_does_not_count(capsys,
                                                                                   folder):
    _, report = run(capsys, folder)
    assert len(report["aktstykker"]) == len(EXAMPLES) + 1 + len(VARIANTS) >= 12
    assert AGENDA.name not in report["aktstykker"]


EXPECTED_WITHOUT_EXPORT = [
    ("dublet", True, "akt. 10 (2025-26) bruges af 2 aktstykker: v-dublet-a.yaml, "
                     "v-dublet-b.yaml"),
    ("hul", False, "folketingsår 2025-26: nr. 6-9, 13-47, 49-96, 98-117, 119-130 mangler"),
    ("citat", True, "examples/allerede-afsatte-midler.yaml citerer akt. 64 af 4. december 2025, "
                    "som ingen spec i registret er"),
    ("citat", True, "examples/erstatter-tidligere.yaml citerer akt. 108 af 11. marts 2026, som "
                    "ingen spec i registret er"),
    # fortroligt-ophaevet.yaml is an akt. H, but of 12 November 2025
    ("citat", True, "examples/erstatter-tidligere.yaml citerer akt. H af 19. december 2019, som "
                    "ingen spec i registret er"),
    ("citat", True, "examples/laaneramme.yaml citerer akt. 212 af 20. maj 2021, som ingen spec "
                    "i registret er"),
    # laaneramme.yaml is an akt. 97, but of another date
    ("citat", True, "examples/orienterende.yaml citerer akt. 97 af 23. marts 2023, som ingen "
                    "spec i registret er"),
    ("citat", True, "v-mangler.yaml citerer akt. 999 af 1. september 2025, som ingen spec i "
                    "registret er"),
    ("erstatning", True, "examples/erstatter-tidligere.yaml erstatter akt. 108 af 11. marts "
                         "2026, ikke i registret"),
    ("erstatning", False, "v-ny.yaml erstatter v-gammel.yaml"),
]


def test_every_finding_without_the_export(capsys, folder):
    code, report = run(capsys, folder)
    assert [(f["art"], f["fejl"], f["tekst"]) for f in report["fund"]] == EXPECTED_WITHOUT_EXPORT
    assert code == 1


def test_the_seeds_citation_of_akt_281_resolves_to_the_spec_of_that_number_and_date(capsys,
                                                                                     folder):
    _, report = run(capsys, folder)
    assert not any("akt. 281" in f["tekst"] for f in report["fund"])


def test_with_the_export_the_reserve_drawn_twice_is_the_one_more_finding(capsys, folder):
    """The seed and akt. 281 each draw the 30,0 reserve in full; 11 and 12 draw 17,0 each on
    a reserve of 17,8, but 11 is replaced and set aside; 10 is drawn twice (a duplicate) on
    a reserve of 281,0, within it."""
    code, report = run(capsys, folder, "--kontoplan", str(export_2025()))
    extra = [(f["art"], f["tekst"]) for f in report["fund"]
             if (f["art"], f["fejl"], f["tekst"]) not in EXPECTED_WITHOUT_EXPORT]
    assert extra == [("reserve", "§ 16.11.79.79 Strategi for Personlig Medicin i 2025: 2 "
                                 "aktstykker trækker 60,0 mio. kr., finansloven har afsat 30,0 "
                                 "mio. kr. (kolonne B): 2025-10-01-personlig-medicin.yaml 30,0 "
                                 "mio. kr., v281.yaml 30,0 mio. kr.")]
    rows = {(r["konto"], r["år"]): r for r in report["reserver"]}
    assert (rows[("16.11.79.50", 2025)]["trukket"], rows[("16.11.79.50", 2025)]["specs"]) == (
        "17.0", [["v-ny.yaml", "17.0"]])
    assert (rows[("16.11.79.45", 2025)]["trukket"], rows[("16.11.79.45", 2025)]["overtrukket"]) \
        == ("60.0", False)
    assert code == 1


def test_a_citation_marked_ekstern_is_not_looked_for(capsys, folder):
    path = folder / "v-mangler.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{nr: 999, dato: 2025-09-01}", "{nr: 999, dato: 2025-09-01, ekstern: true}"),
        encoding="utf-8")
    _, report = run(capsys, folder)
    assert not any("999" in f["tekst"] for f in report["fund"])


# -- the TB table, recomputed from the specs -------------------------------------------------


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def independent_tb(folder: Path) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    """Per finansår and hovedkonto, (udgift, indtægt) summed over every aktstykke's lines in
    its finansår, read with YAML's base loader (every value a text), leaving out an aktstykke
    another one replaces (by its number) and aktstykker with no amount in their finansår."""
    specs = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
             for p in sorted(folder.rglob("*.yaml"))]
    specs = [s for s in specs if s.get("art", "aktstykke") == "aktstykke"]
    replaced = {s["erstatter"] for s in specs if "erstatter" in s}
    sums: dict[str, dict[str, list[Decimal]]] = defaultdict(dict)
    for s in specs:
        if s.get("nummer") in replaced:
            continue
        year = s["finansår"]
        accounts = s.get("finansiering", []) + s.get("udgifter", [])
        lines = [(h["nr"], line) for h in accounts for u in h.get("underkonti", [])
                 for line in u.get("standardkonti", [])]
        if not any(year in line.get(side, {}) for _, line in lines
                   for side in ("udgift", "indtægt")):
            continue
        for nr, line in lines:
            row = sums[year].setdefault(nr, [Decimal(0), Decimal(0)])
            row[0] += _amount(line.get("udgift", {}).get(year, "0"))
            row[1] += _amount(line.get("indtægt", {}).get(year, "0"))
    return {year: {nr: (u, i) for nr, (u, i) in rows.items()} for year, rows in sums.items()}


def test_the_tb_tables_sums_are_the_specs_own(capsys, folder):
    _, report = run(capsys, folder)
    shown = {year: {r["nr"]: (Decimal(r["udgift"]), Decimal(r["indtægt"])) for r in rows}
             for year, rows in report["tb"].items()}
    assert shown == independent_tb(folder)
    # five draws of 30,0 (the seed, 281, 5 and both 10s) and 12's 17,0; 11's is set aside
    assert shown["2025"]["16.11.79"] == (Decimal("-167.0"), Decimal(0))


def test_the_terminal_table_shows_each_hovedkonto_and_the_total(capsys, folder):
    cli.main(["register", str(folder), "-o", str(folder.parent / "out")])
    out = capsys.readouterr().out
    tb = independent_tb(folder)["2026"]
    total = sum((u - i for u, i in tb.values()), Decimal(0))
    assert "Tillægsbevillingen for 2026, aktstykkernes del (mio. kr.):" in out
    assert any(line.split()[:2] == ["I", "alt"] and line.split()[-1] == f"{total:.1f}"
               .replace(".", ",").replace("-0,0", "0,0") for line in out.splitlines())


# -- incremental ----------------------------------------------------------------------------


def test_a_second_run_with_nothing_changed_opens_no_spec(capsys, folder):
    out = folder.parent / "out"
    specs = sorted(p for p in folder.rglob("*.yaml"))
    first = Cache(out)
    registervisning.byg(folder, specs, first)
    first.save({p.relative_to(folder).as_posix() for p in specs})
    again = Cache(out)
    registervisning.byg(folder, specs, again)
    assert (first.read, first.typed, again.read, again.typed) == (len(specs), len(specs), 0, 0)


def test_a_touched_spec_is_read_but_not_typed_and_an_edited_one_is_typed(capsys, folder):
    out = folder.parent / "out"
    specs = sorted(p for p in folder.rglob("*.yaml"))
    first = Cache(out)
    registervisning.byg(folder, specs, first)
    first.save({p.relative_to(folder).as_posix() for p in specs})
    touched, edited = folder / "v-ny.yaml", folder / "v281.yaml"
    os.utime(touched, ns=(1, 1))
    edited.write_text(edited.read_text(encoding="utf-8").replace("-30.0", "-29.0"),
                      encoding="utf-8")
    again = Cache(out)
    register = registervisning.byg(folder, specs, again)
    assert (again.read, again.typed) == (2, 1)
    assert register.specs["v281.yaml"]["træk"][0]["beløb"] == "29.0"


# -- the document ---------------------------------------------------------------------------


def test_the_document_is_written_through_the_writers_with_the_findings_and_the_table(capsys,
                                                                                      folder):
    out = folder.parent / "out"
    cli.main(["register", str(folder), "-o", str(out), "--dokument"])
    capsys.readouterr()
    text = (out / "register.txt").read_text(encoding="utf-8")
    assert "akt. 10 (2025-26) bruges af 2 aktstykker" in text
    assert "Tillægsbevillingen for 2026: aktstykkernes del" in text
    assert (out / "register.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "register.docx").read_bytes().startswith(b"PK")
