"""The standard sentences of confidentiality (Budgetvejledningen 3.4.2): what is confidential,
why, and when or how it may be made public; worded from the fields, never typed.

    Indholdet af bilag 2 til nærværende aktstykke er fortroligt af hensyn til statens
    forhandlingsposition. Bilaget kan offentliggøres den 30. juni 2026.

A public total that includes a bilag's confidential figures (declared, AKT167) is said too:

    Beløbet på 18,5 mio. kr. omfatter fortrolige beløb, jf. bilag 2.
"""

from __future__ import annotations

from collections.abc import Callable

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Bilag, Fortrolighed


def bilag_sætning(bilag: Bilag, prose: Callable[[str], str]) -> str:
    """The statement that a bilag's content is confidential; `prose` writes a reference's
    amount (the view's)."""
    assert bilag.fortrolighed is not None
    return (f"Indholdet af bilag {bilag.nr} til nærværende aktstykke er fortroligt af hensyn "
            f"til {bilag.fortrolighed.grund}.{ophæves('Bilaget', bilag.fortrolighed)}"
            + omfatter(bilag, prose))


def bilagssætninger(model: Aktstykke, prose: Callable[[str], str]) -> list[str]:
    """`indsæt: fortrolige_bilag`: one statement per confidential bilag, in their order."""
    return [bilag_sætning(b, prose) for b in model.bilag if b.fortrolighed]


def omfatter(bilag: Bilag, prose: Callable[[str], str]) -> str:
    """The sentence that the declared public totals include the bilag's confidential
    figures, or "" when none is declared."""
    assert bilag.fortrolighed is not None
    amounts = [prose(f"{{{total}}}") for total in bilag.fortrolighed.offentlige_totaler]
    if not amounts:
        return ""
    hvad = "Beløbet" if len(amounts) == 1 else "Beløbene"
    return (f" {hvad} på {formatting.enumeration(amounts)} omfatter fortrolige beløb, jf. "
            f"bilag {bilag.nr}.")


def ophæves(hvad: str, fortrolighed: Fortrolighed) -> str:
    """The sentence saying when or how `hvad` may be made public, or "" when not stated."""
    if fortrolighed.ophæves:
        return f" {hvad} kan offentliggøres den {formatting.long_date(fortrolighed.ophæves)}."
    if fortrolighed.ophæves_når:
        return f" {hvad} kan offentliggøres, når {fortrolighed.ophæves_når}."
    return ""
