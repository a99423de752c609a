"""`check FOLDER` and `build FOLDER` find the same specs (`discovery.find_specs`): every file
whose suffix is .yaml or .yml in any case, at any depth, and nothing else. Two specs that
would write the same outputs (`x.yaml` and `x.yml`, one stem in two folders, stems that differ
only in case) are both refused with AKT013, exit 2, and neither writes anything."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import time
from pathlib import Path

import pytest
from processes_support import variant, write

from aktstykker_gen import batch, cli
from aktstykker_gen.discovery import find_specs

SUFFIXES = sorted({"." + "".join(letters) for word in ("yaml", "yml")
                   for letters in itertools.product(*((c, c.upper()) for c in word))})
NOT_SPECS = ("x.yaml~", "x.yaml.bak", "x.json", "x.txt", "x.yaml.txt", "x.ya", "README",
             "yaml", ".yaml")
# Pairs of names whose outputs would have one name.
RIVALS = [(f"x{a}", f"x{b}") for a, b in itertools.combinations(SUFFIXES[::5], 2)] + [
    ("x.yaml", "sub/x.yaml"), ("X.yaml", "x.yaml"), ("a/Plan.yml", "b/c/plan.YAML")]


def run(*args: str | Path) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:   # usage errors leave through argparse
            code = int(exit_.code or 0)
    return code, stderr.getvalue()


def test_the_generators() -> None:
    print(f"\n{len(SUFFIXES)} suffix spellings, {len(NOT_SPECS)} other names, "
          f"{len(RIVALS)} pairs of rivals")
    assert (len(SUFFIXES), len(RIVALS)) == (24, 13)


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("depth", [0, 2])
def test_every_spelling_of_a_spec_suffix_is_checked_in_a_folder(tmp_path, suffix, depth) -> None:
    """The spec, among files that are not specs, is found by both commands and checked."""
    spec = write(tmp_path.joinpath(*["sub"] * depth, f"s{suffix}"), variant(1))
    for name in NOT_SPECS:
        write(tmp_path / name, "ikke en spec: {")
    assert find_specs([tmp_path]) == [spec]
    assert [job.spec for job in batch.plan([tmp_path], tmp_path / "out",
                                           batch.Options(None, None, False)).jobs] == [spec]
    code, err = run("check", tmp_path)
    assert (code, err) == (0, "1 ok, 0 med fejl\n")


def test_a_folder_build_builds_every_spelling(tmp_path) -> None:
    """Specs spelt .yaml, .yml, .YAML, .Yml under one folder: each built under its own stem."""
    for stem, suffix in zip("abcd", (".yaml", ".yml", ".YAML", ".Yml"), strict=True):
        write(tmp_path / "specs" / f"{stem}{suffix}", variant(ord(stem) - ord("a")))
    code, err = run("build", tmp_path / "specs", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) \
        == sorted(f"{stem}{s}" for stem in "abcd" for s in (".docx", ".pdf", ".txt"))


@pytest.mark.parametrize(("first", "second"), RIVALS)
def test_specs_that_would_write_the_same_files_are_both_refused(tmp_path, first, second) -> None:
    specs = [write(tmp_path / "specs" / name, variant(step))
             for step, name in enumerate((first, second))]
    out = tmp_path / "out"
    code, err = run("build", tmp_path / "specs", "-o", out)
    assert code == 2, err
    found = sorted(find_specs([tmp_path / "specs"]))
    for spec, other in ((found[0], found[1]), (found[1], found[0])):
        assert f"{spec}: error[AKT013]: ville skrive de samme filer ({out / spec.stem}.*) som " \
            f"{other}; ingen af dem bygges\n" in err, err
        assert f"{spec}: ikke bygget (ret fejlene ovenfor); intet blev skrevet" in err
    assert sorted(found) == sorted(specs)
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_check_of_a_folder_reports_each_spec(tmp_path) -> None:
    """Each spec's diagnostics under its own path, one summary, exit 1 for the broken one."""
    good = write(tmp_path / "a.yaml", variant(1))
    broken = write(tmp_path / "sub" / "b.yml", variant(1).replace("udgift: {2025: -30.1}",
                                                                  "udgift: {2025: -31.1}"))
    code, err = run("check", tmp_path)
    assert code == 1, err
    assert f"{broken}:" in err and f"{good}:" not in err
    assert err.endswith("1 ok, 1 med fejl\n"), err


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_without_specs_and_a_missing_path_are_usage_errors(tmp_path, command) -> None:
    for name in NOT_SPECS:
        write(tmp_path / "folder" / name, "x")
    code, err = run(command, tmp_path / "folder", "-o" if command == "build" else "--strict",
                    *([tmp_path / "out"] if command == "build" else []))
    assert (code, f"ingen specs (*.yaml, *.yml) i {tmp_path / 'folder'}" in err) == (2, True), err
    code, err = run(command, tmp_path / "missing.yaml")
    assert (code, f"{tmp_path / 'missing.yaml'}: error[AKT008]" in err) == (2, True), err


def test_planning_does_not_block_on_a_fifo_named_as_a_spec(tmp_path) -> None:
    """The plan hashes each spec; a FIFO is not read (the spec's check says what it is)."""
    os.mkfifo(tmp_path / "x.yaml")
    started = time.monotonic()
    plan = batch.plan([tmp_path], tmp_path / "out", batch.Options(None, None, False))
    assert time.monotonic() - started < 2
    assert [(job.spec.name, job.inputs) for job in plan.jobs] == [("x.yaml", None)]
