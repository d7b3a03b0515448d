"""The public API on bad input: strict dates, lone surrogates, texts longer than one parse."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

import tieline
import tieline.coding
from tieline.errors import ConfigError, InputError
from tieline.limits import MAX_PART_CHARS
from tieline.records import Document, Event


@pytest.mark.parametrize("date", [12345, "0001-01-09", "2019-01-01T00:00", "March 2019", 2019.5])
def test_code_rejects_dates_that_are_not_iso_days_in_range(date: Any) -> None:
    with pytest.raises(ConfigError):
        tieline.code("Russia attacked Ukraine.", date=date)


def test_code_rejects_non_text() -> None:
    with pytest.raises(InputError):
        tieline.code(b"Russia attacked Ukraine.")  # type: ignore[arg-type]


def test_long_documents_are_coded_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Document] = []

    def fake(documents: Iterable[Document], **_: Any) -> Iterator[tuple[Document, list[Event]]]:
        for doc in documents:
            seen.append(doc)
            yield doc, []

    monkeypatch.setattr(tieline.coding, "code_documents", fake)
    text = "\n\n".join(f"Paragraph {i}: " + "Russia attacked Ukraine and " * 40 for i in range(1000))  # 1.1M chars
    pairs = list(tieline.code_many([Document(text=text, title="T", source="S")]))
    assert len(pairs) > 10 and all(len(d.text) <= MAX_PART_CHARS for d, _ in pairs)
    assert {(d.title, d.source) for d, _ in pairs} == {("T", "S")}
    assert len({d.doc_id for d, _ in pairs}) == len(pairs)
    seen.clear()
    tieline.code(text)
    assert len(seen) == len(pairs)


def test_lone_surrogates_are_coded(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        events = tieline.code("Russia attacked Ukraine \ud800 on Monday.", date="2022-02-24")
    except Exception as exc:  # only a missing model may stop this
        if "spaCy" not in str(exc) and "pipeline" not in str(exc):
            raise
        pytest.skip(f"no spaCy model: {exc}")
    assert all("\ud800" not in e.sentence for e in events)
    for e in events:
        e.to_json().encode("utf-8")
