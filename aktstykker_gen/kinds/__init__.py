"""Document kinds. Each kind brings its model, its rules, its view and its templates.

The pipeline asks this table which kind a spec is (its `art:` field) and
otherwise knows nothing kind-specific; a second kind (committee agendas)
is one more entry here and a sibling folder (kinds/dagsorden).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from pydantic import BaseModel

    from aktstykker_gen.kontoplan import Kontoplan
    from aktstykker_gen.rules import RuleSet, Subject


@dataclass(frozen=True)
class Kopi:
    """What `aktstykke new --from` does to an earlier spec of the kind, by its top-level keys:
    the date becomes today's, marked UDFYLD with the kind's name for it; what belonged to the
    earlier document alone is cleared, with a word on when it is filled in; what is kept but
    must be confirmed is marked UDFYLD with what it is."""

    dato: str                                # the date's label: "aktstykkets dato (ÅÅÅÅ-MM-DD)"
    ryddes: tuple[tuple[str, str], ...] = ()       # key, the line that replaces it
    bekræftes: tuple[tuple[str, str], ...] = ()    # key, the label its kept value is marked with


@dataclass(frozen=True)
class Sted:
    """A line that opens a part of the kind's document, as a reader's text has it (a built
    file's too, which does not say its kind): `diff` heads a hunk with the part it is in.
    `navn` is the part's name, with the pattern's first group in the place of {}."""

    mønster: str       # a regular expression matched at the line's start
    navn: str          # "afsnit {}", "punkt {}", "afslutning"
    # The match is a running letter that `diff` and `redline` set aside when they align lines:
    # a section lettered anew when one before it goes is the same section.
    løbende: bool = False


class DocxParts(TypedDict):
    """A kind's own parts of its DOCX, as `write_docx` takes them."""

    styles: Path | None
    numbering: Path | None


@dataclass(frozen=True)
class Kind:
    """A kind's model, rules and view, each named "module:attribute" and imported when first
    asked for: a check of an aktstykke loads no agenda code, nor an agenda's check the
    aktstykke's (each kind's model is a good part of a cold check's time)."""

    name: str
    model_at: str
    rules_at: str
    view_at: str       # a class whose instance, made from the model, gives the template's context
    template: str      # relative to the templates folder
    stylesheet: str    # relative to the templates folder
    docx_styles: str | None = None   # the kind's own Word styles, added to templates/docx's
    # The kind's own numbering definitions (a w:numbering file), each replacing templates/docx's
    # of the same id: its list bullet, say.
    docx_numbering: str | None = None
    kopi: Kopi = Kopi(dato="dokumentets dato (ÅÅÅÅ-MM-DD)")   # what `new --from` changes
    # What `check --verbose` says of a checked spec beside its diagnostics: lines of text.
    redegørelse_at: str | None = None
    # Whether the view takes the export given with --kontoplan: prose that quotes the
    # finanslov by reference ({finanslov:16.11.79.79:2025}) prints the export's figure.
    view_reads_kontoplan: bool = False
    # The lines that open the parts of the kind's document, for `diff`'s hunk headers.
    steder: tuple[Sted, ...] = ()

    @property
    def model(self) -> type[BaseModel]:
        return _imported(self.model_at)

    @property
    def rules(self) -> RuleSet:
        return _imported(self.rules_at)

    def context(self, model: Any, kontoplan: Kontoplan | None = None) -> dict[str, Any]:
        view = _imported(self.view_at)
        return (view(model, kontoplan) if self.view_reads_kontoplan else view(model)).context()

    def redegørelse(self, subject: Subject[Any]) -> list[str]:
        """The kind's account of what it compared, for `check --verbose` (none: nothing)."""
        return _imported(self.redegørelse_at)(subject) if self.redegørelse_at else []

    def docx_parts(self, templates: Path) -> DocxParts:
        """The kind's own Word styles and numbering, as `write_docx` takes them."""
        return {"styles": templates / self.docx_styles if self.docx_styles else None,
                "numbering": templates / self.docx_numbering if self.docx_numbering else None}


def _imported(where: str) -> Any:
    module, _, attribute = where.partition(":")
    return getattr(importlib.import_module(module), attribute)


KINDS = {
    "aktstykke": Kind(
        name="aktstykke",
        model_at="aktstykker_gen.kinds.aktstykke.model:Aktstykke",
        rules_at="aktstykker_gen.kinds.aktstykke.rules:rules",
        view_at="aktstykker_gen.kinds.aktstykke.view:AktstykkeView",
        template="aktstykke/aktstykke.xml.j2",
        stylesheet="aktstykke/aktstykke.css",
        redegørelse_at="aktstykker_gen.kinds.aktstykke.finanslov:redegørelse",
        view_reads_kontoplan=True,
        steder=(Sted(r"([a-f])\. ", "afsnit {}", løbende=True),
                # The closing's first line: "København, den 1. oktober 2025" (the head's line
                # ends in a full stop and names the ministry first).
                Sted(r"[A-ZÆØÅ][\w\- ]*, den \d{1,2}\. [a-zæøå]+ \d{4}$", "afslutning"),
                Sted(r"Bilag (\d+)\. ", "bilag {}")),
        kopi=Kopi(
            dato="aktstykkets dato (ÅÅÅÅ-MM-DD)",
            # Filled in when Folketinget has numbered the aktstykke and Finansudvalget decided:
            # a draft builds without them.
            ryddes=(("nummer", "nummer:             # når Folketinget har givet aktstykket et "
                               "nummer"),
                    ("folketingsår", "folketingsår:       # sammen med nummeret, fx 2025-26"),
                    ("afgørelse", "afgørelse:          # når Finansudvalget har afgjort sagen")),
            # Kept, so that the amounts' years still fit, but to be confirmed.
            bekræftes=(("finansår", "finansåret (det tidligere aktstykkes; ret også beløbenes "
                                    "år)"),)),
    ),
    "dagsorden": Kind(
        name="dagsorden",
        model_at="aktstykker_gen.kinds.dagsorden.model:Dagsorden",
        rules_at="aktstykker_gen.kinds.dagsorden.rules:rules",
        view_at="aktstykker_gen.kinds.dagsorden.view:DagsordenView",
        template="dagsorden/dagsorden.xml.j2",
        stylesheet="dagsorden/dagsorden.css",
        docx_styles="dagsorden/styles.xml",
        docx_numbering="dagsorden/numbering.xml",
        # An item's heading: "6 (Fortrolig)", "3 (Offentlig) Fortrolige priser …" (view.status).
        steder=(Sted(r"([0-9]+) \((?:Offentlig|Fortrolig)\)", "punkt {}"),),
        kopi=Kopi(
            dato="mødets dato (ÅÅÅÅ-MM-DD)",
            # The earlier meeting's: its minutes, who came, and the meeting after it.
            ryddes=(("referat", "referat: false      # true, når mødet er holdt og referatet "
                                "skrives"),
                    ("deltagere", "deltagere: []      # de mødte, til referatet"),
                    ("afbud", "afbud: []          # afbud, til referatet"),
                    ("næste_møde", "næste_møde:         # datoen for udvalgets næste møde, når "
                                   "den kendes")),
            # Kept, as a committee mostly meets at the same hour and place, but to be confirmed.
            bekræftes=(("tidspunkt", "mødets tidspunkt (det tidligere mødes)"),
                       ("sted", "mødestedet (det tidligere mødes)"))),
    ),
}
DEFAULT_KIND = "aktstykke"
