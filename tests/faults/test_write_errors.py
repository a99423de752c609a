"""A file that cannot be written (permission denied, disk full; injected, as the tests run as
root) is AKT010 naming the file, exit 2, and leaves no partial or temporary file."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fault_support import (
    SUMMARY,
    build_in_process,
    clean_build,
    contents,
    manifest_outputs,
    outputs,
    sha256,
    temporaries,
    variant,
    write,
)

from aktstykker_gen.manifest import NAME

CRASH = ("Traceback", "internal error")


def fail(monkeypatch: pytest.MonkeyPatch, operation: str, name: str, code: int) -> None:
    """Make `operation` (mkstemp, fsync or replace) raise OSError(code) for the file `name`:
    for its temporary file, or for the rename onto it."""
    stem, suffix = Path(name).stem, Path(name).suffix

    def concerns(path: str) -> bool:
        base = Path(path).name
        return base == name or (base.startswith(f".{stem}.") and base.endswith(f"{suffix}.tmp"))

    module, path_of = {
        "mkstemp": (tempfile, lambda **kw: kw["prefix"] + "random" + kw["suffix"]),
        "fsync": (os, lambda fd: os.readlink(f"/proc/self/fd/{fd}")),
        "replace": (os, lambda source, target: target),
    }[operation]
    real = getattr(module, operation)

    def failing(*args, **kwargs):
        if concerns(path_of(*args, **kwargs)):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, operation, failing)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """x.yaml (version 1) built into out/; each test works on a copy."""
    root = tmp_path_factory.mktemp("earlier")
    assert build_in_process(write(root / "x.yaml", variant(1)), "-o", root / "out")[0] == 0
    return root


@pytest.fixture(scope="module")
def new_version(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The clean outputs of x.yaml's next version (version 2)."""
    return clean_build(write(tmp_path_factory.mktemp("new") / "x.yaml", variant(2)))


@pytest.fixture
def root(earlier: Path, tmp_path: Path) -> Path:
    """A copy of the earlier build, with x.yaml changed to version 2."""
    root = Path(shutil.copytree(earlier, tmp_path / "copy"))
    write(root / "x.yaml", variant(2))
    return root


@pytest.mark.parametrize(("operation", "name", "code", "reason"), [
    ("fsync", "x.pdf", errno.ENOSPC, "disken er fuld"),
    ("mkstemp", "x.docx", errno.EACCES, "ingen adgang"),
], ids=["disk-full-on-sync", "permission-denied-on-create"])
def test_a_write_error_is_akt010_naming_the_file_and_replaces_nothing(
        root, monkeypatch, operation, name, code, reason) -> None:
    """A file that cannot be written: AKT010 naming it, exit 2, every earlier file untouched."""
    out = root / "out"
    before = contents(out)
    fail(monkeypatch, operation, name, code)
    exit_code, err = build_in_process(root / "x.yaml", "-o", out)
    assert exit_code == 2, err
    assert f"{out / name}: error[AKT010]: kan ikke skrive filen: {reason}\n" in err
    assert f"{root / 'x.yaml'}: ikke bygget (ret fejlene ovenfor); intet blev skrevet" in err
    assert not any(crash in err for crash in CRASH), err
    assert contents(out) == before   # no new, partial or temporary file; the manifest as it was


def test_a_failed_rename_puts_back_the_renamed_ones_and_the_next_build_repairs(
        root, monkeypatch, new_version) -> None:
    """The PDF's rename refused after the text's and the DOCX's succeeded: AKT010, those two
    put back, so every file is as it was and "intet blev skrevet" is true; the next build
    completes."""
    out = root / "out"
    before = contents(out)
    fail(monkeypatch, "replace", "x.pdf", errno.EACCES)
    exit_code, err = build_in_process(root / "x.yaml", "-o", out)
    assert exit_code == 2, err
    assert f"{out / 'x.pdf'}: error[AKT010]: kan ikke skrive filen: ingen adgang\n" in err
    assert f"{root / 'x.yaml'}: ikke bygget (ret fejlene ovenfor); intet blev skrevet" in err
    assert not any(crash in err for crash in CRASH), err
    assert contents(out) == before   # no new, partial, temporary or backup file
    monkeypatch.undo()
    assert build_in_process(root / "x.yaml", "-o", out)[0] == 0
    assert outputs(out, "x") == new_version


def test_a_manifest_that_cannot_be_written_is_akt010_after_the_outputs(root, monkeypatch,
                                                                      new_version) -> None:
    """Disk full on the manifest: AKT010 naming it, exit 2, the outputs new, the manifest old."""
    out = root / "out"
    manifest = (out / NAME).read_bytes()
    fail(monkeypatch, "fsync", NAME, errno.ENOSPC)
    exit_code, err = build_in_process(root / "x.yaml", "-o", out)
    assert exit_code == 2, err
    assert f"{out / NAME}: error[AKT010]: kan ikke skrive filen: disken er fuld\n" in err
    assert not any(crash in err for crash in CRASH), err
    assert (outputs(out, "x"), (out / NAME).read_bytes(), temporaries(out)) == \
        (new_version, manifest, [])


def test_in_a_batch_the_unwritable_spec_fails_and_the_others_are_built(tmp_path, monkeypatch) -> None:
    """With a pool of 2 workers, disk full on one spec's PDF: that spec AKT010, the others built."""
    specs = {stem: write(tmp_path / "specs" / f"{stem}.yaml", variant(step))
             for step, stem in enumerate("abc", start=1)}
    out = tmp_path / "out"
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    fail(monkeypatch, "fsync", "b.pdf", errno.ENOSPC)
    exit_code, err = build_in_process(tmp_path / "specs", "-o", out)
    assert exit_code == 2, err
    assert f"{out / 'b.pdf'}: error[AKT010]: kan ikke skrive filen: disken er fuld\n" in err
    assert f"{specs['b']}: ikke bygget (ret fejlene ovenfor); intet blev skrevet" in err
    assert SUMMARY.search(err).groups() == ("2", "0", "1"), err
    assert not any(crash in err for crash in CRASH), err
    monkeypatch.undo()
    assert contents(out) == {**clean_build(specs["a"]), **clean_build(specs["c"]),
                             NAME: (out / NAME).read_bytes()}
    assert (manifest_outputs(out, "a"), manifest_outputs(out, "b")) == (
        {name: sha256(data) for name, data in clean_build(specs["a"]).items()}, None)
