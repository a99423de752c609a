"""docs/reviewing.md shows `aktstykke diff` of revisions of the seed as a reviewer sees it: each
block after a `<!-- aktstykke diff OPTIONS: KIND -->` marker is what the command prints for the
seed's revision of that kind in the corpus (tests/revisions.py), saved as akt-v1.yaml and
akt-v2.yaml. So the docs cannot drift from the command; AKTSTYKKE_UPDATE_DOCS=1 rewrites the
blocks (read what it wrote)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from revisions import corpus, written

from aktstykker_gen import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "reviewing.md"
BLOCK = re.compile(r"(<!-- aktstykke diff ?(?P<options>[^:]*): (?P<kind>[\w-]+) -->\n```text\n)"
                   r"(?P<shown>.*?)(```)", re.S)
SEED = "2025-10-01-personlig-medicin"


def _printed(kind: str, options: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    pair = next(p for p in corpus() if p.spec == SEED and p.kind == kind)
    written(pair.old, folder / "akt-v1.yaml")
    written(pair.new, folder / "akt-v2.yaml")
    capsys.readouterr()
    assert cli.main(["diff", *options.split(), "akt-v1.yaml", "akt-v2.yaml"]) == 1
    return capsys.readouterr().out


def test_the_docs_show_what_diff_prints_for_the_seed_s_revisions(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 3
    printed = {m["kind"] + m["options"]: _printed(m["kind"], m["options"], tmp_path, capsys)
               for m in blocks}
    if os.environ.get("AKTSTYKKE_UPDATE_DOCS") == "1":
        DOC.write_text(BLOCK.sub(lambda m: m[1] + printed[m["kind"] + m["options"]] + m[5], text),
                       encoding="utf-8")
        return
    assert [m["shown"] for m in blocks] == [printed[m["kind"] + m["options"]] for m in blocks]
