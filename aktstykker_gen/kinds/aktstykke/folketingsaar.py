"""The folketingsår a day falls in: the rules on dates and citations and the register (which
must not load the rules to know it) ask the same question."""

from __future__ import annotations

import datetime


def folketingsår(day: datetime.date) -> str:
    """The folketingsår a day falls in; each begins on the first Tuesday of October."""
    first = datetime.date(day.year, 10, 1)
    opening = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    start = day.year if day >= opening else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
