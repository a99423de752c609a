"""`check` does work in proportion to the spec: three times the accounts, about three times the
Python lines run, for every shape of large spec the benchmarks use (benchmarks/large_specs.py).

Counted, not timed: the number of lines of Python that `pipeline.check` runs (sys.settrace), the
same on every machine and under any load. A rule that scans every account for each account, or
every recipient for each reference, makes the count grow with the square of the size: such
costs once made 10.000 accounts take 88 s to check (issue 11). Linear growth gives a ratio just
under 3 (some lines run once per spec); quadratic terms pushed it to 4–6 at these sizes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aktstykker_gen.pipeline import check

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from large_specs import SHAPES  # noqa: E402

SMALL, LARGE = 300, 900
LINEAR = LARGE / SMALL


def lines_run(path: Path) -> int:
    """How many lines of Python `check(path)` runs, line events of every frame."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> object:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        check(path)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_check_grows_linearly(shape: str, tmp_path: Path) -> None:
    counts = {}
    for size in (SMALL, LARGE):
        path = tmp_path / f"{shape}-{size}.yaml"
        path.write_text(SHAPES[shape](size), encoding="utf-8")
        counts[size] = lines_run(path)
    ratio = counts[LARGE] / counts[SMALL]
    assert ratio <= LINEAR * 1.1, (
        f"{shape}: {LARGE} gives {ratio:.2f}× the lines of {SMALL} (linear: {LINEAR:.0f}×)")


def test_every_shape_is_counted() -> None:
    """The generators the benchmarks time are the ones counted here."""
    assert sorted(SHAPES) == ["accounts", "findings", "lines", "prose", "recipients", "rows"]
