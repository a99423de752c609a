"""A table of more groups than writers/html.GROUPS_PER_BODY sets them that many to a tbody (so
that WeasyPrint's walk over a table's row groups, once for each page it continues on, stays
short): its pages are drawn exactly as with one tbody per group, the space between groups
included, and the tagged PDF has a /TBody per body; a shorter table keeps one per group."""

from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from aktstykker_gen.build import write_format
from aktstykker_gen.document import Section, Table
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers import html
from aktstykker_gen.writers.html import GROUPS_PER_BODY, write_html

sys.path.insert(0, str(ROOT / "benchmarks"))
from large_specs import SHAPES  # noqa: E402


def accounts(size: int, folder: Path) -> Path:
    spec = folder / f"accounts-{size}.yaml"
    spec.write_text(SHAPES["accounts"](size), encoding="utf-8")
    return spec


def account_table(tree) -> Table:
    """The document's first table (the accounts'), the first <table> of its HTML."""
    return next(block for part in tree.body
                for block in (part.blocks if isinstance(part, Section) else (part,))
                if isinstance(block, Table))


def table_body(markup: str) -> str:
    """The first table's HTML after its head: its row groups."""
    start = markup.index("</thead>", markup.index("<table>"))
    return markup[start:markup.index("</table>", start)]


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 3 * GROUPS_PER_BODY + 1))
def test_the_groups_are_set_per_body_in_order(size: int) -> None:
    """Every group's rows in order; a group after the first opens with the space above it."""
    with tempfile.TemporaryDirectory() as folder:
        tree = render(check(accounts(size, Path(folder))))
    table = account_table(tree)
    groups = len(table.groups)
    body = table_body(write_html(tree))
    bodies = body.count("<tbody>")
    assert bodies == (groups if groups <= GROUPS_PER_BODY else -(-groups // GROUPS_PER_BODY))
    assert len(re.findall(r'<tr class="[^"]*\bopens\b', body)) == groups - 1
    labels = re.findall(r'<td class="label">([^<]*)</td>', body)
    assert labels == [row.cells[0].text for group in table.groups for row in group]


def test_the_pages_are_drawn_as_with_one_body_per_group(tmp_path, monkeypatch) -> None:
    """120 accounts: some 20 pages, the account table of 121 groups continued on page after
    page; the same drawing on every page, fewer /TBody."""
    checked = check(accounts(120, tmp_path))
    tree = render(checked)
    chunked = pikepdf.open(io.BytesIO(write_format(tree, checked.kind, ".pdf")))
    monkeypatch.setattr(html, "GROUPS_PER_BODY", 10**9)   # one tbody per group
    per_group = pikepdf.open(io.BytesIO(write_format(tree, checked.kind, ".pdf")))
    assert len(chunked.pages) == len(per_group.pages) > 15
    for ours, theirs in zip(chunked.pages, per_group.pages, strict=True):
        assert ours.Contents.read_bytes() == theirs.Contents.read_bytes()
    groups = len(account_table(tree).groups)
    assert tbodies(chunked) < tbodies(per_group) - groups / 2   # one per body and page, not group


def tbodies(pdf: pikepdf.Pdf) -> int:
    return sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
               and o.get("/Type") == "/StructElem" and o.get("/S") == "/TBody")


@pytest.mark.parametrize("size", [1, GROUPS_PER_BODY - 1])
def test_a_short_table_keeps_a_body_per_group(size: int, tmp_path) -> None:
    tree = render(check(accounts(size, tmp_path)))
    assert table_body(write_html(tree)).count("<tbody>") == len(account_table(tree).groups)
