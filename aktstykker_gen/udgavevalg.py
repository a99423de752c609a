"""The editions' names, as a command line chooses among them (`--udgave`); the filter that
makes an edition is udgaver.py.

Apart from the filter, which needs pydantic, so that the command line can be read without
importing it: a one-spec build forks its PDF helper (pdf_helper.py) as soon as its options
are read, and a helper forked before pydantic and the pipeline are imported starts laying out
the PDF that much sooner.
"""

from __future__ import annotations

from enum import Enum


class Udgave(str, Enum):
    """Which edition a build makes."""

    fortrolig = "fortrolig"    # everything, for Finansudvalget's members
    offentlig = "offentlig"    # what may be published


class Valg(str, Enum):
    """Which editions a command is asked for (`--udgave`)."""

    begge = "begge"            # the public edition, and the confidential one if it differs
    offentlig = "offentlig"
    fortrolig = "fortrolig"


class IngenOffentligUdgave(Exception):
    """The whole document is confidential: it has no public edition until that is lifted."""
