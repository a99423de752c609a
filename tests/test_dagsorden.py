"""Issue 15: the committee agenda and its minutes (seed 003), their editions and what they leak.

The seed (tests/seed/dagsorden-2025-09-sundhedsudvalget.txt) is the text of a real agenda from
its page 5 on: item 3 to item 9. The spec adds what the seed does not show (the front page,
items 1-2, item 6's closed content), so the built text is compared where the seed starts: the
PDF from its page 5 (where item 3 opens, as in the seed), the DOCX from item 3's heading. The
seed is compared as it is, and with its Outlook safelink as its target: the agenda prints the
target alone, which is what the issue asks (the wrapper carries the sender's address).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT
from security.laek import haystacks, hits
from textmeasure import docx_text, pdf_text, similarity

from aktstykker_gen import pipeline
from aktstykker_gen.build import render_outputs
from aktstykker_gen.udgaver import Udgave

SPEC = ROOT / "specs" / "dagsorden" / "2025-09-sundhedsudvalget.yaml"
SEED = Path(__file__).resolve().parent / "seed" / "dagsorden-2025-09-sundhedsudvalget.txt"
ITEM_3 = "3 (Offentlig) Fortrolige priser"
SEED_FIRST_PAGE = 5   # the seed opens "Side 5", with item 3
SAFELINK = re.compile(r"https://\S*\.safelinks\.protection\.outlook\.com/\S*")


def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_as_published() -> str:
    """The seed with its safelink replaced by the link's own target."""
    return SAFELINK.sub(lambda m: parse_qs(urlsplit(m.group(0)).query)["url"][0], seed_raw())


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def covered(pages: list[str] | None, text: str) -> str:
    """The part the seed covers, where the seed starts: in the PDF the pages from the one item 3
    opens (which must be page 5, the seed's first), in the DOCX (no pages) item 3's heading on.
    What comes before (the front page, the contents, items 1-2: the spec's stand-ins) is not
    compared."""
    if pages is not None:
        opening = [n for n, page in enumerate(pages, start=1)
                   if without_folio(page).lstrip().startswith(ITEM_3)]
        assert opening == [SEED_FIRST_PAGE], opening
        return "\n".join(pages[SEED_FIRST_PAGE - 1:])
    start = text.rfind(ITEM_3)
    assert start > 0
    return text[start:]


def without_folio(text: str) -> str:
    """The PDF's text without the "Side N" each page adds (the DOCX has it in its header)."""
    return re.sub(r"(?m)^Side [0-9]+$", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each output's text from the part the seed covers, and the PDF's and DOCX's whole."""
    folder = tmp_path_factory.mktemp("dagsorden")
    outputs = render_outputs(pipeline.check(SPEC))
    for suffix in (".pdf", ".docx"):
        (folder / f"a{suffix}").write_bytes(outputs[suffix])
    pages = pdf_pages(folder / "a.pdf")
    docx = docx_text(folder / "a.docx")
    return {".pdf": covered(pages, ""), ".docx": covered(None, docx),
            "pdf whole": pdf_text(folder / "a.pdf"), "docx whole": docx}


# The acceptance's target (issue 15, point 1), against the seed as it is, safelink and all.
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_public_agenda_reads_as_the_raw_seed(built: dict[str, str], suffix: str) -> None:
    assert similarity(seed_raw(), built[suffix]) >= 0.97


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_public_agenda_reads_as_the_seed_with_its_link_unwrapped(
        built: dict[str, str], suffix: str) -> None:
    """The agenda prints a safelink's target alone (AKT706), as the issue asks."""
    assert similarity(seed_as_published(), built[suffix]) >= 0.98


def test_docx_and_pdf_of_the_agenda_carry_the_same_text(built: dict[str, str]) -> None:
    assert similarity(without_folio(built["pdf whole"]), built["docx whole"]) >= 0.995


def test_every_page_opens_with_side_n_and_each_item_with_content_opens_a_page(
        tmp_path: Path) -> None:
    """The folio is the first line of each page's text, as in the seed ("Side 5" opens it);
    a closed item shown by its number alone stands under the item before it, as the seed's
    "6 (Fortrolig)" does under item 5's Bilag, so the seed's pages 5-15 are ours too."""
    (tmp_path / "a.pdf").write_bytes(render_outputs(pipeline.check(SPEC))[".pdf"])
    pages = pdf_pages(tmp_path / "a.pdf")
    assert [text.splitlines()[0] for text in pages] == \
        [f"Side {n}" for n in range(1, len(pages) + 1)]
    opening = [text.splitlines()[1] for text in pages]
    items = [line for line in opening if re.match(r"[0-9] \((Offentlig|Fortrolig)\)", line)]
    assert [int(line.split()[0]) for line in items] == [1, 2, 3, 4, 5, 7, 8, 9]
    item_5 = opening.index("5 (Offentlig) Udmøntningsaftale for psykiatrimidler 2025")
    [stub] = [n for n, text in enumerate(pages) if n > 1 and "\n6 (Fortrolig)" in text]
    assert pages[stub].rstrip().endswith("\n6 (Fortrolig)")
    assert stub - item_5 in (0, 1) and stub + 1 == opening.index(items[5])   # before item 7
    # The contents open page 2, after the front page, so that item 3 opens page 5 as in the
    # seed, and the seed's last page, 15, is ours.
    assert opening[1] == "Indhold" and opening[SEED_FIRST_PAGE - 1].startswith(ITEM_3)
    assert len(pages) == 15


def test_the_agenda_hyphenates_no_word(tmp_path: Path) -> None:
    """As the seed: a line of the PDF ends in a hyphen only where the text has one (a
    compound's, "CGRP-antistoffer"); no word is split with a hyphen of the layout's own."""
    outputs = render_outputs(pipeline.check(SPEC))
    (tmp_path / "a.pdf").write_bytes(outputs[".pdf"])
    text = " ".join(outputs[".txt"].decode("utf-8").split())
    broken = re.findall(r"(\S+)-\n(\S+)", "\n".join(pdf_pages(tmp_path / "a.pdf")))
    assert broken   # the measure below has lines to look at
    assert [f"{a}-{b}" for a, b in broken
            if f"{a}-{b}" not in text and f"{a}- {b}" not in text] == []


def test_an_items_links_close_its_bilag_part_without_a_heading(built: dict[str, str]) -> None:
    lines = [line for line in built["docx whole"].splitlines() if line]
    at = lines.index("https://www.ism.dk/Media/638772933225923799/Aftale%20om%20ligestilling"
                     "%20og%20integration%20af%20psykiatri%20og%20somatik.pdf")
    assert lines[at - 1] == "Bilag" and "Links" not in lines


# -- editions: what the public agenda and the public minutes leave out ------------------------

def agenda(**changes: Any) -> dict[str, Any]:
    """The seed spec as data, with the top-level fields in `changes` replaced."""
    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def item(data: dict[str, Any], nr: int) -> dict[str, Any]:
    return next(p for p in data["punkter"] if p["nr"] == nr)


# Every place of a closed item a secretariat types text, and a closed bilag of an open item.
PLACES = {
    "titel": lambda d, c: item(d, 6).update(titel=c),
    "ansvarlig": lambda d, c: item(d, 6).update(ansvarlig=c),
    "resumé": lambda d, c: item(d, 6).update(resumé=[c]),
    "indstilling": lambda d, c: item(d, 6).update(indstilling=[f"at {c}"]),
    "beslutning": lambda d, c: item(d, 6).update(beslutning=[c]),
    "sagsfremstilling": lambda d, c: item(d, 6).update(sagsfremstilling=[
        {"overskrift": c}, {"punkter": [c]}, {"underpunkt": c, "indhold": [c]}]),
    "økonomi": lambda d, c: item(d, 6).update(økonomi=[c]),
    "bilag": lambda d, c: item(d, 6).update(bilag=[{"nr": 1, "titel": c}]),
    "link": lambda d, c: item(d, 6).update(links=[f"https://example.org/{c}.pdf"]),
    "lukket bilag": lambda d, c: item(d, 5)["bilag"].append(
        {"nr": 2, "titel": c, "dokument": 1798099, "offentlig": False}),
}
PUBLIC_TITLE = "Sag om udvalgets sekretariatsbistand"
PUBLIC_DECISION = "Udvalget godkendte indstillingen."


def minutes(data: dict[str, Any]) -> dict[str, Any]:
    """The agenda as minutes: every item decided, the closed one with what may be published."""
    data["referat"] = True
    for punkt in data["punkter"]:
        punkt.setdefault("beslutning", [f"Punkt {punkt['nr']} blev behandlet."])
    item(data, 6).update(offentlig_titel=PUBLIC_TITLE, offentlig_beslutning=[PUBLIC_DECISION])
    return data


def with_canaries(referat: bool) -> tuple[dict[str, Any], list[str]]:
    data = agenda()
    canaries = [f"KANARIE{i}X{name.upper().replace(' ', '')}" for i, name in enumerate(PLACES)]
    for canary, place in zip(canaries, PLACES.values(), strict=True):
        place(data, canary)
    return (minutes(data) if referat else data), canaries


def build(tmp_path: Path, data: dict[str, Any], edition: Udgave) -> dict[str, bytes]:
    spec = tmp_path / f"dagsorden-{edition.value}.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = pipeline.check(spec)
    assert checked.ok, checked.diagnostics
    return render_outputs(checked, edition=edition)


def readable(tmp_path: Path, outputs: dict[str, bytes]) -> dict[str, str]:
    (tmp_path / "r.pdf").write_bytes(outputs[".pdf"])
    (tmp_path / "r.docx").write_bytes(outputs[".docx"])
    return {".txt": outputs[".txt"].decode("utf-8"), ".pdf": pdf_text(tmp_path / "r.pdf"),
            ".docx": docx_text(tmp_path / "r.docx")}


@pytest.mark.parametrize("referat", [False, True], ids=["dagsorden", "referat"])
def test_no_canary_of_a_closed_item_or_closed_bilag_is_in_any_public_byte(
        tmp_path: Path, referat: bool) -> None:
    data, canaries = with_canaries(referat)
    public = build(tmp_path, data, Udgave.offentlig)
    for suffix, output in public.items():
        assert hits(canaries, haystacks(f"dagsorden{suffix}", output)) == {}, suffix
    for suffix, text in readable(tmp_path, public).items():
        assert [c for c in canaries if c in text.replace("\n", "")] == [], suffix
    members = readable(tmp_path, build(tmp_path, data, Udgave.fortrolig))
    for suffix, text in members.items():
        flat = text.replace("\n", "")
        # The members' edition has them all (in the agenda, the decision is not printed).
        expected = [c for c in canaries if referat or "BESLUTNING" not in c]
        assert [c for c in expected if c not in flat] == [], suffix


def test_the_public_agenda_shows_a_closed_item_by_its_number_alone(tmp_path: Path) -> None:
    data = minutes(agenda())
    data["referat"] = False
    text = build(tmp_path, data, Udgave.offentlig)[".txt"].decode("utf-8")
    assert "\n6 (Fortrolig)\n" in text and PUBLIC_TITLE not in text
    assert "1. Udmøntningsaftale for psykiatrimidler 2025 (1798098 - EMN-2020-00886)" in text


def test_the_public_minutes_show_a_closed_items_public_title_and_decision(tmp_path: Path) -> None:
    text = build(tmp_path, minutes(agenda()), Udgave.offentlig)[".txt"].decode("utf-8")
    closed = text[text.rindex(f"6 (Fortrolig) {PUBLIC_TITLE}"):text.rindex("7 (Offentlig)")]
    assert closed.split() == [*f"6 (Fortrolig) {PUBLIC_TITLE}".split(), "Beslutning",
                              *PUBLIC_DECISION.split()]
    assert "Lukket punkt" not in text


def test_in_the_minutes_each_decision_follows_its_items_recommendation(tmp_path: Path) -> None:
    text = build(tmp_path, minutes(agenda()), Udgave.fortrolig)[".txt"].decode("utf-8")
    lines = [line for line in text.splitlines() if line]
    assert lines[lines.index("Sundhedsudvalget") - 1] == "Referat"
    for nr in range(1, 10):
        start = text.rindex(f"\n{nr} (")
        end = text.find(f"\n{nr + 1} (", start)
        body = text[start:end if end > 0 else None]
        assert body.index("\nIndstilling\n") < body.index("\nBeslutning\n") \
            < body.index("\nSagsfremstilling\n"), nr
        assert f"Punkt {nr} blev behandlet." in body or PUBLIC_DECISION in body


def test_a_lone_at_is_the_recommendation_of_an_item_with_nothing_to_recommend() -> None:
    """The seed's Eventuelt (item 8) prints "Det indstilles, / at" and nothing more: the
    standard form left open, so the seed's spec checks clean with every warning an error."""
    from aktstykker_gen import cli

    assert item(agenda(), 8)["indstilling"] == ["at"]
    assert cli.main(["check", "--strict", str(SPEC)]) == 0


@pytest.mark.parametrize("missing", ["offentlig_titel", "offentlig_beslutning"])
def test_a_closed_item_without_what_may_be_published_fails_check_of_the_minutes(
        tmp_path: Path, missing: str) -> None:
    data = minutes(agenda())
    del item(data, 6)[missing]
    spec = tmp_path / "referat.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = pipeline.check(spec)
    [error] = [d for d in checked.diagnostics if d.is_error]
    assert error.code == "AKT707" and missing in error.message
    lines = spec.read_text(encoding="utf-8").splitlines()
    assert error.span is not None and lines[error.span.line - 1].strip() == "status: fortrolig"


# -- the other commands on an agenda -------------------------------------------------------------

def test_diff_heads_a_change_with_its_item_and_redline_writes_the_change_tracked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from aktstykker_gen import cli

    later = tmp_path / "rettet.yaml"
    later.write_text(SPEC.read_text(encoding="utf-8").replace("Næset møde", "Næste møde"),
                     encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["diff", str(SPEC), str(later)]) == 1
    hunks = [line for line in capsys.readouterr().out.splitlines() if line.startswith("@@")]
    assert len(hunks) == 1 and re.fullmatch(r"@@ -\d+ \+\d+ @@ punkt 9", hunks[0]), hunks
    assert cli.main(["redline", str(SPEC), str(later), "-o", str(tmp_path / "r.docx")]) == 0
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in body and "<w:del " in body and 'w:val="item"' in body


def test_the_preview_shows_the_agenda_with_its_own_stylesheet() -> None:
    from aktstykker_gen.preview import session

    version = session.make_version(1, SPEC)
    assert version.kind is not None and version.kind.name == "dagsorden" and version.downloadable
    assert '<h1 class="item">3 (Offentlig) Fortrolige priser' in version.fragment
    assert '<h2 class="part">Indstilling</h2>' in version.fragment
    assert version.kind.stylesheet == "dagsorden/dagsorden.css"


@pytest.mark.parametrize("field", ["titel", "ansvarlig", "resumé", "indstilling", "bilag"])
def test_spec_text_in_an_agenda_is_data_not_markup_or_template_code(tmp_path: Path,
                                                                   field: str) -> None:
    hostile = '{{ 7*7 }} {% if 1 %}x{% endif %} </p><p role="item">9 (Offentlig) Falsk</p> &amp;'
    data = agenda()
    value = {"resumé": [hostile], "indstilling": [f"at {hostile}"],
             "bilag": [{"nr": 1, "titel": hostile}]}.get(field, hostile)
    item(data, 4)[field] = value
    tree = pipeline.render(pipeline.check(_written(tmp_path, data)), edition=Udgave.offentlig)
    items = [b for b in tree.body if getattr(b, "role", "") in ("item", "item-stub")]
    assert len(items) == 9
    texts = [getattr(b, "text", "") for b in tree.body]
    assert any(hostile in text for text in texts)


def _written(folder: Path, data: dict[str, Any]) -> Path:
    spec = folder / "dagsorden.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def test_a_redline_of_an_agenda_against_an_aktstykke_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from aktstykker_gen import cli

    aktstykke = ROOT / "specs" / "2025-10-01-personlig-medicin.yaml"
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:   # usage errors leave through argparse
        cli.main(["redline", str(SPEC), str(aktstykke), "-o", str(tmp_path / "r.docx")])
    assert exit_.value.code == 2
    assert "er ikke af samme art" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()
