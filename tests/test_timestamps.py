"""A built file's only timestamp is the spec's date, or SOURCE_DATE_EPOCH when it is set."""

from __future__ import annotations

import datetime
import re
import zipfile

import pytest
from conftest import SEED_SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aktstykker_gen.build import render_outputs
from aktstykker_gen.cli import main
from aktstykker_gen.pipeline import check


def stamps(outputs: dict[str, bytes], tmp_path) -> tuple[str, datetime.datetime, tuple]:
    import docx
    from pypdf import PdfReader

    (tmp_path / "a.pdf").write_bytes(outputs[".pdf"])
    (tmp_path / "a.docx").write_bytes(outputs[".docx"])
    pdf = PdfReader(str(tmp_path / "a.pdf")).metadata["/CreationDate"]
    created = docx.Document(str(tmp_path / "a.docx")).core_properties.created
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        zipped = {info.date_time for info in archive.infolist()}
    return pdf, created.replace(tzinfo=None), zipped


def test_without_source_date_epoch_the_files_carry_the_spec_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pdf, created, zipped = stamps(render_outputs(check(SEED_SPEC)), tmp_path)
    assert (pdf, created, zipped) == ("D:20251001000000Z", datetime.datetime(2025, 10, 1),
                                      {(2025, 10, 1, 0, 0, 0)})


@pytest.mark.parametrize(("epoch", "pdf_date"), [("1700000000", "D:20231114221320Z")])
def test_source_date_epoch_overrides_the_spec_date(tmp_path, monkeypatch, epoch, pdf_date):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    pdf, created, _ = stamps(render_outputs(check(SEED_SPEC)), tmp_path)
    assert (pdf, created) == (pdf_date, datetime.datetime(2023, 11, 14, 22, 13, 20))


# Every kind of value no file can be stamped with: not a whole number of seconds, negative,
# fractional, or past 2099 (the DOCX zip cannot date a file after 2107).
BAD_EPOCHS = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="\0"), min_size=1, max_size=12).filter(
        lambda s: s.strip() and not re.fullmatch(r"[0-9]+", s.strip())),
    st.integers(min_value=4102444800, max_value=10**15).map(str),
    st.integers(max_value=-1).map(str),
    st.floats(min_value=0, max_value=2e9).map(lambda f: f"{f}"),
)


@pytest.mark.parametrize("command", ["build", "redline"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(epoch=BAD_EPOCHS)
def test_a_source_date_epoch_no_file_can_carry_is_refused_before_anything_is_written(
        tmp_path, monkeypatch, capsys, command, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = tmp_path / "ud"
    argv = (["build", str(SEED_SPEC), "-o", str(out)] if command == "build"
            else ["redline", str(SEED_SPEC), str(SEED_SPEC), "-o", str(out / "r.docx")])
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert not out.exists()
