"""The preview's web server: 127.0.0.1 only, a fixed set of routes, nothing else.

    /                  the page
    /document          the page's changing part (the script fetches it after each event)
    /events            server-sent events: the newest version's number, once per change
    /aktstykke.pdf     the newest version, written on demand (cached per version)
    /aktstykke.docx
    /assets/<name>     the kinds' stylesheets, their fonts, the page's script and style

Everything else is 404. No file is ever found from a path in the URL: a route names a file
only through the table `asset_files` makes at start. Requests must name this server as
their Host (a page elsewhere cannot reach it by a DNS name that points here). Each
connection has its own daemon thread, since an event stream stays open for as long as the
page does.
"""

from __future__ import annotations

import contextlib
import errno
import socketserver
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from aktstykker_gen import assets
from aktstykker_gen.build import EDITION_SUFFIX
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.preview import page
from aktstykker_gen.preview.session import Preview
from aktstykker_gen.preview.watcher import Watcher
from aktstykker_gen.udgaver import Udgave

HOST = "127.0.0.1"
KEEPALIVE = 15.0       # seconds between comments on an idle event stream (finds closed pages)
STATIC = Path(__file__).resolve().parent / "static"

# The page loads only its own script, styles and fonts, and talks only to this server; the
# writers' tables set column widths in style attributes (no spec text reaches those).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "style-src-attr 'unsafe-inline'; font-src 'self'; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DOWNLOADS = {page.PDF: (".pdf", "application/pdf"),
             page.DOCX: (".docx", "application/vnd.openxmlformats-officedocument"
                                  ".wordprocessingml.document")}


class ServeError(Exception):
    """The server cannot listen where it was asked to (a port in use, one not allowed)."""


def asset_files() -> dict[str, tuple[Path, str]]:
    """URL path → (file, content type): the only files the server reads for a request.

    The stylesheets' fonts and imports sit where they do in the templates folder."""
    templates = assets.templates_dir()
    table = {f"/assets/{kind.stylesheet}": (templates / kind.stylesheet, "text/css; charset=utf-8")
             for kind in KINDS.values()}
    # the stylesheets every kind's imports (side.css, forside.css), beside the kinds' folders
    table.update({f"/assets/{sheet.name}": (sheet, "text/css; charset=utf-8")
                  for sheet in sorted(templates.glob("*.css"))})
    table.update({f"/assets/fonts/{font.name}": (font, "font/ttf")
                  for font in sorted(assets.fonts_dir().glob("*.ttf"))})
    table["/assets/preview.css"] = (STATIC / "preview.css", "text/css; charset=utf-8")
    table["/assets/preview.js"] = (STATIC / "preview.js", "text/javascript; charset=utf-8")
    return table


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False   # an idle connection a browser keeps open must not hold up Ctrl-C

    def __init__(self, preview: Preview, port: int) -> None:
        super().__init__((HOST, port), Handler)
        self.preview = preview
        self.assets = asset_files()
        self.hosts = {f"{HOST}:{self.server_port}", f"localhost:{self.server_port}"}

    def server_bind(self) -> None:
        """Bind (with SO_REUSEADDR: a restart may take the port its predecessor's closed
        connections still name), without HTTPServer's reverse lookup of the host's name."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_port}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "aktstykke-watch"
    sys_version = ""
    disable_nagle_algorithm = True   # an event is one small write: send it at once
    timeout = 60                     # an idle or stalled connection is dropped

    def do_GET(self) -> None:
        if self.headers.get("Host") not in self.server.hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8",
                       b"not this server\n")
            return
        route = self.path.split("?", 1)[0]
        preview = self.server.preview
        if route == "/":
            version = preview.current
            stylesheet = (version.kind or KINDS[DEFAULT_KIND]).stylesheet
            html = page.page(version.number, version.title, f"/assets/{stylesheet}",
                             version.fragment)
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"))
        elif route == "/document":
            version = preview.current
            self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                       version.fragment.encode("utf-8"), {"X-Preview-Version": str(version.number)})
        elif route == "/events":
            self._events()
        elif route in DOWNLOADS:
            self._download(*DOWNLOADS[route])
        elif route in self.server.assets:
            path, content_type = self.server.assets[route]
            self._send(HTTPStatus.OK, content_type, path.read_bytes(), cache="no-cache")
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def _events(self) -> None:
        """Sends the newest version's number now and after each change, until the page or
        the server closes."""
        self.send_response(HTTPStatus.OK)
        self._headers({"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        self.end_headers()
        shown = 0
        with contextlib.suppress(OSError):   # the page went away
            self.wfile.write(b"retry: 2000\n\n")   # reconnect after a restart
            while (version := self.server.preview.wait_newer(shown, KEEPALIVE)) is not None:
                if version.number > shown:
                    shown = version.number
                    self.wfile.write(f"data: {shown}\n\n".encode("ascii"))
                else:
                    self.wfile.write(b": idle\n\n")

    def _download(self, suffix: str, content_type: str) -> None:
        try:
            data = self.server.preview.download(suffix)
        except Exception as error:  # a bug in a writer: said in the response, the server goes on
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                       f"intern fejl: {type(error).__name__}: {error}\n".encode())
            return
        if data is None:
            self._send(HTTPStatus.CONFLICT, "text/plain; charset=utf-8",
                       "specifikationen har fejl; ret dem først\n".encode())
            return
        preview = self.server.preview
        name = quote(preview.path.stem + EDITION_SUFFIX[preview.edition] + suffix)
        self._send(HTTPStatus.OK, content_type, data,
                   {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})

    def _send(self, status: HTTPStatus, content_type: str, body: bytes,
              extra: dict[str, str] | None = None, cache: str = "no-store") -> None:
        self.send_response(status)
        self._headers({"Content-Type": content_type, "Content-Length": str(len(body)),
                       "Cache-Control": cache, **(extra or {})})
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _headers(self, headers: dict[str, str]) -> None:
        for name, value in {**SECURITY_HEADERS, **headers}.items():
            self.send_header(name, value)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for the start message."""


@contextlib.contextmanager
def running(spec: Path, port: int,
            edition: Udgave = Udgave.offentlig) -> Iterator[PreviewServer]:
    """The preview of `spec`'s `edition` served on 127.0.0.1:`port` (0: a free one), its
    watcher running; on exit, the server stops, open event streams end and the port is
    freed."""
    watcher = Watcher(spec)   # notes the file before the first render, so no save is missed
    preview = Preview(spec, edition)
    try:
        server = PreviewServer(preview, port)
    except OSError as error:
        raise ServeError(_listen_error(port, error)) from None
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                               name="aktstykke-serve", daemon=True)
    serving.start()
    watcher.start(preview.refresh)
    try:
        yield server
    finally:
        watcher.stop()
        server.shutdown()
        preview.close()
        server.server_close()


def serve(spec: Path, port: int, ready: Callable[[str], None],
          edition: Udgave = Udgave.offentlig) -> None:
    """Serve until interrupted (Ctrl-C raises KeyboardInterrupt here, after a clean stop)."""
    with running(spec, port, edition) as server:
        ready(server.url)
        threading.Event().wait()


def _listen_error(port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (f"port {port} på {HOST} er optaget; vælg en anden med --port "
                "(--port 0: en ledig)")
    return f"kan ikke lytte på {HOST}:{port}: {error.strerror or error}"
