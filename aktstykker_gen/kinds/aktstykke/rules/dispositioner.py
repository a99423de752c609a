"""Money-moving dispositions and the financing by kind: each names accounts the aktstykke has,
a transfer stands on both its accounts, every expense account is disposed of, and the kinds of
financing add up to the finansår's expense (double entry, as AKT201 does for the accounts)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel

from aktstykker_gen import formatting
from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke.dispositioner import form_amount, nets, transfers
from aktstykker_gen.kinds.aktstykke.model import Overførsel, Tilførsel
from aktstykker_gen.kinds.aktstykke.rules.common import Spec
from aktstykker_gen.kinds.aktstykke.view import net
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()
ZERO = Decimal(0)


def _mio(value: Decimal) -> str:
    return f"{formatting.number(value)} mio. kr."


@rules.rule("AKT240", "en disposition nævner en konto i aktstykket", Severity.ERROR, "summer")
def dispositions_name_known_accounts(spec: Spec) -> Iterator[Finding]:
    """A disposition's amount is its account's data: "Der tilføres" names an account under
    `udgifter`, a transfer two accounts of the aktstykke, a reserve or another hovedkonto an
    account under `finansiering`. An account the spec lacks would print a line no table backs."""
    model = spec.model
    udgifter = {h.nr for h in model.udgifter}
    alle = udgifter | {h.nr for h in model.finansiering}
    finansiering = {h.nr for h in model.finansiering}
    wanted: list[tuple[BaseModel, str, str, set[str], str]] = []
    for d in model.dispositioner:
        if isinstance(d, Tilførsel):
            wanted.append((d, "tilføres", d.tilføres, udgifter, "udgifter"))
        else:
            wanted += [(d, "fra", d.fra, alle, "udgifter eller finansiering"),
                       (d, "til", d.til, udgifter, "udgifter")]
    for form in model.finansieringsformer:
        if form.art.value in ("reserve", "hovedkonto"):
            wanted.append((form, "konto", form.konto or "", finansiering, "finansiering"))
    for obj, field, nr, known, where in wanted:
        if nr not in known:
            yield Finding(f"'{field}: {nr}' nævner en hovedkonto, der ikke står under {where}",
                          spec.span(obj, field) if nr else spec.span(obj, "art"),
                          hint=f"tilføj § {nr or '…'} med sine linjer under '{where.split()[0]}', "
                               "eller ret kontonummeret")


@rules.rule("AKT241", "en overførsel står på begge konti", Severity.ERROR, "summer")
def transfers_on_both_accounts(spec: Spec) -> Iterator[Finding]:
    """"Der overføres X fra § A til § B" takes X out of A and puts it into B: each account that
    no "Der tilføres" also names has, in the finansår, the net the transfers give it (into minus
    out of it). A transfer typed without its lines, or with one of them, fails here."""
    model = spec.model
    into, out = transfers(model)
    konti = nets(model)
    tilført = {d.tilføres for d in model.dispositioner if isinstance(d, Tilførsel)}
    for d in model.dispositioner:
        if not isinstance(d, Overførsel):
            continue
        for field, nr in (("fra", d.fra), ("til", d.til)):
            expected = into.get(nr, ZERO) - out.get(nr, ZERO)
            if nr in tilført or nr not in konti:
                continue
            if konti[nr] != expected:
                yield Finding(f"overførslen {field} § {nr} står ikke på kontoen i "
                              f"{model.finansår}", spec.span(d, "overføres"),
                              details=(f"kontoens linjer {_mio(konti[nr])} / "
                                       f"overførslerne {_mio(expected)}",),
                              hint="kontoens linjer i finansåret er overførslerne: ret beløbet "
                                   "eller linjerne, eller tilføj '- tilføres: " + nr + "'")
                break


@rules.rule("AKT242", "finansieringsformerne dækker udgiften", Severity.ERROR, "summer")
def financing_kinds_balance(spec: Spec) -> Iterator[Finding]:
    """The financing sentence says how the finansår's expense is paid, part by part: a
    reserve's or another hovedkonto's release is that account's, a direct increase on the
    tillægsbevilling or an unfinanced expense is the stated `nettoændring`. The parts add up to
    the expense, or the sentence would account for money that is not there (or leave some out)."""
    model = spec.model
    if not model.finansieringsformer:
        return
    år = model.finansår
    expense = net(model.udgifter, år)
    parts = [(form.art.value, form_amount(model, form)) for form in model.finansieringsformer]
    covered = sum((amount for _, amount in parts), ZERO)
    if covered != expense:
        yield Finding(f"finansieringsformerne dækker {_mio(covered)} af udgiften i {år} på "
                      f"{_mio(expense)}", spec.span(model, "finansieringsformer"),
                      details=tuple(f"{art}: {_mio(amount)}" for art, amount in parts),
                      hint="hver konto under 'finansiering' skal have sin form (reserve eller "
                           "hovedkonto); resten er 'nettoændring' med formen direkte "
                           "opskrivning eller ufinansieret")


@rules.rule("AKT243", "hver udgiftskonto har sin disposition", Severity.ERROR, "summer")
def every_expense_disposed(spec: Spec) -> Iterator[Finding]:
    """With `dispositioner`, the list in a is the dispositions: an account under `udgifter`
    with an amount in the finansår that no disposition names would be on the tillægsbevilling
    without being asked for in a."""
    model = spec.model
    if not model.dispositioner:
        return
    named = {d.tilføres for d in model.dispositioner if isinstance(d, Tilførsel)} | {
        d.til for d in model.dispositioner if isinstance(d, Overførsel)}
    konti = nets(model)
    for hovedkonto in model.udgifter:
        if hovedkonto.nr not in named and konti[hovedkonto.nr] != 0:
            yield Finding(f"§ {hovedkonto.nr} har udgifter i {model.finansår}, men ingen "
                          "disposition", spec.span(hovedkonto, "nr"),
                          hint=f"tilføj '- tilføres: {hovedkonto.nr}' under 'dispositioner'")


@rules.rule("AKT244", "et loft siges overalt", Severity.ERROR, "summer")
def ceilings_agree(spec: Spec) -> Iterator[Finding]:
    """A transfer of "op til X" from an account is financed by at most X: the financing kind
    naming that account says "op til" too, and the other way round, or a and e would state a
    ceiling the financing sentence states as an exact amount. Likewise "Der tilføres op til X"
    is paid by a financing kind that is a ceiling (a reserve's release, a direct increase or an
    unfinanced expense of at most X), and a ceiling in the financing pays a "tilføres" line
    that says so."""
    model = spec.model
    ceilings = {d.fra: d.op_til for d in model.dispositioner if isinstance(d, Overførsel)}
    for form in model.finansieringsformer:
        if form.konto in ceilings and ceilings[form.konto] != form.op_til:
            yield Finding(f"overførslen fra § {form.konto} er {_art(ceilings[form.konto])}, "
                          f"men finansieringsformen er {_art(form.op_til)}",
                          spec.span(form, "konto"),
                          hint="angiv 'op_til: true' begge steder, eller ingen af dem")
    tilførsler = [d for d in model.dispositioner if isinstance(d, Tilførsel)]
    paying = [f for f in model.finansieringsformer if f.konto not in ceilings]
    if not tilførsler or not paying:
        return
    capped = [d for d in tilførsler if d.op_til]
    capped_forms = [f for f in paying if f.op_til]
    if capped and not capped_forms:
        yield Finding(f"der tilføres op til et beløb til § {capped[0].tilføres}, men "
                      "finansieringssætningen nævner kun faste beløb",
                      spec.span(capped[0], "op_til"),
                      hint="angiv 'op_til: true' på den finansieringsform, der betaler "
                           "tilførslen, eller slet 'op_til' her")
    if capped_forms and not capped:
        form = capped_forms[0]
        yield Finding(f"finansieringsformen '{form.art.value}' er et loft, men ingen 'Der "
                      "tilføres' siger op til", spec.span(form, "op_til"),
                      hint="angiv 'op_til: true' på den tilførsel, den betaler, eller slet "
                           "'op_til' her")


def _art(op_til: bool) -> str:
    return "et loft" if op_til else "et fast beløb"
