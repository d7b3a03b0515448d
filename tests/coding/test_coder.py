"""The coder on real parses: each construction the issue names, on sentences we wrote."""

from __future__ import annotations

import pytest

import tieline
from tieline import Event


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def countries(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country, e.cameo_root) for e in events}


def test_simple_accusation_is_coded_with_sentence_and_spans() -> None:
    events = tieline.code("Pakistan accused India of shelling villages in Kashmir.", date="2019-03-01")
    acc = [e for e in events if e.cameo_root == "11"]
    assert acc, events
    ev = acc[0]
    assert (ev.source.country, ev.target.country) == ("PAK", "IND")
    assert ev.plover == "ACCUSE"
    assert ev.quad_class == 3
    assert ev.sentence[ev.trigger_span[0] : ev.trigger_span[1]] == ev.trigger  # type: ignore[index]
    assert ev.sentence[ev.source_span[0] : ev.source_span[1]].startswith("Pakistan")  # type: ignore[index]
    assert ev.rule.startswith("verbs.yaml:")


def test_negation_blocks_the_act() -> None:
    assert not [e for e in tieline.code("Russia did not sign the treaty with Pakistan.") if e.cameo == "057"]
    assert not [e for e in tieline.code("Iran never attacked Iraq.") if e.cameo_root == "19"]


def test_intent_and_future_become_intent_codes() -> None:
    will = tieline.code("Russia will sign a defence agreement with Pakistan.")
    assert {e.cameo for e in will} == {"030"}
    plans = tieline.code("Russia plans to train Pakistani officers.")
    assert ("RUS", "PAKMIL", "0312") in triples(plans)
    assert not [e for e in plans if e.cameo == "062"]


def test_reported_speech_codes_the_reported_event_not_the_saying() -> None:
    events = tieline.code("Officials in Kabul said Pakistan attacked Afghanistan.")
    assert ("PAK", "AFG", "19") in countries(events)
    assert not [e for e in events if e.cameo_root == "01"]


def test_passive_takes_the_agent_as_source() -> None:
    events = tieline.code("Pakistan was accused by the United States of harbouring militants.")
    assert ("USA", "PAK", "11") in countries(events)


def test_compound_and_symmetric_actors_expand_both_ways() -> None:
    events = tieline.code("Russia and Pakistan signed a defence cooperation agreement in 2014.")
    assert {("RUS", "PAK", "057"), ("PAK", "RUS", "057")} <= triples(events)
    ev = events[0]
    assert ev.date is not None and ev.date.year == 2014 and ev.date_precision == "year"


def test_nominal_events() -> None:
    events = tieline.code("Russia and Pakistan held joint military exercises.")
    assert {("RUS", "PAK", "062"), ("PAK", "RUS", "062")} <= triples(events)
    sanctions = tieline.code("The European Union imposed sanctions on Russia.")
    assert any(e.cameo == "163" and e.target.country == "RUS" for e in sanctions)


def test_in_document_reference_resolves_to_earlier_compound() -> None:
    text = "Russia and Pakistan have grown closer. The two countries began sharing intelligence."
    events = tieline.code(text, date="2018-01-10")
    assert {("RUS", "PAK", "064"), ("PAK", "RUS", "064")} <= triples(events)
    assert all(e.sentence_index == 1 for e in events if e.cameo == "064")


def test_relative_date_resolves_against_document_date() -> None:
    events = tieline.code("Pakistan hosted a meeting with Russia on Monday.", date="2018-09-12")
    assert events and events[0].date is not None
    assert events[0].date.isoformat() == "2018-09-10"
    assert events[0].date_precision == "day"


def test_document_date_is_default() -> None:
    events = tieline.code("China condemned Japan.", date="2017-05-04")
    assert events and events[0].date is not None and events[0].date.isoformat() == "2017-05-04"


@pytest.mark.parametrize(("date", "expected"), [("2018-06-01", "USAGOV"), ("2003-06-01", None)])
def test_leader_resolves_by_document_date(date: str, expected: str | None) -> None:
    events = tieline.code("Trump criticized Pakistan.", date=date)
    sources = {e.source.code for e in events}
    if expected:
        assert expected in sources
    else:
        assert "USAGOV" not in sources


def test_one_event_per_source_target_code_and_stable_ids() -> None:
    text = "Israel attacked Syria and attacked Syria again."
    a = tieline.code(text, doc_id="d1")
    b = tieline.code(text, doc_id="d1")
    assert [e.event_id for e in a] == [e.event_id for e in b]
    assert len({(e.source.code, e.target.code, e.cameo) for e in a}) == len(a)


def test_no_event_without_both_actors() -> None:
    assert tieline.code("The weather was fine and the match ended in a draw.") == []


def test_empty_text_is_a_user_error() -> None:
    with pytest.raises(tieline.InputError):
        tieline.code("   ")


def test_code_many_streams_in_order() -> None:
    docs = ["China condemned Japan.", "The cat sat on the mat.", "Iran threatened Israel."]
    out = list(tieline.code_many(docs, batch_size=2))
    assert [d.text for d, _ in out] == docs
    assert out[1][1] == []
    assert out[0][1] and out[2][1]


def test_headline_and_line_breaks_do_not_break_sentences() -> None:
    text = "Tensions rise on the border\n\nISLAMABAD - Russia and Pakistan held joint military exercises.\n\n"
    events = tieline.code(text, date="2018-09-12")
    assert {("RUS", "PAK", "062"), ("PAK", "RUS", "062")} <= triples(events)
    for ev in events:
        assert "\n" not in ev.sentence and not ev.sentence.startswith("ISLAMABAD")
        assert ev.trigger_span is not None
        assert ev.sentence[ev.trigger_span[0] : ev.trigger_span[1]] == ev.trigger


def test_conditional_future_is_a_threat_and_negated_future_a_refusal() -> None:
    threat = tieline.code("Nigeria will withdraw its troops from Chad unless the president agrees to talks.")
    assert any(e.source.country == "NGA" and e.cameo_root == "13" for e in threat)
    refusal = tieline.code("Lebanon said it will not accept more Syrian refugees.")
    assert any(e.source.country == "LBN" and e.cameo_root == "12" for e in refusal)


def test_mediation_is_the_third_party_acting_on_both_sides() -> None:
    events = tieline.code("Qatar launched a mediation effort between the Emirates and Saudi Arabia.")
    assert {("QAT", "ARE", "045"), ("QAT", "SAU", "045")} <= triples(events)
    assert not [e for e in events if e.source.code in ("ARE", "SAU")]


def test_joint_subjects_are_partners_not_the_place_they_met() -> None:
    events = tieline.code("Israel and Egypt held talks in Amman.")
    assert {e.target.code for e in events} <= {"ISR", "EGY"}
    assert {("ISR", "EGY", "046"), ("EGY", "ISR", "046")} <= triples(events)


def test_code_many_in_worker_processes_keeps_each_documents_date() -> None:
    from datetime import date

    docs = [
        tieline.Document(text="Trump criticized Pakistan.", date=date(2018, 6, 1)),
        tieline.Document(text="Trump criticized Pakistan.", date=date(2003, 6, 1)),
        tieline.Document(text="Iran attacked Iraq on Monday.", date=date(2018, 6, 6)),
    ]
    for n_process in (1, 2):
        out = list(tieline.code_many(docs, n_process=n_process, batch_size=1))
        assert [d.date for d, _ in out] == [d.date for d in docs]
        assert "USAGOV" in {e.source.code for e in out[0][1]}
        assert "USAGOV" not in {e.source.code for e in out[1][1]}
        assert [str(e.date) for e in out[2][1]] == ["2018-06-04"]
    unique = docs[::2]
    out = list(tieline.code_many(unique, n_process=2, batch_size=1))
    assert "USAGOV" in {e.source.code for e in out[0][1]}


def test_speculation_and_obligations_on_no_actor_are_not_coded() -> None:
    assert tieline.code("Iran is unlikely to attack Israel.") == []
    assert tieline.code("The SDF are hardly likely to attack British officials.") == []
    assert tieline.code("The minister said children should not suffer.") == []
    assert ("RUS", "ISR", "100") in triples(tieline.code("Russia says Israel must end its attacks."))


def test_semi_modals_urge_as_should_does() -> None:
    # "needs to" / "ought to" in a reported clause: an appeal to its subject, mapped by its act
    assert ("TURGOV", "USAGOV", "020") in triples(tieline.code("The Turkish president says Washington needs to act."))
    assert ("NGO", "GTM", "0253") in triples(tieline.code("Rights groups said Guatemala needs to release Zamora."))
    # "need" with a noun object is no semi-modal
    assert tieline.code("The minister said Egypt needs more aid.") == []


def test_an_act_in_prospect_is_not_coded() -> None:
    # the of/for-phrase of a prospect noun, or of the verb whose object it is
    scene = tieline.code("Erdogan's threats set the scene for a direct clash between Turkey and the US.")
    assert not any(e.cameo[:2] == "19" for e in scene)
    fears = tieline.code("The row raised fears of a war between India and Pakistan.")
    assert not any(e.cameo[:2] == "19" for e in fears)
    assert not any(e.cameo[:2] == "19" for e in tieline.code("India and Pakistan were on the brink of a war."))
    # a definite act is no prospect: "fears after the attack" follow one that happened
    assert any(e.cameo[:2] == "19" for e in tieline.code("India's attack on Pakistan raised fears of more violence."))
