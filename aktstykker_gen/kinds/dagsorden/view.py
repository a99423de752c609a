"""What an agenda or its minutes shows, derived from the model: the head, each item's parts in
their order, the defaults of an empty part, and the letters of the sub-items.

The model reaching this view is already the edition's: in the public one a closed item is a
`LukketPunkt` and a bilag that may not be published is gone (udgaver.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aktstykker_gen import formatting
from aktstykker_gen.kinds.dagsorden import links
from aktstykker_gen.kinds.dagsorden.model import (
    INGEN,
    TOMT,
    Blok,
    Dagsorden,
    LukketPunkt,
    Punkt,
    Punktbilag,
    Punkttabel,
    Punkttabelblok,
    Underpunkt,
)
from aktstykker_gen.modeldele import Overskrift, Punkter
from aktstykker_gen.references import Reference, substitute

LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"


def status(punkt: Punkt | LukketPunkt) -> str:
    """"3 (Offentlig)": the number and the status, as the item's heading opens."""
    return f"{punkt.nr} ({punkt.status.value.capitalize()})"


class DagsordenView:
    """The values the agenda's template arranges."""

    def __init__(self, model: Dagsorden) -> None:
        self.model = model
        # The names of the item's links to files not yet met in its text (name: address):
        # the first text with one links it (links.name).
        self.unnamed: dict[str, str] = {}

    def context(self) -> dict[str, Any]:
        model = self.model
        return {
            "m": model,
            "dokument": "Referat" if model.referat else "Dagsorden",
            "dato": formatting.long_date(model.dato),
            "dato_iso": model.dato.isoformat(),
            "næste_møde": formatting.long_date(model.næste_møde) if model.næste_møde else None,
            "indhold": [self._heading(p) for p in model.punkter],   # the contents' lines
            "punkter": [self._item(p) for p in model.punkter],
        }

    def _heading(self, punkt: Punkt | LukketPunkt) -> str:
        if isinstance(punkt, Punkt):
            return f"{status(punkt)} {punkt.titel}"
        # The public minutes name a closed item by its public title; the agenda by its number.
        if self.model.referat and punkt.offentlig_titel:
            return f"{status(punkt)} {punkt.offentlig_titel}"
        return status(punkt)

    def _item(self, punkt: Punkt | LukketPunkt) -> dict[str, Any]:
        if isinstance(punkt, LukketPunkt):
            decision = punkt.offentlig_beslutning if self.model.referat else []
            # With nothing to show but its heading, it opens no page of its own.
            return {"overskrift": self._heading(punkt), "linjer": [], "dele": [
                ("Beslutning", [{"art": "tekst", "tekst": t} for t in decision])] if decision
                else [], "links": [], "alene": not decision}
        addresses = [links.target(url) for url in punkt.links]
        self.unnamed = {shown: address for address in addresses
                        if (shown := links.name(address))}
        parts: list[tuple[str, list[dict[str, Any]]]] = [
            ("Resumé", self._blocks(punkt, punkt.resumé, TOMT)),
            ("Indstilling", [{"art": "tekst", "tekst": "Det indstilles,"}]
             + [{"art": "tekst", "tekst": self._prose(punkt, t)} for t in punkt.indstilling]),
        ]
        if self.model.referat:
            parts.append(("Beslutning", self._blocks(punkt, punkt.beslutning, TOMT)))
        parts += [
            ("Sagsfremstilling", self._blocks(punkt, punkt.sagsfremstilling, TOMT)),
            ("Økonomi", self._blocks(punkt, punkt.økonomi, INGEN)),
            ("Sekretariatets bemærkninger",
             self._blocks(punkt, punkt.sekretariatets_bemærkninger, INGEN)),
            ("Kommunikation", self._blocks(punkt, punkt.kommunikation, INGEN)),
            ("Bilag", [{"art": "tekst", "tekst": self._bilag(b)} for b in punkt.bilag]),
        ]
        return {"overskrift": self._heading(punkt),
                "linjer": [line for line in (punkt.ansvarlig, punkt.sagsnr) if line],
                "dele": parts, "alene": False,
                # Each link closes the item; one its text names is noted where the name stands.
                "links": [(address, address not in self.unnamed.values())
                          for address in addresses]}

    @staticmethod
    def _bilag(bilag: Punktbilag) -> str:
        source = " - ".join(part for part in (bilag.dokument, bilag.sagsnr) if part)
        return f"{bilag.nr}. {bilag.titel}" + (f" ({source})" if source else "")

    def _blocks(self, punkt: Punkt, blocks: list[Blok], empty: str) -> list[dict[str, Any]]:
        if not blocks:
            return [{"art": "tekst", "tekst": empty}]
        shown: list[dict[str, Any]] = []
        letters = iter(LETTERS)
        for block in blocks:
            if isinstance(block, Underpunkt):
                shown.append({"art": "underpunkt",
                              "tekst": self._prose(punkt, block.underpunkt,
                                                   f"{next(letters, '?')}) ")})
                shown += [self._block(punkt, b) for b in block.indhold]
            else:
                shown.append(self._block(punkt, block))
        return shown

    def _block(self, punkt: Punkt, block: str | Punkter | Overskrift | Punkttabelblok
               ) -> dict[str, Any]:
        if isinstance(block, Punkttabelblok):
            return self._table(punkt, block.tabel)
        if isinstance(block, Punkter):
            return {"art": "punkter", "punkter": [self._prose(punkt, p) for p in block.punkter]}
        if isinstance(block, Overskrift):
            return {"art": "overskrift", "tekst": self._prose(punkt, block.overskrift)}
        return {"art": "tekst", "tekst": self._prose(punkt, block)}

    def _table(self, punkt: Punkt, tabel: Punkttabel) -> dict[str, Any]:
        """Every row as wide as the widest (a ragged row is AKT710's, and padded here); the
        first column the rows' labels, any later column with a number a column of numbers."""
        width = max(len(tabel.hoved), *(len(row) for row in tabel.rækker))
        rows = [[*row, *[None] * (width - len(row))] for row in tabel.rækker]
        kinds = ["label"] + ["amount" if any(isinstance(row[i], Decimal) for row in rows)
                             else "label" for i in range(1, width)]
        # A column of numbers shows each with as many decimals as the most typed in it.
        decimals = [max((_decimals(cell) for row in rows if isinstance(cell := row[i], Decimal)),
                        default=0) for i in range(width)]

        def shown(cell: Decimal | str | None, column: int) -> str | links.Stykker:
            if isinstance(cell, Decimal):
                return formatting.number(cell, decimals[column]) if kinds[column] == "amount" \
                    else str(cell).replace(".", ",")
            return self._prose(punkt, cell) if cell else ""

        return {"art": "tabel", "kolonner": kinds, "titel": tabel.titel, "enhed": tabel.enhed,
                "hoved": [cell or "" for cell in [*tabel.hoved,
                                                  *[None] * (width - len(tabel.hoved))]],
                "rækker": [[shown(cell, i) for i, cell in enumerate(row)] for row in rows],
                "noter": list(tabel.noter)}

    def _prose(self, punkt: Punkt, text: str, prefix: str = "") -> str | links.Stykker:
        """{bilag:1} names the item's bilag 1 (whether it exists is a rule's: AKT703). The
        number is printed even where the public edition leaves that bilag out. A text with a
        bare web address or a link's name in it is its pieces, each a link (the template's
        `inline`)."""
        def resolve(reference: Reference) -> str:
            key = reference.key or ""
            if reference.namespace == "bilag" and key.isdigit() and not reference.rest \
                    and not reference.enhed:
                return f"bilag {key}"
            return str(reference)

        shown = prefix + substitute(text, resolve)
        named = {name: address for name, address in self.unnamed.items() if name in shown}
        for name in named:
            del self.unnamed[name]
        return links.pieces(shown, named) if named or links.addresses(shown) else shown


def _decimals(value: Decimal) -> int:
    return max(0, -int(value.as_tuple().exponent))
