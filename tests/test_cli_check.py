"""`aktstykke check` as a clerk runs it: exit code and compiler-style diagnostics on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).parent.parent / "specs" / "2025-10-01-personlig-medicin.yaml"


def aktstykke(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aktstykker_gen", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


def broken_copy(folder: Path, name: str = "broken.yaml") -> tuple[Path, str]:
    """The seed spec with its financing changed from -30.0 to -30.1."""
    text = SEED.read_text(encoding="utf-8")
    assert text.count("{2025: -30.0}") == 1
    text = text.replace("{2025: -30.0}", "{2025: -30.1}")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, text


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the one occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# -- a good spec -----------------------------------------------------------------------------


def test_checking_the_seed_spec_exits_0():
    assert aktstykke("check", SEED).returncode == 0


def test_checking_the_seed_spec_reports_no_diagnostics():
    assert "error[" not in aktstykke("check", SEED).stderr


def test_checking_the_seed_spec_counts_it_as_ok():
    assert "1 ok, 0 med fejl" in aktstykke("check", SEED).stderr


# -- a spec that does not balance ------------------------------------------------------------


def test_checking_a_broken_spec_exits_1(tmp_path):
    path, _ = broken_copy(tmp_path)
    assert aktstykke("check", path).returncode == 1


def test_a_diagnostic_starts_with_file_line_and_column(tmp_path):
    path, text = broken_copy(tmp_path)
    line, column = position(text, "-30.1")
    assert f"{path}:{line}:{column}: error[AKT201]" in aktstykke("check", path).stderr


def test_a_diagnostic_names_the_file_as_it_was_given(tmp_path):
    _, text = broken_copy(tmp_path)
    line, column = position(text, "-30.1")
    stderr = aktstykke("check", "broken.yaml", cwd=tmp_path).stderr
    assert stderr.startswith(f"broken.yaml:{line}:{column}: error[AKT201]")


def test_a_diagnostic_quotes_the_source_line(tmp_path):
    path, text = broken_copy(tmp_path)
    line, _ = position(text, "-30.1")
    source = text.splitlines()[line - 1]
    assert f"{line:>4} | {source}" in aktstykke("check", path).stderr.splitlines()


def test_a_diagnostic_marks_the_value_with_carets_under_it(tmp_path):
    path, text = broken_copy(tmp_path)
    line, column = position(text, "-30.1")
    stderr = aktstykke("check", path).stderr.splitlines()
    excerpt = stderr.index(f"{line:>4} | {text.splitlines()[line - 1]}")
    assert stderr[excerpt + 1] == "     | " + " " * (column - 1) + "^" * len("-30.1")


def test_a_diagnostic_shows_the_difference(tmp_path):
    path, _ = broken_copy(tmp_path)
    stderr = aktstykke("check", path).stderr
    assert "  = udgifter 30,0 / finansiering 30,1 / difference -0,1 mio. kr." in stderr


def test_a_broken_spec_is_counted_as_failed(tmp_path):
    path, _ = broken_copy(tmp_path)
    assert "0 ok, 1 med fejl" in aktstykke("check", path).stderr


def test_one_broken_spec_among_several_fails_the_run_and_the_rest_are_counted(tmp_path):
    path, _ = broken_copy(tmp_path)
    result = aktstykke("check", SEED, path)
    assert (result.returncode, "1 ok, 1 med fejl" in result.stderr) == (1, True)


# -- a spec that cannot be read as YAML ------------------------------------------------------

SYNTAX_ERROR = "titel: x\nbeløb: 1\n  finanslov: 2\n"


def test_a_yaml_syntax_error_exits_1_with_akt001_at_its_line(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text(SYNTAX_ERROR, encoding="utf-8")
    result = aktstykke("check", path)
    line = position(SYNTAX_ERROR, "finanslov")[0]
    located = f"{path}:{line}:" in result.stderr
    assert (result.returncode, located, "error[AKT001]" in result.stderr) == (1, True, True)


def test_a_yaml_syntax_error_shows_no_traceback(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text(SYNTAX_ERROR, encoding="utf-8")
    assert "Traceback" not in aktstykke("check", path).stderr


def test_a_file_that_is_not_utf8_exits_1_with_akt001(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("titel: Lægemiddelstyrelsen\n".encode("latin-1"))
    result = aktstykke("check", path)
    # the first byte that is not UTF-8 is the latin-1 'æ' in column 9
    assert (result.returncode, f"{path}:1:9: error[AKT001]" in result.stderr) == (1, True)


@pytest.mark.parametrize("content", ["", "# kun en kommentar\n", "- en liste\n", "art: brev\n"])
def test_a_spec_that_is_not_an_aktstykke_exits_1_without_a_traceback(tmp_path, content):
    path = tmp_path / "odd.yaml"
    path.write_text(content, encoding="utf-8")
    result = aktstykke("check", path)
    assert (result.returncode, "error[AKT" in result.stderr, "Traceback" in result.stderr,
            "internal error" in result.stderr) == (1, True, False, False)


# -- a file that does not exist --------------------------------------------------------------


def test_a_missing_file_exits_2_with_akt008(tmp_path):
    result = aktstykke("check", tmp_path / "findes-ikke.yaml")
    assert (result.returncode, "error[AKT008]" in result.stderr) == (2, True)


def test_a_missing_file_shows_no_traceback(tmp_path):
    result = aktstykke("check", tmp_path / "findes-ikke.yaml")
    assert ("Traceback" in result.stderr, "internal error" in result.stderr) == (False, False)


# Regression: HEAD 4aac0b2 printed only "error[AKT008]: kan ikke læse filen: ...", no file.
def test_a_missing_file_diagnostic_names_the_file(tmp_path):
    path = tmp_path / "findes-ikke.yaml"
    assert str(path) in aktstykke("check", path).stderr


# -- usage -----------------------------------------------------------------------------------


def test_check_without_a_spec_is_a_usage_error_exit_2():
    assert aktstykke("check").returncode == 2


# -- check stays light -----------------------------------------------------------------------


def test_check_imports_neither_the_pdf_nor_the_docx_renderer():
    code = ("import sys; from aktstykker_gen.cli import main; main(['check', sys.argv[1]]); "
            "print('weasyprint' in sys.modules, 'docx' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(SEED)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False False"
