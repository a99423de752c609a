"""References from prose to data: `{modtager:amgros}`, `{konto:16.71.08}`, `{finansår}`.

Prose in a spec is data, never template code: the only thing it can do is
name a value by a reference, and a reference resolves only against the
spec's own data. Braces that do not form a reference (`{ 7*7 }`, `{x y}`)
stay literal text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

REFERENCE = re.compile(r"\{([a-zæøå]+)(?::([0-9A-Za-zæøåÆØÅ._-]+))?\}")


@dataclass(frozen=True)
class Reference:
    namespace: str
    key: str | None
    start: int
    end: int

    def __str__(self) -> str:
        return "{" + self.namespace + (f":{self.key}" if self.key else "") + "}"


def references(text: str) -> Iterator[Reference]:
    for match in REFERENCE.finditer(text):
        yield Reference(match[1], match[2], match.start(), match.end())


def substitute(text: str, resolve: Callable[[Reference], str]) -> str:
    """The text with each reference replaced by what `resolve` gives for it."""
    parts: list[str] = []
    position = 0
    for reference in references(text):
        value = resolve(reference)
        parts += [text[position:reference.start], value]
        position = reference.end
        if value.endswith(".") and text.startswith(".", position):
            position += 1  # "… 30,0 mio. kr." ends the sentence with the unit's own dot
    parts.append(text[position:])
    return "".join(parts)
