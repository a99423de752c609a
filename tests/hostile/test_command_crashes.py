"""Inputs that crashed a command (exit 3) at its edges: an author name with a control character,
a file name that is not UTF-8 on a strict stdout, a reference the data does not hold. Each is
generated over its class; each ends in a diagnostic or the document, never an internal error."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from aktstykker_gen import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"

# Every character a name cannot hold: C0 and C1 controls, DEL, and the invisible format
# characters (soft hyphen, zero-width, bidirectional controls, word joiners, BOM).
INVISIBLE = [*map(chr, range(0x01, 0x20)), "\x7f", *map(chr, range(0x80, 0xa0)), "\u00ad",
             *map(chr, range(0x200b, 0x2010)), *map(chr, range(0x202a, 0x202f)),
             *map(chr, range(0x2060, 0x2065)), *map(chr, range(0x2066, 0x206a)), "\ufeff"]
AUTHORS = [(char, position) for char in INVISIBLE for position in (0, 5, 13)]


def test_the_author_generator_covers_every_invisible_character():
    print(f"\n{len(AUTHORS)} --author variants ({len(INVISIBLE)} characters × 3 positions)")
    assert len(AUTHORS) == 3 * len(INVISIBLE) >= 250


@pytest.mark.parametrize(("char", "position"), AUTHORS,
                         ids=[f"U+{ord(c):04X}@{p}" for c, p in AUTHORS])
def test_an_author_with_an_invisible_character_is_a_usage_error(tmp_path, capsys, char, position):
    """Refused, not cleaned: the name goes into every tracked change, as the clerk typed it."""
    name = "Søren Ærø-Ågård"
    author = name[:position] + char + name[position:]
    with pytest.raises(SystemExit) as exited:
        cli.main(["redline", str(SEED), str(SEED), "-o", str(tmp_path / "r.docx"),
                  "--author", author])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (f"aktstykke: --author: usynligt tegn U+{ord(char):04X} på "
                                       f"plads {position + 1} i navnet; skriv navnet uden det\n")
    assert not (tmp_path / "r.docx").exists()


def test_a_danish_author_is_written_as_typed(tmp_path, capsys):
    old = tmp_path / "old.yaml"
    old.write_text(SEED.read_text(encoding="utf-8").replace("6.6", "6.5", 1), encoding="utf-8")
    assert cli.main(["redline", str(old), str(SEED), "-o", str(tmp_path / "r.docx"),
                     "--author", "Søren Ærø-Ågård"]) == 0
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        assert 'w:author="Søren Ærø-Ågård"' in archive.read("word/document.xml").decode("utf-8")


def test_an_author_over_the_limit_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["redline", str(SEED), str(SEED), "-o", str(tmp_path / "r.docx"),
                  "--author", "x" * 201])
    assert exited.value.code == 2
    assert "navnet er på 201 tegn; højst 200" in capsys.readouterr().err


# -- a file name that is not UTF-8, on a stdout that accepts only UTF-8 ---------------------

NAMES = [b"s\xf8knad.yaml", b"\xe6ndring.yaml", b"\xff\xfe.yaml", b"ok-\xc3.yaml"]


@pytest.mark.parametrize("raw", NAMES, ids=[n.decode("latin-1") for n in NAMES])
def test_json_output_escapes_half_pairs_and_keeps_danish_readable(tmp_path, raw):
    spec = os.path.join(os.fsencode(tmp_path), raw)
    with open(spec, "wb") as handle:
        handle.write(SEED.read_bytes().replace(b"udgift: {2025: 6.6}", b"udgift: {2025: 6.7}", 1))
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "check", "--format", "json",
                           spec], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")            # strict: no half pair reached the bytes
    found = json.loads(text)
    assert {d["file"] for d in found} == {os.fsdecode(spec)}
    assert "\\udc" in text and re.search("[æøå]", text)   # escaped; Danish letters as they are


@pytest.mark.parametrize("raw", NAMES, ids=[n.decode("latin-1") for n in NAMES])
def test_diff_prints_a_file_name_that_is_not_utf8(tmp_path, raw):
    spec = os.path.join(os.fsencode(tmp_path), raw)
    with open(spec, "wb") as handle:
        handle.write(SEED.read_bytes().replace(b"6.6", b"6.5", 1))
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "diff", str(SEED), spec],
                          capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode("utf-8").splitlines()[1].startswith("+++ ")
    assert b"internal error" not in done.stderr


# -- a reference the data does not hold: still rendered, as written ------------------------

UNKNOWN = ["{konto:99.99.99}", "{kontonavn:99.99.99}", "{modtager:ukendt}", "{beløb:ukendt}",
           "{konto:16.11.16.99}", "{modtager:Regionerne}"]
COMMANDS = ["textconv", "diff", "redline"]


def _with_unknown(tmp_path: Path, reference: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert "{udgift}" in text
    path = tmp_path / "ukendt.yaml"
    path.write_text(text.replace("{udgift}", reference, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("reference", UNKNOWN)
def test_a_spec_with_an_unknown_reference_is_still_rendered(tmp_path, capsys, command, reference):
    """The docs promise it (docs/reviewing.md): the error is shown as a warning, the text shows
    the reference where it stands, as written."""
    spec = _with_unknown(tmp_path, reference)
    argv = {"textconv": ["textconv", str(spec)], "diff": ["diff", str(SEED), str(spec)],
            "redline": ["redline", str(SEED), str(spec), "-o", str(tmp_path / "r.docx"),
                        "--author", "Test"]}[command]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == {"textconv": 0, "diff": 1, "redline": 0}[command]
    assert "warning[AKT601]" in err and "internal error" not in err
    if command == "redline":
        with zipfile.ZipFile(tmp_path / "r.docx") as archive:
            assert reference in archive.read("word/document.xml").decode("utf-8")
    else:
        assert reference in out
