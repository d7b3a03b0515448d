"""The coder's enrich hook fills place and quantities from the sentence."""

from __future__ import annotations

from tieline.coding.enrich import enrich
from tieline.nlp import load_pipeline
from tieline.records import Actor, Event


def test_enrich_fills_place_and_quantities():
    sentence = "Turkish troops killed three soldiers near Manbij."
    sent = load_pipeline()(sentence)[:]
    trigger = next(t for t in sent if t.text == "killed")
    event = Event(
        doc_id="d", sentence_index=0, sentence=sentence,
        source=Actor("Turkish troops", "TURMIL", "TUR"), target=Actor("soldiers", "SYRMIL", "SYR"),
        source_span=(0, 14), target_span=(28, 36), trigger="killed", trigger_span=(15, 21),
        cameo="190", cameo_root="19", cameo_name="fight", plover="ASSAULT",
        quad_class=4, goldstein=-10.0, rule="test",
    )
    out = enrich(event, sent, trigger)
    assert out.place is not None and out.place.name == "Manbij" and out.place.country == "SYR"
    assert [(q.text, q.value, q.unit) for q in out.quantities] == [("three soldiers", 3.0, "soldiers")]
    # Everything else, including the content-hash id, is unchanged.
    assert (out.event_id, out.source, out.target) == (event.event_id, event.source, event.target)
    flat = out.to_flat()
    assert flat["place_name"] == "Manbij" and flat["place_precision"] == "city"
    assert '"three soldiers"' in flat["quantities"]
