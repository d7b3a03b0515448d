"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `tieline serve`.

On the fixture store, every feature is driven and its result checked exactly: pick a dyad, read the
chart, click a period, open the article behind an event, search, filter, download the CSV, open a
shift, use the map and the network. On the Guardian sample (when ../shared is there) the same path
is walked and screenshots are left in artifacts/ (dashboard, chart, map, article) to look at.
Nothing may be fetched from another host.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Vega marks carry their description as aria-label: these select the chart's index points.
POINTS = "#series-chart path[aria-roledescription='point']"

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium "
                "(apt-get install -y chromium chromium-driver); browser tests skipped",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as res:  # noqa: S310 (local test server)
        return json.loads(res.read())


@contextmanager
def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    code = "import sys; from tieline.cli import main; sys.argv = ['tieline'] + sys.argv[1:]; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(base + "/api/summary")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"tieline serve did not start:\n{out}")
            time.sleep(0.3)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def _browser(p, base: str) -> Iterator[object]:
    # The caller holds the Playwright driver: the sync API allows one at a time.
    browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1600}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # A 400 answer is a request the page shows as an error message (the bad-hash test); any other
    # console error is a bug.
    pg.on("console", lambda msg: errors.append(msg.text)
          if msg.type == "error" and "status of 400" not in msg.text else None)
    # Nothing may leave the machine: any request to another host fails the test.
    outside: list[str] = []
    pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith(base) else None)
    pg.goto(base + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=60_000)
    yield pg
    assert not errors, errors
    assert not outside, outside
    context.close()
    browser.close()


@pytest.fixture(scope="module")
def server(web_store):
    with _serve(web_store) as base:
        yield base


@pytest.fixture(scope="module")
def driver():
    with playwright_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def page(driver, server):
    with _browser(driver, server) as pg:
        yield pg


def _show(page, a: str, b: str) -> None:
    page.select_option("#dyad-a", a)
    page.select_option("#dyad-b", b)
    page.select_option("#by", "month")
    page.click("#show")
    page.wait_for_selector(f"#series-chart[data-dyad='{a}-{b}']")
    page.wait_for_selector(POINTS)


def _total(page) -> int:
    return int(page.get_attribute("#events", "data-total") or -1)


def test_chart_has_a_point_per_period_with_events_and_real_axes(server, page):
    _show(page, "USA", "PAK")
    assert page.locator(POINTS).count() == 12
    assert "United States" in page.inner_text("#series-title")
    # A Vega chart with labelled axes and a legend, no hand-drawn SVG.
    axes = page.locator("#series-chart [aria-roledescription='axis']")
    assert axes.count() >= 3
    chart_text = page.inner_text("#series-chart")
    assert "events" in chart_text and "cooperation–conflict index" in chart_text and "Sep 2019" in chart_text
    assert "verbal cooperation" in chart_text
    # The last three months hold one event each: low volume, drawn hollow (white fill).
    low = page.locator(POINTS + "[aria-label^='Dec 2019']")
    assert "low volume" in low.get_attribute("aria-label") and low.get_attribute("fill") == "#ffffff"


def test_click_a_period_lists_its_events_and_opens_the_article(page):
    page.click(POINTS + "[aria-label^='Sep 2019: 5 events']")
    page.wait_for_function("document.querySelector('#events').dataset.total === '5' && "
                           "document.querySelectorAll('#events li.event').length === 5")
    assert "period=2019-09-01" in page.url
    first = page.locator("#events li.event").first
    assert first.locator("mark.trigger").inner_text() in ("attacked", "accused")
    assert first.locator("mark.source").count() == 1 and first.locator("mark.target").count() == 1
    assert "Use conventional military force (190)" in page.inner_text("#events")
    first.locator("button.why").click()
    page.wait_for_selector("#events li.event dl.explain")
    assert "gazetteer entry" in first.locator("dl.explain").inner_text()

    first.locator("button.article").click()
    page.wait_for_selector("#doc-view:not([hidden]) .coded.focus mark.trigger")
    assert page.inner_text("#doc-title") in ("Washington and Islamabad", "Islamabad and Washington")
    assert "fixture" in page.inner_text("#doc-meta") and "original article" in page.inner_text("#doc-meta")
    assert page.inner_text("#doc-events-title") == "1 event in this article"
    assert "doc=" in page.url
    page.click("#doc-close")
    assert page.locator("#doc-view").is_hidden() and "doc=" not in page.url


def _filter_to(page, selector: str, value: str, total: int) -> None:
    """Set one filter and wait for the events list to show `total` events (the count is cleared
    first, so an answer to an earlier request cannot pass for this one)."""
    page.evaluate("document.querySelector('#events').dataset.total = ''")
    if selector == "#q":
        page.fill("#q", value)
        page.press("#q", "Enter")
    else:
        page.select_option(selector, value)
    page.wait_for_function(f"document.querySelector('#events').dataset.total === '{total}'")


def test_search_filters_and_csv_download(server, page):
    _filter_to(page, "#scope", "all", 93)
    _filter_to(page, "#q", "ankara", 16)
    _filter_to(page, "#quad", "4", 16)
    _filter_to(page, "#q", "", 25)  # material conflict: TUR-SYR 16, USA-PAK 4, SYR-SYR 5
    _filter_to(page, "#plover", "ASSAULT", 25)
    _filter_to(page, "#cameo", "19", 25)
    _filter_to(page, "#plover", "ACCUSE", 0)
    _filter_to(page, "#plover", "", 25)
    _filter_to(page, "#cameo", "", 25)
    _filter_to(page, "#scope", "dyad", 4)  # USA-PAK material conflict
    assert "quad=4" in page.url
    with page.expect_download() as info:
        page.click("#csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert len(rows) == _total(page) == 4 and all(r["quad_class"] == "4" for r in rows)
    assert {r["source_code"] for r in rows} <= {"USA", "PAK"}
    _filter_to(page, "#quad", "", 5)  # all USA-PAK events of September 2019


def test_map_has_borders_and_places_and_network_has_nodes(page):
    # The map may be drawn again while the view settles: wait for a full drawing, then check it.
    page.wait_for_function("document.querySelectorAll(\"#map path[aria-label^='country ']\").length > 150")
    assert page.locator("#map path[aria-label^='country ']").count() > 150  # Natural Earth countries
    assert int(page.get_attribute("#map", "data-places") or 0) >= 1
    assert page.locator("#map path[aria-label^='place Islamabad']").count() == 1
    # Scrolling zooms and dragging pans: the borders are drawn again, bigger or elsewhere.
    country = "#map path[aria-label='country Pakistan']"
    before = page.get_attribute(country, "d")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"document.querySelector(\"{country}\").getAttribute('d') !== {before!r}")
    zoomed = page.get_attribute(country, "d")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 30, steps=5)
    page.mouse.up()
    page.wait_for_function(f"document.querySelector(\"{country}\").getAttribute('d') !== {zoomed!r}")
    assert int(page.get_attribute("#network", "data-nodes") or 0) == 6
    assert page.locator("#network path[aria-label^='tie ']").count() >= 4
    # Clicking a tie opens that dyad.
    page.locator("#network path[aria-label='tie RUS-SYR']").click()
    page.wait_for_selector("#series-chart[data-dyad='RUS-SYR']")


def test_shift_card_is_collapsed_and_opens_the_dyad_and_period(page):
    cards = page.locator("#shifts li.shift-item")
    assert cards.count() == 1 and "Pakistan – United States" in cards.first.inner_text()
    assert not cards.first.locator("details").evaluate("d => d.open")
    cards.first.locator("summary").click()
    assert cards.first.locator("li.driver").count() == 4  # the strongest four, each sentence once
    cards.first.locator("button.shift").click()
    page.wait_for_selector("#series-chart[data-dyad='PAK-USA'][data-selected='2019-09-01']")
    page.wait_for_function("document.querySelectorAll('#events li.event').length === 5")


def test_old_dates_toggle_is_kept_in_the_url(page):
    page.check("#all-dates")
    page.click("#show")
    page.wait_for_function("location.hash.includes('all_dates=1')")
    page.wait_for_selector(POINTS)
    page.uncheck("#all-dates")
    page.click("#show")
    page.wait_for_function("!location.hash.includes('all_dates')")


def test_brief_link_and_bad_hash(server, page):
    href = page.get_attribute("#brief", "href")
    assert href and href.startswith("/brief/PAK/USA")
    page.goto(server + href)
    assert "Brief: Pakistan – United States" in page.inner_text("h1") and page.locator("svg").count() >= 1
    page.goto("about:blank")  # a new document: only the hash differs from the current URL
    page.goto(server + "/#a=USA&b=PAK&start=2019-06-01&end=2019-01-01")
    page.wait_for_selector("#status:not([hidden])")
    assert "after" in page.inner_text("#status")


def test_guardian_dashboard_screenshots(driver, guardian_store):
    """The issue's walk on real news: top dyad, a period, its article, a search; screenshots kept."""
    with _serve(guardian_store) as base, _browser(driver, base) as page:
        summary = page.inner_text("#summary")
        assert "1956" not in summary and "older in-text dates" in summary
        page.wait_for_selector(POINTS)
        page.wait_for_selector("#map path[aria-label^='country ']")
        assert page.locator("#map path[aria-label^='country ']").count() > 150
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
        page.locator("#series-card").screenshot(path=str(ARTIFACTS / "chart.png"))
        page.locator("#map").screenshot(path=str(ARTIFACTS / "map.png"))
        busiest = page.locator(POINTS).evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label'))"
            ".sort((p, q) => Number(q.split(': ')[1].split(' ')[0]) - Number(p.split(': ')[1].split(' ')[0]))[0]")
        page.click(POINTS + f"[aria-label='{busiest}']")
        n = int(busiest.split(": ")[1].split(" ")[0])
        page.wait_for_function(f"document.querySelector('#events').dataset.total === '{n}'")
        page.locator("#events li.event button.article").first.click()
        page.wait_for_selector("#doc-view:not([hidden]) .coded.focus")
        assert len(page.inner_text("#doc-text")) > 500
        page.screenshot(path=str(ARTIFACTS / "document.png"))
        page.click("#doc-close")
        page.select_option("#scope", "all")
        page.fill("#q", "ceasefire")
        page.press("#q", "Enter")
        page.wait_for_function("Number(document.querySelector('#events').dataset.total) > 0 && "
                               "document.querySelector('#events li.event')")
        assert "ceasefire" in page.locator("#events li.event").first.inner_text().lower()
    for name in ("dashboard", "chart", "map", "document"):
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
