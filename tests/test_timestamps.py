"""A built file's only timestamp is the spec's date, or SOURCE_DATE_EPOCH when it is set."""

from __future__ import annotations

import datetime
import zipfile

import pytest
from conftest import SEED_SPEC

from aktstykker_gen.build import render_outputs
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
