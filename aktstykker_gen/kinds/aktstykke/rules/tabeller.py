"""Own tables: totals checked against their parts, like the account tables' totals.

A total is computed from its parts or typed; a typed one is a separate fact, so it must
agree with its parts at the precision the table shows. Every typed cell must also be a
cell the table can show: the right count per row, a known reference, no hidden decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from aktstykker_gen import units
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke import tabeller
from aktstykker_gen.kinds.aktstykke.model import Tabel, Tabelkolonne, Tabelrække
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, pinpoint, view_of
from aktstykker_gen.rules import Finding, RuleSet

rules = RuleSet()


def _beregninger(spec: Spec, hele: bool = False) -> Iterator[tuple[Tabel, tabeller.Beregning]]:
    """Each table computed; with `hele`, only those whose sums can be checked."""
    view = view_of(spec)
    for _, _, tabel in tabeller.tabeller(spec.model):
        beregning = tabeller.beregn(tabel, view.celle)
        if not hele or tabeller.hel(tabel, beregning):
            yield tabel, beregning


def _cell_span(spec: Spec, tabel: Tabel, række: int, kolonne: str) -> Span | None:
    """The typed value of a cell, or the row's `sum` when the cell is computed."""
    row = tabel.rækker[række]
    j = [tabeller.kolonnenøgle(k) for k in tabel.kolonner].index(kolonne)
    if row.værdier is not None and j < len(row.værdier):
        return spec.span(row, "værdier", j)
    return spec.span(row, "sum" if row.sum is not None else "minus")


def _name(tabel: Tabel, række: int, kolonne: str) -> str:
    return f"tabel '{tabel.id}', rækken '{tabel.rækker[række].tekst}', kolonne {kolonne}"


def _typed(value: Decimal) -> str:
    return str(value).replace(".", ",")


def _shown(tabel: Tabel, value: Decimal | None) -> str:
    return "-" if value is None else units.tal(value, tabel.enhed, tabeller.decimaler(tabel))


@rules.rule("AKT220", "en skrevet sum i en tabel svarer til sine dele", Severity.ERROR, "summer")
def typed_totals_agree(spec: Spec) -> Iterator[Finding]:
    """A total row or column that is typed is checked against the sum of its parts, rounded
    half-up to the decimals the table shows: they must show the same figure."""
    for tabel, beregning in _beregninger(spec, hele=True):
        for cell, dele in beregning.dele.items():
            if cell not in beregning.skrevet or not dele:
                continue
            typed, computed = beregning.celler[cell], beregning.beregnet[cell]
            if typed is None and computed is None:
                continue
            if typed is not None and computed is not None \
                    and tabeller.vist(tabel, typed) == tabeller.vist(tabel, computed):
                continue
            yield Finding(
                f"summen i {_name(tabel, *cell)} svarer ikke til sine dele",
                _cell_span(spec, tabel, *cell),
                details=(f"skrevet {_shown(tabel, typed)} / delene giver "
                         f"{_shown(tabel, computed)} {tabel.enhed.value}",),
                hint="ret summen eller den del, der er forkert; udelad 'værdier' i en "
                     "sumrække, så beregnes den",
                related=tuple(_cell_span(spec, tabel, *part) for part, _ in dele))


@rules.rule("AKT221", "viste dele giver den viste sum", Severity.WARNING, "summer")
def shown_parts_add_up(spec: Spec) -> Iterator[Finding]:
    """The parts as shown (rounded) add up to the total as shown; when rounding makes them
    differ, the reader sees a sum that does not add up, though the exact figures agree."""
    for tabel, beregning in _beregninger(spec, hele=True):
        for cell, dele in beregning.dele.items():
            total, computed = beregning.celler[cell], beregning.beregnet[cell]
            if total is None or computed is None or not dele:
                continue
            if tabeller.vist(tabel, total) != tabeller.vist(tabel, computed):
                continue   # AKT220's finding
            shown_parts = sum((sign * tabeller.vist(tabel, v) for part, sign in dele
                               if (v := beregning.celler.get(part)) is not None), Decimal(0))
            if shown_parts != tabeller.vist(tabel, total):
                yield Finding(
                    f"de viste dele i {_name(tabel, *cell)} giver ikke den viste sum",
                    _cell_span(spec, tabel, *cell),
                    details=(f"delene viser {_shown(tabel, shown_parts)}, summen viser "
                             f"{_shown(tabel, total)} {tabel.enhed.value}",),
                    hint="skriv en anmærkning om afrunding under tabellen (anm:), eller vis "
                         "flere decimaler (decimaler:)")


@rules.rule("AKT222", "en tabelrække har ét beløb pr. kolonne", Severity.ERROR, "summer")
def one_value_per_column(spec: Spec) -> Iterator[Finding]:
    """Each row has one value per column; a total row may leave `værdier` out (computed)."""
    for _, _, tabel in tabeller.tabeller(spec.model):
        columns = len(tabel.kolonner)
        computed_columns = sum(1 for k in tabel.kolonner if isinstance(k, Tabelkolonne) and k.sum)
        for række in tabel.rækker:
            if række.værdier is None and tabeller.sumrække(række):
                continue
            count = len(række.værdier or [])
            if count in (columns, columns - computed_columns) and count:
                continue
            yield Finding(
                f"rækken '{række.tekst}' i tabel '{tabel.id}' har {count} beløb, men tabellen "
                f"har {columns} kolonner",
                spec.span(række, "værdier") if række.værdier is not None else spec.span(række),
                hint="skriv ét beløb eller - pr. kolonne (en sumkolonne må udelades)")


@rules.rule("AKT223", "en sum nævner dele, der findes", Severity.ERROR, "summer")
def parts_exist(spec: Spec) -> Iterator[Finding]:
    """A total row names rows above it (a total stands below its parts); a total column
    names the table's columns."""
    for _, _, tabel in tabeller.tabeller(spec.model):
        above: set[str] = set()
        keys = {tabeller.kolonnenøgle(k) for k in tabel.kolonner}
        for række in tabel.rækker:
            for field, names in (("sum", række.sum or []), ("minus", række.minus)):
                for j, name in enumerate(names):
                    if name not in above:
                        yield Finding(
                            f"rækken '{række.tekst}' summerer '{name}', som ikke er en række "
                            "ovenfor", spec.span(række, field, j),
                            hint="angiv id'et på en række over sumrækken")
            if række.id:
                above.add(række.id)
        for kolonne in tabel.kolonner:
            if isinstance(kolonne, Tabelkolonne):
                for j, part in enumerate(kolonne.sum or []):
                    if str(part) not in keys or str(part) == kolonne.id:
                        yield Finding(
                            f"kolonnen '{kolonne.id}' summerer '{part}', som ikke er en anden "
                            "kolonne i tabellen", spec.span(kolonne, "sum", j),
                            hint="angiv årstal eller id'er på tabellens kolonner")


@rules.rule("AKT224", "en tabelcelles henvisning nævner et beløb", Severity.ERROR, "summer")
def cell_references_known(spec: Spec) -> Iterator[Finding]:
    """A cell that refers to the spec's data holds one reference to an amount, such as
    {konto:16.71.08} or {udgift}; it is converted from mio. kr. to the table's unit."""
    for tabel, beregning in _beregninger(spec):
        for række, kolonne, text in beregning.ukendte:
            yield Finding(
                f"cellen '{text}' i tabel '{tabel.id}' nævner ikke et beløb i aktstykkets data",
                spec.span(tabel.rækker[række], "værdier", kolonne),
                hint="skriv én henvisning til et beløb, fx {udgift} eller {konto:16.71.08}, "
                     "et beløb eller -")


@rules.rule("AKT225", "et beløb i en tabel har ikke flere decimaler, end tabellen viser",
            Severity.ERROR, "summer")
def no_hidden_decimals(spec: Spec) -> Iterator[Finding]:
    """A typed amount with more decimals than the table shows would be printed rounded: the
    reader would see another figure than the one typed and checked."""
    for _, _, tabel in tabeller.tabeller(spec.model):
        shown = tabeller.decimaler(tabel)
        for række in tabel.rækker:
            for j, value in enumerate(række.værdier or []):
                if isinstance(value, Decimal) and value != units.vist(value, tabel.enhed, shown):
                    yield Finding(
                        f"beløbet {_typed(value)} i rækken '{række.tekst}' har flere decimaler, end "
                        f"tabel '{tabel.id}' viser ({shown})",
                        spec.span(række, "værdier", j),
                        hint="skriv beløbet, som det vises, eller angiv 'decimaler:' for tabellen")


@rules.rule("AKT226", "tabeller, rækker og kolonner har hvert sit id", Severity.ERROR, "summer")
def unique_ids(spec: Spec) -> Iterator[Finding]:
    """References and sums name a table, row or column by id, so each names one thing."""
    seen_tables: set[str] = set()
    for _, _, tabel in tabeller.tabeller(spec.model):
        if tabel.id in seen_tables:
            yield Finding(f"der er flere tabeller med id '{tabel.id}'", spec.span(tabel, "id"),
                          hint="giv tabellen et andet id")
        seen_tables.add(tabel.id)
        for what, items in (("rækker", tabel.rækker), ("kolonner", tabel.kolonner)):
            seen: set[str] = set()
            for item in items:
                key = item.id if isinstance(item, Tabelrække) else tabeller.kolonnenøgle(item)
                if key is None:
                    continue
                if key in seen:
                    yield Finding(f"tabel '{tabel.id}' har flere {what} med id '{key}'",
                                  spec.span(item, "id") if not isinstance(item, int)
                                  else spec.span(tabel, "kolonner"),
                                  hint="giv hver række og kolonne sit eget id")
                seen.add(key)


_MARK = re.compile(r"(?<![\w(])([1-9][0-9]?)\)")


@rules.rule("AKT120", "hvert notemærke i en tabel har sin note", Severity.WARNING, "struktur")
def note_marks_have_notes(spec: Spec) -> Iterator[Finding]:
    """A mark 1), 2) … in a row's text refers to the table's notes in order: a mark without a
    note leaves the reader looking for it, a note without a mark explains nothing."""
    for _, _, tabel in tabeller.tabeller(spec.model):
        marked: set[int] = set()
        for række in tabel.rækker:
            for match in _MARK.finditer(række.tekst):
                number = int(match[1])
                marked.add(number)
                if number > len(tabel.noter):
                    yield Finding(
                        f"notemærket {number}) i tabel '{tabel.id}' har ingen note",
                        pinpoint(spec, spec.span(række, "tekst"), match[0]),
                        hint=f"tilføj note nr. {number} under 'noter', eller ret mærket")
        for number in range(1, len(tabel.noter) + 1):
            if number not in marked:
                yield Finding(
                    f"note {number}) i tabel '{tabel.id}' har intet mærke i tabellen",
                    spec.span(tabel, "noter", number - 1),
                    hint=f"skriv {number}) efter teksten i den række, noten hører til")
