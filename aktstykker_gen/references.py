"""References from prose to data: `{modtager:amgros}`, `{konto:16.71.08:2026}`, `{finansår}`.

Prose in a spec is data, never template code: the only thing it can do is
name a value by a reference, and a reference resolves only against the
spec's own data. Braces that do not look like a reference (`{ 7*7 }`, `{a + b}`)
stay literal text; a brace group that begins like one (`{udgift }`, `{Udgift}`,
`{udgift|mai}`, `{beløb:}`: a name the kind knows, or a word and ':') but is not one is
`malformed`, so a rule can refuse it rather than print the braces. `\\{` writes a brace on
purpose: it prints `{` and is never read as a reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

# The grammar: `{navn}`, then up to three `:`-segments, then an optional unit after `|`:
# `{udgift:2026}`, `{udgift:2025-2026}`, `{konto:16.71.08:2026}`, `{beløb:loft|mia}`. What a
# segment means is the kind's to say (view.py: a year or span for {udgift}, a konto then a year
# for {konto}); the grammar only fixes its characters, so a new namespace (`{tabel:…}`) needs
# no change here. The units are a closed list, so `{udgift|mai}` is malformed, never text.
_SEGMENT = r"[0-9A-Za-zæøåÆØÅ._-]+"
ENHEDER = ("mio", "mia", "kr")
REFERENCE = re.compile(rf"(?<!\\)\{{([a-zæøå]+)((?::{_SEGMENT}){{0,3}})"
                       rf"(?:\|({'|'.join(ENHEDER)}))?\}}")
# A word after the brace is meant as a reference if it is a name the kind knows (in any case,
# spaces allowed), or if it stands right between '{' and ':' or '}' (`{x:}`, `{Foo}`, or a
# look-alike letter from another script in `{udgіft}`); `{ bemærk: … }` is text.
_BEGINS_LIKE_ONE = re.compile(r"(?<!\\)\{(\s*)([^\W\d_]+)(\s*)([:}]?)")
_GROUP_END = re.compile(r"[^}\n]{0,80}\}?")
ESCAPED_BRACE = "\\{"


@dataclass(frozen=True)
class Reference:
    """`{konto:16.71.08:2026|mia}`: namespace "konto", key "16.71.08", rest ("2026",),
    enhed "mia"."""

    namespace: str
    key: str | None
    start: int
    end: int
    rest: tuple[str, ...] = ()
    enhed: str | None = None

    def __str__(self) -> str:
        segments = "".join(f":{s}" for s in (self.key, *self.rest) if s)
        return "{" + self.namespace + segments + (f"|{self.enhed}" if self.enhed else "") + "}"


@dataclass(frozen=True)
class Malformed:
    """A brace group that begins like a reference but does not have its form."""

    text: str
    start: int


def references(text: str) -> Iterator[Reference]:
    for match in REFERENCE.finditer(text):
        segments = match[2].split(":")[1:]
        yield Reference(match[1], segments[0] if segments else None, match.start(), match.end(),
                        tuple(segments[1:]), match[3])


def malformed(text: str, names: Collection[str]) -> Iterator[Malformed]:
    """Brace groups that begin with one of `names` (in any case, spaces allowed) or directly
    with a word and ':', but do not have a reference's form."""
    for match in _BEGINS_LIKE_ONE.finditer(text):
        tight = not match[1] and not match[3] and match[4]
        meant = match[2].casefold() in names or tight
        if meant and not REFERENCE.match(text, match.start()):
            group = _GROUP_END.match(text, match.start() + 1)
            yield Malformed("{" + (group[0] if group else ""), match.start())


def substitute(text: str, resolve: Callable[[Reference], str]) -> str:
    """The text with each reference replaced by what `resolve` gives for it, and `\\{` by `{`."""
    parts: list[str] = []
    position = 0
    for reference in references(text):
        value = resolve(reference)
        parts += [_literal(text[position:reference.start]), value]
        position = reference.end
        if value.endswith(".") and text.startswith(".", position):
            position += 1  # "… 30,0 mio. kr." ends the sentence with the unit's own dot
    parts.append(_literal(text[position:]))
    return "".join(parts)


def _literal(text: str) -> str:
    return text.replace(ESCAPED_BRACE, "{")
