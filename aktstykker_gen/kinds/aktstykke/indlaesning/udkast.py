"""The draft assembled from the text's layout: head, accounts, recipients, cited aktstykker,
tekstanmærkninger, the sections' blocks, closing block.

A block the template makes from data (the list of accounts in a, the financing sentence, the
specification, the forslag and its table, the tekstanmærkninger) becomes its `indsæt:` when
its wording is the template's; proeve.py then proves each by rendering the draft. Prose stays
as written, its amounts turned into references (henvisning.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Any

from aktstykker_gen.kinds.aktstykke.indlaesning import bilag, hoved, konti
from aktstykker_gen.kinds.aktstykke.indlaesning.egne_tabeller import own_table
from aktstykker_gen.kinds.aktstykke.indlaesning.henvisning import AKT, Henvisninger, plain
from aktstykker_gen.kinds.aktstykke.indlaesning.layout import Chunk, Layout, long_date
from aktstykker_gen.kinds.aktstykke.indlaesning.yaml_ud import Noted

UDFYLD = "UDFYLD"
_AMOUNT = r"-?\d{1,3}(?:\.\d{3})*,\d+ mi[oa]\. kr\."
_KONTOLISTE = re.compile(r"^(?P<beløb>.+?) til § (?P<nr>\d\d\.\d\d\.\d\d)\. (?P<rest>.+)$")
_SPECIFIKATION = re.compile(r"^Dispositionerne i (?P<år>\d{4}) på forslag til lov om "
                            r"tillægsbevilling i finansåret specificeres således:$")
_FORSLAG = "Under henvisning til ovenstående anmodes om Finansudvalgets tilslutning til, at der "
_TILLÆG_FOR = re.compile(r"tillægsbevilling for (?P<år>\d{4})")
_FINANSIERING = re.compile(r"^Udgiften i (?P<år>\d{4}) .*finansieres")
_TEKSTANMÆRKNINGER = re.compile(r"^Desuden anmodes der om tilslutning til, at der på forslag til "
                                r"lov om tillægsbevilling for \d{4} optages følgende "
                                r"tekstanmærkning")
_GRUPPER = {"Materielle bestemmelser:": "materielle bestemmelser",
            "Dispositionsrammer mv.:": "dispositionsrammer"}
_ANMÆRKNING = re.compile(r"^”Nr\. (?P<nr>\d+) ad (?P<ad>\d\d\.\d\d\.\d\d)\.$")
_STK = re.compile(r"^Stk\. \d+\. ")
# "Der afsættes 4,8 mio. kr. til Amgros": a recipient and its allocation.
_AFSÆTTES = re.compile(rf"\bDer afsættes (?P<beløb>{_AMOUNT}) til (?P<navn>[^,.]+?)"
                       rf"(?=,| som | til | i |\.|$)")


# The reason e gives for asking no tillægsbevilling, after "idet" (uden_midler.py's wording).
_GRUND = re.compile(
    r", idet (?:udgiften vil blive afholdt af den på finansloven for (?P<afholdt>\d{4})\b.* "
    r"opførte bevilling|udgiften vil blive søgt bevilget på forslag til finanslov for "
    r"(?P<soegt>\d{4})|(?P<ingen>dispositionen ikke medfører udgifter eller indtægter))\.$")

# Budgetvejledningen's lines in a (dispositioner.py prints them), and the financing sentence of
# a reserve or a hovedkonto (finansiering.py).
_NR = r"\d\d\.\d\d\.\d\d"
_TILFØRES = re.compile(rf"Der tilføres (?P<op>op til )?(?P<beløb>{_AMOUNT}) til § (?P<nr>{_NR})\. "
                       rf"(?P<navn>.+)\.")
_OVERFØRES = re.compile(rf"Der overføres (?P<op>op til )?(?P<beløb>{_AMOUNT}) fra § "
                        rf"(?P<fra>{_NR})\. (?P<franavn>.+) til § (?P<til>{_NR})\. (?P<navn>.+)\.")
# An account no specification details (a's lines name it in an opening, a text cut short; only
# the flerårsoversigt shows it, having no amount in the finansår): its underkonto and
# standardkonto are the clerk's to give.
_UDFYLD_KONTI = "UDFYLD {what} for § {nr}: {why}"
_UNSPECIFIED = "specifikationen står ikke i teksten"
_OVERVIEW_ONLY = "kun flerårsoversigten viser kontoen"
_HJEMMEL = re.compile(r"Der anmodes endvidere om hjemmel til at afgive tilsagn om tilskud på "
                      r"(?P<konti>§ .+)\.")
_BEVILLINGSTYPE = re.compile(r" \([A-ZÆØÅ][a-zæøå]* ?bev\.\)")
_FINANSIERINGSFORM = re.compile(
    rf"[Uu]dgiften i \d{{4}}(?: på (?P<op>op til )?(?P<beløb>{_AMOUNT}))?(?: (?P<formaal>til .+?))? "
    rf"(?:finansieres (?:(?P<reserve>af de på finansloven opførte midler under )|fra )§ "
    rf"(?P<nr>{_NR})(?:\.(?P<uk>\d\d))?\. .+|(?P<direkte>håndteres ved en direkte opskrivning "
    rf"af .+ bevilling på forslag til lov om tillægsbevilling for \d{{4}})|(?P<ufinansieret>er "
    rf"ufinansieret og forøger statens nettoudgifter tilsvarende))")

# e's request to change a låneramme, and the sentence after it (uden_midler.py, the template).
_LÅNERAMME = re.compile(rf"at lånerammen (?P<retning>forhøjes|nedsættes) med (?P<beløb>"
                        rf"{_AMOUNT}) i perioden fra (?P<fra>\d{{4}}) til (?P<til>\d{{4}})")
_LÅNERAMMESÆTNING = re.compile(r"Forslaget medfører behov for en (?:forhøjelse|nedsættelse) af "
                               r"lånerammen med (?:\{låneramme\}|.+) i perioden fra \d{4} til "
                               r"\d{4}\.")

# A list item that allocates an amount to a recipient named with a capital.
_TILDELING = re.compile(rf"(?P<beløb>{_AMOUNT}) til (?P<navn>[A-ZÆØÅ][^,.§]*)")


@dataclass
class Draft:
    data: dict[str, Any]
    recognised: list[str] = field(default_factory=list)    # what became data, for the summary
    marks: list[str] = field(default_factory=list)         # what needs a human, UDFYLD each


def finansår(layout: Layout) -> tuple[int, bool]:
    """The finansår the tables and the forslag name; else the date's year (and say so)."""
    for _, chunks in layout.sections:
        for chunk in chunks:
            if m := _SPECIFIKATION.match(chunk.text) or _TILLÆG_FOR.search(chunk.text) or \
                    _FINANSIERING.match(chunk.text):
                return int(m["år"]), True
    return layout.dato.year, False


# The sections every aktstykke that asks for money has after a (d is the optional one).
_STILL_TO_COME = {"b": "Sagsfremstilling", "c": "Motivering for forelæggelsen", "e": "Forslaget",
                  "f": "Finansministeriets tilslutning"}


def _value(amount: str) -> Decimal:
    """ "8,3 mio. kr." in mio. kr."""
    number, unit = amount.split(" ", 1)
    return konti.amount(number) * (1000 if unit.startswith("mia") else 1)


def _slug(name: str) -> str:
    name = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-") or "modtager"


class Assembler:
    """One draft from one layout; each method fills its part of `draft.data`."""

    def __init__(self, layout: Layout, titel: str | None) -> None:
        self.layout = layout
        self.year, known = finansår(layout)
        self.draft = Draft({"art": "aktstykke"})
        self.unplaced: list[str] = []
        data = self.draft.data
        data["titel"] = titel or "UDFYLD sagens titel (teksten har den ikke, kun DOCX'ens og " \
            "PDF'ens egenskaber)"
        if not titel:
            self.draft.marks.append("sagens titel (står ikke i teksten)")
        data["ministerium"] = layout.ministerium
        data["sted"] = layout.sted
        data["dato"] = layout.dato
        hoved.head(layout.head, data, self.unplaced, self.draft.marks)
        data["finansår"] = self.year if known else Noted(
            self.year, "finansåret står ikke i teksten; aktstykkets år er antaget")
        self.specifikation: list[konti.Hovedkonto] = []
        self.flerår: list[konti.Hovedkonto] = []
        self.kontoliste: list[tuple[str, str | None, bool]] = []   # nr, formål, type shown
        self.from_a = False   # accounts only from a's lines: no specification in the text
        self.closing, self.bilag = bilag.split(layout.closing)
        self.own_tables: dict[int, dict[str, Any]] = {}   # by the chunk they were read from
        self._accounts()

    # -- accounts -----------------------------------------------------------------------

    def _tables(self) -> list[tuple[Chunk | None, Chunk]]:
        """Every table with the block before it."""
        found = []
        for _, chunks in self.layout.sections:
            for before, chunk in zip([None, *chunks], chunks, strict=False):
                if chunk.kind == "table":
                    found.append((before, chunk))
        return found

    def _accounts(self) -> None:
        for before, table in self._tables():
            try:
                if before is not None and _SPECIFIKATION.match(before.text):
                    self.specifikation = konti.specification(table.lines, self.year)
                    continue
                if before is not None and before.text.startswith(_FORSLAG):
                    continue
                if table.lines[0].lstrip().startswith(tuple(konti.SIDES)):
                    self.flerår = konti.hovedkonti(table.lines, self.year)[0]
                    continue
            except konti.NotAccounts:
                pass
            if (own := own_table(table.lines)) is not None:   # not an account table
                self.own_tables[id(table)] = own
        if self.own_tables:
            self.draft.recognised.append(f"{len(self.own_tables)} egne tabeller")
        for _, chunks in self.layout.sections:
            for chunk in chunks:
                if chunk.kind == "ul" and all(_KONTOLISTE.match(i) for i in chunk.lines):
                    self.kontoliste = [self._listed(i) for i in chunk.lines]
        self._accounts_from_a()
        for konto in self.flerår:
            if not any(h.nr == konto.nr for h in self.specifikation):
                self._unspecified(konto, konto.totals, _OVERVIEW_ONLY)
        self._place_accounts()

    def _accounts_from_a(self) -> None:
        """The accounts a's dispositions and financing sentence name that no specification
        details (an opening of a published aktstykke has none): each with the amount a gives
        it in the finansår ("Der tilføres" what it gets beyond what is transferred to it), its
        name and bevillingstype as printed; the underkonto and standardkonto marked UDFYLD."""
        found: dict[str, konti.Hovedkonto] = {}
        amounts: dict[str, Decimal] = {}

        def account(nr: str, label: str, value: Decimal) -> None:
            if any(h.nr == nr for h in self.specifikation + self.flerår):
                return
            navn, typ = label, None
            for printed, bevillingstype in konti.BEVILLINGSTYPER.items():
                if label.endswith(f" ({printed})"):
                    navn, typ = label[:-len(printed) - 3], bevillingstype
            found.setdefault(nr, konti.Hovedkonto(nr, navn, typ))
            amounts[nr] = amounts.get(nr, Decimal(0)) + value

        texts = [(c.kind, c.lines) for letter, chunks in self.layout.sections if letter == "a"
                 for c in chunks]
        for kind, lines in texts:
            for item in lines if kind == "ul" else []:
                if m := _TILFØRES.fullmatch(item):
                    account(m["nr"], m["navn"], _value(m["beløb"]))
                elif m := _OVERFØRES.fullmatch(item):
                    account(m["fra"], m["franavn"], -_value(m["beløb"]))
                    account(m["til"], m["navn"], _value(m["beløb"]))
        if not found:
            return
        net = sum(amounts.values(), Decimal(0))
        for kind, lines in texts:
            m = _FINANSIERINGSFORM.fullmatch(lines[0].removesuffix(".")) if kind == "p" else None
            if m and m["nr"] and m["beløb"] and not m["uk"] and _value(m["beløb"]) == net:
                label = lines[0].split(f"§ {m['nr']}. ", 1)[1].removesuffix(".")
                account(m["nr"], label, -net)
        for nr, konto in found.items():
            self._unspecified(konto, {("udgift", self.year): amounts[nr]}, _UNSPECIFIED)
            self.from_a = True
        self.draft.recognised.append(f"{len(found)} konti fra afsnit a's dispositioner og "
                                     "finansiering")

    def _unspecified(self, konto: konti.Hovedkonto, amounts: dict[tuple[str, int], Decimal],
                     why: str) -> None:
        """An account the text gives no specification of, with its amounts on one marked
        underkonto and standardkonto (what the text prints of it is the hovedkonto's total)."""
        what = "underkonto og standardkonto (nummer, navn og beløb)" + (
            "" if konto.bevillingstype else " og bevillingstype")
        konto.underkonti.append(("10", _UDFYLD_KONTI.format(what=what, nr=konto.nr, why=why),
                                 False, [("22", "Andre ordinære driftsomkostninger", amounts)]))
        self.specifikation.append(konto)
        self.draft.marks.append(f"{what} for § {konto.nr} ({why})")

    def _listed(self, item: str) -> tuple[str, str | None, bool]:
        m = _KONTOLISTE.match(item)
        assert m is not None
        konto = next((h for h in self.specifikation + self.flerår if h.nr == m["nr"]), None)
        rest, shown = m["rest"], False
        if konto is None or not rest.startswith(konto.navn):
            return m["nr"], None, False
        rest = rest[len(konto.navn):]
        for label in konti.BEVILLINGSTYPER:
            if rest.startswith(f" ({label})"):
                rest, shown = rest[len(label) + 3:], True
        return m["nr"], rest.strip() or None, shown

    def _place_accounts(self) -> None:
        """Expenses and financing apart: financing has no positive expense (a reserve's minus,
        an income)."""
        data = self.draft.data
        listed = [nr for nr, _, _ in self.kontoliste]
        udgifter: list[konti.Hovedkonto] = []
        finansiering: list[konti.Hovedkonto] = []
        for konto in self.specifikation:
            self._other_years(konto)
            cells = [(side, v) for *_, lines in konto.underkonti for line in lines
                     for (side, _), v in line[2].items()]
            expenses = [v for side, v in cells if side == "udgift"]
            income = any(side == "indtægt" for side, _ in cells)
            financing = bool(expenses) and all(v < 0 for v in expenses) or (
                income and not any(v > 0 for v in expenses))
            (finansiering if financing else udgifter).append(konto)
        udgifter.sort(key=lambda h: listed.index(h.nr) if h.nr in listed else len(listed))
        formål = {nr: f for nr, f, _ in self.kontoliste}
        if any(shown for _, _, shown in self.kontoliste):
            data["bevillingstype_i_a"] = True
        if udgifter:
            data["udgifter"] = [self._konto(h, formål.get(h.nr)) for h in udgifter]
        if finansiering:
            data["finansiering"] = [self._konto(h, None) for h in finansiering]
        if self.specifikation and not self.from_a:
            self.draft.recognised.append(
                f"{len(udgifter)} udgiftskonti og {len(finansiering)} finansieringskonti fra "
                "specifikationen")

    def _other_years(self, konto: konti.Hovedkonto) -> None:
        """The years the specification does not show, from the flerårsoversigt: each on the
        hovedkonto's first standardkonto (the overview shows only the hovedkonto's total)."""
        overview = next((h for h in self.flerår if h.nr == konto.nr), None)
        if overview is None or not konto.underkonti or not konto.underkonti[0][3]:
            return
        first = konto.underkonti[0][3][0][2]
        for (side, year), value in overview.totals.items():
            if year != self.year:
                first[(side, year)] = value

    def _konto(self, konto: konti.Hovedkonto, formål: str | None) -> dict[str, Any]:
        data = konti.as_spec(konto)
        if formål:
            data = {**{k: v for k, v in data.items() if k != "underkonti"}, "formål": formål,
                    "underkonti": data["underkonti"]}
        return data

    # -- recipients and citations --------------------------------------------------------

    def recipients(self) -> None:
        """Recipients from "Der afsættes X til NAVN", each on the expense account its amount
        belongs to: the account of its name, else the one a set of recipients adds up to."""
        found: dict[str, tuple[str, Decimal]] = {}
        for text in self._texts():
            for m in _AFSÆTTES.finditer(text):
                value = konti.amount(m["beløb"].split(" ")[0])
                found.setdefault(m["navn"], (_slug(m["navn"]), value))
        for items in self._allocations():
            for m in items:
                found.setdefault(m["navn"], (_slug(m["navn"]), konti.amount(
                    m["beløb"].split(" ")[0])))
        accounts = {h["nr"]: (h["navn"], self._expense(h)) for h in self.draft.data.get(
            "udgifter", [])}
        placed: dict[str, str] = {}
        for name, (_, value) in found.items():
            for nr, (navn, total) in accounts.items():
                if navn == name and total == value:
                    placed[name] = nr
        for nr, (_, total) in accounts.items():
            if nr in placed.values():
                continue
            free = [n for n in found if n not in placed]
            for size in range(1, min(len(free), 6) + 1):
                group = next((g for g in combinations(free, size)
                              if sum(found[n][1] for n in g) == total), None)
                if group:
                    placed.update({n: nr for n in group})
                    break
        modtagere = [{"id": found[n][0], "navn": n, "konto": placed[n],
                      "beløb": {self.year: found[n][1]}} for n in found if n in placed]
        if modtagere:
            self.draft.data["modtagere"] = modtagere
            self.draft.recognised.append(f"{len(modtagere)} modtagere fra 'Der afsættes …' "
                                         "og lister af tildelinger")

    def _expense(self, konto: dict[str, Any]) -> Decimal:
        return sum((s.get("udgift", {}).get(self.year, Decimal(0))
                    for u in konto["underkonti"] for s in u["standardkonti"]), Decimal(0))

    def citations(self) -> None:
        cited: dict[int, Any] = {}
        for text in self._texts():
            for m in AKT.finditer(text):
                cited.setdefault(int(m["nr"]), long_date(m["dato"]))
        if cited:
            self.draft.data["aktstykker"] = [{"nr": nr, "dato": d} for nr, d in cited.items()]
            self.draft.recognised.append(f"{len(cited)} citerede aktstykker")

    def låneramme(self) -> None:
        """A changed låneramme from e's request ("at lånerammen forhøjes med 350,0 mio. kr. i
        perioden fra 2026 til 2029"): a fact of its own, typed once; the prose refers to it."""
        for letter, chunks in self.layout.sections:
            m = _LÅNERAMME.search(chunks[0].text) if letter == "e" and chunks else None
            if m is not None:
                value = konti.amount(m["beløb"].split(" ")[0])
                self.draft.data["låneramme"] = {
                    "ændring": value if m["retning"] == "forhøjes" else -value,
                    **({"enhed": "mia. kr."} if "mia." in m["beløb"] else {}),
                    "fra": int(m["fra"]), "til": int(m["til"])}
                self.draft.recognised.append("lånerammen")

    def _allocations(self) -> list[list[re.Match[str]]]:
        """Lists whose every item is an allocation, "6,5 mio. kr. til Region Hovedstaden": a
        name, not a purpose (no full stop, a capital first)."""
        found = []
        for _, chunks in self.layout.sections:
            for chunk in chunks:
                items = [_TILDELING.fullmatch(line) for line in chunk.lines]
                if chunk.kind == "ul" and len(items) > 1 and all(items):
                    found.append([m for m in items if m])
        return found

    def _texts(self) -> list[str]:
        return [line for _, chunks in self.layout.sections for c in chunks if c.kind != "table"
                for line in c.lines]

    # -- the sections --------------------------------------------------------------------

    def sections(self, refs: Henvisninger) -> None:
        tekst: dict[str, Any] = {}
        if self.bilag:
            self.draft.data["bilag"] = [self._bilag(b, refs) for b in self.bilag]
            fortrolige = sum(1 for b in self.bilag if b.statement)
            self.draft.recognised.append(f"{len(self.bilag)} bilag, heraf {fortrolige} "
                                         "fortrolige")
        for letter, chunks in self.layout.sections:
            tekst[letter] = self._blocks(chunks, refs)
            if letter == "e" and chunks and chunks[0].kind == "p":
                self._uden_tillægsbevilling(chunks[0].text)
            if letter == "e" and "låneramme" in self.draft.data:
                # the forslag prints the request and the låneramme's sentence from the data
                rest = [b for b in tekst[letter][1:] if not (
                    isinstance(b, str) and _LÅNERAMMESÆTNING.fullmatch(b))]
                tekst[letter] = [{"indsæt": "forslag"}, *rest]
        self.draft.data["tekst"] = tekst
        if not self.layout.closing:
            self._cut_short(tekst)
        elif not {"c", "e"} & set(tekst):   # whole, and asks nothing: it only informs
            self.draft.data["orienterende"] = True
            self.draft.recognised.append("orienterende: hverken afsnit c eller e")

    def _bilag(self, read: bilag.Bilag, refs: Henvisninger) -> dict[str, Any]:
        """A bilag's number, title and blocks; a confidential one's fortrolighed from its
        statement, and its content, which the text does not show, marked."""
        found: dict[str, Any] = {"nr": read.nr, "titel": read.titel}
        statement = read.statement
        if statement is None:
            return {**found, "indhold": self._blocks(read.chunks, refs)}
        totals = re.findall(r"\{[^}]+\}", refs.text(statement["beløb"] or ""))
        why = f"indholdet af bilag {read.nr} (fortroligt: står ikke i den offentlige tekst)"
        self.draft.marks.append(why)
        return {**found, "fortrolighed": bilag.fortrolighed(statement, totals),
                "indhold": [f"UDFYLD {why}"]}

    def _cut_short(self, tekst: dict[str, Any]) -> None:
        """A text that stops before its closing block (an opening, a page cut off): the
        paragraph it stops in is kept as read and marked, each section still to come, the
        specification of the accounts a names and the signatories are marked for the clerk."""
        last = tekst[max(tekst)]
        if last and isinstance(last[-1], str) and not re.search(r"[.:!?”]$", last[-1]):
            last[-1] = self.mark(last[-1], "teksten slutter midt i dette afsnit; resten mangler")
        accounts = "udgifter" in self.draft.data or "finansiering" in self.draft.data
        if accounts and not any(b == {"indsæt": "specifikation"} for b in tekst.get("b", [])):
            tekst.setdefault("b", []).append({"indsæt": "specifikation"})
        for letter, name in _STILL_TO_COME.items():
            if letter > max(self.layout.sections)[0] and (
                    letter != "b" or letter not in tekst):
                why = f"afsnit {letter} ({name}): teksten slutter før afsnittet"
                self.draft.marks.append(why)
                tekst[letter] = [f"UDFYLD {why}", *tekst.get(letter, []),
                                 *([{"indsæt": "forslag"}] if letter == "e" and accounts else [])]

    def _uden_tillægsbevilling(self, forslag: str) -> None:
        """Why nothing goes on the tillægsbevilling, from the end of e's request in
        Budgetvejledningen 3.5.5's words (uden_midler.py prints the same)."""
        m = _GRUND.search(forslag)
        if m is None:
            return
        if m["afholdt"]:
            grund, år, default = "eksisterende bevilling", int(m["afholdt"]), self.year
        elif m["soegt"]:
            grund, år, default = "senere bevillingslov", int(m["soegt"]), self.year + 1
        else:
            grund, år, default = "ingen udgifter", 0, 0
        self.draft.data["uden_tillægsbevilling"] = {"grund": grund, **(
            {"år": år} if år != default else {})}
        self.draft.recognised.append(f"uden tillægsbevilling: {grund}")

    def _blocks(self, chunks: list[Chunk], refs: Henvisninger) -> list[Any]:
        blocks: list[Any] = []
        i = 0
        while i < len(chunks):
            chunk, following = chunks[i], chunks[i + 1] if i + 1 < len(chunks) else None
            table_next = following is not None and following.kind == "table"
            i += 1
            if chunk.kind == "p" and _SPECIFIKATION.match(chunk.text) and table_next \
                    and self.specifikation:
                blocks.append({"indsæt": "specifikation"})
                i += 1
            elif chunk.kind == "p" and chunk.text.startswith(_FORSLAG) and table_next:
                blocks.append({"indsæt": "forslag"})
                i += 1
            elif chunk.kind == "p" and self._statements(chunks[i - 1:]):
                blocks.append({"indsæt": "fortrolige_bilag"})
                i += len(self._statements(chunks[i - 1:])) - 1
            elif chunk.kind == "p" and _TEKSTANMÆRKNINGER.match(chunk.text):
                i = self._tekstanmærkninger(chunks, i, refs)
                blocks.append({"indsæt": "tekstanmærkninger"})
            elif chunk.kind == "p" and _HJEMMEL.fullmatch(chunk.text) and blocks and \
                    blocks[-1] == {"indsæt": "forslag"} and "hjemler" in self.draft.data:
                continue   # the forslag prints the hjemler after its table
            elif chunk.kind == "ul" and self._dispositions(chunk.lines):
                blocks.append({"indsæt": "dispositioner"})
            elif chunk.kind == "ul" and self.kontoliste and \
                    [_KONTOLISTE.match(x) is not None for x in chunk.lines] == [True] * len(
                        chunk.lines):
                blocks.append({"indsæt": "kontoliste"})
            elif chunk.kind == "p" and _FINANSIERING.match(chunk.text) and \
                    "finansiering" in self.draft.data:
                self._finansieringsform(chunk.text)
                blocks.append({"indsæt": "finansiering"})
            elif chunk.kind == "table" and self.flerår and chunk.lines[0].lstrip().startswith(
                    tuple(konti.SIDES)):
                i_alt = any("I alt" in line for line in chunk.lines[:2])
                blocks.append({"indsæt": "flerårsoversigt", **({"i_alt": True} if i_alt else {})})
            elif chunk.kind == "table" and id(chunk) in self.own_tables:
                blocks.append({"tabel": self.own_tables[id(chunk)]})
            elif chunk.kind == "p":
                blocks.append(refs.text(chunk.text))
            elif chunk.kind == "ul":
                blocks.append({"punkter": [refs.text(item) for item in chunk.lines]})
            else:
                blocks.append(self.mark(chunk.text, "en tabel eller et citat, som importen ikke "
                                                    "kan placere"))
        return blocks

    def _statements(self, chunks: list[Chunk]) -> list[str]:
        """The statements of the confidential bilag, one a paragraph in their order, when the
        chunks start with them (`indsæt: fortrolige_bilag` prints them); else none."""
        statements = [b.chunks[0].text for b in self.bilag if b.statement]
        shown = [c.text for c in chunks[:len(statements)] if c.kind == "p"]
        return statements if statements and shown == statements else []

    def _dispositions(self, items: list[str]) -> bool:
        """A list in Budgetvejledningen's phrasing ("Der tilføres X til § …", "Der overføres X
        fra § A til § B", a hjemmel last) as dispositioner and hjemler: the amounts are the
        accounts' already, so only what is done with them is data."""
        dispositioner: list[dict[str, Any]] = []
        hjemler: list[dict[str, Any]] = []
        labels = False
        for item in items:
            if (m := _TILFØRES.fullmatch(item)) and not hjemler:
                dispositioner.append({"tilføres": m["nr"], **({"op_til": True} if m["op"] else {})})
            elif (m := _OVERFØRES.fullmatch(item)) and not hjemler:
                dispositioner.append({"overføres": konti.amount(m["beløb"].split(" ")[0]),
                                      "fra": m["fra"], "til": m["til"],
                                      **({"op_til": True} if m["op"] else {})})
            elif m := _HJEMMEL.fullmatch(item):
                hjemler.append({"konti": re.findall(r"§ (\d\d\.\d\d\.\d\d)\. ", m["konti"])})
            else:
                return False
            labels = labels or bool(_BEVILLINGSTYPE.search(item))
        if not dispositioner:
            return False
        data = self.draft.data
        data["dispositioner"] = dispositioner
        if hjemler:
            data["hjemler"] = hjemler
        if labels:
            data["bevillingstype_i_a"] = True
        self.draft.recognised.append(f"{len(dispositioner)} dispositioner"
                                     + (f" og {len(hjemler)} hjemler" if hjemler else ""))
        return True

    def _finansieringsform(self, text: str) -> None:
        """The financing sentence's kinds, where it is worded by them (finansiering.py): each
        clause ("…, mens udgiften i …") a reserve, a hovedkonto, a direkte opskrivning or an
        unfinanced part, with its formål, its amount shown or not, and 'op til'. The default
        wording needs none. A direkte opskrivning or an unfinanced part is the nettoændring:
        the accounts' net in each year."""
        forms: list[dict[str, Any]] = []
        for clause in text.removesuffix(".").split(", mens "):
            m = _FINANSIERINGSFORM.fullmatch(clause)
            if m is None:
                return
            art = "reserve" if m["reserve"] else "hovedkonto" if m["nr"] else \
                "direkte opskrivning" if m["direkte"] else "ufinansieret"
            form: dict[str, Any] = {"art": art}
            if m["nr"]:
                form["konto"] = m["nr"]
            if m["uk"]:
                form["underkonto"] = m["uk"]
            if m["formaal"]:
                form["formål"] = m["formaal"]
            if not m["beløb"]:
                form["vis_beløb"] = False
            if m["op"]:
                form["op_til"] = True
            forms.append(form)
        data = self.draft.data
        data["finansieringsformer"] = forms
        if any(f["art"] in ("direkte opskrivning", "ufinansieret") for f in forms):
            net: dict[int, Decimal] = {}
            for h in data.get("udgifter", []) + data.get("finansiering", []):
                for u in h["underkonti"]:
                    for sk in u["standardkonti"]:
                        for year, value in sk.get("udgift", {}).items():
                            net[year] = net.get(year, Decimal(0)) + value
                        for year, value in sk.get("indtægt", {}).items():
                            net[year] = net.get(year, Decimal(0)) - value
            data["nettoændring"] = {y: v for y, v in sorted(net.items()) if v}
        self.draft.recognised.append("finansieringen: " + ", ".join(f["art"] for f in forms))

    def _tekstanmærkninger(self, chunks: list[Chunk], i: int, refs: Henvisninger) -> int:
        found: list[dict[str, Any]] = []
        gruppe = None
        while i < len(chunks):
            chunk = chunks[i]
            if chunk.kind == "p" and chunk.text in _GRUPPER:
                gruppe = _GRUPPER[chunk.text]
            elif chunk.kind == "quote" and (m := _ANMÆRKNING.match(chunk.text)) and gruppe:
                found.append({"nr": int(m["nr"]), "gruppe": gruppe, "ad": m["ad"], "stk": []})
            elif chunk.kind == "quote" and found:
                stk = _STK.sub("", chunk.text, count=1).removesuffix("”")
                ad = found[-1]["ad"]
                found[-1]["stk"].append(refs.text(stk, prefer=[f"{{konto:{ad}}}"]))
            else:
                break
            i += 1
        self.draft.data["tekstanmærkninger"] = found
        self.draft.recognised.append(f"{len(found)} tekstanmærkninger")
        return i

    def mark(self, text: str, why: str) -> Noted:
        """A text kept as it stands, marked for a human: the mark and why on the line above."""
        self.draft.marks.append(f"{why}: {plain(text)[:70]}")
        return Noted(plain(text), f"UDFYLD: {why}; teksten står, som den blev læst")

    def close(self) -> list[str]:
        """The closing block into its fields; returns the lines nothing took, head's too."""
        hoved.closing(self.closing, self.draft.data, self.unplaced)
        if not self.layout.closing:
            why = "underskriverne: teksten slutter før dem"
            self.draft.marks.append(why)
            self.draft.data["underskrivere"] = [f"UDFYLD {why}"]
        self.draft.marks.extend(f"ikke placeret: {line[:70]}" for line in self.unplaced)
        return self.unplaced
