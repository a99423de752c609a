"""Dispositions that move no new money, and citations of other aktstykker: what goes on the
tillægsbevilling agrees with what e says, and every citation is declared once and used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aktstykker_gen import formatting
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.folketingsaar import folketingsår
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, pinpoint, prose
from aktstykker_gen.kinds.aktstykke.uden_midler import (
    MÅNEDER,
    citations,
    on_tillægsbevilling,
    skrevne_citater,
)
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()


@rules.rule("AKT140", "afsnit e siger, hvorfor intet opføres på tillægsbevillingen",
            Severity.ERROR, "struktur")
def reason_without_tillægsbevilling(spec: Spec) -> Iterator[Finding]:
    """Where nothing goes on the tillægsbevilling, e must say why, by one of Budgetvejledningen
    3.5.5's three reasons: the expense is paid by an existing appropriation, it will be sought
    on a later bevillingslov, or the disposition has no expenses or income."""
    model = spec.model
    if model.orienterende or model.tekst.e is None or model.uden_tillægsbevilling:
        return
    moved = any(line.udgift or line.indtægt for h in model.udgifter + model.finansiering
                for u in h.underkonti for line in u.standardkonti)
    if not moved:  # amounts only in other years than the finansår are AKT502's
        yield Finding(f"intet opføres på tillægsbevillingen for {model.finansår}, men afsnit e "
                      "siger ikke hvorfor", spec.validated.source.keys.get(("tekst", "e")),
                      hint="angiv 'uden_tillægsbevilling: {grund: eksisterende bevilling}' (eller "
                           "senere bevillingslov, ingen udgifter)")


@rules.rule("AKT141", "allerede afsatte midler giver ingen tillægsbevilling", Severity.ERROR,
            "struktur")
def nothing_on_tillægsbevilling(spec: Spec) -> Iterator[Finding]:
    """Funds already appropriated put to another use, or a stated reason why nothing goes on
    the tillægsbevilling, contradict amounts on it: one of the two facts is wrong."""
    model = spec.model
    if (model.anvendelser or model.uden_tillægsbevilling) and on_tillægsbevilling(model):
        field = "uden_tillægsbevilling" if model.uden_tillægsbevilling else "anvendelser"
        yield Finding(f"'{field}' siger, at intet opføres på tillægsbevillingen, men konti har "
                      f"beløb i {model.finansår}", spec.span(model, field),
                      hint="slet beløbene i finansåret, eller slet "
                           f"'{field}', hvis der søges nye midler")


@rules.rule("AKT142", "et citeret aktstykke er erklæret", Severity.ERROR, "struktur")
def known_citations(spec: Spec) -> Iterator[Finding]:
    """`{akt:122}` and `erstatter:` name an aktstykke declared under `aktstykker:` with its
    number or letter and date; the document then prints it in Folketinget's form."""
    known = citations(spec.model)
    declared = ", ".join(known) or "ingen"
    for key, span in _uses(spec):
        if key not in known:
            yield Finding(f"aktstykket '{key}' er ikke erklæret under 'aktstykker'", span,
                          details=(f"erklærede: {declared}",),
                          hint=f"tilføj '- {{nr: {key}, dato: ÅÅÅÅ-MM-DD}}' under 'aktstykker:'")


@rules.rule("AKT143", "et erklæret aktstykke citeres", Severity.WARNING, "struktur")
def citations_used(spec: Spec) -> Iterator[Finding]:
    """A declared aktstykke that no text cites is a fact nobody reads; often a misspelt key."""
    used = {key for key, _ in _uses(spec)}
    for akt in spec.model.aktstykker:
        if akt.nøgle not in used:
            yield Finding(f"aktstykket '{akt.nøgle}' citeres ikke i teksten",
                          spec.span(akt, "nr" if akt.nr is not None else "dato"),
                          hint=f"henvis til det med {{akt:{akt.nøgle}}}, eller slet det")


@rules.rule("AKT147", "et citat af et aktstykke er en henvisning", Severity.WARNING, "struktur")
def typed_citations(spec: Spec) -> Iterator[Finding]:
    """"jf. akt. 281 af 26. juni 2025" typed in a text is a fact nobody checks: its date may be
    wrong or lie after this aktstykke (AKT520), and a replaced aktstykke is not known.
    Declared under `aktstykker:` and written `{akt:281}`, it is checked and printed in
    Folketinget's form."""
    known = citations(spec.model)
    for piece in prose(spec):
        after = None
        for found in skrevne_citater(piece.text):
            key = found["betegnelse"]
            where = _locate(spec, piece.span, found.group(0), after)
            after = where
            if key in known:
                hint = f"skriv {{akt:{key}}}: aktstykket er erklæret under 'aktstykker:'"
            else:
                field = "nr" if key.isdigit() else "bogstav"
                hint = (f"erklær det under 'aktstykker:' som '- {{{field}: {key}, dato: "
                        f"{_iso(found)}}}', og skriv {{akt:{key}}}")
            yield Finding(f"'{found.group(0)}' er skrevet som tekst, ikke som henvisning", where,
                          hint=hint)


def _iso(found: re.Match[str]) -> str:
    """The typed date as ÅÅÅÅ-MM-DD for the hint, or the placeholder when none is typed."""
    if found["år"] is None:
        return "ÅÅÅÅ-MM-DD"
    return f"{found['år']}-{MÅNEDER.index(found['måned']) + 1:02d}-{int(found['dag']):02d}"


def _locate(spec: Spec, span: Span | None, needle: str, after: Span | None) -> Span | None:
    """Where `needle` stands in the source at or after the text's start (after the previous
    finding in it, if any), its spaces matching a line break and indentation in a folded text;
    the text's span if it cannot be found."""
    if span is None:
        return None
    source = spec.validated.source.text
    lines = source.split("\n")
    begin = after or span
    offset = sum(len(line) + 1 for line in lines[:begin.line - 1]) + begin.column - 1
    if after is not None:
        offset += 1
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    found = re.compile(pattern).search(source, offset, offset + 20_000)
    if found is None:
        return span
    line = source.count("\n", 0, found.start()) + 1
    column = found.start() - (source.rfind("\n", 0, found.start()) + 1) + 1
    first = found.group(0).split("\n")[0]
    return Span(span.file, line, column, len(first))


def _uses(spec: Spec) -> Iterator[tuple[str, Span | None]]:
    for piece in prose(spec):
        for reference in references(piece.text):
            if reference.namespace == "akt" and reference.key:
                yield reference.key, pinpoint(spec, piece.span, str(reference))
    if spec.model.erstatter:
        yield spec.model.erstatter, spec.span(spec.model, "erstatter")


@rules.rule("AKT330", "en hjemmels konti findes i aktstykket", Severity.ERROR, "konti")
def hjemmel_accounts_known(spec: Spec) -> Iterator[Finding]:
    """A hjemmel names its accounts by number; their names come from the spec's accounts, so
    each must be one of them (udgifter or finansiering)."""
    model = spec.model
    known = {h.nr for h in model.udgifter + model.finansiering}
    for hjemmel in model.hjemler:
        for i, nr in enumerate(hjemmel.konti):
            if nr not in known:
                yield Finding(f"§ {nr} findes ikke blandt aktstykkets konti",
                              spec.span(hjemmel, "konti", i),
                              hint="ret nummeret, eller tilføj kontoen under 'udgifter'")


@rules.rule("AKT520", "et citeret aktstykke er ældre end dette", Severity.ERROR, "datoer")
def cited_before(spec: Spec) -> Iterator[Finding]:
    """An aktstykke can only cite one that exists: its date lies before this one's."""
    model = spec.model
    for akt in model.aktstykker:
        if akt.dato > model.dato:
            yield Finding(f"akt. {akt.betegnelse} er dateret "
                          f"{formatting.long_date(akt.dato)}, efter dette aktstykke "
                          f"({formatting.long_date(model.dato)})", spec.span(akt, "dato"),
                          related=(spec.span(model, "dato"),),
                          hint="ret datoen for det citerede aktstykke")


@rules.rule("AKT521", "et citeret aktstykke ligger i sit folketingsår", Severity.ERROR, "datoer")
def cited_in_its_folketingsår(spec: Spec) -> Iterator[Finding]:
    """A cited aktstykke's number counts within its folketingsår (from the first Tuesday of
    October); a date outside the stated year means the number, the date or the year is wrong."""
    for akt in spec.model.aktstykker:
        if akt.folketingsår and akt.folketingsår != folketingsår(akt.dato):
            yield Finding(f"akt. {akt.betegnelse} af {formatting.long_date(akt.dato)} ligger i "
                          f"folketingsåret {folketingsår(akt.dato)}, ikke {akt.folketingsår}",
                          spec.span(akt, "folketingsår"),
                          related=(spec.span(akt, "dato"),),
                          hint="ret datoen eller folketingsåret")


@rules.rule("AKT144", "et citeret aktstykke har nummer eller bogstav", Severity.ERROR, "struktur")
def number_or_letter(spec: Spec) -> Iterator[Finding]:
    """Folketinget numbers a public aktstykke and letters a confidential one; a citation with
    both, or neither, cannot be printed."""
    for akt in spec.model.aktstykker:
        if (akt.nr is None) == (akt.bogstav is None):
            yield Finding("et citeret aktstykke skal have enten 'nr' eller 'bogstav'",
                          spec.span(akt, "dato"),
                          hint="skriv 'nr: 122' for et offentligt aktstykke, 'bogstav: H' for et "
                               "fortroligt")


@rules.rule("AKT145", "citerede aktstykker har hver sin nøgle", Severity.ERROR, "struktur")
def unique_citation_keys(spec: Spec) -> Iterator[Finding]:
    """`{akt:122}` must name one aktstykke; numbers restart each folketingsår, so two with one
    number need an `id` each."""
    seen: dict[str, Span | None] = {}
    for akt in spec.model.aktstykker:
        span = spec.span(akt, "id" if akt.id else "nr" if akt.nr is not None else "bogstav")
        if akt.nøgle in seen:
            yield Finding(f"to citerede aktstykker har nøglen '{akt.nøgle}'", span,
                          related=(seen[akt.nøgle],),
                          hint="giv dem hver sit 'id', fx akt122-2019")
        seen.setdefault(akt.nøgle, span)


@rules.rule("AKT146", "lånerammens periode går frem i tid", Severity.ERROR, "struktur")
def låneramme_period(spec: Spec) -> Iterator[Finding]:
    """The period "fra (årstal) til (årstal)" begins before or in the year it ends, and a
    change of nothing is no disposition."""
    låneramme = spec.model.låneramme
    if låneramme and (låneramme.fra > låneramme.til or låneramme.ændring == 0):
        fejl = "slutter før den begynder" if låneramme.fra > låneramme.til else "ændrer intet"
        yield Finding(f"lånerammen fra {låneramme.fra} til {låneramme.til} {fejl}",
                      spec.span(låneramme, "fra"),
                      hint="perioden skal begynde senest det år, den slutter, og ændringen må "
                           "ikke være 0")
