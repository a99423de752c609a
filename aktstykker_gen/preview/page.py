"""The preview as HTML: the page, and the fragment of it that each new version replaces.

The document is the writers' own HTML (its text escaped there); every other text here, the
diagnostics above all, holds the spec's words and is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aktstykker_gen.diagnostics import Diagnostic, Severity, format_diagnostic

PDF, DOCX = "/aktstykke.pdf", "/aktstykke.docx"


@dataclass(frozen=True)
class Problem:
    """Why there is no document: a bug (internal), or errors the view cannot render around."""

    internal: bool
    text: str


def page(number: int, title: str, stylesheet: str, fragment: str) -> str:
    """The whole page; its script keeps `#preview` in step with the spec."""
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{escape(stylesheet)}">'
        '<link rel="stylesheet" href="/assets/preview.css">'
        '<script src="/assets/preview.js" defer></script>'
        '</head><body class="preview">\n'
        f'<main id="preview" data-version="{number}">{fragment}</main>\n'
        "</body></html>\n")


def fragment(number: int, spec: str, title: str, diagnostics: list[Diagnostic],
             source: list[str], document: str | None, problem: Problem | None,
             downloadable: bool, edition: str = "offentlig") -> str:
    """Bar (spec, edition, verdict, downloads), diagnostics, then the document or why there is
    none."""
    parts = [_bar(number, spec, title, diagnostics, downloadable, edition)]
    if diagnostics:
        parts.append('<section class="preview-diagnostics" aria-label="Diagnostik">'
                     + "".join(_diagnostic(d, source) for d in diagnostics) + "</section>")
    if problem is not None:
        parts.append(_problem(problem))
    elif document is not None:
        parts.append(document)
    else:
        parts.append('<div class="preview-problem">Specifikationen kan ikke læses; dokumentet '
                     "vises igen, når fejlene herover er rettet.</div>")
    return "\n".join(parts)


# How the bar names the edition shown: the confidential one stands out, so it is never taken
# for what may be published.
EDITIONS = {"offentlig": "Offentlig udgave", "fortrolig": "FORTROLIG udgave"}


def _bar(number: int, spec: str, title: str, diagnostics: list[Diagnostic],
         downloadable: bool, edition: str) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    verdict = f"{errors} fejl" if errors else "ingen fejl"
    if warnings:
        verdict += f", {warnings} {'advarsel' if warnings == 1 else 'advarsler'}"
    state = "errors" if errors else "warnings" if warnings else "ok"
    if downloadable:
        links = f'<a href="{PDF}" download>PDF</a><a href="{DOCX}" download>DOCX</a>'
    else:
        links = ('<span class="preview-unavailable" title="Ret fejlene først">PDF</span>'
                 '<span class="preview-unavailable" title="Ret fejlene først">DOCX</span>')
    return (f'<header class="preview-bar" data-title="{escape(title)}" data-version="{number}">'
            f'<span class="preview-spec">{escape(spec)}</span>'
            f'<span class="preview-edition {edition}" data-edition="{edition}">'
            f'{EDITIONS[edition]}</span>'
            f'<span class="preview-status {state}">{verdict}</span>'
            f'<nav class="preview-downloads" aria-label="Hent">{links}</nav></header>')


def _diagnostic(diagnostic: Diagnostic, source: list[str]) -> str:
    """As the CLI prints it (file:line:col, code, message, excerpt, hint), first line bold."""
    head, _, rest = format_diagnostic(diagnostic, source).partition("\n")
    tail = "\n" + escape(rest) if rest else ""
    return (f'<pre class="preview-diagnostic {diagnostic.severity.value}">'
            f"<strong>{escape(head)}</strong>{tail}</pre>")


def _problem(problem: Problem) -> str:
    if problem.internal:
        return ('<div class="preview-problem internal"><strong>Intern fejl</strong> (en fejl i '
                f"aktstykker-gen, ikke i specifikationen): {escape(problem.text)}</div>")
    return ('<div class="preview-problem">Dokumentet kan ikke vises, før fejlene herover er '
            f"rettet ({escape(problem.text)}).</div>")


def sheet(classes: str, body: str) -> str:
    """The writers' document body on an A4-wide sheet, with the classes the stylesheet
    keys the whole document on."""
    return f'<article class="{" ".join(("preview-sheet", classes)).strip()}">{body}</article>'
