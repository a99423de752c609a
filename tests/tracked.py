"""Accept or reject every tracked change of a DOCX body, as Word does, and read what is left:
the test helpers that check a redline against the plain documents of both versions."""

from __future__ import annotations

from lxml import etree

from aktstykker_gen.reading import key

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
INSERTED, DELETED = ("ins", "moveTo"), ("del", "moveFrom")
RANGES = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
          "pPrChange")
# Tracked changes of a table's grid and of a cell's properties: OLD's, restored on reject.
FORMER = {"tblGridChange": "w:tblGrid", "tcPrChange": "w:tcPr"}


def resolved(root: etree._Element, accept: bool) -> etree._Element:
    """A copy of the body with every change accepted (or rejected) and no mark left."""
    gone, kept = (DELETED, INSERTED) if accept else (INSERTED, DELETED)
    root = etree.fromstring(etree.tostring(root))
    for tag, former in FORMER.items():
        for change in root.xpath(f"//w:{tag}", namespaces=NS):
            owner = change.getparent()
            owner.remove(change)
            if not accept:   # the grid or properties as OLD had them, in place of NEW's
                for child in list(owner):
                    owner.remove(child)
                owner.extend(list(change.find(former, NS)))
    for change in root.xpath("//w:pPr/w:pPrChange", namespaces=NS):
        properties = change.getparent()
        properties.remove(change)
        if not accept:   # the properties the paragraph had before
            for style in properties.findall("w:pStyle", NS):
                properties.remove(style)
            for style in reversed(change.find("w:pPr", NS)):
                properties.insert(0, style)
    for kind in gone:
        for mark in root.xpath(f"//w:pPr/w:rPr/w:{kind}", namespaces=NS):
            # As Word does: without its mark, what is left of a paragraph joins the next one.
            paragraph = mark.getparent().getparent().getparent()
            following = paragraph.getnext()
            if following is not None and following.tag == f"{{{W}}}p":
                anchor = following.find("w:pPr", NS)
                for child in reversed([c for c in paragraph if c.tag != f"{{{W}}}pPr"]):
                    if anchor is not None:
                        anchor.addnext(child)
                    else:
                        following.insert(0, child)
            paragraph.getparent().remove(paragraph)
    for kind in gone:
        for mark in root.xpath(f"//w:trPr/w:{kind}", namespaces=NS):
            row = mark.getparent().getparent()
            row.getparent().remove(row)
        for element in root.xpath(f"//w:{kind}[not(parent::w:rPr) and not(parent::w:trPr)]",
                                  namespaces=NS):
            element.getparent().remove(element)
    for kind in kept:
        for element in root.xpath(f"//w:{kind}[not(parent::w:rPr) and not(parent::w:trPr)]",
                                  namespaces=NS):
            for child in list(element):
                element.addprevious(child)
            element.getparent().remove(element)
        for mark in root.xpath(f"//w:rPr/w:{kind} | //w:trPr/w:{kind}", namespaces=NS):
            parent = mark.getparent()
            parent.remove(mark)
            if parent.tag == f"{{{W}}}rPr" and len(parent) == 0:
                parent.getparent().remove(parent)
    for element in root.xpath(" | ".join(f"//w:{r}" for r in RANGES), namespaces=NS):
        element.getparent().remove(element)
    for text in root.xpath("//w:delText", namespaces=NS):
        text.tag = f"{{{W}}}t"
    return root


def marks(root: etree._Element) -> list[etree._Element]:
    """Every tracked change and move range left in the body."""
    kinds = (*INSERTED, *DELETED, *RANGES, *FORMER)
    return root.xpath(" | ".join(f"//w:{k}" for k in kinds), namespaces=NS)


def text(element: etree._Element) -> str:
    return "".join("\t" if node.tag == f"{{{W}}}tab" else node.text or ""
                   for node in element.iter(f"{{{W}}}t", f"{{{W}}}tab"))


def lines(root: etree._Element) -> list[str]:
    """The body's text as a DOCX reader gives it: paragraphs, and table rows as their cells."""
    found = []
    for block in root.find("w:body", NS):
        if block.tag == f"{{{W}}}p":
            found.append(text(block))
        elif block.tag == f"{{{W}}}tbl":
            found.extend("  ".join(text(c) for c in row.findall("w:tc", NS))
                         for row in block.findall("w:tr", NS))
    return [key(line) for line in found]


def styled(root: etree._Element) -> list[tuple[str, str]]:
    """Every paragraph of the body, in table cells too, as (its style, its text)."""
    return [(p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS), key(text(p)))
            for p in root.find("w:body", NS).iter(f"{{{W}}}p")]
