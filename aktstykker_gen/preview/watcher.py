"""Notices when the one spec file changes, by polling it: no dependency, no inotify.

Every `INTERVAL` the file is stat'ed (one cheap call); its content is read and hashed only
when the stat differs, or while the file's timestamp is recent: the kernel stamps files
from a coarse clock (a few ms), so two saves of the same size within one tick look alike to
stat alone. A save that only touches the file (same content) is no change.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from aktstykker_gen.bounded import Refused, read_bytes
from aktstykker_gen.load import MAX_BYTES

INTERVAL = 0.05            # seconds between polls
RECENT_NS = 2_000_000_000  # a timestamp this young may hide a second save in the same tick

Stat = tuple[int, int, int] | None   # inode, size, mtime in ns; None when it cannot be stat'ed


class Watcher:
    """Once started, calls `changed` from its own daemon thread after each change of the
    file's content (or its coming or going) since the watcher was made."""

    def __init__(self, path: Path, interval: float = INTERVAL) -> None:
        self.path, self._interval = path, interval
        self._stat: Stat = None
        self._digest: bytes | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.poll()

    def start(self, changed: Callable[[], None]) -> None:
        self._thread = threading.Thread(target=self._run, args=(changed,),
                                        name="aktstykke-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def poll(self) -> bool:
        """Whether the content changed since the last poll."""
        stat = self._stat_now()
        if stat == self._stat and (stat is None or time.time_ns() - stat[2] > RECENT_NS):
            return False
        self._stat = stat
        digest = self._digest_now()
        if digest == self._digest:
            return False
        self._digest = digest
        return True

    def _run(self, changed: Callable[[], None]) -> None:
        while not self._stop.wait(self._interval):
            if self.poll():
                changed()

    def _stat_now(self) -> Stat:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_ino, found.st_size, found.st_mtime_ns

    def _digest_now(self) -> bytes:
        """The content's hash; for a file `check` would refuse (gone, a FIFO, a device, too
        large), the refusal's, read as `check` reads it, so the watcher never blocks."""
        try:
            content = read_bytes(self.path, MAX_BYTES)
        except Refused as refused:
            content = refused.diagnostic.message.encode()
        return hashlib.blake2b(content, digest_size=16).digest()
