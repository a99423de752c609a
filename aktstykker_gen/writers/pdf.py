"""The document tree as PDF, through WeasyPrint.

The renderer may read the package's own templates folder (stylesheet and
fonts) and nothing else: no file a spec names, no network. Fonts come from
the package via @font-face, so the PDF is the same on every machine.
"""

from __future__ import annotations

import mimetypes
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from aktstykker_gen.document import Document
from aktstykker_gen.writers import page_references, per_page, pseudo_styles
from aktstykker_gen.writers.frame_stack import with_room
from aktstykker_gen.writers.html import write_html
from aktstykker_gen.writers.libraries import one_library_lookup
from aktstykker_gen.writers.pdf_tags import finish
from aktstykker_gen.writers.pdf_variants import DEFAULT

with one_library_lookup():
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

page_references.install()
per_page.install()
pseudo_styles.install()


class PackageOnlyFetcher(URLFetcher):
    """Serves files under one folder; refuses every other URL."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve()
        if parts.scheme != "file" or parts.netloc or not path.is_relative_to(self.root):
            raise PermissionError(f"refused to fetch {url}: outside the package's templates")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def write_pdf(doc: Document, stylesheet: Path, assets: Path, variant: str = DEFAULT) -> bytes:
    """The PDF in `variant` (one of pdf_variants.SUPPORTED), always tagged."""
    fetcher = PackageOnlyFetcher(assets)
    fonts = FontConfiguration()
    try:
        css = CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts)
        html = HTML(string=write_html(doc), base_url=str(assets) + "/", url_fetcher=fetcher)
        pdf = with_room(html.write_pdf, stylesheets=[css], font_config=fonts,
                        pdf_variant=variant, pdf_tags=True, finisher=finish)
    finally:
        _remove_font_copies(fonts)
    assert pdf is not None
    return pdf


def warm_up(assets: Path) -> None:
    """Make a PDF of one line of text, and throw it away: a process's first PDF spends some
    80 ms setting up what every later one reuses (fontconfig, Pango, WeasyPrint's caches),
    and this one line costs about half of that. The PDF helper does it while the build checks
    the spec (pdf_helper.py); the PDFs made after it are the same bytes."""
    HTML(string="<p>x</p>", url_fetcher=PackageOnlyFetcher(assets)).write_pdf(
        pdf_variant=DEFAULT, pdf_tags=True)


def _remove_font_copies(fonts: FontConfiguration) -> None:
    """WeasyPrint copies each @font-face font into a new folder in TMPDIR (1,5 MB a PDF) and
    removes it only when the configuration is garbage collected, which a process that exits,
    such as a build's worker, never waits for: every PDF left its copies behind. Removed as
    soon as the PDF is made, or its making stopped. (`_folder` is WeasyPrint's own name.)"""
    folder = getattr(fonts, "_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
