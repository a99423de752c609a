"""Finansudvalgets afgørelse, worded as Folketinget prints it under a decided aktstykke.

The wordings of the seed and of ft.dk's case pages (tests/real/decision-lines.txt):

    Tiltrådt af Finansudvalget den 09-10-2025
    Tiltrådt af et flertal i Finansudvalget den 07-02-2013 (udvalget med undtagelse af
    Enhedslistens medlemmer, der stemte imod aktstykket)
    Taget til efterretning af Finansudvalget den 25-09-2025    (an orienterende aktstykke)

then the committee's remarks and the parties' påtegninger, a paragraph each. The pages differ
on a closing full stop (akt. 99 2017-18 has one, the seed and akt. 62 2012-13 have none); the
line is printed as the seed prints it, without.
"""

from __future__ import annotations

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.model import Aktstykke


def linje(model: Aktstykke) -> str | None:
    """The decision line, or None for an aktstykke not yet decided."""
    afgørelse = model.afgørelse
    if afgørelse is None:
        return None
    handling = "Taget til efterretning" if model.orienterende else "Tiltrådt"
    flertal = afgørelse.flertal if afgørelse.flertal is not None else bool(afgørelse.stemte_imod)
    hvem = f"et flertal i {model.adressat}" if flertal else model.adressat
    tekst = f"{handling} af {hvem} den {formatting.short_date(afgørelse.dato)}"
    if afgørelse.stemte_imod:
        tekst += (f" (udvalget med undtagelse af {formatting.enumeration(afgørelse.stemte_imod)}"
                  ", der stemte imod aktstykket)")
    return tekst
