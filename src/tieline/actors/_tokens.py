"""Phrase tokens exactly as spaCy's English tokenizer makes them, mostly without spaCy."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["fast_tokens", "simple_tokens", "spacy_tokens"]

#: Words of a phrase that spaCy's English tokenizer keeps whole or splits predictably: plain words,
#: initials ("U.S.", "J."), inner apostrophes ("O'Brien"), and hyphenated words, which it splits at
#: the hyphen ("Ki-moon" -> "Ki", "-", "moon"). Most of our phrases are such, so loading the tables
#: rarely builds a tokenizer (the generated tables store spaCy's tokens themselves).
_PLAIN = re.compile(r"[A-Za-z]+")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_APOSTROPHE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)+")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def simple_tokens(phrase: str) -> list[str] | None:
    """The tokens of a phrase made only of such words, or None (spaCy must decide)."""
    out: list[str] = []
    exceptions = _tokenizer_exceptions()
    for w in phrase.split(" "):
        if w in exceptions:
            return None  # "cannot", "gonna": the tokenizer's special cases
        if _PLAIN.fullmatch(w) or _INITIALS.fullmatch(w) or (
            _APOSTROPHE.fullmatch(w) and not w.lower().endswith("'s")
        ):
            out.append(w)
        elif _HYPHENATED.fullmatch(w):
            for k, part in enumerate(w.split("-")):
                if part in exceptions:
                    return None
                out += [part] if k == 0 else ["-", part]
        else:
            return None
    return out


def fast_tokens(phrase: str) -> Sequence[str]:
    """The tokens of a phrase exactly as spaCy's English tokenizer splits them (original case);
    a spaCy tokenizer is built on first need, for phrases `simple_tokens` cannot split."""
    simple = simple_tokens(phrase)
    if simple is not None:
        return simple
    return spacy_tokens(phrase)


def spacy_tokens(phrase: str) -> list[str]:
    if not _TOKENIZER:
        import spacy  # deferred: most phrases never need it

        _TOKENIZER.append(spacy.blank("en").tokenizer)
    return [t.text for t in _TOKENIZER[0](phrase) if not t.is_space]


_TOKENIZER: list[Any] = []
_EXCEPTIONS: list[frozenset[str]] = []


def _tokenizer_exceptions() -> frozenset[str]:
    if not _EXCEPTIONS:
        from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

        _EXCEPTIONS.append(frozenset(TOKENIZER_EXCEPTIONS))
    return _EXCEPTIONS[0]
