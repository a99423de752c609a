"""The register's facts per spec, kept between runs so that a second run reads only what
changed: a spec whose size and modification time are those recorded is not opened; one whose
content hash is the recorded one is not typed again. Like the build's manifest, the cache is
one JSON file, written atomically, and one that is missing, unreadable or made by other code
is empty.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aktstykker_gen import __version__, limits
from aktstykker_gen.bounded import Refused, read_bytes, read_text
from aktstykker_gen.build import WriteError, write_atomically
from aktstykker_gen.load import MAX_BYTES
from aktstykker_gen.manifest import folder_digest, sha256

NAME = ".aktstykke-register.json"


def code_digest() -> str:
    """The package's code: facts made by other code are made again."""
    return sha256(f"{__version__}\0{folder_digest(Path(__file__).resolve().parent)}".encode())


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.code = code_digest()
        self.entries: dict[str, dict[str, Any]] = {}
        self.read = 0     # specs opened this run
        self.typed = 0    # specs loaded and typed this run
        try:
            data = json.loads(read_text(folder / NAME, limits.MANIFEST_BYTES))
        except (Refused, ValueError):
            data = {}
        if isinstance(data, dict) and data.get("code") == self.code \
                and isinstance(data.get("specs"), dict):
            self.entries = data["specs"]

    def facts(self, path: Path, key: str, make: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
        """The facts of the spec at `path` (`key` its name in the register): from the cache
        when its stat or its content is unchanged, else from `make`."""
        try:
            stat = os.stat(path)
            mark = [stat.st_size, stat.st_mtime_ns]
        except OSError:
            mark = None
        entry = self.entries.get(key)
        if entry is not None and mark is not None and entry.get("stat") == mark:
            return dict(entry["facts"])
        self.read += 1
        try:
            digest = sha256(read_bytes(path, MAX_BYTES))
        except Refused:
            digest = None   # `make` reports why it cannot be read
        if entry is not None and digest is not None and entry.get("sha256") == digest:
            facts = entry["facts"]
        else:
            self.typed += 1
            facts = make(path)
        self.entries[key] = {"stat": mark, "sha256": digest, "facts": facts}
        return dict(facts)

    def save(self, keep: set[str]) -> None:
        """Write the cache with the specs of this run only (`WriteError` if it cannot)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(self.folder, error, "oprette mappen") from None
        data = {"code": self.code, "specs": {k: v for k, v in sorted(self.entries.items())
                                             if k in keep}}
        write_atomically(self.folder, {NAME: json.dumps(data, ensure_ascii=False,
                                                        sort_keys=True).encode("utf-8")})
