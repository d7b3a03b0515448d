"""The generated Phoenix tables, their build script, user dictionaries and `lookup`."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from actor_helpers import found_codes, resolve
from spacy.language import Language

from tieline.actors import ActorResolver, get_resolver
from tieline.actors._codes import pick_tenure
from tieline.actors._gazetteer import (
    PHOENIX_GROUPS,
    PHOENIX_PEOPLE,
    Gazetteer,
    load_gazetteer,
)
from tieline.actors._lookup import lookup
from tieline.actors._tokens import fast_tokens, simple_tokens, spacy_tokens
from tieline.config import Config
from tieline.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "tieline" / "actors" / "data"
PHOENIX = ROOT.parent / "shared" / "data" / "dictionaries" / "phoenix"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_actors", ROOT / "scripts" / "build_actors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actors"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return _script()


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


# -- the generated files ---------------------------------------------------------------

def test_generated_tables_hold_the_promised_breadth() -> None:
    people = _rows(PHOENIX_PEOPLE)
    dated = [r for r in people if any(c.split(" ")[2] != "-" or c.split(" ")[3] != "-" for c in r[2].split(";"))]
    assert len(dated) >= 15_000
    assert len(_rows(PHOENIX_GROUPS)) >= 1_000


def test_generated_names_are_spacy_tokens(build: ModuleType) -> None:
    # the loader splits generated names on spaces: they must be exactly spaCy's tokens
    for row in _rows(PHOENIX_PEOPLE)[::7] + _rows(PHOENIX_GROUPS)[::3]:
        name, keys = row[0], row[1].split("|")
        assert keys[0] == " ".join(spacy_tokens(name)), row
        assert all(k == k.strip() and "  " not in k and len(k.split(" ")) >= 1 for k in keys)


def test_generated_tenures_are_well_formed(gaz_full: Gazetteer) -> None:
    bad = [r for r in _rows(PHOENIX_PEOPLE) for c in r[2].split(";") if len(c.split(" ")) != 5]
    assert not bad
    assert gaz_full.countries  # and the whole table loads (DataError otherwise)


def test_the_committed_tables_are_not_stale(build: ModuleType) -> None:
    if not PHOENIX.is_dir():
        pytest.skip(f"the Phoenix dictionaries are not at {PHOENIX} (../shared absent)")
    assert build.main(["--phoenix", str(PHOENIX), "--check"]) == 0


# -- the build script's parts ---------------------------------------------------------

def test_dates_and_spans(build: ModuleType) -> None:
    assert build.parse_date("130511") == date(2013, 5, 11)
    assert build.parse_date("791227") == date(1979, 12, 27)
    assert build.parse_date("20070101") == date(2007, 1, 1)
    assert build.parse_span(">130511") == (date(2013, 5, 11), None)
    assert build.parse_span("<900823") == (None, date(1990, 8, 23))
    assert build.parse_span("791227-861124") == (date(1979, 12, 27), date(1986, 11, 24))
    assert build.parse_span("") == (None, None)
    with pytest.raises(ValueError):
        build.parse_date("9008223")


def test_codes_split_into_base_country_sector_role(build: ModuleType) -> None:
    countries = frozenset({"PAK", "RUS", "AFG"})
    assert build.split_code("PAKGOVMIL", countries) == ("PAK", "PAK", "GOV", "MIL")
    assert build.split_code("USRGOV", countries) == ("RUS", "RUS", "GOV", "")  # Soviet Union -> RUS
    assert build.split_code("MEAREB", countries) == ("IMG", None, "REB", "")  # regional group
    assert build.split_code("IGOUNOJUDICJ", countries) == ("IGOUNO", None, "JUD", "ICJ")
    assert build.split_code("AFGMED", countries) == ("AFG", "AFG", "JRN", "")  # CAMEO MED is the media
    assert build.split_code("KKLREB", countries) is None


def test_display_names(build: ModuleType) -> None:
    assert build.display_name("BAN_KI-MOON_") == "Ban Ki-Moon"
    assert build.display_name("THE_ISLAMIC_FRONT") == "Islamic Front"
    assert build.display_name("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_") == "Aden Abyan Islamic Army"
    assert build.display_name("U.S._MILITARY") == "U.S. Military"
    assert build.display_name("!PERSON!_FARMER") is None


FIXTURE = """\
# a comment line
JANE_QUINTUS_DOE_  # a note
+J._Q._DOE_
+DOE_
\t[PAKGOV 100101-150101]
\t[PAKELI]

NAWAZ_SHARIF_
\t[AFGGOV 900101-930101]

FREE_MOUNTAIN_FRONT_ [PAKREB] # comment
+MOUNTAIN_FRONT_OF_THE_FREE_

PAKISTAN_ARMY_ [PAKMIL]
"""


def test_build_from_a_small_dictionary(build: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(FIXTURE, encoding="utf-8")
    entries = list(build.read_entries(path))
    assert [e.names[0] for e in entries] == ["JANE_QUINTUS_DOE_", "NAWAZ_SHARIF_", "FREE_MOUNTAIN_FRONT_",
                                             "PAKISTAN_ARMY_"]
    b = build.Builder()
    for e in entries:
        b.add_entry(e)
    people = b.people_tsv()
    # the person, their initials alias, not the one-word surname, no undated "ELI"
    assert "Jane Quintus Doe\tJane Quintus Doe|J. Q. Doe\tPAK GOV 2010-01-01 2015-01-01 -" in people
    # ours wins: Nawaz Sharif keeps leaders.tsv's tenures, and the other country is reported
    assert "Nawaz Sharif" not in people
    assert any(c.startswith("Nawaz Sharif: ours PAK, Phoenix AFG") for c in b.conflicts)
    groups = b.groups_tsv()
    assert "Free Mountain Front\tFree Mountain Front|Mountain Front of the Free\t-\tPAK\tREB" in groups
    assert "Pakistan Army" not in groups  # our rules compose "Pakistan" + "army"


# -- loading and resolving -------------------------------------------------------------

@pytest.fixture(scope="module")
def gaz_full() -> Gazetteer:
    return get_resolver().gaz


def test_fast_tokens_agree_with_spacy() -> None:
    for phrase in ["Ban Ki-moon", "U.S. Army", "J. Q. Doe", "O'Brien", "Jean-Marie Le Pen", "al-Qaeda",
                   "cannot", "People's Liberation Army", "Quai d'Orsay", "St. John"]:
        assert list(fast_tokens(phrase)) == spacy_tokens(phrase), phrase
    assert simple_tokens("People's Army") is None  # "'s" is split off: spaCy decides
    assert simple_tokens("gonna") is None  # a tokenizer special case


def test_phoenix_people_resolve_by_date(nlp: Language, resolver: ActorResolver) -> None:
    # people only the Phoenix tables know
    assert found_codes(nlp, resolver, "Tito Mboweni met Chinese officials.", date(2005, 5, 1)) == ["ZAFGOV", "CHNGOV"]
    assert found_codes(nlp, resolver, "Mutale Nalumango met Chinese officials.", date(2004, 5, 1)) == [
        "ZMBGOV", "CHNGOV"]
    assert found_codes(nlp, resolver, "Shaukat Aziz visited Beijing.", date(2005, 5, 1)) == ["PAKGOV", "CHNGOV"]
    # after the last tenure: a former official
    assert found_codes(nlp, resolver, "Shaukat Aziz visited Beijing.", date(2012, 5, 1)) == ["PAKELI", "CHNGOV"]


def test_a_shared_surname_is_told_apart_by_date(nlp: Language, resolver: ActorResolver) -> None:
    # "McConnell": Mitch (US senator from 1985) and Jack (Scotland's first minister 2001-07)
    text = "McConnell criticised the plan."
    assert [m.actor.name for m in resolve(nlp, resolver, text, "McConnell", date(2012, 3, 1))] == ["Mitch McConnell"]
    assert resolve(nlp, resolver, text, "McConnell", date(2004, 3, 1)) == []  # both in office: unresolved
    assert resolve(nlp, resolver, text, "McConnell") == []  # no date, two countries: unresolved


def test_generated_names_need_capitals(nlp: Language, resolver: ActorResolver) -> None:
    assert found_codes(nlp, resolver, "Gunmen of the Armed Communist League attacked.") == ["MEXREB"]
    assert found_codes(nlp, resolver, "an armed communist league of friends attacked.") == []


# -- user dictionaries -------------------------------------------------------------------

USER = """\
# kind\tnames\tcode\tsector\tfrom\tuntil\tnote
person\tJane Quintus Doe|Quintus\tGBR\tGOV\t2024-07-05\t-\tminister
person\tJane Quintus Doe|Quintus\tGBR\tOPP\t2019-12-13\t2024-07-05\tshadow minister
person\tOmar Quintus|Quintus\tEGY\tGOV\t2001-01-01\t2005-01-01\tanother Quintus
person\tNawaz Sharif\tGBR\tGOV\t2000-01-01\t-\ta deliberate correction
group\tFree Hill Front|FHF\tSYR\tREB\t-\t-\tarmed group
org\tGulf Water Council\tIGOGWC\t-\t-\t-\tregional body
"""


@pytest.fixture(scope="module")
def user_resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    path = tmp_path_factory.mktemp("actors") / "mine.tsv"
    path.write_text(USER, encoding="utf-8")
    return get_resolver([path])


def test_user_dictionary_adds_and_corrects(nlp: Language, user_resolver: ActorResolver) -> None:
    r = user_resolver
    assert found_codes(nlp, r, "Jane Quintus Doe met Chinese officials.", date(2025, 1, 1)) == ["GBRGOV", "CHNGOV"]
    assert found_codes(nlp, r, "Quintus met Chinese officials.", date(2021, 1, 1)) == ["GBROPP", "CHNGOV"]
    assert found_codes(nlp, r, "Quintus met Chinese officials.", date(2003, 1, 1)) == ["EGYGOV", "CHNGOV"]
    assert found_codes(nlp, r, "Nawaz Sharif met Chinese officials.", date(2014, 1, 1)) == ["GBRGOV", "CHNGOV"]
    assert found_codes(nlp, r, "FHF fighters shelled Aleppo.") == ["SYRREB", "SYR"]
    assert found_codes(nlp, r, "The Gulf Water Council met.") == ["IGOGWC"]
    # the package resolver is untouched
    assert found_codes(nlp, get_resolver(), "Nawaz Sharif met Chinese officials.", date(2014, 1, 1)) == [
        "PAKGOV", "CHNGOV"]


def test_config_actor_files_reach_the_coder(tmp_path: Path) -> None:
    import tieline

    path = tmp_path / "mine.tsv"
    path.write_text(USER, encoding="utf-8")
    events = tieline.code("Jane Quintus Doe met Chinese officials in Beijing.", date="2025-01-01",
                          config=Config(actor_files=(str(path),)))
    assert {(e.source.code, e.target.code) for e in events} == {("GBRGOV", "CHNGOV")}


@pytest.mark.parametrize(("text", "message"), [
    ("person\tJane Doe\tXXX\tGOV\t-\t-\n", "unknown country or international code 'XXX'"),
    ("person\tJane Doe\tGBR\tBOSS\t-\t-\n", "unknown sector 'BOSS'"),
    ("people\tJane Doe\tGBR\tGOV\t-\t-\n", "unknown kind 'people'"),
    ("person\tJane Doe\tGBR\tGOV\t2024-13-01\t-\n", "bad date '2024-13-01'"),
    ("person\tJane Doe\tGBR\n", "expected 6 tab-separated columns"),
])
def test_bad_user_dictionaries_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_gazetteer(phoenix=False, actor_files=[str(path)])
    assert "bad.tsv line 1" in str(info.value)


def test_a_missing_user_dictionary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_gazetteer(phoenix=False, actor_files=[str(tmp_path / "nope.tsv")])


# -- lookup (tieline actors) ------------------------------------------------------------

def test_lookup_explains_the_tenure_chosen(gaz_full: Gazetteer) -> None:
    rows = lookup(gaz_full, "Nawaz Sharif", date(1998, 5, 28))
    assert len(rows) == 1 and rows[0].exact
    row = rows[0]
    assert (row.kind, row.code, row.status) == ("person", "PAKGOV", "current")
    assert row.chosen is not None and row.chosen.start == date(1997, 2, 17)
    assert row.chosen.source.startswith("leaders.tsv line ")
    later = lookup(gaz_full, "Nawaz Sharif", date(2019, 1, 1))[0]
    assert (later.code, later.status) == ("PAKELI", "former")


def test_lookup_lists_partial_matches(gaz_full: Gazetteer) -> None:
    rows = lookup(gaz_full, "Sharif")
    assert rows and all("sharif" in r.phrase.split(" ") for r in rows)
    phoenix = lookup(gaz_full, "Tito Mboweni", date(2005, 1, 1))[0]
    assert phoenix.chosen is not None and phoenix.chosen.source.startswith(PHOENIX_PEOPLE)
    assert lookup(gaz_full, "Zzyzx Qwerty") == []


def test_pick_tenure_by_holder() -> None:
    from tieline.actors._gazetteer import Tenure

    a = Tenure("IRQ", "IRQ", "GOV", date(2005, 1, 1), date(2010, 1, 1), "Ali Hassan", who="t:1")
    b = Tenure("EGY", "EGY", "GOV", date(2012, 1, 1), None, "Ali Hassan", who="t:2")
    assert pick_tenure((a, b), date(2007, 1, 1)) == (a, "current")
    assert pick_tenure((a, b), date(2013, 1, 1)) == (b, "current")
    assert pick_tenure((a, b), None) == (None, "ambiguous")  # same name, two people
