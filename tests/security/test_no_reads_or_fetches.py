"""No reads or fetches on a spec's behalf: paths and URLs in a spec are text, never opened;
the PDF renderer's URL fetcher serves only the package's own templates, styles and fonts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spec_fields import spec_with

from aktstykker_gen import assets
from aktstykker_gen.writers.pdf import PackageOnlyFetcher

AUDIT = """
import json, sys
secret, spec, out = sys.argv[1:4]
seen = []
def hook(event, args):
    if event == "open" and args and secret in str(args[0]):
        seen.append([event, str(args[0])])
    elif event.startswith(("socket.", "urllib.", "http.client.")):
        seen.append([event, repr(args)[:100]])
sys.addaudithook(hook)
from aktstykker_gen.cli import main
code = main(["build", spec, "-o", out])
print(json.dumps({"exit": code, "seen": seen}))
"""


def naming(secret: Path) -> str:
    """Every way a spec could point at the secret file or at the network."""
    return " ".join([
        f"file://{secret}", str(secret), f"../{secret.name}",
        f'<img src="file://{secret}">', f'<link rel="stylesheet" href="file://{secret}">',
        '<img src="http://127.0.0.1:9/spor.png">', "http://127.0.0.1:9/spor",
        f"<style>@import url(file://{secret}); body {{ background: url(http://127.0.0.1:9/) }}</style>",
        "data:text/html;base64,PGgxPmhlajwvaDE+",
        f'<object data="file://{secret}"></object> <iframe src="file://{secret}"></iframe>',
    ])


@pytest.mark.parametrize("field", ["afsnit b", "hovedkonto.navn", "påtegning"])
def test_what_a_spec_names_is_never_opened_and_no_socket_is_created(tmp_path, field):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIGT-INDHOLD", encoding="utf-8")
    spec = spec_with(tmp_path, field, naming(secret))
    done = subprocess.run([sys.executable, "-c", AUDIT, str(secret), str(spec),
                           str(tmp_path / "out")], capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, timeout=120)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert (report["exit"], report["seen"]) == (0, [])
    built = b"".join(p.read_bytes() for p in (tmp_path / "out").glob("spec.*"))
    assert b"HEMMELIGT-INDHOLD" not in built


@pytest.fixture
def fetcher() -> PackageOnlyFetcher:
    return PackageOnlyFetcher(assets.templates_dir())


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.css",
    "https://example.invalid/font.ttf",
    "data:text/css;base64,Ym9keXt9",
    "ftp://127.0.0.1/x",
    "file://remotehost/etc/passwd",
])
def test_the_fetcher_refuses_anything_outside_the_package(fetcher, url):
    with pytest.raises(PermissionError):
        fetcher.fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out_of_the_templates(fetcher):
    with pytest.raises(PermissionError):
        fetcher.fetch(f"file://{assets.templates_dir()}/../../pyproject.toml")


def test_the_fetcher_serves_the_packages_own_fonts(fetcher):
    font = next((assets.templates_dir() / "fonts").glob("*.ttf"))
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
