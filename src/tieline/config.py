"""Settings shared by every stage, as one frozen record that can be shipped to workers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date as Date

__all__ = ["Config", "DEFAULT_BATCH_SIZE", "DEFAULT_PIPELINE"]

#: Preferred pipeline; the loader falls back to the PyPI repack of the same model.
DEFAULT_PIPELINE = "en_core_web_sm"

#: nlp.pipe batch size: 64 news texts keep memory flat while amortising the model calls.
DEFAULT_BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class Config:
    """Options for coding. Immutable and picklable, so Spark and worker processes get a copy."""

    pipeline: str = DEFAULT_PIPELINE
    #: Keep actors named only by a sector with no country ("police", code "---COP").
    allow_missing_actors: bool = False
    #: Keep events whose recipient the text does not name ("Ghani resigned", "the workers went
    #: on strike"), with target code "---". PLOVER allows such events; CAMEO data usually not.
    allow_missing_target: bool = False
    #: Keep events whose actor the text does not name ("three civilians were killed in a car
    #: bombing"), with source code "---". With allow_missing_target as well, an event naming
    #: neither actor ("the strike will not end") is kept as "---" -> "---".
    allow_missing_source: bool = False
    #: Code the saying itself (CAMEO 01x) when nothing else is coded in the sentence.
    code_statements: bool = True
    #: Fallback document date when a document has none.
    default_date: Date | None = None
    #: Longest text (characters) coded as one document; longer input is rejected as an error.
    max_chars: int = 2_000_000
    #: Lowest confidence of an event that is kept.
    min_confidence: float = 0.0
    #: Parse only the sentences that can hold an event (an actor word and a trigger word, plus
    #: the sentences naming actors that later references may need); see tieline.coding.prefilter.
    #: It keeps >= 99% of the events of a full parse (benchmarks/prefilter.py) at a fraction of
    #: the parsing time.
    prefilter: bool = True
    #: User actor dictionaries (TSV, docs/actors.md), read after the package data so that they
    #: add actors and correct ours.
    actor_files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # a list (from JSON or a spaCy config) would make the record unhashable
        object.__setattr__(self, "actor_files", tuple(str(f) for f in self.actor_files))

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]
