"""The alignment diff and redline share (alignment.py) and the whole tokens they mark
(tokens.py): every block accounted for once and in order, a deletion beside an edit kept
apart, moves found, and amounts, accounts, dates and names changed as one token each."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aktstykker_gen.alignment import PAIR, align, moves
from aktstykker_gen.tokens import REWRITE, changes, similarity, tokens

WORDS = st.sampled_from(["der", "afsættes", "mio.", "kr.", "til", "regionerne", "Amgros",
                         "16.11.37", "12,5", "og", "§", "den", "1.", "oktober", "2025", ","])
TEXTS = st.lists(WORDS, max_size=25).map(" ".join)
PARAGRAPHS = [
    "Der afsættes midler til regionerne, som skal løfte en række af strategiens initiativer.",
    "Strategien er formuleret og udgivet i samarbejde med Danske Regioner og patienterne.",
    "Midlerne udmøntes til faglige organisationer og myndigheder med ansvar for initiativerne.",
    "Aktstykket forelægges for Finansudvalget nu for at skaffe finansiering i finansåret.",
    "Udgifterne i de kommende år søges indarbejdet på kommende bevillingslove fra ministeriet.",
]


def p(text: str) -> tuple[str, str]:
    return ("p body", text)


@given(st.text(max_size=200))
def test_tokens_put_together_are_the_text(text):
    assert "".join(tokens(text)) == text


@pytest.mark.parametrize("whole", ["12,5\u00a0mio.\u00a0kr.", "-30,0 mio. kr.", "§ 16.11.37.",
                                   "16.11.37", "1. oktober 2025", "Sophie Løhde",
                                   "Mads Grønnegaard-Kieler", "Nationalt Genom Center",
                                   "1.200 kr.", "3 pct."])
def test_an_amount_an_account_a_date_and_a_name_are_one_token(whole):
    assert tokens(f"til {whole} i alt") == ["til", " ", whole, " ", "i", " ", "alt"]


@given(TEXTS, TEXTS)
def test_changes_give_the_old_text_rejected_and_the_new_accepted(old, new):
    segments = changes(old, new)
    if segments is None:
        assert similarity(old, new) < 1 - REWRITE
        return
    assert "".join(t for c, t in segments if c != "ins") == old
    assert "".join(t for c, t in segments if c != "del") == new
    # No change stands right after another of its own kind, and no unchanged run is bare space.
    assert all(a[0] != b[0] for a, b in zip(segments, segments[1:], strict=False))


def test_a_changed_name_is_one_change_not_interleaved_fragments():
    assert changes("Mads Grønnegaard-Kieler skriver under", "Svend Særkjær skriver under") == [
        ("del", "Mads Grønnegaard-Kieler"), ("ins", "Svend Særkjær"), (None, " skriver under")]


def test_two_changed_words_side_by_side_are_one_change():
    assert changes("en lille grøn bil kører", "en stor rød bil kører") == [
        (None, "en "), ("del", "lille grøn"), ("ins", "stor rød"), (None, " bil kører")]


def test_a_heavy_rewrite_is_no_word_by_word_change():
    assert changes(PARAGRAPHS[0], PARAGRAPHS[3]) is None


@given(st.lists(st.sampled_from(PARAGRAPHS), max_size=8),
       st.lists(st.sampled_from(PARAGRAPHS), max_size=8))
def test_every_block_is_aligned_once_and_in_order(old, new):
    steps = align([p(x) for x in old], [p(x) for x in new])
    assert [s.old for s in steps if s.old is not None] == list(range(len(old)))
    assert [s.new for s in steps if s.new is not None] == list(range(len(new)))
    for step in steps:
        if step.change == "equal":
            assert old[step.old] == new[step.new]
        elif step.change == "edit":
            assert similarity(old[step.old], new[step.new]) >= PAIR


@pytest.mark.parametrize("deleted", range(len(PARAGRAPHS) - 1))
def test_a_paragraph_deleted_before_an_edited_one_is_not_paired_with_it(deleted):
    old = [p(x) for x in PARAGRAPHS]
    edited = PARAGRAPHS[deleted + 1].replace(" ", " også ", 1)
    new = [*old[:deleted], p(edited), *old[deleted + 2:]]
    changed = [(s.change, s.old, s.new) for s in align(old, new) if s.change != "equal"]
    assert changed == [("del", deleted, None), ("edit", deleted + 1, deleted)]


def test_blocks_of_different_kinds_never_pair():
    old, new = [("p body", PARAGRAPHS[0])], [("p heading", PARAGRAPHS[0])]
    assert [s.change for s in align(old, new)] == ["del", "ins"]


@pytest.mark.parametrize("source", range(len(PARAGRAPHS)))
@pytest.mark.parametrize("target", range(len(PARAGRAPHS)))
def test_a_paragraph_moved_is_found_as_a_move(source, target):
    old = [p(x) for x in PARAGRAPHS]
    new = old[:source] + old[source + 1:]
    new.insert(target, old[source])
    steps = align(old, new)
    deleted = [s for s in steps if s.change == "del"]
    inserted = [s for s in steps if s.change == "ins"]
    found = moves([old[s.old] for s in deleted], [new[s.new] for s in inserted])
    assert len(found) == (0 if source == target else 1)
    assert all(old[deleted[d].old] == new[inserted[n].new] for d, n in found)


def test_a_short_line_going_and_another_alike_coming_is_no_move():
    assert moves([p("Udgift, mio. kr.")], [p("Udgift, mio. kr.")]) == []
