"""Accounts: well-formed and unique numbers, standardkonti that fit their bevillingstype,
amounts the unit can show, and (with --kontoplan) accounts that exist in the official plan,
draws the finanslov can pay and figures quoted from it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from aktstykker_gen import units
from aktstykker_gen.diagnostics import Severity, Span
from aktstykker_gen.kinds.aktstykke.model import Hovedkonto, Standardkonto, Underkonto
from aktstykker_gen.kinds.aktstykke.paragraffer import paragraffer
from aktstykker_gen.kinds.aktstykke.paragraffer import rows as _rows
from aktstykker_gen.kinds.aktstykke.rules.common import Spec, amounts
from aktstykker_gen.kinds.aktstykke.view import lines
from aktstykker_gen.rules import Finding, RuleSet
from aktstykker_gen.units import Enhed

rules = RuleSet()


@dataclass(frozen=True)
class KendtStandardkonto:
    nr: str
    navn: str
    tilladt: frozenset[str] | None   # bevillingstyper; None when the source does not say


@cache
def standardkonti() -> dict[str, KendtStandardkonto]:
    """Budgetvejledningen's standardkonti, from `data/standardkonti.csv`."""
    from aktstykker_gen.kinds.aktstykke.model import Bevillingstype

    every = frozenset(t.value for t in Bevillingstype)
    table = {}
    for row in _rows("standardkonti.csv"):
        tilladt = row["tilladt"].strip()
        allowed = every if tilladt == "alle" else frozenset(tilladt.split(",")) if tilladt else None
        table[row["nr"]] = KendtStandardkonto(row["nr"], row["navn"], allowed)
    return table


def _same_name(ours: str, known: str) -> bool:
    """Equal up to case and spacing; "Lønninger / personaleomkostninger" accepts either half."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())
    return norm(ours) in {norm(known), *(norm(part) for part in known.split(" / "))}


def _all(spec: Spec) -> list[Hovedkonto]:
    return spec.model.udgifter + spec.model.finansiering


@rules.rule("AKT301", "hver hovedkonto står én gang", Severity.ERROR, "konti")
def unique_hovedkonti(spec: Spec) -> Iterator[Finding]:
    """Folketinget appropriates per hovedkonto; all its lines belong under one entry."""
    seen: dict[str, Hovedkonto] = {}
    for hovedkonto in _all(spec):
        first = seen.setdefault(hovedkonto.nr, hovedkonto)
        if first is not hovedkonto:
            yield Finding(
                f"§ {hovedkonto.nr} står mere end én gang under udgifter og finansiering",
                spec.span(hovedkonto, "nr"), related=(spec.span(first, "nr"),),
                hint="saml kontoens underkonti og standardkonti under én hovedkonto")


@rules.rule("AKT302", "underkonti og standardkonti står én gang", Severity.ERROR, "konti")
def unique_lines(spec: Spec) -> Iterator[Finding]:
    """Two entries with one number would show as two rows with the same account in the tables."""
    for hovedkonto in _all(spec):   # the first of each number; its position only for a finding
        seen_under: dict[str, Underkonto] = {}
        for underkonto in hovedkonto.underkonti:
            where = f"§ {hovedkonto.nr}.{underkonto.nr}"
            if underkonto.nr in seen_under:
                yield Finding(f"underkonto {where} står to gange", spec.span(underkonto, "nr"),
                              related=(spec.span(seen_under[underkonto.nr], "nr"),),
                              hint="saml standardkontiene under én underkonto")
            seen_under.setdefault(underkonto.nr, underkonto)
            seen_standard: dict[str, Standardkonto] = {}
            for line in underkonto.standardkonti:
                if line.nr in seen_standard:
                    yield Finding(f"standardkonto {line.nr} står to gange under {where}",
                                  spec.span(line, "nr"),
                                  related=(spec.span(seen_standard[line.nr], "nr"),),
                                  hint="læg beløbene sammen på én linje")
                seen_standard.setdefault(line.nr, line)


@rules.rule("AKT303", "paragraffen findes på finansloven", Severity.WARNING, "konti")
def known_paragraf(spec: Spec) -> Iterator[Finding]:
    """The first two digits of a hovedkonto are a § of the finanslov (FL2025/FL2026)."""
    for hovedkonto in _all(spec):
        paragraf = hovedkonto.nr[:2]
        if paragraf not in paragraffer():
            yield Finding(f"§ {paragraf} er ikke en paragraf på finansloven",
                          spec.span(hovedkonto, "nr"),
                          hint="kontroller kontonummeret; er paragraffen ny, så bekræft den "
                               "med --kontoplan og finanslovens eksport")


@rules.rule("AKT304", "en udgiftskonto har en bevillingstype", Severity.WARNING, "konti")
def has_bevillingstype(spec: Spec) -> Iterator[Finding]:
    """The b table shows each hovedkonto's bevillingstype, and the standardkonti are checked
    against it; a reserve used for financing may go without."""
    for hovedkonto in spec.model.udgifter:
        if hovedkonto.bevillingstype is None:
            yield Finding(f"§ {hovedkonto.nr} har ingen bevillingstype",
                          spec.span(hovedkonto, "nr"),
                          hint="angiv 'bevillingstype:' (fx driftsbevilling eller lovbunden)")


@rules.rule("AKT305", "standardkontoens nummer og navn passer sammen", Severity.ERROR, "konti")
def standardkonto_name(spec: Spec) -> Iterator[Finding]:
    """A standardkonto's number decides its meaning; a different name means one of them is wrong."""
    for hovedkonto in _all(spec):
        for line in lines(hovedkonto):
            known = standardkonti().get(line.nr)
            if known and not _same_name(line.navn, known.navn):
                yield Finding(f"standardkonto {line.nr} hedder '{known.navn}', ikke '{line.navn}'",
                              spec.span(line, "navn"), related=(spec.span(line, "nr"),),
                              hint="ret navnet eller nummeret (Budgetvejledningen, bilag 5)")


@rules.rule("AKT306", "standardkontoen er kendt", Severity.WARNING, "konti")
def known_standardkonto(spec: Spec) -> Iterator[Finding]:
    """Only the standardkonti used in aktstykker are known here; another may be right, so warn."""
    for hovedkonto in _all(spec):
        for line in lines(hovedkonto):
            if line.nr not in standardkonti():
                yield Finding(f"standardkonto {line.nr} er ikke blandt de kendte standardkonti",
                              spec.span(line, "nr"),
                              hint="kontroller nummeret mod Budgetvejledningen, bilag 5")


@rules.rule("AKT307", "standardkontoen er tilladt på bevillingstypen", Severity.ERROR, "konti")
def allowed_on_bevillingstype(spec: Spec) -> Iterator[Finding]:
    """Budgetvejledningen lists which standardkonti each bevillingstype may use (e.g. no
    Andre ordinære driftsomkostninger on a lovbunden bevilling)."""
    for hovedkonto in _all(spec):
        if hovedkonto.bevillingstype is None:
            continue
        for line in lines(hovedkonto):
            known = standardkonti().get(line.nr)
            if known and known.tilladt is not None \
                    and hovedkonto.bevillingstype.value not in known.tilladt:
                yield Finding(
                    f"standardkonto {line.nr} ({known.navn}) må ikke bruges på "
                    f"bevillingstypen '{hovedkonto.bevillingstype.value}'", spec.span(line, "nr"),
                    related=(spec.span(hovedkonto, "bevillingstype"),),
                    details=("tilladt på: " + ", ".join(sorted(known.tilladt)),),
                    hint="vælg en anden standardkonto, eller ret hovedkontoens bevillingstype")


@rules.rule("AKT308", "beløb har højst én decimal", Severity.WARNING, "konti")
def precision(spec: Spec) -> Iterator[Finding]:
    """Aktstykker show mio. kr. with one decimal; a finer amount is printed rounded, so the
    document would not say what the spec says."""
    for sted in amounts(spec.model):
        if sted.value != sted.value.quantize(Decimal("0.1")):
            shown = str(sted.value).replace(".", ",")
            yield Finding(f"beløbet {shown} har flere decimaler, end aktstykket viser",
                          spec.span(sted.owner, *sted.parts),
                          hint="angiv beløb i mio. kr. med én decimal (100.000 kr. = 0,1)")


@rules.rule("AKT309", "kontoen findes i kontoplanen", Severity.ERROR, "konti")
def exists_in_kontoplan(spec: Spec) -> Iterator[Finding]:
    """With --kontoplan: every hovedkonto and underkonto not marked `ny` is in the export."""
    plan = spec.kontoplan
    if plan is None:
        return
    for hovedkonto in _all(spec):
        if plan.find(hovedkonto.nr) is None:
            if not hovedkonto.ny:
                yield Finding(f"§ {hovedkonto.nr} findes ikke i kontoplanen",
                              spec.span(hovedkonto, "nr"), details=(f"kontoplan: {plan.file}",),
                              hint="ret kontonummeret, eller angiv 'ny: true' for en ny konto")
            continue
        for underkonto in hovedkonto.underkonti:
            nr = f"{hovedkonto.nr}.{underkonto.nr}"
            if plan.find(nr) is None and not underkonto.ny:
                yield Finding(f"underkonto § {nr} findes ikke i kontoplanen",
                              spec.span(underkonto, "nr"), details=(f"kontoplan: {plan.file}",),
                              hint="ret nummeret, eller angiv 'ny: true' for en ny underkonto")


@rules.rule("AKT310", "kontoens navn svarer til kontoplanen", Severity.WARNING, "konti")
def name_in_kontoplan(spec: Spec) -> Iterator[Finding]:
    """With --kontoplan: names agree with the export, allowing for its cut-off names."""
    plan = spec.kontoplan
    if plan is None:
        return
    from aktstykker_gen.kontoplan import names_agree  # only with --kontoplan: not at start-up

    for hovedkonto in _all(spec):
        entries = [(hovedkonto.nr, hovedkonto)] + [
            (f"{hovedkonto.nr}.{u.nr}", u) for u in hovedkonto.underkonti]
        for nr, konto in entries:
            found = plan.find(nr)
            if found and not names_agree(konto.navn, found.name):
                yield Finding(f"§ {nr} hedder '{found.name}' i kontoplanen, ikke '{konto.navn}'",
                              spec.span(konto, "navn"),
                              related=(Span(plan.file, found.line, 1),),
                              hint="brug kontoplanens navn, medmindre kontoen omdøbes")


@rules.rule("AKT311", "kontoplanen er for aktstykkets finansår", Severity.WARNING, "konti")
def kontoplan_year(spec: Spec) -> Iterator[Finding]:
    """With --kontoplan: an export whose file name names another year checks the wrong plan."""
    plan = spec.kontoplan
    if plan is not None and plan.year is not None and plan.year != spec.model.finansår:
        yield Finding(f"kontoplanen er for {plan.year}, aktstykket for finansåret "
                      f"{spec.model.finansår}", spec.span(spec.model, "finansår"),
                      details=(f"kontoplan: {plan.file}",),
                      hint=f"hent Finanslovsdatabasens eksport for {spec.model.finansår}")


@rules.rule("AKT312", "finansieringen trækker ikke mere, end finansloven har afsat", Severity.ERROR,
            "konti")
def draw_within_finanslov(spec: Spec) -> Iterator[Finding]:
    """With --kontoplan: an underkonto under `finansiering` (a reserve) gives up no more in a
    year than the finanslov holds there: column B of the export for the finansår, BO1–BO3 for
    the three years after (docs/kontoplan.md says why B and not the column after aktstykker,
    which already counts this aktstykke's own draw)."""
    plan = spec.kontoplan
    if plan is None:
        return
    from aktstykker_gen.kinds.aktstykke.finanslov import mio, sammenlign

    for s in sammenlign(spec.model, plan):
        if s.overtrukket and s.afsat is not None:
            t = s.træk
            yield Finding(
                f"finansieringen trækker {mio(t.beløb)} på § {t.nr} i {t.år}, men finansloven "
                f"har kun afsat {mio(s.afsat.amount)} der",
                spec.span(t.linje, "udgift", str(t.år)),
                details=(f"kontoplan: {plan.file}, kolonne {s.afsat.column} (finansloven "
                         f"for {spec.model.finansår})",),
                related=(Span(plan.file, s.afsat.line, 1),),
                hint="træk højst det afsatte, eller finansier resten fra en anden konto")


@rules.rule("AKT313", "et beløb fra finansloven svarer til eksporten", Severity.ERROR, "konti")
def finanslov_figure(spec: Spec) -> Iterator[Finding]:
    """With --kontoplan: a named amount marked `finanslov:` (the figure a sentence quotes from
    the finanslov) is the export's figure on that account in each of its years."""
    plan = spec.kontoplan
    if plan is None:
        return
    from aktstykker_gen.kinds.aktstykke.finanslov import mio

    model = spec.model
    for name, navngivet in model.beløb.items():
        where = navngivet.finanslov
        if where is None or navngivet.værdi is None:
            continue
        value = units.til_mio(navngivet.værdi, Enhed(navngivet.enhed))
        found = [(år, afsat) for år in where.år or [model.finansår]
                 if (afsat := plan.finanslov(where.konto, år, model.finansår)) is not None]
        wrong = [(år, afsat) for år, afsat in found if afsat.amount != value]
        if wrong:
            år, afsat = wrong[0]
            yield Finding(
                f"beløbet '{name}' er {mio(value)}, men finansloven har {mio(afsat.amount)} "
                f"på § {where.konto} i {år}", spec.span(navngivet, "værdi"),
                details=(f"kontoplan: {plan.file}: " + "; ".join(
                    f"{år} {mio(afsat.amount)} (kolonne {afsat.column})" for år, afsat in found),),
                related=(Span(plan.file, afsat.line, 1),),
                hint="skriv finanslovens tal, eller ret kontoen eller årene under "
                     "'finanslov:'")
