"""What an aktstykke shows, derived from its model.

Every list, table row, total and amount in a sentence is computed here once
and formatted; the templates only arrange these values and add the wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke import henvisninger, uden_midler
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Hovedkonto,
    Indsættelse,
    Modtager,
    Punkter,
    Standardkonto,
    Tekstanmærkning,
    Tekstanmærkningsgruppe,
    Underkonto,
)
from aktstykker_gen.kinds.aktstykke.paragraffer import paragraffer
from aktstykker_gen.references import Reference, substitute

SIDER = ("udgift", "indtægt")
# The names a prose reference can begin with: {udgift}, {konto:16.71.08}, …
HENVISNINGER = ("udgift", "finansiering", "finansår", "konto", "kontonavn", "modtager", "beløb",
                "akt", "låneramme")
GRUPPEORDEN = (Tekstanmærkningsgruppe.dispositionsrammer, Tekstanmærkningsgruppe.materielle)


class UnknownReference(LookupError):
    """Prose names something the spec's data does not hold."""


@dataclass(frozen=True)
class Kolonne:
    side: str
    år: int


@dataclass(frozen=True)
class Linje:
    standardkonto: Standardkonto
    beløb: tuple[str, ...]


@dataclass(frozen=True)
class Undergruppe:
    underkonto: Underkonto
    linjer: tuple[Linje, ...]


@dataclass(frozen=True)
class Kontogruppe:
    hovedkonto: Hovedkonto
    beløb: tuple[str, ...]
    underkonti: tuple[Undergruppe, ...]


def line_amount(line: Standardkonto, side: str, år: int) -> Decimal | None:
    return getattr(line, side).get(år)


def lines(hovedkonto: Hovedkonto) -> Iterable[Standardkonto]:
    for underkonto in hovedkonto.underkonti:
        yield from underkonto.standardkonti


def total(hovedkonti: Iterable[Hovedkonto], side: str, år: int) -> Decimal:
    return sum(
        (line_amount(line, side, år) or Decimal(0) for h in hovedkonti for line in lines(h)),
        Decimal(0))


def net(hovedkonti: Iterable[Hovedkonto], år: int) -> Decimal:
    """Effect on the state's balance: expenses minus income."""
    hovedkonti = list(hovedkonti)
    return total(hovedkonti, "udgift", år) - total(hovedkonti, "indtægt", år)


def in_year(hovedkonto: Hovedkonto, år: int) -> bool:
    """Whether any of the account's lines has an amount (either side) in the year."""
    return any(år in line.udgift or år in line.indtægt for line in lines(hovedkonto))


def years(model: Aktstykke) -> list[int]:
    found = {år for h in model.udgifter + model.finansiering for line in lines(h)
             for side in SIDER for år in getattr(line, side)}
    return sorted(found | {model.finansår})


class AktstykkeView:
    """The values the aktstykke's templates arrange."""

    def __init__(self, model: Aktstykke) -> None:
        self.model = model
        self.hovedkonti = {h.nr: h for h in model.udgifter + model.finansiering}
        self.kolonner = tuple(self._columns())
        self.years = years(model)
        # Found once, not per reference or row: a spec may have 10,000 accounts and references.
        self.udgift = net(model.udgifter, model.finansår)
        self.finansiering = -net(model.finansiering, model.finansår)
        self.modtagere: dict[str, Decimal] = {}
        self.modtager_efter_id: dict[str, Modtager] = {}  # the first with the id, as above
        for modtager in model.modtagere:
            self.modtager_efter_id.setdefault(modtager.id, modtager)
            if model.finansår in modtager.beløb:
                self.modtagere.setdefault(modtager.id, modtager.beløb[model.finansår])
        self._beløb: dict[int, Decimal] = {}
        self.årstotaler: dict[tuple[str, int], Decimal] = {}  # {udgift:2026}: henvisninger.py

    # -- amounts named by prose ------------------------------------------------------------

    def value(self, reference: Reference) -> Decimal | str:
        """What a prose reference names: an amount, or a year or account name as text.

        Raises `UnknownReference` when the spec's data holds nothing by that name.
        """
        if (amount := henvisninger.beløb(self, reference)) is not None:
            return amount.mio
        text = self._text(reference)
        if text is None:
            raise UnknownReference(str(reference))
        return text

    def _text(self, reference: Reference) -> str | None:
        """What a reference to a text names (a year, an account's name, a citation)."""
        model, key = self.model, reference.key
        if reference.rest or reference.enhed:
            return None  # only amounts take a year or a unit
        if reference.namespace == "finansår" and key is None:
            return str(model.finansår)
        if reference.namespace == "kontonavn" and key in self.hovedkonti:
            return self.kontonavn(self.hovedkonti[key])
        return uden_midler.value(model, reference.namespace, key)

    def resolve(self, reference: Reference) -> str:
        """The formatted text a prose reference stands for. One the data does not hold stays
        as written: `check` reports it as an error, and a spec with errors is still rendered
        (textconv, diff, redline, the preview), showing the reader where it stands."""
        if (amount := henvisninger.beløb(self, reference)) is not None:
            return amount.tekst(reference.enhed)
        text = self._text(reference)
        return str(reference) if text is None else text

    def prose(self, text: str) -> str:
        return substitute(text, self.resolve)

    def hovedkonto_beløb(self, hovedkonto: Hovedkonto) -> Decimal:
        """A hovedkonto's amount in the finansår: its expenses, or its income if it has none."""
        if id(hovedkonto) not in self._beløb:
            år = self.model.finansår
            side = "udgift" if any(line_amount(line, "udgift", år) is not None
                                   for line in lines(hovedkonto)) else "indtægt"
            self._beløb[id(hovedkonto)] = total([hovedkonto], side, år)
        return self._beløb[id(hovedkonto)]

    @staticmethod
    def kontonavn(hovedkonto: Hovedkonto) -> str:
        return f"§{formatting.NBSP}{hovedkonto.nr}. {hovedkonto.navn}"

    # -- what the templates arrange -------------------------------------------------------

    def context(self) -> dict[str, Any]:
        model = self.model
        expenses = sorted(model.udgifter, key=_nr)
        financing = sorted(model.finansiering, key=_nr)
        return {
            "m": model,
            "finansår": model.finansår,
            "dato": formatting.long_date(model.dato),
            "dato_iso": model.dato.isoformat(),
            "udgift": formatting.amount(self.udgift),
            "afsnit": [(letter, [self._block(b) for b in blocks])
                       for letter, blocks in model.tekst if blocks is not None],
            "kontoliste": [self._listed(h) for h in expenses],
            # The request names the accounts that get an amount in the finansår.
            "udgiftskonti": self._names(
                h for h in expenses if in_year(h, model.finansår) and net([h], model.finansår)),
            "finansiering": {
                "reserver": self._names(
                    h for h in financing if total([h], "udgift", model.finansår) < 0),
                "merindtægter": self._names(
                    h for h in financing if total([h], "indtægt", model.finansår) > 0),
                "delvis": self._partly_financed(),
            },
            # The tillægsbevilling holds the finansår only; the overview shows every year.
            "tillægsbevilling": self._table([k for k in self.kolonner if k.år == model.finansår]),
            "flerår": self._table(list(self.kolonner)),
            "tekstanmærkninger": {
                "antal": len(model.tekstanmærkninger),
                "paragraffer": formatting.enumeration(self._paragraffer()),
                "grupper": self._annotations(),
            },
            "afgørelse": formatting.short_date(model.afgørelse.dato) if model.afgørelse else None,
            "uden_midler": uden_midler.UdenMidler(self).context(),
        }

    def _partly_financed(self) -> dict[str, str] | None:
        """The financed part and the rest, when a stated nettoændring leaves part of the
        finansår's expense unfinanced: the financing sentence names both."""
        år = self.model.finansår
        rest = self.model.nettoændring.get(år, Decimal(0))
        financed = -net(self.model.finansiering, år)
        if rest <= 0 or financed <= 0:
            return None
        return {"finansieret": formatting.amount(financed), "rest": formatting.amount(rest)}

    def _paragraffer(self) -> Iterable[str]:
        """The §§ the tekstanmærkninger stand under, each with the ministry that owns it
        (the sender's name for a § the tool does not know)."""
        known = paragraffer()
        numbers = sorted({t.ad.split(".")[0] for t in self.model.tekstanmærkninger})
        return (f"§ {nr}. {known.get(nr, self.model.ministerium)}" for nr in numbers)

    def _names(self, hovedkonti: Iterable[Hovedkonto]) -> str | None:
        names = [self.kontonavn(h) for h in hovedkonti]
        return formatting.enumeration(names) if names else None

    def _columns(self) -> Iterable[Kolonne]:
        hovedkonti = list(self.hovedkonti.values())
        for side in SIDER:
            used = sorted({år for h in hovedkonti for line in lines(h)
                           for år in getattr(line, side)})
            yield from (Kolonne(side, år) for år in used)

    def _table(self, kolonner: list[Kolonne]) -> dict[str, Any]:
        """Columns, their headings and the rows per hovedkonto, for one account table."""
        hovedkonti = [h for h in sorted(self.hovedkonti.values(), key=_nr)
                      if any(_amount(s, k) is not None for s in lines(h) for k in kolonner)]
        return {
            "kolonner": kolonner,
            "flere_år": len({k.år for k in kolonner}) > 1,
            "sider": [(side, sum(1 for k in kolonner if k.side == side))
                      for side in SIDER if any(k.side == side for k in kolonner)],
            "grupper": [self._group(h, kolonner) for h in hovedkonti],
        }

    def _group(self, hovedkonto: Hovedkonto, kolonner: list[Kolonne]) -> Kontogruppe:
        def shown(values: Iterable[Decimal | None]) -> tuple[str, ...]:
            return tuple("" if v is None else formatting.number(v) for v in values)

        def summed(kolonne: Kolonne) -> Decimal | None:
            found = [v for s in lines(hovedkonto) if (v := _amount(s, kolonne)) is not None]
            return sum(found, Decimal(0)) if found else None

        return Kontogruppe(hovedkonto, shown(summed(k) for k in kolonner), tuple(
            Undergruppe(u, tuple(Linje(s, shown(_amount(s, k) for k in kolonner))
                                 for s in u.standardkonti))
            for u in hovedkonto.underkonti))

    def _listed(self, hovedkonto: Hovedkonto) -> dict[str, str | None]:
        """The account's net per year it has a line in: the list adds up to {udgift}."""
        by_year = [(år, net([hovedkonto], år)) for år in self.years if in_year(hovedkonto, år)]
        if [år for år, _ in by_year] == [self.model.finansår]:
            beløb = formatting.amount(by_year[0][1])
        else:
            beløb = formatting.enumeration(f"{formatting.amount(v)} i {år}" for år, v in by_year)
        return {"beløb": beløb, "konto": self.kontonavn(hovedkonto), "formål": hovedkonto.formål}

    def _block(self, block: str | Punkter | Indsættelse) -> dict[str, Any]:
        if isinstance(block, str):
            return {"art": "tekst", "tekst": self.prose(block)}
        if isinstance(block, Punkter):
            return {"art": "punkter", "punkter": [self.prose(p) for p in block.punkter]}
        if block.indsæt == "forslag" and not uden_midler.on_tillægsbevilling(self.model):
            return {"art": "forslag uden tillægsbevilling"}
        return {"art": block.indsæt}

    def _annotations(self) -> list[dict[str, Any]]:
        grouped = []
        for gruppe in GRUPPEORDEN:
            members = sorted((t for t in self.model.tekstanmærkninger if t.gruppe is gruppe),
                             key=lambda t: t.nr)
            if members:
                grouped.append({"gruppe": gruppe.value, "anmærkninger": [
                    self._annotation(t) for t in members]})
        return grouped

    def _annotation(self, anmærkning: Tekstanmærkning) -> dict[str, Any]:
        return {"nr": anmærkning.nr, "ad": anmærkning.ad,
                "stk": [self.prose(s) for s in anmærkning.stk]}


def _amount(line: Standardkonto, kolonne: Kolonne) -> Decimal | None:
    return line_amount(line, kolonne.side, kolonne.år)


def _nr(hovedkonto: Hovedkonto) -> str:
    return hovedkonto.nr
