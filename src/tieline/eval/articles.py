"""The article gold: whole news articles hand-coded blind, scored for recall and precision.

The gold lives in the repository (``eval/data/articles``), not in the package: one JSON file per
article, pointing at an article in ``../shared/data/corpora`` and quoting a few words of each
coded sentence. The protocol is in ``docs/accuracy.md``. Articles are split into a development
and a held-out half by the manifest's fixed rule (later rounds add development-only articles);
errors are only ever listed for the development articles.
"""

from __future__ import annotations

import csv
import json
import os
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieline.errors import GoldDataMissing, InputError
from tieline.eval.gold import country_key
from tieline.eval.scoring import ARTICLE_HALVES, Half, SetScore, actor_key, prf
from tieline.records import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ADJACENT_SENTENCES",
    "DEVELOPMENT_HALVES",
    "HALF_LABELS",
    "HALVES",
    "OUT_OF_SCOPE_ROOTS",
    "Article",
    "ArticleEvent",
    "ArticleResult",
    "Half",
    "MatchOutcome",
    "code_articles",
    "find_article_gold",
    "load_articles",
    "score_articles",
]

#: "dev" and "heldout": the first round's fixed split. "dev2": articles coded later that are
#: development data only, because the coder had already been run on them (unannotated, to find
#: noise) before anyone coded them; a held-out half must be unseen, so they cannot be one.
#: "dev3" and "heldout3": round 3, split like round 1 (odd positions development, even held out).
#: "dev4" and "heldout4": round 4, split the same way.
#: (`Half` and `HALVES` are defined in tieline.eval.scoring, whose metric names follow them.)
HALVES = ARTICLE_HALVES
#: Halves whose errors --errors lists.
DEVELOPMENT_HALVES: frozenset[Half] = frozenset({"dev", "dev2", "dev3", "dev4"})
HALF_LABELS: dict[Half, str] = {
    "dev": "development", "heldout": "held-out", "dev2": "dev round 2",
    "dev3": "dev round 3", "heldout3": "held-out round 3",
    "dev4": "dev round 4", "heldout4": "held-out round 4",
}
#: Manifest keys of each round's article ids, and the halves their odd and even positions go to.
_ROUND_KEYS: dict[str, tuple[Half, Half]] = {
    "ids": ("dev", "heldout"), "dev_only_ids": ("dev2", "dev2"), "round3_ids": ("dev3", "heldout3"),
    "round4_ids": ("dev4", "heldout4"),
}

#: A produced event may sit one sentence away from the gold entry's: coders and annotators
#: split sentences differently (quotes, lists, headlines run into a lead).
ADJACENT_SENTENCES = 1
#: Roots the protocol does not code (neutral statements); produced events of these roots are
#: left out of precision and counted separately.
OUT_OF_SCOPE_ROOTS = frozenset({"01"})
#: Corpora an article may come from, and the files under ../shared/data/corpora that hold them.
CORPORA = {
    "voa": "voa/voa_stories.jsonl",
    "guardian": "guardian_sdf/Guardian_SDF_sample.csv",
    "bbc": "bbc",
}

_GOLD_ENV = "TIELINE_ARTICLE_GOLD"


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """One gold entry: an event a sentence of the article asserts."""

    quote: str
    source: str
    target: str
    cameo: str
    alt: tuple[str, ...] = ()
    symmetric: bool = False
    optional: bool = False
    note: str = ""
    #: Character offset of the quote in the document text (set when the article is loaded).
    offset: int = -1

    @property
    def roots(self) -> frozenset[str]:
        return frozenset({self.cameo[:2], *(a[:2] for a in self.alt)})

    def pair_ok(self, source: str, target: str) -> bool:
        if (source, target) == (self.source, self.target):
            return True
        return self.symmetric and (target, source) == (self.source, self.target)


@dataclass(frozen=True, slots=True)
class Article:
    corpus: str
    article_id: str
    half: Half
    text: str
    events: tuple[ArticleEvent, ...]
    date: Date | None = None

    @property
    def key(self) -> str:
        return f"{self.corpus}:{self.article_id}"


@dataclass(slots=True)
class MatchOutcome:
    """One article's matching: which gold entries and produced events found a partner."""

    article: Article
    produced: list[Event]
    sentence_of_gold: list[int]
    gold_matched: list[int | None] = field(default_factory=list)  # index into produced
    produced_matched: list[int | None] = field(default_factory=list)  # index into gold
    out_of_scope: int = 0
    #: Produced events that repeat an earlier one at the protocol's unit (sentence, source key,
    #: target key, CAMEO code): indices into produced. They are neither right nor wrong.
    repeats: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Scores of the article gold: a SetScore (metrics for floors and JSON) plus the outcomes."""

    score: SetScore
    outcomes: tuple[MatchOutcome, ...]


# -- loading ----------------------------------------------------------------------------------


def find_article_gold(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The article gold folder: `explicit`, else $TIELINE_ARTICLE_GOLD, else <checkout>/eval/data/
    articles, else <cwd>/eval/data/articles."""
    tried: list[Path] = []
    if explicit is not None:
        tried.append(Path(explicit))
    else:
        if os.environ.get(_GOLD_ENV):
            tried.append(Path(os.environ[_GOLD_ENV]))
        checkout = Path(__file__).resolve().parents[3]
        if (checkout / "pyproject.toml").is_file():
            tried.append(checkout / "eval" / "data" / "articles")
        tried.append(Path.cwd() / "eval" / "data" / "articles")
    for path in tried:
        if (path / "manifest.toml").is_file():
            return path.resolve()
    raise GoldDataMissing(
        "article gold not found (looked in " + ", ".join(str(p) for p in tried) + ")",
        hint=f"run from a tieline checkout or set {_GOLD_ENV} to the folder holding manifest.toml",
    )


def _manifest(gold_dir: Path) -> list[tuple[str, str, Half]]:
    try:
        data = tomllib.loads((gold_dir / "manifest.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{gold_dir / 'manifest.toml'} is not valid TOML: {exc}") from None
    out: list[tuple[str, str, Half]] = []
    for corpus, table in data.items():
        if corpus not in CORPORA:
            raise InputError(f"{gold_dir / 'manifest.toml'}: unknown corpus {corpus!r}")
        for key, (odd, even) in _ROUND_KEYS.items():
            ids = table.get(key, [])
            if not isinstance(ids, list):
                raise InputError(f"{gold_dir / 'manifest.toml'}: [{corpus}] {key} must be a list of article ids")
            for position, article_id in enumerate(ids):
                # The fixed split rule: 1st, 3rd, 5th ... of each corpus are development articles.
                out.append((corpus, str(article_id), odd if position % 2 == 0 else even))
    return out


class _Texts:
    """Article texts from ../shared/data/corpora, each corpus read once."""

    def __init__(self, shared: Path) -> None:
        self.base = shared / "data" / "corpora"
        self._voa: dict[str, tuple[str, Date | None]] | None = None
        self._guardian: list[tuple[str, Date | None]] | None = None

    def get(self, corpus: str, article_id: str) -> tuple[str, Date | None]:
        """The document text as the protocol defines it, and the article's date."""
        if corpus == "voa":
            if self._voa is None:
                path = self.base / CORPORA["voa"]
                self._voa = {}
                for line in self._read(path).splitlines():
                    if line.strip():
                        record = json.loads(line)
                        self._voa[str(record["id"])] = (record["text"], _date(record.get("published")))
            return self._voa[article_id]
        if corpus == "guardian":
            if self._guardian is None:
                csv.field_size_limit(1 << 30)
                path = self.base / CORPORA["guardian"]
                with path.open(encoding="utf-8", newline="") as handle:
                    self._guardian = [(row["text"], _date(row.get("date"))) for row in csv.DictReader(handle)]
            return self._guardian[int(article_id)]
        path = self.base / CORPORA["bbc"] / f"{article_id}.txt"
        return path.read_bytes().decode("utf-8", errors="replace"), None  # the BBC files carry no date

    @staticmethod
    def _read(path: Path) -> str:
        if not path.is_file():
            raise GoldDataMissing(f"corpus file not found: {path}")
        return path.read_text(encoding="utf-8")


def _date(raw: object) -> Date | None:
    try:
        return Date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def _entry(raw: object, text: str, where: str) -> ArticleEvent:
    if not isinstance(raw, dict) or not all(k in raw for k in ("quote", "source", "target", "cameo")):
        raise InputError(f"{where}: an entry needs quote, source, target and cameo: {raw!r}")
    quote = str(raw["quote"])
    offset = text.find(quote)
    if offset < 0:
        raise InputError(f"{where}: quote not found in the article text: {quote!r}")
    return ArticleEvent(
        quote=quote,
        source=country_key(raw["source"]),
        target=country_key(raw["target"]),
        cameo=str(raw["cameo"]),
        alt=tuple(str(a) for a in raw.get("alt", ())),
        symmetric=bool(raw.get("symmetric", False)),
        optional=bool(raw.get("optional", False)),
        note=str(raw.get("note", "")),
        offset=offset,
    )


def load_articles(shared: Path, gold_dir: Path | None = None, *, half: Half | None = None) -> list[Article]:
    """Every article of the manifest that has a gold file, with its text and gold entries."""
    gold_dir = gold_dir or find_article_gold()
    texts = _Texts(shared)
    articles: list[Article] = []
    for corpus, article_id, which in _manifest(gold_dir):
        if half is not None and which != half:
            continue
        file = gold_dir / f"{corpus}_{article_id.replace('/', '-')}.json"
        if not file.is_file():
            continue  # listed but not coded yet
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{file}: not valid JSON: {exc}") from None
        try:
            text, when = texts.get(corpus, article_id)
        except (KeyError, IndexError, ValueError, FileNotFoundError):
            raise GoldDataMissing(f"{file}: article {corpus}:{article_id} not found in the corpus") from None
        entries = raw.get("events", []) if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            raise InputError(f"{file}: expected an object with an 'events' list")
        events = tuple(_entry(e, text, f"{file.name} entry {i}") for i, e in enumerate(entries))
        articles.append(Article(corpus, article_id, which, text, events, when))
    if not articles:
        raise GoldDataMissing(f"no article gold files in {gold_dir}")
    return articles


# -- coding -----------------------------------------------------------------------------------


def code_articles(
    articles: Sequence[Article], *, config: Any = None
) -> list[tuple[list[tuple[int, int]], list[Event]]]:
    """Code each article as one document: its sentences (character spans, in the coder's own
    split and numbering) and its events."""
    from tieline.coding.component import EVENTS_KEY, META_KEY, coding_pipeline
    from tieline.config import Config

    nlp = coding_pipeline(config or Config())

    def docs() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc.user_data[META_KEY] = {
                "doc_id": article.key.replace(":", "_").replace("/", "-"),
                "date": article.date.isoformat() if article.date else None,
            }
            yield doc

    out: list[tuple[list[tuple[int, int]], list[Event]]] = []
    for doc in nlp.pipe(docs()):
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        out.append((spans, [Event.from_dict(d) for d in doc.user_data.get(EVENTS_KEY, ())]))
    return out


# -- scoring ----------------------------------------------------------------------------------


def _sentence_at(spans: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= offset < end:
            return index
    return len(spans) - 1


def match_article(article: Article, spans: list[tuple[int, int]], produced: list[Event]) -> MatchOutcome:
    """One-to-one matching of gold entries to produced events: same sentence first, then an
    adjacent one; required entries before optional ones."""
    outcome = MatchOutcome(article, produced, [_sentence_at(spans, e.offset) for e in article.events])
    outcome.gold_matched = [None] * len(article.events)
    outcome.produced_matched = [None] * len(produced)
    in_scope = [i for i, ev in enumerate(produced) if ev.cameo_root not in OUT_OF_SCOPE_ROOTS]
    outcome.out_of_scope = len(produced) - len(in_scope)
    order = sorted(range(len(article.events)), key=lambda g: article.events[g].optional)
    for distance in range(ADJACENT_SENTENCES + 1):
        for g in order:
            if outcome.gold_matched[g] is not None:
                continue
            gold = article.events[g]
            for p in in_scope:
                ev = produced[p]
                if outcome.produced_matched[p] is not None:
                    continue
                if abs(ev.sentence_index - outcome.sentence_of_gold[g]) != distance:
                    continue
                if ev.cameo_root in gold.roots and gold.pair_ok(actor_key(ev.source), actor_key(ev.target)):
                    outcome.gold_matched[g], outcome.produced_matched[p] = p, g
                    break
    # A symmetric event is one gold entry, but a coder writes it both ways round: the mirror of a
    # matched produced event is right too (it adds no recall).
    for p in in_scope:
        if outcome.produced_matched[p] is not None:
            continue
        ev = produced[p]
        for q, matched in enumerate(outcome.produced_matched):
            if matched is None or not article.events[matched].symmetric:
                continue
            other = produced[q]
            if (other.sentence_index, other.cameo, actor_key(other.source), actor_key(other.target)) == (
                ev.sentence_index, ev.cameo, actor_key(ev.target), actor_key(ev.source)
            ):
                outcome.produced_matched[p] = matched
                break
    # The gold's unit is one (source, target, code) per sentence with actors reduced to their
    # country: an unmatched event that repeats another's unit ("attacks on security forces,
    # settlers and workers": PAKREB->PAKMIL, ->PAKCVL, ->PAKLAB) is the same unit told apart by
    # sector, neither right nor wrong. (Repeats that match gold entries of their own stay right.)
    units: set[tuple[int, str, str, str]] = set()
    repeats: set[int] = set()
    for p in in_scope:
        ev = produced[p]
        unit = (ev.sentence_index, actor_key(ev.source), actor_key(ev.target), ev.cameo)
        if unit in units and outcome.produced_matched[p] is None:
            repeats.add(p)
        units.add(unit)
    outcome.repeats = frozenset(repeats)
    return outcome


def _half_metrics(outcomes: Sequence[MatchOutcome]) -> dict[str, float]:
    n_gold = sum(1 for o in outcomes for e in o.article.events if not e.optional)
    found = sum(
        1 for o in outcomes for e, m in zip(o.article.events, o.gold_matched, strict=True)
        if not e.optional and m is not None
    )
    n_produced = sum(len(o.produced) - o.out_of_scope - len(o.repeats) for o in outcomes)
    right = sum(1 for o in outcomes for m in o.produced_matched if m is not None)
    precision, recall, f1 = prf(right, n_produced, found, n_gold)
    return {
        "recall": recall, "precision": precision, "f1": f1,
        "gold_events": float(n_gold), "produced_events": float(n_produced),
        "articles": float(len(outcomes)),
    }


def score_articles(
    articles: Sequence[Article], coded: Sequence[tuple[list[tuple[int, int]], list[Event]]]
) -> ArticleResult:
    outcomes = tuple(
        match_article(a, spans, events) for a, (spans, events) in zip(articles, coded, strict=True)
    )
    metrics: dict[str, float] = {}
    for half in HALVES:
        part = [o for o in outcomes if o.article.half == half]
        if part:
            for key, value in _half_metrics(part).items():
                metrics[f"{half}_{key}"] = value
    skipped = sum(o.out_of_scope for o in outcomes)
    repeated = sum(len(o.repeats) for o in outcomes)
    notes = (
        f"{skipped} produced root-01 statement events are out of the protocol's scope (not scored)",
        f"{repeated} produced events repeat another at the gold's unit (sentence, source and target "
        "country, code) and are scored once",
        "held-out errors are never listed; --errors shows the development halves only",
    )
    return ArticleResult(SetScore("articles", metrics, {}, (), notes=notes), outcomes)


def dev_errors(result: ArticleResult) -> list[dict[str, Any]]:
    """Misses and false events of the development halves, with a hint of how near each came."""
    rows: list[dict[str, Any]] = []
    for o in result.outcomes:
        if o.article.half not in DEVELOPMENT_HALVES:
            continue
        for g, (gold, m) in enumerate(zip(o.article.events, o.gold_matched, strict=True)):
            if m is not None or gold.optional:
                continue
            near = [
                ev for ev in o.produced
                if abs(ev.sentence_index - o.sentence_of_gold[g]) <= ADJACENT_SENTENCES
            ]
            rows.append({
                "kind": "miss", "article": o.article.key, "sentence": o.sentence_of_gold[g],
                "quote": gold.quote,
                "expected": f"{gold.source}->{gold.target} {gold.cameo}" + ("~" if gold.symmetric else ""),
                "produced": "; ".join(_brief(ev) for ev in near) or "(nothing near)",
            })
        for p, (ev, m) in enumerate(zip(o.produced, o.produced_matched, strict=True)):
            if m is not None or ev.cameo_root in OUT_OF_SCOPE_ROOTS or p in o.repeats:
                continue
            rows.append({
                "kind": "false", "article": o.article.key, "sentence": ev.sentence_index,
                "quote": ev.sentence, "expected": "", "produced": _brief(ev),
            })
    return rows


def _brief(ev: Event) -> str:
    return f"{actor_key(ev.source)}->{actor_key(ev.target)} {ev.cameo} [{ev.trigger}: {ev.rule}]"
