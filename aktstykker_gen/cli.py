"""The `aktstykke` command: list rules, check and build specs.

Exit codes: 0 fine, 1 a spec has errors (or warnings under --strict),
2 wrong usage, a file that cannot be read (AKT008), is over a reader's limit (AKT009) or is no
regular file (AKT011; see bounded.py), cannot be written (AKT010) or two specs would write the
same files (AKT013), 3 internal error (a bug: reported as such, never disguised as a
diagnostic), 130 Ctrl-C, 143 a build stopped by SIGTERM. Renderers are imported
only by the commands that render, so `check` starts fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import re
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aktstykker_gen import __version__
from aktstykker_gen.bounded import Refused, is_folder, number, read_bytes, read_text, refuses_file
from aktstykker_gen.diagnostics import Diagnostic, Severity, SpecError, format_diagnostic
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.opstart import ved_afslutning
from aktstykker_gen.udgavevalg import IngenOffentligUdgave, Udgave, Valg
from aktstykker_gen.writers import pdf_variants

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan
    from aktstykker_gen.pipeline import Checked
    from aktstykker_gen.reading import Reading

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141   # what a shell reports for a process its reader stopped (128 + SIGPIPE)
_SURROGATE = re.compile("[\ud800-\udfff]")   # half a UTF-16 pair: a file name not in UTF-8
E = TypeVar("E", bound=Enum)


# Who a redline's changes are by when neither --author nor NEW's sagsbehandler says: the tool
# itself, the same on every machine (docs/reviewing.md).
DEFAULT_AUTHOR = "aktstykke"


class UsageError(Exception):
    """Wrong options: said plainly, exit 2."""


class NoEdition(Exception):
    """The public edition of a spec that is confidential as a whole was asked for: AKT015,
    exit 1 (it has none until its confidentiality is lifted)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; without `argv`, the process's own (the `aktstykke` script,
    `python -m aktstykker_gen`), whose process ends when it returns (opstart.ved_afslutning)."""
    code = _command(argv)
    if argv is None:
        ved_afslutning()
    return code


def _command(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):   # a file name that is not UTF-8 must not crash a print
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        return int(args.run(args))
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"aktstykke: {error}\n")
    except NoEdition as refused:
        from aktstykker_gen.batch import no_public_edition

        _report([no_public_edition(refused.path)])
        return EXIT_ERRORS
    except Refused as refused:   # a file a reader will not read (bounded); it says why
        _report([refused.diagnostic])
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:   # `aktstykke rules | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no error at exit
        return EXIT_BROKEN_PIPE
    except Exception as error:  # a bug: say so plainly, with what a maintainer needs
        import traceback  # json and traceback: imported only where used, as difflib is

        frame = traceback.extract_tb(error.__traceback__)[-1]
        print(f"aktstykke: internal error: {type(error).__name__}: {error}\n"
              f"  at {frame.filename}:{frame.lineno} in {frame.name}\n"
              f"  aktstykker-gen {__version__}; please report this with the spec that caused it",
              file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aktstykke", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"aktstykker-gen {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    checking = argparse.ArgumentParser(add_help=False)
    checking.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    checking.add_argument("--select", type=_codes, metavar="CODES",
                          help="kun disse regler (koder eller grupper, kommasepareret)")
    checking.add_argument("--ignore", type=_codes, default=[], metavar="CODES",
                          help="spring disse regler over (koder eller grupper)")
    checking.add_argument("--strict", action="store_true", help="advarsler tæller som fejl")
    checking.add_argument("--kontoplan", type=Path, metavar="FILE",
                          help="kontroller konti mod en eksport fra Finanslovsdatabasen")

    check = commands.add_parser("check", parents=[checking], help="validate specs")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: diagnostikken som data på stdout (til editorer og CI)")
    check.add_argument("-v", "--verbose", action="store_true",
                       help="vis også, hvad der blev sammenlignet (med --kontoplan: hvert træk "
                            "på finansloven ved siden af eksportens tal)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", parents=[checking],
                                help="render specs (files, or folders of them) to DOCX, PDF and text")
    build.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR",
                       help="output folder (default: output/)")
    build.add_argument("--force", action="store_true",
                       help="byg alle specs igen, også dem der er uændrede siden sidst")
    build.add_argument("--pdf-variant", type=_pdf_variant, default=pdf_variants.DEFAULT,
                       metavar="VARIANT", help="PDF'ens format: " + "; ".join(
                           f"{name}: {what}" for name, what in pdf_variants.SUPPORTED.items()))
    build.add_argument("--udgave", type=_valg, default=Valg.begge,
                       metavar="{" + ",".join(v.value for v in Valg) + "}",
                       help="hvilken udgave: begge (standard: den offentlige under det "
                            "almindelige navn, og den fortrolige som NAVN.fortrolig.*, hvis "
                            "specen har fortrolige dele), offentlig eller fortrolig")
    build.set_defaults(run=_build)

    # A reviewer's commands show one edition of a spec: the public one unless asked, so
    # nothing confidential is shown by default. A built file has no editions.
    showing = argparse.ArgumentParser(add_help=False)
    showing.add_argument("--udgave", type=_udgave, default=Udgave.offentlig,
                         metavar="{" + ",".join(u.value for u in Udgave) + "}",
                         help="hvilken udgave af en spec der vises: offentlig (standard: intet "
                              "fortroligt vises) eller fortrolig (det hele); en bygget fil er "
                              "den udgave, den er")

    diff = commands.add_parser("diff", parents=[showing],
                               help="show what changed between two versions")
    diff.add_argument("old", type=Path, metavar="OLD", help="a spec, or a built .docx/.pdf/.txt")
    diff.add_argument("new", type=Path, metavar="NEW", help="a spec, or a built .docx/.pdf/.txt")
    diff.add_argument("--word-diff", action="store_true", help="mark the changed words in a line")
    diff.add_argument("-U", "--unified", type=_context, default=0, metavar="N",
                      help="show N unchanged lines around each change, as diff -U N "
                           "(default 0)")
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    diff.set_defaults(run=_diff)

    redline = commands.add_parser("redline", parents=[showing],
                                  help="a DOCX of NEW with tracked changes from OLD")
    redline.add_argument("old", type=Path, metavar="OLD",
                         help="the earlier spec, or the DOCX built from it")
    redline.add_argument("new", type=Path, metavar="NEW",
                         help="the later spec, or the DOCX built from it")
    redline.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx")
    redline.add_argument("--author", help="who the changes are by (default: NEW's "
                         f"'sagsbehandler', else {DEFAULT_AUTHOR!r})")
    redline.add_argument("--date", type=_change_date, metavar="WHEN",
                         help="when the changes are dated, as 2025-10-01 or 2025-10-01T14:30:00 "
                              "(UTC) (default: SOURCE_DATE_EPOCH, else now)")
    redline.set_defaults(run=_redline)

    textconv = commands.add_parser("textconv", parents=[showing],
                                   help="print the text of a spec or built file")
    textconv.add_argument("file", type=Path, metavar="FILE")
    textconv.set_defaults(run=_textconv)

    watch = commands.add_parser("watch", parents=[showing],
                                help="live preview of a spec in the browser, updated on each save")
    watch.add_argument("spec", type=Path, metavar="SPEC")
    watch.add_argument("--port", type=_port, default=8765, metavar="N",
                       help="port on 127.0.0.1 (default: 8765; 0: a free one)")
    watch.set_defaults(run=_watch)

    register = commands.add_parser(
        "register", help="the folketingsår's register: numbers, citations, replacements, "
                         "reserves and the tillægsbevilling of every aktstykke under a folder")
    register.add_argument("folder", type=Path, metavar="FOLDER")
    register.add_argument("--kontoplan", type=Path, metavar="FILE",
                          help="hold aktstykkernes samlede træk på reserverne op mod eksporten")
    register.add_argument("--format", choices=("text", "json"), default="text")
    register.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR",
                          help="her gemmes registrets cache (standard: output/)")
    register.add_argument("--dokument", action="store_true",
                          help="skriv også register.docx, .pdf og .txt i DIR")
    register.set_defaults(run=_register)

    rules = commands.add_parser("rules", help="list every diagnostic code")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    new = commands.add_parser("new", help="start a spec: a skeleton, or a copy of an earlier one")
    new.add_argument("name", metavar="NAME", help="filnavnet, fx 2026-03-01-ny-sag (.yaml tilføjes)")
    new.add_argument("--from", dest="source", type=Path, metavar="SPEC",
                     help="kopiér en tidligere spec som nyt udkast (nummer, folketingsår og "
                          "afgørelse ryddes, dato markeres UDFYLD)")
    new.add_argument("--art", default=DEFAULT_KIND, choices=tuple(KINDS),
                     help=f"dokumentets art, når der ikke kopieres (standard: {DEFAULT_KIND})")
    new.add_argument("--dir", type=Path, default=Path("specs"), metavar="DIR",
                     help="mappen, den nye spec skrives i (standard: specs/)")
    new.set_defaults(run=_new)

    importing = commands.add_parser("import", help="an aktstykke's DOCX or built text as a spec draft")
    importing.add_argument("file", type=Path, metavar="FILE.docx|FILE.pdf|FILE.txt")
    importing.add_argument("-o", "--output", type=Path, metavar="SPEC",
                           help="the draft to write (default: specs/NAME.yaml); never overwritten")
    importing.set_defaults(run=_import)

    schema = commands.add_parser("schema", help="print the spec format as a JSON Schema, for "
                                 "editors (make schema writes schema/aktstykke.schema.json)")
    schema.set_defaults(run=_schema)
    return parser


def _valg(text: str) -> Valg:
    return _one_of(Valg, text)


def _udgave(text: str) -> Udgave:
    return _one_of(Udgave, text)


def _one_of(choices: type[E], text: str) -> E:
    """--udgave as one of the edition names, or argparse's usage error naming them."""
    try:
        return choices(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ukendt udgave '{text}'; mulige: " + ", ".join(c.value for c in choices)) from None


def _pdf_variant(text: str) -> str:
    try:
        return pdf_variants.variant(text)
    except pdf_variants.UnknownVariant as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _context(text: str) -> int:
    """-U N: a whole number of lines, 0 or more (a bound keeps a typo from printing it all
    many times over)."""
    if not text.isdigit() or int(text) > 10_000:
        raise argparse.ArgumentTypeError(f"-U skal være et helt antal linjer fra 0 til 10000, "
                                         f"ikke '{text}'")
    return int(text)


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _selection(args: argparse.Namespace) -> set[str] | None:
    """The rule codes --select/--ignore leave; a group name stands for all its rules. Without
    either, every rule: the catalogue (every kind's rules) is not loaded."""
    if args.select is None and not args.ignore:
        return None
    from aktstykker_gen.catalogue import entries

    rules = [e for e in entries() if e.selectable]
    by_name: dict[str, set[str]] = {}
    for entry in rules:
        by_name.setdefault(entry.code, set()).add(entry.code)
        by_name.setdefault(entry.group, set()).add(entry.code)

    def expand(names: list[str]) -> set[str]:
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise UsageError(f"ukendt regel eller gruppe: {', '.join(unknown)} "
                             "(se 'aktstykke rules')")
        return {code for n in names for code in by_name[n]}

    chosen = expand(args.select) if args.select is not None else {e.code for e in rules}
    return chosen - expand(args.ignore)


def _kontoplan(args: argparse.Namespace) -> Kontoplan | None:
    if args.kontoplan is None:
        return None
    from aktstykker_gen.kontoplan import read_kontoplan

    return read_kontoplan(args.kontoplan)   # bounded.Refused names the file: exit 2


@dataclasses.dataclass
class _Outcome:
    path: Path
    diagnostics: list[Diagnostic]
    checked: Checked | None       # None when the spec could not be typed

    @property
    def failed(self) -> bool:
        return self.checked is None or any(d.is_error for d in self.diagnostics)


def _check_all(args: argparse.Namespace,
               kontoplan: Kontoplan | None = None) -> list[_Outcome]:
    """Check each spec given, and every spec under each folder given (as `build` finds them;
    discovery is imported only for a folder, which keeps a file's check at its speed)."""
    from aktstykker_gen.pipeline import check

    selected = _selection(args)
    specs = args.specs
    if any(is_folder(path) for path in specs):
        from aktstykker_gen.discovery import NoSpecs, find_specs

        try:
            specs = find_specs(specs)
        except NoSpecs as error:
            raise UsageError(str(error)) from None
    outcomes = []
    for path in specs:
        try:
            checked = check(path, kontoplan, selected)
        except SpecError as error:
            outcomes.append(_Outcome(path, error.diagnostics, None))
            continue
        diagnostics = checked.diagnostics
        if args.strict:
            diagnostics = [dataclasses.replace(d, severity=Severity.ERROR) for d in diagnostics]
        outcomes.append(_Outcome(path, diagnostics, checked))
    return outcomes


def _exit_code(outcomes: list[_Outcome]) -> int:
    if any(refuses_file(d) for o in outcomes for d in o.diagnostics):
        return EXIT_USAGE
    return EXIT_ERRORS if any(o.failed for o in outcomes) else EXIT_OK


def _report(diagnostics: list[Diagnostic]) -> None:
    from aktstykker_gen.load import MAX_BYTES

    sources: dict[str, list[str]] = {}
    for diagnostic in diagnostics:
        lines = None
        if diagnostic.span:
            name = diagnostic.span.file
            if name not in sources:
                try:
                    sources[name] = read_text(Path(name), MAX_BYTES).split("\n")
                except Refused:
                    sources[name] = []
            lines = sources[name]
        print(format_diagnostic(diagnostic, lines), file=sys.stderr)


def _summary(outcomes: list[_Outcome]) -> str:
    failed = sum(o.failed for o in outcomes)
    warnings = sum(d.severity is Severity.WARNING for o in outcomes for d in o.diagnostics)
    return f"{len(outcomes) - failed} ok, {failed} med fejl" + \
        (f", {warnings} {'advarsler' if warnings != 1 else 'advarsel'}" if warnings else "")


def _check(args: argparse.Namespace) -> int:
    kontoplan = _kontoplan(args)
    outcomes = _check_all(args, kontoplan)
    if args.format == "json":
        import json

        text = json.dumps([_as_data(d) for o in outcomes for d in o.diagnostics],
                          ensure_ascii=False, indent=2)
        # Danish letters as they are; half a UTF-16 pair (from a file name that is not UTF-8)
        # as the JSON escape \udxxx, which a strict UTF-8 stdout can write.
        print(_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text))
    else:
        for outcome in outcomes:
            _report(outcome.diagnostics)
            if args.verbose:
                _account(outcome, kontoplan)
        print(_summary(outcomes), file=sys.stderr)
    return _exit_code(outcomes)


def _account(outcome: _Outcome, kontoplan: Kontoplan | None) -> None:
    """`--verbose`: what the spec's kind compared, under the spec's name."""
    if outcome.checked is None:
        return
    from aktstykker_gen.rules import Subject

    lines = outcome.checked.kind.redegørelse(Subject(outcome.checked.spec, kontoplan))
    if lines:
        print(f"{outcome.path}: {lines[0]}", file=sys.stderr)
        for line in lines[1:]:
            print(f"  {line}", file=sys.stderr)


def _as_data(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "file": span.file if span else diagnostic.file,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_column": span.column + span.length if span else None,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "details": list(diagnostic.details),
        "hint": diagnostic.hint,
        "related": [{"file": r.file, "line": r.line, "column": r.column}
                    for r in diagnostic.related],
    }


def _register(args: argparse.Namespace) -> int:
    """`aktstykke register FOLDER`: exit 1 when the register finds an error (a spec `check`
    finds errors in, a number used twice, a citation of no spec, a reserve overdrawn), 2 for
    usage."""
    from aktstykker_gen.build import WriteError, write_outputs
    from aktstykker_gen.discovery import NoSpecs, find_specs
    from aktstykker_gen.kinds.aktstykke import registervisning
    from aktstykker_gen.registercache import Cache

    if not is_folder(args.folder):
        raise UsageError(f"{args.folder} er ikke en mappe")
    plan = _kontoplan(args)
    try:
        specs = find_specs([args.folder])
    except NoSpecs as error:
        raise UsageError(str(error)) from None
    cache = Cache(args.output, args.kontoplan)
    register = registervisning.byg(args.folder, specs, cache, plan)
    outputs = {}
    if args.dokument:
        from aktstykker_gen import assets, build
        from aktstykker_gen.render import render_tree

        templates = assets.templates_dir()
        tree = render_tree(templates, registervisning.DOKUMENT.template,
                           registervisning.context(register, plan, str(args.folder)))
        outputs = {suffix: build.write_format(tree, registervisning.DOKUMENT, suffix, templates)
                   for suffix in build.FORMATS}
    try:
        cache.save({registervisning.relative(p, args.folder) for p in specs})
        if outputs:
            write_outputs(outputs, args.output, "register")
    except WriteError as error:
        _report([error.diagnostic()])
        return EXIT_USAGE
    if args.format == "json":
        import json

        print(json.dumps(registervisning.data(register, plan), ensure_ascii=False, indent=2))
    else:
        print(registervisning.tekst(register, plan, str(args.folder)), end="")
        print(f"{len(register.specs)} aktstykker; læst {cache.read}, typet {cache.typed} af "
              f"{len(specs)} specs", file=sys.stderr)
    return EXIT_ERRORS if any(f.fejl for f in register.fund(plan)) else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Build the specs given, and every spec under a folder given; see `batch` for how. One
    spec file is built in this process, its PDF laid out meanwhile by a helper that starts
    importing WeasyPrint before anything else is done (pdf_helper.py)."""
    from aktstykker_gen import pdf_helper

    if len(args.specs) == 1 and not is_folder(args.specs[0]):
        pdf_helper.start()
    try:
        return _build_specs(args)
    finally:
        pdf_helper.stop()


def _build_specs(args: argparse.Namespace) -> int:
    import itertools
    import time

    from aktstykker_gen import batch
    from aktstykker_gen.build import UNWRITABLE
    from aktstykker_gen.discovery import NoSpecs

    started = time.perf_counter()
    _source_date()
    _kontoplan(args)  # an unreadable --kontoplan is a usage error before anything is built
    options = batch.Options(args.kontoplan, _selection(args), args.strict, args.pdf_variant,
                            args.udgave)
    try:
        plan = batch.plan(args.specs, args.output, options, force=args.force)
    except NoSpecs as error:
        raise UsageError(str(error)) from None
    progress = batch.Progress(sys.stderr, total=len(plan.settled) + len(plan.jobs))
    progress.show()
    results = []
    try:
        with batch.stopping():
            for result in itertools.chain(plan.settled, batch.run(plan)):
                progress.clear()
                _report(list(result.diagnostics))
                if verdict := result.verdict(args.output):
                    print(verdict, file=sys.stderr)
                results.append(result)
                progress.advance()
    except batch.Stopped:
        progress.clear()
        print(batch.summary(results, time.perf_counter() - started), file=sys.stderr)
        print("aktstykke: build stoppet (SIGTERM); en spec, der ikke blev færdig, har sine "
              "tidligere filer", file=sys.stderr)
        return batch.STOPPED_EXIT
    progress.clear()
    print(batch.summary(results, time.perf_counter() - started), file=sys.stderr)
    if any(r.internal for r in results):
        return EXIT_INTERNAL
    if any(refuses_file(d) or d.code in (UNWRITABLE, batch.SAME_OUTPUTS)
           for r in results for d in r.diagnostics):
        return EXIT_USAGE
    return EXIT_ERRORS if any(r.failed for r in results) else EXIT_OK


def _reading(path: Path, edition: Udgave) -> Reading:
    """What a reader sees in `path` (a spec as `edition`); a spec's diagnostics are shown as
    warnings."""
    from aktstykker_gen.reading import read

    try:
        reading = read(path, edition)
    except IngenOffentligUdgave:
        raise NoEdition(path) from None
    except SpecError as error:
        _report(error.diagnostics)
        raise UsageError(f"{path}: kan ikke læses som aktstykke (se ovenfor)") from None
    _report(reading.warnings)
    return reading


def _diff(args: argparse.Namespace) -> int:
    from aktstykker_gen.reading import same_text
    from aktstykker_gen.textdiff import diff_lines

    old, new = _reading(args.old, args.udgave), _reading(args.new, args.udgave)
    if same_text(old, new):
        return EXIT_OK
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    print(f"--- {_shown(args.old, args.udgave)}\n+++ {_shown(args.new, args.udgave)}")
    for line in diff_lines(old, new, word_diff=args.word_diff, colour=colour,
                           context=args.unified):
        print(line)
    return EXIT_ERRORS


def _shown(path: Path, edition: Udgave) -> str:
    """A diff side's name: a spec's with the edition shown, a built file's as it is."""
    from aktstykker_gen.reading import SPEC_SUFFIXES

    if path.suffix.lower() in SPEC_SUFFIXES:
        return f"{path} ({edition_name(edition)})"
    return str(path)


def edition_name(edition: Udgave) -> str:
    return f"{edition.value} udgave"


def _source_date() -> None:
    """A SOURCE_DATE_EPOCH no file can carry is a usage error before anything is written."""
    from aktstykker_gen.writers.moment import BadEpoch, source_date_epoch

    try:
        source_date_epoch()
    except BadEpoch as error:
        raise UsageError(str(error)) from None


def _redline(args: argparse.Namespace) -> int:
    from aktstykker_gen import assets
    from aktstykker_gen.build import WriteError, write_outputs
    from aktstykker_gen.redline import redline
    from aktstykker_gen.writers.docx import Revision, write_docx

    if args.output.suffix.lower() != ".docx":
        raise UsageError(f"{args.output}: en redline skrives som .docx")
    _source_date()
    typed = _author(args.author)
    earlier, later = _version(args.old, args.udgave), _version(args.new, args.udgave)
    _report(earlier.warnings + later.warnings)
    if earlier.kind != later.kind:
        raise UsageError(f"{args.old} og {args.new} er ikke af samme art; en redline sammenligner "
                         "to versioner af samme dokument")
    author = typed or later.author or DEFAULT_AUTHOR
    folder = assets.templates_dir()
    marked = redline(earlier.tree, later.tree)
    # The edition in the document's title (Word's title bar and core properties): a reviewer
    # sees which one the changes are of.
    marked = dataclasses.replace(marked, title=f"{marked.title} ({edition_name(later.edition)})")
    data = write_docx(marked, folder / "docx", Revision(author, _changed_at(args.date)),
                      **KINDS[later.kind].docx_parts(folder))
    try:
        [written] = write_outputs({".docx": data}, args.output.parent, args.output.stem)
    except WriteError as error:
        _report([error.diagnostic()])
        return EXIT_USAGE
    print(f"skrevet: {written}", file=sys.stderr)
    return EXIT_OK


@dataclasses.dataclass(frozen=True)
class _Version:
    """One side of a redline: its tree, its kind, who its changes are by when --author does not
    say (a spec's sagsbehandler), the edition it is, and its spec's diagnostics."""

    tree: Any
    kind: str
    author: str | None
    edition: Udgave
    warnings: list[Diagnostic]


def _version(path: Path, edition: Udgave) -> _Version:
    """A spec rendered as `edition`, or a built DOCX read back into its tree (docx_tree.py): the
    edition it was built as, confidential when it carries the FORTROLIGT mark."""
    from aktstykker_gen.reading import SPEC_SUFFIXES, rendered

    if path.suffix.lower() == ".docx":
        from aktstykker_gen.docx_tree import read_docx

        read = read_docx(path)
        shown = Udgave.fortrolig if read.document.confidential else Udgave.offentlig
        return _Version(read.document, read.kind, None, shown, [])
    if path.suffix.lower() not in SPEC_SUFFIXES:
        raise UsageError(f"{path}: en redline sammenligner to specifikationer (.yaml) eller to "
                         "byggede .docx-filer")
    try:
        tree, model, warnings = rendered(path, edition)
    except IngenOffentligUdgave:
        raise NoEdition(path) from None
    except SpecError as error:
        _report(error.diagnostics)
        raise UsageError(f"{path}: kan ikke læses som aktstykke (se ovenfor)") from None
    return _Version(tree, getattr(model, "art", DEFAULT_KIND), getattr(model, "sagsbehandler", None),
                    edition, warnings)


def _author(name: str | None) -> str | None:
    """--author as typed, or a usage error: the name is written into every tracked change, so
    it is refused rather than silently altered, and a control or format character in a name is
    always a paste mistake (XML cannot even hold most of them)."""
    from aktstykker_gen.limits import AUTHOR_CHARS

    if name is None:
        return None
    if len(name) > AUTHOR_CHARS:
        raise UsageError(f"--author: navnet er på {number(len(name))} tegn; højst {AUTHOR_CHARS}")
    for position, char in enumerate(name, start=1):
        if _invisible(char):
            raise UsageError(f"--author: usynligt tegn U+{ord(char):04X} på plads {position} i "
                             f"navnet; skriv navnet uden det")
    return name.strip() or None


def _invisible(char: str) -> bool:
    """A control, format, surrogate, private or unassigned character: nothing a name holds."""
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn")


def _change_date(text: str) -> datetime.datetime:
    """--date as a UTC time a tracked change can carry (1970–2099), or a usage error."""
    from aktstykker_gen.writers.moment import LAST

    try:
        when = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} er ikke en dato; skriv fx 2025-10-01 "
                                         "eller 2025-10-01T14:30:00") from None
    if when.tzinfo is not None:
        when = when.astimezone(datetime.UTC).replace(tzinfo=None)
    if not datetime.datetime(1970, 1, 1) <= when <= LAST:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} ligger uden for 1970–{LAST.year}")
    return when.replace(microsecond=0)


def _changed_at(typed: datetime.datetime | None) -> datetime.datetime:
    """When a redline's changes are dated: --date, else SOURCE_DATE_EPOCH (a reproducible
    redline), else now: the changes are made now, not on the aktstykke's own date."""
    from aktstykker_gen.writers.moment import source_date_epoch

    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    return typed or source_date_epoch() or now


def _textconv(args: argparse.Namespace) -> int:
    # No trailing spaces (a DOCX's tab after a section letter, a padded row): git marks them.
    print("\n".join(line.rstrip() for line in _reading(args.file, args.udgave).lines).rstrip("\n"))
    return EXIT_OK


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (0–65535)")
    return port


def _watch(args: argparse.Namespace) -> int:
    """Serve the live preview until Ctrl-C, which is how it is meant to stop: exit 0."""
    from aktstykker_gen.load import MAX_BYTES
    from aktstykker_gen.preview.server import ServeError, serve

    read_bytes(args.spec, MAX_BYTES)   # a file the preview can read, or bounded.Refused: exit 2
    _source_date()

    def ready(url: str) -> None:
        print(f"aktstykke watch: {args.spec} ({edition_name(args.udgave)}) vises på {url}  "
              "(Ctrl-C stopper)", flush=True)

    try:
        serve(args.spec, args.port, ready, args.udgave)
    except ServeError as error:
        raise UsageError(str(error)) from None
    except KeyboardInterrupt:
        print("aktstykke watch: stoppet", file=sys.stderr)
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from aktstykker_gen.catalogue import entries

    if args.format == "json":
        import json

        json.dump([{"code": e.code, "title": e.title, "severity": e.severity.value,
                    "group": e.group, "selectable": e.selectable, "description": e.description}
                   for e in entries()], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for e in entries():
        print(f"{e.code}  {e.severity.value:<7}  {e.group:<17}  {e.title}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    import datetime

    from aktstykker_gen.scaffold import ScaffoldError, new

    try:
        path = new(args.name, args.dir, args.source, datetime.date.today(), args.art)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    print(f"skrevet: {path}\nudfyld det, der er markeret UDFYLD; 'aktstykke check {path}' viser "
          "hvert sted", file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Import is the aktstykke kind's: its own package does the work."""
    from aktstykker_gen.kinds.aktstykke.indlaesning.kommando import run

    code, diagnostics = run(args.file, args.output)
    _report(diagnostics)
    return code


def _schema(args: argparse.Namespace) -> int:
    from aktstykker_gen.schema import render

    sys.stdout.write(render())
    return EXIT_OK
