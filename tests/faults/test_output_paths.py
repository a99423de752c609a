"""Output names come only from the spec file's name, and every output is written inside the
output folder: odd names, `../` in the spec's path and symlinks cannot lead a build elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fault_support import build_in_process, clean_build, contents, variant, write

from aktstykker_gen.build import FORMATS
from aktstykker_gen.manifest import NAME

ODD = ["med mellemrum", "æøå", "-bindestreg", "a..b", ".", ".."]   # the stems of ODD names
SPEC = variant(1)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of SPEC by suffix: the same whatever the spec file is called."""
    spec = write(tmp_path_factory.mktemp("clean") / "x.yaml", SPEC)
    return {Path(name).suffix: data for name, data in clean_build(spec).items()}


def tree(root: Path) -> set[str]:
    """Every file and symlink under `root`, relative."""
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_odd_spec_names_build_inside_the_output_folder_under_their_own_names(tmp_path, clean,
                                                                            monkeypatch) -> None:
    """Spaces, æøå, a leading dash, `a..b`, `..yaml`, `...yaml`: each builds <out>/<stem>.* only."""
    monkeypatch.chdir(write(tmp_path / "cwd" / "keep", "").parent)
    specs = {write(tmp_path / "specs" / f"{stem}.yaml", SPEC) for stem in ODD}
    code, err = build_in_process(tmp_path / "specs", "-o", tmp_path / "out")
    assert code == 0, err
    expected = {f"{stem}{suffix}": clean[suffix] for stem in ODD for suffix in FORMATS}
    assert contents(tmp_path / "out") == {**expected, NAME: (tmp_path / "out" / NAME).read_bytes()}
    assert tree(tmp_path) == {"cwd/keep", *(str(p.relative_to(tmp_path)) for p in specs),
                              *(f"out/{name}" for name in [*expected, NAME])}


def test_a_spec_path_with_dot_dot_writes_to_the_output_folder(tmp_path, clean, monkeypatch) -> None:
    """`../specs/x.yaml` and `specs/sub/../x.yaml` write <out>/x.* and nothing anywhere else."""
    spec = write(tmp_path / "specs" / "x.yaml", SPEC)
    (tmp_path / "specs" / "sub").mkdir()
    monkeypatch.chdir(write(tmp_path / "cwd" / "keep", "").parent)
    for path in ("../specs/x.yaml", f"{tmp_path}/specs/sub/../x.yaml"):
        code, err = build_in_process(path, "-o", "../out", "--force")
        assert code == 0, err
        assert contents(tmp_path / "out") == {**{f"x{s}": data for s, data in clean.items()},
                                              NAME: (tmp_path / "out" / NAME).read_bytes()}
        assert tree(tmp_path) == {"cwd/keep", str(spec.relative_to(tmp_path)),
                                  *(f"out/x{suffix}" for suffix in FORMATS), f"out/{NAME}"}


def test_a_symlink_at_an_output_path_is_replaced_and_its_target_left_alone(tmp_path, clean) -> None:
    """A symlink in place of an output (or the manifest) becomes a file; what it points at stays."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    names = [*(f"x{suffix}" for suffix in FORMATS), NAME]
    for name in names:
        write(outside / name, f"not yours: {name}")
        out.mkdir(exist_ok=True)
        os.symlink(outside / name, out / name)
    code, err = build_in_process(write(tmp_path / "x.yaml", SPEC), "-o", out)
    assert code == 0, err
    assert not any((out / name).is_symlink() for name in names)
    assert {name: (out / name).read_bytes() for name in names if name != NAME} == {
        f"x{suffix}": data for suffix, data in clean.items()}
    assert contents(outside) == {name: f"not yours: {name}".encode() for name in names}
