"""Rebuilding an unchanged spec gives byte-identical files; a changed amount does not."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC

AGENDA_SPEC = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"


def build(spec: Path, out: Path, cwd: Path, *options: str) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "aktstykker_gen", "build", str(spec), "-o", str(out),
                    *options], cwd=cwd, check=True, capture_output=True)
    return {suffix: hashlib.sha256((out / f"{spec.stem}{suffix}").read_bytes()).hexdigest()
            for suffix in (".docx", ".pdf", ".txt")}


@pytest.mark.parametrize("options", [(), ("--pdf-variant", "pdf/a-2b")])
def test_separate_processes_in_other_folders_at_other_times_give_the_same_bytes(tmp_path,
                                                                                options) -> None:
    """The tagged PDF/UA-1 (the default) and an archive variant alike."""
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    first = build(SEED_SPEC, tmp_path / "one", tmp_path / "here", *options)
    time.sleep(2.1)  # zip entries store time in 2-second steps
    second = build(SEED_SPEC, tmp_path / "two", tmp_path / "there", *options)
    assert first == second


@pytest.mark.parametrize("spec", [SEED_SPEC, AGENDA_SPEC], ids=["aktstykke", "dagsorden"])
def test_a_spec_copied_to_two_folders_of_other_names_and_depths_builds_the_same_bytes(
        tmp_path: Path, spec: Path) -> None:
    """No path leaks into a file: not the spec's folder, the output's, the working folder or
    TMPDIR (where WeasyPrint copies the fonts). Both editions of the agenda are compared."""
    folders = [tmp_path / "a", tmp_path / "en-meget-lang-mappe" / "med" / "flere" / "niveauer"]
    hashes = []
    for folder in folders:
        (folder / "tmp").mkdir(parents=True)
        copy = folder / spec.name
        shutil.copyfile(spec, copy)
        subprocess.run([sys.executable, "-m", "aktstykker_gen", "build", copy.name, "-o", "ud"],
                       cwd=folder, check=True, capture_output=True,
                       env={**os.environ, "TMPDIR": str(folder / "tmp"), "PYTHONPATH": str(ROOT)})
        built = sorted((folder / "ud").glob("*.*"))
        hashes.append({path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in built})
    assert {name[-4:] for name in hashes[0]} >= {".pdf", "docx", ".txt"}
    assert hashes[0] == hashes[1]


def test_one_changed_amount_changes_every_file(tmp_path) -> None:
    changed = tmp_path / SEED_SPEC.name
    text = SEED_SPEC.read_text(encoding="utf-8")
    changed.write_text(text.replace("udgift: {2025: 6.6}", "udgift: {2025: 6.5}")
                       .replace("beløb: {2025: 6.6}", "beløb: {2025: 6.5}")
                       .replace("udgift: {2025: -30.0}", "udgift: {2025: -29.9}"), encoding="utf-8")
    original = build(SEED_SPEC, tmp_path / "original", tmp_path)
    edited = build(changed, tmp_path / "edited", tmp_path)
    assert all(original[suffix] != edited[suffix] for suffix in original)
