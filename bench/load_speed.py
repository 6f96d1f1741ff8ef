"""Load rate of `kg load` against a naive per-row MERGE loop, measured in one run.

Goals (issue 5): >= 50,000 relationships/s at 100x the seeds, >= 20x the naive loop,
time linear in corpus size. Synthetic corpora are the seeds' records copied N times with
every name, id and document made distinct (so the graph grows N-fold, as a corpus of N
times as many documents of the genre would).

Needs a running Neo4j (`kg neo4j start`, or NEO4J_URI); it RESETS that graph.
With --recurring (issue 14), the documents name the same entities again and again, each
with its own passages, as a real corpus does: the cost of a document must not grow with
the graph (ms per document at 100, 500 and 2,000 documents, goal within 1.3x), and
`kg load` must stay >= 20x the naive loop.

Run: .venv/bin/python bench/load_speed.py [--scales 1 10 100] [--naive-scales 1 10] [--repeat 3]
     .venv/bin/python bench/load_speed.py --recurring [100 500 2000]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Iterator
from pathlib import Path

from graph.connection import connected_driver
from graph.load import DocumentBatch, create_schema, group_records, load_batches, reset
from ingest.batch import extract_paths
from ingest.records import Evidence, NodeRecord, Record, RelationshipRecord
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

NAIVE_NODE = "MERGE (n:Node {id: $id}) SET n.name = $name"
NAIVE_REL = (
    "MATCH (a:Node {id: $start}) MATCH (b:Node {id: $end}) MERGE (a)-[r:RELATED {type: $type}]->(b)"
)


def seed_batches() -> list[DocumentBatch]:
    docs = extract_paths([ROOT / "seeds"]).documents()
    return [b for _src, records in docs for b in group_records(records)]


def rename(value: str, k: int) -> str:
    return f"{value}~{k}"


def copy_record(rec: Record, k: int) -> Record:
    def ev(e: Evidence) -> Evidence:
        return Evidence(doc=rename(e.doc, k), start=e.start, end=e.end, text=e.text)

    if isinstance(rec, NodeRecord):
        rid = rec.id
        if rid.startswith("Passage:"):
            _, doc, span = rid.split(":", 2)
            rid = f"Passage:{rename(doc, k)}:{span}"
        else:
            rid = rename(rid, k)
        return rec.model_copy(
            update={
                "id": rid,
                "name": rename(rec.name, k),
                "aliases": [rename(a, k) for a in rec.aliases],
                "evidence": [ev(e) for e in rec.evidence],
            }
        )
    assert isinstance(rec, RelationshipRecord)

    def node(nid: str) -> str:
        if nid.startswith("Passage:"):
            _, doc, span = nid.split(":", 2)
            return f"Passage:{rename(doc, k)}:{span}"
        return rename(nid, k)

    return rec.model_copy(
        update={
            "start": node(rec.start),
            "end": node(rec.end),
            "evidence": [ev(e) for e in rec.evidence],
        }
    )


PER_DOCUMENT = ("Document:", "Passage:", "Task:", "Target:")


def recurring_record(rec: Record, k: int) -> Record:
    """A copy that is another document stating the same entities: only what belongs to a
    document (its Document, Passages, Tasks, Targets, evidence) is renamed."""

    def nid(value: str) -> str:
        if value.startswith(PER_DOCUMENT):
            kind, doc, *rest = value.split(":", 2)
            return ":".join([kind, rename(doc, k), *rest])
        return value

    def ev(e: Evidence) -> Evidence:
        return Evidence(doc=rename(e.doc, k), start=e.start, end=e.end, text=e.text)

    if isinstance(rec, NodeRecord):
        name = rename(rec.name, k) if rec.label == "Document" else rec.name
        return rec.model_copy(
            update={"id": nid(rec.id), "name": name, "evidence": [ev(e) for e in rec.evidence]}
        )
    assert isinstance(rec, RelationshipRecord)
    return rec.model_copy(
        update={
            "start": nid(rec.start),
            "end": nid(rec.end),
            "evidence": [ev(e) for e in rec.evidence],
        }
    )


def recurring_corpus(base: list[DocumentBatch], docs: int) -> Iterator[DocumentBatch]:
    """`docs` documents that name the seeds' entities again and again (as a real corpus
    names the same departments, cities and enterprises), each with its own passages."""
    for n in range(docs):
        b = base[n % len(base)]
        k = n // len(base)
        yield DocumentBatch(rename(b.doc, k), [recurring_record(r, k) for r in b.records])


def recurring(driver, database: str, base: list[DocumentBatch], sizes: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Load max(sizes) recurring documents into an empty graph, one transaction group at a
    time as `kg load` does, timing each document; print ms per document over the stretch
    that ends at each size (the graph grows as it goes), the rate, and the naive loop's
    rate on the first documents."""
    total = max(sizes)
    # Warm the server (JIT, plan cache) on a first stretch, then start from empty: the
    # first size's time would otherwise include a cold JVM.
    reset(driver, database)
    load_batches(driver, database, list(recurring_corpus(base, min(sizes))))
    reset(driver, database)
    stamps: list[float] = [time.perf_counter()]

    def tick(_batch: DocumentBatch, _state: str) -> None:
        stamps.append(time.perf_counter())  # documents are reported as their group commits

    batches = list(recurring_corpus(base, total))  # made first: the copying is not loading
    # `kg load` streams one group of documents at a time; this corpus is held whole (GBs
    # at 2,000 documents). Frozen, so Python's collector does not walk it again and again
    # while the loader allocates: that charged the loader for the bench's own memory.
    gc.freeze()
    stamps[0] = time.perf_counter()
    summary = load_batches(driver, database, batches, on_document=tick)
    rels = summary.relationships
    assert len(stamps) == total + 1, len(stamps)
    naive_docs = min(sizes)
    reset(driver, database)
    n_rels, n_secs = naive(driver, database, list(recurring_corpus(base, naive_docs)))
    naive_rate = n_rels / n_secs
    rate = rels / summary.seconds
    print(
        f"recurring entities: {total} documents, {rels:,} relationships in {summary.seconds:.1f} s"
    )
    print(f"{'documents':>10} {'ms per document over the last 20%':>34}")
    first = None
    for size in sorted(sizes):
        start = size - max(1, size // 5)
        ms = (stamps[size] - stamps[start]) / (size - start) * 1000
        first = first or ms
        print(f"{size:>10} {ms:>34.1f}   ({ms / first:.2f}x the first)")
    print(
        f"kg load {rate:,.0f} rels/s; naive loop {naive_rate:,.0f} rels/s on {naive_docs} "
        f"documents; speed-up {rate / naive_rate:.1f}x (goal >= 20)"
    )


def corpus(base: list[DocumentBatch], scale: int) -> Iterator[DocumentBatch]:
    for k in range(scale):
        for b in base:
            recs = [copy_record(r, k) for r in b.records]
            yield DocumentBatch(rename(b.doc, k), recs)


def naive(driver, database: str, batches: list[DocumentBatch]) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    rels = 0
    with driver.session(database=database) as session:
        for b in batches:
            for rec in b.records:
                if isinstance(rec, NodeRecord):
                    session.run(NAIVE_NODE, id=rec.id, name=rec.name).consume()
            for rec in b.records:
                if isinstance(rec, RelationshipRecord):
                    session.run(NAIVE_REL, start=rec.start, end=rec.end, type=rec.type).consume()
                    rels += 1
    return rels, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--naive-scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3, help="kg load runs per scale (best kept)")
    parser.add_argument(
        "--recurring",
        type=int,
        nargs="*",
        metavar="DOCS",
        help="instead: a corpus of documents naming the same entities, timed at these sizes "
        "(default 100 500 2000)",
    )
    args = parser.parse_args()
    s = Settings()
    base = seed_batches()
    if args.recurring is not None:
        with connected_driver(s) as driver:
            create_schema(driver, s.neo4j_database)
            recurring(driver, s.neo4j_database, base, args.recurring or [100, 500, 2000])
        return
    rows = []
    with connected_driver(s) as driver:
        db = s.neo4j_database
        create_schema(driver, db)
        # Warm the server's query caches once so the first scale is not charged for them.
        reset(driver, db)
        load_batches(driver, db, list(corpus(base, 1)))
        # kg load at every scale first, then the naive loop (whose different statistics
        # would otherwise make Neo4j re-plan kg load's statements in the middle of a run).
        # Each scale is loaded --repeat times from an empty graph; the best run is kept,
        # since Neo4j's JIT and plan cache make the first runs after a change slower.
        loaded = {}
        for scale in args.scales:
            batches = list(corpus(base, scale))
            gc.freeze()  # see recurring(): the corpus is the bench's memory, not kg load's
            best = None
            for _ in range(args.repeat):
                reset(driver, db)
                summary = load_batches(driver, db, batches)
                if best is None or summary.seconds < best.seconds:
                    best = summary
            assert best is not None
            loaded[scale] = (len(batches), best.relationships, best.seconds)
        naive_rates = {}
        for scale in args.naive_scales:
            reset(driver, db)
            n_rels, n_secs = naive(driver, db, list(corpus(base, scale)))
            naive_rates[scale] = n_rels / n_secs
        for scale in args.scales:
            docs, rels, secs = loaded[scale]
            rows.append((scale, docs, rels, secs, rels / secs, naive_rates.get(scale)))
        reset(driver, db)
    print(
        f"{'scale':>5} {'docs':>5} {'rels':>8} {'kg load s':>10} {'rels/s':>9} "
        f"{'naive rels/s':>12} {'speed-up':>8} {'s per 1x':>9}"
    )
    for scale, docs, rels, secs, rate, naive_rate in rows:
        speed = f"{rate / naive_rate:8.1f}" if naive_rate else "       -"
        nr = f"{naive_rate:12,.0f}" if naive_rate else "           -"
        print(
            f"{scale:>5} {docs:>5} {rels:>8} {secs:>10.2f} {rate:>9,.0f} {nr} {speed} "
            f"{secs / scale:>9.3f}"
        )


if __name__ == "__main__":
    main()
