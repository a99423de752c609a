"""A finansår column added to or removed from the tables of every spec (tests/columns.py), as
a reviewer meets it: the redline keeps the table, shows each row whose cells changed as OLD's
row deleted above NEW's inserted, and every other row as it was or changed word by word;
accepting every change gives NEW and rejecting every change OLD exactly, in text and in
paragraph styles; `diff` shows the same rows changed."""

from __future__ import annotations

import datetime

import pytest
from columns import as_read, column_revisions
from revisions import SPECS
from test_revision_corpus import _reading, body
from tracked import NS, W, marks, resolved, styled

from aktstykker_gen.document import Document, Section, Table
from aktstykker_gen.kinds import DEFAULT_KIND
from aktstykker_gen.reading import key, rendered
from aktstykker_gen.redline import changed_blocks, redline
from aktstykker_gen.textdiff import changed_lines
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.docx import Revision

WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5)


def _art(path) -> str:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8")).get("art", DEFAULT_KIND)


def _tables(doc: Document) -> list[Table]:
    return [b for part in doc.body for b in (part.blocks if isinstance(part, Section) else
                                             [part]) if isinstance(b, Table)]


def _revisions() -> list[tuple[str, str, str, Document, Document]]:
    """(name, kind, art, OLD, NEW) of each column change of each spec."""
    found = []
    for path in sorted(SPECS.rglob("*.yaml")):
        old = rendered(path, Udgave.fortrolig)[0]
        name = str(path.relative_to(SPECS).with_suffix(""))
        found += [(f"{name}-{kind}", kind, _art(path), old, new)
                  for kind, new in column_revisions(old)]
    return found


REVISIONS = _revisions()


def test_every_spec_with_a_table_of_amounts_gives_a_column_added_and_of_years_one_removed():
    amounts = {str(p.relative_to(SPECS).with_suffix("")): max(
        (t.columns.count("amount") for t in _tables(rendered(p, Udgave.fortrolig)[0])), default=0)
        for p in SPECS.rglob("*.yaml")}
    for kind, least in (("kolonne-tilfoejet", 1), ("kolonne-fjernet", 2)):
        made = {name.removesuffix(f"-{kind}") for name, made_kind, *_ in REVISIONS
                if made_kind == kind}
        assert made == {spec for spec, count in amounts.items() if count >= least}
        assert len(made) >= 3


@pytest.fixture(params=REVISIONS, ids=[r[0] for r in REVISIONS])
def revision(request):
    name, kind, art, old, new = request.param
    return art, old, new, redline(old, new)


def test_accepting_gives_new_and_rejecting_gives_old_in_text_and_styles(revision):
    art, old, new, marked = revision
    changes = body(marked, art, Revision("Redaktør", WHEN))
    assert marks(changes)
    for accept, expected in ((True, new), (False, old)):
        result = resolved(changes, accept)
        assert marks(result) == []
        assert styled(result) == styled(body(expected, art))


def test_rows_whose_cells_changed_are_replaced_and_the_grid_s_change_is_tracked(revision):
    """No cell is inserted or deleted on its own (LibreOffice 7.4 cannot resolve w:cellIns or
    w:cellDel); a deleted row has OLD's columns and an inserted one NEW's; a row of the same
    cells is never marked as a row."""
    art, old, new, marked = revision
    changes = body(marked, art, Revision("Redaktør", WHEN))
    assert not changes.xpath("//w:cellIns | //w:cellDel", namespaces=NS)
    before = {len(t.columns) for t in _tables(old)}
    after = {len(t.columns) for t in _tables(new)}
    for table in changes.xpath("//w:tbl[w:tblGrid/w:tblGridChange]", namespaces=NS):
        old_grid = len(table.xpath("w:tblGrid/w:tblGridChange/w:tblGrid/w:gridCol", namespaces=NS))
        new_grid = len(table.xpath("w:tblGrid/w:gridCol", namespaces=NS))
        assert old_grid in before and new_grid in after and old_grid != new_grid
        for row in table.findall("w:tr", NS):
            width = sum(int(c.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or 1)
                        for c in row.findall("w:tc", NS))
            change = row.xpath("w:trPr/w:ins | w:trPr/w:del", namespaces=NS)
            if change and change[0].tag == f"{{{W}}}del":
                assert width == old_grid
            else:
                assert width == new_grid
    assert changes.xpath("//w:tblGridChange", namespaces=NS)


def test_diff_and_redline_show_the_same_rows_changed(revision):
    """But for a row whose only change is an empty cell: replaced, for its cells changed, and
    unchanged to `diff`, which reads the text."""
    art, old, new, marked = revision
    shown = changed_lines(_reading(old), _reading(new))
    assert tuple({key(t) for t in side} for side in changed_blocks(as_read(marked))) == shown
