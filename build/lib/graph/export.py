"""`kg export --csv DIR`: the graph as CSV files for `neo4j-admin database import full`.

For first loads of corpora too big for transactional loading. The files hold exactly
what `kg load` would write for the same records (the same merge of aliases, evidence and
document claims across documents), so an imported database and a loaded one have the
same counts and properties.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.load import ALIAS_SEP, DocumentBatch
from ingest.records import ORGANIZATION_LABELS, NodeRecord, RelationshipRecord

ARRAY_DELIMITER = ";"


@dataclass
class MergedNode:
    label: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: set[str] = field(default_factory=set)
    alias_sources: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


@dataclass
class MergedRelationship:
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


@dataclass
class ExportSummary:
    nodes: int
    relationships: int
    node_files: list[Path]
    relationship_files: list[Path]


def merge(
    batches: Iterable[DocumentBatch],
) -> tuple[dict[str, MergedNode], dict[tuple[str, str, str], MergedRelationship], dict[str, Any]]:
    nodes: dict[str, MergedNode] = {}
    rels: dict[tuple[str, str, str], MergedRelationship] = {}
    documents: dict[str, Any] = {}
    for batch in batches:
        for rec in batch.records:
            if isinstance(rec, NodeRecord):
                node = nodes.setdefault(rec.id, MergedNode(rec.label, rec.name))
                node.name = rec.name
                node.properties.update(rec.properties)
                node.evidence |= {ev.passage_id for ev in rec.evidence}
                node.alias_sources |= {f"{batch.doc}{ALIAS_SEP}{a}" for a in rec.aliases}
                node.docs.add(batch.doc)
            elif isinstance(rec, RelationshipRecord):
                rel = rels.setdefault((rec.type, rec.start, rec.end), MergedRelationship())
                rel.properties.update(rec.properties)
                rel.evidence |= {ev.passage_id for ev in rec.evidence}
                rel.docs.add(batch.doc)
        documents[batch.document_id] = {
            "contributes": sorted({r.id for r in batch.records if isinstance(r, NodeRecord)}),
            "records_sha256": batch.fingerprint,
        }
    return nodes, rels, documents


def _kind(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return ":boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ":long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return ":double"
    return ""


def _array(values: Iterable[str]) -> str:
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, ",") for v in values)


def export_csv(batches: Iterable[DocumentBatch], directory: Path) -> ExportSummary:
    directory.mkdir(parents=True, exist_ok=True)
    nodes, rels, documents = merge(batches)
    by_label: dict[str, list[tuple[str, MergedNode]]] = defaultdict(list)
    for nid, node in sorted(nodes.items()):
        by_label[node.label].append((nid, node))
    node_files = []
    for label, items in sorted(by_label.items()):
        keys = sorted({k for _id, n in items for k in n.properties})
        extra = ["contributes", "records_sha256"] if label == "Document" else []
        kinds = {k: _kind([n.properties.get(k) for _id, n in items]) for k in keys}
        header = (
            [
                "id:ID",
                "name",
                "aliases:string[]",
                "alias_text",
                "alias_sources:string[]",
                "evidence:string[]",
                "docs:string[]",
            ]
            + [f"{k}{kinds[k]}" for k in keys]
            + (["contributes:string[]", "records_sha256"] if extra else [])
            + [":LABEL"]
        )
        labels = ["Node", label] + (["Organization"] if label in ORGANIZATION_LABELS else [])
        path = directory / f"nodes_{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for nid, n in items:
                aliases = sorted({s.split(ALIAS_SEP, 1)[1] for s in n.alias_sources})
                row = [
                    nid,
                    n.name,
                    _array(aliases),
                    "".join(" " + a for a in aliases),
                    _array(sorted(n.alias_sources)),
                    _array(sorted(n.evidence)),
                    _array(sorted(n.docs)),
                ]
                row += ["" if n.properties.get(k) is None else n.properties[k] for k in keys]
                if extra:
                    doc = documents.get(nid, {})
                    row += [_array(doc.get("contributes", [])), doc.get("records_sha256", "")]
                row.append(ARRAY_DELIMITER.join(labels))
                writer.writerow(row)
        node_files.append(path)
    by_type: dict[str, list[tuple[tuple[str, str, str], MergedRelationship]]] = defaultdict(list)
    for key, rel in sorted(rels.items()):
        by_type[key[0]].append((key, rel))
    rel_files = []
    for rtype, rel_items in sorted(by_type.items()):
        keys = sorted({k for _key, r in rel_items for k in r.properties})
        kinds = {k: _kind([r.properties.get(k) for _key, r in rel_items]) for k in keys}
        path = directory / f"relationships_{rtype}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                [":START_ID", ":END_ID", "evidence:string[]", "docs:string[]"]
                + [f"{k}{kinds[k]}" for k in keys]
                + [":TYPE"]
            )
            for (_t, start, end), r in rel_items:
                writer.writerow(
                    [start, end, _array(sorted(r.evidence)), _array(sorted(r.docs))]
                    + ["" if r.properties.get(k) is None else r.properties[k] for k in keys]
                    + [rtype]
                )
        rel_files.append(path)
    return ExportSummary(len(nodes), len(rels), node_files, rel_files)
