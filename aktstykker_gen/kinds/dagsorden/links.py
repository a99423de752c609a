"""Outlook's safelinks: a link copied from a mail is wrapped in Microsoft's redirect, which
carries the sender's mail address and the tenant's ids (`data=…`). The agenda prints the
target alone; the rule AKT706 tells the secretariat to paste the target."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SAFELINKS = ".safelinks.protection.outlook.com"


def is_safelink(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(SAFELINKS)


def target(url: str) -> str:
    """The link's target: a safelink's `url` parameter, any other link as written. A safelink
    without a usable target is printed as its host alone, never with its tracking data."""
    if not is_safelink(url):
        return url
    found = parse_qs(urlsplit(url).query).get("url", [])
    if found and urlsplit(found[0]).scheme in ("http", "https") and not is_safelink(found[0]):
        return found[0]
    return f"https://{urlsplit(url).hostname}"
