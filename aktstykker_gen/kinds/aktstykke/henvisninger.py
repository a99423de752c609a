"""The amounts prose names by reference: any finansår, a span, a konto or a recipient in a year,
a named amount, in the unit asked for (docs/spec-format.md §12).

`{udgift:2026}` and `{finansiering:2025-2026}` take a year or a span as their key; `{konto:nr}`
and `{modtager:id}` take one after their key (`{konto:16.71.08:2026}`). A span prints its
period after the amount ("530,0 mio. kr. i 2025-2026"): the sum alone would not say what it is
a sum of. A named amount (`beløb:`) is typed (a fact of its own, in its unit) or the sum of its
parts; its parts are amounts in its unit or references in the same forms without braces.
`{finanslov:16.11.79.79:2025}` is the one amount not in the spec: the finanslov's figure on
that account in that year, from the export given with --kontoplan (docs/kontoplan.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from aktstykker_gen import units
from aktstykker_gen.kinds.aktstykke.model import Hovedkonto, NavngivetBeløb, Standardkonto
from aktstykker_gen.references import Reference, references
from aktstykker_gen.units import Enhed

if TYPE_CHECKING:
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView

_PERIODE = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")
KONTONUMMER = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}(?:\.[0-9]{2})?")   # 16.11.79(.79)


@dataclass(frozen=True)
class Beløbsværdi:
    """An amount a reference names, in mio. kr., the unit it is shown in by default, and the
    span it covers when it covers more than one year."""

    mio: Decimal
    enhed: str = Enhed.mio
    periode: str | None = None

    def tekst(self, enhed: str | None) -> str:
        shown = units.vis(self.mio, units.KORT[enhed] if enhed else Enhed(self.enhed))
        return f"{shown} i {self.periode}" if self.periode else shown


def periode(text: str, available: list[int]) -> list[int] | None:
    """The years a key `2026` or `2025-2026` names, if each end is a year the data holds."""
    match = _PERIODE.fullmatch(text)
    if not match:
        return None
    first, last = int(match[1]), int(match[2] or match[1])
    if first not in available or last not in available or (match[2] and first >= last):
        return None
    return list(range(first, last + 1))


def beløb(view: AktstykkeView, reference: Reference,
          seen: frozenset[str] = frozenset()) -> Beløbsværdi | None:
    """The amount `reference` names, or None if it names no amount the data holds."""
    from aktstykker_gen.kinds.aktstykke.view import in_year

    model, namespace, key, rest = view.model, reference.namespace, reference.key, reference.rest
    if namespace in ("udgift", "finansiering") and not rest:
        if key is None:
            return Beløbsværdi(view.udgift if namespace == "udgift" else view.finansiering)
        years = periode(key, view.years)
        if years is None:
            return None
        return Beløbsværdi(sum((årstotal(view, namespace, år) for år in years), Decimal(0)),
                           periode=key if len(years) > 1 else None)
    if namespace == "konto" and key in view.hovedkonti and len(rest) <= 1:
        hovedkonto = view.hovedkonti[key]
        if not rest:
            return Beløbsværdi(view.hovedkonto_beløb(hovedkonto))
        years = periode(rest[0], [år for år in view.years if in_year(hovedkonto, år)])
        if years is None:
            return None
        return Beløbsværdi(sum((konto_i_år(hovedkonto, år) for år in years), Decimal(0)),
                           periode=rest[0] if len(years) > 1 else None)
    if namespace == "konto" and (konti := linjer(view, key or "")) and len(rest) <= 1:
        used = sorted({år for line in konti for år in [*line.udgift, *line.indtægt]})
        years = periode(rest[0], used) if rest else (
            [model.finansår] if model.finansår in used else None)
        if years is None:
            return None
        return Beløbsværdi(sum((linjer_i_år(konti, år) for år in years), Decimal(0)),
                           periode=rest[0] if rest and len(years) > 1 else None)
    if namespace == "modtager" and len(rest) <= 1:
        modtager = view.modtager_efter_id.get(key or "")
        if modtager is None:
            return None
        if not rest:
            found = view.modtagere.get(key or "")
            return None if found is None else Beløbsværdi(found)
        years = periode(rest[0], sorted(modtager.beløb))
        if years is None:
            return None
        return Beløbsværdi(sum((modtager.beløb.get(år, Decimal(0)) for år in years), Decimal(0)),
                           periode=rest[0] if len(years) > 1 else None)
    if namespace == "finanslov" and len(rest) <= 1:
        return finanslov(view, key or "", rest[0] if rest else str(model.finansår))
    if namespace == "beløb" and key in model.beløb and not rest and key not in seen:
        navngivet = model.beløb[key]
        mio = navngivet_mio(view, navngivet, seen | {key})
        return None if mio is None else Beløbsværdi(mio, navngivet.enhed)
    return None


def finanslov(view: AktstykkeView, konto: str, key: str) -> Beløbsværdi | None:
    """The export's figure on `konto` in the year or span `key` (a span sums, as every span
    does), or None without an export or when it has no figure there in one of the years."""
    plan, years = view.kontoplan, finanslovsår(key)
    if plan is None or years is None or not KONTONUMMER.fullmatch(konto):
        return None
    found = Decimal(0)
    for år in years:
        afsat = plan.finanslov(konto, år, view.model.finansår)
        if afsat is None:
            return None
        found += afsat.amount
    return Beløbsværdi(found, periode=key if len(years) > 1 else None)


def finanslovsår(key: str) -> list[int] | None:
    """The years `2025` or `2025-2027` names (a span runs forwards), whatever the data holds:
    the export, not the spec, says which years it has figures for."""
    match = _PERIODE.fullmatch(key)
    if match is None:
        return None
    first, last = int(match[1]), int(match[2] or match[1])
    return list(range(first, last + 1)) if first < last or not match[2] else None


def årstotal(view: AktstykkeView, namespace: str, år: int) -> Decimal:
    """{udgift:år} or {finansiering:år}, found once per view: prose may name them many times."""
    from aktstykker_gen.kinds.aktstykke.view import net

    if (namespace, år) not in view.årstotaler:
        sign, group = ((1, view.model.udgifter) if namespace == "udgift"
                       else (-1, view.model.finansiering))
        view.årstotaler[namespace, år] = sign * net(group, år)
    return view.årstotaler[namespace, år]


def navngivet_mio(view: AktstykkeView, navngivet: NavngivetBeløb,
                  seen: frozenset[str] = frozenset()) -> Decimal | None:
    """A named amount in mio. kr.: its typed value, else the sum of its parts (None if a part
    names nothing, or the amount itself)."""
    if navngivet.værdi is not None:
        return units.til_mio(navngivet.værdi, Enhed(navngivet.enhed))
    if navngivet.svarer_til is not None:   # the data's amount; the parts are checked (AKT620)
        found = del_beløb(view, navngivet.svarer_til, seen)
        return None if found is None else found.mio
    return dele_mio(view, navngivet, seen)


def dele_mio(view: AktstykkeView, navngivet: NavngivetBeløb,
             seen: frozenset[str] = frozenset()) -> Decimal | None:
    """The sum of a named amount's parts in mio. kr., or None if a part names nothing."""
    found = Decimal(0)
    for del_ in navngivet.dele:
        if isinstance(del_, Decimal):
            found += units.til_mio(del_, Enhed(navngivet.enhed))
            continue
        value = del_beløb(view, del_, seen)
        if value is None:
            return None
        found += value.mio
    return found


def del_beløb(view: AktstykkeView, del_: str,
              seen: frozenset[str] = frozenset()) -> Beløbsværdi | None:
    """What a part written as a reference without braces (`konto:16.71.08`) names."""
    found = list(references("{" + del_ + "}"))
    return beløb(view, found[0], seen) if len(found) == 1 else None


def konto_i_år(hovedkonto: Hovedkonto, år: int) -> Decimal:
    """A hovedkonto's amount in a year: its expenses, or its income if it has none."""
    from aktstykker_gen.kinds.aktstykke.view import lines

    return linjer_i_år(list(lines(hovedkonto)), år)


def linjer(view: AktstykkeView, key: str) -> list[Standardkonto]:
    """The standardkonto lines `{konto:16.11.16.10}` (an underkonto) or `{konto:16.11.16.10.22}`
    (one line) names; none if the key names no such account."""
    parts = key.split(".")
    hovedkonto = view.hovedkonti.get(".".join(parts[:3]))
    if hovedkonto is None or len(parts) not in (4, 5):
        return []
    return [line for underkonto in hovedkonto.underkonti if underkonto.nr == parts[3]
            for line in underkonto.standardkonti if len(parts) == 4 or line.nr == parts[4]]


def linjer_i_år(found: list[Standardkonto], år: int) -> Decimal:
    """Lines' amount in a year: their expenses, or their income if they have none."""
    side = "udgift" if any(år in line.udgift for line in found) else "indtægt"
    return sum((getattr(line, side).get(år, Decimal(0)) for line in found), Decimal(0))
