"""API latency against the bare driver running the same Cypher, in one run.

Goals (issue 14): API p50 <= 1.3x the bare driver at one client, API p99 <= 1.5x the
driver's p99 at 16 concurrent clients. Needs a running Neo4j with the seeds loaded
(`make up`, or `kg load seeds/`); starts `kg serve` on a free port itself.

Where the time goes is printed too: the HTTP floor (a 404 from the router, no Neo4j) and
the bare driver called through the API's worker pool (the thread hop that lets a request
give up on a frozen Neo4j). Requests go through a plain keep-alive `http.client`
connection per load thread, so the client library's own cost is not counted as the API's.

Run: .venv/bin/python bench/api_latency.py [--requests 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from graph.connection import bounded_async, make_driver
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
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        driver = make_driver(s)
        bound = []
        for name, params in CALLS:
            q = registry.get(name)
            bound.append((q, q.bind(params, registry.DEFAULT_LIMIT, 0)))
        clients: dict[int, http.client.HTTPConnection] = {}
        urls = [
            f"/queries/{name}?{httpx.QueryParams(params)}" if params else f"/queries/{name}"
            for name, params in CALLS
        ]

        def get(url: str, expected: int) -> None:
            client = clients.get(threading_id())
            if client is None:  # one keep-alive connection per load-generating thread
                client = clients[threading_id()] = http.client.HTTPConnection("127.0.0.1", port)
            try:
                client.request("GET", url)
                response = client.getresponse()
            except (http.client.RemoteDisconnected, ConnectionError):
                # the server closed a connection idle past its keep-alive (a thread id
                # reused by the next phase's pool): open a new one
                client.close()
                client.request("GET", url)
                response = client.getresponse()
            body = response.read()
            assert response.status == expected, body[:200]

        def via_api(i: int) -> None:
            get(urls[i % len(urls)], 200)

        def http_floor(_i: int) -> None:
            get("/queries/no-such-query", 404)

        def via_driver(i: int) -> None:
            q, params = bound[i % len(bound)]
            registry.run_read(
                driver, s.neo4j_database, q.cypher, params, s.query_timeout, s.max_rows
            )

        loops: dict[int, asyncio.AbstractEventLoop] = {}

        def via_pool(i: int) -> None:
            """The driver as the API calls it: from an event loop, through the pool."""
            loop = loops.setdefault(threading_id(), asyncio.new_event_loop())
            loop.run_until_complete(bounded_async(lambda: via_driver(i), s.query_timeout + 2.0))

        print(f"{'path':<8} {'clients':>7} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}")
        results = {}
        paths = (("driver", via_driver), ("api", via_api))
        for label, fn in (("http 404", http_floor), ("pool hop", via_pool)):
            lat = measure(fn, args.requests, 1)
            print(f"{label:<8} {1:>7} {statistics.median(lat):>8.2f} {percentile(lat, 0.99):>8.2f}")
        for concurrency in (1, 16):
            for label, fn in paths:
                t0 = time.perf_counter()
                lat = measure(fn, args.requests, concurrency)
                rate = args.requests / (time.perf_counter() - t0)
                results[(label, concurrency)] = lat
                print(
                    f"{label:<8} {concurrency:>7} {statistics.median(lat):>8.2f} "
                    f"{percentile(lat, 0.99):>8.2f} {rate:>7.0f}"
                )
        p50 = statistics.median(results[("api", 1)]) / statistics.median(results[("driver", 1)])
        print(f"API p50 / driver p50 at 1 client: {p50:.2f} (goal <= 1.3)")
        p99 = percentile(results[("api", 16)], 0.99) / percentile(results[("driver", 16)], 0.99)
        print(f"API p99 / driver p99 at 16 clients: {p99:.2f} (goal <= 1.5)")
        driver.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def threading_id() -> int:
    import threading

    return threading.get_ident()


if __name__ == "__main__":
    main()
