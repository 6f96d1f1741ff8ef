"""docker-compose.yml cannot run here (no Docker engine); it must still parse and agree
with the settings: image tag, ports, variable names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph import server
from kg.settings import LOCAL_DEFAULT_PASSWORD, Settings

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_neo4j_image_matches_the_pinned_minor() -> None:
    image = compose()["services"]["neo4j"]["image"]
    major_minor = ".".join(server.neo4j_version().split(".")[:2])
    assert image == f"neo4j:{major_minor}-community"


def test_ports_bind_loopback_and_match_settings() -> None:
    s = Settings()
    ports = compose()["services"]["neo4j"]["ports"]
    assert f"127.0.0.1:${{KG_HTTP_PORT:-{s.http_port}}}:7474" in ports
    assert f"127.0.0.1:${{KG_BOLT_PORT:-{s.bolt_port}}}:7687" in ports
    api_ports = compose()["services"]["api"]["ports"]
    assert all(p.startswith("127.0.0.1:") for p in api_ports)


def test_api_environment_uses_the_settings_variable_names() -> None:
    env = compose()["services"]["api"]["environment"]
    aliases = {f.alias for f in Settings.model_fields.values()}
    for name in env:
        assert name in aliases, f"{name} is not a setting"
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert LOCAL_DEFAULT_PASSWORD in env["NEO4J_PASSWORD"]
    assert LOCAL_DEFAULT_PASSWORD in compose()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]


def test_neo4j_has_a_healthcheck_the_api_waits_for() -> None:
    services = compose()["services"]
    assert "healthcheck" in services["neo4j"]
    assert services["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert (ROOT / services["api"]["build"] / "Dockerfile").exists()


def test_api_image_installs_the_package_with_its_lexicon() -> None:
    """The lexicon ships inside the package (ingest/data), so the image needs no setting."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY ingest ingest" in dockerfile
    assert "KG_DICTIONARIES" not in dockerfile
    assert (ROOT / "ingest" / "data" / "places.tsv").exists()
