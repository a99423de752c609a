"""`aktstykke new NAME [--from SPEC] [--dir DIR]`: a spec to start from.

A new file is valid to the editor's JSON Schema; `check` lists each place marked UDFYLD as an
error with its file:line:col (AKT605) and nothing else as an error; a copy of an earlier spec
keeps its text and builds once its date is written. `new` never overwrites a file.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC
from editorview import editor_view
from jsonschema import Draft202012Validator

from aktstykker_gen import assets, cli, scaffold

SCHEMA = ROOT / "schema" / "aktstykke.schema.json"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
PAATEGNING = ROOT / "specs" / "examples" / "med-paategning.yaml"


def run(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as exit_:   # usage errors leave through argparse
        return int(exit_.code or 0)


def new(folder: Path, *args: str) -> Path:
    assert run("new", "--dir", str(folder), *args) == 0
    return folder / f"{args[0]}.yaml"


def schema_problems(path: Path) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(editor_view(path.read_text(encoding="utf-8")))]


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = run("check", "--format", "json", str(path))
    return code, json.loads(capsys.readouterr().out)


def marked_lines(path: Path) -> list[int]:
    return [number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
            for _ in re.finditer(r"\bUDFYLD\b", line)]


def test_the_skeleton_is_valid_to_the_editor(tmp_path):
    assert schema_problems(new(tmp_path, "ny-sag")) == []


def test_check_lists_every_place_to_fill_in_and_nothing_else_as_an_error(tmp_path, capsys):
    spec = new(tmp_path, "ny-sag")
    code, found = check(spec, capsys)
    assert code == 1
    errors = [d for d in found if d["severity"] == "error"]
    assert {d["code"] for d in errors} == {"AKT605"}
    assert sorted(d["line"] for d in errors) == marked_lines(spec)
    assert len(errors) >= 10   # title, ministry, date, accounts, amounts, prose, signatories


def test_check_of_the_skeleton_prints_positions_not_a_traceback(tmp_path):
    spec = new(tmp_path, "ny-sag")
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "check", str(spec)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    positions = re.findall(rf"^{re.escape(str(spec))}:(\d+):\d+: error\[AKT605\]", done.stderr,
                           re.MULTILINE)
    assert sorted(map(int, positions)) == marked_lines(spec)


def test_the_skeleton_has_every_section_and_the_standard_phrasings(tmp_path):
    text = new(tmp_path, "ny-sag").read_text(encoding="utf-8")
    data = editor_view(text)
    assert set(data["tekst"]) == {"a", "b", "c", "e", "f"}   # d only when another authority agrees
    for phrase in ("anmoder om Finansudvalgets tilslutning til at tilføre {udgift} i",
                   "Aktstykket forelægges for Folketingets Finansudvalg nu",
                   "Finansministeriets tilslutning foreligger.",
                   "indsæt: kontoliste", "indsæt: specifikation", "indsæt: forslag"):
        assert phrase in text
    for field in ("titel", "ministerium", "dato", "finansår", "udgifter", "finansiering",
                  "underskrivere", "status"):
        assert field in data


def test_new_never_overwrites_a_file(tmp_path, capsys):
    spec = tmp_path / "findes.yaml"
    spec.write_text("# mit arbejde\n", encoding="utf-8")
    assert run("new", "--dir", str(tmp_path), "findes") == 2
    assert spec.read_text(encoding="utf-8") == "# mit arbejde\n"
    err = capsys.readouterr().err
    assert "findes allerede" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["../udenfor", "mappe/sag", ".skjult", "-x", "", "a b",
                                  "sag\\x"])
def test_new_refuses_a_name_that_is_not_a_plain_file_name(tmp_path, capsys, name):
    assert run("new", "--dir", str(tmp_path), "--", name) == 2
    assert list(tmp_path.iterdir()) == []
    assert "kan ikke bruges som filnavn" in capsys.readouterr().err


def test_new_refuses_a_folder_that_does_not_exist(tmp_path, capsys):
    assert run("new", "--dir", str(tmp_path / "ingen"), "sag") == 2
    assert "findes ikke" in capsys.readouterr().err


def test_new_writes_in_specs_by_default(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("new", "sag.yaml") == 0
    assert (tmp_path / "specs" / "sag.yaml").is_file()


def test_a_new_file_outside_a_repository_names_the_installed_schema_by_its_uri(tmp_path):
    """Not a path relative to wherever the tool is installed: that breaks when either moves."""
    for spec in (new(tmp_path, "skelet"), new(tmp_path, "kopi", "--from", str(SEED_SPEC))):
        first = spec.read_text(encoding="utf-8").split("\n", 1)[0]
        match = SCHEMA_LINE.fullmatch(first)
        assert match, first
        assert match[1] == assets.schema_file().resolve().as_uri()


def test_a_repository_with_its_own_schema_is_pointed_at_it(tmp_path):
    """A clerk's own spec repository that commits the schema gets a short, portable path."""
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "aktstykke.schema.json").write_text(SCHEMA.read_text(encoding="utf-8"))
    (tmp_path / "specs" / "2026").mkdir(parents=True)
    spec = new(tmp_path / "specs" / "2026", "sag")
    assert spec.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/aktstykke.schema.json\n")


def test_a_schema_on_another_drive_is_named_by_its_uri(tmp_path, monkeypatch):
    """Windows has no relative path from one drive to another; the line then holds a file URI."""
    def no_relative_path(path: str, start: str) -> str:
        raise ValueError("path is on mount 'C:', start on mount 'X:'")

    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "aktstykke.schema.json").write_text(SCHEMA.read_text(encoding="utf-8"))
    monkeypatch.setattr(scaffold.os.path, "relpath", no_relative_path)
    first = new(tmp_path, "sag").read_text(encoding="utf-8").split("\n", 1)[0]
    schema = (tmp_path / "schema" / "aktstykke.schema.json").resolve()
    assert first == f"# yaml-language-server: $schema={schema.as_uri()}"


def test_a_copy_keeps_the_text_and_clears_what_belongs_to_the_earlier_aktstykke(tmp_path):
    spec = new(tmp_path, "kopi", "--from", str(PAATEGNING))
    old = PAATEGNING.read_text(encoding="utf-8").split("\n")
    copied = spec.read_text(encoding="utf-8").split("\n")
    changes = [line for line in difflib.ndiff(old, copied[1:]) if line[:2] in ("- ", "+ ")]
    removed = [line[2:] for line in changes if line.startswith("- ")]
    added = [line[2:] for line in changes if line.startswith("+ ")]
    # Only these lines change; comments, layout and every other field stay as they were.
    assert removed == [line for line in old if line.split(":")[0] in (
        "status", "dato", "nummer", "folketingsår", "finansår")] + old[old.index("afgørelse:"):-1]
    assert [line.split(":")[0] for line in added] == [
        "status", "dato", "nummer", "folketingsår", "finansår", "afgørelse"]
    data = editor_view("\n".join(copied))
    assert data["nummer"] is None and data["folketingsår"] is None and data["afgørelse"] is None
    assert data["status"] == "udkast"
    assert "påtegninger" not in "\n".join(copied)
    assert re.search(r"^dato: \d{4}-\d{2}-\d{2} +# UDFYLD: ", "\n".join(copied), re.MULTILINE)
    assert schema_problems(spec) == []


def test_a_copy_of_the_seed_lists_its_date_and_builds_once_a_date_is_written(tmp_path, capsys):
    """The acceptance test of issue 6: `new x --from` the seed, check, write a date, build."""
    spec = new(tmp_path, "x", "--from", str(SEED_SPEC))
    assert schema_problems(spec) == []
    text = spec.read_text(encoding="utf-8")
    assert "status: endelig" not in text and "status: udkast" in text

    code, found = check(spec, capsys)
    assert code == 1
    errors = [d for d in found if d["severity"] == "error"]
    marked = [n for n, line in enumerate(text.split("\n"), 1)
              if line.startswith(("dato:", "finansår:"))]
    assert [(d["code"], d["line"]) for d in errors] == [("AKT605", n) for n in marked]

    text = re.sub(r"^dato: .*$", "dato: 2026-10-01", text, flags=re.MULTILINE)
    spec.write_text(re.sub(r"^finansår: .*$", "finansår: 2025", text, flags=re.MULTILINE),
                    encoding="utf-8")
    assert check(spec, capsys)[0] == 0      # a warning that finansår 2025 is not 2026 is fine
    out = tmp_path / "out"
    assert run("build", str(spec), "-o", str(out)) == 0
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        "x.pdf", "x.docx", "x.txt"}


def test_a_copy_without_status_gets_status_udkast_after_art(tmp_path):
    source = tmp_path / "uden-status.yaml"
    source.write_text(PAATEGNING.read_text(encoding="utf-8").replace("status: endelig\n", "", 1),
                      encoding="utf-8")
    assert "status:" not in source.read_text(encoding="utf-8")
    spec = new(tmp_path, "kopi", "--from", str(source))
    lines = spec.read_text(encoding="utf-8").split("\n")
    assert lines[lines.index("art: aktstykke") + 1] == "status: udkast"


def test_from_a_file_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    assert run("new", "--dir", str(tmp_path), "sag", "--from", str(tmp_path / "ingen.yaml")) == 2
    assert "findes ikke" in capsys.readouterr().err
    assert not (tmp_path / "sag.yaml").exists()


def test_the_command_runs_as_a_clerk_runs_it(tmp_path):
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "new", "sag", "--dir",
                           str(tmp_path)], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "skrevet:" in done.stderr and (tmp_path / "sag.yaml").is_file()


def test_a_copy_without_art_gets_status_before_its_first_field():
    text = "# Et gammelt aktstykke.\ntitel: Sag\ndato: 2025-01-02   # sendt\nfinansår: 2025\n"
    assert scaffold.copy(text, datetime.date(2026, 3, 1)).split("\n") == [
        "# Et gammelt aktstykke.", "status: udkast", "titel: Sag",
        "dato: 2026-03-01   # UDFYLD: aktstykkets dato (ÅÅÅÅ-MM-DD)",
        "finansår: 2025   # UDFYLD: finansåret (det tidligere aktstykkes; ret også beløbenes år)",
        ""]


@pytest.mark.parametrize("year", [1999, 2024, 2031])
def test_a_copy_marks_the_earlier_finansaar_to_be_confirmed(tmp_path, capsys, year):
    """`new --from` keeps the earlier finansår (the amounts' years are keyed by it) but marks it
    UDFYLD, so `check` names its line until the clerk has confirmed or changed it."""
    earlier = tmp_path / "tidligere.yaml"
    earlier.write_text(re.sub(r"^finansår: .*$", f"finansår: {year}",
                              SEED_SPEC.read_text(encoding="utf-8"), flags=re.MULTILINE),
                       encoding="utf-8")
    spec = new(tmp_path, "kopi", "--from", str(earlier))
    lines = spec.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("finansår:"))
    assert lines[line - 1].startswith(f"finansår: {year}   # UDFYLD: ")
    found = check(spec, capsys)[1]
    assert ("AKT605", line) in {(d["code"], d["line"]) for d in found}


# -- the committee agenda's skeleton (issue 15) ---------------------------------------------

def test_the_kinds_new_offers_are_the_kinds_there_are():
    from aktstykker_gen.kinds import KINDS

    [action] = [a for a in cli._parser()._subparsers._group_actions[0].choices["new"]._actions
                if a.dest == "art"]
    assert set(action.choices) == set(KINDS)


def test_the_agenda_skeleton_is_valid_to_the_editor_and_check_lists_only_its_marks(tmp_path,
                                                                                  capsys):
    spec = new(tmp_path, "moede", "--art", "dagsorden")
    assert spec.read_text(encoding="utf-8").split("\n")[1] == "# Ny dagsorden. Ét punkt pr. " \
        "sag, nummereret 1, 2, … i rækkefølge; et lukket punkt har"
    assert schema_problems(spec) == []
    code, found = check(spec, capsys)
    assert code == 1
    assert {d["code"] for d in found} == {"AKT709"}
    assert sorted(d["line"] for d in found) == marked_lines(spec)


def test_the_agenda_skeleton_filled_in_checks_clean_and_builds(tmp_path, capsys):
    spec = new(tmp_path, "moede", "--art", "dagsorden")
    filled = re.sub(r"UDFYLD:? ([^#\n]*?)(, fx ([^\n#]*))?$", lambda m: m[3] or "Tekst",
                    spec.read_text(encoding="utf-8"), flags=re.MULTILINE)
    filled = re.sub(r"\s*# UDFYLD[^\n]*", "", filled).replace("sagsnr: Tekst",
                                                             "sagsnr: MOD-2025-00124")
    spec.write_text(filled, encoding="utf-8")
    code, found = check(spec, capsys)
    assert (code, found) == (0, [])
    assert run("build", "-o", str(tmp_path / "out"), str(spec)) == 0
    assert (tmp_path / "out" / "moede.pdf").read_bytes().startswith(b"%PDF-")


# -- a copy of an agenda: each kind names its own fields (issue 15) ------------------------

AGENDA = ROOT / "specs" / "dagsorden" / "referat-eksempel.yaml"
COPIED = {"aktstykke": SEED_SPEC, "dagsorden": AGENDA}


@pytest.mark.parametrize("art", sorted(COPIED))
def test_a_copys_date_is_named_as_its_kind_names_it(tmp_path, capsys, art):
    """`new --from` marks the date with the earlier spec's own kind's word for it, and no mark
    or comment names another kind's."""
    from aktstykker_gen.kinds import KINDS

    spec = new(tmp_path, "kopi", "--from", str(COPIED[art]))
    text = spec.read_text(encoding="utf-8")
    [dato] = [line for line in text.split("\n") if line.startswith("dato:")]
    assert dato.endswith(f"# UDFYLD: {KINDS[art].kopi.dato}")
    others = [k.kopi.dato for name, k in KINDS.items() if name != art]
    assert not any(other in text for other in others)
    found = check(spec, capsys)[1]
    line = text.split("\n").index(dato) + 1
    assert any(d["line"] == line and d["message"] == f"skal udfyldes: {KINDS[art].kopi.dato}"
               for d in found)


def test_a_copy_of_the_minutes_is_a_new_agenda_with_the_earlier_meetings_things_cleared(
        tmp_path, capsys):
    spec = new(tmp_path, "kopi", "--from", str(AGENDA))
    old = AGENDA.read_text(encoding="utf-8").split("\n")
    copied = spec.read_text(encoding="utf-8").split("\n")
    changed = [line[2:].split(":")[0] for line in difflib.ndiff(old, copied[1:])
               if line.startswith("+ ")]
    # Only the top-level fields of the meeting change; every item stays as it was written.
    assert changed == ["status", "referat", "dato", "tidspunkt", "sted", "deltagere", "afbud",
                       "næste_møde"]
    data = editor_view("\n".join(copied))
    assert (data["referat"], data["deltagere"], data["afbud"], data["næste_møde"]) == (
        False, [], [], None)
    assert data["sted"] == editor_view("\n".join(old))["sted"]
    assert schema_problems(spec) == []
    code, found = check(spec, capsys)
    marked = [n for n, line in enumerate(copied, 1)
              if line.startswith(("dato:", "tidspunkt:", "sted:"))]
    assert code == 1
    assert [(d["code"], d["line"]) for d in found if d["severity"] == "error"] == [
        ("AKT709", n) for n in marked]
    # Confirmed: the date written, the marks on the time and place deleted; then it builds.
    text = "\n".join(re.sub(r"   # UDFYLD: .*$", "", line) for line in copied)
    spec.write_text(re.sub(r"(?m)^dato: .*$", "dato: 2026-01-15", text), encoding="utf-8")
    assert check(spec, capsys)[0] == 0
    assert run("build", str(spec), "-o", str(tmp_path / "out")) == 0


def test_a_copy_keeps_a_place_written_over_lines_as_it_was_typed(tmp_path):
    source = tmp_path / "moede.yaml"
    source.write_text(AGENDA.read_text(encoding="utf-8").replace(
        "sted: Region Hovedstaden, Kongens Vænge 2, 3400 Hillerød",
        "sted: >-   # mødelokalet\n  Region Hovedstaden, Kongens Vænge 2,\n  3400 Hillerød"),
        encoding="utf-8")
    spec = new(tmp_path, "kopi", "--from", str(source))
    data = editor_view(spec.read_text(encoding="utf-8"))
    assert data["sted"] == "Region Hovedstaden, Kongens Vænge 2, 3400 Hillerød"
    assert "sted: >-   # UDFYLD: mødestedet" in spec.read_text(encoding="utf-8")


def test_a_copy_of_a_spec_of_no_known_kind_is_a_usage_error(tmp_path, capsys):
    source = tmp_path / "ukendt.yaml"
    source.write_text("art: referatbog\ndato: 2025-01-01\n", encoding="utf-8")
    capsys.readouterr()
    assert run("new", "--dir", str(tmp_path), "sag", "--from", str(source)) == 2
    assert "art: referatbog, som ikke findes" in capsys.readouterr().err
    assert not (tmp_path / "sag.yaml").exists()
