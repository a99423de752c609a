"""A build killed with SIGKILL at any moment leaves each output the previous file or the new one,
never half of one; the next build removes the temporary files it left and repairs a mixed set."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

from fault_support import (
    SUMMARY,
    build_process,
    command,
    manifest_outputs,
    outputs,
    sha256,
    temporaries,
    variant,
    write,
)

from aktstykker_gen.build import TEMPORARY, remove_stale_temporaries, write_atomically
from aktstykker_gen.manifest import NAME

ITERATIONS = 25
STEM = "2025-10-01-personlig-medicin"


def changes(folder: Path) -> dict[str, tuple[int, int]]:
    """Each entry's inode and mtime: a file written or renamed into the folder changes them."""
    seen = {}
    try:
        for entry in os.scandir(folder):
            try:
                stat = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            seen[entry.name] = (stat.st_ino, stat.st_mtime_ns)
    except FileNotFoundError:
        pass
    return seen


def kill_during(process: subprocess.Popen, out: Path, rng: random.Random, writing: bool) -> bool:
    """SIGKILL `process` after 0–1,5 s, or (`writing`) 0–3 ms after it first writes into `out`
    (its writes take a few milliseconds); False if it finished first."""
    if writing:
        before = changes(out)
        while process.poll() is None and all(before.get(name) == seen
                                              for name, seen in changes(out).items()):
            pass
        time.sleep(rng.uniform(0, 0.003))
    else:
        time.sleep(rng.uniform(0, 1.5))
    if process.poll() is not None:
        return False
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return True


def test_sigkill_at_random_moments_never_leaves_a_partial_file(tmp_path) -> None:
    """Killed 25 times while building A or B: each output is A's or B's; the next build repairs."""
    rng = random.Random(20251001)
    versions = {"A": variant(1), "B": variant(2)}
    for name, text in versions.items():
        write(tmp_path / name / f"{STEM}.yaml", text)
    cleans = [subprocess.Popen(command("build", tmp_path / name / f"{STEM}.yaml", "-o",
                                       tmp_path / f"clean-{name}"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for name in versions]
    assert [process.wait(timeout=300) for process in cleans] == [0, 0]
    clean = {name: outputs(tmp_path / f"clean-{name}", STEM) for name in versions}
    assert clean["A"].keys() == clean["B"].keys() and all(
        clean["A"][name] != clean["B"][name] for name in clean["A"])

    spec, out = tmp_path / "specs" / f"{STEM}.yaml", tmp_path / "out"
    counts: collections.Counter[str] = collections.Counter()
    previous: dict[str, bytes] = {}
    for iteration in range(ITERATIONS):
        version = "AB"[iteration % 2]
        write(spec, versions[version])
        process = subprocess.Popen(command("build", spec, "-o", out), start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed = kill_during(process, out, rng, writing=rng.random() < 0.5)
        counts["killed" if killed else "finished"] += 1
        present = outputs(out, STEM)
        partial = [name for name, data in present.items()
                   if data not in (clean["A"][name], clean["B"][name])]
        assert not partial, f"iteration {iteration}: partial {partial}"
        names = os.listdir(out) if out.exists() else []
        leftovers = [name for name in names if TEMPORARY.fullmatch(name)]
        own = (f".{STEM}.", f".{Path(NAME).stem}.")   # the outputs' and the manifest's
        assert all(name.startswith(own) for name in leftovers), leftovers
        stray = [name for name in names if name.endswith(".tmp") and name not in leftovers]
        assert not stray, f"iteration {iteration}: temporary files of another kind: {stray}"
        counts["temporary files left"] += bool(leftovers)
        manifest = manifest_outputs(out, STEM)   # valid JSON, whenever the kill came
        if present == previous:
            counts["untouched"] += 1
        elif present == clean[version]:
            counts["complete"] += 1
            counts["manifest behind"] += manifest != {n: sha256(d) for n, d in present.items()}
        else:
            counts["mixed"] += 1
        previous = present
    print(f"\n{ITERATIONS} builds: {dict(sorted(counts.items()))}")
    assert counts["mixed"] + counts["temporary files left"] >= 1, counts

    # A kill between two renames is rare (counted above); so that the repair surely meets a
    # mixed set, the DOCX is made the other version's and the PDF this one's, and a half-written
    # temporary file is left.
    other = "BA"["AB".index(version)]
    (out / f"{STEM}.docx").write_bytes(clean[other][f"{STEM}.docx"])
    (out / f"{STEM}.pdf").write_bytes(clean[version][f"{STEM}.pdf"])
    (out / f".{STEM}.k1ll3d00.pdf.tmp").write_bytes(clean[other][f"{STEM}.pdf"][:1000])
    done = build_process(spec, "-o", out)
    assert done.returncode == 0, done.stderr
    assert (outputs(out, STEM), temporaries(out)) == (clean[version], [])
    assert manifest_outputs(out, STEM) == {name: sha256(data) for name, data in clean[version].items()}
    again = build_process(spec, "-o", out)
    assert (again.returncode, SUMMARY.search(again.stderr).groups()) == (0, ("0", "1", "0"))


def test_cleaning_up_never_removes_the_temporary_file_of_a_write_under_way(tmp_path,
                                                                           monkeypatch) -> None:
    """While a write is under way, no temporary file is removed; once it is done, stale ones are."""
    stale = write(tmp_path / ".y.abcd1234.pdf.tmp", "half a PDF")
    others = [write(tmp_path / name, "keep") for name in ("y.pdf", "notes.tmp", ".y.pdf.tmp.bak")]
    syncing, resume = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        syncing.set()
        assert resume.wait(timeout=60)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    errors: list[BaseException] = []

    def writing() -> None:
        try:
            write_atomically(tmp_path, {"x.pdf": b"a whole PDF"})
        except Exception as error:  # the writer's failure fails the test, in the main thread
            errors.append(error)

    writer = threading.Thread(target=writing)
    writer.start()
    assert syncing.wait(timeout=60)
    under_way = [name for name in temporaries(tmp_path) if name.startswith(".x.")]
    remove_stale_temporaries(tmp_path)
    assert [name for name in temporaries(tmp_path) if name.startswith(".x.")] == under_way != []
    assert stale.exists()
    resume.set()
    writer.join(timeout=60)
    assert (errors, (tmp_path / "x.pdf").read_bytes()) == ([], b"a whole PDF")
    remove_stale_temporaries(tmp_path)
    assert (temporaries(tmp_path), all(path.exists() for path in others)) == ([], True)
