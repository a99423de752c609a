"""The register as a reviewer sees it: a terminal report, JSON, and the context of the small
document (templates/register/register.xml.j2) that the same writers turn into DOCX, PDF and
text. Every figure is the register's; this module only words and arranges them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aktstykker_gen import formatting
from aktstykker_gen.kinds import Kind
from aktstykker_gen.kinds.aktstykke.finanslov import mio
from aktstykker_gen.kinds.aktstykke.register import Register, læs, relative
from aktstykker_gen.registercache import Cache

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan

# The register's document, written by the writers as a kind's is (no model or rules of its
# own: write_format needs its template, stylesheet and Word parts).
DOKUMENT = Kind(name="register", model_at="", rules_at="", view_at="",
                template="register/register.xml.j2", stylesheet="register/register.css")


def byg(folder: Path, specs: list[Path], cache: Cache) -> Register:
    """The register of the specs under `folder`; only aktstykker count."""
    register = Register({})
    for path in specs:
        key = relative(path, folder)
        entry = cache.facts(path, key, læs)
        if entry.get("art") != "aktstykke":
            continue
        if "fejl" in entry:
            register.ulæselige[key] = entry["fejl"]
        else:
            register.specs[key] = entry["fakta"]
    return register


def _n(value: Decimal) -> str:
    return formatting.number(value)


def _reserve_line(row: dict[str, Any]) -> str:
    afsat = "intet tal i eksporten" if row["afsat"] is None else \
        f"finansloven har afsat {mio(row['afsat'])} (kolonne {row['kolonne']})"
    verdict = "OVERTRUKKET" if row["overtrukket"] else "ok"
    return (f"§ {row['konto']} {row['navn']}, {row['år']}: {len(row['specs'])} aktstykke(r) "
            f"trækker {mio(row['trukket'])}; {afsat}: {verdict}")


def _tb(register: Register) -> list[dict[str, Any]]:
    tables = []
    for år, rows in register.tb().items():
        udgift = sum((r["udgift"] for r in rows), Decimal(0))
        indtægt = sum((r["indtægt"] for r in rows), Decimal(0))
        tables.append({
            "finansår": år,
            "rækker": [{"nr": r["nr"], "navn": r["navn"],
                        "aktstykker": str(len(r["aktstykker"])),
                        "udgift": _n(r["udgift"]), "indtægt": _n(r["indtægt"]),
                        "netto": _n(r["udgift"] - r["indtægt"])} for r in rows],
            "i_alt": {"udgift": _n(udgift), "indtægt": _n(indtægt),
                      "netto": _n(udgift - indtægt)},
        })
    return tables


def context(register: Register, plan: Kontoplan | None, folder: str) -> dict[str, Any]:
    """The document's values; its date is the latest aktstykke's, so the same specs give the
    same bytes."""
    dates = [f["dato"] for f in register.specs.values()]
    return {
        "titel": "Register over aktstykker",
        "omfang": f"{len(register.specs)} aktstykker under {folder}"
                  + (f", sammenholdt med {Path(plan.file).name}" if plan else ""),
        "dato_iso": max(dates) if dates else datetime.date(2000, 1, 1).isoformat(),
        "fund": register.fund(plan),
        "reserver": [_reserve_line(r) for r in register.reserver(plan)] if plan else [],
        "tb": _tb(register),
    }


def tekst(register: Register, plan: Kontoplan | None, folder: str) -> str:
    """The terminal report: findings, reserves, then the TB table of each finansår."""
    c = context(register, plan, folder)
    out = [f"{c['titel']}: {c['omfang']}", "", "Fund:"]
    out += [f"  {'fejl' if f.fejl else 'bemærk'}[{f.art}]: {f.tekst}" for f in c["fund"]] \
        or ["  ingen"]
    if c["reserver"]:
        out += ["", "Reserver og finansloven:"] + [f"  {line}" for line in c["reserver"]]
    for t in c["tb"]:
        header = ("Hovedkonto", "Aktstykker", "Udgift", "Indtægt", "Netto")
        rows = [(f"§ {r['nr']}. {r['navn']}"[:60], r["aktstykker"], r["udgift"],
                 r["indtægt"], r["netto"]) for r in t["rækker"]]
        rows.append(("I alt", "", t["i_alt"]["udgift"], t["i_alt"]["indtægt"],
                     t["i_alt"]["netto"]))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
        out += ["", f"Tillægsbevillingen for {t['finansår']}, aktstykkernes del (mio. kr.):"]
        for row in [header, *rows]:
            out.append("  " + "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)).rstrip())
    return "\n".join(out) + "\n"


def data(register: Register, plan: Kontoplan | None) -> dict[str, Any]:
    """`--format json`: the same findings and sums as data (amounts as text, exact)."""
    return {
        "aktstykker": sorted(register.specs),
        "fund": [{"art": f.art, "fejl": f.fejl, "tekst": f.tekst, "specs": list(f.specs)}
                 for f in register.fund(plan)],
        "reserver": [{**r, "trukket": str(r["trukket"]),
                      "afsat": None if r["afsat"] is None else str(r["afsat"]),
                      "specs": [[p, str(b)] for p, b in r["specs"]]}
                     for r in register.reserver(plan)] if plan else [],
        "tb": {str(år): [{"nr": r["nr"], "navn": r["navn"], "udgift": str(r["udgift"]),
                          "indtægt": str(r["indtægt"]), "aktstykker": r["aktstykker"]}
                         for r in rows] for år, rows in register.tb().items()},
    }
