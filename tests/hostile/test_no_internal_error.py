"""No internal error is reachable: every command, driven with mutated inputs, ends in exit 0, 1 or 2.

Issue 11, acceptance 2. Hypothesis drives `check`, `check --json`, `check --kontoplan`, `build`,
`diff`, `redline` (of specs and of built DOCX files), `textconv`, `new --from` and `import` with
- mutated specs (tests/test_fuzz.py's mutations of the seed: keys deleted, values of another
  type, numbers swapped, the file cut short, bytes inserted) and mutated example specs;
- mutated built files: the seed's DOCX, PDF and text with bytes changed or cut short, zip
  members removed, duplicated or replaced, and XML attributes set to extremes;
- mutated kontoplan exports;
- odd command lines: options in any order, missing and odd paths, folders, the same file twice.

Every case must end in exit 0, 1 or 2; exit 2, and exit 1 from any command but `diff` (whose
1 says the texts differ) and `register` (whose 1 is a finding of its own kind, `fejl[citat]`),
must name a registered code or be a usage message; exit 3 ("internal
error") or a traceback fails, printing the command and the input that caused it. Commands run
in-process (milliseconds each), so the suite reaches its size quickly.

Size: `AKTSTYKKE_FUZZ` examples per property: 150 in `make test` (some 1,100 cases), 1,500 in
`make fuzz` (some 11,000 cases over the eight properties and the two redline ones at a quarter).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import MUTANTS, SEED

from aktstykker_gen.catalogue import registered_codes
from aktstykker_gen.cli import main

ROOT = SEED.parent.parent
EXAMPLES = sorted((ROOT / "specs").rglob("*.yaml"))
CODES = registered_codes()
# A diagnostic's code as printed: `error[AKT008]`, or `"code": "AKT008"` in JSON.
CODE = re.compile(r'\[(AKT\d{3})\]|"code": ?"(AKT\d{3})"')
EXAMPLES_PER_PROPERTY = int(os.environ.get("AKTSTYKKE_FUZZ", "150"))
FUZZ = settings(max_examples=EXAMPLES_PER_PROPERTY, deadline=None, derandomize=True,
                database=None, suppress_health_check=list(HealthCheck))
RUNS: Counter[tuple[str, int]] = Counter()   # (command, exit code) of every case run


def run(argv: list[str], cwd: Path) -> tuple[int, str]:
    """The command's exit code and what it printed, run in-process in `cwd`."""
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exited:   # argparse's usage errors
                code = exited.code if isinstance(exited.code, int) else 2
    finally:
        os.chdir(here)
    RUNS[argv[0], code] += 1
    return code, out.getvalue() + err.getvalue()


def assert_handled(argv: list[str], cwd: Path, what: str = "") -> int:
    code, printed = run(argv, cwd)
    context = f"aktstykke {' '.join(argv)}\n{what}\n--- printed:\n{printed[-3000:]}"
    assert code in (0, 1, 2), f"exit {code}\n{context}"
    assert "internal error" not in printed and "Traceback" not in printed, context
    if code == 1 and argv[0] == "register":   # its 1: a finding is an error, by its kind
        assert re.search(r"^  fejl\[\w+\]: ", printed, re.M), f"exit 1 with no finding\n{context}"
    elif code == 2 or (code == 1 and argv[0] != "diff"):   # diff's 1: the texts differ
        codes = {a or b for a, b in CODE.findall(printed)}
        assert codes <= CODES, f"unregistered {codes - CODES}\n{context}"
        assert codes or printed.startswith(("usage:", "aktstykke:")) or "usage:" in printed, \
            f"exit {code} with no diagnostic code\n{context}"
    return code


# -- the built files every file mutation starts from ---------------------------------------------

_BUILT: dict[str, bytes] = {}


def built() -> dict[str, bytes]:
    if not _BUILT:
        with tempfile.TemporaryDirectory() as folder:
            code, printed = run(["build", str(SEED), "-o", folder], ROOT)
            assert code == 0, printed
            for suffix in (".docx", ".pdf", ".txt"):
                _BUILT[suffix] = (Path(folder) / f"{SEED.stem}{suffix}").read_bytes()
    return _BUILT


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> bytes:
    """Bytes changed at a few places, or the file cut short."""
    if draw(st.booleans()):
        return data[:draw(st.integers(0, len(data)))]
    changed = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        changed[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(changed)


EXTREMES = ["999999999", "-1", "0", "1e309", "", "NaN", "x" * 300, "4294967296", "&#0;"]
ATTRIBUTE = re.compile(rb'(w:(?:val|w|gridSpan|sz|hRule|ilvl|numId|left|hanging)=")([^"]*)(")')


@st.composite
def docx_mutants(draw: st.DrawFn) -> bytes:
    """The built DOCX with a member removed, duplicated or emptied, an XML attribute set to an
    extreme, or its bytes changed."""
    original = built()[".docx"]
    how = draw(st.sampled_from(["remove", "duplicate", "empty", "attribute", "bytes"]))
    if how == "bytes":
        return draw(flipped(original))
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings_off():
        for member, content in members.items():
            if member == name and how == "remove":
                continue
            if member == name and how == "empty":
                content = b""
            if member == name and how == "attribute":
                found = list(ATTRIBUTE.finditer(content))
                if found:
                    hit = draw(st.sampled_from(found))
                    value = draw(st.sampled_from(EXTREMES)).encode()
                    content = content[:hit.start(2)] + value + content[hit.end(2):]
            archive.writestr(member, content)
            if member == name and how == "duplicate":
                archive.writestr(member, content)
    return buffer.getvalue()


@contextlib.contextmanager
def warnings_off():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # zipfile warns of a duplicated name, as it should
        yield


FILES = st.one_of(
    docx_mutants().map(lambda data: (".docx", data)),
    st.deferred(lambda: flipped(built()[".pdf"])).map(lambda data: (".pdf", data)),
    st.deferred(lambda: flipped(built()[".txt"])).map(lambda data: (".txt", data)),
    st.binary(max_size=300).map(lambda data: (".docx", data)),
    st.binary(max_size=300).map(lambda data: (".pdf", data)),
)
SPECS = st.one_of(MUTANTS.map(lambda mutant: mutant.data),
                  st.sampled_from(EXAMPLES).map(Path.read_bytes).flatmap(flipped))


@pytest.fixture()
def folder():
    with tempfile.TemporaryDirectory() as path:
        yield Path(path)


def _fresh(folder: Path) -> Path:
    """An empty folder for one case (hypothesis runs many cases per fixture)."""
    shutil.rmtree(folder)
    folder.mkdir()
    return folder


# -- the properties -----------------------------------------------------------------------------


@FUZZ
@given(spec=SPECS, how=st.sampled_from([[], ["--strict"], ["--format", "json"],
                                         ["--strict", "--format", "json"]]))
def test_check_of_any_spec_is_handled(folder, spec, how):
    path = _fresh(folder) / "spec.yaml"
    path.write_bytes(spec)
    assert_handled(["check", *how, str(path)], folder)


@FUZZ
@given(spec=SPECS)
def test_build_of_any_spec_is_handled(folder, spec):
    path = _fresh(folder) / "spec.yaml"
    path.write_bytes(spec)
    code = assert_handled(["build", str(path), "-o", str(folder / "ud")], folder)
    if code != 0:
        assert not (folder / "ud").exists() or not any((folder / "ud").iterdir())


@FUZZ
@given(file=st.one_of(FILES, SPECS.map(lambda data: (".yaml", data))))
def test_textconv_of_any_file_is_handled(folder, file):
    suffix, data = file
    path = _fresh(folder) / f"fil{suffix}"
    path.write_bytes(data)
    assert_handled(["textconv", str(path)], folder)


@FUZZ
@given(file=st.one_of(FILES, SPECS.map(lambda data: (".yaml", data))), first=st.booleans())
def test_diff_with_any_file_is_handled(folder, file, first):
    suffix, data = file
    path = _fresh(folder) / f"fil{suffix}"
    path.write_bytes(data)
    pair = [str(path), str(SEED)] if first else [str(SEED), str(path)]
    assert_handled(["diff", *pair], folder)


@settings(FUZZ, max_examples=max(10, EXAMPLES_PER_PROPERTY // 4))
@given(spec=SPECS, first=st.booleans())
def test_redline_with_any_spec_is_handled(folder, spec, first):
    path = _fresh(folder) / "spec.yaml"
    path.write_bytes(spec)
    pair = [str(path), str(SEED)] if first else [str(SEED), str(path)]
    assert_handled(["redline", *pair, "-o", str(folder / "r.docx")], folder)


@settings(FUZZ, max_examples=max(10, EXAMPLES_PER_PROPERTY // 4))
@given(file=FILES, first=st.booleans())
def test_redline_with_any_docx_is_handled(folder, file, first):
    """A sent DOCX read back into its tree (docx_tree.py), mutated or not a DOCX at all."""
    suffix, data = file
    path = _fresh(folder) / f"fil{suffix}"
    path.write_bytes(data)
    (folder / "seed.docx").write_bytes(built()[".docx"])
    pair = [str(path), "seed.docx"] if first else ["seed.docx", str(path)]
    assert_handled(["redline", *pair, "-o", str(folder / "r.docx")], folder)


@FUZZ
@given(file=FILES)
def test_import_of_any_file_is_handled(folder, file):
    """A built text or DOCX mutated, or no such file at all: a draft, or a refusal that writes
    none."""
    suffix, data = file
    path = _fresh(folder) / f"fil{suffix}"
    path.write_bytes(data)
    draft = folder / "udkast.yaml"
    if assert_handled(["import", str(path), "-o", str(draft)], folder) != 0:
        assert not draft.exists()


@FUZZ
@given(spec=SPECS)
def test_new_from_any_spec_is_handled(folder, spec):
    path = _fresh(folder) / "gammel.yaml"
    path.write_bytes(spec)
    (folder / "specs").mkdir()
    assert_handled(["new", "ny", "--from", str(path), "--dir", str(folder / "specs")], folder)


KONTOPLAN = ('"16 Indenrigs- og Sundhedsministeriet "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
             '"161116 Lægemiddelstyrelsen "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
             '"16111610 Driftsbudget "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
             '"22 Andre ordinære driftsomkostninger "; 1,0; 1,0; 1,0; 1,0; 1,0; 1,0\n'
             ).encode()
KONTOPLANER = st.one_of(
    flipped(KONTOPLAN),
    st.lists(st.text(max_size=60), max_size=20).map(lambda rows: "\n".join(rows).encode()),
    st.text(alphabet='";0123456789 ,\n*-', max_size=400).map(str.encode),
    st.binary(max_size=400),
)


@FUZZ
@given(kontoplan=KONTOPLANER)
def test_check_against_any_kontoplan_is_handled(folder, kontoplan):
    path = _fresh(folder) / "kontoplan.csv"
    path.write_bytes(kontoplan)
    assert_handled(["check", "--kontoplan", str(path), str(SEED)], folder)


COMMANDS = ["check", "build", "diff", "redline", "textconv", "new", "rules", "schema",
            "register", "import"]
OPTIONS = ["--strict", "--format", "json", "text", "--select", "--ignore", "AKT601", "prosa",
           "AKT999", "", ",", "-o", "--output", "--force", "--kontoplan", "--from", "--dir",
           "--author", "--word-diff", "--color", "always", "--port", "-1", "--", "-",
           "--dokument"]


@FUZZ
@given(command=st.sampled_from(COMMANDS),
       words=st.lists(st.one_of(st.sampled_from(OPTIONS),
                                st.sampled_from(["SEED", "FOLDER", "MISSING", "ODD", "LONG"]),
                                st.text(max_size=12).filter(lambda s: "\0" not in s)),
                      max_size=6))
def test_any_command_line_is_handled(folder, command, words):
    _fresh(folder)
    (folder / "mappe").mkdir()
    (folder / "specs").mkdir()
    shutil.copy(SEED, folder / "mappe" / "seed.yaml")
    paths = {"SEED": str(SEED), "FOLDER": str(folder / "mappe"), "MISSING": str(folder / "nej.yaml"),
             "ODD": str(folder / "æ ø\tå;$(x).yaml"), "LONG": "x" * 300 + ".yaml"}
    argv = [command, *(paths.get(word, word) for word in words)]
    if command in ("build", "register") and not any(w in ("-o", "--output") for w in words):
        argv += ["-o", str(folder / "ud")]   # never into the project's own output/
    if command == "import" and not any(w in ("-o", "--output") for w in words):
        argv += ["-o", str(folder / "udkast.yaml")]   # never into the project's own specs/
    if command == "new" and "--dir" not in words:
        argv += ["--dir", str(folder / "specs")]
    assert_handled(argv, folder)


def test_the_mutants_both_pass_and_fail():
    """The properties are not vacuous: among the cases run with them in this session, check
    and build both succeed on some mutants and refuse others, and textconv reads some mutated
    files and refuses others. Selected alone, this test has nothing to count."""
    if not RUNS:
        pytest.skip("run with the properties above")
    for command, codes in (("check", {0, 1}), ("build", {0, 1}), ("textconv", {0, 2}),
                           ("new", {0, 2}), ("import", {0, 1, 2})):
        assert codes <= {code for ran, code in RUNS if ran == command}, RUNS
    print("\ncases run (pytest -s shows this):", sum(RUNS.values()), dict(sorted(RUNS.items())))


# -- a class the properties found: a path the system cannot look up (ENAMETOOLONG) -------------

_UNREACHABLE = {"256-byte name": "x" * 252 + ".yaml", "multi-byte name": "æ" * 130 + ".yaml",
                "path over PATH_MAX": "d/" * 2100 + "x.yaml"}
_WHERE = {"check": ["check", "{p}"], "check --format json": ["check", "--format", "json", "{p}"],
          "build": ["build", "{p}", "-o", "out"], "build -o": ["build", "seed.yaml", "-o", "{p}"],
          "textconv": ["textconv", "{p}"], "diff": ["diff", "seed.yaml", "{p}"],
          "redline": ["redline", "{p}", "seed.yaml", "-o", "r.docx"],
          "new --from": ["new", "x", "--from", "{p}", "--dir", "."],
          "new --dir": ["new", "x", "--dir", "{p}"],
          "check --kontoplan": ["check", "seed.yaml", "--kontoplan", "{p}"]}


@pytest.mark.parametrize("where", _WHERE)
@pytest.mark.parametrize("name", _UNREACHABLE)
def test_a_path_too_long_to_look_up_is_refused_not_an_internal_error(tmp_path, where, name):
    """`Path.is_dir` raised ENAMETOOLONG (exit 3 in check and build); each command refuses such
    a path with exit 2, AKT008 where it names a file to read."""
    (tmp_path / "seed.yaml").write_bytes(SEED.read_bytes())
    argv = [word.replace("{p}", _UNREACHABLE[name]) for word in _WHERE[where]]
    code, printed = run(argv, tmp_path)
    assert code == 2, printed
    if where not in ("build -o", "new --dir"):
        assert "AKT008" in printed and "stien er for lang" in printed, printed
