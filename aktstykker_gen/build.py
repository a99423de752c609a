"""One checked spec → its DOCX, PDF and text, written atomically.

All three files are rendered in memory first; only then is each written to
a temporary name in the output folder and renamed over the old one. A spec
with errors, or a render that fails, leaves the earlier outputs untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aktstykker_gen import assets
from aktstykker_gen.pipeline import Checked, render

FORMATS = (".docx", ".pdf", ".txt")


def render_outputs(checked: Checked, templates: Path | None = None) -> dict[str, bytes]:
    from aktstykker_gen.writers.docx import write_docx
    from aktstykker_gen.writers.pdf import write_pdf
    from aktstykker_gen.writers.text import write_text

    folder = templates or assets.templates_dir()
    tree = render(checked, folder)
    return {
        ".txt": write_text(tree).encode("utf-8"),
        ".docx": write_docx(tree, folder / "docx"),
        ".pdf": write_pdf(tree, folder / checked.kind.stylesheet, folder),
    }


def write_outputs(outputs: dict[str, bytes], out_dir: Path, stem: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomically(out_dir / f"{stem}{suffix}", data) for suffix, data in outputs.items()]


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `target`, sync it, then rename it over
    `target`: a reader, or a crash, sees the old file or the new one, never half of one."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.",
                                     suffix=target.suffix + ".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
