"""A folder build's workers die with their parent, however it goes: SIGTERM (the parent stops
them and exits 143) or SIGKILL (each worker notices: PR_SET_PDEATHSIG, and the thread that
watches for a new parent or the build gone, tested alone too, also with a fork server and
with spawned workers), at every moment of a build. None is left after 5 s (nor a fork server
or resource tracker), and none leaves a temporary file of an output behind."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from processes_support import aktstykke, alive, descendants, temporaries, variant, write

from aktstykker_gen.manifest import NAME

SPECS = 9
MANIFEST_TEMPORARY = f".{Path(NAME).stem}."
GRACE = 5.0
# When the parent is killed: as soon as its workers exist, once a spec is built, or while a
# worker is writing (a temporary file of an output is in the folder).
MOMENTS = ("workers started", "a spec built", "while writing")
# Which of a worker's guards are on: both, or only the thread (prctl made to fail), as on a
# system without PR_SET_PDEATHSIG.
GUARDS = {"both guards": "", "thread alone": "batch._PR_SET_PDEATHSIG = -1"}
# How the pool starts its workers: fork (Linux up to Python 3.13), forkserver (Linux from
# 3.14: a worker's parent is the fork server) and spawn (macOS, Windows).
STARTS = ("fork", "forkserver", "spawn")
CASES = [(signal.SIGTERM, moment, "both guards", "fork") for moment in MOMENTS] + [
    (signal.SIGKILL, moment, guard, "fork") for moment, guard in itertools.product(MOMENTS, GUARDS)
] + [(signal.SIGKILL, "a spec built", "thread alone", start) for start in STARTS[1:]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("specs")
    for step in range(SPECS):
        write(root / f"s{step}.yaml", variant(step))
    return root


def test_the_cases_cover_every_signal_moment_and_guard() -> None:
    print(f"\n{len(CASES)} variants: signals × moments × guards × start methods")
    assert len(CASES) == 11


@pytest.mark.parametrize(("signum", "moment", "guard", "start"), CASES,
                         ids=[f"{s.name}-{m}-{g}-{t}".replace(" ", "-") for s, m, g, t in CASES])
def test_no_worker_outlives_its_parent(folder, tmp_path, signum, moment, guard, start) -> None:
    out = tmp_path / "out"
    before = f"{GUARDS[guard]}\nimport multiprocessing\nmultiprocessing.set_start_method({start!r})"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    parent = subprocess.Popen(aktstykke("build", folder, "-o", out, cores=3, before=before),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", start_new_session=True,
                              env={**os.environ, "TMPDIR": str(tmpdir)})
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(parent.stderr), daemon=True)
    reader.start()
    try:
        wait_for(lambda: len(descendants(parent.pid)) >= 3, "three workers")
        if moment == "a spec built":
            wait_for(lambda: any(line.startswith("bygget: ") for line in lines), "a built spec")
        elif moment == "while writing":
            wait_for(lambda: [n for n in temporaries(out) if not n.startswith(MANIFEST_TEMPORARY)]
                     if out.exists() else None, "a temporary file", poll=0.0005)
        workers = descendants(parent.pid)   # the workers, and a fork server and its helpers
        assert parent.poll() is None, "the build finished before it could be killed"
        os.kill(parent.pid, signum)
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline and any(map(alive, workers)):
            time.sleep(0.05)
        left = sorted(pid for pid in workers if alive(pid))
        print(f"\n{signum.name}, {moment}, {guard}, {start}: {len(workers)} processes gone after "
              f"{time.monotonic() - deadline + GRACE:.2f} s")
        with contextlib.suppress(subprocess.TimeoutExpired):
            parent.wait(timeout=max(deadline - time.monotonic(), 0.1))
    finally:
        with_every(parent)
    assert not left, f"workers {left} still running {GRACE} s after the parent's {signum.name}"
    reader.join(timeout=10)
    err = "".join(lines)
    if signum == signal.SIGTERM:
        assert parent.returncode == 143, err
        assert "aktstykke: build stoppet (SIGTERM)" in err and "Traceback" not in err, err
    else:
        assert parent.returncode == -signal.SIGKILL
    # Workers put back what they were writing and remove their temporary files; the parent,
    # killed outright while writing the manifest, may leave the manifest's (the next build
    # removes it), never a damaged manifest.
    assert [n for n in temporaries(out) if not n.startswith(MANIFEST_TEMPORARY)] == [], out
    if (out / NAME).exists():
        json.loads((out / NAME).read_text(encoding="utf-8"))
    # Nor the copies of the fonts that WeasyPrint makes in TMPDIR for a PDF under way. Jinja's
    # cache of the compiled template stays, as it should, and so does the folder of a fork
    # server's socket that multiprocessing in a parent killed outright had no time to remove.
    # A worker killed in the middle of a PDF (its parent's death signal) cannot remove
    # WeasyPrint's font copies; multiprocessing's own folder stays after a SIGKILL.
    kept = ("_jinja2-cache", "weasyprint-") + (("pymp-",) if signum == signal.SIGKILL else ())
    assert [p.name for p in tmpdir.iterdir() if not p.name.startswith(kept)] == []


def wait_for(found, what: str, timeout: float = 60, poll: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := found():
            return value
        time.sleep(poll)
    pytest.fail(f"no {what} within {timeout} s")


def with_every(parent: subprocess.Popen) -> None:
    """Whatever happened, nothing of this test goes on running: the parent's session killed."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)



# A finalizer that is running when SIGTERM comes (WeasyPrint's font configuration's, in CI):
# the stop is raised inside it, where no exception can leave.
FINALIZER_STOPPED = """
import contextlib, os, sys
from aktstykker_gen import batch, build

class StopsWhenCollected:
    def __del__(self):
        build.stop()

class Broken:
    def __del__(self):
        raise ValueError("any other finalizer's error is still told")

with batch.stopping() if sys.argv[1] == "a one-spec build" else contextlib.nullcontext():
    if sys.argv[1] == "a worker":
        batch._prepare_worker(os.getppid())
    StopsWhenCollected()
    print("stop kept:", build.stop_requested())
    Broken()
"""


@pytest.mark.parametrize("where", ["a worker", "a one-spec build"])
def test_a_stop_raised_in_a_finalizer_prints_no_traceback_and_is_kept(where) -> None:
    done = subprocess.run([sys.executable, "-c", FINALIZER_STOPPED, where], capture_output=True,
                          text=True, timeout=60)
    assert done.stdout == "stop kept: True\n", done.stderr
    assert "Stopped" not in done.stderr
    assert "ValueError: any other finalizer's error is still told" in done.stderr
