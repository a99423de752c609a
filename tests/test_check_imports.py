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


# What a check of a spec whose texts need none of it must not pay for at start-up: pydantic's
# search for plugins (importlib.metadata reads every installed distribution; aktstykker_gen.
# opstart gives pydantic a loader that finds none), babel's locale data (only when a number,
# date or list is formatted), number words (only when a unit follows a word) and the
# kontoplan reader (only with --kontoplan); another kind's model, rules and view, and the
# catalogue of every kind's codes (only for --select/--ignore or a spec's allow-markers).
START_UP = ("importlib.metadata", "babel", "text_to_num", "aktstykker_gen.kontoplan",
            "aktstykker_gen.kinds.dagsorden", "aktstykker_gen.catalogue")


def test_checking_the_seed_loads_nothing_only_some_texts_or_options_need():
    code, modules = imported_modules("check", str(SEED))
    assert code == 0
    assert "pydantic" in modules and "aktstykker_gen.opstart" in modules
    loaded = sorted(m for m in modules if any(m == s or m.startswith(s + ".") for s in START_UP))
    assert not loaded, f"a cold check of the seed imported {loaded}"


def test_what_start_up_leaves_out_is_loaded_when_a_text_needs_it(tmp_path):
    """A written amount in words and a finding that shows an amount: text_to_num and babel are
    imported then, and the check still says what it found."""
    spec = tmp_path / "ord.yaml"
    text = SEED.read_text(encoding="utf-8")
    marker = "tekst:\n  a:\n"
    assert marker in text
    spec.write_text(text.replace(marker, marker + "    - Der afsættes syv mio. kr. til noget.\n"),
                    encoding="utf-8")
    code, modules = imported_modules("check", str(spec))
    assert code == 1
    assert "text_to_num" in modules and "babel.numbers" in modules
    assert "importlib.metadata" not in modules
