"""Acts named again (coding.anaphora): a reaction to "the attack" targets its doer. Our own sentences."""

from __future__ import annotations

import tieline
from tieline import Event

TRAIN = "Baloch militants attacked a passenger train in Pakistan on Tuesday. "


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def test_condemning_the_attack_condemns_its_doer() -> None:
    events = tieline.code(TRAIN + "The chief minister of Balochistan condemned the attack.")
    assert ("PAKGOV", "PAKREB", "111") in triples(events)
    condemned = next(e for e in events if e.cameo == "111")
    assert condemned.target.resolution.startswith("coref-act:attack")


def test_a_dated_reference_and_violence_in_general_refer_back() -> None:
    dated = tieline.code(TRAIN + "Pakistan's prime minister denounced Tuesday's attack.")
    assert ("PAKGOV", "PAKREB", "111") in triples(dated)
    violence = tieline.code(
        "Israeli police fired rubber bullets at Palestinian worshippers. Turkey condemned the violence."
    )
    assert ("TUR", "ISRCOP", "111") in triples(violence)


def test_an_act_noun_with_its_own_participants_or_no_earlier_doer_is_no_reference() -> None:
    # "the attack on the embassy" may be another attack: its own phrase places it
    other = tieline.code(TRAIN + "Pakistan's prime minister condemned the attack on the embassy in Kabul.")
    assert not any(e.cameo == "111" and e.target.code == "PAKREB" for e in other)
    # nothing told before: no doer to refer to
    assert not any(e.cameo == "111" for e in tieline.code("Pakistan's prime minister condemned the attack."))


def test_the_doer_is_never_the_reacting_side_itself() -> None:
    events = tieline.code("Pakistani troops attacked a militant camp. Pakistan's army defended the attack.")
    assert not any(e.cameo[:2] == "11" for e in events)


def test_backing_a_call_backs_all_who_made_it() -> None:
    events = tieline.code(
        "The United States and Britain called for a meeting of the Security Council. Greece supported the call."
    )
    assert {("GRC", "USA", "051"), ("GRC", "GBR", "051")} <= triples(events)


def test_a_speech_act_noun_with_its_own_content_is_no_reference() -> None:
    # "the call for talks" says what was asked: it may be another call
    events = tieline.code(
        "The United States called for a meeting of the Security Council. Greece supported the call for talks."
    )
    assert not any(e.source.code == "GRC" and e.target.code == "USA" for e in events)
