"""Hostile variants of the seed spec, and what `aktstykke check --strict` says of each.

Variants run in-process through the pipeline, as `aktstykke check --strict` does (warnings
count as errors), printed as the command prints them, so thousands fit in the suite's time;
each test file runs a sample through the real command and finds the same diagnostics.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from aktstykker_gen.catalogue import STAGE_CODES, registered_codes
from aktstykker_gen.diagnostics import Severity, SpecError, format_diagnostic
from aktstykker_gen.pipeline import check as check_spec

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")
STAGE = frozenset(entry.code for entry in STAGE_CODES)
_DIAGNOSTIC = re.compile(r"^\S+?:(\d+):(\d+): (error|warning)\[(AKT\d{3})\]: (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Reported:
    line: int
    column: int
    severity: str
    code: str
    message: str


@dataclass(frozen=True)
class Outcome:
    exit: int
    output: str

    @property
    def diagnostics(self) -> list[Reported]:
        return [Reported(int(line), int(column), severity, code, message)
                for line, column, severity, code, message in _DIAGNOSTIC.findall(self.output)]

    def at(self, line: int, codes: frozenset[str] = STAGE) -> list[Reported]:
        return [d for d in self.diagnostics if d.line == line and d.code in codes]


def write(folder: Path, text: str, name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(folder: Path, text: str) -> Outcome:
    """`aktstykke check --strict` of the text, in-process: its diagnostics and exit code."""
    path = write(folder, text)
    try:
        found = check_spec(path).diagnostics
    except SpecError as error:
        found = error.diagnostics
    found = [dataclasses.replace(d, severity=Severity.ERROR) for d in found]
    lines = text.split("\n")
    code = 2 if any(d.code == "AKT008" for d in found) else 1 if found else 0
    return Outcome(code, "".join(format_diagnostic(d, lines) + "\n" for d in found))


def check_command(folder: Path, text: str) -> Outcome:
    """The same through the real command, a separate process."""
    path = write(folder, text)
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "check", "--strict", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    return Outcome(done.returncode, done.stderr)


def refused_at(outcome: Outcome, line: int, column: int | None = None) -> bool:
    """The variant is reported as `check` promises: exit 1, registered codes only, and a
    diagnostic of the load or typing stage on the line (and column) of the change."""
    found = outcome.at(line)
    return (outcome.exit == 1 and "internal error" not in outcome.output
            and {d.code for d in outcome.diagnostics} <= registered_codes()
            and any(column is None or d.column == column for d in found))


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index], as the diagnostics count them."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def replaced(old: str, new: str, text: str = SEED_TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def text_output(path: Path) -> str:
    """The text document the spec builds (the same tree the PDF and DOCX are written from)."""
    from aktstykker_gen.pipeline import render
    from aktstykker_gen.writers.text import write_text

    return write_text(render(check_spec(path)))
