"""`aktstykke check` imports no renderer: what it loads is measured, not assumed.

The check runs in a fresh interpreter under `-X importtime`, which lists every module
the process imported; none may belong to the PDF, DOCX or template machinery.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SPECS = Path(__file__).resolve().parent.parent / "specs"
SEED = SPECS / "2025-10-01-personlig-medicin.yaml"
# One spec of each kind: the aktstykke's seed and the committee agenda's.
SEEDS = (SEED, SPECS / "dagsorden" / "2025-09-sundhedsudvalget.yaml")
RENDERERS = ("weasyprint", "docx", "jinja2", "lxml", "fontTools", "pydyf")


def imported_modules(*args: str) -> tuple[int, set[str]]:
    """Exit code and every module imported by `python -X importtime -m aktstykker_gen ARGS`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aktstykker_gen", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120)
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    modules.discard("imported package")  # the header line
    return done.returncode, modules


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_checking_the_seed_imports_no_renderer(seed: Path):
    """`check` on each kind's seed exits 0, and no module of weasyprint, docx, jinja2, lxml,
    fontTools or pydyf (nor any of their submodules) was imported."""
    code, modules = imported_modules("check", str(seed))
    assert code == 0
    assert "aktstykker_gen.pipeline" in modules, "the importtime report was not parsed"
    loaded = sorted(m for m in modules if m.split(".")[0] in RENDERERS)
    assert not loaded, f"check imported renderer modules: {loaded}"


def test_printing_the_schema_imports_no_renderer():
    """`aktstykke schema` needs only the model, like `check`: no renderer is imported."""
    code, modules = imported_modules("schema")
    assert code == 0
    assert "aktstykker_gen.schema" in modules, "the importtime report was not parsed"
    loaded = sorted(m for m in modules if m.split(".")[0] in RENDERERS)
    assert not loaded, f"schema imported renderer modules: {loaded}"
