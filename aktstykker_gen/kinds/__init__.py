"""Document kinds. Each kind brings its model, its rules, its view and its templates.

The pipeline asks this table which kind a spec is (its `art:` field) and
otherwise knows nothing kind-specific; a second kind (committee agendas)
is one more entry here and a sibling folder (kinds/dagsorden).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from aktstykker_gen.kinds.aktstykke import model as aktstykke_model
from aktstykker_gen.kinds.aktstykke import rules as aktstykke_rules
from aktstykker_gen.kinds.aktstykke import view as aktstykke_view
from aktstykker_gen.kinds.dagsorden import model as dagsorden_model
from aktstykker_gen.kinds.dagsorden import rules as dagsorden_rules
from aktstykker_gen.kinds.dagsorden import view as dagsorden_view
from aktstykker_gen.rules import RuleSet


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[BaseModel]
    rules: RuleSet
    context: Callable[[Any], dict[str, Any]]
    template: str      # relative to the templates folder
    stylesheet: str    # relative to the templates folder
    docx_styles: str | None = None   # the kind's own Word styles, added to templates/docx's


KINDS = {
    "aktstykke": Kind(
        name="aktstykke",
        model=aktstykke_model.Aktstykke,
        rules=aktstykke_rules.rules,
        context=lambda model: aktstykke_view.AktstykkeView(model).context(),
        template="aktstykke/aktstykke.xml.j2",
        stylesheet="aktstykke/aktstykke.css",
    ),
    "dagsorden": Kind(
        name="dagsorden",
        model=dagsorden_model.Dagsorden,
        rules=dagsorden_rules.rules,
        context=lambda model: dagsorden_view.DagsordenView(model).context(),
        template="dagsorden/dagsorden.xml.j2",
        stylesheet="dagsorden/dagsorden.css",
        docx_styles="dagsorden/styles.xml",
    ),
}
DEFAULT_KIND = "aktstykke"
