"""Per-document limits and strict user values (tieline.limits)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tieline.errors import ConfigError
from tieline.limits import MAX_DATE, MIN_DATE, check_day, scrub, split_text


def test_split_text_prefers_paragraph_breaks_and_keeps_every_word() -> None:
    paras = [f"Paragraph {i} " + "word " * 30 for i in range(40)]
    text = "\n\n".join(p.strip() for p in paras)
    parts = split_text(text, limit=500)
    assert all(len(p) <= 500 for p in parts)
    assert all(p.startswith("Paragraph") for p in parts)  # every cut fell at a paragraph break
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_split_text_falls_back_to_spaces_then_hard_cuts() -> None:
    words = " ".join(["word"] * 1000)
    assert all(len(p) <= 100 for p in split_text(words, limit=100))
    assert "".join(split_text("x" * 1000, limit=100)) == "x" * 1000
    assert split_text("short", limit=100) == ["short"]
    with pytest.raises(ValueError):
        split_text("abc", limit=1)


@pytest.mark.parametrize("value", [12345, "0001-01-09", "2019-01-01T00:00", "20190101", "2019-02-30", "",
                                   datetime(2019, 1, 1), date(1799, 12, 31), "22001-01-01", 1.5])
def test_check_day_rejects(value: object) -> None:
    with pytest.raises(ConfigError):
        check_day(value)


def test_check_day_accepts_iso_days_in_range() -> None:
    assert check_day(None) is None
    assert check_day(" 2019-04-10 ") == date(2019, 4, 10)
    assert check_day(MIN_DATE) == MIN_DATE and check_day(MAX_DATE.isoformat()) == MAX_DATE


def test_scrub_replaces_lone_surrogates_only() -> None:
    assert scrub("a\ud800b\udc00c") == "a\ufffdb\ufffdc"
    assert scrub("caf\u00e9 \U0001f600") == "caf\u00e9 \U0001f600"
