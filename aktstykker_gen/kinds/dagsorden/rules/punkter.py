"""The items of an agenda: numbered in order, recommendations in the standard form, bilag and
case numbers that resolve and are well-formed, the next meeting after this one, and links
without a mail system's wrapper."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aktstykker_gen import udfyld
from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.dagsorden import links
from aktstykker_gen.kinds.dagsorden.model import (
    Dagsorden,
    Punkt,
    Punkttabel,
    Punkttabelblok,
    Underpunkt,
)
from aktstykker_gen.modeldele import Overskrift, Punkter
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet, Subject

Spec = Subject[Dagsorden]
GROUP = "dagsorden"
# The regions' case numbers: a three-letter series, the year, a five-digit serial.
SAGSNUMMER = re.compile(r"[A-ZÆØÅ]{3}-(19|20)[0-9]{2}-[0-9]{5}")

rules = RuleSet()


@rules.rule("AKT701", "punkterne nummereres 1, 2, … i rækkefølge", Severity.ERROR, GROUP)
def numbered_in_order(spec: Spec) -> Iterator[Finding]:
    """Items are numbered from 1 in the order they stand, so that "punkt 6" in the minutes
    and on the agenda is the same item."""
    for expected, punkt in enumerate(spec.model.punkter, start=1):
        if punkt.nr != expected:
            yield Finding(f"punktet har nummer {punkt.nr}, men er punkt nr. {expected} i "
                          "rækkefølgen", spec.span(punkt, "nr"), hint=f"giv det nummer {expected}")


@rules.rule("AKT702", "indstillingen står i standardformen 'at …'", Severity.WARNING, GROUP)
def recommendation_in_standard_form(spec: Spec) -> Iterator[Finding]:
    """The recommendation follows "Det indstilles," with one clause a line, each beginning
    "at" and saying what the committee is asked to do. A lone "at" as the whole recommendation
    is the form with nothing to recommend, as the agenda systems print it under Eventuelt (seed
    003's item 8); among other clauses it is a line left over."""
    for punkt in spec.model.punkter:
        if not punkt.indstilling:
            yield Finding(f"punkt {punkt.nr} har ingen indstilling", spec.span(punkt, "titel"),
                          hint="tilføj 'indstilling:' med en linje 'at udvalget …'")
        if [clause.split() for clause in punkt.indstilling] == [["at"]]:
            continue
        for i, clause in enumerate(punkt.indstilling):
            words = clause.split()
            if words == ["at"]:
                yield Finding(f"indstillingen til punkt {punkt.nr} har en tom linje 'at' mellem "
                              "sine andre", spec.span(punkt, "indstilling", i),
                              hint="slet linjen, eller skriv hvad udvalget skal")
            elif words[:1] != ["at"]:
                yield Finding(f"indstillingen til punkt {punkt.nr} står ikke i standardformen: "
                              f"'{clause}'", spec.span(punkt, "indstilling", i),
                              hint="skriv hver linje som 'at udvalget …'")


Sti = tuple[str | int, ...]   # where a text stands below its item
# An item's parts made of blocks, in their order.
DELE = ("resumé", "beslutning", "sagsfremstilling", "økonomi", "sekretariatets_bemærkninger",
        "kommunikation")


def _texts(punkt: Punkt) -> Iterator[tuple[str, Sti]]:
    """Every text of an item with its path below the item."""
    yield punkt.titel, ("titel",)
    for i, text in enumerate(punkt.indstilling):
        yield text, ("indstilling", i)
    for part in DELE:
        for i, block in enumerate(getattr(punkt, part)):
            yield from _block_texts(block, (part, i))


def _block_texts(block: object, path: Sti) -> Iterator[tuple[str, Sti]]:
    if isinstance(block, str):
        yield block, path
    elif isinstance(block, Punkter):
        for j, text in enumerate(block.punkter):
            yield text, (*path, "punkter", j)
    elif isinstance(block, Overskrift):
        yield block.overskrift, (*path, "overskrift")
    elif isinstance(block, Underpunkt):
        yield block.underpunkt, (*path, "underpunkt")
        for j, inner in enumerate(block.indhold):
            yield from _block_texts(inner, (*path, "indhold", j))
    elif isinstance(block, Punkttabelblok):
        for r, row in enumerate(block.tabel.rækker):
            for c, cell in enumerate(row):
                if isinstance(cell, str):
                    yield cell, (*path, "tabel", "rækker", r, c)


def tables(punkt: Punkt) -> Iterator[tuple[Punkttabel, Sti]]:
    """Every table of an item, in its parts and their sub-items, with its path."""
    for part in DELE:
        for i, block in enumerate(getattr(punkt, part)):
            inner = block.indhold if isinstance(block, Underpunkt) else [block]
            for j, found in enumerate(inner):
                if isinstance(found, Punkttabelblok):
                    yield found.tabel, ((part, i, "indhold", j, "tabel")
                                        if isinstance(block, Underpunkt) else (part, i, "tabel"))


@rules.rule("AKT703", "en henvisning til et bilag findes i punktet", Severity.ERROR, GROUP)
def bilag_references_resolve(spec: Spec) -> Iterator[Finding]:
    """`{bilag:2}` names the item's own bilag 2; the item's bilag are numbered 1, 2, … so the
    printed list and the text agree."""
    for punkt in spec.model.punkter:
        numbers = {str(b.nr) for b in punkt.bilag}
        for expected, bilag in enumerate(punkt.bilag, start=1):
            if bilag.nr != expected:
                yield Finding(f"bilaget har nummer {bilag.nr}, men er bilag nr. {expected} i "
                              f"punkt {punkt.nr}", spec.span(bilag, "nr"),
                              hint=f"giv det nummer {expected}")
        for text, path in _texts(punkt):
            for reference in references(text):
                if reference.namespace == "bilag" and reference.key not in numbers:
                    yield Finding(f"punkt {punkt.nr} har intet bilag {reference.key or ''}: "
                                  f"'{reference}'", spec.span(punkt, *path),
                                  hint="ret nummeret, eller tilføj bilaget under 'bilag:'"
                                  if numbers else "tilføj bilaget under 'bilag:'")


@rules.rule("AKT704", "sagsnumre har formen EMN-2023-01359", Severity.ERROR, GROUP)
def case_numbers_well_formed(spec: Spec) -> Iterator[Finding]:
    """A case number is a series of three capitals, the year and a five-digit serial
    (EMN-2023-01359, MOD-2025-00124), as the case system gives it: one typed otherwise cannot
    be found there."""
    for punkt in spec.model.punkter:
        owners = [(punkt, punkt.sagsnr)] + [(b, b.sagsnr) for b in punkt.bilag]
        for owner, number in owners:
            # One still marked UDFYLD is AKT709's.
            if number is not None and not SAGSNUMMER.fullmatch(number) \
                    and not udfyld.UDFYLD.search(number):
                yield Finding(f"'{number}' er ikke et sagsnummer som EMN-2023-01359",
                              spec.span(owner, "sagsnr"),
                              hint="skriv serien, året og løbenummeret med fem cifre")


@rules.rule("AKT705", "næste møde ligger efter dette", Severity.ERROR, GROUP)
def next_meeting_after(spec: Spec) -> Iterator[Finding]:
    """The next meeting's date comes after this meeting's."""
    model = spec.model
    if model.næste_møde is not None and model.næste_møde <= model.dato:
        yield Finding(f"næste møde ({model.næste_møde}) ligger ikke efter mødet ({model.dato})",
                      spec.span(model, "næste_møde"), related=(spec.span(model, "dato"),),
                      hint="ret datoen for næste møde")


@rules.rule("AKT706", "et link er ikke pakket ind i Outlooks safelinks", Severity.WARNING, GROUP)
def no_safelinks(spec: Spec) -> Iterator[Finding]:
    """A link copied from Outlook is wrapped in a safelinks redirect that carries the sender's
    mail address and the organisation's ids; the agenda prints the target alone, and the spec
    should hold it too."""
    for punkt in spec.model.punkter:
        for i, url in enumerate(punkt.links):
            if links.is_safelink(url):
                target = links.target(url)
                yield Finding(f"linket i punkt {punkt.nr} er et Outlook-safelink; dagsordenen "
                              f"viser kun målet: {target}", spec.span(punkt, "links", i),
                              hint=f"skriv målet i stedet: {target}")
        for text, path in _texts(punkt):
            for start, end in links.addresses(text):
                if links.is_safelink(text[start:end]):
                    target = links.target(text[start:end])
                    yield Finding(f"en adresse i teksten til punkt {punkt.nr} er et "
                                  f"Outlook-safelink; dagsordenen viser kun målet: {target}",
                                  spec.span(punkt, *path), hint=f"skriv målet i stedet: {target}")


@rules.rule("AKT712", "en adresse i teksten bliver et link, som den står", Severity.WARNING,
            GROUP)
def addresses_in_text(spec: Spec) -> Iterator[Finding]:
    """A bare http or https address in a text becomes a link to itself. An address of another
    kind (javascript:, file:, data:) never does: it would run code or open a file on the
    reader's machine. An address ends at a space, a quote or '<' '>': one typed with such a
    character inside is a link to its first part only."""
    for punkt in spec.model.punkter:
        for text, path in _texts(punkt):
            for never in links.NEVER.finditer(text):
                yield Finding(f"'{never[0]}' i punkt {punkt.nr} bliver ikke et link: kun "
                              "http- og https-adresser gør", spec.span(punkt, *path),
                              hint="skriv hjemmesidens adresse (https://…), eller slet den")
            for start, end in links.addresses(text):
                if end < len(text) and text[end] in "\"<>":
                    yield Finding(f"adressen {text[start:end]} i punkt {punkt.nr} slutter ved "
                                  f"'{text[end]}'; resten står som tekst",
                                  spec.span(punkt, *path),
                                  hint=f"skriv '{text[end]}' i adressen som "
                                       f"%{ord(text[end]):02X}, eller sæt mellemrum efter den")


@rules.rule("AKT709", "intet står tilbage at udfylde", Severity.ERROR, GROUP)
def nothing_left_to_fill_in(spec: Spec) -> Iterator[Finding]:
    """A spec made by `aktstykke new --art dagsorden` marks what the secretariat must still
    write with UDFYLD (in a text or a comment); the agenda is not finished while one is left."""
    yield from udfyld.tilbage(spec)
