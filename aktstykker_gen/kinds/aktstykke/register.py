"""The folketingsår's register: what every aktstykke under a folder says about the others.

Each spec gives its facts once (`fakta`: number, date, citations, what it replaces, what it
draws on reserves, its tillægsbevilling per hovedkonto), kept as plain data so that
`registercache.py` can keep them between runs; `Register` sets the facts of all specs beside
each other: numbers used twice or skipped, citations that do or do not name a spec of that
number and date, replacements, reserves drawn by several aktstykker beyond the finanslov, and
per hovedkonto the sum of every e table of the finansår (the aktstykke part of the
TB-oversigt). A replaced aktstykke is set aside ("der ses bort fra") in the sums.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.finanslov import mio, træk
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, CiteretAktstykke
from aktstykker_gen.kinds.aktstykke.uden_midler import on_tillægsbevilling

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan

ZERO = Decimal(0)


def fakta(model: Aktstykke) -> dict[str, Any]:
    """One aktstykke's facts for the register, as JSON data (amounts as text)."""
    år = model.finansår
    tb: dict[str, dict[str, str]] = {}
    if on_tillægsbevilling(model):
        for h in model.udgifter + model.finansiering:
            row = tb.setdefault(h.nr, {"navn": h.navn, "udgift": "0", "indtægt": "0"})
            for u in h.underkonti:
                for line in u.standardkonti:
                    for side in ("udgift", "indtægt"):
                        if år in getattr(line, side):
                            row[side] = str(Decimal(row[side]) + getattr(line, side)[år])
    erstatter = next((c for c in model.aktstykker if c.nøgle == model.erstatter), None)
    return {
        "titel": model.titel, "nummer": model.nummer, "bogstav": model.bogstav,
        "folketingsår": model.folketingsår, "dato": model.dato.isoformat(), "finansår": år,
        "citater": [_citat(c) for c in model.aktstykker],
        "erstatter": _citat(erstatter) if erstatter else None,
        "træk": [{"konto": t.nr, "navn": t.navn, "år": t.år, "beløb": str(t.beløb)}
                 for t in træk(model) if not t.ny],
        "tb": tb,
    }


def _citat(c: CiteretAktstykke) -> dict[str, Any]:
    return {"nr": c.nr, "bogstav": c.bogstav, "dato": c.dato.isoformat(),
            "folketingsår": c.folketingsår, "ekstern": c.ekstern}


@dataclass(frozen=True)
class Fund:
    """One finding of the register: its kind (the JSON's key), whether it is an error, and
    what it says."""

    art: str
    fejl: bool
    tekst: str
    specs: tuple[str, ...] = ()


@dataclass
class Register:
    """The facts of every aktstykke under the folder, by its path relative to the folder."""

    specs: dict[str, dict[str, Any]]
    ulæselige: dict[str, str] = field(default_factory=dict)   # path: why it could not be read

    def _name(self, path: str) -> str:
        f = self.specs[path]
        return f"akt. {_betegnelse(f)} ({path})"

    def _active(self) -> dict[str, dict[str, Any]]:
        """The specs no other spec replaces: a replaced one is set aside in the sums."""
        replaced = {p for p, _ in self.erstatninger() if p is not None}
        return {p: f for p, f in self.specs.items() if p not in replaced}

    def find(self, citat: dict[str, Any]) -> list[str]:
        """The specs with the cited number (or letter) and date."""
        return [p for p, f in sorted(self.specs.items()) if _same(f, citat)
                and f["dato"] == citat["dato"]]

    def dubletter(self) -> list[tuple[str, list[str]]]:
        by_number: dict[str, list[str]] = defaultdict(list)
        for path, f in sorted(self.specs.items()):
            if _betegnelse(f) != "uden nummer":
                by_number[f"{_betegnelse(f)} ({f['folketingsår'] or 'uden folketingsår'})"] \
                    .append(path)
        return [(key, paths) for key, paths in sorted(by_number.items()) if len(paths) > 1]

    def huller(self) -> list[tuple[str, list[int]]]:
        """Per folketingsår, the numbers between the lowest and highest used that no spec has."""
        used: dict[str, set[int]] = defaultdict(set)
        for f in self.specs.values():
            if f["nummer"] is not None and f["folketingsår"]:
                used[f["folketingsår"]].add(f["nummer"])
        return [(år, missing) for år, numbers in sorted(used.items())
                if (missing := sorted(set(range(min(numbers), max(numbers) + 1)) - numbers))]

    def citater(self) -> list[tuple[str, dict[str, Any], list[str]]]:
        """Each citation (not marked ekstern) with the specs it names: none, one or more."""
        return [(path, c, self.find(c)) for path, f in sorted(self.specs.items())
                for c in f["citater"] if not c["ekstern"]]

    def erstatninger(self) -> list[tuple[str | None, str]]:
        """(the replaced spec or None when it is not in the folder, the replacing spec)."""
        found: list[tuple[str | None, str]] = []
        for path, f in sorted(self.specs.items()):
            if f["erstatter"]:
                named = self.find(f["erstatter"])
                found.append((named[0] if named else None, path))
        return found

    def reserver(self, plan: Kontoplan) -> list[dict[str, Any]]:
        """Per underkonto and year that aktstykker draw on: their sum beside the finanslov's
        figure (column B of the export for its year, BO1-BO3 after)."""
        drawn: dict[tuple[str, int, int], list[tuple[str, Decimal]]] = defaultdict(list)
        names: dict[str, str] = {}
        for path, f in sorted(self._active().items()):
            for t in f["træk"]:
                drawn[(t["konto"], t["år"], f["finansår"])].append((path, Decimal(t["beløb"])))
                names[t["konto"]] = t["navn"]
        rows = []
        for (konto, år, finansår), parts in sorted(drawn.items()):
            afsat = plan.finanslov(konto, år, finansår)
            total = sum((b for _, b in parts), ZERO)
            rows.append({"konto": konto, "navn": names[konto], "år": år, "trukket": total,
                         "afsat": afsat.amount if afsat else None,
                         "kolonne": afsat.column if afsat else None, "specs": parts,
                         "overtrukket": afsat is not None and total > afsat.amount})
        return rows

    def tb(self) -> dict[int, list[dict[str, Any]]]:
        """Per finansår, per hovedkonto: the sum of every active aktstykke's e table."""
        sums: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
        for path, f in sorted(self._active().items()):
            for nr, row in f["tb"].items():
                entry = sums[f["finansår"]].setdefault(
                    nr, {"nr": nr, "navn": row["navn"], "udgift": ZERO, "indtægt": ZERO,
                         "aktstykker": []})
                entry["udgift"] += Decimal(row["udgift"])
                entry["indtægt"] += Decimal(row["indtægt"])
                label = _betegnelse(f)
                entry["aktstykker"].append(
                    label if label != "uden nummer" else f"uden nr. ({Path(path).stem})")
        return {år: [rows[nr] for nr in sorted(rows)] for år, rows in sorted(sums.items())}

    def fund(self, plan: Kontoplan | None) -> list[Fund]:
        found = [Fund("ulæselig", True, f"{path}: {why}", (path,))
                 for path, why in sorted(self.ulæselige.items())]
        found += [Fund("dublet", True, f"akt. {key} bruges af {len(paths)} aktstykker: "
                       + ", ".join(paths), tuple(paths)) for key, paths in self.dubletter()]
        found += [Fund("hul", False, f"folketingsår {år}: nr. {_ranges(missing)} mangler", ())
                  for år, missing in self.huller()]
        for path, c, named in self.citater():
            cited = f"akt. {_betegnelse(c)} af {_date(c['dato'])}"
            if not named:
                found.append(Fund("citat", True, f"{path} citerer {cited}, som ingen spec i "
                                  "registret er", (path,)))
            elif len(named) > 1:
                found.append(Fund("citat", True, f"{path} citerer {cited}, som flere specs er: "
                                  + ", ".join(named), (path, *named)))
        for old, new in self.erstatninger():
            cited = self.specs[new]["erstatter"]
            what = old or f"akt. {_betegnelse(cited)} af {_date(cited['dato'])}, ikke i registret"
            found.append(Fund("erstatning", old is None, f"{new} erstatter {what}",
                              (new,) if old is None else (new, old)))
        if plan is not None:
            for row in self.reserver(plan):
                if row["overtrukket"] and len(row["specs"]) > 1:
                    found.append(Fund(
                        "reserve", True,
                        f"§ {row['konto']} {row['navn']} i {row['år']}: {len(row['specs'])} "
                        f"aktstykker trækker {mio(row['trukket'])}, finansloven har afsat "
                        f"{mio(row['afsat'])} (kolonne {row['kolonne']}): "
                        + ", ".join(f"{p} {mio(b)}" for p, b in row["specs"]),
                        tuple(p for p, _ in row["specs"])))
        return found


def _betegnelse(f: dict[str, Any]) -> str:
    if f.get("nummer") is not None:
        return str(f["nummer"])
    if f.get("nr") is not None:
        return str(f["nr"])
    return f.get("bogstav") or "uden nummer"


def _same(f: dict[str, Any], citat: dict[str, Any]) -> bool:
    if citat["nr"] is not None:
        return bool(f["nummer"] == citat["nr"])
    return citat["bogstav"] is not None and f["bogstav"] == citat["bogstav"]


def _ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → "3-5, 9"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _date(iso: str) -> str:
    return formatting.long_date(datetime.date.fromisoformat(iso))


def relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def læs(path: Path) -> dict[str, Any]:
    """One spec's entry: its kind, and an aktstykke's facts or why it could not be typed."""
    from aktstykker_gen.diagnostics import SpecError
    from aktstykker_gen.load import load_spec
    from aktstykker_gen.validation import validate

    try:
        loaded = load_spec(path)
        art = loaded.data.get("art", "aktstykke") if isinstance(loaded.data, dict) else None
        if art != "aktstykke":
            return {"art": str(art)}
        return {"art": "aktstykke", "fakta": fakta(validate(loaded, Aktstykke).model)}
    except SpecError as error:
        first = error.diagnostics[0]
        where = f"linje {first.span.line}: " if first.span else ""
        return {"art": "aktstykke", "fejl": f"{where}{first.message} [{first.code}]"}
