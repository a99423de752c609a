"""`aktstykke watch` without a browser: the server in this process on a free port, against a
copy of the seed spec; its routes, its event stream, and what a save, a broken save and
a repair show."""

from __future__ import annotations

import http.client
import io
import signal
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import seed_with

from aktstykker_gen.cli import main
from aktstykker_gen.diagnostics import SpecError
from aktstykker_gen.pipeline import check
from aktstykker_gen.preview import session
from aktstykker_gen.preview.server import PreviewServer, running
from aktstykker_gen.preview.watcher import Watcher

EXPENSE = ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}")
BROKEN = "titel: [ikke lukket\n"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(seed_with(), encoding="utf-8")
    return path


@pytest.fixture
def server(spec: Path) -> Iterator[PreviewServer]:
    with running(spec, 0) as served:
        yield served


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def page(server: PreviewServer, path: str = "/") -> str:
    """The page (or a route's HTML), its non-breaking spaces as plain ones."""
    status, _, body = get(server, path)
    assert status == 200
    return body.decode("utf-8").replace("\xa0", " ")


class Events:
    """The server-sent event stream, read as a browser's EventSource would."""

    def __init__(self, server: PreviewServer) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> int:
        """The next event's data (a version number); a socket timeout if none comes."""
        data = None
        while True:
            line = self.response.readline().decode("utf-8")
            assert line, "the event stream ended"
            if line.startswith("data: "):
                data = int(line[len("data: "):])
            elif line == "\n" and data is not None:
                return data

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def events(server: PreviewServer) -> Iterator[Events]:
    stream = Events(server)
    assert stream.next() == server.preview.current.number   # the newest version, at once
    yield stream
    stream.close()


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_the_page_shows_the_document_with_its_stylesheet(server: PreviewServer) -> None:
    status, headers, body = get(server, "/")
    html = body.decode("utf-8").replace("\xa0", " ")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Strategi for personlig medicin" in html
    assert "6,6 mio. kr. til § 16.71.08" in html
    assert 'href="/assets/aktstykke/aktstykke.css"' in html
    assert 'class="preview-sheet"' in html and "preview-diagnostic" not in html
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, body = get(server, "/assets/aktstykke/aktstykke.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert b'@import url("../side.css")' in body
    status, headers, body = get(server, "/assets/side.css")   # what the import resolves to
    assert status == 200 and b"@font-face" in body and headers["Content-Type"].startswith("text/css")
    assert b'url("fonts/LiberationSerif-Regular.ttf")' in body
    status, headers, body = get(server, "/assets/fonts/LiberationSerif-Regular.ttf")
    assert status == 200 and headers["Content-Type"] == "font/ttf" and len(body) > 100_000


def test_a_save_sends_an_event_and_the_new_document(server, spec, events) -> None:
    before = server.preview.current.number
    save(spec, seed_with(EXPENSE))
    assert events.next() > before
    html = page(server, "/document")
    assert "6,7 mio. kr. til § 16.71.08" in html
    # errors, but the tree renders: the diagnostics above the document, downloads withheld
    assert "error[AKT201]" in html and 'class="preview-sheet"' in html
    assert 'href="/aktstykke.pdf"' not in html


def test_a_spec_that_does_not_load_shows_its_error_instead_of_the_document(server, spec,
                                                                           events) -> None:
    save(spec, seed_with() + BROKEN)
    events.next()
    html = page(server)
    with pytest.raises(SpecError) as failed:
        check(spec)
    span = failed.value.diagnostics[0].span
    assert span is not None
    assert f"{spec}:{span.line}:{span.column}: error[AKT001]: YAML-syntaksfejl" in html
    assert "preview-sheet" not in html and "6,6 mio. kr." not in html
    save(spec, seed_with())
    events.next()
    html = page(server)
    assert "6,6 mio. kr. til § 16.71.08" in html and "AKT001" not in html


def test_a_reference_the_data_does_not_hold_shows_as_written_under_its_error(
        server, spec, events) -> None:
    save(spec, seed_with(("{modtager:regionerne} til regionerne", "{modtager:ukendt} til regionerne")))
    events.next()
    html = page(server)
    assert "error[AKT601]" in html and 'class="preview-sheet"' in html
    assert "{modtager:ukendt} til regionerne" in html and "Intern fejl" not in html


def test_spec_text_in_a_diagnostic_is_escaped(server, spec, events) -> None:
    save(spec, seed_with() + 'titel: "<script>alert(1)</script>" [\n')
    events.next()
    html = page(server, "/document")
    assert "error[AKT001]" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_internal_error_is_shown_and_the_server_goes_on(server, spec, events,
                                                           monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the template broke")

    monkeypatch.setattr(session, "render", broken)
    save(spec, seed_with(("mio. kr.", "mio. kr.")) + "\n")
    events.next()
    html = page(server)
    assert "Intern fejl" in html and "RuntimeError: the template broke" in html
    monkeypatch.undo()
    save(spec, seed_with())
    events.next()
    assert "6,6 mio. kr. til § 16.71.08" in page(server)


def test_downloads_are_written_on_demand_once_per_version(server, spec, events,
                                                          monkeypatch) -> None:
    written: list[str] = []
    write = session.write_format
    monkeypatch.setattr(session, "write_format", lambda tree, kind, suffix: (
        written.append(suffix), write(tree, kind, suffix))[1])
    save(spec, seed_with() + "\n")   # a new version: nothing is written for it by itself
    events.next()
    assert written == []
    status, headers, pdf = get(server, "/aktstykke.pdf")
    assert status == 200 and pdf.startswith(b"%PDF")
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == "attachment; filename*=UTF-8''spec.pdf"
    status, _, docx = get(server, "/aktstykke.docx")
    assert status == 200 and zipfile.is_zipfile(io.BytesIO(docx))
    assert get(server, "/aktstykke.pdf")[2] == pdf
    assert written == [".pdf", ".docx"]
    save(spec, seed_with(EXPENSE))   # errors: a build would write nothing, nor does this
    events.next()
    assert get(server, "/aktstykke.pdf")[0] == 409


@pytest.mark.parametrize("path", [
    "/nothing", "/index.html", "/document/", "/assets/", "/assets/preview.py",
    "/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc/passwd",
    "/assets/fonts/../../../../etc/passwd", "/assets/fonts/OFL.txt",
    "/assets/aktstykke/aktstykke.xml.j2", "//etc/passwd", "/assets//etc/passwd",
    "/assets/aktstykke/../aktstykke/aktstykke.css"])
def test_anything_but_the_fixed_routes_is_not_found(server: PreviewServer, path: str) -> None:
    status, _, body = get(server, path)
    assert status == 404 and b"root:" not in body


def test_a_request_for_another_host_is_refused(server: PreviewServer) -> None:
    assert get(server, "/", host="attacker.example:80")[0] == 421
    assert get(server, "/", host=f"localhost:{server.server_port}")[0] == 200


def test_it_listens_on_the_loopback_address_only(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.server_port}/"


def test_closing_ends_the_event_streams_and_the_listening(spec: Path) -> None:
    with running(spec, 0) as served:
        stream = Events(served)
        stream.next()
        port = served.server_port
    assert stream.response.readline() == b""   # the stream ended with the server
    stream.close()
    with pytest.raises(ConnectionRefusedError):   # nothing listens there any more
        socket.create_connection(("127.0.0.1", port), timeout=5)


def test_two_saves_of_the_same_size_within_a_clock_tick_are_both_seen(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("a: 1\n")
    watcher = Watcher(path)
    path.write_text("a: 2\n")
    assert watcher.poll()
    path.write_text("a: 3\n")   # same size, very likely the same coarse timestamp
    assert watcher.poll()
    path.write_text("a: 3\n")   # the same content again: no change
    assert not watcher.poll()


def test_a_port_in_use_is_a_usage_error(spec: Path, capsys) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exited:
            main(["watch", str(spec), "--port", str(port)])
    assert exited.value.code == 2
    assert f"port {port} på 127.0.0.1 er optaget" in capsys.readouterr().err


def test_a_missing_spec_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["watch", str(tmp_path / "none.yaml")]) == 2
    assert f"{tmp_path / 'none.yaml'}: error[AKT008]: filen findes ikke" in capsys.readouterr().err


def test_ctrl_c_stops_it_cleanly(spec: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "aktstykker_gen", "watch", str(spec),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "http://127.0.0.1:" in line
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert err.strip() == "aktstykke watch: stoppet" and "Traceback" not in err
