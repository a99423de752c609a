"""The error catalogue in tests/errors/: one small spec per diagnostic, and exactly what it prints.

Each case `CODE-navn.yaml` is a valid spec with one mistake; `CODE-navn.out` is the stderr of
`aktstykke check [args] CODE-navn.yaml` run in tests/errors (another command than check where
a `# kommando:` comment names it), then `exit: N`. The catalogue's
format is read by `scripts/rules_doc.py`, which also turns it into docs/rules.md.

After a deliberate change to a message, rewrite the .out files and read the diff:
    AKTSTYKKE_UPDATE_ERRORS=1 .venv/bin/pytest -q tests/test_error_catalogue.py
"""

from __future__ import annotations

import difflib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aktstykker_gen import cli
from aktstykker_gen.catalogue import entries, registered_codes
from aktstykker_gen.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
ERRORS = ROOT / "tests" / "errors"
RULES_DOC = ROOT / "scripts" / "rules_doc.py"
UPDATE = os.environ.get("AKTSTYKKE_UPDATE_ERRORS") == "1"

_spec = importlib.util.spec_from_file_location("rules_doc", RULES_DOC)
assert _spec and _spec.loader
rules_doc = importlib.util.module_from_spec(_spec)
sys.modules["rules_doc"] = rules_doc  # dataclasses look their module up by name
_spec.loader.exec_module(rules_doc)

CASES = rules_doc.cases(ERRORS)
SPEC_CASES = [case for case in CASES if case.spec is not None]
MISSING_FILE_CASES = [case for case in CASES if case.spec is None]

# A rule function's message-producing statements: each is its own catalogue case.
YIELDS = ("yield Finding(", "yield _mismatch(", "yield from _compare(")
DIAGNOSTIC = re.compile(r"^(?:\S+?(?::\d+:\d+)?: )?(error|warning)\[(AKT\d{3})\]: (.*)$", re.MULTILINE)


def check_in_process(case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """What `aktstykke check` prints for the case in tests/errors, as the .out file holds it."""
    monkeypatch.chdir(case.out.parent)
    capsys.readouterr()
    try:
        code = cli.main(case.command)
    except SystemExit as exit_:   # usage errors leave through argparse
        code = exit_.code
    return capsys.readouterr().err + f"exit: {code}\n"


def check_subprocess(case) -> str:
    """The same, as a clerk runs it: a separate process."""
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", *case.command], cwd=case.out.parent,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    return done.stderr + f"exit: {done.returncode}\n"


def compare(case, actual: str) -> None:
    if UPDATE:
        case.out.write_text(actual, encoding="utf-8")
        return
    expected = case.expected if case.out.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    f"{case.name}.out (expected)", f"{case.name} (actual)")
        pytest.fail(f"`aktstykke {' '.join(case.command)}` in tests/errors prints something else:\n"
                    + "".join(diff), pytrace=False)


def diagnostics(text: str) -> list[tuple[str, str, str]]:
    """(severity, code, message) of each diagnostic in an output."""
    return DIAGNOSTIC.findall(text)


@pytest.mark.parametrize("case", SPEC_CASES, ids=lambda case: case.name)
def test_case_prints_its_expected_output(case, monkeypatch, capsys):
    """Each catalogue spec gives exactly the diagnostics, summary and exit code in its .out file."""
    compare(case, check_in_process(case, monkeypatch, capsys))


@pytest.mark.parametrize("case", MISSING_FILE_CASES, ids=lambda case: case.name)
def test_a_missing_spec_exits_2_with_akt008(case):
    """A spec path that does not exist is AKT008 and exit code 2, from the real command."""
    assert not (ERRORS / f"{case.name}.yaml").exists()
    actual = check_subprocess(case)
    compare(case, actual)
    assert actual.endswith("exit: 2\n")
    assert [code for _, code, _ in diagnostics(actual)] == ["AKT008"]


@pytest.mark.parametrize("name", ["AKT201-finansiering-forkert", "AKT310-navn-afviger", "AKT304-strict"])
def test_the_command_prints_what_the_in_process_run_prints(name):
    """Running the cases in-process is faithful: a separate process prints the same."""
    case = next(case for case in SPEC_CASES if case.name == name)
    assert check_subprocess(case) == case.expected


# Codes no spec can cause (`check` never writes), so no case here shows them: each is proved
# by the test file named, which checks its diagnostic.
# AKT011 is about a file's type (a FIFO, a device), which a case file cannot be.
PROVED_ELSEWHERE = {"AKT010": ROOT / "tests" / "faults" / "test_write_errors.py",
                    "AKT011": ROOT / "tests" / "hostile" / "test_readers.py",
                    "AKT013": ROOT / "tests" / "hostile" / "test_spec_discovery.py",
                    "AKT016": ROOT / "tests" / "test_import.py"}


def test_every_code_has_a_case():
    """Every code in the catalogue has a case in tests/errors, or a test elsewhere that shows it."""
    covered = {case.code for case in CASES} | {
        code for code, test in PROVED_ELSEWHERE.items()
        if f"error[{code}]" in test.read_text(encoding="utf-8")}
    missing = [entry.code for entry in entries() if entry.code not in covered]
    assert not missing, f"codes without a case in tests/errors: {', '.join(missing)}"


def test_every_case_is_named_for_a_code_it_reports():
    """A case's name starts with a registered code, and its output reports that code."""
    wrong = [case.name for case in CASES
             if case.code not in registered_codes()
             or case.code not in {code for _, code, _ in diagnostics(case.expected)}]
    assert not wrong, f"cases that do not report the code they are named for: {', '.join(wrong)}"


def test_every_message_of_a_rule_has_a_case():
    """Each message-producing yield in a rule has its own case, with a message of its own."""
    short = []
    for rule in (rule for kind in KINDS.values() for rule in kind.rules.rules):
        source = inspect.getsource(rule.check)
        needed = sum(marker in line for line in source.splitlines() for marker in YIELDS)
        messages = set()
        for case in CASES:
            if case.code != rule.code:
                continue
            first = next((m for _, code, m in diagnostics(case.expected) if code == rule.code), None)
            if first is not None:
                messages.add(re.sub(r"\d", "#", first))   # amounts and years do not make a new branch
        if len(messages) < needed:
            short.append(f"{rule.code} ({rule.check.__name__}): {needed} messages in the code, "
                         f"{len(messages)} in the catalogue")
    assert not short, "rules with messages that no case shows:\n" + "\n".join(short)


def test_no_output_is_a_crash_and_every_failure_shows_an_error():
    """No case crashes, and every non-zero exit shows at least one error with a registered code."""
    problems = []
    for case in CASES:
        text = case.expected
        if "Traceback" in text or "internal error" in text:
            problems.append(f"{case.name}: crashed")
        found = diagnostics(text)
        unknown = {code for _, code, _ in found} - registered_codes()
        if unknown:
            problems.append(f"{case.name}: unregistered code(s) {', '.join(sorted(unknown))}")
        exit_line = text.rstrip("\n").rsplit("\n", 1)[-1]
        if not re.fullmatch(r"exit: \d+", exit_line):
            problems.append(f"{case.name}: the .out does not end with 'exit: N'")
        elif exit_line != "exit: 0" and not any(severity == "error" for severity, _, _ in found):
            problems.append(f"{case.name}: {exit_line} without an error")
    assert not problems, "\n".join(problems)


def test_every_case_says_what_the_clerk_did_wrong():
    """Each case spec begins with a comment, a sentence saying what was done wrong."""
    bad = [case.name for case in SPEC_CASES if not case.caption.endswith(".")]
    assert not bad, f"cases without a sentence in a comment first: {', '.join(bad)}"


def test_rules_doc_is_current():
    """docs/rules.md is what scripts/rules_doc.py writes from the catalogue."""
    done = subprocess.run([sys.executable, str(RULES_DOC), "--check"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
