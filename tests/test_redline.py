"""Reviewers: `aktstykke redline OLD NEW -o FILE.docx` marks every change as a real tracked
change. Accepting them all gives NEW's text, rejecting them all OLD's, and LibreOffice reads
each insertion and deletion as one tracked-change region."""

from __future__ import annotations

import datetime
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_SPEC, require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from revisions import corpus, written
from tracked import W, lines, resolved

from aktstykker_gen import cli
from aktstykker_gen.build import render_outputs
from aktstykker_gen.pipeline import check
from aktstykker_gen.reading import key

CONSISTENT = [  # the regions' 6,6 becomes 6,7 and the financing 30,0 becomes 30,1
    ("udgift: {2025: 6.6}", "udgift: {2025: 6.7}"),
    ("konto: 16.71.08, beløb: {2025: 6.6}", "konto: 16.71.08, beløb: {2025: 6.7}"),
    ("udgift: {2025: -30.0}", "udgift: {2025: -30.1}"),
]
STRUCTURAL = [  # a bullet and a row removed and added, a paragraph added, names changed
    ("            udgift: {2025: 0.2}\n",
     "            udgift: {2025: 0.2}\n          - nr: 16\n"
     "            navn: Husleje, leje af arealer, leasing\n            udgift: {2025: 0.1}\n"),
    ("        - Der tilbydes tværgående rådgivning til patienter og pårørende\n", ""),
    ("  c:\n", "  c:\n    - Sagen har været drøftet med Danske Regioner.\n"),
    ("navn: Nationalt Genom Center\n", "navn: Nationalt Genomcenter\n"),
    ("  - Sophie Løhde\n", "  - Jens Hansen\n"),
]


def spec(folder: Path, name: str, edits: list[tuple[str, str]], extra: str = "") -> Path:
    text = SEED_SPEC.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / f"{name}.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def redline(folder: Path, old: Path, new: Path, *args: str) -> Path:
    out = folder / "changes.docx"
    assert cli.main(["redline", str(old), str(new), "-o", str(out), *args]) == 0
    return out


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def plain_docx_lines(path: Path) -> list[str]:
    """The text of the ordinary DOCX built from a spec."""
    with zipfile.ZipFile(io.BytesIO(render_outputs(check(path))[".docx"])) as z:
        return lines(etree.fromstring(z.read("word/document.xml")))


@pytest.fixture(params=["consistent", "structural"])
def versions(request, tmp_path) -> tuple[Path, Path]:
    edits = CONSISTENT if request.param == "consistent" else STRUCTURAL
    return SEED_SPEC, spec(tmp_path, "new", edits)


def test_accepting_every_change_gives_the_new_text(tmp_path, versions):
    old, new = versions
    assert lines(resolved(body(redline(tmp_path, old, new)), accept=True)) == plain_docx_lines(new)


def test_rejecting_every_change_gives_the_old_text(tmp_path, versions):
    old, new = versions
    assert lines(resolved(body(redline(tmp_path, old, new)), accept=False)) == plain_docx_lines(old)


def test_the_consistent_change_is_thirteen_replaced_amounts_each_with_its_unit(tmp_path):
    """An amount in prose changes as one token with its unit; a table cell holds the number."""
    root = body(redline(tmp_path, SEED_SPEC, spec(tmp_path, "new", CONSISTENT)))
    deleted = ["".join(d.itertext()) for d in root.iter(f"{{{W}}}del")]
    inserted = ["".join(i.itertext()) for i in root.iter(f"{{{W}}}ins")]
    mio = "\u00a0mio.\u00a0kr."
    assert sorted(set(deleted)) == sorted({f"30,0{mio}", f"6,6{mio}", "-30,0", "6,6"})
    assert sorted(set(inserted)) == sorted({f"30,1{mio}", f"6,7{mio}", "-30,1", "6,7"})
    assert (len(deleted), len(inserted)) == (13, 13)


def changes_of(root: etree._Element) -> list[etree._Element]:
    return [*root.iter(f"{{{W}}}ins"), *root.iter(f"{{{W}}}del")]


def test_every_change_carries_the_author_and_the_date_given(tmp_path):
    root = body(redline(tmp_path, SEED_SPEC, spec(tmp_path, "new", CONSISTENT),
                        "--author", "Karen Kontorfuldmægtig", "--date", "2026-02-03T14:05:09"))
    changes = changes_of(root)
    assert {(c.get(f"{{{W}}}author"), c.get(f"{{{W}}}date")) for c in changes} == {
        ("Karen Kontorfuldmægtig", "2026-02-03T14:05:09Z")}
    assert len({c.get(f"{{{W}}}id") for c in changes}) == len(changes)


@given(moment=st.datetimes(min_value=datetime.datetime(1970, 1, 1),
                           max_value=datetime.datetime(2099, 12, 31, 23, 59, 59)))
@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_source_date_epoch_dates_the_changes_when_no_date_is_given(tmp_path, monkeypatch,
                                                                    moment):
    epoch = int((moment - datetime.datetime(1970, 1, 1)).total_seconds())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    root = body(redline(tmp_path, SEED_SPEC, spec(tmp_path, "new", CONSISTENT)))
    assert {c.get(f"{{{W}}}date") for c in changes_of(root)} == {
        moment.strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_without_date_or_epoch_the_changes_are_dated_now_and_by_the_default_author(
        tmp_path, monkeypatch):
    """Not the aktstykke's own date, and not whatever git's global user name is."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Global Gitbruger\n")
    before = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    root = body(redline(tmp_path, SEED_SPEC, spec(tmp_path, "new", CONSISTENT)))
    after = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    stamps = {c.get(f"{{{W}}}date") for c in changes_of(root)}
    [stamp] = stamps
    assert before <= datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") <= after
    assert {c.get(f"{{{W}}}author") for c in changes_of(root)} == {cli.DEFAULT_AUTHOR}
    assert cli.DEFAULT_AUTHOR == "aktstykke"


@pytest.mark.parametrize("when", ["i går", "2025-13-01", "1969-12-31", "2100-01-01"])
def test_a_date_no_change_can_carry_is_a_usage_error(tmp_path, capsys, when):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["redline", str(SEED_SPEC), str(SEED_SPEC), "-o", str(tmp_path / "r.docx"),
                  "--date", when])
    assert exit_.value.code == 2 and "--date" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()


def test_the_author_defaults_to_the_new_specs_sagsbehandler(tmp_path):
    new = spec(tmp_path, "new", CONSISTENT, extra="sagsbehandler: Peter Fuldmægtig\n")
    root = body(redline(tmp_path, SEED_SPEC, new))
    assert {c.get(f"{{{W}}}author") for c in root.iter(f"{{{W}}}ins")} == {"Peter Fuldmægtig"}


def test_two_equal_specs_give_a_redline_without_changes(tmp_path):
    root = body(redline(tmp_path, SEED_SPEC, SEED_SPEC))
    assert (len(list(root.iter(f"{{{W}}}ins"))), len(list(root.iter(f"{{{W}}}del")))) == (0, 0)


def test_a_redline_is_byte_identical_when_rebuilt(tmp_path):
    new = spec(tmp_path, "new", CONSISTENT)
    first = redline(tmp_path, SEED_SPEC, new, "--date", "2025-10-01").read_bytes()
    assert redline(tmp_path, SEED_SPEC, new, "--date", "2025-10-01").read_bytes() == first


def test_redline_refuses_a_target_that_is_not_docx(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["redline", str(SEED_SPEC), str(SEED_SPEC), "-o", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2 and "docx" in capsys.readouterr().err


ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _libreoffice_changes(soffice: str, docx: Path, tmp_path: Path):
    """The redline as LibreOffice reads it (converted to ODT): the content, its tracked-change
    regions, and the sorted kinds of change in them."""
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / f"{docx.stem}.odt") as odt:
        content = etree.fromstring(odt.read("content.xml"))
    regions = content.findall(f".//{{{ODF_TEXT}}}changed-region")
    kinds = sorted(child.tag.split("}")[1] for region in regions for child in region
                   if child.tag.split("}")[1] in ("insertion", "deletion"))
    return content, regions, kinds


def test_libreoffice_reads_one_tracked_change_region_per_insertion_and_deletion(tmp_path):
    soffice = require_tool("soffice")
    out = redline(tmp_path, SEED_SPEC, spec(tmp_path, "new", CONSISTENT))
    _, _, kinds = _libreoffice_changes(soffice, out, tmp_path)
    assert kinds == ["deletion"] * 13 + ["insertion"] * 13


def test_a_redline_that_cannot_be_written_is_akt010_exit_2(tmp_path, capsys):
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("en fil, hvor mappen skulle være", encoding="utf-8")
    code = cli.main(["redline", str(SEED_SPEC), str(SEED_SPEC), "-o", str(blocker / "x.docx")])
    err = capsys.readouterr().err
    assert (code, f"{blocker}: error[AKT010]" in err, "internal" in err) == (2, True, False)


def test_libreoffice_reads_a_moved_paragraph_as_moved_away_and_moved_here(tmp_path):
    """Word's move marks, read by LibreOffice: the paragraph stands once deleted where it was
    and once inserted where it is, and nothing else changed."""
    soffice = require_tool("soffice")
    [pair] = [p for p in corpus() if p.spec == SEED_SPEC.stem and p.kind == "afsnit-flyttet"]
    out = redline(tmp_path, written(pair.old, tmp_path / "old.yaml"),
                  written(pair.new, tmp_path / "new.yaml"))
    content, regions, kinds = _libreoffice_changes(soffice, out, tmp_path)
    moved = next(o for o, n in zip(pair.old["tekst"]["b"], pair.new["tekst"]["b"], strict=True)
                 if o != n)   # the paragraph taken out (and put back two places on)
    deleted = "".join(next(r for r in regions if r.find(f"{{{ODF_TEXT}}}deletion") is not None)
                      .find(f"{{{ODF_TEXT}}}deletion").itertext())
    started = content.find(f".//{{{ODF_TEXT}}}change-start").getparent()
    assert kinds == ["deletion", "insertion"]
    assert key(moved) in key(deleted) and key("".join(started.itertext())).startswith(key(moved))
