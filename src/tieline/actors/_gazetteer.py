"""Load the actor data files once into token-keyed lookup tables.

Every phrase in the data files is tokenised with spaCy's English tokenizer (the same rules
the parsing pipeline uses), lowercased, and filed under its first token, longest first, so
matching a phrase in a parsed sentence is a dict lookup per token plus a short comparison.
"""

from __future__ import annotations

import atexit
import gc
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Literal

import pycountry
import yaml

from tieline.actors._tables import alts as _alts
from tieline.actors._tables import data_text
from tieline.actors._tables import date_cell as _date
from tieline.actors._tables import generated_rows as _generated_rows
from tieline.actors._tables import opt as _opt
from tieline.actors._tables import tsv_rows as _tsv_rows
from tieline.actors._tables import user_text as _user_text
from tieline.actors._tokens import fast_tokens
from tieline.errors import ConfigError, DataError

__all__ = [
    "PHOENIX_GROUPS", "PHOENIX_PEOPLE", "SECTOR_CODES", "CaseRule", "Entry", "Gazetteer", "Tenure",
    "data_text", "load_gazetteer",
]

#: How the text must be cased for a phrase to match. "upper": acronyms ("US", "UN", "WHO", "IS")
#: only match text in capitals, so the pronoun "us" and the verb "is" never do; "title": names only
#: match capitalised text ("Turkey", not "turkey"); "name": every word but particles capitalised
#: (the generated Phoenix names: "Popular Front" must not match "popular front-runner");
#: "any": common nouns (sector words).
CaseRule = Literal["upper", "name", "title", "any"]

#: The generated tables built by scripts/build_actors.py from the Phoenix dictionaries.
PHOENIX_PEOPLE = "phoenix_people.tsv"
PHOENIX_GROUPS = "phoenix_groups.tsv"
#: Our own current officeholders (2016-2026), beside leaders.tsv, same format.
CURRENT_OFFICIALS = "officials_2016_2026.tsv"

#: PLOVER sector codes an actor table may use (sectors.yaml's codes).
SECTOR_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "SPY", "PTY", "BUS", "JRN", "MED", "EDU", "LAB",
    "AGR", "REL", "CRM", "REF", "CVL", "SOC", "UAF", "ELI", "PRM",
})

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
    #: who holds it, where two people share a name ("phoenix_people.tsv:812"); "" = the name
    who: str = ""
    source: str = ""  # data file and line, for `tieline actors`
    #: what the office was, lowercased ("president, second term"); "" where the data do not say
    #: (Phoenix roles are sector codes): "the prime minister" skips a holder whose role disagrees
    role: str = ""

    @property
    def holder(self) -> str:
        return self.who or self.name

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
    #: the states a people spread over several lives in (peoples.tsv); its country is then None
    states: tuple[str, ...] = ()
    tenures: tuple[Tenure, ...] = ()


# first token -> [(tokens, case rule, entry)], longest phrase first
Index = dict[str, list[tuple[tuple[str, ...], CaseRule, Entry]]]


@dataclass(slots=True)
class Gazetteer:
    """All phrase tables plus the sector rules; plain data, so it pickles."""

    index: Index = field(default_factory=dict)
    dominant_sectors: frozenset[str] = frozenset()
    former_markers: frozenset[str] = frozenset()
    #: singular nouns that name one person ("soldier", "teenager"): sectors.yaml person_nouns
    person_nouns: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    #: lowercased leader aliases that are also common names (common_names.txt): trusted alone only
    #: in a dated text inside the leader's tenure, or after a title, honorific or earlier full name
    common_names: frozenset[str] = frozenset()
    #: lowercased non-agent head nouns (common_names.txt section): a nationality before them is
    #: a description ("South African film"), not an actor
    non_agents: frozenset[str] = frozenset()
    #: lowercased one-word group names that are also ordinary words ("Labour"), and the nouns
    #: after which such a name is still the group ("Labour MPs"): common_names.txt sections
    word_names: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    #: the order in which kinds win when two data files list the same phrase
    _rank: dict[str, int] = field(default_factory=dict)
    #: while loading: phrase -> position in its bucket, so adding is O(1); None once finished
    _pos: dict[tuple[str, ...], int] | None = None
    #: big buckets ("john", "al", "international") split again by their second token ("" for
    #: one-word phrases), so matching a common first word compares a few phrases, not hundreds
    by_second: dict[str, dict[str, list[tuple[tuple[str, ...], CaseRule, Entry]]]] = field(default_factory=dict)

    def buckets(self, form: str, nxt: str | None, nxt_lemma: str | None) -> Sequence[Sequence[Any]]:
        """The phrase lists to try for a token `form` followed by `nxt` (each longest first)."""
        split = self.by_second.get(form)
        if split is None:
            return (self.index.get(form, ()),)
        out = [split.get("", ())]
        if nxt is not None:
            out.append(split.get(nxt, ()))
            if nxt_lemma is not None and nxt_lemma != nxt:
                out.append(split.get(nxt_lemma, ()))
        return out

    def add(self, tokens: tuple[str, ...], case: CaseRule, entry: Entry, *, replace: bool = False) -> None:
        """File a phrase. The same phrase twice: people and groups merge their tenures (picked by
        date), otherwise the kind ranked first wins; `replace` (user dictionaries) overrides."""
        if not tokens:
            return
        bucket = self.index.setdefault(tokens[0], [])
        pos = self._pos
        if pos is not None:
            i = pos.get(tokens, -1)
            if i < 0:  # the common case while loading: a new phrase
                pos[tokens] = len(bucket)
                bucket.append((tokens, case, entry))
                return
            candidates = [(i, bucket[i])]
        else:
            candidates = [(k, item) for k, item in enumerate(bucket) if item[0] == tokens]
        for i, (toks, old_case, old) in candidates:
            if replace:
                bucket[i] = (toks, case, entry)
                return
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
        if self._pos is not None:
            self._pos[tokens] = len(bucket) - 1
        else:
            bucket.sort(key=lambda item: -len(item[0]))

    def start_loading(self) -> None:
        self._pos = {toks: i for bucket in self.index.values() for i, (toks, _, _) in enumerate(bucket)}

    def finish_loading(self) -> None:
        """Sort every bucket longest phrase first (matching relies on it)."""
        self.by_second = {}
        for first, bucket in self.index.items():
            bucket.sort(key=lambda item: -len(item[0]))
            if len(bucket) > BIG_BUCKET:
                split: dict[str, list[tuple[tuple[str, ...], CaseRule, Entry]]] = {}
                for item in bucket:
                    split.setdefault(item[0][1] if len(item[0]) > 1 else "", []).append(item)
                self.by_second[first] = split
        self._pos = None


#: Buckets longer than this are split by their second token.
BIG_BUCKET = 8


# Lower rank wins when the same phrase appears in two tables ("Saudi": name before adjective).
_KIND_RANK: dict[str, int] = {
    "seat": 0, "igo": 1, "group": 2, "person": 3, "country": 4, "capital": 5, "region": 6, "ethnic": 7,
    "people": 8, "adjective": 9, "sector": 10,
}


def _looser(a: CaseRule, b: CaseRule) -> CaseRule:
    """Both spellings of a phrase were listed ("NATO", "Nato"): accept either casing."""
    order = {"upper": 0, "name": 1, "title": 2, "any": 3}
    return a if order[a] >= order[b] else b


def case_rule(phrase: str) -> CaseRule:
    letters = [c for c in phrase if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if phrase[:1].isupper():
        return "title"
    return "any"


# -- reading the files -------------------------------------------------------------------

def _plural_people(adjective: str) -> str | None:
    """'Pakistani' -> 'Pakistanis', 'Afghan' -> 'Afghans'; adjectives like 'British' have none."""
    last = adjective.split()[-1]
    if last.endswith(("an", "i", "ean", "ian")) and not last.endswith("ese"):
        return adjective + "s"
    return None


#: Singular demonyms that are also given names ("Finn Wolfhard", "Dane Cook", "Scot Peterson"):
#: alone they more often name a person than one of a people, so they are not filed.
GIVEN_NAME_DEMONYMS = frozenset({"Finn", "Dane", "Scot", "Kiwi"})


def _singular_person(people: str) -> str | None:
    """'Britons' -> 'Briton', 'Englishmen' -> 'Englishman'; None for a name that is no plural
    or whose singular is also a given name."""
    if people.endswith("men"):
        return people[:-3] + "man"
    if people.endswith("s") and not people.endswith("ss") and people[:-1] not in GIVEN_NAME_DEMONYMS:
        return people[:-1]
    return None


class _Builder:
    def __init__(self) -> None:
        self.gaz = Gazetteer()
        self.gaz.start_loading()

    def tokens(self, phrase: str) -> tuple[str, ...]:
        return tuple(t.lower() for t in fast_tokens(phrase))

    def add(self, phrase: str, entry: Entry, case: CaseRule | None = None, *, replace: bool = False,
            tokenized: bool = False) -> None:
        """File a phrase; a `tokenized` one (generated tables) is its tokens joined by spaces."""
        tokens = tuple(phrase.lower().split(" ")) if tokenized else self.tokens(phrase)
        self.gaz.add(tokens, case or case_rule(phrase), entry, replace=replace)


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
            one = _singular_person(p)
            if one and one not in _alts(adjectives):
                # "a Briton", "a Scot": one of the people, resolved as "an American" is
                b.add(one, Entry("adjective", one, country=iso))
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
    """peoples.tsv: names, iso3 of the state of residence (or the "|"-separated states of a
    people spread over several, or "-"), why."""
    for lineno, row in _tsv_rows("peoples.tsv", 2):
        names, cell = row[:2]
        states = tuple(_alts(cell))
        unknown = [iso for iso in states if iso not in countries]
        if unknown:
            raise DataError(f"peoples.tsv line {lineno}: unknown country {unknown[0]!r}")
        country = states[0] if len(states) == 1 else None
        for n in _alts(names):
            b.add(n, Entry("ethnic", n, country=country, states=states if len(states) > 1 else ()))


def _load_word_lists(b: _Builder) -> None:
    """common_names.txt: "[section]" lines, then one lowercase word per line; "#" comments."""
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for lineno, line in enumerate(data_text("common_names.txt").splitlines(), start=1):
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
    b.gaz.word_names = frozenset(sections.get("word_names", ()))
    b.gaz.member_nouns = frozenset(sections.get("member_nouns", ()))


def _load_seats(b: _Builder, countries: set[str]) -> None:
    for lineno, row in _tsv_rows("seats.tsv", 3):
        phrase, iso, sector = row[:3]
        if iso not in countries:
            raise DataError(f"seats.tsv line {lineno}: unknown country {iso!r}")
        b.add(phrase, Entry("seat", phrase, country=iso, sector=_opt(sector)))


def _load_organisations(b: _Builder, countries: set[str], name: str = "igos.tsv") -> None:
    """igos.tsv (and parties.tsv): names, code, country, sector, from, until, why."""
    for lineno, row in _tsv_rows(name, 6):
        names, code, country, sector, start, end = row[:6]
        where = f"{name} line {lineno}"
        country_opt = _opt(country)
        if country_opt is not None and country_opt not in countries:
            raise DataError(f"{where}: unknown country {country!r}")
        _add_group(b, _alts(names), _opt(code), country_opt, _opt(sector), _date(start, where),
                   _date(end, where), where)


def _check_code(code: str, sector: str | None, countries: set[str], where: str) -> str | None:
    """The country of an actor code, or None for an international one; bad codes are errors."""
    if sector is not None and sector not in SECTOR_CODES:
        raise DataError(f"{where}: unknown sector {sector!r}", hint=f"use one of {' '.join(sorted(SECTOR_CODES))}")
    if code in countries:
        return code
    if not code.startswith(INTERNATIONAL_PREFIXES):
        raise DataError(f"{where}: unknown country or international code {code!r}",
                        hint="use an ISO 3166 alpha-3 code (PAK) or IGO.../IMG/NGO")
    return None


def _load_leaders(b: _Builder, countries: set[str], name: str = "leaders.tsv") -> None:
    """leaders.tsv (and officials_2016_2026.tsv): person, aliases, code, sector, from, until, role."""
    for lineno, row in _tsv_rows(name, 6):
        person, aliases, code, sector, start, end = row[:6]
        where = f"{name} line {lineno}"
        country = _check_code(code, _opt(sector), countries, where)
        role = row[6].strip().lower() if len(row) > 6 else ""
        tenure = Tenure(code, country, _opt(sector), _date(start, where), _date(end, where), person,
                        source=where, role="" if role == "-" else role)
        for alias in [person, *_alts(aliases)]:
            b.add(alias, Entry("person", alias, name=person, tenures=(tenure,)))


def _load_phoenix_people(b: _Builder, countries: set[str]) -> None:
    """phoenix_people.tsv (generated): person, names (tokenized), tenures "CODE SECTOR FROM UNTIL ROLE;..."."""
    add = b.gaz.add
    for lineno, row in _generated_rows(PHOENIX_PEOPLE, 3):
        person, names, cells = row[:3]
        where = f"{PHOENIX_PEOPLE} line {lineno}"
        tenures = []
        for cell in cells.split(";"):
            parts = cell.split(" ")
            if len(parts) != 5:
                raise DataError(f"{where}: bad tenure {cell!r} (expected CODE SECTOR FROM UNTIL ROLE)")
            code, sector, start, end = parts[0], parts[1], parts[2], parts[3]
            tenures.append(Tenure(code, code if code in countries else None, None if sector == "-" else sector,
                                  _date(start, where), _date(end, where), person, who=where, source=where))
        entry_tenures = tuple(tenures)
        for alias in names.split("|"):
            add(tuple(alias.lower().split(" ")), "name", Entry("person", alias, name=person, tenures=entry_tenures))


def _load_phoenix_groups(b: _Builder, countries: set[str]) -> None:
    """phoenix_groups.tsv (generated): name, names (tokenized), international code, country, sector."""
    for lineno, row in _generated_rows(PHOENIX_GROUPS, 5):
        name, names, code, country, sector = row[:5]
        where = f"{PHOENIX_GROUPS} line {lineno}"
        _add_group(b, names.split("|"), _opt(code), _opt(country), _opt(sector), None, None, where,
                   case="name", canonical=name)


def _add_group(
    b: _Builder, alts: list[str], code: str | None, country: str | None, sector: str | None,
    start: Date | None, end: Date | None, where: str, *, case: CaseRule | None = None, replace: bool = False,
    canonical: str | None = None,
) -> None:
    """File an organisation or group; with a `canonical` name, `alts` are tokenized (generated)."""
    base = country or code
    if not base or not alts:
        raise DataError(f"{where}: needs names and a country or an international code")
    tokenized = canonical is not None
    canonical = canonical or alts[0]
    kind: Kind = "igo" if base.startswith("IGO") else "group"
    tenure = Tenure(base, country, sector, start, end, canonical, source=where)
    for n in alts:
        rule = "upper" if case and n.isupper() and " " not in n else case
        if kind == "igo":
            entry = Entry("igo", n, code=base, sector=sector, name=canonical)
        else:
            entry = Entry("group", n, country=country, code=base, sector=sector, name=canonical, tenures=(tenure,))
        b.add(n, entry, rule, replace=replace, tokenized=tokenized)


#: Kinds a user dictionary row may have (docs/actors.md).
USER_KINDS = ("person", "group", "org")


def load_user_file(b: _Builder, path: str, countries: set[str]) -> None:
    """A user dictionary: kind, names, code, sector, from, until[, note]. Its entries replace what
    the package data says of the same names (a correction), and a person's rows add tenures."""
    people: dict[str, list[tuple[list[str], Tenure]]] = {}
    try:
        rows = list(_tsv_rows(path, 6, _user_text(path)))
    except DataError as exc:
        raise ConfigError(exc.message, hint=exc.hint) from None
    for lineno, row in rows:
        kind, names, code, sector, start, end = row[:6]
        where = f"{path} line {lineno}"
        if kind not in USER_KINDS:
            raise ConfigError(f"{where}: unknown kind {kind!r}", hint=f"use one of {', '.join(USER_KINDS)}")
        alts = _alts(names)
        if not alts:
            raise ConfigError(f"{where}: no name given")
        try:
            country = _check_code(code, _opt(sector), countries, where)
            span = _date(start, where), _date(end, where)
        except DataError as exc:
            raise ConfigError(exc.message, hint=exc.hint) from None
        if kind == "person":
            tenure = Tenure(code, country, _opt(sector), span[0], span[1], alts[0], source=where)
            people.setdefault(alts[0], []).append((alts, tenure))
        else:
            _add_group(b, alts, None if country else code, country, _opt(sector), span[0], span[1], where,
                       replace=True)
    # an alias two of the file's people share ("Kamel") keeps both, told apart by date
    by_alias: dict[str, list[Tenure]] = {}
    for person_rows in people.values():
        for alias in dict.fromkeys(a for alts, _ in person_rows for a in alts):
            by_alias.setdefault(alias, []).extend(t for _, t in person_rows)
    for alias, tenures in by_alias.items():
        b.add(alias, Entry("person", alias, name=tenures[0].name, tenures=tuple(tenures)), replace=True)


def _load_sectors(b: _Builder) -> None:
    try:
        raw = yaml.safe_load(data_text("sectors.yaml"))
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
    b.gaz.person_nouns = frozenset(str(s).lower() for s in raw.get("person_nouns") or ())


def load_gazetteer(*, phoenix: bool = True, actor_files: Sequence[str] = ()) -> Gazetteer:
    """Build the tables from the package data files (about a second; callers cache it).

    `phoenix=False` leaves out the generated Phoenix tables (the build script merges against the
    rest); `actor_files` are user dictionaries, read last so that they win. The first load in a
    process freezes the objects it holds (gc.freeze), which the cycle collector then skips."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of small records: the cycle collector would rescan them often
    try:
        gaz = _load(phoenix, actor_files)
    finally:
        if collecting:
            gc.enable()
    if collecting and not _FROZE:
        # The tables are some 150,000 long-lived objects in no reference cycle. Left with the
        # cycle collector, each later full collection walks them again, and building the parser
        # and the place gazetteer after them sets off several: that cost `tieline code` about a
        # second of CPU, far more than reading the files. Frozen, the collector skips them (and
        # whatever the process held before); reference counting still frees them when dropped.
        # Once per process, so that later loads (tests, user dictionaries) freeze nothing new;
        # unfrozen at exit where DuckDB was loaded, so that the final collection still frees
        # every cycle (its bindings report leaked objects otherwise); elsewhere the process's
        # end frees them without the collector walking them once more (half a second).
        gc.freeze()
        atexit.register(_unfreeze_for_extensions)
        _FROZE.append(True)
    return gaz


#: Extension modules that report objects left unfreed at exit: when one is loaded, the frozen
#: tables are handed back to the final collection.
EXIT_CHECKED_MODULES = ("duckdb",)


def _unfreeze_for_extensions() -> None:
    if any(name in sys.modules for name in EXIT_CHECKED_MODULES):
        gc.unfreeze()


#: Set once load_gazetteer has frozen the process's objects (see there).
_FROZE: list[bool] = []


def _load(phoenix: bool, actor_files: Sequence[str]) -> Gazetteer:
    b = _Builder()
    countries = _load_countries(b)
    _load_seats(b, countries)
    _load_regions(b, countries)
    _load_peoples(b, countries)
    _load_organisations(b, countries)
    _load_organisations(b, countries, "parties.tsv")
    _load_leaders(b, countries)
    _load_leaders(b, countries, CURRENT_OFFICIALS)
    _load_sectors(b)
    _load_word_lists(b)
    if phoenix:
        _load_phoenix_groups(b, countries)
        _load_phoenix_people(b, countries)
    for path in actor_files:
        load_user_file(b, path, countries)
    b.gaz.finish_loading()
    b.gaz.countries = frozenset(countries)
    return b.gaz


def iter_entries(gaz: Gazetteer) -> Iterable[tuple[tuple[str, ...], CaseRule, Entry]]:
    """Every (tokens, case rule, entry) in the tables (for tests and `--explain` listings)."""
    for bucket in gaz.index.values():
        yield from bucket
