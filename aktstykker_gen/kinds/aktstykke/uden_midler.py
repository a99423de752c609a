"""What the dispositions that move no new money show: hjemler, a låneramme, funds already
appropriated put to another use, why nothing goes on the tillægsbevilling, and citations of
other aktstykker. Derived here once; the template only words them (Budgetvejledningen 3.5.5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aktstykker_gen import formatting, units
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Anvendelse,
    CiteretAktstykke,
    Grund,
    Hjemmel,
    Låneramme,
)
from aktstykker_gen.units import Enhed

if TYPE_CHECKING:
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView

NBSP = formatting.NBSP


def on_tillægsbevilling(model: Aktstykke) -> bool:
    """Whether any account has an amount in the finansår: then the TB table says what is asked."""
    år = model.finansår
    return any(år in line.udgift or år in line.indtægt
               for h in model.udgifter + model.finansiering
               for u in h.underkonti for line in u.standardkonti)


def uden_midler_data(model: Aktstykke) -> dict[str, bool]:
    """Which of this module's blocks have data to show (AKT106); `forslag` also words a request
    with nothing on the tillægsbevilling."""
    return {
        "hjemmel": bool(model.hjemler),
        "låneramme": model.låneramme is not None,
        "anvendelse": bool(model.anvendelser),
        "erstatning": model.erstatter is not None,
        "forslag": bool(model.udgifter or model.finansiering or model.anvendelser or model.hjemler
                        or model.låneramme or model.uden_tillægsbevilling),
    }


def citations(model: Aktstykke) -> dict[str, CiteretAktstykke]:
    """The cited aktstykker by key; the first of two with one key wins (a rule reports both)."""
    found: dict[str, CiteretAktstykke] = {}
    for akt in model.aktstykker:
        found.setdefault(akt.nøgle, akt)
    return found


def citation(akt: CiteretAktstykke) -> str:
    """Folketinget's form: "akt. 122 af 27. marts 2020", "akt. H af 19. december 2019"."""
    return f"akt.{NBSP}{akt.betegnelse} af {formatting.long_date(akt.dato)}"


MÅNEDER = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")
# "akt. 281", "akt. H af 19. december 2019", "aktstykke nr. 108", "aktstykke 108": a citation
# typed as text, which {akt:…} prints from its declaration instead (AKT147).
SKREVET_CITAT = re.compile(
    r"\b(?:[Aa]kt\.(?:\s+nr\.)?|[Aa]ktstykke(?:\s+nr\.)?)\s+"
    r"(?P<betegnelse>\d+|[A-ZÆØÅ]{1,3})(?!\w|[.,]\d)"
    r"(?:\s+af\s+(?P<dag>\d{1,2})\.\s+(?P<måned>" + "|".join(MÅNEDER) + r")\s+(?P<år>\d{4}))?")


def skrevne_citater(text: str) -> Iterator[re.Match[str]]:
    """The citations of other aktstykker typed out in a text (outside its references)."""
    return SKREVET_CITAT.finditer(text)


def låneramme_beløb(låneramme: Låneramme) -> str:
    return units.beløb(abs(låneramme.ændring), Enhed(låneramme.enhed))


def value(model: Aktstykke, namespace: str, key: str | None) -> str | None:
    """The text `{akt:nøgle}` or `{låneramme}` stands for, or None if the spec holds nothing
    by that name."""
    if namespace == "akt" and key is not None and key in citations(model):
        return citation(citations(model)[key])
    if namespace == "låneramme" and key is None and model.låneramme is not None:
        return låneramme_beløb(model.låneramme)
    return None


class UdenMidler:
    """The sentences' parts, for the template."""

    def __init__(self, view: AktstykkeView) -> None:
        self.view = view
        self.model = view.model

    def context(self) -> dict[str, Any]:
        model = self.model
        money = bool(model.udgifter) or on_tillægsbevilling(model)
        return {
            "hjemler": [self._hjemmel(h, endvidere=money or i > 0)
                        for i, h in enumerate(model.hjemler)],
            "låneramme": self._låneramme(model.låneramme) if model.låneramme else None,
            "anvendelser": [self._anvendelse(a) for a in model.anvendelser],
            "grund": self._grund(),
            "anmodning": self._anmodning(),
            "erstatning": self._erstatning(),
        }

    def kontonavn(self, nr: str) -> str:
        hovedkonto = self.view.hovedkonti.get(nr)
        return self.view.kontonavn(hovedkonto) if hovedkonto else f"§{NBSP}{nr}."

    def _hjemmel(self, hjemmel: Hjemmel, endvidere: bool) -> dict[str, str]:
        return {"endvidere": "endvidere " if endvidere else "",
                "art": hjemmel.art.value,
                "konti": formatting.enumeration(self.kontonavn(nr) for nr in hjemmel.konti)}

    @staticmethod
    def _låneramme(låneramme: Låneramme) -> dict[str, str]:
        return {"retning": "forhøjelse" if låneramme.ændring > 0 else "nedsættelse",
                "beløb": låneramme_beløb(låneramme),
                "fra": str(låneramme.fra), "til": str(låneramme.til)}

    def _anvendelse(self, anvendelse: Anvendelse) -> dict[str, str]:
        return {"konto": f"§{NBSP}{anvendelse.konto}. {anvendelse.navn}",
                "til": self.view.prose(anvendelse.til)}

    def _grund(self) -> str | None:
        """Budgetvejledningen 3.5.5's wording of the reason, after "idet"."""
        uden = self.model.uden_tillægsbevilling
        if uden is None:
            return None
        if uden.grund is Grund.eksisterende:
            år = uden.år or self.model.finansår
            konti = formatting.enumeration(
                f"§{NBSP}{a.konto}. {a.navn}" for a in self.model.anvendelser)
            under = f" under {konti}" if konti else ""
            return f"udgiften vil blive afholdt af den på finansloven for {år}{under} opførte " \
                   "bevilling"
        if uden.grund is Grund.senere:
            return "udgiften vil blive søgt bevilget på forslag til finanslov for " \
                   f"{uden.år or self.model.finansår + 1}"
        return "dispositionen ikke medfører udgifter eller indtægter"

    def _anmodning(self) -> str:
        """What e asks consent to when nothing goes on the tillægsbevilling: each disposition
        as an at-clause."""
        clauses = [f"at de allerede afsatte midler på §{NBSP}{a.konto}. {a.navn} kan anvendes "
                   f"til {self.view.prose(a.forslag or a.til).rstrip('.:')}"
                   for a in self.model.anvendelser]
        clauses += [f"at der gives hjemmel til at afgive {h['art']} på {h['konti']}"
                    for h in (self._hjemmel(h, False) for h in self.model.hjemler)]
        if self.model.låneramme:
            lr = self._låneramme(self.model.låneramme)
            verb = "forhøjes" if lr["retning"] == "forhøjelse" else "nedsættes"
            clauses.append(f"at lånerammen {verb} med {lr['beløb']} i perioden fra {lr['fra']} "
                           f"til {lr['til']}")
        if not clauses:
            return "til forslaget"
        return "til, " + formatting.enumeration(clauses).rstrip(".:")

    def _erstatning(self) -> dict[str, str] | None:
        akt = citations(self.model).get(self.model.erstatter or "")
        if akt is None:
            return None
        return {"citat": citation(akt), "betegnelse": akt.betegnelse,
                "nr": "nr. " if akt.nr is not None else "",
                "tiltrådt": formatting.short_date(akt.tiltrådt) if akt.tiltrådt else ""}
