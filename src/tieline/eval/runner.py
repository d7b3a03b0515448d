"""Run the coder over a gold set and score it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.errors import ConfigError
from tieline.eval.gold import SET_NAMES, GoldRecord, find_shared, load_gold
from tieline.eval.scoring import SetScore, score_set
from tieline.records import Document, Event

__all__ = ["ARTICLES", "code_gold", "evaluate", "resolve_sets"]


#: The article gold (`tieline.eval.articles`), scored beside the sentence sets.
ARTICLES = "articles"


def resolve_sets(name: str) -> tuple[str, ...]:
    """`all` or one set name -> the set names to evaluate (the sentence sets, then articles)."""
    if name == "all":
        return (*SET_NAMES, ARTICLES)
    if name not in (*SET_NAMES, ARTICLES):
        raise ConfigError(
            f"unknown gold set {name!r}", hint="choose one of all, " + ", ".join((*SET_NAMES, ARTICLES))
        )
    return (name,)


def code_gold(
    records: Sequence[GoldRecord],
    *,
    config: Config | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_record: Callable[[], None] | None = None,
) -> list[list[Event]]:
    """Code each gold sentence as its own document (dated as the gold dates it), in gold order.

    Every event the coder finds in the text counts, even where it splits the text into
    several sentences.
    """
    from tieline.pipeline import code_many

    # Gold ids are not unique (PLOVER-GSR01-COERCE-0004 appears twice), so documents are keyed
    # by position as well.
    docs = [Document(text=r.text, doc_id=f"{i}:{r.record_id}", date=r.date) for i, r in enumerate(records)]
    by_id: dict[str, list[Event]] = {}
    for doc, events in code_many(docs, n_process=n_process, batch_size=batch_size, config=config):
        by_id[doc.doc_id] = list(events)
        if on_record is not None:
            on_record()
    return [by_id.get(d.doc_id, []) for d in docs]


#: Coding settings that follow each gold set's own rules: PLOVER lets an event have no
#: recipient ("Ghani resigned"); the five-way labels carry no actors at all, so an event whose
#: actor the text does not name ("civilians were killed in a bombing") still has a label; the PETR2
#: gold, like CAMEO data generally, codes events only with both actors.
SET_CONFIG_CHANGES: dict[str, dict[str, object]] = {
    "plover": {"allow_missing_target": True},
    "pentaclass": {"allow_missing_target": True, "allow_missing_source": True},
    "petr2": {},
    # Articles are coded as a user would code news: both actors named.
    "articles": {},
}


def set_config(set_name: str, config: Config | None = None) -> Config:
    """The coding settings for one gold set (SET_CONFIG_CHANGES applied to `config`)."""
    return (config or Config()).with_(**SET_CONFIG_CHANGES.get(set_name, {}))


def evaluate(
    set_name: str,
    *,
    shared: str | os.PathLike[str] | None = None,
    limit: int | None = None,
    config: Config | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_record: Callable[[], None] | None = None,
) -> SetScore:
    """Load one gold set (the first `limit` sentences, or articles, if given), code it and score it."""
    if set_name == ARTICLES:
        from tieline.eval.articles import code_articles, load_articles, score_articles

        articles = load_articles(find_shared(shared))[:limit]
        return score_articles(articles, code_articles(articles, config=set_config(set_name, config))).score
    records = list(load_gold(set_name, find_shared(shared)))
    if limit is not None:
        records = records[: max(limit, 0)]
    config = set_config(set_name, config)
    produced = code_gold(
        records, config=config, n_process=n_process, batch_size=batch_size, on_record=on_record
    )
    return score_set(set_name, records, produced)
