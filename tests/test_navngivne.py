"""Named amounts (`beløb:`): a value declared with its parts is checked against them (AKT620), one
with parts only is their sum, a part that is a reference names data (AKT621), and a fact of its
own keeps its unit without being read as mio. kr. by the size and precision rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aktstykker_gen import pipeline
from aktstykker_gen.diagnostics import SpecError
from aktstykker_gen.kinds.aktstykke.view import AktstykkeView
from tests.test_henvisninger import NBSP, SPEC

LOFT = """  loft:
    værdi: 1234.5
    enhed: mia. kr.
    kilde: finansloven for 2025
"""


def _check(tmp_path: Path, beløb: str, prosa: str) -> tuple[str, pipeline.Checked]:
    text = SPEC.replace(LOFT, LOFT + beløb).replace("PROSA", prosa)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return text, pipeline.check(path)


def _line(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text[:text.index(needle)].count("\n") + 1


tenths = st.integers(min_value=1, max_value=999).map(lambda n: Decimal(n) / 10)


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(tenths, min_size=1, max_size=5), off=st.sampled_from([-1, 0, 1, 10]),
       unit=st.sampled_from(["mio. kr.", "mia. kr."]))
def test_a_declared_total_fails_check_at_its_line_unless_the_parts_add_up(
        tmp_path_factory, parts: list[Decimal], off: int, unit: str) -> None:
    declared = sum(parts, Decimal(0)) + Decimal(off) / 10
    dele = "".join(f"      - {p}\n" for p in parts)
    beløb = f"  pulje:\n    enhed: {unit}\n    værdi: {declared}\n    dele:\n{dele}"
    text, result = _check(tmp_path_factory.mktemp("dele"), beløb, "Puljen er {beløb:pulje}.")
    found = [(d.code, d.span.line) for d in result.diagnostics if d.code == "AKT620" and d.span]
    expected = [("AKT620", _line(text, f"værdi: {declared}\n"))] if off else []
    assert found == expected
    assert result.ok is (off == 0)


def test_the_breakdown_from_the_issue_fails(tmp_path: Path) -> None:
    beløb = "  pulje:\n    værdi: 15.0\n    dele:\n      - 4.0\n      - 12.0\n"
    text, result = _check(tmp_path, beløb, "Puljen er {beløb:pulje}.")
    [finding] = [d for d in result.diagnostics if d.code == "AKT620"]
    assert finding.span and finding.span.line == _line(text, "værdi: 15.0")
    assert "15,0 mio. kr." in finding.message and "16,0 mio. kr." in finding.message
    assert [r.line for r in finding.related if r] == [_line(text, "- 4.0"), _line(text, "- 12.0")]


def test_parts_only_derive_the_amount_from_data(tmp_path: Path) -> None:
    # 7,5 (konto in 2026) + 5,0 + 7,5 (the recipient in 2025-2026) + 0,5 typed = 20,5
    beløb = ("  samlet:\n    dele:\n      - konto:16.11.16:2026\n      - modtager:lms:2025-2026\n"
             "      - 0.5\n  i-mia:\n    enhed: mia. kr.\n    dele: [beløb:samlet, 0.1]\n")
    _, result = _check(tmp_path, beløb, "I alt {beløb:samlet} og {beløb:i-mia}.")
    assert result.ok, result.diagnostics
    view = AktstykkeView(result.spec.model)
    assert view.prose("{beløb:samlet}") == f"20,5{NBSP}mio.{NBSP}kr."
    assert view.prose("{beløb:i-mia|mio}") == f"120,5{NBSP}mio.{NBSP}kr."


def test_a_part_that_names_nothing_or_itself_is_an_error_at_its_line(tmp_path: Path) -> None:
    beløb = ("  a:\n    dele:\n      - beløb:b\n  b:\n    dele:\n      - beløb:a\n"
             "  c:\n    dele:\n      - konto:99.99.99\n")
    text, result = _check(tmp_path, beløb, "{beløb:a} {beløb:b} {beløb:c}.")
    lines = sorted(d.span.line for d in result.diagnostics if d.code == "AKT621" and d.span)
    assert lines == [_line(text, "- beløb:b"), _line(text, "- beløb:a"),
                     _line(text, "- konto:99.99.99")]
    assert "AKT601" not in [d.code for d in result.diagnostics]


def test_a_fact_of_its_own_in_another_unit_is_not_read_as_mio(tmp_path: Path) -> None:
    beløb = "  tilskud:\n    værdi: 350000\n    enhed: kr.\n"
    _, result = _check(tmp_path, beløb, "Tilskuddet er {beløb:tilskud}.")
    assert [d.code for d in result.diagnostics] == []  # neither AKT206 (size) nor AKT308
    assert AktstykkeView(result.spec.model).prose("{beløb:tilskud}") == f"350.000{NBSP}kr."


def test_a_fact_of_its_own_written_out_in_prose_is_still_warned(tmp_path: Path) -> None:
    _, result = _check(tmp_path, "", "Loftet er 1.234,5 mia. kr.")
    assert [d.code for d in result.diagnostics] == ["AKT602"]


def test_a_named_amount_with_neither_value_nor_parts_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as error:
        _check(tmp_path, "  tom: {enhed: kr.}\n", "{beløb:tom}")
    assert "har en værdi eller dele" in error.value.diagnostics[0].message


ORIENTERENDE = Path(__file__).resolve().parent.parent / "specs" / "examples" / "orienterende.yaml"


@pytest.mark.parametrize(("figure", "name"), [("9,6", "heraf-2025"), ("13,8", "heraf-2026"),
                                              ("186,4", "oprindeligt-budget")])
@pytest.mark.parametrize("step", [Decimal("0.1"), Decimal("-0.1")])
def test_a_figure_deep_in_a_breakdown_is_named_at_its_own_line(
        tmp_path: Path, figure: str, name: str, step: Decimal) -> None:
    """nyt-budget is typed and checked against oprindeligt-budget + merudgift, merudgift is
    derived from the two years' parts: a changed part fails AKT620 and names its line."""
    text = ORIENTERENDE.read_text(encoding="utf-8")
    [line] = [i for i, source in enumerate(text.split("\n"), 1)
              if source.lstrip().startswith((f"{name}: {figure}", f"værdi: {figure}"))]
    path = tmp_path / "spec.yaml"
    new = str(Decimal(figure.replace(",", ".")) + step).replace(".", ",")
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1].replace(figure, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    [found] = [d for d in pipeline.check(path).diagnostics if d.code == "AKT620"]
    assert "'nyt-budget'" in found.message and line in [r.line for r in found.related if r]
