"""Generators of bad (and good) input files for the fuzz run of `tieline ingest`.

Each kind of defect the input audit found has a generator: binary files, wrong encodings, lone
surrogates, huge and deep JSON, broken CSV quoting, malformed and entity-bomb feeds, corrupt
WARC files, gzip bombs, pathological HTML, very long sentences, runs of "&" and other
pathological tokens, very long texts and impossible dates. Every file also carries good
documents next to the bad ones, so the run can check that none of them was lost.

`make_corpus(folder, n, seed)` writes files holding about `n` documents and returns a
`Corpus` listing the good documents' ids. The same seed gives the same files.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tieline.records import identity_text, make_doc_id

__all__ = ["GENERATORS", "Corpus", "FuzzFile", "good_text", "make_corpus"]

_COUNTRIES = ["Russia", "China", "India", "Pakistan", "Turkey", "Syria", "Iraq", "Japan", "France", "Brazil",
              "Kenya", "Egypt", "Germany", "Mexico", "Iran", "Israel", "Nigeria", "Canada"]
_ACTS = ["held talks with", "criticised", "signed an agreement with", "attacked", "praised", "met",
         "accused", "sent aid to", "threatened", "visited"]


@dataclass
class FuzzFile:
    name: str
    data: bytes
    tried: int  # documents (records) the file holds, good and bad
    good: list[tuple[str, str | None]] = field(default_factory=list)  # (text, title) of good documents


@dataclass
class Corpus:
    files: int = 0
    tried: int = 0
    good: dict[str, str] = field(default_factory=dict)  # doc id -> identity text of each good document
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def good_ids(self) -> set[str]:
        return set(self.good)


def good_text(rng: random.Random, serial: int) -> str:
    """A short, unique, codable news text."""
    a, b = rng.sample(_COUNTRIES, 2)
    c, d = rng.sample(_COUNTRIES, 2)
    return (f"{a} {rng.choice(_ACTS)} {b} on Monday, officials said in report {serial}. "
            f"Later, {c} {rng.choice(_ACTS)} {d}.")


class _Maker:
    """Shared state of one corpus: the random source, a serial for unique good texts, the scale."""

    def __init__(self, rng: random.Random, scale: float) -> None:
        self.rng, self.scale, self.serial = rng, scale, 0

    def good(self) -> str:
        self.serial += 1
        return good_text(self.rng, self.serial)

    def size(self, small: int, large: int) -> int:
        """A size between `small` and `large` * scale, log-uniform: most inputs are small, a few
        reach the top (the audit's sizes at scale 1)."""
        top = max(small, int(large * self.scale))
        return int(small * (top / small) ** self.rng.random())


Generator = Callable[[_Maker], FuzzFile]


def _text_file(m: _Maker, name: str, body: str, *, good: bool = False) -> FuzzFile:
    return FuzzFile(name, body.encode("utf-8", "surrogatepass"), 1, [(body, None)] if good else [])


def gen_good_text(m: _Maker) -> FuzzFile:
    return _text_file(m, "good.txt", m.good(), good=True)


def gen_binary(m: _Maker) -> FuzzFile:
    data = bytes(m.rng.getrandbits(8) for _ in range(m.size(16, 4000)))
    return FuzzFile(m.rng.choice(["bin.txt", "bin.csv", "bin.jsonl", "bin.html", "bin.rss", "bin.json"]),
                    b"\x00" + data, 1)


def gen_encoding(m: _Maker) -> FuzzFile:
    text = m.good() + " Caf\u00e9 na\u00efve \u2014 \u201cquoted\u201d."
    choice = m.rng.randrange(4)
    if choice == 0:
        return FuzzFile("latin1.txt", text.encode("cp1252", "replace"), 1)
    if choice == 1:
        return FuzzFile("utf16.txt", text.encode("utf-16"), 1, [(text, None)])
    if choice == 2:
        body = text.encode("utf-8")
        cut = m.rng.randrange(1, len(body))
        return FuzzFile("broken-utf8.txt", body[:cut] + b"\xc3\x28\xa0\xa1" + body[cut:], 1)
    good = m.good()
    rows = ("d\xe9te,text\n" + _row("2019-01-01", good)).encode("latin-1")
    return FuzzFile("bad-header.csv", rows, 1, [(good, None)])


def gen_surrogates(m: _Maker) -> FuzzFile:
    good = m.good()
    lines = [json.dumps({"text": good}),
             '{"text": "China criticised Japan \\ud800 today."}',
             '{"text": "Lone low \\udc00 surrogate and a pair \\ud83d\\ude00.", "title": "\\udfff"}',
             '{"text": "Russia attacked Ukraine \\ud800", "date": "\\ud800"}']
    return FuzzFile("surrogates.jsonl", "\n".join(lines).encode(), 4, [(good, None)])


def gen_json_limits(m: _Maker) -> FuzzFile:
    good = m.good()
    depth = m.size(1000, 200_000)
    choice = m.rng.randrange(4)
    if choice == 0:
        bad = '{"text": "x", "n": ' + "9" * m.size(5000, 50_000) + "}"
        return FuzzFile("bignum.jsonl", (json.dumps({"text": good}) + "\n" + bad + "\n").encode(), 2, [(good, None)])
    if choice == 1:
        return FuzzFile("deep.json", ("[" * depth + "]" * depth).encode(), 1)
    if choice == 2:
        bad = '{"text": ' + "[" * depth + "]" * depth + "}"
        return FuzzFile("deep.jsonl", (bad + "\n" + json.dumps({"text": good}) + "\n").encode(), 2, [(good, None)])
    records = [{"text": good}, {"text": 5}, {"body": "no text field"}, "a string", None,
               {"text": "Iran met Iraq.", "date": 12345, "title": {"nested": True}, "url": ["x"]}]
    return FuzzFile("mixed.json", json.dumps(records).encode(), len(records), [(good, None)])


def _row(*cells: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def gen_csv(m: _Maker) -> FuzzFile:
    goods = [m.good(), m.good()]
    g0, g1 = (_row(g, "2019-01-02").rstrip("\n").rsplit(",", 1)[0] for g in goods)  # quoted
    choice = m.rng.randrange(5)
    if choice == 0:  # a runaway quote swallowing the rows after it
        body = (f'text,date\n{g0},2019-01-02\n"Russia attacked Ukraine,2019-01-03\n'
                f'China met India,2019-01-04\nIndia said "no",2019-01-05\n{g1},2019-01-06\n')
    elif choice == 1:  # a quote never closed
        body = f'text,date\n{g0},2019-01-02\n{g1},2019-01-06\n"Russia attacked Ukraine,2019\n'
    elif choice == 2:  # wrong field counts, blank lines, NUL-free junk
        body = f"text,date\n{g0},2019-01-02\na,b,c,d\n\n,\n{g1},2019-01-06\nonly\n"
    elif choice == 3:  # impossible dates
        dates = ["0001-01-01", "9999-12-31", "10000-01-01", "2019-02-30", "x" * 5000, "-1", "1e308"]
        body = "text,date\n" + "".join(_row(goods[i] if i < 2 else f"Iran met Iraq {i}", d)
                                       for i, d in enumerate(dates))
        return FuzzFile("dates.csv", body.encode(), len(dates), [(g, None) for g in goods])
    else:  # a huge field
        body = f"text,date\n{g0},2019-01-02\n\"{'word ' * m.size(1000, 300_000)}\",2019-01-03\n{g1},x\n"
    return FuzzFile("broken.csv", body.encode(), 3, [(g, None) for g in goods])


def _rss(items: str, prolog: str = "", title: str = "Feed") -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>{title}</title>'
            f"{items}</channel></rss>").encode()


def _item(title: str, body: str) -> str:
    return f"<item><title>{title}</title><description>{body}</description><pubDate>Wed, 10 Apr 2019 07:00:00 GMT" \
           "</pubDate></item>"


def gen_feed(m: _Maker) -> FuzzFile:
    good = m.good()
    ok = _item("News", good.replace("&", "&amp;"))
    choice = m.rng.randrange(6)
    if choice == 0:  # billion laughs
        ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
        data = _rss(ok + _item("Bomb", "&a9;"), f"<!DOCTYPE rss [{ents}]>")
        return FuzzFile("bomb.rss", data, 2)
    if choice == 1:  # an external entity
        data = _rss(ok + _item("XXE", "&xxe;"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        return FuzzFile("xxe.rss", data, 2)
    if choice == 2:  # truncated
        data = _rss(ok + _item("Cut", "Iran met Iraq."))
        return FuzzFile("cut.rss", data[: m.rng.randrange(10, len(data))], 2)
    if choice == 3:  # a huge title
        return FuzzFile("bigtitle.rss", _rss(ok + _item("T" * m.size(1000, 1_000_000), "Iran met Iraq.")), 2,
                        [(good, "News")])
    if choice == 4:  # entities in descriptions (R&amp;B) and HTML fragments
        frag = "&lt;p&gt;R&amp;amp;B &amp;amp; " + good.replace("&", "&amp;") + "&lt;/p&gt;&lt;br/&gt;"
        return FuzzFile("entities.rss", _rss(_item("News", frag)), 1)
    return FuzzFile("tags.xml", _rss(ok + "<item><title><b>bad</title></item></i>" * 3), 4)


def _warc(pages: list[tuple[str | None, bytes]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url or "http://placeholder.example/", "response",
                                           payload=io.BytesIO(body), http_headers=headers)
        if url is None:
            del record.rec_headers.headers[[k for k, _ in record.rec_headers.headers].index("WARC-Target-URI")]
        writer.write_record(record)
    return buf.getvalue()


def _page(text: str) -> bytes:
    return f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()


def gen_warc(m: _Maker) -> FuzzFile:
    good = m.good()
    gz = m.rng.random() < 0.5
    choice = m.rng.randrange(4)
    if choice == 0:  # no WARC-Target-URI
        return FuzzFile("nouri.warc", _warc([(None, _page("Iran met Iraq on Monday in Tehran, officials said.")),
                                             ("http://a.example/", _page(good))], gz), 2, [(good, None)])
    data = _warc([("http://a.example/", _page(good)), ("http://b.example/", _page("Iran met Iraq."))], gz)
    if choice == 1:  # truncated
        return FuzzFile("cut.warc.gz" if gz else "cut.warc", data[: m.rng.randrange(20, len(data))], 2)
    if choice == 2:  # bytes flipped
        raw = bytearray(data)
        for _ in range(m.rng.randint(1, 20)):
            raw[m.rng.randrange(len(raw))] = m.rng.getrandbits(8)
        return FuzzFile("flipped.warc.gz" if gz else "flipped.warc", bytes(raw), 2)
    # a gzip bomb: a response that inflates far past MAX_RECORD_BYTES
    bomb = gzip.compress(b"<html><body><p>" + b"A" * m.size(1 << 20, 200 << 20), compresslevel=9)
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://bomb.example/", "response", payload=io.BytesIO(bomb),
                                                  http_headers=headers))
    return FuzzFile("bomb.warc.gz", buf.getvalue() + data, 3)


def gen_html(m: _Maker) -> FuzzFile:
    good = m.good()
    n = m.size(1000, 100_000)
    choice = m.rng.randrange(5)
    if choice == 0:
        body = "&amp;" * n
    elif choice == 1:
        body = "<div>" * n + good + "</div>" * n
    elif choice == 2:
        body = f'<p title="{"x" * n}">{good}</p><p>' + "<b><i>" * 50 + "unclosed"
    elif choice == 3:
        body = "<script>" + "var x = 1;" * n + "</script><p>" + good + "</p>"
    else:
        body = f"<p>{good}</p>"
        return FuzzFile("good.html", f"<!DOCTYPE html><html><body><article>{body}</article></body></html>".encode(),
                        1, [(good, None)])
    return FuzzFile("odd.html", f"<!DOCTYPE html><html><body><article>{body}</article></body></html>".encode(), 1)


def gen_long_sentence(m: _Maker) -> FuzzFile:
    words = [m.rng.choice(_COUNTRIES + ["and", "the", "with", "talks", "troops", "border"])
             for _ in range(m.size(2000, 150_000))]
    return _text_file(m, "nopunct.txt", " ".join(words))


def gen_token_runs(m: _Maker) -> FuzzFile:
    n = m.size(2000, 100_000)
    run = m.rng.choice(["&", "(", ")", "-", "'", '"', "&amp;", "#", "$", "\u2014", ".", "a", "\u0301"])
    return _text_file(m, "runs.txt", f"Russia attacked Ukraine. {run * n} China met India.")


#: Below this scale (the bounded run in the test suite) long texts are mostly quiet prose: the
#: audit's text, an event every four words, takes minutes to code at 1.2M characters.
_DENSE_SCALE = 0.1


def gen_long_text(m: _Maker) -> FuzzFile:
    """Longer than the parser takes at once, so coded in parts (the audit's E088 reproducer)."""
    n = m.size(150_000, 1_200_000)
    if m.scale >= _DENSE_SCALE:
        para = "Russia attacked Ukraine and "
    else:
        para = "The markets were calm and the weather was mild.\n\n" * 20 + "Russia attacked Ukraine.\n\n"
    body = (para * (n // len(para) + 1))[:n]
    return _text_file(m, "long.txt", body)


def gen_unicode(m: _Maker) -> FuzzFile:
    good = m.good()
    odd = "".join(m.rng.choice(["\u2028", "\u0085", "\x0b", "\x1c", "\u200b", "\ufeff", "\u202e", "e\u0301",
                                "\U0001f600", "\u00a0", "\r", "\t"]) for _ in range(m.size(10, 5000)))
    body = f"{good}\n{odd}\nIran met Iraq.{odd}"
    return FuzzFile("unicode.txt", body.encode("utf-8"), 1)


#: (generator, weight): how often each kind appears; good documents also ride along in most.
#: The kinds that code for many seconds (long sentences, long texts) are rare, so a run of
#: 20,000 documents meets each a handful of times rather than spending hours on them.
GENERATORS: list[tuple[Generator, float]] = [
    (gen_good_text, 30), (gen_binary, 6), (gen_encoding, 8), (gen_surrogates, 6), (gen_json_limits, 6),
    (gen_csv, 8), (gen_feed, 8), (gen_warc, 6), (gen_html, 6), (gen_long_sentence, 0.15), (gen_token_runs, 3),
    (gen_long_text, 0.05), (gen_unicode, 6),
]


def make_corpus(folder: Path, n: int, *, seed: int = 0, scale: float = 1.0, every_kind: bool = True) -> Corpus:
    """Write files holding about `n` documents under `folder` (one subfolder per kind)."""
    rng = random.Random(seed)
    maker = _Maker(rng, scale)
    gens, weights = zip(*GENERATORS, strict=True)
    corpus = Corpus()
    queue = list(gens) if every_kind else []
    while corpus.tried < n:
        gen = queue.pop(0) if queue else rng.choices(gens, weights)[0]
        f = gen(maker)
        kind = gen.__name__.removeprefix("gen_")
        sub = folder / kind
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{corpus.files:06d}-{f.name}").write_bytes(f.data)
        corpus.files += 1
        corpus.tried += f.tried
        corpus.kinds[kind] = corpus.kinds.get(kind, 0) + f.tried
        corpus.good.update((make_doc_id(text, title), identity_text(text, title)) for text, title in f.good)
    return corpus
