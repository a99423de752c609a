"""Rebuilding an unchanged spec gives byte-identical files; a changed amount does not."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from conftest import SEED_SPEC


def build(spec: Path, out: Path, cwd: Path) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "aktstykker_gen", "build", str(spec), "-o", str(out)],
                   cwd=cwd, check=True, capture_output=True)
    return {suffix: hashlib.sha256((out / f"{spec.stem}{suffix}").read_bytes()).hexdigest()
            for suffix in (".docx", ".pdf", ".txt")}


def test_separate_processes_in_other_folders_at_other_times_give_the_same_bytes(tmp_path) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    first = build(SEED_SPEC, tmp_path / "one", cwd=tmp_path / "here")
    time.sleep(2.1)  # zip entries store time in 2-second steps
    second = build(SEED_SPEC, tmp_path / "two", cwd=tmp_path / "there")
    assert first == second


def test_one_changed_amount_changes_every_file(tmp_path) -> None:
    changed = tmp_path / SEED_SPEC.name
    text = SEED_SPEC.read_text(encoding="utf-8")
    changed.write_text(text.replace("udgift: {2025: 6.6}", "udgift: {2025: 6.5}")
                       .replace("beløb: {2025: 6.6}", "beløb: {2025: 6.5}")
                       .replace("udgift: {2025: -30.0}", "udgift: {2025: -29.9}"), encoding="utf-8")
    original = build(SEED_SPEC, tmp_path / "original", cwd=tmp_path)
    edited = build(changed, tmp_path / "edited", cwd=tmp_path)
    assert all(original[suffix] != edited[suffix] for suffix in original)
