"""The dashboard's charting JavaScript, vendored: Vega, Vega-Lite and vega-embed from `vl-convert-python`.

vl-convert ships these libraries for its own rendering and bundles them into one script without a
network (`vl_convert.javascript_bundle`). Bundling takes seconds, so the result is kept in
`static/vendor/vega.js` and served from the package; regenerate it after upgrading vl-convert:

    python -m tieline.web.vendor
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["VENDOR_FILE", "bundle_header", "write_bundle"]

VENDOR_FILE = "static/vendor/vega.js"
# The dashboard's scripts find the libraries as globals.
_GLOBALS = "window.vega = vega; window.vegaLite = vegaLite; window.vegaEmbed = vegaEmbed;"


def bundle_header() -> str:
    """The first line of the vendored file: which versions it holds and their licence."""
    import vl_convert

    return (f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite {vl_convert.get_vegalite_versions()[-1]}, "
            f"vega-embed {vl_convert.get_vega_embed_version()} (BSD-3-Clause, University of Washington "
            "Interactive Data Lab), bundled by vl-convert-python; regenerate: python -m tieline.web.vendor */")


def write_bundle(path: Path | None = None) -> Path:
    """Write the bundle (globals `vega`, `vegaLite`, `vegaEmbed`) to `path`, by default into the package."""
    import vl_convert

    out = path or Path(str(resources.files("tieline.web").joinpath(VENDOR_FILE)))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(bundle_header() + "\n" + vl_convert.javascript_bundle(_GLOBALS) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(f"wrote {write_bundle()}")
