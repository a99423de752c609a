"""A one-spec build's PDF, laid out by a helper process (pdf_helper.py), is the PDF the build
makes itself, byte for byte; a helper that fails or dies leaves the PDF to the build; and no
helper outlives its build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_SPEC

from aktstykker_gen import assets, pdf_helper
from aktstykker_gen.build import render_outputs
from aktstykker_gen.pipeline import check, render

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper is forked")


@pytest.fixture(scope="module")
def own_outputs() -> dict[str, bytes]:
    """The seed's outputs made in this process, with no helper."""
    assert pdf_helper.helper() is None
    return render_outputs(check(SEED_SPEC))


@pytest.fixture
def helper():
    pdf_helper.start()
    found = pdf_helper.helper()
    if found is None:
        pytest.skip("one core: no helper is started")
    yield found
    pdf_helper.stop()


def test_a_one_spec_build_writes_what_the_build_makes_itself(tmp_path: Path,
                                                             own_outputs) -> None:
    done = subprocess.run([sys.executable, "-m", "aktstykker_gen", "build", str(SEED_SPEC),
                           "-o", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for suffix, data in own_outputs.items():
        assert (tmp_path / f"{SEED_SPEC.stem}{suffix}").read_bytes() == data, suffix


def test_the_helpers_pdf_is_the_builds_own(helper, own_outputs) -> None:
    outputs = render_outputs(check(SEED_SPEC))
    assert outputs == own_outputs
    assert helper.made == 1   # the PDF is the helper's


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_helper_that_died_leaves_the_pdf_to_the_build(helper, own_outputs, how) -> None:
    os.kill(helper.pid, how)
    os.waitpid(helper.pid, 0)
    assert render_outputs(check(SEED_SPEC)) == own_outputs
    assert helper.made == 0


def test_a_pdf_the_helper_cannot_make_is_none_and_it_serves_the_next(helper) -> None:
    tree = render(check(SEED_SPEC))
    folder = assets.templates_dir()
    assert helper.ask(tree, folder / "no-such-stylesheet.css", folder, "pdf/ua-1")
    assert helper.answer() is None
    assert helper.ask(tree, folder / "aktstykke" / "aktstykke.css", folder, "pdf/ua-1")
    assert (helper.answer() or b"").startswith(b"%PDF-")


def test_the_helper_is_gone_when_the_build_is_done(helper) -> None:
    pid = helper.pid
    pdf_helper.stop()
    assert pdf_helper.helper() is None
    with pytest.raises(ChildProcessError):   # reaped: no zombie either
        os.waitpid(pid, os.WNOHANG)
    assert not Path(f"/proc/{pid}").exists() or _not_ours(pid)


def test_a_helper_still_importing_is_ended_at_once() -> None:
    pdf_helper.start()
    found = pdf_helper.helper()
    if found is None:
        pytest.skip("one core: no helper is started")
    started = time.perf_counter()
    pdf_helper.stop()
    assert time.perf_counter() - started < 2


def _not_ours(pid: int) -> bool:
    """A pid reused by another process since (its parent is not this one)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return True
    return int(fields[1]) != os.getpid()


FORKED_WHEN = """
import os, sys
before = []
real_fork = os.fork
def fork():
    before.append(sorted(m for m in ("pydantic", "yaml", "aktstykker_gen.pipeline")
                         if m in sys.modules))
    return real_fork()
os.fork = fork
from aktstykker_gen import cli
code = cli.main(["build", sys.argv[1], "-o", sys.argv[2]])
print(code, before)
"""


def test_the_helper_is_forked_before_the_pipeline_is_imported(tmp_path: Path) -> None:
    """A one-spec build forks its PDF helper as soon as the command line is read: before
    pydantic, YAML and the pipeline are imported (the command line reads no model,
    udgavevalg.py), so the helper starts on WeasyPrint that much sooner; the build is whole."""
    done = subprocess.run([sys.executable, "-c", FORKED_WHEN, str(SEED_SPEC), str(tmp_path)],
                          capture_output=True, text=True, check=True, timeout=120)
    code, forks = done.stdout.split(" ", 1)
    assert code == "0", done.stderr
    if forks.strip() == "[]":
        pytest.skip("one core: no helper is started")
    assert forks.strip() == "[[]]", forks
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.suffix != ".json") == \
        [".docx", ".pdf", ".txt"]


FIRST_PDF = """
import sys
from aktstykker_gen import assets
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.writers.pdf import warm_up, write_pdf
checked = check(__import__("pathlib").Path(sys.argv[1]))
folder = assets.templates_dir()
if sys.argv[2] == "warmed":
    warm_up(folder)
sys.stdout.buffer.write(write_pdf(render(checked, folder), folder / checked.kind.stylesheet,
                                  folder))
"""


def test_a_warmed_up_process_makes_the_same_pdf_as_a_fresh_one() -> None:
    """The helper's throwaway PDF (writers.pdf.warm_up) leaves nothing in the PDF it makes next:
    the seed's PDF, as a fresh process's first, is the same bytes after it."""
    made = {how: subprocess.run([sys.executable, "-c", FIRST_PDF, str(SEED_SPEC), how],
                                capture_output=True, check=True, timeout=120).stdout
            for how in ("fresh", "warmed")}
    assert made["fresh"].startswith(b"%PDF-") and made["fresh"] == made["warmed"]
