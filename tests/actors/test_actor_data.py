"""The actor data files: coverage, consistency, and clear errors when they are broken."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tieline.actors import _context, _gazetteer, _tables
from tieline.actors._context import Mention
from tieline.actors._gazetteer import Gazetteer, iter_entries, load_gazetteer
from tieline.errors import DataError
from tieline.records import Actor

# The 193 UN member states (ISO 3166-1 alpha-3).
_UN_MEMBERS_TEXT = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM
ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL
NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = _UN_MEMBERS_TEXT.split()

# PLOVER sector codes (PLOVER manual, "Sector Codes").
PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
    "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}

DATA = Path(_gazetteer.__file__).parent / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_every_un_member_has_a_name_an_adjective_and_a_capital() -> None:
    assert len(UN_MEMBERS) == 193
    rows = {r[0]: r for r in _rows("countries.tsv")}
    assert set(UN_MEMBERS) <= set(rows)
    no_adjective = {"COG", "DMA"}  # "Congolese" and "Dominican" belong to COD and DOM
    city_states = {"BEL", "DJI", "LUX", "MDV", "MCO", "SMR", "STP", "SYC", "SGP"}  # capital = name
    for iso in UN_MEMBERS:
        _, names, adjectives, _, capitals = rows[iso]
        assert names != "-", iso
        assert adjectives != "-" or iso in no_adjective, iso
        assert capitals != "-" or iso in city_states, iso


def test_every_data_file_explains_itself() -> None:
    for name in ("countries.tsv", "seats.tsv", "regions.tsv", "igos.tsv", "leaders.tsv", "sectors.yaml",
                 "peoples.tsv", "common_names.txt"):
        first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), name


def test_sectors_are_plover_codes(gaz: Gazetteer) -> None:
    sectors = {e.sector for _, _, e in iter_entries(gaz) if e.sector}
    tenure_sectors = {t.sector for _, _, e in iter_entries(gaz) for t in e.tenures if t.sector}
    assert sectors | tenure_sectors <= PLOVER_SECTORS
    assert gaz.dominant_sectors <= PLOVER_SECTORS


def test_leader_tenures_are_well_formed() -> None:
    rows = _rows("leaders.tsv")
    assert len({r[0] for r in rows}) >= 200
    for person, _aliases, code, sector, start, end, role in rows:
        assert role, person
        assert sector in PLOVER_SECTORS, person
        assert re.fullmatch(r"[A-Z]{3,}", code), person
        if start and end:
            assert date.fromisoformat(start) < date.fromisoformat(end), person


def test_seats_and_groups_name_reasons() -> None:
    for name, min_cols in (("seats.tsv", 4), ("igos.tsv", 7), ("regions.tsv", 3)):
        for row in _rows(name):
            assert len(row) >= min_cols and row[min_cols - 1].strip(), (name, row[0])


def test_every_phrase_maps_to_a_known_country(gaz: Gazetteer) -> None:
    for toks, _case, e in iter_entries(gaz):
        for country in [e.country, *(t.country for t in e.tenures)]:
            assert country is None or country in gaz.countries, toks


def test_common_names_resolve(gaz: Gazetteer) -> None:
    def kinds(phrase: str) -> set[str]:
        words = tuple(phrase.split())
        return {e.kind for toks, _, e in gaz.index.get(words[0], ()) if toks == words}

    for phrase, kind in [("pakistan", "country"), ("pakistani", "adjective"), ("pakistanis", "people"),
                         ("islamabad", "capital"), ("kremlin", "seat"), ("nato", "igo"),
                         ("taliban", "group"), ("putin", "person"), ("officials", "sector"),
                         ("darfur", "region")]:
        assert kind in kinds(phrase), phrase


#: Kinds of our own place phrases (countries.tsv names, adjectives, demonyms and capitals;
#: seats.tsv; regions.tsv) that no generated person may be named after.
PLACE_KINDS = {"country", "adjective", "people", "capital", "seat", "region"}


def _place_key(phrase: str) -> tuple[str, ...]:
    """'Al ' iraq' -> ('iraq',): lowercase words, punctuation and a leading article dropped, so a
    place that Phoenix writes with an Arabic or English article is still recognised."""
    words = tuple(w for w in phrase.lower().split() if re.search(r"\w", w))
    return words[1:] if len(words) > 1 and words[0] in ("al", "el", "the") else words


def test_no_generated_person_is_named_after_a_place() -> None:
    # the build script must drop Phoenix's dated country entries ("Al 'iraq", "Al Kuwayt"): as a
    # person, which ranks above a country, such a name would also shadow our own place
    places = {toks for toks, _, e in iter_entries(load_gazetteer(phoenix=False)) if e.kind in PLACE_KINDS}
    assert len(places) > 1_000  # the gazetteer's places are really there
    named_after_places = [
        (row[0], alias) for row in _rows(_gazetteer.PHOENIX_PEOPLE) for alias in row[1].split("|")
        if _place_key(alias) in places
    ]
    assert not named_after_places


def test_generated_people_have_whole_names() -> None:
    # a name is two words or more, without a note's bracket ("Hammarskjold )", "Todorov ( acting")
    broken = [alias for row in _rows(_gazetteer.PHOENIX_PEOPLE) for alias in row[1].split("|")
              if "(" in alias or ")" in alias or len([w for w in alias.split() if re.search(r"\w", w)]) < 2]
    assert not broken


def test_the_generated_tables_take_no_place_phrase(gaz: Gazetteer) -> None:
    # every phrase that is a place without the generated tables is still that place with them
    ours = {toks: e.kind for toks, _, e in iter_entries(load_gazetteer(phoenix=False)) if e.kind in PLACE_KINDS}
    taken = [(" ".join(toks), e.kind) for toks, _, e in iter_entries(gaz) if toks in ours and e.kind != ours[toks]]
    assert not taken


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("countries.tsv", "PAK\tPakistan\n", "expected 5 tab-separated columns"),
        ("countries.tsv", "pak\tPakistan\tPakistani\t-\tIslamabad\n", "bad code"),
        ("leaders.tsv", "X Y\t\tPAK\tGOV\t2020-13-01\t\trole\n", "bad date"),
        ("leaders.tsv", "X Y\t\tXXX\tGOV\t\t\trole\n", "unknown country"),
        ("sectors.yaml", "groups: [\n", "not valid YAML"),
    ],
)
def test_broken_data_raises_data_error(monkeypatch: pytest.MonkeyPatch, name: str, text: str,
                                       message: str) -> None:
    real = _tables.data_text
    # (the tables are read through _tables; YAML and word lists through the gazetteer's import)
    for module in (_tables, _gazetteer):
        monkeypatch.setattr(module, "data_text", lambda n: text if n == name else real(n))
    with pytest.raises(DataError, match=message):
        load_gazetteer()


# -- accuracy floor on the public PLOVER gold standard (skipped without ../shared) ----------------

def _shared() -> Path:
    env = os.environ.get("TIELINE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


#: Share of PLOVER gold actors whose country (or IGO/NGO) find_in gets right; measured 0.88.
MIN_GOLD_COUNTRY_RECALL = 0.8


def test_plover_gold_actor_countries() -> None:
    path = _shared() / "data" / "gold" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        pytest.skip(f"PLOVER gold standard not found at {path} (../shared absent)")
    from tieline.actors import get_resolver
    from tieline.nlp import load_pipeline

    legacy = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}  # pre-ISO codes in the gold file
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))[1:] if r.get("text")]
    nlp, resolver = load_pipeline(), get_resolver()
    total = hits = 0
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        found = resolver.find_in(doc[:])
        for role in ("source", "target"):
            actors = rec.get(role)
            for a in actors if isinstance(actors, list) else ():
                text = " ".join(a["actorText"].split(" ..")[0].split())
                pos = rec["text"].lower().find(text.lower())
                if pos < 0:
                    continue  # the gold text and the sentence disagree
                total += 1
                code = legacy.get(a["code"], a["code"])
                near = [m for m in found if m.start < pos + len(text) and pos < m.end]
                hits += any(m.actor.country == code or (code in ("IGO", "NGO", "IMG") and
                                                        m.actor.code.startswith(code)) for m in near)
    assert total > 500
    assert hits / total >= MIN_GOLD_COUNTRY_RECALL, f"{hits}/{total}"


# -- given names (given_names.txt): the gender "he" and "she" agree with ------------------------

def _person(text: str, name: str | None = None) -> Mention:
    return Mention(Actor(text=text, code="DEUGOV", country="DEU", sector="GOV", name=name), 0, len(text),
                   is_person=True)


def test_given_names_and_titles_say_a_persons_gender() -> None:
    assert _context._gender(_person("Angela Merkel")) == "f"
    assert _context._gender(_person("Merkel", name="Angela Merkel")) == "f"  # a bare surname, by the full name
    assert _context._gender(_person("Olaf Scholz")) == "m"
    assert _context._gender(_person("Mr Smith")) == "m"
    assert _context._gender(_person("Alex Smith")) is None  # not listed: either pronoun may take it
    assert _context._gender(_person("Sheikh Hasina")) is None  # a male title and a female name disagree


def test_the_given_name_lists_do_not_overlap() -> None:
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in _gazetteer.data_text("given_names.txt").splitlines():
        word = line.split("#", 1)[0].strip()
        if word.startswith("["):
            current = sections.setdefault(word, set())
        elif word:
            current.add(word)
    assert set(sections) == {"[female]", "[male]"} and not sections["[female]"] & sections["[male]"]


def test_a_broken_given_names_file_raises_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_context, "data_text", lambda n: "angela\n[female]\n")
    _context._given_names.cache_clear()
    try:
        with pytest.raises(DataError, match="before \\[female\\] or \\[male\\]"):
            _context._given_names()
    finally:
        _context._given_names.cache_clear()
