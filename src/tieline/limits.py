"""Per-document limits and strict checks of user values, shared by the API, ingest and the web API.

The limits keep one document from taking the memory or time of a whole run; each is named
with its reason. The others live with the code they bound: `nlp.model.MAX_SENTENCE_TOKENS`
and `nlp.model.MAX_RUN_CHARS` (parser and tokenizer), `ingest.guard.DOC_TIME_BUDGET_S` (wall
clock per document), `ingest.MAX_RECORD_BYTES` (bytes read per record) and `Config.max_chars`
(the longest document accepted at all).
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from tieline.errors import ConfigError

__all__ = ["MAX_DATE", "MAX_PART_CHARS", "MIN_DATE", "check_day", "scrub", "split_text"]

#: Longest text given to the parser at once; longer documents are coded as parts split at
#: paragraph breaks. spaCy needs about 1 GB of temporary memory per 100,000 characters
#: (its `max_length` of 1,000,000 assumes a machine with 10 GB to spare), and no news article
#: is this long: the parts of a book-length dump each stay small.
MAX_PART_CHARS = 100_000
#: Earliest and latest dates accepted from users (API `date=`, web API filters) and read as
#: publication dates: wide enough for any news archive, narrow enough that a typo (year 20190,
#: year 1) is caught, and far from the ends of Python's calendar where date arithmetic overflows.
MIN_DATE, MAX_DATE = Date(1800, 1, 1), Date(2200, 12, 31)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
#: Where a part may end, best first: a paragraph break, a line break, a sentence end, a space.
_BREAKS = ("\n\n", "\n", ". ", " ")


def scrub(text: str) -> str:
    """`text` with lone UTF-16 surrogates (JSON "\\ud800", undecodable bytes) as U+FFFD:
    they are not characters, and UTF-8 (DuckDB, JSON output, terminals) cannot hold them."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def split_text(text: str, limit: int = MAX_PART_CHARS) -> list[str]:
    """Cut `text` into parts of at most `limit` characters, at the last paragraph break (else
    line break, sentence end, space) in the second half of each window. Linear time."""
    if limit < 2:
        raise ValueError(f"limit must be at least 2, not {limit}")
    parts: list[str] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        cut = end
        for sep in _BREAKS:
            i = text.rfind(sep, start + limit // 2, end)
            if i != -1:
                cut = i + len(sep)
                break
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def check_day(value: Any, what: str = "date") -> Date | None:
    """A user's day: None, a `date`, or an ISO `YYYY-MM-DD` string, within MIN_DATE..MAX_DATE.

    Anything else (numbers, datetimes, other formats) is a ConfigError: a number is not a day,
    and guessing formats would read `01-02-03` three ways.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DAY.match(text):
            raise ConfigError(f"{what} {value!r} is not a date", hint="write it as YYYY-MM-DD")
        try:
            value = Date.fromisoformat(text)
        except ValueError:
            raise ConfigError(f"{what} {value!r} is not a calendar date", hint="write it as YYYY-MM-DD") from None
    elif not isinstance(value, Date) or hasattr(value, "hour"):  # datetime is a date subclass
        raise ConfigError(f"{what} must be a date or a YYYY-MM-DD string, not {type(value).__name__}")
    if not MIN_DATE <= value <= MAX_DATE:
        raise ConfigError(f"{what} {value.isoformat()} is outside {MIN_DATE}..{MAX_DATE}")
    return value
