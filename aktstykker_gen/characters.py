"""Characters a spec may not hold because the reader cannot see what they do.

Text pasted from Word, a web page or a PDF brings characters that show nothing,
or show as something else: bidirectional controls that make the PDF print "0,5"
where the data and the diff say "5,0", zero-width spaces and joiners that make a
reference silently not resolve, soft hyphens, line separators YAML counts as line
breaks where the editor does not, spaces of other widths, private-use symbols
(Word's bullets) that no font draws. A soft hyphen is refused too, though the PDF
would honour it: the text output and the diff cannot show it, and it splits the words
references and rules read. The loader refuses each with its position;
`visible` makes them visible in a diagnostic's excerpt, so the terminal shows where
it is instead of obeying it. Letters are compared composed (NFC), so a decomposed
"å" (a + ring) is the "å" the clerk typed elsewhere.

The set is every format character (Unicode category Cf), line and paragraph
separator (Zl, Zp), private-use character (Co), space other than U+0020 and
U+00A0 (Zs), NEL (U+0085), and the invisible fillers and variation selectors
(default-ignorable code points that are not Cf). A byte order mark is allowed
as a file's first character, where editors on Windows write it.
tests/hostile/test_lookalike_characters.py holds this class to `unicodedata`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_REFUSED = (
    "\u0085\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160"
    "\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f"
    "\u3000\u3164\ue000-\uf8ff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000e0100-\U000e01ef\U000f0000-\U000ffffd\U00100000-\U0010fffd")
REFUSED = re.compile(f"[{_REFUSED}]")

BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\u0085\u2028\u2029")
SOFT_HYPHEN = "\u00ad"
BOM = "\ufeff"


@functools.cache
def _unshowable() -> re.Pattern[str]:
    """What an excerpt shows as U+FFFD: also the control characters load.py refuses (XML cannot
    hold them). Compiled when a diagnostic is first shown (1 ms): a clean check shows none."""
    return re.compile(f"[{_REFUSED}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def refused(text: str) -> re.Match[str] | None:
    """The first character of `text` a spec may not hold (a leading byte order mark is fine).
    The distinct characters are searched first: twice as fast where there is none."""
    start = 1 if text.startswith(BOM) else 0
    if not REFUSED.search("".join(set(text[start:]))):
        return None
    return REFUSED.search(text, start)


def problem(char: str) -> tuple[str, str]:
    """What the character is, and what to do, in the clerk's words."""
    name = f"U+{ord(char):04X} ({unicodedata.name(char, 'uden navn')})"
    if char in BIDI:
        return (f"retningstegnet {name} kan få PDF'en til at vise tal og tekst i en anden "
                "rækkefølge end data og diff", "slet tegnet (det er usynligt; ofte kopieret fra "
                                                 "en webside eller et dokument på arabisk eller "
                                                 "hebraisk)")
    if char in LINE_BREAKS:
        return (f"det usynlige linjeskift {name} tælles forskelligt af YAML og editoren",
                "erstat det med et almindeligt linjeskift eller et mellemrum")
    if char == SOFT_HYPHEN:
        return (f"den bløde bindestreg {name} er usynlig og bryder ord og henvisninger",
                "slet tegnet (ofte en orddeling fra Word); tekstudgaven og diff viser den ikke")
    category = unicodedata.category(char)
    if category == "Zs":
        return (f"mellemrumstegnet {name} er ikke et almindeligt mellemrum",
                "skriv et almindeligt mellemrum (eller et ufravigeligt mellemrum, U+00A0)")
    if category == "Co":
        return (f"tegnet {name} fra Unicodes private område kan ingen skrifttype vise",
                "slet tegnet (ofte et symbol fra Word, fx et punkttegn) eller skriv det, "
                "der var ment")
    return (f"det usynlige tegn {name} får tekst og henvisninger til at se ens ud, men være "
            "forskellige", "slet tegnet (ofte kopieret fra Word eller en webside)")


def composed(text: str) -> str:
    """The text with its letters composed (NFC): a + combining ring is å."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def visible(text: str) -> str:
    """The text with each character it may not hold shown as U+FFFD, one column wide."""
    return _unshowable().sub("\ufffd", text)
