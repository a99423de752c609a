"""Amounts written in the imported prose, turned into the references a spec uses.

A written amount becomes a reference only when the draft's own data, rendered by the same view
the build uses, prints exactly what the text says: the total ({udgift}), an account's amount,
a recipient's, the financing, a year's total. What no reference prints is left for udkast.py
to name or mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aktstykker_gen.kinds.aktstykke.indlaesning.layout import LONG_DATE
from aktstykker_gen.references import references
from aktstykker_gen.written_amounts import written_amounts

# "akt. 281 af 26. juni 2025": a cited aktstykke, by number and date.
AKT = re.compile(rf"\bakt\. (?P<nr>\d+) af (?P<dato>{LONG_DATE})")

Resolver = Callable[[str], str | None]


@dataclass
class Henvisninger:
    """Turns amounts in texts into references, by what the draft's data prints."""

    resolve: Resolver            # a reference's printed text, or None when the data lacks it
    candidates: list[str]        # every reference to try, most specific meaning first
    name: Callable[[str], str | None]   # a named amount for one no data prints, or None
    recipients: dict[str, str] = field(default_factory=dict)   # navn → id
    left: list[str] = field(default_factory=list)   # the amounts nothing could name

    def text(self, text: str, prefer: Iterable[str] = ()) -> str:
        """`text` with each amount a reference prints exactly replaced by that reference."""
        out, end = [], 0
        printed = {ref: self.resolve(ref) for ref in [*prefer, *self.candidates]}
        text = AKT.sub(lambda m: f"{{akt:{m['nr']}}}", text)
        for written in written_amounts(text):
            shown = written.text
            # "… 4,8 mio. kr. til Amgros": the recipient's allocation, whatever else prints it
            own = [f"{{modtager:{rid}}}" for navn, rid in self.recipients.items()
                   if text[written.end:].startswith(f" til {navn}")]
            found = next((ref for ref in own if self.resolve(ref) == shown), None) or next(
                (ref for ref, value in printed.items() if value == shown), None)
            # "48,5 mio. kr. i 2025-2027": a span's total, printed with its years
            spans = None if found else next((ref for ref, value in printed.items() if value and
                                             value.startswith(f"{shown} ") and
                                             text.startswith(value, written.start)), None)
            found = found or spans or self.name(shown)
            if found is None:
                self.left.append(shown)
                continue
            out.append(text[end:written.start] + found)
            end = written.start + len(printed[spans] or "") if spans else written.end
        return "".join(out) + text[end:]


def plain(text: str) -> str:
    """As the canonical text prints it: plain spaces."""
    return text.replace("\u00a0", " ")


def has_references(text: str) -> bool:
    return any(True for _ in references(text))
