"""Editions: the confidential one holds everything, the public one has every confidential part
removed from the model before the document tree is made.

Removed, not hidden: the public edition is made from a model in which each confidential part
is gone or replaced by the stand-in Folketinget shows in its place, so no template and no
writer ever receives its text. The filter knows no document kind: a model part is
confidential when it says so (`Fortroligt`), and says what stands in its place; an aktstykke
and a committee agenda mark their parts alike. The editions' names are in udgavevalg.py,
which the command line reads without pydantic.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from aktstykker_gen.udgavevalg import IngenOffentligUdgave, Udgave


@runtime_checkable
class Fortroligt(Protocol):
    """A model part that may be confidential."""

    def er_fortrolig(self) -> bool:
        """Whether the part is confidential now (not lifted)."""

    def offentlig_udgave(self) -> BaseModel | None:
        """What the public edition shows in the part's place; None leaves it out."""


M = TypeVar("M", bound=BaseModel)


def udgave(model: M, hvilken: Udgave) -> M:
    """The model as the edition shows it."""
    if hvilken is Udgave.fortrolig:
        return model
    public = _offentlig(model)
    if public is None:
        raise IngenOffentligUdgave
    return public


def har_fortroligt(model: BaseModel) -> bool:
    """Whether the public edition differs from the confidential one: some part is confidential
    now. Raises `IngenOffentligUdgave` when the whole document is."""
    return udgave(model, Udgave.offentlig) != model


def rummer_fortroligt(model: BaseModel) -> bool:
    """Whether any part is confidential now, the whole document included: what a confidential
    edition is marked for, and what the public edition's diagnostics are veiled for."""
    try:
        return har_fortroligt(model)
    except IngenOffentligUdgave:   # confidential as a whole
        return True


def _offentlig(value: Any) -> Any:
    if isinstance(value, list):
        return [kept for item in value if (kept := _offentlig(item)) is not None]
    if isinstance(value, dict):
        return {key: kept for key, item in value.items()
                if (kept := _offentlig(item)) is not None}
    if not isinstance(value, BaseModel):
        return value
    if isinstance(value, Fortroligt) and value.er_fortrolig():
        stand_in = value.offentlig_udgave()
        return None if stand_in is None else _fields(stand_in)
    return _fields(value)


def _fields(model: BaseModel) -> BaseModel:
    changed = {}
    for name in type(model).model_fields:
        old = getattr(model, name)
        new = _offentlig(old)
        if new is not old:
            changed[name] = new
    return model.model_copy(update=changed) if changed else model
