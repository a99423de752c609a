"""No confidential figure leaves its bilag through an amount (issue 14, acceptance 3): a public
total over a confidential bilag's figures is refused by `check` (AKT167) unless the bilag
declares it, and then the public text says so; the other ways a figure could be shown in
public are refused too (AKT163, AKT224, AKT621)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_edits import changed, checked, codes

from aktstykker_gen import pipeline
from aktstykker_gen.udgaver import Udgave
from aktstykker_gen.writers.text import write_text

CASE = (ROOT / "tests" / "errors" / "AKT167-offentlig-total.yaml").read_text(encoding="utf-8")
BASE = CASE[:CASE.index("bilag:\n  - nr: 1")]   # the seed, saying that bilag 2 is confidential
# {udgift} is 30,0; {konto:16.71.08} 6,6 and {konto:16.11.37} 5,2 (the seed's accounts).
PUBLIC = {"{konto:16.71.08}": "6,6", "{konto:16.11.37}": "5,2"}


def spec(rows: str, declared: str = "", public_text: str = "Strategien gennemføres i "
         "{finansår}, jf. {bilag:2}.") -> str:
    return BASE + f"""bilag:
  - nr: 1
    titel: Tidsplan
    indhold:
      - {public_text}
  - nr: 2
    titel: Fordeling af midlerne
    fortrolighed:
      grund: statens forhandlingsposition
      ophæves: 2026-06-30
{declared}    indhold:
      - tabel:
          id: fordeling
          titel: Fordeling
          kolonner: [2025]
          rækker:
{rows}"""


UNDECLARED = """\
            - {id: kontrakt, tekst: Kontrakt, værdier: ['23,4']}
            - {id: regioner, tekst: Regionerne, værdier: ['{konto:16.71.08}']}
            - {id: i-alt, tekst: I alt, sum: [kontrakt, regioner], værdier: ['{udgift}']}
"""
DECLARED = "      offentlige_totaler: [udgift]\n"


def findings(tmp_path, text: str, code: str = "AKT167"):
    return [d for d in checked(tmp_path, text).diagnostics if d.code == code]


def test_the_catalogue_case_is_the_spec_this_file_builds():
    assert spec(UNDECLARED) == CASE


def test_a_public_total_over_a_figure_is_refused_where_it_is_written(tmp_path):
    text = spec(UNDECLARED)
    [found] = findings(tmp_path, text)
    line = text.split("\n")[found.span.line - 1]
    assert line[found.span.column - 1:].startswith("'{udgift}'")
    assert found.message == ("summen {udgift} i tabel 'fordeling' er offentlig, og den minus de "
                             "offentlige dele viser bilag 2s fortrolige tal")
    assert "offentlige_totaler: [udgift]" in found.hint


def test_a_declared_public_total_is_allowed_and_the_public_text_says_so(tmp_path):
    done = checked(tmp_path, spec(UNDECLARED, DECLARED))
    assert not [d for d in done.diagnostics if d.is_error], done.diagnostics
    sentence = ("Indholdet af bilag 2 til nærværende aktstykke er fortroligt af hensyn til "
                "statens forhandlingsposition. Bilaget kan offentliggøres den 30. juni 2026. "
                "Beløbet på 30,0 mio. kr. omfatter fortrolige beløb, jf. bilag 2.")
    for edition in Udgave:
        text = write_text(pipeline.render(done, edition=edition)).replace("\xa0", " ")
        # in the main text (indsæt: fortrolige_bilag), and in the bilag's place in public
        assert text.count(sentence) == (1 if edition is Udgave.fortrolig else 2), edition
        assert ("23,4" in text) is (edition is Udgave.fortrolig)


def test_several_declared_totals_are_named_together(tmp_path):
    rows = UNDECLARED.replace("sum: [kontrakt, regioner], værdier: ['{udgift}']",
                              "sum: [kontrakt, regioner], værdier: ['{udgift}']}\n"
                              "            - {id: uden, tekst: Uden regioner, sum: [kontrakt], "
                              "værdier: ['23,4']}\n"
                              "            - {id: andel, tekst: Andel, sum: [regioner, uden], "
                              "værdier: ['{udgift:2025}']")
    done = checked(tmp_path, spec(rows, "      offentlige_totaler: [udgift, udgift:2025]\n"))
    assert not [d for d in done.diagnostics if d.is_error], done.diagnostics
    text = write_text(pipeline.render(done, edition=Udgave.offentlig)).replace("\xa0", " ")
    assert "Beløbene på 30,0 mio. kr. og 30,0 mio. kr. omfatter fortrolige beløb, jf. bilag 2." \
        in text


def test_a_declaration_without_such_a_total_is_refused(tmp_path):
    rows = UNDECLARED.replace(", værdier: ['{udgift}']", "")
    text = spec(rows, DECLARED)
    [found] = findings(tmp_path, text)
    assert text.split("\n")[found.span.line - 1].strip() == "offentlige_totaler: [udgift]"
    assert found.message == ("'udgift' under offentlige_totaler er ikke en offentlig sum over "
                             "fortrolige tal i bilag 2s tabeller")


@pytest.mark.parametrize("rows", [
    # the sum typed as a figure: confidential like its parts
    UNDECLARED.replace("['{udgift}']", "['30,0']"),
    # every part public: the total reveals nothing that is not public
    "            - {id: a, tekst: A, værdier: ['{konto:16.71.08}']}\n"
    "            - {id: b, tekst: B, værdier: ['{konto:16.11.37}']}\n"
    "            - {id: i-alt, tekst: I alt, sum: [a, b], værdier: ['{konto:16.71.08}']}\n",
])
def test_no_finding_where_no_figure_is_revealed(tmp_path, rows):
    assert findings(tmp_path, spec(rows)) == []


def test_a_figure_reached_through_a_subtotal_is_found(tmp_path):
    rows = """\
            - {id: skib, tekst: Skib, værdier: ['20,0']}
            - {id: udstyr, tekst: Udstyr, værdier: ['3,4']}
            - {id: kontrakt, tekst: Kontrakt, sum: [skib, udstyr]}
            - {id: regioner, tekst: Regionerne, værdier: ['{konto:16.71.08}']}
            - {id: i-alt, tekst: I alt, sum: [kontrakt, regioner], værdier: ['{udgift}']}
"""
    assert len(findings(tmp_path, spec(rows))) == 1


def test_a_public_total_in_a_public_bilag_is_no_concern(tmp_path):
    text = changed(spec(UNDECLARED), ("    fortrolighed:\n      grund: statens "
                                      "forhandlingsposition\n      ophæves: 2026-06-30\n", ""))
    assert "AKT167" not in codes(tmp_path, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(["figur", *PUBLIC]), min_size=1, max_size=4),
       declared=st.booleans())
def test_akt167_iff_a_public_total_has_a_typed_figure_among_its_parts(tmp_path, parts, declared):
    rows = "".join(f"            - {{id: r{i}, tekst: R{i}, værdier: "
                   f"['{'1,5' if part == 'figur' else part}']}}\n" for i, part in enumerate(parts))
    rows += ("            - {id: i-alt, tekst: I alt, sum: ["
             + ", ".join(f"r{i}" for i in range(len(parts))) + "], værdier: ['{udgift}']}\n")
    revealing = "figur" in parts
    found = findings(tmp_path, spec(rows, DECLARED if declared else ""))
    if declared:   # allowed where it reveals, refused (as untrue) where it does not
        assert [f.message.startswith("'udgift'") for f in found] == ([] if revealing else [True])
    else:
        assert [f.message.startswith("summen") for f in found] == ([True] if revealing else [])


def test_a_public_reference_to_a_confidential_cell_is_akt163(tmp_path):
    text = spec(UNDECLARED.replace("['{udgift}']", "['30,0']"),
                public_text="Kontrakten koster {tabel:fordeling.kontrakt.2025}, jf. {bilag:2}.")
    assert "AKT163" in codes(tmp_path, text)


def test_a_public_table_cannot_show_a_confidential_cell(tmp_path):
    text = spec(UNDECLARED.replace("['{udgift}']", "['30,0']"), public_text=(
        "'tabel: {id: offentlig, titel: T, kolonner: [2025], rækker: [{tekst: A, "
        "værdier: [\"{tabel:fordeling.kontrakt.2025}\"]}]}'"))
    text = text.replace("      - 'tabel: {", "      - tabel: {").replace("}]}'\n", "}]}\n")
    assert "AKT224" in codes(tmp_path, text)


def test_a_named_amount_cannot_take_a_confidential_cell(tmp_path):
    text = spec(UNDECLARED.replace("['{udgift}']", "['30,0']"),
                public_text="Kontrakten koster {beløb:kontrakt}, jf. {bilag:2}.")
    text += "\nbeløb:\n  kontrakt:\n    dele: [tabel:fordeling.kontrakt.2025]\n"
    assert "AKT621" in codes(tmp_path, text)
