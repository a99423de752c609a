"""A DOCX's text as a reader sees it: its body's paragraphs, and each table row as one line.

A DOCX is a zip, and a zip can be a bomb: 500 KB that unpack to 400 MB, a million parts, a
header that lies about a part's size. So the zip's directory is checked before anything is
unpacked (number of parts, declared sizes, packing ratio), the text part is unpacked with a
bounded read that trusts no header, and only that part is parsed, by python-docx's XML
classes, for the same paragraph text as python-docx gives. Table rows are walked directly,
cell by cell: python-docx's `row.cells` lays out the whole grid for every cell, so one cell
spanning 100,000 columns took minutes. Every limit is in `limits`.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aktstykker_gen import limits
from aktstykker_gen.bounded import (
    TOO_LARGE,
    UNREADABLE,
    Refused,
    number,
    read_bytes,
    refusal,
    size_text,
)

_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_END_OF_DIRECTORY = b"PK\x05\x06"


def docx_lines(path: Path) -> list[str]:
    return list(_lines(docx_body(path)[0]))


def docx_body(path: Path, wanted: Callable[[str], bool] = lambda name: False
              ) -> tuple[Any, dict[str, bytes]]:
    """The text part's parsed body (its cells and spans within the limits), and the other
    parts whose names `wanted` picks, each unpacked within DOCX_BODY_BYTES; `Refused` for a
    file that is no DOCX or is over a limit."""
    raw = read_bytes(path, limits.DOCX_BYTES, limits.DOCX_HINT)
    try:
        text, parts = _unpack(path, raw, wanted)
        return _body(path, text), parts
    except Refused:
        raise
    except Exception as error:  # zipfile, zlib, lxml and python-docx each fail their own way
        raise _not_docx(path, error) from None     # on a damaged file; all limits hold before


def _unpack(path: Path, raw: bytes, wanted: Callable[[str], bool]
            ) -> tuple[bytes, dict[str, bytes]]:
    _check_directory(path, raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = archive.infolist()
        _check_members(path, members)
        _unpack_each(archive, members)
        part = _main_part(path, archive, {info.filename for info in members})
        return (_bounded_member(path, archive, part, limits.DOCX_BODY_BYTES),
                {info.filename: _bounded_member(path, archive, info.filename,
                                                limits.DOCX_BODY_BYTES)
                 for info in members if info.filename != part and wanted(info.filename)})


def _check_directory(path: Path, raw: bytes) -> None:
    """The zip's end record, read before `zipfile` makes an object for every part it lists."""
    end = raw.rfind(_END_OF_DIRECTORY, max(0, len(raw) - 65_557))
    if end < 0 or len(raw) < end + 22:
        raise _not_docx(path, "ingen zip-indholdsfortegnelse")
    entries, directory_size = struct.unpack_from("<HI", raw, end + 10)
    if entries > limits.DOCX_ENTRIES or directory_size > limits.DOCX_ENTRIES * 1_024:
        raise _too_many_parts(path, entries)


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > limits.DOCX_ENTRIES:
        raise _too_many_parts(path, len(members))
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > limits.DOCX_RATIO_FROM and \
                info.file_size > limits.DOCX_RATIO * max(1, info.compress_size):
            raise _too_large(path, f"delen {info.filename} pakkes ud til "
                                   f"{number(info.file_size // max(1, info.compress_size))} gange sin "
                                   f"størrelse; højst {limits.DOCX_RATIO} gange (en zip-bombe?)")
        if total > limits.DOCX_TOTAL_BYTES:
            raise _too_large(path, f"delene pakkes ud til mere end "
                                   f"{size_text(limits.DOCX_TOTAL_BYTES)}")


def _unpack_each(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Every part unpacked once and dropped (at most DOCX_TOTAL_BYTES, as checked): zipfile
    stops at the declared size, so a part holding more than its header says fails its CRC
    here (BadZipFile), before python-docx's parser sees any of it."""
    for info in members:
        with archive.open(info) as member:
            while member.read(limits.MB):
                pass


def _main_part(path: Path, archive: zipfile.ZipFile, names: set[str]) -> str:
    """The document part the package's relationships name (Word's is word/document.xml)."""
    from docx.oxml.parser import parse_xml

    part = "word/document.xml"
    if "_rels/.rels" in names:
        rels = parse_xml(_bounded_member(path, archive, "_rels/.rels", 1 * limits.MB))
        for rel in rels:
            target = rel.get("Target")
            if rel.get("Type") == _MAIN and target:
                part = target.lstrip("/")
    if part not in names:
        raise _not_docx(path, f"dokumentdelen {part} mangler")
    return part


def _bounded_member(path: Path, archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A part unpacked, reading at most one byte past `limit` whatever its header says."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise _too_large(path, f"delen {name} fylder {size_text(info.file_size)} udpakket; "
                               f"højst {size_text(limit)}")
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, f"delen {name} fylder mere end {size_text(limit)} udpakket")
    return data


def _body(path: Path, xml: bytes) -> Any:
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    body = parse_xml(xml).find(qn("w:body"))
    if body is None:
        raise _not_docx(path, "dokumentdelen har ingen brødtekst")
    for cells, cell in enumerate(body.iter(qn("w:tc")), start=1):
        if cells > limits.DOCX_CELLS:
            raise _too_large(path, f"tabellerne har over {number(limits.DOCX_CELLS)} celler")
        span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        if span is not None and not _span_ok(span.get(qn("w:val"))):
            raise _too_large(path, f"en tabelcelle spænder over {(span.get(qn('w:val')) or '')[:20]} "
                                   f"kolonner; højst {limits.DOCX_SPAN}")
    return body


def _span_ok(value: str | None) -> bool:
    return value is None or (value.isdigit() and len(value) <= 3 and int(value) <= limits.DOCX_SPAN)


def _lines(body: Any) -> Any:
    """The body's paragraphs and table rows, in order, as python-docx gives their text."""
    from docx.oxml.ns import qn

    paragraph, table = qn("w:p"), qn("w:tbl")
    for block in body:
        if block.tag == paragraph:
            yield block.text
        elif block.tag == table:
            for row in block.iterchildren(qn("w:tr")):
                yield "  ".join("\n".join(p.text for p in cell.iterchildren(paragraph))
                                for cell in row.iterchildren(qn("w:tc")))


def _not_docx(path: Path, error: object) -> Refused:
    reason = error if isinstance(error, str) else type(error).__name__
    return refusal(path, UNREADABLE, f"er ikke en DOCX-fil ({reason})",
                   "giv en .docx skrevet af Word, LibreOffice eller 'aktstykke build'")


def _too_many_parts(path: Path, parts: int) -> Refused:
    return _too_large(path, f"zip-filen har {number(parts)} dele; højst "
                            f"{number(limits.DOCX_ENTRIES)}")


def _too_large(path: Path, message: str) -> Refused:
    return refusal(path, TOO_LARGE, message, limits.DOCX_HINT)
