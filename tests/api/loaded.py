"""An API client over a fresh graph of given documents, and the rows of a query: shared
by the tests that load the development corpus next to the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.load import create_schema, group_records, load_batches, reset
from ingest.batch import extract_paths
from kg.settings import Settings
from queries import registry

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"


def client_over(driver: Driver, settings: Settings, paths: list[Path]) -> Iterator[TestClient]:
    """A fresh graph (schema included) holding `paths`, through the real loader."""
    db = settings.neo4j_database
    reset(driver, db)
    create_schema(driver, db)
    docs = extract_paths(paths).documents()
    summary = load_batches(driver, db, [b for _s, recs in docs for b in group_records(recs)])
    assert not summary.failed, summary.failed
    with TestClient(create_app(settings)) as client:
        yield client


def rows(client: TestClient, query: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of a curated query, after checking the reply's columns."""
    response = client.get(f"/queries/{query}", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == list(registry.get(query).columns)
    return list(body["rows"])
