"""The `aktstykke` command: check and build specs.

Exit codes: 0 fine, 1 a spec has errors, 2 wrong usage, 3 internal error
(a bug: reported as such, never disguised as a diagnostic). Renderers are
imported only by the commands that render, so `check` starts fast.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aktstykker_gen import __version__
from aktstykker_gen.diagnostics import Diagnostic, SpecError, format_diagnostic

if TYPE_CHECKING:
    from aktstykker_gen.pipeline import Checked

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so plainly, with what a maintainer needs
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

    check = commands.add_parser("check", help="validate specs and report diagnostics")
    check.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="render specs to DOCX, PDF and text")
    build.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    build.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR",
                       help="output folder (default: output/)")
    build.set_defaults(run=_build)
    return parser


def _report(diagnostics: list[Diagnostic]) -> None:
    sources: dict[str, list[str]] = {}
    for diagnostic in diagnostics:
        lines = None
        if diagnostic.span:
            name = diagnostic.span.file
            if name not in sources:
                try:
                    sources[name] = Path(name).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    sources[name] = []
            lines = sources[name]
        print(format_diagnostic(diagnostic, lines), file=sys.stderr)


def _checked_or_report(path: Path) -> Checked | None:
    from aktstykker_gen.pipeline import check

    try:
        checked = check(path)
    except SpecError as error:
        _report(error.diagnostics)
        return None
    _report(checked.diagnostics)
    return checked if checked.ok else None


def _check(args: argparse.Namespace) -> int:
    failed = sum(_checked_or_report(path) is None for path in args.specs)
    print(f"{len(args.specs) - failed} ok, {failed} med fejl", file=sys.stderr)
    return EXIT_ERRORS if failed else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from aktstykker_gen.build import render_outputs, write_outputs

    failed = 0
    for path in args.specs:
        checked = _checked_or_report(path)
        if checked is None:
            print(f"{path}: ikke bygget (ret fejlene ovenfor); intet blev skrevet", file=sys.stderr)
            failed += 1
            continue
        written = write_outputs(render_outputs(checked), args.output, path.stem)
        print("bygget: " + ", ".join(str(p) for p in written), file=sys.stderr)
    return EXIT_ERRORS if failed else EXIT_OK
