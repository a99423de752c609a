"""A PDF's text as a reader sees it: its pages' text layer, without page numbers, UDKAST or FORTROLIGT.

pypdf reads lazily, so the limits are checked in the order that keeps a hostile file cheap:
the file's size, then the page count the file declares, then the pages pypdf finds (its page
tree walk capped by pypdf's own configuration), then the size of every page's drawing
instructions before any text is extracted. Every limit is in `limits`.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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

_PAGE_NUMBER = re.compile(r"\n\s*\d{1,4}\s*$")
T = TypeVar("T")


def pdf_lines(path: Path) -> list[str]:
    from aktstykker_gen.document import CONFIDENTIAL_MARK, DRAFT_MARK

    texts = read_pdf(path, lambda _, pages: [page.extract_text() or "" for page in pages])
    lines = "\n".join(_PAGE_NUMBER.sub("", text) for text in texts).split("\n")
    # The marks stand at the top of the page: alone on a line, or after the running line.
    marks = re.compile(rf"(?:\s*\b(?:{DRAFT_MARK}|{CONFIDENTIAL_MARK}))+\s*$")
    return [kept for line in lines if (kept := marks.sub("", line)) or not marks.search(line)]


def read_pdf(path: Path, read: Callable[[Any, list[Any]], T]) -> T:
    """What `read` makes of the file's reader and its pages, within every limit: pypdf reads
    lazily, so `read` runs inside them, and any failure of pypdf's is the file's refusal."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    raw = read_bytes(path, limits.PDF_BYTES, limits.PDF_HINT)
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its repairs are not the reader's news
    bounded = {"page_tree_maximum_entries": 4 * limits.PDF_PAGES,
               "page_tree_maximum_page_entries": 100 * limits.PDF_PAGES,
               "zlib_maximum_output_length": limits.PDF_STREAM_BYTES,
               "lzw_maximum_output_length": limits.PDF_STREAM_BYTES,
               "run_length_maximum_output_length": limits.PDF_STREAM_BYTES,
               "array_based_stream_maximum_output_length": limits.PDF_STREAM_BYTES,
               "brotli_maximum_output_length": limits.PDF_STREAM_BYTES,
               "maximum_declared_stream_length": limits.PDF_STREAM_BYTES}
    try:
        with apply_configuration(**bounded):  # type: ignore[arg-type]
            reader = PdfReader(io.BytesIO(raw))
            _check_pages(path, _declared_pages(reader))
            pages = list(reader.pages)
            _check_pages(path, len(pages))
            content = 0
            for page in pages:
                contents = page.get_contents()
                content += len(contents.get_data()) if contents is not None else 0
                if content > limits.PDF_CONTENT_BYTES:
                    raise _too_large(path, "siderne tegnes med mere end "
                                           f"{size_text(limits.PDF_CONTENT_BYTES)} instruktioner")
            return read(reader, pages)
    except Refused:
        raise
    except LimitReachedError as error:   # pypdf's own limits, set from ours above
        if "page tree" in str(error):
            raise _too_large(path, f"filen har over {number(limits.PDF_PAGES)} sider") from None
        raise _too_large(path, f"en del af filen pakkes ud til over "
                               f"{size_text(limits.PDF_STREAM_BYTES)}") from None
    except Exception as error:  # pypdf fails in many ways on a damaged file, some only when a
        # page's text is read (an unknown filter: NotImplementedError); all limits hold before
        raise refusal(path, UNREADABLE, f"er ikke en PDF-fil ({type(error).__name__})",
                      "giv en .pdf skrevet af 'aktstykke build' eller et kontorprogram") from None


def _declared_pages(reader: object) -> int:
    """The page count the document's page tree states (0 when it states none): cheap, and
    checked before pypdf walks the tree."""
    tree = reader.trailer["/Root"]["/Pages"]  # type: ignore[attr-defined]
    count = tree["/Count"] if "/Count" in tree else 0  # noqa: SIM401 (get() would not resolve it)
    return int(count) if isinstance(count, int) else 0


def _check_pages(path: Path, pages: int) -> None:
    if pages > limits.PDF_PAGES:
        raise _too_large(path, f"filen har {number(pages)} sider; højst {number(limits.PDF_PAGES)}")


def _too_large(path: Path, message: str) -> Refused:
    return refusal(path, TOO_LARGE, message, limits.PDF_HINT)
