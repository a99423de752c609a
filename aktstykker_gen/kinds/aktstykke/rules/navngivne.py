"""Named amounts (`beløb:`): one declared with its parts is checked against them, like a total
against its lines; one derived from its parts must be able to read every part."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen import formatting, units
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.henvisninger import del_beløb, dele_mio, navngivet_mio
from aktstykker_gen.kinds.aktstykke.rules.common import Spec
from aktstykker_gen.kinds.aktstykke.view import AktstykkeView
from aktstykker_gen.rules import Finding, RuleSet
from aktstykker_gen.units import Enhed

rules = RuleSet()


@rules.rule("AKT620", "et navngivet beløb er summen af sine dele", Severity.ERROR, "prosa")
def parts_add_up(spec: Spec) -> Iterator[Finding]:
    """A named amount typed with its parts states the same fact twice: the total and its
    breakdown. They must agree exactly, or the document shows a breakdown nobody checked
    (4,0 + 12,0 against 15,0)."""
    view = AktstykkeView(spec.model, spec.kontoplan)
    for name, navngivet in spec.model.beløb.items():
        if not navngivet.dele or (navngivet.værdi is None and navngivet.svarer_til is None):
            continue
        found = dele_mio(view, navngivet)
        declared = navngivet_mio(view, navngivet, frozenset({name}))
        if found is not None and declared is not None and found != declared:
            yield Finding(
                f"beløbet '{name}' er {_vist(declared, navngivet.enhed)}, men delene summer til "
                f"{_vist(found, navngivet.enhed)}",
                spec.span(navngivet, "værdi" if navngivet.værdi is not None else "svarer_til"),
                related=tuple(_part_lines(spec, name, frozenset())),
                hint="ret værdien eller en af delene; eller slet 'værdi', så beløbet er "
                     "summen af delene" if navngivet.værdi is not None else
                     f"ret en af delene, eller dataene, som '{navngivet.svarer_til}' peger på")


def _part_lines(spec: Spec, name: str, seen: frozenset[str]) -> Iterator[Span | None]:
    """Where the parts of a named amount stand, and, for a part that is another named amount,
    where that one's figure is typed (or its own parts, if it is derived): a changed figure
    deep in a breakdown is then named at its own line."""
    navngivet = spec.model.beløb[name]
    for i, del_ in enumerate(navngivet.dele):
        yield spec.span(navngivet, "dele", i)
        other = del_[len("beløb:"):] if isinstance(del_, str) and del_.startswith("beløb:") else None
        if other in spec.model.beløb and other not in seen:
            if spec.model.beløb[other].værdi is not None:
                yield spec.span(spec.model.beløb[other], "værdi")
            else:
                yield from _part_lines(spec, other, seen | {name})


def _vist(value: Decimal, enhed: str) -> str:
    """As a message shows an amount: with plain spaces, as every other rule does."""
    return units.vis(value, Enhed(enhed)).replace(formatting.NBSP, " ")


@rules.rule("AKT621", "et navngivet beløbs dele peger på data", Severity.ERROR, "prosa")
def parts_are_known(spec: Spec) -> Iterator[Finding]:
    """A part written as a reference (`konto:16.71.08`, `beløb:drift`) must name an amount the
    spec's data holds, and not, through other named amounts, the amount itself."""
    view = AktstykkeView(spec.model, spec.kontoplan)
    for name, navngivet in spec.model.beløb.items():
        for i, del_ in enumerate(navngivet.dele):
            if isinstance(del_, str) and del_beløb(view, del_, frozenset({name})) is None:
                yield Finding(f"delen '{del_}' af beløbet '{name}' peger ikke på et beløb i "
                              "specifikationen", spec.span(navngivet, "dele", i),
                              hint="en del er et beløb eller en henvisning uden klammer, fx "
                                   "konto:16.71.08, konto:16.71.08:2026, modtager:id, "
                                   "udgift:2026 eller beløb:navn (ikke beløbet selv)")
        if navngivet.svarer_til and del_beløb(view, navngivet.svarer_til,
                                              frozenset({name})) is None:
            yield Finding(f"'svarer_til: {navngivet.svarer_til}' af beløbet '{name}' peger ikke på "
                          "et beløb i specifikationen", spec.span(navngivet, "svarer_til"),
                          hint="henvis uden klammer til data, fx konto:16.71.08 eller udgift:2026")
