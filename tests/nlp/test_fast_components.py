"""The fast attribute ruler and lemmatizer (`tieline.nlp.fast`) give exactly what spaCy's own
components give: on model output, on synthetic tokens covering every pattern's words, tags and
labels, on whitespace placeholders, and on the corpora when ../shared has them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("spacy")

from spacy.attrs import DEP, MORPH, POS, TAG  # noqa: E402
from spacy.lang.en.lemmatizer import EnglishLemmatizer  # noqa: E402
from spacy.pipeline import AttributeRuler  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from tieline.nlp import fast  # noqa: E402
from tieline.nlp.fast import STOCK_ENV, FastAttributeRuler, FastLemmatizer  # noqa: E402
from tieline.nlp.model import build_pipeline  # noqa: E402


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    try:
        return build_pipeline(fast_components=False), build_pipeline(fast_components=True)
    except Exception as exc:  # the model package is not installed
        pytest.skip(f"no spaCy model: {exc}")


def rows(doc: Doc) -> list[tuple[str, str, str, str, str, str, int, bool | None]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]


TEXTS = [
    "There is a problem, and there were two more. There's no doubt.",
    "I'm gonna go, you gotta see it. Let's talk! Y'all ain't seen nothin' yet, c'mon.",
    "She said he'd have done it, but he didn't: it's what they'd do. We can't, won't, shan't.",
    "Nothing happened. Everyone left; somebody stayed. That is the one that works.",
    "BAGHDAD -- Iraq's government has been accused of\n\n  abuses,   said U.S.-backed officials.",
    "Doin' it, goin' home, ol' times, somethin' odd, 'em, we'll see, 'nuff said.",
    "The U.N.-Iran deal was signed; Russia attacked Ukraine, China met India in 2005.",
    "  \n\t  Leading whitespace, then   a\ttab and a trailing newline\n",
    "Being there, having been asked, whether or not: if so, although, whilst, albeit.",
    "",
]


def test_the_fast_components_are_swapped_in_by_default(pipelines: tuple[Any, Any]) -> None:
    stock, quick = pipelines
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(stock.get_pipe("lemmatizer")) is EnglishLemmatizer
    ruler, lemmatizer = quick.get_pipe("attribute_ruler"), quick.get_pipe("lemmatizer")
    assert isinstance(ruler, FastAttributeRuler) and ruler.uses_tables
    assert isinstance(lemmatizer, FastLemmatizer)
    assert stock.pipe_names == quick.pipe_names  # same names and order: the prefilter finds them
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    assert lemmatizer.lookups.tables == stock.get_pipe("lemmatizer").lookups.tables


def test_the_environment_keeps_the_stock_components(
    monkeypatch: pytest.MonkeyPatch, pipelines: tuple[Any, Any]
) -> None:
    monkeypatch.setenv(STOCK_ENV, "1")
    nlp = build_pipeline()
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer


@pytest.mark.parametrize("text", TEXTS)
def test_model_output_is_identical(pipelines: tuple[Any, Any], text: str) -> None:
    stock, quick = pipelines
    assert rows(quick(text)) == rows(stock(text))


def test_a_batch_is_identical(pipelines: tuple[Any, Any]) -> None:
    stock, quick = pipelines
    texts = TEXTS * 3
    assert [rows(d) for d in quick.pipe(texts, batch_size=4)] == [rows(d) for d in stock.pipe(texts, batch_size=4)]


def _pattern_values(ruler: AttributeRuler) -> tuple[list[str], list[str], list[str]]:
    """Every word, tag and label the patterns name, and a few they do not."""
    words, tags, deps = {"x", "Word", "'s", "nt", " ", "\n\n", "  \t"}, {"", "NN", "XX", "_SP"}, {"", "amod", "punct"}
    for pattern in ruler.patterns:
        for alternative in pattern["patterns"]:
            for spec in alternative:
                for key, value in spec.items():
                    found = value.get("IN", value.get("NOT_IN", [])) if isinstance(value, dict) else [value]
                    target = {"LOWER": words, "TAG": tags, "DEP": deps}.get(key)
                    if target is not None:
                        target.update(v for v in found if isinstance(v, str))
    words.update({"nothin'", "nuthin'", "y", "y'", "n't", "nt"})
    return sorted(words), sorted(tags), sorted(deps)


def _synthetic_docs(vocab: Any, ruler: AttributeRuler, n_docs: int = 300, length: int = 60) -> list[Doc]:
    """Docs of pattern words with random tags and labels, some capitalised, and every
    multi-token pattern's words next to each other."""
    words, tags, deps = _pattern_values(ruler)
    rng = random.Random(12)
    pairs = [["gon", "na"], ["got", "ta"], ["let", "'s"], ["c'm", "on"], ["y'", "all"], ["y", "all"],
             ["ai", "n't"], ["ai", "nt"], ["there", "is"], ["there", "'re"], ["it", "was"]]
    docs = []
    for _ in range(n_docs):
        toks: list[str] = []
        while len(toks) < length:
            if rng.random() < 0.2:
                toks.extend(rng.choice(pairs))
            else:
                w = rng.choice(words)
                toks.append(w.upper() if rng.random() < 0.1 else w.title() if rng.random() < 0.1 else w)
        doc = Doc(vocab, words=toks)
        strings = vocab.strings
        arr = np.array([[strings.add(rng.choice(tags)), strings.add(rng.choice(deps))] for _ in toks], dtype=np.uint64)
        doc.from_array([TAG, DEP], arr)
        docs.append(doc)
    return docs


def test_the_ruler_matches_stock_on_synthetic_tokens(pipelines: tuple[Any, Any]) -> None:
    stock, quick = pipelines
    stock_ruler, fast_ruler = stock.get_pipe("attribute_ruler"), quick.get_pipe("attribute_ruler")
    vocab = stock.vocab
    fast_here = FastAttributeRuler(vocab)  # same vocab as the stock docs
    fast_here.add_patterns(fast_ruler.patterns)
    assert fast_here.uses_tables
    docs = _synthetic_docs(vocab, stock_ruler)
    twins = [Doc(vocab).from_bytes(d.to_bytes()) for d in docs]
    attrs = [TAG, POS, MORPH, DEP]
    for a, b in zip(docs, twins, strict=True):
        stock_ruler(a)
        fast_here(b)
        assert a.to_array(attrs).tolist() == b.to_array(attrs).tolist()
        assert [t.lemma for t in a] == [t.lemma for t in b]


def test_unsupported_patterns_fall_back_to_the_stock_code(pipelines: tuple[Any, Any]) -> None:
    stock, _ = pipelines
    vocab = stock.vocab
    patterns = [
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADV"}, "index": 0},
        {"patterns": [[{"TAG": "JJ"}]], "attrs": {"POS": "ADJ"}},
    ]
    stock_ruler, fast_ruler = AttributeRuler(vocab), FastAttributeRuler(vocab)
    stock_ruler.add_patterns(patterns)
    fast_ruler.add_patterns(patterns)
    assert not fast_ruler.uses_tables
    a, b = (Doc(vocab, words=["very", "very", "big"], tags=["RB", "RB", "JJ"]) for _ in range(2))
    stock_ruler(a)
    fast_ruler(b)
    assert [t.pos_ for t in a] == [t.pos_ for t in b] == ["ADV", "ADV", "ADJ"]
    fast_ruler.clear()  # new patterns: compiled again
    fast_ruler.add_patterns(patterns[1:])
    assert fast_ruler.uses_tables


def test_the_lemma_memo_is_bounded_and_exact(monkeypatch: pytest.MonkeyPatch, pipelines: tuple[Any, Any]) -> None:
    stock, quick = pipelines
    monkeypatch.setattr(fast, "MEMO_SIZE", 8)
    lemmatizer = quick.get_pipe("lemmatizer")
    lemmatizer._memo.clear()
    for text in TEXTS:
        assert rows(quick(text)) == rows(stock(text))
        assert len(lemmatizer._memo) <= 8


def _shared() -> Path | None:
    import os

    env = os.environ.get("TIELINE_SHARED")
    root = Path(env) if env else Path(__file__).resolve().parents[3] / "shared"
    return root if (root / "data" / "corpora").is_dir() else None


def test_corpus_sample_is_identical(pipelines: tuple[Any, Any]) -> None:
    """60 BBC articles and 10 Guardian ones (benchmarks/fast_components.py runs them all)."""
    root = _shared()
    if root is None:
        pytest.skip("../shared/data/corpora is absent: set TIELINE_SHARED to run the corpus comparison")
    import csv
    import sys

    texts: list[str] = []
    bbc = root / "data" / "corpora" / "bbc"
    if bbc.is_dir():
        for folder in sorted(p for p in bbc.iterdir() if p.is_dir()):
            texts += [f.read_bytes().decode("utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))[:12]]
    guardian = root / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"
    if guardian.is_file():
        csv.field_size_limit(sys.maxsize)
        with guardian.open(encoding="utf-8", newline="") as fh:
            texts += [row.get("text") or "" for _, row in zip(range(10), csv.DictReader(fh), strict=False)]
    if not texts:
        pytest.skip(f"no BBC or Guardian texts under {root}")
    stock, quick = pipelines
    for a, b in zip(stock.pipe(texts), quick.pipe(texts), strict=True):
        assert rows(b) == rows(a)


def test_the_mirrored_rule_lemmatizer_matches_stock(pipelines: tuple[Any, Any]) -> None:
    """Every part of speech and morphology the tag map gives, on words of the lemmatizer's own
    tables and made-up inflections (new forms are where the stock code scans its lists)."""
    stock, quick = pipelines
    stock_lem, fast_lem = stock.get_pipe("lemmatizer"), quick.get_pipe("lemmatizer")
    rng = random.Random(7)
    words: set[str] = {"Running", "ran", "better", "U.S.", "x-rays", "data", "geese", "'s", "n't", "3rd"}
    for table in ("lemma_index", "lemma_exc"):
        for entries in stock_lem.lookups.get_table(table).values():
            words.update(rng.sample(sorted(entries), min(60, len(entries))))
    words |= {w + suffix for w in list(words)[:200] for suffix in ("s", "es", "ed", "ing", "er", "est", "ies")}
    analyses = sorted({(p["attrs"]["POS"], p["attrs"]["MORPH"]) for p in stock.get_pipe("attribute_ruler").patterns
                       if "POS" in p["attrs"] and "MORPH" in p["attrs"]})
    vocab = stock.vocab
    for word in sorted(words):
        pos, morph = rng.choice(analyses)
        doc = Doc(vocab, words=[word, word.upper()], pos=[pos, pos], morphs=[morph, morph])
        for token in doc:
            stock_lem.cache.clear()
            assert fast_lem.rule_lemmatize(token) == stock_lem.rule_lemmatize(token), (word, pos, morph)


def _line_breaks_reference(doc: Doc) -> list[int]:
    """The sentence starts `line_breaks` set before it read arrays instead of Tokens."""
    from tieline.nlp.model import _DATELINE_PUNCT, _SENTENCE_END, MAX_DATELINE_TOKENS, MAX_SENTENCE_TOKENS

    n = len(doc)
    marks = [t.is_sent_start for t in doc]
    out = [1 if m else -1 if m is False else 0 for m in marks]
    if n < 2:
        return out
    starts, first, since = [0], True, 0
    texts, spaces, ws = [t.text for t in doc], [t.is_space for t in doc], [t.whitespace_ for t in doc]
    for i in range(1, n):
        since += 1
        if (spaces[i - 1] and "\n" in texts[i - 1]) or "\n" in ws[i - 1]:
            out[i], first, since = 1, True, 0
            starts.append(i)
        elif since >= MAX_SENTENCE_TOKENS:
            out[i], since = 1, 0
        elif first and not spaces[i]:
            out[i] = -1
        if texts[i] in _SENTENCE_END:
            first, since = False, 0
    for start in starts:
        for tok in doc[start:min(n, start + MAX_DATELINE_TOKENS + 1)]:
            if tok.text in _DATELINE_PUNCT and tok.i > start and tok.i + 1 < n:
                head = doc[start:tok.i]
                if head[0].is_upper and all(t.is_upper or t.is_punct or t.is_title or t.pos_ == "PROPN" for t in head):
                    out[tok.i + 1] = 1
                break
            if not (tok.is_upper or tok.is_punct or tok.is_title):
                break
    return out


@pytest.mark.parametrize("text", [*TEXTS, "word " * 250, "A\nB\n\nC. D\n  E - F: g.\nISLAMABAD - Talks began."])
def test_line_breaks_sets_the_same_starts_as_before(pipelines: tuple[Any, Any], text: str) -> None:
    from tieline.nlp.model import line_breaks

    _, quick = pipelines
    doc = quick.make_doc(text)
    expected = _line_breaks_reference(doc.copy())
    line_breaks(doc)
    assert [1 if t.is_sent_start else -1 if t.is_sent_start is False else 0 for t in doc] == expected
