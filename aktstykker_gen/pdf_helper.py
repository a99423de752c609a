"""The PDF of a one-spec build, laid out by a second process while this one does the rest.

A cold build of one spec spends about half its time importing WeasyPrint and laying out the
PDF, and the other half importing the pipeline, checking, and writing the text and the DOCX.
With two cores the halves can run at once: `start` forks a helper as the build begins, which
imports the PDF writer at once and makes a throwaway PDF (`warm_up`: the first PDF's set-up,
done while the build checks the spec), then takes document trees from a pipe and sends each
PDF back (`Helper.ask`, `Helper.answer`). The helper writes no file: the build writes every output
itself, all or none, as before. A helper that fails, dies or is not there leaves the PDF to
the build's own process, with the same code, so the bytes are the same either way; `stop`
ends it, idle or still importing.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aktstykker_gen.document import Document

_LENGTH = struct.Struct("!Q")


@dataclass
class Helper:
    pid: int
    requests: int        # a pipe to the helper: pickled (tree, stylesheet, assets, variant)
    answers: int         # one from it: the PDF's bytes, or nothing if it failed
    made: int = 0        # PDFs it has sent back

    def ask(self, tree: Document, stylesheet: Path, assets: Path, variant: str) -> bool:
        """Send the helper a tree; False if it cannot take it (the caller makes the PDF)."""
        try:
            _send(self.requests, pickle.dumps((tree, stylesheet, assets, variant)))
        except OSError:
            return False
        return True

    def answer(self) -> bytes | None:
        """The PDF last asked for, or None if the helper could not make it."""
        try:
            pdf = _receive(self.answers)
        except (OSError, EOFError):
            return None
        self.made += bool(pdf)
        return pdf or None

    def close(self) -> None:
        """End the helper (idle, or still importing) and wait for it to go."""
        for fd in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)


_helper: Helper | None = None


def start() -> None:
    """Fork the helper, if this machine has a second core and the system can fork; once."""
    global _helper
    if _helper is not None or not hasattr(os, "fork") or _cores() < 2:
        return
    requests_read, requests_write = os.pipe()
    answers_read, answers_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:   # the helper
        os.close(requests_write)
        os.close(answers_read)
        _serve(requests_read, answers_write)   # never returns
    os.close(requests_read)
    os.close(answers_write)
    _helper = Helper(pid, requests_write, answers_read)


def helper() -> Helper | None:
    return _helper


def stop() -> None:
    """Done with the helper (a build that made its PDFs, or needs none)."""
    global _helper
    if _helper is not None:
        _helper.close()
        _helper = None


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _serve(requests: int, answers: int) -> None:
    """The helper: dies with the build (SIGTERM from the kernel on Linux, or the pipe's end),
    makes each PDF asked for, and leaves without running the build's exit handlers. The pipes
    are read and written as file descriptors, with no Python file object (nor `open`)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is for the build
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))   # runs the finallys
        _die_with_parent()
        # The collector as build.prepare_renderers leaves it (the imports frozen), and paused
        # while WeasyPrint lays out, as build.write_format pauses it: here, for good.
        gc.disable()
        from aktstykker_gen import assets as package
        from aktstykker_gen.writers.pdf import warm_up, write_pdf

        gc.freeze()
        warm_up(package.templates_dir())   # while the build checks the spec: see warm_up
        while True:
            try:
                request = _receive(requests)
            except EOFError:
                break
            tree, stylesheet, assets, variant = pickle.loads(request)
            try:
                pdf = write_pdf(tree, stylesheet, assets, variant)
            except Exception:   # the build makes it itself, and reports what goes wrong
                pdf = b""
            _send(answers, pdf)
    except BaseException:   # a helper never reports; the build does the work
        code = 1
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes:
    (length,) = _LENGTH.unpack(_read(fd, _LENGTH.size))
    return _read(fd, length)


def _read(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            raise EOFError
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
