"""What the aktstykke draws on the finanslov, set beside what the export says the finanslov
holds there (--kontoplan): one comparison per underkonto of a financing account and year,
for AKT312, for `check --verbose`, and for the register's sum over a folketingsår."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from aktstykker_gen import formatting, units
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Standardkonto
from aktstykker_gen.units import Enhed

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Afsat, Kontoplan
    from aktstykker_gen.rules import Subject

ZERO = Decimal(0)


@dataclass(frozen=True)
class Træk:
    """What one underkonto under `finansiering` gives up in one year: its lines' negative
    expenses, as a positive amount (a merindtægt is no draw on the appropriation)."""

    nr: str          # 16.11.79.79
    navn: str
    år: int
    beløb: Decimal
    linje: Standardkonto   # the first line drawing that year: where a diagnostic points
    ny: bool


def træk(model: Aktstykke) -> Iterator[Træk]:
    """Every draw of the spec, by underkonto and year, in the spec's order."""
    for hovedkonto in model.finansiering:
        for underkonto in hovedkonto.underkonti:
            drawn: dict[int, tuple[Decimal, Standardkonto]] = {}
            for line in underkonto.standardkonti:
                for år, value in line.udgift.items():
                    before, first = drawn.get(år, (ZERO, line))
                    drawn[år] = (before - value, first)
            for år, (beløb, line) in sorted(drawn.items()):
                if beløb > 0:
                    yield Træk(f"{hovedkonto.nr}.{underkonto.nr}", underkonto.navn, år, beløb,
                               line, hovedkonto.ny or underkonto.ny)


@dataclass(frozen=True)
class Sammenligning:
    træk: Træk
    afsat: Afsat | None   # None: the export has no figure for the account in that year

    @property
    def overtrukket(self) -> bool:
        return self.afsat is not None and self.træk.beløb > self.afsat.amount


def sammenlign(model: Aktstykke, plan: Kontoplan) -> list[Sammenligning]:
    return [Sammenligning(t, None if t.ny else plan.finanslov(t.nr, t.år, model.finansår))
            for t in træk(model)]


def mio(value: Decimal) -> str:
    """An amount as a diagnostic or the terminal shows it: "30,0 mio. kr."."""
    return f"{formatting.number(value)} mio. kr."


def redegørelse(subject: Subject[Aktstykke]) -> list[str]:
    """`check --verbose`: each draw beside the finanslov's figure, one line each."""
    plan = subject.kontoplan
    if plan is None:
        return []
    found = [f"sammenlignet med finansloven ({plan.file}):"]
    for s in sammenlign(subject.model, plan):
        t = s.træk
        if s.afsat is None:
            where = "ny konto" if t.ny else "intet tal i eksporten for året"
            found.append(f"§ {t.nr} {t.navn}, {t.år}: trækker {mio(t.beløb)}; "
                         f"{where}")
            continue
        verdict = "OVERTRUKKET" if s.overtrukket else "ok"
        found.append(f"§ {t.nr} {t.navn}, {t.år}: trækker {mio(t.beløb)}, "
                     f"finansloven har afsat {mio(s.afsat.amount)} "
                     f"(kolonne {s.afsat.column}, linje {s.afsat.line}): {verdict}")
    found.extend(_citeret(subject.model, plan))
    return found if len(found) > 1 else found + ["ingen træk på finanslovens konti"]


def _citeret(model: Aktstykke, plan: Kontoplan) -> Iterator[str]:
    """The named amounts marked `finanslov:` beside the export's figures (AKT313)."""
    for name, navngivet in model.beløb.items():
        where = navngivet.finanslov
        if where is None or navngivet.værdi is None:
            continue
        value = units.til_mio(navngivet.værdi, Enhed(navngivet.enhed))
        for år in where.år or [model.finansår]:
            afsat = plan.finanslov(where.konto, år, model.finansår)
            shown = "intet tal i eksporten for året" if afsat is None else (
                f"finansloven har {mio(afsat.amount)} (kolonne {afsat.column}, linje "
                f"{afsat.line}): {'ok' if afsat.amount == value else 'AFVIGER'}")
            yield f"beløbet '{name}', {mio(value)} på § {where.konto} i {år}: {shown}"
