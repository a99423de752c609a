"""A reference that does not parse is refused on its line, never printed as raw braces.

Generated: every malformation (spaces, capitals, an empty or extra key, a colon with spaces, a
nested or unclosed brace, a key with characters a key cannot hold) of every reference the seed
uses, in every text where references work (AKT607, or AKT601 when it parses but names nothing),
and every reference, whole or broken, in every text where none works (AKT607).
"""

from __future__ import annotations

import pytest
from test_amounts_in_every_field import FIELDS, spec_with

from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers.text import write_text

SEED_REFERENCES = ("udgift", "finansiering", "finansår", "konto:16.71.08", "kontonavn:16.71.08",
                   "modtager:amgros")
PROSE = ("afsnit a", "afsnit b", "punkt", "afsnit e", "tekstanmærkning")
OTHER = tuple(field for field in FIELDS if field not in PROSE)


def malformations(reference: str) -> list[str]:
    name, _, key = reference.partition(":")
    found = [f"{{ {reference}}}", f"{{{reference} }}", f"{{ {reference} }}",
             "{" + reference.capitalize() + "}", "{" + reference.upper() + "}",
             # `{udgift:2025}` is a reference now (a year); an empty segment or unit is not
             f"{{{reference}:2025:}}", f"{{{reference}|mai}}", f"{{{reference}|}}",
             f"{{{name}:}}", f"{{{name}: {key or 'x'}}}",
             f"{{{name} :{key or 'x'}}}", f"{{{name}:{{finansår}}}}", f"{{{reference}",
             f"{{{name}:{(key or 'x').replace('.', ' ')}!}}",
             # a letter from another script that looks the same: Cyrillic а, і, о
             "{" + reference.replace("a", "\u0430", 1).replace("i", "\u0456", 1) + "}",
             "{" + reference.replace("o", "\u043e") + "}"]
    return [bad for bad in dict.fromkeys(found) if bad != "{" + reference + "}"]


VARIANTS = [(PROSE[i % len(PROSE)], bad) for ref in SEED_REFERENCES
            for i, bad in enumerate(malformations(ref))]
OUTSIDE = [(field, text) for i, field in enumerate(OTHER)
           for reference in (SEED_REFERENCES[i % len(SEED_REFERENCES)],)
           for text in ("{" + reference + "}", malformations(reference)[i % 14])]


def test_the_classes_are_large():
    """84 malformations in prose and 24 references outside it, when written."""
    assert len(VARIANTS) >= 70 and len(OUTSIDE) >= 20


@pytest.mark.parametrize(("field", "bad"), VARIANTS, ids=[f"{f}:{b}" for f, b in VARIANTS])
def test_a_malformed_reference_in_prose_is_refused_on_its_line(tmp_path, field, bad):
    spec, line = spec_with(tmp_path, field, bad)
    diagnostics = check(spec).diagnostics
    assert any(d.code in ("AKT607", "AKT601") and d.is_error and d.span.line == line
               for d in diagnostics), [d.message for d in diagnostics]


@pytest.mark.parametrize(("field", "text"), OUTSIDE, ids=[f"{f}:{t}" for f, t in OUTSIDE])
def test_no_reference_stands_where_references_do_not_work(tmp_path, field, text):
    spec, line = spec_with(tmp_path, field, text)
    diagnostics = check(spec).diagnostics
    assert any(d.code == "AKT607" and d.is_error and d.span.line == line
               for d in diagnostics), [d.message for d in diagnostics]


@pytest.mark.parametrize("field", PROSE)
def test_an_escaped_brace_is_text(tmp_path, field):
    spec, _ = spec_with(tmp_path, field, "\\{udgift}")
    checked = check(spec)
    assert [d for d in checked.diagnostics if d.code in ("AKT601", "AKT607")] == []
    assert "Markørtekst {udgift} her" in " ".join(write_text(render(checked)).split())
