"""`--udgave` for the reviewer's commands (diff, redline, textconv, watch): they show the public
edition of a spec unless asked for the confidential one, name the edition they show, and
refuse the public edition of an aktstykke that is confidential as a whole (AKT015, exit 1)."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from test_bilag import with_bilag

from aktstykker_gen import cli
from aktstykker_gen.preview.session import Preview

SECRET = "HemmeligtMandat4711"     # stands only in the confidential bilag
CHANGED = "HemmeligtMandat4712"    # what it is changed to in the later version
LIFTED = ROOT / "specs" / "examples" / "fortroligt-ophaevet.yaml"
EDITIONS = ("offentlig", "fortrolig")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def spec(folder: Path, name: str = "akt.yaml", secret: str = SECRET) -> Path:
    path = folder / name
    path.write_text(with_bilag(f"      - Mandatet er {secret}.\n"), encoding="utf-8")
    return path


def whole_confidential(folder: Path) -> Path:
    """The lifted example before it was lifted: confidential as a whole, no public edition."""
    text = LIFTED.read_text(encoding="utf-8")
    lifted = "  ophævet:\n    dato: 2026-02-03\n    ved: ministerens skrivelse\n"
    assert lifted in text
    path = folder / "h.yaml"
    path.write_text(text.replace(lifted, ""), encoding="utf-8")
    return path


def chosen(edition: str | None) -> list[str]:
    return [] if edition is None else ["--udgave", edition]


@pytest.mark.parametrize("edition", [None, *EDITIONS])
def test_textconv_shows_the_public_edition_unless_asked(tmp_path, edition):
    code, out, err = run("textconv", *chosen(edition), str(spec(tmp_path)))
    assert code == 0, err
    assert "Bilag 2. Forhandlingsmandat" in out   # the stand-in is in both
    assert (SECRET in out) is (edition == "fortrolig")


@pytest.mark.parametrize("edition", [None, *EDITIONS])
def test_diff_names_the_edition_and_sees_only_its_changes(tmp_path, edition):
    old, new = spec(tmp_path, "old.yaml"), spec(tmp_path, "new.yaml", CHANGED)
    code, out, err = run("diff", *chosen(edition), str(old), str(new))
    if edition != "fortrolig":   # the change is wholly inside the confidential bilag
        assert (code, out) == (0, ""), err
        return
    assert code == 1, err
    assert out.splitlines()[:2] == [f"--- {old} (fortrolig udgave)",
                                    f"+++ {new} (fortrolig udgave)"]
    assert f"-Mandatet er {SECRET}." in out and f"+Mandatet er {CHANGED}." in out


def test_diff_of_a_public_change_names_the_public_edition(tmp_path):
    old = spec(tmp_path, "old.yaml")
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("titel: Tidsplan", "titel: Plan"),
                   encoding="utf-8")
    code, out, _ = run("diff", str(old), str(new))
    assert code == 1
    assert out.splitlines()[:2] == [f"--- {old} (offentlig udgave)",
                                    f"+++ {new} (offentlig udgave)"]
    assert SECRET not in out


def test_diff_of_built_files_has_no_edition_in_its_header(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("a\n", encoding="utf-8")
    new.write_text("b\n", encoding="utf-8")
    assert run("diff", str(old), str(new))[1].splitlines()[:2] == [f"--- {old}", f"+++ {new}"]


@pytest.mark.parametrize("edition", [None, *EDITIONS])
def test_redline_is_of_the_edition_and_says_so_in_its_title(tmp_path, edition):
    old, new = spec(tmp_path, "old.yaml"), spec(tmp_path, "new.yaml", CHANGED)
    target = tmp_path / "r.docx"
    code, _, err = run("redline", *chosen(edition), str(old), str(new), "-o", str(target))
    assert code == 0, err
    shown = edition or "offentlig"
    title = docx.Document(str(target)).core_properties.title
    assert title == f"Strategi for personlig medicin ({shown} udgave)"
    with zipfile.ZipFile(target) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    assert (SECRET.encode() in everything) is (shown == "fortrolig")
    assert (CHANGED.encode() in everything) is (shown == "fortrolig")


@pytest.mark.parametrize("command", ["textconv", "diff", "redline"])
def test_the_public_edition_of_a_whole_confidential_aktstykke_is_akt015(tmp_path, command):
    secret = whole_confidential(tmp_path)
    argv = {"textconv": [str(secret)], "diff": [str(secret), str(secret)],
            "redline": [str(secret), str(secret), "-o", str(tmp_path / "r.docx")]}[command]
    code, out, err = run(command, *argv)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{secret}: error[AKT015]: aktstykket er fortroligt i sin helhed og "
                          "har ingen offentlig udgave"), err
    assert not (tmp_path / "r.docx").exists()
    code, out, err = run(command, "--udgave", "fortrolig", *argv)
    assert code == 0, err
    if command == "textconv":
        assert out.startswith("Fortroligt aktstykke H")


def test_help_says_the_public_edition_is_the_default():
    for command in ("diff", "redline", "textconv", "watch"):
        with pytest.raises(SystemExit), contextlib.redirect_stdout(io.StringIO()) as out:
            cli.main([command, "--help"])
        assert "offentlig (standard: intet fortroligt vises)" in " ".join(out.getvalue().split())


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_preview_shows_and_marks_its_edition(tmp_path, edition):
    from aktstykker_gen.udgaver import Udgave

    preview = Preview(spec(tmp_path), Udgave(edition))
    try:
        fragment = preview.current.fragment
        assert f'data-edition="{edition}"' in fragment
        assert {"offentlig": "Offentlig udgave", "fortrolig": "FORTROLIG udgave"}[edition] \
            in fragment
        assert (SECRET in fragment) is (edition == "fortrolig")
        with zipfile.ZipFile(io.BytesIO(preview.download(".docx"))) as package:
            document = package.read("word/document.xml").decode("utf-8")
        assert (SECRET in document) is (edition == "fortrolig")
    finally:
        preview.close()


def test_the_preview_of_a_whole_confidential_aktstykke_shows_akt015_not_the_text(tmp_path):
    from aktstykker_gen.udgaver import Udgave

    path = whole_confidential(tmp_path)
    public, confidential = Preview(path), Preview(path, Udgave.fortrolig)
    try:
        assert "error[AKT015]" in public.current.fragment
        assert public.current.tree is None and public.download(".pdf") is None
        assert "Fortroligt aktstykke H" not in public.current.fragment
        assert "Fortroligt aktstykke H" in confidential.current.fragment
    finally:
        public.close()
        confidential.close()
