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
from functools import cache
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

    def fingerprint(self) -> str:
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
                    "properties": rec.properties,
                    "evidence": sorted({ev.passage_id for ev in rec.evidence}),
                }
            )
    return rows


def write_document(tx: ManagedTransaction, batch: DocumentBatch) -> tuple[int, int]:
    """Replace one document's contribution to the graph. Runs inside one transaction."""
    params = {
        "document": batch.document_id,
        "doc": batch.doc,
        "passage_prefix": f"Passage:{batch.doc}:",
        "alias_prefix": f"{batch.doc}{ALIAS_SEP}",
        "sep": ALIAS_SEP,
    }
    tx.run(statement("forget_relationships"), params).consume()
    tx.run(statement("forget_nodes"), params).consume()
    nodes = 0
    for label, rows in sorted(_node_rows(batch).items()):
        text = merge_nodes_statement(label)
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            record = tx.run(text, rows=chunk, doc=batch.doc, sep=ALIAS_SEP).single()
            nodes += int(record["written"]) if record else 0
    rels = 0
    for rtype, rows in sorted(_relationship_rows(batch).items()):
        text = merge_relationships_statement(rtype)
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            record = tx.run(text, rows=chunk, doc=batch.doc).single()
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
    node_ids = sorted({r.id for r in batch.records if isinstance(r, NodeRecord)})
    tx.run(
        statement("document_contributes"),
        document=batch.document_id,
        node_ids=node_ids,
        records_sha256=batch.fingerprint(),
    ).consume()
    return nodes, rels


def load_batches(
    driver: Driver,
    database: str,
    batches: Iterable[DocumentBatch],
    *,
    force: bool = False,
    on_document: Callable[[DocumentBatch, str], None] | None = None,
) -> LoadSummary:
    """Load documents one transaction each; a failed document is reported, not fatal."""
    summary = LoadSummary()
    t0 = time.monotonic()
    for batch in batches:
        fingerprint = batch.fingerprint()
        if not force:
            state, _, _ = driver.execute_query(
                statement("document_state"), document=batch.document_id, database_=database
            )
            if state and state[0]["records_sha256"] == fingerprint:
                summary.unchanged += 1
                if on_document:
                    on_document(batch, "unchanged")
                continue
        try:
            with driver.session(database=database) as session:
                nodes, rels = session.execute_write(write_document, batch)
        except (LoadError, Neo4jError, TypeError, ValueError) as exc:
            reason = getattr(exc, "message", None) or str(exc)
            summary.failed.append((batch.doc, reason.splitlines()[0] if reason else repr(exc)))
            if on_document:
                on_document(batch, "failed")
            continue
        summary.documents += 1
        summary.nodes += nodes
        summary.relationships += rels
        if on_document:
            on_document(batch, "loaded")
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
