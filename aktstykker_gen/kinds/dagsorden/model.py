"""The typed committee agenda (dagsorden) and its minutes (referat), as a secretariat types them.

One spec is one meeting: its head (organisation, committee, date, time, place) and its items in
order. The minutes are the same spec with `referat: true` and each item's decision
(`beslutning`) filled in. A closed item (`status: fortrolig`) is in the public edition only by
its number, and in the public minutes by its public title and public decision; a bilag that may
not be published is left out of the public edition (udgaver.py does both, from `er_fortrolig`
and `offentlig_udgave` below).
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError

from aktstykker_gen import values
from aktstykker_gen.load import Citeret
from aktstykker_gen.modeldele import (
    Dato,
    Model,
    Overskrift,
    Punkter,
    Tekst,
    _beskrivelse,
    _heltal,
    tom_liste,
)
from aktstykker_gen.values import Flag

# What an empty part of an item shows, as the agenda systems print it.
INGEN = "Ingen bemærkninger"
TOMT = "-"


class Dokumentstatus(str, Enum):
    """Et udkast bærer mærket UDKAST, så det aldrig forveksles med den udsendte dagsorden."""

    udkast = "udkast"
    endelig = "endelig"


class Punktstatus(str, Enum):
    """Et offentligt punkt behandles for åbne døre; et fortroligt (lukket) punkt vises i den
    offentlige dagsorden kun med sit nummer."""

    offentlig = "offentlig"
    fortrolig = "fortrolig"


def _punkttype(value: object) -> str:
    """A block's union tag: a text, or the type key it has (validation says which is unknown)."""
    if isinstance(value, dict):
        known = next((key for key in ("underpunkt", "tabel", "overskrift", "punkter")
                      if key in value), None)
        return f"<{known or next(iter(value), 'punkter')}>"
    return "<tekst>"


def _som_tekst(value: Any) -> Any:
    """A document number typed as a number (`dokument: 1798098`) is read as its text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A number as a clerk types it in a table: digits with a decimal point or comma (12.5, 12,5),
# or thousands dots and a decimal comma (1.288,4); no leading zero (a telephone or case number
# is text), at most 12 digits before the decimals and 6 after (a longer one is an id: text).
_TAL = re.compile(r"-?(0|[1-9][0-9]{0,11})([.,][0-9]{1,6})?|-?[1-9][0-9]{0,2}(\.[0-9]{3}){1,3}"
                  r"(,[0-9]{1,6})?")


def _celle(value: Any) -> Any:
    """A cell as typed: a number written as one (not quoted) is a `Decimal`, printed the Danish
    way; anything else, or anything quoted ("2025"), is text as typed; empty (~) is empty."""
    if not isinstance(value, str) or isinstance(value, Citeret) or not _TAL.fullmatch(value):
        return str(value) if isinstance(value, str) else value
    if _TVETYDIG.fullmatch(value):
        thousands, decimal = values.Ambiguous(value).readings
        raise PydanticCustomError(
            "amount_ambiguous", "'{value}' kan læses både som {tusind} og som {decimal}",
            {"value": value, "tusind": thousands, "decimal": decimal})
    if "," in value or value.count(".") > 1:   # thousands dots and a decimal comma
        return Decimal(value.replace(".", "").replace(",", "."))
    return Decimal(value)


# `1.200` is 1200 to a Dane (a thousands dot) and 1,2 to YAML (a decimal point).
_TVETYDIG = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")


Celle = Annotated[Decimal | str | None, BeforeValidator(_celle), WithJsonSchema(
    {"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}],
     "description": "Et tal (12.5, 12,5 eller 1.288,4) vises på dansk, 1.288,4; en tekst, "
                    "eller et tal i anførselstegn (\"2025\"), vises som skrevet."})]


class Punkttabel(Model):
    """A table inside an item's part: a header row and rows of cells. The first column is the
    rows' labels, text as typed (a year there stays 2025); a later column with a number in it
    is a column of numbers, set right."""

    model_config = _beskrivelse("En tabel: en overskriftsrække og rækker af celler; tal vises "
                                "på dansk, tekster som skrevet.")

    titel: Tekst | None = Field(None, description="Tabellens titel over den, fx Økonomi "
                                                  "2025-2028.")
    enhed: Tekst | None = Field(None, description="Enhedslinjen over tabellen, fx Mio. kr., "
                                                  "2025-priser.")
    hoved: list[Annotated[str | None, BeforeValidator(_som_tekst), WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]})]] = Field(
        min_length=1, description="Overskriftsrækken: én tekst pr. kolonne (et årstal vises "
                                  "som skrevet); ~ for en tom.")
    rækker: list[list[Celle]] = Field(
        min_length=1, description="Rækkerne, hver en liste med én celle pr. kolonne, fx "
                                  "[Udgift, 12.5, 13]; ~ for en tom celle.")
    noter: list[Tekst] = Field(default_factory=tom_liste,
                               description="Noter under tabellen, fx Kilde: Danske Regioner.")


class Punkttabelblok(Model):
    model_config = _beskrivelse("En tabel i punktets tekst.")

    tabel: Punkttabel = Field(description="Tabellen: titel, enhed, hoved, rækker og noter.")


class Underpunkt(Model):
    """A lettered sub-item ("a) National handlingsplan …") with its own text."""

    model_config = _beskrivelse("Et underpunkt med bogstav, a), b), …: en titel og egen tekst.")

    underpunkt: Tekst = Field(description="Underpunktets titel; bogstavet gives i rækkefølge.")
    indhold: list[Annotated[Annotated[Tekst, Tag("<tekst>")]
                            | Annotated[Punkter, Tag("<punkter>")]
                            | Annotated[Overskrift, Tag("<overskrift>")]
                            | Annotated[Punkttabelblok, Tag("<tabel>")],
                            Discriminator(_punkttype)]] = Field(
        default_factory=tom_liste, description="Underpunktets tekster, punkter, overskrifter og "
                                               "tabeller.")


# Union tags are written <like-this>: validation.py leaves them out of error positions.
Blok = Annotated[
    Annotated[Tekst, Tag("<tekst>")] | Annotated[Punkter, Tag("<punkter>")]
    | Annotated[Overskrift, Tag("<overskrift>")] | Annotated[Underpunkt, Tag("<underpunkt>")]
    | Annotated[Punkttabelblok, Tag("<tabel>")],
    Discriminator(_punkttype),
]


# A case number as text; its form (EMN-2023-01359) is a rule's (AKT704), so a wrong one is
# a diagnostic at its place rather than a type error.
Sagsnummer = Tekst


# An editor reads `dokument: 1798098` as a number, the model reads the text: the schema takes both.
Dokumentnummer = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}$"),
                           BeforeValidator(_som_tekst), WithJsonSchema(
    {"anyOf": [{"type": "string", "pattern": r"^[0-9]{1,12}$"},
               {"type": "integer", "minimum": 0, "maximum": 999999999999}]})]


class Punktbilag(Model):
    """A bilag of an item, numbered within it; one that may not be published is left out of
    the public edition (agenda systems mark single bilag so on an open item)."""

    model_config = _beskrivelse("Et bilag til punktet: nummer, titel og om det må offentliggøres.")

    nr: Annotated[int, Field(gt=0, le=99), BeforeValidator(_heltal)] = Field(
        description="Bilagets nummer i punktet, 1, 2, …; nævnes i teksten som {bilag:1}.")
    titel: Tekst = Field(description="Bilagets titel.")
    dokument: Dokumentnummer | None = Field(
        None, description="Dokumentnummeret i sagssystemet, fx 1798098.")
    sagsnr: Sagsnummer | None = Field(None, description="Sagen, bilaget ligger på, fx "
                                                        "EMN-2020-00886.")
    offentlig: Flag = Field(True, description="false: bilaget må ikke offentliggøres og udelades "
                                              "af den offentlige dagsorden og det offentlige "
                                              "referat.")

    def er_fortrolig(self) -> bool:
        return not self.offentlig

    def offentlig_udgave(self) -> None:
        """A bilag that may not be published is left out, not named."""
        return None


class LukketPunkt(Model):
    """What the public edition shows of a closed item: its number, and for the minutes its
    public title and public decision (Ankestyrelsen: a decision taken behind closed doors is
    published as far as confidentiality allows)."""

    nr: int
    status: Punktstatus = Punktstatus.fortrolig
    offentlig_titel: str | None = None
    offentlig_beslutning: list[str] = Field(default_factory=tom_liste)


class Punkt(Model):
    """One item of the agenda, with the parts every item has in the order they are printed."""

    model_config = _beskrivelse("Et punkt på dagsordenen med titel, ansvarlig, sagsnummer og "
                                "afsnittene Resumé, Indstilling, Sagsfremstilling, Økonomi, "
                                "Sekretariatets bemærkninger, Kommunikation og Bilag.")

    nr: Annotated[int, Field(gt=0, le=999), BeforeValidator(_heltal)] = Field(
        description="Punktets nummer, 1, 2, … i rækkefølge.")
    status: Punktstatus = Field(Punktstatus.offentlig, description="offentlig (standard) eller "
                                                                  "fortrolig: et lukket punkt.")
    titel: Tekst = Field(description="Punktets titel.")
    ansvarlig: Tekst | None = Field(None, description="Den ansvarlige medarbejder.")
    sagsnr: Sagsnummer | None = Field(None, description="Sagsnummeret, fx EMN-2023-01359 eller "
                                                        "MOD-2025-00124.")
    resumé: list[Blok] = Field(default_factory=tom_liste, description="Resumé; tomt vises som -.")
    indstilling: list[Tekst] = Field(
        default_factory=tom_liste, description="Indstillingen efter 'Det indstilles,': én linje pr. "
                                          "at-sætning, fx 'at udvalget tager orienteringen til "
                                          "efterretning'.")
    beslutning: list[Blok] = Field(default_factory=tom_liste,
                                   description="Udvalgets beslutning; står i referatet efter "
                                               "indstillingen.")
    sagsfremstilling: list[Blok] = Field(
        default_factory=tom_liste, description="Sagsfremstillingen: tekster, punkter, overskrifter "
                                          "og underpunkter a), b), …; tom vises som -.")
    økonomi: list[Blok] = Field(default_factory=tom_liste,
                                description="Økonomi; tom vises som 'Ingen bemærkninger'.")
    sekretariatets_bemærkninger: list[Blok] = Field(
        default_factory=tom_liste, description="Sekretariatets bemærkninger; tom vises som 'Ingen "
                                          "bemærkninger'.")
    kommunikation: list[Blok] = Field(
        default_factory=tom_liste, description="Kommunikation; tom vises som 'Ingen bemærkninger'.")
    bilag: list[Punktbilag] = Field(default_factory=tom_liste, description="Punktets bilag, 1, 2, ….")
    links: list[Annotated[str, StringConstraints(pattern=r"^https?://[^\s\"<>]+$")]] = Field(
        default_factory=tom_liste, description="Links, som punktet henviser til; står efter punktet.")
    offentlig_titel: Tekst | None = Field(
        None, description="Et lukket punkts titel, som den må offentliggøres i referatet.")
    offentlig_beslutning: list[Tekst] = Field(
        default_factory=tom_liste, description="Et lukket punkts beslutning, så vidt den må "
                                          "offentliggøres i referatet.")

    def er_fortrolig(self) -> bool:
        return self.status is Punktstatus.fortrolig

    def offentlig_udgave(self) -> LukketPunkt:
        """The number, and what the minutes may publish; nothing else of a closed item."""
        return LukketPunkt(nr=self.nr, offentlig_titel=self.offentlig_titel,
                           offentlig_beslutning=list(self.offentlig_beslutning))


class Dagsorden(Model):
    model_config = _beskrivelse("En dagsorden (eller et referat) for et udvalgsmøde: mødet og "
                                "punkterne i rækkefølge.")

    art: Literal["dagsorden"] = Field(description="Dokumentets art: dagsorden.")
    status: Dokumentstatus = Field(
        Dokumentstatus.udkast, description="udkast (standard): PDF, DOCX og forhåndsvisning bærer "
                                   "mærket UDKAST. endelig: dagsordenen, som den udsendes.")
    referat: Flag = Field(False, description="true: referatet, med hvert punkts beslutning.")
    organisation: Tekst = Field(description="Organisationen, fx Danske Regioner.")
    udvalg: Tekst = Field(description="Udvalget, fx Sundhedsudvalget.")
    dato: Dato = Field(description="Mødets dato, ÅÅÅÅ-MM-DD.")
    tidspunkt: Annotated[str, StringConstraints(
        pattern=r"^[0-2][0-9]\.[0-5][0-9](-[0-2][0-9]\.[0-5][0-9])?$")] = Field(
        description="Mødets tidspunkt, fx 10.00-12.00.")
    sted: Tekst = Field(description="Mødestedet.")
    deltagere: list[Tekst] = Field(default_factory=tom_liste, description="De mødte (til referatet).")
    afbud: list[Tekst] = Field(default_factory=tom_liste, description="Afbud (til referatet).")
    næste_møde: Dato | None = Field(None, description="Datoen for udvalgets næste møde.")
    punkter: list[Punkt] = Field(min_length=1, description="Punkterne i rækkefølge.")

    @property
    def titel(self) -> str:
        return f"{'Referat' if self.referat else 'Dagsorden'}: {self.udvalg}, {self.dato}"

