"""Build tieline's dated actor tables from the Phoenix / PETRARCH-2 actor dictionaries.

    python scripts/build_actors.py [--phoenix ../shared/data/dictionaries/phoenix] [--check]

Reads the TABARI-format actor files (MIT licence, copyright Open Event Data; see NOTICE) and
writes two package data files in tieline's own format:

    src/tieline/actors/data/phoenix_people.tsv   person, aliases, tenures
    src/tieline/actors/data/phoenix_groups.tsv   names, code, country, sector

Only facts are taken: names, codes and dates. Phrases that our hand-made tables already know
(countries, sector words, leaders, organisations) are left out, because ours win on conflict;
people who are in leaders.tsv under the same name keep our tenures, and where Phoenix gives
them another country the conflict is printed. `--check` builds in memory and fails when the
committed files differ (a stale build).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tieline.actors._gazetteer import (  # noqa: E402  (the package is imported from the source tree)
    PHOENIX_GROUPS,
    PHOENIX_PEOPLE,
    SECTOR_CODES,
    load_gazetteer,
)
from tieline.actors._tokens import fast_tokens, spacy_tokens  # noqa: E402

DATA = ROOT / "src" / "tieline" / "actors" / "data"
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "dictionaries" / "phoenix"

#: Phoenix's non-ISO country codes and the codes tieline uses for them (countries.tsv choices:
#: the Soviet Union and Yugoslavia continue as Russia and Serbia, East Germany as Germany).
COUNTRY_MAP = {
    "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB", "SRP": "SRB",
    "DDR": "DEU", "KSV": "KOS", "TMP": "TLS", "CSK": "CZE",
}
#: Region codes of Phoenix's non-state groups: a group active across a region is transnational.
REGION_CODES = frozenset({"INT", "MEA", "SAS", "SEA", "WEU", "EEU", "AFR", "EUR", "ASA", "NAF", "WAF",
                          "EAF", "SAF", "CAS", "LAM", "CAR", "KAS", "BLK", "CAU", "MDT", "SAM", "NMR"})
#: CAMEO sector codes with another name in PLOVER (CAMEO MED is the media, HLH health).
SECTOR_RENAME = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "RAD": "REB", "IRC": "REB",
                 "UIS": "UAF", "NGO": "SOC", "HRI": "SOC", "DEV": "GOV"}
INTERNATIONAL = ("IGO", "IMG", "NGO", "MNC")
#: Words that mark a Phoenix entry as an organisation, not a person, when it has no dates.
_ORG_WORDS = """
association organization organisation council committee union federation agency fund bank institute
commission center centre society foundation league movement front party army brigade brigades group
network alliance international programme program office court forum conference club academy
authority board bureau service corporation company assembly parliament ministry department
secretariat mission force forces organisations organizations initiative coalition federation
cooperation community trust campaign council institution confederation tribunal panel unit agency
university college school church partnership project watch federal national world global
inc corp corporation ltd plc llc holdings co incorporated limited energy systems oil financial trust
state administration jihad military command police guard guards regime junta
"""
ORG_WORDS = frozenset(_ORG_WORDS.split())
#: Our tables' kinds of place: a Phoenix "person" named like one of these is a place.
PLACE_KINDS = frozenset({"country", "adjective", "people", "capital", "region", "seat"})
#: Articles that Phoenix writes before transliterated place names ("AL_'IRAQ_", "AL_KUWAYT_").
ARTICLES = frozenset({"al", "el", "an", "ad", "aj", "ar", "as", "ash", "at", "az", "the"})
#: Words that, with place names, one-word sector titles and particles, make up the name of an
#: office rather than a person ("United States Trade Representative", "Prime Minister of Kosovo").
OFFICE_WORDS = frozenset({"republic", "kingdom", "united", "states", "nations", "supreme", "prime", "vice",
                          "deputy", "under", "director", "trade", "secret", "general"})
#: Tokens kept in lower case in display names.
PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "du", "del", "la", "le", "al",
                       "el", "bin", "ibn", "van", "von", "der", "da", "di", "dos", "das"})
#: Longest dotted abbreviation written in capitals ("U.S.", "U.N.", "J.D.").
MAX_INITIALS = 6
#: Two-digit years up to this are 20xx (the dictionaries end around 2016), later ones 19xx.
TWO_DIGIT_PIVOT = 20

CODE_RE = re.compile(r"\[~?([A-Z-]*)\s*([^\]]*)\]")


@dataclass
class RawEntry:
    names: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date text)
    source: str = ""


def read_entries(path: Path) -> Iterator[RawEntry]:
    """TABARI actor format: a name line, "+" alias lines, then code lines ("[PAKGOV >130511]")."""
    current: RawEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            if raw.strip() == "" and current is not None and current.codes:
                yield current
                current = None
            continue
        codes = CODE_RE.findall(line)
        head = CODE_RE.sub(" ", line).strip()
        if raw[:1] in (" ", "\t") and not head:
            if current is not None:
                current.codes.extend((c, d.strip()) for c, d in codes)
            continue
        if head.startswith("+"):
            if current is not None:
                current.names.extend(n for n in head.split("+") if n.strip())
                current.codes.extend((c, d.strip()) for c, d in codes)
            continue
        if current is not None and current.codes:
            yield current
        current = RawEntry([n for n in head.split("+") if n.strip()], [(c, d.strip()) for c, d in codes], path.name)
    if current is not None and current.codes:
        yield current


def display_name(raw: str) -> str | None:
    """'BAN_KI-MOON_' -> 'Ban Ki-Moon'; None for agent patterns and unusable names."""
    # a note in brackets goes, also one left open ("ULAAN_(ACTING"), and a stray ")"
    name = re.sub(r"\([^)]*(\)|$)|\)", " ", raw).replace("_", " ").strip(" ,.;:-")
    if (not name or any(c in name for c in "!{}<>=*&/\\\"") or any(c.isdigit() for c in name)
            or "a.k.a" in name.lower()):
        return None
    words = []
    for w in name.split():
        low = w.lower()
        if "." in low and len(low) <= MAX_INITIALS:
            words.append(w.upper())  # "U.S.", "J.D."
        elif low in PARTICLES and words:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    if len(words) > 1 and words[0] == "The":
        words = words[1:]  # the resolver reads determiners itself
    return " ".join(words)


def parse_date(text: str) -> Date:
    digits = text.strip()
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy
        return Date(year, int(digits[2:4]), int(digits[4:6]))
    if len(digits) == 8:
        return Date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    raise ValueError(text)


def parse_span(text: str) -> tuple[Date | None, Date | None]:
    text = text.replace(" ", "")
    if not text:
        return None, None
    if text.startswith(">"):
        return parse_date(text[1:]), None
    if text.startswith("<"):
        return None, parse_date(text[1:])
    start, _, end = text.partition("-")
    return parse_date(start), parse_date(end)


def split_code(code: str, countries: frozenset[str]) -> tuple[str, str | None, str | None, str] | None:
    """'PAKGOVMIL' -> ('PAK', 'PAK', 'GOV', 'MIL'): base code, country, sector, rest of the role."""
    code = code.strip("-")
    if len(code) < 3:
        return None
    head, chunks = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    head = COUNTRY_MAP.get(head, head)
    if head in countries:
        base, country = head, head
    elif head in REGION_CODES:
        base, country = "IMG", None
    elif head in INTERNATIONAL:
        base, country = head, None
        if head == "IGO":
            # an IGO keeps its region and organisation chunks ("IGOUNO", "IGOEUREEC")
            while chunks and _sector(chunks[0]) is None and len(base) < 9:
                base += chunks.pop(0)
        elif head == "IMG":
            chunks = [c for c in chunks if _sector(c) is not None] or ["REB"]
    else:
        return None
    sector = None
    rest = []
    for c in chunks:
        s = _sector(c)
        if sector is None and s is not None:
            sector = s
        else:
            rest.append(c)
    return base, country, sector, "".join(rest)


def _sector(chunk: str) -> str | None:
    s = SECTOR_RENAME.get(chunk, chunk)
    return s if s in SECTOR_CODES else None


#: A parsed Phoenix code: (base, country, sector, role), from, until.
Parsed = tuple[tuple[str, str | None, str | None, str], Date | None, Date | None]
#: One tenure as written: base code, sector, from, until, role.
RawTenure = tuple[str, str | None, Date | None, Date | None, str]


@dataclass
class Person:
    name: str
    aliases: list[str]
    tenures: list[RawTenure]
    source: str


class Builder:
    def __init__(self) -> None:
        self.gaz = load_gazetteer(phoenix=False)
        self.stats: Counter[str] = Counter()
        self.conflicts: list[str] = []
        self.people: dict[tuple[str, str], Person] = {}  # (name, country or code) -> person
        self.groups: dict[str, tuple[list[str], str, str | None, str | None]] = {}
        self.ours_people: dict[str, set[str]] = defaultdict(set)  # our leader name -> codes
        self.not_people: list[str] = []  # entries dropped by not_a_person, with the reason
        self.place_words: set[str] = set()  # words of our place names ("united", "states", "kosovar")
        self.title_words: set[str] = set()  # one-word sector words and titles ("president", "army")
        for bucket in self.gaz.index.values():
            for toks, _, e in bucket:
                if e.kind == "person":
                    for t in e.tenures:
                        self.ours_people[t.name.lower()].add(t.code)
                elif e.kind in PLACE_KINDS - {"seat"}:
                    self.place_words.update(toks)
                elif e.kind == "sector" and len(toks) == 1:
                    self.title_words.update(toks)

    def known(self, phrase: str) -> bool:
        toks = tuple(t.lower() for t in fast_tokens(phrase))
        return any(t == toks for t, _, _ in self.gaz.index.get(toks[0], ())) if toks else True

    def starts_known(self, phrase: str) -> bool:
        """A phrase whose first word our tables read as a country, title or sector ("Afghan
        National Army", "UN Secretary-General X"): our rules compose it, no entry needed."""
        first = fast_tokens(phrase)[0].lower()
        # a people spread over several states ("Kurdish") composes nothing: the entry is needed
        return any(
            len(t) == 1 and e.kind != "person" and not (e.kind in ("people", "ethnic") and e.country is None)
            for t, _, e in self.gaz.index.get(first, ())
        )

    def is_place(self, phrase: str) -> bool:
        """A country, capital, demonym, region or seat of our tables, also behind an article and
        apostrophe ("Al 'iraq" is Iraq)."""
        toks = [t.lower() for t in fast_tokens(phrase) if any(c.isalnum() for c in t)]
        if len(toks) > 1 and toks[0] in ARTICLES:
            toks = toks[1:]
        key = tuple(toks)
        return bool(key) and any(t == key and e.kind in PLACE_KINDS for t, _, e in self.gaz.index.get(key[0], ()))

    def not_a_person(self, names: list[str], parsed: list[Parsed]) -> str | None:
        """Why an entry that would pass for a person is a place or an office, or None.

        Phoenix files some countries and places under dated codes to follow changes of
        sovereignty ("IRAQ_ +AL_'IRAQ_ +BAGHDAD_ [IRQ >030320]", "ALMA-ATA_ [USR <911216]
        [KAZ >911216]"), and some offices under a name ("UNITED_STATES_PRESIDENT_"). With dates
        they pass for people, and a person, ranked above a country, would take the place's
        name from countries.tsv. Such an entry is not a person when
          - one of its names is a place of our tables (the whole entry is that place's aliases);
          - every code is a country without a sector (a person always has a role: GOV, ELI ...);
          - its first name is a sector title ("president", "minister") with only place words,
            particles and OFFICE_WORDS beside it: a title, not a name."""
        if any(self.is_place(n) for n in names):
            return "names a place"
        if all(country and sector is None for (_, country, sector, _), _, _ in parsed):
            return "a country code without a role"
        words = [w for w in re.split(r"[\s-]+", names[0].lower()) if any(c.isalnum() for c in w)]
        if any(w in self.title_words for w in words) and all(
                w in self.place_words or w in self.title_words or w in OFFICE_WORDS or w in PARTICLES for w in words):
            return "a title, not a name"
        return None

    def add_entry(self, raw: RawEntry) -> None:
        names = [n for n in (display_name(x) for x in raw.names) if n]
        if not names:
            self.stats["skipped: no usable name"] += 1
            return
        parsed = []
        for code, span in raw.codes:
            split = split_code(code, self.gaz.countries)
            if split is None:
                self.stats[f"skipped code: unknown {code[:3] or '(empty)'}"] += 1
                continue
            try:
                start, end = parse_span(span)
            except ValueError:
                self.stats["skipped code: bad date"] += 1
                continue
            if start and end and end <= start:
                self.stats["skipped code: ends before it starts"] += 1
                continue
            parsed.append((split, start, end))
        if not parsed:
            return
        dated = any(s or e for _, s, e in parsed)
        base, country, sector, _ = parsed[0][0]
        if not dated and country and sector is None:
            self.stats["skipped: country or place name"] += 1  # "[AFG]": a place, countries.tsv's job
            return
        org = any(w.lower().strip(".,") in ORG_WORDS for w in names[0].split()) or base in ("MNC", "NGO")
        if not org and raw.source != "Phoenix.MilNonState.actors.txt" and (dated or _person_like(names[0])):
            why = self.not_a_person(names, parsed)
            if why is None:
                self._add_person(names, parsed, raw.source)
                return
            # an office or body with a role ("Director of Central Intelligence" [USASPY]) is kept
            # as a group, beside the other state bodies there; a place is countries.tsv's job
            roled = any(sec for (_, _, sec, _), _, _ in parsed)
            self.stats[f"not a person ({why}): {'filed as a group' if roled else 'dropped'}"] += 1
            self.not_people.append(f"{names[0]}: {why}, {'filed as a group' if roled else 'dropped'}")
            if not roled:
                return
        self._add_group(names, max(parsed, key=lambda p: p[1] or Date.min)[0])

    def _add_person(self, names: list[str], parsed: list[Parsed], source: str) -> None:
        tenures = []
        for (base, _country, sector, role), start, end in parsed:
            if sector == "ELI" and not (start or end):
                continue  # "[ELI]" after the last office: the resolver codes former officials itself
            tenures.append((base, sector, start, end, role))
        tenures = _without_overlapping_eli(tenures)
        if not tenures:
            return
        canonical = names[0]
        if canonical.lower() in self.ours_people:
            ours = self.ours_people[canonical.lower()]
            theirs = {t[0] for t in tenures}
            if not theirs & ours:
                self.conflicts.append(f"{canonical}: ours {'/'.join(sorted(ours))}, "
                                      f"Phoenix {'/'.join(sorted(theirs))} (kept ours)")
            self.stats["people: already ours"] += 1
            return
        aliases = []
        for n in dict.fromkeys(names):
            if len(fast_tokens(n)) < 2:
                self.stats["aliases dropped: one word"] += 1
            elif self.known(n) or self.starts_known(n):
                self.stats["aliases dropped: our tables know or compose it"] += 1
            else:
                aliases.append(n)
        if not aliases:
            return
        countries = {t[0] for t in tenures if t[0][:3] not in INTERNATIONAL}
        # the same name in an international and a national list is one person (Ban Ki-moon);
        # in two national lists, two people who share a name
        key = (aliases[0].lower(), min(countries) if countries else "INTL")
        other = self.people.get((aliases[0].lower(), "INTL")) if countries else next(
            (p for (n, _), p in self.people.items() if n == aliases[0].lower()), None)
        person = self.people.get(key) or other
        if person is None:
            self.people[key] = Person(aliases[0], aliases[1:], tenures, source)
            return
        self.stats["people: merged duplicates"] += 1
        person.aliases += [a for a in aliases if a != person.name and a not in person.aliases]
        person.tenures = _without_overlapping_eli(person.tenures + [t for t in tenures if t not in person.tenures])

    def _add_group(self, names: list[str], split: tuple[str, str | None, str | None, str]) -> None:
        base, country, sector, _ = split
        kept = []
        for n in dict.fromkeys(names):
            toks = fast_tokens(n)
            if len(toks) < 2 and not _acronym(n):
                self.stats["group names dropped: one word"] += 1
            elif self.known(n) or (len(toks) > 1 and self.starts_known(n)):
                self.stats["group names dropped: our tables know or compose it"] += 1
            else:
                kept.append(n.upper() if _acronym(n) else n)
        if not kept:
            return
        key = kept[0].lower()
        if key in self.groups:
            self.stats["groups: merged duplicates"] += 1
            old = self.groups[key][0]
            old += [k for k in kept if k not in old]
            return
        self.groups[key] = (kept, base, country, sector)

    # -- output ----------------------------------------------------------------------
    def people_tsv(self) -> str:
        lines = [HEADER_PEOPLE]
        # a shared alias must not be claimed by one person twice
        for p in sorted(self.people.values(), key=lambda p: (p.name.lower(), p.tenures[0][0])):
            tenures = sorted(p.tenures, key=lambda t: (t[2] or Date.min, t[0]))
            cells = ";".join(" ".join([b, s or "-", a.isoformat() if a else "-", e.isoformat() if e else "-",
                                       r or "-"]) for b, s, a, e, r in tenures)
            lines.append(f"{p.name}\t{_keys([p.name, *p.aliases])}\t{cells}")
        return "\n".join(lines) + "\n"

    def groups_tsv(self) -> str:
        lines = [HEADER_GROUPS]
        for names, base, country, sector in sorted(self.groups.values(), key=lambda g: g[0][0].lower()):
            intl = base if not country else "-"
            lines.append(f"{names[0]}\t{_keys(names)}\t{intl}\t{country or '-'}\t{sector or '-'}")
        return "\n".join(lines) + "\n"


def _keys(names: list[str]) -> str:
    """Names as the matcher sees them: spaCy's tokens joined by spaces, so loading needs no spaCy."""
    return "|".join(dict.fromkeys(" ".join(spacy_tokens(n)) for n in names))


def _without_overlapping_eli(tenures: list[RawTenure]) -> list[RawTenure]:
    """A dated pre-office "ELI" overlapping a real office would make dates ambiguous (the
    resolver takes the first tenure covering a date): drop it, also when two entries merge."""
    offices = [t for t in tenures if t[1] != "ELI"]
    return offices + [t for t in tenures if t[1] == "ELI" and not any(_overlap(t, o) for o in offices)]


def _overlap(a: RawTenure, b: RawTenure) -> bool:
    a0, a1, b0, b1 = a[2] or Date.min, a[3] or Date.max, b[2] or Date.min, b[3] or Date.max
    return a0 < b1 and b0 < a1


def _person_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w in PARTICLES for w in words)


def _acronym(name: str) -> bool:
    """A short one-word organisation name is an acronym ('IAEA', 'ETA'): matched in capitals only."""
    return " " not in name and "-" not in name and 3 <= len(name) <= 6 and name.isalpha()


HEADER_PEOPLE = """\
# GENERATED by scripts/build_actors.py from the Phoenix / PETRARCH-2 actor dictionaries
# (MIT licence, copyright (c) 2014 Open Event Data; see NOTICE). Do not edit: correct a person in
# leaders.tsv or a user dictionary (docs/actors.md), which win over this file.
# Columns: person, names ("|"; spaCy's tokens joined by spaces, as the matcher sees them, the
# person's own name first), tenures (";"), each "CODE SECTOR FROM UNTIL ROLE": CODE an ISO
# country or an international code, SECTOR a PLOVER sector, dates YYYY-MM-DD (UNTIL exclusive),
# ROLE Phoenix's further sector codes (MIL: defence, BUS: economy), "-" for none."""

HEADER_GROUPS = """\
# GENERATED by scripts/build_actors.py from the Phoenix / PETRARCH-2 actor dictionaries
# (MIT licence, copyright (c) 2014 Open Event Data; see NOTICE). Do not edit: igos.tsv and user
# dictionaries win over this file.
# Columns: name, names ("|"; spaCy's tokens joined by spaces, as the matcher sees them),
# international code ("-" for a national group), country ("-" for none), PLOVER sector ("-")."""

SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="folder with the Phoenix files")
    ap.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    args = ap.parse_args(argv)
    missing = [s for s in SOURCES if not (args.phoenix / s).is_file()]
    if missing:
        print(f"error: {args.phoenix} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    b = Builder()
    for name in SOURCES:
        for entry in read_entries(args.phoenix / name):
            b.add_entry(entry)
    people, groups = b.people_tsv(), b.groups_tsv()
    dated = sum(1 for p in b.people.values() if any(t[2] or t[3] for t in p.tenures))
    print(f"people: {len(b.people)} ({dated} with dated tenures); groups and organisations: {len(b.groups)}")
    for what, n in sorted(b.stats.items()):
        print(f"  {what}: {n}")
    print(f"not people (places and offices that Phoenix dates like people): {len(b.not_people)}")
    for entry_name in b.not_people:
        print(f"  {entry_name}")
    print(f"conflicts with our data (ours kept): {len(b.conflicts)}")
    for c in b.conflicts:
        print(f"  {c}")
    targets = {DATA / PHOENIX_PEOPLE: people, DATA / PHOENIX_GROUPS: groups}
    if args.check:
        stale = [p.name for p, text in targets.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run scripts/build_actors.py", file=sys.stderr)
            return 1
        return 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
