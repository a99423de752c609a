"""A cold build starts fast: WeasyPrint's libraries are found without a storm of processes,
the compiled template is reused, and a cache that cannot be written costs nothing but time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import SEED_SPEC
from jinja2 import FileSystemBytecodeCache

from aktstykker_gen import assets
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers.libraries import find_in_linker_cache

COUNT_PROCESSES = textwrap.dedent("""
    import sys
    started = []
    sys.addaudithook(lambda event, args: started.append(args[0]) if event == "subprocess.Popen"
                     else None)
    import aktstykker_gen.writers.pdf
    print(len(started), sorted(set(str(a) for a in started)))
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lookup is Linux's")
def test_importing_the_pdf_writer_reads_the_linker_cache_once_and_runs_no_compiler() -> None:
    """Unpatched, cffi's find_library runs ldconfig 22 times and gcc 16 times (about 0,2 s)."""
    out = subprocess.run([sys.executable, "-c", COUNT_PROCESSES], capture_output=True,
                         text=True, check=True).stdout
    count, programs = out.split(" ", 1)
    assert int(count) <= 1, out
    assert "gcc" not in programs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lookup is Linux's")
def test_the_linker_cache_answers_for_linux_names_and_not_for_windows_ones() -> None:
    assert find_in_linker_cache("pango-1.0") == "libpango-1.0.so.0"
    assert find_in_linker_cache("libpango-1.0-0") is None
    assert find_in_linker_cache("gobject-2.0-0") is None


def test_a_bytecode_cache_that_cannot_be_written_does_not_fail_the_render(monkeypatch) -> None:
    from aktstykker_gen import render as render_module

    def disk_full(self, bucket) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemBytecodeCache, "load_bytecode", lambda self, bucket: None)
    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", disk_full)
    render_module.environment.cache_clear()
    try:
        tree = render(check(SEED_SPEC), assets.templates_dir())
    finally:
        render_module.environment.cache_clear()
    assert tree.title == "Strategi for personlig medicin"


FROZEN_AFTER = textwrap.dedent("""
    import gc, sys
    from aktstykker_gen import cli
    spec, as_the_process = sys.argv[1], sys.argv[2] == "process"
    sys.argv = ["aktstykke", "check", spec]
    code = cli.main() if as_the_process else cli.main(["check", spec])
    print(code, gc.get_freeze_count(), gc.isenabled())
""")


@pytest.mark.parametrize("called_as", ["process", "function"])
def test_only_the_process_s_own_command_freezes_its_objects_for_the_exit(called_as) -> None:
    """`aktstykke check` (main() on the process's argv) freezes what the collector tracks, so
    the exit skips its last walk over them; main(argv), as a test or a tool calls it in a
    process that goes on, leaves the collector as it was."""
    done = subprocess.run([sys.executable, "-c", FROZEN_AFTER, str(SEED_SPEC), called_as],
                          capture_output=True, text=True, check=True)
    code, frozen, enabled = done.stdout.split()[-3:]
    assert "1 ok, 0 med fejl" in done.stdout + done.stderr
    assert (code, enabled) == ("0", "True")
    assert (int(frozen) > 10_000) == (called_as == "process"), frozen


@pytest.mark.parametrize("kind", ["aktstykke", "dagsorden"])
def test_no_model_field_takes_a_builtin_list_as_its_default_factory(kind) -> None:
    """pydantic reads each default factory's signature as it builds a model; `list`'s is parsed
    from its text, 1,5 M instructions a field at every cold start (modeldele.tom_liste)."""
    import importlib

    from pydantic import BaseModel

    module = importlib.import_module(f"aktstykker_gen.kinds.{kind}.model")
    models = [m for m in vars(module).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == module.__name__]
    factories = {(m.__name__, name): f.default_factory for m in models
                 for name, f in m.model_fields.items() if f.default_factory is not None}
    assert factories, "the model has list fields with a default"
    assert not [field for field, factory in factories.items() if factory in (list, set)]
