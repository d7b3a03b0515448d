"""A small, hand-made store for analysis, API and browser tests, written through the store's own writer.

The story it tells (all 2019):
- USA–PAK: three cooperative events a month from January to August (two USA→PAK, one PAK→USA),
  then in September five conflict events (a shift), then one cooperative event a month to December.
- RUS–SYR: three cooperative events every month (steady; the busiest dyad).
- TUR–SYR: two material-conflict events a month from March to October.
- IGOUNO–SYR: three verbal-cooperation events in April.
- SYR–SYR: five domestic conflict events in May (left out of international rankings).
- One USA→PAK event without a date (left out of every series).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from pathlib import Path

from tieline.records import Actor, Document, Event, Place
from tieline.store.writer import Batch, StoreWriter

#: quad class -> (CAMEO code, root, name, PLOVER, Goldstein, trigger verb)
CODES = {
    1: ("036", "03", "Express intent to meet or negotiate", "CONSULT", 4.0, "met"),
    2: ("073", "07", "Provide humanitarian aid", "AID", 7.4, "aided"),
    3: ("112", "11", "Accuse", "ACCUSE", -2.0, "accused"),
    4: ("190", "19", "Use conventional military force", "ASSAULT", -10.0, "attacked"),
}
NAMES = {"USA": "Washington", "PAK": "Islamabad", "RUS": "Moscow", "SYR": "Damascus", "TUR": "Ankara",
         "IGOUNO": "The UN"}
PLACES = {
    "PAK": Place("Islamabad", "PAK", "PK.08", 33.72, 73.04, "city"),
    "SYR": Place("Aleppo", "SYR", "SY.09", 36.20, 37.16, "city"),
}


def _actor(code: str, text: str) -> Actor:
    country = None if code.startswith("IGO") else code[:3]
    return Actor(text=text, code=code, country=country, name=text, resolution=f"gazetteer entry {text!r}")


def make_event(
    day: Date | None, src: str, tgt: str, quad: int, doc_id: str, index: int, salt: str = ""
) -> Event:
    cameo, root, name, plover, goldstein, verb = CODES[quad]
    s_text, t_text = NAMES[src], NAMES[tgt]
    when = f" on {day:%d %B %Y}" if day else ""
    sentence = f"{s_text} {verb} {t_text}{when}{salt}."
    s0 = 0
    v0 = len(s_text) + 1
    t0 = v0 + len(verb) + 1
    return Event(
        doc_id=doc_id, sentence_index=index, sentence=sentence,
        source=_actor(src, s_text), target=_actor(tgt, t_text),
        source_span=(s0, len(s_text)), target_span=(t0, t0 + len(t_text)),
        trigger=verb, trigger_span=(v0, v0 + len(verb)),
        cameo=cameo, cameo_root=root, cameo_name=name, plover=plover,
        quad_class=quad, goldstein=goldstein, rule=f"test.{verb}",
        date=day, date_precision="day" if day else None, confidence=0.9,
        place=PLACES.get(tgt if quad in (2, 4) else src),
    )


def schedule() -> list[tuple[Date | None, str, str, int]]:
    """(date, source, target, quad class) of every fixture event."""
    rows: list[tuple[Date | None, str, str, int]] = []
    for m in range(1, 9):
        rows += [(Date(2019, m, 5), "USA", "PAK", 1), (Date(2019, m, 12), "USA", "PAK", 2),
                 (Date(2019, m, 20), "PAK", "USA", 1)]
    rows += [(Date(2019, 9, d), "USA", "PAK", 4) for d in (3, 9, 15)]
    rows += [(Date(2019, 9, 21), "PAK", "USA", 4), (Date(2019, 9, 25), "PAK", "USA", 3)]
    rows += [(Date(2019, m, 10), "USA", "PAK", 1) for m in (10, 11, 12)]
    for m in range(1, 13):
        rows += [(Date(2019, m, d), "RUS", "SYR", 2 if d == 8 else 1) for d in (2, 8, 16)]
    for m in range(3, 11):
        rows += [(Date(2019, m, d), "TUR", "SYR", 4) for d in (6, 18)]
    rows += [(Date(2019, 4, d), "IGOUNO", "SYR", 1) for d in (1, 2, 3)]
    rows += [(Date(2019, 5, d), "SYR", "SYR", 4) for d in (1, 2, 3, 4, 5)]
    rows.append((None, "USA", "PAK", 3))
    return rows


#: Counts the tests check against.
USA_PAK_TOTAL = 8 * 3 + 5 + 3  # dated events only
RUS_SYR_TOTAL = 36
TUR_SYR_TOTAL = 16


def build_store(path: Path) -> Path:
    """Write the fixture store to `path` (a new DuckDB file) and return it."""
    docs: dict[str, tuple[Document, list[Event]]] = {}
    for i, (day, src, tgt, quad) in enumerate(schedule()):
        draft = make_event(day, src, tgt, quad, doc_id="-", index=0, salt=f" ({i})")
        doc = Document(text=draft.sentence, date=day, title=f"{NAMES[src]} and {NAMES[tgt]}",
                       url=f"https://example.org/{i}", source="fixture")
        docs[doc.doc_id] = (doc, [replace(draft, doc_id=doc.doc_id, event_id="")])
    with StoreWriter(path) as writer:
        run = writer.begin_run({"fixture": True}, tieline_version="test", model={})
        writer.write_batch(Batch(coded=[(d, evs, "fixture") for d, evs in docs.values()]), run_id=run)
    return path
