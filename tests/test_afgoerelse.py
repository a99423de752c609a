"""Finansudvalgets afgørelse, printed in the wordings the seed and ft.dk's case pages show
(tests/real/decision-lines.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED_SPEC
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_edits import changed, codes, rendered

PUBLISHED = (ROOT / "tests" / "real" / "decision-lines.txt").read_text(encoding="utf-8") + \
    (ROOT / "tests" / "seed" / "aktstykke-2025-10-01-personlig-medicin.txt").read_text(encoding="utf-8")
SEED = SEED_SPEC.read_text(encoding="utf-8")


def decided(afgørelse: str, dato: str = "2025-10-01") -> str:
    """The seed, dated `dato` and decided as the YAML block `afgørelse` says."""
    return changed(SEED, ("dato: 2025-10-01", f"dato: {dato}"),
                   ("afgørelse:\n  dato: 2025-10-09\n", f"afgørelse:\n{afgørelse}"))


def decision_lines(document: str) -> list[str]:
    after = document.split("Til Finansudvalget.", 1)[1]
    return [line for line in after.splitlines() if line.strip()]


@pytest.mark.parametrize(("dato", "afgørelse", "published"), [
    ("2013-01-31", "  dato: 2013-02-07\n  stemte_imod: [Enhedslistens medlemmer]\n",
     "Tiltrådt af et flertal i Finansudvalget den 07-02-2013 (udvalget med undtagelse af "
     "Enhedslistens medlemmer, der stemte imod aktstykket)"),
    ("2018-05-01", "  dato: 2018-05-09\n  flertal: false\n"
                   "  stemte_imod: [Enhedslistens medlem af udvalget]\n",
     "Tiltrådt af Finansudvalget den 09-05-2018 (udvalget med undtagelse af Enhedslistens "
     "medlem af udvalget, der stemte imod aktstykket)."),
    ("2022-10-03", "  dato: 2022-10-12\n", "Tiltrådt af Finansudvalget den 12-10-2022."),
    ("2025-10-01", "  dato: 2025-10-09\n", "Tiltrådt af Finansudvalget den 09-10-2025"),
], ids=["aktstk-62-flertal", "aktstk-99-udvalget", "uden-stemmer-imod", "seed"])
def test_the_decision_line_is_worded_as_published(tmp_path: Path, dato, afgørelse, published):
    line = decision_lines(rendered(tmp_path, decided(afgørelse, dato)))[0]
    assert published in PUBLISHED
    assert line == published.rstrip(".")   # without the full stop, as the seed prints it


def test_an_orienterende_aktstykke_is_taken_to_efterretning(tmp_path: Path) -> None:
    text = (ROOT / "specs" / "examples" / "orienterende.yaml").read_text(encoding="utf-8")
    assert decision_lines(rendered(tmp_path, text))[0] == \
        "Taget til efterretning af Finansudvalget den 25-09-2025"


@settings(max_examples=40, deadline=None)
@given(imod=st.lists(st.sampled_from(["Enhedslistens medlemmer", "Alternativets medlem",
                                      "Dansk Folkepartis medlemmer"]), unique=True, max_size=3),
       flertal=st.sampled_from([None, True, False]),
       bemærkninger=st.lists(st.sampled_from(["Udvalget finder det kritisabelt.",
                                              "Udvalget beder om en orientering."]),
                             unique=True, max_size=2),
       påtegninger=st.lists(st.sampled_from(["Et mindretal kan ikke tiltræde."]), max_size=1))
def test_who_voted_against_the_remarks_and_the_påtegninger_follow_in_order(
        tmp_path_factory, imod, flertal, bemærkninger, påtegninger):
    def block(name: str, items: list[str]) -> str:
        return f"  {name}:\n" + "".join(f"    - {item}\n" for item in items) if items else ""
    afgørelse = ("  dato: 2025-10-09\n" + (f"  flertal: {str(flertal).lower()}\n"
                                          if flertal is not None else "")
                 + block("stemte_imod", imod) + block("bemærkninger", bemærkninger)
                 + block("påtegninger", påtegninger))
    lines = decision_lines(rendered(tmp_path_factory.mktemp("a"), decided(afgørelse)))
    majority = flertal if flertal is not None else bool(imod)
    who = "et flertal i Finansudvalget" if majority else "Finansudvalget"
    assert lines[0].startswith(f"Tiltrådt af {who} den 09-10-2025")
    if imod:
        names = imod[0] if len(imod) == 1 else ", ".join(imod[:-1]) + " og " + imod[-1]
        assert lines[0].endswith(f" (udvalget med undtagelse af {names}, der stemte imod "
                                 "aktstykket)")
    else:
        assert lines[0] == f"Tiltrådt af {who} den 09-10-2025"
    assert lines[1:] == bemærkninger + påtegninger


def test_a_decided_spec_still_marked_udkast_is_akt111(tmp_path: Path) -> None:
    spec = decided("  dato: 2025-10-09\n")
    assert "AKT111" not in codes(tmp_path, spec)   # the seed says `status: endelig`
    assert "AKT111" in codes(tmp_path, changed(spec, ("status: endelig", "status: udkast")))
