"""Dates: in order, and in agreement with the finansår and the folketingsår."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke.folketingsaar import folketingsår
from aktstykker_gen.kinds.aktstykke.rules.common import Spec
from aktstykker_gen.kinds.aktstykke.view import SIDER, lines
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()


@rules.rule("AKT501", "aktstykket er dateret før det er afgjort", Severity.ERROR, "datoer")
def dated_before_decided(spec: Spec) -> Iterator[Finding]:
    """Finansudvalget decides on an aktstykke after the minister has sent it."""
    model = spec.model
    if model.afgørelse and model.afgørelse.dato < model.dato:
        yield Finding(f"afgørelsen ({model.afgørelse.dato}) ligger før aktstykkets dato "
                      f"({model.dato})", spec.span(model.afgørelse, "dato"),
                      related=(spec.span(model, "dato"),),
                      hint="ret en af de to datoer")


@rules.rule("AKT502", "tabellernes år passer til finansåret", Severity.ERROR, "datoer")
def tables_in_finansår(spec: Spec) -> Iterator[Finding]:
    """The dispositions go on the tillægsbevilling of the finansår: they need amounts in that
    year, and no appropriation can be given for a year already past."""
    model = spec.model
    found = [(s, side, år) for h in model.udgifter + model.finansiering for s in lines(h)
             for side in SIDER for år in getattr(s, side)]
    if found and not any(år == model.finansår for _, _, år in found):
        yield Finding(f"ingen konto har et beløb i finansåret {model.finansår}",
                      spec.span(model, "finansår"),
                      related=tuple(spec.span(s, side, str(år)) for s, side, år in found[:3]),
                      hint="ret 'finansår', eller angiv beløbene under finansåret")
    for line, side, år in found:
        if år < model.finansår:
            yield Finding(f"beløbet står i {år}, før finansåret {model.finansår}",
                          spec.span(line, side, str(år)),
                          hint="et aktstykke disponerer i finansåret og de følgende år")


@rules.rule("AKT503", "finansåret er det år, aktstykket dateres", Severity.WARNING, "datoer")
def finansår_is_dated_year(spec: Spec) -> Iterator[Finding]:
    """Aktstykker ask for the current finansår; another year is most often a copied spec."""
    model = spec.model
    if model.finansår != model.dato.year:
        yield Finding(f"finansåret {model.finansår} er ikke dateringens år {model.dato.year}",
                      spec.span(model, "finansår"), related=(spec.span(model, "dato"),),
                      hint="ret 'finansår' eller 'dato'")


@rules.rule("AKT504", "folketingsåret passer til datoerne", Severity.WARNING, "datoer")
def plausible_folketingsår(spec: Spec) -> Iterator[Finding]:
    """A folketingsår begins the first Tuesday of October; an aktstykke sent just before may be
    numbered in the new one, so either the sending or the decision date may decide."""
    model = spec.model
    if model.folketingsår is None:
        return
    start, end = (int(part) for part in model.folketingsår.split("-"))
    span = spec.span(model, "folketingsår")
    if end != (start + 1) % 100:
        yield Finding(f"folketingsåret '{model.folketingsår}' er ikke to på hinanden følgende år",
                      span, hint=f"skriv {start}-{(start + 1) % 100:02d}")
        return
    days = [model.dato] + ([model.afgørelse.dato] if model.afgørelse else [])
    plausible = {folketingsår(day) for day in days}
    if model.folketingsår not in plausible:
        yield Finding(f"folketingsåret {model.folketingsår} passer ikke til datoerne",
                      span, details=("forventet " + " eller ".join(sorted(plausible)),),
                      related=(spec.span(model, "dato"),),
                      hint="et folketingsår begynder første tirsdag i oktober")


@rules.rule("AKT505", "nummer og folketingsår står sammen", Severity.WARNING, "datoer")
def number_with_session(spec: Spec) -> Iterator[Finding]:
    """Aktstykker are numbered per folketingsår: "Aktstykke nr. 291, Folketinget 2024-25"."""
    model = spec.model
    if model.nummer is not None and model.folketingsår is None:
        yield Finding("aktstykket har et nummer, men intet folketingsår",
                      spec.span(model, "nummer"), hint="angiv 'folketingsår:' (fx 2025-26)")
    if model.folketingsår is not None and model.nummer is None and model.bogstav is None:
        yield Finding("aktstykket har et folketingsår, men intet nummer",
                      spec.span(model, "folketingsår"), hint="angiv 'nummer:' eller slet begge")


# Finansudvalget decides days to weeks after an aktstykke is sent (it meets on Thursdays);
# one not decided by 31 December lapses as a rule (Budgetvejledningen 3.4.3).
SÆDVANLIG_BEHANDLING = datetime.timedelta(days=92)
HØJST_ET_ÅR = datetime.timedelta(days=366)


@rules.rule("AKT506", "afgørelsen ligger inden for et år efter aktstykket", Severity.ERROR,
            "datoer")
def decided_within_a_year(spec: Spec) -> Iterator[Finding]:
    """A decision more than a year after the aktstykke is dated is a typing slip (2052 for
    2025): the aktstykke would have lapsed long before."""
    model = spec.model
    if model.afgørelse and model.afgørelse.dato - model.dato > HØJST_ET_ÅR:
        yield Finding(f"afgørelsen ({model.afgørelse.dato}) ligger mere end et år efter "
                      f"aktstykkets dato ({model.dato})", spec.span(model.afgørelse, "dato"),
                      related=(spec.span(model, "dato"),), hint="ret en af de to datoer")


@rules.rule("AKT507", "afgørelsen følger kort efter aktstykket", Severity.WARNING, "datoer")
def decided_soon(spec: Spec) -> Iterator[Finding]:
    """Finansudvalget decides days to weeks after an aktstykke is sent, and one not decided by
    31 December of its finansår lapses as a rule; a later decision is unusual."""
    model = spec.model
    if model.afgørelse is None:
        return
    decided, span = model.afgørelse.dato, spec.span(model.afgørelse, "dato")
    waited = decided - model.dato
    if SÆDVANLIG_BEHANDLING < waited <= HØJST_ET_ÅR:
        yield Finding(f"afgørelsen ({decided}) ligger {waited.days} dage efter aktstykkets dato",
                      span, related=(spec.span(model, "dato"),),
                      hint="kontroller datoerne; udvalget afgør som regel sagen inden for få uger")
    elif waited <= SÆDVANLIG_BEHANDLING and model.dato.year <= model.finansår < decided.year:
        yield Finding(f"afgørelsen ({decided}) ligger efter udgangen af finansåret {model.finansår}",
                      span, related=(spec.span(model, "finansår"),),
                      hint="et aktstykke, der ikke er afgjort inden 31. december, bortfalder "
                           "som hovedregel; kontroller datoen og finansåret")


@rules.rule("AKT508", "aktstykket dateres i eller lige efter finansåret", Severity.ERROR, "datoer")
def dated_near_finansår(spec: Spec) -> Iterator[Finding]:
    """An aktstykke asks for the tillægsbevilling of its finansår, which is passed in the spring
    after it; a date two years or more from the finansår is a slip in one of them."""
    model = spec.model
    apart = model.dato.year - model.finansår
    if abs(apart) >= 2:
        yield Finding(f"aktstykkets dato ({model.dato}) ligger {abs(apart)} år "
                      f"{'efter' if apart > 0 else 'før'} finansåret {model.finansår}",
                      spec.span(model, "dato"), related=(spec.span(model, "finansår"),),
                      hint="ret 'dato' eller 'finansår'")
