"""Load the actor data files once into token-keyed lookup tables.

Every phrase in the data files is tokenised with spaCy's English tokenizer (the same rules
the parsing pipeline uses), lowercased, and filed under its first token, longest first, so
matching a phrase in a parsed sentence is a dict lookup per token plus a short comparison.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from importlib import resources
from typing import Any, Literal

import pycountry
import yaml

from tieline.errors import DataError

__all__ = ["CaseRule", "Entry", "Gazetteer", "Tenure", "load_gazetteer"]

#: How the text must be cased for a phrase to match. "upper": acronyms ("US", "UN", "WHO", "IS")
#: only match text in capitals, so the pronoun "us" and the verb "is" never do; "title": names only
#: match capitalised text ("Turkey", not "turkey"); "any": common nouns (sector words).
CaseRule = Literal["upper", "title", "any"]

#: Prefixes of codes for international actors that have no country (PLOVER's non-state list).
INTERNATIONAL_PREFIXES = ("IGO", "IMG", "NGO", "MNC", "ISM")

Kind = Literal[
    "country", "adjective", "people", "ethnic", "capital", "region", "seat", "igo", "group", "sector",
    "person",
]


@dataclass(frozen=True, slots=True)
class Tenure:
    """One time-bounded role: a leader's office, or a group's status (Taliban: REB, then GOV)."""

    code: str  # base code: ISO alpha-3 country, or an international code such as IGOUNO / IMG
    country: str | None
    sector: str | None
    start: Date | None
    end: Date | None  # exclusive; None = still holds
    name: str  # canonical name of the person or group

    def covers(self, when: Date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase means. `tenures` is set for people and for groups whose status changed."""

    kind: Kind
    phrase: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # international code (IGOUNO, IMG, NGO) when there is no country
    name: str | None = None
    weak: bool = False  # sector word that yields to a modifying sector word
    title: bool = False  # sector word that can precede a person's name
    abroad: bool = False  # sector word for forces serving abroad (never the host's by inference)
    tenures: tuple[Tenure, ...] = ()


# first token -> [(tokens, case rule, entry)], longest phrase first
Index = dict[str, list[tuple[tuple[str, ...], CaseRule, Entry]]]


@dataclass(slots=True)
class Gazetteer:
    """All phrase tables plus the sector rules; plain data, so it pickles."""

    index: Index = field(default_factory=dict)
    dominant_sectors: frozenset[str] = frozenset()
    former_markers: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    #: lowercased leader aliases that are also common names (common_names.txt): trusted alone only
    #: in a dated text inside the leader's tenure, or after a title, honorific or earlier full name
    common_names: frozenset[str] = frozenset()
    #: lowercased non-agent head nouns (common_names.txt section): a nationality before them is
    #: a description ("South African film"), not an actor
    non_agents: frozenset[str] = frozenset()
    #: the order in which kinds win when two data files list the same phrase
    _rank: dict[str, int] = field(default_factory=dict)

    def add(self, tokens: tuple[str, ...], case: CaseRule, entry: Entry) -> None:
        if not tokens:
            return
        bucket = self.index.setdefault(tokens[0], [])
        for i, (toks, old_case, old) in enumerate(bucket):
            if toks != tokens:
                continue
            if old.kind == entry.kind == "person" or (old.kind == entry.kind == "group"):
                # the same alias for several people ("Bush", "Sharif"): pick by date at resolution
                merged = Entry(old.kind, old.phrase, tenures=old.tenures + entry.tenures,
                               name=old.name, sector=old.sector, country=old.country, code=old.code)
                bucket[i] = (toks, _looser(old_case, case), merged)
            elif _KIND_RANK[entry.kind] < _KIND_RANK[old.kind]:
                bucket[i] = (toks, _looser(old_case, case), entry)
            elif case != old_case:
                bucket[i] = (toks, _looser(old_case, case), old)  # "NATO" and "Nato" both listed
            return
        bucket.append((tokens, case, entry))
        bucket.sort(key=lambda item: -len(item[0]))


# Lower rank wins when the same phrase appears in two tables ("Saudi": name before adjective).
_KIND_RANK: dict[str, int] = {
    "seat": 0, "igo": 1, "group": 2, "person": 3, "country": 4, "capital": 5, "region": 6, "ethnic": 7,
    "people": 8, "adjective": 9, "sector": 10,
}


def _looser(a: CaseRule, b: CaseRule) -> CaseRule:
    """Both spellings of a phrase were listed ("NATO", "Nato"): accept either casing."""
    order = {"upper": 0, "title": 1, "any": 2}
    return a if order[a] >= order[b] else b


def case_rule(phrase: str) -> CaseRule:
    letters = [c for c in phrase if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if phrase[:1].isupper():
        return "title"
    return "any"


# -- reading the files -------------------------------------------------------------------

def _data_text(name: str) -> str:
    try:
        return (resources.files("tieline.actors") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - a broken installation
        raise DataError(f"actor data file {name!r} is missing from the installed package") from exc


def _tsv_rows(name: str, ncols: int) -> Iterator[tuple[int, list[str]]]:
    text = _data_text(name)
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for lineno, row in enumerate(reader, start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < ncols:
            raise DataError(f"{name} line {lineno}: expected {ncols} tab-separated columns, got {len(row)}")
        yield lineno, [c.strip() for c in row]


def _alts(cell: str) -> list[str]:
    return [] if cell in ("", "-") else [a.strip() for a in cell.split("|") if a.strip()]


def _opt(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def _date(cell: str, where: str) -> Date | None:
    if cell in ("", "-"):
        return None
    try:
        return Date.fromisoformat(cell)
    except ValueError as exc:
        raise DataError(f"{where}: bad date {cell!r} (use YYYY-MM-DD)") from exc


def _plural_people(adjective: str) -> str | None:
    """'Pakistani' -> 'Pakistanis', 'Afghan' -> 'Afghans'; adjectives like 'British' have none."""
    last = adjective.split()[-1]
    if last.endswith(("an", "i", "ean", "ian")) and not last.endswith("ese"):
        return adjective + "s"
    return None


class _Builder:
    def __init__(self) -> None:
        import spacy  # deferred: only needed while building the tables

        self._tok = spacy.blank("en").tokenizer
        self.gaz = Gazetteer()

    def tokens(self, phrase: str) -> tuple[str, ...]:
        return tuple(t.lower_ for t in self._tok(phrase) if not t.is_space)

    def add(self, phrase: str, entry: Entry) -> None:
        self.gaz.add(self.tokens(phrase), case_rule(phrase), entry)


def _load_countries(b: _Builder) -> set[str]:
    codes: set[str] = set()
    for lineno, row in _tsv_rows("countries.tsv", 5):
        iso, names, adjectives, people, capitals = row[:5]
        if len(iso) != 3 or not iso.isupper():
            raise DataError(f"countries.tsv line {lineno}: bad code {iso!r}")
        codes.add(iso)
        for n in _alts(names):
            b.add(n, Entry("country", n, country=iso))
        for a in _alts(adjectives):
            b.add(a, Entry("adjective", a, country=iso))
            plural = _plural_people(a)
            if plural:
                b.add(plural, Entry("people", plural, country=iso))
        for p in _alts(people):
            b.add(p, Entry("people", p, country=iso))
        for c in _alts(capitals):
            b.add(c, Entry("capital", c, country=iso, sector="GOV"))
    # pycountry supplies ISO and official names; our own table wins where both list a phrase
    for iso in sorted(codes):
        rec: Any = pycountry.countries.get(alpha_3=iso)
        if rec is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(rec, attr, None)
            if not value or "," in value or "(" in value:
                continue
            value = value[4:] if value.lower().startswith("the ") else value
            toks = b.tokens(value)
            if not any(t == toks for t, _, _ in b.gaz.index.get(toks[0], [])):
                b.add(value, Entry("country", value, country=iso))
    return codes


def _load_regions(b: _Builder, countries: set[str]) -> None:
    for lineno, row in _tsv_rows("regions.tsv", 2):
        names, iso = row[:2]
        if iso not in countries:
            raise DataError(f"regions.tsv line {lineno}: unknown country {iso!r}")
        for n in _alts(names):
            b.add(n, Entry("region", n, country=iso))


def _load_peoples(b: _Builder, countries: set[str]) -> None:
    """peoples.tsv: names, iso3 of the state of residence or "-", why."""
    for lineno, row in _tsv_rows("peoples.tsv", 2):
        names, iso = row[:2]
        country = _opt(iso)
        if country is not None and country not in countries:
            raise DataError(f"peoples.tsv line {lineno}: unknown country {iso!r}")
        for n in _alts(names):
            b.add(n, Entry("ethnic", n, country=country))


def _load_word_lists(b: _Builder) -> None:
    """common_names.txt: "[section]" lines, then one lowercase word per line; "#" comments."""
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for lineno, line in enumerate(_data_text("common_names.txt").splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if word.startswith("[") and word.endswith("]"):
            current = sections.setdefault(word[1:-1], set())
        elif current is None:
            raise DataError(f"common_names.txt line {lineno}: a word before any [section]")
        else:
            current.add(word.lower())
    b.gaz.common_names = frozenset(sections.get("names", ()))
    b.gaz.non_agents = frozenset(sections.get("non_agents", ()))


def _load_seats(b: _Builder, countries: set[str]) -> None:
    for lineno, row in _tsv_rows("seats.tsv", 3):
        phrase, iso, sector = row[:3]
        if iso not in countries:
            raise DataError(f"seats.tsv line {lineno}: unknown country {iso!r}")
        b.add(phrase, Entry("seat", phrase, country=iso, sector=_opt(sector)))


def _load_organisations(b: _Builder, countries: set[str]) -> None:
    """igos.tsv: names, code, country, sector, from, until, why."""
    for lineno, row in _tsv_rows("igos.tsv", 6):
        names, code, country, sector, start, end = row[:6]
        where = f"igos.tsv line {lineno}"
        country_opt = _opt(country)
        if country_opt is not None and country_opt not in countries:
            raise DataError(f"{where}: unknown country {country!r}")
        base = country_opt or code
        if not base:
            raise DataError(f"{where}: needs a country or an international code")
        alts = _alts(names)
        canonical = alts[0]
        kind: Kind = "igo" if base.startswith("IGO") else "group"
        tenure = Tenure(base, country_opt, _opt(sector), _date(start, where), _date(end, where), canonical)
        for n in alts:
            if kind == "igo":
                b.add(n, Entry("igo", n, code=base, sector=_opt(sector), name=canonical))
            else:
                b.add(n, Entry("group", n, country=country_opt, code=base, sector=_opt(sector),
                               name=canonical, tenures=(tenure,)))


def _load_leaders(b: _Builder, countries: set[str]) -> None:
    """leaders.tsv: person, aliases, code, sector, from, until, role."""
    for lineno, row in _tsv_rows("leaders.tsv", 6):
        person, aliases, code, sector, start, end = row[:6]
        where = f"leaders.tsv line {lineno}"
        country = code if code in countries else None
        if country is None and not code.startswith(INTERNATIONAL_PREFIXES):
            raise DataError(f"{where}: unknown country or international code {code!r}")
        tenure = Tenure(code, country, _opt(sector), _date(start, where), _date(end, where), person)
        for alias in [person, *_alts(aliases)]:
            b.add(alias, Entry("person", alias, name=person, tenures=(tenure,)))


def _load_sectors(b: _Builder) -> None:
    try:
        raw = yaml.safe_load(_data_text("sectors.yaml"))
    except yaml.YAMLError as exc:
        raise DataError(f"sectors.yaml is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or "groups" not in raw:
        raise DataError("sectors.yaml: expected a mapping with a 'groups' list")
    seen: dict[str, str] = {}
    for group in raw["groups"]:
        code = str(group["code"])
        weak, title, abroad = bool(group.get("weak")), bool(group.get("title")), bool(group.get("abroad"))
        for word in group.get("words") or ():
            word = str(word)
            if seen.get(word, code) != code:
                raise DataError(f"sectors.yaml: {word!r} is listed under {seen[word]} and {code}")
            seen[word] = code
            b.add(word, Entry("sector", word, sector=code, weak=weak, title=title, abroad=abroad))
    b.gaz.dominant_sectors = frozenset(str(s) for s in raw.get("dominant_modifiers") or ())
    b.gaz.former_markers = frozenset(str(s).lower() for s in raw.get("former_markers") or ())


def load_gazetteer() -> Gazetteer:
    """Build the tables from the package data files (about a second; callers cache it)."""
    b = _Builder()
    countries = _load_countries(b)
    _load_seats(b, countries)
    _load_regions(b, countries)
    _load_peoples(b, countries)
    _load_organisations(b, countries)
    _load_leaders(b, countries)
    _load_sectors(b)
    _load_word_lists(b)
    b.gaz.countries = frozenset(countries)
    return b.gaz


def iter_entries(gaz: Gazetteer) -> Iterable[tuple[tuple[str, ...], CaseRule, Entry]]:
    """Every (tokens, case rule, entry) in the tables (for tests and `--explain` listings)."""
    for bucket in gaz.index.values():
        yield from bucket
