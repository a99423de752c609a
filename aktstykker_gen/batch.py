"""Build many specs at once: find them, skip the unchanged ones, build the rest in parallel.

Each spec is checked, rendered and written by one worker process. The parent plans,
removes the temporary files a killed build left, collects the results and owns the manifest,
which it updates as soon as a spec's files are all written. A spec that fails, even by a
crash in the renderer or a file that cannot be written, is that spec's result and does not
stop the others.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import signal
import traceback
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from aktstykker_gen import __version__, assets, limits
from aktstykker_gen.bounded import Refused, read_bytes
from aktstykker_gen.build import WriteError, prepare_renderers, remove_stale_temporaries
from aktstykker_gen.diagnostics import Diagnostic, Severity, SpecError
from aktstykker_gen.load import MAX_BYTES
from aktstykker_gen.manifest import Manifest, folder_digest, sha256

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan


class NoSpecs(Exception):
    """A folder given to build holds no spec."""


@dataclass(frozen=True)
class Options:
    """The check options: they decide whether a spec builds, so they are among its inputs."""

    kontoplan: Path | None
    selected: Collection[str] | None   # rule codes; None: all
    strict: bool


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
    refused: str | None = None     # why the spec was not even tried
    internal: str | None = None    # an unexpected exception (a bug), described for a maintainer

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
        if self.refused:
            return f"{self.spec}: ikke bygget: {self.refused}"
        if self.unchanged:
            return None
        if self.failed:
            return f"{self.spec}: ikke bygget (ret fejlene ovenfor); intet blev skrevet"
        return "bygget: " + ", ".join(str(out_dir / name) for name in self.outputs)


@dataclass(frozen=True)
class Plan:
    settled: list[Result]     # known without building: unchanged or refused
    jobs: list[Job]
    manifest: Manifest


def find_specs(paths: Sequence[Path]) -> list[Path]:
    """Every `*.yaml` under each folder (recursively, sorted) and every other path as given,
    each file once."""
    found: dict[Path, Path] = {}
    for path in paths:
        specs = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        if not specs:
            raise NoSpecs(f"ingen specs (*.yaml) i {path}")
        for spec in specs:
            found.setdefault(spec.resolve(), spec)
    return list(found.values())


def plan(paths: Sequence[Path], out_dir: Path, options: Options, force: bool = False) -> Plan:
    """Which specs to build, and which are unchanged since the last build or refused."""
    manifest, context = Manifest.load(out_dir), _context(options)
    settled, jobs, stems = [], [], {}
    for spec in find_specs(paths):
        if spec.stem in stems:
            settled.append(Result(spec, refused=f"samme navn som {stems[spec.stem]}, så den ville "
                                  f"overskrive dens filer i {out_dir}; omdøb en af dem"))
            continue
        stems[spec.stem] = spec
        inputs = _inputs(spec, context)
        if inputs is not None and not force and manifest.is_current(spec.stem, inputs):
            settled.append(Result(spec, unchanged=True))
        else:
            jobs.append(Job(spec, out_dir, options, inputs))
    return Plan(settled, jobs, manifest)


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


def _build_one(job: Job) -> Result:
    from aktstykker_gen.build import render_outputs, write_outputs
    from aktstykker_gen.pipeline import check

    try:
        checked = check(job.spec, _kontoplan(job.options.kontoplan), job.options.selected)
    except SpecError as error:
        return Result(job.spec, tuple(error.diagnostics))
    diagnostics = tuple(dataclasses.replace(d, severity=Severity.ERROR) if job.options.strict else d
                        for d in checked.diagnostics)
    if any(d.is_error for d in diagnostics):
        return Result(job.spec, diagnostics)
    outputs = render_outputs(checked)
    try:
        written = write_outputs(outputs, job.out_dir, job.spec.stem)
    except WriteError as error:
        return Result(job.spec, (*diagnostics, error.diagnostic()))
    return Result(job.spec, diagnostics, {p.name: sha256(outputs[p.suffix]) for p in written})


def _results(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Result]]:
    """One spec, or one core: in this process. Otherwise a pool, results as they finish."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        prepare_renderers()
        yield from ((job, build_one(job)) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # 10 ms; not for one spec

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_prepare_worker)
    try:
        futures = {pool.submit(build_one, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the worker died, or its result did not come back
                result = Result(job.spec, internal=_describe(error))
            yield job, result
    finally:
        pool.shutdown(cancel_futures=True)


def _prepare_worker() -> None:
    """Ctrl-C is for the parent, which stops the pool; workers finish their spec quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare_renderers()


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
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
    }, sort_keys=True)


def _inputs(spec: Path, context: str) -> str | None:
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
