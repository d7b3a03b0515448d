"""API hardening: strict dates, documented errors, Allow on 405, the Host check, a bounded
schemathesis run, and the dashboard answering while an ingest writes the same store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tieline.web import create_app
from tieline.web.safety import allowed_hosts

REPO = Path(__file__).resolve().parents[2]
FAKES = REPO / "tests" / "fixtures" / "ingest"
#: Examples per API operation in the schemathesis run: enough to reach every parameter's
#: edge cases (empty, huge, odd unicode, out of range), bounded so the run takes under a minute.
SCHEMATHESIS_EXAMPLES = 12


@pytest.fixture(scope="module")
def client(web_store: Path) -> TestClient:
    return TestClient(create_app(web_store))


@pytest.mark.parametrize("value", ["0", "2019-01-01T00:00", "20190101", "2019-1-1", "2019-02-30", "yesterday"])
def test_dates_are_iso_days_only(client: TestClient, value: str) -> None:
    r = client.get("/api/top", params={"start": value})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "T200"


def test_dates_outside_the_documented_range_are_bad_requests(client: TestClient) -> None:
    assert client.get("/api/top", params={"start": "2019-01-01"}).status_code == 200
    r = client.get("/api/top", params={"start": "1799-12-31"})
    assert r.status_code == 400 and "outside" in r.json()["error"]["message"]


def test_405_says_which_methods_are_allowed(client: TestClient) -> None:
    r = client.post("/api/summary")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET"
    assert r.json()["error"]["code"] == "HTTP405"


def test_every_operation_documents_its_error_responses(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "ErrorBody" in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for status in ("400", "404", "422"):
                body = op["responses"].get(status)
                assert body, (method, path, status)
                ref = body["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path, status)


def test_unknown_host_headers_are_rejected_on_a_loopback_bind(web_store: Path) -> None:
    app = create_app(web_store, allowed_hosts=allowed_hosts("127.0.0.1"))
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/summary").status_code == 200
    assert TestClient(app, base_url="http://localhost:8000").get("/api/summary").status_code == 200
    # A page on another site whose name was rebound to 127.0.0.1 sends its own name.
    assert TestClient(app, base_url="http://attacker.example:8000").get("/api/summary").status_code == 400
    assert allowed_hosts("0.0.0.0") is None and allowed_hosts("::") is None  # public bind: any name


def test_api_conforms_to_its_openapi_spec(web_store: Path) -> None:
    """No 5xx, every status, header and body as documented, for generated valid and invalid
    requests to every operation. `positive_data_acceptance` is left out: the spec cannot say
    which codes exist or which dates the store spans, so well-formed values can still be 400.
    (schemathesis' pytest plugin does not load on this pytest, so operations are driven here.)"""
    from schemathesis.checks import positive_data_acceptance

    api = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(web_store))
    failures = []
    for result in api.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=SCHEMATHESIS_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}"[:2000])
    assert not failures, "\n\n".join(failures)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write_corpus(folder: Path, n: int, verb: str = "held talks") -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(f"Story {i}\n\nPakistan and India {verb} on day {i}.\n")


def test_serve_answers_while_ingest_writes_the_same_store(tmp_path: Path) -> None:
    db, src = tmp_path / "live.duckdb", tmp_path / "in"
    _write_corpus(src, 40)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(FAKES)]), "FAKE_CODER_DELAY": "0.1"}
    # A first small ingest makes the store, then the server opens it.
    first = tmp_path / "first"
    _write_corpus(first, 2, verb="met")
    subprocess.run([sys.executable, str(FAKES / "ingest_slowly.py"), str(db), str(first)], env=env, check=True,
                   capture_output=True, timeout=120)
    port = _free_port()
    serve = "import sys; from tieline.cli import main; sys.argv[0] = 'tieline'; main()"
    server = subprocess.Popen([sys.executable, "-c", serve, "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer = None
    try:
        url = f"http://127.0.0.1:{port}/api/summary"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.get(url, timeout=5).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        writer = subprocess.Popen([sys.executable, str(FAKES / "ingest_slowly.py"), str(db), str(src)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        counts = []
        while writer.poll() is None:
            r = httpx.get(url, timeout=60)
            assert r.status_code == 200, r.text
            counts.append(r.json()["n_documents"])
            time.sleep(0.1)
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert "finished" in out
        final = httpx.get(url, timeout=60).json()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if writer is not None and writer.poll() is None:
            writer.kill()
    assert counts == sorted(counts)  # each answer sees every batch committed before it
    assert any(2 < n < 42 for n in counts), counts  # answers came while the ingest was writing
    assert final["n_documents"] == 42
