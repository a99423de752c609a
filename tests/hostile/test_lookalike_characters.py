"""Look-alike and invisible characters: digits of every other script in account numbers and
amounts, every invisible format character at several places, and decomposed letters.

A variant is either refused by `check --strict` where the character stands (exit 1, a
registered code, its line and column), or, where the character means what it shows (a
decomposed "å"), the document is exactly the seed's. Each generator asserts its count.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_variants import (
    SEED,
    SEED_TEXT,
    check,
    check_command,
    position,
    refused_at,
    replaced,
    text_output,
    write,
)

from aktstykker_gen import characters
from aktstykker_gen.catalogue import registered_codes

MARK = "@C@"


# --- The refused set is Unicode's ---------------------------------------------------------

# Invisible characters that are not format characters (Cf): Unicode's default-ignorable fillers
# and variation selectors.
IGNORABLE = {0x34F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164,
             *range(0xFE00, 0xFE10), 0xFFA0, *range(0xE0100, 0xE01F0)}


def should_refuse(char: str) -> bool:
    category = unicodedata.category(char)
    return (category in ("Cf", "Zl", "Zp", "Co") or char == "\u0085"
            or (category == "Zs" and char not in " \u00a0") or ord(char) in IGNORABLE)


def test_the_refused_characters_are_unicodes_invisible_ones():
    """characters.REFUSED is written out for speed; it must be exactly this Python's Unicode
    (unicodedata.unidata_version) set, so an upgrade that adds a format character fails here."""
    wrong = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
             if code < 0xD800 or code > 0xDFFF
             if should_refuse(chr(code)) != bool(characters.REFUSED.fullmatch(chr(code)))]
    assert not wrong, f"{len(wrong)} characters differ, first {wrong[:10]}"
    named = characters.BIDI | characters.LINE_BREAKS | {characters.SOFT_HYPHEN, characters.BOM}
    assert all(should_refuse(c) for c in named)


def invisible_characters() -> list[str]:
    """Every refused character outside the private-use areas, and the ends of each of those."""
    found = [chr(code) for code in range(sys.maxunicode + 1)
             if not 0xD800 <= code <= 0xDFFF and should_refuse(chr(code))
             and unicodedata.category(chr(code)) != "Co"]
    return found + ["\ue000", "\uf8ff", "\U000f0000", "\U000ffffd", "\U00100000", "\U0010fffd"]


INVISIBLE = invisible_characters()

# Where a character can hide, as (old, new with MARK) in the seed.
PLACES = {
    "start of a text": ("titel: Strategi", f"titel: {MARK}Strategi"),
    "middle of a number": ("udgift: {2025: 0.2}", f"udgift: {{2025: 0{MARK}.2}}"),
    "inside a reference": ("{modtager:ssi}", f"{{modtager:s{MARK}si}}"),
    "end of a line": ("ministerium: Indenrigs- og Sundhedsministeriet\n",
                      f"ministerium: Indenrigs- og Sundhedsministeriet{MARK}\n"),
    "account number": ("  - nr: 16.11.16\n", f"  - nr: 16.{MARK}11.16\n"),
    "key": ("    navn: Lægemiddelstyrelsen\n", f"    na{MARK}vn: Lægemiddelstyrelsen\n"),
    "comment": ("# Hvem pengene går til.", f"# Hvem{MARK} pengene går til."),
    "law text": ("Finansministeren bemyndiges", f"Finansministeren {MARK}bemyndiges"),
}
EVERY_PLACE = characters.BIDI | characters.LINE_BREAKS | {"\u200b", "\u00ad", "\ufeff", "\u2060"}


def invisible_variants() -> Iterator[tuple[str, str, int, int]]:
    """(name, spec, line, column of the character): the bidi controls, line separators and the
    commonest invisible characters at every place, every other at two places in turn."""
    places = list(PLACES)
    for i, char in enumerate(INVISIBLE):
        chosen = places if char in EVERY_PLACE else [places[(i + k) % len(places)]
                                                     for k in (0, 3)]
        for place in chosen:
            old, new = PLACES[place]
            text = replaced(old, new)
            line, column = position(text, text.index(MARK))
            yield f"U+{ord(char):04X} {place}", text.replace(MARK, char), line, column


def test_every_invisible_character_is_refused_where_it_stands(tmp_path: Path):
    variants = list(invisible_variants())
    missed = []
    for name, text, line, column in variants:
        outcome = check(tmp_path, text)
        found = [d for d in outcome.at(line) if d.code == "AKT014" and d.column == column]
        if not refused_at(outcome, line, column) or not found:
            missed.append(f"{name} at {line}:{column}:\n{outcome.output}")
        elif characters.REFUSED.search(outcome.output):
            missed.append(f"{name}: the diagnostic itself prints the character")
    print(f"invisible-character variants: {len(variants)} ({len(INVISIBLE)} characters)")
    assert len(variants) >= 900
    assert not missed, f"{len(missed)} missed:\n" + "\n".join(missed[:5])


def test_the_excerpt_shows_where_the_character_is(tmp_path: Path):
    """The caret stands under a visible mark, and a right-to-left override does not turn the
    terminal's line around."""
    text = replaced("udgift: {2025: 0.2}", 'udgift: {2025: "\u202e0.2"}')
    lines = check(tmp_path, text).output.splitlines()
    excerpt, carets = lines[1], lines[2]
    assert excerpt.endswith('udgift: {2025: "\ufffd0.2"}')
    assert carets.index("^") == excerpt.index("\ufffd") and carets.count("^") == 1


@pytest.mark.parametrize("char", sorted(characters.BIDI) + ["\u200b", "\u2028", "\ue000"])
def test_an_invisible_character_written_as_an_escape_is_refused(tmp_path: Path, char: str):
    text = replaced("titel: Strategi for personlig medicin",
                    f'titel: "Strategi for \\u{ord(char):04x}personlig medicin"')
    line, column = position(text, text.index('"Strategi'))
    outcome = check(tmp_path, text)
    assert refused_at(outcome, line, column), outcome.output
    assert "escape-sekvens" in outcome.at(line)[0].message


def test_many_invisible_characters_are_counted_not_all_listed(tmp_path: Path):
    text = replaced("titel: Strategi for personlig medicin",
                    "titel: " + "\u200b".join("Strategi for personlig medicin"))
    outcome = check(tmp_path, text)
    shown = [d for d in outcome.diagnostics if d.code == "AKT014"]
    total = len("Strategi for personlig medicin") - 1
    assert len(shown) == 10
    assert f"og {total - 10} tegn mere af samme slags" in outcome.output


def test_a_byte_order_mark_that_begins_the_file_is_allowed(tmp_path: Path):
    spec = write(tmp_path, "\ufeff" + SEED_TEXT)
    assert check(tmp_path, "\ufeff" + SEED_TEXT).exit == 0
    assert text_output(spec) == text_output(SEED)


def test_a_sample_of_invisible_characters_through_the_real_command(tmp_path: Path):
    sample = list(invisible_variants())[::250]
    for name, text, line, column in sample:
        outcome = check_command(tmp_path, text)
        assert refused_at(outcome, line, column), f"{name}\n{outcome.output}"
        assert outcome.diagnostics == check(tmp_path, text).diagnostics
    print(f"invisible-character variants through the command: {len(sample)}")
    assert len(sample) >= 4


# --- Digits of other scripts -----------------------------------------------------------------

def digit_zeros() -> dict[str, int]:
    """The zero of every block of decimal digits other than ASCII, by the block's name."""
    zeros: dict[str, int] = {}
    for code in range(0x80, sys.maxunicode + 1):
        if unicodedata.decimal(chr(code), None) == 0:
            zeros.setdefault(unicodedata.name(chr(code)).rsplit(" DIGIT", 1)[0], code)
    return zeros


ZEROS = digit_zeros()

# Fields that take ASCII digits, as (old, new with MARK around the digits to replace).
DIGIT_FIELDS = {
    "hovedkonto nr": ("  - nr: 16.11.16\n", f"  - nr: {MARK}16.11.16{MARK}\n"),
    "underkonto nr": ("      - nr: 10\n        navn: Almindelig virksomhed\n        standardkonti:\n"
                      "          - nr: 22\n            navn: Andre ordinære driftsomkostninger\n"
                      "            udgift: {2025: 0.2}",
                      f"      - nr: {MARK}10{MARK}\n        navn: Almindelig virksomhed\n"
                      "        standardkonti:\n          - nr: 22\n            navn: Andre ordinære "
                      "driftsomkostninger\n            udgift: {2025: 0.2}"),
    "standardkonto nr": ("          - nr: 22\n            navn: Andre ordinære driftsomkostninger\n"
                         "            udgift: {2025: 0.2}",
                         f"          - nr: {MARK}22{MARK}\n            navn: Andre ordinære "
                         "driftsomkostninger\n            udgift: {2025: 0.2}"),
    "modtager konto": ("konto: 16.11.16, beløb", f"konto: {MARK}16.11.16{MARK}, beløb"),
    "tekstanmærkning ad": ("ad: 16.71.08", f"ad: {MARK}16.71.08{MARK}"),
    "tekstanmærkning nr": ("nr: 313", f"nr: {MARK}313{MARK}"),
    "amount": ("udgift: {2025: 0.2}", f'udgift: {{2025: {MARK}"0.2"{MARK}}}'),
    "recipient's amount": ("16.11.16, beløb: {2025: 0.2}",
                           f'16.11.16, beløb: {{2025: {MARK}"0.2"{MARK}}}'),
    "year key": ("udgift: {2025: 0.2}", f"udgift: {{{MARK}2025{MARK}: 0.2}}"),
    "finansår": ("finansår: 2025", f"finansår: {MARK}2025{MARK}"),
    "dato": ("dato: 2025-10-01", f"dato: {MARK}2025-10-01{MARK}"),
    "folketingsår": ("status: endelig",
                     f"status: endelig\nnummer: 281\nfolketingsår: {MARK}2025-26{MARK}"),
    "nummer": ("status: endelig",
               f"status: endelig\nfolketingsår: 2025-26\nnummer: {MARK}281{MARK}"),
}


ACCOUNT_AND_AMOUNT = ("hovedkonto nr", "underkonto nr", "standardkonto nr", "modtager konto",
                      "tekstanmærkning ad", "amount", "recipient's amount")


def digit_variants() -> Iterator[tuple[str, str, int, int]]:
    """Every digit block × every account number and amount, every fourth block × the other
    numbers; one digit (a different one per block) or all the field's digits in its script."""
    for i, (block, zero) in enumerate(ZEROS.items()):
        for field, (old, new) in DIGIT_FIELDS.items():
            if field not in ACCOUNT_AND_AMOUNT and i % 4:
                continue
            before, value, after = replaced(old, new).split(MARK)
            digits = [k for k, c in enumerate(value) if c.isdigit()]
            chosen = digits if i % 4 == 0 else [digits[i % len(digits)]]
            foreign = "".join(chr(zero + int(c)) if k in chosen else c for k, c in enumerate(value))
            line, column = position(before + foreign, len(before))
            yield f"{block} in {field}", before + foreign + after, line, column


def test_digits_of_every_other_script_are_refused_in_numbers(tmp_path: Path):
    variants = list(digit_variants())
    missed = []
    for name, text, line, column in variants:
        outcome = check(tmp_path, text)
        if not refused_at(outcome, line, column if "year key" not in name else None):
            missed.append(f"{name}:\n{outcome.output}")
        elif "skriv cifrene som 0-9" not in outcome.output:
            missed.append(f"{name}: no hint about the digits\n{outcome.output}")
    print(f"digit variants: {len(variants)} ({len(ZEROS)} blocks, {len(DIGIT_FIELDS)} fields)")
    assert len(ZEROS) >= 60 and len(variants) >= 500
    assert not missed, f"{len(missed)} missed:\n" + "\n".join(missed[:5])


# --- Decomposed letters ------------------------------------------------------------------------

def decomposed_lines() -> Iterator[tuple[int, str]]:
    """Each line of the seed that decomposition (NFD) changes, decomposed, keys included."""
    for number, line in enumerate(SEED_TEXT.split("\n"), 1):
        if unicodedata.normalize("NFD", line) != line:
            yield number, unicodedata.normalize("NFD", line)


def test_every_decomposed_line_builds_the_seeds_document(tmp_path: Path):
    seed = text_output(SEED)
    lines = SEED_TEXT.split("\n")
    variants = list(decomposed_lines())
    wrong = []
    for number, decomposed in variants:
        changed = "\n".join(lines[:number - 1] + [decomposed] + lines[number:])
        spec = write(tmp_path, changed)
        outcome = check(tmp_path, changed)
        if outcome.exit != 0 or text_output(spec) != seed:
            wrong.append(f"line {number}: exit {outcome.exit}\n{outcome.output}")
    print(f"decomposed-line variants: {len(variants)}")
    assert len(variants) >= 25
    assert not wrong, "\n".join(wrong[:5])


def test_a_wholly_decomposed_spec_builds_the_seeds_bytes(tmp_path: Path):
    """All three outputs, the PDF and the DOCX included, are the seed's to the byte."""
    from aktstykker_gen.build import render_outputs
    from aktstykker_gen.pipeline import check as check_spec

    spec = write(tmp_path, unicodedata.normalize("NFD", SEED_TEXT))
    assert render_outputs(check_spec(spec)) == render_outputs(check_spec(SEED))


# An id with å (æ and ø do not decompose): where it is defined, and where the prose names it.
REFERENCE_KEYS = {
    "modtager": (("{id: lmst,", "{id: lmst-år,"), ("{modtager:lmst}", "{modtager:lmst-år}")),
    "navngivet beløb": (("finansår: 2025\n",
                                         "finansår: 2025\nbeløb: {året: {dele: [modtager:lmst]}}\n"),
                        ("{modtager:lmst}", "{beløb:året}")),
}


@pytest.mark.parametrize("name", list(REFERENCE_KEYS))
@pytest.mark.parametrize("decompose", ["definition", "reference", "both"])
def test_a_decomposed_reference_key_resolves(tmp_path: Path, name: str, decompose: str):
    """An id typed composed and named decomposed (or the other way) is the same id: the text
    shows the amount, exactly as when both are composed."""
    (old_id, new_id), (old_ref, new_ref) = REFERENCE_KEYS[name]
    composed = replaced(old_ref, new_ref, replaced(old_id, new_id))
    defined = unicodedata.normalize("NFD", new_id) if decompose != "reference" else new_id
    named = unicodedata.normalize("NFD", new_ref) if decompose != "definition" else new_ref
    text = replaced(old_ref, named, replaced(old_id, defined))
    assert text != composed
    outcome = check(tmp_path, text)
    assert outcome.exit == 0, outcome.output
    spec = write(tmp_path, text)
    assert text_output(spec) == text_output(write(tmp_path, composed, "composed.yaml"))
    assert re.search(r"Der afsættes 0,2\smio\.\skr\. til Lægemiddelstyrelsen", text_output(spec))


def test_a_key_typed_composed_and_decomposed_is_one_key_twice(tmp_path: Path):
    text = replaced("    formål: med henblik på", "    formål: x\n    "
                    + unicodedata.normalize("NFD", "formål") + ": med henblik på")
    line, _ = position(text, text.index(unicodedata.normalize("NFD", "formål")))
    outcome = check(tmp_path, text)
    assert [d.code for d in outcome.at(line)] == ["AKT003"], outcome.output
    assert {d.code for d in outcome.diagnostics} <= registered_codes()
