"""The proof of a draft: rendered by the build's own stages into the canonical text, to be held
against the text it was imported from, and its model's view, which prints each reference
exactly as the build will."""

from __future__ import annotations

from typing import Any

from aktstykker_gen.diagnostics import SpecError
from aktstykker_gen.kinds import KINDS
from aktstykker_gen.load import load_text
from aktstykker_gen.references import references
from aktstykker_gen.validation import validate

KIND = KINDS["aktstykke"]


def model(yaml_text: str, name: str) -> Any:
    """The draft typed as the build types it; SpecError when it does not type."""
    return validate(load_text(yaml_text, name), KIND.model).model


def resolver(yaml_text: str, name: str) -> Any:
    """What each reference prints in the draft's data, or None when the data lacks it (or the
    draft does not type, so nothing is resolved)."""
    from aktstykker_gen.kinds.aktstykke.view import AktstykkeView

    try:
        view = AktstykkeView(model(yaml_text, name))
    except SpecError:
        return lambda _: None

    def resolve(text: str) -> str | None:
        reference = next(references(text), None)
        if reference is None:
            return None
        shown = view.resolve(reference).replace("\u00a0", " ")
        return None if shown == text else shown

    return resolve


def rendered(yaml_text: str, name: str) -> str:
    """The canonical text the draft builds (its public edition, as `build` names plainly; a
    confidential aktstykke, which has none, its confidential one)."""
    from aktstykker_gen.pipeline import Checked, render
    from aktstykker_gen.udgaver import IngenOffentligUdgave, Udgave
    from aktstykker_gen.validation import Validated
    from aktstykker_gen.writers.text import write_text

    loaded = load_text(yaml_text, name)
    checked = Checked(KIND, Validated(validate(loaded, KIND.model).model, loaded), [])
    try:
        return write_text(render(checked, edition=Udgave.offentlig))
    except IngenOffentligUdgave:
        return write_text(render(checked, edition=Udgave.fortrolig))
