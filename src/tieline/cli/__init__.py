"""Command-line interface: each command is a thin wrapper over a library call."""

from tieline.cli.app import app, main

__all__ = ["app", "main"]
