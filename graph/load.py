"""`kg load`: write extracted records into Neo4j, one transaction per document.

Guarantees:
- a document's writes are one transaction: a failure leaves the graph as it was before
  that document, and the next documents still load;
- re-loading a document whose records have not changed is a no-op (a fingerprint of its
  records is kept on its Document node); a changed document first takes back everything
  it stated before (its evidence, aliases and claims), then writes the new records, so
  nothing stale stays and what other documents said is kept;
- writes are batched `UNWIND $rows … MERGE` per label and relationship type.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError

from ingest.records import (
    NODE_LABELS,
    ORGANIZATION_LABELS,
    RELATIONSHIP_TYPES,
    NodeRecord,
    Record,
    RelationshipRecord,
)
from kg.errors import KgError

BATCH = 5000
ALIAS_SEP = "\t"


class LoadError(Exception):
    """A document that could not be written; the message names the cause."""


@cache
def statement(name: str) -> str:
    """A named Cypher statement from graph/cypher/ (reviewed text, not built from input)."""
    return resources.files("graph").joinpath("cypher", f"{name}.cypher").read_text("utf-8")


def schema_statements() -> list[str]:
    text = resources.files("graph").joinpath("schema.cypher").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def create_schema(driver: Driver, database: str) -> int:
    statements = schema_statements()
    for text in statements:
        driver.execute_query(text, database_=database)
    return len(statements)


def merge_nodes_statement(label: str) -> str:
    if label not in NODE_LABELS:
        raise LoadError(f"unknown node label {label!r} (the graph model has {NODE_LABELS})")
    labels = f"{label}:Organization" if label in ORGANIZATION_LABELS else label
    return statement("merge_nodes").replace("{label}", labels)


def merge_relationships_statement(rtype: str) -> str:
    if rtype not in RELATIONSHIP_TYPES:
        raise LoadError(f"unknown relationship type {rtype!r}")
    return statement("merge_relationships").replace("{type}", rtype)


@dataclass
class DocumentBatch:
    """All records of one document (the Document node record comes first)."""

    doc: str
    records: list[Record]

    @property
    def document_id(self) -> str:
        return f"Document:{self.doc}"

    @cached_property
    def fingerprint(self) -> str:
        """Checked against the stored one, then stored: computed once per batch."""
        digest = hashlib.sha256()
        for rec in self.records:
            digest.update(rec.model_dump_json().encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()


def group_records(records: Iterable[Record], source: str = "records") -> Iterator[DocumentBatch]:
    """Split a record stream into documents: each Document node record opens one."""
    current: DocumentBatch | None = None
    for rec in records:
        if isinstance(rec, NodeRecord) and rec.label == "Document":
            if current is not None:
                yield current
            current = DocumentBatch(rec.id.removeprefix("Document:"), [rec])
        elif current is None:
            raise KgError(f"{source}: records before any Document record; not `kg extract` output")
        else:
            current.records.append(rec)
    if current is not None:
        yield current


def read_jsonl(path: str, lines: Iterable[str]) -> Iterator[Record]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if data.get("kind") == "node":
                yield NodeRecord.model_validate(data)
            elif data.get("kind") == "relationship":
                yield RelationshipRecord.model_validate(data)
            else:
                raise ValueError("kind must be 'node' or 'relationship'")
        except (ValueError, TypeError) as exc:
            raise KgError(f"{path}:{number}: not a record of `kg extract` ({exc})") from exc


@dataclass
class LoadSummary:
    documents: int = 0
    unchanged: int = 0
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _node_rows(batch: DocumentBatch) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in batch.records:
        if isinstance(rec, NodeRecord):
            rows[rec.label].append(
                {
                    "id": rec.id,
                    "docs": [batch.doc],
                    "name": rec.name,
                    "properties": rec.properties,
                    "evidence": sorted({ev.passage_id for ev in rec.evidence}),
                    "alias_sources": sorted(
                        {f"{batch.doc}{ALIAS_SEP}{alias}" for alias in rec.aliases}
                    ),
                }
            )
    return rows


def _relationship_rows(batch: DocumentBatch) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in batch.records:
        if isinstance(rec, RelationshipRecord):
            rows[rec.type].append(
                {
                    "start": rec.start,
                    "end": rec.end,
                    "docs": [batch.doc],
                    "properties": rec.properties,
                    "evidence": sorted({ev.passage_id for ev in rec.evidence}),
                }
            )
    return rows


def _merged(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """One row per node (or relationship) for rows of several documents: their lists
    united and sorted, later documents' properties over earlier ones. A statement that
    got two rows of one node would compute each from the node's old lists, and only the
    last document's aliases would survive (the graph would depend on the batching)."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        k = tuple(row[name] for name in key)
        seen = out.get(k)
        if seen is None:
            out[k] = {**row, "properties": dict(row["properties"])}
            continue
        seen["properties"].update(row["properties"])
        if "name" in row:
            seen["name"] = row["name"]
        for field_name in ("docs", "evidence", "alias_sources"):
            if field_name in row:
                seen[field_name] = sorted(set(seen[field_name]) | set(row[field_name]))
    return list(out.values())


def write_documents(tx: ManagedTransaction, batches: list[DocumentBatch]) -> tuple[int, int]:
    """Replace these documents' contributions to the graph, inside one transaction.

    Each document first takes back what it said before (nothing, on a first load); then
    the rows of all the documents are written together, batched per label and type.
    """
    for batch in batches:
        params = {
            "document": batch.document_id,
            "doc": batch.doc,
            "passage_prefix": f"Passage:{batch.doc}:",
            "alias_prefix": f"{batch.doc}{ALIAS_SEP}",
            "sep": ALIAS_SEP,
        }
        tx.run(statement("forget_relationships"), params).consume()
        tx.run(statement("forget_nodes"), params).consume()
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rel_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for batch in batches:
        for label, rows in _node_rows(batch).items():
            node_rows[label] += rows
        for rtype, rows in _relationship_rows(batch).items():
            rel_rows[rtype] += rows
    node_rows = {label: _merged(rows, ("id",)) for label, rows in node_rows.items()}
    rel_rows = {rtype: _merged(rows, ("start", "end")) for rtype, rows in rel_rows.items()}
    nodes = 0
    for label, rows in sorted(node_rows.items()):
        text = merge_nodes_statement(label)
        for i in range(0, len(rows), BATCH):
            record = tx.run(text, rows=rows[i : i + BATCH], sep=ALIAS_SEP).single()
            nodes += int(record["written"]) if record else 0
    rels = 0
    for rtype, rows in sorted(rel_rows.items()):
        text = merge_relationships_statement(rtype)
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            record = tx.run(text, rows=chunk).single()
            written = int(record["written"]) if record else 0
            if written != len(chunk):
                ids = sorted({r["start"] for r in chunk} | {r["end"] for r in chunk})
                missing = tx.run(statement("missing_nodes"), ids=ids).single()
                names = missing["missing"][:3] if missing else []
                raise LoadError(
                    f"{rtype}: {len(chunk) - written} relationship(s) name a node that no "
                    f"record of the document defines: {', '.join(names)}"
                )
            rels += written
    documents = [
        {
            "id": b.document_id,
            "node_ids": sorted({r.id for r in b.records if isinstance(r, NodeRecord)}),
            "records_sha256": b.fingerprint,
        }
        for b in batches
    ]
    tx.run(statement("document_contributes"), documents=documents).consume()
    return nodes, rels


#: Documents are written together up to this many records per transaction; if such a
#: transaction fails, each of its documents is retried in a transaction of its own, so
#: the guarantee stays "a failed document changes nothing, the others load".
GROUP_RECORDS = 20000
WRITE_ERRORS = (LoadError, Neo4jError, TypeError, ValueError)


def _groups(batches: Iterable[DocumentBatch]) -> Iterator[list[DocumentBatch]]:
    """Consecutive documents, up to GROUP_RECORDS records per group (one transaction)."""
    group: list[DocumentBatch] = []
    size = 0
    seen: set[str] = set()
    for batch in batches:
        if group and (size + len(batch.records) > GROUP_RECORDS or batch.doc in seen):
            yield group
            group, size, seen = [], 0, set()
        group.append(batch)
        size += len(batch.records)
        seen.add(batch.doc)
    if group:
        yield group


def load_batches(
    driver: Driver,
    database: str,
    batches: Iterable[DocumentBatch],
    *,
    force: bool = False,
    on_document: Callable[[DocumentBatch, str], None] | None = None,
) -> LoadSummary:
    """Load documents: a failed document is reported and leaves no trace; others load.

    Streams: `batches` is consumed one transaction group at a time, so memory holds one
    group (not the corpus) however many documents come.
    """
    summary = LoadSummary()
    t0 = time.monotonic()

    def changed(group: list[DocumentBatch]) -> list[DocumentBatch]:
        if force:
            return group
        state, _, _ = driver.execute_query(
            statement("document_state"),
            documents=[b.document_id for b in group],
            database_=database,
        )
        loaded = {r["id"]: r["records_sha256"] for r in state}
        fresh = []
        for batch in group:
            if loaded.get(batch.document_id) == batch.fingerprint:
                summary.unchanged += 1
                if on_document:
                    on_document(batch, "unchanged")
            else:
                fresh.append(batch)
        return fresh

    def run(group: list[DocumentBatch]) -> None:
        with driver.session(database=database) as session:
            nodes, rels = session.execute_write(write_documents, group)
        summary.documents += len(group)
        summary.nodes += nodes
        summary.relationships += rels
        for batch in group:
            if on_document:
                on_document(batch, "loaded")

    for candidates in _groups(batches):
        group = changed(candidates)
        if not group:
            continue
        try:
            run(group)
            continue
        except WRITE_ERRORS:
            pass
        for batch in group:
            try:
                run([batch])
            except WRITE_ERRORS as exc:
                reason = getattr(exc, "message", None) or str(exc)
                first = reason.splitlines()[0] if reason else repr(exc)
                summary.failed.append((batch.doc, first))
                if on_document:
                    on_document(batch, "failed")
    summary.seconds = time.monotonic() - t0
    return summary


def stats(driver: Driver, database: str) -> dict[str, dict[str, int]]:
    labels, _, _ = driver.execute_query(statement("stats_labels"), database_=database)
    types, _, _ = driver.execute_query(statement("stats_types"), database_=database)
    return {
        "labels": {r["label"]: r["count"] for r in labels if r["count"]},
        "relationships": {r["type"]: r["count"] for r in types if r["count"]},
    }


def reset(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run(statement("reset")).consume()
