"""Two builds of one folder at once both finish and leave complete files and a valid manifest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fault_support import (
    build_process,
    clean_build,
    command,
    contents,
    manifest_outputs,
    sha256,
    temporaries,
    variant,
    write,
)

from aktstykker_gen.manifest import NAME

STEMS = ("a", "b", "c", "d")

# `aktstykke` on a slow disk: each fsync takes 0,2 s, so the two builds' writes of one spec,
# a few milliseconds on a fast disk, surely overlap.
SLOW_DISK = """
import os, time
sync = os.fsync
os.fsync = lambda fd: (time.sleep(0.2), sync(fd))[1]
from aktstykker_gen.cli import main
raise SystemExit(main())
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One output folder for both cases, so the slow-disk builds replace the first builds' files."""
    return tmp_path_factory.mktemp("concurrent") / "out"


@pytest.mark.parametrize(("disk", "first_step"), [("fast", 1), ("slow", 5)])
def test_two_builds_of_one_folder_at_once_both_finish_with_complete_files(out, disk,
                                                                         first_step) -> None:
    """Two `build specs/ -o out` at once: both exit 0; every file clean; a manifest that agrees."""
    specs = [write(out.parent / "specs" / f"{stem}.yaml", variant(first_step + i))
             for i, stem in enumerate(STEMS)]
    args = ("build", out.parent / "specs", "-o", out)
    argv = command(*args) if disk == "fast" else [sys.executable, "-c", SLOW_DISK, *map(str, args)]
    builds = [subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8") for _ in range(2)]
    errors = [build.communicate(timeout=300)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    clean = {spec.stem: clean_build(spec) for spec in specs}
    manifest = json.loads((out / NAME).read_text(encoding="utf-8"))
    assert contents(out) == {**{name: data for files in clean.values() for name, data in files.items()},
                             NAME: (out / NAME).read_bytes()}
    assert (sorted(manifest), temporaries(out)) == (list(STEMS), [])
    assert all(manifest_outputs(out, stem) == {name: sha256(data) for name, data in files.items()}
               for stem, files in clean.items())
    again = build_process(out.parent / "specs", "-o", out)
    assert again.returncode == 0 and "bygget 0, uændret 4, fejlede 0" in again.stderr
