"""A ceiling ("op til X") is said by every generated sentence and table that shows its amount,
for every kind of disposition and financing, in the text, the PDF and the DOCX; without one,
nothing says "op til". The checks balance a ceiling as the amount, and AKT244 refuses a
ceiling said on one side of the double entry only.

The specs are generated from specs/examples/overfoersel-op-til-fra-reserve.yaml: a transfer
from a reserve (its example), a "tilføres" line paid by each financing kind, and the seed's
shape (no dispositions: the list in a is the accounts') paid by each kind."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import ROOT
from spec_edits import changed, checked, codes
from textmeasure import docx_text, normalise, pdf_text

from aktstykker_gen import pipeline
from aktstykker_gen.document import Section, Table
from aktstykker_gen.writers.text import write_text

EXAMPLE = (ROOT / "specs" / "examples" / "overfoersel-op-til-fra-reserve.yaml").read_text(
    encoding="utf-8")
TRANSFER = "  - overføres: 15.0\n    fra: 35.11.22\n    til: 08.21.01\n    op_til: true\n"
RESERVE = "  - art: reserve\n    konto: 35.11.22\n    underkonto: 20\n    op_til: true\n"
FINANSIERING = EXAMPLE[EXAMPLE.index("finansiering:\n"):EXAMPLE.index("dispositioner:\n")]

ERHVERV = "§ 08.21.01. Erhvervsstyrelsen"
SENTENCES = {
    "reserve": "finansieres af de på finansloven opførte midler under § 35.11.22.20. Reserve til "
               "eksportfremme.",
    "hovedkonto": "finansieres fra § 35.11.22. Reserve til eksportpakke.",
    "direkte opskrivning": "håndteres ved en direkte opskrivning af Erhvervsministeriets "
                           "bevilling på forslag til lov om tillægsbevilling for 2025.",
    "ufinansieret": "er ufinansieret og forøger statens nettoudgifter tilsvarende.",
}
# (disposition, financing kind): the transfer is paid by the reserve it moves money from.
KINDS = [("overføres", "reserve"), *itertools.product(("tilføres", "ingen"), SENTENCES)]


def spec(disposition: str, art: str, loft: bool) -> str:
    """The example with the disposition and financing kind asked for, with or without op_til."""
    text = EXAMPLE
    if art == "hovedkonto":
        text = changed(text, (RESERVE, "  - art: hovedkonto\n    konto: 35.11.22\n    op_til: true\n"))
    elif art != "reserve":   # the expense is the stated nettoændring: no account pays it
        text = changed(text, (FINANSIERING, "nettoændring: {2025: 15.0}\n\n"),
                       (RESERVE, f"  - art: {art}\n    op_til: true\n"))
    if disposition == "tilføres":
        text = changed(text, (TRANSFER, "  - tilføres: 08.21.01\n    op_til: true\n"))
    elif disposition == "ingen":   # the seed's shape: the list in a is the accounts'
        text = changed(text, ("dispositioner:\n" + TRANSFER + "\n", ""),
                       ("indsæt: dispositioner", "indsæt: kontoliste"))
    return text if loft else text.replace("    op_til: true\n", "")


def expected(disposition: str, art: str, loft: bool) -> list[str]:
    """Every sentence that shows the amount, as Budgetvejledningen words it."""
    x = ("op til " if loft else "") + "15,0 mio. kr."
    line = {"overføres": f"Der overføres {x} fra § 35.11.22. Reserve til eksportpakke til "
                         f"{ERHVERV}.",
            "tilføres": f"Der tilføres {x} til {ERHVERV}.",
            "ingen": f"{x} til {ERHVERV}"}[disposition]
    request = (f"overføres {x} fra § 35.11.22. Reserve til eksportpakke til {ERHVERV}"
               if disposition == "overføres" else f"tilføres {x} til {ERHVERV}")
    return [line, f"Udgiften i 2025 på {x} {SENTENCES[art]}",
            f"anmodes om Finansudvalgets tilslutning til, at der {request}, således at der på "
            "forslag til lov om tillægsbevilling for 2025 opføres følgende:"]


def note(art: str) -> str:
    """The note under each account table: the accounts whose amount is a maximum."""
    if art in ("reserve", "hovedkonto"):
        return "Anm.: Beløbene i 2025 på § 08.21.01 og § 35.11.22 er maksimumbeløb (op til)."
    return "Anm.: Beløbet i 2025 på § 08.21.01 er et maksimumbeløb (op til)."


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def tables(result: pipeline.Checked) -> list[Table]:
    document = pipeline.render(result)
    return [b for part in document.body for b in (part.blocks if isinstance(part, Section)
                                                  else (part,)) if isinstance(b, Table)]


@pytest.mark.parametrize("loft", [True, False], ids=["op-til", "fast"])
@pytest.mark.parametrize(("disposition", "art"), KINDS)
def test_every_sentence_and_table_says_the_ceiling(tmp_path: Path, disposition: str, art: str,
                                                   loft: bool) -> None:
    result = checked(tmp_path, spec(disposition, art, loft))
    assert [d.code for d in result.diagnostics] == []
    text = flat(write_text(pipeline.render(result)))
    for sentence in expected(disposition, art, loft):
        assert sentence in text
    assert text.count("op til") == (3 + 2 if loft else 0)   # three sentences, two table notes
    shown = tables(result)
    assert len(shown) == 2   # the specification in b and the table in e
    for table in shown:
        assert [flat(n) for n in table.notes] == ([note(art)] if loft else [])


@pytest.mark.parametrize("loft", [True, False], ids=["op-til", "fast"])
@pytest.mark.parametrize(("disposition", "art"), KINDS)
def test_pdf_and_docx_say_the_ceiling_as_the_text_does(tmp_path: Path, disposition: str,
                                                       art: str, loft: bool) -> None:
    from aktstykker_gen.build import render_outputs, write_outputs

    written = {p.suffix: p for p in write_outputs(
        render_outputs(checked(tmp_path, spec(disposition, art, loft))), tmp_path, "s")}
    for read in (pdf_text(written[".pdf"]), docx_text(written[".docx"])):
        built = normalise(read)
        for sentence in expected(disposition, art, loft):
            assert normalise(sentence) in built
        assert (normalise(note(art)) in built) == loft
        assert (normalise("op til") in built) == loft


@pytest.mark.parametrize(("disposition", "art"), KINDS)
def test_a_ceiling_balances_as_the_amount(tmp_path: Path, disposition: str, art: str) -> None:
    """15,1 on the account against 15,0 financed fails as it would without the ceiling."""
    text = changed(spec(disposition, art, True), ("udgift: {2025: 15.0}", "udgift: {2025: 15.1}"))
    assert "AKT201" in codes(tmp_path, text)


@pytest.mark.parametrize("art", SENTENCES)
@pytest.mark.parametrize("side", ["tilførsel", "finansiering"])
def test_a_ceiling_on_one_side_only_is_refused(tmp_path: Path, art: str, side: str) -> None:
    text = spec("tilføres", art, True)
    if side == "tilførsel":   # the line says op til, the financing sentence an exact amount
        form = text[text.index("finansieringsformer:"):]
        text = text.replace(form, form.replace("    op_til: true\n", ""))
    else:
        text = changed(text, ("  - tilføres: 08.21.01\n    op_til: true\n",
                              "  - tilføres: 08.21.01\n"))
    result = checked(tmp_path, text)
    [found] = [d for d in result.diagnostics if d.code == "AKT244"]
    assert found.span is not None
    assert text.split("\n")[found.span.line - 1].strip() == "op_til: true"
