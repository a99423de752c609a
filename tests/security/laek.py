"""Every place a reader can dig text out of an output, for the leak tests: each output becomes
a set of named haystacks (strings), and a canary is found if any haystack holds it.

A PDF draws its text as glyph numbers of subsetted fonts, so a byte search of its content
streams finds no text: its text is read back as a reader would (pypdf, through each font's
ToUnicode map), and beside that every object is walked with pikepdf: each stream
decompressed (content, XMP metadata, fonts), each string decoded (document info, bookmarks'
/Title, the structure tree's /Alt, /ActualText, /T), each name. A DOCX is every part of its
zip unpacked, as bytes and as its XML's text without the tags (a word Word splits into runs),
and each part's name.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

import pikepdf
from pypdf import PdfReader

_TAG = re.compile(rb"<[^>]+>")


def squeezed(text: str) -> str:
    """Without white space (a line break, a non-breaking space): a canary has none, and a
    number may be set with a thin or non-breaking space in it."""
    return "".join(text.split())


def pdf_haystacks(data: bytes) -> dict[str, str]:
    """The PDF's extracted text, and every decoded string, name and decompressed stream of
    every object (the trailer's too) together with the file's raw bytes."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    found: list[str] = [data.decode("latin-1")]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _walk(pdf.trailer, found, top=True)
        for obj in pdf.objects:
            _walk(obj, found, top=True)
        metadata = str(pdf.open_metadata())   # the XMP, parsed
    objects = "\n".join(found)
    return {"pdf-tekst": text, "pdf-tekst uden mellemrum": squeezed(text),
            "pdf-objekter": objects, "pdf-xmp": metadata}


def _walk(obj: Any, found: list[str], top: bool = False) -> None:
    """Collect the readable content of `obj`; an indirect object it refers to is collected
    where `pdf.objects` lists it."""
    if not top and getattr(obj, "is_indirect", False):
        return
    if isinstance(obj, pikepdf.Stream):
        try:
            raw = obj.read_bytes()
        except pikepdf.PdfError:   # a filter pikepdf cannot undo: the raw bytes then
            raw = obj.read_raw_bytes()
        found.append(raw.decode("latin-1"))
        found.append(raw.decode("utf-8", "ignore"))
        found.append(raw.decode("utf-16-be", "ignore"))
        for key, value in obj.items():
            found.append(str(key))
            _walk(value, found)
    elif isinstance(obj, pikepdf.Dictionary):
        for key, value in obj.items():
            found.append(str(key))
            _walk(value, found)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            _walk(value, found)
    elif isinstance(obj, pikepdf.String):
        found.append(str(obj))
        found.append(bytes(obj).decode("latin-1"))
    elif isinstance(obj, pikepdf.Name):
        found.append(str(obj))


def docx_haystacks(data: bytes) -> dict[str, str]:
    """Every part of the package: its name, its bytes and its text without tags."""
    found: dict[str, str] = {"docx-zip": data.decode("latin-1")}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        found["docx-kommentar"] = package.comment.decode("latin-1")
        for name in package.namelist():
            part = package.read(name)
            if name.endswith((".xml", ".rels")):
                found[f"docx:{name}"] = name + "\n" + part.decode("utf-8", "replace")
                found[f"docx-tekst:{name}"] = _TAG.sub(b"", part).decode("utf-8", "replace")
            else:   # a font or an image: its bytes as they are (an ASCII canary would show)
                found[f"docx:{name}"] = name + "\n" + part.decode("latin-1")
    return found


def haystacks(name: str, data: bytes) -> dict[str, str]:
    """An output by its name: a PDF's and a DOCX's every part as above, anything else as
    text; the name is a haystack too."""
    found = {f"navn:{name}": name}
    lowered = name.lower()
    if lowered.endswith(".pdf"):
        found.update({f"{name}/{k}": v for k, v in pdf_haystacks(data).items()})
    elif lowered.endswith(".docx"):
        found.update({f"{name}/{k}": v for k, v in docx_haystacks(data).items()})
    else:
        text = data.decode("utf-8", "replace")
        found.update({name: text, f"{name} uden mellemrum": squeezed(text)})
    return found


def hits(canaries: Iterable[str], found: dict[str, str]) -> dict[str, list[str]]:
    """Each canary that some haystack holds → the haystacks that hold it."""
    result = {}
    for canary in canaries:
        where = [name for name, text in found.items() if canary in text]
        if where:
            result[canary] = where
    return result
