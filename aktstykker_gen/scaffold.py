"""`aktstykke new`: a spec to start from, a kind's skeleton or a copy of an earlier spec.

What the clerk must still write is marked UDFYLD, which `check` lists as AKT605 until it is
gone; everything else is a value the spec format accepts, so the editor's JSON Schema finds
nothing wrong with a new file. Every file begins with the line that points the editor's YAML
language server at the committed schema. A copy is made on the text, not by loading and
dumping the YAML, so the earlier spec's comments and layout stay.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from string import Template

from aktstykker_gen import assets
from aktstykker_gen.bounded import is_folder, read_text
from aktstykker_gen.kinds import DEFAULT_KIND, KINDS, Kind
from aktstykker_gen.load import MAX_BYTES

# Each kind's skeleton is its data/skelet.yaml.
KINDS_FOLDER = Path(__file__).resolve().parent / "kinds"

# A file name in the folder: letters, digits, '_', '-' and '.', not hidden, not an option.
_SAFE_NAME = re.compile(r"\w[\w.-]*")
_TOP_KEY = re.compile(r"(\w+):(?:\s|$)")
_LANGUAGE_SERVER = "# yaml-language-server:"
# A comment at the end of a line: '#' after a space, no quote after it (a '#' in quotes is text).
_COMMENT = re.compile(r"\s+#[^\"']*$")


class ScaffoldError(Exception):
    """A new spec cannot be written; said plainly (exit 2)."""


def new(name: str, folder: Path, source: Path | None, today: datetime.date,
        art: str = "aktstykke") -> Path:
    """Write `folder/name.yaml`: the skeleton of the kind `art`, or a copy of `source`. Never
    overwrites a file."""
    path = _target(name, folder)
    body = copy(_read(source), today) if source else skeleton(today, art)
    _write(path, schema_line(path) + body)
    return path


def skeleton(today: datetime.date, art: str = "aktstykke") -> str:
    """Every section and field a clerk needs, with the standard phrasings to start from."""
    text = (KINDS_FOLDER / art / "data" / "skelet.yaml").read_text(encoding="utf-8")
    return Template(text).substitute(dato=today.isoformat(), finansaar=today.year)


def copy(text: str, today: datetime.date) -> str:
    """An earlier spec as a new draft of its kind (its `art:`), as the kind's `Kopi` says: the
    date today's and marked UDFYLD with the kind's name for it (an aktstykke's dato, a
    meeting's), what belonged to the earlier document cleared, what is kept but must be
    confirmed (an aktstykke's finansår, which the amounts' years are keyed by) marked UDFYLD,
    and status udkast."""
    lines = [line for line in text.split("\n") if not line.startswith(_LANGUAGE_SERVER)]
    kopi = _kind(lines).kopi
    cleared, confirmed = dict(kopi.ryddes), dict(kopi.bekræftes)
    result: list[str] = []
    index = 0
    while index < len(lines):
        key = _top_key(lines[index])
        end = _block_end(lines, index) if key else index
        if key in cleared:
            result.append(cleared[key])
        elif key == "dato":
            result.append(f"dato: {today.isoformat()}   # UDFYLD: {kopi.dato}")
        elif key in confirmed:   # kept as typed (on its lines), its comment the mark
            result.append(_COMMENT.sub("", lines[index]) + f"   # UDFYLD: {confirmed[key]}")
            result.extend(lines[index + 1:end + 1])
        elif key == "status":
            result.append("status: udkast")
        else:
            result.extend(lines[index:end + 1])
        index = end + 1
    if "status" not in {_top_key(line) for line in result}:   # after art:, else before the first key
        keys = [i for i, line in enumerate(result) if _top_key(line)]
        after_art = [i + 1 for i in keys if _top_key(result[i]) == "art"]
        result.insert((after_art or keys or [len(result)])[0], "status: udkast")
    return "\n".join(result)


def _kind(lines: list[str]) -> Kind:
    """The earlier spec's kind, from its `art:` line (none: the default kind)."""
    art = next((line.split(":", 1)[1].split("#", 1)[0].strip().strip("\"'") for line in lines
                if _top_key(line) == "art"), DEFAULT_KIND)
    if art not in KINDS:
        raise ScaffoldError(f"den tidligere specifikation har art: {art}, som ikke findes; "
                            f"arterne er {', '.join(sorted(KINDS))}")
    return KINDS[art]


def schema_line(spec: Path) -> str:
    """The comment that gives the YAML language server the schema: relative to the spec in a
    repository that commits the schema, else the installed schema's file URI (a path relative
    to wherever the tool is installed breaks when the spec or the tool moves)."""
    folder = spec.parent.resolve()
    schema = next((parent / assets.SCHEMA for parent in (folder, *folder.parents)
                   if (parent / assets.SCHEMA).is_file()), None)
    if schema is None:
        return f"{_LANGUAGE_SERVER} $schema={assets.schema_file().resolve().as_uri()}\n"
    try:
        where = Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:   # on another drive (Windows): no relative path leads there
        where = schema.as_uri()
    return f"{_LANGUAGE_SERVER} $schema={where}\n"


def _top_key(line: str) -> str | None:
    match = _TOP_KEY.match(line)
    return match[1] if match else None


def _block_end(lines: list[str], start: int) -> int:
    """The last line of the value that begins at `start`: the indented lines below it."""
    end = start
    for index in range(start + 1, len(lines)):
        if lines[index].strip() and not lines[index][0].isspace():
            break
        if lines[index].strip():
            end = index
    return end


def _target(name: str, folder: Path) -> Path:
    if not _SAFE_NAME.fullmatch(name):
        raise ScaffoldError(f"'{name}' kan ikke bruges som filnavn: brug bogstaver, cifre, '-', "
                            "'_' og '.', og begynd med et bogstav eller et ciffer")
    if not is_folder(folder):
        raise ScaffoldError(f"mappen {folder} findes ikke (angiv en anden med --dir)")
    return folder / (name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")


def _read(source: Path) -> str:
    """The earlier spec's text, read as `check` reads a spec (`bounded.Refused`, exit 2)."""
    return read_text(source, MAX_BYTES, "en specifikation er ren tekst på få KB; er det den "
                                        "rigtige fil?")


def _write(path: Path, text: str) -> None:
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} findes allerede; 'aktstykke new' overskriver aldrig en fil "
                            "(vælg et andet navn)") from None
    except OSError as error:
        raise ScaffoldError(f"{path}: kan ikke skrives ({error.strerror})") from None
