"""The shipped font inside the DOCX, as Word embeds fonts (ECMA-376 Part 1 §17.8.1).

A DOCX that only names its face is laid out in whatever the reader's machine has under that
name, or a wider fallback; embedded, Word and LibreOffice both set it in the shipped Liberation
Serif, with the PDF's metrics. The template's fontTable.xml says which files are embedded and
under which keys; this module makes the parts from templates/fonts: each font file with its
first 32 bytes XORed with its key (an "obfuscated" .odttf), the form Word writes and reads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMBEDS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


def embedded_fonts(parts: Path, fonts: Path) -> dict[str, bytes]:
    """Part name → bytes of the font table's links (word/_rels/fontTable.xml.rels, from the
    template) and of each font they link to (word/fonts/X.odttf: fonts/X.ttf, obfuscated with
    its key in the font table)."""
    return dict(_embedded_fonts(parts.resolve(), fonts.resolve()))


@cache
def _embedded_fonts(parts: Path, fonts: Path) -> tuple[tuple[str, bytes], ...]:
    table, links = parts / "word" / "fontTable.xml", parts / "word" / "_rels" / "fontTable.xml.rels"
    if not links.is_file():
        return ()
    targets = {rel.get("Id"): rel.get("Target", "") for rel in etree.parse(str(links)).getroot()
               if rel.get("Type", "").endswith("/relationships/font")}
    made = [(links.relative_to(parts).as_posix(), links.read_bytes())]
    for embed in etree.parse(str(table)).iter(*(f"{{{W}}}{name}" for name in EMBEDS)):
        target = PurePosixPath("word") / targets[embed.get(f"{{{R}}}id", "")]
        font = (fonts / target.name).with_suffix(".ttf").read_bytes()
        made.append((target.as_posix(), obfuscated(font, embed.get(f"{{{W}}}fontKey", ""))))
    return tuple(made)


def obfuscated(font: bytes, key: str) -> bytes:
    """§17.8.1: the GUID's 16 bytes, read from its last hex pair to its first, XORed into the
    font's first 32 bytes (twice over). Its own inverse, so it also reads an .odttf."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    if len(digits) != 16:
        raise ValueError(f"a font key is a GUID, not {key!r}")
    head = bytes(b ^ digits[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]
