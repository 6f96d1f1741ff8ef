"""API latency against the bare driver running the same Cypher, in one run.

Goals (issue 6): API p50 <= 1.2x the bare driver; p99 <= 20 ms at 32 concurrent
clients. Needs a running Neo4j with the seeds loaded (`make up`, or `kg load seeds/`);
starts `kg serve` on a free port itself.

Run: .venv/bin/python bench/api_latency.py [--requests 400]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
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
        clients = {}

        def via_api(i: int) -> None:
            name, params = CALLS[i % len(CALLS)]
            client = clients.get(threading_id())
            if client is None:  # one keep-alive client per load-generating thread
                client = clients[threading_id()] = httpx.Client(base_url=base)
            r = client.get(f"/queries/{name}", params=params)
            assert r.status_code == 200, r.text

        def via_driver(i: int) -> None:
            q, params = bound[i % len(bound)]
            registry.run_read(
                driver, s.neo4j_database, q.cypher, params, s.query_timeout, s.max_rows
            )

        print(f"{'path':<8} {'clients':>7} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}")
        results = {}
        for concurrency in (1, 32):
            for label, fn in (("driver", via_driver), ("api", via_api)):
                t0 = time.perf_counter()
                lat = measure(fn, args.requests, concurrency)
                rate = args.requests / (time.perf_counter() - t0)
                results[(label, concurrency)] = lat
                print(
                    f"{label:<8} {concurrency:>7} {statistics.median(lat):>8.2f} "
                    f"{percentile(lat, 0.99):>8.2f} {rate:>7.0f}"
                )
        for concurrency in (1, 32):
            ratio = statistics.median(results[("api", concurrency)]) / statistics.median(
                results[("driver", concurrency)]
            )
            print(f"API p50 / driver p50 at {concurrency} clients: {ratio:.2f} (goal <= 1.2)")
        driver.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def threading_id() -> int:
    import threading

    return threading.get_ident()


if __name__ == "__main__":
    main()
