"""The standard sentences of confidentiality (Budgetvejledningen 3.4.2): what is confidential,
why, and when or how it may be made public; worded from the fields, never typed.

    Indholdet af bilag 2 til nærværende aktstykke er fortroligt af hensyn til statens
    forhandlingsposition. Bilaget kan offentliggøres den 30. juni 2026.
"""

from __future__ import annotations

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Bilag, Fortrolighed


def bilag_sætning(bilag: Bilag) -> str:
    """The statement in the main text that a bilag's content is confidential."""
    assert bilag.fortrolighed is not None
    return (f"Indholdet af bilag {bilag.nr} til nærværende aktstykke er fortroligt af hensyn "
            f"til {bilag.fortrolighed.grund}.{ophæves('Bilaget', bilag.fortrolighed)}")


def bilagssætninger(model: Aktstykke) -> list[str]:
    """`indsæt: fortrolige_bilag`: one statement per confidential bilag, in their order."""
    return [bilag_sætning(b) for b in model.bilag if b.fortrolighed]


def ophæves(hvad: str, fortrolighed: Fortrolighed) -> str:
    """The sentence saying when or how `hvad` may be made public, or "" when not stated."""
    if fortrolighed.ophæves:
        return f" {hvad} kan offentliggøres den {formatting.long_date(fortrolighed.ophæves)}."
    if fortrolighed.ophæves_når:
        return f" {hvad} kan offentliggøres, når {fortrolighed.ophæves_når}."
    return ""
