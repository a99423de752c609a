"""The lines a corpus or a download tool writes above a document it stores ("SOURCE: https://…",
"EXCERPT: opening of …"), which are no part of the aktstykke.

Such a header is read as mail and HTTP write theirs: the text's first lines, each one word and
a colon before its value, closed by a blank line. An aktstykke opens with its page stamp, its
number or its ministry, none of which reads so, so nothing of the document is taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(r"^(?P<key>[A-Za-zÆØÅæøå][\w-]*): \S")


@dataclass(frozen=True)
class Filhoved:
    keys: list[str]   # the header's fields, in order
    lines: int        # the lines it takes, the blank lines closing it counted


def filhoved(text: str) -> Filhoved:
    """The header above the document, if the text opens with one (else no keys, no lines)."""
    lines = text.split("\n")
    keys = []
    for line in lines:
        field = _FIELD.match(line)
        if field is None:
            break
        keys.append(field["key"])
    blank = len(keys)
    while blank < len(lines) and not lines[blank].strip():
        blank += 1
    if not keys or blank == len(keys):   # no blank line closes it: the document's own lines
        return Filhoved([], 0)
    return Filhoved(keys, blank)
