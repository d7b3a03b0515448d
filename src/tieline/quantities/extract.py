"""Counts and amounts a sentence attaches to an event: "66 officers", "$45 million", "three soldiers".

Numbers are found as runs of number tokens (digits, number words, scale words such as "million",
and digits with a glued scale such as "2.5bn"), with a currency symbol before or a currency word
after. A run becomes a quantity when it is money, or when the parse attaches it to a noun that is
not a unit of time or measure (so "in 2019", "three days" and "5 percent" are not counts). Only
runs in the trigger's own clause are read: the trigger's subtree, less any coordinated or
parenthetical clause hanging off it, which has its own event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from tieline.records import Quantity

__all__ = ["MAX_QUANTITIES", "extract_quantities", "parse_number"]

#: At most this many quantities per event: sentences listing more are tables, not events.
MAX_QUANTITIES = 5

#: Dependency labels of trigger children that start another clause (and another event).
_OTHER_CLAUSE_DEPS = frozenset({"parataxis", "ccomp", "relcl", "csubj"})
#: Clauses that share the trigger's event unless they have their own subject: "struck 12 targets,
#: killing 40 people" is one event; "killed three soldiers, and the Pentagon pledged $45m" is two.
_SHARED_CLAUSE_DEPS = frozenset({"conj", "advcl", "xcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([a-z]{0,2})$")


@dataclass(frozen=True, slots=True)
class _Units:
    numbers: dict[str, float]
    scales: dict[str, float]
    symbols: dict[str, str]
    currency_words: dict[str, str]
    not_counted: frozenset[str]


@lru_cache(maxsize=1)
def _units() -> _Units:
    text = resources.files("tieline.quantities").joinpath("data/units.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return _Units(
        numbers={str(k): float(v) for k, v in raw["numbers"].items()},
        scales={str(k): float(v) for k, v in raw["scales"].items()},
        symbols={str(k): str(v) for k, v in raw["currency_symbols"].items()},
        currency_words={str(k): str(v) for k, v in raw["currency_words"].items()},
        not_counted=frozenset(str(w) for w in raw["not_counted"]),
    )


def _digit_value(text: str, units: _Units) -> float | None:
    """Value of a digit token such as "1,200", "2.5", "2.5bn", "45m"; None if not one."""
    m = _DIGITS.match(text.lower())
    if not m:
        return None
    whole, frac, suffix = m.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    if suffix:
        if suffix not in units.scales:
            return None
        value *= units.scales[suffix]
    return value


def _is_number_token(tok: Token, units: _Units) -> bool:
    low = tok.lower_
    if low in units.numbers:
        return True
    # Bare scale words only when spelled out: "m" or "k" alone are letters, not numbers.
    if low in units.scales:
        return tok.text.isalpha() and len(low) > 2
    return _digit_value(tok.text, units) is not None


def parse_number(words: list[str]) -> float | None:
    """Value of a run of number words and digits: ["45", "million"] -> 45e6, ["two", "dozen"] -> 24."""
    units = _units()
    total = 0.0
    current: float | None = None
    for word in words:
        low = word.lower()
        digit = _digit_value(word, units)
        if digit is not None:
            current = (current or 0.0) + digit
        elif low in units.numbers:
            current = (current or 0.0) + units.numbers[low]
        elif low in units.scales:
            scale = units.scales[low]
            if scale >= 1000:
                total += (current if current is not None else 1.0) * scale
                current = None
            else:
                current = (current if current is not None else 1.0) * scale
        else:
            return None
    if current is not None:
        total += current
    return total if (current is not None or total) else None


def _clause_tokens(trigger: Token) -> set[int]:
    """Token indices in the trigger's clause: its subtree minus other clauses hanging off it."""
    skip: set[int] = set()
    for child in trigger.children:
        if child.pos_ not in ("VERB", "AUX"):
            continue
        own_subject = any(c.dep_ in _SUBJECT_DEPS for c in child.children)
        if child.dep_ in _OTHER_CLAUSE_DEPS or (child.dep_ in _SHARED_CLAUSE_DEPS and own_subject):
            skip.update(t.i for t in child.subtree)
    return {t.i for t in trigger.subtree} - skip


def _runs(sent: Span, units: _Units) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in sent:
        if _is_number_token(tok, units):
            current.append(tok)
            continue
        # "$45m" is split into "45" and "m": a scale letter glued to the number belongs to it.
        if current and not current[-1].whitespace_ and tok.lower_ in units.scales:
            current.append(tok)
            continue
        # "twenty-five": a hyphen between two number words stays inside the run.
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if tok.text == "-" and current and nxt is not None and _is_number_token(nxt, units):
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _run_head(run: list[Token]) -> Token:
    ids = {t.i for t in run}
    for tok in run:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return run[-1]


def _quantity(run: list[Token], units: _Units) -> Quantity | None:
    doc = run[0].doc
    value = parse_number([t.text for t in run])
    if value is None:
        return None
    first, last = run[0], run[-1]
    currency: str | None = None
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_ in units.symbols:
        currency, first = units.symbols[before.lower_], before
        if first.i > 0 and doc[first.i - 1].text in ("US", "U.S.") and before.text == "$":
            first = doc[first.i - 1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if currency is None and after is not None and after.lower_ in units.currency_words:
        currency, last = units.currency_words[after.lower_], after
    if currency is not None:
        return Quantity(doc[first.i : last.i + 1].text, value, currency, "money")
    head = _run_head(run)
    noun = head.head
    if head.dep_ not in ("nummod", "quantmod", "compound", "nmod", "amod") or noun.i == head.i:
        return None
    if noun.pos_ not in ("NOUN",) or noun.lower_ in units.not_counted or noun.i < last.i:
        return None
    # A year-like bare integer is a date, not a count ("the 2019 elections").
    if len(run) == 1 and first.text.isdigit() and len(first.text) == 4 and 1800 <= value <= 2100:
        return None
    return Quantity(doc[first.i : noun.i + 1].text, value, noun.lower_, "count")


def extract_quantities(sent: Span, trigger: Token) -> tuple[Quantity, ...]:
    """The counts and money amounts in the trigger's clause, in sentence order."""
    units = _units()
    clause = _clause_tokens(trigger)
    out: list[Quantity] = []
    for run in _runs(sent, units):
        if not any(t.i in clause for t in run):
            continue
        q = _quantity(run, units)
        if q is not None:
            out.append(q)
            if len(out) == MAX_QUANTITIES:
                break
    return tuple(out)
