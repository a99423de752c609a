"""A reader that stops early (`aktstykke rules | head -1`) ends the command quietly, as
SIGPIPE ends other programs: exit 141, nothing on stderr, no internal error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", [["rules"], ["schema"],
                                     ["textconv", "specs/2025-10-01-personlig-medicin.yaml"]])
def test_a_closed_pipe_is_a_quiet_end(command: list[str]) -> None:
    """The reader is gone before the command writes (as `head` is once it has its line), so
    its first write meets a closed pipe whatever the timing; a reader that leaves only after
    the command has written everything into the pipe's buffer would see exit 0."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run([sys.executable, "-m", "aktstykker_gen", *command], stdout=writer,
                              stderr=subprocess.PIPE, timeout=60,
                              cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    finally:
        os.close(writer)
    assert done.returncode == 141, done.stderr.decode()
    assert done.stderr == b""
