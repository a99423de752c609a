"""One checked spec → its DOCX, PDF and text, written atomically.

All three files are rendered in memory first; only then is each written to
a temporary name in the output folder, and once all are written they are
renamed over the old ones. A spec with errors, a render that fails or a file
that cannot be written (`WriteError`, reported as AKT010) leaves the earlier
outputs untouched. A build that is killed can leave temporary files behind,
which the next build of the folder removes (`remove_stale_temporaries`), and
a mixed set, which the manifest makes it rebuild.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from aktstykker_gen import assets
from aktstykker_gen.diagnostics import Diagnostic, Severity
from aktstykker_gen.pipeline import Checked, render

if TYPE_CHECKING:
    from aktstykker_gen.document import Document
    from aktstykker_gen.kinds import Kind

FORMATS = (".docx", ".pdf", ".txt")
UNWRITABLE = "AKT010"

# `.<stem>.<random>.<suffix>.tmp`, as `write_atomically` names a file it is still writing:
# an output's or the manifest's.
TEMPORARY = re.compile(r"\..+\.[^.]+\.(?:docx|pdf|txt|json)\.tmp")

REASONS = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er brugt op",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EISDIR: "der står en mappe med det navn",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.EEXIST: "der står en fil med det navn",
    errno.EIO: "skrivefejl på disken",
}


class WriteError(Exception):
    """A file (or the output folder) that could not be written, and the operating system's
    reason; `diagnostic` says it as AKT010."""

    def __init__(self, path: Path, error: OSError, doing: str) -> None:
        super().__init__(path, error, doing)
        self.path, self.error, self.doing = path, error, doing

    def diagnostic(self) -> Diagnostic:
        reason = REASONS.get(self.error.errno or 0) or self.error.strerror or str(self.error)
        return Diagnostic(UNWRITABLE, Severity.ERROR, f"kan ikke {self.doing}: {reason}",
                          file=str(self.path),
                          hint="ret årsagen, eller vælg en anden outputmappe med -o, og byg igen")


def prepare_renderers() -> None:
    """Import the writers before the first spec, with the garbage collector paused, then
    freeze what the imports made (`gc.freeze`). Imports and rendering make many objects, and
    a collector that scanned the long-lived ones from the imports again and again would
    spend about 0,15 s of a build on them. Run once per process (a pool's worker, or the
    CLI's own when it builds in-process)."""
    gc.disable()
    try:
        import aktstykker_gen.writers.docx
        import aktstykker_gen.writers.pdf
        import aktstykker_gen.writers.text  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()


def render_outputs(checked: Checked, templates: Path | None = None) -> dict[str, bytes]:
    folder = templates or assets.templates_dir()
    tree = render(checked, folder)
    return {suffix: write_format(tree, checked.kind, suffix, folder) for suffix in FORMATS}


FORMATS = (".txt", ".docx", ".pdf")


def write_format(tree: Document, kind: Kind, suffix: str, templates: Path | None = None) -> bytes:
    """One output of the tree, by its suffix: for a build, and for a preview's downloads."""
    folder = templates or assets.templates_dir()
    if suffix == ".txt":
        from aktstykker_gen.writers.text import write_text

        return write_text(tree).encode("utf-8")
    if suffix == ".docx":
        from aktstykker_gen.writers.docx import write_docx

        return write_docx(tree, folder / "docx")
    from aktstykker_gen.writers.pdf import write_pdf

    return write_pdf(tree, folder / kind.stylesheet, folder)


def write_outputs(outputs: dict[str, bytes], out_dir: Path, stem: str) -> list[Path]:
    """Write `<out_dir>/<stem><suffix>` for each output, all or none; see `write_atomically`."""
    with _naming(out_dir, "oprette mappen"):
        out_dir.mkdir(parents=True, exist_ok=True)
    return write_atomically(out_dir, {f"{stem}{suffix}": data for suffix, data in outputs.items()})


def write_atomically(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file's data to a temporary file beside it and sync it; only when all are
    written, rename each over its target (a symlink there is replaced, never followed).
    A reader, or a crash, sees each file old or new, never half of one. If a file cannot be
    written, `WriteError` names it, no temporary file is left, and no target is replaced
    (unless a rename itself fails after others succeeded: each file is still whole)."""
    temporaries: dict[Path, Path] = {}
    # The shared lock tells `remove_stale_temporaries` that these temporary files are not stale.
    with _naming(folder, "skrive i mappen"), _locked(folder, fcntl.LOCK_SH):
        try:
            for name, data in files.items():
                target = folder / name
                with _naming(target):
                    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}.",
                                                     suffix=f"{target.suffix}.tmp")
                    temporaries[target] = Path(temporary)
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                    os.chmod(temporary, 0o644)
            for target, temporary in list(temporaries.items()):
                with _naming(target):
                    os.replace(temporary, target)
                del temporaries[target]
        finally:
            for temporary in temporaries.values():
                temporary.unlink(missing_ok=True)
    return [folder / name for name in files]


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files that killed builds left in `folder`.

    Only when no write is under way there: a write holds a shared lock on the folder while
    its temporary files exist, so a lock taken exclusively, without waiting, means every
    temporary file is stale. Best effort: if another build is writing, or the folder cannot
    be read or a file removed, what is left stays, hidden and harmless, for a later build."""
    with contextlib.suppress(OSError), _locked(folder, fcntl.LOCK_EX | fcntl.LOCK_NB):
        for path in folder.iterdir():
            if TEMPORARY.fullmatch(path.name):
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(folder: Path, operation: int) -> Iterator[None]:
    """An flock on the folder itself (no lock file); the kernel drops it if the process dies."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, operation)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _naming(path: Path, doing: str = "skrive filen") -> Iterator[None]:
    """An OSError inside is a `WriteError` about `path`."""
    try:
        yield
    except OSError as error:
        raise WriteError(path, error, doing) from error
