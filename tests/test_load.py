"""Loading a YAML spec: plain data with every scalar as typed text, a source map, and
diagnostics (never constructed objects) for anything beyond plain data.
"""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import ROOT, SEED_SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aktstykker_gen import load
from aktstykker_gen.diagnostics import Severity, Span, SpecError
from aktstykker_gen.load import load_spec, load_text

NAME = "spec.yaml"


def only_diagnostic(text: str):
    """The single diagnostic load_text raises for `text`."""
    with pytest.raises(SpecError) as caught:
        load_text(text, NAME)
    assert len(caught.value.diagnostics) == 1, caught.value.diagnostics
    return caught.value.diagnostics[0]


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) where the n-th occurrence of `needle` starts in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# -- scalars stay the text the clerk typed ---------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a: 1.10", "1.10"),        # not the float 1.1
        ("a: no", "no"),            # not False (YAML 1.1's "Norway problem")
        ("a: 010", "010"),          # not the octal 8, not the int 10
        ("a: 2025-10-01", "2025-10-01"),  # not a datetime.date
        ("a: true", "true"),
        ("a: -30.0", "-30.0"),
        ("a: 1e3", "1e3"),
        ("a: '30,0'", "30,0"),
    ],
)
def test_a_scalar_is_kept_as_the_text_typed(yaml_text, expected):
    assert load_text(yaml_text + "\n", NAME).data == {"a": expected}


def test_a_number_key_is_kept_as_text():
    assert load_text("udgift: {2025: 0.2}\n", NAME).data == {"udgift": {"2025": "0.2"}}


@pytest.mark.parametrize("yaml_text", ["a: ~", "a: null", "a:", "a: Null"])
def test_a_plain_null_is_none(yaml_text):
    assert load_text(yaml_text + "\n", NAME).data == {"a": None}


@pytest.mark.parametrize(("yaml_text", "expected"), [("a: 'null'", "null"), ("a: ''", "")])
def test_a_quoted_null_or_empty_string_is_text(yaml_text, expected):
    assert load_text(yaml_text + "\n", NAME).data == {"a": expected}


def test_an_explicit_standard_tag_is_allowed_and_still_gives_text():
    assert load_text("a: !!str 5\n", NAME).data == {"a": "5"}


def test_lists_and_nested_mappings_become_lists_and_dicts():
    data = load_text("l:\n  - x\n  - {k: v}\n", NAME).data
    assert data == {"l": ["x", {"k": "v"}]}


def test_an_empty_document_has_no_data():
    assert load_text("# kun en kommentar\n", NAME).data is None


# -- the source map --------------------------------------------------------------------------

MAP_TEXT = """\
# kommentar
titel: Strategi
beløb:
  finanslov: 30.0
liste:
  - første
  - {nr: 16.71.08, navn: x}
"""


def test_a_value_span_is_the_one_based_line_and_column_of_the_value():
    spans = load_text(MAP_TEXT, NAME).values
    assert spans[("titel",)] == Span(NAME, *position(MAP_TEXT, "Strategi"), len("Strategi"))


def test_a_nested_value_span():
    spans = load_text(MAP_TEXT, NAME).values
    assert spans[("beløb", "finanslov")] == Span(NAME, *position(MAP_TEXT, "30.0"), len("30.0"))


def test_a_list_item_span():
    spans = load_text(MAP_TEXT, NAME).values
    line, column = position(MAP_TEXT, "første")
    assert (spans[("liste", 0)].line, spans[("liste", 0)].column) == (line, column)


def test_a_value_inside_a_flow_mapping_inside_a_list():
    spans = load_text(MAP_TEXT, NAME).values
    line, column = position(MAP_TEXT, "16.71.08")
    assert (spans[("liste", 1, "nr")].line, spans[("liste", 1, "nr")].column) == (line, column)


def test_a_key_span_is_the_position_of_the_key_itself():
    keys = load_text(MAP_TEXT, NAME).keys
    assert keys[("beløb", "finanslov")] == Span(NAME, *position(MAP_TEXT, "finanslov"),
                                                len("finanslov"))


def test_a_key_span_inside_a_flow_mapping():
    keys = load_text(MAP_TEXT, NAME).keys
    line, column = position(MAP_TEXT, "navn")
    assert (keys[("liste", 1, "navn")].line, keys[("liste", 1, "navn")].column) == (line, column)


def test_the_span_of_an_unknown_location_is_that_of_its_nearest_known_parent():
    spec = load_text(MAP_TEXT, NAME)
    unknown = ("beløb", "finanslov", "findes", "ikke")
    assert spec.span(unknown) == spec.values[("beløb", "finanslov")]


def test_spans_carry_the_name_the_spec_was_loaded_under():
    assert load_text(MAP_TEXT, "andet/navn.yaml").values[("titel",)].file == "andet/navn.yaml"


# -- YAML syntax errors: AKT001 -------------------------------------------------------------

BAD_INDENT = "titel: x\nbeløb: 1\n  finanslov: 2\nandet: 3\n"


def test_a_yaml_syntax_error_is_akt001():
    assert only_diagnostic(BAD_INDENT).code == "AKT001"


def test_a_yaml_syntax_error_points_at_the_offending_line():
    span = only_diagnostic(BAD_INDENT).span
    assert (span.file, span.line) == (NAME, position(BAD_INDENT, "finanslov")[0])


def test_a_yaml_syntax_error_is_an_error_with_a_hint():
    diagnostic = only_diagnostic(BAD_INDENT)
    assert diagnostic.severity is Severity.ERROR and diagnostic.hint


def test_an_unclosed_flow_sequence_is_akt001_on_the_line_where_parsing_fails():
    text = "a: [1, 2\nb: 3\n"
    diagnostic = only_diagnostic(text)
    assert (diagnostic.code, diagnostic.span.line) == ("AKT001", 2)


def test_a_second_document_is_a_syntax_error():
    text = "a: 1\n---\nb: 2\n"
    diagnostic = only_diagnostic(text)
    assert (diagnostic.code, diagnostic.span.line) == ("AKT001", position(text, "---")[0])


# -- duplicate keys: AKT003 ------------------------------------------------------------------

DUPLICATE = "titel: første\nministerium: x\ntitel: anden\n"


def test_a_duplicate_key_is_akt003():
    assert only_diagnostic(DUPLICATE).code == "AKT003"


def test_a_duplicate_key_points_at_the_second_occurrence():
    span = only_diagnostic(DUPLICATE).span
    assert (span.line, span.column) == position(DUPLICATE, "titel", occurrence=2)


def test_a_duplicate_key_names_the_first_occurrence_as_related():
    related = only_diagnostic(DUPLICATE).related
    assert [(s.line, s.column) for s in related] == [position(DUPLICATE, "titel", occurrence=1)]


def test_a_duplicate_key_in_a_nested_mapping_is_found_too():
    text = "liste:\n  - nr: 1\n    navn: a\n    nr: 2\n"
    diagnostic = only_diagnostic(text)
    assert (diagnostic.code, diagnostic.span.line) == ("AKT003", position(text, "nr: 2")[0])


def test_the_same_key_in_two_different_mappings_is_not_a_duplicate():
    data = load_text("a:\n  nr: 1\nb:\n  nr: 2\n", NAME).data
    assert data == {"a": {"nr": "1"}, "b": {"nr": "2"}}


def test_a_key_that_is_not_a_scalar_is_akt003():
    assert only_diagnostic("? [a, b]\n: 1\n").code == "AKT003"


# -- aliases: AKT002 -------------------------------------------------------------------------

ALIAS = "x: &belob 6.6\ny: *belob\n"


def test_using_an_alias_is_akt002():
    assert only_diagnostic(ALIAS).code == "AKT002"


def test_using_an_alias_of_a_mapping_is_akt002():
    assert only_diagnostic("a: &m {k: v}\nb: *m\n").code == "AKT002"


def test_an_anchor_without_alias_is_harmless():
    assert load_text("x: &belob 6.6\n", NAME).data == {"x": "6.6"}


# Regression: HEAD 4aac0b2 pointed this at the anchored value ('&belob 6.6', line 1).
def test_an_alias_diagnostic_points_at_the_alias():
    span = only_diagnostic(ALIAS).span
    assert (span.line, span.column) == position(ALIAS, "*belob")


# -- tags: AKT002, and nothing is constructed ------------------------------------------------


@pytest.mark.parametrize(
    "yaml_text",
    [
        "a: !!python/object:os.system ls\n",
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system ''\n",
        "a: !foo bar\n",
        "a: !foo {k: v}\n",
        "a: !foo [1, 2]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_a_tag_beyond_plain_data_is_akt002(yaml_text):
    assert only_diagnostic(yaml_text).code == "AKT002"


def test_a_refused_tag_points_at_the_tagged_value():
    text = "titel: x\nfarlig: !foo bar\n"
    span = only_diagnostic(text).span
    assert (span.line, span.column) == position(text, "!foo")


def test_a_python_tag_constructs_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    with pytest.raises(SpecError):
        load_text("a: !!python/object/apply:os.system ['echo pwned']\n", NAME)
    assert calls == []


def test_every_refused_tag_is_reported_not_only_the_first():
    with pytest.raises(SpecError) as caught:
        load_text("a: !foo x\nb: !bar y\n", NAME)
    found = [(d.code, d.span.line) for d in caught.value.diagnostics]
    assert found == [("AKT002", 1), ("AKT002", 2)]


# -- load_spec: files ------------------------------------------------------------------------


def test_load_spec_names_spans_after_the_path(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("titel: x\n", encoding="utf-8")
    assert load_spec(path).values[("titel",)].file == str(path)


def test_a_file_that_is_not_utf8_is_akt001_at_its_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("titel: x\nnavn: Lægemiddelstyrelsen\n".encode("latin-1"))
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.span) == ("AKT001", Span(str(path), 2, 8))


def test_a_missing_file_is_akt008(tmp_path):
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "findes-ikke.yaml")
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.file) == (
        "AKT008", "filen findes ikke", str(tmp_path / "findes-ikke.yaml"))


# -- two parsers, one result -------------------------------------------------------------------

ALL_YAML = sorted(p for folder in ("specs", "tests") for p in (ROOT / folder).rglob("*.yaml"))


def loaded_or_diagnostics(path):
    try:
        spec = load_spec(path)
    except SpecError as error:
        return [str(d) for d in error.diagnostics]
    return spec.data, spec.values, spec.keys


@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_and_pyyaml_give_the_same_data_source_map_and_diagnostics(path, monkeypatch):
    """libyaml composes large specs fast; PyYAML is the reference every position is written
    for. Every spec and error case in the repository loads alike through both."""
    fast = loaded_or_diagnostics(path)
    monkeypatch.setattr(load, "CParser", None)
    assert fast == loaded_or_diagnostics(path)


def loaded_text_or_diagnostics(text):
    try:
        spec = load_text(text, "spec.yaml")
    except SpecError as error:
        return [str(d) for d in error.diagnostics]
    return spec.data, spec.values, spec.keys


_KEYS = st.sampled_from(["titel", "udgift", "2025", "navn", "a", "æøå", "b c", "- x", "1.200"])
_SCALARS = st.none() | st.booleans() | st.integers(-3, 3000) | st.sampled_from([
    "", "x", "7,5", "2025", "null", "~", "true", "1.200", "'q'", '"d"', "a: b", "- c", "# k", "æ",
    "{udgift}", "[1]", "*x", "&y z", "!t"])
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_VALUES, flow=st.sampled_from([None, True, False]),
       style=st.sampled_from([None, "'", '"', "|", ">"]), indent=st.sampled_from([2, 4]))
def test_libyaml_and_pyyaml_load_any_yaml_alike(value, flow, style, indent):
    """The fast routes (libyaml's composer for a text without anchors, PyYAML's composer over
    libyaml's parser) give exactly what PyYAML alone gives, on generated YAML in every style,
    with empty values, anchors, aliases and tags typed as text."""
    text = yaml.dump({"titel": value}, default_flow_style=flow, default_style=style,
                     indent=indent, allow_unicode=True)
    fast = loaded_text_or_diagnostics(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "CParser", None)
        assert fast == loaded_text_or_diagnostics(text)


def test_the_seed_is_composed_by_libyaml(monkeypatch):
    def refuse(text):
        raise AssertionError("the reference parser was asked")

    monkeypatch.setattr(load, "_Loader", refuse)
    assert load_spec(SEED_SPEC).data["titel"] == "Strategi for personlig medicin"


def test_an_empty_plain_value_is_composed_by_pyyaml_which_marks_it_where_it_stands():
    text = "udgift: {2025: }\n"
    node = load._compose(text)
    empty = node.value[0][1].value[0][1]
    assert (empty.value, empty.start_mark.column) == ("", 14)   # libyaml would say 15
