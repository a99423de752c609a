"""The head of page one and the running line, as Folketinget prints them (ft.dk, e.g.
tests/real/akt283-2020-21.txt):

    Aktstykke nr. 283                                  283
    Folketinget 2020-21
    Afgjort den 25. marts 2020

A confidential aktstykke is lettered, not numbered ("akt. H af 19. december 2019"); once its
confidentiality is lifted the head says so: "Tidligere fortroligt aktstykke H. Fortroligheden
er ophævet ved ministerens skrivelse af 3. februar 2020." The running line repeats the
designation on every page after the first; it and the document code are page furniture.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.fortrolighed import ophæves
from aktstykker_gen.kinds.aktstykke.model import Aktstykke, Omfang


@dataclass(frozen=True)
class Hoved:
    betegnelse: str | None   # "Aktstykke nr. 283", "Aktstykke H"; None: no head is printed
    tegn: str                # the number or letter, standing large on its own
    noter: tuple[str, ...]   # the lines under the head: decided, confidential, lifted
    løbelinje: str           # the running line; "" when there is none


def hoved(model: Aktstykke) -> Hoved:
    tegn = str(model.nummer) if model.nummer is not None else model.bogstav or ""
    fortrolig = model.er_fortrolig()
    betegnelse = None
    if model.nummer is not None:
        betegnelse = f"Aktstykke nr. {model.nummer}"
    elif model.bogstav is not None:
        betegnelse = f"{'Fortroligt aktstykke' if fortrolig else 'Aktstykke'} {model.bogstav}"
    noter = []
    if betegnelse and model.afgørelse is not None:
        noter.append(f"Afgjort den {formatting.long_date(model.afgørelse.dato)}")
    if fortrolighed := model.fortrolighed:
        if fortrolighed.ophævet is None:
            hvad = "indhold" if fortrolighed.omfang is Omfang.indhold else "eksistens og indhold"
            noter.append(f"Aktstykkets {hvad} er fortroligt af hensyn til {fortrolighed.grund}."
                         + ophæves("Aktstykket", fortrolighed))
        else:
            noter.append(f"Tidligere fortroligt aktstykke {tegn}. Fortroligheden er ophævet ved "
                         f"{fortrolighed.ophævet.ved} af "
                         f"{formatting.long_date(fortrolighed.ophævet.dato)}.")
    løbelinje = ""
    if betegnelse:
        løbelinje = betegnelse + (f", Folketinget {model.folketingsår}"
                                  if model.folketingsår else "")
    return Hoved(betegnelse, tegn, tuple(noter), løbelinje)
