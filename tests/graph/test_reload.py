"""A re-load equals a clean load: any split of a document set into loads, any order, any
transaction-group size, and any change-then-restore of a document give the same graph
(a content hash of every node and relationship with its properties), in a real Neo4j."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

import graph.load as load
from graph.load import DocumentBatch, create_schema, group_records, load_batches, reset
from ingest.batch import extract_paths
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_673f5facfc9806a9.txt"
SEED_003 = ROOT / "seeds" / "003_ec0b261d45e78342.txt"
OWN = sorted((ROOT / "tests" / "data").glob("*.txt"))


def batches_of(*paths: Path) -> list[DocumentBatch]:
    run = extract_paths(list(paths))
    out = [b for _s, recs in run.documents() for b in group_records(recs)]
    assert not run.failures
    return out


@pytest.fixture(scope="module")
def documents() -> list[DocumentBatch]:
    return batches_of(SEED_000, SEED_003, *OWN)


@pytest.fixture(scope="module")
def changed_003(tmp_path_factory: pytest.TempPathFactory) -> DocumentBatch:
    """003 cut to its first 6 lines, under the same file name (the same document id)."""
    folder = tmp_path_factory.mktemp("changed")
    head = "\n".join(SEED_003.read_text(encoding="utf-8").splitlines()[:6]) + "\n"
    (folder / SEED_003.name).write_text(head, encoding="utf-8")
    (batch,) = batches_of(folder / SEED_003.name)
    return batch


def content_hash(driver: Driver, database: str) -> str:
    """A hash of every node (id, labels, properties) and relationship (type, ends,
    properties): two graphs with the same hash hold the same facts."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props",
        database_=database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props",
        database_=database,
    )
    rows = sorted(
        json.dumps([r["id"], sorted(r["labels"]), r["props"]], sort_keys=True, ensure_ascii=False)
        for r in nodes
    ) + sorted(
        json.dumps([r["type"], r["a"], r["b"], r["props"]], sort_keys=True, ensure_ascii=False)
        for r in rels
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def fresh(driver: Driver, database: str) -> None:
    reset(driver, database)
    create_schema(driver, database)


def load_all(driver: Driver, database: str, batches: list[DocumentBatch]) -> None:
    summary = load_batches(driver, database, batches)
    assert not summary.failed, summary.failed


@pytest.fixture(scope="module")
def clean_hash(driver: Driver, neo4j_settings: Settings, documents: list[DocumentBatch]) -> str:
    db = neo4j_settings.neo4j_database
    fresh(driver, db)
    load_all(driver, db, documents)
    digest = content_hash(driver, db)
    print(f"clean load of {len(documents)} documents: content hash {digest}")
    return digest


def test_reloading_one_unchanged_document_with_a_changed_one_keeps_its_aliases(
    driver: Driver, neo4j_settings: Settings, changed_003: DocumentBatch
) -> None:
    """The reported loss: seeds loaded, then 000 unchanged with 003 cut to 6 lines, in one
    load. 省发改委 (stated by 000) must still name its department."""
    db = neo4j_settings.neo4j_database
    seeds = batches_of(SEED_000, SEED_003)
    fresh(driver, db)
    load_all(driver, db, seeds)
    load_all(driver, db, [seeds[0], changed_003])
    after = content_hash(driver, db)
    fresh(driver, db)
    load_all(driver, db, [seeds[0], changed_003])
    assert after == content_hash(driver, db)
    rows, _, _ = driver.execute_query(
        "MATCH (n:Department) WHERE '省发改委' IN n.aliases RETURN n.name AS name",
        database_=db,
    )
    assert [r["name"] for r in rows] == ["黑龙江省发展和改革委员会"]


def test_one_group_of_several_documents_equals_one_load_per_document(
    driver: Driver, neo4j_settings: Settings
) -> None:
    """Both seeds in one transaction group (nodes named by both written by one statement)
    give the graph that two separate loads give: every document's aliases survive."""
    db = neo4j_settings.neo4j_database
    seeds = batches_of(SEED_000, SEED_003)
    fresh(driver, db)
    load_all(driver, db, seeds)
    together = content_hash(driver, db)
    fresh(driver, db)
    for batch in seeds:
        load_all(driver, db, [batch])
    assert together == content_hash(driver, db)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_split_order_and_group_size_equals_a_clean_load(
    data: st.DataObject,
    driver: Driver,
    neo4j_settings: Settings,
    documents: list[DocumentBatch],
    changed_003: DocumentBatch,
    clean_hash: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = neo4j_settings.neo4j_database
    order = data.draw(st.permutations(range(len(documents))), label="order")
    cuts = data.draw(
        st.lists(st.integers(1, len(documents) - 1), max_size=3, unique=True), label="cuts"
    )
    group = data.draw(st.sampled_from([1, 3000, 20000]), label="records per transaction")
    detour = data.draw(st.booleans(), label="load a changed 003 first, then restore it")
    monkeypatch.setattr(load, "GROUP_RECORDS", group)
    fresh(driver, db)
    if detour:
        load_all(driver, db, [changed_003])
    bounds = [0, *sorted(cuts), len(documents)]
    for a, b in itertools.pairwise(bounds):
        load_all(driver, db, [documents[i] for i in order[a:b]])
    assert content_hash(driver, db) == clean_hash


def test_evidence_samples_refill_exactly_when_a_document_changes(
    driver: Driver,
    neo4j_settings: Settings,
    documents: list[DocumentBatch],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a sample of one passage, changing 000 (whose passages sort first, so they fill
    every sample they are in) forces refills from the other documents: the graph must
    equal a clean load of the changed set, and after restoring 000, of the original."""
    db = neo4j_settings.neo4j_database
    monkeypatch.setattr(load, "EVIDENCE_SAMPLE", 1)
    head = "\n".join(SEED_000.read_text(encoding="utf-8").splitlines()[:6]) + "\n"
    (tmp_path / SEED_000.name).write_text(head, encoding="utf-8")
    (changed_000,) = batches_of(tmp_path / SEED_000.name)
    others = [b for b in documents if b.doc != changed_000.doc]
    assert len(others) == len(documents) - 1

    fresh(driver, db)
    load_all(driver, db, [changed_000, *others])
    clean_changed = content_hash(driver, db)
    fresh(driver, db)
    load_all(driver, db, documents)
    clean_original = content_hash(driver, db)
    samples, _, _ = driver.execute_query(
        "MATCH (n:Node) WHERE n.evidence_count > 1 RETURN max(size(n.evidence)) AS m",
        database_=db,
    )
    assert samples[0]["m"] == 1

    load_all(driver, db, [changed_000])
    assert content_hash(driver, db) == clean_changed
    load_all(driver, db, [documents[0]])
    assert content_hash(driver, db) == clean_original
