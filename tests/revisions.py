"""A corpus of revisions, made by code from every spec under specs/: each kind of change a
reviewer meets (an amount and its financing, a paragraph rewritten, deleted, moved, a bullet
deleted, the date and a signatory, a heavy rewrite …), as YAML edits of the spec's data.

A kind that a spec has nothing to apply it to (no recipients, no bullet list) gives no pair
for that spec. Text is edited only in words without references ({konto:…}), so the edited
spec refers to the same data.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SPECS = Path(__file__).resolve().parent.parent / "specs"
# A list under one of these keys is not running text: bullets, people, a table's cells.
NOT_PROSE = frozenset({"punkter", "underskrivere", "deltagere", "afbud", "værdier"})
REWRITTEN = ("Teksten er nu skrevet helt om, så den beskriver en anden plan for arbejdet, "
             "hvor opgaverne løses i fællesskab og følges tæt af styregruppen hvert kvartal.")


@dataclass(frozen=True)
class Pair:
    spec: str
    kind: str
    old: dict[str, Any]
    new: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.spec}-{self.kind}"


def corpus() -> list[Pair]:
    pairs = []
    for path in sorted(SPECS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind, edit in KINDS.items():
            new = edit(copy.deepcopy(data))
            if new is not None and new != data:
                pairs.append(Pair(str(path.relative_to(SPECS).with_suffix("")), kind, data, new))
    return pairs


def written(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")
    return path


# -- where text stands ---------------------------------------------------------------------


def _lists(node: Any, prose: bool) -> Iterator[list[Any]]:
    """Every list of running text (prose) or of bullets in the data, in document order."""
    if isinstance(node, dict):
        for name, value in node.items():
            # Running text holds sentences; a list of ids or cell values does not.
            if (isinstance(value, list) and any(_editable(x, 5 if prose else 1) for x in value)
                    and (name == "punkter") != prose and name not in NOT_PROSE - {"punkter"}):
                yield value
            yield from _lists(value, prose)
    elif isinstance(node, list):
        for value in node:
            yield from _lists(value, prose)


def _editable(text: Any, words: int = 8) -> bool:
    return isinstance(text, str) and len(_plain_words(text)) >= words


def _plain_words(text: str) -> list[str]:
    """The words of a text that are no reference and no number: safe to change."""
    return [w for w in text.split() if re.fullmatch(r"[a-zæøåA-ZÆØÅ]{4,}", w)]


def _edited(text: str, count: int = 2) -> str:
    """The text with `count` of its plain words changed, spread over it."""
    candidates = _plain_words(text)
    chosen = {candidates[(i + 1) * len(candidates) // (count + 1)] for i in range(count)}
    words = text.split(" ")
    for i, word in enumerate(words):
        if word in chosen:
            words[i] = "ændrede" if word != "ændrede" else "andre"
            chosen.discard(word)
    return " ".join(words)


def _paragraphs(data: dict[str, Any]) -> Iterator[tuple[list[Any], int]]:
    """(list, index) of each editable paragraph that does not open its list (the first
    paragraph of a section carries the section's letter)."""
    for found in _lists(data, prose=True):
        for i, item in enumerate(found):
            if i > 0 and _editable(item):
                yield found, i


# -- the kinds of revision -------------------------------------------------------------------


def amount_and_financing(data: dict[str, Any]) -> dict[str, Any] | None:
    """An expense account's amount up 0,1 with its financing, and a recipient on it."""
    expense = _first_amount(data.get("udgifter"))
    financing = _first_amount(data.get("finansiering"))
    if expense is None or financing is None:
        return None
    (account, year) = expense
    account["udgift"][year] = round(account["udgift"][year] + 0.1, 1)
    financed, financed_year = financing
    financed["udgift"][financed_year] = round(financed["udgift"][financed_year] - 0.1, 1)
    return data


def amount_between_recipients(data: dict[str, Any]) -> dict[str, Any] | None:
    """0,1 moved from one recipient to another on the same account."""
    recipients = data.get("modtagere") or []
    for i, first in enumerate(recipients):
        for second in recipients[i + 1:]:
            year = next(iter(first["beløb"]))
            if first["konto"] == second["konto"] and year in second["beløb"]:
                first["beløb"][year] = round(first["beløb"][year] - 0.1, 1)
                second["beløb"][year] = round(second["beløb"][year] + 0.1, 1)
                return data
    return None


def paragraph_rewritten(data: dict[str, Any]) -> dict[str, Any] | None:
    for found, i in _paragraphs(data):
        if _editable(found[i], 12):
            found[i] = _edited(found[i], 3)
            return data
    return None


def paragraph_deleted_before_an_edited_one(data: dict[str, Any]) -> dict[str, Any] | None:
    for found, i in _paragraphs(data):
        if i + 1 < len(found) and _editable(found[i + 1]):
            found[i + 1] = _edited(found[i + 1], 1)
            del found[i]
            return data
    return None


def paragraph_added(data: dict[str, Any]) -> dict[str, Any] | None:
    for found, i in _paragraphs(data):
        found.insert(i, "Sagen har været drøftet med de berørte parter, som støtter forslaget.")
        return data
    return None


def bullet_deleted(data: dict[str, Any]) -> dict[str, Any] | None:
    for found in _lists(data, prose=False):
        if len(found) >= 2:
            del found[len(found) // 2]
            return data
    return None


def bullet_edited(data: dict[str, Any]) -> dict[str, Any] | None:
    for found in _lists(data, prose=False):
        for i, item in enumerate(found):
            if _editable(item, 3):
                found[i] = _edited(item, 1)
                return data
    return None


def paragraph_moved(data: dict[str, Any]) -> dict[str, Any] | None:
    """A paragraph taken out and put back two places later in its list."""
    for found, i in _paragraphs(data):
        if i + 2 < len(found):
            found.insert(i + 2, found.pop(i))
            return data
    return None


def paragraph_moved_to_another_section(data: dict[str, Any]) -> dict[str, Any] | None:
    """A paragraph taken out of one list of text and put at the end of the next one."""
    lists = list(_lists(data, prose=True))
    for n, found in enumerate(lists[:-1]):
        for i, item in enumerate(found):
            if i > 0 and _editable(item) and len(found) > 2:
                lists[n + 1].append(found.pop(i))
                return data
    return None


def moved_and_edited(data: dict[str, Any]) -> dict[str, Any] | None:
    """A long paragraph moved, with one word changed on the way."""
    for found, i in _paragraphs(data):
        if i + 2 < len(found) and _editable(found[i], 20):
            found.insert(i + 2, _edited(found.pop(i), 1))
            return data
    return None


def date_and_signatory(data: dict[str, Any]) -> dict[str, Any] | None:
    if not isinstance(data.get("dato"), datetime.date):
        return None
    data["dato"] += datetime.timedelta(days=1)
    if data.get("underskrivere"):
        data["underskrivere"][0] = "Jens Hansen"
    return data


def heavy_rewrite(data: dict[str, Any]) -> dict[str, Any] | None:
    for found, i in _paragraphs(data):
        if "{" not in found[i] and _editable(found[i], 12):
            found[i] = REWRITTEN
            return data
    return None


def first_paragraph_deleted(data: dict[str, Any]) -> dict[str, Any] | None:
    """The paragraph that opens a section (and carries its letter) deleted: the next one opens
    it now."""
    sections = data.get("tekst") or {}
    for found in sections.values():
        if len(found) >= 2 and _editable(found[0]) and _editable(found[1]):
            del found[0]
            return data
    return None


def first_paragraph_rewritten(data: dict[str, Any]) -> dict[str, Any] | None:
    """The paragraph that opens a section rewritten heavily: the old one deleted, the new one
    inserted, the letter staying with whichever is kept."""
    sections = data.get("tekst") or {}
    for found in sections.values():
        if found and _editable(found[0], 12) and "{" not in found[0]:
            found[0] = REWRITTEN
            return data
    return None


def first_paragraph_added(data: dict[str, Any]) -> dict[str, Any] | None:
    """A paragraph put before the one that opened a section: it carries the letter now."""
    sections = data.get("tekst") or {}
    for found in sections.values():
        if found and _editable(found[0]):
            found.insert(0, "Sagen har været drøftet med de berørte parter, som støtter den.")
            return data
    return None


def account_added(data: dict[str, Any]) -> dict[str, Any] | None:
    """A hovedkonto added beside the first, the same amount, financed from the same reserve."""
    accounts = data.get("udgifter")
    if not accounts or _first_amount(accounts[:1]) is None or _first_amount(
            data.get("finansiering")) is None:
        return None
    added = copy.deepcopy(accounts[0])
    added["nr"] = ".".join([*str(added["nr"]).split(".")[:2], "98"])
    added["navn"] = "Ny konto til initiativerne"
    accounts.insert(1, added)
    (_, year), (financed, financed_year) = (_first_amount([added]),  # type: ignore[misc]
                                            _first_amount(data["finansiering"]))
    financed["udgift"][financed_year] -= _first_amount([added])[0]["udgift"][year]  # type: ignore[index]
    return data


def account_removed(data: dict[str, Any]) -> dict[str, Any] | None:
    """The last of two or more hovedkonti removed (its amount left out of the financing)."""
    accounts = data.get("udgifter") or []
    if len(accounts) < 2:
        return None
    accounts.pop()
    return data


def year_added(data: dict[str, Any]) -> dict[str, Any] | None:
    """A finansår more on every account, as the last one (a column added to the tables)."""
    standards = [standard for accounts in (data.get("udgifter"), data.get("finansiering"))
                 for account in accounts or [] for sub in account.get("underkonti", [])
                 for standard in sub.get("standardkonti", [])
                 if isinstance(standard.get("udgift"), dict) and standard["udgift"]]
    if not standards:
        return None
    for standard in standards:
        last = max(standard["udgift"])
        standard["udgift"][last + 1] = standard["udgift"][last]
    return data


def row_removed(data: dict[str, Any]) -> dict[str, Any] | None:
    """A standard account (a row of the tables) removed where its underkonto has others."""
    for account in data.get("udgifter") or []:
        for sub in account.get("underkonti", []):
            if len(sub.get("standardkonti", [])) >= 2:
                sub["standardkonti"].pop()
                return data
    return None


KINDS: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
    "beloeb-og-finansiering": amount_and_financing,
    "beloeb-mellem-modtagere": amount_between_recipients,
    "afsnit-omskrevet": paragraph_rewritten,
    "afsnit-slettet-foer-redigeret": paragraph_deleted_before_an_edited_one,
    "afsnit-tilfoejet": paragraph_added,
    "punkt-slettet": bullet_deleted,
    "punkt-redigeret": bullet_edited,
    "afsnit-flyttet": paragraph_moved,
    "afsnit-flyttet-til-andet-afsnit": paragraph_moved_to_another_section,
    "flyttet-og-redigeret": moved_and_edited,
    "dato-og-underskriver": date_and_signatory,
    "kraftig-omskrivning": heavy_rewrite,
    "foerste-afsnit-slettet": first_paragraph_deleted,
    "foerste-afsnit-tilfoejet": first_paragraph_added,
    "foerste-afsnit-omskrevet": first_paragraph_rewritten,
    "hovedkonto-tilfoejet": account_added,
    "hovedkonto-fjernet": account_removed,
    "finansaar-tilfoejet": year_added,
    "raekke-fjernet": row_removed,
}


def _first_amount(accounts: Any) -> tuple[dict[str, Any], Any] | None:
    """The first standard account holding an amount, and the year of that amount."""
    for account in accounts or []:
        for sub in account.get("underkonti", []):
            for standard in sub.get("standardkonti", []):
                amounts = standard.get("udgift")
                if isinstance(amounts, dict) and amounts:
                    year = next(iter(amounts))
                    if isinstance(amounts[year], int | float):
                        return standard, year
    return None
