"""Shared fixtures: the seed spec, one build of it, and system tools that tests need."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_SPEC = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
SEED_TEXT = Path(__file__).resolve().parent / "seed" / "aktstykke-2025-10-01-personlig-medicin.txt"
# The real account-plan exports are shared, not copied into the project (override with the env).
SHARED_DATA = Path(os.environ.get("AKTSTYKKER_SHARED_DATA", ROOT.parent / "shared" / "data"))


def seed_with(*changes: tuple[str, str]) -> str:
    """The seed spec's text with each (old, new) replaced; each old text must occur once."""
    text = SEED_SPEC.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def require(available: bool, reason: str) -> None:
    """Skip with the reason locally; under CI=true a missing prerequisite is a failure."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed (make system-deps installs it)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed spec built once, through the same code path as `aktstykke build`."""
    from aktstykker_gen.build import render_outputs, write_outputs
    from aktstykker_gen.pipeline import check

    out = tmp_path_factory.mktemp("seed-build")
    written = write_outputs(render_outputs(check(SEED_SPEC)), out, SEED_SPEC.stem)
    return {p.suffix: p for p in written}
