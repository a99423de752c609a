"""Reviewers: `aktstykke diff OLD NEW` and `aktstykke textconv FILE`, on specs and built files,
and `git diff` through textconv."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_SPEC, require_tool

from aktstykker_gen import cli

EDITS = [  # a consistent change: the regions' account and allocation, and the financing
    ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}"),
    ("konto: 16.71.08, beløb: {2025: 6.6}", "konto: 16.71.08, beløb: {2025: 6.7}"),
    ("udgift: {2025: -30.0}", "udgift: {2025: -30.1}"),
]

# Every line that states either amount, or a row or total holding it, as it starts after the edit.
CHANGED = [
    "a. Indenrigs- og Sundhedsministeriet anmoder om Finansudvalgets tilslutning til at tilføre "
    "30,1 mio. kr. i 2025",
    "- 6,7 mio. kr. til § 16.71.08. Statstilskud til regionerne",
    "Udgiften i 2025 på 30,1 mio. kr. finansieres af",
    "På finansloven for 2025 er der afsat 30,1 mio. kr. årligt",
    "Der afsættes 6,7 mio. kr. til regionerne",
    "49. Reserver og budgetregulering",
    "42. Overførselsudgifter til kommuner og regioner",
    "e. Under henvisning til ovenstående anmodes om Finansudvalgets tilslutning til, at der "
    "tilføres 30,1 mio. kr.",
    "§ 16.11.79. Reserver og budgetregulering",
    "§ 16.71.08. Statstilskud til regionerne",
    "Der anmodes endvidere om Finansudvalget tilslutning til, at indenrigs- og "
    "sundhedsministeren foretager en udmelding af forhøjelsen på 6,7 mio. kr.",
    "Finansministeren bemyndiges til at overføre 6,7 mio. kr. i 2025",
    "Stk. 2. Tilskuddet til at understøtte initiativerne på 6,7 mio. kr.",
]


def edited(folder: Path, edits=EDITS) -> Path:
    text = SEED_SPEC.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The seed and the edited spec, each built once."""
    from aktstykker_gen.build import render_outputs, write_outputs
    from aktstykker_gen.pipeline import check

    folder = tmp_path_factory.mktemp("diff")
    result = {}
    for name, spec in (("old", SEED_SPEC), ("new", edited(folder))):
        for path in write_outputs(render_outputs(check(spec)), folder / name, spec.stem):
            result[name + path.suffix] = path
        result[name + ".yaml"] = spec
    return result


def changed_lines(out: str) -> tuple[list[str], list[str]]:
    lines = out.splitlines()[2:]   # after the ---/+++ header
    return ([x[1:].strip() for x in lines if x.startswith("-")],
            [x[1:].strip() for x in lines if x.startswith("+")])


# -- two specs -------------------------------------------------------------------------------


def test_a_consistent_change_prints_exactly_the_lines_that_state_the_amounts(capsys, built):
    code, out, _ = run(capsys, "diff", built["old.yaml"], built["new.yaml"])
    removed, added = changed_lines(out)
    assert (code, len(added), len(removed)) == (1, len(CHANGED), len(CHANGED))
    assert [sum(line.startswith(start) for line in added) for start in CHANGED] == [1] * len(CHANGED)
    assert [line.replace("6,6", "6,7").replace("30,0", "30,1") for line in removed] == added


HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ (.*)")


def hunks(out: str) -> list[tuple[re.Match[str], list[str]]]:
    """Each hunk's header, parsed, and its lines."""
    found: list[tuple[re.Match[str], list[str]]] = []
    for line in out.splitlines()[2:]:
        if header := HUNK.fullmatch(line):
            found.append((header, []))
        else:
            found[-1][1].append(line)
    return found


def test_each_hunk_is_headed_by_its_section(capsys, built):
    _, out, _ = run(capsys, "diff", built["old.yaml"], built["new.yaml"])
    assert {h[5].split(" › ")[0] for h, _ in hunks(out)} == {"afsnit a", "afsnit b", "afsnit e"}


def test_a_table_row_is_headed_by_the_hovedkonto_and_underkonto_it_is_under(capsys, built):
    """"42. Overførselsudgifter …" and "49. Reserver …" are labels other accounts have too:
    the header says whose row changed; a hovedkonto's own row needs no more than its section."""
    _, out, _ = run(capsys, "diff", built["old.yaml"], built["new.yaml"])
    where = {lines[0][1:].strip().split("  ")[0]: h[5] for h, lines in hunks(out)}
    assert where["42. Overførselsudgifter til kommuner og regioner"] == \
        "afsnit b › § 16.71.08 › 10"
    assert where["49. Reserver og budgetregulering"] == "afsnit b › § 16.11.79 › 79"
    assert where["§ 16.11.79. Reserver og budgetregulering"] == "afsnit e"


@pytest.mark.parametrize("context", [0, 1, 3])
def test_a_hunks_line_numbers_are_the_lines_of_both_built_texts_it_shows(capsys, built, context):
    """-a,b +c,d: lines a to a+b-1 of OLD's .txt (blank lines aside) are the hunk's removed
    and unchanged lines in order, lines c to c+d-1 of NEW's its added and unchanged ones; with
    -U N, up to N unchanged lines stand either side of a change."""
    _, out, _ = run(capsys, "diff", "-U", str(context), built["old.yaml"], built["new.yaml"])
    texts = {side: built[f"{side}.txt"].read_text(encoding="utf-8").split("\n")
             for side in ("old", "new")}
    found = hunks(out)
    assert len(found) == {0: 10, 1: 7, 3: 3}[context]
    for header, lines in found:
        for side, start, count, signs in (("old", header[1], header[2], "- "),
                                          ("new", header[3], header[4], "+ ")):
            first, span = int(start), int(count or 1)
            numbered = [line.rstrip() for line in texts[side][first - 1:first - 1 + span]]
            assert [x for x in numbered if x] == [x[1:] for x in lines if x[0] in signs]
        unchanged = [i for i, line in enumerate(lines) if line[0] == " "]
        assert len(unchanged) <= 2 * context * (len(lines) - len(unchanged))
        if context:
            assert lines[0][0] == " " and lines[-1][0] == " "


def test_the_closing_block_is_headed_as_such(capsys, tmp_path):
    """The place and date, the signatures and "Til Finansudvalget." are no part of afsnit f."""
    later = edited(tmp_path, [("dato: 2025-10-01", "dato: 2025-10-02")])
    _, out, _ = run(capsys, "diff", SEED_SPEC, later)
    where = {lines[0][1:]: h[5] for h, lines in hunks(out)}
    assert where["København, den 1. oktober 2025"] == "afslutning"
    assert where["Indenrigs- og Sundhedsministeriet. København, den 1. oktober 2025."] == \
        "indledning"


def test_a_context_that_is_no_whole_number_is_a_usage_error(capsys, built):
    code, _, err = run(capsys, "diff", "-U", "-1", built["old.yaml"], built["new.yaml"])
    assert (code, "-U skal være et helt antal linjer" in err) == (2, True)


def test_word_diff_marks_the_changed_amount_inside_its_line(capsys, built):
    _, out, _ = run(capsys, "diff", "--word-diff", built["old.yaml"], built["new.yaml"])
    assert "~Der afsættes [-6,6 mio. kr.-]{+6,7 mio. kr.+} til regionerne" in out


def test_piped_output_is_plain_and_always_is_coloured(capsys, built):
    _, plain, _ = run(capsys, "diff", built["old.yaml"], built["new.yaml"])
    _, coloured, _ = run(capsys, "diff", "--color", "always", built["old.yaml"], built["new.yaml"])
    assert ("\033[" in plain, "\033[31m-" in coloured, "\033[32m+" in coloured) == (
        False, True, True)


def test_a_spec_compared_with_itself_is_identical_exit_0(capsys, built):
    assert run(capsys, "diff", built["old.yaml"], built["old.yaml"])[:2] == (0, "")


def test_a_spec_with_check_errors_is_still_diffed_and_its_errors_shown_as_warnings(
        capsys, tmp_path):
    unbalanced = edited(tmp_path, EDITS[2:])
    code, out, err = run(capsys, "diff", SEED_SPEC, unbalanced)
    assert (code, "warning[AKT201]" in err, "error[" in err) == (1, True, False)
    assert "På finansloven for 2025 er der afsat 30,1 mio. kr. årligt" in changed_lines(out)[1][0]


# -- a spec against what was built from it ---------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt"])
def test_a_spec_and_its_own_build_are_identical_exit_0(capsys, built, suffix):
    assert run(capsys, "diff", built["old.yaml"], built["old" + suffix])[0] == 0


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt"])
def test_a_spec_and_the_build_of_a_changed_spec_differ_exit_1(capsys, built, suffix):
    assert run(capsys, "diff", built["old.yaml"], built["new" + suffix])[0] == 1


def test_two_built_docx_files_diff_like_their_specs(capsys, built):
    _, from_specs, _ = run(capsys, "diff", built["old.yaml"], built["new.yaml"])
    _, from_docx, _ = run(capsys, "diff", built["old.docx"], built["new.docx"])
    normalised = [sorted(" ".join(x.lstrip("-+ ").split()).lstrip("- ") for x in out.splitlines()
                         if x[:1] in "+-" and x[:3] not in ("---", "+++"))
                  for out in (from_specs, from_docx)]
    assert normalised[0] == normalised[1]


def test_a_file_that_is_neither_a_spec_nor_a_build_is_a_usage_error(capsys, tmp_path):
    odd = tmp_path / "notes.md"
    odd.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "diff", SEED_SPEC, odd)
    assert (code, "kan kun læse" in err) == (2, True)


def test_a_broken_docx_is_a_usage_error_not_a_crash(capsys, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert run(capsys, "diff", SEED_SPEC, broken)[0] == 2


# -- textconv and git ------------------------------------------------------------------------


def test_textconv_of_a_docx_reads_its_paragraphs_and_rows(capsys, built):
    code, out, _ = run(capsys, "textconv", built["new.docx"])
    assert code == 0 and "Der afsættes 6,7 mio. kr. til regionerne" in out


@pytest.mark.parametrize("suffix", [".yaml", ".docx", ".pdf", ".txt"])
def test_textconv_prints_no_trailing_spaces_git_would_mark(capsys, built, suffix):
    """A DOCX's tab after a section letter once ended an empty line as "b. "."""
    for name in ("old", "new"):
        code, out, _ = run(capsys, "textconv", built[name + suffix])
        assert code == 0 and [line for line in out.splitlines() if line != line.rstrip()] == []


def test_textconv_of_a_pdf_leaves_out_the_page_numbers(capsys, built):
    _, out, _ = run(capsys, "textconv", built["old.pdf"])
    assert [line for line in out.splitlines() if line.strip().isdigit()] == []


def test_git_diff_of_a_built_docx_shows_the_changed_text(built, tmp_path):
    git = require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()

    def sh(*args: str) -> str:
        return subprocess.run([git, *args], cwd=repo, check=True, capture_output=True,
                              text=True, encoding="utf-8").stdout

    sh("init", "-q")
    (repo / ".gitattributes").write_text("*.docx diff=aktstykke\n*.pdf diff=aktstykke\n")
    sh("config", "diff.aktstykke.textconv", f"{sys.executable} -m aktstykker_gen textconv")
    shutil.copy(built["old.docx"], repo / "akt.docx")
    sh("add", ".")
    sh("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "old")
    shutil.copy(built["new.docx"], repo / "akt.docx")
    shown = sh("diff", "--", "akt.docx")
    assert "+Der afsættes 6,7 mio. kr. til regionerne" in shown.replace("\u00a0", " ")


def test_git_log_with_cachetextconv_as_documented_converts_each_version_once(built, tmp_path):
    """docs/reviewing.md's set-up, cachetextconv too: the texts are kept in git's notes, and
    the history shows the change; no line of it ends in a space git would mark."""
    git = require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()

    def sh(*args: str) -> str:
        return subprocess.run([git, "-c", "user.name=t", "-c", "user.email=t@t", *args],
                              cwd=repo, check=True, capture_output=True, text=True,
                              encoding="utf-8").stdout

    sh("init", "-q")
    (repo / ".gitattributes").write_text("*.docx diff=aktstykke\n")
    sh("config", "diff.aktstykke.textconv", f"{sys.executable} -m aktstykker_gen textconv")
    sh("config", "diff.aktstykke.cachetextconv", "true")
    for version in ("old", "new"):
        shutil.copy(built[f"{version}.docx"], repo / "akt.docx")
        sh("add", ".")
        sh("commit", "-qm", version)
    history = sh("log", "-p", "--", "akt.docx")
    assert "+Der afsættes 6,7 mio. kr. til regionerne" in history.replace("\u00a0", " ")
    assert [line for line in history.splitlines() if line[:1] in "+- " and line != line.rstrip()
            ] == []
    assert sh("notes", "--ref", "textconv/aktstykke", "list").count("\n") == 2
