"""Web addresses in an agenda: the links after an item, and bare addresses a clerk pastes into a
text ("se mere på https://…"), which become links without any markup being read. A link to a
file is pasted by Word and Outlook as the file's name (the seed's "Link til aftale: Aftale om
en samlet 10-årsplan for psykiatrien-2025.pdf"): where an item's text has that name, the name
is the link.

Outlook's safelinks: a link copied from a mail is wrapped in Microsoft's redirect, which
carries the sender's mail address and the tenant's ids (`data=…`). The agenda prints the
target alone; the rule AKT706 tells the secretariat to paste the target."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

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

# A text's pieces in order, each with the address it links to (None: not a link).
Stykker = list[tuple[str, str | None]]
# A file's name: something, a dot, an extension ("….pdf", "….docx").
_FILE_NAME = re.compile(r"[^/]+\.[A-Za-z0-9]{2,5}")


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


def name(url: str) -> str | None:
    """The name a link to a file is pasted with: the file's name, the address's last part
    decoded; None for an address that names no file."""
    last = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return last if _FILE_NAME.fullmatch(last) else None


def pieces(text: str, names: dict[str, str] | None = None) -> Stykker:
    """The text with each bare web address a link to its target (a safelink's unwrapped), and
    the first of each of NAMES (a link's name: its address) standing outside them a link to
    its address."""
    spans = [(start, end, address, address)
             for start, end in addresses(text) for address in [target(text[start:end])]]
    for shown, address in (names or {}).items():
        start = text.find(shown)
        if start >= 0 and all(end <= start or start + len(shown) <= begin
                              for begin, end, _, _ in spans):
            spans.append((start, start + len(shown), shown, address))
    result: Stykker = []
    at = 0
    for start, end, shown, address in sorted(spans):
        if start > at:
            result.append((text[at:start], None))
        result.append((shown, address))
        at = end
    if at < len(text):
        result.append((text[at:], None))
    return result
