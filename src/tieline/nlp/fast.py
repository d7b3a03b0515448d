"""Output-identical, faster stand-ins for en_core_web_sm's attribute ruler and rule lemmatizer.

Both stock components are cheap per decision but run Python per token: the attribute ruler
runs spaCy's `Matcher` with its 179 patterns over every token and sets each match through a
`Span`, and the lemmatizer builds a `Token` and reads `pos_`, `morph` and `text` for every
token. Together they cost about 30% of a coding worker's CPU (benchmarks/README.md).

- `FastAttributeRuler` keeps the stock ruler's patterns (and its serialisation, `patterns`,
  `add_patterns`), and applies them from tables: every predicate of every token pattern is
  evaluated once per distinct attribute value (a tag, a lowercase form, a dependency label),
  the combination of those answers picks the patterns that match, and their attributes are
  folded in the stock order (pattern by pattern, later patterns win), then written back with
  one `Doc.from_array`. Multi-token patterns (a handful: "gon na", "there is") are matched from
  the same per-token answers. Patterns outside what is mirrored here (quantifiers, extension
  attributes, attributes that depend on context) make it run the stock code instead.
- `FastLemmatizer` memoises the lemma per (ORTH, POS, MORPH): spaCy's rule lemmatizer reads
  the token's text, POS and morphology and nothing else (`Lemmatizer.rule_lemmatize`,
  `EnglishLemmatizer.is_base_form`). A miss runs a line-for-line copy of spaCy's method
  that looks words up in a set where spaCy scans a list of up to 57,000 (0.25 ms a new form).

`tests/nlp/test_fast_components.py` and `benchmarks/fast_components.py` compare both, token
by token, with the stock components. `TIELINE_STOCK_COMPONENTS=1` in the environment (or
`build_pipeline(..., fast_components=False)`) keeps the stock ones.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

import numpy as np
import spacy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors, Warnings
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = [
    "FAST_LEMMATIZER",
    "FAST_RULER",
    "MEMO_SIZE",
    "STOCK_ENV",
    "FastAttributeRuler",
    "FastLemmatizer",
    "stock_requested",
    "use_fast_components",
]

FAST_RULER = "tieline_attribute_ruler"
FAST_LEMMATIZER = "tieline_lemmatizer"
#: Set to 1 to keep spaCy's own attribute ruler and lemmatizer (for comparison or debugging).
STOCK_ENV = "TIELINE_STOCK_COMPONENTS"
#: Entries each memo holds before it is emptied (a news day has far fewer distinct forms);
#: emptying only costs recomputation, results are the same.
MEMO_SIZE = 200_000

#: Token attributes a pattern may test here: those `Doc.to_array` reads exactly as the
#: Matcher does (`get_token_attr_for_matcher`); sentence starts, heads, entities, lemmas,
#: morphology and extensions are left to the stock code.
_READABLE = {IDS[name] for name in (
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "POS",
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE",
    "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_BRACKET", "IS_QUOTE",
    "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
)}
#: Attributes whose value is a string hash (so REGEX can read the string).
_STRING_ATTRS = {IDS[name] for name in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "POS")}
#: Attributes a pattern may set: token-level ones only (`set_token_attrs` would also write
#: lexeme attributes such as IS_STOP onto the vocabulary, which a table cannot mirror).
_WRITABLE = (POS, MORPH, LEMMA, TAG, DEP)


def stock_requested() -> bool:
    return os.environ.get(STOCK_ENV, "").strip().lower() not in ("", "0", "false", "no")


class _Unsupported(Exception):
    """A pattern this module does not mirror: the stock code runs instead."""


#: A table row, for tokens whose attribute values fall in the same classes: the single-token
#: patterns that match (by id), whether each token spec of the multi-token patterns matches,
#: and the patterns' folded result as a mask and values over `_WRITABLE`.
_Row = tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...], tuple[int, ...]]
#: At most this many attributes tested: each gets 64 / n bits of a combined key.
_MAX_COLUMNS = 6
#: A predicate on one attribute value (a hash or a flag), as the Matcher evaluates it.
Predicate = Callable[[int], bool]


def _search(rx: re.Pattern[str], strings: Any) -> Predicate:
    return lambda v: bool(rx.search(strings[v]))  # the Matcher searches, it does not fullmatch


class _Tables:
    """The ruler's patterns compiled for table lookup.

    Each distinct (attribute, test) is one predicate, numbered; a token's *key* is the set of
    predicates it passes, as a bit mask (the OR of one mask per attribute value, memoised per
    attribute). A token pattern matches when its predicates' bits are all in the key.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.attrs_of: list[dict[int, int]] = []  # per pattern id: its normalised attributes
        preds: dict[tuple[int, str, Any], int] = {}
        self.pred_fns: list[tuple[int, str, Any, Predicate | None]] = []  # by bit: attribute, kind, payload, REGEX test
        single: list[tuple[int, int]] = []  # (spec mask, pattern id)
        self.multi: list[tuple[int, tuple[int, ...], int]] = []  # (pattern id, spec ids, target offset)
        self.multi_specs: list[int] = []  # spec masks of multi-token patterns' tokens

        def pred(attr: int, kind: str, payload: Any, fn: Predicate | None) -> int:
            key = (attr, kind, payload)
            if key not in preds:
                preds[key] = len(self.pred_fns)
                self.pred_fns.append((attr, kind, payload, fn))
            return 1 << preds[key]

        for pid, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            if set(attrs) - set(_WRITABLE):
                raise _Unsupported(f"pattern {pid} sets {sorted(attrs)}")
            self.attrs_of.append(dict(attrs))
            for alternative in ruler.matcher.get(str(pid))[1]:
                n = len(alternative)
                target = index if index >= 0 else n + index
                if not 0 <= target < n:  # the stock ruler raises E1001 on a match: let it
                    raise _Unsupported(f"pattern {pid}: index {index} outside {n} tokens")
                masks = [self._spec(spec, pred) for spec in alternative]
                if n == 1:
                    single.append((masks[0], pid))
                else:
                    ids = []
                    for mask in masks:
                        ids.append(len(self.multi_specs))
                        self.multi_specs.append(mask)
                    self.multi.append((pid, tuple(ids), target))
        self.single = single
        self.read = sorted({p[0] for p in self.pred_fns})
        # per attribute, a value's bits come from a few lookups: equality and IN tests by the
        # value itself, NOT_IN tests are on unless the value is listed, REGEX tests are run
        self._by_value: dict[int, dict[int, int]] = {a: {} for a in self.read}
        self._not_in_all: dict[int, int] = dict.fromkeys(self.read, 0)
        self._not_in: dict[int, dict[int, int]] = {a: {} for a in self.read}
        self._searched: dict[int, list[tuple[int, Predicate]]] = {a: [] for a in self.read}
        for n, (attr, kind, payload, fn) in enumerate(self.pred_fns):
            bit = 1 << n
            if kind == "==":
                self._by_value[attr][payload] = self._by_value[attr].get(payload, 0) | bit
            elif kind == "IN":
                for v in payload:
                    self._by_value[attr][v] = self._by_value[attr].get(v, 0) | bit
            elif kind == "NOT_IN":
                self._not_in_all[attr] |= bit
                for v in payload:
                    self._not_in[attr][v] = self._not_in[attr].get(v, 0) | bit
            elif fn is not None:
                self._searched[attr].append((bit, fn))
        if len(self.read) > _MAX_COLUMNS:
            raise _Unsupported(f"patterns test {len(self.read)} attributes")
        self.shift = 64 // max(1, len(self.read))  # bits of a column's class in a combined key
        # per column: attribute value -> class (the index of its predicate mask in class_masks)
        self.class_memo: list[dict[int, int]] = [{} for _ in self.read]
        self.class_masks: list[list[int]] = [[] for _ in self.read]
        self._class_of_mask: list[dict[int, int]] = [{} for _ in self.read]
        # combined key -> row of the tables below
        self.row_of: dict[int, int] = {}
        self.rows: list[_Row] = []
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _spec(self, spec: dict[Any, Any], pred: Callable[[int, str, Any, Predicate | None], int]) -> int:
        mask = 0
        for raw_attr, value in spec.items():
            attr = IDS.get(raw_attr.upper()) if isinstance(raw_attr, str) else raw_attr
            if isinstance(raw_attr, str) and raw_attr.upper() == "TEXT":
                attr = ORTH
            if attr not in _READABLE:
                raise _Unsupported(f"token attribute {raw_attr!r}")
            for kind, payload, fn in self._tests(attr, value):
                mask |= pred(attr, kind, payload, fn)
        return mask

    def _tests(self, attr: int, value: Any) -> Iterable[tuple[str, Any, Predicate | None]]:
        """The Matcher's tests for one attribute of a token pattern (`_get_attr_values`,
        `_SetPredicate`, `_RegexPredicate` in spacy/matcher/matcher.pyx)."""
        if isinstance(value, bool):
            yield "==", int(value), None
        elif isinstance(value, int):
            yield "==", value, None
        elif isinstance(value, str):
            want = self.strings.add(value)
            yield "==", want, None
        elif isinstance(value, dict):
            for op, arg in value.items():
                op = op.upper()
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
                    values = frozenset(get_string_id(x) for x in arg)
                    yield op, values, None  # set membership: see _Tables.value_class
                elif op == "REGEX" and isinstance(arg, str) and attr in _STRING_ATTRS:
                    yield op, arg, _search(re.compile(arg), self.strings)
                else:
                    raise _Unsupported(f"predicate {op!r}")
        else:
            raise _Unsupported(f"value {value!r}")

    def value_class(self, column: int, value: int) -> int:
        """The class of an attribute value: which of the column's predicates it passes."""
        attr = self.read[column]
        mask = self._by_value[attr].get(value, 0) | (self._not_in_all[attr] & ~self._not_in[attr].get(value, 0))
        for bit, fn in self._searched[attr]:
            if fn(value):
                mask |= bit
        ids = self._class_of_mask[column]
        if mask not in ids:
            if len(ids) >= 1 << self.shift:
                raise _Unsupported("too many classes for a combined key")
            ids[mask] = len(self.class_masks[column])
            self.class_masks[column].append(mask)
        memo = self.class_memo[column]
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[value] = ids[mask]
        return ids[mask]

    def row(self, combined: int) -> int:
        """The table row of a combined key (its classes, one per column), made on first use."""
        found = self.row_of.get(combined)
        if found is None:
            key = 0
            for c in range(len(self.read)):
                key |= self.class_masks[c][(combined >> (c * self.shift)) & ((1 << self.shift) - 1)]
            pids = tuple(sorted({pid for mask, pid in self.single if key & mask == mask}))
            folded = self.fold(pids)
            self.rows.append((
                pids, tuple(key & mask == mask for mask in self.multi_specs),
                tuple(attr in folded for attr in _WRITABLE), tuple(folded.get(attr, 0) for attr in _WRITABLE),
            ))
            found = self.row_of[combined] = len(self.rows) - 1  # few: combinations of classes
            self._arrays = None
        return found

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows as arrays: which attributes the single-token patterns set, their values,
        and which multi-token specs match."""
        if self._arrays is None:
            self._arrays = (
                np.array([r[2] for r in self.rows], dtype=bool).reshape(len(self.rows), len(_WRITABLE)),
                np.array([r[3] for r in self.rows], dtype=np.uint64).reshape(len(self.rows), len(_WRITABLE)),
                np.array([r[1] for r in self.rows], dtype=bool).reshape(len(self.rows), len(self.multi_specs)),
            )
        return self._arrays

    def fold(self, pids: Iterable[int]) -> dict[int, int]:
        """The attributes the patterns set, applied in pattern order (the stock ruler sorts
        its matches by pattern id, and a later pattern overwrites an earlier one)."""
        out: dict[int, int] = {}
        for pid in sorted(pids):
            out.update(self.attrs_of[pid])
        return out


class FastAttributeRuler(AttributeRuler):
    """spaCy's `AttributeRuler`, applied from lookup tables (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tables: _Tables | None = None
        self._unsupported: str | None = None

    # any change to the patterns recompiles the tables
    def clear(self) -> None:
        super().clear()
        self._tables, self._unsupported = None, None

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._tables, self._unsupported = None, None

    @property
    def uses_tables(self) -> bool:
        """Whether the patterns are all mirrored (otherwise every call runs the stock code)."""
        return self._compiled() is not None

    def _compiled(self) -> _Tables | None:
        if self._tables is None and self._unsupported is None:
            try:
                self._tables = _Tables(self)
            except _Unsupported as exc:
                self._unsupported = str(exc)
        return self._tables

    def __call__(self, doc: Doc) -> Doc:
        tables = self._compiled()
        if tables is None or len(doc) == 0:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._apply(tables, doc)
            return doc
        except _Unsupported as exc:  # found while applying (nothing written yet): stock from now on
            self._tables, self._unsupported = None, str(exc)
            return super().__call__(doc)
        except Exception as e:
            return error_handler(self.name, self, [doc], e)  # type: ignore[no-any-return]

    def _apply(self, tables: _Tables, doc: Doc) -> None:
        n = len(doc)
        combined = np.zeros(n, dtype=np.uint64)
        if tables.read:
            columns = doc.to_array(cast(Any, tables.read)).reshape(n, len(tables.read))
            for c in range(len(tables.read)):
                uniq, inverse = np.unique(columns[:, c], return_inverse=True)
                memo = tables.class_memo[c]
                classes = [memo.get(v) for v in uniq.tolist()]
                for j, cls in enumerate(classes):
                    if cls is None:
                        classes[j] = tables.value_class(c, int(uniq[j]))
                combined |= np.array(classes, dtype=np.uint64)[inverse.reshape(-1)] << np.uint64(c * tables.shift)
        uniq, inverse = np.unique(combined, return_inverse=True)
        rows = np.array([tables.row(k) for k in uniq.tolist()], dtype=np.intp)[inverse.reshape(-1)]
        sets, set_values, spec_hits = tables.arrays()
        before = doc.to_array(list(_WRITABLE)).reshape(n, len(_WRITABLE))
        values = np.where(sets[rows], set_values[rows], before)
        if tables.multi:
            # tokens a multi-token pattern sets: fold its id with the single ones, in id order
            hits = spec_hits[rows]
            extra: dict[int, set[int]] = {}
            for pid, spec_ids, target in tables.multi:
                length = len(spec_ids)
                if length > n:
                    continue
                ok = np.ones(n - length + 1, dtype=bool)
                for k, s in enumerate(spec_ids):
                    ok &= hits[k:n - length + 1 + k, s]
                for start in np.flatnonzero(ok).tolist():
                    extra.setdefault(start + target, set()).add(pid)
            for i, pids in extra.items():
                folded = tables.fold({*tables.rows[rows[i]][0], *pids})
                for col, attr in enumerate(_WRITABLE):
                    values[i, col] = folded[attr] if attr in folded else before[i, col]
        doc.from_array(list(_WRITABLE), cast(Any, values.astype(np.uint64)))


@Language.factory(
    FAST_RULER,
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None = attribute_ruler_score
) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


#: spaCy versions whose `Lemmatizer.rule_lemmatize` `FastLemmatizer.rule_lemmatize` mirrors
#: line for line; under another version the stock method runs (behind the memo).
_MIRRORED_SPACY = ("3.7.", "3.8.")


class FastLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with a bounded (ORTH, POS, MORPH) -> lemma memo, and
    its word index as sets.

    The lemma depends on those three only: `rule_lemmatize` reads the text, `pos_` and, via
    `is_base_form`, the morphology (spaCy's own cache uses the same key). A token with no POS
    is not memoised, so its warning (W108) is raised as before. A new form costs the stock
    code a scan of the part of speech's word list (`lemma_index`, up to 57,000 words) per
    suffix rule that applies, about 0.25 ms; the mirrored method looks them up in a set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[tuple[int, int, int], int] = {}
        self._index_sets: dict[str, tuple[Any, int, frozenset[str]]] = {}  # pos -> (list, its length, set)

    def _index(self, index_table: Any, univ_pos: str) -> Any:
        """`index_table.get(univ_pos, {})`, as a frozenset when it is a list of strings
        (membership is the same; the list is the table's, so a new table is seen)."""
        index = index_table.get(univ_pos, {})
        cached = self._index_sets.get(univ_pos)
        if cached is not None and cached[0] is index and cached[1] == len(index):
            return cached[2]
        if isinstance(index, list) and all(isinstance(w, str) for w in index):
            self._index_sets[univ_pos] = (index, len(index), frozenset(index))
            return self._index_sets[univ_pos][2]
        return index

    def rule_lemmatize(self, token: Any) -> list[str]:
        """spaCy's `Lemmatizer.rule_lemmatize` (3.7, 3.8) with the index lookups in a set;
        the memo in `_apply` stands for its cache."""
        if not spacy.__version__.startswith(_MIRRORED_SPACY):
            return super().rule_lemmatize(token)  # type: ignore[no-any-return]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108)  # noqa: B028  # as spaCy warns
            return [string.lower()]
        if self.is_base_form(token):
            return [string.lower()]
        index_table = self.lookups.get_table("lemma_index", {})
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            if univ_pos == "propn":
                return [string]
            return [string.lower()]
        index = self._index(index_table, univ_pos)
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms

    def __call__(self, doc: Doc) -> Doc:
        if self.mode not in ("rule", "lookup"):  # other modes may read more of the token
            return super().__call__(doc)  # type: ignore[no-any-return]
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)  # type: ignore[no-any-return]

    def _apply(self, doc: Doc) -> None:
        if len(doc) == 0:
            return
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        memo = self._memo
        strings = self.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma != 0 and not self.overwrite:
                continue
            key = (orth, pos, morph)
            new = memo.get(key)
            if new is None:
                new = strings.add(self.lemmatize(doc[i])[0])
                if pos != 0:
                    if len(memo) >= MEMO_SIZE:
                        memo.clear()
                        self.cache.clear()  # spaCy's own cache grows without bound otherwise
                    memo[key] = new
            lemmas[i] = new
            changed = True
        if changed:
            doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))


@Language.factory(
    FAST_LEMMATIZER,
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_fast_lemmatizer(
    nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Callable[..., Any] | None
) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def use_fast_components(nlp: Language, names: Sequence[str] = ("attribute_ruler", "lemmatizer")) -> list[str]:
    """Swap the stock attribute ruler and English rule lemmatizer of `nlp` for the fast ones,
    in place, under the same names and with the same patterns and tables; returns the names
    swapped. A component of another class or mode, or with patterns the tables do not mirror,
    is left as it is."""
    swapped: list[str] = []
    if "attribute_ruler" in names and "attribute_ruler" in nlp.pipe_names:
        old = nlp.get_pipe("attribute_ruler")
        if type(old) is AttributeRuler:
            ruler = FastAttributeRuler(nlp.vocab, "attribute_ruler", validate=old.validate, scorer=old.scorer)
            ruler.add_patterns(old.patterns)
            if ruler.uses_tables:
                nlp.replace_pipe("attribute_ruler", FAST_RULER, config={"validate": old.validate})
                new = nlp.get_pipe("attribute_ruler")
                new.add_patterns(old.patterns)  # type: ignore[attr-defined]
                swapped.append("attribute_ruler")
    if "lemmatizer" in names and "lemmatizer" in nlp.pipe_names:
        old_lem = nlp.get_pipe("lemmatizer")
        if type(old_lem) is EnglishLemmatizer and old_lem.mode == "rule":
            nlp.replace_pipe("lemmatizer", FAST_LEMMATIZER, config={"mode": "rule", "overwrite": old_lem.overwrite})
            new_lem = nlp.get_pipe("lemmatizer")
            new_lem.initialize(lookups=old_lem.lookups)  # type: ignore[attr-defined]
            swapped.append("lemmatizer")
    return swapped
