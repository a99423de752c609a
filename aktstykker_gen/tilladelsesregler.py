"""Markers that allow one warning at one place (`# aktstykke: tillad AKT602`, tilladelser.py):
each must have the marker's form, name a warning the tool knows, stand in a comment and allow
something, so a marker cannot hide an error or outlive the figure it was written for. The
rules of every kind: a marker is read from the spec's text, whatever the kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.rules import Finding, RuleSet, Subject
from aktstykker_gen.tilladelser import Tilladelse, læst

if TYPE_CHECKING:
    from aktstykker_gen.kinds import Kind

rules = RuleSet()
Spec = Subject[Any]

FORM = "# aktstykke: tillad AKT602 (flere koder adskilles med komma)"
UNUSED = "AKT630"


def _where(spec: Spec, marker: Tilladelse) -> Span:
    return Span(spec.validated.source.file, marker.line, marker.column, len(marker.text))


def _known(spec: Spec, markers: list[Tilladelse]) -> dict[str, Severity]:
    """The severity of each code the tool has, as far as the markers need to know: the
    pipeline's codes and the spec's own kind's rules hold what a marker names, save a code of
    another kind; only then is every kind's model and rules loaded (the catalogue), which
    would be a third of an agenda's cold check."""
    from aktstykker_gen.catalogue import STAGE_CODES, entries

    known = {entry.code: entry.severity for entry in STAGE_CODES}
    known.update((rule.code, rule.severity) for rule in _own_kind(spec).rules.rules)
    if any(code not in known for marker in markers for code in marker.koder):
        known = {entry.code: entry.severity for entry in entries()}
    return known


def _own_kind(spec: Spec) -> Kind:
    """The kind whose model the spec is, found by the model's name: no other kind is imported."""
    from aktstykker_gen.kinds import KINDS

    model = type(spec.model)
    return next(k for k in KINDS.values() if k.model_at == f"{model.__module__}:{model.__qualname__}")


@rules.rule(UNUSED, "en tilladelse tillader en advarsel", Severity.WARNING, "prosa")
def marker_used(spec: Spec) -> Iterator[Finding]:
    """A marker that allows no warning on the lines it covers is left over from a figure since
    removed or moved, or stands on the wrong line; left in place it would silently allow the
    next such warning there. It is judged on the whole spec, whatever `--select` runs."""
    markers = [m for m in læst(spec) if m.koder and not m.i_tekst]
    if not markers:   # most specs: neither the catalogue nor any rule is loaded again
        return
    every_rule = _own_kind(spec).rules   # the spec's own kind's rules, run again
    known = _known(spec, markers)
    named = {c for m in markers for c in m.koder
             if known.get(c) is Severity.WARNING and c != UNUSED}
    found = every_rule.run(spec, named) if named else []
    for marker in markers:
        for code in marker.koder:
            if code in named and not any(d.code == code and marker.dækker(d) for d in found):
                yield Finding(f"tilladelsen af {code} tillader intet her",
                              _where(spec, marker),
                              details=(f"dækker linje {marker.first}" if marker.first == marker.last
                                       else f"dækker linje {marker.first}-{marker.last}",),
                              hint="slet tilladelsen, eller flyt den til linjen med advarslen")


@rules.rule("AKT631", "en tilladelse har formen # aktstykke: tillad AKTnnn", Severity.ERROR,
            "prosa")
def marker_form(spec: Spec) -> Iterator[Finding]:
    """A comment that begins `# aktstykke:` is meant as a marker; one without the marker's form
    (`tilad`, no code, `AKT62`) would allow nothing while the clerk believes it does."""
    for marker in læst(spec):
        if not marker.koder and not marker.i_tekst:
            yield Finding(f"'{marker.text}' har ikke en tilladelses form", _where(spec, marker),
                          hint=f"skriv {FORM}")


@rules.rule("AKT632", "en tilladelse nævner en kode, der findes", Severity.ERROR, "prosa")
def marker_codes_known(spec: Spec) -> Iterator[Finding]:
    """A marker naming a code the tool does not have (a misspelling, a code from another
    tool) allows nothing."""
    markers = læst(spec)
    known = _known(spec, markers) if markers else {}
    for marker in markers:
        for code in marker.koder:
            if code not in known and not marker.i_tekst:
                yield Finding(f"tilladelsen nævner {code}, som ikke findes",
                              _where(spec, marker),
                              hint="koderne står i 'aktstykke rules' og docs/rules.md")


@rules.rule("AKT633", "en tilladelse tillader kun advarsler", Severity.ERROR, "prosa")
def marker_allows_warnings(spec: Spec) -> Iterator[Finding]:
    """Only a warning may be allowed at one place: an error is a document that is wrong
    (amounts that disagree, a reference to nothing), whatever the marker says; nor can a
    marker allow the warning that it is itself unused."""
    markers = læst(spec)
    known = _known(spec, markers) if markers else {}
    for marker in markers:
        for code in marker.koder:
            if not marker.i_tekst and (known.get(code) is Severity.ERROR or code == UNUSED):
                yield Finding(f"{code} kan ikke tillades", _where(spec, marker),
                              details=(f"{code} er en fejl" if code != UNUSED else
                                       f"{UNUSED} siger, at en tilladelse ikke bruges",),
                              hint="ret det, fejlen peger på; kun advarsler kan tillades")


@rules.rule("AKT634", "en tilladelse står i en kommentar", Severity.ERROR, "prosa")
def marker_in_comment(spec: Spec) -> Iterator[Finding]:
    """`# aktstykke: tillad …` inside a text (a paragraph in a block, a quoted value) is part
    of the text: it allows nothing and would be printed in the document."""
    for marker in læst(spec):
        if marker.i_tekst:
            yield Finding("tilladelsen står inde i en tekst og ville blive trykt",
                          _where(spec, marker),
                          hint="sæt den som kommentar efter linjen med '>-' eller efter "
                               "værdien, uden for teksten")
