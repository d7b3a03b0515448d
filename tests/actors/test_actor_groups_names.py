"""People without a sector, peoples living in other states, common-name leaders, non-agent heads."""

from __future__ import annotations

from datetime import date

import pytest
from actor_helpers import codes as _codes
from actor_helpers import found_codes as _found
from actor_helpers import head as _head
from actor_helpers import resolved_codes as _resolve
from spacy.language import Language

from tieline.actors import ActorResolver, DocumentContext, pick_tenure
from tieline.actors._gazetteer import load_gazetteer

# -- people and groups with no sector of their own ---------------------------------------------

@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Iraqi suspects were questioned.", "suspects", "IRQCVL"),
        ("Syrian households lost power.", "households", "SYRCVL"),
        ("Afghan inmates rioted.", "inmates", "AFGCVL"),
        ("Egyptian passengers were stranded.", "passengers", "EGYCVL"),
        ("Somali immigrants protested.", "immigrants", "SOMREF"),
        ("Nigerian gunmen killed two villagers.", "gunmen", "NGAUAF"),
        ("Colombian paramilitaries attacked the village.", "paramilitaries", "COLPRM"),
        ("Somali jihadists attacked the base.", "jihadists", "SOMREB"),
    ],
)
def test_sectorless_people(nlp: Language, resolver: ActorResolver, text: str, word: str, code: str) -> None:
    assert _resolve(nlp, resolver, text, word) == [code]


def test_suspected_does_not_turn_militants_into_criminals(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Police arrested suspected Somali militants.", "militants") == ["SOMREB"]


def test_a_named_groups_gunmen_keep_the_groups_sector(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Taliban gunmen attacked the checkpoint.", "gunmen") == ["AFGREB"]


# -- peoples living in another state ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The Albanians of southern Serbia demanded autonomy.", "Albanians", "SRB"),
        ("Ethnic Albanians in Macedonia protested.", "Albanians", "MKD"),
        ("Kurds in Turkey protested.", "Kurds", "TUR"),
        ("Tamils in India marched.", "Tamils", "IND"),
        ("Chechens attacked the convoy.", "Chechens", "RUS"),
        ("Uighurs protested in Urumqi.", "Uighurs", "CHN"),
        ("Rohingya fled to Bangladesh.", "Rohingya", "MMR"),
        ("Palestinians threw stones.", "Palestinians", "PSE"),
    ],
)
def test_peoples_take_their_state_of_residence(nlp: Language, resolver: ActorResolver, text: str, word: str,
                                               code: str) -> None:
    assert _resolve(nlp, resolver, text, word) == [code]


def test_peoples_of_several_states_need_a_location(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Kurds protested on Sunday.", "Kurds") == []
    assert _resolve(nlp, resolver, "Kashmiris protested on Sunday.", "Kashmiris") == []


def test_nationals_abroad_stay_nationals(nlp: Language, resolver: ActorResolver) -> None:
    # "in" moves only ethnic groups: Americans in Iraq are still Americans
    assert _resolve(nlp, resolver, "Americans in Iraq were attacked.", "Americans") == ["USA"]


# -- leaders' names that are also common names ---------------------------------------------------

def test_bare_common_surname_undated_is_not_the_leader(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Johnson accuses British sprinters", "Johnson") == []
    assert "GBRGOV" not in _found(nlp, resolver, "Johnson accuses British sprinters")


def test_other_first_name_is_checked_when_scanning(nlp: Language, resolver: ActorResolver) -> None:
    text = "Former Olympic champion Michael Johnson criticised the athletes."
    assert _found(nlp, resolver, text) == []
    assert _found(nlp, resolver, "Sharon Osbourne said the show was over.") == []


@pytest.mark.parametrize("text", ["Mr Johnson said the plan would fail.",
                                  "Prime Minister Johnson said the plan would fail."])
def test_title_or_honorific_vouches_for_a_common_name(nlp: Language, resolver: ActorResolver, text: str) -> None:
    assert _resolve(nlp, resolver, text, "Johnson") == ["GBRGOV"]


def test_common_name_within_tenure_or_after_full_name(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Johnson said the plan would fail.", "Johnson",
                    when=date(2020, 5, 1)) == ["GBRGOV"]
    doc = nlp("Boris Johnson spoke first. Later Johnson said the plan would fail.")
    ctx = DocumentContext()
    johnsons = [t for t in doc if t.text == "Johnson"]
    first = resolver.resolve(johnsons[0], context=ctx)
    ctx.remember(first)
    assert _codes(first) == ["GBRGOV"]
    assert _codes(resolver.resolve(johnsons[1], context=ctx)) == ["GBRGOV"]


def test_distinctive_surname_still_resolves_undated(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Putin said the plan would fail.", "Putin") == ["RUSGOV"]


def test_undated_person_roles() -> None:
    gaz = load_gazetteer()

    def tenures(alias: str):  # noqa: ANN202 - test helper
        [entry] = [e for toks, _, e in gaz.index[alias] if toks == (alias,)]
        return entry.tenures

    # a rebel turned premier is taken in the latest role; one who served Norway and NATO, the longest
    assert pick_tenure(tenures("prachanda"), None)[0].sector == "GOV"  # type: ignore[union-attr]
    assert pick_tenure(tenures("stoltenberg"), None)[0].code == "IGOWSTNAT"  # type: ignore[union-attr]


# -- non-agent heads -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The South African film version opens next week.",
    "The British cross country team won gold.",
    "UK Athletics agreed a deal with a drinks firm.",
    "The England captain praised the bowlers.",
])
def test_descriptions_of_things_and_sides_are_not_actors(nlp: Language, resolver: ActorResolver,
                                                         text: str) -> None:
    assert _found(nlp, resolver, text) == []


def test_official_teams_and_officers_remain_actors(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "The US negotiating team arrived.", "team") == ["USA"]
    assert _resolve(nlp, resolver, "An Israeli captain was wounded.", "captain") == ["ISRMIL"]
    assert _resolve(nlp, resolver, "An Israeli company won the contract.", "company") == ["ISRBUS"]



def test_ethnic_group_placed_by_its_clause(nlp: Language, resolver: ActorResolver) -> None:
    text = "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia."
    [m] = resolver.resolve(_head(nlp(text), "Albanians"))
    assert m.actor.code == "SRB" and m.actor.text == "Up to 100 ethnic Albanians"


def test_abbreviated_rank_is_not_a_first_name(nlp: Language, resolver: ActorResolver) -> None:
    text = "Lt. Gen. Prosper Avril resigned yesterday."
    assert _resolve(nlp, resolver, text, "Avril") == ["HTIGOV"]


def test_nationality_before_an_ethnic_group_wins(nlp: Language, resolver: ActorResolver) -> None:
    assert _resolve(nlp, resolver, "Some 800,000 Iraqi Kurds sought refuge in Germany.", "Kurds") == ["IRQ"]
