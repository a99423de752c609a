"""Accept or reject every tracked change of DOCX files in LibreOffice, through its UNO API, and
write what is left: run by the system's Python (/usr/bin/python3 with python3-uno), not the
project's, for tests/test_redline_uno.py.

    /usr/bin/python3 tests/uno_accept.py OUTDIR REDLINE.docx... [--as-is PLAIN.docx...]

One headless soffice (its own profile, a pipe of its own) loads each redline three times: as
it is, after `.uno:AcceptAllTrackedChanges`, after `.uno:RejectAllTrackedChanges`; each file
after `--as-is` (the plain DOCX of either version) only as it is. Each is saved
as text (`NAME.as-is.txt`, `NAME.accept.txt`, `NAME.reject.txt`) and listed paragraph by
paragraph, table cells too, as "style<TAB>text" (`….styles`). soffice is ended when done, and
the whole run gives up after the timeout (exit 3), soffice ended too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]

TIMEOUT = int(os.environ.get("UNO_TIMEOUT", "600"))
WAYS = {"as-is": None, "accept": ".uno:AcceptAllTrackedChanges",
        "reject": ".uno:RejectAllTrackedChanges"}


def prop(name: str, value: object) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def connect(pipe: str) -> object:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def paragraphs(text: object) -> list[str]:
    """Every paragraph of a text, in order, a table's cells row by row, as style TAB text."""
    found = []
    for part in iter_enum(text.createEnumeration()):
        if part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                found.extend(paragraphs(part.getCellByName(name)))
        else:
            found.append(f"{part.ParaStyleName}\t{part.getString()}")
    return found


def iter_enum(enumeration: object):
    while enumeration.hasMoreElements():
        yield enumeration.nextElement()


def resolved(context: object, source: Path, way: str, out: Path) -> None:
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0,
                                       (prop("Hidden", True),))
    if doc is None:   # ends soffice through main's finally
        raise SystemExit(f"uno_accept: LibreOffice could not open {source}")
    try:
        if WAYS[way]:
            dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper",
                                                           context)
            frame = doc.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, WAYS[way], "", 0, ())
        stem = out / f"{source.stem}.{way}"
        doc.storeToURL(Path(f"{stem}.txt").resolve().as_uri(),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        Path(f"{stem}.styles").write_text("\n".join(paragraphs(doc.getText())) + "\n",
                                          encoding="utf-8")
    finally:
        doc.close(True)


def main(out: Path, files: list[Path], plain: list[Path]) -> int:
    profile = tempfile.mkdtemp(prefix="uno-accept-")
    pipe = f"uno-accept-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def give_up(*_: object) -> None:
        os.killpg(office.pid, signal.SIGKILL)
        print(f"uno_accept: gave up after {TIMEOUT} s", file=sys.stderr)
        os._exit(3)

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(TIMEOUT)
    try:
        context = connect(pipe)
        for source in files:
            for way in WAYS:
                resolved(context, source, way, out)
        for source in plain:
            resolved(context, source, "as-is", out)
        with contextlib.suppress(DisposedException):   # the bridge goes down as soffice exits
            context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context).terminate()
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            os.killpg(office.pid, signal.SIGKILL)
            office.wait()
    return 0


if __name__ == "__main__":
    words = sys.argv[2:]
    at = words.index("--as-is") if "--as-is" in words else len(words)
    sys.exit(main(Path(sys.argv[1]), [Path(a) for a in words[:at]],
                  [Path(a) for a in words[at + 1:]]))
