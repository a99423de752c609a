"""Prose: it names amounts by reference to the data, never by writing them out, and nothing is
left marked UDFYLD."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen import formatting, udfyld
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke import tabeller
from aktstykker_gen.kinds.aktstykke.rules.common import (
    Spec,
    data_amounts,
    other_texts,
    pinpoint,
    prose,
    view_of,
)
from aktstykker_gen.kinds.aktstykke.view import HENVISNINGER, UnknownReference
from aktstykker_gen.references import malformed, references
from aktstykker_gen.rules import Finding, RuleSet
from aktstykker_gen.written_amounts import WrittenAmount, written_amounts

rules = RuleSet()

REFERENCES = ("{udgift}, {udgift:2026}, {udgift:2025-2026}, {finansiering}, {finansår}, "
              "{konto:16.71.08}, {konto:16.71.08:2026}, {kontonavn:16.71.08}, {modtager:id}, "
              "{modtager:id:2026}, {beløb:navn}, {finanslov:16.11.79.79:2025} (med --kontoplan); en "
              "enhed efter |: {udgift|mia}")


@rules.rule("AKT601", "prosa henviser kun til data, der findes", Severity.ERROR, "prosa")
def known_references(spec: Spec) -> Iterator[Finding]:
    """A reference resolves only against the spec's own data; anything else would print nothing.
    So does a year or span outside the data (`{udgift:2030}`, `{konto:16.71.08:2024-2026}` with
    no line in 2024), a span that does not run forwards (`{udgift:2026-2025}`), and a year or
    unit on what is not an amount (`{finansår|mia}`, `{beløb:loft:2026}`)."""
    view, named = view_of(spec), spec.model.beløb
    for piece in prose(spec):
        for reference in references(piece.text):
            if reference.namespace == "akt":
                continue  # a citation of another aktstykke: AKT142, which names the declared ones
            if reference.namespace == "finanslov":
                continue  # the export's figure: AKT314, which says what the export lacks
            if reference.namespace == "beløb" and reference.key in named and not reference.rest:
                continue  # a named amount whose parts name nothing: AKT621 says which part
            try:
                view.value(reference)
            except UnknownReference:
                yield Finding(f"henvisningen {reference} peger ikke på noget i specifikationen",
                              pinpoint(spec, piece.span, str(reference)),
                              hint=f"mulige henvisninger: {REFERENCES}")


@rules.rule("AKT602", "beløb skrives ikke direkte i prosa", Severity.WARNING, "prosa")
def no_literal_amounts(spec: Spec) -> Iterator[Finding]:
    """An amount typed into a text is a second copy of a fact; it drifts when the data changes,
    even if it matches today. (One that does not match the data is AKT606; in a
    tekstanmærkning, one that is not the ad-konto's is AKT403.)"""
    known = _known(spec)
    for span, written, _ in _written(spec):
        if written.value in known:
            yield Finding(f"beløbet '{written.text}' er skrevet direkte i teksten",
                          _where(spec, span, written),
                          hint="henvis til data i stedet, fx {konto:16.71.08} eller "
                               "{modtager:id}; andre beløb navngives under 'beløb:'")


@rules.rule("AKT606", "et skrevet beløb findes i data", Severity.ERROR, "prosa")
def written_amounts_agree(spec: Spec) -> Iterator[Finding]:
    """An amount written out in any text (a paragraph, a bullet, a name, formål, a påtegning),
    in any Danish form (`7 mio kr`, `kr. 7.000.000`, `syv mio. kr.`, `en halv mia. kr.`), must
    be one the data holds: an account's, a recipient's, a named amount, or a total of them.
    Otherwise the document states a figure nobody checks, or one the tables contradict."""
    known = _known(spec)
    for span, written, in_law in _written(spec):
        if not in_law and written.value not in known:
            yield Finding(f"beløbet '{written.text}' findes ikke i aktstykkets data",
                          _where(spec, span, written),
                          details=(f"læst som {formatting.number(written.value)} mio. kr.",),
                          hint="henvis til data, fx {udgift} eller {konto:16.71.08}; et "
                               "andet beløb navngives under 'beløb:' og nævnes som "
                               "{beløb:navn}")


@rules.rule("AKT607", "en henvisning har formen {navn} eller {navn:nøgle}", Severity.ERROR,
            "prosa")
def well_formed_references(spec: Spec) -> Iterator[Finding]:
    """A brace group that begins like a reference (`{udgift }`, `{Udgift}`, `{beløb:}`,
    `{udgift|mai}`, `{udgift:2025–2026}` with an en dash, `{konto:16.71.08:2026:}`) but is not
    one would be printed with its braces. Outside the prose
    (names, formål, påtegninger, signatories) no reference works, so none may stand there. A
    brace meant as text is written `\\{`."""
    for piece in prose(spec):
        for bad in malformed(piece.text, HENVISNINGER):
            yield Finding(f"'{bad.text}' ligner en henvisning, men har ikke formen {{navn}} "
                          "eller {navn:nøgle}", pinpoint(spec, piece.span, bad.text),
                          hint=f"mulige henvisninger: {REFERENCES} (små bogstaver, ingen "
                               "mellemrum); skal klammen stå i teksten, skriv \\{")
    for felt in other_texts(spec):
        shown = [str(r) for r in references(felt.text)] + \
            [bad.text for bad in malformed(felt.text, HENVISNINGER)]
        for text in shown:
            yield Finding(f"henvisninger virker ikke i '{felt.field}': '{text}' ville stå "
                          "med klammer", pinpoint(spec, felt.span, text),
                          hint="henvisninger virker kun i afsnittene, punkter og "
                               "tekstanmærkninger; skriv teksten ud her")


def _written(spec: Spec) -> list[tuple[Span | None, WrittenAmount, bool]]:
    """Every amount written out in any printed text, where it stands and whether in law text
    (a tekstanmærkning's): read once for the rules that judge them."""
    def read(spec: Spec) -> list[tuple[Span | None, WrittenAmount, bool]]:
        found = [(p.span, written, p.anmærkning is not None) for p in prose(spec)
                 for written in written_amounts(p.text)]
        return found + [(felt.span, written, False) for felt in other_texts(spec)
                        for written in written_amounts(felt.text)]
    return spec.once("written", read)


def _known(spec: Spec) -> set[Decimal]:
    return spec.once("data_amounts", data_amounts)


def _where(spec: Spec, span: Span | None, written: WrittenAmount) -> Span | None:
    """The whole amount where it stands on one line, else its first word."""
    found = pinpoint(spec, span, written.text)
    return found if found is not span else pinpoint(spec, span, written.text.split()[0])


@rules.rule("AKT603", "et navngivet beløb bruges", Severity.WARNING, "prosa")
def named_amounts_used(spec: Spec) -> Iterator[Finding]:
    """A named amount that no prose or table cell refers to is a fact nobody reads; often a
    misspelt reference. One that only ties its parts to the data (`svarer_til`) is a check,
    not a fact, and need not be printed."""
    cells = [v for _, _, t in tabeller.tabeller(spec.model) for r in t.rækker
             for v in r.værdier or [] if isinstance(v, str)]
    texts = [piece.text for piece in prose(spec)] + cells
    used = {r.key for text in texts for r in references(text) if r.namespace == "beløb"}
    for name, navngivet in spec.model.beløb.items():
        if name not in used and navngivet.svarer_til is None:
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


@rules.rule("AKT605", "intet står tilbage at udfylde", Severity.ERROR, "prosa")
def nothing_left_to_fill_in(spec: Spec) -> Iterator[Finding]:
    """A spec made by `aktstykke new` marks what the clerk must still write with UDFYLD; the
    mark may stand in a comment (a date, a number), so the spec's text is searched, not its data.
    The document is not finished while one is left."""
    yield from udfyld.tilbage(spec)
