"""Web addresses in an agenda: the links after an item, and bare addresses a clerk pastes into a
text ("se mere på https://…"), which become links without any markup being read.

Outlook's safelinks: a link copied from a mail is wrapped in Microsoft's redirect, which
carries the sender's mail address and the tenant's ids (`data=…`). The agenda prints the
target alone; the rule AKT706 tells the secretariat to paste the target."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

SAFELINKS = ".safelinks.protection.outlook.com"

# A web address as the document tree takes it (document.WEB_ADDRESS, not imported: `check`
# loads no renderer's module): http or https, then anything but space, a quote or markup.
ADDRESS = re.compile(r"https?://[^\s\"<>]+")
# In a text an address also ends at a typographic quote or guillemet, and the punctuation
# that closes the sentence or a parenthesis around it is not part of it.
_IN_TEXT = re.compile(r"https?://[^\s\"<>«»“”‘’]+")
_CLOSING = ".,;:!?'"
# Addresses of schemes that never become a link: they run code or read a local file.
NEVER = re.compile(r"\b(javascript|vbscript|data|file):\S*", re.IGNORECASE)

Stykker = list[tuple[str, bool]]   # a text's pieces in order, each with whether it is a link


def is_safelink(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(SAFELINKS)


def target(url: str) -> str:
    """The link's target: a safelink's `url` parameter, any other link as written. A safelink
    without a usable target (not a plain web address) is printed as its host alone, never with
    its tracking data."""
    if not is_safelink(url):
        return url
    found = parse_qs(urlsplit(url).query).get("url", [])
    if found and ADDRESS.fullmatch(found[0]) and not is_safelink(found[0]):
        return found[0]
    return f"https://{urlsplit(url).hostname}"


def addresses(text: str) -> list[tuple[int, int]]:
    """Where the bare web addresses in a text stand: (start, end), as typed."""
    found = []
    for match in _IN_TEXT.finditer(text):
        end = match.end()
        while end > match.start() and (text[end - 1] in _CLOSING or (
                text[end - 1] == ")" and text[match.start():end].count("(")
                < text[match.start():end].count(")"))):
            end -= 1
        if end - match.start() > len("https://") and urlsplit(text[match.start():end]).hostname:
            found.append((match.start(), end))
    return found


def pieces(text: str) -> Stykker:
    """The text with each bare web address a link to its target (a safelink's unwrapped)."""
    result: Stykker = []
    at = 0
    for start, end in addresses(text):
        if start > at:
            result.append((text[at:start], False))
        result.append((target(text[start:end]), True))
        at = end
    if at < len(text):
        result.append((text[at:], False))
    return result
