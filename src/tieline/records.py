"""Frozen, typed records: the contract between pipeline stages.

Every stage takes and returns these records, so a stage can run in-process, in a
worker process or in a Spark executor unchanged. Each record has a JSON form
(`to_dict` / `from_dict`); `Event.to_flat` gives the one-row-per-event shape the
store and the CSV/Parquet exports use.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import date as Date
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "decade"]
Span = tuple[int, int]

__all__ = [
    "Actor",
    "DatePrecision",
    "Document",
    "Event",
    "Place",
    "Quantity",
    "Sentence",
    "Span",
    "identity_text",
    "make_doc_id",
]


_WHITESPACE = re.compile(r"\s+")
# Lone UTF-16 surrogates (from JSON "\\ud800" escapes or undecodable bytes) cannot be encoded.
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def identity_text(text: str, title: str | None = None) -> str:
    """The form of a text its document id is computed from.

    HTML entities are unescaped (feeds keep ``R&amp;B``), the text is put in Unicode NFC,
    every run of whitespace (line breaks and paragraph gaps included) becomes one space,
    lone surrogates become U+FFFD, and a leading copy of the headline is dropped: the same
    article read from a feed (headline prepended), a page (headline in the metadata) and a
    text file (headline on the first line) is then one document.
    """
    norm = _normal(text)
    if title:
        head = _normal(title)
        if head and norm.startswith(head + " "):  # the whole headline, then more text
            norm = norm[len(head) + 1:]
    return norm


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", html.unescape(_SURROGATES.sub("\ufffd", text)))
    return _WHITESPACE.sub(" ", text).strip()


def make_doc_id(text: str, title: str | None = None) -> str:
    """Content hash of a document's normalised text (see `identity_text`): the same article
    always gets the same id, whatever its source's entities, whitespace or headline."""
    return hashlib.sha256(identity_text(text, title).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One news item as it enters the pipeline."""

    text: str
    doc_id: str = ""
    date: Date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    #: How precise `date` is: a user's "2018-09" is a month (None: a day, when there is a date).
    date_precision: DatePrecision | None = None

    def __post_init__(self) -> None:
        if not self.doc_id:
            object.__setattr__(self, "doc_id", make_doc_id(self.text, self.title))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        raw = d.get("date")
        return cls(
            text=d["text"],
            doc_id=d.get("doc_id") or "",
            date=Date.fromisoformat(raw) if raw else None,
            title=d.get("title"),
            url=d.get("url"),
            source=d.get("source"),
            language=d.get("language") or "en",
            date_precision=d.get("date_precision"),
        )


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document, with its character offsets in the document text."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(**{f.name: d[f.name] for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: who the text names, as a CAMEO-style code.

    `code` is the full CAMEO-style code (country + sector, e.g. ``PAKMIL``; an IGO
    such as ``IGOUNO``). `country` is ISO-3166 alpha-3 or None for IGOs and
    non-state actors without a country. `resolution` says how the text was
    resolved (gazetteer entry, title, coreference) for ``--explain``.
    """

    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    resolution: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            text=d.get("text") or "",
            code=d["code"],
            country=d.get("country"),
            sector=d.get("sector"),
            name=d.get("name"),
            resolution=d.get("resolution") or "",
        )


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened."""

    name: str
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # "city", "admin1", "country"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            name=d["name"],
            country=d.get("country"),
            admin1=d.get("admin1"),
            latitude=d.get("latitude"),
            longitude=d.get("longitude"),
            precision=d.get("precision"),
        )


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or amount the sentence attaches to an event ("66 officers", "$45 million")."""

    text: str
    value: float
    unit: str | None = None  # e.g. "officers", "USD"
    kind: str = "count"  # "count" or "money"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value is not None else None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, and the sentence that says so.

    Offsets (`source_span`, `target_span`, `trigger_span`) are character offsets
    into `sentence`. `event_id` is a content hash of (doc_id, sentence_index,
    source code, target code, cameo) so coding the same text twice never
    duplicates an event.
    """

    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str
    cameo_name: str
    plover: str
    quad_class: int
    goldstein: float
    rule: str
    trigger: str = ""
    source_span: Span | None = None
    target_span: Span | None = None
    trigger_span: Span | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    date: Date | None = None
    date_precision: DatePrecision | None = None
    confidence: float = 1.0
    place: Place | None = None
    quantities: tuple[Quantity, ...] = ()
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        # Always derived from content, so dataclasses.replace() can never leave a stale id.
        object.__setattr__(self, "event_id", self.compute_id())

    def compute_id(self) -> str:
        key = "|".join(
            [self.doc_id, str(self.sentence_index), self.source.code, self.target.code, self.cameo]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    # -- JSON form ---------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "plover_context": self.plover_context,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "confidence": self.confidence,
            "rule": self.rule,
            "place": self.place.to_dict() if self.place else None,
            "quantities": [q.to_dict() for q in self.quantities],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            event_id=d.get("event_id") or "",
            doc_id=d["doc_id"],
            sentence_index=int(d["sentence_index"]),
            sentence=d["sentence"],
            source=Actor.from_dict(d["source"]),
            target=Actor.from_dict(d["target"]),
            source_span=_span(d.get("source_span")),
            target_span=_span(d.get("target_span")),
            trigger=d.get("trigger") or "",
            trigger_span=_span(d.get("trigger_span")),
            cameo=str(d["cameo"]),
            cameo_root=str(d["cameo_root"]),
            cameo_name=d["cameo_name"],
            plover=d["plover"],
            plover_mode=d.get("plover_mode"),
            plover_context=d.get("plover_context"),
            quad_class=int(d["quad_class"]),
            goldstein=float(d["goldstein"]),
            date=Date.fromisoformat(d["date"]) if d.get("date") else None,
            date_precision=d.get("date_precision"),
            confidence=float(d.get("confidence", 1.0)),
            rule=d["rule"],
            place=Place.from_dict(d["place"]) if d.get("place") else None,
            quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities") or ()),
        )

    @classmethod
    def from_json(cls, text: str) -> Event:
        return cls.from_dict(json.loads(text))

    # -- flat row form (store, CSV, Parquet) --------------------------------
    def to_flat(self) -> dict[str, Any]:
        """One flat row: actor and place fields prefixed, spans split into start/end."""
        row: dict[str, Any] = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
        }
        for role, actor, span in (
            ("source", self.source, self.source_span),
            ("target", self.target, self.target_span),
        ):
            for f in fields(Actor):
                row[f"{role}_{f.name}"] = getattr(actor, f.name)
            row[f"{role}_start"] = span[0] if span else None
            row[f"{role}_end"] = span[1] if span else None
        row["trigger"] = self.trigger
        row["trigger_start"] = self.trigger_span[0] if self.trigger_span else None
        row["trigger_end"] = self.trigger_span[1] if self.trigger_span else None
        for name in (
            "cameo", "cameo_root", "cameo_name", "plover", "plover_mode", "plover_context",
            "quad_class", "goldstein", "date", "date_precision", "confidence", "rule",
        ):
            row[name] = getattr(self, name)
        for f in fields(Place):
            row[f"place_{f.name}"] = getattr(self.place, f.name) if self.place else None
        row["quantities"] = json.dumps([q.to_dict() for q in self.quantities]) if self.quantities else None
        return row

    @classmethod
    def from_flat(cls, row: dict[str, Any]) -> Event:
        def actor(role: str) -> Actor:
            return Actor.from_dict({f.name: row.get(f"{role}_{f.name}") for f in fields(Actor)})

        def span(prefix: str) -> Span | None:
            s, e = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
            return (int(s), int(e)) if s is not None and e is not None else None

        place = None
        if row.get("place_name"):
            place = Place.from_dict({f.name: row.get(f"place_{f.name}") for f in fields(Place)})
        raw_date = row.get("date")
        if isinstance(raw_date, str):
            raw_date = Date.fromisoformat(raw_date)
        quantities = row.get("quantities")
        return cls(
            event_id=row.get("event_id") or "",
            doc_id=row["doc_id"],
            sentence_index=int(row["sentence_index"]),
            sentence=row["sentence"],
            source=actor("source"),
            target=actor("target"),
            source_span=span("source"),
            target_span=span("target"),
            trigger=row.get("trigger") or "",
            trigger_span=span("trigger"),
            cameo=str(row["cameo"]),
            cameo_root=str(row["cameo_root"]),
            cameo_name=row["cameo_name"],
            plover=row["plover"],
            plover_mode=row.get("plover_mode"),
            plover_context=row.get("plover_context"),
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            date=raw_date,
            date_precision=row.get("date_precision"),
            confidence=float(row.get("confidence") or 1.0),
            rule=row["rule"],
            place=place,
            quantities=tuple(Quantity.from_dict(q) for q in json.loads(quantities)) if quantities else (),
        )
