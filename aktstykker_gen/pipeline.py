"""One spec through the pipeline's stages: load → model → checks → document tree.

`check` stops after the checks and imports no renderer, so it stays fast;
`render` goes on to the one document tree every writer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aktstykker_gen import assets
from aktstykker_gen.diagnostics import Diagnostic, Severity, SpecError
from aktstykker_gen.document import Document
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS, Kind
from aktstykker_gen.load import load_spec
from aktstykker_gen.validation import Validated, validate


@dataclass(frozen=True)
class Checked:
    kind: Kind
    spec: Validated[Any]
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def check(path: Path) -> Checked:
    """Load, type and check one spec. Raises `SpecError` if it cannot be typed at all."""
    loaded = load_spec(path)
    name = loaded.data.get("art", DEFAULT_KIND) if isinstance(loaded.data, dict) else DEFAULT_KIND
    kind = KINDS.get(name) if isinstance(name, str) else None
    if kind is None:
        raise SpecError([Diagnostic(
            "AKT006", Severity.ERROR, f"ukendt dokumentart '{name}'", loaded.span(("art",)),
            hint="mulige arter: " + ", ".join(KINDS))])
    validated = validate(loaded, kind.model)
    return Checked(kind, validated, kind.rules.run(validated))


def render(checked: Checked, templates: Path | None = None) -> Document:
    from aktstykker_gen.render import render_tree

    folder = templates or assets.templates_dir()
    return render_tree(folder, checked.kind.template, checked.kind.context(checked.spec.model))
