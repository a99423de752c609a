"""What the money-moving dispositions show: one line per disposition in a ("Der tilføres X til
§ …", "Der overføres X fra § A til § B"), the financing sentence by kind, and the request in e.
Every amount is derived here from the accounts' lines and the stated nettoændring; the template
words them (Budgetvejledningen 3.5.1 and 3.5.5)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Finansieringsart,
    Finansieringsform,
    Hovedkonto,
    Overførsel,
    Tilførsel,
)

if TYPE_CHECKING:
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView

ZERO = Decimal(0)
FRA_NETTOÆNDRING = (Finansieringsart.direkte_opskrivning, Finansieringsart.ufinansieret)


def nets(model: Aktstykke) -> dict[str, Decimal]:
    """Each hovedkonto's net (expenses minus income) in the finansår, found once for all."""
    år = model.finansår
    found: dict[str, Decimal] = {}
    for h in model.udgifter + model.finansiering:
        found[h.nr] = found.get(h.nr, ZERO) + sum(
            (line.udgift.get(år, ZERO) - line.indtægt.get(år, ZERO)
             for u in h.underkonti for line in u.standardkonti), ZERO)
    return found


def net_in(model: Aktstykke, nr: str) -> Decimal:
    """A hovedkonto's net in the finansår (0 for one the spec lacks)."""
    return nets(model).get(nr, ZERO)


def transfers(model: Aktstykke) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """What the transfers move into and out of each hovedkonto in the finansår."""
    into: dict[str, Decimal] = {}
    out: dict[str, Decimal] = {}
    for d in model.dispositioner:
        if isinstance(d, Overførsel):
            into[d.til] = into.get(d.til, ZERO) + d.overføres
            out[d.fra] = out.get(d.fra, ZERO) + d.overføres
    return into, out


def tilført(model: Aktstykke) -> dict[str, Decimal]:
    """What "Der tilføres" gives each account: its net in the finansår less what is
    transferred into it (plus what is transferred out of it)."""
    into, out = transfers(model)
    return {nr: value - into.get(nr, ZERO) + out.get(nr, ZERO)
            for nr, value in nets(model).items()}


def form_amount(model: Aktstykke, form: Finansieringsform) -> Decimal:
    """The part of the finansår's expense a financing kind pays: the account's release, or the
    stated nettoændring for a direct increase or an unfinanced expense."""
    if form.art in FRA_NETTOÆNDRING:
        return model.nettoændring.get(model.finansår, ZERO)
    if form.konto is None:
        return ZERO
    return -net_in(model, form.konto)


def udgift_loft(model: Aktstykke) -> bool:
    """Without dispositions (the list in a is the accounts', as in the seed), a ceiling in the
    financing makes the whole expense in the finansår a maximum: the list in a and the request
    in e say "op til" before each account's amount in the finansår."""
    return not model.dispositioner and any(f.op_til for f in model.finansieringsformer)


def lofter(model: Aktstykke) -> set[str]:
    """The hovedkonti whose amount in the finansår is a maximum: those an "op til"
    disposition (both accounts of a transfer) or an "op til" financing kind names, and,
    without dispositions, every expense account with an amount when a financing kind is a
    ceiling (`udgift_loft`; with dispositions AKT244 ties such a ceiling to a "tilføres" line)."""
    found: set[str] = set()
    for d in model.dispositioner:
        if d.op_til:
            found |= {d.tilføres} if isinstance(d, Tilførsel) else {d.fra, d.til}
    if udgift_loft(model):
        udgifter = {h.nr for h in model.udgifter}
        found |= {nr for nr, value in nets(model).items() if value and nr in udgifter}
    return found | {f.konto for f in model.finansieringsformer if f.op_til and f.konto}


def loftnote(model: Aktstykke, hovedkonti: Iterable[Hovedkonto],
             år: Iterable[int]) -> dict[str, Any] | None:
    """The note under an account table that shows a ceiling's amount, so the table says "op
    til" as a, the financing sentence and e do: the table's accounts under a ceiling, when the
    table has a column for the finansår."""
    if model.finansår not in set(år):
        return None
    capped = lofter(model)
    konti = [f"§{formatting.NBSP}{h.nr}" for h in hovedkonti if h.nr in capped]
    if not konti:
        return None
    return {"finansår": model.finansår, "konti": formatting.enumeration(konti),
            "flere": len(konti) > 1}


class Dispositioner:
    """The dispositions' lines, the financing sentence's parts and e's clauses, for the
    template."""

    def __init__(self, view: AktstykkeView) -> None:
        self.view = view
        self.model = view.model
        self.tilført = tilført(self.model)
        self.konti: dict[str, Hovedkonto] = {}
        for h in self.model.udgifter + self.model.finansiering:
            self.konti.setdefault(h.nr, h)

    def context(self) -> dict[str, Any]:
        return {"linjer": list(self._lines()), "finansiering": list(self._financing())}

    def _konto(self, nr: str) -> dict[str, Any]:
        hovedkonto = self.konti.get(nr)
        if hovedkonto is None:   # AKT240 reports it; shown as typed meanwhile
            return {"navn": f"§{formatting.NBSP}{nr}.", "bevillingstype": None}
        return {"navn": self.view.kontonavn(hovedkonto),
                "bevillingstype": hovedkonto.bevillingstype.value
                if hovedkonto.bevillingstype else None}

    def _lines(self) -> Iterable[dict[str, Any]]:
        for d in self.model.dispositioner:
            if isinstance(d, Tilførsel):
                yield {"art": "tilføres", "op_til": d.op_til,
                       "beløb": formatting.amount(self.tilført.get(d.tilføres, ZERO)),
                       "til": self._konto(d.tilføres)}
            else:
                yield {"art": "overføres", "op_til": d.op_til,
                       "beløb": formatting.amount(d.overføres),
                       "fra": self._konto(d.fra), "til": self._konto(d.til)}

    def _financing(self) -> Iterable[dict[str, Any]]:
        for form in self.model.finansieringsformer:
            part: dict[str, Any] = {
                "art": form.art.value, "formål": form.formål, "op_til": form.op_til,
                "beløb": formatting.amount(form_amount(self.model, form))
                if form.vis_beløb else None,
            }
            if form.konto is not None:
                part["konto"] = self._konto(form.konto)
                part["konto"]["navn"] = self._underkonto_name(form) or part["konto"]["navn"]
            yield part

    def _underkonto_name(self, form: Finansieringsform) -> str | None:
        """"§ 35.11.22.10. Reserve til …" when the form names the reserve's underkonto."""
        hovedkonto = self.konti.get(form.konto or "")
        if form.underkonto is None or hovedkonto is None:
            return None
        for underkonto in hovedkonto.underkonti:
            if underkonto.nr == form.underkonto:
                return f"§{formatting.NBSP}{hovedkonto.nr}.{underkonto.nr}. {underkonto.navn}"
        return None
