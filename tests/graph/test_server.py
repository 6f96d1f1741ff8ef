"""The managed Neo4j server: install, start, stop, status, errors. All against a real server."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from neo4j import Driver

from graph import server
from kg.settings import Settings
from tests.conftest import kg_env, private_server_settings

KG = [sys.executable, "-m", "kg.cli"]


def run_kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KG, *args], capture_output=True, text=True, env=env or kg_env(), check=False
    )


def test_cypher_round_trip_over_bolt(driver: Driver) -> None:
    records, _, _ = driver.execute_query("RETURN 40 + 2 AS answer, '哈尔滨' AS city")
    assert records[0]["answer"] == 42
    assert records[0]["city"] == "哈尔滨"


def test_server_is_5_26_community(driver: Driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition"
    )
    assert records[0]["v"].startswith("5.26.")
    assert records[0]["edition"] == "community"


def test_install_is_idempotent(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        return
    lib = neo4j_settings.neo4j_home / "lib"
    before = {p.name: p.stat().st_mtime_ns for p in lib.iterdir()}
    assert server.install(neo4j_settings) is False
    after = {p.name: p.stat().st_mtime_ns for p in lib.iterdir()}
    assert before == after
    assert any(name.startswith("org.neo4j.client.neo4j-browser") for name in after)
    conf = (neo4j_settings.neo4j_home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    assert "server.default_listen_address=127.0.0.1" in conf
    assert f"server.bolt.listen_address=127.0.0.1:{neo4j_settings.bolt_port}" in conf


def test_browser_answers_on_http(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        return
    url = f"http://127.0.0.1:{neo4j_settings.http_port}/browser/"
    with urllib.request.urlopen(url, timeout=10) as resp:
        body = resp.read().decode("utf-8", errors="replace")
        assert resp.status == 200
    assert "Neo4j Browser" in body or "neo4j" in body.lower()


def test_second_start_is_a_no_op(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        return
    pid = server.read_pid(neo4j_settings)
    result = run_kg("neo4j", "start")
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stdout
    assert server.read_pid(neo4j_settings) == pid


def test_status_reports_up_with_version_and_urls(neo4j_settings: Settings) -> None:
    result = run_kg("neo4j", "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Neo4j: up" in result.stdout
    assert "5.26." in result.stdout
    assert neo4j_settings.uri in result.stdout


def test_stop_then_start_keeps_the_data(neo4j_settings: Settings, driver: Driver) -> None:
    if not neo4j_settings.managed:
        return
    driver.execute_query("MERGE (:ServerTest {id: 'persist'})")
    result = run_kg("neo4j", "stop")
    assert result.returncode == 0 and "stopped" in result.stdout
    down = run_kg("neo4j", "status")
    assert down.returncode == 3 and "Neo4j: down" in down.stdout
    assert run_kg("neo4j", "stop").stdout.strip() == "Neo4j is not running"
    result = run_kg("neo4j", "start")
    assert result.returncode == 0, result.stderr
    assert "Neo4j started" in result.stdout
    records, _, _ = driver.execute_query(
        "MATCH (n:ServerTest {id: 'persist'}) RETURN count(n) AS c"
    )
    assert records[0]["c"] == 1
    driver.execute_query("MATCH (n:ServerTest) DELETE n")


def test_busy_port_gives_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = kg_env() | {"KG_HOME": str(tmp_path), "KG_BOLT_PORT": str(port)}
        env.pop("NEO4J_URI", None)
        result = run_kg("neo4j", "start", env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port}" in lines[0] and "KG_BOLT_PORT" in lines[0]
    assert "Traceback" not in result.stderr


def test_start_without_install_names_the_fix(tmp_path: Path) -> None:
    env = kg_env() | {"KG_HOME": str(tmp_path), "KG_BOLT_PORT": "1", "KG_HTTP_PORT": "2"}
    env.pop("NEO4J_URI", None)
    env["KG_BOLT_PORT"], env["KG_HTTP_PORT"] = "17999", "17998"
    result = run_kg("neo4j", "start", env=env)
    assert result.returncode == 1
    assert "kg neo4j install" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_java_names_the_apt_line(tmp_path: Path) -> None:
    env = kg_env() | {"KG_HOME": str(tmp_path), "PATH": str(tmp_path)}
    env.pop("NEO4J_URI", None)
    result = run_kg("neo4j", "install", env=env)
    assert result.returncode == 1
    assert "apt-get install" in result.stderr
    assert "Traceback" not in result.stderr


def test_external_uri_is_never_managed(tmp_path: Path) -> None:
    env = kg_env() | {"KG_HOME": str(tmp_path), "NEO4J_URI": "bolt://127.0.0.1:1"}
    result = run_kg("neo4j", "start", env=env)
    assert result.returncode == 1
    assert "NEO4J_URI" in result.stderr
    assert not (tmp_path / "neo4j").exists()


def test_corrupt_data_folder_is_named(tmp_path: Path, neo4j_settings: Settings) -> None:
    """A store that cannot be read gives a message naming the data folder and the fix."""
    if not neo4j_settings.managed:
        return
    home = tmp_path / "home"
    (home / "neo4j").mkdir(parents=True)
    # Reuse the installed jars (a symlink keeps this test fast and offline).
    (home / "neo4j" / "lib").symlink_to(neo4j_settings.neo4j_home / "lib")
    env = kg_env() | {"KG_HOME": str(home)}
    env["KG_BOLT_PORT"], env["KG_HTTP_PORT"] = str(_free()), str(_free())
    assert run_kg("neo4j", "install", env=env).returncode == 0
    databases = home / "neo4j" / "data" / "databases" / "system"
    databases.mkdir(parents=True)
    (databases / "neostore").write_bytes(b"\x00garbage" * 64)
    result = run_kg("neo4j", "start", env=env)
    run_kg("neo4j", "stop", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data" in result.stderr


def _free() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_initial_password_stays_off_the_command_line(
    tmp_path: Path, neo4j_settings: Settings
) -> None:
    """A password with quotes, a backslash, '#', spaces and CJK survives the argument file,
    and the neo4j-admin command line names only that file (argv is public in /proc)."""
    if not neo4j_settings.managed:
        return
    password = 'pa ss"wo#rd\\x 密码'
    home = tmp_path / "home"
    settings = private_server_settings(home, neo4j_settings, password)
    command = server.initial_password_command(settings, home / "argfile")
    assert not any(password in part or "密码" in part for part in command)
    server.install(settings)
    assert not list((home / "neo4j").glob(".initial-password*"))
    server.start(settings)
    try:
        from graph.connection import make_driver

        drv = make_driver(settings)
        try:
            assert drv.execute_query("RETURN 1 AS one").records[0]["one"] == 1
        finally:
            drv.close()
    finally:
        server.stop(settings)
