"""Dispositions without new money and citations of other aktstykker, as the documents show them:
akt. 55 2020-21 reproduced, each reason for nothing on the tillægsbevilling worded, citations in
Folketinget's form, and the rules that tie them to the data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_edits import changed, checked, codes, rendered
from textmeasure import covered_similarity, docx_text, normalise, pdf_text

from aktstykker_gen import pipeline

EXAMPLES = ROOT / "specs" / "examples"
AKT55 = ROOT / "specs" / "real" / "akt55-2020-21.yaml"
AKT55_TEXT = Path(__file__).resolve().parent / "real" / "akt55-2020-21.txt"
MÅNEDER = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")


def example(name: str) -> str:
    return (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")


# -- akt. 55 2020-21 --------------------------------------------------------------------------


def reference() -> str:
    lines = AKT55_TEXT.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith(("SOURCE:", "EXCERPT:")))


@pytest.fixture(scope="module")
def akt55(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from aktstykker_gen.build import render_outputs, write_outputs

    out = tmp_path_factory.mktemp("akt55")
    written = {p.suffix: p for p in write_outputs(render_outputs(pipeline.check(AKT55)), out,
                                                    AKT55.stem)}
    return {"pdf": pdf_text(written[".pdf"]), "docx": docx_text(written[".docx"])}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_akt55_reproduces_the_published_opening(akt55: dict[str, str], fmt: str) -> None:
    assert covered_similarity(reference(), akt55[fmt]) >= 0.97


def test_akt55_is_clean_and_types_no_citation_in_its_prose() -> None:
    assert pipeline.check(AKT55).diagnostics == []
    spec = AKT55.read_text(encoding="utf-8")
    assert "akt. 122" not in spec and "{akt:122}" in spec


def test_akt55_cites_in_folketingets_form(akt55: dict[str, str]) -> None:
    built = normalise(akt55["pdf"])
    for citation in ("akt. 122 af 27. marts 2020", "jf. akt. 157 af 30. april 2020",
                     "akt. 242 af 25. juni 2020 og akt. 302 af 17. september 2020"):
        assert normalise(citation) in built


# -- citations ----------------------------------------------------------------------------------

betegnelser = st.one_of(st.integers(1, 400).map(lambda n: ("nr", str(n))),
                        st.sampled_from("ABCDEFGHJK").map(lambda b: ("bogstav", b)))
tidligere = st.dates(datetime.date(2019, 1, 1), datetime.date(2026, 3, 3))


@settings(max_examples=25, deadline=None)
@given(betegnelse=betegnelser, dato=tidligere)
def test_a_citation_prints_number_or_letter_and_long_date(tmp_path_factory, betegnelse, dato):
    felt, værdi = betegnelse
    text = changed(example("allerede-afsatte-midler"),
                   ("{nr: 64, dato: 2025-12-04, folketingsår: 2025-26}",
                    f"{{{felt}: {værdi}, dato: {dato.isoformat()}}}"),
                   ("{akt:64}", f"{{akt:{værdi}}}"))
    tmp = tmp_path_factory.mktemp("citat")
    assert codes(tmp, text) == []
    expected = f"Med akt. {værdi} af {dato.day}. {MÅNEDER[dato.month - 1]} {dato.year} blev"
    assert expected in rendered(tmp, text)


@settings(max_examples=25, deadline=None)
@given(dato=st.dates(datetime.date(2020, 1, 1), datetime.date(2027, 12, 31)))
def test_a_citation_dated_after_the_aktstykke_is_akt520(tmp_path_factory, dato):
    text = changed(example("allerede-afsatte-midler"),
                   ("dato: 2025-12-04, folketingsår: 2025-26", f"dato: {dato.isoformat()}"))
    found = codes(tmp_path_factory.mktemp("dato"), text)
    assert ("AKT520" in found) == (dato > datetime.date(2026, 3, 4))


def test_a_citation_used_only_by_erstatter_is_used(tmp_path: Path) -> None:
    text = changed(example("erstatter-tidligere"), ("Med {akt:108} fik", "Med aktstykket fik"))
    assert "AKT143" not in codes(tmp_path, text)


def test_erstatter_naming_no_declared_aktstykke_is_akt142_at_its_line(tmp_path: Path) -> None:
    text = changed(example("erstatter-tidligere"), ("erstatter: 108", "erstatter: 109"))
    found = [d for d in checked(tmp_path, text).diagnostics if d.code == "AKT142"]
    assert [d.span.line for d in found if d.span] == [
        text[:text.index("erstatter: 109")].count("\n") + 1]


def test_the_replacement_sentence_comes_from_the_field(tmp_path: Path) -> None:
    built = rendered(tmp_path, example("erstatter-tidligere"))
    assert ("Aktstykket erstatter akt. 108 af 11. marts 2026. Der ses således bort fra "
            "aktstykke nr. 108, uanset at aktstykket er tiltrådt af Finansudvalget den "
            "19-03-2026.") in built
    assert "akt. H af 19. december 2019" in built


# -- nothing on the tillægsbevilling ------------------------------------------------------------

REASONS = {
    "eksisterende bevilling": "idet udgiften vil blive afholdt af den på finansloven for 2026 "
                              "under § 21.11.79.20. Pulje til lokale kulturhuse opførte bevilling.",
    "senere bevillingslov": "idet udgiften vil blive søgt bevilget på forslag til finanslov for "
                            "2027.",
    "ingen udgifter": "idet dispositionen ikke medfører udgifter eller indtægter.",
}


@pytest.mark.parametrize("grund", sorted(REASONS))
def test_e_gives_the_standard_reason(tmp_path: Path, grund: str) -> None:
    text = changed(example("allerede-afsatte-midler"),
                   ("grund: eksisterende bevilling", f"grund: {grund}"))
    assert codes(tmp_path, text) == []
    e = rendered(tmp_path, text).split("\ne. ")[1].split("\nf. ")[0]
    assert e.startswith("Under henvisning til ovenstående anmodes om Finansudvalgets "
                        "tilslutning til, at de allerede afsatte midler på § 21.11.79.20. Pulje "
                        "til lokale kulturhuse kan anvendes til tilskud til energirenovering")
    assert e.strip().endswith(REASONS[grund])
    assert "opføres følgende" not in e


def test_the_enum_of_reasons_is_the_tested_one() -> None:
    from aktstykker_gen.kinds.aktstykke.model import Grund

    assert {g.value for g in Grund} == set(REASONS)


def test_no_reason_and_nothing_on_the_tillægsbevilling_is_akt140(tmp_path: Path) -> None:
    text = changed(example("allerede-afsatte-midler"),
                   ("uden_tillægsbevilling:\n  grund: eksisterende bevilling\n", ""))
    assert codes(tmp_path, text) == ["AKT140"]


def test_a_reason_beside_amounts_on_the_tillægsbevilling_is_akt141(tmp_path: Path) -> None:
    text = changed(example("erstatter-tidligere"),
                   ("erstatter: 108", "erstatter: 108\nuden_tillægsbevilling: {grund: "
                                      "senere bevillingslov}"))
    assert codes(tmp_path, text) == ["AKT141"]


# -- hjemler and the låneramme ------------------------------------------------------------------


def test_a_hjemmel_is_an_item_in_a_and_a_sentence_in_e_named_from_the_accounts(tmp_path):
    built = rendered(tmp_path, example("erstatter-tidligere"))
    a, e = built.split("\nb. ")[0], built.split("\ne. ")[1]
    sentence = ("Der anmodes endvidere om hjemmel til at afgive tilsagn om tilskud på "
                "§ 08.32.27. Pulje til grønne forsøgsanlæg.")
    assert f"- {sentence}" in a
    assert e.index(sentence) > e.index("§ 08.32.27. Pulje til grønne forsøgsanlæg (ny konto)")


@pytest.mark.parametrize(("ændring", "vendt", "shown"),
                         [("350.0", "forhøjelse", "350,0"), ("-12.5", "nedsættelse", "12,5"),
                          ("1200", "forhøjelse", "1.200,0")])
def test_the_låneramme_sentence_is_worded_from_its_fields(tmp_path, ændring, vendt, shown):
    text = changed(example("laaneramme"), ("ændring: 350.0", f"ændring: {ændring}"),
                   ("fra: 2026\n  til: 2029", "fra: 2026\n  til: 2030"))
    built = rendered(tmp_path, text)
    assert (f"Forslaget medfører behov for en {vendt} af lånerammen med {shown} mio. kr. i "
            "perioden fra 2026 til 2030.") in built
    assert f"forhøjes med {shown} mio. kr." in built or f"nedsættes med {shown} mio. kr." in built


def test_the_låneramme_in_mia_kr_keeps_its_unit(tmp_path: Path) -> None:
    text = changed(example("laaneramme"), ("ændring: 350.0", "ændring: 1.5\n  enhed: mia. kr."))
    assert "lånerammen med 1,5 mia. kr. i perioden" in rendered(tmp_path, text)


def test_a_hjemmel_on_an_account_the_spec_lacks_is_akt330_and_prints_the_number(tmp_path):
    text = changed(example("erstatter-tidligere"), ("konti: [08.32.27]", "konti: [08.32.29]"))
    assert codes(tmp_path, text) == ["AKT330"]
    assert "tilsagn om tilskud på § 08.32.29." in rendered(tmp_path, text)


@pytest.mark.parametrize(("enhed", "written"), [("mio. kr.", "350,0 mio. kr."),
                                                 ("mia. kr.", "350,0 mia. kr.")])
def test_the_låneramme_written_out_in_prose_is_akt602_not_an_unknown_amount(tmp_path, enhed,
                                                                              written):
    text = changed(example("laaneramme"), ("ændring: 350.0", f"ændring: 350.0\n  enhed: {enhed}"),
                   ("forhøjes med {låneramme}", f"forhøjes med {written}"))
    assert codes(tmp_path, text) == ["AKT602"]
