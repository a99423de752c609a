"""The minutes: every item has its decision, and a closed item has what may be published of
it (Ankestyrelsen: a decision behind closed doors is published as far as confidentiality
allows, not as "Lukket punkt" alone)."""

from __future__ import annotations

from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.dagsorden.rules.punkter import GROUP, Spec
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()


@rules.rule("AKT707", "et lukket punkt i referatet har offentlig titel og beslutning",
            Severity.ERROR, GROUP)
def closed_item_published(spec: Spec) -> Iterator[Finding]:
    """In the minutes, a closed item shows the public its public title (`offentlig_titel`)
    and its decision as far as it may be published (`offentlig_beslutning`)."""
    if not spec.model.referat:
        return
    for punkt in spec.model.punkter:
        if not punkt.er_fortrolig():
            continue
        missing = [name for name, value in (("offentlig_titel", punkt.offentlig_titel),
                                             ("offentlig_beslutning", punkt.offentlig_beslutning))
                   if not value]
        if missing:
            yield Finding(f"punkt {punkt.nr} er lukket, men referatet har ingen "
                          f"{' og ingen '.join(missing)}", spec.span(punkt, "status"),
                          hint="skriv, hvad der må offentliggøres: "
                               + ", ".join(f"'{name}:'" for name in missing))


@rules.rule("AKT708", "hvert punkt i referatet har en beslutning", Severity.ERROR, GROUP)
def every_item_decided(spec: Spec) -> Iterator[Finding]:
    """The minutes are the agenda with each item's decision after the recommendation."""
    if not spec.model.referat:
        return
    for punkt in spec.model.punkter:
        if not punkt.beslutning:
            yield Finding(f"punkt {punkt.nr} har ingen beslutning i referatet",
                          spec.span(punkt, "titel"), hint="tilføj 'beslutning:'")
