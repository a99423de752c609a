"""A file header above the document (a corpus's "SOURCE: …", "EXCERPT: …") is no part of the
aktstykke: the import leaves it out, names it, and reads the document under it as it would
without it (filhoved.py). The real openings carry such a header (test_import_published.py)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from aktstykker_gen.kinds.aktstykke.indlaesning.filhoved import filhoved
from aktstykker_gen.kinds.aktstykke.indlaesning.indlaes import import_text
from aktstykker_gen.reading import read

SEED = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
HEADERS = [
    ("SOURCE: https://ft.dk/samling/20191/almdel/KUU/bilag/195/index.htm\n"
     "EXCERPT: opening of Aktstykke nr. 253\n\n", ["SOURCE", "EXCERPT"]),
    ("Title: Aktstykke 12\nDate: 2025-10-01\nX-Fetched-By: wget\n\n\n",
     ["Title", "Date", "X-Fetched-By"]),
]
# Texts whose first lines are the document's own: no header is taken from them.
NO_HEADER = [
    "Aktstykke nr. 12\nFolketinget 2025-26\n",
    "Kulturudvalget 2019-20\nKUU Alm.del Bilag 195\nOffentligt\n",
    "Note: a line like a field, with the document right under it\nAktstykke nr. 12\n",
    "Materielle bestemmelser:\n\n",
]


@pytest.mark.parametrize(("header", "keys"), HEADERS)
def test_a_file_header_is_left_out_and_the_document_under_it_imports_as_without_it(
        header: str, keys: list[str]) -> None:
    text = "\n".join(read(SEED).lines)
    assert filhoved(header + text).keys == keys
    alone = import_text(text, SEED.name, "Strategi for personlig medicin")
    under = import_text(header + text, SEED.name, "Strategi for personlig medicin")
    assert under.identical and under.yaml == alone.yaml and under.marks == alone.marks
    assert under.recognised == [f"filhoved over dokumentet udeladt (ikke aktstykkets tekst): "
                                f"{', '.join(keys)}", *alone.recognised]


@pytest.mark.parametrize("text", NO_HEADER)
def test_the_documents_own_first_lines_are_not_taken_for_a_header(text: str) -> None:
    assert filhoved(text).lines == 0 and filhoved(text).keys == []
