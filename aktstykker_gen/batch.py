"""Build many specs at once: find them, skip the unchanged ones, build the rest in parallel.

Each spec is checked, rendered and written by one worker process. The parent plans,
removes the temporary files a killed build left, collects the results and owns the manifest,
which it updates as soon as a spec's files are all written. A spec that fails, even by a
crash in the renderer or a file that cannot be written, is that spec's result and does not
stop the others.

Workers die with their parent. A parent stopped by SIGTERM (`stopping`) stops its workers
before it exits; one killed outright is noticed by each worker, through the kernel
(PR_SET_PDEATHSIG, Linux) and, on any system, by a thread watching for the worker being
handed to another parent. A stop waits for a write under way to end (`build.stop`), so what
a stopped build leaves is each spec's earlier set or its new one, and no temporary file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from aktstykker_gen import __version__, assets, limits, pdf_helper
from aktstykker_gen.bounded import Refused, read_bytes
from aktstykker_gen.build import (
    EDITION_SUFFIX,
    STOPPED_EXIT,
    Stopped,
    WriteError,
    drop_lost_stop,
    prepare_renderers,
    remove_stale_temporaries,
    stop,
    stop_requested,
)
from aktstykker_gen.diagnostics import Diagnostic, Severity, SpecError
from aktstykker_gen.discovery import find_specs
from aktstykker_gen.load import MAX_BYTES
from aktstykker_gen.manifest import Manifest, folder_digest, sha256
from aktstykker_gen.udgavevalg import Udgave, Valg
from aktstykker_gen.writers.pdf_variants import DEFAULT as DEFAULT_PDF

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan


SAME_OUTPUTS = "AKT013"
@dataclass(frozen=True)
class Options:
    """The build's options: they decide whether a spec builds and what it gives, so they are
    among its inputs."""

    kontoplan: Path | None
    selected: Collection[str] | None   # rule codes; None: all
    strict: bool
    pdf_variant: str = DEFAULT_PDF     # one of pdf_variants.SUPPORTED
    udgave: Valg = Valg.begge          # which editions (build.choose_editions)


@dataclass(frozen=True)
class Job:
    spec: Path
    out_dir: Path
    options: Options
    inputs: str | None        # SHA-256 of everything the build reads; None if the spec is unreadable


@dataclass(frozen=True)
class Result:
    spec: Path
    diagnostics: tuple[Diagnostic, ...] = ()
    outputs: dict[str, str] = field(default_factory=dict)   # file name → SHA-256 of what was written
    unchanged: bool = False
    internal: str | None = None    # an unexpected exception (a bug), described for a maintainer
    written: tuple[str, ...] = ()  # files changed although the spec failed (see write_atomically)
    note: str | None = None        # said on the terminal with a built spec (which editions)

    @property
    def built(self) -> bool:
        return bool(self.outputs)

    @property
    def failed(self) -> bool:
        return not (self.built or self.unchanged)

    def verdict(self, out_dir: Path) -> str | None:
        """The line that tells the user what became of this spec; the summary counts the
        unchanged ones."""
        if self.internal:
            return (f"aktstykke: internal error in {self.spec}: {self.internal}\n  aktstykker-gen "
                    f"{__version__}; please report this with the spec that caused it")
        if self.unchanged:
            return None
        if self.failed and self.written:
            return (f"{self.spec}: ikke bygget (ret fejlene ovenfor); skrevet alligevel: "
                    + ", ".join(str(out_dir / name) for name in self.written)
                    + "; de øvrige filer er som før")
        if self.failed:
            return f"{self.spec}: ikke bygget (ret fejlene ovenfor); intet blev skrevet"
        built = "bygget: " + ", ".join(str(out_dir / name) for name in self.outputs)
        return f"{built}\n{self.spec}: {self.note}" if self.note else built


@dataclass(frozen=True)
class Plan:
    settled: list[Result]     # known without building: unchanged or refused
    jobs: list[Job]
    manifest: Manifest


def plan(paths: Sequence[Path], out_dir: Path, options: Options, force: bool = False) -> Plan:
    """Which specs to build, and which are unchanged since the last build or refused."""
    manifest, context = Manifest.load(out_dir), _context(options)
    settled, jobs = [], []
    specs = find_specs(paths)
    rivals = _same_outputs(specs)
    for spec in specs:
        if spec in rivals:
            settled.append(Result(spec, (_rivalry(spec, rivals[spec], out_dir),)))
            continue
        inputs = _inputs(spec, context)
        if inputs is not None and not force and manifest.is_current(spec.stem, inputs):
            settled.append(Result(spec, unchanged=True))
        else:
            jobs.append(Job(spec, out_dir, options, inputs))
    return Plan(settled, jobs, manifest)


def _same_outputs(specs: list[Path]) -> dict[Path, list[Path]]:
    """The specs whose outputs would have one name (`x.yaml` and `x.yml`, or two folders'
    `x.yaml`, or `x.fortrolig.yaml`, whose public edition is named as `x.yaml`'s confidential
    one), each with the others; case aside, as on the file systems clerks share."""
    by_stem: dict[str, list[Path]] = {}
    for spec in specs:
        stem = spec.stem.casefold().removesuffix(EDITION_SUFFIX[Udgave.fortrolig])
        by_stem.setdefault(stem, []).append(spec)
    return {spec: [other for other in group if other != spec]
            for group in by_stem.values() if len(group) > 1 for spec in group}


def _rivalry(spec: Path, others: list[Path], out_dir: Path) -> Diagnostic:
    return Diagnostic(SAME_OUTPUTS, Severity.ERROR,
                      f"ville skrive de samme filer ({out_dir / spec.stem}.*) som "
                      + ", ".join(map(str, others)) + "; ingen af dem bygges",
                      file=str(spec), hint="omdøb den ene, eller byg dem hver for sig med hver "
                      "sin outputmappe (-o)")


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Within the block, SIGTERM stops this process's build (`build.stop`: `Stopped` is
    raised, once what is being written is whole), so that it stops its workers before it
    exits."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous, previous_hook = signal.signal(signal.SIGTERM, _on_sigterm), sys.unraisablehook
    sys.unraisablehook = drop_lost_stop
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook


def _on_sigterm(signum: int, frame: object) -> None:
    stop(at_once=not _polling)


# Whether this process is a pool's parent, which looks for a stop itself every 0,2 s rather
# than have it raised wherever it is (in a fork's callback, say, where it would be lost).
_polling = False


def run(plan: Plan) -> Iterator[Result]:
    """Build the planned jobs, each result as it is ready; a built spec enters the manifest
    before its result is yielded (a manifest that cannot be written is an error of that spec,
    whose files were written)."""
    remove_stale_temporaries(plan.manifest.out_dir)
    for job, result in _results(plan.jobs, os.cpu_count() or 1):
        if result.built and job.inputs is not None:
            try:
                plan.manifest.record(job.spec.stem, job.inputs, result.outputs)
            except WriteError as error:
                result = dataclasses.replace(result, diagnostics=(*result.diagnostics,
                                                                  error.diagnostic()))
        yield result


def build_one(job: Job) -> Result:
    """Check, render and write one spec; an unexpected exception becomes its result."""
    try:
        return _build_one(job)
    except Exception as error:  # a bug: reported as an internal error for this spec
        return Result(job.spec, internal=_describe(error))


def _build_in_worker(job: Job) -> Result:
    """`build_one` in a pool's worker: stopped, it has finished any write it had begun and
    leaves at once (the pool would otherwise take the stop as this job's result and go on)."""
    global _building
    _building = True
    result = None
    try:
        result = build_one(job)
    except Stopped:
        pass
    finally:
        _building = False
    # Stopped, or asked while writing, or the stop was lost in a finalizer that ran then.
    if result is None or stop_requested():
        os._exit(STOPPED_EXIT)   # unwound already, the renderer's temporary files too
    return result


_building = False   # whether this worker is in a job, which a stop must unwind


def _stop_worker(signum: int, frame: object) -> None:
    """Between jobs (or before the first) a worker has nothing to finish: it leaves."""
    if not _building:
        os._exit(STOPPED_EXIT)
    stop()


def _build_one(job: Job) -> Result:
    from aktstykker_gen.build import choose_editions, render_editions, write_outputs
    from aktstykker_gen.pipeline import check
    from aktstykker_gen.reading import shown_with
    from aktstykker_gen.udgaver import IngenOffentligUdgave

    try:
        checked = check(job.spec, _kontoplan(job.options.kontoplan), job.options.selected)
    except SpecError as error:
        return Result(job.spec, tuple(error.diagnostics))
    diagnostics = tuple(dataclasses.replace(d, severity=Severity.ERROR) if job.options.strict else d
                        for d in checked.diagnostics)
    if job.options.udgave is Valg.offentlig:   # only the public edition: nothing it leaves out
        diagnostics = tuple(shown_with(Udgave.offentlig, checked.spec.model, list(diagnostics)))
    if any(d.is_error for d in diagnostics):
        return Result(job.spec, diagnostics)
    try:
        editions = choose_editions(checked, job.options.udgave)
    except IngenOffentligUdgave:
        return Result(job.spec, (*diagnostics, no_public_edition(job.spec)))
    try:
        outputs = render_editions(checked, editions, pdf_variant=job.options.pdf_variant)
        written = write_outputs(outputs, job.out_dir, job.spec.stem)
    except WriteError as error:
        return Result(job.spec, (*diagnostics, error.diagnostic()),
                      written=tuple(path.name for path in error.written))
    stem = len(job.spec.stem)
    return Result(job.spec, diagnostics, {p.name: sha256(outputs[p.name[stem:]]) for p in written},
                  note=editions.note)


NO_PUBLIC_EDITION = "AKT015"


def no_public_edition(spec: Path) -> Diagnostic:
    """`--udgave offentlig` of an aktstykke that is confidential as a whole."""
    return Diagnostic(NO_PUBLIC_EDITION, Severity.ERROR,
                      "aktstykket er fortroligt i sin helhed og har ingen offentlig udgave, "
                      "før fortroligheden er ophævet", file=str(spec),
                      hint="byg den fortrolige udgave med --udgave fortrolig, eller angiv, "
                           "hvornår fortroligheden er ophævet")


def _results(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Result]]:
    """One spec, or one core: in this process. Otherwise a pool, results as they finish."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        prepare_renderers(pdf=pdf_helper.helper() is None)
        for job in jobs:
            yield job, build_one(job)
            if stop_requested():   # a stop lost in a finalizer: taken now
                raise Stopped
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # 10 ms

    global _polling
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_prepare_worker,
                               initargs=(os.getpid(),))
    finished, _polling = False, True
    try:
        futures = {pool.submit(_build_in_worker, job): job for job in jobs}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if stop_requested():
                raise Stopped
            for future in done:
                job = futures[future]
                try:
                    result = future.result()
                except Exception as error:  # the worker died, or its result did not come back
                    result = Result(job.spec, internal=_describe(error))
                yield job, result
        finished = True
    finally:
        _polling = False
        if not finished:   # stopped, interrupted, or the caller stopped asking
            _stop_workers(pool)
        pool.shutdown(cancel_futures=True)


def _stop_workers(pool: object) -> None:
    """SIGTERM to each worker, which finishes a write under way and exits; one that has not
    gone after 5 s is killed."""
    # pid → process; ProcessPoolExecutor has no public way to stop its workers before 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()


def _prepare_worker(parent: int) -> None:
    """Ctrl-C is for the parent, which stops the pool; SIGTERM stops a worker cleanly
    (`Stopped`), and the worker is stopped so when its parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    sys.unraisablehook = drop_lost_stop
    _die_with(parent)
    prepare_renderers()


def _die_with(parent: int) -> None:
    """A worker outlives a parent killed outright unless it watches for that: the kernel
    sends it SIGTERM when its parent dies (Linux's PR_SET_PDEATHSIG), and on any system a
    thread sees it handed to another parent, or the build (`parent`) gone. The build is the
    worker's parent when the pool forks or spawns it; with a fork server (Linux's default
    from Python 3.14) the server is, and it outlives the build while its workers live."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    threading.Thread(target=_watch_parent, args=(os.getppid(), parent), name="parent-watch",
                     daemon=True).start()


_PR_SET_PDEATHSIG = 1   # <linux/prctl.h>


def _watch_parent(first: int, build: int) -> None:
    while os.getppid() == first and not _gone(build):
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


def _gone(pid: int) -> bool:
    """Whether the process has exited: not there, or (Linux) a zombie its parent has not
    yet reaped."""
    try:
        os.kill(pid, 0)   # no signal: only whether the process is there
    except ProcessLookupError:
        return True
    except PermissionError:   # there, but another user's (the pid was reused)
        return False
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:   # no /proc: the process is there
        return False
    return stat_line.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def _context(options: Options) -> str:
    """Everything but the spec itself that decides what a build gives (once a run)."""
    kontoplan = options.kontoplan
    return json.dumps({
        "aktstykker-gen": __version__,
        # The code too, not only the version: in a source checkout a changed writer or rule
        # must rebuild what it affects.
        "code": folder_digest(Path(__file__).resolve().parent),
        "templates": folder_digest(assets.templates_dir()),
        "kontoplan": sha256(read_bytes(kontoplan, limits.KONTOPLAN_BYTES)) if kontoplan else None,
        "selected": sorted(options.selected) if options.selected is not None else None,
        "strict": options.strict,
        "pdf_variant": options.pdf_variant,
        "udgave": options.udgave.value,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
    }, sort_keys=True)


def _inputs(spec: Path, context: str) -> str | None:
    """The hash of the spec with everything else the build reads; None, to be built (and
    refused by its check, AKT008/AKT009), if it is not a regular file that can be read
    within the spec limit. Opened without blocking: a FIFO given as a spec must not hang the
    plan."""
    try:
        data = read_bytes(spec, MAX_BYTES)
    except Refused:
        return None   # the worker's check reports why (AKT008, AKT009, AKT011)
    return sha256(context.encode() + b"\0" + data)


@functools.cache
def _kontoplan(path: Path | None) -> Kontoplan | None:
    """The account plan, read once per worker process."""
    from aktstykker_gen.kontoplan import read_kontoplan

    return read_kontoplan(path) if path else None


def _describe(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f"\n  at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


class Progress:
    """`[12/100] bygger …` on one line of a terminal, redrawn in place; nothing when piped."""

    def __init__(self, stream: IO[str], total: int) -> None:
        self.stream, self.total, self.done = stream, total, 0
        self.shown = stream.isatty()

    def show(self) -> None:
        if self.shown:
            self.stream.write(f"\r[{self.done}/{self.total}] bygger …")
            self.stream.flush()

    def advance(self) -> None:
        self.done += 1
        self.show()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")


def summary(results: Sequence[Result], seconds: float) -> str:
    built = sum(r.built for r in results)
    unchanged = sum(r.unchanged for r in results)
    failed = sum(r.failed for r in results)
    return f"bygget {built}, uændret {unchanged}, fejlede {failed} " \
        f"({f'{seconds:.1f}'.replace('.', ',')} s)"
