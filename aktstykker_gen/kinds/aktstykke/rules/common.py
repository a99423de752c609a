"""What several rule groups need: the subject's type, where texts stand, every amount."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel

from aktstykker_gen import units
from aktstykker_gen.diagnostics import Span
from aktstykker_gen.kinds.aktstykke.henvisninger import navngivet_mio
from aktstykker_gen.kinds.aktstykke.model import (
    Aktstykke,
    Bilag,
    Overskrift,
    Punkter,
    Tabel,
    Tabelblok,
    Tekstanmærkning,
)
from aktstykker_gen.kinds.aktstykke.view import SIDER, AktstykkeView, lines, net, total, years
from aktstykker_gen.rules import Subject
from aktstykker_gen.units import Enhed

Spec = Subject[Aktstykke]


@dataclass(frozen=True)
class Prosa:
    """A text where references work, and where it stands: looked up only when a rule asks, as
    for `Tekstfelt` (a spec that checks clean asks for no position, and finding where every
    model object came from is a tenth of checking 10.000 accounts)."""

    text: str
    spec: Spec = field(repr=False, compare=False)
    owner: BaseModel = field(repr=False)
    parts: tuple[str | int, ...] = ()
    anmærkning: Tekstanmærkning | None = None   # set when the text is law text of an annotation
    bilag: Bilag | None = None                   # set when the text stands in a bilag

    @property
    def span(self) -> Span | None:
        return self.spec.span(self.owner, *self.parts)


def pinpoint(spec: Spec, span: Span | None, needle: str) -> Span | None:
    """Where `needle` stands in the source, at or after the start of its text (a block scalar
    begins on the line of its `>-`); the whole text's span if it cannot be found."""
    if span is None:
        return None
    lines = _lines(spec.validated.source.text)
    for number in range(span.line, min(len(lines), span.line + 200) + 1):
        start = span.column - 1 if number == span.line else 0
        column = lines[number - 1].find(needle, start)
        if column >= 0:
            return Span(span.file, number, column + 1, len(needle))
    return span


@lru_cache(maxsize=1)
def _lines(text: str) -> list[str]:
    """The source's lines, split once per spec rather than once per finding."""
    return text.split("\n")


def prose(spec: Spec) -> Iterator[Prosa]:
    """Every text where references work (docs/spec-format.md §12), with its position: the
    sections', the bilag's, the tekstanmærkninger's and the anvendelser's."""
    model = spec.model
    for owner, key, blocks in model.blokke():
        yield from _block_texts(spec, owner, key, blocks, owner if isinstance(owner, Bilag)
                                else None)
    for anmærkning in model.tekstanmærkninger:
        for j, stk in enumerate(anmærkning.stk):
            yield Prosa(stk, spec, anmærkning, ("stk", j), anmærkning)
    for anvendelse in model.anvendelser:
        yield Prosa(anvendelse.til, spec, anvendelse, ("til",))
        if anvendelse.forslag:
            yield Prosa(anvendelse.forslag, spec, anvendelse, ("forslag",))


def _block_texts(spec: Spec, owner: BaseModel, key: str, blocks: list[Any],
                 bilag: Bilag | None = None) -> Iterator[Prosa]:
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            yield Prosa(block, spec, owner, (key, i), bilag=bilag)
        elif isinstance(block, Punkter):
            for j, item in enumerate(block.punkter):
                yield Prosa(item, spec, owner, (key, i, "punkter", j), bilag=bilag)
        elif isinstance(block, Overskrift):
            yield Prosa(block.overskrift, spec, block, ("overskrift",), bilag=bilag)
        elif isinstance(block, Tabelblok):
            yield from (dataclasses.replace(piece, bilag=bilag)
                        for piece in _table_texts(spec, block.tabel))


def _table_texts(spec: Spec, tabel: Tabel) -> Iterator[Prosa]:
    """An own table's caption, row texts and notes: prose, where references work."""
    yield Prosa(tabel.titel, spec, tabel, ("titel",))
    for række in tabel.rækker:
        yield Prosa(række.tekst, spec, række, ("tekst",))
    for name in ("anm", "kilde"):
        if (text := getattr(tabel, name)) is not None:
            yield Prosa(text, spec, tabel, (name,))
    for j, note in enumerate(tabel.noter):
        yield Prosa(note, spec, tabel, ("noter", j))


@dataclass(frozen=True)
class Beløbssted:
    """One amount as typed, and the model object and keys that lead to it."""

    value: Decimal
    owner: BaseModel
    parts: tuple[str | int, ...]


def amounts(model: Aktstykke) -> Iterator[Beløbssted]:
    for hovedkonto in model.udgifter + model.finansiering:
        for line in lines(hovedkonto):
            for side in SIDER:
                for år, value in getattr(line, side).items():
                    yield Beløbssted(value, line, (side, str(år)))
    for modtager in model.modtagere:
        for år, value in modtager.beløb.items():
            yield Beløbssted(value, modtager, ("beløb", str(år)))
    for navngivet in model.beløb.values():
        # One in mia. kr. or kr. is a fact of its own in its unit: not read as mio. kr. here.
        if navngivet.enhed == Enhed.mio:
            if navngivet.værdi is not None:
                yield Beløbssted(navngivet.værdi, navngivet, ("værdi",))
            for i, del_ in enumerate(navngivet.dele):
                if isinstance(del_, Decimal):
                    yield Beløbssted(del_, navngivet, ("dele", i))
    for år, value in model.nettoændring.items():
        yield Beløbssted(value, model, ("nettoændring", str(år)))


def view_of(spec: Spec) -> AktstykkeView:
    """The spec's view, made once for every rule that asks what the document shows: made
    anew, it sums 10,000 accounts each time."""
    return spec.once("view", lambda spec: AktstykkeView(spec.model, spec.kontoplan))


def data_amounts(spec: Spec) -> set[Decimal]:
    """Every amount the document's data holds or derives, either sign: what a written amount
    may agree with. Lines, recipients, named amounts and nettoændring as typed; each hovedkonto's
    and each side's totals per year and over all years; the totals `{udgift}` and
    `{finansiering}` name, per year and over every span of years; the named amounts in mio.
    kr.; the låneramme's change."""
    model, view = spec.model, view_of(spec)
    found = {sted.value for sted in amounts(model)}
    for modtager in model.modtagere:
        found.add(sum(modtager.beløb.values(), Decimal(0)))
    hovedkonti = model.udgifter + model.finansiering
    all_years = years(model)
    for hovedkonto in hovedkonti:
        found.add(view.hovedkonto_beløb(hovedkonto))
        for side in SIDER:
            per_year = [total([hovedkonto], side, år) for år in all_years]
            found.update(per_year)
            found.add(sum(per_year, Decimal(0)))
    for group, sign in ((model.udgifter, 1), (model.finansiering, -1)):
        per_year = [sign * net(group, år) for år in all_years]
        found.update(per_year)
        # every span {udgift:2025-2026} can name, the whole period among them
        found.update(sum(per_year[i:j], Decimal(0))
                     for i in range(len(per_year)) for j in range(i + 2, len(per_year) + 1))
        for side in SIDER:
            found.update(total(group, side, år) for år in all_years)
    for navngivet in model.beløb.values():  # in mio. kr., whatever unit it is typed in
        if (mio := navngivet_mio(view, navngivet)) is not None:
            found.add(mio)
    if model.låneramme:  # a fact of its own, read in mio. kr. like every written amount
        found.add(units.til_mio(model.låneramme.ændring, Enhed(model.låneramme.enhed)))
    return found | {-value for value in found}


@dataclass(frozen=True)
class Tekstfelt:
    """A text the document prints, outside the prose where references work. Its position is
    looked up only for a finding: a spec of 10.000 accounts has 60.000 such texts."""

    text: str
    field: str
    owner: BaseModel
    parts: tuple[str | int, ...]
    spec: Spec

    @property
    def span(self) -> Span | None:
        return self.spec.span(self.owner, *self.parts)


_PROSE = ("tekst", "stk", "til", "forslag", "indhold")   # read by `prose`


@cache
def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that may hold a printed text, or a part that does: not the prose,
    and not an identifier (an account's number, a recipient's id), whose pattern admits no
    word and no brace. A spec of 10.000 accounts has 30.000 of those."""
    return tuple(name for name, info in model.model_fields.items()
                 if name not in _PROSE and not any(getattr(m, "pattern", None)
                                                   for m in info.metadata))


def other_texts(spec: Spec) -> list[Tekstfelt]:
    """Every printed text that is not prose: titles, names, formål, signatories, påtegninger.
    Found by walking the model (once per spec), so a field added later is read too."""
    return spec.once("other_texts", lambda spec: list(_texts(spec, spec.model)))


def _texts(spec: Spec, obj: BaseModel) -> Iterator[Tekstfelt]:
    for name in _text_fields(type(obj)):
        value = getattr(obj, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            parts = (name, i) if isinstance(value, list) else (name,)
            if isinstance(item, BaseModel):
                yield from _texts(spec, item)
            elif isinstance(item, str) and not isinstance(item, Enum):
                yield Tekstfelt(item, name, obj, parts, spec)
