"""The one timestamp a built file carries: the document's date, or SOURCE_DATE_EPOCH.

Never "now": the same spec gives the same bytes on any day. The reproducible-builds
convention SOURCE_DATE_EPOCH (seconds since 1970, UTC) overrides the date when set. A value that
is not such a number, or lies past the years a spec can speak of (the DOCX zip cannot date a
file after 2107), is refused before anything is built, as the convention asks, rather than
ignored or left to crash a writer.
"""

from __future__ import annotations

import datetime
import os
import re

from aktstykker_gen.document import Document

LAST = datetime.datetime(2099, 12, 31, 23, 59, 59)


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set to something no file can be stamped with."""


def source_date_epoch() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset; `BadEpoch` when it cannot be one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    last = int((LAST - datetime.datetime(1970, 1, 1)).total_seconds())
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > last:
        raise BadEpoch(f"SOURCE_DATE_EPOCH={epoch[:40]!r} er ikke et antal sekunder fra 1970 til "
                       f"{LAST.year}; sæt et helt tal, fx 1759276800 (1. oktober 2025), eller "
                       "fjern variablen")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None)


def moment(doc: Document) -> datetime.datetime:
    return source_date_epoch() or datetime.datetime.combine(doc.date, datetime.time())
