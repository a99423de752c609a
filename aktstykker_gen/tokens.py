"""A text as the whole tokens a reviewer reads: an amount with its unit ("12,5 mio. kr."), an
account number ("§ 16.11.37."), a date ("1. oktober 2025"), a name ("Sophie Løhde"), a word.

A changed amount or name is then one deleted and one inserted token, never interleaved
fragments ("~~Mads~~Svend ~~Grønnegaard~~Særkjær"). Both `diff --word-diff` and `redline` mark
words through `changes`, so they mark the same ones.
"""

from __future__ import annotations

import difflib
import re

_SPACE = r"[ \u00a0]"
_MONTH = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
          "december")
_UPPER = "A-ZÆØÅÉÜÖÄ"
_TOKEN = re.compile(
    rf"\s+"
    # a web address, whole: a changed link is one deleted and one inserted (links.py's form,
    # without the sentence's closing punctuation)
    r"|https?://[^\s\"<>«»“”‘’]*[^\s\"<>«»“”‘’.,;:!?')]"
    # a date: "1. oktober 2025", "31. august"
    rf"|\d{{1,2}}\.{_SPACE}(?:{_MONTH})(?:{_SPACE}\d{{4}})?"
    # an account number: "§ 16.11.37.", "16.11.37", "§ 16"
    rf"|§{_SPACE}?\d+(?:\.\d+)*\.?|\d{{2}}\.\d{{2}}(?:\.\d{{2}})+\.?"
    # an amount with its unit: "-12,5 mio. kr.", "1.200 kr.", "3 pct."
    rf"|[-\u2212]?\d[\d.]*(?:,\d+)?(?:{_SPACE}(?:mio\.|mia\.|t\.){_SPACE}kr\.|{_SPACE}kr\."
    rf"|{_SPACE}pct\.)?"
    # a name: two or more capitalised words ("Nationalt Genom Center", "Sophie Løhde")
    rf"|[{_UPPER}][\w\-’']*(?:{_SPACE}[{_UPPER}][\w\-’']*)+"
    rf"|[\w\-’']+"
    rf"|[^\s\w]")

# Above this share of changed tokens a paragraph is not marked word by word but shown wholly
# deleted and inserted: its remaining common words ("og", "til") would only interleave.
REWRITE = 0.5

Segments = list[tuple[str | None, str]]


def tokens(text: str) -> list[str]:
    """The text cut into whole tokens and the spaces between them; joined, they are the text."""
    return _TOKEN.findall(text)


def similarity(old: str, new: str) -> float:
    """The share of the two texts' tokens (spaces aside) that they have in common, 0–1."""
    a, b = _words(old), _words(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def changes(old: str, new: str) -> Segments | None:
    """The new text as unchanged, deleted ("del") and inserted ("ins") runs of whole tokens;
    None when more than REWRITE of it changed (a rewrite, shown whole)."""
    if similarity(old, new) < 1 - REWRITE:
        return None
    a, b = tokens(old), tokens(new)
    segments: Segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(segments, None, "".join(a[i1:i2]))
            continue
        _add(segments, "del", "".join(a[i1:i2]))
        _add(segments, "ins", "".join(b[j1:j2]))
    return _joined(segments)


def _words(text: str) -> list[str]:
    return [t for t in tokens(text) if not t.isspace()]


def _add(segments: Segments, change: str | None, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == change:
        segments[-1] = (change, segments[-1][1] + text)
    else:
        segments.append((change, text))


def _joined(segments: Segments) -> Segments:
    """Changes separated only by spaces or punctuation become one deleted and one inserted run,
    so two changed words side by side read as one change, not as alternating fragments."""
    out: Segments = []
    i = 0
    while i < len(segments):
        if segments[i][0] is None:
            _add(out, *segments[i])
            i += 1
            continue
        end = k = i + 1
        while k < len(segments) and (segments[k][0] or not _carries(segments[k][1])):
            end = k + 1 if segments[k][0] else end
            k += 1
        group = segments[i:end]
        if len({change for change, _ in group}) == 3:   # deletions, insertions and gaps
            _add(out, "del", "".join(t for change, t in group if change != "ins"))
            _add(out, "ins", "".join(t for change, t in group if change != "del"))
        else:
            for change, text in group:
                _add(out, change, text)
        i = end
    return out


def _carries(text: str) -> bool:
    """Whether unchanged text says something (a word or number), rather than only spacing."""
    return any(ch.isalnum() for ch in text)
