"""Event dates: the document's date unless the sentence dates the event itself.

A cheap regular expression finds candidate time expressions ("in 2014", "during the 1990s",
"last week", "on Monday", "earlier this year", "on 3 March"); "since 2014", "by 2020" and
"until March" bound a period rather than date an act, so they are not matched. Years and
decades are read directly; everything relative or calendar-like is resolved by dateparser
against the document date. dateparser is only called on the short matched phrase, never on the
whole sentence, because it costs milliseconds per call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache

import dateparser

from tieline.records import DatePrecision

__all__ = ["DateMention", "find_dates", "parse_user_date", "resolve_date"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

# Ordered: the first alternative that matches at a position wins.
_PATTERN = re.compile(
    rf"""
    (?P<decade>\b(?:in|during|throughout)\s+the\s+(?:(?:early|mid|late)[-\s])?
        (?P<dec>(?:1[89]|20)\d0)s\b)
  | (?P<daydate>\b(?:on\s+)?(?:(?:{_WEEKDAYS}),?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?
        |(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\b)
  | (?P<monthyear>\b(?:in|during)\s+(?:early\s+|late\s+|mid-)?(?:{_MONTHS})(?:\s+(?:of\s+)?\d{{4}})?\b)
  | (?P<year>\b(?:in|during|throughout|early|late)\s+(?:early\s+|late\s+|mid-)?
        (?P<yr>(?:1[89]|20)\d\d)\b)
  | (?P<relative>\b(?:yesterday|today|last\s+(?:week|month|year|night|(?:{_WEEKDAYS}))|
        this\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)|
        (?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago|
        on\s+(?:{_WEEKDAYS}))\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int  # character offsets in the sentence
    end: int
    date: Date
    precision: DatePrecision


def parse_user_date(value: str | Date | None) -> Date | None:
    """Parse an ISO date given by a user (CLI/API); raises ValueError with a clear message."""
    if value is None or isinstance(value, Date):
        return value
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"invalid date {value!r}: use YYYY-MM-DD")


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: Date) -> datetime | None:
    return dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _resolve(m: re.Match[str], base: Date | None) -> tuple[Date, DatePrecision] | None:
    if m.group("decade"):
        return Date(int(m.group("dec")), 1, 1), "decade"
    if m.group("year"):
        return Date(int(m.group("yr")), 1, 1), "year"
    phrase = m.group(0)
    phrase = re.sub(r"^(?:in|during|since|by|until|on|earlier|early|late|mid-)\s+", "", phrase, flags=re.I)
    phrase = re.sub(r"^(?:early|late|mid-)\s*", "", phrase, flags=re.I)
    low = phrase.lower()
    if base is None and not re.search(r"\d{4}", phrase):
        return None
    anchor = base or Date.today()
    if m.group("relative"):
        if "this year" in low:
            return Date(anchor.year, 1, 1), "year"
        if "this month" in low:
            return Date(anchor.year, anchor.month, 1), "month"
        if low == "today":
            return anchor, "day"
        if low == "yesterday" or low == "last night":
            return anchor - timedelta(days=1), "day"
        if "this week" in low:
            return anchor - timedelta(days=anchor.weekday()), "day"
        if low == "last week":
            return anchor - timedelta(days=7), "day"
        if low == "last month":
            first = Date(anchor.year, anchor.month, 1) - timedelta(days=1)
            return Date(first.year, first.month, 1), "month"
        if low == "last year":
            return Date(anchor.year - 1, 1, 1), "year"
    parsed = _dateparser(phrase, anchor)
    if parsed is None:
        return None
    if m.group("monthyear"):
        return Date(parsed.year, parsed.month, 1), "month"
    if "year" in low:
        return parsed.date(), "year"
    if "month" in low:
        return Date(parsed.year, parsed.month, 1), "month"
    return parsed.date(), "day"


def find_dates(sentence: str, base: Date | None) -> list[DateMention]:
    """Time expressions in a sentence, resolved against the document date."""
    found: list[DateMention] = []
    for m in _PATTERN.finditer(sentence):
        resolved = _resolve(m, base)
        if resolved is None:
            continue
        when, precision = resolved
        if base is not None and when > base and precision == "day" and m.group("relative"):
            continue  # a relative past expression never lands after the document date
        found.append(DateMention(m.group(0), m.start(), m.end(), when, precision))
    return found


def resolve_date(
    mentions: list[DateMention], trigger_start: int, trigger_end: int, subtree: tuple[int, int] | None
) -> DateMention | None:
    """Pick the time expression that dates an event: one inside the predicate's clause,
    else the only one in the sentence."""
    if not mentions:
        return None
    if subtree is not None:
        lo, hi = subtree
        inside = [d for d in mentions if d.start >= lo and d.end <= hi]
        if inside:
            return min(inside, key=lambda d: abs(d.start - trigger_start))
    return mentions[0] if len(mentions) == 1 else None
