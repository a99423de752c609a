"""The typed aktstykke, as a clerk types it.

Each fact appears once: an amount on its standardkonto line, a financing
line, a recipient's allocation. Everything the document shows besides
(lists, tables, totals, sentences) is derived in `view.py`.

The `description`s are Danish: they are what a clerk's editor shows for each
field (`aktstykke schema`, docs/editing.md).
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

from aktstykker_gen.values import Amount, Flag

HovedkontoNr = Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{2}\.\d{2}$")]
# An editor reads `nr: 22` as a number, the model reads the text "22": the schema takes both.
ToCifre = Annotated[str, StringConstraints(pattern=r"^\d{2}$"), WithJsonSchema(
    {"anyOf": [{"type": "string", "pattern": r"^\d{2}$"},
               {"type": "integer", "minimum": 0, "maximum": 99}]})]
Tekst = Annotated[str, StringConstraints(min_length=1)]
# A year is a YAML number (2025), but a JSON Schema sees every key as a text ("2025").
År = Annotated[int, WithJsonSchema({"type": "string", "pattern": r"^\d{4}$"})]
Beløb = dict[År, Amount]
Kortnavn = Annotated[str, StringConstraints(pattern=r"^[a-zæøå0-9_-]+$")]


def _beskrivelse(text: str) -> ConfigDict:
    """A model's description for the clerk's editor; its docstring stays for the programmer."""
    return ConfigDict(json_schema_extra={"description": text})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(str, Enum):
    """Et udkast bærer mærket UDKAST, så det aldrig forveksles med det aktstykke, der sendes."""

    udkast = "udkast"
    endelig = "endelig"


class Bevillingstype(str, Enum):
    """Hovedkontoens bevillingstype, som finansloven angiver den."""

    driftsbevilling = "driftsbevilling"
    statsvirksomhed = "statsvirksomhed"
    anlægsbevilling = "anlægsbevilling"
    lovbunden = "lovbunden"
    reservationsbevilling = "reservationsbevilling"
    selvejende = "statsfinansieret selvejende institution"
    anden = "anden bevilling"


class Standardkonto(Model):
    """One line of the specification: a standardkonto with amounts per finansår."""

    model_config = _beskrivelse("En linje i specifikationen: en standardkonto med beløb pr. "
                                "finansår.")

    nr: ToCifre = Field(description="Standardkontoens nummer, fx 22.")
    navn: Tekst = Field(description="Standardkontoens navn, fx Andre ordinære driftsomkostninger.")
    udgift: Beløb = Field(default_factory=dict, description="Udgift i mio. kr. pr. finansår.")
    indtægt: Beløb = Field(default_factory=dict, description="Indtægt i mio. kr. pr. finansår.")


class Underkonto(Model):
    model_config = _beskrivelse("En underkonto under hovedkontoen, med sine standardkonti.")

    nr: ToCifre = Field(description="Underkontoens nummer, fx 10.")
    navn: Tekst = Field(description="Underkontoens navn, fx Almindelig virksomhed.")
    ny: Flag = Field(False, description="Vises som (ny underkonto).")
    standardkonti: list[Standardkonto] = Field(
        min_length=1, description="Underkontoens standardkonti med beløb; mindst én.")


class Hovedkonto(Model):
    model_config = _beskrivelse("En hovedkonto på finansloven; Folketinget bevilger pr. "
                                "hovedkonto.")

    nr: HovedkontoNr = Field(description="§ nr. som paragraf.hovedområde.hovedkonto, fx 16.11.16.")
    navn: Tekst = Field(description="Hovedkontoens navn, fx Lægemiddelstyrelsen.")
    bevillingstype: Bevillingstype | None = Field(None, description="Hovedkontoens bevillingstype.")
    ny: Flag = Field(False, description="Vises som (ny konto).")
    formål: str | None = Field(None, description="Tilføjes efter navnet i listen i afsnit a.")
    underkonti: list[Underkonto] = Field(
        min_length=1, description="Hovedkontoens underkonti; mindst én.")


class Modtager(Model):
    """Who receives (part of) a hovedkonto's money: a separate fact, checked against it."""

    model_config = _beskrivelse("Hvem der modtager (en del af) en hovedkontos midler; beløbene "
                                "kontrolleres mod kontoen.")

    id: Kortnavn = Field(description="Kort navn til referencer i prosa: {modtager:id}.")
    navn: Tekst = Field(description="Modtagerens navn; trykkes ikke (prosaen nævner modtageren).")
    konto: HovedkontoNr = Field(description="Hovedkontoen, midlerne kommer fra, fx 16.55.07.")
    beløb: Beløb = Field(description="Modtagerens beløb i mio. kr. pr. finansår.")


class Tekstanmærkningsgruppe(str, Enum):
    """Gruppen, tekstanmærkningen står i på tillægsbevillingen."""

    dispositionsrammer = "dispositionsrammer"
    materielle = "materielle bestemmelser"


class Tekstanmærkning(Model):
    model_config = _beskrivelse("En ny tekstanmærkning: lovtekst på tillægsbevillingen for ét "
                                "finansår.")

    nr: int = Field(gt=0, description="Nummeret; fortsætter finanslovens nummerering i gruppen, "
                                      "fx 313.")
    gruppe: Tekstanmærkningsgruppe = Field(description="Dispositionsrammer eller materielle "
                                                       "bestemmelser.")
    ad: HovedkontoNr = Field(description="Hovedkontoen, anmærkningen står ad, fx 16.71.08.")
    stk: list[Tekst] = Field(min_length=1, description="Stykkerne; fra stk. 2 nummereres de.")


Indsæt = Literal["kontoliste", "finansiering", "specifikation", "forslag", "flerårsoversigt",
                 "tekstanmærkninger"]


class Punkter(Model):
    model_config = _beskrivelse("En punktopstilling.")

    punkter: list[Tekst] = Field(
        min_length=1, description="Punkterne, ét pr. linje; henvisninger som {udgift} virker.")


class Indsættelse(Model):
    model_config = _beskrivelse("En blok, som dannes af data: en liste, en tabel eller en sætning.")

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

    model_config = _beskrivelse("Afsnittene a–f, hvert en liste af tekster, punktopstillinger og "
                                "indsatte blokke; et afsnit, der ikke bruges, udelades.")

    a: list[Blok] | None = Field(None, description="Indledning: hvem der anmoder om hvad, "
                                                   "beløbene og finansieringen.")
    b: list[Blok] | None = Field(None, description="Sagsfremstilling: baggrund, midlernes brug "
                                                   "og specifikationen af dispositionerne.")
    c: list[Blok] | None = Field(None, description="Motivering for forelæggelsen: hvorfor sagen "
                                                   "ikke kan vente.")
    d: list[Blok] | None = Field(None, description="Tilslutning fra andre myndigheder.")
    e: list[Blok] | None = Field(None, description="Forslaget: anmodningen og tabellen til "
                                                   "tillægsbevillingen.")
    f: list[Blok] | None = Field(None, description="Finansministeriets tilslutning.")


class Afgørelse(Model):
    model_config = _beskrivelse("Finansudvalgets afgørelse; tilføjes, når udvalget har afgjort "
                                "sagen.")

    dato: datetime.date = Field(description="Datoen for udvalgets afgørelse, ÅÅÅÅ-MM-DD.")
    påtegninger: list[Tekst] = Field(
        default_factory=list, description="Påtegninger fra udvalget eller partier, ét afsnit "
                                          "hver; trykkes som skrevet.")


class Aktstykke(Model):
    model_config = _beskrivelse("Et aktstykke til Folketingets Finansudvalg. Beløb i mio. kr.; "
                                "prosa henviser til beløbene, fx {udgift} eller {modtager:id}.")

    art: Literal["aktstykke"] = Field("aktstykke", description="Dokumentets art: aktstykke.")
    status: Status = Field(
        Status.udkast, description="udkast (standard): PDF, DOCX og forhåndsvisning bærer "
                                   "mærket UDKAST. endelig: aktstykket, som det sendes.")
    titel: Tekst = Field(description="Sagens titel; bruges i dokumentets egenskaber.")
    ministerium: Tekst = Field(description="Ministeriet, der sender aktstykket, fx Indenrigs- og "
                                           "Sundhedsministeriet.")
    sted: Tekst = Field("København", description="Stedet i dateringen.")
    dato: datetime.date = Field(description="Aktstykkets dato, ÅÅÅÅ-MM-DD.")
    nummer: int | None = Field(None, gt=0, description="Aktstykkets nummer, når det kendes.")
    folketingsår: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")] | None = Field(
        None, description="Folketingsåret, fx 2025-26; står sammen med nummeret.")
    orienterende: Flag = Field(False, description="true: aktstykket orienterer kun udvalget og "
                                                  "har hverken afsnit c eller e.")
    finansår: int = Field(ge=1900, le=2200, description="Finansåret, dispositionerne hører til, "
                                                        "fx 2025.")
    nettoændring: Beløb = Field(
        default_factory=dict, description="Tilsigtet nettoændring pr. finansår; ellers 0.")
    udgifter: list[Hovedkonto] = Field(
        default_factory=list, description="Hovedkonti, der får udgifterne.")
    finansiering: list[Hovedkonto] = Field(
        default_factory=list, description="Hovedkonti, der finansierer udgifterne, fx en reserve.")
    modtagere: list[Modtager] = Field(
        default_factory=list, description="Hvem midlerne går til; prosa henviser med "
                                          "{modtager:id}.")
    beløb: dict[Kortnavn, Amount] = Field(
        default_factory=dict, description="Andre navngivne beløb, som prosaen henviser til.")
    tekstanmærkninger: list[Tekstanmærkning] = Field(
        default_factory=list, description="Nye tekstanmærkninger; citeres i afsnit e.")
    tekst: Afsnit = Field(description="Aktstykkets tekst, afsnit a–f.")
    sagsbehandler: Tekst | None = Field(
        None, description="Den ansvarlige sagsbehandler; står som forfatter af ændringer i en "
                          "redline. Vises ikke i aktstykket.")
    underskrivere: list[Tekst] = Field(
        default_factory=list, description="Ministeren, så departementschefen.")
    adressat: Tekst = Field("Finansudvalget", description="Hvem aktstykket sendes til.")
    afgørelse: Afgørelse | None = Field(None, description="Finansudvalgets afgørelse, når den "
                                                          "foreligger.")
