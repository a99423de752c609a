"""Prose: it names amounts by reference to the data, never by writing them out, and nothing is
left marked UDFYLD."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, literal_amounts, pinpoint, prose
from aktstykker_gen.kinds.aktstykke.view import AktstykkeView, UnknownReference
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()

REFERENCES = ("{udgift}, {finansiering}, {finansår}, {konto:16.71.08}, {kontonavn:16.71.08}, "
              "{modtager:id}, {beløb:navn}")


@rules.rule("AKT601", "prosa henviser kun til data, der findes", Severity.ERROR, "prosa")
def known_references(spec: Spec) -> Iterator[Finding]:
    """A reference resolves only against the spec's own data; anything else would print nothing."""
    view = AktstykkeView(spec.model)
    for piece in prose(spec):
        for reference in references(piece.text):
            try:
                view.value(reference)
            except UnknownReference:
                yield Finding(f"henvisningen {reference} peger ikke på noget i specifikationen",
                              pinpoint(spec, piece.span, str(reference)),
                              hint=f"mulige henvisninger: {REFERENCES}")


@rules.rule("AKT602", "beløb skrives ikke direkte i prosa", Severity.WARNING, "prosa")
def no_literal_amounts(spec: Spec) -> Iterator[Finding]:
    """An amount typed into prose is a second copy of a fact; it drifts when the data changes,
    even if it matches today."""
    for piece in prose(spec):
        for literal in literal_amounts(piece.text):
            yield Finding(f"beløbet '{literal.text}' er skrevet direkte i teksten",
                          pinpoint(spec, piece.span, literal.text.split()[0]),
                          hint="henvis til data i stedet, fx {konto:16.71.08} eller "
                               "{modtager:id}; andre beløb navngives under 'beløb:'")


@rules.rule("AKT603", "et navngivet beløb bruges", Severity.WARNING, "prosa")
def named_amounts_used(spec: Spec) -> Iterator[Finding]:
    """A named amount that no prose refers to is a fact nobody reads; often a misspelt reference."""
    used = {r.key for piece in prose(spec) for r in references(piece.text) if r.namespace == "beløb"}
    for name in spec.model.beløb:
        if name not in used:
            yield Finding(f"beløbet '{name}' bruges ikke i teksten",
                          spec.validated.source.keys.get(("beløb", name)),
                          hint=f"henvis til det med {{beløb:{name}}}, eller slet det")


@rules.rule("AKT604", "modtagere har hver sit id", Severity.ERROR, "prosa")
def unique_recipient_ids(spec: Spec) -> Iterator[Finding]:
    """Prose names a recipient by id: {modtager:amgros}; two with one id make it ambiguous."""
    seen: dict[str, Span | None] = {}
    for modtager in spec.model.modtagere:
        if modtager.id in seen:
            yield Finding(f"to modtagere har id'et '{modtager.id}'", spec.span(modtager, "id"),
                          related=(seen[modtager.id],), hint="giv hver modtager sit eget id")
        seen.setdefault(modtager.id, spec.span(modtager, "id"))


# `aktstykke new` marks each place to fill in with the word UDFYLD (scaffold.py), in a text or in
# a comment, followed by what goes there, to the end of the line, a ']', a '#' or a quote:
# "UDFYLD sagens titel", "# UDFYLD: aktstykkets dato", "[UDFYLD: formålet] …".
UDFYLD = re.compile(r"\bUDFYLD\b:?\s*([^#\]\"'\n]*)")


@rules.rule("AKT605", "intet står tilbage at udfylde", Severity.ERROR, "prosa")
def nothing_left_to_fill_in(spec: Spec) -> Iterator[Finding]:
    """A spec made by `aktstykke new` marks what the clerk must still write with UDFYLD; the
    mark may stand in a comment (a date, a number), so the spec's text is searched, not its data.
    The document is not finished while one is left."""
    source = spec.validated.source
    for number, line in enumerate(source.text.split("\n"), start=1):
        for mark in UDFYLD.finditer(line):
            what = mark[1].strip()
            yield Finding(f"skal udfyldes: {what}" if what else "her står UDFYLD",
                          Span(source.file, number, mark.start() + 1, len("UDFYLD")),
                          hint="skriv det, der mangler, og slet UDFYLD")
