"""Each input format, with good and broken fixtures: what becomes a document, what is quarantined."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

import pytest
from tieline_fakes import article_html, make_warc

from tieline.errors import InputError
from tieline.ingest import Item, ReadOptions, detect_kind, iter_files, read_path
from tieline.ingest.common import parse_date
from tieline.store.writer import QuarantineRecord

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
OPTS = ReadOptions()


def _read(path: Path, opts: ReadOptions = OPTS,
          named: bool = True) -> tuple[list[Item], list[QuarantineRecord]]:
    out = list(read_path(path, opts, named=named))
    return [r for r in out if isinstance(r, Item)], [r for r in out if isinstance(r, QuarantineRecord)]


def _reasons(qs: list[QuarantineRecord]) -> list[tuple[str | None, str]]:
    return [(q.locator, q.reason) for q in qs]


def test_text_file_with_headline() -> None:
    items, qs = _read(FIX / "folder" / "talks.txt")
    assert qs == []
    (item,) = items
    assert item.doc.title == "Pakistan and US resume talks"
    assert item.doc.text.startswith("Pakistan and US resume talks\n\nPakistan and the United States")
    assert item.origin.endswith("talks.txt")


@pytest.mark.parametrize(("name", "reason"), [
    ("binary.txt", "binary"), ("latin1.txt", "undecodable"), ("blank.txt", "empty"),
])
def test_broken_text_files_are_quarantined(name: str, reason: str) -> None:
    items, qs = _read(FIX / "folder" / name)
    assert items == []
    assert [q.reason for q in qs] == [reason]


def test_other_encoding_can_be_chosen() -> None:
    items, qs = _read(FIX / "folder" / "latin1.txt", OPTS.with_(encoding="cp1252"))
    assert qs == [] and "café" in items[0].doc.text


def test_oversized_text_is_quarantined() -> None:
    items, qs = _read(FIX / "folder" / "talks.txt", OPTS.with_(max_chars=50))
    assert items == [] and [q.reason for q in qs] == ["oversized"]
    assert "limit is 50" in qs[0].detail


def test_html_main_text_and_metadata() -> None:
    items, qs = _read(FIX / "folder" / "nested" / "briefing.html")
    assert qs == []
    doc = items[0].doc
    assert doc.date == Date(2019, 2, 14)
    assert doc.title == "Iraq and Turkey discuss border"
    assert doc.url == "https://news.example.org/world/iraq-turkey-border"
    assert doc.source == "Example News"
    assert "Iraq and Turkey met in Baghdad" in doc.text
    assert "All rights reserved" not in doc.text and "Sport" not in doc.text  # boilerplate dropped


def test_html_without_article_is_empty() -> None:
    items, qs = _read(FIX / "empty.html")
    assert items == [] and [q.reason for q in qs] == ["empty"]


def test_csv_with_configured_columns() -> None:
    opts = OPTS.with_(text_col="body", date_col="published", url_col="link", title_col="headline",
                      source_col="outlet")
    items, qs = _read(FIX / "articles.csv", opts)
    assert [i.origin.rsplit("#", 1)[1] for i in items] == ["row=1", "row=2", "row=5"]
    assert [i.doc.date for i in items] == [Date(2020, 5, 1), Date(2020, 5, 2), None]  # RFC 2822; no date
    assert items[1].doc.text.count("\n") == 1  # a quoted multi-line field stays one document
    assert (items[0].doc.url, items[0].doc.title, items[0].doc.source) == (
        "https://example.org/a1", "Talks in Islamabad", "Example Wire")
    assert _reasons(qs) == [("row=3 line=5", "malformed_csv"), ("row=4", "empty")]


def test_csv_without_the_text_column_says_which_columns_exist() -> None:
    items, qs = _read(FIX / "articles.csv")
    assert items == [] and [q.reason for q in qs] == ["malformed_csv"]
    assert "no column 'text'" in qs[0].detail and "body" in qs[0].detail and "--text-col" in qs[0].detail


def test_csv_runaway_quote_is_quarantined_and_the_header_checked(tmp_path: Path) -> None:
    p = tmp_path / "runaway.csv"
    p.write_text('text,date\n"India and China met.",2020-01-01\n"unterminated ' + "x" * 400 + "\n")
    items, qs = _read(p, OPTS.with_(max_chars=100))
    assert [i.doc.text for i in items] == ["India and China met."]
    assert [q.reason for q in qs] == ["malformed_csv"]


def test_tsv_is_tab_separated(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("text\tdate\nIraq and Syria held talks.\t2019-01-02\n")
    items, _ = _read(p)
    assert [(i.doc.text, i.doc.date) for i in items] == [("Iraq and Syria held talks.", Date(2019, 1, 2))]


def test_jsonl_records_and_broken_lines() -> None:
    items, qs = _read(FIX / "articles.jsonl")
    assert [i.origin.rsplit("#", 1)[1] for i in items] == ["line=1", "line=7"]
    assert [i.doc.date for i in items] == [Date(2021, 3, 4), Date(2021, 3, 4)]
    assert items[0].doc.source == "Example Wire"
    assert _reasons(qs) == [("line=2", "malformed_json"), ("line=3", "malformed_json"),
                            ("line=4", "malformed_json"), ("line=5", "empty")]


def test_json_array_file(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('[{"text": "Russia met China.", "date": "2018-06-01"}, 7, {"body": "x"}]')
    items, qs = _read(p)
    assert [i.doc.text for i in items] == ["Russia met China."]
    assert [q.reason for q in qs] == ["malformed_json", "malformed_json"]
    p.write_text('[{"text": "broken"')
    assert [q.reason for q in _read(p)[1]] == ["malformed_json"]


def test_rss_feed_entries() -> None:
    items, qs = _read(FIX / "feed.rss")
    (item,) = items
    assert item.doc.date == Date(2019, 4, 9)
    assert item.doc.source == "Example World News"
    assert item.doc.url == "https://news.example.org/iraq-syria-water"
    assert item.doc.text.startswith("Iraq and Syria hold talks on water\n\nIraq and Syria held talks")
    assert "<p>" not in item.doc.text and "Turkey was asked" in item.doc.text
    assert _reasons(qs) == [("entry=2", "empty")]


def test_atom_feed_uses_published_date() -> None:
    items, qs = _read(FIX / "feed.atom")
    assert qs == [] and items[0].doc.date == Date(2018, 6, 1)
    assert items[0].doc.source == "Example Atom Desk"


def test_broken_feed_is_quarantined() -> None:
    items, qs = _read(FIX / "broken.rss")
    assert items == [] and [q.reason for q in qs] == ["malformed_feed"]


def _pages(n: int) -> list[tuple[str, str]]:
    return [(f"https://example.org/news/{i}",
             article_html(f"Iraq and Syria talks {i}",
                          [f"Iraq and Syria held talks in Baghdad, round {i}, on water sharing and security.",
                           "Turkey was not present at the meeting, officials said on Monday."],
                          f"2019-04-0{i + 1}")) for i in range(n)]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    p.write_bytes(make_warc(_pages(3), gzip=gz))
    items, qs = _read(p)
    assert qs == []  # the request, the PDF and the 404 page are passed over, not quarantined
    assert [i.doc.url for i in items] == [f"https://example.org/news/{i}" for i in range(3)]
    assert [i.doc.date for i in items] == [Date(2019, 4, d) for d in (1, 2, 3)]
    assert all(i.origin.startswith(f"{p}#offset=") for i in items)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_complete_records(tmp_path: Path, gz: bool) -> None:
    data = make_warc(_pages(3), gzip=gz)
    p = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    p.write_bytes(data[: len(data) - 200])
    items, qs = _read(p)
    assert [i.doc.url for i in items] == [f"https://example.org/news/{i}" for i in range(2)]
    assert [q.reason for q in qs] == ["truncated_warc"]


def test_file_that_is_not_a_warc(tmp_path: Path) -> None:
    p = tmp_path / "fake.warc"
    p.write_text("hello")
    assert [q.reason for q in _read(p)[1]] == ["unsupported"]


def test_folder_recursion_skips_hidden_and_flags_unknown_types() -> None:
    files = [(p.relative_to(FIX / "folder").as_posix(), named) for p, named in iter_files([FIX / "folder"])]
    assert files == [("binary.txt", False), ("blank.txt", False), ("latin1.txt", False), ("talks.txt", False),
                     ("nested/briefing.html", False), ("nested/notes.md", False)]
    notes = FIX / "folder" / "nested" / "notes.md"
    assert [q.reason for q in _read(notes, named=False)[1]] == ["unsupported"]
    # Named on the command line, an unknown suffix is read by its content.
    items, _ = _read(FIX / "folder" / "nested" / "notes.md", named=True)
    assert items[0].doc.text.startswith("A markdown file")


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_files([tmp_path / "nope"]))


@pytest.mark.parametrize(("name", "kind"), [
    ("a.warc.gz", "warc"), ("a.WARC", "warc"), ("a.htm", "html"), ("a.ndjson", "jsonl"), ("a.tsv", "csv"),
    ("a.atom", "feed"), ("a.txt", "text"),
])
def test_detect_kind_by_suffix(name: str, kind: str) -> None:
    assert detect_kind(Path(name), sniff=False) == kind


def test_xml_is_read_only_when_it_is_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_bytes((FIX / "feed.rss").read_bytes())
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><settings><a>1</a></settings>')
    assert detect_kind(feed, sniff=False) == "feed"
    assert detect_kind(other, sniff=False) is None


@pytest.mark.parametrize(("raw", "day"), [
    ("2019-04-10", Date(2019, 4, 10)), ("2019-04-10T23:59:00+05:00", Date(2019, 4, 10)),
    ("Wed, 10 Apr 2019 07:00:00 GMT", Date(2019, 4, 10)), ("10 April 2019", Date(2019, 4, 10)),
    ("2019-13-45", None), ("soon", None), ("", None), (None, None), (20190410, None),
])
def test_parse_date(raw: object, day: Date | None) -> None:
    assert parse_date(raw) == day
