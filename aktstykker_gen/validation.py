"""Loaded data → a typed model, or diagnostics that point into the spec.

pydantic does the type work; this module turns its errors into our own
diagnostics (Danish, with file:line:col) and remembers where every model
object came from, so a rule can point at the line to fix.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from aktstykker_gen.diagnostics import Diagnostic, Severity, Span, SpecError
from aktstykker_gen.load import LoadedSpec, Location

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "beløb_tomt": "et navngivet beløb har en værdi eller dele",
    "del": "'{value}' er hverken et beløb eller en henvisning som konto:16.71.08",
    "dokumentkode": "'{input}' er ikke en dokumentkode som AE003341",
    "string_type": "forventede en tekst",
    "int_parsing": "forventede et helt tal, fandt '{input}'",
    "int_type": "forventede et helt tal",
    "int_too_large": "tallet {input} er for stort",
    "int_leading_zero": "'{input}' har et nul foran",
    "date_from_datetime_parsing": "forventede en dato som ÅÅÅÅ-MM-DD, fandt '{input}'",
    "date_parsing": "forventede en dato som ÅÅÅÅ-MM-DD, fandt '{input}'",
    "date_type": "forventede en dato som ÅÅÅÅ-MM-DD",
    "list_type": "forventede en liste (linjer der begynder med '- ')",
    "dict_type": "forventede felter (nøgle: værdi)",
    "model_type": "forventede felter (nøgle: værdi)",
    "model_attributes_type": "forventede felter (nøgle: værdi)",
    "string_pattern_mismatch": "'{input}' har ikke den rigtige form",
    "string_too_short": "teksten må ikke være tom",
    "too_short": "listen må ikke være tom",
    "greater_than": "skal være større end {gt}",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than_equal": "skal være højst {le}",
    "literal_error": "'{input}' er ikke tilladt her; mulige værdier: {expected}",
    "enum": "'{input}' er ikke tilladt her; mulige værdier: {expected}",
    "amount": "'{input}' er ikke et beløb",
    "amount_range": "beløbet '{input}' er uden for det mulige",
    "amount_ambiguous": "'{input}' kan læses både som {tusind} og som {decimal}",
    "year": "'{input}' er ikke et årstal med fire cifre",
    "year_range": "året {input} ligger uden for årene 1900-2099",
    "date_invalid": "'{input}' er ikke en dag i kalenderen",
    "date_range": "datoen {input} ligger uden for årene 1900-2099",
    "flag": "forventede true eller false, fandt '{input}'",
}

_PATTERN_HINTS = {
    "beløb_tomt": "skriv 'værdi: 15.0' (et tal for sig) eller 'dele:' (summen af delene)",
    "del": "en del er et beløb (4.0) eller en henvisning uden klammer (konto:16.71.08)",
    "dokumentkode": "Folketingets dokumentkode er to store bogstaver og seks cifre, fx AE003341",
    "amount_map": "angiv år og beløb, fx udgift: {2025: 5.0}",
    r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$":
        "en hovedkonto skrives som 16.71.08 (paragraf.hovedområde.hovedkonto)",
    r"^[0-9]{2}$": "underkonti og standardkonti skrives med to cifre, fx 10 eller 22",
    r"^[a-zæøå0-9_-]+$": "brug små bogstaver, cifre, '-' og '_', fx danske-patienter",
}
_FOLKETINGSÅR = r"^[0-9]{4}-[0-9]{2}$"

_AMOUNT_MAPS = ("udgift", "indtægt", "beløb", "nettoændring")

_HINTS = {
    "amount_map": "angiv år og beløb, fx udgift: {2025: 5.0}",
    "amount": "skriv beløbet i mio. kr. som 30,0 eller 30.0 (med fortegn: -30,0)",
    "flag": "skriv true eller false; yes/no og ja/nej læses ikke som sandhedsværdier",
    "amount_range": "beløb angives i mio. kr.: under 1.000.000.000 og med højst 6 decimaler",
    "list_type": "skriv hvert element på en linje, der begynder med '- '",
    "amount_ambiguous": "skriv {tusind} eller {decimal}; et punktum efterfulgt af tre cifre kan "
                        "være både tusindtalspunktum og decimalpunktum",
    "year": "skriv året med fire cifre, fx 2025 (uden 0 foran, fortegn, '_' eller '.0')",
    "year_range": "ret årstallet",
    "int_leading_zero": "skriv tallet uden nul foran; YAML 1.1 læser fx 0313 som oktaltallet 203",
    "date_invalid": "ret dagen eller måneden",
    "date_range": "ret årstallet i datoen",
}
# Hints that name the clerk's own value; the others are fixed texts (some show braces).
_FILLED_HINTS = {"amount_ambiguous"}


def _foreign_digit(text: str) -> str | None:
    """The first digit in `text` that is not 0-9 (fullwidth, Arabic-Indic …), if any."""
    return next((c for c in text if not c.isascii() and unicodedata.decimal(c, None) is not None),
                None)


@dataclass(frozen=True)
class Validated(Generic[M]):
    """A typed model together with the spec it came from and where each part stands."""

    model: M
    source: LoadedSpec

    @functools.cached_property
    def locations(self) -> dict[int, Location]:
        """Where each model object came from, found when a position is first asked for: a
        spec that checks clean asks for none (for 10.000 accounts the walk was a tenth of
        the check)."""
        return dict(_locate(self.model, (), self.source.data))

    def span(self, obj: BaseModel, *parts: str | int) -> Span | None:
        """Position of a model object, or of one of its fields or entries."""
        return self.source.span((*self.locations[id(obj)], *parts))


def validate(spec: LoadedSpec, model_type: type[M]) -> Validated[M]:
    try:
        model = model_type.model_validate(spec.data)
    except ValidationError as error:
        raise SpecError(_explained([_diagnostic(e, spec, model_type) for e in error.errors()],
                                   spec)) from None
    return Validated(model, spec)


def _explained(diagnostics: list[Diagnostic], spec: LoadedSpec) -> list[Diagnostic]:
    """Leave out what follows from a reported mistake: a paragraph ending in ':' is read as a
    mapping, which then also 'lacks' the fields of a bullet list."""
    misread = {d.span.line for d in diagnostics if d.code == "AKT004" and d.span
               and d.message.startswith("en tekst, der ender med")}
    return [d for d in diagnostics
            if not (d.code == "AKT005" and d.span and d.span.line in misread)]


def _data_path(loc: tuple[str | int, ...], data: Any) -> Location:
    """pydantic's error location as a path in the YAML.

    Left out: union tags (our models write them `<like-this>`) and pydantic's
    `[key]` marker, which says the error is in the mapping key just named.
    """
    path: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and part.startswith("<") and part.endswith(">"):
            continue
        if part == "[key]":
            continue
        if isinstance(data, dict) and str(part) in data:
            data = data[str(part)]
            path.append(str(part))
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
            path.append(part)
        elif isinstance(data, dict | list):
            path.append(part)
            data = None
    return tuple(path)


def _diagnostic(error: ErrorDetails, spec: LoadedSpec, model_type: type[BaseModel]) -> Diagnostic:
    kind, path = error["type"], _data_path(error["loc"], spec.data)
    name = str(path[-1]) if path else ""
    in_key = "[key]" in error["loc"]
    if kind == "union_tag_invalid":
        return _unknown_block(error, spec, path)
    if kind == "extra_forbidden":
        if " " in name and error.get("input") is None:
            return Diagnostic(
                "AKT004", Severity.ERROR, "en tekst, der ender med ':', er læst som en nøgle",
                spec.keys.get(path) or spec.span(path),
                hint="skriv teksten i anførselstegn eller som '>-' efterfulgt af teksten "
                     "på næste linje")
        import difflib  # for a spec with a mistake only: a clean check does not import it

        vocabulary = sorted(_fields_at(model_type, error["loc"][:-1]) - {name})
        close = difflib.get_close_matches(name, vocabulary, n=1)
        return Diagnostic(
            "AKT004", Severity.ERROR, f"ukendt felt '{name}'", spec.keys.get(path) or spec.span(path),
            hint=f"mente du '{close[0]}'?" if close else "se docs/spec-format.md for de tilladte felter")
    if kind == "missing":
        return Diagnostic(
            "AKT005", Severity.ERROR, f"feltet '{name}' mangler", spec.span(path[:-1]),
            hint=f"tilføj '{name}:' her; se docs/spec-format.md")
    context = {**(error.get("ctx") or {}), "input": _shown(error.get("input"))}
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace(" or ", " eller ")
    template = _MESSAGES.get(kind)
    if kind == "amount" and not context["input"].strip():
        template = "beløbet mangler"
    if kind in ("dict_type", "model_type") and name in _AMOUNT_MAPS:
        template, kind = "forventede beløb pr. finansår", "amount_map"
    message = template.format(**context) if template else f"ugyldig værdi '{context['input']}'"
    code = "AKT007" if kind.startswith("amount") else "AKT006"
    where = ""
    if in_key and len(path) >= 2:
        where = f"i '{path[-2]}': "
    elif len(path) >= 2 and str(path[-1]).isdigit() and str(path[-2]) in _AMOUNT_MAPS:
        where = f"i '{path[-2]}' for {path[-1]}: "
    elif path and isinstance(path[-1], str):
        where = f"i '{name}': "
    span = spec.keys.get(path) if in_key else None
    hint = _PATTERN_HINTS.get(str(context.get("pattern"))) or _HINTS.get(kind)
    if context.get("pattern") == _FOLKETINGSÅR:
        hint = _folketingsår_hint(context["input"])
    if hint and kind in _FILLED_HINTS:
        hint = hint.format(**context)
    foreign = _foreign_digit(context["input"])
    if foreign:
        hint = (f"skriv cifrene som 0-9; '{foreign}' (U+{ord(foreign):04X}, "
                f"{unicodedata.name(foreign, 'et ciffer')}) er et ciffer fra et andet skriftsystem")
    return Diagnostic(code, Severity.ERROR, where + message, span or spec.span(path), hint=hint)


def _folketingsår_hint(typed: str) -> str:
    """The folketingsår the clerk meant, from the first year typed: it runs from October,
    so 2024/25 and 2024 both mean 2024-25."""
    year = re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", typed)
    start = int(year[0]) if year else 2025
    return f"skriv folketingsåret som {start}-{(start + 1) % 100:02d}"


def _unknown_block(error: ErrorDetails, spec: LoadedSpec, path: Location) -> Diagnostic:
    """A block whose key is no block type: say so and name the types there are, rather than
    report the fields of the type it was taken for."""
    context = error.get("ctx") or {}
    tag = str(context.get("tag", "")).strip("<>")
    if " " in tag:   # no key has a space: a paragraph ending in ':' read as a mapping
        return Diagnostic(
            "AKT004", Severity.ERROR, "en tekst, der ender med ':', er læst som en nøgle",
            spec.keys.get((*path, tag)) or spec.span(path),
            hint="skriv teksten i anførselstegn eller som '>-' efterfulgt af teksten på næste linje")
    known = [f"{t}:" if t != "tekst" else "en tekst"
             for t in re.findall(r"<([^>]+)>", str(context.get("expected_tags", "")))]
    import difflib

    close = difflib.get_close_matches(tag, [k.rstrip(":") for k in known if k.endswith(":")], n=1)
    return Diagnostic("AKT004", Severity.ERROR, f"ukendt bloktype '{tag}'",
                      spec.keys.get((*path, tag)) or spec.span(path),
                      hint=(f"mente du '{close[0]}'? " if close else "") + "kendte bloktyper: "
                      + ", ".join(known))


def _shown(value: Any) -> str:
    """A value as a message quotes it: a long one cut (the excerpt shows where it stands)."""
    if isinstance(value, dict | list):
        return "…"
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _fields_at(model_type: type[BaseModel], loc: tuple[str | int, ...]) -> set[str]:
    """The field names of the model(s) that pydantic's error location `loc` stands in: the
    fields a key typed there could have meant. List indexes and union tags lead nowhere new."""
    models: list[type[BaseModel]] = [model_type]
    for part in loc:
        inner = [t for m in models if isinstance(part, str) and part in m.model_fields
                 for t in _model_types(m.model_fields[part].annotation)]
        if inner:
            models = inner
    return {name for m in models for name in m.model_fields}


def _model_types(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        yield from _model_types(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _model_types(origin)


def _locate(obj: Any, location: Location, data: Any) -> Iterator[tuple[int, Location]]:
    if isinstance(obj, BaseModel):
        yield id(obj), location
        for name in type(obj).model_fields:
            if isinstance(data, dict) and name in data:
                yield from _locate(getattr(obj, name), (*location, name), data[name])
    elif isinstance(obj, list) and isinstance(data, list):
        for i, (item, raw) in enumerate(zip(obj, data, strict=False)):
            yield from _locate(item, (*location, i), raw)
    elif isinstance(obj, dict) and isinstance(data, dict):  # named amounts: beløb: {navn: …}
        for key, item in obj.items():
            if isinstance(item, BaseModel) and str(key) in data:
                yield from _locate(item, (*location, str(key)), data[str(key)])
