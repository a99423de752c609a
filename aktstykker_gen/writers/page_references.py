"""pydyf's list of page references, built once per page count instead of once per question.

`pydyf.PDF.page_references` makes a new tuple of every page's reference each time it is read,
and WeasyPrint's tagging (PDF/UA) reads it once for each box it tags: the work grows with the
boxes times the pages, some 2 s of a 1.000-account aktstykke's PDF and most of its growth.
Here the tuple is kept with the number of pages it was made for and made again only when a
page has been added; pages are only ever appended (`PDF.add_page`), so it is the same tuple.
"""

from __future__ import annotations

from typing import Any

from aktstykker_gen.writers.libraries import one_library_lookup

with one_library_lookup():
    import pydyf

_MADE = "_aktstykke_page_references"   # (length of Kids, the tuple), on the PDF object


def page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    made = pdf.__dict__.get(_MADE)
    if made is None or made[0] != len(kids):
        made = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__[_MADE] = made
    return made[1]


def install() -> None:
    """Make `pydyf.PDF.page_references` the kept tuple (once per process)."""
    pydyf.PDF.page_references = property(page_references)
