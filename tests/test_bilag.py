"""Bilag, and the public edition: a confidential bilag's content is removed from the model
before the document tree is made (the search of every byte of every public output for it is
tests/security/test_ingen_laek.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_SPEC
from pydantic import BaseModel
from spec_edits import changed, checked, codes

from aktstykker_gen import assets, pipeline
from aktstykker_gen.build import write_format
from aktstykker_gen.udgaver import IngenOffentligUdgave, Udgave, udgave
from aktstykker_gen.writers.text import write_text

SEED = SEED_SPEC.read_text(encoding="utf-8")

# Every place in a bilag's content a clerk can type text; each canary stands in one of them.
PLACES = {
    "tekst": "      - {c}\n",
    "punkt": "      - punkter: [Et punkt, {c}]\n",
    "overskrift": "      - overskrift: {c}\n",
    "tabeltitel": "      - tabel: {{id: t{n}, titel: {c}, kolonner: [2025], rækker: [{{tekst: A, "
                  "værdier: ['1,0']}}]}}\n",
    "rækketekst": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: {c}, "
                  "værdier: ['2,0']}}]}}\n",
    "anmærkning": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: A, "
                  "værdier: ['3,0']}}], anm: {c}}}\n",
    "kilde": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: A, "
             "værdier: ['4,0']}}], kilde: {c}}}\n",
}


def with_bilag(*blocks: str, fortrolig: bool = True) -> str:
    """The seed with a public bilag 1 and bilag 2 holding `blocks`, confidential or not."""
    fortrolighed = ("    fortrolighed:\n      grund: statens forhandlingsposition\n"
                    "      ophæves: 2026-06-30\n") if fortrolig else ""
    spec = changed(SEED, ("  f:\n", "    - indsæt: fortrolige_bilag\n  f:\n")) if fortrolig \
        else SEED
    return spec + ("\nbilag:\n  - nr: 1\n    titel: Tidsplan\n    indhold:\n"
                   "      - Strategien gennemføres i {finansår}, jf. {bilag:2}.\n"
                   "  - nr: 2\n    titel: Forhandlingsmandat\n" + fortrolighed
                   + "    indhold:\n" + "".join(blocks))


def outputs(tmp_path: Path, text: str, edition: Udgave, formats=(".txt", ".docx", ".pdf")):
    done = checked(tmp_path, text)
    assert not [d for d in done.diagnostics if d.is_error], done.diagnostics
    tree = pipeline.render(done, edition=edition)
    return {suffix: write_format(tree, done.kind, suffix, assets.templates_dir())
            for suffix in formats}


def test_the_public_edition_shows_a_confidential_bilag_by_number_title_and_statement(tmp_path):
    text = outputs(tmp_path, with_bilag("      - Hemmeligt.\n"), Udgave.offentlig,
                   (".txt",))[".txt"].decode("utf-8")
    statement = ("Indholdet af bilag 2 til nærværende aktstykke er fortroligt af hensyn til "
                 "statens forhandlingsposition. Bilaget kan offentliggøres den 30. juni 2026.")
    assert text.split("Bilag 2. Forhandlingsmandat\n\n", 1)[1].strip() == statement
    assert statement in text.split("Bilag 1.")[0]   # the main text says it too
    assert "jf. bilag 2." in text and "Hemmeligt" not in text


def test_a_public_bilag_is_in_both_editions_alike(tmp_path):
    text = with_bilag("      - Offentligt indhold.\n", fortrolig=False)
    editions = [outputs(tmp_path, text, edition, (".txt",))[".txt"] for edition in Udgave]
    assert editions[0] == editions[1]
    assert b"Bilag 2. Forhandlingsmandat\n\nOffentligt indhold." in editions[0]


def test_a_table_in_a_bilag_is_numbered_after_the_sections_tables(tmp_path):
    text = outputs(tmp_path, with_bilag(PLACES["tekst"].format(c="Se tabellen."),
                                        PLACES["rækketekst"].format(c="Række", n=1),
                                        fortrolig=False), Udgave.fortrolig, (".txt",))
    assert "Tabel 1. T" in text[".txt"].decode("utf-8")


class Punkt(BaseModel):
    titel: str
    lukket: bool = False

    def er_fortrolig(self) -> bool:
        return self.lukket

    def offentlig_udgave(self) -> Punkt:
        return Punkt(titel="Lukket punkt", lukket=True)


class Dagsorden(BaseModel):
    punkter: list[Punkt]
    bilag: dict[str, Punkt] = {}


def test_the_filter_knows_no_kind_a_marked_part_is_replaced_wherever_it_stands():
    dagsorden = Dagsorden(punkter=[Punkt(titel="Åbent"), Punkt(titel="Salg af grund",
                                                               lukket=True)],
                          bilag={"x": Punkt(titel="Pris", lukket=True)})
    public = udgave(dagsorden, Udgave.offentlig)
    assert [p.titel for p in public.punkter] == ["Åbent", "Lukket punkt"]
    assert public.bilag["x"].titel == "Lukket punkt"
    assert udgave(dagsorden, Udgave.fortrolig) is dagsorden


class Hemmelig(BaseModel):
    tekst: str

    def er_fortrolig(self) -> bool:
        return True

    def offentlig_udgave(self) -> None:
        return None


def test_a_document_confidential_as_a_whole_has_no_public_edition():
    with pytest.raises(IngenOffentligUdgave):
        udgave(Hemmelig(tekst="x"), Udgave.offentlig)


@pytest.mark.parametrize(("fortrolighed", "code"), [
    ("    fortrolighed:\n      grund: g\n", "AKT160"),
    ("    fortrolighed:\n      grund: g\n      ophæves: 2026-06-30\n      ophæves_når: x\n",
     "AKT160"),
    ("    fortrolighed:\n      grund: g\n      ophæves: 2025-01-01\n", "AKT160"),
])
def test_a_confidential_bilag_says_when_it_may_be_published(tmp_path, fortrolighed, code):
    text = changed(with_bilag("      - x\n"), ("    fortrolighed:\n      grund: statens "
                                              "forhandlingsposition\n      ophæves: 2026-06-30\n",
                                              fortrolighed))
    assert code in codes(tmp_path, text)


def test_bilag_out_of_order_is_akt161(tmp_path):
    text = changed(with_bilag("      - x\n"), ("  - nr: 2\n", "  - nr: 3\n"))
    assert "AKT161" in codes(tmp_path, text)


def test_a_confidential_bilag_the_text_does_not_mention_is_akt162(tmp_path):
    text = changed(with_bilag("      - x\n"), ("    - indsæt: fortrolige_bilag\n", ""))
    assert "AKT162" in codes(tmp_path, text)


def test_a_public_reference_to_a_confidential_table_cell_is_akt163(tmp_path):
    table = "      - tabel: {id: pris, titel: T, kolonner: [{id: b, navn: B}], rækker: " \
            "[{id: a, tekst: A, værdier: ['9,9']}]}\n"
    text = changed(with_bilag(table), ("Strategien gennemføres i {finansår}",
                                       "Prisen er {tabel:pris.a.b}"))
    assert "AKT163" in codes(tmp_path, text)
    assert "AKT163" not in codes(tmp_path, text.replace("    fortrolighed:\n      grund: statens "
                                                        "forhandlingsposition\n      ophæves: "
                                                        "2026-06-30\n", "").replace(
        "    - indsæt: fortrolige_bilag\n", ""))


def test_the_text_writer_is_the_same_for_the_tree_of_either_edition_without_secrets(tmp_path):
    done = checked(tmp_path, SEED)
    assert write_text(pipeline.render(done, edition=Udgave.offentlig)) == \
        write_text(pipeline.render(done))
