"""`build --udgave`: which editions a build writes and under which names. The plain name is
never the confidential edition; both editions are one spec's set, written all or none,
recorded in the manifest and rebuilt together."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from conftest import SEED_SPEC
from test_bilag import with_bilag
from test_udgave_kommandoer import whole_confidential

from aktstykker_gen import build, cli
from aktstykker_gen.manifest import NAME

SECRET = "HemmeligtMandat4711"   # stands only in the confidential bilag
FORMATS = (".txt", ".docx", ".pdf")


def aktstykke_build(spec: Path, out: Path, *extra: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["build", str(spec), "-o", str(out), *extra])
    return code, err.getvalue()


def confidential_spec(folder: Path) -> Path:
    spec = folder / "akt.yaml"
    spec.write_text(with_bilag(f"      - Mandatet er {SECRET}.\n"), encoding="utf-8")
    return spec


def names(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.name != NAME}


def text(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, str]:
    folder = tmp_path_factory.mktemp("begge")
    spec = confidential_spec(folder)
    code, err = aktstykke_build(spec, folder / "out")
    return spec, folder / "out", code, err


def test_a_spec_with_a_confidential_part_builds_both_editions_by_default(both):
    _, out, code, err = both
    assert code == 0, err
    assert names(out) == {f"akt{s}" for s in FORMATS} | {f"akt.fortrolig{s}" for s in FORMATS}
    assert SECRET not in text(out, "akt.txt")
    assert "Bilag 2" in text(out, "akt.txt") and "fortroligt" in text(out, "akt.txt")
    assert SECRET in text(out, "akt.fortrolig.txt")
    assert "akt.fortrolig.pdf" in err and "akt.pdf" in err


def test_the_manifest_records_both_editions_and_a_second_build_leaves_them(both, tmp_path):
    spec, out, _, _ = both
    manifest = json.loads((out / NAME).read_text(encoding="utf-8"))
    assert set(manifest) == {"akt"}
    assert set(manifest["akt"]["outputs"]) == names(out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, err = aktstykke_build(spec, out)
    assert code == 0 and "uændret 1" in err, err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_a_spec_without_confidential_parts_builds_one_edition_under_the_plain_name(tmp_path):
    code, err = aktstykke_build(SEED_SPEC, tmp_path / "out")
    assert code == 0, err
    assert names(tmp_path / "out") == {f"{SEED_SPEC.stem}{s}" for s in FORMATS}


@pytest.mark.parametrize(("valg", "expected"), [
    ("offentlig", {f"akt{s}" for s in FORMATS}),
    ("fortrolig", {f"akt.fortrolig{s}" for s in FORMATS}),
])
def test_one_edition_on_request(tmp_path, valg, expected):
    out = tmp_path / "out"
    code, err = aktstykke_build(confidential_spec(tmp_path), out, "--udgave", valg)
    assert code == 0, err
    assert names(out) == expected
    found = [SECRET in text(out, n) for n in expected if n.endswith(".txt")]
    assert found == [valg == "fortrolig"]


def test_changing_the_edition_rebuilds(tmp_path):
    spec, out = confidential_spec(tmp_path), tmp_path / "out"
    assert aktstykke_build(spec, out, "--udgave", "offentlig")[0] == 0
    code, err = aktstykke_build(spec, out, "--udgave", "fortrolig")
    assert code == 0 and "bygget 1" in err, err
    assert {f"akt.fortrolig{s}" for s in FORMATS} <= names(out)


def test_an_unknown_edition_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as exit_, contextlib.redirect_stderr(io.StringIO()) as err:
        cli.main(["build", str(SEED_SPEC), "-o", str(tmp_path), "--udgave", "hemmelig"])
    assert exit_.value.code == 2
    assert "ukendt udgave 'hemmelig'" in err.getvalue()


def test_a_whole_confidential_aktstykke_builds_only_the_confidential_edition_and_says_so(
        tmp_path):
    out = tmp_path / "out"
    code, err = aktstykke_build(whole_confidential(tmp_path), out)
    assert code == 0, err
    assert names(out) == {f"h.fortrolig{s}" for s in FORMATS}
    assert "fortroligt i sin helhed" in err and "kun den fortrolige udgave er bygget" in err


def test_the_public_edition_of_a_whole_confidential_aktstykke_is_refused(tmp_path):
    out = tmp_path / "out"
    code, err = aktstykke_build(whole_confidential(tmp_path), out, "--udgave", "offentlig")
    assert code == 1, err
    assert err.splitlines()[:3] == [
        f"{tmp_path / 'h.yaml'}: error[AKT015]: aktstykket er fortroligt i sin helhed og har "
        "ingen offentlig udgave, før fortroligheden er ophævet",
        "  hjælp: byg den fortrolige udgave med --udgave fortrolig, eller angiv, hvornår "
        "fortroligheden er ophævet",
        f"{tmp_path / 'h.yaml'}: ikke bygget (ret fejlene ovenfor); intet blev skrevet"], err
    assert not out.exists() or not names(out)


def test_a_failed_write_of_either_edition_leaves_the_earlier_set(tmp_path, monkeypatch):
    spec, out = confidential_spec(tmp_path), tmp_path / "out"
    assert aktstykke_build(spec, out)[0] == 0
    before = {n: (out / n).read_bytes() for n in names(out)}
    spec.write_text(spec.read_text(encoding="utf-8").replace(SECRET, "Andet9"), encoding="utf-8")
    real = build._staged

    def failing(target: Path, data: bytes) -> Path:
        if target.name == "akt.fortrolig.pdf":
            raise OSError(28, "No space left on device")
        return real(target, data)
    monkeypatch.setattr(build, "_staged", failing)
    code, err = aktstykke_build(spec, out)
    assert code == 2 and "AKT010" in err, err
    assert {n: (out / n).read_bytes() for n in names(out)} == before


@pytest.mark.parametrize("other", ["akt.fortrolig.yaml", "AKT.Fortrolig.yml"])
def test_a_spec_named_as_another_specs_confidential_edition_is_refused(tmp_path, other):
    """`akt.fortrolig.yaml`'s public edition would be named as `akt.yaml`'s confidential one:
    AKT013 for both (exit 2), and neither is built, so no edition overwrites the other."""
    specs = tmp_path / "specs"
    specs.mkdir()
    confidential_spec(specs)
    (specs / other).write_text(SEED_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    code, err = aktstykke_build(specs, tmp_path / "out")
    assert code == 2, err
    assert err.count("error[AKT013]: ville skrive de samme filer") == 2, err
    assert not (tmp_path / "out").exists() or names(tmp_path / "out") == set()
