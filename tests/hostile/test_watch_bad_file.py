"""`aktstykke watch` while the spec is swapped for a file no reader may read: a FIFO, a link to
/dev/zero, a sparse 3 GB file, a folder. The page shows the refusal's diagnostic, the server
keeps answering, and the next good save shows the document again."""

from __future__ import annotations

import http.client
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from aktstykker_gen.preview.server import PreviewServer, running

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
DOCUMENT = "6,6 mio. kr. til § 16.71.08"


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(3 * 1024 ** 3)


SWAPS: list[tuple[str, Callable[[Path], None], str]] = [
    ("fifo", os.mkfifo, "error[AKT011]: det er en navngiven pipe (FIFO)"),
    ("link-to-dev-zero", lambda path: path.symlink_to("/dev/zero"),
     "error[AKT011]: det er en tegnenhed (fx /dev/zero)"),
    ("folder", lambda path: path.mkdir(), "error[AKT011]: det er en mappe"),
    ("sparse-3-gb", _sparse, "error[AKT009]: filen er større end 2 MB"),
]


def document(server: PreviewServer) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    try:
        connection.request("GET", "/document")
        response = connection.getresponse()
        assert response.status == 200
        return response.read().decode("utf-8").replace("\xa0", " ")
    finally:
        connection.close()


def shows(server: PreviewServer, text: str, seconds: float = 20) -> str:
    """The document fragment once it contains `text` (the watcher polls every 0,05 s)."""
    deadline = time.monotonic() + seconds
    while True:
        html = document(server)
        if text in html or time.monotonic() > deadline:
            return html
        time.sleep(0.05)


@pytest.mark.parametrize(("name", "swap", "diagnostic"), SWAPS, ids=[s[0] for s in SWAPS])
def test_a_spec_swapped_for_a_bad_file_shows_its_diagnostic_and_the_server_goes_on(
        tmp_path, name, swap, diagnostic):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with running(spec, 0) as server:
        assert DOCUMENT in document(server)
        spec.unlink()
        swap(spec)
        started = time.monotonic()
        html = shows(server, diagnostic)
        assert f"{spec}: {diagnostic}" in html
        assert time.monotonic() - started < 5      # the watcher did not block on it
        assert "preview-sheet" not in html
        for _ in range(3):                         # and the server answers, again and again
            assert diagnostic in document(server)
        if spec.is_dir():
            spec.rmdir()
        else:
            spec.unlink()
        spec.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        assert DOCUMENT in shows(server, DOCUMENT)
