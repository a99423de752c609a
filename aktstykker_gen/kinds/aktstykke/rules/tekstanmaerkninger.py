"""Text annotations: law text that must name an account the aktstykke touches, and its amounts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen import formatting
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.model import Hovedkonto, Modtager, Tekstanmærkning
from aktstykker_gen.kinds.aktstykke.paragraffer import paragraffer, same_ministry
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, pinpoint, view_of
from aktstykker_gen.kinds.aktstykke.view import UnknownReference, net
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet
from aktstykker_gen.written_amounts import written_amounts

rules = RuleSet()


def _touched(spec: Spec) -> dict[str, Hovedkonto]:
    return {h.nr: h for h in spec.model.udgifter + spec.model.finansiering}


@rules.rule("AKT401", "tekstanmærkningen står ad en konto, aktstykket berører", Severity.ERROR,
            "tekstanmærkninger")
def ad_account_touched(spec: Spec) -> Iterator[Finding]:
    """A tekstanmærkning is printed under the account it is 'ad'; that account must be one the
    aktstykke moves money on, or the annotation belongs in another aktstykke."""
    touched = _touched(spec)
    for anmærkning in spec.model.tekstanmærkninger:
        if anmærkning.ad not in touched:
            yield Finding(f"tekstanmærkning nr. {anmærkning.nr} står ad § {anmærkning.ad}, "
                          "som aktstykket ikke berører", spec.span(anmærkning, "ad"),
                          details=("aktstykkets konti: " + ", ".join(sorted(touched)),)
                          if touched else (),
                          hint="ret 'ad' til den konto, tekstanmærkningen hører til")


@rules.rule("AKT402", "tekstanmærkningens nummer står én gang i sin gruppe", Severity.ERROR,
            "tekstanmærkninger")
def unique_numbers(spec: Spec) -> Iterator[Finding]:
    """Numbers continue the finanslov's within each group; one number twice is two laws in one."""
    seen: dict[tuple[str, int], Tekstanmærkning] = {}
    for anmærkning in spec.model.tekstanmærkninger:
        first = seen.setdefault((anmærkning.gruppe.value, anmærkning.nr), anmærkning)
        if first is not anmærkning:
            yield Finding(f"tekstanmærkning nr. {anmærkning.nr} står to gange under "
                          f"'{anmærkning.gruppe.value}'", spec.span(anmærkning, "nr"),
                          related=(spec.span(first, "nr"),),
                          hint="giv den det næste ledige nummer i gruppen")


@rules.rule("AKT403", "beløb i en tekstanmærkning er ad-kontoens", Severity.ERROR,
            "tekstanmærkninger")
def amounts_agree(spec: Spec) -> Iterator[Finding]:
    """An amount named in a tekstanmærkning is that of the account it stands ad, or of one of
    that account's recipients (whose sum AKT202 checks), whether referred to or written out."""
    model, view, touched = spec.model, view_of(spec), _touched(spec)
    by_account: dict[str, list[Modtager]] = {}
    for modtager in model.modtagere:
        by_account.setdefault(modtager.konto, []).append(modtager)
    ids = {m.id for m in model.modtagere}
    for anmærkning in model.tekstanmærkninger:
        account = touched.get(anmærkning.ad)
        if account is None:
            continue
        own = view.hovedkonto_beløb(account)
        shares = {m.id: m.beløb.get(model.finansår) for m in by_account.get(anmærkning.ad, [])}
        accepted = {abs(own), abs(net([account], model.finansår)),
                    *(v for v in shares.values() if v is not None)}
        for j, stk in enumerate(anmærkning.stk):
            span = spec.span(anmærkning, "stk", j)
            for reference in references(stk):
                if reference.namespace in ("konto", "kontonavn") and reference.key in touched:
                    if reference.key != anmærkning.ad:
                        yield _mismatch(anmærkning, pinpoint(spec, span, str(reference)),
                                        f"nævner {reference}, ikke ad-kontoen", own)
                    continue
                if reference.namespace == "modtager":
                    if reference.key not in shares and reference.key in ids:
                        yield _mismatch(anmærkning, pinpoint(spec, span, str(reference)),
                                        f"nævner {reference}, som ikke betales fra ad-kontoen", own)
                    continue
                try:
                    value = view.value(reference)
                except UnknownReference:
                    continue  # AKT601 reports it
                if isinstance(value, Decimal) and value not in accepted:
                    yield _mismatch(anmærkning, pinpoint(spec, span, str(reference)),
                                    f"nævner {reference} = {formatting.number(value)} mio. kr.", own)
            for written in written_amounts(stk):
                if written.value not in accepted:
                    yield _mismatch(anmærkning, pinpoint(spec, span, written.text.split()[0]),
                                    f"nævner '{written.text}'", own)


def _mismatch(anmærkning: Tekstanmærkning, span: Span | None, what: str, own: Decimal) -> Finding:
    return Finding(
        f"tekstanmærkning nr. {anmærkning.nr} {what}",
        span,
        details=(f"forventet {formatting.number(own)} mio. kr. (§ {anmærkning.ad} i finansåret)",),
        hint=f"henvis til kontoens beløb med {{konto:{anmærkning.ad}}}")


@rules.rule("AKT404", "tekstanmærkningen står under afsenderens paragraf", Severity.WARNING,
            "tekstanmærkninger")
def under_own_paragraf(spec: Spec) -> Iterator[Finding]:
    """The request places each tekstanmærkning "under § 16. Indenrigs- og Sundhedsministeriet",
    naming the ministry that owns the § (data/paragraffer.csv), not the one that sends the
    aktstykke. A ministry may move money on other ministries' §§ (akt. 283 of 2020-21 does), but
    law text under another ministry's § is unusual, and often a slip in 'ad' or a ministry
    renamed since the list was made."""
    model = spec.model
    for anmærkning in model.tekstanmærkninger:
        nr = anmærkning.ad[:2]
        owner = paragraffer().get(nr)
        if owner and "ministeri" in owner.casefold() \
                and not same_ministry(owner, model.ministerium):
            yield Finding(f"tekstanmærkning nr. {anmærkning.nr} står under § {nr}. {owner}, "
                          f"ikke under afsenderen {model.ministerium}", spec.span(anmærkning, "ad"),
                          related=(spec.span(model, "ministerium"),),
                          hint=f"aktstykket placerer den under § {nr}. {owner}; er det ikke "
                               "meningen, så ret 'ad' eller 'ministerium'")
