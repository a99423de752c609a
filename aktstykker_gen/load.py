"""YAML spec → plain data plus a source map (every value's line and column).

Safe by construction: PyYAML only *composes* the node graph, so no tag can
construct an object, and every scalar keeps the text the clerk typed. Amounts
therefore never pass through binary floats, and `no` stays the string "no";
the typed model decides what each text means. Nothing here knows aktstykker.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aktstykker_gen import characters
from aktstykker_gen.bounded import Refused, decode_utf8, read_bytes
from aktstykker_gen.diagnostics import Diagnostic, Severity, Span, SpecError

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the reference parser does it all
    CParser = None  # type: ignore[misc,assignment]

_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE

Location = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}


class Citeret(str):
    """A scalar the clerk quoted or wrote as a block (`"2025"`, `|`): a text, whatever it
    reads as. Everywhere else it is the plain text it holds (pydantic's `str` fields make it
    one); a field that takes a number or a text (an agenda's table cell) tells them apart."""

    __slots__ = ()


@dataclass(frozen=True)
class LoadedSpec:
    """The spec's data (dicts, lists, str, None) and where each piece came from."""

    file: str
    text: str
    data: Any
    values: Mapping[Location, Span]
    keys: Mapping[Location, Span]

    def span(self, location: Location) -> Span | None:
        """The closest known position for a location, walking up to its parents."""
        while location:
            if location in self.values:
                return self.values[location]
            location = location[:-1]
        return self.values.get(())


# Characters no document may hold (XML 1.0 forbids them); PyYAML lets escapes such as "\x01"
# through, and a text copied from Word may carry them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

# PyYAML's problems, in the clerk's words; anything else is quoted as PyYAML says it.
_PROBLEMS = (
    ("mapping values are not allowed here",
     "et kolon efterfulgt af mellemrum starter en ny nøgle midt i en værdi",
     "skriv teksten i anførselstegn eller som '>-' med teksten på næste linje"),
    ("found character '\\t' that cannot start any token",
     "et tabulatortegn kan ikke bruges til indrykning",
     "indryk med mellemrum"),
    ("expected <block end>, but found",
     "indrykningen passer ikke med linjerne før",
     "ret indrykningen; en tekst, der begynder med { eller [, skal stå i anførselstegn"),
    ("could not find expected ':'",
     "forventede ':' efter en nøgle",
     "skriv 'nøgle: værdi'; en tekst over flere linjer skrives som '>-' med teksten under"),
    ("found unexpected end of stream",
     "filen slutter midt i en værdi",
     "luk anførselstegn og parenteser"),
)


# Limits that keep a mistaken or hostile file cheap to refuse. A real aktstykke is some
# 10 KB, nests 8 levels and has no text longer than a few thousand characters.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_TEXT = 20_000
# Invisible characters reported one by one, up to this many; a pasted page may hold hundreds.
MAX_INVISIBLE = 10


def load_spec(path: Path, display_name: str | None = None) -> LoadedSpec:
    """The spec at `path`, read through `bounded` (a regular file of at most MAX_BYTES)."""
    name = display_name or str(path)
    try:
        raw = read_bytes(path, MAX_BYTES, "en specifikation er ren tekst på få KB; er det den "
                                          "rigtige fil?", name)
        text = decode_utf8(raw, name, "gem specifikationen som UTF-8 (standard i alle moderne "
                                      "editorer)")
    except Refused as refused:
        raise SpecError([refused.diagnostic]) from None
    return load_text(text, name)


class _AliasUsed(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Guarded:
    """Refuses aliases where they stand (no value is ever shared, so none can be expanded)
    and nesting deeper than any spec needs (composing is recursive)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            raise _AliasUsed(self.peek_event().start_mark)  # type: ignore[attr-defined]
        if self.depth >= MAX_DEPTH:
            raise _TooDeep(self.peek_event().start_mark)  # type: ignore[attr-defined]
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _Loader(_Guarded, yaml.SafeLoader):
    """PyYAML's own parser: the reference, whose marks and messages the diagnostics use."""


class _Unsure(Exception):
    """The fast parser met input where it may differ from the reference."""


class _FastLoader(_Guarded, yaml.composer.Composer, CParser, yaml.resolver.Resolver):
    """libyaml's parser under PyYAML's composer: the same node graph, ten times faster on a
    large spec (0,2 s of 800 account rows is PyYAML's pure-Python scanner). libyaml marks an
    empty plain value one column later than PyYAML, so such a value makes it unsure."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
        node = super().compose_scalar_node(anchor)
        node.style = node.style or None   # libyaml says '' for plain, PyYAML None
        if node.value == "" and node.style is None:
            raise _Unsure
        return node


class _CLoader(CParser, yaml.resolver.Resolver):
    """libyaml's parser and composer both: three times faster again on a large spec. It
    shares an alias's node and checks no depth, so it composes only a text with no anchor
    (`&`: without one no alias composes), and its graph is walked by `_trusted`."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        yaml.resolver.Resolver.__init__(self)


def _trusted(root: yaml.Node | None) -> yaml.Node | None:
    """libyaml's graph, made PyYAML's (a plain scalar's style None), if it is one PyYAML would
    compose alike: no deeper than MAX_DEPTH and no empty plain value (`_FastLoader`)."""
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth >= MAX_DEPTH:
            raise _Unsure
        if isinstance(node, yaml.ScalarNode):
            node.style = node.style or None
            if node.value == "" and node.style is None:
                raise _Unsure
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
        else:
            stack += [(part, depth + 1) for pair in node.value for part in pair]
    return root


def _compose(text: str) -> yaml.Node | None:
    """The node graph: from libyaml when it can be trusted to agree with PyYAML, else (and
    for every error, so each message and position is PyYAML's) from PyYAML itself."""
    if CParser is not None and not _NON_PRINTABLE.search(text):
        with contextlib.suppress(_Unsure, _AliasUsed, _TooDeep, yaml.YAMLError):
            if "&" not in text:
                return _trusted(_CLoader(text).get_single_node())
            return _FastLoader(text).get_single_node()
    return _Loader(text).get_single_node()


def load_text(text: str, name: str) -> LoadedSpec:
    _refuse_invisible(text, name)
    try:
        root = _compose(text)
    except _AliasUsed as alias:
        span = Span(name, alias.mark.line + 1, alias.mark.column + 1)
        hint = "skriv værdien ud; beløb genbruges i prosa med en reference som {konto:16.71.08}"
        raise SpecError([_error("AKT002", "YAML-aliasser (*navn) understøttes ikke", span, hint)]) \
            from None
    except _TooDeep as deep:
        span = Span(name, deep.mark.line + 1, deep.mark.column + 1)
        raise SpecError([_error("AKT009", f"værdierne er indlejret mere end {MAX_DEPTH} niveauer",
                                span, "en specifikation bruger under 10 niveauer; ret "
                                      "indrykningen eller parenteserne")]) from None
    except yaml.reader.ReaderError as error:
        raise SpecError([_control(text, error.position, name)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Span(name, mark.line + 1, mark.column + 1) if mark else None
        problem = error.problem or error.context or ""
        message, hint = next(
            ((m, h) for known, m, h in _PROBLEMS if problem.startswith(known)),
            (f"ugyldig YAML ({problem})",
             "ret YAML-syntaksen på det angivne sted (indrykning, kolon, anførselstegn)"))
        raise SpecError([_error("AKT001", f"YAML-syntaksfejl: {message}", where, hint)]) from None
    builder = _Builder(name)
    builder.values.nodes[()] = Span(name, 1, 1)
    data = builder.convert(root, ()) if root is not None else None
    if builder.diagnostics:
        raise SpecError(builder.diagnostics)
    return LoadedSpec(name, text, data, builder.values, builder.keys)


def refused_characters(text: str, name: str) -> list[Diagnostic]:
    """What `load_text` says of a text holding characters no spec may (the invisible ones, each
    with its position, else the first control character): for `import`, which refuses such a
    file rather than write a draft the loader would refuse."""
    try:
        _refuse_invisible(text, name)
    except SpecError as error:
        return error.diagnostics
    control = _NON_PRINTABLE.search(text)
    return [_control(text, control.start(), name)] if control else []


def _control(text: str, index: int, name: str) -> Diagnostic:
    line, column = _position(text, index)
    return _error("AKT001", f"usynligt styretegn U+{ord(text[index]):04X} (fx kopieret fra Word)",
                  Span(name, line, column), "slet tegnet")


def _refuse_invisible(text: str, name: str) -> None:
    """Every character the reader cannot see (characters.py), where it stands in the file:
    refused before YAML reads the text, so no stage ever sees one."""
    found: list[int] = []
    match = characters.refused(text)
    while match and len(found) <= MAX_INVISIBLE:
        found.append(match.start())
        match = characters.REFUSED.search(text, match.end())
    if not found:
        return
    diagnostics = []
    for index in found[:MAX_INVISIBLE]:
        message, hint = characters.problem(text[index])
        line, column = _position(text, index)
        diagnostics.append(_error("AKT014", message, Span(name, line, column), hint))
    if len(found) > MAX_INVISIBLE:
        more = len(characters.REFUSED.findall(text, found[MAX_INVISIBLE]))
        last = diagnostics[-1]
        diagnostics[-1] = dataclasses.replace(
            last, details=(f"og {more} tegn mere af samme slags i filen, "
                           "som vises, når disse er rettet",))
    raise SpecError(diagnostics)


def _error(code: str, message: str, span: Span | None, hint: str | None = None,
           file: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, hint=hint, file=file)


def _position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


class Spans(Mapping[Location, Span]):
    """Where each value (or key) stands, made into a `Span` only when asked for: a spec of
    10.000 accounts has 250.000 nodes and a rule asks for a few, so the nodes' own marks are
    kept instead of a `Span` each (a third of loading such a spec)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.nodes: dict[Location, yaml.Node | Span] = {}

    def __getitem__(self, location: Location) -> Span:
        found = self.nodes[location]
        return found if isinstance(found, Span) else node_span(self.name, found)

    def __contains__(self, location: object) -> bool:
        return location in self.nodes

    def __iter__(self) -> Iterator[Location]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)


def node_span(name: str, node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    length = end.column - start.column if end.line == start.line else 1
    return Span(name, start.line + 1, start.column + 1, max(1, length))


class _Builder:
    """Walks the composed node graph once, recording positions and refusing surprises."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.values = Spans(name)
        self.keys = Spans(name)
        self._values, self._keys = self.values.nodes, self.keys.nodes
        self.diagnostics: list[Diagnostic] = []

    def span(self, node: yaml.Node) -> Span:
        return node_span(self.name, node)

    def convert(self, node: yaml.Node, location: Location) -> Any:
        self._values[location] = node
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.require_tag(node, _YAML + "seq")
            if node.flow_style:
                self.refuse_split_numbers(node)
            return [self.convert(item, (*location, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self.require_tag(node, _YAML + "map")
            return self.mapping(node, location)
        raise TypeError(f"unexpected YAML node {type(node).__name__}")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag not in _PLAIN_TAGS:
            self.refuse_tag(node)
            return None
        if node.style is None and node.tag == _YAML + "null":
            return None
        if len(node.value) > MAX_TEXT:
            self.diagnostics.append(_error(
                "AKT009", f"teksten er på {len(node.value):,} tegn; højst {MAX_TEXT:,}"
                .replace(",", "."), Span(self.name, node.start_mark.line + 1,
                                         node.start_mark.column + 1),
                "del teksten i flere afsnit"))
            return None
        control = _CONTROL.search(node.value)
        if control:
            self.diagnostics.append(_error(
                "AKT001", f"teksten indeholder styretegnet U+{ord(control[0]):04X}, som intet "
                "dokument kan rumme", self.span(node), "slet tegnet (eller escape-sekvensen)"))
        text = self.text(node)
        return Citeret(text) if node.style is not None else text

    def text(self, node: yaml.ScalarNode) -> str:
        """A scalar's text, letters composed (NFC). The file itself holds no invisible
        character (`_refuse_invisible`), so one can only come from an escape ("\\u200b")."""
        invisible = characters.REFUSED.search(node.value) if node.style == '"' else None
        if invisible:
            message, _ = characters.problem(invisible[0])
            self.diagnostics.append(_error(
                "AKT014", f"{message} (skrevet som escape-sekvens)", self.span(node),
                "slet escape-sekvensen"))
        return characters.composed(str(node.value))

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if node.flow_style:
            self.refuse_split_decimals(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.diagnostics.append(_error(
                    "AKT003", "en nøgle skal være en simpel tekst", self.span(key_node)))
                continue
            key = self.text(key_node)
            if key in result:
                first = self.keys[(*location, key)]
                self.diagnostics.append(Diagnostic(
                    "AKT003", Severity.ERROR, f"nøglen '{key}' står to gange", self.span(key_node),
                    hint="slet eller omdøb den ene; YAML ville ellers stille bruge den sidste",
                    related=(first,)))
                continue
            self._keys[(*location, key)] = key_node
            result[key] = self.convert(value_node, (*location, key))
        return result

    def refuse_split_decimals(self, node: yaml.MappingNode) -> None:
        """`{2025: 5,5}` is YAML for {2025: 5, 5: null}: the comma separates entries."""
        for (_, value), (key, empty) in zip(node.value, node.value[1:], strict=False):
            if (isinstance(value, yaml.ScalarNode) and re.fullmatch(r"-?\d+", value.value)
                    and value.style is None and isinstance(key, yaml.ScalarNode)
                    and re.fullmatch(r"\d+", key.value) and isinstance(empty, yaml.ScalarNode)
                    and empty.value == "" and empty.style is None):
                start = self.span(value)
                self.diagnostics.append(_error(
                    "AKT007", f"kommaet i '{value.value},{key.value}' deler beløbet i to felter",
                    Span(self.name, start.line, start.column,
                         key.end_mark.column - value.start_mark.column),
                    f"skriv \"{value.value},{key.value}\" i anførselstegn eller "
                    f"{value.value}.{key.value} med punktum"))

    def refuse_split_numbers(self, node: yaml.SequenceNode) -> None:
        """`[Udgift, 1.046,25]` is YAML for three entries, "1.046" and "25" the last two: a
        number with thousands dots and a decimal comma, split at its comma."""
        for first, second in zip(node.value, node.value[1:], strict=False):
            if (isinstance(first, yaml.ScalarNode) and isinstance(second, yaml.ScalarNode)
                    and first.style is None and second.style is None
                    and re.fullmatch(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+", first.value)
                    and re.fullmatch(r"[0-9]+", second.value)
                    and second.start_mark.index == first.end_mark.index + 1):
                start = self.span(first)
                typed = f"{first.value},{second.value}"
                self.diagnostics.append(_error(
                    "AKT007", f"kommaet i '{typed}' deler tallet i to",
                    Span(self.name, start.line, start.column, len(typed)),
                    f"skriv {first.value.replace('.', '')}.{second.value} med punktum (eller "
                    f"\"{typed}\" i anførselstegn: en tekst)"))

    def require_tag(self, node: yaml.Node, tag: str) -> None:
        if node.tag != tag:
            self.refuse_tag(node)

    def refuse_tag(self, node: yaml.Node) -> None:
        self.diagnostics.append(_error(
            "AKT002", f"YAML-tagget {node.tag!r} understøttes ikke", self.span(node),
            "fjern tagget; specifikationen er ren data"))
