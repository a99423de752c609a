"""The page references WeasyPrint's tagging asks for are pydyf's, page for page, however many
pages have been added between two questions; and they are made once per page count, not once
per question (writers/page_references.py)."""

from __future__ import annotations

import pydyf
from hypothesis import given
from hypothesis import strategies as st

import aktstykker_gen.writers.pdf  # noqa: F401  (installs the kept references)
from aktstykker_gen.writers.page_references import page_references


def pydyfs_own(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    return tuple(f"{number} 0 R".encode("ascii") for number in pdf.pages["Kids"][::3])


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=12))
def test_the_references_are_pydyfs_after_every_added_page(batches: list[int]) -> None:
    pdf = pydyf.PDF()
    for batch in batches:
        for _ in range(batch):
            pdf.add_object(pydyf.Dictionary())   # other objects between pages shift the numbers
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == pydyfs_own(pdf)
        assert page_references(pdf) is pdf.page_references   # kept, not made again


def test_weasyprint_reads_the_kept_references() -> None:
    assert pydyf.PDF.page_references.fget is page_references
