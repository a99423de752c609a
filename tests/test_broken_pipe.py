"""A reader that stops early (`aktstykke rules | head -1`) ends the command quietly, as
SIGPIPE ends other programs: exit 141, nothing on stderr, no internal error."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_pipe_is_a_quiet_end() -> None:
    """`rules` prints line by line, so it writes after the reader has gone."""
    process = subprocess.Popen([sys.executable, "-m", "aktstykker_gen", "rules"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert first and process.wait(timeout=60) == 141, stderr
    assert stderr == ""
