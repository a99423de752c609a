"""One aktstykke's canonical text into one spec draft, with what was recognised and what needs
a human; the draft is rendered again and held against the text (proeve.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aktstykker_gen.diagnostics import SpecError
from aktstykker_gen.kinds.aktstykke.indlaesning import dele, egne_tabeller, proeve
from aktstykker_gen.kinds.aktstykke.indlaesning.filhoved import filhoved
from aktstykker_gen.kinds.aktstykke.indlaesning.henvisning import Henvisninger
from aktstykker_gen.kinds.aktstykke.indlaesning.layout import read_layout
from aktstykker_gen.kinds.aktstykke.indlaesning.udgivet import is_published, reflow
from aktstykker_gen.kinds.aktstykke.indlaesning.udkast import Assembler
from aktstykker_gen.kinds.aktstykke.indlaesning.yaml_ud import Noted, dump
from aktstykker_gen.udfyld import UDFYLD

_NAMED = re.compile(r"^(?P<tal>-?\d{1,3}(?:\.\d{3})*,\d+) (?P<enhed>mi[oa])\. kr\.$")
_PLACEHOLDER = {"a": ["-"]}   # the sections while the references are found, so the data types


@dataclass(frozen=True)
class Imported:
    yaml: str
    recognised: list[str]
    marks: list[str]        # each place marked UDFYLD, with why
    identical: bool         # the draft builds the very text it was read from
    differing: list[str]    # the first lines that differ when it does not
    slips: list[str] = field(default_factory=list)   # a published text's slips, read as meant

    @property
    def udfyld(self) -> int:
        return sum(1 for line in self.yaml.split("\n") for _ in UDFYLD.finditer(line))


def import_text(text: str, name: str, titel: str | None = None) -> Imported:
    """The draft of `text` (the canonical text of an aktstykke, or the text Folketinget
    published, either under a file header that is left out); `layout.NotAnAktstykke` when it
    is not one. `titel` from the document's properties, when the file has them."""
    text = text.replace("\r\n", "\n")
    above = filhoved(text)
    text = "\n".join(text.split("\n")[above.lines:])
    published = reflow(text, above.lines + 1) if is_published(text) else None
    if published is not None:
        text = published.text
    assembler = Assembler(read_layout(text), titel)
    if published is not None:
        stamp = " / ".join(published.furniture)
        assembler.draft.recognised.insert(0, "udgivet tekst: linjerne samlet til afsnit, lister "
                                             "og tabeller" + (f"; sidestempel udeladt: {stamp}"
                                                              if stamp else ""))
    if above.keys:
        assembler.draft.recognised.insert(0, "filhoved over dokumentet udeladt (ikke "
                                             f"aktstykkets tekst): {', '.join(above.keys)}")
    assembler.recipients()
    assembler.citations()
    assembler.låneramme()
    data = assembler.draft.data
    named: dict[str, Any] = {}
    tables = list(assembler.own_tables.values())   # their cells are references too
    placeholder = {"a": [*_PLACEHOLDER["a"], *({"tabel": t} for t in tables)]}
    refs = Henvisninger(proeve.resolver(_yaml({**data, "tekst": placeholder}), name),
                        candidates(data) + egne_tabeller.cells(tables),
                        lambda shown: _name(shown, named),
                        {m["navn"]: m["id"] for m in data.get("modtagere", [])})
    assembler.sections(refs)
    tied = dele.to_accounts(named, refs)
    if tied:
        assembler.draft.recognised.append(f"{tied} beløb, der tilsammen er en kontos beløb")
    summed = dele.to_each_other(named)
    if summed:
        assembler.draft.recognised.append(f"{summed} beløb, der er summen af andre beløb i "
                                          "teksten")
    if named:
        data["beløb"] = named
        facts = sum(1 for v in named.values() if "værdi" in v)
        assembler.draft.recognised.append(f"{facts} beløb, der ikke findes i kontiene, som "
                                          "navngivne beløb")
        assembler.draft.marks.extend(f"kilden til {k}" for k, v in named.items()
                                     if UDFYLD.search(str(v.get("kilde", ""))))
    unplaced = assembler.close()
    slips = published.slips if published is not None else []
    header = ["Udkast importeret af 'aktstykke import'; kontrollér det med 'aktstykke check'."]
    header += [f"Læst som ment (den udgivne tekst skrev det anderledes): {slip}" for slip in slips]
    header += [f"UDFYLD: ikke placeret, står her som læst: {line}" for line in
               (u.replace("\n", " ") for u in unplaced)]
    yaml_text = _yaml(_ordered(data), header)
    identical, differing = _prove(yaml_text, name, text)
    return Imported(yaml_text, assembler.draft.recognised, assembler.draft.marks, identical,
                    differing, slips)


def _yaml(data: dict[str, Any], header: list[str] | None = None) -> str:
    return dump(data, header or [])


def candidates(data: dict[str, Any]) -> list[str]:
    """Every reference the draft's data may print, the most specific meaning first."""
    year = data["finansår"].value if isinstance(data["finansår"], Noted) else data["finansår"]
    udgifter = [h["nr"] for h in data.get("udgifter", [])]
    finansiering = [h["nr"] for h in data.get("finansiering", [])]
    years = sorted({y for h in data.get("udgifter", []) + data.get("finansiering", [])
                    for u in h["underkonti"] for s in u["standardkonti"]
                    for side in ("udgift", "indtægt") for y in s.get(side, {})} | {year})
    found = ["{udgift}", *(["{låneramme}"] if "låneramme" in data else []),
             *(f"{{konto:{nr}}}" for nr in udgifter),
             *(f"{{modtager:{m['id']}}}" for m in data.get("modtagere", [])),
             "{finansiering}", *(f"{{konto:{nr}}}" for nr in finansiering)]
    found += [f"{{udgift:{y}}}" for y in years if y != year]
    found += [f"{{udgift:{a}-{b}}}" for a in years for b in years if a < b]
    found += [f"{{konto:{nr}:{y}}}" for nr in udgifter + finansiering for y in years if y != year]
    # An underkonto's or one standardkonto line's amount ("4,2 mio. kr. til husleje"), after
    # the hovedkonto's, which wins where they print the same.
    for h in data.get("udgifter", []) + data.get("finansiering", []):
        for u in h["underkonti"]:
            found.append(f"{{konto:{h['nr']}.{u['nr']:02d}}}")
            found += [f"{{konto:{h['nr']}.{u['nr']:02d}.{s['nr']:02d}}}"
                      for s in u["standardkonti"]]
    return found


def _name(shown: str, named: dict[str, Any]) -> str | None:
    """An amount no data prints, as a named amount whose source a human must give."""
    m = _NAMED.match(shown)
    if m is None:
        return None
    value = Decimal(m["tal"].replace(".", "").replace(",", "."))
    key = f"beloeb-{len(named) + 1}"
    entry: dict[str, Any] = {"værdi": value}
    if m["enhed"] == "mia":
        entry["enhed"] = "mia. kr."
    entry["kilde"] = "UDFYLD: hvor beløbet stammer fra (læst i teksten, ikke fundet i kontiene)"
    named[key] = entry
    return f"{{beløb:{key}}}"


_ORDER = ("art", "status", "titel", "ministerium", "sted", "dato", "nummer", "bogstav",
          "folketingsår", "dokumentkode", "fortrolighed", "finansår", "nettoændring",
          "orienterende", "bevillingstype_i_a", "udgifter", "finansiering", "modtagere",
          "dispositioner", "finansieringsformer", "hjemler", "beløb", "låneramme",
          "uden_tillægsbevilling", "aktstykker", "tekstanmærkninger", "tekst", "bilag",
          "underskrivere", "adressat", "afgørelse")


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order the hand-written specs use (docs/spec-format.md)."""
    return {key: data[key] for key in sorted(data, key=lambda k: (
        _ORDER.index(k) if k in _ORDER else len(_ORDER), k))}


def _prove(yaml_text: str, name: str, text: str) -> tuple[bool, list[str]]:
    try:
        again = proeve.rendered(yaml_text, name)
    except SpecError as error:
        return False, [f"udkastet kan ikke bygges: {d.message}" for d in error.diagnostics][:5]
    if again == text or again.rstrip("\n") == text.rstrip("\n"):
        return True, []
    old, new = text.rstrip("\n").split("\n"), again.rstrip("\n").split("\n")
    differing = [f"linje {i + 1}: {a!r} ≠ {b!r}" for i, (a, b) in enumerate(zip(old, new,
                 strict=False)) if a != b][:5]
    if not differing:
        differing = [f"{len(old)} linjer læst, {len(new)} bygget"]
    return False, differing
