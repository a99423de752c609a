"""What WeasyPrint's structure tree lacks, mended before the PDF is written (its finisher).

WeasyPrint tags the body from the HTML, but marks the text of the page-margin boxes (page
numbers, the UDKAST line) as content whose structure elements hang outside the tree; a
screen reader would find them nowhere and a checker calls them content. Here they become
artifacts of pagination, and the page's marked-content ids are renumbered so that each page's
ids run 0, 1, 2 … as its entry in the parent tree expects. Header cells get `/Scope /Column`
(every header row of the tree heads its columns), each section is labelled with its letter, a
list item's text goes into the item's body beside its label, and a link's annotation is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aktstykker_gen.writers.libraries import one_library_lookup

with one_library_lookup():
    import pydyf


def finish(document: Any, pdf: Any) -> None:
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _get(pdf, pdf.catalog["StructTreeRoot"])
    reachable = set(_elements(pdf, root))
    nums = _get(pdf, root["ParentTree"])["Nums"]
    for page_number, page in enumerate(_pages(pdf)):   # Nums opens with page 0, 1, 2 …
        assert nums[2 * page_number] == page_number
        nums[2 * page_number + 1] = _furniture_to_artifacts(
            pdf, page, nums[2 * page_number + 1], reachable)
    for number, element in enumerate(pdf.objects):   # the furniture's, referred to by nothing
        if isinstance(element, dict) and element.get("Type") == "/StructElem" \
                and number not in reachable:
            element.clear()
    for number in reachable:
        element = pdf.objects[number]
        if element.get("S") == "/TH":
            element["A"]["Scope"] = "/Column"
    elements = [pdf.objects[n] for n in _elements(pdf, root)]
    for element in elements:
        if element.get("S") == "/LI":
            _wrap_list_body(pdf, element)
    _label_sections(pdf, document, elements)
    for page in _pages(pdf):
        _printable_annotations(pdf, page)


def _printable_annotations(pdf: Any, page: Any) -> None:
    """A link's annotation is printed as it is shown (the Print flag, Matterhorn 28-002):
    WeasyPrint leaves the flags unset."""
    for annotation in page.get("Annots", ()):
        found = _get(pdf, annotation) if isinstance(annotation, bytes) else annotation
        found["F"] = 4


def _furniture_to_artifacts(pdf: Any, page: Any, parents: list[bytes],
                            reachable: set[int]) -> Any:
    """The page's content marked with an id whose element is outside the tree becomes an
    artifact; the other ids are renumbered in order. The page's new parent-tree entry."""
    kept = [mcid for mcid, parent in enumerate(parents) if _number(parent) in reachable]
    renumbered = {old: new for new, old in enumerate(kept)}
    operations = _get(pdf, page["Contents"]).stream
    for i, operation in enumerate(operations):
        if isinstance(operation, dict) and "MCID" in operation and operations[i + 1] == b"BDC":
            mcid = operation["MCID"]
            if mcid in renumbered:
                operation["MCID"] = renumbered[mcid]
            else:
                operations[i - 1] = "/Artifact"
                operations[i] = pydyf.Dictionary({"Type": "/Pagination"})
    for reference in {parents[old] for old in kept}:   # an element's ids are all on its page
        element = _get(pdf, reference)
        element["K"] = pydyf.Array(renumbered[kid] if isinstance(kid, int) else kid
                                   for kid in element["K"])
    return pydyf.Array([parents[old] for old in kept])


def _wrap_list_body(pdf: Any, item: Any) -> None:
    """A list item's kids as PDF/UA wants them: its label (the dash, the ::marker WeasyPrint
    tags /Lbl) and one /LBody holding the rest. WeasyPrint puts the text of an item whose
    marker stands inside its first line beside the label, with no body."""
    kids = list(item["K"])
    rest = [kid for kid in kids if not (isinstance(kid, bytes) and
                                        _get(pdf, kid).get("S") in ("/Lbl", "/LBody"))]
    if not rest or any(not isinstance(kid, bytes) for kid in rest):
        return
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(rest),
                             "Pg": item["Pg"], "P": item.reference})
    pdf.add_object(body)
    for kid in rest:
        _get(pdf, kid)["P"] = body.reference
    item["K"] = pydyf.Array([kid for kid in kids if kid not in rest] + [body.reference])


def _label_sections(pdf: Any, document: Any, elements: list[Any]) -> None:
    """Each `/Sect` gets its section's letter as its title (/T): the k-th section element of
    the tree is the k-th section box of the pages, both in document order."""
    sections = [e for e in elements if e.get("S") == "/Sect"]
    boxes = [box for page in document.pages for box in page._page_box.descendants()
             if box.element_tag == "section" and box.element is not None]
    if len(sections) != len(boxes):
        raise AssertionError("the tagged sections are not the laid-out sections")
    for element, box in zip(sections, boxes, strict=True):
        if letter := box.element.get("data-letter"):
            element["T"] = pydyf.String(letter)


def _elements(pdf: Any, parent: Any) -> Iterator[int]:
    """The numbers of the structure elements under `parent`, in document order."""
    for kid in parent.get("K", ()):
        if isinstance(kid, bytes):
            element = pdf.objects[_number(kid)]
            if element.get("Type") == "/StructElem":
                yield element.number
                yield from _elements(pdf, element)


def _pages(pdf: Any) -> list[Any]:
    return [pdf.objects[number] for number in pdf.pages["Kids"][::3]]


def _get(pdf: Any, reference: bytes) -> Any:
    return pdf.objects[_number(reference)]


def _number(reference: bytes) -> int:
    return int(reference.split()[0])
