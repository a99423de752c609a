"""Where a redline marks an inserted paragraph's break, so that LibreOffice rejects it as Word.

A paragraph P wholly inserted (or moved here) between A and Q can be written two ways: P's own
paragraph mark inserted (A¶ [P¶] Q¶), or A's (A[¶P] ¶ Q¶): the same text, the same change.
Rejecting the first, Word keeps Q's style for Q; LibreOffice (7.4) joins Q into P and gives it
P's style. So when Q's style differs from P's (a paragraph moved to just before a bullet
list), the list's first item would be left in the body style. Rejecting the second, Word keeps
the style of the mark left (P's, which is A's too) for A's text, LibreOffice joins into A and
keeps A's; Q is untouched either way. That is done only where it is the same file in every other respect:
A and P of one style, A's mark not itself a change, and all of P's text inserted.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

# A paragraph mark's tracked change, inside w:pPr/w:rPr.
_MARKS = ("ins", "del", "moveFrom", "moveTo")


def marked_before(body: Any) -> None:
    """Each body paragraph that is wholly inserted or moved here and stands before one of
    another style gets its break marked on the paragraph before it, as w:ins."""
    for paragraph in body.iterchildren(qn("w:p")):
        mark = _mark(paragraph)
        if mark is None or mark.tag not in (qn("w:ins"), qn("w:moveTo")):
            continue
        before, after = paragraph.getprevious(), paragraph.getnext()
        if (not _wholly_tracked(paragraph) or before is None or after is None
                or before.tag != qn("w:p") or after.tag != qn("w:p")
                or _mark(before) is not None or _style(before) != _style(paragraph)
                or _style(after) == _style(paragraph)):
            continue
        properties = mark.getparent()
        properties.remove(mark)
        if len(properties) == 0:
            properties.getparent().remove(properties)
        mark.tag = qn("w:ins")
        _run_properties(before).append(mark)


def _wholly_tracked(paragraph: Any) -> bool:
    """Every run inserted or moved here: a run both versions have (a section's letter) must
    stay with the paragraph mark it had."""
    return all(run.getparent().tag in (qn("w:ins"), qn("w:moveTo"))
               for run in paragraph.iter(qn("w:r")))


def _mark(paragraph: Any) -> Any:
    found = paragraph.find(qn("w:pPr") + "/" + qn("w:rPr"))
    if found is None:
        return None
    return next((child for child in found if child.tag in {qn(f"w:{m}") for m in _MARKS}), None)


def _style(paragraph: Any) -> str | None:
    style = paragraph.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    return None if style is None else style.get(qn("w:val"))


def _run_properties(paragraph: Any) -> Any:
    """The paragraph mark's w:rPr, made where missing: in w:pPr before a w:sectPr or
    w:pPrChange, which the schema puts after it."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = paragraph.makeelement(qn("w:pPr"), {})
        paragraph.insert(0, properties)
    found = properties.find(qn("w:rPr"))
    if found is not None:
        return found
    found = properties.makeelement(qn("w:rPr"), {})
    later = [c for c in properties if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))]
    if later:
        later[0].addprevious(found)
    else:
        properties.append(found)
    return found
