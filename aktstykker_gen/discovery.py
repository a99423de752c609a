"""Which specs a command is given: each file as named, and every spec under each folder.

`check` and `build` share this, so a folder means the same to both. Under a folder a spec is
any file whose suffix is a spec suffix (`reading.SPEC_SUFFIXES`) in any case: `x.yaml`,
`x.yml`, `X.YAML`. Other files (notes, kontoplan exports, backups such as `x.yaml~` or
`x.yaml.bak`) are skipped without a word: a folder of specs holds them as a matter of course,
and a word for each would bury the diagnostics. What a path *is* (a FIFO, a device, a file
that cannot be read) is for the reader to say: discovery only names them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from aktstykker_gen.bounded import is_folder
from aktstykker_gen.reading import SPEC_SUFFIXES


class NoSpecs(Exception):
    """A folder given holds no spec, or cannot be searched; the message says which."""


def find_specs(paths: Sequence[Path]) -> list[Path]:
    """Every spec under each folder (recursively, sorted by path) and every other path as
    given, each file once (by its resolved path)."""
    found: dict[Path, Path] = {}
    for path in paths:
        specs = _under(path) if is_folder(path) else [path]
        if not specs:
            raise NoSpecs(f"ingen specs ({', '.join('*' + s for s in SPEC_SUFFIXES)}) i {path}")
        for spec in specs:
            found.setdefault(spec.resolve(), spec)
    return list(found.values())


def is_spec_name(name: str) -> bool:
    """Whether a file under a folder is taken as a spec, by its name alone."""
    return Path(name).suffix.lower() in SPEC_SUFFIXES


def _under(folder: Path) -> list[Path]:
    def unsearchable(error: OSError) -> None:
        raise NoSpecs(f"{error.filename}: kan ikke søge efter specs i mappen: "
                      f"{error.strerror}") from error

    specs: list[Path] = []
    for root, _, files in os.walk(folder, onerror=unsearchable):
        specs.extend(Path(root) / name for name in files if is_spec_name(name))
    return sorted(specs)
