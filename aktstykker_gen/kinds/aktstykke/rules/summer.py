"""Totals: typed facts that must agree, checked like double-entry bookkeeping.

Expenses and their financing are typed separately, and so are recipients and
the account they are paid from. When two facts disagree, the diagnostic points
at the one most likely wrong: the one the *other* facts do not back up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cache, partial

from aktstykker_gen import formatting
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Hovedkonto, Indsættelse, Modtager
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, amounts, pinpoint, prose
from aktstykker_gen.kinds.aktstykke.view import SIDER, in_year, lines, net, total, years
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()
ZERO = Decimal(0)


def _figures(**named: Decimal) -> str:
    return " / ".join(f"{name} {formatting.number(value)}" for name, value in named.items()) \
        + " mio. kr."


def imbalance(model: Aktstykke, år: int) -> Decimal:
    """Expenses minus financing minus the intended net change: 0 when the year balances."""
    return net(model.udgifter, år) + net(model.finansiering, år) - model.nettoændring.get(år, ZERO)


def recipients(model: Aktstykke) -> dict[str, list[Modtager]]:
    by_account: dict[str, list[Modtager]] = {}
    for modtager in model.modtagere:
        by_account.setdefault(modtager.konto, []).append(modtager)
    return by_account


def recipient_gap(by_account: dict[str, list[Modtager]], hovedkonto: Hovedkonto,
                  år: int) -> Decimal:
    """The account's expense minus what its recipients get (0 without recipients that year);
    `by_account` is `recipients(model)`, found once for all accounts."""
    paid = [m.beløb[år] for m in by_account.get(hovedkonto.nr, []) if år in m.beløb]
    return total([hovedkonto], "udgift", år) - sum(paid, ZERO) if paid else ZERO


def _line_spans(spec: Spec, hovedkonti: Iterable[Hovedkonto], år: int) -> list[Span | None]:
    return [spec.span(s, side, str(år)) for h in hovedkonti for s in lines(h)
            for side in SIDER if år in getattr(s, side)]


@rules.rule("AKT201", "udgifter og finansiering stemmer overens", Severity.ERROR, "summer")
def balance(spec: Spec) -> Iterator[Finding]:
    """Per finansår, expenses minus financing equal the stated net change (0 unless stated).

    Points at an expense line when that account also disagrees with its recipients by
    the same amount (two facts against one), otherwise at the financing.
    """
    model, by_account = spec.model, recipients(spec.model)
    for år in sorted(set(years(model)) | set(model.nettoændring)):
        difference = imbalance(model, år)
        if difference == 0:
            continue
        expenses, financing = net(model.udgifter, år), -net(model.finansiering, år)
        intended = model.nettoændring.get(år, ZERO)
        suspects = [h for h in model.udgifter if recipient_gap(by_account, h, år) == difference]
        stated = [spec.span(model, "nettoændring", str(år))] if år in model.nettoændring else []
        culprits = (_line_spans(spec, suspects[:1], år) or [s for s in stated if s]
                    or _line_spans(spec, model.finansiering, år))
        span = culprits[0] if culprits else spec.span(model, "finansiering")
        involved = _line_spans(spec, model.udgifter + model.finansiering, år) + [
            s for s in stated if s]
        yield Finding(
            f"udgifterne i {år} svarer ikke til finansieringen",
            span,
            details=(_figures(udgifter=expenses, finansiering=financing, difference=difference),
                     *([f"tilsigtet nettoændring {formatting.number(intended)} mio. kr."]
                       if intended else [])),
            hint="ret den linje, der er forkert; er nettoændringen tilsigtet, så angiv den "
                 "under 'nettoændring'" if suspects else
                 "ret finansieringen eller den udgift, der er forkert; er nettoændringen "
                 "tilsigtet, så angiv den under 'nettoændring'",
            related=tuple(s for s in involved if s != span))


@rules.rule("AKT202", "modtagernes beløb svarer til kontoen, de betales fra", Severity.ERROR,
            "summer")
def recipients_match_their_account(spec: Spec) -> Iterator[Finding]:
    """Allocations to recipients are typed apart from the account and must add up to it.

    Points at the account's line when the year's balance is off by the same amount
    (the financing backs the recipients), otherwise at the recipients.
    """
    model = spec.model
    hovedkonti = {h.nr: h for h in model.udgifter + model.finansiering}
    by_account, year_imbalance = recipients(model), cache(lambda år: imbalance(model, år))
    for modtager in model.modtagere:
        if modtager.konto not in hovedkonti:
            yield Finding(f"modtageren '{modtager.id}' betales fra § {modtager.konto}, "
                          "som ikke er blandt aktstykkets konti", spec.span(modtager, "konto"),
                          hint="ret kontonummeret eller tilføj kontoen under udgifter")
    for nr, modtagere in by_account.items():
        if nr not in hovedkonti:
            continue
        hovedkonto = hovedkonti[nr]
        for år in sorted({år for m in modtagere for år in m.beløb}):
            gap = recipient_gap(by_account, hovedkonto, år)
            if gap == 0:
                continue
            paid = [m for m in modtagere if år in m.beløb]
            account_lines = [spec.span(s, "udgift", str(år)) for s in lines(hovedkonto)
                             if år in s.udgift]
            recipient_lines = [spec.span(m, "beløb", str(år)) for m in reversed(paid)]
            account_wrong = account_lines and year_imbalance(år) == gap
            ordered = account_lines + recipient_lines if account_wrong \
                else recipient_lines + account_lines
            account = total([hovedkonto], "udgift", år)
            yield Finding(
                f"modtagerne af § {nr} får i {år} ikke det, kontoen giver",
                ordered[0],
                details=(_figures(kontoen=account, modtagerne=account - gap, difference=-gap),),
                hint="ret kontolinjen; finansieringen følger modtagerne" if account_wrong
                else "ret den modtager eller den kontolinje, der er forkert",
                related=tuple(ordered[1:]))


@rules.rule("AKT203", "finansieringen nedbringer udgifterne", Severity.ERROR, "summer")
def financing_reduces(spec: Spec) -> Iterator[Finding]:
    """Financing is a negative expense (a reserve released) or a positive income; a sign slip
    would double the expense instead of paying for it."""
    model = spec.model
    for hovedkonto in model.finansiering:
        for år in sorted({år for s in lines(hovedkonto) for side in SIDER for år in getattr(s, side)}):
            if net([hovedkonto], år) > 0:
                yield Finding(
                    f"§ {hovedkonto.nr} øger udgifterne i {år} i stedet for at finansiere dem",
                    _line_spans(spec, [hovedkonto], år)[0],
                    details=(_figures(nettoudgift=net([hovedkonto], år)),),
                    hint="en reserve, der frigives, skrives som negativ udgift (-30,0); "
                         "en merindtægt som positiv indtægt")


@rules.rule("AKT204", "viste dele summer til den viste total", Severity.WARNING, "summer")
def rounding(spec: Spec) -> Iterator[Finding]:
    """With amounts finer than 0,1 mio. kr., the rounded lines a table shows may not add up to
    its rounded total; the reader sees a sum that does not hold."""
    model = spec.model
    for år in years(model):
        for side in SIDER:
            groups = [(h, [s for s in lines(h) if år in getattr(s, side)])
                      for h in model.udgifter + model.finansiering]
            groups = [(h, found) for h, found in groups if found]
            for h, found in groups:
                parts = [getattr(s, side)[år] for s in found]
                yield from _compare(f"§ {h.nr}, {side} {år}", parts,
                                    partial(_line_spans, spec, [h], år))
            for hovedkonti, label in ((model.udgifter, "udgifterne"),
                                      (model.finansiering, "finansieringen")):
                members = {id(h) for h in hovedkonti}   # by identity: `in` a list is O(N)
                parts = [total([h], side, år) for h, _ in groups if id(h) in members]
                if len(parts) > 1:
                    yield from _compare(f"{label} i alt, {side} {år}", parts,
                                        partial(_line_spans, spec, hovedkonti, år))


def _compare(label: str, parts: list[Decimal],
             where: Callable[[], list[Span | None]]) -> Iterator[Finding]:
    """A finding if the rounded parts do not add up to the rounded total; `where` gives the
    lines' positions, looked up only then (for 10.000 accounts, most of the rule's time)."""
    shown_total = formatting.round_half_up(sum(parts, ZERO))
    shown_parts = sum((formatting.round_half_up(p) for p in parts), ZERO)
    if shown_total != shown_parts and (spans := where()):
        yield Finding(
            f"{label}: de viste beløb summer ikke til den viste total",
            spans[0],
            details=(_figures(**{"vist total": shown_total, "sum af viste dele": shown_parts}),),
            hint="skriv beløbene med én decimal, så tabellens linjer summer til totalen",
            related=tuple(spans[1:]))


@rules.rule("AKT205", "en kontolinje har et beløb", Severity.WARNING, "summer")
def line_has_amount(spec: Spec) -> Iterator[Finding]:
    """A standardkonto line with no amount, or only zeros, shows an empty row in the tables."""
    for hovedkonto in spec.model.udgifter + spec.model.finansiering:
        for line in lines(hovedkonto):
            values = [*line.udgift.values(), *line.indtægt.values()]
            if not any(values):
                yield Finding(f"standardkonto {line.nr} under § {hovedkonto.nr} har intet beløb",
                              spec.span(line, "nr"),
                              hint="angiv 'udgift' eller 'indtægt' pr. finansår, eller slet linjen")


# No aktstykke moves 100 mia. kr. on one line: the largest expense hovedkonto on finansloven
# for 2025 is § 17.64.01 Folkepension at 178.444,9 mio. kr., and an aktstykke changes an
# appropriation, it does not restate it. An amount typed in kroner (200.000 for 0,2 mio. kr.)
# lands above this for any amount from 0,1 mio. kr., the smallest the tables show.
PLAUSIBLE = Decimal(100_000)


@rules.rule("AKT206", "beløbet kan stå i et aktstykke", Severity.WARNING, "summer")
def plausible_amount(spec: Spec) -> Iterator[Finding]:
    """Amounts are in mio. kr.; one of 100.000 mio. kr. (100 mia. kr.) or more is larger than
    any appropriation an aktstykke changes, and most often an amount typed in kroner."""
    for sted in amounts(spec.model):
        value = sted.value
        if abs(value) >= PLAUSIBLE:
            yield Finding(
                f"beløbet {formatting.number(value)} mio. kr. er større end noget aktstykke "
                "rummer", spec.span(sted.owner, *sted.parts),
                details=(f"skrevet i kroner ville det være {formatting.number(value / 10**6)} "
                         "mio. kr.",),
                hint="beløb angives i mio. kr.; er det skrevet i kroner? 200.000 kr. skrives 0,2")
@rules.rule("AKT207", "en modtager får et positivt beløb", Severity.ERROR, "summer")
def recipients_receive(spec: Spec) -> Iterator[Finding]:
    """An allocation is money a recipient receives. A negative one lets the others' allocations
    exceed the account while the sum still agrees (AKT202 sees only the sum), and prose would
    print "Der afsættes -2,8 mio. kr. til …"."""
    for modtager in spec.model.modtagere:
        for år, value in modtager.beløb.items():
            if value < 0:
                yield Finding(f"modtageren '{modtager.id}' får et negativt beløb i {år}",
                              spec.span(modtager, "beløb", str(år)),
                              details=(_figures(modtageren=value),),
                              hint=f"fordel beløbet på § {modtager.konto} på modtagerne med "
                                   "positive beløb; en modtager, der intet får, slettes")


@rules.rule("AKT208", "en udgiftskonto tilføres et beløb", Severity.ERROR, "summer")
def expense_accounts_add(spec: Spec) -> Iterator[Finding]:
    """Each account under udgifter is listed as receiving its net ("17,0 mio. kr. til § …") and
    named in the request ("der tilføres … til § …"). A negative net (a reserve typed under
    udgifter) would print "-30,0 mio. kr. til" and cut the total the sentences state to what the
    accounts get minus the reserve; amounts that cancel out in the finansår would ask to add
    nothing. (An amount of 0 typed for the finansår is shown as typed and left out of the
    request.)"""
    model = spec.model
    for hovedkonto in model.udgifter:
        for år in sorted({år for s in lines(hovedkonto) for side in SIDER
                          for år in getattr(s, side)}):
            value = net([hovedkonto], år)
            if value < 0:
                yield Finding(f"§ {hovedkonto.nr} står under udgifter, men nedbringer udgifterne "
                              f"i {år}", _line_spans(spec, [hovedkonto], år)[0],
                              details=(_figures(nettoudgift=value),),
                              hint="en reserve eller en anden konto, der finansierer udgifterne, "
                                   "står under 'finansiering'")
            elif value == 0 and år == model.finansår and any(
                    getattr(s, side).get(år) for s in lines(hovedkonto) for side in SIDER):
                yield Finding(f"§ {hovedkonto.nr} tilføres intet i finansåret {år}",
                              _line_spans(spec, [hovedkonto], år)[0],
                              hint="Folketinget bevilger pr. hovedkonto: en flytning mellem "
                                   "kontoens underkonti ændrer ikke bevillingen; beskriv den i "
                                   "teksten, og slet kontoen under udgifter")


def _inserted(spec: Spec, name: str) -> Iterator[Indsættelse]:
    for _, blocks in spec.model.tekst:
        yield from (b for b in blocks or () if isinstance(b, Indsættelse) and b.indsæt == name)


@rules.rule("AKT209", "udgiften og finansieringen i finansåret har et beløb at nævne",
            Severity.ERROR, "summer")
def something_to_state(spec: Spec) -> Iterator[Finding]:
    """{udgift} and the financing sentence state the expense in the finansår and what pays for
    it; with no expense (all of it in other years, or a reserve moved with no account to
    receive it) or no financing in that year they would print "tilføre 0,0 mio. kr." or
    "Udgiften i 2025 på 0,0 mio. kr. finansieres af"."""
    model = spec.model
    år = model.finansår
    hovedkonti = model.udgifter + model.finansiering
    if not any(in_year(h, år) for h in hovedkonti) or not any(
            v for h in hovedkonti for s in lines(h) for v in (*s.udgift.values(), *s.indtægt.values())):
        return   # AKT502 reports a finansår without amounts, AKT205 lines not yet filled in
    expense, financing = net(model.udgifter, år), -net(model.finansiering, år)
    if expense <= 0:
        for piece in prose(spec):
            for reference in references(piece.text):
                if reference.namespace == "udgift" and reference.key is None:
                    yield Finding(f"{reference} ville stå som {formatting.amount(expense)}: "
                                  f"aktstykket har ingen udgift i finansåret {år}",
                                  pinpoint(spec, piece.span, str(reference)),
                                  hint="nævn beløbet for det år, det hører til, med "
                                       "{udgift:2026}, {konto:…:2026} eller {beløb:…}; en "
                                       "reserve, der flyttes, "
                                       "står under 'finansiering', kontoen, der får midlerne, "
                                       "under 'udgifter'")
    # A financing of the wrong sign is AKT203's, financing without lines in the year AKT106's.
    if (expense <= 0 or financing == 0) and any(in_year(h, år) for h in model.finansiering):
        for block in _inserted(spec, "finansiering"):
            yield Finding(f"'indsæt: finansiering' har ingen udgift og finansiering at nævne i "
                          f"finansåret {år}", spec.span(block),
                          details=(_figures(udgift=expense, finansiering=financing),),
                          hint="beskriv finansieringen med en tekst af dine egne, eller angiv "
                               "udgiften under 'udgifter' og finansieringen under 'finansiering'")


@rules.rule("AKT210", "finansieringen overstiger ikke udgiften", Severity.WARNING, "summer")
def financing_within_expense(spec: Spec) -> Iterator[Finding]:
    """The financing sentence says the expense is financed by the named accounts. Financing
    beyond the expense (a negative nettoændring: money released and not spent) shows in the
    tables, but the sentence does not say where the rest goes."""
    model = spec.model
    år = model.finansår
    expense, financing = net(model.udgifter, år), -net(model.finansiering, år)
    if not 0 < expense < financing or imbalance(model, år):
        return   # AKT201 reports financing that the nettoændring does not account for
    for block in _inserted(spec, "finansiering"):
        yield Finding(f"finansieringen i {år} er {formatting.amount(financing - expense)} "
                      "større end udgiften, men sætningen nævner kun udgiften",
                      spec.span(block), details=(_figures(udgift=expense, finansiering=financing),),
                      hint="skriv i en tekst, hvad de øvrige midler bruges til, eller nedbring "
                           "finansieringen til udgiften")


# Phrases that name the finansår of the tillægsbevilling itself; "finansloven for 2022" is left
# alone: real aktstykker name the coming finanslov ("indarbejdes på finansloven for 2022").
FINANSÅR_I_PROSA = re.compile(
    r"\b(?:finansår(?:et)?|tillægsbevilling(?:en|slov(?:en)?)?\s+for(?:\s+finansåret)?)"
    r"\s+(\d{4})(?![\d-])",
    re.IGNORECASE)


@rules.rule("AKT211", "prosaens finansår er tabellernes", Severity.WARNING, "summer")
def finansår_in_prose(spec: Spec) -> Iterator[Finding]:
    """Prose that names the finansår or the tillægsbevilling with a year no table holds
    ("tillægsbevilling for 2024" in an aktstykke for 2025) is most often a copy of last year's
    text; write {finansår} instead. Other years (background, later finanslove) are left alone."""
    model = spec.model
    held = set(years(model))
    for piece in prose(spec):
        for match in FINANSÅR_I_PROSA.finditer(piece.text):
            year = int(match[1])
            if year not in held:
                yield Finding(f"teksten nævner '{match[0]}', men aktstykkets finansår er "
                              f"{model.finansår}", pinpoint(spec, piece.span, match[0]),
                              related=(spec.span(model, "finansår"),),
                              hint="skriv {finansår}, så teksten følger finansåret; gælder "
                                   "sætningen et andet år, så angiv det år i tabellerne")
