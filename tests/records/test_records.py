"""The data contract: JSON and flat-row round trips of the frozen records."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from tieline import Actor, Document, Event, Place, Quantity
from tieline.records import identity_text, make_doc_id


def sample_event(**changes: object) -> Event:
    ev = Event(
        doc_id="abc",
        sentence_index=2,
        sentence="Russia and Pakistan signed a defence cooperation agreement in 2014.",
        source=Actor(text="Russia", code="RUS", country="RUS", name="Russian Federation", resolution="country"),
        target=Actor(text="Pakistani officers", code="PAKMIL", country="PAK", sector="MIL", name="Pakistan"),
        cameo="057",
        cameo_root="05",
        cameo_name="Sign formal agreement",
        plover="AGREE",
        quad_class=1,
        goldstein=8.0,
        rule="verbs.yaml:diplomatic_cooperation:sign->057",
        trigger="signed",
        source_span=(0, 6),
        target_span=(11, 19),
        trigger_span=(20, 26),
        date=date(2014, 1, 1),
        date_precision="year",
        confidence=0.9,
        place=Place(name="Islamabad", country="PAK", latitude=33.7, longitude=73.1, precision="city"),
        quantities=(Quantity(text="66 officers", value=66, unit="officers"),),
    )
    return dataclasses.replace(ev, **changes) if changes else ev


def test_event_json_round_trip() -> None:
    ev = sample_event()
    back = Event.from_json(ev.to_json())
    assert back == ev
    assert json.loads(ev.to_json())["cameo"] == "057"


def test_event_flat_round_trip() -> None:
    ev = sample_event()
    assert Event.from_flat(ev.to_flat()) == ev
    minimal = sample_event(place=None, quantities=(), source_span=None)
    assert Event.from_flat(minimal.to_flat()) == minimal


def test_event_id_is_a_content_hash() -> None:
    a, b = sample_event(), sample_event(confidence=0.1)
    assert a.event_id == b.event_id
    assert a.event_id != sample_event(cameo="062").event_id
    assert a.event_id != sample_event(sentence_index=3).event_id


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample_event().cameo = "010"  # type: ignore[misc]


def test_document_id_is_content_hash() -> None:
    d = Document(text="Some text")
    assert d.doc_id == make_doc_id("Some text")
    assert Document.from_dict(d.to_dict()) == d
    dated = Document(text="x", date=date(2020, 1, 2))
    assert Document.from_dict(json.loads(json.dumps(dated.to_dict()))) == dated


def test_document_id_comes_from_normalised_text() -> None:
    body = "Russia and China signed a pact.\n\nR&B stars met in Paris."
    as_text = Document(text=f"Pact signed\n\n{body}", title="Pact signed")  # a text file's headline line
    as_feed = Document(text="Pact signed\n\nRussia and China signed a pact.\nR&amp;B stars met in Paris.",
                       title="Pact signed")
    as_page = Document(text="Russia and China  signed a pact.\nR&B stars met in Paris.  ", title="Pact signed")
    assert as_text.doc_id == as_feed.doc_id == as_page.doc_id == make_doc_id(body)
    assert make_doc_id("Caf\u00e9") == make_doc_id("Cafe\u0301")  # NFC
    assert make_doc_id("Turkey met Syria.", "T") == make_doc_id("Turkey met Syria.")  # whole headline only
    assert make_doc_id("Pact signed", "Pact signed") != make_doc_id("")  # a text that is only its headline
    assert make_doc_id("A different story.") != make_doc_id(body)


def test_document_id_of_text_with_lone_surrogates() -> None:
    assert make_doc_id("China criticised Japan \ud800 today.") == make_doc_id("China criticised Japan \ufffd today.")
    assert identity_text(" a\u2028b\t c ") == "a b c"
