"""Latency of every curated query as the graph grows: p50 at 1x, 10x and 100x the seeds.

Goal (issue 14): p50 at 100x <= 3x p50 at 1x for every query. The bigger graphs add
copies of the seeds whose every Chinese character is shifted to another one (names, ids,
aliases, task texts, evidence), so the graph grows N-fold while the example parameters
still match only the original seeds: each query returns the same rows at every scale, and
any slowdown is the cost of the graph's size (a scan), not of a bigger answer.

Needs a running Neo4j (`kg neo4j start`, or NEO4J_URI); it RESETS that graph.
Run: .venv/bin/python bench/query_latency.py [--scales 1 10 100] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.connection import connected_driver
from graph.load import DocumentBatch, create_schema, group_records, load_batches, reset
from ingest.batch import extract_paths
from ingest.records import Evidence, NodeRecord, Record, RelationshipRecord
from kg.settings import Settings
from queries.registry import catalogue, run

ROOT = Path(__file__).resolve().parents[1]
CJK_FIRST, CJK_SIZE = 0x4E00, 20902


def shift(value: Any, k: int) -> Any:
    """Every CJK character moved k * 7919 places along the block (0 leaves it alone);
    strings inside lists and dicts too."""
    if isinstance(value, str):
        return "".join(
            chr(CJK_FIRST + (ord(ch) - CJK_FIRST + k * 7919) % CJK_SIZE)
            if CJK_FIRST <= ord(ch) < CJK_FIRST + CJK_SIZE
            else ch
            for ch in value
        )
    if isinstance(value, list):
        return [shift(v, k) for v in value]
    if isinstance(value, dict):
        return {key: shift(v, k) for key, v in value.items()}
    return value


def shifted(rec: Record, k: int) -> Record:
    def ev(e: Evidence) -> Evidence:
        return Evidence(doc=f"{e.doc}~{k}", start=e.start, end=e.end, text=shift(e.text, k))

    def nid(value: str) -> str:
        kind, rest = value.split(":", 1)
        if kind == "Passage":
            doc, span = rest.rsplit(":", 1)
            return f"Passage:{doc}~{k}:{span}"
        if kind in ("Document", "Task", "Target"):
            doc, *tail = rest.split(":", 1)
            return ":".join([kind, f"{doc}~{k}", *tail])
        return f"{kind}:{shift(rest, k)}"

    evidence = [ev(e) for e in rec.evidence]
    if isinstance(rec, NodeRecord):
        return rec.model_copy(
            update={
                "id": nid(rec.id),
                "name": shift(rec.name, k),
                "aliases": shift(rec.aliases, k),
                "properties": shift(rec.properties, k),
                "evidence": evidence,
            }
        )
    assert isinstance(rec, RelationshipRecord)
    return rec.model_copy(
        update={
            "start": nid(rec.start),
            "end": nid(rec.end),
            "properties": shift(rec.properties, k),
            "evidence": evidence,
        }
    )


def corpus(base: list[DocumentBatch], start: int, stop: int) -> Iterator[DocumentBatch]:
    for k in range(start, stop):
        for b in base:
            if k == 0:
                yield b
            else:
                yield DocumentBatch(f"{b.doc}~{k}", [shifted(r, k) for r in b.records])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per query (after 3 warm)")
    parser.add_argument(
        "--warm", type=int, default=30, help="rounds of every query before the first scale"
    )
    parser.add_argument("--keep", action="store_true", help="leave the largest graph loaded")
    args = parser.parse_args()
    s = Settings()
    docs = extract_paths([ROOT / "seeds"]).documents()
    base = [b for _src, recs in docs for b in group_records(recs)]
    queries = sorted(catalogue().items())
    p50: dict[str, dict[int, float]] = {name: {} for name, _q in queries}
    rows: dict[str, int] = {}
    with connected_driver(s) as driver:
        db = s.neo4j_database
        reset(driver, db)
        create_schema(driver, db)
        loaded = 0
        loaded_before = False
        for scale in sorted(args.scales):
            summary = load_batches(driver, db, corpus(base, loaded, scale))
            assert not summary.failed, summary.failed
            if not loaded_before:
                # A fresh JVM interprets before its JIT compiles: without this, the first
                # scale's times are inflated and every ratio looks better than it is.
                for _ in range(args.warm):
                    for _name, query in queries:
                        run(driver, db, query, dict(query.example), timeout=120.0)
            loaded_before = True
            loaded = scale
            for name, query in queries:
                params = dict(query.example)
                for _ in range(3):
                    run(driver, db, query, params, timeout=120.0)
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    _shown, result = run(driver, db, query, params, timeout=120.0)
                    times.append((time.perf_counter() - t0) * 1000)
                p50[name][scale] = statistics.median(times)
                if rows.setdefault(name, len(result)) != len(result):
                    print(f"note: {name} gave {len(result)} rows at {scale}x, {rows[name]} at 1x")
        if not args.keep:
            reset(driver, db)
    scales = sorted(args.scales)
    head = "".join(f"{f'p50 {x}x ms':>13}" for x in scales)
    print(f"{'query':<18}{'rows':>5}{head}{'largest/1x':>12}")
    worst = 0.0
    for name, _q in queries:
        ratio = p50[name][scales[-1]] / p50[name][scales[0]]
        worst = max(worst, ratio)
        cells = "".join(f"{p50[name][x]:>13.1f}" for x in scales)
        print(f"{name:<18}{rows[name]:>5}{cells}{ratio:>12.2f}")
    print(f"worst ratio {worst:.2f} (goal <= 3 at {scales[-1]}x)")


if __name__ == "__main__":
    main()
