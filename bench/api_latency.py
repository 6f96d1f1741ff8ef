"""API latency against the bare driver running the same Cypher, in one run.

Goals (issue 14): API p50 <= 1.3x the bare driver at one client, API p99 <= 1.5x the
driver's p99 at 16 concurrent clients. Needs a running Neo4j with the seeds loaded
(`make up`, or `kg load seeds/`); starts `kg serve` on a free port itself.

Where the time goes is printed too: the floor of HTTP itself (uvicorn with an ASGI app
that only answers 404) and our app's 404 (its middleware and router, no Neo4j). Requests
go over one raw keep-alive socket per load thread (`RawClient`), so a client library's
own cost is not counted as the API's. Driver and API take turns in short blocks.

Run: .venv/bin/python bench/api_latency.py [--requests 1000]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from graph.connection import make_driver
from kg.settings import Settings
from queries import registry

ROOT = Path(__file__).resolve().parents[1]
CALLS = [
    ("lead-departments", {"topic": "石墨"}),
    ("entity", {"name": "哈工大"}),
    ("search", {"q": "石墨"}),
    ("department-tasks", {"department": "省发改委"}),
    ("plans", {}),
    ("targets", {"industry": "石墨"}),
]


#: The floor: uvicorn (as `kg serve` runs it) with an ASGI app that only answers 404.
BARE_APP = """
import uvicorn

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"application/json"), (b"content-length", b"2")]
    await send({{"type": "http.response.start", "status": 404, "headers": headers}})
    await send({{"type": "http.response.body", "body": b"{{}}"}})

uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning")
"""


class RawClient:
    """HTTP/1.1 GETs over one keep-alive socket, read by Content-Length: the least client
    code there can be, so that the client's own parsing (http.client spends ~0.08 ms per
    response in its header parser) is not counted as the API's."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock = self._connect()

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def get(self, path: str) -> tuple[int, bytes]:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
        try:
            return self._exchange(request)
        except ConnectionError:
            # the server closed a connection idle past its keep-alive: open a new one
            self.sock.close()
            self.sock = self._connect()
            return self._exchange(request)

    def _exchange(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionResetError("closed by the server")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        fields = {k.lower(): v for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(fields["content-length"])
        while len(body) < length:
            body += self.sock.recv(65536)
        return int(lines[0].split()[1]), body


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(fn, n: int, concurrency: int) -> list[float]:  # type: ignore[no-untyped-def]
    def one(i: int) -> float:
        t0 = time.perf_counter()
        fn(i)
        return (time.perf_counter() - t0) * 1000

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(min(n, 2 * concurrency))))  # warm-up
        return list(pool.map(one, range(n)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    s = Settings()
    port = free_port()
    env = os.environ | {"KG_API_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    bare_port = free_port()
    bare = subprocess.Popen([sys.executable, "-c", BARE_APP.format(port=bare_port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for url in (f"{base}/health", f"http://127.0.0.1:{bare_port}/"):
            for _ in range(100):
                try:
                    httpx.get(url)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
        driver = make_driver(s)
        bound = []
        for name, params in CALLS:
            q = registry.get(name)
            bound.append((q, q.bind(params, registry.DEFAULT_LIMIT, 0)))
        clients: dict[tuple[int, int], RawClient] = {}
        urls = [
            f"/queries/{name}?{httpx.QueryParams(params)}" if params else f"/queries/{name}"
            for name, params in CALLS
        ]

        def get(url: str, expected: int, at: int = port) -> None:
            key = (threading.get_ident(), at)
            client = clients.get(key)
            if client is None:  # one keep-alive connection per load-generating thread
                client = clients[key] = RawClient(at)
            status, body = client.get(url)
            assert status == expected, body[:200]

        def via_api(i: int) -> None:
            get(urls[i % len(urls)], 200)

        def http_floor(_i: int) -> None:
            get("/queries/no-such-query", 404)

        def via_driver(i: int) -> None:
            q, params = bound[i % len(bound)]
            registry.run_read(
                driver, s.neo4j_database, q.cypher, params, s.query_timeout, s.max_rows
            )

        def asgi_floor(_i: int) -> None:
            get("/", 404, bare_port)

        print(f"{'path':<8} {'clients':>7} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}")
        results = {}
        paths = (("driver", via_driver), ("api", via_api))
        for label, fn in (("bare 404", asgi_floor), ("http 404", http_floor)):
            lat = measure(fn, args.requests, 1)
            print(f"{label:<8} {1:>7} {statistics.median(lat):>8.2f} {percentile(lat, 0.99):>8.2f}")
        # Driver and API take turns in short blocks, so that both see the same machine:
        # on a shared VM the speed drifts by tens of per cent within a minute.
        rounds = 10
        for concurrency in (1, 16):
            lats: dict[str, list[float]] = {label: [] for label, _ in paths}
            elapsed = dict.fromkeys(lats, 0.0)
            for r in range(rounds):
                for label, fn in paths if r % 2 == 0 else paths[::-1]:
                    t0 = time.perf_counter()
                    lats[label] += measure(fn, args.requests // rounds, concurrency)
                    elapsed[label] += time.perf_counter() - t0
            for label, lat in lats.items():
                results[(label, concurrency)] = lat
                print(
                    f"{label:<8} {concurrency:>7} {statistics.median(lat):>8.2f} "
                    f"{percentile(lat, 0.99):>8.2f} {len(lat) / elapsed[label]:>7.0f}"
                )
        p50 = statistics.median(results[("api", 1)]) / statistics.median(results[("driver", 1)])
        print(f"API p50 / driver p50 at 1 client: {p50:.2f} (goal <= 1.3)")
        p99 = percentile(results[("api", 16)], 0.99) / percentile(results[("driver", 16)], 0.99)
        print(f"API p99 / driver p99 at 16 clients: {p99:.2f} (goal <= 1.5)")
        driver.close()
    finally:
        for process in (server, bare):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
