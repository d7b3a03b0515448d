"""`tieline serve`: the dashboard and JSON API over a store (uvicorn)."""

from __future__ import annotations

import socket
from enum import StrEnum
from pathlib import Path

import typer

from tieline.cli.app import app, err_console, user_errors
from tieline.cli.options import db_option
from tieline.errors import ConfigError

__all__ = ["serve_cmd"]



class ServerLogLevel(StrEnum):
    """uvicorn's levels: the shared ones and `trace`."""

    critical = "critical"
    error = "error"
    warning = "warning"
    info = "info"
    debug = "debug"
    trace = "trace"


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
    db: Path | None = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    log_level: ServerLogLevel = typer.Option(ServerLogLevel.warning, "--log-level",
                                             help="Log level of the server (info: every request)."),
) -> None:
    """Serve the dashboard and read-only JSON API over a store (open http://HOST:PORT/).

    \b
    Examples:
      tieline serve --db news.duckdb
      tieline serve --db news.duckdb --host 0.0.0.0 --port 8080 --log-level info
    """
    with user_errors():
        import uvicorn

        from tieline.web import create_app
        from tieline.web.safety import allowed_hosts

        # Only the names of this machine, unless it listens on every interface (DNS rebinding).
        web = create_app(db, allowed_hosts=allowed_hosts(host))
        _check_port(host, port)
        shown = f"[{host}]" if ":" in host else host
        err_console.print(f"tieline: serving on http://{shown}:{port}/ (read-only; Ctrl-C to stop)",
                          highlight=False)
        uvicorn.run(web, host=host, port=port, log_level=log_level.value)
