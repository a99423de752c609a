"""Reviewers trust a redline on every kind of change: for each revision in the generated
corpus (tests/revisions.py), accepting every change gives NEW and rejecting every change gives
OLD exactly, in text and in paragraph styles; `diff` and `redline` show the same blocks
changed; and each kind is shown as a reviewer reads it (a move as a move, a deletion beside
an edit as a deletion, a rewrite as its old text deleted and the new inserted)."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from columns import as_read
from lxml import etree
from revisions import REWRITTEN, Pair, corpus, written
from tracked import NS, W, marks, resolved, styled

from aktstykker_gen import assets
from aktstykker_gen.document import Document
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS
from aktstykker_gen.reading import Reading, key, rendered
from aktstykker_gen.redline import changed_blocks, redline
from aktstykker_gen.textdiff import changed_lines, diff_lines
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.docx import Revision, write_docx
from aktstykker_gen.writers.text import write_text

PAIRS = corpus()
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5)


def test_the_corpus_has_over_a_hundred_pairs_of_every_kind_from_every_spec():
    assert len(PAIRS) >= 100
    assert len({p.spec for p in PAIRS}) == len({p.spec for p in corpus_specs()})
    assert min(sum(p.kind == kind for p in PAIRS) for kind in {p.kind for p in PAIRS}) >= 2


def corpus_specs() -> list[Pair]:
    from revisions import SPECS

    return [Pair(str(p.relative_to(SPECS).with_suffix("")), "", {}, {})
            for p in SPECS.rglob("*.yaml")]


def tree(data: dict, folder: Path, name: str) -> Document:
    return rendered(written(data, folder / name), Udgave.fortrolig)[0]


def body(doc: Document, art: str, revision: Revision | None = None) -> etree._Element:
    kind = KINDS[art]
    folder = assets.templates_dir()
    data = write_docx(doc, folder / "docx", revision,
                      styles=folder / kind.docx_styles if kind.docx_styles else None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


@pytest.fixture(params=PAIRS, ids=[p.name for p in PAIRS])
def revision(request, tmp_path) -> tuple[Pair, Document, Document, Document]:
    pair = request.param
    old, new = tree(pair.old, tmp_path, "old.yaml"), tree(pair.new, tmp_path, "new.yaml")
    return pair, old, new, redline(old, new)


def test_accepting_gives_new_and_rejecting_gives_old_in_text_and_styles(revision):
    pair, old, new, marked = revision
    art = pair.new.get("art", DEFAULT_KIND)
    changes = body(marked, art, Revision("Redaktør", WHEN))
    # An edit the document does not show (a year no table prints) is no change.
    assert bool(marks(changes)) == (old != new)
    for accept, expected in ((True, new), (False, old)):
        result = resolved(changes, accept)
        assert marks(result) == []
        assert styled(result) == styled(body(expected, art))


def test_diff_and_redline_show_the_same_blocks_changed(revision):
    """A row of a table whose columns changed that reads the same in both (a cell inserted
    empty) is replaced in the redline, its cells having changed, and unchanged to `diff`
    (tests/columns.py, as_read)."""
    pair, old, new, marked = revision
    shown = changed_lines(_reading(old), _reading(new))
    assert tuple({key(t) for t in side} for side in changed_blocks(as_read(marked))) == shown
    assert (shown != (set(), set())) == (old != new)


def test_each_kind_is_shown_as_a_reviewer_reads_it(revision):
    pair, old, new, marked = revision
    art = pair.new.get("art", DEFAULT_KIND)
    changes = body(marked, art, Revision("Redaktør", WHEN))
    moved = {tag: changes.xpath(f"//w:{tag}", namespaces=NS)
             for tag in ("moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")}
    diffed = "\n".join(diff_lines(_reading(old), _reading(new)))
    if "flyttet" in pair.kind:
        # Word's move marks at both ends, the ranges named alike, and diff's "flyttet".
        assert all(moved.values()), pair.kind
        names = [{r.get(f"{{{W}}}name") for r in moved[t]}
                 for t in ("moveFromRangeStart", "moveToRangeStart")]
        assert names[0] == names[1]
        assert "flyttet til linje" in diffed and "flyttet fra linje" in diffed
    else:
        assert not any(moved.values()) and "flyttet" not in diffed
    whole = _whole_paragraphs(changes)
    if pair.kind == "afsnit-slettet-foer-redigeret":
        # The deleted paragraph is deleted whole, and the edited one marked word by word.
        assert whole == {"del": 1, "ins": 0}
    elif pair.kind in ("kraftig-omskrivning", "foerste-afsnit-omskrevet"):
        # One paragraph: all of the old text deleted, then all of the new inserted, and no
        # paragraph mark changed.
        assert whole == {"del": 0, "ins": 0}
        rewritten = changes.xpath("w:body/w:p[w:del and w:ins]", namespaces=NS)
        assert len(rewritten) == 1
        gone = "".join(rewritten[0].xpath("w:del//w:delText/text()", namespaces=NS))
        added = "".join(rewritten[0].xpath("w:ins//w:t/text()", namespaces=NS))
        # Only what both do not begin and end with (a quoted paragraph's "Stk. 2.").
        assert added in REWRITTEN and len(added) > len(REWRITTEN) - 5
        assert any(key(gone) in line for _, line in styled(body(old, art)))
    elif pair.kind in ("afsnit-omskrevet", "beloeb-og-finansiering", "punkt-redigeret"):
        assert whole == {"del": 0, "ins": 0}


def _whole_paragraphs(root: etree._Element) -> dict[str, int]:
    """How many body paragraphs (outside tables) are wholly deleted or inserted."""
    return {kind: len(root.xpath(f"w:body/w:p[w:pPr/w:rPr/w:{kind}]", namespaces=NS))
            for kind in ("del", "ins")}


def _reading(doc: Document) -> Reading:
    return Reading(write_text(doc).split("\n"))
