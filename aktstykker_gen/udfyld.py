"""The places `aktstykke new` leaves for the clerk to fill in, in a spec of any kind.

`aktstykke new` marks each place with the word UDFYLD (scaffold.py), in a text or in a comment,
followed by what goes there, to the end of the line, a ']', a '#' or a quote: "UDFYLD sagens
titel", "# UDFYLD: mødets dato", "[UDFYLD: formålet] …"; what a copy's marks name is each
kind's (`kinds.Kopi`: an aktstykke's dato, a meeting's). A mark may stand in a comment (a
date, a number), so the spec's text is searched, not its data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from aktstykker_gen.diagnostics import Span
from aktstykker_gen.rules import Finding, Subject

UDFYLD = re.compile(r"\bUDFYLD\b:?\s*([^#\]\"'\n]*)")


def tilbage(spec: Subject[Any]) -> Iterator[Finding]:
    """A finding for each mark left in the spec's source."""
    source = spec.validated.source
    if "UDFYLD" not in source.text:   # one scan, not one per line of 60.000
        return
    for number, line in enumerate(source.text.split("\n"), start=1):
        for mark in UDFYLD.finditer(line):
            what = mark[1].strip()
            yield Finding(f"skal udfyldes: {what}" if what else "her står UDFYLD",
                          Span(source.file, number, mark.start() + 1, len("UDFYLD")),
                          hint="skriv det, der mangler, og slet UDFYLD")
