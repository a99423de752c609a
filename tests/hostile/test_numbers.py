"""Numbers that silently mean something else: every spelling of a year key, the ambiguous
`1.200`, an amount typed in kroner, dates and whole numbers out of range or in another form.

Each generator makes its variants from the seed and asserts, for each, that `check --strict`
refuses it on the line of the change with a registered code (exit 1), or, for the spellings
that are the same number, that the document shows exactly that number. Each asserts how many
variants it made.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spec_variants import (
    SEED_TEXT,
    check,
    check_command,
    position,
    refused_at,
    replaced,
    text_output,
    write,
)

from aktstykker_gen import formatting
from aktstykker_gen.kinds.aktstykke.rules.summer import PLAUSIBLE
from aktstykker_gen.values import LIMIT, Ambiguous, parse_amount

KEY = "@KEY@"


# --- Year keys -------------------------------------------------------------------------------

def foreign_digits() -> dict[str, int]:
    """One zero per Unicode block of decimal digits other than ASCII, by the block's name."""
    zeros: dict[str, int] = {}
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.decimal(char, None) == 0 and code > 0x7F:
            zeros.setdefault(unicodedata.name(char).rsplit(" DIGIT", 1)[0], code)
    return zeros


FOREIGN_ZEROS = foreign_digits()


def in_digits(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def year_spellings(year: int = 2025) -> Iterator[str]:
    """2025 written every other way YAML or a clerk might: the same year to a reader."""
    text = str(year)
    for zeros in range(1, 4):
        yield "0" * zeros + text
    yield from ("+" + text, "+0" + text, "-" + text)
    for cut in range(1, len(text)):
        yield text[:cut] + "_" + text[cut:]
    yield from (text + ".0", text + ".", text + ".00", f"{year / 1000}e3", text + "e0",
                text + "0e-1", f"{year / 1000}E+3", f"{year}.0e0")
    yield from (f"0x{year:X}", f"0x{year:x}", f"0o{year:o}", f"0{year:o}", f"0b{year:b}")
    yield from (f"{text[:2]} {text[2:]}", text[:1] + "." + text[1:], text + ",0", text + "-26")
    for zero in list(FOREIGN_ZEROS.values())[::8]:
        yield in_digits(text, zero)


def quoted(spelling: str) -> str:
    return '"' + spelling.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Where an amount map stands in the seed, each as (old text, new text with KEY): flow and block.
MAP_LOCATIONS = {
    "udgift": ("            udgift: {2025: 0.2}\n", "            udgift: {%s}\n",
               "            udgift:\n              %s\n"),
    "indtægt": ("            udgift: {2025: 0.2}\n",
                "            udgift: {2025: 0.2}\n            indtægt: {%s}\n",
                "            udgift: {2025: 0.2}\n            indtægt:\n              %s\n"),
    "modtager beløb": ("Lægemiddelstyrelsen, konto: 16.11.16, beløb: {2025: 0.2}}",
                       "Lægemiddelstyrelsen, konto: 16.11.16, beløb: {%s}}", None),
    "nettoændring": ("finansår: 2025\n", "finansår: 2025\nnettoændring: {%s}\n",
                     "finansår: 2025\nnettoændring:\n  %s\n"),
}


def with_map(location: str, style: str, entries: list[tuple[str, str]]) -> str | None:
    old, flow, block = MAP_LOCATIONS[location]
    template = flow if style == "flow" else block
    if template is None:
        return None
    joined = ", " if style == "flow" else "\n" + " " * (14 if location != "nettoændring" else 2)
    return replaced(old, template % joined.join(f"{k}: {v}" for k, v in entries))


def key_variants() -> Iterator[tuple[str, str, int, int]]:
    """(name, spec, line, column of the key) for every spelling × quoting × map × style ×
    alone or beside the year it spells."""
    for spelling in year_spellings():
        for written in (spelling, quoted(spelling)):
            if written == spelling and ("," in spelling or " " in spelling):
                continue   # a plain key with a comma or space is another YAML structure
            for location in MAP_LOCATIONS:
                amount = "0.2" if location != "nettoændring" else "0.0"
                for style in ("flow", "block"):
                    for beside in (False, True) if style == "flow" else (False,):
                        entries = [("2025", amount)] if beside else []
                        text = with_map(location, style, [*entries, (KEY, "0.1")])
                        if text is None:
                            continue
                        line, column = position(text, text.index(KEY))
                        yield (f"{location}/{style}/{'beside' if beside else 'alone'}/{written}",
                               text.replace(KEY, written), line, column)


def test_every_spelling_of_a_year_key_is_refused_at_the_key(tmp_path: Path):
    variants = list(key_variants())
    missed = []
    for name, text, line, column in variants:
        outcome = check(tmp_path, text)
        if not refused_at(outcome, line):
            missed.append(f"{name}: exit {outcome.exit}\n{outcome.output}")
        elif not any(d.column == column for d in outcome.at(line)) and \
                not any(d.code in ("AKT014", "AKT001") for d in outcome.at(line)):
            missed.append(f"{name}: not at column {column}\n{outcome.output}")
    print(f"year-key variants: {len(variants)}")
    assert len(variants) >= 600
    assert not missed, f"{len(missed)} of {len(variants)} not refused at the key:\n" + \
        "\n".join(missed[:5])


@pytest.mark.parametrize("location", list(MAP_LOCATIONS))
def test_the_canonical_year_quoted_is_the_same_key(tmp_path: Path, location: str):
    """The control: "2025" in quotes is the year 2025, so beside 2025 it is a duplicate key."""
    text = with_map(location, "flow", [("2025", "0.2"), ('"2025"', "0.1")])
    assert text is not None
    line, _ = position(text, text.index('"2025"'))
    outcome = check(tmp_path, text)
    assert [d.code for d in outcome.at(line)] == ["AKT003"], outcome.output


def test_a_sample_of_year_keys_through_the_real_command(tmp_path: Path):
    sample = list(key_variants())[::180]
    for name, text, line, _ in sample:
        outcome = check_command(tmp_path, text)
        assert refused_at(outcome, line), f"{name}\n{outcome.output}"
        assert outcome.diagnostics == check(tmp_path, text).diagnostics
    print(f"year-key variants through the command: {len(sample)}")
    assert len(sample) >= 4


# --- 1.200: thousands dot or decimal point ----------------------------------------------------

AMOUNT_LOCATIONS = {
    "udgift": ("udgift: {2025: 0.2}", "udgift: {2025: %s}"),
    "indtægt": ("            udgift: {2025: 0.2}\n",
                "            udgift: {2025: 0.2}\n            indtægt: {2025: %s}\n"),
    "modtager beløb": ("konto: 16.11.16, beløb: {2025: 0.2}", "konto: 16.11.16, beløb: {2025: %s}"),
    "nettoændring": ("finansår: 2025\n", "finansår: 2025\nnettoændring: {2025: %s}\n"),
    "navngivet beløb": ("finansår: 2025\n", "finansår: 2025\nbeløb: {samlet: %s}\n"),
}


def at_amount(location: str, amount: str) -> tuple[str, int]:
    old, new = AMOUNT_LOCATIONS[location]
    text = replaced(old, new % KEY)
    line, _ = position(text, text.index(KEY))
    return text.replace(KEY, amount), line


def ambiguous_amounts() -> Iterator[str]:
    for whole in ("1", "12", "123", "999", "-1", "-12", "\u22121"):
        for decimals in ("000", "200", "500", "250", "001", "999"):
            yield f"{whole}.{decimals}"


def test_a_dot_and_three_digits_is_refused_with_both_readings(tmp_path: Path):
    variants = [(location, written, *at_amount(location, written))
                for amount in ambiguous_amounts()
                for written in (amount, quoted(amount)) if not written.startswith("\u2212")
                for location in AMOUNT_LOCATIONS]
    missed = []
    for location, written, text, line in variants:
        outcome = check(tmp_path, text)
        amount = written.strip('"')
        whole, decimals = amount.replace("\u2212", "-").split(".")
        found = [d for d in outcome.at(line) if d.code == "AKT007"]
        if not refused_at(outcome, line) or not found or \
                f"både som {whole}{decimals} og som {whole},{decimals.rstrip('0') or '0'}" \
                not in found[0].message:
            missed.append(f"{location} {written}:\n{outcome.output}")
    print(f"ambiguous-amount variants: {len(variants)}")
    assert len(variants) >= 380
    assert not missed, "\n".join(missed[:5])


@given(whole=st.integers(0, 10**6), decimals=st.text("0123456789", min_size=1, max_size=6),
       sign=st.sampled_from(["", "-", "\u2212"]))
def test_a_point_reads_as_a_decimal_point_unless_it_could_be_a_thousands_dot(whole, decimals,
                                                                              sign):
    text = f"{sign}{whole}.{decimals}"
    if 1 <= whole <= 999 and len(decimals) == 3:
        with pytest.raises(Ambiguous):
            parse_amount(text)
    else:
        assert parse_amount(text) == Decimal(f"{'-' if sign else ''}{whole}.{decimals}")


# Written amounts that are one number only, with the value each means.
UNAMBIGUOUS = {"1.2": "1.2", "1.20": "1.2", "1.2000": "1.2", "0.200": "0.2", "1234.500": "1234.5",
               '"1.200,0"': "1200", '"1.200,5"': "1200.5", "1200": "1200", '"1,2"': "1.2",
               '"1 200"': "1200", '"12.500,2"': "12500.2", "12.5": "12.5", '"4.735"': None}


@pytest.mark.parametrize("written", list(UNAMBIGUOUS))
def test_an_unambiguous_amount_is_the_one_the_document_shows(tmp_path: Path, written: str):
    """The same amount on § 16.11.16, on its recipient and in the financing: the spec checks
    clean and the text shows it where the seed shows 0,2 (`"4.735"`, with quotes, is still
    the ambiguous form and refused)."""
    meant = UNAMBIGUOUS[written]
    financing = -(Decimal("29.8") + Decimal(meant or 0))
    text = replaced("udgift: {2025: 0.2}", f"udgift: {{2025: {written}}}")
    text = replaced("konto: 16.11.16, beløb: {2025: 0.2}",
                    f"konto: 16.11.16, beløb: {{2025: {written}}}", text)
    text = replaced("udgift: {2025: -30.0}", f"udgift: {{2025: {financing}}}", text)
    outcome = check(tmp_path, text)
    if meant is None:
        assert refused_at(outcome, position(text, text.index(written))[0]), outcome.output
        return
    assert outcome.exit == 0, outcome.output
    shown = text_output(tmp_path / "spec.yaml")
    number = re.escape(formatting.number(Decimal(meant)))
    assert re.search(rf"^ *§ 16\.11\.16\. Lægemiddelstyrelsen +{number}$", shown, re.MULTILINE)
    assert re.search(rf"Der afsættes {number}\smio\.\skr\. til Lægemiddelstyrelsen", shown)


# --- Amounts typed in kroner -------------------------------------------------------------------

def test_an_amount_typed_in_kroner_warns_where_it_stands(tmp_path: Path):
    """Every location × amounts a real aktstykke has, typed in kroner instead of mio. kr.; the
    bound is PLAUSIBLE, and amounts beyond the arithmetic LIMIT stay AKT007."""
    real = ["0.1", "0.2", "4.8", "5.2", "17.0", "30.0", "70.0", "1288.4"]
    variants = [(location, value, sign) for location in AMOUNT_LOCATIONS for value in real
                for sign in ("", "-")]
    missed = []
    for location, value, sign in variants:
        kroner = Decimal(value) * 10**6
        text, line = at_amount(location, f"{sign}{kroner:f}")
        outcome = check(tmp_path, text)
        codes = [d.code for d in outcome.at(line, frozenset({"AKT206", "AKT007"}))]
        expected = "AKT007" if kroner >= LIMIT else "AKT206"
        if outcome.exit != 1 or expected not in codes:
            missed.append(f"{location} {sign}{kroner}: {codes}\n{outcome.output}")
    print(f"kroner variants: {len(variants)}")
    assert len(variants) >= 80
    assert not missed, "\n".join(missed[:5])


@pytest.mark.parametrize("amount", [PLAUSIBLE - Decimal("0.1"), PLAUSIBLE, -PLAUSIBLE])
def test_the_kroner_warning_starts_at_its_bound(tmp_path: Path, amount: Decimal):
    text, line = at_amount("udgift", f"{amount:f}")
    warned = [d for d in check(tmp_path, text).at(line, frozenset({"AKT206"}))]
    assert bool(warned) == (abs(amount) >= PLAUSIBLE)


# --- Dates ---------------------------------------------------------------------------------

DATE_FIELDS = {"dato": "dato: 2025-10-01", "afgørelse.dato": "dato: 2025-10-09"}


def date_spellings() -> Iterator[str]:
    """2025-10-01 in every other form: a count of seconds, a time, another order or dash."""
    yield from ("1759276800", "1759276800.0", "2025-10-01T00:00:00", "2025-10-01T00:00:00Z",
                "2025-10-01 00:00:00", "2025-10-01t00:00", "20251001", "2025-274", "2025-W40-3",
                "25-10-01", "2025/10/01", "01-10-2025", "1. oktober 2025", "2025-1-1",
                "2025-10-1", "+2025-10-01", "02025-10-01", "2025-10-01 ", " 2025-10-01",
                "2025\u201010\u201001", "2025\u201310\u201301", "2025\u221210\u221201",
                "2025-10-01.0", "2025-10", "2025")
    for zero in list(FOREIGN_ZEROS.values())[::6]:
        yield in_digits("2025-10-01", zero)


def out_of_range_days() -> Iterator[str]:
    for year in (1, 999, 1066, 1899, 2100, 2107, 2108, 2200, 9999):
        yield f"{year:04d}-10-01"
    yield from ("2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-10-32",
                "2025-10-00")


def test_every_other_form_of_a_date_is_refused_at_the_date(tmp_path: Path):
    variants = []
    for field, old in DATE_FIELDS.items():
        for spelling in [*date_spellings(), *out_of_range_days()]:
            for written in (spelling, quoted(spelling)):
                if written.strip() != written:
                    continue
                text = replaced(old, f"dato: {KEY}")
                line, column = position(text, text.index(KEY))
                variants.append((field, written, text.replace(KEY, written), line, column))
    missed = [f"{field} {written}:\n{outcome.output}"
              for field, written, text, line, column in variants
              if not refused_at(outcome := check(tmp_path, text), line)]
    print(f"date variants: {len(variants)}")
    assert len(variants) >= 100
    assert not missed, "\n".join(missed[:5])


def bounded(text: str, year: int, day: str) -> str:
    """The seed moved whole into `year`: dates, finansår, every amount's year, and the largest
    numbers the model takes."""
    text = text.replace("2025-10-01", f"{year}-{day}").replace("2025-10-09", f"{year}-{day}")
    text = text.replace("{2025:", f"{{{year}:").replace("finansår: 2025", f"finansår: {year}")
    text = text.replace("nr: 313", "nr: 9999")
    # the cited aktstykke moves along (no later than this one, AKT520)
    text = text.replace("{nr: 281, dato: 2025-06-26, folketingsår: 2024-25}",
                        f"{{nr: 281, dato: {year}-{day}}}")
    folketingsår = f"{year - 1}-{year % 100:02d}" if day < "10-01" else \
        f"{year}-{(year + 1) % 100:02d}"
    return text.replace("status: endelig",
                        f"status: endelig\nnummer: 9999\nfolketingsår: {folketingsår}")


@pytest.mark.parametrize(("year", "day"), [(1900, "01-02"), (2099, "12-31")])
def test_the_first_and_last_days_in_range_build_every_output(tmp_path: Path, year: int, day: str):
    """What check passes, build writes: the edges of the range give a DOCX, a PDF and a text."""
    from aktstykker_gen.build import render_outputs
    from aktstykker_gen.pipeline import check as check_spec

    spec = write(tmp_path, bounded(SEED_TEXT, year, day))
    checked = check_spec(spec)
    assert checked.ok, [d.message for d in checked.diagnostics]
    built = render_outputs(checked)
    assert {".txt", ".docx", ".pdf"} <= set(built)
    assert f"{int(day[3:])}. {'januar' if day.startswith('01') else 'december'} {year}" in \
        built[".txt"].decode("utf-8")


# --- Whole numbers -------------------------------------------------------------------------

INTEGER_FIELDS = {
    "nummer": ("status: endelig", "status: endelig\nfolketingsår: 2025-26\nnummer: %s", "281"),
    "finansår": ("finansår: 2025", "finansår: %s", "2025"),
    "tekstanmærkning nr": ("nr: 313", "nr: %s", "313"),
}


def integer_spellings(value: str) -> Iterator[str]:
    number = int(value)
    yield from ("0" + value, "00" + value, "+" + value, "-" + value, value + ".0",
                value[:1] + "_" + value[1:], f"{number / 100}e2", value + "e0",
                f"0x{number:x}", f"0o{number:o}", f"0b{number:b}", "0", "-0", "10000", "9" * 30,
                "9" * 5000, value + " kr.",
                f"{value[:1]} {value[1:]}", f"{value[:1]}.{value[1:]}")
    for zero in list(FOREIGN_ZEROS.values())[::6]:
        yield in_digits(value, zero)


def test_every_other_form_of_a_whole_number_is_refused_at_it(tmp_path: Path):
    variants = []
    for field, (old, new, value) in INTEGER_FIELDS.items():
        for spelling in integer_spellings(value):
            for written in (spelling, quoted(spelling)):
                text = replaced(old, new % KEY)
                line, _ = position(text, text.index(KEY))
                variants.append((field, written, text.replace(KEY, written), line))
    missed = [f"{field} {written[:20]}:\n{outcome.output[:600]}"
              for field, written, text, line in variants
              if not refused_at(outcome := check(tmp_path, text), line)]
    print(f"whole-number variants: {len(variants)}")
    assert len(variants) >= 100
    assert not missed, "\n".join(missed[:5])


@pytest.mark.parametrize("years", [10, 75])
def test_a_flerårsoversigt_of_many_years_builds_every_output(tmp_path: Path, years: int):
    """Every year check passes is a column the writers can lay out: ten or more years made the
    DOCX label column negative, and python-docx raised."""
    from aktstykker_gen.build import render_outputs
    from aktstykker_gen.pipeline import check as check_spec

    later = ", ".join(f"{year}: 0.0" for year in range(2026, 2025 + years))
    text = replaced("udgift: {2025: 0.2}", f"udgift: {{2025: 0.2, {later}}}")
    text = replaced("    - indsæt: specifikation\n",
                    "    - indsæt: specifikation\n    - indsæt: flerårsoversigt\n", text)
    checked = check_spec(write(tmp_path, text))
    assert checked.ok
    built = render_outputs(checked)
    assert str(2024 + years) in built[".txt"].decode("utf-8")
    assert built[".docx"].startswith(b"PK") and built[".pdf"].startswith(b"%PDF")
