"""`kg export --csv` imported with the Maven-built server's admin tool gives the same
graph as `kg load` (counts per label and type)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

from neo4j import Driver

from graph import server
from graph.load import reset
from kg.settings import Settings
from tests.conftest import kg_env

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_admin_import_of_export_matches_kg_load(
    tmp_path: Path, driver: Driver, neo4j_settings: Settings
) -> None:
    if not neo4j_settings.managed:
        return  # the admin tool needs the managed server's files
    reset(driver, neo4j_settings.neo4j_database)
    env = kg_env()
    assert kg(env, "load", str(ROOT / "seeds")).returncode == 0
    loaded = json.loads(kg(env, "stats", "--json").stdout)

    out = tmp_path / "csv"
    result = kg(env, "export", str(ROOT / "seeds"), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "nodes_Enterprise.csv").exists()

    home = tmp_path / "home"
    (home / "neo4j").mkdir(parents=True)
    (home / "neo4j" / "lib").symlink_to(neo4j_settings.neo4j_home / "lib")
    other = kg_env() | {
        "KG_HOME": str(home),
        "KG_BOLT_PORT": str(free_port()),
        "KG_HTTP_PORT": str(free_port()),
    }
    other.pop("NEO4J_URI", None)
    assert kg(other, "neo4j", "install").returncode == 0
    imported = kg(other, "neo4j", "import-csv", str(out))
    assert imported.returncode == 0, imported.stderr
    assert (home / "neo4j" / "logs" / "import.report").exists()  # not the working directory
    started = kg(other, "neo4j", "start")
    try:
        assert started.returncode == 0, started.stderr
        assert json.loads(kg(other, "stats", "--json").stdout) == loaded
    finally:
        kg(other, "neo4j", "stop")
    assert server.read_pid(Settings(KG_HOME=home)) is None
