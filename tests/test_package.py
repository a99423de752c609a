"""A plain (non-editable) install is a working `aktstykke`: the templates,
stylesheet, fonts and DOCX parts travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("aktstykker_gen-*.whl")
    return found


def test_the_wheel_carries_templates_fonts_and_docx_parts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("aktstykker_gen/templates/aktstykke/aktstykke.xml.j2",
                   "aktstykker_gen/templates/aktstykke/aktstykke.css",
                   "aktstykker_gen/templates/fonts/LiberationSerif-Regular.ttf",
                   "aktstykker_gen/templates/fonts/OFL.txt",
                   "aktstykker_gen/templates/docx/word/styles.xml",
                   "aktstykker_gen/templates/docx/[Content_Types].xml",
                   "aktstykker_gen/schemas/aktstykke.schema.json",   # for `aktstykke new`
                   "aktstykker_gen/preview/static/preview.js",   # `aktstykke watch`'s page
                   "aktstykker_gen/preview/static/preview.css"):
        assert needed in names


def test_the_installed_package_builds_the_seed_outside_the_source_tree(wheel, tmp_path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import aktstykker_gen.assets as a; print(a.templates_dir())"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout.strip()
    assert Path(where) == target / "aktstykker_gen" / "templates"
    result = subprocess.run(
        [sys.executable, "-m", "aktstykker_gen", "build", str(SEED_SPEC), "-o", "out"],
        cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = {p.suffix for p in (elsewhere / "out").iterdir() if not p.name.startswith(".")}
    assert built == {".docx", ".pdf", ".txt"}   # besides the build manifest
