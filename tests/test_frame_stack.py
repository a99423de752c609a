"""A PDF's recursion runs with room on the frame stack: no call maps fresh memory.

Measured by page faults, which CPython cannot avoid when it maps a new chunk of frame stack:
the first frame written into fresh memory faults. A sweep over call depths puts a busy call on
every chunk edge within reach; without room each call there maps a chunk and faults.
"""

from __future__ import annotations

import resource
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aktstykker_gen.writers.frame_stack import with_room

DEPTHS = 700          # some 10 slots a frame: past three 16 KB chunks' edges
CALLS_PER_DEPTH = 1000


def _leaf() -> int:
    return 1


def _down(depth: int) -> int:
    if depth:
        return _down(depth - 1)
    return sum(_leaf() for _ in range(CALLS_PER_DEPTH))


def _sweep() -> int:
    return sum(_down(depth) for depth in range(DEPTHS))


def _faults(work: Callable[[], object]) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    work()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_sweep_with_room_maps_no_chunk_at_the_busy_calls() -> None:
    without = _faults(_sweep)
    if without < CALLS_PER_DEPTH:
        pytest.skip(f"this CPython keeps its frame-stack chunks ({without} page faults without "
                    "room): nothing to save")
    with_it = _faults(lambda: with_room(_sweep))
    assert with_it < without / 10, (with_it, without)


def test_the_call_gives_the_functions_result_and_passes_its_arguments() -> None:
    assert with_room(_sweep) == DEPTHS * CALLS_PER_DEPTH
    assert with_room(dict, [("a", 1)], b=2) == {"a": 1, "b": 2}


@given(st.text())
def test_the_functions_exception_comes_through_unchanged(message: str) -> None:
    problem = ValueError(message)

    def fails() -> None:
        raise problem

    with pytest.raises(ValueError) as raised:
        with_room(fails)
    assert raised.value is problem
