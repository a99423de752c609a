"""What the hostile tests of processes and written files share: versions of the seed spec, a
build as a process of its own, and a look at an output folder and at a process's children."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import seed_with

from aktstykker_gen.build import TEMPORARY

ROOT = Path(__file__).resolve().parents[2]


def variant(step: int) -> str:
    """The seed with the regions' 6,6 raised by `step` tenths, the financing with it: a valid
    spec whose every output differs from another step's."""
    regions, financing = f"{6.6 + step / 10:.1f}", f"-{30 + step / 10:.1f}"
    return seed_with(("udgift: {2025: 6.6}", f"udgift: {{2025: {regions}}}"),
                     ("beløb: {2025: 6.6}", f"beløb: {{2025: {regions}}}"),
                     ("udgift: {2025: -30.0}", f"udgift: {{2025: {financing}}}"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def aktstykke(*args: str | Path, cores: int | None = None, before: str = "") -> list[str]:
    """`aktstykke ARGS` as a process of its own; `cores` sets what it takes the machine to have
    (so a pool of workers is there on any machine), `before` is code run before the command."""
    code = "import os, sys\nfrom aktstykker_gen import batch, cli\n"
    if cores is not None:
        code += f"os.cpu_count = lambda: {cores}\n"
    code += before + "\nsys.exit(cli.main(sys.argv[1:]))\n"
    return [sys.executable, "-c", code, *map(str, args)]


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY.fullmatch(p.name)) \
        if folder.exists() else []


def snapshot(folder: Path) -> dict[str, object]:
    """Each entry of the folder: a file's bytes, a symlink's target, or that it is a folder."""
    seen: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            seen[path.name] = ("symlink", str(path.readlink()))
        elif path.is_dir():
            seen[path.name] = ("folder", snapshot(path))
        else:
            seen[path.name] = path.read_bytes()
    return seen


def descendants(pid: int) -> set[int]:
    """The processes under `pid` (its children, theirs, …), from /proc."""
    parents: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (state := process_state(int(entry.name))) is not None:
            parents.setdefault(state[1], set()).add(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), set()) - found:
            found.add(child)
            todo.append(child)
    return found


def process_state(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()   # after the command, which may hold spaces
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    """Running, sleeping or stopped: not gone and not a zombie waiting to be reaped."""
    state = process_state(pid)
    return state is not None and state[0] not in ("Z", "X")
