"""Markers that allow one warning at one place: `# aktstykke: tillad AKT602`.

The matrix runs over every warning the error catalogue produces: a marker at the warning's
place removes exactly that warning; the same marker at another place leaves it and is itself
reported unused (AKT630). The unit tests hold the reading of markers to YAML's own notion of
a comment, and the misspelt markers to their errors at their line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, seed_with

from aktstykker_gen import cli, tilladelser

ERRORS = ROOT / "tests" / "errors"
CASES = sorted(ERRORS.glob("AKT*.yaml"))
ARGS = re.compile(r"^# args: (.*)$", re.MULTILINE)
MARKER_CODES = {"AKT630", "AKT631", "AKT632", "AKT633", "AKT634"}


def diagnostics(path: Path, args: list[str], monkeypatch, capsys) -> list[dict]:
    """What `check --format json` reports for a spec, run in tests/errors (the cases' kontoplan
    files are named relative to it)."""
    monkeypatch.chdir(ERRORS)
    capsys.readouterr()
    cli.main(["check", "--format", "json", *args, str(path)])
    return json.loads(capsys.readouterr().out)


def case_args(text: str) -> list[str]:
    """The case's extra arguments, without --strict: the matrix needs warnings as warnings."""
    found = ARGS.search(text)
    return [a for a in (found[1].split() if found else []) if a != "--strict"]


def with_marker(text: str, line: int, code: str) -> tuple[str, int]:
    """The text with a marker for `code` covering `line`, and the line the marker stands on.
    Outside a text the marker follows the line itself; inside a block of prose (where a '#'
    is text) it follows the block's header line `- >-`, the only place a comment can go."""
    lines = text.split("\n")
    at = line
    while _inside_block(lines, at):
        at -= 1
    lines[at - 1] += f"  # aktstykke: tillad {code}"
    return "\n".join(lines), at


def _inside_block(lines: list[str], number: int) -> bool:
    """Whether line `number` is a line of a block scalar's text: above it, before any line
    indented as little, stands a line ending in a block header."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip()) < indent:
            return re.search(r"[>|][-+]?\s*(#.*)?$", text) is not None
    return False


def _warnings() -> list[tuple[Path, str, int, int]]:
    """(case, code, line, column) of each warning a catalogue case's check reports, found by
    running check once per case at collection."""
    import contextlib
    import io
    import os

    found = []
    cwd = Path.cwd()
    for case in CASES:
        text = case.read_text(encoding="utf-8", errors="replace")
        out = io.StringIO()
        os.chdir(ERRORS)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                cli.main(["check", "--format", "json", *case_args(text), str(case)])
        finally:
            os.chdir(cwd)
        try:
            reported = json.loads(out.getvalue())
        except json.JSONDecodeError:
            continue
        found += [(case, d["code"], d["line"], d["column"]) for d in reported
                  if d["severity"] == "warning" and d["line"] and d["code"] not in MARKER_CODES]
    return found


WARNINGS = _warnings()


def test_the_matrix_covers_the_warnings_of_the_catalogue():
    """Several warning codes, so the matrix below cannot pass by being empty."""
    assert len({code for _, code, _, _ in WARNINGS}) >= 5


def _key(d: dict) -> tuple:
    return d["code"], d["line"], d["column"], d["message"]


@pytest.mark.parametrize(("case", "code", "line", "column"), WARNINGS,
                         ids=[f"{c.stem}:{code}:{line}" for c, code, line, _ in WARNINGS])
def test_a_marker_at_the_warning_removes_it_and_nothing_else(tmp_path, monkeypatch, capsys,
                                                             case, code, line, column):
    text = case.read_text(encoding="utf-8")
    args = case_args(text)
    before = diagnostics(case, args, monkeypatch, capsys)
    marked, at = with_marker(text, line, code)
    spec = tmp_path / case.name
    spec.write_text(marked, encoding="utf-8")
    after = diagnostics(spec, args, monkeypatch, capsys)
    keys = {_key(d) for d in after}
    assert (code, line, column) not in {k[:3] for k in keys}
    # Every other code is reported as before; nothing is said about the marker.
    assert {k for k in keys if k[0] != code} == {_key(d) for d in before if d["code"] != code}
    assert not any(d["code"] in MARKER_CODES for d in after)


@pytest.mark.parametrize(("case", "code", "line", "column"), WARNINGS,
                         ids=[f"{c.stem}:{code}:{line}" for c, code, line, _ in WARNINGS])
def test_a_marker_at_another_line_leaves_the_warning_and_is_unused(tmp_path, monkeypatch,
                                                                   capsys, case, code, line,
                                                                   column):
    text = case.read_text(encoding="utf-8")
    lines = text.split("\n")
    # `art: aktstykke` is a line of its own and no warning stands on it.
    elsewhere = next(n for n, t in enumerate(lines, start=1) if t.startswith("art:"))
    assert elsewhere != line
    lines[elsewhere - 1] += f"  # aktstykke: tillad {code}"
    spec = tmp_path / case.name
    spec.write_text("\n".join(lines), encoding="utf-8")
    after = diagnostics(spec, case_args(text), monkeypatch, capsys)
    assert (code, line, column) in {(d["code"], d["line"], d["column"]) for d in after}
    unused = [d for d in after if d["code"] == "AKT630"]
    assert [(d["line"], d["severity"]) for d in unused] == [(elsewhere, "warning")]
    assert code in unused[0]["message"]


# -- reading markers -------------------------------------------------------------------------

# The seed's six allocations add up to 30,0 (6,6 + 4,8 + 12,2 + 5,2 + 1,0 + 0,2).
SEED_AMOUNT = ("      {udgift} i {finansår} til en række",
               "      30,0 mio. kr. i {finansår} til en række")


def test_the_seed_with_a_written_amount_warns_and_a_marker_allows_it(tmp_path, monkeypatch,
                                                                    capsys):
    """The seed's own text, with the total written out: AKT602 at its line; a marker on the
    paragraph's `- >-` allows it, and the spec is --strict clean again."""
    text = seed_with(SEED_AMOUNT)
    spec = tmp_path / "seed.yaml"
    spec.write_text(text, encoding="utf-8")
    line = text[:text.index("30,0 mio")].count("\n") + 1
    found = diagnostics(spec, [], monkeypatch, capsys)
    assert [(d["code"], d["line"]) for d in found] == [("AKT602", line)]
    marked, _ = with_marker(text, line, "AKT602")
    spec.write_text(marked, encoding="utf-8")
    assert diagnostics(spec, ["--strict"], monkeypatch, capsys) == []
    assert cli.main(["check", "--strict", str(spec)]) == 0


@pytest.mark.parametrize(("source", "expected"), [
    # after a value: that line only
    ("a: 1  # aktstykke: tillad AKT602\nb: 2\n", [(1, ("AKT602",), 1, 1, False)]),
    # several codes, by comma or space, in any case of the prefix
    ("a: 1 #Aktstykke: tillad AKT602,AKT603 AKT308\n",
     [(1, ("AKT602", "AKT603", "AKT308"), 1, 1, False)]),
    # after a block header: the whole block, blank lines included, not the next key
    ("t:\n  - >-  # aktstykke: tillad AKT602\n    x\n\n    y\n  - z\nu: 1\n",
     [(2, ("AKT602",), 2, 5, False)]),
    # on a line of its own: the next line holding more than a comment, and what it holds
    ("t:\n  # aktstykke: tillad AKT602\n  # other\n  - nr: 1\n    navn: x\n  - nr: 2\n",
     [(2, ("AKT602",), 4, 5, False)]),
    # inside a block's text, or inside a quoted value: text, not a marker
    ("t: >-\n  x # aktstykke: tillad AKT602\n", [(2, ("AKT602",), 2, 2, True)]),
    ("t: \"x # aktstykke: tillad AKT602\"\n", [(1, (), 1, 1, True)]),
    # after another comment: still a comment
    ("a: 1  # note # aktstykke: tillad AKT602\n", [(1, ("AKT602",), 1, 1, False)]),
    # not the marker's form: no codes
    ("a: 1  # aktstykke: tilad AKT602\n", [(1, (), 1, 1, False)]),
    ("a: 1  # aktstykke: tillad\n", [(1, (), 1, 1, False)]),
    ("a: 1  # aktstykke: tillad AKT60\n", [(1, (), 1, 1, False)]),
    ("a: 1  # aktstykke tillad AKT602\n", []),
    # a file saved with Windows line ends
    ("a: 1  # aktstykke: tillad AKT602\r\nb: 2\r\n", [(1, ("AKT602",), 1, 1, False)]),
    # a heading comment that happens to begin with the word is no marker
    ("# Aktstykke: Strategi for personlig medicin\na: 1\n", []),
])
def test_markers_are_read_where_yaml_has_comments(source, expected):
    found = [(m.line, m.koder, m.first, m.last, m.i_tekst)
             for m in tilladelser.tilladelser(source)]
    assert found == expected


def test_a_spec_without_a_candidate_is_not_scanned_again(monkeypatch):
    """The YAML scanner runs only when the text holds '# aktstykke:' at all."""
    def fail(*args, **kwargs):
        raise AssertionError("scanned")
    monkeypatch.setattr(tilladelser.yaml, "scan", fail)
    assert tilladelser.tilladelser(seed_with() + "# tillad AKT602\n") == []


@pytest.mark.parametrize(("marker", "code"), [
    ("# aktstykke: tilad AKT602", "AKT631"),
    ("# aktstykke: tillad", "AKT631"),
    ("# aktstykke: tillad AKT6O2", "AKT631"),
    ("# aktstykke: tillad AKT699", "AKT632"),
    ("# aktstykke: tillad AKT998,AKT999", "AKT632"),
    ("# Aktstykke: tilad AKT602", "AKT631"),
    ("# aktstykke: tillad AKT201", "AKT633"),
    ("# aktstykke: tillad AKT630", "AKT633"),
])
@pytest.mark.parametrize("where", ["art:", "udgifter:", "tekst:"])
def test_a_misspelt_marker_is_an_error_at_its_line(tmp_path, monkeypatch, capsys, marker, code,
                                                   where):
    text = seed_with()
    lines = text.split("\n")
    line = next(n for n, t in enumerate(lines, start=1) if t.startswith(where))
    lines[line - 1] += "  " + marker
    spec = tmp_path / "spec.yaml"
    spec.write_text("\n".join(lines), encoding="utf-8")
    found = diagnostics(spec, [], monkeypatch, capsys)
    assert {(d["code"], d["line"], d["severity"]) for d in found} == {(code, line, "error")}
    assert cli.main(["check", str(spec)]) == 1


AGENDA = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"


def _catalogue_verdict(code: str) -> str:
    """What a marker naming `code` on a line with no warning is, as the catalogue of every
    kind's codes says: an unknown code AKT632, an error (or AKT630 itself) AKT633, any other
    warning unused, AKT630."""
    from aktstykker_gen.catalogue import entries

    severity = {e.code: e.severity.value for e in entries()}.get(code)
    if severity is None:
        return "AKT632"
    return "AKT633" if severity == "error" or code == "AKT630" else "AKT630"


def _every_code() -> list[str]:
    from aktstykker_gen.catalogue import registered_codes

    return sorted(registered_codes()) + ["AKT699", "AKT799", "AKT999"]


@pytest.mark.parametrize("code", _every_code())
def test_an_agenda_s_marker_is_judged_as_the_catalogue_judges_it(tmp_path, monkeypatch, capsys,
                                                                  code):
    """Every code the tool has, and some it has not: a marker in an agenda is judged from the
    agenda's own rules and the pipeline's codes, and the catalogue of every kind's rules is
    loaded only for a code they do not hold; the verdict is the catalogue's either way."""
    lines = AGENDA.read_text(encoding="utf-8").split("\n")
    line = next(n for n, t in enumerate(lines, start=1) if t.startswith("udvalg:"))
    lines[line - 1] += f"  # aktstykke: tillad {code}"
    spec = tmp_path / "dagsorden.yaml"
    spec.write_text("\n".join(lines), encoding="utf-8")
    found = diagnostics(spec, [], monkeypatch, capsys)
    assert [(d["code"], d["line"]) for d in found] == [(_catalogue_verdict(code), line)]
