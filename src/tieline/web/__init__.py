"""The web dashboard and JSON API over a store: `tieline serve`."""

from tieline.web.app import create_app

__all__ = ["create_app"]
