"""Room on CPython's frame stack for WeasyPrint's recursion, so that a long PDF does not map
and unmap memory at every call.

CPython (3.11 to 3.13) keeps the frames of Python functions in chunks, 16 KB at first, and
frees a chunk the moment the frame at its start returns (python/cpython#142183, fixed in
March 2026 by keeping one chunk). WeasyPrint lays out and draws by recursing over the boxes;
where a call that runs for every box sits on a chunk's edge, each such call maps 16 KB and
unmaps it again: 650.000 mmap/munmap pairs for a PDF of 3.000 accounts, 2,1 million for
10.000, each followed by page faults. A new chunk is the smallest power of two that holds the
frame that opens it, so a call through a function whose frame reserves 1 MiB opens a chunk of
2 MiB and leaves 1 MiB, some 130.000 slots, to everything it calls: far more than WeasyPrint's
deepest recursion (the recursion limit's 1.000 frames of a few dozen slots each) needs, so no
frame under it reaches a chunk's edge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")

RESERVED_SLOTS = 1 << 17  # of 8 bytes each: 1 MiB


def _call(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return function(*args, **kwargs)


# The reserve is evaluation stack this frame never uses: CPython only sets aside the room.
_call.__code__ = _call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + RESERVED_SLOTS)


def with_room(function: Callable[..., Result], /, *args: Any, **kwargs: Any) -> Result:
    """`function(*args, **kwargs)`, run in a frame-stack chunk that its recursion cannot fill."""
    result: Result = _call(function, args, kwargs)
    return result
