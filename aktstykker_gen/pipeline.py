"""One spec through the pipeline's stages: load → model → checks → document tree.

`check` stops after the checks and imports no renderer, so it stays fast;
`render` goes on to the one document tree every writer reads.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aktstykker_gen import assets
from aktstykker_gen.diagnostics import Diagnostic, Severity, SpecError
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS, Kind
from aktstykker_gen.load import LoadedSpec, load_spec
from aktstykker_gen.rules import Subject
from aktstykker_gen.tilladelser import læst, uden_tilladte
from aktstykker_gen.udgaver import Udgave, rummer_fortroligt, udgave
from aktstykker_gen.validation import Validated, validate

if TYPE_CHECKING:
    from aktstykker_gen.document import Document
    from aktstykker_gen.kontoplan import Kontoplan


@dataclass(frozen=True)
class Checked:
    kind: Kind
    spec: Validated[Any]
    diagnostics: list[Diagnostic]
    kontoplan: Kontoplan | None = None   # the export it was checked against: the view quotes it

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def check(path: Path, kontoplan: Kontoplan | None = None,
          selected: Collection[str] | None = None) -> Checked:
    """Load, type and check one spec. Raises `SpecError` if it cannot be typed at all.

    `selected` limits the rules to those codes (all when None); `kontoplan`
    turns on the rules that compare accounts with the official account plan.
    """
    with collector_paused():
        return check_loaded(load_spec(path), kontoplan, selected)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for one stage. Checking makes a few objects per value of the
    spec (the YAML node graph, the source map, the model), all freed by reference counting;
    run over them again and again, the collector made a 10.000-account check twice as slow
    and its time grow faster than the spec."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_loaded(loaded: LoadedSpec, kontoplan: Kontoplan | None = None,
                 selected: Collection[str] | None = None) -> Checked:
    """`check` of a spec already loaded: the register loads each spec once to see its kind."""
    name = loaded.data.get("art", DEFAULT_KIND) if isinstance(loaded.data, dict) else DEFAULT_KIND
    kind = KINDS.get(name) if isinstance(name, str) else None
    if kind is None:
        raise SpecError([Diagnostic(
            "AKT006", Severity.ERROR, f"ukendt dokumentart '{name}'", loaded.span(("art",)),
            hint="mulige arter: " + ", ".join(KINDS))])
    validated = validate(loaded, kind.model)
    subject = Subject(validated, kontoplan)
    # A warning a marker allows where it stands (`# aktstykke: tillad AKT602`) is not reported.
    return Checked(kind, validated, uden_tilladte(kind.rules.run(subject, selected), læst(subject)),
                   kontoplan)


def render(checked: Checked, templates: Path | None = None,
           edition: Udgave = Udgave.fortrolig) -> Document:
    """The document tree of one edition. The public one is made from the model with every
    confidential part removed (udgaver.py), so neither template nor writer sees it; a
    document that is confidential as a whole raises `IngenOffentligUdgave`. The confidential
    edition of a document with confidential content is marked so on every page."""
    from dataclasses import replace

    from aktstykker_gen.render import render_tree

    folder = templates or assets.templates_dir()
    # Paused as for the check: the tree is made beside the checked model, and each full
    # collection walked all of the model again (10.000 accounts: 3,3 s instead of 2,1 s,
    # growing faster than the spec).
    with collector_paused():
        model = udgave(checked.spec.model, edition)
        tree = render_tree(folder, checked.kind.template,
                           checked.kind.context(model, checked.kontoplan))
    if edition is Udgave.fortrolig and rummer_fortroligt(model):
        tree = replace(tree, confidential=True)
    return tree

