"""The tables of an agenda's items: every row as wide as the header, and a table that a page
can hold (a longer list belongs in a bilag)."""

from __future__ import annotations

from collections.abc import Iterator

from aktstykker_gen.diagnostics import Severity
from aktstykker_gen.kinds.dagsorden.rules.punkter import GROUP, Spec, tables
from aktstykker_gen.load import LoadedSpec, Location
from aktstykker_gen.rules import Finding, RuleSet

# A4 portrait holds some ten columns of numbers at the text's width (writers/layout.py narrows
# them to 16 mm from ten on); a table of more than 2.000 cells is 40 pages of rows.
MAX_KOLONNER = 12
MAX_CELLER = 2_000

rules = RuleSet()


@rules.rule("AKT710", "en tabels rækker har én celle pr. kolonne", Severity.ERROR, GROUP)
def rows_as_wide_as_the_header(spec: Spec) -> Iterator[Finding]:
    """Each row has as many cells as the header row has columns, so that every number stands
    under its heading. A number with a decimal comma in `[…]` is two cells to YAML
    (`[Udgift, 12,5]` is Udgift, 12 and 5): the hint says so when that is what happened."""
    source = spec.validated.source
    for punkt in spec.model.punkter:
        for tabel, _ in tables(punkt):
            columns = len(tabel.hoved)
            for r, row in enumerate(tabel.rækker):
                if len(row) == columns:
                    continue
                split = _split_at_comma(source, spec.validated.locations[id(tabel)], r, len(row))
                hint = (f"kommaet i '{split}' deler tallet i to celler; skriv det med punktum "
                        f"({split.replace('.', '').replace(',', '.')})" if split else
                        f"giv rækken {columns} celler (~ for en tom), eller ret hovedet")
                yield Finding(f"rækken har {len(row)} celler, men tabellen i punkt {punkt.nr} "
                              f"har {columns} kolonner", spec.span(tabel, "rækker", r),
                              related=(spec.span(tabel, "hoved"),), hint=hint)


def _split_at_comma(source: LoadedSpec, where: Location, row: int, cells: int) -> str | None:
    """'12,5' when two cells of the row were one number typed with its comma and no space."""
    spans = [source.values.get((*where, "rækker", row, c)) for c in range(cells)]
    for first, second in zip(spans, spans[1:], strict=False):
        if first is None or second is None or first.line != second.line \
                or second.column != first.column + first.length + 1:
            continue
        line = source.text.split("\n")[first.line - 1]
        typed = line[first.column - 1:second.column - 1 + second.length]
        if typed.replace(".", "").replace(",", "").lstrip("-").isdigit():
            return typed
    return None


@rules.rule("AKT711", "en tabel har plads på siden", Severity.ERROR, GROUP)
def table_fits(spec: Spec) -> Iterator[Finding]:
    """A table has at most 12 columns (A4 holds no more at a readable width) and 2.000 cells; a
    longer list (all the region's institutions, a whole budget) belongs in a bilag."""
    for punkt in spec.model.punkter:
        for tabel, _ in tables(punkt):
            columns = max(len(tabel.hoved), *(len(row) for row in tabel.rækker))
            cells = sum(len(row) for row in tabel.rækker) + len(tabel.hoved)
            if columns > MAX_KOLONNER:
                yield Finding(f"tabellen i punkt {punkt.nr} har {columns} kolonner; højst "
                              f"{MAX_KOLONNER} har plads på siden", spec.span(tabel, "hoved"),
                              hint="del tabellen i to, eller læg den i et bilag")
            if cells > MAX_CELLER:
                yield Finding(f"tabellen i punkt {punkt.nr} har {cells:,} celler; højst "
                              f"{MAX_CELLER:,}".replace(",", "."), spec.span(tabel, "rækker"),
                              hint="læg den lange tabel i et bilag, og henvis til det med "
                                   "{bilag:1}")
