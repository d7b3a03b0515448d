"""Coding rules that change an act's code from its context: crowd violence, allegations,
unrealised complements. Sentences are our own."""

from __future__ import annotations

import tieline
from tieline import Event


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def test_violence_by_demonstrators_is_a_riot_and_against_them_repression() -> None:
    clash = triples(tieline.code("Egyptian police clashed with demonstrators in Cairo."))
    assert {("EGYCOP", "EGYCVL", "175"), ("EGYCVL", "EGYCOP", "145")} <= clash
    riot = tieline.code("The Iranian consulate was burned by Iraqi protesters.")
    assert [e.cameo for e in riot] == ["145"]
    assert "+crowd:145" in riot[0].rule
    # Arresting protesters is not violent repression; its own code stays.
    arrest = tieline.code("Egyptian police arrested dozens of protesters.")
    assert {e.cameo for e in arrest} == {"173"}


def test_an_alleged_act_is_not_coded_only_the_allegation() -> None:
    events = tieline.code("Iraq alleged that Iran had shelled Basra.")
    assert {(e.source.country, e.target.country, e.cameo_root) for e in events} == {("IRQ", "IRN", "11")}


def test_claiming_ones_own_attack_is_claiming_responsibility() -> None:
    events = tieline.code("The Taliban claimed they had attacked the Afghan army.")
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {("AFGREB", "AFGMIL", "015")}
    assert "own-act" in events[0].rule
