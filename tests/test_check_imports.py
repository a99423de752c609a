"""`aktstykke check` imports no renderer: what it loads is measured, not assumed.

The check runs in a fresh interpreter, as `python -m aktstykker_gen` runs it, which lists
every module in `sys.modules` as it exits; none may belong to the PDF, DOCX or template
machinery. (`-X importtime`, used before, does not list a module imported by
`importlib.import_module`, as each kind's model, rules and view are.)
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


# `python -m aktstykker_gen ARGS`, which prints every module it holds when it exits.
LISTING = ("import atexit, runpy, sys; "
           "atexit.register(lambda: print('MODULES', *sorted(sys.modules), file=sys.stderr)); "
           "runpy.run_module('aktstykker_gen', run_name='__main__', alter_sys=True)")


def imported_modules(*args: str) -> tuple[int, set[str]]:
    """Exit code and every module imported by `python -m aktstykker_gen ARGS`."""
    done = subprocess.run([sys.executable, "-c", LISTING, *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    [listing] = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    return done.returncode, set(listing.split()[1:])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_checking_the_seed_imports_no_renderer(seed: Path):
    """`check` on each kind's seed exits 0, and no module of weasyprint, docx, jinja2, lxml,
    fontTools or pydyf (nor any of their submodules) was imported."""
    code, modules = imported_modules("check", str(seed))
    assert code == 0
    assert "aktstykker_gen.pipeline" in modules, "the module listing was not read"
    loaded = sorted(m for m in modules if m.split(".")[0] in RENDERERS)
    assert not loaded, f"check imported renderer modules: {loaded}"


def test_printing_the_schema_imports_no_renderer():
    """`aktstykke schema` needs only the model, like `check`: no renderer is imported."""
    code, modules = imported_modules("schema")
    assert code == 0
    assert "aktstykker_gen.schema" in modules, "the module listing was not read"
    loaded = sorted(m for m in modules if m.split(".")[0] in RENDERERS)
    assert not loaded, f"schema imported renderer modules: {loaded}"


# What a check of a spec whose texts need none of it must not pay for at start-up: pydantic's
# search for plugins (importlib.metadata reads every installed distribution; aktstykker_gen.
# opstart gives pydantic a loader that finds none), babel's locale data (only when a number,
# date or list is formatted), number words (only when a unit follows a word) and the
# kontoplan reader (only with --kontoplan); another kind's model, rules and view, and the
# catalogue of every kind's codes (only for --select/--ignore or a spec's allow-markers); json
# (only for --format json), traceback (an internal error) and difflib (a misspelt key).
START_UP = ("importlib.metadata", "babel", "text_to_num", "aktstykker_gen.kontoplan",
            "aktstykker_gen.kinds.dagsorden", "aktstykker_gen.catalogue", "json", "traceback",
            "difflib")


def test_checking_the_seed_loads_nothing_only_some_texts_or_options_need():
    code, modules = imported_modules("check", str(SEED))
    assert code == 0
    assert "pydantic" in modules and "aktstykker_gen.opstart" in modules
    assert "aktstykker_gen.kinds.aktstykke.model" in modules   # imported by import_module
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


def test_json_and_difflib_are_loaded_when_the_check_needs_them(tmp_path):
    """--format json imports json; a misspelt key imports difflib for its 'mente du …?'."""
    code, modules = imported_modules("check", "--format", "json", str(SEED))
    assert code == 0 and "json" in modules
    spec = tmp_path / "stavefejl.yaml"
    text = SEED.read_text(encoding="utf-8")
    assert text.count("\nfinansår:") == 1
    spec.write_text(text.replace("\nfinansår:", "\nfinansaar:"), encoding="utf-8")
    code, modules = imported_modules("check", str(spec))
    assert code == 1 and "difflib" in modules


def test_an_agenda_with_a_marker_loads_no_aktstykke_code(tmp_path):
    """An agenda with a marker (`# aktstykke: tillad AKT702`) has its codes judged from the
    agenda's own rules, so the aktstykke's model and rules (the catalogue would load every
    kind's) are not imported; a marker naming another kind's code loads them (test_tilladelser)."""
    agenda = tmp_path / "dagsorden.yaml"
    text = SEEDS[1].read_text(encoding="utf-8")
    assert text.count("      - at dagsordenen godkendes\n") == 1
    agenda.write_text(text.replace("      - at dagsordenen godkendes\n",
                                   "      - Dagsordenen godkendes   # aktstykke: tillad AKT702\n"),
                      encoding="utf-8")
    code, modules = imported_modules("check", str(agenda))
    assert code == 0
    assert "aktstykker_gen.kinds.dagsorden.rules" in modules, "the module listing was not read"
    loaded = sorted(m for m in modules if m.startswith("aktstykker_gen.kinds.aktstykke"))
    assert not loaded, f"a cold check of the agenda imported {loaded}"
