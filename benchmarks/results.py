"""benchmarks/results.md holds one section per benchmark; each run rewrites only its own."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def write_section(heading: str, lines: list[str]) -> None:
    """Replace the section that starts with `heading` (or add it), keeping every other one."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    before, _, rest = text.partition(heading)
    after = rest[rest.find("\n# "):] if "\n# " in rest else ""
    RESULTS.write_text(before.rstrip("\n") + ("\n\n" if before.strip() else "")
                       + "\n".join([heading, *lines]).rstrip("\n") + "\n" + after,
                       encoding="utf-8")
