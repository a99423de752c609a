"""Nothing in a spec is lost: every typed amount is shown somewhere in the document.

The view decides what the document shows; this group walks the model's typed amounts and
the places the view shows one (a table row, a one-line account in the list in a, a
reference in prose, the financing sentence) and warns of each amount that none of them shows.
"""

from __future__ import annotations

from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke import tabeller
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Hovedkonto,
    Indsættelse,
    Modtager,
    NavngivetBeløb,
)
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, amounts, prose, view_of
from aktstykker_gen.kinds.aktstykke.view import SIDER, in_year, lines
from aktstykker_gen.references import references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()

Sted = tuple[int, tuple[str, ...]]   # id of the amount's owner in the model, its keys there


@rules.rule("AKT212", "hvert beløb vises i aktstykket", Severity.WARNING, "summer")
def shown_somewhere(spec: Spec) -> Iterator[Finding]:
    """An amount typed in the spec that no table, list, sentence or reference shows is lost:
    the Finansudvalg never sees it (a financing line in a later year without a
    flerårsoversigt). Show it, or delete it. Account lines only: a named amount no prose
    refers to is AKT603's; recipients and the nettoændring are checked against the lines."""
    shown = shown_amounts(spec)
    for sted in amounts(spec.model):
        if sted.owner is spec.model or isinstance(sted.owner, Modtager | NavngivetBeløb):
            continue   # named amounts: AKT603; recipients and nettoændring: checked facts
        if (id(sted.owner), sted.parts) not in shown:
            yield Finding("beløbet vises intetsteds i aktstykket", spec.span(sted.owner,
                                                                             *sted.parts),
                          hint="vis det i en blok (fx 'indsæt: flerårsoversigt' for et senere "
                               "år), henvis til det i prosa, eller slet det")


def shown_amounts(spec: Spec) -> set[Sted]:
    """Every typed amount (as `common.amounts` names it) that the document shows.

    Read from the model as the view lays the tables out, without formatting them (that cost
    seconds at 10.000 accounts): a table of the finansår shows every line's amount in it,
    whether per line or summed into its hovedkonto's row; the multi-year overview has a
    column for every year a line uses, so it shows every typed line amount."""
    model = spec.model
    inserted = _inserted(model)
    if "flerårsoversigt" in inserted:
        years = None   # every year
    else:
        years = {model.finansår} if inserted & {"specifikation", "forslag"} else set()
    shown: set[Sted] = {(id(line), (side, str(år)))
                        for hovedkonto in model.udgifter + model.finansiering
                        for line in lines(hovedkonto) for side in SIDER
                        for år in getattr(line, side) if years is None or år in years}
    if "kontoliste" in inserted:
        shown |= _single_lines(model)
    named = {(r.namespace, r.key) for text in _referring_texts(spec) for r in references(text)}
    for modtager in model.modtagere:
        if ("modtager", modtager.id) in named and model.finansår in modtager.beløb:
            shown.add((id(modtager), ("beløb", str(model.finansår))))
    shown |= {(id(model), ("beløb", key)) for key in model.beløb if ("beløb", key) in named}
    if "finansiering" in inserted and view_of(spec).partly_financed():
        shown.add((id(model), ("nettoændring", str(model.finansår))))
    return shown


def _referring_texts(spec: Spec) -> Iterator[str]:
    """Every text that can refer to data: the prose, and the cells of own tables."""
    yield from (piece.text for piece in prose(spec))
    for _, _, tabel in tabeller.tabeller(spec.model):
        yield from (cell for række in tabel.rækker for cell in række.værdier or ()
                    if isinstance(cell, str))


def _inserted(model: Aktstykke) -> set[str]:
    return {block.indsæt for _, blocks in model.tekst for block in blocks or ()
            if isinstance(block, Indsættelse)}


def _single_lines(model: Aktstykke) -> set[Sted]:
    """The list in a shows each expense account's net per year: that is a typed amount where
    the account has one amount in the year."""
    return {sted for hovedkonto in model.udgifter
            for år in {å for line in lines(hovedkonto) for side in SIDER for å in getattr(line, side)}
            if in_year(hovedkonto, år) for sted in _alone(hovedkonto, SIDER, år)}


def _alone(hovedkonto: Hovedkonto, sider: tuple[str, ...], år: int) -> set[Sted]:
    """The account's one typed amount in the year on these sides, if it has exactly one: a
    row or sum of the account then shows it."""
    typed = [(id(line), (side, str(år))) for line in lines(hovedkonto) for side in sider
             if år in getattr(line, side)]
    return set(typed) if len(typed) == 1 else set()
