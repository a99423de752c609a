"""Importing WeasyPrint without a process storm: its native libraries found from one lookup.

WeasyPrint opens each native library (gobject, pango, harfbuzz, fontconfig…) by trying its
Windows and macOS names before the Linux soname. For every name that misses, cffi asks
`ctypes.util.find_library`, which on Linux runs `ldconfig -p`, then gcc, then ld: some 200
processes and about 0,2 s of every cold build (WeasyPrint issues #1125, #2073). While
WeasyPrint is imported, `find_library` here answers from one reading of the linker cache,
as ctypes' own first step does; the gcc and ld fallbacks, which only ever find libraries
outside the linker cache, are left out.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

# The ABI tag ldconfig prints for this interpreter's libraries (as in ctypes.util).
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(
    f"{os.uname().machine}-{struct.calcsize('l') * 8}", "libc6")


@cache
def _linker_cache() -> str:
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        return subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False,
                              env={"LC_ALL": "C", "LANG": "C"}).stdout
    except OSError:
        return ""


def find_in_linker_cache(name: str) -> str | None:
    """The soname ldconfig lists for `name` (e.g. 'pango-1.0' → 'libpango-1.0.so.0'), or None."""
    match = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({re.escape(_ABI)}", _linker_cache())
    return match.group(1) if match else None


@contextmanager
def one_library_lookup() -> Iterator[None]:
    """Within the block, `ctypes.util.find_library` reads the linker cache once (Linux only)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = find_in_linker_cache
    try:
        yield
    finally:
        ctypes.util.find_library = original
