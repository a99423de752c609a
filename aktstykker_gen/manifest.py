"""What the last builds into an output folder were made from, so unchanged specs are skipped.

`<out>/.aktstykke-manifest.json` maps each spec's stem to the SHA-256 of its inputs and of
every file its build wrote. A spec is up to date only while both still match: an output
deleted, edited or left over from another build (the mixed set of an interrupted run)
makes it stale, and it is built again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from aktstykker_gen import limits
from aktstykker_gen.bounded import NOT_A_FILE, TOO_LARGE, Refused, read_bytes, read_text
from aktstykker_gen.build import write_atomically

NAME = ".aktstykke-manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_digest(folder: Path) -> str:
    """One hash of every file under `folder`, by relative path and content."""
    digest = hashlib.sha256()
    files = sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
    for name, path in files:
        digest.update(f"{name}\0{sha256(path.read_bytes())}\0".encode())
    return digest.hexdigest()


class Manifest:
    """The manifest of one output folder; `record` writes it at once, atomically (or raises
    `WriteError`)."""

    def __init__(self, out_dir: Path, entries: dict[str, dict]) -> None:
        self.out_dir = out_dir
        self.entries = entries

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest as last written; one that is missing, unreadable or not JSON is empty.
        One that is not a regular file (a FIFO, a device) or is over its limit raises
        `bounded.Refused`: reading it could block or never end, and writing would replace it."""
        try:
            data = json.loads(read_text(out_dir / NAME, limits.MANIFEST_BYTES,
                                        "slet filen; den skrives igen ved næste build"))
        except Refused as refused:
            if refused.diagnostic.code in (NOT_A_FILE, TOO_LARGE):
                raise
            data = {}
        except ValueError:
            data = {}
        entries = data if isinstance(data, dict) else {}
        return cls(out_dir, {stem: entry for stem, entry in entries.items() if _valid(entry)})

    def is_current(self, stem: str, inputs: str) -> bool:
        """Whether `stem` was built from `inputs` and all its outputs are still those files."""
        entry = self.entries.get(stem)
        return entry is not None and entry["inputs"] == inputs and all(
            _file_hash(self.out_dir / name) == digest
            for name, digest in entry["outputs"].items())

    def record(self, stem: str, inputs: str, outputs: dict[str, str]) -> None:
        """Note a complete build of `stem`: its inputs and each written file's hash."""
        self.entries[stem] = {"inputs": inputs, "outputs": outputs}
        text = json.dumps(self.entries, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        write_atomically(self.out_dir, {NAME: text.encode("utf-8")})


def _valid(entry: object) -> bool:
    """An entry as `record` writes it: an input hash and at least one output's hash."""
    return (isinstance(entry, dict) and isinstance(entry.get("inputs"), str)
            and isinstance(entry.get("outputs"), dict) and bool(entry["outputs"])
            and all(isinstance(v, str) and _plain_name(k) for k, v in entry["outputs"].items()))


def _plain_name(name: str) -> bool:
    """A file in the output folder itself: a manifest never sends a build reading elsewhere."""
    return Path(name).name == name and name not in ("", ".", "..")


def _file_hash(path: Path) -> str | None:
    """The hash of a built file; None (stale, so rebuilt) for one that is gone, not a regular
    file or larger than any output."""
    try:
        return sha256(read_bytes(path, limits.OUTPUT_BYTES))
    except Refused:
        return None
