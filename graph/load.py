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

import contextlib
import hashlib
import json
import queue
import threading
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


def check_model(driver: Driver, database: str) -> None:
    """Refuse to load into a graph written by a kg with full evidence lists (before the
    evidence samples): its documents could not be taken back exactly."""
    records, _, _ = driver.execute_query(statement("earlier_model"), database_=database)
    if records and records[0]["earlier"]:
        raise KgError(
            f"the graph holds {records[0]['earlier']} document(s) loaded by an earlier kg, "
            "which kept evidence differently: run `kg reset --yes`, then load them again"
        )


def merge_nodes_statement(label: str, *, new: bool = False) -> str:
    """MERGE a label's nodes; with `new`, CREATE a document's own passages."""
    if label not in NODE_LABELS:
        raise LoadError(f"unknown node label {label!r} (the graph model has {NODE_LABELS})")
    if new:
        if label != "Passage":
            raise LoadError(f"only Passage nodes belong to one document, not {label!r}")
        return statement("create_passages")
    labels = f"{label}:Organization" if label in ORGANIZATION_LABELS else label
    return statement("merge_nodes").replace("{label}", labels)


def merge_relationships_statement(rtype: str, *, new: bool = False) -> str:
    """MERGE a type's relationships; with `new`, CREATE them (they start at a passage)."""
    if rtype not in RELATIONSHIP_TYPES:
        raise LoadError(f"unknown relationship type {rtype!r}")
    name = "create_relationships" if new else "merge_relationships"
    return statement(name).replace("{type}", rtype)


@dataclass
class Claim:
    """What one document says of one node or relationship."""

    label: str = ""
    name: str = ""
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)


@dataclass
class DocumentBatch:
    """All records of one document (the Document node record comes first)."""

    doc: str
    records: list[Record]

    @property
    def document_id(self) -> str:
        return f"Document:{self.doc}"

    @property
    def passage_prefix(self) -> str:
        """Ids of the document's own Passage nodes start with this (see `owned`)."""
        return f"Passage:{self.doc}:"

    @cached_property
    def fingerprint(self) -> str:
        """Checked against the stored one, then stored: computed once per batch."""
        digest = hashlib.sha256()
        for rec in self.records:
            digest.update(rec.model_dump_json().encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()

    @cached_property
    def claims(self) -> tuple[dict[str, Claim], dict[tuple[str, str, str], Claim]]:
        """What this document states: per node its aliases and passages, per relationship
        its passages and properties (stated twice counts once). Computed once: the rows,
        the export and the Document's own claims all read it."""
        nodes: dict[str, Claim] = {}
        rels: dict[tuple[str, str, str], Claim] = {}
        for rec in self.records:
            if isinstance(rec, NodeRecord):
                node = nodes.setdefault(rec.id, Claim(rec.label, rec.name))
                node.name = rec.name
                node.properties.update(rec.properties)
                node.evidence |= {ev.passage_id for ev in rec.evidence}
                node.aliases |= set(rec.aliases)
            elif isinstance(rec, RelationshipRecord):
                rel = rels.setdefault((rec.start, rec.type, rec.end), Claim())
                rel.properties.update(rec.properties)
                rel.evidence |= {ev.passage_id for ev in rec.evidence}
        return nodes, rels


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


#: Evidence kept on a node or relationship: the EVIDENCE_SAMPLE smallest passage ids of
#: all the documents that state it, with `evidence_count` for all of them. A full list
#: grew with the corpus (3,300 ids on one department after 200 documents) and every new
#: document rewrote it; a bounded sample keeps a document's write cost independent of
#: the corpus, and is the same whatever the order of loading (see refill_*.cypher).
EVIDENCE_SAMPLE = 10
#: Joins the per-node lists a Document keeps of what it stated (aliases, passages).
CLAIM_SEP = "\u001f"


def node_rows(batches: list[DocumentBatch]) -> dict[str, list[dict[str, Any]]]:
    """One row per node for these documents: counts added, lists united, later
    documents' properties over earlier ones. (A statement given two rows of one node
    would compute each from the node's old values, and the last would win.)"""
    merged: dict[str, dict[str, Any]] = {}
    for batch in batches:
        for nid, claim in batch.claims[0].items():
            row = merged.get(nid)
            if row is None:  # (not setdefault: that builds the new row for every claim)
                row = merged[nid] = {
                    "id": nid,
                    "label": claim.label,
                    "properties": {},
                    "evidence": set(),
                    "aliases": defaultdict(int),
                    "evidence_count": 0,
                    "doc_count": 0,
                }
            row["name"] = claim.name
            row["properties"].update(claim.properties)
            row["evidence"] |= claim.evidence
            row["evidence_count"] += len(claim.evidence)
            row["doc_count"] += 1
            for alias in claim.aliases:
                row["aliases"][alias] += 1
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in merged.values():
        aliases = sorted(row["aliases"])
        rows[row.pop("label")].append(
            row
            | {
                "evidence": sorted(row["evidence"])[:EVIDENCE_SAMPLE],
                "aliases": aliases,
                "alias_counts": [row["aliases"][a] for a in aliases],
            }
        )
    return rows


def relationship_rows(batches: list[DocumentBatch]) -> dict[str, list[dict[str, Any]]]:
    """One row per relationship for these documents (see `node_rows`)."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for batch in batches:
        for key, claim in batch.claims[1].items():
            row = merged.get(key)
            if row is None:
                row = merged[key] = {
                    "start": key[0],
                    "end": key[2],
                    "properties": {},
                    "evidence": set(),
                    "evidence_count": 0,
                    "doc_count": 0,
                }
            row["properties"].update(claim.properties)
            row["evidence"] |= claim.evidence
            row["evidence_count"] += len(claim.evidence)
            row["doc_count"] += 1
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (_start, rtype, _end), row in merged.items():
        rows[rtype].append(row | {"evidence": sorted(row["evidence"])[:EVIDENCE_SAMPLE]})
    return rows


def owned(node_id: str, prefixes: tuple[str, ...]) -> bool:
    """Is this a Passage node of one of these documents (or, given a relationship's start,
    a relationship from one)? Only its document states it: it is created with the document
    and deleted with it by id prefix, kept out of the Document's claim lists and written
    without evidence lists or counts (they were most of a document's writes)."""
    return node_id.startswith(prefixes)


Rows = dict[str, list[dict[str, Any]]]


def split_owned(rows: Rows, key: str, batches: list[DocumentBatch]) -> tuple[Rows, Rows]:
    """(the documents' own rows, the others), per label or type; `key` names the row's
    node id (`id`, or a relationship's `start`). The loader and the export both split."""
    prefixes = tuple(b.passage_prefix for b in batches)
    own: Rows = {}
    rest: Rows = {}
    for name, items in rows.items():
        for row in items:
            (own if owned(row[key], prefixes) else rest).setdefault(name, []).append(row)
    return own, rest


@dataclass(frozen=True)
class GroupRows:
    """Everything one group of documents writes (one row per node and relationship,
    split into the documents' own and the shared; each Document's claims), computed
    before its transaction: by the loader's preparing thread, or by the export."""

    docs: tuple[str, ...]
    own_nodes: Rows
    shared_nodes: Rows
    own_rels: Rows
    shared_rels: Rows
    documents: list[dict[str, Any]]


def group_rows(batches: list[DocumentBatch]) -> GroupRows:
    own_nodes, shared_nodes = split_owned(node_rows(batches), "id", batches)
    own_rels, shared_rels = split_owned(relationship_rows(batches), "start", batches)
    return GroupRows(
        tuple(b.doc for b in batches),
        own_nodes,
        shared_nodes,
        own_rels,
        shared_rels,
        [document_claims(b) for b in batches],
    )


def document_claims(batch: DocumentBatch) -> dict[str, Any]:
    """What a Document node keeps of its own statements, so that a later version of it can
    take them back exactly (and a sample can be refilled from the other documents). Its
    own passages and their relationships are taken back by prefix instead."""
    nodes, rels = batch.claims
    mine = (batch.passage_prefix,)
    node_ids = sorted(n for n in nodes if not owned(n, mine))
    rel_keys = sorted(k for k in rels if not owned(k[0], mine))
    return {
        "id": batch.document_id,
        "records_sha256": batch.fingerprint,
        "contributes": node_ids,
        # Each entry opens with its node id (or relationship type), so none is empty: the
        # CSV arrays of `kg export` could not carry an empty element.
        "contributed_aliases": [CLAIM_SEP.join([n, *sorted(nodes[n].aliases)]) for n in node_ids],
        "contributed_evidence": [CLAIM_SEP.join([n, *sorted(nodes[n].evidence)]) for n in node_ids],
        "stated": [CLAIM_SEP.join(k) for k in rel_keys],
        "stated_evidence": [CLAIM_SEP.join([k[1], *sorted(rels[k].evidence)]) for k in rel_keys],
    }


def write_documents(
    tx: ManagedTransaction, batches: list[DocumentBatch], prepared: GroupRows | None = None
) -> tuple[int, int]:
    """Replace these documents' contributions to the graph, inside one transaction.

    Each document first takes back what it said before (nothing, on a first load); then
    the rows of all the documents are written together, batched per label and type
    (`prepared` when they were computed ahead for exactly these documents).
    """
    if prepared is None or prepared.docs != tuple(b.doc for b in batches):
        prepared = group_rows(batches)
    group = [b.document_id for b in batches]
    params: dict[str, Any] = {"sep": CLAIM_SEP, "k": EVIDENCE_SAMPLE, "group": group}
    before = tx.run(statement("document_claims"), documents=group).data()
    loaded = {row["id"] for row in before}
    for batch in batches:
        if batch.document_id not in loaded:
            continue  # a first load: nothing to take back
        mine = params | {"document": batch.document_id, "passage_prefix": batch.passage_prefix}
        tx.run(statement("forget_relationships"), mine).consume()
        tx.run(statement("forget_nodes"), mine).consume()
        tx.run(statement("forget_passages"), mine).consume()
    # Refills read other Documents' claims: only once every document of the group has
    # taken its own back (their Document nodes still hold the old claims until the end).
    touched_nodes = sorted({n for row in before for n in row["contributes"]})
    touched_rels = sorted({c for row in before for c in row["stated"]})
    if touched_rels:
        tx.run(statement("refill_relationships"), params, claims=touched_rels).consume()
    if touched_nodes:
        tx.run(statement("refill_nodes"), params, ids=touched_nodes).consume()
    nodes = 0
    for new, by_label in ((True, prepared.own_nodes), (False, prepared.shared_nodes)):
        for label, rows in sorted(by_label.items()):
            text = merge_nodes_statement(label, new=new)
            for i in range(0, len(rows), BATCH):
                record = tx.run(text, params, rows=rows[i : i + BATCH]).single()
                nodes += int(record["written"]) if record else 0
    rels = 0
    for new, by_type in ((True, prepared.own_rels), (False, prepared.shared_rels)):
        for rtype, rows in sorted(by_type.items()):
            rels += _write_relationships(tx, rtype, rows, params, new=new)
    tx.run(statement("document_contributes"), documents=prepared.documents).consume()
    return nodes, rels


def _write_relationships(
    tx: ManagedTransaction,
    rtype: str,
    rows: list[dict[str, Any]],
    params: dict[str, Any],
    *,
    new: bool,
) -> int:
    """Write one type's rows in chunks; fail (naming a culprit) if an end is missing."""
    text = merge_relationships_statement(rtype, new=new)
    written_all = 0
    for i in range(0, len(rows), BATCH):
        chunk = rows[i : i + BATCH]
        record = tx.run(text, params, rows=chunk).single()
        written = int(record["written"]) if record else 0
        if written != len(chunk):
            ids = sorted({r["start"] for r in chunk} | {r["end"] for r in chunk})
            missing = tx.run(statement("missing_nodes"), ids=ids).single()
            names = missing["missing"][:3] if missing else []
            raise LoadError(
                f"{rtype}: {len(chunk) - written} relationship(s) name a node that no "
                f"record of the document defines: {', '.join(names)}"
            )
        written_all += written
    return written_all


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


def _prepared(
    groups: Iterator[list[DocumentBatch]],
) -> Iterator[tuple[list[DocumentBatch], GroupRows | None]]:
    """The groups with their rows, prepared (fingerprints, claims, rows) in a thread one
    group ahead: the Python work of the next group overlaps Neo4j writing this one (the loader
    waits on the network with the GIL released). Errors of the input (a bad line, an
    unreadable file) are raised here, in order; at most two groups are in memory."""
    Item = tuple[list[DocumentBatch], GroupRows | None]
    ready: queue.Queue[tuple[Item | None, BaseException | None]]
    ready = queue.Queue(maxsize=1)
    stop = threading.Event()

    def offer(item: Item | None, error: BaseException | None = None) -> bool:
        """Hand over, unless the consumer has stopped (then never block)."""
        while not stop.is_set():
            try:
                ready.put((item, error), timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for group in groups:
                for batch in group:
                    _ = batch.fingerprint
                rows: GroupRows | None
                try:
                    rows = group_rows(group)
                except WRITE_ERRORS:
                    rows = None  # computed again in the transaction: fails per document
                if not offer((group, rows)):
                    return
            offer(None)
        except BaseException as exc:  # handed to the consumer, raised there
            offer(None, exc)

    worker = threading.Thread(target=produce, name="kg-load-prepare", daemon=True)
    worker.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is None:
                return
            yield item
    finally:
        stop.set()


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

    def run(group: list[DocumentBatch], prepared: GroupRows | None = None) -> None:
        with driver.session(database=database) as session:
            nodes, rels = session.execute_write(write_documents, group, prepared)
        summary.documents += len(group)
        summary.nodes += nodes
        summary.relationships += rels
        for batch in group:
            if on_document:
                on_document(batch, "loaded")

    for candidates, prepared in _prepared(_groups(iter(batches))):
        group = changed(candidates)
        if not group:
            continue
        try:
            run(group, prepared)
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
    if summary.documents:
        _clear_plans(driver, database)
    summary.seconds = time.monotonic() - t0
    return summary


def _clear_plans(driver: Driver, database: str) -> None:
    """Queries after a load are planned for the graph as loaded (see clear_plans.cypher).
    Best effort: a user without the right to clear caches keeps the server's own
    re-planning, which catches up within minutes."""
    with contextlib.suppress(Neo4jError):
        driver.execute_query(statement("clear_plans"), database_=database)


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
        session.run(statement("reset_nodes")).consume()
