"""A build whose write fails says exactly which files it changed: for every output format ×
every obstruction (a folder, a symlink to a file, to a folder or to nothing at the name) and
every injected error (disk full, I/O error, file too large, read-only, no access) at the k-th
creation, write, sync, backup link or rename of a spec's files, once or from then on (a disk
going bad, so that putting files back fails too), into a folder with an earlier build and
into an empty one. The files that differ from before are exactly those the message names:
none when it says "intet blev skrevet", as the writes are all or nothing unless putting back
fails."""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import re
import tempfile
from pathlib import Path

import pytest
from conftest import SEED_SPEC
from processes_support import snapshot, temporaries

from aktstykker_gen import build, cli
from aktstykker_gen.build import FORMATS
from aktstykker_gen.manifest import NAME

STEM = SEED_SPEC.stem
NEW = {suffix: f"the new {suffix}".encode() for suffix in FORMATS}
OLD = {suffix: f"the earlier {suffix}".encode() for suffix in FORMATS}
OBSTRUCTIONS = ("folder", "symlink to a file", "symlink to a folder", "dangling symlink")
OPERATIONS = ("create", "write", "fsync", "link", "replace")
# Disk full, I/O error, past `ulimit -f`, a read-only file system or folder (the tests run as
# root, so a folder's mode would not stop them), and no access.
ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EROFS, errno.EPERM)
MODES = ("once", "from then on")
STATES = ("earlier build", "empty folder")

OBSTRUCTED = list(itertools.product(FORMATS, OBSTRUCTIONS, STATES))
INJECTED = list(itertools.product(OPERATIONS, ERRORS, (1, 2, 3), MODES, STATES))
VERDICT = re.compile(rf"^(?:bygget: (?P<built>.*)|{re.escape(str(SEED_SPEC))}: ikke bygget "
                     r"\(ret fejlene ovenfor\); (?:intet blev skrevet|skrevet alligevel: "
                     r"(?P<kept>.*); de øvrige filer er som før))$", re.MULTILINE)


def test_the_generators_cover_every_format_obstruction_and_fault() -> None:
    print(f"\n{len(OBSTRUCTED)} obstructions, {len(INJECTED)} injected faults")
    assert (len(OBSTRUCTED), len(INJECTED)) == (24, 300)


@pytest.fixture(autouse=True)
def canned_outputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering is not what is tested: the outputs are fixed bytes, new ones unlike the old."""
    monkeypatch.setattr(build, "render_outputs",
                        lambda checked, templates=None, pdf_variant=None, edition=None: NEW)


def folder(root: Path, state: str) -> Path:
    out = root / "out"
    out.mkdir()
    if state == "earlier build":
        for suffix, data in OLD.items():
            (out / f"{STEM}{suffix}").write_bytes(data)
    return out


@pytest.mark.parametrize(("suffix", "obstruction", "state"), OBSTRUCTED,
                         ids=["-".join(case).replace(" ", "-") for case in OBSTRUCTED])
def test_an_obstruction_at_an_outputs_name(tmp_path, suffix, obstruction, state) -> None:
    out, elsewhere = folder(tmp_path, state), tmp_path / "elsewhere"
    (elsewhere / "inside").mkdir(parents=True)
    (elsewhere / "file").write_bytes(b"not ours")
    target = out / f"{STEM}{suffix}"
    target.unlink(missing_ok=True)
    if obstruction == "folder":
        (target / "inside").mkdir(parents=True)
    else:
        target.symlink_to({"symlink to a file": elsewhere / "file", "dangling symlink":
                           elsewhere / "missing", "symlink to a folder": elsewhere}[obstruction])
    outside = snapshot(elsewhere)
    changed, err, code = build_and_compare(out)
    assert snapshot(elsewhere) == outside   # a symlink is replaced, never followed
    if obstruction == "folder":
        assert (code, changed) == (2, set()), err
        assert f"{target}: error[AKT010]: kan ikke skrive filen: der står en mappe med det navn" \
            in err
    else:
        assert (code, changed) == (0, {f"{STEM}{s}" for s in FORMATS}), err


@pytest.mark.parametrize(("operation", "code", "k", "mode", "state"), INJECTED,
                         ids=[f"{o}-{errno.errorcode[c]}-{k}-{m}-{s}".replace(" ", "-")
                              for o, c, k, m, s in INJECTED])
def test_an_error_at_the_kth_operation(tmp_path, monkeypatch, operation, code, k, mode,
                                       state) -> None:
    out = folder(tmp_path, state)
    calls = inject(monkeypatch, out, operation, code, k, once=mode == "once")
    changed, err, exit_code = build_and_compare(out)
    # Fewer operations than k (no backups in an empty folder), or a file system that cannot
    # hard-link (EPERM), where the backup is a copy: built.
    if calls[0] < k or (operation == "link" and code == errno.EPERM):
        assert (exit_code, changed) == (0, {f"{STEM}{s}" for s in FORMATS}), err
        return
    assert exit_code == 2, err
    assert re.search(r"error\[AKT010\]: kan ikke (?:skrive filen|skrive i mappen): ", err), err
    if mode == "once" or operation != "replace" or k == 1 or state == "empty folder":
        assert changed == set(), err   # nothing renamed yet, or every rename put back
    else:   # the renames before the k-th could not be put back: they stay, and are named
        assert changed == {f"{STEM}{s}" for s in FORMATS[:k - 1]}, err


def inject(monkeypatch: pytest.MonkeyPatch, out: Path, operation: str, code: int, k: int,
           once: bool) -> list[int]:
    """Make the k-th call of `operation` on a file of the spec's in `out` fail with `code`
    (and, unless `once`, every later one); the count of such calls so far, in a list."""
    module = tempfile if operation == "create" else os
    name = "mkstemp" if operation == "create" else operation
    real = getattr(module, name)
    calls = [0]

    def path_of(*args: object, **kwargs: str) -> str:
        if operation == "create":
            return os.path.join(kwargs["dir"], kwargs["prefix"] + "x" + kwargs["suffix"])
        if operation in ("write", "fsync"):
            return os.readlink(f"/proc/self/fd/{args[0]}")
        return os.fspath(args[1])   # link(source, backup), replace(source, target)

    def failing(*args, **kwargs):
        path = Path(path_of(*args, **kwargs))
        if path.parent == out and path.name.startswith((f"{STEM}.", f".{STEM}.")):
            calls[0] += 1
            if calls[0] == k or (not once and calls[0] > k):
                raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    return calls


def build_and_compare(out: Path) -> tuple[set[str], str, int]:
    """Build the seed into `out`; the names of the files that differ from before, after
    checking that they are what the message names, that no temporary file is left and that
    nothing crashed."""
    before = snapshot(out)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", str(SEED_SPEC), "-o", str(out)])
    err = stderr.getvalue()
    assert "Traceback" not in err and "internal error" not in err, err
    assert temporaries(out) == [], err
    after = snapshot(out)
    changed = {name for name in before.keys() | after.keys()
               if name != NAME and before.get(name) != after.get(name)}
    [verdict] = VERDICT.finditer(err)
    named = verdict["built"] or verdict["kept"] or ""
    assert {Path(p).name for p in named.split(", ") if p} == changed, err
    assert all(after[name] == NEW[Path(name).suffix] for name in changed), err
    return changed, err, code
