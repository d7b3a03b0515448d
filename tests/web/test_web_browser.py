"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `tieline serve`.

Starts `tieline serve` as a subprocess on a free port over the fixture store, picks a dyad, checks
the chart has one point per period with events, clicks a point and checks its events are listed with
trigger and actors highlighted. Leaves a screenshot in artifacts/dashboard.png.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

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
    with urllib.request.urlopen(url, timeout=5) as res:  # noqa: S310 (local test server)
        return json.loads(res.read())


@pytest.fixture(scope="module")
def server(web_store):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    code = "import sys; from tieline.cli import main; sys.argv = ['tieline'] + sys.argv[1:]; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(web_store), "--port", str(port)],
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
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1440, "height": 1500})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        # Nothing may leave the machine: any request to another host fails the test.
        outside: list[str] = []
        pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith(server) else None)
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
        yield pg
        assert not errors, errors
        assert not outside, outside
        context.close()
        browser.close()


def test_choose_dyad_chart_points_click_events(server, page):
    expected = _get(server + "/api/dyad/USA/PAK/series?by=month")
    n_points = sum(1 for p in expected["points"] if p["n_events"] > 0)  # type: ignore[index]
    assert n_points == 12

    page.select_option("#dyad-a", "USA")
    page.select_option("#dyad-b", "PAK")
    page.select_option("#by", "month")
    page.click("#show")
    page.wait_for_selector("#series-chart[data-dyad='USA-PAK']")
    points = page.locator("#series-chart circle.point")
    assert points.count() == n_points
    assert page.locator("#series-chart .bar-group").count() == n_points
    assert "United States" in page.inner_text("#series-title")

    # September 2019 is the planted conflict month: five events.
    page.click("#series-chart circle.point[data-period='2019-09-01']")
    page.wait_for_selector("#events li.event")
    items = page.locator("#events li.event")
    assert items.count() == 5
    first = items.first
    assert first.locator("mark.trigger").inner_text() in ("attacked", "accused")
    assert first.locator("mark.source").count() == 1 and first.locator("mark.target").count() == 1
    assert "5 events" in page.inner_text("#events-note")

    # The explain panel shows the rule and the actor resolutions.
    first.locator("button.why").click()
    page.wait_for_selector("#events li.event dl.explain")
    explain = first.locator("dl.explain").inner_text()
    assert "test." in explain and "gazetteer entry" in explain

    # The network, map and shifts feed are drawn too.
    assert page.locator("#network .node").count() == 6
    page.wait_for_selector("#map circle.place")
    assert "2019-09" in page.url or "period=2019-09-01" in page.url
    shifts = page.locator("#shifts li.shift-item")
    assert shifts.count() == 1 and "PAK–USA" in shifts.first.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10_000


def test_shift_feed_opens_the_dyad_and_period(page):
    page.click("#shifts button.shift")
    page.wait_for_selector("#series-chart[data-dyad='PAK-USA']")
    page.wait_for_selector("#series-chart circle.point.selected[data-period='2019-09-01']")
    page.wait_for_function("document.querySelectorAll('#events li.event').length === 5")


def test_bad_hash_shows_an_error_not_a_crash(server, page):
    page.goto("about:blank")  # a new document: only the hash differs from the current URL
    page.goto(server + "/#a=USA&b=PAK&start=2019-06-01&end=2019-01-01")
    page.wait_for_selector("#status:not([hidden])")
    assert "after" in page.inner_text("#status")
