"""The typed aktstykke, as a clerk types it.

Each fact appears once: an amount on its standardkonto line, a financing
line, a recipient's allocation. Everything the document shows besides
(lists, tables, totals, sentences) is derived in `view.py`.

The `description`s are Danish: they are what a clerk's editor shows for each
field (`aktstykke schema`, docs/editing.md).

Numbers are read as the clerk sees them: ASCII digits only (pydantic's `\\d` and
Python's `int` also take "٢" and "２"), a year as four digits (`02025`, `+2025` and
`2025.0` would be the same year under another key), a date as ÅÅÅÅ-MM-DD (not a
count of seconds), and every year within `YEARS`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from aktstykker_gen.modeldele import (
    YEARS,
    Dato,
    Model,
    Overskrift,
    Punkter,
    Tekst,
    _beskrivelse,
    _heltal,
    tom_liste,
)
from aktstykker_gen.units import Enhed
from aktstykker_gen.values import AMOUNT_JSON_SCHEMA, Amount, Flag, _amount, parse_amount


def _år(value: Any) -> int:
    """A year, the finansår or a key of an amount map: exactly four ASCII digits, within
    `YEARS`."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise PydanticCustomError("year", "'{value}' er ikke et årstal", {"value": value})
    if not re.fullmatch(r"[0-9]{4}", text):
        raise PydanticCustomError("year", "'{value}' er ikke et årstal", {"value": text})
    if int(text) not in YEARS:
        raise PydanticCustomError("year_range", "'{value}' ligger uden for årene", {"value": text})
    return int(text)


# A whole number's bounds go before the validator, so that the JSON Schema carries them.
Nummer = Annotated[int, Field(gt=0, le=9999), BeforeValidator(_heltal)]
Finansår = Annotated[int, Field(ge=YEARS.start, le=YEARS.stop - 1), BeforeValidator(_år)]
HovedkontoNr = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$")]
# An editor reads `nr: 22` as a number, the model reads the text "22": the schema takes both.
ToCifre = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$"), WithJsonSchema(
    {"anyOf": [{"type": "string", "pattern": r"^[0-9]{2}$"},
               {"type": "integer", "minimum": 0, "maximum": 99}]})]
# A year is a YAML number (2025), but a JSON Schema sees every key as a text ("2025").
År = Annotated[int, BeforeValidator(_år), WithJsonSchema(
    {"type": "string", "pattern": r"^(19|20)[0-9]{2}$"})]
Beløb = dict[År, Amount]
# A year as a value (a table's column), not a key: a YAML number or its text to an editor.
Årstal = Annotated[int, BeforeValidator(_år), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": YEARS.start, "maximum": YEARS.stop - 1},
               {"type": "string", "pattern": r"^(19|20)[0-9]{2}$"}]})]
Kortnavn = Annotated[str, StringConstraints(pattern=r"^[a-zæøå0-9_-]+$")]

# A reference to the spec's data written without its braces, as a named amount's part or a
# declared total: `konto:16.71.08`, `modtager:amgros:2026`, `beløb:drift`, `udgift:2026`.
_DEL = re.compile(r"[a-zæøå]+(:[0-9A-Za-zæøåÆØÅ._-]+)*")
Henvisning = Annotated[str, StringConstraints(pattern="^" + _DEL.pattern + "$")]


def _nøgle(value: Any) -> Any:
    """A cited aktstykke's key as text: `erstatter: 108` means the key "108"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Nøgle = Annotated[Tekst, BeforeValidator(_nøgle), WithJsonSchema(
    {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 1}]})]


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

    nr: Nummer = Field(description="Nummeret; fortsætter finanslovens nummerering i gruppen, "
                                   "fx 313.")
    gruppe: Tekstanmærkningsgruppe = Field(description="Dispositionsrammer eller materielle "
                                                       "bestemmelser.")
    ad: HovedkontoNr = Field(description="Hovedkontoen, anmærkningen står ad, fx 16.71.08.")
    stk: list[Tekst] = Field(min_length=1, description="Stykkerne; fra stk. 2 nummereres de.")


class HjemmelArt(str, Enum):
    """Hvad hjemlen gives til; ordlyden står i skabelonen."""

    tilsagn_om_tilskud = "tilsagn om tilskud"


class Hjemmel(Model):
    """A disposition that moves no money: hjemmel on named accounts (akt. 283 2020-21)."""

    model_config = _beskrivelse("En hjemmel uden nye midler, fx til at afgive tilsagn om tilskud "
                                "på de nævnte hovedkonti.")

    art: HjemmelArt = Field(HjemmelArt.tilsagn_om_tilskud, description="Hvad hjemlen gives til.")
    konti: list[HovedkontoNr] = Field(
        min_length=1, description="Hovedkonti, hjemlen gælder, fx 08.32.25; navnene hentes fra "
                                  "kontiene i udgifter eller finansiering.")


class Låneramme(Model):
    """A change of a låneramme: a fact of its own, with its unit (Budgetvejledningen 3.5.5)."""

    model_config = _beskrivelse("En ændret låneramme; sætningen i afsnit e dannes af felterne.")

    ændring: Amount = Field(description="Ændringen; positiv er en forhøjelse, negativ en "
                                        "nedsættelse.")
    enhed: Literal["mio. kr.", "mia. kr."] = Field("mio. kr.", description="Beløbets enhed.")
    fra: Finansår = Field(description="Periodens første år.")
    til: Finansår = Field(description="Periodens sidste år.")


class Anvendelse(Model):
    """Funds already appropriated put to another use: no tillægsbevilling (akt. 55 2020-21)."""

    model_config = _beskrivelse("Allerede afsatte midler, som anvendes til et andet formål; "
                                "intet opføres på tillægsbevillingen.")

    konto: Annotated[str, StringConstraints(
        pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}(\.[0-9]{2})?$")] = Field(
        description="Kontoen med midlerne: hovedkonto eller underkonto, fx 08.32.21.30.")
    navn: Tekst = Field(description="Kontoens navn, fx Kompensationsordning for selvstændige mv.")
    til: Tekst = Field(description="Hvad midlerne kan anvendes til; henvisninger virker.")
    forslag: Tekst | None = Field(None, description="Det samme, som afsnit e siger det, når "
                                                    "'til' peger på teksten omkring; standard: "
                                                    "'til'.")


class Grund(str, Enum):
    """Budgetvejledningen 3.5.5's three reasons why nothing goes on the tillægsbevilling."""

    eksisterende = "eksisterende bevilling"
    senere = "senere bevillingslov"
    ingen = "ingen udgifter"


class UdenTillægsbevilling(Model):
    model_config = _beskrivelse("Hvorfor intet opføres på tillægsbevillingen; afsnit e siger det "
                                "med Budgetvejledningens standardformulering.")

    grund: Grund = Field(description="eksisterende bevilling, senere bevillingslov eller ingen "
                                     "udgifter.")
    år: Finansår | None = Field(None, description="Finanslovens år: for eksisterende bevilling den "
                                            "finanslov, der har bevillingen (standard: "
                                            "finansåret); for senere bevillingslov den, udgiften "
                                            "søges på (standard: året efter finansåret).")


class CiteretAktstykke(Model):
    """Another aktstykke the text cites: declared once, referred to as {akt:nøgle}."""

    model_config = _beskrivelse("Et andet aktstykke, som teksten henviser til med {akt:nøgle}; "
                                "nøglen er id, ellers nummeret eller bogstavet.")

    id: Kortnavn | None = Field(None, description="Nøglen, når nummeret ikke er entydigt.")
    nr: Nummer | None = Field(None, description="Aktstykkets nummer, fx 122.")
    bogstav: Annotated[str, StringConstraints(pattern=r"^[A-ZÆØÅ]{1,3}$")] | None = Field(
        None, description="Bogstavet for et fortroligt aktstykke, fx H.")
    dato: Dato = Field(description="Aktstykkets dato, ÅÅÅÅ-MM-DD.")
    folketingsår: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}$")] | None = Field(
        None, description="Folketingsåret, fx 2019-20.")
    tiltrådt: Dato | None = Field(None, description="Datoen, Finansudvalget tiltrådte det; "
                                                    "nævnes, når aktstykket erstattes.")
    ekstern: Flag = Field(False, description="true: aktstykket er ikke blandt registrets specs "
                                             "(et andet ministeriums, et tidligere år); "
                                             "'aktstykke register' leder ikke efter det.")

    @property
    def nøgle(self) -> str:
        return self.id or (str(self.nr) if self.nr is not None else self.bogstav or "")

    @property
    def betegnelse(self) -> str:
        """Its number or letter, as Folketinget prints it."""
        return str(self.nr) if self.nr is not None else self.bogstav or ""


class Tilførsel(Model):
    """"Der tilføres X til § …": the account's net in the finansår, less what is transferred to
    it, is what it gets; the amount is the account's data, not typed again."""

    model_config = _beskrivelse("Der tilføres kontoens beløb i finansåret (minus det, der "
                                "overføres til den) til hovedkontoen.")

    tilføres: HovedkontoNr = Field(description="Hovedkontoen under udgifter, fx 06.11.01.")
    op_til: Flag = Field(False, description="Beløbet er et loft: vises som 'op til X'.")


class Overførsel(Model):
    """"Der overføres X fra § A til § B": the same amount out of one hovedkonto and into the
    other; both accounts' lines carry it, checked as double entry."""

    model_config = _beskrivelse("Der overføres et beløb fra én hovedkonto til en anden.")

    overføres: Amount = Field(description="Beløbet i mio. kr. i finansåret, fx 4.0.")
    fra: HovedkontoNr = Field(description="Hovedkontoen, beløbet tages fra (under finansiering).")
    til: HovedkontoNr = Field(description="Hovedkontoen, beløbet føres til (under udgifter).")
    op_til: Flag = Field(False, description="Beløbet er et loft: vises som 'op til X'.")


def _dispositionstype(value: object) -> str:
    return "<overførsel>" if isinstance(value, dict) and "overføres" in value else "<tilførsel>"


Disposition = Annotated[
    Annotated[Tilførsel, Tag("<tilførsel>")] | Annotated[Overførsel, Tag("<overførsel>")],
    Discriminator(_dispositionstype),
]


class Finansieringsart(str, Enum):
    """The closed list of ways an expense is financed (Budgetvejledningen 3.5.1); each has its
    standard sentence in the template."""

    reserve = "reserve"
    hovedkonto = "hovedkonto"
    direkte_opskrivning = "direkte opskrivning"
    ufinansieret = "ufinansieret"


class Finansieringsform(Model):
    """How (part of) the finansår's expense is financed: from an account under `finansiering`
    (its amount is that account's), or by the stated `nettoændring`."""

    model_config = _beskrivelse("Hvordan (en del af) udgiften i finansåret finansieres; "
                                "beløbet hentes fra kontoen eller fra nettoændringen.")

    art: Finansieringsart = Field(description="reserve, hovedkonto, direkte opskrivning eller "
                                              "ufinansieret.")
    konto: HovedkontoNr | None = Field(None, description="For reserve og hovedkonto: kontoen "
                                                         "under finansiering, fx 35.11.22.")
    underkonto: ToCifre | None = Field(None, description="Underkontoen, sætningen nævner i "
                                                         "stedet for hovedkontoen, fx 10.")
    formål: str | None = Field(None, description="Står efter 'Udgiften i ÅÅÅÅ', fx 'til "
                                                 "kompensation'.")
    vis_beløb: Flag = Field(True, description="false: sætningen nævner ikke beløbet.")
    op_til: Flag = Field(False, description="Beløbet er et loft: vises som 'op til X'.")


Indsæt = Literal["kontoliste", "finansiering", "specifikation", "forslag", "flerårsoversigt",
                 "tekstanmærkninger", "hjemmel", "låneramme", "anvendelse", "erstatning",
                 "dispositioner", "fortrolige_bilag"]


class Indsættelse(Model):
    model_config = _beskrivelse("En blok, som dannes af data: en liste, en tabel eller en sætning.")

    indsæt: Indsæt = Field(description="Et afsnit, som dannes af data.")
    i_alt: Flag = Field(False, description="For flerårsoversigt: en I alt-kolonne for udgift og "
                                           "indtægt over alle årene.")


TOM = "-"   # a table cell with no amount, printed as typed


def _celle(value: Any) -> Any:
    """A table cell: an amount, "-" for none, or a reference to the spec's data ({udgift})."""
    if isinstance(value, str) and (value.strip() == TOM or value.strip().startswith("{")):
        return value.strip()
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except ValueError:
            raise PydanticCustomError(
                "cell", "'{value}' er hverken et beløb, - eller en henvisning",
                {"value": value}) from None
    return value


Celle = Annotated[Amount | str, BeforeValidator(_celle), WithJsonSchema(
    {"anyOf": [AMOUNT_JSON_SCHEMA, {"type": "string", "pattern": r"^(-|\{.*\})$"}]})]


class Tabelkolonne(Model):
    model_config = _beskrivelse("En navngiven kolonne; med sum er den summen af andre kolonner.")

    id: Kortnavn = Field(description="Kort navn til henvisninger: {tabel:tabel.række.kolonne}.")
    navn: Tekst = Field(description="Kolonnens overskrift, fx FL25 eller I alt.")
    sum: list[Kortnavn | Årstal] | None = Field(
        None, description="Kolonnerne (id eller år), kolonnen er summen af.")


class Tabelrække(Model):
    model_config = _beskrivelse("En række: en tekst og et beløb pr. kolonne; med sum er den en "
                                "sumrække (fed), beregnet eller skrevet og kontrolleret.")

    id: Kortnavn | None = Field(None, description="Kort navn til sum og henvisninger.")
    tekst: Tekst = Field(description="Rækkens tekst; et notemærke skrives som 1).")
    niveau: Annotated[int, Field(ge=0, le=3), BeforeValidator(_heltal)] = Field(
        0, description="Indrykning, 0–3.")
    værdier: list[Celle] | None = Field(
        None, description="Ét beløb, - eller en henvisning pr. kolonne; udelades i en "
                          "sumrække, der beregnes.")
    sum: list[Kortnavn] | None = Field(
        None, description="Rækkerne ovenfor (id), rækken er summen af; skrevne værdier "
                          "kontrolleres mod dem.")
    minus: list[Kortnavn] = Field(
        default_factory=tom_liste, description="Rækkerne ovenfor (id), der trækkes fra summen, fx "
                                          "udgifterne fra loftet, så rækken er råderummet.")


class Tabel(Model):
    model_config = _beskrivelse("En tabel med nummer, titel, enhed, kolonner, rækker og noter.")

    id: Kortnavn = Field(description="Kort navn til henvisninger: {tabel:id.række.kolonne}.")
    titel: Tekst = Field(description="Titlen efter Tabel n., fx Oversigt over delloft for "
                                     "driftsudgifter.")
    enhed: Enhed = Field(Enhed.mio, description="mio. kr. (standard), mia. kr. eller kr.")
    prisniveau: Tekst | None = Field(None, description="Tilføjes enhedslinjen, fx 2025-pl.")
    decimaler: Annotated[int, Field(ge=0, le=3), BeforeValidator(_heltal)] | None = Field(
        None, description="Viste decimaler; ellers 1 for mio./mia. kr. og 0 for kr.")
    kolonner: list[Årstal | Tabelkolonne] = Field(
        min_length=1, description="Kolonnerne: årstal eller navngivne kolonner.")
    rækker: list[Tabelrække] = Field(min_length=1, description="Tabellens rækker.")
    anm: Tekst | None = Field(None, description="Anmærkning under tabellen (Anm.: …).")
    noter: list[Tekst] = Field(default_factory=tom_liste,
                               description="Noter til mærkerne 1), 2) …, i rækkefølge.")
    kilde: Tekst | None = Field(None, description="Kilden under tabellen (Kilde: …).")


class Tabelblok(Model):
    model_config = _beskrivelse("En egen tabel i afsnittet.")

    tabel: Tabel = Field(description="Tabellen: id, titel, enhed, kolonner, rækker og noter.")


# The key that names a block's type, in the order they are looked for.
BLOKNØGLER = ("tabel", "overskrift", "indsæt", "punkter")


def _bloktype(value: object) -> str:
    """A block's union tag: its type key, or the first key it has when none is a type (then
    validation says the block type is unknown, not that `punkter` is missing)."""
    if isinstance(value, dict):
        known = next((key for key in BLOKNØGLER if key in value), None)
        return f"<{known or next(iter(value), 'punkter')}>"
    return "<tekst>"


# Union tags are written <like-this>: validation.py leaves them out of error positions.
Blok = Annotated[
    Annotated[Tekst, Tag("<tekst>")] | Annotated[Punkter, Tag("<punkter>")]
    | Annotated[Indsættelse, Tag("<indsæt>")] | Annotated[Tabelblok, Tag("<tabel>")]
    | Annotated[Overskrift, Tag("<overskrift>")],
    Discriminator(_bloktype),
]


class Fortrolighed(Model):
    """Budgetvejledningen 3.4.2: a confidential part says why, and when or how its
    confidentiality ends."""

    model_config = _beskrivelse("Hvorfor en del er fortrolig, og hvornår eller hvordan "
                                "fortroligheden ophæves.")

    grund: Tekst = Field(description="Hensynet, der begrunder fortroligheden, som det skal stå "
                                     "efter 'af hensyn til', fx 'statens forhandlingsposition'.")
    ophæves: Dato | None = Field(None, description="Datoen, fra hvilken det fortrolige kan "
                                                   "offentliggøres, ÅÅÅÅ-MM-DD.")
    ophæves_når: Tekst | None = Field(
        None, description="Hvornår det fortrolige kan offentliggøres, når det ikke er en dato, "
                          "som det skal stå efter 'når', fx 'kontrakten er underskrevet'.")


class BilagetsFortrolighed(Fortrolighed):
    """A confidential bilag, and the public totals that include its confidential figures: a
    total the public can see, minus the parts it can see, would give those figures away, so
    each such total is declared here and the public text says so."""

    model_config = _beskrivelse("Hvorfor bilaget er fortroligt, hvornår det kan "
                                "offentliggøres, og hvilke offentlige beløb der omfatter dets "
                                "fortrolige tal.")

    offentlige_totaler: list[Henvisning] = Field(
        default_factory=tom_liste,
        description="Offentlige beløb, der omfatter bilagets fortrolige tal: en sum i bilagets "
                    "tabel, skrevet som en henvisning til aktstykkets data, her uden klammer, fx "
                    "udgift for {udgift}. Teksten siger da: 'Beløbet på … omfatter fortrolige "
                    "beløb, jf. bilag 2.'")


class Omfang(str, Enum):
    """Budgetvejledningen 3.4.2: an aktstykke is confidential in its content only (its existence
    is public), or in its existence and content."""

    indhold = "indhold"
    eksistens = "eksistens og indhold"


class Ophævelse(Model):
    model_config = _beskrivelse("Hvornår og ved hvad fortroligheden er ophævet.")

    dato: Dato = Field(description="Datoen, fortroligheden blev ophævet, ÅÅÅÅ-MM-DD.")
    ved: Tekst = Field(description="Hvad den blev ophævet ved, som det skal stå efter 'ved' og "
                                   "før 'af <dato>', fx 'ministerens skrivelse'.")


class AktstykketsFortrolighed(Fortrolighed):
    """A confidential aktstykke as a whole: lettered, not numbered, and without a public
    edition until its confidentiality is lifted."""

    model_config = _beskrivelse("Hvorfor aktstykket er fortroligt, hvad der er fortroligt, "
                                "hvornår fortroligheden ophæves, og om den er ophævet.")

    omfang: Omfang = Field(Omfang.indhold, description="'indhold' (standard): aktstykkets "
                                                       "eksistens er offentlig; 'eksistens og "
                                                       "indhold': heller ikke den.")
    ophævet: Ophævelse | None = Field(None, description="Når fortroligheden er ophævet: dato og "
                                                        "hvad den er ophævet ved.")


def _dokumentkode(value: Any) -> Any:
    """Folketinget's document code: two capital letters and six digits, AE003341."""
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{2}[0-9]{6}", value):
        return value
    raise PydanticCustomError("dokumentkode", "'{value}' er ikke en dokumentkode som AE003341",
                              {"value": value})


Dokumentkode = Annotated[str, BeforeValidator(_dokumentkode), WithJsonSchema(
    {"type": "string", "pattern": r"^[A-Z]{2}[0-9]{6}$"})]


class Bilag(Model):
    """An annex: after the main text, with its own blocks; a confidential one is in the public
    edition only by its number, its title and the statement that it is confidential."""

    model_config = _beskrivelse("Et bilag til aktstykket med nummer, titel og eget indhold.")

    nr: Annotated[int, Field(gt=0, le=99), BeforeValidator(_heltal)] = Field(
        description="Bilagets nummer, 1, 2, …; nævnes i prosa som {bilag:1}.")
    titel: Tekst = Field(description="Bilagets titel.")
    fortrolighed: BilagetsFortrolighed | None = Field(
        None, description="Er bilagets indhold fortroligt: hvorfor, og hvornår det kan "
                          "offentliggøres.")
    indhold: list[Blok] = Field(min_length=1, description="Bilagets indhold: tekster, "
                                                          "punkter, tabeller og overskrifter.")

    def er_fortrolig(self) -> bool:
        return self.fortrolighed is not None

    def offentlig_udgave(self) -> Bilag:
        """The public edition shows the bilag's number and title, never its content."""
        return self.model_copy(update={"indhold": []})


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

    dato: Dato = Field(description="Datoen for udvalgets afgørelse, ÅÅÅÅ-MM-DD.")
    stemte_imod: list[Tekst] = Field(
        default_factory=tom_liste, description="Dem, der stemte imod, som udvalget skriver det, fx "
                                          "'Enhedslistens medlemmer': linjen siger da '(udvalget "
                                          "med undtagelse af …, der stemte imod aktstykket)'.")
    flertal: bool | None = Field(
        None, description="Om linjen siger 'af et flertal i Finansudvalget'; som standard, når "
                          "nogen stemte imod. false: 'af Finansudvalget' med undtagelsen efter.")
    bemærkninger: list[Tekst] = Field(
        default_factory=tom_liste, description="Udvalgets bemærkninger efter linjen (fx kritik), ét "
                                          "afsnit hver; trykkes som skrevet.")
    påtegninger: list[Tekst] = Field(
        default_factory=tom_liste, description="Påtegninger fra udvalget eller partier, ét afsnit "
                                          "hver; trykkes som skrevet efter bemærkningerne.")




def _del(value: Any) -> Any:
    """A part is an amount, or a text in a reference's form; anything else is not a part."""
    if isinstance(value, str) and value[:1].isalpha():
        if not _DEL.fullmatch(value):
            raise PydanticCustomError(
                "del", "'{value}' er hverken et beløb eller en henvisning som konto:16.71.08",
                {"value": value})
        return value
    return _amount(value)


Del = Annotated[Decimal | str, BeforeValidator(_del), WithJsonSchema({"anyOf": [
    AMOUNT_JSON_SCHEMA, {"type": "string", "pattern": "^" + _DEL.pattern + "$"}]})]


def _som_navngivet(value: Any) -> Any:
    """`strategi: 30.0` is the short form of `strategi: {værdi: 30.0}`."""
    return value if isinstance(value, dict) else {"værdi": value}


class Finanslovstal(Model):
    """Where a named amount stands on the finanslov: with --kontoplan the export must show the
    same figure there in each year (AKT313), so a sentence such as "På finansloven for 2025 er
    der afsat 30,0 mio. kr. årligt i 2025-2027" says what the finanslov says."""

    model_config = _beskrivelse("Kontoen på finansloven, hvis tal beløbet er; kontrolleres mod "
                                "eksporten med --kontoplan.")

    konto: Annotated[str, StringConstraints(
        pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}(\.[0-9]{2})?$")] = Field(
        description="Hovedkonto eller underkonto, fx 16.11.79.79.")
    år: list[Årstal] = Field(default_factory=tom_liste,
                             description="Årene, beløbet er afsat i hvert af (standard: "
                                         "finansåret), fx [2025, 2026, 2027].")


class NavngivetBeløb(Model):
    """A named amount: a fact of its own with its unit (a loft from the finanslov, a regnskab),
    or a sum of parts, typed and checked against them (AKT620) or derived from them."""

    model_config = _beskrivelse(
        "Et navngivet beløb: enten et tal for sig (med enhed og evt. kilde), eller summen af "
        "dele, der enten angives og kontrolleres eller udledes af delene.")

    værdi: Amount | None = Field(None, description="Beløbet i enheden; med dele kontrolleres "
                                                    "det mod deres sum, uden dele er det et "
                                                    "selvstændigt tal.")
    enhed: Literal["mio. kr.", "mia. kr.", "kr."] = Field("mio. kr.",
                                                          description="Beløbets enhed.")
    dele: list[Del] = Field(
        default_factory=tom_liste, description="Delene: tal i beløbets enhed eller henvisninger "
                                          "til data uden klammer, fx konto:16.71.08 eller "
                                          "beløb:drift.")
    kilde: Tekst | None = Field(None, description="Hvor et selvstændigt tal stammer fra, fx "
                                                 "finansloven for 2026; vises ikke.")
    svarer_til: Henvisning | None = Field(
        None, description="Data, som de angivne dele skal summe til, fx konto:28.21.31: "
                          "beløbet er dataenes, og delene kontrolleres mod det.")
    finanslov: Finanslovstal | None = Field(
        None, description="Beløbet er finanslovens tal på denne konto (i hvert af årene): "
                          "kontrolleres mod eksporten med --kontoplan.")

    @model_validator(mode="after")
    def _har_indhold(self) -> NavngivetBeløb:
        if self.værdi is None and not self.dele:
            raise PydanticCustomError("beløb_tomt", "et navngivet beløb har en værdi eller dele")
        if self.svarer_til is not None and (self.værdi is not None or not self.dele):
            raise PydanticCustomError("beløb_svarer_til", "'svarer_til' står med 'dele' og "
                                                          "uden 'værdi'")
        return self


class _KortForm:
    """The schema an editor sees for a named amount: an amount, or the mapping."""

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [AMOUNT_JSON_SCHEMA, handler(schema)]}


NavngivetFelt = Annotated[NavngivetBeløb, BeforeValidator(_som_navngivet), _KortForm()]


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
    dato: Dato = Field(description="Aktstykkets dato, ÅÅÅÅ-MM-DD.")
    nummer: Nummer | None = Field(None, description="Aktstykkets nummer, når det kendes.")
    bogstav: Annotated[str, StringConstraints(pattern=r"^[A-ZÆØÅ]{1,3}$")] | None = Field(
        None, description="Et fortroligt aktstykkes bogstav, fx H; står i stedet for nummeret.")
    folketingsår: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}$")] | None = Field(
        None, description="Folketingsåret, fx 2025-26; står sammen med nummeret.")
    dokumentkode: Dokumentkode | None = Field(
        None, description="Folketingets dokumentkode, fx AE003341; står nederst på første side.")
    fortrolighed: AktstykketsFortrolighed | None = Field(
        None, description="Er aktstykket fortroligt: hvorfor, hvad og hvornår fortroligheden "
                          "ophæves; et fortroligt aktstykke har et bogstav i stedet for nummer.")
    orienterende: Flag = Field(False, description="true: aktstykket orienterer kun udvalget og "
                                                  "har hverken afsnit c eller e.")
    finansår: Finansår = Field(description="Finansåret, dispositionerne hører til, fx 2025.")
    nettoændring: Beløb = Field(
        default_factory=dict, description="Tilsigtet nettoændring pr. finansår; ellers 0.")
    udgifter: list[Hovedkonto] = Field(
        default_factory=tom_liste, description="Hovedkonti, der får udgifterne.")
    finansiering: list[Hovedkonto] = Field(
        default_factory=tom_liste, description="Hovedkonti, der finansierer udgifterne, fx en reserve.")
    modtagere: list[Modtager] = Field(
        default_factory=tom_liste, description="Hvem midlerne går til; prosa henviser med "
                                          "{modtager:id}.")
    beløb: dict[Kortnavn, NavngivetFelt] = Field(
        default_factory=dict, description="Andre navngivne beløb, som prosaen henviser til med "
                                          "{beløb:navn}: et tal (mio. kr.) eller et navngivet "
                                          "beløb med enhed og dele.")
    tekstanmærkninger: list[Tekstanmærkning] = Field(
        default_factory=tom_liste, description="Nye tekstanmærkninger; citeres i afsnit e.")
    hjemler: list[Hjemmel] = Field(
        default_factory=tom_liste, description="Hjemler uden nye midler; vises i listen i afsnit a og "
                                          "i afsnit e.")
    låneramme: Låneramme | None = Field(None, description="En ændret låneramme.")
    anvendelser: list[Anvendelse] = Field(
        default_factory=tom_liste, description="Allerede afsatte midler, der anvendes til andet; "
                                          "indsættes med {indsæt: anvendelse}.")
    uden_tillægsbevilling: UdenTillægsbevilling | None = Field(
        None, description="Hvorfor intet opføres på tillægsbevillingen.")
    aktstykker: list[CiteretAktstykke] = Field(
        default_factory=tom_liste, description="Andre aktstykker, teksten henviser til med {akt:nøgle}.")
    erstatter: Nøgle | None = Field(None, description="Nøglen for det aktstykke, dette "
                                                   "erstatter; indsættes med {indsæt: erstatning}.")
    dispositioner: list[Disposition] = Field(
        default_factory=tom_liste, description="Dispositionerne, én linje hver i listen i afsnit a "
                                          "({indsæt: dispositioner}).")
    finansieringsformer: list[Finansieringsform] = Field(
        default_factory=tom_liste, description="Hvordan udgiften i finansåret finansieres; giver "
                                          "finansieringssætningen.")
    bevillingstype_i_a: Flag = Field(False, description="true: listen og sætningen i afsnit a "
                                                        "viser bevillingstypen, fx (Driftsbev.).")
    tekst: Afsnit = Field(description="Aktstykkets tekst, afsnit a–f.")
    sagsbehandler: Tekst | None = Field(
        None, description="Den ansvarlige sagsbehandler; står som forfatter af ændringer i en "
                          "redline. Vises ikke i aktstykket.")
    underskrivere: list[Tekst] = Field(
        default_factory=tom_liste, description="Ministeren, så departementschefen.")
    adressat: Tekst = Field("Finansudvalget", description="Hvem aktstykket sendes til.")
    afgørelse: Afgørelse | None = Field(None, description="Finansudvalgets afgørelse, når den "
                                                          "foreligger.")
    bilag: list[Bilag] = Field(default_factory=tom_liste, description="Bilag efter aktstykkets "
                                                                 "tekst, nummereret 1, 2, ….")

    def er_fortrolig(self) -> bool:
        """Confidential until lifted; a lifted one is published whole."""
        return self.fortrolighed is not None and self.fortrolighed.ophævet is None

    def offentlig_udgave(self) -> None:
        """A confidential aktstykke has no public edition until its confidentiality is
        lifted."""
        return None

    def blokke(self) -> list[tuple[Afsnit | Bilag, str, list[Blok]]]:
        """Every list of blocks in document order, with its owner and its key there: each
        section's (owner `tekst`, key the letter), then each bilag's (key `indhold`)."""
        found: list[tuple[Afsnit | Bilag, str, list[Blok]]] = [
            (self.tekst, letter, blocks or []) for letter, blocks in self.tekst]
        return found + [(bilag, "indhold", bilag.indhold) for bilag in self.bilag]
