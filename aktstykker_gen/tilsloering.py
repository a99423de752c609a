"""Diagnostics shown beside a public edition say where and which rule, never what.

A diagnostic's message, details, hint and the spec line quoted under it may hold the text of a
confidential part, which the public edition leaves out; `diff`, `redline`, `textconv` and the
preview of the public edition would print it beside a document that is otherwise clean (in a
CI log, a shared screen). So when the spec has confidential content, each diagnostic shown with
its public edition keeps its position, severity and code, and says the rule's title instead;
`aktstykke check` and the confidential edition show it whole.
"""

from __future__ import annotations

from dataclasses import replace

from aktstykker_gen.diagnostics import Diagnostic

SE_DETALJER = "detaljerne vises ikke med den offentlige udgave"
HJÆLP = "se dem med `aktstykke check` eller --udgave fortrolig"


def tilsløret(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic as its rule's title, without details, hint or quoted line."""
    from aktstykker_gen.catalogue import entries

    titles = {entry.code: entry.title for entry in entries()}
    return [replace(d, message=f"{titles.get(d.code, d.code)} ({SE_DETALJER})", details=(),
                    hint=HJÆLP, quoted=False) for d in diagnostics]
