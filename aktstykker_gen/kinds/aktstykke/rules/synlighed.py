"""Nothing in a spec is lost: every typed amount is shown somewhere in the document.

The view decides what the document shows; this group walks the model's typed amounts and
the places the view shows one (a table row, a one-line account in the list in a, a
reference in prose, the financing sentence) and warns of each amount that none of them shows.
"""

from __future__ import annotations

from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.aktstykke import tabeller
from aktstykker_gen.kinds.aktstykke.henvisninger import periode
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Hovedkonto,
    Indsættelse,
    Modtager,
    NavngivetBeløb,
)
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, amounts, prose, view_of
from aktstykker_gen.kinds.aktstykke.view import SIDER, in_year, lines
from aktstykker_gen.references import Reference, references
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()

Sted = tuple[int, tuple[str, ...]]   # id of the amount's owner in the model, its keys there


@rules.rule("AKT212", "hvert beløb vises i aktstykket", Severity.WARNING, "summer")
def shown_somewhere(spec: Spec) -> Iterator[Finding]:
    """An amount typed in the spec that no table, list, sentence or reference shows is lost:
    the Finansudvalg never sees it (a financing line in a later year without a
    flerårsoversigt). Show it, or delete it. Account lines and recipients' allocations (a
    recipient's amount in a year no reference names: no table shows recipients); a named
    amount no prose refers to is AKT603's, and the nettoændring is checked against the lines."""
    shown = shown_amounts(spec)
    for sted in amounts(spec.model):
        if sted.owner is spec.model or isinstance(sted.owner, NavngivetBeløb):
            continue   # named amounts: AKT603; the nettoændring: a checked fact
        if (id(sted.owner), sted.parts) not in shown:
            if isinstance(sted.owner, Modtager):
                hint = (f"henvis til det i prosa med {{modtager:{sted.owner.id}:{sted.parts[1]}}} "
                        "(eller en periode, der omfatter året), eller slet det")
            else:
                hint = ("vis det i en blok (fx 'indsæt: flerårsoversigt' for et senere år), "
                        "henvis til det i prosa, eller slet det")
            yield Finding("beløbet vises intetsteds i aktstykket", spec.span(sted.owner,
                                                                             *sted.parts),
                          hint=hint)


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
    found = [r for text in _referring_texts(spec) for r in references(text)]
    named = {(r.namespace, r.key) for r in found}
    shown |= _allocations(model, found)
    shown |= {(id(model), ("beløb", key)) for key in model.beløb if ("beløb", key) in named}
    if "finansiering" in inserted and view_of(spec).partly_financed():
        shown.add((id(model), ("nettoændring", str(model.finansår))))
    return shown


def _allocations(model: Aktstykke, found: list[Reference]) -> set[Sted]:
    """The recipients' allocations a reference shows: `{modtager:id}` the finansår's,
    `{modtager:id:2026}` or a span each year it names, directly or as a part of a named amount
    prose refers to (`dele: [modtager:id:2025-2026]`)."""
    by_id: dict[str, list[Modtager]] = {}
    for modtager in model.modtagere:   # two with one id (AKT604's) are both named by it
        by_id.setdefault(modtager.id, []).append(modtager)
    shown: set[Sted] = set()

    def show(key: str | None, rest: tuple[str, ...]) -> None:
        for modtager in by_id.get(key or "", ()):
            years = [model.finansår] if not rest else (
                periode(rest[0], sorted(modtager.beløb)) or [])
            shown.update((id(modtager), ("beløb", str(år))) for år in years
                         if år in modtager.beløb)

    named: list[str] = []
    for reference in found:
        if reference.namespace == "modtager" and len(reference.rest) <= 1:
            show(reference.key, reference.rest)
        elif reference.namespace == "beløb" and reference.key in model.beløb:
            named.append(reference.key)
    seen: set[str] = set()
    while named:   # a named amount shows its parts, and those of the named amounts among them
        key = named.pop()
        if key in seen:
            continue
        seen.add(key)
        for del_ in model.beløb[key].dele:
            if not isinstance(del_, str):
                continue
            namespace, _, rest = del_.partition(":")
            segments = tuple(rest.split(":"))
            if namespace == "modtager" and len(segments) <= 2:
                show(segments[0], segments[1:])
            elif namespace == "beløb" and segments[0] in model.beløb:
                named.append(segments[0])
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
