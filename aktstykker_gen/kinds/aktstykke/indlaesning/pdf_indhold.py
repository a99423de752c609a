"""A PDF page's text as the runs it draws: each run's text, where it starts and ends, and the
marked content it belongs to (its MCID), so that the structure tree can find its text (pdf.py)
and a PDF without one can be laid out by position (pdf_linjer.py).

pypdf decodes the glyphs (fonts, ToUnicode maps); its own joining of runs into lines (a newline
or a space where it sees a gap) is undone here, by the run's width from the font's glyph
widths: a run's text is what the page draws, no more. Content marked as an artifact (page
numbers, the running line, UDKAST, FORTROLIGT) is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_GAP = 1.0   # points: runs closer than this touch; pypdf puts a space before a farther one
_CODES = 0xFFFF   # a two-byte code's range


@dataclass(frozen=True)
class Run:
    text: str
    x: float          # where the run starts, in points from the page's left edge
    end: float        # where it ends
    y: float          # its baseline, in points from the page's top edge
    size: float       # its font size, in points
    mcid: int | None  # the marked content it is drawn in, None outside any


def page_runs(page: Any) -> list[Run]:
    """The runs the page draws, in the order it draws them; artifacts left out."""
    height = float(page.mediabox.height)
    resources: Any = _resolved(page.get("/Resources"))
    found: Any = _resolved(resources.get("/Font")) if hasattr(resources, "get") else None
    fonts: Any = found if hasattr(found, "get") else {}
    marked: list[int | None] = []      # the open marked contents, innermost last
    artifact: list[bool] = []
    state: dict[str, Any] = {"widths": {}, "size": 0.0, "width": 0.0}
    runs: list[Run] = []
    known: dict[str, tuple[dict[int, float], float, int]] = {}

    def before(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            props: Any = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            marked.append(mcid if isinstance(mcid, int) else None)
            artifact.append(bool(operands) and operands[0] == "/Artifact")
        elif operator == b"EMC" and marked:
            marked.pop()
            artifact.pop()
        elif operator == b"Tf" and len(operands) == 2:
            name = str(operands[0])
            if name not in known:
                known[name] = _widths(fonts.get(name))
            state["widths"], state["size"] = known[name], float(operands[1])
        elif operator in (b"TJ", b"Tj", b"'", b'"') and operands:
            shown = operands[0] if operator == b"TJ" else [operands[-1]]
            scale = abs(tm[0] * cm[0]) or 1.0
            state["width"] += _advance(shown, state["widths"]) * state["size"] * scale

    def shown(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        width, state["width"] = state["width"], 0.0
        text = text.lstrip("\n").rstrip("\n")
        if not text.strip() or any(artifact):
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
        last = runs[-1] if runs else None
        if text.startswith(" ") and (last is None or abs(last.y - y) > 0.5
                                     or x - last.end > _GAP):
            text = text[1:]       # pypdf's space for the gap, not the page's
        mcid = next((m for m in reversed(marked) if m is not None), None)
        runs.append(Run(text, round(x, 2), round(x + width, 2), round(y, 2),
                        abs(state["size"] * (tm[3] * cm[3] or 1.0)), mcid))

    page.extract_text(visitor_operand_before=before, visitor_text=shown)
    return runs


def _widths(font: Any) -> tuple[dict[int, float], float, int]:
    """A font's glyph widths by code (thousandths of its size), its default width, and how
    many bytes a code has."""
    font = _resolved(font)
    if not hasattr(font, "get"):
        return {}, 500.0, 1
    if font.get("/Subtype") == "/Type0":
        descendants = _resolved(font.get("/DescendantFonts"))
        descendant: Any = _resolved(descendants[0]) if isinstance(descendants, list) else None
        if not hasattr(descendant, "get"):
            return {}, 1000.0, 2
        widths: dict[int, float] = {}
        w = _resolved(descendant.get("/W"))
        w = list(w) if isinstance(w, list) else []
        i = 0
        while i + 1 < len(w):
            first = int(w[i])
            following = _resolved(w[i + 1])
            if isinstance(following, list):
                widths.update((first + k, float(v)) for k, v in enumerate(following))
                i += 2
            elif i + 2 < len(w):
                last = min(int(following), first + _CODES)   # a hostile range: no more codes
                widths.update((c, float(w[i + 2])) for c in range(first, last + 1))
                i += 3
            else:
                break
        return widths, float(descendant.get("/DW", 1000)), 2
    first = int(font.get("/FirstChar", 0))
    widths_list = _resolved(font.get("/Widths"))
    return ({first + k: float(v) for k, v in enumerate(widths_list)}
            if isinstance(widths_list, list) else {}, 500.0, 1)


def _resolved(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def _advance(shown: Any, font: tuple[dict[int, float], float, int]) -> float:
    """How far a text-showing operation moves, in units of the font size."""
    widths, default, size = font
    moved = 0.0
    for part in shown:
        if isinstance(part, (int, float)):
            moved -= float(part)
            continue
        data = part.original_bytes if hasattr(part, "original_bytes") else bytes(part)
        for i in range(0, len(data) - size + 1, size):
            moved += widths.get(int.from_bytes(data[i:i + size], "big"), default)
    return moved / 1000
