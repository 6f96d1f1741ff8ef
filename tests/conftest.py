"""Session fixtures: one real Neo4j for the whole test run.

The server is started with the same code as `kg neo4j start`, under its own KG_HOME and
ports so that a developer's running server (and its data) is never touched. When
NEO4J_URI is set, that external server is used instead and nothing is started.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import Driver

from graph import server
from graph.connection import make_driver
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEST_HOME = Path(os.environ.get("KG_TEST_HOME", ROOT / ".kg" / "test"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by place in the tree: tests of graph/ and api/ need the real Neo4j, the
    end-to-end page tests also a browser; `pytest -m "not neo4j and not browser"` is the
    fast tier that needs neither."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts[0] in ("graph", "api"):
            item.add_marker(pytest.mark.neo4j)
        if "browser" in parts[-1]:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kg_env() -> dict[str, str]:
    """The environment a `kg` subprocess needs to talk to the test server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "NEO4J_"))}
    s = _session_settings()
    env.update(
        {
            "KG_HOME": str(s.kg_home),
            "KG_BOLT_PORT": str(s.bolt_port),
            "KG_HTTP_PORT": str(s.http_port),
            "NEO4J_PASSWORD": s.neo4j_password.get_secret_value(),
        }
    )
    if s.neo4j_uri:
        env["NEO4J_URI"] = s.neo4j_uri
        env["NEO4J_USER"] = s.neo4j_user
        env["NEO4J_DATABASE"] = s.neo4j_database
    return env


_SETTINGS: Settings | None = None


def _session_settings() -> Settings:
    global _SETTINGS
    if _SETTINGS is None:
        if os.environ.get("NEO4J_URI"):
            _SETTINGS = Settings()
        else:
            _SETTINGS = Settings(
                KG_HOME=TEST_HOME,
                KG_BOLT_PORT=int(os.environ.get("KG_TEST_BOLT_PORT", _free_port())),
                KG_HTTP_PORT=int(os.environ.get("KG_TEST_HTTP_PORT", _free_port())),
                KG_API_PORT=int(os.environ.get("KG_TEST_API_PORT", _free_port())),
                KG_NEO4J_HEAP="1g",
                KG_NEO4J_PAGECACHE="512m",
                NEO4J_PASSWORD=os.environ.get("NEO4J_PASSWORD", "kg-test-password"),
            )
    return _SETTINGS


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings of a running Neo4j: started here (fresh data) or named by NEO4J_URI."""
    s = _session_settings()
    if not s.managed:
        yield s
        return
    server.stop(s)
    # Fresh data every session: tests must not depend on what an earlier run left.
    shutil.rmtree(s.neo4j_home / "data", ignore_errors=True)
    server.install(s)
    server.start(s)
    try:
        yield s
    finally:
        server.stop(s)


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    drv = make_driver(neo4j_settings)
    drv.verify_connectivity()
    yield drv
    drv.close()


def private_server_settings(home: Path, installed: Settings, password: str) -> Settings:
    """Settings of a second managed Neo4j under `home` (not started), on free ports, that
    reuses the jars of the session's server (a symlink keeps it fast and offline)."""
    (home / "neo4j").mkdir(parents=True)
    (home / "neo4j" / "lib").symlink_to(installed.neo4j_home / "lib")
    return Settings(
        KG_HOME=home,
        KG_BOLT_PORT=_free_port(),
        KG_HTTP_PORT=_free_port(),
        KG_NEO4J_HEAP="512m",
        KG_NEO4J_PAGECACHE="128m",
        NEO4J_PASSWORD=password,
    )


def load_seeds(driver: Driver, settings: Settings) -> None:
    """A fresh graph holding the seeds (schema included), through the real loader."""
    from graph.load import create_schema, group_records, load_batches, reset
    from ingest.batch import extract_paths

    reset(driver, settings.neo4j_database)
    create_schema(driver, settings.neo4j_database)
    docs = extract_paths([ROOT / "seeds"]).documents()
    summary = load_batches(
        driver, settings.neo4j_database, [b for _s, recs in docs for b in group_records(recs)]
    )
    assert not summary.failed, summary.failed


@contextmanager
def serve_api(settings: Settings, port: int) -> Iterator[str]:
    """The real API over real HTTP (uvicorn in a thread) on 127.0.0.1:port."""
    import uvicorn

    from api.main import create_app

    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the API did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
