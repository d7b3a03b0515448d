"""Quantity extraction: counts attached to nouns, money with currency, and what is not a quantity."""

from __future__ import annotations

import pytest

from tieline.nlp import load_pipeline
from tieline.quantities import extract_quantities, parse_number
from tieline.records import Quantity


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _q(nlp, text: str, trigger: str | None = None) -> tuple[Quantity, ...]:
    sent = nlp(text)[:]
    trig = next(t for t in sent if t.text == trigger) if trigger else sent.root
    return extract_quantities(sent, trig)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested 66 officers in Ankara.", [("66 officers", 66, "officers", "count")]),
        ("Rebels killed three soldiers near Aleppo.", [("three soldiers", 3, "soldiers", "count")]),
        ("Turkey deployed 1,200 troops to the border.", [("1,200 troops", 1200, "troops", "count")]),
        ("The US pledged $45 million in aid to Pakistan.", [("$45 million", 45e6, "USD", "money")]),
        ("China lent US$1.2 billion to Pakistan.", [("US$1.2 billion", 1.2e9, "USD", "money")]),
        ("The US gave $45m to Pakistan.", [("$45m", 45e6, "USD", "money")]),
        ("Britain gave £2.5bn to Ukraine.", [("£2.5bn", 2.5e9, "GBP", "money")]),
        ("Russia sent 300 million dollars to Syria.", [("300 million dollars", 3e8, "USD", "money")]),
        ("Germany sent two dozen tanks to Ukraine.", [("two dozen tanks", 24, "tanks", "count")]),
    ],
)
def test_quantities(nlp, text, expected):
    got = [(q.text, q.value, q.unit, q.kind) for q in _q(nlp, text)]
    assert got == [(t, pytest.approx(v), u, k) for t, v, u, k in expected]


def test_dates_durations_and_percentages_are_not_quantities(nlp):
    assert _q(nlp, "Turkey attacked Kurdish positions in 2019.") == ()
    assert _q(nlp, "The army shelled the town for three days.") == ()
    assert _q(nlp, "Iran raised oil prices by 5 percent.") == ()


def test_clause_of_another_subject_is_left_to_its_own_event(nlp):
    text = "US forces killed three soldiers, and the Pentagon pledged $45 million in aid."
    assert [q.text for q in _q(nlp, text, "killed")] == ["three soldiers"]
    assert [q.text for q in _q(nlp, text, "pledged")] == ["$45 million"]


def test_participle_consequence_belongs_to_the_event(nlp):
    got = _q(nlp, "Israeli jets struck 12 targets in Gaza, killing 40 people.", "struck")
    assert [q.text for q in got] == ["12 targets", "40 people"]


def test_parse_number():
    assert parse_number(["45", "million"]) == 45e6
    assert parse_number(["two", "hundred", "thousand"]) == 200_000
    assert parse_number(["1,200"]) == 1200
    assert parse_number(["2.5bn"]) == 2.5e9
    assert parse_number(["twenty", "five"]) == 25
    assert parse_number(["soldiers"]) is None
