"""The prefilter: word lists from the coder's data, which sentences reach the parser, and the
same events as a full parse."""

from __future__ import annotations

import dataclasses

import pytest

import tieline
from tieline.coding.component import COMPONENT, PREFILTER, coding_pipeline
from tieline.coding.lexicon import Entry, get_lexicon
from tieline.coding.prefilter import LemmaTables, Prefilter, word_sets
from tieline.config import Config

ARTICLE = (
    "ISLAMABAD - Pakistan and Russia signed a defence agreement on Monday.\n"
    "The weather was fine. It rained later in the day and the crowds went home.\n"
    "Russia and Pakistan are old neighbours. The weather was fine today in the hills.\n"
    "The two countries also agreed to hold joint military exercises.\n\n"
    "Football is popular in the valley. The home side won 3-1.\n"
    '"We condemn the attack," the Indian foreign minister said. He also criticised China.'
)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return coding_pipeline(Config())


@pytest.fixture(scope="module")
def prefilter(nlp) -> Prefilter:  # type: ignore[no-untyped-def]
    return nlp.get_pipe(PREFILTER).prefilter


def _parsed(nlp, prefilter: Prefilter, text: str) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    selection = prefilter.select(doc)
    return [(doc[a:b].text.strip(), p) for (a, b), p in zip(selection.bounds, selection.parsed, strict=True)]


def _key(ev: tieline.Event) -> tuple[object, ...]:
    return (ev.event_id, ev.sentence_index, ev.sentence, ev.source.code, ev.target.code, ev.cameo, ev.trigger_span)


def test_every_lexicon_lemma_and_its_inflections_are_triggers(prefilter: Prefilter) -> None:
    lex = get_lexicon()
    triggers = prefilter.words.triggers
    assert set(lex.verbs) <= triggers and set(lex.nouns) <= triggers
    # regular and irregular inflections come from the lemmatizer's own rules and exceptions
    assert {"signed", "signing", "signs"} <= triggers
    for lemma, form in (("attack", "attacked"), ("meet", "met"), ("fight", "fought"), ("sanction", "sanctions")):
        if lemma in lex.verbs or lemma in lex.nouns:
            assert form in triggers, (lemma, form)


def test_new_lexicon_entries_are_covered_without_edits(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    lex = get_lexicon()
    entry = Entry(lemma="zorble", code="057", group="test", line=0, kind="verb")
    extended = dataclasses.replace(lex, verbs={**lex.verbs, "zorble": (entry,)})
    words = word_sets(LemmaTables(nlp), extended, prefilter_gazetteer())
    assert {"zorble", "zorbled", "zorbles", "zorbling"} <= words.triggers
    assert "zorbled" in words.free_triggers
    assert "zorbled" not in prefilter.words.triggers


def prefilter_gazetteer():  # type: ignore[no-untyped-def]
    return coding_pipeline(Config()).get_pipe(COMPONENT).coder.resolver.gaz


def test_sentences_without_actor_or_trigger_are_skipped(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    parsed = dict(_parsed(nlp, prefilter, ARTICLE))
    assert parsed["ISLAMABAD - Pakistan and Russia signed a defence agreement on Monday."]
    assert parsed["The two countries also agreed to hold joint military exercises."]
    assert not parsed["Football is popular in the valley."]
    assert not parsed["The home side won 3-1."]
    # no trigger, but it names the actors "the two countries" refers to: parsed as context
    assert parsed["Russia and Pakistan are old neighbours."]


def test_a_pronoun_is_an_actor_only_within_reach_of_a_named_one(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    assert _parsed(nlp, prefilter, "The weather was fine. He signed a defence agreement.") == [
        ("The weather was fine.", False), ("He signed a defence agreement.", False),
    ]
    assert _parsed(nlp, prefilter, "Imran Khan arrived. He signed a defence agreement.")[1][1]


def test_an_entry_needing_an_object_word_triggers_only_with_it(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    lex = get_lexicon()
    constrained = sorted(
        lemma for lemma, entries in lex.verbs.items()
        if lemma not in lex.nouns and all(e.words and not e.particle and "+clause" not in e.words for e in entries)
        and not any(lemma in e.words for es in lex.verbs.values() for e in es)
    )
    assert constrained, "the lexicon has verbs with object constraints"
    lemma = constrained[0]
    word = sorted(next(iter(lex.verbs[lemma])).words)[0]
    assert not _parsed(nlp, prefilter, f"Pakistan will {lemma} the weather.")[0][1]
    assert _parsed(nlp, prefilter, f"Pakistan will {lemma} the {word}.")[0][1]


def test_condensed_doc_keeps_offsets_and_sentence_numbers(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(ARTICLE)
    selection = prefilter.select(doc)
    condensed, forced = prefilter.condense(doc, selection)
    assert len(condensed.text) == len(ARTICLE)
    assert forced
    for (a, b), parsed in zip(selection.bounds, selection.parsed, strict=True):
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        if parsed:
            assert condensed.text[start:end] == ARTICLE[start:end]
        else:
            assert not condensed.text[start:end].strip()
    # line breaks stay where they were
    assert [i for i, c in enumerate(condensed.text) if c == "\n"] == [i for i, c in enumerate(ARTICLE) if c == "\n"]


def test_same_events_with_and_without_the_prefilter() -> None:
    on = tieline.code(ARTICLE, date="2018-09-12", config=Config(prefilter=True))
    off = tieline.code(ARTICLE, date="2018-09-12", config=Config(prefilter=False))
    assert off, "the article has events"
    assert sorted(map(_key, on)) == sorted(map(_key, off))
    coref = [e for e in on if "coref" in e.source.resolution]
    assert {e.source.code for e in coref} >= {"RUS", "PAK"}


def test_prefilter_off_is_the_plain_pipeline() -> None:
    on, off = coding_pipeline(Config(prefilter=True)), coding_pipeline(Config(prefilter=False))
    assert on.pipe_names == [PREFILTER, COMPONENT]
    assert PREFILTER not in off.pipe_names and "parser" in off.pipe_names


def test_optional_actors_drop_the_actor_condition(nlp) -> None:  # type: ignore[no-untyped-def]
    config = Config(allow_missing_source=True, allow_missing_target=True)
    loose = coding_pipeline(config).get_pipe(PREFILTER).prefilter
    text = "The strike will not end soon."
    assert _parsed(nlp, loose, text)[0][1]
    assert not _parsed(nlp, coding_pipeline(Config()).get_pipe(PREFILTER).prefilter, text)[0][1]
    assert tieline.code(text, config=config) == tieline.code(text, config=config.with_(prefilter=False))


def test_empty_and_whitespace_documents(nlp, prefilter: Prefilter) -> None:  # type: ignore[no-untyped-def]
    assert prefilter.select(nlp.make_doc("")).bounds == ()
    doc = nlp("   \n\n  ")
    assert doc.user_data.get("tieline.events") == []
