"""The prefilter: parse only the sentences that can hold an event.

Most sentences of a news stream name no actor or no act, and the parser costs far more than
the rest of coding. From tokens alone (the tokenizer and a rule-based sentence splitter) a
sentence is kept when it has

- a trigger: a form of a verb or event-noun lemma of the coder's lexicon (any form the
  lemmatizer's rules and exceptions, or the coder's own lemma repair, can map to it) with an
  entry that can hold there: an entry needing a particle or an object word counts only when
  that word occurs in the sentence (the coder's own `choose_entry` decides);
- an actor: a gazetteer phrase (countries, demonyms, capitals, seats, organisations, groups,
  people, sectors and titles; first word by form or lemma, the rest matched word by word), or
  a pronoun, reference noun ("the two countries") or bare sector word when a named actor comes
  before it in the sentence or within a reference's reach (`CONTEXT_CHARS`) before; a sector
  word alone with `Config.allow_missing_actors`. No actor is needed with
  `Config.allow_missing_source`.

A pipeline without the rule lemmatizer's tables gets only the coder's regular suffixes, so
irregular forms may be missed there; `Config(prefilter=False)` parses everything.

Sentences that name an actor the document memory keeps (`DocumentContext`) are parsed too when
they come within a reference's reach (`MAX_REFERENCE_DISTANCE`) before a kept sentence, so "the
two countries", "it" and "he" still resolve. Every word list is derived at load time from the
lexicon, the gazetteer and the pipeline's own lemmatizer tables (every form its rules or
exceptions map to a lemma), so new lexicon or gazetteer entries are covered without edits here.

Skipped sentences are not removed: each becomes one whitespace token of the same length, its
own sentence, so character offsets are those of the original text and sentence numbers follow
it (a skipped stretch counts the splitter's sentences, which can differ from the parser's
count there; `benchmarks/prefilter.py` measures both the events kept and the ids unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SPACY
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from tieline.actors._context import MAX_REFERENCE_DISTANCE
from tieline.actors._words import COUNTRY_NOUNS, GROUP_NOUNS, PRONOUNS_GROUP, PRONOUNS_PERSON, PRONOUNS_SINGLE
from tieline.coding.arguments import LEDE_SENTENCES, NAMING_WINDOW, REFLEXIVE_PRONOUNS
from tieline.coding.frames import CLAUSE_WORD, VERB_SUFFIXES, choose_entry

if TYPE_CHECKING:
    from spacy.language import Language

    from tieline.actors._gazetteer import Gazetteer
    from tieline.coding.lexicon import Entry, Lexicon

__all__ = ["CONTEXT_CHARS", "LemmaTables", "Prefilter", "Selection", "WordSets", "word_sets"]

#: How far before a kept sentence a sentence naming an actor is parsed too: as far as any
#: in-document reference of the resolver reaches back.
CONTEXT_CHARS = MAX_REFERENCE_DISTANCE
#: Distinct word forms whose possible lemmas are remembered (a news day has far fewer).
LEMMA_CACHE_SIZE = 200_000
#: Gazetteer kinds whose mentions `ActorResolver.find_in` never returns, so the document
#: memory never keeps them: a sentence naming only these adds nothing to later references.
_NOT_REMEMBERED = frozenset({"sector"})


#: A gazetteer phrase as the prefilter matches it: its lowercased words, whether they may
#: match by lemma (case rule "any"), whether they must be in capitals, and whether the
#: document memory keeps its mentions.
Phrase = tuple[tuple[str, ...], bool, bool, bool]


@dataclass(frozen=True, slots=True)
class WordSets:
    """What the prefilter looks for, derived from the coder's data."""

    #: Lowercased forms of the lexicon's verb and event-noun lemmas.
    triggers: frozenset[str]
    #: Forms of lemmas with an entry that needs no particle and no object word: a trigger alone.
    free_triggers: frozenset[str]
    #: The lexicon lemmas each trigger form can be read as.
    trigger_lemmas: dict[str, tuple[str, ...]]
    #: Pronouns and reference nouns ("it", "the two countries") the resolver reads as actors
    #: through the document memory.
    references: frozenset[str]
    #: Gazetteer phrases by first word (a first word matches by its form or, with case rule
    #: "any", by any lemma the lemmatizer could give it).
    phrases: dict[str, tuple[Phrase, ...]]
    #: Every form that can start a gazetteer phrase.
    first_forms: frozenset[str]


class LemmaTables:
    """The pipeline's lemmatizer data read both ways: which lemmas a form may get (forward,
    for matching) and which forms may get a lemma (backward, for the trigger list).

    The coder's own verb-lemma repair (`frames.VERB_SUFFIXES`) counts as rules too. Rules run
    backwards give a superset of the forms the forward rules accept, which is what an exact
    filter needs: a missing form would be a sentence wrongly skipped.
    """

    def __init__(self, nlp: Language) -> None:
        rules: set[tuple[str, str]] = {(old, new) for old, new in VERB_SUFFIXES}
        lemmas_of: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.component_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None:
                if lookups.has_table("lemma_rules"):
                    for table in lookups.get_table("lemma_rules").values():
                        rules.update((str(old), str(new)) for old, new in table)
                if lookups.has_table("lemma_exc"):
                    for table in lookups.get_table("lemma_exc").values():
                        for form, lemmas in table.items():
                            lemmas_of.setdefault(str(form).lower(), set()).update(str(x).lower() for x in lemmas)
                if lookups.has_table("lemma_lookup"):
                    for form, lemma in lookups.get_table("lemma_lookup").items():
                        if isinstance(form, str):
                            lemmas_of.setdefault(form.lower(), set()).add(str(lemma).lower())
        if "attribute_ruler" in nlp.component_names:
            for pattern in getattr(nlp.get_pipe("attribute_ruler"), "patterns", ()):
                lemma = pattern.get("attrs", {}).get("LEMMA")
                for tokens in pattern.get("patterns", ()) if lemma else ():
                    for spec in tokens:
                        for key in ("LOWER", "ORTH", "TEXT"):
                            if isinstance(spec.get(key), str):
                                lemmas_of.setdefault(spec[key].lower(), set()).add(str(lemma).lower())
        self.rules = tuple(sorted(rules))
        self.lemmas_of = lemmas_of
        self.forms_of: dict[str, set[str]] = {}
        for form, lemmas in lemmas_of.items():
            for lemma in lemmas:
                self.forms_of.setdefault(lemma, set()).add(form)

    def lemmas(self, form: str) -> set[str]:
        """Every lemma the lemmatizer could give the lowercased `form`, and the form itself."""
        out = {form}
        out.update(self.lemmas_of.get(form, ()))
        for old, new in self.rules:
            if form.endswith(old) and len(form) > len(old):
                out.add(form[: len(form) - len(old)] + new)
        return out

    def inflections(self, lemmas: Iterable[str]) -> frozenset[str]:
        """Every form `lemmas` can be read from: each lemma, its exception forms, and each
        suffix rule run backwards."""
        out: set[str] = set()
        for lemma in lemmas:
            lemma = lemma.lower()
            out.add(lemma)
            out.update(self.forms_of.get(lemma, ()))
            for old, new in self.rules:
                if lemma.endswith(new) and len(lemma) > len(new):
                    out.add(lemma[: len(lemma) - len(new)] + old)
        return frozenset(out)


def _free(entries: Iterable[Entry]) -> bool:
    return any(e.particle is None and (not e.words or CLAUSE_WORD in e.words) for e in entries)


def word_sets(tables: LemmaTables, lexicon: Lexicon, gazetteer: Gazetteer) -> WordSets:
    """The prefilter's word lists for this pipeline, lexicon and gazetteer."""
    phrases: dict[str, list[Phrase]] = {}
    for first, bucket in gazetteer.index.items():
        for toks, case, entry in bucket:
            phrases.setdefault(first, []).append(
                (toks, case == "any", case == "upper", entry.kind not in _NOT_REMEMBERED)
            )
    any_case = [first for first, bucket in phrases.items() if any(p[1] for p in bucket)]
    references = tables.inflections(GROUP_NOUNS | COUNTRY_NOUNS) | (
        PRONOUNS_GROUP | PRONOUNS_SINGLE | PRONOUNS_PERSON | REFLEXIVE_PRONOUNS
    )
    trigger_lemmas: dict[str, set[str]] = {}
    free: set[str] = set()
    for lemma in {*lexicon.verbs, *lexicon.nouns}:
        forms = tables.inflections([lemma])
        for form in forms:
            trigger_lemmas.setdefault(form, set()).add(lemma)
        if _free(lexicon.verbs.get(lemma, ())) or _free(lexicon.nouns.get(lemma, ())):
            free |= forms
    return WordSets(
        triggers=frozenset(trigger_lemmas),
        free_triggers=frozenset(free),
        trigger_lemmas={k: tuple(sorted(v)) for k, v in trigger_lemmas.items()},
        references=frozenset(references),
        phrases={k: tuple(v) for k, v in phrases.items()},
        first_forms=tables.inflections(any_case) | frozenset(phrases),
    )


@dataclass(frozen=True, slots=True)
class Selection:
    """One document's sentences by the splitter, as token ranges, and which are parsed."""

    bounds: tuple[tuple[int, int], ...]
    parsed: tuple[bool, ...]

    @property
    def all_parsed(self) -> bool:
        return all(self.parsed)


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """values in sorted_set, by binary search (np.isin hashes its whole second argument each
    call, and the gazetteer's forms number a hundred thousand)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


class Prefilter:
    """Decides which sentences of a tokenized Doc to parse and builds the Doc to parse.

    `need_actor`: an event needs a named actor (False with `Config.allow_missing_source`).
    `sector_actors`: a sector word alone is an actor (`Config.allow_missing_actors`); otherwise
    a sector word, like a pronoun, names an actor only through a country named before it.
    """

    def __init__(
        self, words: WordSets, tables: LemmaTables, lexicon: Lexicon, vocab: Any, *,
        need_actor: bool = True, sector_actors: bool = False,
    ) -> None:
        self.words = words
        self.lexicon = lexicon
        self.need_actor = need_actor
        self.sector_actors = sector_actors
        self._final_punct = {vocab.strings.add(c) for c in Sentencizer.default_punct_chars}
        self._lemmas = lru_cache(maxsize=LEMMA_CACHE_SIZE)(tables.lemmas)
        # phrases by first and second word, so a position is checked against a handful of them
        self._singles: dict[str, list[Phrase]] = {}
        self._pairs: dict[tuple[str, str], list[Phrase]] = {}
        for first, bucket in words.phrases.items():
            for phrase in bucket:
                if len(phrase[0]) == 1:
                    self._singles.setdefault(first, []).append(phrase)
                else:
                    self._pairs.setdefault((first, phrase[0][1]), []).append(phrase)

        def hashes(forms: frozenset[str]) -> np.ndarray:
            return np.array(sorted({vocab.strings[w] for w in forms}), dtype=np.uint64)  # sorted: see _member

        self._triggers = hashes(words.triggers)
        self._free = hashes(words.free_triggers)
        self._references = hashes(words.references)
        self._firsts = hashes(words.first_forms)

    @classmethod
    def for_pipeline(
        cls, nlp: Language, lexicon: Lexicon, gazetteer: Gazetteer, *, need_actor: bool = True,
        sector_actors: bool = False,
    ) -> Prefilter:
        """The prefilter for a pipeline's lemmatizer and the coder's lexicon and gazetteer."""
        tables = LemmaTables(nlp)
        return cls(word_sets(tables, lexicon, gazetteer), tables, lexicon, nlp.vocab,
                   need_actor=need_actor, sector_actors=sector_actors)

    # -- selection ---------------------------------------------------------------------------
    def _sentences(
        self, doc: Doc, orth: list[int], punct: list[int], space: list[int], spaced: list[int]
    ) -> list[tuple[int, int]]:
        """Sentence token ranges: spaCy's rule-based sentencizer (a sentence ends after final
        punctuation), plus a start after every line break (as the coder's pipeline starts one
        there); a start never falls on whitespace, which the parser attaches to the sentence
        before."""
        final = self._final_punct
        strings = doc.vocab.strings
        out: list[tuple[int, int]] = []
        begin = 0
        seen_final = pending = False
        for i in range(len(orth)):
            if i and pending and not space[i]:
                out.append((begin, i))
                begin = i
                pending = False
            is_final = orth[i] in final
            # an opening quote or bracket after a space starts the next sentence ('. "We'), as
            # the parser has it; a closing one stays with its sentence ('."')
            opening = punct[i] and not is_final and i > 0 and spaced[i - 1]
            if seen_final and (opening or not punct[i]) and not is_final and not space[i]:
                if i != begin:
                    out.append((begin, i))
                    begin = i
                seen_final = pending = False
            elif is_final:
                seen_final = True
            if space[i] and "\n" in strings[orth[i]]:
                pending, seen_final = True, False
        if orth:
            out.append((begin, len(orth)))
        return out

    def _phrase_at(self, doc: Doc, i: int, lower: list[str]) -> tuple[bool, bool]:
        """(a gazetteer phrase starts at token i, one whose mentions the memory keeps)."""
        found = remembered = False
        nxt = (lower[i + 1], *self._lemmas(lower[i + 1])) if i + 1 < len(lower) else ()
        for first in {lower[i], *self._lemmas(lower[i])}:
            candidates = [*self._singles.get(first, ())]
            for w in set(nxt):
                candidates.extend(self._pairs.get((first, w), ()))
            for toks, any_case, upper, keeps in candidates:
                n = len(toks)
                if i + n > len(lower) or (first != lower[i] and not any_case):
                    continue
                if not all(
                    lower[i + k] == toks[k] or (any_case and toks[k] in self._lemmas(lower[i + k]))
                    for k in range(1, n)
                ):
                    continue
                if upper and not all(t.text.isupper() or t.text.upper() == t.text.lower() for t in doc[i:i + n]):
                    continue
                found = True
                remembered = remembered or keeps
                if remembered:
                    return True, True
        return found, remembered

    def _entry_holds(self, lower: list[str], positions: Iterable[int]) -> bool:
        """Whether a constrained lexicon entry can hold in the sentence: its particle and one of
        its object words occur (the coder's own `choose_entry` decides)."""
        words = {CLAUSE_WORD, *lower}
        for w in lower:
            words.update(self._lemmas(w))
        particles = set(lower)
        for i in positions:
            for lemma in self.words.trigger_lemmas.get(lower[i], ()):
                for table in (self.lexicon.verbs, self.lexicon.nouns):
                    entries = table.get(lemma)
                    if entries and choose_entry(entries, words, particles) is not None:
                        return True
        return False

    def select(self, doc: Doc) -> Selection:
        arrays = doc.to_array([LOWER, ORTH, IS_PUNCT, IS_SPACE, IDX, LENGTH, SPACY]).astype(np.uint64)
        hashes = arrays[:, 0]
        orth, punct, space = arrays[:, 1].tolist(), arrays[:, 2].tolist(), arrays[:, 3].tolist()
        idx, ends = arrays[:, 4].tolist(), (arrays[:, 4] + arrays[:, 5]).tolist()
        bounds = self._sentences(doc, orth, punct, space, arrays[:, 6].tolist())
        if not bounds:
            return Selection((), ())
        trig = _member(hashes, self._triggers)
        free = _member(hashes, self._free)
        refs = _member(hashes, self._references)
        strings = doc.vocab.strings
        lower = [strings[h] for h in hashes.tolist()]
        named = np.zeros(len(doc), dtype=bool)  # a remembered actor: country, person, IGO, group
        sector = np.zeros(len(doc), dtype=bool)  # a sector or title word only
        for i in np.flatnonzero(_member(hashes, self._firsts)).tolist():
            found, remembered = self._phrase_at(doc, i, lower)
            named[i], sector[i] = remembered, found and not remembered
        keep: list[bool] = []
        last_named_end: int | None = None  # end offset of the latest sentence naming an actor
        for a, b in bounds:
            start = idx[a]
            trigger = bool(free[a:b].any()) or (
                bool(trig[a:b].any()) and self._entry_holds(lower[a:b], np.flatnonzero(trig[a:b]).tolist())
            )
            if self.need_actor and trigger and not named[a:b].any():
                # A pronoun or a bare sector word is an actor only through a country named
                # within a reference's reach before ("the government", "it").
                reach = last_named_end is not None and start - last_named_end <= CONTEXT_CHARS
                trigger = (self.sector_actors and bool(sector[a:b].any())) or (
                    reach and bool(refs[a:b].any() or sector[a:b].any())
                )
            keep.append(trigger)
            if named[a:b].any():
                last_named_end = ends[b - 1]
        # Sentences naming a remembered actor within reach before a kept sentence are parsed too,
        # so the coder's document memory holds what it would hold on a full parse.
        parsed = list(keep)
        next_kept: int | None = None  # character offset of the nearest kept sentence after
        for k in range(len(bounds) - 1, -1, -1):
            a, b = bounds[k]
            if keep[k]:
                next_kept = idx[a]
            elif next_kept is not None and next_kept - ends[b - 1] <= CONTEXT_CHARS and (
                named[a:b].any() or (k < LEDE_SENTENCES + NAMING_WINDOW and _opens_with_name(doc, a, b))
            ):
                # ... and so are the first sentences that open with a name ("Joe Robinson, 25,
                # was on bail"): the name a lede's description may be given (delayed identification)
                parsed[k] = True
        return Selection(tuple(bounds), tuple(parsed))

    # -- the Doc to parse ---------------------------------------------------------------------
    def condense(self, doc: Doc, selection: Selection) -> tuple[Doc, list[int]]:
        """A Doc with the same text offsets in which each skipped sentence is one whitespace
        token (its own sentence); returns it and the tokens whose sentence start is forced
        (placeholders and the first token after each)."""
        text = doc.text
        words: list[str] = []
        spaces: list[bool] = []
        forced: list[int] = []
        after_gap = False
        for (a, b), parse in zip(selection.bounds, selection.parsed, strict=True):
            if parse:
                if after_gap:
                    forced.append(len(words))
                for tok in doc[a:b]:
                    words.append(tok.text)
                    spaces.append(bool(tok.whitespace_))
                after_gap = False
                continue
            start = doc[a].idx
            end = doc[b].idx if b < len(doc) else len(text)
            # whitespace stays as it is (line breaks still end sentences); the rest is blanked
            words.append("".join(c if c.isspace() else " " for c in text[start:end]))
            spaces.append(False)
            forced.append(len(words) - 1)
            after_gap = True
        starts: list[bool | int | None] = [None] * len(words)
        for i in forced:
            starts[i] = True
        out = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
        out.user_data.update(doc.user_data)
        return out, forced


def _opens_with_name(doc: Doc, a: int, b: int) -> bool:
    """Whether a sentence opens with two capitalised words ("Joe Robinson", "Martin Mubanga")."""
    return b - a > 2 and doc[a].is_title and doc[a + 1].is_title and doc[a].is_alpha and doc[a + 1].is_alpha
