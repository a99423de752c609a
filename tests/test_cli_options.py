"""The command line around the rules: `aktstykke rules`, `check --select/--ignore/--strict`,
`--format json` and `--kontoplan`, with their exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_SPEC

from aktstykker_gen import cli
from aktstykker_gen.catalogue import entries


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main([*args])
    except SystemExit as exit_:   # argparse and usage errors leave through SystemExit
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def unbalanced(tmp_path):
    """The seed with its financing 0,1 short (AKT201) and a literal amount in prose (AKT602)."""
    text = SEED_SPEC.read_text(encoding="utf-8")
    text = text.replace("{2025: -30.0}", "{2025: -29.9}").replace(
        "afsat {finansiering} årligt", "afsat 30,0 mio. kr. årligt")
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- aktstykke rules -------------------------------------------------------------------------


def test_rules_lists_every_code_once_with_severity_group_and_title(capsys):
    code, out, _ = run(capsys, "rules")
    listed = [line.split()[0] for line in out.splitlines()]
    assert (code, listed) == (0, [e.code for e in entries()])


def test_there_are_at_least_twenty_rules():
    assert sum(e.selectable for e in entries()) >= 20


def test_every_rule_has_a_title_a_group_and_a_description():
    rules = [e for e in entries() if e.selectable]
    assert [e.code for e in rules if not (e.title and e.group and e.description)] == []


def test_rule_codes_tell_their_group():
    first_digit = {"struktur": "1", "summer": "2", "konti": "3", "tekstanmærkninger": "4",
                   "datoer": "5", "prosa": "6", "dagsorden": "7"}
    assert [e.code for e in entries() if e.selectable and e.code[3] != first_digit[e.group]] == []


def test_rules_as_json_carries_the_same_table(capsys):
    _, out, _ = run(capsys, "rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [e.code for e in entries()]


# -- selecting rules -------------------------------------------------------------------------


def codes_in(stderr: str) -> list[str]:
    return sorted({part.split("]")[0] for part in stderr.split("[")[1:] if part.startswith("AKT")})


def test_all_rules_run_by_default(capsys, unbalanced):
    code, _, err = run(capsys, "check", str(unbalanced))
    assert (code, codes_in(err)) == (1, ["AKT201", "AKT602"])


def test_ignore_leaves_out_a_rule(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--ignore", "AKT201", str(unbalanced))
    assert (code, codes_in(err)) == (0, ["AKT602"])


def test_select_runs_only_the_named_rules(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--select", "AKT602", str(unbalanced))
    assert (code, codes_in(err)) == (0, ["AKT602"])


def test_a_group_name_selects_its_rules(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--select", "summer", str(unbalanced))
    assert (code, codes_in(err)) == (1, ["AKT201"])


def test_select_and_ignore_combine(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--select", "summer,prosa", "--ignore", "AKT201",
                       str(unbalanced))
    assert (code, codes_in(err)) == (0, ["AKT602"])


def test_an_unknown_rule_is_a_usage_error_exit_2(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--select", "AKT999", str(unbalanced))
    assert (code, "ukendt regel eller gruppe: AKT999" in err) == (2, True)


# -- warnings and --strict -------------------------------------------------------------------


def test_a_warning_alone_exits_0_and_is_counted(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--ignore", "AKT201", str(unbalanced))
    assert (code, err.splitlines()[-1]) == (0, "1 ok, 0 med fejl, 1 advarsel")


def test_strict_turns_warnings_into_errors(capsys, unbalanced):
    code, _, err = run(capsys, "check", "--strict", "--ignore", "AKT201", str(unbalanced))
    assert (code, "error[AKT602]" in err, "warning[" in err) == (1, True, False)


def test_build_refuses_under_strict_when_there_are_warnings(capsys, unbalanced, tmp_path):
    out = tmp_path / "out"
    code, _, _ = run(capsys, "build", "--strict", "--ignore", "AKT201", str(unbalanced),
                     "-o", str(out))
    assert (code, out.exists()) == (1, False)


def test_build_goes_ahead_with_warnings_only(capsys, unbalanced, tmp_path):
    out = tmp_path / "out"
    code, _, _ = run(capsys, "build", "--ignore", "AKT201", str(unbalanced), "-o", str(out))
    built = sorted(p.suffix for p in out.iterdir() if not p.name.startswith("."))
    assert (code, built) == (0, [".docx", ".pdf", ".txt"])


# -- --format json ---------------------------------------------------------------------------


def test_json_output_gives_position_code_severity_message_and_related(capsys, unbalanced):
    code, out, err = run(capsys, "check", "--format", "json", str(unbalanced))
    by_code = {d["code"]: d for d in json.loads(out)}
    balance = by_code["AKT201"]
    text = unbalanced.read_text(encoding="utf-8")
    line = text[:text.index("-29.9")].count("\n") + 1
    assert (code, err, balance["file"], balance["line"], balance["severity"]) == (
        1, "", str(unbalanced), line, "error")
    assert balance["details"][0] == "udgifter 30,0 / finansiering 29,9 / difference 0,1 mio. kr."
    assert len(balance["related"]) == 5 and all(r["file"] == str(unbalanced)
                                                 for r in balance["related"])
    assert by_code["AKT602"]["severity"] == "warning"


def test_json_output_of_a_clean_spec_is_an_empty_list(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(SEED_SPEC))
    assert (code, json.loads(out)) == (0, [])


def test_json_output_of_a_spec_that_does_not_load_names_the_syntax_error(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("titel: [x\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    [diagnostic] = json.loads(out)
    assert (code, diagnostic["code"], diagnostic["line"]) == (1, "AKT001", 2)


# -- --kontoplan and unreadable files --------------------------------------------------------


def test_a_kontoplan_that_cannot_be_read_is_a_usage_error_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", "--kontoplan", str(tmp_path / "nej.csv"), str(SEED_SPEC))
    assert (code, f"{tmp_path / 'nej.csv'}: error[AKT008]: filen findes ikke" in err,
            "Traceback" in err) == (2, True, False)


def test_an_unreadable_spec_exits_2_even_among_good_ones(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(SEED_SPEC), str(tmp_path / "nej.yaml"))
    assert (code, "error[AKT008]" in err) == (2, True)
