"""The coder's hook for what a sentence says around an event: where it happened and how much.

The coder calls `enrich` once per event with the parsed sentence and the trigger token; it fills
`Event.place` (tieline.places) and `Event.quantities` (tieline.quantities). Both look-ups are dict
accesses over tables built once per process, so coding stays close to bare spaCy speed.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from tieline.places import resolve_place
from tieline.quantities import extract_quantities
from tieline.records import Event

__all__ = ["enrich"]


def enrich(event: Event, sent: Span, trigger: Token, mentions: object = None) -> Event:
    """The event with its place and quantities filled in from the sentence.

    `mentions` (the coder's actor mentions) is accepted for callers that pass it; actor positions
    are read from the event's own spans.
    """
    place = resolve_place(sent, event)
    quantities = extract_quantities(sent, trigger)
    if place == event.place and quantities == event.quantities:
        return event
    return replace(event, place=place, quantities=quantities)
