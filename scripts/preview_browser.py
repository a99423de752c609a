"""Headless Chromium on `aktstykke watch`, as the browser test, the screenshot and the
latency benchmark drive it (Debian's `chromium` and `chromium-driver`; selenium).

The flags keep Chromium from reaching out (no background networking, component updates,
sync or QUIC: on a closed network those only make it slow); a fresh profile each time.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FLAGS = ("--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")
START_TIMEOUT = 30.0   # seconds for `aktstykke watch` to print its address


def tools() -> tuple[str, str] | None:
    """Chromium and its driver, when both are installed."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextlib.contextmanager
def chromium(width: int = 1100, height: int = 1400) -> Iterator:
    """A headless Chromium under selenium, with a throwaway profile."""
    from selenium import webdriver

    found = tools()
    if found is None:
        raise RuntimeError("chromium and chromedriver are needed (scripts/system-deps.sh)")
    with tempfile.TemporaryDirectory(prefix="aktstykke-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = found[0]
        for flag in FLAGS:
            options.add_argument(flag)
        if os.geteuid() == 0:   # Chromium's sandbox refuses to run as root
            options.add_argument("--no-sandbox")
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        driver = webdriver.Chrome(options=options,
                                  service=webdriver.ChromeService(executable_path=found[1]))
        try:
            yield driver
        finally:
            driver.quit()


@dataclass
class Watching:
    url: str
    process: subprocess.Popen[str]
    returncode: int | None = None   # set when it has stopped
    stderr: str = ""


@contextlib.contextmanager
def watching(spec: Path, cwd: Path | None = None, port: int = 0) -> Iterator[Watching]:
    """`aktstykke watch SPEC --port PORT` in its own process, until Ctrl-C (SIGINT) stops it."""
    process = subprocess.Popen([sys.executable, "-m", "aktstykker_gen", "watch", str(spec),
                                "--port", str(port)], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    try:
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        line = process.stdout.readline() if ready else ""
        if "http://" not in line:
            process.kill()
            raise RuntimeError(f"aktstykke watch did not start: {line}{process.stderr.read()}")
        watched = Watching(line[line.index("http://"):].split()[0], process)
        yield watched
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    watched.returncode, watched.stderr = process.returncode, stderr
