"""Nothing confidential in the public edition (issue 14, acceptance 2): distinct canaries in every
field a spec can mark confidential, the public edition built and every byte of every public
output searched (laek.py says how), and zero hits; the same search, on the confidential
edition, finds every canary, so the search is shown to work.

What a spec can mark confidential: a bilag (its content: paragraphs, list items, headings,
tables with their titles, column names, row labels, cells, sums, notes, remarks and sources;
its number, title and reason are public by design, Budgetvejledningen 3.4.2, and the public
edition shows them in its place), and the aktstykke as a whole (its title, reason, lifting
condition, text, accounts and decision: it has no public edition until lifted, AKT015).

Searched: the PDF (extracted text, every object and stream, XMP, document info, bookmarks,
structure tree), every part of the DOCX, the text, the output folder's file names and
manifest (`build`), what `diff`, `redline` and `textconv` print and write, and what the live
preview serves (page, fragment, PDF, DOCX, their headers) in public mode. The PDF search runs
on the fixed specs here; the hypothesis test at the end places canaries in random confidential
fields of 200 generated specs and searches the public text and DOCX (a PDF per case would take
minutes), the confidential text showing each canary is there to be found.
"""

from __future__ import annotations

import contextlib
import http.client
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from laek import haystacks, hits

from aktstykker_gen import cli
from aktstykker_gen.build import write_format
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.preview.server import running
from aktstykker_gen.udgaver import Udgave

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = (ROOT / "specs" / "2025-10-01-personlig-medicin.yaml").read_text(encoding="utf-8")
LIFTED = (ROOT / "specs" / "examples" / "fortroligt-ophaevet.yaml").read_text(encoding="utf-8")

# --- a public aktstykke with a confidential bilag: a canary in each place of its content ---

BILAG_CANARIES = {   # where it stands → the canary
    "tekst": "KANARIEAXTEKST",
    "punkt 1": "KANARIEBXPUNKT",
    "punkt 2": "KANARIECXPUNKT",
    "overskrift": "KANARIEDXOVERSKRIFT",
    "tabeltitel": "KANARIEEXTABELTITEL",
    "kolonnenavn": "KANARIEFXKOLONNE",
    "rækketekst": "KANARIEGXRAEKKE",
    "rækketekst med note": "KANARIEHXRAEKKE",
    "sumrækkens tekst": "KANARIEIXSUM",
    "anm": "KANARIEJXANM",
    "note": "KANARIEKXNOTE",
    "kilde": "KANARIELXKILDE",
    "tekst med henvisning": "KANARIEMXHENVISNING",
    # figures, as the outputs write them
    "celle a": "4.817,3",
    "celle b": "3.648,7",
    "celle c": "2.956,1",
    "sum": "8.466,0",
}
C = BILAG_CANARIES
CONFIDENTIAL_BILAG = f"""\
  - nr: 2
    titel: Forhandlingsmandat
    fortrolighed:
      grund: statens forhandlingsposition
      ophæves: 2026-06-30
    indhold:
      - Mandatet er {C["tekst"]}.
      - punkter: [{C["punkt 1"]}, {C["punkt 2"]}]
      - overskrift: {C["overskrift"]}
      - tabel:
          id: mandat
          titel: {C["tabeltitel"]}
          kolonner:
            - {{id: a, navn: {C["kolonnenavn"]}}}
            - {{id: b, navn: Ramme}}
          rækker:
            - {{id: r1, tekst: {C["rækketekst"]}, værdier: ['4817,3', '2956,1']}}
            - {{id: r2, tekst: '{C["rækketekst med note"]} 1)', værdier: ['3648,7', '-']}}
            - {{id: i-alt, tekst: {C["sumrækkens tekst"]}, sum: [r1, r2]}}
          anm: {C["anm"]}
          noter: [{C["note"]}]
          kilde: {C["kilde"]}
      - 'Rammen er {{tabel:mandat.r1.a}}, jf. {C["tekst med henvisning"]}.'
"""
PUBLIC_BILAG = """\
  - nr: 1
    titel: {titel}
    indhold:
      - Strategien gennemføres i {{finansår}}, jf. {{bilag:2}}.
"""
STATEMENT = ("Indholdet af bilag 2 til nærværende aktstykke er fortroligt af hensyn til statens "
             "forhandlingsposition. Bilaget kan offentliggøres den 30. juni 2026.")


def with_bilag(confidential: str, public_title: str = "Tidsplan") -> str:
    seed = SEED.replace("  f:\n", "    - indsæt: fortrolige_bilag\n  f:\n", 1)
    return seed + "\nbilag:\n" + PUBLIC_BILAG.format(titel=public_title) + confidential


# --- an aktstykke confidential as a whole (the lifted example before it was lifted) ---

WHOLE_CANARIES = {
    "titel": "KANARIENXTITEL",
    "grund": "KANARIEOXGRUND",
    "ophæves_når": "KANARIEPXOPHAEVES",
    "tekst": "KANARIEQXTEKST",
    "punkt": "KANARIERXPUNKT",
    "kontonavn": "KANARIESXKONTO",
    "påtegning": "KANARIETXPAATEGNING",
}
W = WHOLE_CANARIES
WHOLE_EDITS = [
    ("titel: Merudgifter til vintertjeneste på statsvejnettet", f"titel: {W['titel']}"),
    ("grund: statens forhandlingsposition over for entreprenørerne", f"grund: {W['grund']}"),
    ("ophæves_når: kontrakterne for vintertjenesten er indgået",
     f"ophæves_når: {W['ophæves_når']} er indgået"),
    ("  ophævet:\n    dato: 2026-02-03\n    ved: ministerens skrivelse\n", ""),
    ("      Vejdirektoratet varetager", f"      {W['tekst']} Vejdirektoratet varetager"),
    ("til merforbrug i vintersæsonen januar-marts 2025.'", f"til {W['punkt']}.'"),
    ("        navn: Vintertjeneste\n", f"        navn: {W['kontonavn']}\n"),
    ("      Et mindretal i udvalget", f"      {W['påtegning']} Et mindretal i udvalget"),
]


def whole_confidential() -> str:
    text = LIFTED
    for old, new in WHOLE_EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# --- running the commands in this process, collecting all they print and write ---

def run(*argv: str) -> tuple[int, dict[str, str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, {f"{argv[0]} stdout": out.getvalue(), f"{argv[0]} stderr": err.getvalue()}


def folder_haystacks(folder: Path) -> dict[str, str]:
    """Every file under `folder` (the manifest too), by name and content."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found.update(haystacks(str(path.relative_to(folder)), path.read_bytes()))
    return found


def get(server, path: str) -> tuple[int, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body, headers = response.read(), dict(response.getheaders())
    finally:
        connection.close()
    name = {"/aktstykke.pdf": "preview.pdf", "/aktstykke.docx": "preview.docx"}.get(
        path, f"preview{path}.html") if response.status == 200 else f"preview{path}.svar"
    found = haystacks(name, body)
    found[f"{name} headers"] = repr(headers)
    return response.status, found


def preview_haystacks(spec: Path, edition: Udgave) -> dict[str, str]:
    found: dict[str, str] = {}
    with running(spec, 0, edition) as server:
        for path in ("/", "/document", "/aktstykke.pdf", "/aktstykke.docx"):
            status, served = get(server, path)
            assert status in (200, 409), (path, status)   # 409: nothing to download (AKT015)
            found.update(served)
    return found


def everything(folder: Path, spec: Path, earlier: Path, edition: Udgave) -> dict[str, str]:
    """What every command writes and prints for `edition` of `spec`; `earlier` is the version
    diff and redline compare it with."""
    found: dict[str, str] = {}
    out = folder / f"ud-{edition.value}"
    _, printed = run("build", str(spec), "-o", str(out), "--udgave", edition.value)
    found.update(printed)
    if out.exists():
        found.update(folder_haystacks(out))
    _, printed = run("textconv", "--udgave", edition.value, str(spec))
    found.update(printed)
    _, printed = run("diff", "--udgave", edition.value, str(earlier), str(spec))
    found.update(printed)
    changes = folder / f"redline-{edition.value}.docx"
    _, printed = run("redline", "--udgave", edition.value, str(earlier), str(spec),
                     "-o", str(changes))
    found.update(printed)
    if changes.exists():
        found.update(haystacks(changes.name, changes.read_bytes()))
    found.update(preview_haystacks(spec, edition))
    return found


@pytest.fixture(scope="module")
def bilag_editions(tmp_path_factory) -> dict[Udgave, dict[str, str]]:
    folder = tmp_path_factory.mktemp("bilag")
    spec = folder / "akt.yaml"
    spec.write_text(with_bilag(CONFIDENTIAL_BILAG), encoding="utf-8")
    earlier = folder / "akt-foer.yaml"   # the public bilag retitled, the confidential one new
    earlier.write_text(with_bilag("", public_title="Plan").replace(
        "    - indsæt: fortrolige_bilag\n", "").replace(", jf. {bilag:2}", ""),
        encoding="utf-8")
    checked = check(spec)
    assert not checked.diagnostics, checked.diagnostics   # nothing quotes the spec's lines
    return {edition: everything(folder, spec, earlier, edition) for edition in Udgave}


@pytest.fixture(scope="module")
def whole_editions(tmp_path_factory) -> dict[Udgave, dict[str, str]]:
    folder = tmp_path_factory.mktemp("helhed")
    spec = folder / "h.yaml"
    spec.write_text(whole_confidential(), encoding="utf-8")
    earlier = folder / "h-foer.yaml"
    earlier.write_text(whole_confidential().replace("        navn: Vejvedligehold kilometer",
                                                    "        navn: Vedligehold kilometer"),
                       encoding="utf-8")
    assert not check(spec).diagnostics
    return {edition: everything(folder, spec, earlier, edition) for edition in Udgave}


@pytest.fixture(scope="module")
def warned_editions(tmp_path_factory) -> dict[Udgave, dict[str, str]]:
    """The bilag spec with a warning on a confidential line: its text writes an amount out."""
    folder = tmp_path_factory.mktemp("advarsel")
    spec = folder / "akt.yaml"
    warned = CONFIDENTIAL_BILAG.replace(f"Mandatet er {C['tekst']}.",
                                        f"Mandatet er {C['tekst']}, i alt 30,0 mio. kr.")
    spec.write_text(with_bilag(warned), encoding="utf-8")
    earlier = folder / "akt-foer.yaml"
    earlier.write_text(with_bilag(warned, public_title="Plan"), encoding="utf-8")
    assert [d.code for d in check(spec).diagnostics] == ["AKT602"]
    return {edition: everything(folder, spec, earlier, edition) for edition in Udgave}


def test_a_warning_on_a_confidential_line_shows_beside_the_public_edition_by_its_rule_alone(
        warned_editions):
    """The quoted line and the message could hold the bilag's text: beside the public edition
    (build, textconv, diff, redline, the preview) a diagnostic is its position, code and title."""
    public = warned_editions[Udgave.offentlig]
    assert hits(BILAG_CANARIES.values(), public) == {}
    for command in ("build", "textconv", "diff", "redline"):
        assert "akt.yaml:" in public[f"{command} stderr"], command
        assert "warning[AKT602]: beløb skrives ikke direkte i prosa" in public[f"{command} stderr"]
    assert "warning[AKT602]" in public["preview/.html"]
    # the confidential edition's commands quote the line, as `check` does
    confidential = warned_editions[Udgave.fortrolig]
    for command in ("build", "textconv", "diff", "redline"):
        assert C["tekst"] in confidential[f"{command} stderr"], command
    assert C["tekst"] in confidential["preview/.html"]


def test_no_canary_of_a_confidential_bilag_is_anywhere_in_the_public_edition(bilag_editions):
    public = bilag_editions[Udgave.offentlig]
    assert hits(BILAG_CANARIES.values(), public) == {}
    # it was built and served, with the stand-in Folketinget shows in the bilag's place
    assert any(name.endswith("akt.pdf/pdf-tekst") for name in public)
    assert STATEMENT in public["akt.txt"]
    assert "Bilag 2. Forhandlingsmandat" in public["akt.txt"]
    assert "offentlig udgave" in public["diff stdout"]


def test_the_same_search_finds_every_canary_in_the_confidential_edition(bilag_editions):
    confidential = bilag_editions[Udgave.fortrolig]
    found = hits(BILAG_CANARIES.values(), confidential)
    assert set(found) == set(BILAG_CANARIES.values())
    # in each kind of output, by the method that reads it
    for canary in BILAG_CANARIES.values():
        for output in ("akt.fortrolig.pdf/pdf-tekst uden mellemrum",
                       "akt.fortrolig.docx/docx-tekst:word/document.xml", "akt.fortrolig.txt",
                       "textconv stdout", "redline-fortrolig.docx/docx-tekst:word/document.xml",
                       "preview/document.html", "preview.pdf/pdf-tekst uden mellemrum"):
            assert output in found[canary], (canary, output)


def test_the_pdf_object_search_reads_strings_the_text_search_cannot(bilag_editions):
    """The bilag's heading is a bookmark and a structure element's text: found in the
    decoded objects of the confidential PDF, where a glyph-encoded content stream is not."""
    found = hits([C["overskrift"], C["tekst"]], bilag_editions[Udgave.fortrolig])
    assert "akt.fortrolig.pdf/pdf-objekter" in found[C["overskrift"]]
    assert "akt.fortrolig.pdf/pdf-objekter" not in found[C["tekst"]]


def test_a_whole_confidential_aktstykke_leaves_nothing_in_any_public_output(whole_editions):
    public = whole_editions[Udgave.offentlig]
    assert hits(WHOLE_CANARIES.values(), public) == {}
    assert not any(name.startswith("navn:") and not name.startswith("navn:preview")
                   for name in public)   # build wrote no file at all
    for command in ("build", "textconv", "diff", "redline"):
        assert "error[AKT015]" in public[f"{command} stderr"], command
    assert "error[AKT015]" in public["preview/document.html"]


def test_the_same_search_finds_every_canary_of_the_whole_confidential_one(whole_editions):
    found = hits(WHOLE_CANARIES.values(), whole_editions[Udgave.fortrolig])
    assert set(found) == set(WHOLE_CANARIES.values())
    printed = [c for c in WHOLE_CANARIES.values() if c != W["titel"]]
    assert all("h.fortrolig.pdf/pdf-tekst uden mellemrum" in found[c] for c in printed)
    # the title is not printed on the page, only in the PDF's document info and XMP and the
    # DOCX's core properties: the object search and the part search read them
    assert {"h.fortrolig.pdf/pdf-objekter", "h.fortrolig.pdf/pdf-xmp",
            "h.fortrolig.docx/docx:docProps/core.xml"} <= set(found[W["titel"]])


# --- generated specs: canaries in random confidential places, >= 200 cases ---

PLACES = {   # a block of a bilag's content with a canary {c} in one place; {n} keeps ids apart
    "tekst": "      - Her står {c}.\n",
    "punkt": "      - punkter: [Et punkt, {c}]\n",
    "overskrift": "      - overskrift: {c}\n",
    "tabeltitel": "      - tabel: {{id: t{n}, titel: {c}, kolonner: [2025], rækker: "
                  "[{{tekst: A, værdier: ['1,0']}}]}}\n",
    "kolonnenavn": "      - tabel: {{id: t{n}, titel: T, kolonner: [{{id: k, navn: {c}}}], "
                   "rækker: [{{tekst: A, værdier: ['1,0']}}]}}\n",
    "rækketekst": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: "
                  "[{{tekst: {c}, værdier: ['2,0']}}]}}\n",
    "anm": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: A, "
           "værdier: ['3,0']}}], anm: {c}}}\n",
    "note": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: A 1), "
            "værdier: ['3,0']}}], noter: [{c}]}}\n",
    "kilde": "      - tabel: {{id: t{n}, titel: T, kolonner: [2025], rækker: [{{tekst: A, "
             "værdier: ['4,0']}}], kilde: {c}}}\n",
}


def generated(bilag: list[tuple[bool, list[str]]]) -> tuple[str, list[str], list[str]]:
    """A spec with the bilag given (confidential or not, the places of their blocks), each
    block holding its own canary; the spec, the confidential canaries, the public ones."""
    secret, open_, blocks, n = [], [], [], 0
    for number, (confidential, places) in enumerate(bilag, start=1):
        head = (f"  - nr: {number}\n    titel: Bilag nummer {number}\n"
                + ("    fortrolighed:\n      grund: statens forhandlingsposition\n"
                   "      ophæves_når: sagen er afgjort\n" if confidential else "")
                + "    indhold:\n")
        body = []
        for place in places:
            canary = f"KANARIE{n}X{place.upper().replace('Æ', 'AE')}"
            (secret if confidential else open_).append(canary)
            body.append(PLACES[place].format(c=canary, n=n))
            n += 1
        blocks.append(head + "".join(body))
    seed = SEED.replace("  f:\n", "    - indsæt: fortrolige_bilag\n  f:\n", 1) \
        if any(c for c, _ in bilag) else SEED
    return seed + "\nbilag:\n" + "".join(blocks), secret, open_


some_bilag = st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(sorted(PLACES)),
                                                       min_size=1, max_size=4)),
                      min_size=1, max_size=3).filter(lambda bs: any(c for c, _ in bs))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilag=some_bilag)
def test_generated_confidential_fields_never_reach_the_public_text_or_docx(tmp_path_factory,
                                                                           bilag):
    text, secret, open_ = generated(bilag)
    spec = tmp_path_factory.mktemp("g") / "g.yaml"
    spec.write_text(text, encoding="utf-8")
    checked = check(spec)
    assert not [d for d in checked.diagnostics if d.is_error], checked.diagnostics
    found = {}
    # The public edition's text and DOCX are searched; the confidential edition's text shows
    # that each generated canary stands where a reader sees it (the fixed tests above prove
    # the DOCX search finds them too). A DOCX costs most of a case's time.
    for edition, formats in ((Udgave.offentlig, (".txt", ".docx")), (Udgave.fortrolig, (".txt",))):
        tree = render(checked, edition=edition)
        found[edition] = {}
        for suffix in formats:
            found[edition].update(haystacks(f"g{suffix}", write_format(tree, checked.kind,
                                                                       suffix)))
    assert hits(secret, found[Udgave.offentlig]) == {}
    assert set(hits(secret + open_, found[Udgave.fortrolig])) == set(secret + open_)
    assert set(hits(open_, found[Udgave.offentlig])) == set(open_)   # public bilag stay

