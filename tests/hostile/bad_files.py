"""Bad files of every shape a reader can be handed: not a regular file, too large, a bomb, damaged,
in the wrong encoding. Each shape makes its file at a path the test chooses (with the suffix
the reader wants), cheaply: the 3 GB file is sparse, the bombs are made once per session."""

from __future__ import annotations

import io
import os
import socket
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aktstykker_gen import limits
from aktstykker_gen.load import MAX_BYTES

# What each suffix's reader accepts at most, so "over the limit" is one byte over it.
SIZE_LIMITS = {".yaml": MAX_BYTES, ".txt": limits.TEXT_BYTES, ".csv": limits.KONTOPLAN_BYTES,
               ".docx": limits.DOCX_BYTES, ".pdf": limits.PDF_BYTES,
               ".json": limits.MANIFEST_BYTES}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Shape:
    name: str
    kind: str                          # "type", "size", "bomb", "damaged" or "content"
    make: Callable[[Path, dict[str, Path]], None]   # (path, the session's built seed files)
    suffixes: tuple[str, ...] | None = None          # None: made for any reader
    says: str | None = None                          # what the refusal's message must contain


def _fifo(path: Path, _: dict) -> None:
    os.mkfifo(path)


def _link_to(target: str) -> Callable[[Path, dict], None]:
    def make(path: Path, _: dict) -> None:
        path.symlink_to(target)
    return make


def _directory(path: Path, _: dict) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text("titel: x\n", encoding="utf-8")


def _socket(path: Path, _: dict) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))   # left bound: the file stays a socket until the test's folder goes
    _SOCKETS.append(listener)


_SOCKETS: list[socket.socket] = []


def _sparse(path: Path, _: dict) -> None:
    with path.open("wb") as handle:
        handle.truncate(3 * 1024 ** 3)   # 3 GB of zero bytes, no disk used


def _over_limit(path: Path, _: dict) -> None:
    limit = SIZE_LIMITS[path.suffix]
    with path.open("wb") as handle:    # real bytes, not a hole: one byte over the limit
        line = b"# " + b"x" * 1021 + b"\n"
        for _ in range(limit // len(line) + 1):
            handle.write(line)


def _bytes(data: bytes) -> Callable[[Path, dict], None]:
    def make(path: Path, _: dict) -> None:
        path.write_bytes(data)
    return make


_DANISH = "titel: Strategi for ældre og børn på Ærø\nministerium: Økonomiministeriet\n"


def _docx_with(body: str | None = None, extra: dict[str, bytes] | None = None,
               document: bytes | None = None) -> bytes:
    """A small valid DOCX whose body (or whole document part) is given, plus other parts."""
    buffer = io.BytesIO()
    xml = document if document is not None else (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
        f"</w:body></w:document>").encode()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
    'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')


def _cell(text: str, span: int | None = None) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _zip_bomb() -> bytes:
    """582 KB that unpack to 400 MB, as the issue found: here 60 MB of spaces in the body."""
    padding = b" " * (60 * 1024 * 1024)
    document = (f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>').encode() + padding \
        + b"</w:body></w:document>"
    return _docx_with(document=document)


def _lying_docx() -> bytes:
    """A part whose headers say 100 bytes but that holds 8 MB: no header is to be trusted."""
    name = b"word/big.xml"
    data = bytearray(_docx_with("<w:p/>", {name.decode(): b"<a>" + b" " * (8 * 1024 * 1024)
                                           + b"</a>"}))
    # The declared size stands at offset 22 of a local header, 24 of a directory entry.
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = data.find(signature)
        while start >= 0:
            if data[start + name_at:start + name_at + len(name)] == name:
                data[start + size_at:start + size_at + 4] = (100).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    return bytes(data)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalogue), written by hand:
    pypdf takes seconds to write 5,000 pages."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def _pdf_pages(count: int, declared: int | None = None) -> bytes:
    """`count` blank pages; the page tree may declare another count (a lie to pass a check)."""
    kids = b" ".join(f"{3 + i} 0 R".encode() for i in range(count))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [" + kids + b"] /Count "
                 + str(count if declared is None else declared).encode() + b" >>",
                 *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count])


def _pdf_drawing(megabytes: int) -> bytes:
    """One page whose drawing instructions unpack from some KB to `megabytes`."""
    import zlib

    content = zlib.compress(b"0 0 m " * (megabytes * 1024 * 1024 // 6), 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
                 + content + b"\nendstream"])


def _truncated(suffix: str) -> Callable[[Path, dict], None]:
    def make(path: Path, built: dict[str, Path]) -> None:
        data = built[suffix].read_bytes()
        path.write_bytes(data[:len(data) // 2])
    return make


def _once(factory: Callable[[], bytes]) -> Callable[[Path, dict], None]:
    """A bomb made once per session (some take a moment), then hard-linked where needed."""
    made: dict[str, Path] = {}

    def make(path: Path, built: dict[str, Path]) -> None:
        if "file" not in made:
            first = built["folder"] / f"bomb-{id(factory)}{path.suffix}"
            first.write_bytes(factory())
            made["file"] = first
        os.link(made["file"], path)
    return make


def _block_device() -> str | None:
    for name in sorted(os.listdir("/dev")):
        path = f"/dev/{name}"
        try:
            if os.path.exists(path) and os.stat(path).st_mode & 0o170000 == 0o060000:
                return path
        except OSError:
            continue
    return None


BLOCK_DEVICE = _block_device()

NOT_A_FILE = "ikke en almindelig fil"
TOO_LARGE = "filen er større end"

GENERIC = [
    Shape("fifo", "type", _fifo, says=NOT_A_FILE),
    Shape("link-to-dev-zero", "type", _link_to("/dev/zero"), says=NOT_A_FILE),
    Shape("link-to-dev-null", "type", _link_to("/dev/null"), says=NOT_A_FILE),
    *([Shape("link-to-block-device", "type", _link_to(BLOCK_DEVICE), says=NOT_A_FILE)]
      if BLOCK_DEVICE else []),
    Shape("directory", "type", _directory, says=NOT_A_FILE),
    Shape("socket", "type", _socket, says=NOT_A_FILE),
    Shape("sparse-3-gb", "size", _sparse, says=TOO_LARGE),
    Shape("one-byte-over-the-limit", "size", _over_limit, says=TOO_LARGE),
    Shape("latin-1", "content", _bytes(_DANISH.encode("latin-1"))),
    Shape("utf-16", "content", _bytes(_DANISH.encode("utf-16"))),
    Shape("empty", "content", _bytes(b"")),
    Shape("garbage", "content", _bytes(bytes(range(256)) * 16)),
]

SPECIFIC = [
    Shape("docx-zip-bomb", "bomb", _once(_zip_bomb), (".docx",), "gange sin størrelse"),
    Shape("docx-cell-spanning-100000-columns", "bomb",
          _once(lambda: _docx_with("<w:tbl><w:tr>" + _cell("x", 100_000) + "</w:tr></w:tbl>")),
          (".docx",), "spænder over 100000 kolonner; højst 63"),
    Shape("docx-30000-cells", "bomb",
          _once(lambda: _docx_with("<w:tbl>" + ("<w:tr>" + _cell("x") * 100 + "</w:tr>") * 300
                                   + "</w:tbl>")), (".docx",), "over 20.000 celler"),
    Shape("docx-2000-parts", "bomb",
          _once(lambda: _docx_with("<w:p/>", {f"word/media/p{i}.xml": b"<a/>" for i in range(2000)})),
          (".docx",), "dele; højst 1.000"),
    Shape("docx-part-lying-about-its-size", "damaged", _once(_lying_docx), (".docx",),
          "er ikke en DOCX-fil"),
    Shape("docx-truncated", "damaged", _truncated(".docx"), (".docx",), "er ikke en DOCX-fil"),
    Shape("pdf-5000-pages", "bomb", _once(lambda: _pdf_pages(5000)), (".pdf",),
          "filen har 5.000 sider; højst 200"),
    Shape("pdf-5000-pages-declaring-1", "bomb", _once(lambda: _pdf_pages(5000, declared=1)),
          (".pdf",), "filen har over 200 sider"),
    Shape("pdf-drawing-of-60-mb", "bomb", _once(lambda: _pdf_drawing(60)), (".pdf",),
          "pakkes ud til over 10 MB"),
    Shape("pdf-drawing-of-3-mb", "bomb", _once(lambda: _pdf_drawing(3)), (".pdf",),
          "mere end 2 MB instruktioner"),
    Shape("pdf-truncated", "damaged", _truncated(".pdf"), (".pdf",), "er ikke en PDF-fil"),
    Shape("csv-field-over-the-csv-module-limit", "bomb",
          _bytes(b'"16 ' + b"x" * 200_000 + b'"; 1,0\n'), (".csv",), "over 10.000 tegn"),
    Shape("csv-field-over-the-limit", "bomb",
          _bytes(b'"16 Indenrigs"; ' + b"1" * (limits.KONTOPLAN_FIELD + 1) + b"\n"), (".csv",),
          "over 10.000 tegn"),
]

SHAPES = GENERIC + SPECIFIC
