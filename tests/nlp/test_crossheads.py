"""Crossheads (subheadings) run into the next sentence when a page's text is flattened."""

from __future__ import annotations

import pytest

from tieline.nlp.model import load_pipeline


def _sentences(text: str) -> list[str]:
    return [s.text for s in load_pipeline()(text).sents]


@pytest.mark.parametrize("text, crosshead", [
    ("The fighting ended. Recent attacks Since the beginning of the year, the BLA has ramped up attacks.",
     "Recent attacks"),
    ("It was over. BLA surges The United States and Pakistan have designated BLA as a terrorist group.",
     "BLA surges"),
    ("He left. \u2018We are very concerned \u2019 In a statement, the Thai government said China had asked.",
     "\u2018We are very concerned \u2019"),
])
def test_a_crosshead_is_a_sentence_of_its_own(text: str, crosshead: str) -> None:
    assert crosshead in _sentences(text)


@pytest.mark.parametrize("text", [
    "He left. The newspaper The Hindu reported the attack.",  # a title after a singular noun
    "He left. Officials told The Associated Press that it was over.",  # a title after a verb
    "He left. In Syria, the troops withdrew.",  # an opener at the sentence's start
])
def test_titles_and_openers_are_no_crossheads(text: str) -> None:
    assert _sentences(text)[1:] == [text.split(". ", 1)[1]]
