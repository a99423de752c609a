"""The folio read back from a DOCX is the word before the page number, however a client wrote
the number's field.

`build` writes the page number as a `w:fldSimple`; LibreOffice and Word save a field as runs
from a `w:fldChar` begin to its end, holding its code and last value, and fields may nest
(a PAGE inside an IF). Generated here: the folio word cut into runs, with fields of every
shape between them. A field that never ends is read as running to the paragraph's end, and an
end with no begin ends nothing.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from aktstykker_gen.build import write_format
from aktstykker_gen.docx_tree import read_docx
from aktstykker_gen.kinds import KINDS
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.udgaver import Udgave

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AGENDA = Path(__file__).parent.parent / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"


def _run(inner: str) -> str:
    return f'<w:r xmlns:w="{W}">{inner}</w:r>'


def _char(kind: str) -> str:
    return _run(f'<w:fldChar w:fldCharType="{kind}"/>')


def _text(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return _run(f'<w:t xml:space="preserve">{escaped}</w:t>')


values = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), max_size=8)
codes = st.sampled_from(["PAGE", " PAGE \\* MERGEFORMAT ", "NUMPAGES", "IF 1 = 1 x y"])


def _field(inner: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    """begin, its code, maybe a separate and the value (text runs and fields within), end."""
    return st.tuples(codes, st.booleans(), st.lists(st.one_of(values.map(lambda v: [_text(v)]),
                                                               inner), max_size=3)).map(
        lambda parts: [_char("begin"), _run(f"<w:instrText>{parts[0]}</w:instrText>"),
                       *([_char("separate")] if parts[1] else []),
                       *(run for value in parts[2] for run in value), _char("end")])


fields = st.recursive(st.just([_char("begin"), _char("end")]), _field, max_leaves=6)
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Z")),
                min_size=1, max_size=12)


@pytest.fixture(scope="module")
def agenda() -> dict[str, bytes]:
    """The parts of the agenda's DOCX, as `build` writes them."""
    tree = render(check(AGENDA), edition=Udgave.offentlig)
    with zipfile.ZipFile(io.BytesIO(write_format(tree, KINDS["dagsorden"], ".docx"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with_folio(parts: dict[str, bytes], runs: list[str], folder: Path) -> Path:
    """The agenda with its folio paragraph's runs and field replaced by `runs`."""
    changed = dict(parts)
    for name, data in parts.items():
        if not name.startswith("word/header"):
            continue
        root = etree.fromstring(data)
        for paragraph in root.iter(f"{{{W}}}p"):
            if paragraph.find(f"{{{W}}}fldSimple") is None:
                continue
            for child in list(paragraph):
                if child.tag != f"{{{W}}}pPr":
                    paragraph.remove(child)
            paragraph.extend(etree.fromstring(run) for run in runs)
        changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    path = folder / "folio.docx"
    with io.BytesIO() as buffer:
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in changed.items():
                archive.writestr(name, data)
        path.write_bytes(buffer.getvalue())
    return path


def _cut(word: str, cuts: list[int]) -> list[str]:
    points = sorted({0, len(word), *(c % (len(word) + 1) for c in cuts)})
    return [word[a:b] for a, b in zip(points, points[1:], strict=False)]


def _folio(parts: dict[str, bytes], runs: list[str], folder: Path) -> str:
    return read_docx(_with_folio(parts, runs, folder)).document.folio


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(word=words, cuts=st.lists(st.integers(0, 40), max_size=4),
       between=st.lists(st.lists(fields, max_size=2), min_size=5, max_size=5))
def test_the_folio_is_the_text_outside_every_field_of_any_shape(
        agenda: dict[str, bytes], tmp_path: Path, word: str, cuts: list[int],
        between: list[list[list[str]]]) -> None:
    runs: list[str] = []
    for piece, placed in zip(_cut(word, cuts), between, strict=False):
        runs += [_text(piece), *(run for field in placed for run in field)]
    runs += [run for field in between[-1] for run in field]
    assert _folio(agenda, runs, tmp_path) == word.strip()


@SETTINGS
@given(word=words, field=fields, cut=st.integers(1, 40))
def test_a_field_that_never_ends_takes_the_rest_of_the_paragraph(
        agenda: dict[str, bytes], tmp_path: Path, word: str, field: list[str], cut: int) -> None:
    before, after = word[:cut % (len(word) + 1)], word[cut % (len(word) + 1):]
    runs = [_text(before), _char("begin"), *field, _text(after)]
    assert _folio(agenda, runs, tmp_path) == before.strip()


@SETTINGS
@given(word=words, ends=st.integers(1, 3), cut=st.integers(0, 40))
def test_an_end_without_a_begin_ends_nothing(
        agenda: dict[str, bytes], tmp_path: Path, word: str, ends: int, cut: int) -> None:
    at = cut % (len(word) + 1)
    runs = [_text(word[:at]), *[_char("end")] * ends, _text(word[at:]),
            _char("begin"), _text("15"), _char("end")]
    assert _folio(agenda, runs, tmp_path) == word.strip()

