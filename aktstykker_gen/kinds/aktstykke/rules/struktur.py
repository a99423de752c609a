"""Structure: the sections Budgetvejledningen prescribes, in its order, and the closing."""

from __future__ import annotations

from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.model import Hovedkonto, Indsættelse, Status
from aktstykker_gen.kinds.aktstykke.rules.common import Spec
from aktstykker_gen.kinds.aktstykke.uden_midler import uden_midler_data
from aktstykker_gen.kinds.aktstykke.view import lines
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()

AFSNIT = {"a": "Indledning", "b": "Sagsfremstilling", "c": "Motivering for forelæggelsen",
          "d": "Tilslutning fra andre myndigheder", "e": "Forslaget",
          "f": "Finansministeriets tilslutning"}


def _written(spec: Spec) -> list[str]:
    """The section letters in the order the spec writes them."""
    tekst = spec.validated.source.data.get("tekst")
    return [k for k in tekst if k in AFSNIT] if isinstance(tekst, dict) else []


def _key(spec: Spec, *path: str) -> Span | None:
    """Where the key `tekst:` (or `tekst: a:`) is written."""
    return spec.validated.source.keys.get(("tekst", *path))


def _inserted(spec: Spec, letter: str) -> list[str]:
    return [b.indsæt for b in getattr(spec.model.tekst, letter) or () if isinstance(b, Indsættelse)]


@rules.rule("AKT101", "afsnittene står i rækkefølgen a–f", Severity.ERROR, "struktur")
def sections_in_order(spec: Spec) -> Iterator[Finding]:
    """Budgetvejledningen fixes the order a, b, c, d, e, f; a reader looks for each letter there."""
    written = _written(spec)
    for before, letter in zip(written, written[1:], strict=False):
        if letter < before:
            yield Finding(f"afsnit {letter} står efter afsnit {before}", _key(spec, letter),
                          related=(_key(spec, before),),
                          hint=f"flyt afsnit {letter} op, så afsnittene står i rækkefølgen "
                               + ", ".join(sorted(written)))


@rules.rule("AKT102", "et afsnit, der ikke bruges, er udeladt", Severity.ERROR, "struktur")
def unused_sections_left_out(spec: Spec) -> Iterator[Finding]:
    """An unused section is left out entirely, letter and all; an empty one would print a bare
    letter."""
    tekst = spec.validated.source.data.get("tekst")
    for letter in _written(spec):
        if not tekst[letter]:
            yield Finding(f"afsnit {letter} ({AFSNIT[letter]}) er tomt", _key(spec, letter),
                          hint=f"skriv afsnittets tekst, eller slet '{letter}:', hvis det ikke bruges")


@rules.rule("AKT103", "aktstykket har de afsnit, det skal have", Severity.ERROR, "struktur")
def required_sections(spec: Spec) -> Iterator[Finding]:
    """Every aktstykke has a and b; one that asks for consent also has c (why now) and e
    (the request)."""
    model = spec.model
    required = "ab" if model.orienterende else "abce"
    for letter in required:
        if not getattr(model.tekst, letter):
            yield Finding(f"afsnit {letter} ({AFSNIT[letter]}) mangler", _key(spec),
                          hint=f"tilføj '{letter}:' under 'tekst'"
                               + ("" if model.orienterende else
                                  "; er aktstykket kun til orientering, så angiv 'orienterende: true'"))


@rules.rule("AKT104", "et orienterende aktstykke har hverken c eller e", Severity.ERROR, "struktur")
def informing_has_no_request(spec: Spec) -> Iterator[Finding]:
    """An orienterende aktstykke asks for nothing, so it has no motivation (c) and no request (e)."""
    model = spec.model
    if not model.orienterende:
        return
    for letter in "ce":
        if getattr(model.tekst, letter) is not None:
            yield Finding(f"et orienterende aktstykke har intet afsnit {letter} ({AFSNIT[letter]})",
                          _key(spec, letter), related=(spec.span(model, "orienterende"),),
                          hint=f"slet afsnit {letter}, eller fjern 'orienterende: true', "
                               "hvis aktstykket beder om tilslutning")


@rules.rule("AKT105", "afslutningen er komplet", Severity.ERROR, "struktur")
def closing_present(spec: Spec) -> Iterator[Finding]:
    """Signatories close every aktstykke, and one that asks for consent ends its sections with f
    (Finansministeriets tilslutning). Place, addressee and date are fields with defaults."""
    model = spec.model
    if not model.tekst.f and not model.orienterende:
        yield Finding("afsnit f (Finansministeriets tilslutning) mangler", _key(spec),
                      hint="tilføj under 'tekst':  f: [Finansministeriets tilslutning foreligger.]")
    if not model.underskrivere:
        yield Finding("aktstykket har ingen underskrivere", spec.span(model, "underskrivere"),
                      hint="angiv ministeren og departementschefen under 'underskrivere'")


@rules.rule("AKT106", "en indsat blok har data at vise", Severity.ERROR, "struktur")
def inserted_blocks_have_data(spec: Spec) -> Iterator[Finding]:
    """A generated block (`indsæt:`) is made from data; without data it would print nothing."""
    model = spec.model
    in_finansår = any(model.finansår in getattr(s, side) for h in model.finansiering
                      for s in lines(h) for side in ("udgift", "indtægt"))
    available = {
        "kontoliste": bool(model.udgifter),
        "finansiering": in_finansår or bool(model.finansieringsformer),
        "specifikation": bool(model.udgifter or model.finansiering),
        "forslag": bool(model.udgifter or model.finansiering),
        "flerårsoversigt": bool(model.udgifter or model.finansiering),
        "tekstanmærkninger": bool(model.tekstanmærkninger),
        **uden_midler_data(model),
        "dispositioner": bool(model.dispositioner),
        "fortrolige_bilag": any(bilag.fortrolighed for bilag in model.bilag),
    }
    for owner, key, blocks in model.blokke():
        for i, block in enumerate(blocks):
            if isinstance(block, Indsættelse) and not available[block.indsæt]:
                yield Finding(
                    f"'{block.indsæt}' kan ikke indsættes: specifikationen har ingen data til den",
                    spec.span(owner, key, i),
                    hint="tilføj data (udgifter, finansiering eller tekstanmærkninger) "
                         "eller fjern blokken")


@rules.rule("AKT107", "dispositionerne specificeres i b og opføres i e", Severity.ERROR, "struktur")
def dispositions_shown(spec: Spec) -> Iterator[Finding]:
    """The tillægsbevilling's amounts are specified in b and requested in e, as tables from the data."""
    model = spec.model
    if model.orienterende or not (model.udgifter or model.finansiering):
        return
    for letter, block in (("b", "specifikation"), ("e", "forslag")):
        if getattr(model.tekst, letter) and block not in _inserted(spec, letter):
            yield Finding(f"afsnit {letter} viser ikke dispositionerne ('indsæt: {block}' mangler)",
                          _key(spec, letter), hint=f"tilføj '- indsæt: {block}' i afsnit {letter}")


@rules.rule("AKT108", "tekstanmærkninger optages i forslaget", Severity.ERROR, "struktur")
def annotations_in_request(spec: Spec) -> Iterator[Finding]:
    """A new tekstanmærkning is law text; the committee approves it by its quotation in e."""
    model = spec.model
    if not model.tekstanmærkninger or not model.tekst.e:
        return
    if "tekstanmærkninger" not in _inserted(spec, "e"):
        yield Finding("aktstykkets tekstanmærkninger står ikke i afsnit e",
                      _key(spec, "e"), related=(spec.span(model, "tekstanmærkninger"),),
                      hint="tilføj '- indsæt: tekstanmærkninger' i afsnit e")


@rules.rule("AKT109", "et orienterende aktstykke flytter ingen midler", Severity.ERROR, "struktur")
def informing_moves_no_money(spec: Spec) -> Iterator[Finding]:
    """An orienterende aktstykke asks nobody for consent (it has no e, and the committee only
    takes it to efterretning), so nothing in it is appropriated: amounts on accounts, a
    nettoændring or new tekstanmærkninger need an aktstykke that asks for tilslutning."""
    model = spec.model
    if not model.orienterende:
        return
    moved = {
        "udgifter": any(_has_amount(h) for h in model.udgifter),
        "finansiering": any(_has_amount(h) for h in model.finansiering),
        "nettoændring": any(model.nettoændring.values()),
        "tekstanmærkninger": bool(model.tekstanmærkninger),
    }
    for field, present in moved.items():
        if present:
            yield Finding(f"et orienterende aktstykke beder ikke om tilslutning, men har "
                          f"'{field}'", spec.span(model, field),
                          related=(spec.span(model, "orienterende"),),
                          hint="fjern 'orienterende: true' og skriv afsnit c og e, så udvalget "
                               f"tilslutter sig; eller slet '{field}', hvis aktstykket kun "
                               "orienterer (beløb, prosaen nævner, står under 'beløb')")


def _has_amount(hovedkonto: Hovedkonto) -> bool:
    return any(any(line.udgift.values()) or any(line.indtægt.values())
               for line in lines(hovedkonto))


# The document puts "/ " before each signatory after the first; these are slashes to a reader.
SKRÅSTREGER = "/\u2044\u2215\uff0f\u29f8"


@rules.rule("AKT110", "en underskriver skrives uden skråstreg", Severity.ERROR, "struktur")
def signatories_without_slash(spec: Spec) -> Iterator[Finding]:
    """The document sets "/ " before every signatory after the first (the departementschef's
    "/ Mads Grønnegaard-Kieler"); a name typed with a slash of its own would print "/ / Name",
    and two names on one line would print as one signatory."""
    model = spec.model
    for i, navn in enumerate(model.underskrivere):
        slashes = [c for c in navn if c in SKRÅSTREGER]
        if slashes:
            bare = " ".join(navn.translate({ord(c): " " for c in SKRÅSTREGER}).split())
            yield Finding(f"underskriveren '{navn}' er skrevet med '{slashes[0]}'",
                          spec.span(model, "underskrivere", i),
                          hint=f"skriv kun navnet ('{bare}'), én underskriver pr. punkt; "
                               "aktstykket sætter selv '/ ' foran de følgende underskrivere")


@rules.rule("AKT111", "et afgjort aktstykke er ikke et udkast", Severity.WARNING, "struktur")
def decided_is_final(spec: Spec) -> Iterator[Finding]:
    """Finansudvalget decides on the aktstykke that was sent, so a spec that carries the
    decision describes that aktstykke, not a draft: its pages would still say UDKAST."""
    model = spec.model
    if model.afgørelse is not None and model.status is Status.udkast:
        typed = spec.validated.source.values.get(("status",))
        yield Finding("aktstykket er afgjort, men står som udkast",
                      spec.span(model.afgørelse, "dato"), related=(typed,) if typed else (),
                      hint="sæt 'status: endelig' (udkast er standard, når status mangler)")
