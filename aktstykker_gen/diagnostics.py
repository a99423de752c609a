"""Diagnostics as data: what is wrong, where, and what to do about it.

A rule returns `Diagnostic` records; printing them is a separate concern
(`format_diagnostic`), in the file:line:col form editors jump to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from aktstykker_gen.characters import visible


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Span:
    """Where a value stands in a spec: 1-based line and column."""

    file: str
    line: int
    column: int
    length: int = 1


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None = None
    details: tuple[str, ...] = ()
    hint: str | None = None
    related: tuple[Span, ...] = field(default=())
    file: str | None = None   # for a diagnostic about a whole file, without a position
    quoted: bool = True       # the spec line shown under it (not beside a public edition)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class SpecError(Exception):
    """A spec that cannot go further down the pipeline, with the reasons."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} diagnostic(s)")
        self.diagnostics = diagnostics


def format_diagnostic(diagnostic: Diagnostic, source_lines: list[str] | None = None) -> str:
    """Render like a compiler: location, code, message, excerpt with carets, details, hint."""
    span = diagnostic.span
    where = f"{span.file}:{span.line}:{span.column}: " if span else \
        f"{diagnostic.file}: " if diagnostic.file else ""
    out = [f"{where}{diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"]
    if span and diagnostic.quoted and source_lines and 0 < span.line <= len(source_lines):
        text, column = _window(visible(source_lines[span.line - 1].rstrip("\n")), span.column)
        gutter = f"{span.line:>4} | "
        out.append(gutter + text)
        width = max(1, min(span.length, len(text) - column + 1))
        out.append(" " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * width)
    out.extend(f"  = {detail}" for detail in diagnostic.details)
    out.extend(f"  = se også {r.file}:{r.line}:{r.column}" for r in diagnostic.related)
    if diagnostic.hint:
        out.append(f"  hjælp: {diagnostic.hint}")
    return "\n".join(out)


def _window(text: str, column: int, width: int = 100) -> tuple[str, int]:
    """A long source line cut to the part around the column, marked with '…'."""
    if len(text) <= width:
        return text, column
    start = max(0, min(column - 1 - width // 4, len(text) - width))
    shown = ("…" if start else "") + text[start:start + width] \
        + ("…" if start + width < len(text) else "")
    return shown, column - start + (1 if start else 0)
