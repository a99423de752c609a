"""A redline of agendas keeps their links (issue 15's redline): an inline web address, an
item's `links:` entry and a file's name standing for its link are Word hyperlinks in the
redline as in the plain DOCX, and an inserted or deleted one is a tracked change of its text
inside its hyperlink (a name whose address changed: the old link deleted, the new inserted).
Accepting every change gives NEW's text and NEW's links with their targets, rejecting every
change OLD's."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from tracked import NS, W, lines, resolved

from aktstykker_gen import cli
from aktstykker_gen.build import render_outputs
from aktstykker_gen.kinds.dagsorden import links
from aktstykker_gen.pipeline import check

SPEC = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ITEM_4_LINK = "      - https://www.ism.dk/Media/638772933225923799/"
PLAN = "      - https://www.ism.dk/Media/638832422750686110/"
MEETING = "Region Hovedstaden. Udvalget"

EDITS = {   # what changes from OLD to NEW, as (old, new) in the seed spec's text
    "inline link inserted": (MEETING, "Region Hovedstaden, se https://www.regioner.dk/moede. "
                                      "Udvalget"),
    "links entry inserted": (ITEM_4_LINK, "      - https://www.regioner.dk/ny.pdf\n"
                                          + ITEM_4_LINK),
    "links entry deleted": (PLAN, "      - https://www.regioner.dk/ikke-med/"),
    "link target changed": (ITEM_4_LINK, "      - https://www.regioner.dk/Media/"),
}


def versions(folder: Path, edit: tuple[str, str]) -> tuple[Path, Path]:
    """OLD and NEW: the seed spec with and without the change, either way round."""
    text = SPEC.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1, edit[0]
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace(*edit), encoding="utf-8")
    return old, new


def package(data: bytes) -> tuple[etree._Element, dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    return body, {r.get("Id"): r.get("Target") for r in rels}


def hyperlinks(body: etree._Element, targets: dict[str, str]) -> list[tuple[str, str]]:
    """Each hyperlink with text left in it: its text and its target."""
    found = []
    for link in body.iter(f"{{{W}}}hyperlink"):
        text = "".join(t.text or "" for t in link.iter(f"{{{W}}}t", f"{{{W}}}delText"))
        if text:
            found.append((text, targets[link.get(f"{{{R}}}id")]))
    return found


def plain(spec: Path) -> tuple[list[str], list[tuple[str, str]]]:
    body, targets = package(render_outputs(check(spec))[".docx"])
    return lines(body), hyperlinks(body, targets)


@pytest.mark.parametrize("reverse", [False, True], ids=["forward", "reversed"])
@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_accepting_or_rejecting_a_redline_gives_each_versions_text_and_links(
        tmp_path: Path, edit: str, reverse: bool) -> None:
    old, new = versions(tmp_path, EDITS[edit])
    if reverse:
        old, new = new, old
    out = tmp_path / "r.docx"
    assert cli.main(["redline", str(old), str(new), "-o", str(out)]) == 0
    body, targets = package(out.read_bytes())
    for accept, version in ((True, new), (False, old)):
        final = resolved(body, accept=accept)
        assert (lines(final), hyperlinks(final, targets)) == plain(version), (edit, accept)


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_changed_link_is_tracked_inside_its_hyperlink(tmp_path: Path, edit: str) -> None:
    old, new = versions(tmp_path, EDITS[edit])
    out = tmp_path / "r.docx"
    assert cli.main(["redline", str(old), str(new), "-o", str(out)]) == 0
    body, targets = package(out.read_bytes())
    tracked = {kind: [(("".join(link.xpath(".//w:t/text() | .//w:delText/text()",
                                           namespaces=NS))),
                       targets[link.get(f"{{{R}}}id")])
                      for link in body.xpath(f"//w:hyperlink[w:{kind}]", namespaces=NS)]
               for kind in ("ins", "del")}
    added = [t for t in plain(new)[1] if t not in plain(old)[1]]
    gone = [t for t in plain(old)[1] if t not in plain(new)[1]]
    assert (tracked["ins"], tracked["del"]) == (added, gone)
    assert added or gone
    # Every link, inserted, deleted or unchanged, is its own address, or the name of the file
    # it goes to (the seed's item 5 names its two).
    assert all(text in (target, links.name(target)) for text, target in hyperlinks(body, targets))
