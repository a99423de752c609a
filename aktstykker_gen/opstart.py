"""What the tool's start and end need not pay for: pydantic's search for plugins, and the
interpreter's last walk over every object at exit.

pydantic looks for plugins (the entry points of every installed distribution) when it makes its
first validator, and the `importlib.metadata` it imports for that, with `email`, `zipfile` and
`csv` behind it, is some 35 ms of a `check` that should take 0,3 s in all. The tool uses no
pydantic plugin, so pydantic is given a plugin loader that finds none, before any model is made
(the package imports this first). tests/test_startup.py fails if pydantic stops using it.
"""

from __future__ import annotations

import gc
import sys
import types

LOADER = "pydantic.plugin._loader"   # the module pydantic imports `get_plugins` from


def uden_pydantic_plugins() -> None:
    """pydantic's plugin loader replaced by one that finds none, unless pydantic has already
    loaded its own (then nothing is gained by replacing it, and nothing is changed)."""
    if LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "No pydantic plugins (aktstykker_gen.opstart).")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader


def ved_afslutning() -> None:
    """The process ends now (its command is done): every object the cycle collector tracks is
    frozen (`gc.freeze`), so the interpreter's exit does not walk the imports', the model's
    and the check's objects once more in its last collection: some 25 ms of a cold `check`
    of the seed, a tenth of it. The memory goes back to the system all the same; a cycle left
    then is not finalised, and nothing needs it to be: every file the tool writes is closed
    before its command returns, and the standard streams are flushed at exit as ever."""
    gc.freeze()
