"""`tieline serve`: the dashboard and JSON API over a store (uvicorn)."""

from __future__ import annotations

import socket
from pathlib import Path

import typer

from tieline.cli.app import app, err_console, user_errors
from tieline.errors import ConfigError

__all__ = ["serve_cmd"]

_DB_HELP = "Store file (default: $TIELINE_DB or ./tieline.duckdb)."


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message before uvicorn logs a bind error and exits."""
    if not 1 <= port <= 65535:
        raise ConfigError(f"port {port} is not between 1 and 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise ConfigError(f"cannot resolve host {host!r}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}",
                              hint="pick another --port, or stop what is using it") from None


@app.command("serve")
def serve_cmd(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level (info: every request)"),
) -> None:
    """Serve the dashboard and read-only JSON API over a store (open http://HOST:PORT/)."""
    with user_errors():
        import uvicorn

        from tieline.web import create_app

        if log_level not in ("critical", "error", "warning", "info", "debug", "trace"):
            raise ConfigError(f"unknown log level {log_level!r}")
        web = create_app(db)
        _check_port(host, port)
        shown = f"[{host}]" if ":" in host else host
        err_console.print(f"tieline: serving on http://{shown}:{port}/ (read-only; Ctrl-C to stop)",
                          highlight=False)
        uvicorn.run(web, host=host, port=port, log_level=log_level)
