"""Acceptance 3 and 4 of issue 12, over every spec under specs/.

Amounts are found generically, not from the tool's own list: every leaf of the loaded YAML
that is a decimal figure, or a number under an amount-bearing key (so the tables, named
amounts, transfers and ceilings other branches add are covered when merged).

3. Each amount changed by 0,1 alone (up, and down) fails `check` with exit 1 and a diagnostic
   naming its line; an amount `check` lets through is a fact of its own and must appear in
   the document (once where it is stated, again wherever prose refers to it).
4. Each amount appears in an output (changed to a figure found nowhere else, the document's
   text changes: the figure, or the total it is part of), or `check` warns (AKT212) at its
   line that it is shown nowhere, or it is a control figure that `check` balances against the
   printed ones (changed, it is an error at its line); and AKT212 warns of no amount whose
   figure is shown.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC

from aktstykker_gen import cli
from aktstykker_gen.load import load_text

SPECS = sorted((ROOT / "specs").rglob("*.yaml"))
# Keys whose numbers are amounts; a decimal figure anywhere else is taken as one too.
AMOUNT_KEYS = {"udgift", "indtægt", "beløb", "nettoændring", "beløb_i_alt", "i_alt", "loft",
               "celler", "værdi", "total"}
DECIMAL = re.compile(r"-?[0-9]+[.,][0-9]+")
NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def amounts_in(spec: Path) -> list[tuple[int, int, str]]:
    """(offset, line, text) of every amount in the spec, from the loaded YAML's leaves."""
    text = spec.read_text(encoding="utf-8")
    loaded = load_text(text, spec.name)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    for location, span in loaded.values.items():
        value = _at(loaded.data, location)
        if not isinstance(value, str):
            continue
        under_amount = any(str(part) in AMOUNT_KEYS for part in location)
        if DECIMAL.fullmatch(value) or (under_amount and NUMBER.fullmatch(value)):
            offset = starts[span.line - 1] + span.column - 1
            if text.startswith(('"', "'"), offset):   # "478,6": a decimal comma, quoted
                offset += 1
            if text.startswith(value, offset):
                found.append((offset, span.line, value))
    return sorted(set(found))


def _at(data, location):
    for part in location:
        if isinstance(data, dict):
            data = data.get(str(part), data.get(part))
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def with_amount(spec: Path, offset: int, old: str, new: str, tmp_path: Path) -> Path:
    text = spec.read_text(encoding="utf-8")
    mutant = tmp_path / "mutant.yaml"
    mutant.write_text(text[:offset] + new + text[offset + len(old):], encoding="utf-8")
    return mutant


def diagnostics(spec: Path, capsys) -> tuple[int, list[dict]]:
    code = cli.main(["check", "--format", "json", str(spec)])
    return code, json.loads(capsys.readouterr().out)


def document_text(spec: Path, capsys) -> str:
    """The confidential edition's text: every amount of the spec, a confidential bilag's too
    (the public edition leaves those out, which tests/security/test_ingen_laek.py proves)."""
    cli.main(["textconv", "--udgave", "fortrolig", str(spec)])
    return capsys.readouterr().out.replace("\u00a0", " ")


def shown(value: Decimal) -> str:
    """As the document prints it, without the thousands point: 8765,4."""
    return f"{value:.1f}".replace(".", ",")


def test_the_seed_has_the_amounts_a_reader_counts():
    """5 expense lines, 1 financing line and 6 recipients' allocations, and nothing else."""
    assert len(amounts_in(SEED_SPEC)) == 12


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(ROOT / "specs")))
def test_every_amount_changed_by_a_tenth_is_caught_at_its_line(tmp_path, capsys, spec):
    """Each mutant exits 1 and some diagnostic names the amount's line; one let through is a
    fact of its own and appears in the document."""
    found = amounts_in(spec)   # none in a spec that moves no money (akt. 55)
    missed = []
    for offset, line, old in found:
        for step in (Decimal("0.1"), Decimal("-0.1")):
            new = str(Decimal(old.replace(",", ".")) + step)
            code, found_ = diagnostics(with_amount(spec, offset, old, new, tmp_path), capsys)
            named = any(d["line"] == line or line in [r.get("line") for r in d.get("related", [])]
                        for d in found_ if d["severity"] == "error")
            if not (code == 1 and named):
                missed.append((line, old, new))
    for i, (offset, line, old) in enumerate({(o, n, v) for o, n, v in found
                                              if (n, v) in {(m[0], m[1]) for m in missed}}):
        marker = Decimal("8765.4") + i          # a figure no spec holds: counted exactly
        text = document_text(with_amount(spec, offset, old, str(marker), tmp_path), capsys)
        assert _count(text, marker) >= 1, (line, old)   # a fact of its own: shown
    with capsys.disabled():
        print(f"\n{spec.name}: caught {2 * len(found) - len(missed)} / {2 * len(found)}"
              + (f"; let through (facts of their own, each shown): {missed}" if missed
                 else ""))


def _is_line(spec: Path, line: int) -> bool:
    """Whether the amount's line is an account line (udgift/indtægt) or a recipient's
    allocation (under the top-level `modtagere`), which AKT212 judges."""
    source = spec.read_text(encoding="utf-8").split("\n")
    top = next((s for s in reversed(source[:line]) if s[:1].isalpha()), "")
    return top.startswith("modtagere:") or re.search(r"\b(udgift|indtægt)\b", source[line - 1]
                                                     ) is not None


def _a_control_figure(mutant: Path, line: int, capsys) -> bool:
    """A figure the document does not print but `check` balances against what it prints (a
    `nettoændring`: the expense the financing leaves, which akt. 253 states only as "en direkte
    opskrivning"): changed, it fails `check` with an error at its line, so it is not lost."""
    code, found = diagnostics(mutant, capsys)
    return code == 1 and any(d["line"] == line for d in found if d["severity"] == "error")


def _count(text: str, marker: Decimal) -> int:
    return text.replace(".", "").count(shown(marker).replace(".", ""))


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(ROOT / "specs")))
def test_every_amount_is_shown_or_warned_of(tmp_path, capsys, spec):
    """Acceptance 4: an amount is in the document's text, or AKT212 names its line; never
    both."""
    _, original = diagnostics(spec, capsys)
    warned = {(d["line"], d["column"]) for d in original if d["code"] == "AKT212"}
    text = spec.read_text(encoding="utf-8")
    unchanged = document_text(spec, capsys)
    for i, (offset, line, old) in enumerate(amounts_in(spec)):
        column = offset - text.rfind("\n", 0, offset)
        marker = Decimal("8765.4") + i          # a figure no spec holds
        mutant = with_amount(spec, offset, old, str(marker), tmp_path)
        document = document_text(mutant, capsys)
        assert (document != unchanged) or ((line, column) in warned) or \
            _a_control_figure(mutant, line, capsys), (line, old)
        if _count(document, marker) or not _is_line(spec, line):
            assert (line, column) not in warned, (line, old)
