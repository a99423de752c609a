"""Model parts every document kind types alike: numbers and dates as a clerk writes them,
a text, and the general blocks of running text (a bullet list, a heading inside a section).

They were the aktstykke's; a committee agenda's text is made of the same blocks, so they live
here rather than one kind importing from another.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

# The years a spec can speak of: finansår, amounts' years and dates. The DOCX zip cannot date
# a file after 2107, and nothing in an aktstykke lies a century away.
YEARS = range(1900, 2100)


def _heltal(value: Any) -> Any:
    """A whole number as text: ASCII digits only, no sign, '_', '.0' or exponent, and no
    leading zero (YAML 1.1 tools read `0313` as octal 203); the field's bounds then apply."""
    if not isinstance(value, str):
        return value
    if not re.fullmatch(r"[0-9]+", value):
        raise PydanticCustomError("int_parsing", "'{value}' er ikke et helt tal", {"value": value})
    if len(value) > 1 and value.startswith("0"):
        raise PydanticCustomError("int_leading_zero", "'{value}' har nul foran", {"value": value})
    if len(value) > 9:
        raise PydanticCustomError("int_too_large", "'{value}' er for stort", {"value": value})
    return value


def _dato(value: Any) -> Any:
    """ÅÅÅÅ-MM-DD and nothing else (pydantic also reads '1759276800' as a date), in `YEARS`."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        day = value
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_invalid", "'{value}' er ikke en dag i kalenderen",
                                      {"value": value}) from None
    else:
        raise PydanticCustomError("date_parsing", "'{value}' er ikke en dato",
                                  {"value": "" if value is None else value})
    if day.year not in YEARS:
        raise PydanticCustomError("date_range", "'{value}' ligger uden for årene",
                                  {"value": str(value)})
    return day


Dato = Annotated[datetime.date, BeforeValidator(_dato), WithJsonSchema(
    {"type": "string", "format": "date", "pattern": r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"})]
Tekst = Annotated[str, StringConstraints(min_length=1)]


def tom_liste() -> list[Any]:
    """A list field's default, in place of `default_factory=list`: pydantic reads the signature
    of each field's default factory when it builds the model, and a builtin's is parsed from its
    text (1,5 M instructions each; 6 ms of a cold check for the aktstykke's 18 list fields)."""
    return []

def _beskrivelse(text: str) -> ConfigDict:
    """A model's description for the clerk's editor; its docstring stays for the programmer."""
    return ConfigDict(json_schema_extra={"description": text})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Punkter(Model):
    model_config = _beskrivelse("En punktopstilling.")

    punkter: list[Tekst] = Field(
        min_length=1, description="Punkterne, ét pr. linje; henvisninger som {udgift} virker.")


class Overskrift(Model):
    model_config = _beskrivelse("En overskrift inde i afsnittet.")

    overskrift: Tekst = Field(description="Overskriften, fx Delloftet for driftsudgifter.")
