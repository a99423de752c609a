"""The PDF variants a build writes (`aktstykke build --pdf-variant`), by WeasyPrint's names.

Every variant is tagged, so a screen reader can follow it; PDF/UA-1 is the default because
public bodies must publish accessible documents. The archive variants are PDF/A parts 2 and 3
(levels b and u), which allow the draft mark's transparency and PDF 1.7. Without a module
import of the renderer, so that the command line can refuse a value before anything is built.
"""

from __future__ import annotations

DEFAULT = "pdf/ua-1"

SUPPORTED = {
    "pdf/ua-1": "tilgængelig PDF (PDF/UA-1); standard",
    "pdf/a-2b": "arkivformat PDF/A-2b, med struktur til skærmlæsere",
    "pdf/a-2u": "arkivformat PDF/A-2u, med struktur til skærmlæsere",
    "pdf/a-3b": "arkivformat PDF/A-3b, med struktur til skærmlæsere",
    "pdf/a-3u": "arkivformat PDF/A-3u, med struktur til skærmlæsere",
}

# What WeasyPrint offers besides, and why a build does not write it.
REFUSED = {
    "pdf/ua-2": "PDF 2.0, som hverken pdfua eller outloud kan kontrollere her",
    "pdf/a-1a": "PDF/A-1 forbyder gennemsigtighed, som UDKAST-mærket bruger",
    "pdf/a-1b": "PDF/A-1 forbyder gennemsigtighed, som UDKAST-mærket bruger",
    "pdf/a-2a": "niveau a kræver kontroller, som ingen PDF/A-validator kan køre her",
    "pdf/a-3a": "niveau a kræver kontroller, som ingen PDF/A-validator kan køre her",
    "pdf/a-4u": "PDF 2.0, som hverken pdfua eller outloud kan kontrollere her",
    "pdf/a-4e": "PDF 2.0, som hverken pdfua eller outloud kan kontrollere her",
    "pdf/a-4f": "PDF 2.0, som hverken pdfua eller outloud kan kontrollere her",
    "pdf/x-1a": "trykformat med CMYK-farver, ikke til offentliggørelse",
    "pdf/x-3": "trykformat, ikke til offentliggørelse",
    "pdf/x-4": "trykformat, ikke til offentliggørelse",
    "pdf/x-5g": "trykformat, ikke til offentliggørelse",
    "debug": "WeasyPrints fejlsøgningsformat",
}


class UnknownVariant(ValueError):
    """A variant a build does not write; the message says why and names those it does."""


def variant(name: str) -> str:
    """`name` as a supported variant (case and spaces aside), or `UnknownVariant`."""
    key = name.strip().lower()
    if key in SUPPORTED:
        return key
    choices = ", ".join(SUPPORTED)
    if key in REFUSED:
        raise UnknownVariant(f"{name!r} understøttes ikke ({REFUSED[key]}); "
                             f"vælg {choices}")
    raise UnknownVariant(f"{name!r} er ingen PDF-variant; vælg {choices}")
