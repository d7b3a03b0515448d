"""Top dyads by volume and change, partners, network, countries, summary."""

from __future__ import annotations

import pytest
from analysis_fixtures import RUS_SYR_TOTAL, TUR_SYR_TOTAL, USA_PAK_TOTAL

from tieline.analysis import countries, network, partners, summary, top_dyads
from tieline.errors import ConfigError


def test_top_by_volume(con):
    top = top_dyads(con)
    assert [(d.a, d.b, d.n_events) for d in top] == [
        ("RUS", "SYR", RUS_SYR_TOTAL), ("PAK", "USA", USA_PAK_TOTAL), ("SYR", "TUR", TUR_SYR_TOTAL),
        ("IGOUNO", "SYR", 3),
    ]
    assert top[0].a_name == "Russia" and top[0].index == 1.0 and top[2].index == -1.0
    assert top[1].q4 == 4 and top[1].q3 == 1


def test_top_domestic_directed_and_ranges(con):
    assert ("SYR", "SYR", 5) in [(d.a, d.b, d.n_events) for d in top_dyads(con, include_domestic=True)]
    directed = [(d.a, d.b) for d in top_dyads(con, directed=True, limit=3)]
    assert directed == [("RUS", "SYR"), ("USA", "PAK"), ("TUR", "SYR")]
    march = top_dyads(con, start="2019-03-01", end="2019-03-31")
    assert [(d.a, d.n_events) for d in march] == [("PAK", 3), ("RUS", 3), ("SYR", 2)]


def test_top_by_change(con):
    # Default window: the last 90 days of data (to 2019-12-16) against the 90 before.
    top = top_dyads(con, by="change")
    first = top[0]
    assert (first.a, first.b) == ("PAK", "USA")
    assert first.index_change == pytest.approx(first.index - first.prev_index)
    assert first.index_change < 0 and first.count_change == first.n_events - first.prev_n_events
    # An explicit window: September against August.
    sep = top_dyads(con, by="change", start="2019-09-01", end="2019-09-30")
    assert (sep[0].a, sep[0].b, sep[0].index, sep[0].prev_index) == ("PAK", "USA", -1.0, 1.0)
    assert sep[0].index_change == -2.0


@pytest.mark.parametrize("kwargs", [{"by": "size"}, {"limit": 0}, {"limit": 10_000}, {"start": "yesterday"}])
def test_top_bad_arguments(con, kwargs):
    with pytest.raises(ConfigError):
        top_dyads(con, **kwargs)


def test_partners(con):
    got = partners(con, "SYR")
    assert [(p.partner, p.n_events, p.n_sent, p.n_received) for p in got] == [
        ("RUS", RUS_SYR_TOTAL, 0, RUS_SYR_TOTAL),
        ("TUR", TUR_SYR_TOTAL, 0, TUR_SYR_TOTAL),
        ("IGOUNO", 3, 0, 3),
    ]
    pak = partners(con, "pak")
    assert [(p.partner, p.n_sent, p.n_received) for p in pak] == [("USA", 10, 22)]
    assert partners(con, "FRA") == []
    with pytest.raises(ConfigError):
        partners(con, "France")


def test_network(con):
    net = network(con)
    edges = {(e.a, e.b) for e in net.edges}
    assert edges == {("RUS", "SYR"), ("PAK", "USA"), ("SYR", "TUR"), ("IGOUNO", "SYR")}
    nodes = {n.id: n.n_events for n in net.nodes}
    assert nodes["SYR"] == RUS_SYR_TOTAL + TUR_SYR_TOTAL + 3 and nodes["USA"] == USA_PAK_TOTAL
    strong = network(con, min_events=20)
    assert {(e.a, e.b) for e in strong.edges} == {("RUS", "SYR"), ("PAK", "USA")}
    assert {n.id for n in strong.nodes} == {"RUS", "SYR", "PAK", "USA"}
    with pytest.raises(ConfigError):
        network(con, min_events=0)


def test_countries_and_summary(con):
    got = {c.code: c.n_events for c in countries(con)}
    assert got["SYR"] == RUS_SYR_TOTAL + TUR_SYR_TOTAL + 3 + 5  # the domestic events count once each
    s = summary(con)
    assert (s.n_events, s.n_dated, s.n_dyads) == (93, 92, 4)
    assert str(s.first_date) == "2019-01-02" and str(s.last_date) == "2019-12-16"
    assert s.n_documents == 93
    assert s.to_dict()["first_date"] == "2019-01-02"
