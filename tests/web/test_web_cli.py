"""`tieline serve` refuses bad setups with a one-line error before starting a server."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

import tieline.cli.web  # noqa: F401  (registers the command)
from tieline.cli.app import app

runner = CliRunner()


def test_missing_store(tmp_path):
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "no store" in res.output and "Traceback" not in res.output


def test_port_in_use(web_store):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = runner.invoke(app, ["serve", "--db", str(web_store), "--port", str(port)])
    assert res.exit_code == 1 and "cannot listen" in res.output


def test_bad_port_and_log_level(web_store):
    res = runner.invoke(app, ["serve", "--db", str(web_store), "--port", "70000"])
    assert res.exit_code == 1 and "port" in res.output
    res = runner.invoke(app, ["serve", "--db", str(web_store), "--log-level", "loud"])
    assert res.exit_code == 2 and "'loud' is not one of" in res.output  # a click choice
