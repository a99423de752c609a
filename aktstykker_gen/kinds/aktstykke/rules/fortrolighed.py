"""Confidentiality: a confidential part says why and when it ends, the text says what is
confidential, and nothing public shows a confidential figure (Budgetvejledningen 3.4.2)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke import tabeller
from aktstykker_gen.kinds.aktstykke.model import Bilag, Indsættelse, Tabel, Tabelblok
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, pinpoint, prose
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()


@rules.rule("AKT160", "et fortroligt bilag siger, hvornår det kan offentliggøres", Severity.ERROR,
            "struktur")
def lifting_stated(spec: Spec) -> Iterator[Finding]:
    """Bilag say when they can be made public: a date (`ophæves`) or a condition
    (`ophæves_når`), one of them; the standard sentence is worded from it."""
    for bilag in spec.model.bilag:
        fortrolighed = bilag.fortrolighed
        if fortrolighed is None:
            continue
        if not (fortrolighed.ophæves or fortrolighed.ophæves_når):
            yield Finding(f"bilag {bilag.nr} er fortroligt, men det står ikke, hvornår det kan "
                          "offentliggøres", spec.span(fortrolighed),
                          hint="angiv 'ophæves: ÅÅÅÅ-MM-DD' eller 'ophæves_når: …'")
        elif fortrolighed.ophæves and fortrolighed.ophæves_når:
            yield Finding(f"bilag {bilag.nr} har både 'ophæves' og 'ophæves_når'",
                          spec.span(fortrolighed, "ophæves_når"),
                          hint="behold det ene: en dato eller en betingelse")
        elif fortrolighed.ophæves and fortrolighed.ophæves < spec.model.dato:
            yield Finding(f"bilag {bilag.nr} kan offentliggøres fra {fortrolighed.ophæves}, før "
                          f"aktstykkets dato ({spec.model.dato})",
                          spec.span(fortrolighed, "ophæves"),
                          related=(spec.span(spec.model, "dato"),),
                          hint="ret datoen, eller lad bilaget være offentligt")


@rules.rule("AKT161", "bilagene nummereres 1, 2, … i rækkefølge", Severity.ERROR, "struktur")
def bilag_numbered(spec: Spec) -> Iterator[Finding]:
    """Bilag are numbered from 1 in the order they follow the text, as `{bilag:N}` names
    them."""
    for expected, bilag in enumerate(spec.model.bilag, start=1):
        if bilag.nr != expected:
            yield Finding(f"bilaget har nummer {bilag.nr}, men er bilag nr. {expected} i "
                          "rækkefølgen", spec.span(bilag, "nr"),
                          hint=f"giv det nummer {expected}")


@rules.rule("AKT162", "teksten siger, hvilke bilag der er fortrolige", Severity.ERROR, "struktur")
def confidential_bilag_stated(spec: Spec) -> Iterator[Finding]:
    """The aktstykke's text must say what is confidential and why: `indsæt: fortrolige_bilag`
    gives the standard sentence for each confidential bilag."""
    model = spec.model
    inserted = any(isinstance(block, Indsættelse) and block.indsæt == "fortrolige_bilag"
                   for _, blocks in model.tekst for block in blocks or ())
    confidential = [bilag for bilag in model.bilag if bilag.fortrolighed]
    if confidential and not inserted:
        yield Finding(f"bilag {confidential[0].nr} er fortroligt, men teksten siger det ikke",
                      spec.span(confidential[0], "fortrolighed"),
                      hint="indsæt '- indsæt: fortrolige_bilag' i det afsnit, der omtaler "
                           "bilaget (oftest b)")


@rules.rule("AKT163", "offentlig tekst viser intet fra et fortroligt bilag", Severity.ERROR,
            "struktur")
def no_figure_leaves_a_confidential_bilag(spec: Spec) -> Iterator[Finding]:
    """A reference to a cell of a table in a confidential bilag, from text outside it, would
    print the confidential figure in the public edition."""
    hidden = {tabel.id: owner for owner, _, tabel in tabeller.tabeller(spec.model)
              if isinstance(owner, Bilag) and owner.fortrolighed}
    for piece in prose(spec):
        if piece.bilag is not None and piece.bilag.fortrolighed:
            continue
        for reference in references(piece.text):
            key = tabeller.nøgle(reference.key or "") if reference.namespace == "tabel" else None
            if key and key[0] in hidden:
                yield Finding(f"henvisningen {reference} viser et tal fra det fortrolige "
                              f"bilag {hidden[key[0]].nr}", pinpoint(spec, piece.span, str(reference)),
                              hint="nævn tallet i det fortrolige bilag selv, eller gør "
                                   "tabellen offentlig")


@rules.rule("AKT164", "et fortroligt aktstykke har et bogstav, et offentligt et nummer",
            Severity.ERROR, "struktur")
def lettered_or_numbered(spec: Spec) -> Iterator[Finding]:
    """Confidential aktstykker are lettered, not numbered ("akt. H af 19. december 2019"): never
    both, a letter only on a confidential one (lifted or not), a number only on a public one."""
    model = spec.model
    if model.nummer is not None and model.bogstav is not None:
        yield Finding("aktstykket har både et nummer og et bogstav", spec.span(model, "bogstav"),
                      related=(spec.span(model, "nummer"),),
                      hint="et fortroligt aktstykke har et bogstav, et offentligt et nummer: "
                           "slet det ene")
    elif model.fortrolighed is not None and model.nummer is not None:
        yield Finding("et fortroligt aktstykke har et nummer", spec.span(model, "nummer"),
                      related=(spec.span(model, "fortrolighed"),),
                      hint="giv det et bogstav ('bogstav: H') i stedet for nummeret")
    elif model.fortrolighed is None and model.bogstav is not None:
        yield Finding(f"aktstykket har bogstavet {model.bogstav}, men er ikke fortroligt",
                      spec.span(model, "bogstav"),
                      hint="et offentligt aktstykke har et nummer; et fortroligt angiver "
                           "'fortrolighed:' med grund")


@rules.rule("AKT165", "et fortroligt aktstykke siger, hvornår fortroligheden ophæves",
            Severity.ERROR, "struktur")
def aktstykke_lifting_stated(spec: Spec) -> Iterator[Finding]:
    """The text must say when or how the confidentiality will be lifted (Budgetvejledningen
    3.4.2): a date or a condition, one of them; a lifted one says so instead."""
    fortrolighed = spec.model.fortrolighed
    if fortrolighed is None or fortrolighed.ophævet is not None:
        return
    if not (fortrolighed.ophæves or fortrolighed.ophæves_når):
        yield Finding("aktstykket er fortroligt, men det står ikke, hvornår fortroligheden "
                      "ophæves", spec.span(fortrolighed),
                      hint="angiv 'ophæves: ÅÅÅÅ-MM-DD' eller 'ophæves_når: …'")
    elif fortrolighed.ophæves and fortrolighed.ophæves_når:
        yield Finding("aktstykket har både 'ophæves' og 'ophæves_når'",
                      spec.span(fortrolighed, "ophæves_når"),
                      hint="behold det ene: en dato eller en betingelse")


@rules.rule("AKT166", "fortroligheden ophæves efter aktstykkets dato", Severity.ERROR, "struktur")
def lifted_after_dated(spec: Spec) -> Iterator[Finding]:
    """Confidentiality is lifted after the aktstykke was sent, never before."""
    model = spec.model
    fortrolighed = model.fortrolighed
    if fortrolighed is None:
        return
    for day, span in ((fortrolighed.ophævet.dato if fortrolighed.ophævet else None,
                       spec.span(fortrolighed.ophævet, "dato") if fortrolighed.ophævet else None),
                      (fortrolighed.ophæves, spec.span(fortrolighed, "ophæves"))):
        if day is not None and span is not None and day < model.dato:
            yield Finding(f"fortroligheden ophæves {day}, før aktstykkets dato ({model.dato})",
                          span, related=(spec.span(model, "dato"),),
                          hint="ret datoen for ophævelsen eller aktstykkets dato")


@rules.rule("AKT167", "en offentlig total viser ikke et fortroligt bilags tal", Severity.ERROR,
            "struktur")
def no_public_total_over_confidential_figures(spec: Spec) -> Iterator[Finding]:
    """A sum in a confidential bilag's table that is written as a reference to the aktstykke's
    data (`{udgift}`, `{konto:…}`) is a public figure: the public edition prints it. When some
    of its parts are the bilag's own figures, the public total minus the parts the public can
    see gives them away. Such a total is allowed only when the bilag declares it
    (`fortrolighed: offentlige_totaler: [udgift]`, the reference without its braces); the
    statement about the bilag then says "Beløbet på 18,5 mio. kr. omfatter fortrolige beløb,
    jf. bilag 2." A declared total that is no such sum is an error too, so that no sentence
    says something untrue.

    The other ways out are closed elsewhere: a reference to a confidential table's cell in
    public text is AKT163, and a table cell or a named amount cannot name another table
    (AKT224, AKT621)."""
    for bilag in spec.model.bilag:
        if bilag.fortrolighed is None:
            continue
        declared = [f"{{{total}}}" for total in bilag.fortrolighed.offentlige_totaler]
        found = set()
        for tabel in _tables(bilag):
            for række, kolonne, written in _public_totals_over_figures(tabel):
                found.add(written.strip())
                if written.strip() not in declared:
                    yield Finding(f"summen {written} i tabel '{tabel.id}' er offentlig, og den "
                                  f"minus de offentlige dele viser bilag {bilag.nr}s fortrolige "
                                  "tal", spec.span(tabel.rækker[række], "værdier", kolonne),
                                  hint="erklær den under bilagets fortrolighed "
                                       f"(offentlige_totaler: [{written.strip()[1:-1]}]), så "
                                       "teksten siger, "
                                       "at beløbet omfatter fortrolige beløb; eller skriv "
                                       "summen som et tal")
        for i, total in enumerate(declared):
            if total not in found:
                yield Finding(f"'{total[1:-1]}' under offentlige_totaler er ikke en offentlig sum "
                              f"over fortrolige tal i bilag {bilag.nr}s tabeller",
                              spec.span(bilag.fortrolighed, "offentlige_totaler", i),
                              hint="skriv summen i bilagets tabel som netop denne henvisning, "
                                   "eller slet linjen")


def _tables(bilag: Bilag) -> Iterator[Tabel]:
    return (block.tabel for block in bilag.indhold if isinstance(block, Tabelblok))


def _public_totals_over_figures(tabel: Tabel) -> Iterator[tuple[int, int, str]]:
    """(row, column, reference) of each sum written as a reference to the aktstykke's data
    whose parts include a figure typed in the table (directly, or through another sum)."""
    beregning = tabeller.beregn(tabel, lambda reference: Decimal(0))   # only its structure
    keys = beregning.kolonner

    def typed(cell: tabeller.Cellenøgle) -> Decimal | str | None:
        values = tabel.rækker[cell[0]].værdier or []
        j = keys.index(cell[1])
        return values[j] if j < len(values) else None

    def figure(cell: tabeller.Cellenøgle, seen: frozenset[tabeller.Cellenøgle] = frozenset()
               ) -> bool:
        value = typed(cell)
        if value is not None:
            return isinstance(value, Decimal)
        return any(figure(part, seen | {cell}) for part, _ in beregning.dele.get(cell, [])
                   if part not in seen)

    for cell, parts in beregning.dele.items():
        value = typed(cell)
        if isinstance(value, str) and value.startswith("{") and any(figure(p) for p, _ in parts):
            yield cell[0], keys.index(cell[1]), value
