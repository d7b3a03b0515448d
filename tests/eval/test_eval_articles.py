"""The article gold: loading (manifest, halves, quotes), one-to-one matching and per-half scores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tieline.cli.eval  # noqa: F401  (registers the eval command)
from tieline.cli.app import app
from tieline.errors import InputError
from tieline.eval.articles import (
    Article,
    ArticleEvent,
    dev_errors,
    find_article_gold,
    load_articles,
    match_article,
    score_articles,
)
from tieline.records import Actor, Event

REPO = Path(__file__).resolve().parents[2]
TEXT = "Russia attacked Ukraine. The two sides later held talks in Geneva. France praised them."
SPANS = [(0, 24), (25, 66), (67, len(TEXT))]


def _event(sentence: int, source: str, target: str, cameo: str) -> Event:
    return Event(
        doc_id="d", sentence_index=sentence, sentence="s", source=Actor(text=source, code=source, country=source),
        target=Actor(text=target, code=target, country=target), cameo=cameo, cameo_root=cameo[:2],
        cameo_name="", plover="", quad_class=1, goldstein=0.0, rule="test",
    )


def _article(*events: ArticleEvent, half: str = "dev") -> Article:
    placed = tuple(
        ArticleEvent(e.quote, e.source, e.target, e.cameo, e.alt, e.symmetric, e.optional, offset=TEXT.find(e.quote))
        for e in events
    )
    return Article("voa", "1", half, TEXT, placed)  # type: ignore[arg-type]


ATTACK = ArticleEvent("Russia attacked Ukraine", "RUS", "UKR", "190")
TALKS = ArticleEvent("held talks in Geneva", "RUS", "UKR", "046", symmetric=True)
PRAISE = ArticleEvent("France praised them", "FRA", "RUS", "051", optional=True)


def test_exact_and_adjacent_sentences_match_but_not_further() -> None:
    out = match_article(_article(ATTACK), SPANS, [_event(1, "RUS", "UKR", "193")])
    assert out.gold_matched == [0]  # one sentence away, same root
    out = match_article(_article(ATTACK), SPANS, [_event(2, "RUS", "UKR", "190")])
    assert out.gold_matched == [None]  # two sentences away


def test_actor_pair_root_and_alt_roots() -> None:
    assert match_article(_article(ATTACK), SPANS, [_event(0, "UKR", "RUS", "190")]).gold_matched == [None]
    assert match_article(_article(ATTACK), SPANS, [_event(0, "RUS", "UKR", "173")]).gold_matched == [None]
    alt = ArticleEvent("Russia attacked Ukraine", "RUS", "UKR", "190", alt=("173",))
    assert match_article(_article(alt), SPANS, [_event(0, "RUS", "UKR", "173")]).gold_matched == [0]


def test_symmetric_entry_matches_either_way_and_absorbs_the_mirror() -> None:
    produced = [_event(1, "UKR", "RUS", "046"), _event(1, "RUS", "UKR", "046")]
    out = match_article(_article(TALKS), SPANS, produced)
    assert out.gold_matched == [0]
    assert out.produced_matched == [0, 0]  # the mirror is right, and adds no recall


def test_matching_is_one_to_one() -> None:
    out = match_article(_article(ATTACK), SPANS, [_event(0, "RUS", "UKR", "190"), _event(0, "RUS", "UKR", "193")])
    assert out.produced_matched == [0, None]


def test_events_repeating_the_gold_unit_are_scored_once() -> None:
    # "attacks on security forces, settlers and workers": one unit at the protocol's level
    # (sentence, source country, target country, code), whatever sectors the coder told apart
    article = _article(ATTACK, TALKS)
    produced = [_event(0, "RUS", "UKR", "190"), _event(0, "RUS", "UKR", "190"), _event(2, "FRA", "GBR", "111"),
                _event(2, "FRA", "GBR", "111")]
    out = match_article(article, SPANS, produced)
    assert out.repeats == frozenset({1, 3}) and out.produced_matched == [0, None, None, None]
    result = score_articles([article], [(SPANS, produced)])
    assert result.score.metrics["dev_precision"] == 0.5  # one right, one wrong: the repeats count for neither
    assert [e["kind"] for e in dev_errors(result)].count("false") == 1


def test_scores_per_half_optional_and_out_of_scope() -> None:
    dev = _article(ATTACK, TALKS, PRAISE)
    held = _article(ATTACK, half="heldout")
    coded = [
        (SPANS, [_event(0, "RUS", "UKR", "190"), _event(2, "FRA", "RUS", "051"), _event(2, "FRA", "RUS", "010")]),
        (SPANS, [_event(2, "FRA", "GBR", "111")]),
    ]
    result = score_articles([dev, held], coded)
    m = result.score.metrics
    # Development: 2 required entries, 1 found; 2 scored events (the 010 statement is out of scope), both right.
    assert (m["dev_recall"], m["dev_precision"]) == (0.5, 1.0)
    assert (m["heldout_recall"], m["heldout_precision"]) == (0.0, 0.0)
    errors = dev_errors(result)
    assert [(e["kind"], e["article"]) for e in errors] == [("miss", "voa:1")]  # held-out errors never listed


def _write_gold(tmp_path: Path, entries: list[dict[str, object]], manifest: str = '[voa]\nids = ["1", "2"]\n') -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "manifest.toml").write_text(manifest, encoding="utf-8")
    (gold / "voa_1.json").write_text(json.dumps({"article": {}, "events": entries}), encoding="utf-8")
    (gold / "voa_2.json").write_text(json.dumps({"article": {}, "events": []}), encoding="utf-8")
    shared = tmp_path / "shared" / "data" / "corpora" / "voa"
    shared.mkdir(parents=True)
    lines = [json.dumps({"id": "1", "text": TEXT, "published": "2025-03-14 20:30:26Z"}),
             json.dumps({"id": "2", "text": "Nothing happened.", "published": ""})]
    (shared / "voa_stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def test_loader_splits_halves_by_manifest_position_and_places_quotes(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, [{"quote": "held talks in Geneva", "source": "RUS", "target": "UKR", "cameo": "046"}])
    articles = load_articles(tmp_path / "shared", gold)
    assert [(a.article_id, a.half) for a in articles] == [("1", "dev"), ("2", "heldout")]
    assert articles[0].events[0].offset == TEXT.find("held talks")
    assert articles[0].date is not None and articles[0].date.isoformat() == "2025-03-14"


def _load_talks(tmp_path: Path, manifest: str) -> list[Article]:
    """The two test articles under `manifest`, article 1 holding one gold entry."""
    entry = {"quote": "held talks in Geneva", "source": "RUS", "target": "UKR", "cameo": "046"}
    return load_articles(tmp_path / "shared", _write_gold(tmp_path, [entry], manifest))


def test_dev_only_ids_are_a_development_half_of_their_own_whose_errors_are_listed(tmp_path: Path) -> None:
    articles = _load_talks(tmp_path, '[voa]\nids = ["2"]\ndev_only_ids = ["1"]\n')
    assert [(a.article_id, a.half) for a in articles] == [("2", "dev"), ("1", "dev2")]
    result = score_articles(articles, [([(0, 17)], []), (SPANS, [])])
    assert result.score.metrics["dev2_recall"] == 0.0 and result.score.metrics["dev2_gold_events"] == 1.0
    assert [row["article"] for row in dev_errors(result)] == ["voa:1"]  # listed: development data


@pytest.mark.parametrize("key, dev, heldout", [("round3_ids", "dev3", "heldout3"), ("round4_ids", "dev4", "heldout4")])
def test_later_rounds_split_into_a_development_and_a_held_out_half(
    tmp_path: Path, key: str, dev: str, heldout: str
) -> None:
    articles = _load_talks(tmp_path, f'[voa]\n{key} = ["1", "2"]\n')
    assert [(a.article_id, a.half) for a in articles] == [("1", dev), ("2", heldout)]
    result = score_articles(articles, [(SPANS, []), ([(0, 17)], [])])
    assert result.score.metrics[f"{dev}_gold_events"] == 1.0 and f"{heldout}_recall" in result.score.metrics
    assert [row["article"] for row in dev_errors(result)] == ["voa:1"]  # the held-out one is never listed


def test_loader_rejects_a_manifest_whose_ids_are_not_a_list(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, [], '[voa]\nids = ["2"]\ndev_only_ids = "1"\n')
    with pytest.raises(InputError, match="must be a list"):
        load_articles(tmp_path / "shared", gold)


def test_loader_rejects_a_quote_not_in_the_text(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, [{"quote": "no such words", "source": "RUS", "target": "UKR", "cameo": "046"}])
    with pytest.raises(InputError, match="quote not found"):
        load_articles(tmp_path / "shared", gold)


def test_the_repository_gold_is_well_formed() -> None:
    shared = Path(os.environ.get("TIELINE_SHARED", REPO / ".." / "shared"))
    if not (shared / "data" / "corpora" / "voa").is_dir():
        pytest.skip(f"corpora not found at {shared} (set TIELINE_SHARED)")
    articles = load_articles(shared, find_article_gold())
    assert len(articles) >= 30
    assert {"dev", "heldout"} <= {a.half for a in articles}
    assert all(len(e.source) == 3 and len(e.target) == 3 and e.cameo.isdigit() for a in articles for e in a.events)


def test_cli_articles_set_without_shared_skips_with_a_message(tmp_path: Path) -> None:
    empty = tmp_path / "shared"
    (empty / "data" / "gold").mkdir(parents=True)
    result = CliRunner().invoke(app, ["eval", "--set", "articles", "--shared", str(empty)])
    assert result.exit_code == 0
    assert "skipping the article gold" in result.output


def test_loader_rejects_an_entry_without_its_fields(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, [{"quote": "held talks in Geneva", "source": "RUS"}])
    with pytest.raises(InputError, match="needs quote, source, target and cameo"):
        load_articles(tmp_path / "shared", gold)
