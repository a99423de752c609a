"""The aktstykke's consistency rules.

This is the minimal set the pipeline needs to refuse a wrong document:
expenses must equal their financing and recipients their account, prose
may only name values the spec holds, and a generated block needs data. The full rule set
(structure, accounts, annotations, dates) grows here.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen import formatting
from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Hovedkonto,
    Indsættelse,
    Modtager,
    Punkter,
)
from aktstykker_gen.kinds.aktstykke.view import (
    AktstykkeView,
    UnknownReference,
    lines,
    net,
    total,
    years,
)
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet
from aktstykker_gen.validation import Validated

rules = RuleSet()

Spec = Validated[Aktstykke]


@rules.rule("AKT101", "udgifter og finansiering stemmer overens", Severity.ERROR, "totals")
def balance(spec: Spec) -> Iterator[Finding]:
    """Like double-entry bookkeeping: the expenses and their financing are typed separately."""
    model = spec.model
    for år in sorted(set(years(model)) | set(model.nettoændring)):
        expenses, financing = net(model.udgifter, år), -net(model.finansiering, år)
        intended = model.nettoændring.get(år, Decimal(0))
        if expenses - financing == intended:
            continue
        financing_lines = [(s, side) for h in model.finansiering for s in lines(h)
                           for side in ("udgift", "indtægt") if år in getattr(s, side)]
        expense_lines = [(s, side) for h in model.udgifter for s in lines(h)
                         for side in ("udgift", "indtægt") if år in getattr(s, side)]
        culprit = financing_lines[0] if financing_lines else None
        span = spec.span(culprit[0], culprit[1], str(år)) if culprit else spec.span(model)
        difference = expenses - financing - intended
        yield Finding(
            f"udgifterne i {år} er ikke finansieret: udgifter og finansiering er forskellige",
            span,
            details=(f"udgifter {formatting.number(expenses)} / finansiering "
                     f"{formatting.number(financing)} / difference "
                     f"{formatting.number(difference)} mio. kr.",
                     *([f"tilsigtet nettoændring {formatting.number(intended)}"] if intended else [])),
            hint="ret finansieringen eller den udgift, der er forkert; "
                 "er nettoændringen tilsigtet, så angiv den under 'nettoændring'",
            related=tuple(spec.span(s, side, str(år)) for s, side in expense_lines))


@rules.rule("AKT102", "prosa henviser kun til data, der findes", Severity.ERROR, "prose")
def known_references(spec: Spec) -> Iterator[Finding]:
    view = AktstykkeView(spec.model)
    for text, span in _prose(spec):
        for reference in references(text):
            try:
                view.resolve(reference)
            except UnknownReference:
                yield Finding(
                    f"henvisningen {reference} peger ikke på noget i specifikationen", span,
                    hint="mulige henvisninger: {udgift}, {finansiering}, {finansår}, "
                         "{konto:16.71.08}, {kontonavn:16.71.08}, {modtager:id}, {beløb:navn}")


@rules.rule("AKT103", "en indsat blok har data at vise", Severity.ERROR, "structure")
def inserted_blocks_have_data(spec: Spec) -> Iterator[Finding]:
    model = spec.model
    in_finansår = any(model.finansår in getattr(s, side) for h in model.finansiering
                      for s in lines(h) for side in ("udgift", "indtægt"))
    available = {
        "kontoliste": bool(model.udgifter),
        "finansiering": in_finansår,
        "specifikation": bool(model.udgifter or model.finansiering),
        "forslag": bool(model.udgifter or model.finansiering),
        "flerårsoversigt": bool(model.udgifter or model.finansiering),
        "tekstanmærkninger": bool(model.tekstanmærkninger),
    }
    for letter, blocks in model.tekst:
        for i, block in enumerate(blocks or ()):
            if isinstance(block, Indsættelse) and not available[block.indsæt]:
                yield Finding(
                    f"'{block.indsæt}' kan ikke indsættes: specifikationen har ingen data til den",
                    spec.span(model.tekst, letter, i),
                    hint="tilføj data (udgifter, finansiering eller tekstanmærkninger) "
                         "eller fjern blokken")


@rules.rule("AKT104", "hver hovedkonto står én gang", Severity.ERROR, "accounts")
def unique_hovedkonti(spec: Spec) -> Iterator[Finding]:
    seen: dict[str, Hovedkonto] = {}
    for hovedkonto in spec.model.udgifter + spec.model.finansiering:
        first = seen.setdefault(hovedkonto.nr, hovedkonto)
        if first is not hovedkonto:
            yield Finding(
                f"§ {hovedkonto.nr} står mere end én gang under udgifter og finansiering",
                spec.span(hovedkonto, "nr"), related=(spec.span(first, "nr"),),
                hint="saml kontoens underkonti og standardkonti under én hovedkonto")


@rules.rule("AKT105", "modtagernes beløb svarer til kontoen, de betales fra", Severity.ERROR,
            "totals")
def recipients_match_their_account(spec: Spec) -> Iterator[Finding]:
    """Allocations to recipients are typed separately from the account, and must add up to it."""
    model = spec.model
    hovedkonti = {h.nr: h for h in model.udgifter + model.finansiering}
    by_account: dict[str, list[Modtager]] = {}
    for modtager in model.modtagere:
        if modtager.konto not in hovedkonti:
            yield Finding(f"modtageren '{modtager.id}' betales fra § {modtager.konto}, "
                          "som ikke er blandt aktstykkets konti", spec.span(modtager, "konto"),
                          hint="ret kontonummeret eller tilføj kontoen under udgifter")
            continue
        by_account.setdefault(modtager.konto, []).append(modtager)
    for nr, modtagere in by_account.items():
        hovedkonto = hovedkonti[nr]
        for år in sorted({år for m in modtagere for år in m.beløb}):
            allocated = sum((m.beløb.get(år, Decimal(0)) for m in modtagere), Decimal(0))
            account = total([hovedkonto], "udgift", år)
            if allocated == account:
                continue
            amount_lines = [s for s in lines(hovedkonto) if år in s.udgift]
            yield Finding(
                f"modtagerne af § {nr} får i {år} ikke det, kontoen giver",
                spec.span(modtagere[-1], "beløb", str(år)),
                details=(f"konto {formatting.number(account)} / modtagere "
                         f"{formatting.number(allocated)} / difference "
                         f"{formatting.number(allocated - account)} mio. kr.",),
                hint="ret den modtager eller den kontolinje, der er forkert",
                related=tuple(spec.span(m, "beløb", str(år)) for m in modtagere[:-1])
                + tuple(spec.span(s, "udgift", str(år)) for s in amount_lines))


def _prose(spec: Spec) -> Iterator[tuple[str, object]]:
    model = spec.model
    for letter, blocks in model.tekst:
        for i, block in enumerate(blocks or ()):
            if isinstance(block, str):
                yield block, spec.span(model.tekst, letter, i)
            elif isinstance(block, Punkter):
                for j, item in enumerate(block.punkter):
                    yield item, spec.span(model.tekst, letter, i, "punkter", j)
    for anmærkning in model.tekstanmærkninger:
        for j, stk in enumerate(anmærkning.stk):
            yield stk, spec.span(anmærkning, "stk", j)
