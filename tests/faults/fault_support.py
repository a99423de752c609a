"""What the fault tests share: versions of the seed spec, clean builds to compare with, and a
look at an output folder."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import SEED_SPEC

from aktstykker_gen import cli
from aktstykker_gen.build import FORMATS, TEMPORARY, render_outputs
from aktstykker_gen.manifest import NAME
from aktstykker_gen.pipeline import check

SUMMARY = re.compile(r"^bygget (\d+), uændret (\d+), fejlede (\d+) \(\d+,\d s\)$", re.MULTILINE)


def variant(step: int) -> str:
    """The seed spec with the regions' 6,6 raised by `step` tenths and the financing with it."""
    regions, financing = f"{6.6 + step / 10:.1f}", f"-{30 + step / 10:.1f}"
    text = SEED_SPEC.read_text(encoding="utf-8")
    for old, new in [("udgift: {2025: 6.6}", f"udgift: {{2025: {regions}}}"),
                     ("beløb: {2025: 6.6}", f"beløb: {{2025: {regions}}}"),
                     ("udgift: {2025: -30.0}", f"udgift: {{2025: {financing}}}")]:
        assert text.count(old) == 1, f"the seed no longer has {old!r}"
        text = text.replace(old, new)
    return text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_build(spec: Path) -> dict[str, bytes]:
    """Each output's name → its bytes, as a build of `spec` alone writes them."""
    return {f"{spec.stem}{suffix}": data for suffix, data in render_outputs(check(spec)).items()}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (not a symlink's target), name → bytes."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def outputs(folder: Path, stem: str) -> dict[str, bytes]:
    """The outputs of `stem` that are present."""
    return {p.name: p.read_bytes() for p in (folder / f"{stem}{s}" for s in FORMATS) if p.exists()}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY.fullmatch(p.name))


def manifest_outputs(folder: Path, stem: str) -> dict[str, str] | None:
    """The manifest's hashes of the outputs of `stem`; None if there is no manifest or entry."""
    if not (folder / NAME).exists():
        return None
    entry = json.loads((folder / NAME).read_text(encoding="utf-8")).get(stem)
    return entry["outputs"] if entry else None


def build_in_process(*args: str | Path) -> tuple[int, str]:
    """Exit code and stderr of `aktstykke build ARGS`, run in this process."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", *map(str, args)])
    return code, stderr.getvalue()


def command(*args: str | Path) -> list[str]:
    """`aktstykke ARGS` as a clerk runs it, a process of its own."""
    return [sys.executable, "-m", "aktstykker_gen", *map(str, args)]


def build_process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command("build", *args), capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, timeout=300)
