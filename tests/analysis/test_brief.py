"""The dyad brief: one self-contained page with the series, shifts, event types and partners."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import tieline.cli.analysis  # noqa: F401  (registers the commands)
from tieline.analysis.brief import brief_html
from tieline.cli.app import app
from tieline.errors import ConfigError


def test_brief_sections(con):
    page = brief_html(con, "PAK", "USA")
    assert page.startswith("<!doctype html>") and "<script" not in page and "<svg" in page
    assert "Brief: Pakistan – United States" in page
    # The September 2019 shift with its driving sentences and links to their articles.
    assert "towards conflict</b> in Sep 2019" in page and "https://example.org/" in page
    assert "<b>attacked</b>" in page
    # Event types each way: USA→PAK cooperation and attacks, PAK→USA meetings.
    assert "United States → Pakistan" in page and "Pakistan → United States" in page
    assert "Use conventional military force" in page
    # Other partners: neither side has one in the fixture (USA and PAK only deal with each other).
    assert page.count("has no other partners here") == 2


def test_brief_partners_and_window(con):
    page = brief_html(con, "SYR", "TUR", start="2019-01-01", end="2019-06-30", by="quarter")
    assert "Syria's other partners" in page and "Russia" in page and "Q1 2019" in page
    with pytest.raises(ConfigError, match="nothing to brief"):
        brief_html(con, "FRA", "DEU")
    with pytest.raises(ConfigError, match="two different"):
        brief_html(con, "SYR", "SYR")


def test_brief_command(store_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "brief.html"
    res = runner.invoke(app, ["brief", "USA", "PAK", "-o", str(out), "--db", str(store_path)])
    assert res.exit_code == 0, res.output
    assert "Brief: United States – Pakistan" in out.read_text(encoding="utf-8")
    res = runner.invoke(app, ["brief", "USA", "PAK", "-o", str(tmp_path / "brief.pdf"), "--db", str(store_path)])
    assert res.exit_code == 1 and "must end in .html" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["brief", "USA", "PAK", "-o", str(tmp_path / "no" / "b.html"), "--db", str(store_path)])
    assert res.exit_code == 1 and "does not exist" in res.output
