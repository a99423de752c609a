"""Issue 12's diagnostics that misled a clerk, each as a class of inputs.

A 'mente du' suggestion comes from the fields of the model the unknown key stands in and is
never the rejected name; a block of unknown type is called that, with the known types; a
wrong nettoændring is blamed at its own line; an export name cut anywhere agrees (AKT310); the
folketingsår hint starts from the year typed; a typed "§ " + number never breaks in rendering.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import SEED_SPEC, seed_with
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from aktstykker_gen import cli, formatting
from aktstykker_gen.kinds.aktstykke import model as m
from aktstykker_gen.kinds.aktstykke.model import BLOKNØGLER
from aktstykker_gen.kontoplan import CUT_AT_LEAST, names_agree

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(tmp_path, capsys, text: str) -> list[dict]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    cli.main(["check", "--format", "json", str(spec)])
    return json.loads(capsys.readouterr().out)


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# -- 'mente du': from the fields at the unknown key's own level ----------------------------

# Where a mapping stands in the seed, the model it is read as, and the text that opens it.
LEVELS = [
    (m.Aktstykke, "titel: Strategi", ""),
    (m.Afgørelse, "  dato: 2025-10-09", "  "),
    (m.Afsnit, "  a:\n", "  "),
    (m.Hovedkonto, "    navn: Lægemiddelstyrelsen\n", "    "),
    (m.Underkonto, "        navn: Almindelig virksomhed\n", "        "),
    (m.Tekstanmærkning, "    gruppe: materielle bestemmelser\n", "    "),
]


def misspelt(name: str, data) -> str:
    """A name one letter off `name` (a letter doubled), as a clerk mistypes it."""
    i = data.draw(st.integers(0, len(name) - 1))
    return name[:i + 1] + name[i] + name[i + 1:]


@pytest.mark.parametrize(("model", "anchor", "indent"), LEVELS,
                         ids=lambda v: v.__name__ if isinstance(v, type) else None)
@FAST
@given(data=st.data())
def test_a_misspelt_field_is_matched_against_the_fields_of_its_own_level(
        tmp_path, capsys, model: type[BaseModel], anchor, indent, data):
    name = data.draw(st.sampled_from(sorted(model.model_fields)))
    elsewhere = sorted({f for lv in LEVELS for f in lv[0].model_fields} - set(model.model_fields))
    # A name one letter off this model's field, or a field of another level typed here.
    wrong = data.draw(st.sampled_from([misspelt(name, data), *elsewhere]))
    text = SEED_SPEC.read_text(encoding="utf-8")
    at = text.index(anchor)
    text = text[:at] + f"{indent}{wrong}: x\n" + text[at:]
    unknown = [d for d in check(tmp_path, capsys, text) if d["message"] == f"ukendt felt '{wrong}'"]
    assert len(unknown) == 1
    hint = unknown[0]["hint"]
    meant = re.fullmatch(r"mente du '(.+)'\?", hint or "")
    if meant:   # a suggestion, if any, is a field of this model and not the rejected name
        assert meant[1] in model.model_fields and meant[1] != wrong


def test_the_rejected_name_is_never_its_own_suggestion(tmp_path, capsys):
    """`påtegninger` is a field of `afgørelse`, not of the top level: suggested only there."""
    text = SEED_SPEC.read_text(encoding="utf-8") + "påtegninger: [x]\n"
    [found] = [d for d in check(tmp_path, capsys, text) if d["code"] == "AKT004"]
    assert found["message"] == "ukendt felt 'påtegninger'"
    assert "påtegninger" not in (found["hint"] or "")


# -- an unknown block type ----------------------------------------------------------------

UNKNOWN_BLOCKS = st.from_regex(r"[a-zæøå]{3,12}", fullmatch=True).filter(
    lambda name: name not in BLOKNØGLER)


@FAST
@given(name=UNKNOWN_BLOCKS, section=st.sampled_from(["a", "b", "e"]))
def test_an_unknown_block_type_is_called_unknown_with_the_known_ones(tmp_path, capsys, name,
                                                                      section):
    anchor = {"a": "    - indsæt: kontoliste\n", "b": "    - indsæt: specifikation\n",
              "e": "    - indsæt: forslag\n"}[section]
    text = seed_with((anchor, f"    - {name}:\n        rækker: [1, 2]\n" + anchor))
    found = check(tmp_path, capsys, text)
    assert [(d["code"], d["message"], d["line"]) for d in found] == [
        ("AKT004", f"ukendt bloktype '{name}'", line_of(text, f"- {name}:"))]
    assert all(f"{key}:" in found[0]["hint"] for key in BLOKNØGLER)
    assert "punkter' mangler" not in json.dumps(found)


# -- a wrong nettoændring is blamed at its own line ---------------------------------------

def unfinanced(stated: str) -> str:
    """The seed without financing: all 30,0 is a stated nettoændring."""
    text = seed_with(("finansår: 2025\n", f"finansår: 2025\nnettoændring:\n  2025: {stated}\n"),
                     ("    - indsæt: finansiering\n", ""))
    return text[:text.index("finansiering:\n")] + text[text.index("# Hvem pengene"):]


@FAST
@given(wrong=st.decimals("0.1", "99.9", places=1).filter(lambda v: v != 30))
def test_a_wrong_nettoaendring_is_reported_at_its_own_line(tmp_path, capsys, wrong):
    assert [d["code"] for d in check(tmp_path, capsys, unfinanced("30.0"))
            if d["severity"] == "error"] == []
    text = unfinanced(str(wrong))
    [found] = [d for d in check(tmp_path, capsys, text) if d["code"] == "AKT201"]
    assert found["line"] == line_of(text, f"  2025: {wrong}")


# -- AKT310: an export name cut anywhere ----------------------------------------------------

NAMES = st.from_regex(r"[A-ZÆØÅ][a-zæøå]{2,9}( [a-zæøå]{2,9}){2,6}( \(COVID-19\))?",
                      fullmatch=True).filter(lambda name: len(name) > CUT_AT_LEAST)


@given(name=NAMES, data=st.data())
def test_an_export_name_cut_anywhere_past_the_minimum_agrees(name, data):
    cut = data.draw(st.integers(CUT_AT_LEAST, len(name)))
    marker = data.draw(st.sampled_from(["", "…", "..."]))
    assert names_agree(name, name[:cut].upper() + marker)


@given(name=NAMES, data=st.data())
def test_a_name_that_differs_before_the_cut_does_not_agree(name, data):
    cut = data.draw(st.integers(CUT_AT_LEAST, len(name)))
    i = data.draw(st.integers(0, cut - 1))
    if name[i] == " ":
        return
    other = name[:i] + ("x" if name[i].casefold() != "x" else "y") + name[i + 1:cut]
    assert not names_agree(name, other)


# -- AKT006: the folketingsår hint starts from the year typed --------------------------------

@FAST
@given(year=st.integers(1990, 2090), form=st.sampled_from(["{a}/{b}", "{a}/{a1}", "{a} - {b}",
                                                            "{a}–{b}", "{a}"]))
def test_the_folketingsaar_hint_shows_the_year_typed(tmp_path, capsys, year, form):
    typed = form.format(a=year, b=f"{(year + 1) % 100:02d}", a1=year + 1)
    text = seed_with(("finansår: 2025\n", f"finansår: 2025\nfolketingsår: '{typed}'\n"))
    [found] = [d for d in check(tmp_path, capsys, text) if d["code"] == "AKT006"]
    assert found["hint"] == f"skriv folketingsåret som {year}-{(year + 1) % 100:02d}"


# -- "§ " + number in typed prose ------------------------------------------------------------

@given(before=st.text(st.sampled_from("abc ,."), max_size=30), number=st.from_regex(
    r"[0-9]{2}(\.[0-9]{2}){1,3}\.", fullmatch=True), spaces=st.sampled_from([" ", "  ", "\t"]),
    signs=st.sampled_from(["§", "§§"]))
def test_a_typed_paragraph_sign_is_bound_to_its_number(before, number, spaces, signs):
    bound = formatting.bind_paragraph_signs(f"{before}{signs}{spaces}{number}")
    assert bound == f"{before}{signs}{formatting.NBSP}{number}"


def test_a_typed_paragraph_sign_never_ends_a_line_in_any_writer(tmp_path):
    """Thirty paragraphs, each with "§ 35.11.69.11." a word further on: in PDF no line ends
    with "§", in DOCX and the HTML preview the space is a no-break space, text keeps it whole."""
    from aktstykker_gen.build import render_outputs, write_outputs
    from aktstykker_gen.docx_text import docx_lines
    from aktstykker_gen.pdf_text import pdf_lines
    from aktstykker_gen.pipeline import check as checked

    filler = "midlerne under kontoen anvendes til"
    prose = "".join(f"    - >-\n      {' '.join([filler] * (1 + k // 6))} {'ab ' * (k % 6)}på "
                    f"§ 35.11.69.11. i finansåret.\n" for k in range(30))
    spec = tmp_path / "spec.yaml"
    spec.write_text(seed_with(("    - indsæt: specifikation\n",
                               prose + "    - indsæt: specifikation\n")), encoding="utf-8")
    written = {p.suffix: p for p in write_outputs(render_outputs(checked(spec)), tmp_path / "out",
                                                  "spec")}
    pdf = pdf_lines(written[".pdf"])
    assert not [line for line in pdf if line.rstrip().endswith("§")]
    assert " ".join(pdf).replace(formatting.NBSP, " ").count("§ 35.11.69.11.") == 30
    docx = "\n".join(docx_lines(written[".docx"]))
    assert docx.count(f"§{formatting.NBSP}35.11.69.11.") == 30
    assert written[".txt"].read_text(encoding="utf-8").count("§ 35.11.69.11.") == 30


def test_yaml_of_the_levels_is_what_the_model_reads():
    """The anchors above stand where the test says: each opens a mapping of that model."""
    data = yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8"))
    assert {"titel", "afgørelse", "tekst"} <= set(data) and "dato" in data["afgørelse"]
    assert set(data["tekst"]) <= set(m.Afsnit.model_fields)


# -- `check FOLDER` reads a folder of specs as `build FOLDER` does ---------------------------

@pytest.mark.parametrize("form", ["absolute", "relative", "trailing slash", "nested"])
def test_check_reads_a_folder_of_specs_however_it_is_named(tmp_path, capsys, monkeypatch, form):
    """Issue 12 saw `check FOLDER` refused with a hint about permissions; on main since issue
    11 a folder is a folder of specs (checked here so it stays so)."""
    folder = tmp_path / "sager" / ("2025" if form == "nested" else "")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("en", "to"):
        (folder / f"{name}.yaml").write_text(SEED_SPEC.read_text(encoding="utf-8"),
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    given_as = {"absolute": str(tmp_path / "sager"), "relative": "sager",
                "trailing slash": "sager/", "nested": "sager"}[form]
    assert cli.main(["check", given_as]) == 0
    err = capsys.readouterr().err
    assert "2 ok, 0 med fejl" in err and "rettigheder" not in err
