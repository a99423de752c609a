"""What an aktstykke shows, derived from its model.

Every list, table row, total and amount in a sentence is computed here once
and formatted; the templates only arrange these values and add the wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aktstykker_gen import formatting, units
from aktstykker_gen.kinds.aktstykke import (
    afgoerelse,
    dispositioner,
    fortrolighed,
    henvisninger,
    hoved,
    tabeller,
    uden_midler,
)
from aktstykker_gen.kinds.aktstykke.model import (
    TOM,
    Aktstykke,
    Bilag,
    Hovedkonto,
    Indsættelse,
    Modtager,
    Overskrift,
    Punkter,
    Standardkonto,
    Tabel,
    Tabelblok,
    Tekstanmærkning,
    Tekstanmærkningsgruppe,
    Underkonto,
)
from aktstykker_gen.kinds.aktstykke.paragraffer import paragraffer
from aktstykker_gen.references import Reference, substitute

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan

SIDER = ("udgift", "indtægt")
# The names a prose reference can begin with: {udgift}, {konto:16.71.08}, …
HENVISNINGER = ("udgift", "finansiering", "finansår", "konto", "kontonavn", "modtager", "beløb",
                "akt", "låneramme", "tabel", "bilag", "finanslov")
GRUPPEORDEN = (Tekstanmærkningsgruppe.dispositionsrammer, Tekstanmærkningsgruppe.materielle)


class UnknownReference(LookupError):
    """Prose names something the spec's data does not hold."""


@dataclass(frozen=True)
class Kolonne:
    side: str
    år: int
    # "I alt": the side summed over every year of the table (`år` is then the last year).
    i_alt: bool = False


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
    """The lines' amounts on one side in one year. Written out as loops: the rules ask for it
    some 60.000 times for a spec of 10.000 accounts."""
    found = Decimal(0)
    for hovedkonto in hovedkonti:
        for underkonto in hovedkonto.underkonti:
            for line in underkonto.standardkonti:
                if amount := getattr(line, side).get(år):
                    found += amount
    return found


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

    def __init__(self, model: Aktstykke, kontoplan: Kontoplan | None = None) -> None:
        self.model = model
        self.kontoplan = kontoplan   # {finanslov:…} quotes it; without it, it names nothing
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
        self._tabeller: dict[str, tuple[int, tabeller.Beregning]] | None = None
        self._numre: dict[int, int] = {}   # id() of each table → its number

    @property
    def tabeller(self) -> dict[str, tuple[int, tabeller.Beregning]]:
        """Each own table by id: its number (in document order) and its computed cells."""
        if self._tabeller is None:
            self._tabeller = {}
            for nr, (_, _, tabel) in enumerate(tabeller.tabeller(self.model), start=1):
                self._numre[id(tabel)] = nr
                self._tabeller.setdefault(tabel.id, (nr, tabeller.beregn(tabel, self.celle)))
        return self._tabeller

    def celle(self, reference: Reference) -> Decimal | str:
        """What a table cell's reference names: the spec's data, never another table."""
        if reference.namespace == "tabel":
            raise UnknownReference(str(reference))
        return self.value(reference)

    def tabelcelle(self, key: str | None) -> tuple[Tabel, Decimal] | None:
        """The table and the value (in the table's unit) that {tabel:id.række.kolonne} names."""
        parts = tabeller.nøgle(key or "")
        if parts is None or parts[0] not in self.tabeller:
            return None
        beregning = self.tabeller[parts[0]][1]
        rows = [i for i, r in enumerate(beregning.tabel.rækker) if r.id == parts[1]]
        value = beregning.værdi(rows[0], parts[2]) if rows else None
        return None if value is None else (beregning.tabel, value)

    # -- amounts named by prose ------------------------------------------------------------

    def value(self, reference: Reference) -> Decimal | str:
        """What a prose reference names: an amount, or a year or account name as text.

        Raises `UnknownReference` when the spec's data holds nothing by that name.
        """
        if reference.namespace == "tabel":
            if cell := self.tabelcelle(reference.key):
                return units.til_mio(cell[1], cell[0].enhed)
            raise UnknownReference(str(reference))
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
        if reference.namespace == "bilag" and key in {str(b.nr) for b in model.bilag}:
            return f"bilag {key}"
        return uden_midler.value(model, reference.namespace, key)

    def resolve(self, reference: Reference) -> str:
        """The formatted text a prose reference stands for. One the data does not hold stays
        as written: `check` reports it as an error, and a spec with errors is still rendered
        (textconv, diff, redline, the preview), showing the reader where it stands."""
        if reference.namespace == "tabel":
            cell = self.tabelcelle(reference.key)
            return str(reference) if cell is None else \
                units.beløb(cell[1], cell[0].enhed, tabeller.decimaler(cell[0]))
        if (amount := henvisninger.beløb(self, reference)) is not None:
            return amount.tekst(reference.enhed)
        text = self._text(reference)
        return str(reference) if text is None else text

    def prose(self, text: str) -> str:
        return formatting.bind_paragraph_signs(substitute(text, self.resolve))

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
            "udgift_loft": dispositioner.udgift_loft(model),
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
                "delvis": self.partly_financed(),
            },
            # The tillægsbevilling holds the finansår only; the overview shows every year.
            "tillægsbevilling": self._table([k for k in self.kolonner if k.år == model.finansår]),
            "flerår": self._table(list(self.kolonner)),
            "tekstanmærkninger": {
                "antal": len(model.tekstanmærkninger),
                "paragraffer": formatting.enumeration(self._paragraffer()),
                "grupper": self._annotations(),
            },
            "afgørelse": afgoerelse.linje(model),
            "hoved": hoved.hoved(model),
            "uden_midler": uden_midler.UdenMidler(self).context(),
            "bilag": [self._bilag(b) for b in model.bilag],
            "fortrolige_bilag": fortrolighed.bilagssætninger(model, self.prose),
            "dispositioner": dispositioner.Dispositioner(self).context(),
        }

    def partly_financed(self) -> dict[str, str] | None:
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
            "flere_år": len({k.år for k in kolonner}) > 1 or any(k.i_alt for k in kolonner),
            "sider": [(side, sum(1 for k in kolonner if k.side == side))
                      for side in SIDER if any(k.side == side for k in kolonner)],
            "grupper": [self._group(h, kolonner) for h in hovedkonti],
            "loft": dispositioner.loftnote(self.model, hovedkonti,
                                           (k.år for k in kolonner if not k.i_alt)),
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

    def _with_totals(self) -> list[Kolonne]:
        """Every year's column, and after each side's years its "I alt" column."""
        columns: list[Kolonne] = []
        for side in SIDER:
            own = [k for k in self.kolonner if k.side == side]
            if own:
                columns += [*own, Kolonne(side, own[-1].år, i_alt=True)]
        return columns

    def _listed(self, hovedkonto: Hovedkonto) -> dict[str, str | None]:
        """The account's net per year it has a line in: the list adds up to {udgift}."""
        by_year = [(år, net([hovedkonto], år)) for år in self.years if in_year(hovedkonto, år)]
        loft = "op til " if dispositioner.udgift_loft(self.model) else ""

        def shown(år: int, value: Decimal) -> str:
            return (loft if år == self.model.finansår else "") + formatting.amount(value)

        if [år for år, _ in by_year] == [self.model.finansår]:
            beløb = shown(*by_year[0])
        else:
            beløb = formatting.enumeration(f"{shown(år, v)} i {år}" for år, v in by_year)
        return {"beløb": beløb, "konto": self.kontonavn(hovedkonto), "formål": hovedkonto.formål}

    def _bilag(self, bilag: Bilag) -> dict[str, Any]:
        """A bilag's heading and blocks; in the public edition a confidential one has no
        blocks left (udgaver.py), and the statement that it is confidential stands instead."""
        return {"nr": bilag.nr, "titel": bilag.titel,
                "blokke": [self._block(b) for b in bilag.indhold],
                "fortroligt": fortrolighed.bilag_sætning(bilag, self.prose)
                if bilag.fortrolighed else None}

    def _block(self, block: str | Punkter | Indsættelse | Tabelblok | Overskrift
               ) -> dict[str, Any]:
        if isinstance(block, str):
            return {"art": "tekst", "tekst": self.prose(block)}
        if isinstance(block, Punkter):
            return {"art": "punkter", "punkter": [self.prose(p) for p in block.punkter]}
        if isinstance(block, Overskrift):
            return {"art": "overskrift", "tekst": self.prose(block.overskrift)}
        if isinstance(block, Tabelblok):
            return self._own_table(block.tabel)
        if block.indsæt == "flerårsoversigt" and block.i_alt:
            return {"art": "flerårsoversigt", "tabel": self._table(self._with_totals())}
        if block.indsæt == "forslag" and not uden_midler.on_tillægsbevilling(self.model):
            return {"art": "forslag uden tillægsbevilling"}
        return {"art": block.indsæt}

    def _own_table(self, tabel: Tabel) -> dict[str, Any]:
        """Number, caption, unit line, headings, formatted rows and notes of an own table.
        A second table with the same id (an error) is shown from its own cells."""
        beregning = self.tabeller[tabel.id][1]
        nr = self._numre[id(tabel)]
        if beregning.tabel is not tabel:
            beregning = tabeller.beregn(tabel, self.celle)
        shown = tabeller.decimaler(tabel)

        def celle(i: int, key: str) -> str:
            value = beregning.værdi(i, key)
            return TOM if value is None else units.tal(value, tabel.enhed, shown)

        noter = ([self.prose(tabel.anm)] if tabel.anm else []) + [
            f"{n}) {self.prose(t)}" for n, t in enumerate(tabel.noter, start=1)]
        if noter:
            noter[0] = f"Anm.: {noter[0]}"
        if tabel.kilde:
            noter.append(f"Kilde: {self.prose(tabel.kilde)}")
        enhed = tabel.enhed.linje + (f" ({tabel.prisniveau})" if tabel.prisniveau else "")
        return {
            "art": "tabel",
            "titel": f"Tabel {nr}. {self.prose(tabel.titel)}",
            "enhed": enhed,
            "kolonner": [str(k) if isinstance(k, int) else k.navn for k in tabel.kolonner],
            "rækker": [{"tekst": self.prose(r.tekst), "niveau": r.niveau,
                        "sum": tabeller.sumrække(r),
                        "celler": [celle(i, key) for key in beregning.kolonner]}
                       for i, r in enumerate(tabel.rækker)],
            "noter": noter,
        }

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
    if kolonne.i_alt:
        values = getattr(line, kolonne.side).values()
        return sum(values, Decimal(0)) if values else None
    return line_amount(line, kolonne.side, kolonne.år)


def _nr(hovedkonto: Hovedkonto) -> str:
    return hovedkonto.nr
