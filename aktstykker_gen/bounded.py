"""Every file the tool reads comes through here: a regular file only, and at most a stated size.

A path given by a user may name a FIFO (opening it waits for a writer forever), a device
(`/dev/zero` never ends), a folder or a 3 GB file. Each is refused before a byte is read,
with one exception type, `Refused`, that carries the diagnostic: the command prints it and
exits 2. The type is checked with `stat` before opening, and again with `fstat` on the open
descriptor (opened non-blocking), so a file swapped for a FIFO in between is still refused.
Reading stops one byte past the limit, so a file that grows while it is read is refused too.
docs/limits.md lists every reader's limit and why.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from aktstykker_gen.diagnostics import Diagnostic, Severity, Span

UNREADABLE = "AKT008"       # not there, no permission
TOO_LARGE = "AKT009"        # over a reader's limit (size, decompressed size, pages, cells)
NOT_A_FILE = "AKT011"       # a folder, FIFO, device or socket
ENCODING = "AKT001"         # not the text encoding the reader expects

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 16

_OS_ERRORS = {errno.ENOENT: "filen findes ikke", errno.ENOTDIR: "filen findes ikke",
              errno.EACCES: "ingen adgang til filen", errno.EPERM: "ingen adgang til filen",
              errno.ELOOP: "stien er en løkke af symbolske links",
              errno.ENAMETOOLONG: "stien er for lang"}
_NOT_FILES = ((stat.S_ISDIR, "en mappe"), (stat.S_ISFIFO, "en navngiven pipe (FIFO)"),
              (stat.S_ISCHR, "en tegnenhed (fx /dev/zero)"), (stat.S_ISBLK, "en blokenhed (en disk)"),
              (stat.S_ISSOCK, "en socket"))


class Refused(Exception):
    """A file the tool will not read, with the diagnostic that says why (exit 2)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(f"{diagnostic.span.file if diagnostic.span else diagnostic.file}: "
                         f"{diagnostic.message}")
        self.diagnostic = diagnostic


def refusal(path: Path | str, code: str, message: str, hint: str | None = None,
            span: Span | None = None) -> Refused:
    return Refused(Diagnostic(code, Severity.ERROR, message, span, hint=hint,
                              file=None if span else str(path)))


def refuses_file(diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic says a file was not read at all (exit 2), rather than that what it
    says is wrong (exit 1): it concerns the whole file, and is one of this module's codes."""
    return diagnostic.span is None and diagnostic.code in (UNREADABLE, TOO_LARGE, NOT_A_FILE)


def number(value: int) -> str:
    """A count as Danish writes it: 20.000."""
    return f"{value:,}".replace(",", ".")


def size_text(limit: int) -> str:
    """A limit as people say it: '2 MB', '512 KB'."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{number(limit)} bytes"


def read_bytes(path: Path, limit: int, hint: str | None = None, name: str | None = None) -> bytes:
    """The content of the regular file at `path`, at most `limit` bytes; anything else raises
    `Refused` naming the file as `name` (default: the path). `hint` says what a file over the
    limit probably is."""
    shown = name or str(path)
    try:
        found = os.stat(path)
        _require_regular(found, shown)
        _require_within(found.st_size, limit, shown, hint)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _os_refusal(error, shown) from None
    except ValueError:   # a NUL in the path: no file can have that name
        raise refusal(shown, UNREADABLE, "stien indeholder et nul-tegn",
                      "kontroller stien") from None
    try:
        _require_regular(os.fstat(descriptor), shown)   # swapped between stat and open
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise _os_refusal(error, shown) from None
    finally:
        os.close(descriptor)
    _require_within(total, limit, shown, hint)
    return b"".join(chunks)


def decode_utf8(raw: bytes, name: str, hint: str) -> str:
    """The bytes as UTF-8 text, or `Refused` (AKT001) at the line and column of the first byte
    that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[:error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise refusal(name, ENCODING, f"filen er ikke gyldig UTF-8 (byte 0x{raw[error.start]:02x})",
                      hint, Span(name, line, column)) from None


def read_text(path: Path, limit: int, hint: str | None = None, name: str | None = None) -> str:
    """A UTF-8 text file, bounded as `read_bytes`; `Refused` (AKT001) if it is not UTF-8."""
    shown = name or str(path)
    return decode_utf8(read_bytes(path, limit, hint, shown), shown,
                       "gem filen som UTF-8 (standard i alle moderne editorer)")


def is_folder(path: Path) -> bool:
    """Whether `path` is a folder. `Path.is_dir` raises for a path the system cannot even look
    up (a name over 255 bytes, ENAMETOOLONG); that is no folder, and its reader says why."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _require_regular(found: os.stat_result, name: str) -> None:
    for test, what in _NOT_FILES:
        if test(found.st_mode):
            raise refusal(name, NOT_A_FILE, f"det er {what}, ikke en almindelig fil",
                          "angiv stien til en almindelig fil")
    if not stat.S_ISREG(found.st_mode):
        raise refusal(name, NOT_A_FILE, "det er ikke en almindelig fil",
                      "angiv stien til en almindelig fil")


def _require_within(size: int, limit: int, name: str, hint: str | None) -> None:
    if size > limit:
        raise refusal(name, TOO_LARGE, f"filen er større end {size_text(limit)}", hint)


def _os_refusal(error: OSError, name: str) -> Refused:
    if error.errno == errno.EISDIR:
        return refusal(name, NOT_A_FILE, "det er en mappe, ikke en almindelig fil",
                       "angiv stien til en almindelig fil")
    message = _OS_ERRORS.get(error.errno or 0, f"kan ikke læse filen ({error.strerror})")
    return refusal(name, UNREADABLE, message, "kontroller stien og rettighederne")
