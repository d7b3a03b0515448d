"""The vendored Vega bundle is the one the pinned vl-convert-python ships (regenerate after upgrading it)."""

from __future__ import annotations

from importlib import resources

from tieline.web.vendor import VENDOR_FILE, bundle_header


def test_vendored_bundle_matches_vl_convert():
    text = resources.files("tieline.web").joinpath(VENDOR_FILE).read_text("utf-8")
    first, _, body = text.partition("\n")
    assert first == bundle_header(), "run: python -m tieline.web.vendor"
    # The dashboard finds the libraries as globals, and the bundle loads nothing from elsewhere.
    assert "window.vegaEmbed" in body and "import(" not in body
