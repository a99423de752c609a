"""The typed aktstykke, as a clerk types it.

Each fact appears once: an amount on its standardkonto line, a financing
line, a recipient's allocation. Everything the document shows besides
(lists, tables, totals, sentences) is derived in `view.py`.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from aktstykker_gen.values import Amount, Flag

HovedkontoNr = Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{2}\.\d{2}$")]
ToCifre = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
Tekst = Annotated[str, StringConstraints(min_length=1)]
Beløb = dict[int, Amount]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(str, Enum):
    """A draft carries a visible UDKAST mark, so it is never mistaken for the document sent."""

    udkast = "udkast"
    endelig = "endelig"


class Bevillingstype(str, Enum):
    driftsbevilling = "driftsbevilling"
    statsvirksomhed = "statsvirksomhed"
    anlægsbevilling = "anlægsbevilling"
    lovbunden = "lovbunden"
    reservationsbevilling = "reservationsbevilling"
    selvejende = "statsfinansieret selvejende institution"
    anden = "anden bevilling"


class Standardkonto(Model):
    """One line of the specification: a standardkonto with amounts per finansår."""

    nr: ToCifre = Field(description="Standardkontoens nummer, fx 22.")
    navn: Tekst = Field(description="Standardkontoens navn, fx Andre ordinære driftsomkostninger.")
    udgift: Beløb = Field(default_factory=dict, description="Udgift i mio. kr. pr. finansår.")
    indtægt: Beløb = Field(default_factory=dict, description="Indtægt i mio. kr. pr. finansår.")


class Underkonto(Model):
    nr: ToCifre = Field(description="Underkontoens nummer, fx 10.")
    navn: Tekst
    ny: Flag = Field(False, description="Vises som (ny underkonto).")
    standardkonti: list[Standardkonto] = Field(min_length=1)


class Hovedkonto(Model):
    nr: HovedkontoNr = Field(description="§ nr. som paragraf.hovedområde.hovedkonto, fx 16.11.16.")
    navn: Tekst
    bevillingstype: Bevillingstype | None = Field(None, description="Hovedkontoens bevillingstype.")
    ny: Flag = Field(False, description="Vises som (ny konto).")
    formål: str | None = Field(None, description="Tilføjes efter navnet i listen i afsnit a.")
    underkonti: list[Underkonto] = Field(min_length=1)


class Modtager(Model):
    """Who receives (part of) a hovedkonto's money: a separate fact, checked against it."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-zæøå0-9_-]+$")] = Field(
        description="Kort navn til referencer i prosa: {modtager:id}.")
    navn: Tekst
    konto: HovedkontoNr
    beløb: Beløb


class Tekstanmærkningsgruppe(str, Enum):
    dispositionsrammer = "dispositionsrammer"
    materielle = "materielle bestemmelser"


class Tekstanmærkning(Model):
    nr: int = Field(gt=0)
    gruppe: Tekstanmærkningsgruppe
    ad: HovedkontoNr
    stk: list[Tekst] = Field(min_length=1, description="Stykkerne; fra stk. 2 nummereres de.")


Indsæt = Literal["kontoliste", "finansiering", "specifikation", "forslag", "flerårsoversigt",
                 "tekstanmærkninger"]


class Punkter(Model):
    punkter: list[Tekst] = Field(min_length=1)


class Indsættelse(Model):
    indsæt: Indsæt = Field(description="Et afsnit, som dannes af data.")


def _bloktype(value: object) -> str:
    if isinstance(value, dict):
        return "<indsæt>" if "indsæt" in value else "<punkter>"
    return "<tekst>"


# Union tags are written <like-this>: validation.py leaves them out of error positions.
Blok = Annotated[
    Annotated[Tekst, Tag("<tekst>")] | Annotated[Punkter, Tag("<punkter>")]
    | Annotated[Indsættelse, Tag("<indsæt>")],
    Discriminator(_bloktype),
]


class Afsnit(Model):
    """Sections a–f; one that is not used is left out."""

    a: list[Blok] | None = None
    b: list[Blok] | None = None
    c: list[Blok] | None = None
    d: list[Blok] | None = None
    e: list[Blok] | None = None
    f: list[Blok] | None = None


class Afgørelse(Model):
    dato: datetime.date
    påtegninger: list[Tekst] = Field(default_factory=list)


class Aktstykke(Model):
    art: Literal["aktstykke"] = "aktstykke"
    status: Status = Field(
        Status.udkast, description="udkast (standard): PDF, DOCX og forhåndsvisning bærer "
                                   "mærket UDKAST. endelig: aktstykket, som det sendes.")
    titel: Tekst = Field(description="Sagens titel; bruges i dokumentets egenskaber.")
    ministerium: Tekst
    sted: Tekst = "København"
    dato: datetime.date
    nummer: int | None = Field(None, gt=0, description="Aktstykkets nummer, når det kendes.")
    folketingsår: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")] | None = None
    orienterende: Flag = False
    finansår: int = Field(ge=1900, le=2200)
    nettoændring: Beløb = Field(
        default_factory=dict, description="Tilsigtet nettoændring pr. finansår; ellers 0.")
    udgifter: list[Hovedkonto] = Field(default_factory=list)
    finansiering: list[Hovedkonto] = Field(default_factory=list)
    modtagere: list[Modtager] = Field(default_factory=list)
    beløb: dict[Annotated[str, StringConstraints(pattern=r"^[a-zæøå0-9_-]+$")], Amount] = Field(
        default_factory=dict, description="Andre navngivne beløb, som prosaen henviser til.")
    tekstanmærkninger: list[Tekstanmærkning] = Field(default_factory=list)
    tekst: Afsnit
    sagsbehandler: Tekst | None = Field(
        None, description="Den ansvarlige sagsbehandler; står som forfatter af ændringer i en "
                          "redline. Vises ikke i aktstykket.")
    underskrivere: list[Tekst] = Field(
        default_factory=list, description="Ministeren, så departementschefen.")
    adressat: Tekst = "Finansudvalget"
    afgørelse: Afgørelse | None = None
