"""`kg neo4j`: a Neo4j 5.26 Community server assembled from Maven Central and run locally.

Why not a tarball: this project's machines reach Maven Central but not Neo4j's download
site, and have no Docker engine. `org.neo4j:neo4j` carries the whole launcher, so copying
its runtime dependencies (plus the Neo4j Browser jar) into `lib/` gives the same layout
as the distribution. We let Neo4j's own bootloader (`Neo4jCommand console --dry-run`)
print the exact server command line, as the official Docker image does, and run that one
JVM as a child we own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from neo4j.exceptions import AuthError

from graph.connection import auth_message, make_driver
from kg.errors import KgError
from kg.settings import Settings

APT_JAVA = "apt-get update && apt-get install -y openjdk-17-jre-headless"
APT_MAVEN = "apt-get update && apt-get install -y maven"
PID_FILE = "run/kg-neo4j.pid"
INSTALL_STAMP = "lib/.kg-installed"
CONSOLE_LOG = "logs/console.log"
LAYOUT = ("lib", "conf", "data", "logs", "plugins", "import", "run")

# Neo4j's own 5.26 neo4j.conf ships these JVM flags; without them (the setting's default
# is empty) Netty and the page cache lose reflective access on Java 17.
# AlwaysPreTouch is left out on purpose: it commits the whole heap at start-up, which
# costs seconds and resident memory on a small development machine.
JVM_ADDITIONAL = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
)


@dataclass(frozen=True)
class ServerStatus:
    """What `kg neo4j status` reports."""

    up: bool
    version: str | None
    bolt_url: str
    browser_url: str
    pid: int | None
    data_bytes: int
    home: Path


def pom_path() -> Path:
    return Path(str(resources.files("graph").joinpath("pom.xml")))


def neo4j_version() -> str:
    """The pinned Neo4j version, read from the pom so there is one place to change it."""
    text = pom_path().read_text(encoding="utf-8")
    start = text.index("<neo4j.version>") + len("<neo4j.version>")
    return text[start : text.index("</neo4j.version>")]


def _require_managed(settings: Settings) -> None:
    if not settings.managed:
        raise KgError(
            f"NEO4J_URI is set ({settings.neo4j_uri}): kg uses that external server and does "
            "not manage one; unset NEO4J_URI to use the local server"
        )


def _require_tool(name: str, fix: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise KgError(f"`{name}` was not found on PATH: install it with `{fix}`")
    return path


def _java() -> str:
    java = _require_tool("java", APT_JAVA)
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    first = (out.stderr or out.stdout).splitlines()[0] if (out.stderr or out.stdout) else ""
    # `openjdk version "17.0.15"` → 17; Neo4j 5.26 supports Java 17 and 21 only.
    try:
        major = int(first.split('"')[1].split(".")[0])
    except (IndexError, ValueError):
        return java
    if major not in (17, 21):
        raise KgError(
            f"Neo4j 5.26 needs Java 17 or 21, but `java` is Java {major}: install it with "
            f"`{APT_JAVA}` and select it with `update-alternatives --config java`"
        )
    return java


def _env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_OPTS", "HEAP_SIZE")}
    env["NEO4J_HOME"] = str(settings.neo4j_home)
    env["NEO4J_CONF"] = str(settings.neo4j_home / "conf")
    return env


def render_conf(settings: Settings) -> str:
    """neo4j.conf for a loopback-only development server; rewritten on every install."""
    lines = [
        "# Written by `kg neo4j install`; edit the settings (environment), not this file.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=localhost",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}",
        f"server.bolt.advertised_address=localhost:{settings.bolt_port}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{settings.http_port}",
        f"server.http.advertised_address=localhost:{settings.http_port}",
        "server.https.enabled=false",
        f"server.memory.heap.initial_size={settings.heap_size}",
        f"server.memory.heap.max_size={settings.heap_size}",
        f"server.memory.pagecache.size={settings.pagecache_size}",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # No product analytics from Neo4j Browser (this machine has no internet anyway).
        "client.allow_telemetry=false",
        "server.directories.import=import",
        "db.tx_log.rotation.retention_policy=100M size",
        # Preallocated transaction logs cost 256 MB of disk per database for nothing here.
        "db.tx_log.preallocate=false",
        "initial.dbms.default_database=neo4j",
        # A runaway curated query must not hold the server; the API sets a tighter
        # per-transaction timeout of its own.
        "db.transaction.timeout=10m",
        # A growing graph makes Neo4j re-plan every statement whose statistics moved
        # (40 loader statements, several times in the first thousand documents of a
        # load, seen in debug.log); their plans are index seeks by id either way.
        "dbms.cypher.min_replan_interval=5m",
    ]
    lines += [f"server.jvm.additional={flag}" for flag in JVM_ADDITIONAL]
    lines += [f"{key}={value}" for key, value in browser_settings(settings)]
    return "\n".join(lines) + "\n"


def browser_settings(settings: Settings) -> list[tuple[str, str]]:
    """Neo4j Browser settings: allow the API host to serve the guide, open it on connect.

    Neo4j 5.26 still names the allow-list `browser.remote_content_hostname_whitelist`
    (`..._allowlist` is rejected by strict config validation).
    """
    api = f"{settings.api_host}:{settings.api_port}"
    return [
        # Browser compares host names (with or without the scheme), not host:port.
        (
            "browser.remote_content_hostname_whitelist",
            f"http://{settings.api_host},http://localhost",
        ),
        (
            "browser.post_connect_cmd",
            f"style http://{api}/browser/style.grass; play http://{api}/browser/guide.html",
        ),
    ]


def _stamp(settings: Settings) -> str:
    digest = hashlib.sha256(pom_path().read_bytes()).hexdigest()[:16]
    return f"{neo4j_version()} {digest}"


def is_installed(settings: Settings) -> bool:
    stamp = settings.neo4j_home / INSTALL_STAMP
    return stamp.exists() and stamp.read_text(encoding="utf-8").strip() == _stamp(settings)


def install(settings: Settings, log: Callable[[str], None] = print) -> bool:
    """Lay out NEO4J_HOME, fetch the jars with Maven, write neo4j.conf, set the password.

    Idempotent: the jars are fetched only when the pinned pom changed; the conf is
    rewritten from the settings; the initial password is set only before the first start.
    Returns True when jars were (re)fetched.
    """
    _require_managed(settings)
    home = settings.neo4j_home
    for name in LAYOUT:
        (home / name).mkdir(parents=True, exist_ok=True)
    fetched = False
    if not is_installed(settings):
        mvn = _require_tool("mvn", APT_MAVEN)
        _java()
        lib = home / "lib"
        staging = home / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        log(f"Fetching Neo4j {neo4j_version()} and Neo4j Browser with Maven (first time only)…")
        cmd = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom_path()),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={staging}",
            "-Dmdep.prependGroupId=true",
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            detail = _last_error_line(result.stdout + "\n" + result.stderr)
            raise KgError(
                f"Maven could not fetch Neo4j {neo4j_version()} ({detail}): check that Maven "
                "Central is reachable, or that ~/.m2 holds the jars for an offline install"
            )
        # Swap in the new lib/ only once it is complete, so an interrupted install
        # never leaves a half-filled classpath behind.
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        (home / INSTALL_STAMP).write_text(_stamp(settings) + "\n", encoding="utf-8")
        fetched = True
    (home / "conf" / "neo4j.conf").write_text(render_conf(settings), encoding="utf-8")
    if not (home / "data" / "dbms" / "auth.ini").exists() and not _store_exists(settings):
        _set_initial_password(settings)
    return fetched


def _store_exists(settings: Settings) -> bool:
    return (settings.neo4j_home / "data" / "databases" / "system").exists()


def _set_initial_password(settings: Settings) -> None:
    """Set the password through an argument file, so it never shows on a command line.

    neo4j-admin (picocli) expands `@file` arguments, and its launcher hands the `@file`
    on to the JVM it starts, so the password is in neither process's argv (readable by
    any local user in /proc), only in a file of mode 600 that is removed at once.
    """
    password = settings.neo4j_password.get_secret_value()
    if len(password) < 8:
        raise KgError("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)")
    fd, argfile = tempfile.mkstemp(prefix=".initial-password.", dir=settings.neo4j_home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(quote_argfile(password) + "\n")
        result = subprocess.run(
            initial_password_command(settings, Path(argfile)),
            capture_output=True,
            text=True,
            env=_env(settings),
            check=False,
        )
    finally:
        Path(argfile).unlink(missing_ok=True)
    if result.returncode != 0:
        raise KgError(
            f"could not set the initial Neo4j password: {_last_error_line(result.stderr)}"
        )


def initial_password_command(settings: Settings, argfile: Path) -> list[str]:
    """The neo4j-admin command line: it names the argument file, never the password."""
    return [
        _java(),
        "-cp",
        f"{settings.neo4j_home / 'lib'}/*",
        "org.neo4j.server.startup.Neo4jAdminCommand",
        "dbms",
        "set-initial-password",
        f"@{argfile}",
    ]


def quote_argfile(value: str) -> str:
    """One argument of a picocli @file: double-quoted, with Java string escapes."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def _last_error_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in reversed(lines):
        if "ERROR" in line or "Exception" in line or "rror:" in line:
            return line[:300]
    return lines[-1][:300] if lines else "no output"


def read_pid(settings: Settings) -> int | None:
    """The pid of our server if it is alive, else None (a stale pid file is removed)."""
    path = settings.neo4j_home / PID_FILE
    try:
        pid = int(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        return None
    except PermissionError:
        return pid
    # A recycled pid belonging to something else is not our server.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return pid
    if b"org.neo4j.server.CommunityEntryPoint" not in cmdline:
        path.unlink(missing_ok=True)
        return None
    return pid


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def _server_command(settings: Settings) -> list[str]:
    """Ask Neo4j's bootloader for the exact server command line (and let it check the conf)."""
    home = settings.neo4j_home
    result = subprocess.run(
        [
            _java(),
            "-Xmx128m",
            "-cp",
            f"{home / 'lib'}/*",
            "org.neo4j.server.startup.Neo4jCommand",
            "console",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        env=_env(settings),
        check=False,
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    if result.returncode != 0 or not lines:
        raise KgError(
            "Neo4j rejected its configuration "
            f"({_last_error_line(result.stderr + result.stdout)}): run `kg neo4j install` to "
            "rewrite conf/neo4j.conf"
        )
    return shlex.split(lines[-1])


def start(settings: Settings, wait: bool = True) -> tuple[bool, float]:
    """Start the server in the background and wait until Bolt answers.

    Returns (started, seconds): started is False when it was already running.
    """
    _require_managed(settings)
    if read_pid(settings) is not None:
        return False, 0.0
    for port, var in ((settings.bolt_port, "KG_BOLT_PORT"), (settings.http_port, "KG_HTTP_PORT")):
        if port_in_use(port):
            raise KgError(
                f"port {port} on 127.0.0.1 is already in use by another process: stop that "
                f"process or choose another port with {var}=..."
            )
    if not is_installed(settings):
        raise KgError(
            f"Neo4j is not installed under {settings.neo4j_home}: run `kg neo4j install` first"
        )
    home = settings.neo4j_home
    # The conf follows the settings (ports, memory) on every start.
    (home / "conf" / "neo4j.conf").write_text(render_conf(settings), encoding="utf-8")
    command = _server_command(settings)
    console = home / CONSOLE_LOG
    t0 = time.monotonic()
    with console.open("ab") as out:
        proc = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=_env(settings),
            cwd=home,
            start_new_session=True,
        )
    (home / PID_FILE).write_text(f"{proc.pid}\n", encoding="utf-8")
    if wait:
        _wait_ready(settings, proc, t0)
    return True, time.monotonic() - t0


def _wait_ready(settings: Settings, proc: subprocess.Popen[bytes], t0: float) -> None:
    driver = make_driver(settings)
    try:
        while True:
            code = proc.poll()
            if code is not None:
                (settings.neo4j_home / PID_FILE).unlink(missing_ok=True)
                raise KgError(_start_failure(settings, code))
            try:
                driver.verify_connectivity()
                return
            except AuthError as exc:
                raise KgError(
                    auth_message(settings) + " (the password is fixed at the first start; "
                    "to start over, stop the server and delete "
                    f"{settings.neo4j_home / 'data'})"
                ) from exc
            except Exception:
                pass
            if time.monotonic() - t0 > settings.start_timeout:
                stop(settings)
                raise KgError(
                    f"Neo4j did not answer on Bolt within {settings.start_timeout:.0f} s; see "
                    f"`kg neo4j logs` (raise KG_NEO4J_START_TIMEOUT on a slow machine)"
                )
            time.sleep(0.25)
    finally:
        driver.close()


def _start_failure(settings: Settings, code: int) -> str:
    log = settings.neo4j_home / CONSOLE_LOG
    tail = log.read_text(encoding="utf-8", errors="replace")[-20000:] if log.exists() else ""
    detail = _last_error_line(tail)
    data = settings.neo4j_home / "data"
    store_words = ("store", "Store", "database", "transaction log", "corrupt", "Corrupt")
    if code == 2 or any(word in detail for word in store_words):
        return (
            f"Neo4j could not open its data folder {data} (exit code {code}: {detail}): it may "
            f"be corrupt; stop, move {data} aside (or delete it) and run `kg neo4j install` "
            "and `kg neo4j start` again"
        )
    if code == 3:
        return f"Neo4j rejected its configuration (exit code 3: {detail}): see `kg neo4j logs`"
    return f"Neo4j exited during start (exit code {code}: {detail}): see `kg neo4j logs`"


def stop(settings: Settings, timeout: float = 60.0) -> bool:
    """Stop gracefully (SIGTERM), then kill after `timeout`. False when it was not running."""
    _require_managed(settings)
    pid = read_pid(settings)
    if pid is None:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    (settings.neo4j_home / PID_FILE).unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    # Reap our own child if it is one, so it does not linger as a zombie.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    with contextlib.suppress(OSError):
        if "State:\tZ" in status.read_text(encoding="utf-8"):
            return False
    return True


def _dir_size(path: Path) -> int:
    total = 0
    if path.exists():
        for item in path.rglob("*"):
            with contextlib.suppress(OSError):
                if item.is_file():
                    total += item.stat().st_size
    return total


def status(settings: Settings) -> ServerStatus:
    """Up/down from the HTTP discovery document (which also names the version)."""
    version = None
    if settings.managed:
        pid = read_pid(settings)
        url = f"http://127.0.0.1:{settings.http_port}/"
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                version = json.loads(resp.read().decode("utf-8")).get("neo4j_version")
        except (urllib.error.URLError, OSError, ValueError):
            version = None
        up = version is not None
    else:
        pid = None
        driver = make_driver(settings)
        try:
            info = driver.get_server_info()
            up, version = True, info.agent
        except Exception:
            up = False
        finally:
            driver.close()
    return ServerStatus(
        up=up,
        version=version,
        bolt_url=settings.uri,
        browser_url=settings.browser_url,
        pid=pid,
        data_bytes=_dir_size(settings.neo4j_home / "data") if settings.managed else 0,
        home=settings.neo4j_home,
    )


def log_tail(settings: Settings, lines: int = 50) -> str:
    """The last lines of the server's user log (neo4j.log), falling back to the console log."""
    _require_managed(settings)
    for name in ("logs/neo4j.log", CONSOLE_LOG):
        path = settings.neo4j_home / name
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
            return "\n".join(text[-lines:])
    raise KgError(f"no Neo4j log yet under {settings.neo4j_home / 'logs'}: start the server first")


def import_csv(settings: Settings, directory: Path, database: str = "neo4j") -> str:
    """`neo4j-admin database import full` of `kg export --csv` files (server stopped).

    Replaces the database's store: for first loads of corpora too big for transactions.
    """
    _require_managed(settings)
    if read_pid(settings) is not None:
        raise KgError("stop the server first (`kg neo4j stop`): the import replaces the store")
    if not is_installed(settings):
        raise KgError(f"Neo4j is not installed under {settings.neo4j_home}: run `kg neo4j install`")
    nodes = sorted(directory.glob("nodes_*.csv"))
    rels = sorted(directory.glob("relationships_*.csv"))
    if not nodes:
        raise KgError(f"{directory}: no nodes_*.csv files (write them with `kg export --csv`)")
    # neo4j-admin writes its report to the working directory unless told otherwise.
    (settings.neo4j_home / "logs").mkdir(exist_ok=True)
    cmd = [
        _java(),
        "-cp",
        f"{settings.neo4j_home / 'lib'}/*",
        "org.neo4j.server.startup.Neo4jAdminCommand",
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        "--multiline-fields=true",
        "--array-delimiter=;",
        f"--report-file={settings.neo4j_home / 'logs' / 'import.report'}",
        *[f"--nodes={p.resolve()}" for p in nodes],
        *[f"--relationships={p.resolve()}" for p in rels],
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=_env(settings), check=False)
    if result.returncode != 0:
        raise KgError(
            f"neo4j-admin import failed: {_last_error_line(result.stdout + result.stderr)}"
        )
    return result.stdout
