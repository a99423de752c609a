"""`aktstykke build` on many specs: folders, skipping the unchanged, rebuilding what is stale,
and one failing spec among good ones."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC

from aktstykker_gen import assets, batch, build, cli, pipeline
from aktstykker_gen.manifest import NAME, Manifest, sha256
from aktstykker_gen.udgaver import har_fortroligt

SUMMARY = re.compile(r"^bygget (\d+), uændret (\d+), fejlede (\d+) \(\d+,\d s\)$")
EXAMPLES = sorted(p.stem for p in (ROOT / "specs").rglob("*.yaml"))
# The examples with a confidential part, which build a public and a confidential edition.
TWO_EDITIONS = sorted(p.stem for p in (ROOT / "specs").rglob("*.yaml")
                      if har_fortroligt(pipeline.check(p).spec.model))


def variant(step: int, financing: int | None = None) -> str:
    """The seed with the regions' 6,6 raised by `step` tenths and the financing following
    (or raised by `financing` tenths, which leaves the spec unbalanced)."""
    financing = step if financing is None else financing
    regions = f"{6.6 + step / 10:.1f}"
    return (SEED_SPEC.read_text(encoding="utf-8")
            .replace("udgift: {2025: 6.6}", f"udgift: {{2025: {regions}}}")
            .replace("beløb: {2025: 6.6}", f"beløb: {{2025: {regions}}}")
            .replace("udgift: {2025: -30.0}", f"udgift: {{2025: -{30 + financing / 10:.1f}}}"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def aktstykke_build(*args: str | Path) -> tuple[int, str, tuple[int, int, int]]:
    """Exit code, stderr and the summary's (built, unchanged, failed) of one `aktstykke build`."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", *map(str, args)])
    match = SUMMARY.match(stderr.getvalue().splitlines()[-1])
    assert match, stderr.getvalue()
    built, unchanged, failed = map(int, match.groups())
    return code, stderr.getvalue(), (built, unchanged, failed)


@dataclass
class Workspace:
    """specs/a.yaml, specs/sub/b.yaml and c.yaml (variants of the seed), built with specs/ into out/."""

    root: Path

    @property
    def out(self) -> Path:
        return self.root / "out"

    def spec(self, stem: str) -> Path:
        return {"a": self.root / "specs" / "a.yaml", "b": self.root / "specs" / "sub" / "b.yaml",
                "c": self.root / "c.yaml"}[stem]

    def build(self, *extra: str) -> tuple[int, str, tuple[int, int, int]]:
        return aktstykke_build(ROOT / "specs", self.root / "specs", self.spec("c"),
                               "-o", self.out, *extra)

    def files(self) -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in self.out.iterdir()}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, tuple]:
    """Built once, from scratch, with a pool of workers; each test works on a copy."""
    workspace = Workspace(tmp_path_factory.mktemp("batch"))
    for step, stem in enumerate("abc", start=1):
        write(workspace.spec(stem), variant(step))
    return workspace, workspace.build()


@pytest.fixture
def workspace(first, tmp_path: Path) -> Workspace:
    return Workspace(Path(shutil.copytree(first[0].root, tmp_path / "copy")))


def test_folders_and_files_build_every_spec_under_them(first) -> None:
    """A mix of folders (searched recursively) and files builds every spec, each as <stem>.*."""
    workspace, (code, _, counts) = first
    stems = sorted([*EXAMPLES, "a", "b", "c"])
    assert (code, counts) == (0, (len(stems), 0, 0))
    # the aktstykke with a confidential bilag, and both agendas (each has a closed item)
    assert TWO_EDITIONS == ["2025-09-sundhedsudvalget", "fortroligt-bilag", "referat-eksempel"]
    assert sorted(workspace.files()) == sorted(
        [NAME, *(f"{stem}{suffix}" for stem in stems for suffix in build.FORMATS),
         *(f"{stem}.fortrolig{suffix}" for stem in TWO_EDITIONS for suffix in build.FORMATS)])
    manifest = (workspace.out / NAME).read_text(encoding="utf-8")
    assert list(json.loads(manifest)) == stems and manifest == json.dumps(
        json.loads(manifest), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_a_second_build_skips_every_spec_and_writes_nothing(workspace) -> None:
    """With nothing changed, every spec is unchanged and no file is touched."""
    before = workspace.files()
    code, _, counts = workspace.build()
    specs = (len(before) - 3 * len(TWO_EDITIONS)) // 3
    assert (code, counts, workspace.files()) == (0, (0, specs, 0), before)


def test_changing_one_spec_rebuilds_only_that_spec(workspace) -> None:
    """An edited spec is rebuilt; every other spec's files stay as they were."""
    before = workspace.files()
    write(workspace.spec("b"), variant(5))
    code, _, (built, _, failed) = workspace.build()
    after = workspace.files()
    changed = sorted(name for name in before if after[name] != before[name])
    assert (code, built, failed) == (0, 1, 0)
    assert changed == [NAME, "b.docx", "b.pdf", "b.txt"]
    assert "7,1" in (workspace.out / "b.txt").read_text(encoding="utf-8")


def test_changed_templates_rebuild_every_spec(workspace, tmp_path, monkeypatch) -> None:
    """A change anywhere in the package's templates folder makes every spec stale."""
    templates = Path(shutil.copytree(assets.templates_dir(), tmp_path / "templates"))
    with (templates / "aktstykke" / "aktstykke.css").open("a", encoding="utf-8") as css:
        css.write("/* changed */\n")
    monkeypatch.setattr(assets, "templates_dir", lambda: templates)
    code, _, counts = workspace.build()
    assert (code, counts) == (0, (len(EXAMPLES) + 3, 0, 0))


def test_a_mixed_set_from_an_interrupted_build_is_rebuilt(workspace) -> None:
    """New DOCX and text beside the previous build's PDF: the spec is stale and rebuilt."""
    old_pdf = (workspace.out / "a.pdf").read_bytes()
    write(workspace.spec("a"), variant(7))
    assert workspace.build()[2][0] == 1
    new_pdf = (workspace.out / "a.pdf").read_bytes()
    (workspace.out / "a.pdf").write_bytes(old_pdf)   # as if the build stopped before the PDF
    code, _, (built, _, failed) = workspace.build()
    assert (code, built, failed, (workspace.out / "a.pdf").read_bytes()) == (0, 1, 0, new_pdf)


def test_a_deleted_output_makes_its_spec_rebuild(workspace) -> None:
    """A spec whose output is missing is rebuilt, the others are not."""
    (workspace.out / "c.txt").unlink()
    code, _, (built, _, _) = workspace.build()
    assert (code, built, (workspace.out / "c.txt").is_file()) == (0, 1, True)


def test_force_rebuilds_unchanged_specs(workspace) -> None:
    """--force builds a spec even though nothing changed."""
    code, _, counts = aktstykke_build(workspace.spec("c"), "-o", workspace.out, "--force")
    assert (code, counts) == (0, (1, 0, 0))


def test_a_failing_spec_does_not_stop_the_others(workspace) -> None:
    """Among good specs, a spec with errors exits 1, writes nothing, keeps its earlier
    outputs and manifest entry, and the others are still built."""
    write(workspace.spec("a"), variant(1, financing=2))          # built before, now unbalanced
    write(workspace.root / "specs" / "d.yaml", variant(1, financing=2))   # never built
    write(workspace.spec("b"), variant(6))
    before = {name: (workspace.out / name).read_bytes() for name in ("a.docx", "a.pdf", "a.txt")}
    entry = Manifest.load(workspace.out).entries["a"]
    code, err, counts = workspace.build()
    assert (code, counts) == (1, (1, len(EXAMPLES) + 1, 2))
    assert "error[AKT201]" in err and f"{workspace.spec('a')}: ikke bygget" in err
    assert {name: (workspace.out / name).read_bytes() for name in before} == before
    assert Manifest.load(workspace.out).entries["a"] == entry
    assert not [p.name for p in workspace.out.iterdir() if p.name.startswith(("d.", ".d."))]
    assert sha256((workspace.out / "b.txt").read_bytes()) == \
        Manifest.load(workspace.out).entries["b"]["outputs"]["b.txt"]


def test_two_specs_with_the_same_stem_are_refused(tmp_path) -> None:
    """Two specs with one stem are both AKT013 (exit 2), naming each other; neither is built,
    so neither overwrites the other's files."""
    first = write(tmp_path / "x" / "s.yaml", variant(1))
    later = write(tmp_path / "y" / "s.yaml", variant(2))
    code, err, counts = aktstykke_build(tmp_path / "x", tmp_path / "y", "-o", tmp_path / "out")
    assert (code, counts) == (2, (0, 0, 2))
    for spec, other in ((first, later), (later, first)):
        assert f"{spec}: error[AKT013]: ville skrive de samme filer ({tmp_path / 'out' / 's'}.*) " \
            f"som {other}; ingen af dem bygges" in err
    assert not (tmp_path / "out" / "s.txt").exists()


def test_an_exception_in_the_renderer_is_an_internal_error_of_that_spec(tmp_path, monkeypatch) -> None:
    """A crash while rendering one spec exits 3 and says "internal error" with the spec's name."""
    def crash(*_: object, **__: object) -> dict[str, bytes]:
        raise RuntimeError("boom")

    monkeypatch.setattr(build, "render_outputs", crash)
    code, err, counts = aktstykke_build(SEED_SPEC, "-o", tmp_path / "out")
    assert (code, counts) == (3, (0, 0, 1))
    assert f"internal error in {SEED_SPEC}: RuntimeError: boom" in err
    assert not (tmp_path / "out").exists()


def test_a_folder_without_specs_is_a_usage_error(tmp_path) -> None:
    """An empty folder exits 2 and says so, rather than building nothing silently."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.raises(SystemExit) as exit_:
        cli.main(["build", str(tmp_path), "-o", str(tmp_path / "out")])
    message = f"ingen specs (*.yaml, *.yml) i {tmp_path}"
    assert (exit_.value.code, message in stderr.getvalue()) == (2, True)


def test_a_damaged_manifest_counts_as_none(tmp_path) -> None:
    """A manifest that cannot be read makes every spec stale instead of stopping the build."""
    (tmp_path / NAME).write_text("{not json", encoding="utf-8")
    assert Manifest.load(tmp_path).entries == {}


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_is_one_redrawn_line_on_a_terminal_and_nothing_when_piped() -> None:
    """On a terminal, `[n/total] bygger …` is redrawn in place; piped, nothing is written."""
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = batch.Progress(stream, total=2)
        progress.show()
        progress.advance()
        progress.clear()
    assert terminal.getvalue() == "\r[0/2] bygger …\r[1/2] bygger …\r\x1b[K"
    assert pipe.getvalue() == ""
