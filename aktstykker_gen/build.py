"""One checked spec → its DOCX, PDF and text, written all or none.

All three files are rendered in memory first; only then is each written to
a temporary name in the output folder, and once all are written they are
renamed over the old ones, which are kept as backups until the last rename so
that a failed rename puts the earlier ones back. A spec with errors, a render
that fails or a file that cannot be written (`WriteError`, reported as AKT010:
also a full TMPDIR or `ulimit -f`) leaves the earlier outputs untouched. A
build that is killed outright can leave temporary files behind, which the next
build of the folder removes (`remove_stale_temporaries`), and a mixed set,
which the manifest makes it rebuild; one stopped by SIGTERM (`stop`) finishes
the write under way first.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aktstykker_gen import assets, pdf_helper
from aktstykker_gen.bounded import is_folder
from aktstykker_gen.diagnostics import Diagnostic, Severity
from aktstykker_gen.pipeline import Checked, collector_paused, render
from aktstykker_gen.udgaver import har_fortroligt
from aktstykker_gen.udgavevalg import IngenOffentligUdgave, Udgave, Valg
from aktstykker_gen.writers.pdf_variants import DEFAULT as DEFAULT_PDF

if TYPE_CHECKING:
    from aktstykker_gen.document import Document
    from aktstykker_gen.kinds import Kind

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
    errno.EFBIG: "filen er større end systemets grænse for filstørrelse (ulimit -f)",
}


STOPPED_EXIT = 128 + signal.SIGTERM   # 143, as a shell reports a process ended by SIGTERM


class Stopped(SystemExit):
    """The build was asked to stop (SIGTERM): raised where it is, exit code 143."""

    def __init__(self) -> None:
        super().__init__(STOPPED_EXIT)


_writing = False    # whether `write_atomically` is under way in this process
_stopping = False   # whether this process was asked to stop


def stop(at_once: bool = True) -> None:
    """Stop this process's build (from a SIGTERM handler): `Stopped` now, or, while files are
    being written, as soon as they are all written. A write is never cut off between its
    renames, which would leave a mixed set. The request stays noted (`stop_requested`):
    an exception raised in a finalizer that was running is lost, and the next write, or the
    caller, takes the stop instead; a caller that looks often (`at_once=False`) takes it
    always."""
    global _stopping
    _stopping = True
    if at_once and not _writing:
        raise Stopped


def stop_requested() -> bool:
    return _stopping


def drop_lost_stop(unraisable: sys.UnraisableHookArgs) -> None:
    """For `sys.unraisablehook`: a `Stopped` raised inside a finalizer cannot leave it, and
    Python would print it as "Exception ignored" with a traceback. The stop is not lost
    (`stop_requested` holds it), so such a report is dropped; any other is printed as ever."""
    if not isinstance(unraisable.exc_value, Stopped):
        sys.__unraisablehook__(unraisable)


class WriteError(Exception):
    """A file (or the output folder) that could not be written, and the operating system's
    reason; `diagnostic` says it as AKT010."""

    def __init__(self, path: Path, error: OSError, doing: str) -> None:
        super().__init__(path, error, doing)
        self.path, self.error, self.doing = path, error, doing
        self.written: tuple[Path, ...] = ()   # targets changed although the write failed

    def diagnostic(self) -> Diagnostic:
        reason = REASONS.get(self.error.errno or 0) or self.error.strerror or str(self.error)
        if self.error.errno == errno.EFBIG:
            hint = "hæv grænsen for filstørrelse (ulimit -f), og byg igen"
        elif self.doing == TEMPORARY_FILES:
            hint = "giv plads i mappen, eller sæt TMPDIR til en mappe med plads, og byg igen"
        else:
            hint = "ret årsagen, eller vælg en anden outputmappe med -o, og byg igen"
        return Diagnostic(UNWRITABLE, Severity.ERROR, f"kan ikke {self.doing}: {reason}",
                          file=str(self.path), hint=hint)


TEMPORARY_FILES = "skrive midlertidige filer (TMPDIR)"


def prepare_renderers(pdf: bool = True) -> None:
    """Import the writers before the first spec, with the garbage collector paused, then
    freeze what the imports made (`gc.freeze`). Imports and rendering make many objects, and
    a collector that scanned the long-lived ones from the imports again and again would
    spend about 0,15 s of a build on them. Run once per process (a pool's worker, or the
    CLI's own when it builds in-process); without the PDF writer where a helper makes the
    PDFs (pdf_helper.py)."""
    gc.disable()
    try:
        import aktstykker_gen.writers.docx
        import aktstykker_gen.writers.text  # noqa: F401

        if pdf:
            import aktstykker_gen.writers.pdf  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()


def render_outputs(checked: Checked, templates: Path | None = None,
                   pdf_variant: str = DEFAULT_PDF,
                   edition: Udgave = Udgave.offentlig) -> dict[str, bytes]:
    """Every output of one edition in memory, the PDF in `pdf_variant` (pdf_variants.SUPPORTED);
    a renderer's temporary file that cannot be written is `WriteError` (AKT010), see
    `_temporary_files`. The public edition by default: a caller that forgets to choose gets
    the one that may be published."""
    folder = templates or assets.templates_dir()
    with _temporary_files():
        tree = render(checked, folder, edition)
        helper = pdf_helper.helper()   # one-spec builds: the PDF laid out meanwhile, elsewhere
        asked = helper is not None and helper.ask(tree, folder / checked.kind.stylesheet, folder,
                                                  pdf_variant)
        outputs = {suffix: write_format(tree, checked.kind, suffix, folder, pdf_variant)
                   for suffix in FORMATS if not (asked and suffix == ".pdf")}
        if asked:
            assert helper is not None
            outputs[".pdf"] = helper.answer() or write_format(tree, checked.kind, ".pdf", folder,
                                                              pdf_variant)
        return {suffix: outputs[suffix] for suffix in FORMATS}


# What an edition adds to the output's name. The plain name is never the confidential edition.
EDITION_SUFFIX = {Udgave.offentlig: "", Udgave.fortrolig: ".fortrolig"}

ONLY_CONFIDENTIAL = ("aktstykket er fortroligt i sin helhed og har ingen offentlig udgave, "
                     "før fortroligheden er ophævet; kun den fortrolige udgave er bygget")


@dataclass(frozen=True)
class Editions:
    """The editions a build makes of one spec, and what the terminal is told about them."""

    editions: tuple[Udgave, ...]
    note: str | None = None


def choose_editions(checked: Checked, valg: Valg) -> Editions:
    """`begge`: a spec with no confidential part has one edition, under the plain name; one
    with confidential parts has both; one that is confidential as a whole, only the
    confidential one (said on the terminal). `offentlig` on a whole confidential spec is
    `IngenOffentligUdgave`."""
    model = checked.spec.model
    if valg is Valg.fortrolig:
        return Editions((Udgave.fortrolig,))
    try:
        confidential = har_fortroligt(model)
    except IngenOffentligUdgave:
        if valg is Valg.offentlig:
            raise
        return Editions((Udgave.fortrolig,), ONLY_CONFIDENTIAL)
    if valg is Valg.offentlig or not confidential:
        return Editions((Udgave.offentlig,))
    return Editions((Udgave.offentlig, Udgave.fortrolig))


def render_editions(checked: Checked, editions: Editions, templates: Path | None = None,
                    pdf_variant: str = DEFAULT_PDF) -> dict[str, bytes]:
    """Every output of every edition in memory, keyed by what follows the stem in its name
    (`.pdf`, `.fortrolig.pdf`), so that `write_outputs` writes both editions all or none."""
    return {f"{EDITION_SUFFIX[edition]}{suffix}": data
            for edition in editions.editions
            for suffix, data in render_outputs(checked, templates, pdf_variant, edition).items()}


FORMATS = (".txt", ".docx", ".pdf")


def write_format(tree: Document, kind: Kind, suffix: str, templates: Path | None = None,
                 pdf_variant: str = DEFAULT_PDF) -> bytes:
    """One output of the tree, by its suffix: for a build, and for a preview's downloads."""
    folder = templates or assets.templates_dir()
    # The cycle collector paused while a writer runs: what it makes lives until the output is
    # written, and each full collection walked all of it again, beside the tree and the checked
    # model: a third of the PDF's time for 1.000 accounts, and nine tenths of the text's for
    # 10.000 (1,28 s, 0,11 s paused), growing faster than the document. What a writer leaves
    # is collected once the collector runs again.
    with collector_paused():
        return _written(tree, kind, suffix, folder, pdf_variant)


def _written(tree: Document, kind: Kind, suffix: str, folder: Path, pdf_variant: str) -> bytes:
    if suffix == ".txt":
        from aktstykker_gen.writers.text import write_text

        return write_text(tree).encode("utf-8")
    if suffix == ".docx":
        from aktstykker_gen.writers.docx import write_docx

        return write_docx(tree, folder / "docx", **kind.docx_parts(folder))
    from aktstykker_gen.writers.pdf import write_pdf

    return write_pdf(tree, folder / kind.stylesheet, folder, pdf_variant)


def write_outputs(outputs: dict[str, bytes], out_dir: Path, stem: str) -> list[Path]:
    """Write `<out_dir>/<stem><suffix>` for each output, all or none; see `write_atomically`."""
    with _naming(out_dir, "oprette mappen"):
        out_dir.mkdir(parents=True, exist_ok=True)
    return write_atomically(out_dir, {f"{stem}{suffix}": data for suffix, data in outputs.items()})


def write_atomically(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write the files all or none: each one's data to a temporary file beside it, synced;
    only when all are written, rename each over its target (a symlink there is replaced,
    never followed). A reader, or a crash, sees each file old or new, never half of one.

    Before any rename, each target that exists gets a backup, a hard link to it (or a copy),
    so that a rename that fails after others succeeded (or Ctrl-C among them) puts the
    renamed ones back: on `WriteError` no target is changed, no temporary file is left, and
    the error's `written` is empty. Only if putting a file back fails too (the disk going bad
    under us) does a new file stay, and `written` names it. A stop (SIGTERM) waits for the
    write to end (see `stop`)."""
    global _writing
    ignore_file_size_signal()
    if _stopping:
        raise Stopped
    _writing = True
    try:
        targets = _write_all(folder, files)
    finally:
        _writing = False
    if _stopping:   # asked while writing: the files are whole, the build stops now
        raise Stopped
    return targets


def _write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    staged: dict[Path, Path] = {}               # target → its new data, beside it
    backups: dict[Path, Path | None] = {}       # target → its old file (None: there was none)
    renamed: list[Path] = []
    # The shared lock tells `remove_stale_temporaries` that these temporary files are not stale.
    with _naming(folder, "skrive i mappen"), _locked(folder, fcntl.LOCK_SH):
        try:
            targets = [folder / name for name in files]
            for target in targets:
                _refuse_folder(target)
            for target, data in zip(targets, files.values(), strict=True):
                with _naming(target):
                    staged[target] = _staged(target, data)
            for target in targets:
                with _naming(target):
                    backups[target] = _backup(target)
            for target in targets:
                with _naming(target):
                    os.replace(staged[target], target)
                del staged[target]
                renamed.append(target)
        except BaseException as error:
            kept = _put_back(renamed, backups)
            if isinstance(error, WriteError):
                error.written = tuple(kept)
            raise
        finally:
            for leftover in [*staged.values(), *filter(None, backups.values())]:
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
    return targets


def _refuse_folder(target: Path) -> None:
    """A folder where a file should go cannot be replaced by a rename: refused before anything
    is written (EISDIR)."""
    if is_folder(target) and not target.is_symlink():
        raise WriteError(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR),
                                                   str(target)), "skrive filen")


def _staged(target: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `target`, synced to the disk."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.",
                                     suffix=f"{target.suffix}.tmp")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.fchmod(fd, 0o644)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.close(fd)
    return Path(temporary)


def _backup(target: Path) -> Path | None:
    """A second name for what `target` is now, under a temporary file's name (so a killed
    build's backups are cleaned up like its temporary files); None if there is nothing."""
    if not os.path.lexists(target):
        return None
    for _ in range(100):
        backup = target.with_name(f".{target.stem}.{secrets.token_hex(4)}{target.suffix}.tmp")
        try:
            os.link(target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            return _copied(target, backup)
        return backup
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


# A file system that cannot hard-link (FAT, some network shares): the backup is a copy.
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV}


def _copied(target: Path, backup: Path) -> Path:
    if target.is_symlink():
        os.symlink(os.readlink(target), backup)
    else:
        shutil.copyfile(target, backup)   # a FIFO or device there: SpecialFileError, an OSError
    return backup


def _put_back(renamed: list[Path], backups: dict[Path, Path | None]) -> list[Path]:
    """Undo the renames, last first; the targets that could not be put back."""
    kept = []
    for target in reversed(renamed):
        backup = backups.get(target)
        try:
            if backup is None:
                target.unlink()
            else:
                os.replace(backup, target)
        except OSError:
            kept.append(target)
    return kept[::-1]


def ignore_file_size_signal() -> None:
    """A write past the file size limit (`ulimit -f`) kills the process with SIGXFSZ unless
    the signal is ignored; ignored, the write fails with EFBIG, which is reported (AKT010).
    Only the main thread may set a handler; a worker's writes are in its main thread."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


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


# Errors only a write gives; a renderer reads nothing but the package's templates, so these
# come from its temporary files.
_WRITING_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


@contextlib.contextmanager
def _temporary_files() -> Iterator[None]:
    """WeasyPrint copies the fonts into TMPDIR for each PDF (Jinja keeps its compiled
    template there too, but a cache that cannot be written is harmless). A full, read-only or
    missing TMPDIR, or `ulimit -f`, fails those writes: that is `WriteError` about TMPDIR,
    not a crash. Other errors (a damaged installation, a bug) pass unchanged."""
    try:
        yield
    except OSError as error:
        where = Path(tempfile.tempdir or os.environ.get("TMPDIR") or "/tmp")
        in_temporary = tempfile.tempdir is None or (   # None: no usable folder was found
            error.filename is not None and Path(os.fsdecode(error.filename)).is_relative_to(where))
        if error.errno in _WRITING_ONLY or (in_temporary and error.errno in (*REASONS, errno.ENOENT)):
            raise WriteError(where, error, TEMPORARY_FILES) from error
        raise


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
