"""The one timestamp a built file carries: the document's date, or SOURCE_DATE_EPOCH.

Never "now": the same spec gives the same bytes on any day. The reproducible-builds
convention SOURCE_DATE_EPOCH (seconds since 1970, UTC) overrides the date when set.
"""

from __future__ import annotations

import datetime
import os

from aktstykker_gen.document import Document


def moment(doc: Document) -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None)
    return datetime.datetime.combine(doc.date, datetime.time())
