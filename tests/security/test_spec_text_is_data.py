"""Spec text is data: template syntax and markup in any printed field come out literally in the
text, DOCX and PDF outputs, are never evaluated, and never change the document's structure."""

from __future__ import annotations

import io

import pytest
from spec_fields import FIELDS, flat, outputs, spec_with, texts

TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ config }}",
    "{{ m.titel|upper }}",
    "{{ self.__init__.__globals__ }}",
    "{# skjult #}",
    "${7*7} #{7*7}",
]

MARKUP = [
    "<b>fed</b>",
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "<style>p { display: none }</style>",
    "</td></tr></table></p></section>",
    "]]> <![CDATA[ x ]]>",
    "&amp; &lt; &entity; &#x41;",
    '<w:fldSimple w:instr="DATE"/> { DATE \\@ "yyyy" }',
    "<!-- kommentar --> <?xml version='1.0'?>",
]


def missing(tmp_path, field: str, payloads: list[str]) -> dict[str, list[str]]:
    """The payloads (all put into the field at once) that an output does not show literally."""
    found = texts(outputs(spec_with(tmp_path, field, " ¦ ".join(payloads))), tmp_path)
    return {suffix: [p for p in payloads if flat(p) not in text] for suffix, text in found.items()}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_template_syntax_comes_out_literally_in_every_output(tmp_path, field):
    assert missing(tmp_path, field, TEMPLATE_SYNTAX) == {".txt": [], ".docx": [], ".pdf": []}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_markup_comes_out_literally_in_every_output(tmp_path, field):
    assert missing(tmp_path, field, MARKUP) == {".txt": [], ".docx": [], ".pdf": []}


def structure(built: dict[str, bytes]) -> tuple[int, int, int, int]:
    """Paragraphs and tables in the DOCX, pages in the PDF, lines in the text."""
    import docx

    document = docx.Document(io.BytesIO(built[".docx"]))
    rows = sum(len(t.rows) for t in document.tables)
    return len(document.paragraphs), len(document.tables), rows, built[".txt"].count(b"\n")


@pytest.mark.parametrize("payload", MARKUP)
def test_markup_never_changes_the_documents_structure(tmp_path, payload):
    plain = structure(outputs(spec_with(tmp_path, "afsnit b", "Et almindeligt afsnit.")))
    assert structure(outputs(spec_with(tmp_path, "afsnit b", payload))) == plain
