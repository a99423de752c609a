"""LibreOffice, through its UNO API, accepts and rejects a redline's changes as our Python
resolution does (tests/tracked.py): after Accept All the text and paragraph styles are those of
NEW's plain DOCX, after Reject All those of OLD's, as LibreOffice itself reads those files.

tests/uno_accept.py runs under the system's Python (python3-uno; the project's venv cannot
import uno), one soffice for all the files. A pair of every kind of the revision corpus here;
every pair with AKTSTYKKE_UNO=all (`make fuzz`)."""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require, require_tool
from revisions import corpus, written
from test_redline_columns import REVISIONS

from aktstykker_gen.build import write_format
from aktstykker_gen.document import Document
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.redline import redline
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.docx import Revision, write_docx

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("uno_accept.py")
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    art: str
    old: Document
    new: Document


def _sample(folder: Path) -> list[Case]:
    """The corpus's pairs (all, or the seed's of each kind and every finansår added), then the
    column changes of every spec's tables (tests/columns.py; all, or the first two of each)."""
    pairs = corpus()
    if os.environ.get("AKTSTYKKE_UNO") != "all":
        first: dict[str, object] = {}
        for pair in pairs:   # the seed's pair of each kind, else the first spec's that has one
            if pair.kind not in first or pair.spec.startswith("2025-10-01"):
                first.setdefault(pair.kind, pair)
                if pair.spec.startswith("2025-10-01"):
                    first[pair.kind] = pair
        pairs = [p for p in pairs if p in first.values() or p.kind == "finansaar-tilfoejet"]
    cases = []
    for n, pair in enumerate(pairs):
        old, new = (render(check(written(data, folder / f"{n}-{side}.yaml")),
                           edition=Udgave.fortrolig)
                    for side, data in (("old", pair.old), ("new", pair.new)))
        cases.append(Case(pair.name, pair.kind, pair.new.get("art", DEFAULT_KIND), old, new))
    columns = [Case(*revision) for revision in REVISIONS]
    if os.environ.get("AKTSTYKKE_UNO") != "all":
        columns = [c for c in columns
                   if c in [d for d in columns if d.kind == c.kind][:2]]
    return cases + columns


def _has_uno() -> bool:
    try:
        return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture(scope="module")
def resolved_by_libreoffice(tmp_path_factory) -> tuple[Path, list]:
    """Every sampled pair's redline and plain DOCX files, resolved and read by LibreOffice."""
    require_tool("soffice")
    require(_has_uno(), f"{SYSTEM_PYTHON} cannot import uno (install python3-uno)")
    folder = tmp_path_factory.mktemp("uno")
    from aktstykker_gen import assets

    templates = assets.templates_dir()
    pairs, redlines, plain = _sample(folder), [], []
    for n, pair in enumerate(pairs):
        kind = KINDS[pair.art]
        trees = [pair.old, pair.new]
        for side, tree in zip(("old", "new"), trees, strict=True):
            (folder / f"{n}-{side}.docx").write_bytes(write_format(tree, kind, ".docx"))
            plain.append(folder / f"{n}-{side}.docx")
        (folder / f"{n}-redline.docx").write_bytes(write_docx(
            redline(*trees), templates / "docx", Revision("Redaktør", WHEN),
            **kind.docx_parts(templates)))
        redlines.append(folder / f"{n}-redline.docx")
    done = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), str(folder), *map(str, redlines),
                           "--as-is", *map(str, plain)],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr
    return folder, pairs


# Where LibreOffice 7.4 does not resolve a redline as Word does, and no markup we found avoids
# it; listed so that the test fails both when another pair differs and when one of these no
# longer does (as a strict xfail would):
# - "text": a tracked change in the paragraph right after one with a frame (w:framePr: the
#   aktstykke's number at the top right) is lost on import: LibreOffice shows both versions'
#   words unmarked, and neither Accept All nor Reject All removes either. Without the frame
#   the same paragraph resolves exactly (tried on examples/allerede-afsatte-midler).
# - "style": rejecting an inserted paragraph joins the paragraph after it into it, and
#   LibreOffice gives the joined one the removed paragraph's style (Word keeps the following
#   one's). Where the paragraph before the inserted one is unchanged and of its style, the
#   break is marked on that one instead (writers/docx_marks.py), and a paragraph rewritten
#   whole is one paragraph, its old text deleted and the new inserted (redline.py), so no
#   paragraph mark is inserted there: both resolve alike.
LIBREOFFICE_DIFFERS = {
    (f"{spec}-dato-og-underskriver", way): "text"
    for spec in ("examples/allerede-afsatte-midler", "examples/erstatter-tidligere",
                 "real/akt253-2019-20", "real/akt283-2020-21", "real/akt55-2020-21")
    for way in ("accept", "reject")
}


def _lines(folder: Path, name: str) -> list[tuple[str, str]]:
    text = (folder / f"{name}.styles").read_text(encoding="utf-8")
    return [tuple(line.split("\t", 1)) for line in text.splitlines()]  # type: ignore[misc]


def _differences(folder: Path, pairs: list) -> dict[tuple[str, str], str]:
    """Each pair and way where LibreOffice's result is not the plain DOCX of that version:
    "style" when only paragraph styles differ (in its saved text, the list bullets with them),
    "text" when the words do."""
    found = {}
    for n, pair in enumerate(pairs):
        for way, side in (("accept", "new"), ("reject", "old")):
            got, want = _lines(folder, f"{n}-redline.{way}"), _lines(folder, f"{n}-{side}.as-is")
            saved = [(folder / f"{n}-{name}.txt").read_text(encoding="utf-8")
                     for name in (f"redline.{way}", f"{side}.as-is")]
            if got != want or saved[0] != saved[1]:
                words = [t for _, t in got] == [t for _, t in want]
                found[(pair.name, way)] = "style" if words else "text"
    return found


def test_libreoffice_s_accept_all_and_reject_all_give_new_and_old(resolved_by_libreoffice):
    """In text, paragraph styles and the text LibreOffice saves, but where it is known to
    differ from Word."""
    folder, pairs = resolved_by_libreoffice
    names = {p.name for p in pairs}
    assert _differences(folder, pairs) == {
        where: how for where, how in LIBREOFFICE_DIFFERS.items() if where[0] in names}
    assert {p.kind for p in pairs} >= {p.kind for p in corpus()} | {"kolonne-tilfoejet",
                                                                       "kolonne-fjernet"}


def test_the_redlines_carry_changes_libreoffice_resolves(resolved_by_libreoffice):
    """Not vacuous: where the versions differ, LibreOffice's accepted and rejected texts
    differ too."""
    folder, pairs = resolved_by_libreoffice
    differing = [n for n in range(len(pairs))
                 if (folder / f"{n}-old.as-is.styles").read_bytes()
                 != (folder / f"{n}-new.as-is.styles").read_bytes()]
    assert len(differing) >= len(pairs) - 2
    for n in differing:
        assert (folder / f"{n}-redline.accept.styles").read_bytes() != \
            (folder / f"{n}-redline.reject.styles").read_bytes()
