"""Rebuilding an unchanged spec gives byte-identical files; a changed amount does not."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_SPEC


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


def test_one_changed_amount_changes_every_file(tmp_path) -> None:
    changed = tmp_path / SEED_SPEC.name
    text = SEED_SPEC.read_text(encoding="utf-8")
    changed.write_text(text.replace("udgift: {2025: 6.6}", "udgift: {2025: 6.5}")
                       .replace("beløb: {2025: 6.6}", "beløb: {2025: 6.5}")
                       .replace("udgift: {2025: -30.0}", "udgift: {2025: -29.9}"), encoding="utf-8")
    original = build(SEED_SPEC, tmp_path / "original", tmp_path)
    edited = build(changed, tmp_path / "edited", tmp_path)
    assert all(original[suffix] != edited[suffix] for suffix in original)
