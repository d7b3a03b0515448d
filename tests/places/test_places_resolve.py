"""Place resolution: named towns, provinces, states and countries, and the actor-country fallback."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tieline.nlp import load_pipeline
from tieline.places import country_place, gazetteer, resolve_place
from tieline.records import Actor, Event


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _event(sentence: str, src: str, tgt: str, quad: int = 4, src_text: str = "", tgt_text: str = "") -> Event:
    def span(text: str) -> tuple[int, int] | None:
        i = sentence.find(text) if text else -1
        return (i, i + len(text)) if i >= 0 else None

    return Event(
        doc_id="d", sentence_index=0, sentence=sentence,
        source=Actor(text=src_text or src, code=src, country=src[:3]),
        target=Actor(text=tgt_text or tgt, code=tgt, country=tgt[:3]),
        source_span=span(src_text), target_span=span(tgt_text),
        cameo="190", cameo_root="19", cameo_name="fight", plover="ASSAULT",
        quad_class=quad, goldstein=-10.0, rule="test",
    )


def _resolve(nlp, sentence: str, **kw):
    doc = nlp(sentence)
    return resolve_place(doc[:], _event(sentence, **kw))


def test_town_after_preposition(nlp):
    sentence = "Turkish troops attacked Kurdish fighters in Manbij on Tuesday."
    place = _resolve(nlp, sentence, src="TUR", tgt="SYR")
    assert place.name == "Manbij" and place.country == "SYR" and place.precision == "city"
    assert 36 < place.latitude < 37 and 37 < place.longitude < 38.5
    assert place.admin1 and place.admin1.startswith("SY.")


def test_alternate_name_keeps_the_texts_spelling(nlp):
    place = _resolve(nlp, "US jets bombed positions near Raqqa.", src="USA", tgt="SYR")
    assert place.name == "Raqqa" and place.country == "SYR" and place.precision == "city"


def test_multiword_town(nlp):
    place = _resolve(nlp, "Rebels attacked soldiers in Deir ez-Zor.", src="SYRREB", tgt="SYRMIL")
    assert place.name == "Deir ez-Zor" and place.country == "SYR"


def test_province_word_gives_admin1_precision(nlp):
    place = _resolve(nlp, "Syrian forces attacked rebels in Idlib province.", src="SYRMIL", tgt="SYRREB")
    assert place.name == "Idlib" and place.precision == "admin1" and place.admin1.startswith("SY.")


def test_us_state(nlp):
    place = _resolve(nlp, "American officials met Chinese envoys in Texas.", src="USA", tgt="CHN", quad=1)
    assert place.name == "Texas" and place.precision == "admin1" and place.admin1 == "US.TX"
    assert 25 < place.latitude < 37 and -107 < place.longitude < -93


def test_town_in_actor_country_wins_over_homonym(nlp):
    # Tripoli is in Libya and in Lebanon; the actors say which.
    place = _resolve(nlp, "Gunmen attacked the police station in Tripoli.", src="LBNREB", tgt="LBNCOP")
    assert place.country == "LBN"
    place = _resolve(nlp, "Gunmen attacked the police station in Tripoli.", src="LBYREB", tgt="LBYCOP")
    assert place.country == "LBY"


def test_actor_name_is_not_the_place(nlp):
    sentence = "Washington imposed sanctions on Pakistan."
    place = _resolve(nlp, sentence, src="USAGOV", tgt="PAK", src_text="Washington", tgt_text="Pakistan")
    # The sentence names no location, so a material event goes to the target's country.
    assert place.precision == "country" and place.country == "PAK" and place.name == "Pakistan"


def test_country_named_after_preposition(nlp):
    sentence = "Russia deployed bombers in Syria."
    place = _resolve(nlp, sentence, src="RUS", tgt="USA", src_text="Russia")
    assert place.precision == "country" and place.country == "SYR"


def test_town_beats_country(nlp):
    sentence = "Turkey detained 1,200 fighters in Afrin, Syria."
    place = _resolve(nlp, sentence, src="TUR", tgt="SYRREB", src_text="Turkey")
    assert place.name == "Afrin" and place.precision == "city"


def test_small_town_named_like_a_person_is_ignored(nlp):
    # Obama is a town in Japan; without "in" and outside the actors' countries it is not a place.
    sentence = "President Obama criticised Iran."
    place = _resolve(nlp, sentence, src="USAGOV", tgt="IRN", quad=3, src_text="President Obama")
    assert place.precision == "country" and place.country == "USA"  # verbal: the source's country


def test_fallback_order_by_quad_class(nlp):
    sentence = "They talked."
    assert _resolve(nlp, sentence, src="PAK", tgt="IND", quad=1).country == "PAK"
    assert _resolve(nlp, sentence, src="PAK", tgt="IND", quad=4).country == "IND"


def test_no_country_at_all(nlp):
    doc = nlp("They talked.")
    un = Actor("UN", "IGOUNO")  # an IGO has no country
    event = replace(_event("They talked.", src="IGOUNO", tgt="IGOUNO"), source=un, target=un)
    assert resolve_place(doc[:], event) is None


def test_country_place_points():
    gaz = gazetteer()
    pak = country_place("PAK", gaz)
    assert pak.precision == "country" and 24 < pak.latitude < 37 and 61 < pak.longitude < 77
    # The centre of Fiji's towns lies near the antimeridian, not at longitude 0.
    assert abs(country_place("FJI", gaz).longitude) > 170
    assert country_place(None) is None and country_place("XXX") is None


def test_washington_is_the_city_and_the_white_house_no_town(nlp):
    sentence = "Pakistani envoys held talks with officials in Washington."
    place = _resolve(nlp, sentence, src="PAK", tgt="USA", quad=1)
    assert place.name == "Washington" and place.precision == "city" and place.country == "USA"
    place = _resolve(nlp, "Pakistani envoys held talks at the White House.", src="PAK", tgt="USA", quad=1)
    assert place.precision == "country"


@pytest.mark.parametrize(
    "sentence",
    [
        "Vladimir Putin praised Syria.",  # Vladimir is a Russian town
        "Russia backed the Arab Spring protests in Syria's neighbours.",  # Spring is a Texan town
        "The UN criticised Russia.",  # Un is a town in India
    ],
)
def test_town_names_inside_other_names_are_not_places(nlp, sentence):
    place = _resolve(nlp, sentence, src="RUS", tgt="SYR", quad=1)
    assert place.precision == "country"


def test_months_and_small_namesakes(nlp):
    place = _resolve(nlp, "Turkey attacked Kurdish fighters in March.", src="TUR", tgt="SYR")
    assert place.precision == "country"  # March is a town in England, and a month
    # An actor's country does not pull a name to a tiny namesake: Damascus, Oregon.
    place = _resolve(nlp, "American envoys met Syrian officials in Damascus.", src="USA", tgt="SYR", quad=1)
    assert place.country == "SYR"
    place = _resolve(nlp, "American envoys met Russian officials in Damascus.", src="USA", tgt="RUS", quad=1)
    assert place.country == "SYR"
    # A town's old name counts for little: Salisbury is the English town, not Harare.
    place = _resolve(nlp, "Russia poisoned a former spy in Salisbury.", src="RUS", tgt="GBR")
    assert place.country == "GBR"
