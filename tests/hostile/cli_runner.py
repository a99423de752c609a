"""Runs `aktstykke` commands for a test, many of them fast: imported once, forked per command.

Reads one JSON request a line on stdin, `{"argv": [...], "cwd": "...", "stderr": "...",
"timeout": s}`, and answers each with one JSON line, `{"exit": n | null, "seconds": s,
"megabytes": m}`. Each command runs in a forked child (its own process: a FIFO that blocks or
a crash takes only the child, killed after `timeout`), so the interpreter's and the renderers'
start-up are paid once, and `seconds` is the command's own time. `megabytes` is the child's
peak resident memory (VmHWM), which starts at this process's size when forked: an upper bound
on what the command itself needs.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def main() -> None:
    from aktstykker_gen import cli
    from aktstykker_gen.build import prepare_renderers

    prepare_renderers()
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps(_run(cli.main, request)), flush=True)


def _run(command, request: dict) -> dict:
    report = request["stderr"] + ".memory"
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:   # the child: the command, then its peak memory, then its exit code
        code = 3
        try:
            os.chdir(request["cwd"])
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(null, 0)
            os.dup2(null, 1)
            os.dup2(err, 2)
            try:
                code = command(request["argv"])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
            sys.stdout.flush()
            sys.stderr.flush()
            with open(report, "w", encoding="ascii") as handle:
                handle.write(_peak())
        finally:
            os._exit(code)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - started > request["timeout"]:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"exit": None, "seconds": request["timeout"], "megabytes": 0}
        time.sleep(0.002)
    seconds = time.perf_counter() - started
    try:
        with open(report, encoding="ascii") as handle:
            megabytes = int(handle.read()) / 1024
    except (OSError, ValueError):
        megabytes = 0
    return {"exit": os.waitstatus_to_exitcode(status), "seconds": seconds, "megabytes": megabytes}


def _peak() -> str:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return line.split()[1]   # kB
    return "0"


if __name__ == "__main__":
    main()
