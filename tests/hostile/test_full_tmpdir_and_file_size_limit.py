"""A file size limit (`ulimit -f`) or a TMPDIR that is full, read-only, missing or a file is
AKT010 and exit 2, or harmless; never an internal error (exit 3) or a process killed by
SIGXFSZ, and an earlier build stays as it was.

What uses TMPDIR: WeasyPrint copies the fonts there for each PDF (a failure is AKT010 naming
TMPDIR), and Jinja keeps its compiled template there (a cache that cannot be written is
skipped); the outputs' temporary files are in the output folder. Python's `tempfile` passes
over a TMPDIR it cannot use (a file, a missing or read-only folder) for /tmp."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes_support import aktstykke, snapshot, temporaries, variant, write

from aktstykker_gen import cli

# Below every output (the text is 9,7 KB), and above them but below a font (370 KB).
LIMITS = [(1024, "one spec"), (300 * 1024, "a folder of two")]
# A TMPDIR Python's tempfile cannot use is passed over for /tmp; one with room for its probe
# but not for a font fails while the PDF is made.
TMPDIRS = ("a file", "a missing folder", "a read-only mount", "a full mount",
           "a mount too small for a font")
# The mounts' size; a tmpfs that ignored it is skipped, not filled until memory runs out.
MOUNT_SIZE = 64 * 1024


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """specs/a.yaml and b.yaml (version 1) built into out/; each test works on a copy with the
    specs changed to version 2."""
    root = tmp_path_factory.mktemp("earlier")
    for stem in "ab":
        write(root / "specs" / f"{stem}.yaml", variant(1))
    done = subprocess.run(aktstykke("build", root / "specs", "-o", root / "out"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def root(earlier: Path, tmp_path: Path) -> Path:
    root = Path(shutil.copytree(earlier, tmp_path / "copy"))
    for stem in "ab":
        write(root / "specs" / f"{stem}.yaml", variant(2))
    return root


def build(root: Path, target: str, env: dict[str, str] | None = None,
          limit: int | None = None) -> subprocess.CompletedProcess[str]:
    specs = root / "specs" / "a.yaml" if target == "one spec" else root / "specs"

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(aktstykke("build", specs, "-o", root / "out", cores=2),
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={**os.environ, **(env or {})}, preexec_fn=limited)


def refused_and_untouched(done: subprocess.CompletedProcess[str], out: Path,
                          before: dict[str, object], tmpdir: str) -> None:
    assert done.returncode == 2, done.stderr
    assert f"{tmpdir}: error[AKT010]: kan ikke skrive midlertidige filer (TMPDIR): " \
        in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert (snapshot(out), temporaries(out)) == (before, [])


def refused_each_untouched(done: subprocess.CompletedProcess[str], out: Path,
                           before: dict[str, object], tmpdir: str) -> None:
    """A folder build in which a worker may find TMPDIR full while another copies a font
    there, and so pass over it for /tmp: at least one spec is refused, with AKT010, and each
    refused spec's outputs are as they were."""
    assert done.returncode == 2, done.stderr
    assert f"{tmpdir}: error[AKT010]: kan ikke skrive midlertidige filer (TMPDIR): " \
        in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    refused = [stem for stem in "ab" if f"{stem}.yaml: ikke bygget" in done.stderr]
    assert refused, done.stderr
    after = snapshot(out)
    for stem in refused:
        assert {k: v for k, v in after.items() if k.startswith(f"{stem}.")} == \
            {k: v for k, v in before.items() if k.startswith(f"{stem}.")}
    assert temporaries(out) == []


def test_the_generators() -> None:
    print(f"\n{len(LIMITS)} file size limits, {len(TMPDIRS)} TMPDIRs, 3 injected")
    assert (len(LIMITS), len(TMPDIRS)) == (2, 5)


@pytest.mark.parametrize(("limit", "target"), LIMITS)
def test_a_file_size_limit_is_akt010(root, limit, target) -> None:
    """`ulimit -f`: the first file past the limit (a font's copy in TMPDIR) is AKT010 with
    EFBIG, not SIGXFSZ killing the build; nothing in the output folder changes."""
    out = root / "out"
    before = snapshot(out)
    done = build(root, target, limit=limit)
    tmpdir = os.environ.get("TMPDIR") or "/tmp"
    refused_and_untouched(done, out, before, tmpdir)
    assert "filen er større end systemets grænse for filstørrelse (ulimit -f)" in done.stderr
    assert "hæv grænsen for filstørrelse (ulimit -f)" in done.stderr


@contextlib.contextmanager
def tmpdir(kind: str, where: Path) -> Iterator[Path]:
    path = where / "tmpdir"
    if kind == "a file":
        path.write_text("not a folder")
        yield path
    elif kind == "a missing folder":
        yield path
    else:
        path.mkdir()
        options = f"size={MOUNT_SIZE}" + (",ro" if kind == "a read-only mount" else "")
        if run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)]).returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root); the injected disk-full "
                        "test covers the full TMPDIR")
        try:
            size = os.statvfs(path)
            if size.f_blocks * size.f_frsize > MOUNT_SIZE:
                pytest.skip(f"this kernel's tmpfs ignores size={MOUNT_SIZE}")
            if kind == "a full mount":
                fill(path / "filler")
            yield path
        finally:
            run(["umount", "--lazy", str(path)])


def run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command, capture_output=True, timeout=60)


def fill(path: Path) -> None:
    """Writes until the disk is full, and never more than four times the mount's size."""
    with contextlib.suppress(OSError), open(path, "wb", 0) as filler:
        for _ in range(4 * MOUNT_SIZE // 4096):
            filler.write(b"\0" * 4096)
    assert path.stat().st_size <= MOUNT_SIZE, "the mount took more than its size"


@pytest.mark.parametrize("kind", TMPDIRS)
def test_an_unusable_tmpdir_is_akt010_or_harmless(root, tmp_path, kind) -> None:
    """A TMPDIR that is a file, missing, read-only or full: passed over for /tmp (built);
    one too small for a font: AKT010 naming it, exit 2, a refused spec's outputs as they were
    (a folder build, so in the workers)."""
    out = root / "out"
    before = snapshot(out)
    failing = kind == "a mount too small for a font"
    with tmpdir(kind, tmp_path) as path:
        done = build(root, "a folder of two" if failing else "one spec",
                     env={"TMPDIR": str(path)})
    if failing:
        refused_each_untouched(done, out, before, str(path))
        assert "disken er fuld" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        assert "internal error" not in done.stderr


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_an_error_writing_in_tmpdir_is_akt010(tmp_path, monkeypatch, code) -> None:
    """Disk full (or quota, or an I/O error) for every file under TMPDIR, injected: AKT010
    naming TMPDIR, exit 2, and nothing written in the output folder."""
    import tempfile

    where = Path(tempfile.gettempdir())
    real_open = io.open

    def failing_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and Path(os.fsdecode(file)).is_relative_to(where) \
                and not Path(os.fsdecode(file)).is_relative_to(tmp_path):
            raise OSError(code, os.strerror(code), os.fsdecode(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", failing_open)
    monkeypatch.setattr("builtins.open", failing_open)
    stderr = io.StringIO()
    spec = write(tmp_path / "specs" / "a.yaml", variant(3))
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        exit_code = cli.main(["build", str(spec), "-o", str(tmp_path / "out")])
    err = stderr.getvalue()
    assert exit_code == 2, err
    assert f"{where}: error[AKT010]: kan ikke skrive midlertidige filer (TMPDIR): " in err, err
    assert "internal error" not in err
    assert not [p for p in (tmp_path / "out").glob("*") if p.name.startswith("a.")]


def test_a_build_leaves_nothing_in_tmpdir_but_the_template_cache(root, tmp_path) -> None:
    """WeasyPrint's copies of the fonts (1,5 MB a PDF) are removed once each PDF is made, in
    the workers too, which exit without the garbage collection that would remove them."""
    path = tmp_path / "tmpdir"
    path.mkdir()
    done = build(root, "a folder of two", env={"TMPDIR": str(path)})
    assert done.returncode == 0, done.stderr
    assert [p.name for p in path.iterdir() if not p.name.startswith("_jinja2-cache-")] == []
