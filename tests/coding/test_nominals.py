"""Nominal event frames on real parses: the noun's own phrase names its participants."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tieline.coding.lexicon import get_lexicon
from tieline.coding.nominals import noun_frame
from tieline.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("en_core_web_sm")


def _frame(nlp: Language, text: str, noun: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.text == noun)
    return noun_frame(tok, get_lexicon())


def test_nationality_modifier_is_the_source_and_the_on_phrase_the_target(nlp: Language) -> None:
    frame = _frame(nlp, "Russian airstrikes on Aleppo killed dozens of civilians on Sunday.", "airstrikes")
    assert frame is not None and frame.entry.code.startswith("19")
    assert [t.text for t in frame.sources] == ["Russian"]
    assert [t.text for t in frame.targets] == ["Aleppo"]


def test_a_hyphenated_pair_are_the_joint_parties(nlp: Language) -> None:
    frame = _frame(nlp, "Israel-Hamas talks resumed in Cairo on Sunday after a week's pause.", "talks")
    assert frame is not None and frame.joint
    assert [t.text for t in frame.targets] == ["Israel", "Hamas"] and frame.sources == []


def test_a_light_verb_lends_its_subject(nlp: Language) -> None:
    frame = _frame(nlp, "The European Union imposed new sanctions on Belarus over the crackdown.", "sanctions")
    assert frame is not None and [t.text for t in frame.sources] == ["Union"]
    assert [t.text for t in frame.targets] == ["Belarus"]


def test_a_figurative_war_is_no_frame(nlp: Language) -> None:
    assert _frame(nlp, "Washington is waging economic warfare against Iran, the envoy said.", "warfare") is None


@pytest.mark.parametrize(("text", "noun", "target"), [
    ("Kurdish fighters are engaged in the fight against Islamic State.", "fight", "State"),
    ("Iraqi troops took the battle to the jihadists in Mosul.", "battle", None),
    ("The Syrian army is locked in combat with the rebels near Idlib.", "combat", "rebels"),
    ("Indian troops were involved in a deadly clash with Chinese soldiers.", "clash", "soldiers"),
])
def test_fighting_written_as_a_noun_is_force(nlp: Language, text: str, noun: str, target: str | None) -> None:
    frame = _frame(nlp, text, noun)
    assert frame is not None and frame.entry.code == "190"
    if target is not None:
        assert target in [t.text for t in frame.targets]


@pytest.mark.parametrize(("text", "noun"), [
    ("Nigeria has stepped up the fight against corruption.", "fight"),
    ("The families began a legal battle with the ministry.", "battle"),
    ("The row became a diplomatic clash with Paris.", "clash"),
])
def test_a_fight_against_a_condition_or_a_battle_of_words_is_no_force(nlp: Language, text: str, noun: str) -> None:
    assert _frame(nlp, text, noun) is None


def test_an_attack_a_party_came_under_keeps_its_frame_without_a_doer(nlp: Language) -> None:
    frame = _frame(nlp, "A Somali police convoy came under attack near Baidoa on Monday.", "attack")
    assert frame is not None and frame.sources == [] and [t.text for t in frame.targets] == ["convoy"]
    # a noun under another verb with no doer is still no frame
    assert _frame(nlp, "Somali police investigated the attack on Monday.", "attack") is None


def test_tariffs_are_sanctions_on_the_named_state(nlp: Language) -> None:
    frame = _frame(nlp, "Washington's new tariffs on Mexico took effect on Tuesday.", "tariffs")
    assert frame is not None and frame.entry.code == "163"
    assert [t.text for t in frame.targets] == ["Mexico"]


@pytest.mark.parametrize(("text", "noun", "source"), [
    ("Syrian security forces came under a calculated attack from Assad loyalists in Latakia.", "attack", "loyalists"),
    ("The convoy came under a deadly attack by Houthi fighters near the port.", "attack", "fighters"),
    ("Villagers described a brutal assault by army units on the market.", "assault", "units"),
])
def test_a_lowercase_adjective_names_no_doer(nlp: Language, text: str, noun: str, source: str) -> None:
    # "calculated", "deadly", "brutal" describe the act; the by- or from-phrase names its doer.
    frame = _frame(nlp, text, noun)
    assert frame is not None
    assert [t.text for t in frame.sources] == [source]


def test_negotiations_between_two_parties_need_no_source(nlp: Language) -> None:
    frame = _frame(nlp, "The arrests prompted sensitive negotiations between the UK and the US governments.",
                   "negotiations")
    assert frame is not None and frame.joint and frame.sources == []
    assert [t.text for t in frame.targets][:1] == ["UK"]
