"""The tokenizer and sentence-boundary slow paths: long runs cut, sentences capped, boundaries
set in one pass, the Doc's text always exactly the input."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from tieline.nlp.model import MAX_RUN_CHARS, MAX_SENTENCE_TOKENS, RunSafeTokenizer, build_pipeline  # noqa: E402


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    try:
        return build_pipeline()
    except Exception as exc:  # the model package is not installed
        pytest.skip(f"no spaCy model: {exc}")


@pytest.mark.parametrize("text", [
    "&" * 20_000,
    "Russia attacked Ukraine. " + "(" * 5_000 + " China met India.",
    "x" * (MAX_RUN_CHARS * 3 + 7) + "  \n\n tail&&&&" + "&" * 500,
    "https://example.org/" + "a/" * 300 + " ok",
])
def test_long_runs_are_cut_and_the_text_is_kept_exactly(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(nlp.tokenizer, RunSafeTokenizer)
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= MAX_RUN_CHARS


def test_normal_text_is_tokenized_as_spacy_does(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia's envoy didn't meet U.S. officials in Washington D.C. on Monday -- or did he?"
    ours, base = nlp.tokenizer(text), nlp.tokenizer.base(text)
    assert [(t.text, t.norm_, t.whitespace_) for t in ours] == [(t.text, t.norm_, t.whitespace_) for t in base]


def test_no_sentence_runs_past_the_cap(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(" ".join(["Russia", "and", "China", "held", "talks"] * 400))  # 2,000 tokens, no full stop
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


def test_headlines_and_datelines_still_end_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Russia and Pakistan hold drills\n\nISLAMABAD - Pakistan and Russia held joint exercises. "
              "They ended on Friday.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "Russia and Pakistan hold drills"
    assert "ISLAMABAD -" in sents and sents[-1] == "They ended on Friday."


def test_a_hyphen_after_an_abbreviation_splits_before_a_capital(nlp) -> None:  # type: ignore[no-untyped-def]
    # "U.S.-China talks" names two parties; "U.S.-backed forces" is one modifier
    assert [t.text for t in nlp.make_doc("U.S.-China talks")] == ["U.S.", "-", "China", "talks"]
    assert [t.text for t in nlp.make_doc("U.S.-backed forces")] == ["U.S.-backed", "forces"]
    doc = nlp.make_doc("the U.N.-Iran deal")
    assert doc.text == "the U.N.-Iran deal" and "Iran" in [t.text for t in doc]


def test_the_acronym_is_is_read_as_a_name_not_the_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("IS fighters attacked the town. The service eliminated IS deputy leader Abu Khadija.")
    assert doc.text.startswith("IS fighters")  # the text is unchanged
    acronyms = [t for t in doc if t.text == "IS"]
    assert len(acronyms) == 2 and all(t.pos_ in ("NOUN", "PROPN") for t in acronyms)
    assert [t.dep_ for t in doc if t.text in ("attacked", "eliminated")] == ["ROOT", "ROOT"]
    # the verb in ordinary text is untouched
    assert next(t for t in nlp("The town is quiet.") if t.text == "is").pos_ == "AUX"
