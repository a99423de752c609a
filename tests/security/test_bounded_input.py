"""Bounded input: alias bombs, deep nesting, huge files, very long texts, binary garbage and
object-constructing tags are refused with a clear diagnostic, never a crash or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spec_fields import SEED

from aktstykker_gen import cli
from aktstykker_gen.load import MAX_BYTES, MAX_DEPTH, MAX_TEXT

BILLION_LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8))


def check(capsys, path: Path) -> tuple[int, str]:
    code = cli.main(["check", str(path)])
    return code, capsys.readouterr().err


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "spec.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_a_billion_laughs_alias_bomb_is_refused_at_the_first_alias(tmp_path, capsys):
    code, err = check(capsys, write(tmp_path, BILLION_LAUGHS))
    assert (code, err.startswith(f"{tmp_path / 'spec.yaml'}:2:")) == (1, True)
    assert "error[AKT002]: YAML-aliasser" in err


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_nesting_deeper_than_the_limit_is_refused(tmp_path, capsys, opening, closing):
    depth = 100_000   # deep enough to exhaust Python's recursion many times over
    code, err = check(capsys, write(tmp_path, "a: " + opening * depth + "1" + closing * depth))
    assert (code, f"indlejret mere end {MAX_DEPTH} niveauer" in err, "internal" in err) == (
        1, True, False)


def test_nesting_up_to_the_limit_is_allowed(tmp_path, capsys):
    depth = MAX_DEPTH - 2   # the root mapping and the key's value take two levels
    code, err = check(capsys, write(tmp_path, "a: " + "[" * depth + "1" + "]" * depth))
    assert "AKT009" not in err and code == 1   # refused later, as an aktstykke with no fields


def test_a_50_mb_spec_is_refused_without_being_read(tmp_path, capsys):
    path = tmp_path / "spec.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)   # sparse: 50 MB of zero bytes
    code, err = check(capsys, path)
    assert (code, err.splitlines()[0]) == (   # a file over a reader's limit is not read: exit 2
        2, f"{path}: error[AKT009]: filen er større end {MAX_BYTES // (1024 * 1024)} MB")


def test_a_spec_just_under_the_size_limit_is_read(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8")
    padded = text + "#" * (MAX_BYTES - len(text.encode("utf-8")) - 1) + "\n"
    code, err = check(capsys, write(tmp_path, padded))
    assert (code, err.strip().splitlines()[-1]) == (0, "1 ok, 0 med fejl")


def test_a_text_longer_than_the_limit_is_refused_at_its_line(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8").replace(
        "titel: Strategi for personlig medicin", "titel: " + "x" * (MAX_TEXT + 1))
    code, err = check(capsys, write(tmp_path, text))
    assert (code, "spec.yaml:4:8: error[AKT009]: teksten er på 20.001 tegn" in err) == (1, True)


@pytest.mark.parametrize("garbage", [os.urandom(4096), b"\x00" * 100, b"\xff\xfe\x00t\x00i",
                                     bytes(range(256)) * 8])
def test_binary_garbage_is_refused_with_a_diagnostic(tmp_path, capsys, garbage):
    code, err = check(capsys, write(tmp_path, garbage))
    assert (code, "error[AKT00" in err, "internal" in err) == (1, True, False)


def test_a_python_object_tag_constructs_nothing(tmp_path, capsys):
    marker = tmp_path / "pwned"
    code, err = check(capsys, write(tmp_path, f'titel: !!python/object/apply:os.system '
                                              f'["touch {marker}"]\n'))
    assert (code, "error[AKT002]" in err, marker.exists()) == (1, True, False)
