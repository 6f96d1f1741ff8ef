"""`kg export --csv DIR`: the graph as CSV files for `neo4j-admin database import full`.

For first loads of corpora too big for transactional loading. The files hold exactly
what `kg load` would write for the same records (the same merge of aliases, evidence and
document claims across documents), so an imported database and a loaded one have the
same counts and properties.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.load import DocumentBatch, group_rows
from ingest.records import ORGANIZATION_LABELS

ARRAY_DELIMITER = ";"
#: Columns of what documents share on a node or relationship (not on their own passages).
ALIAS_COLUMNS = ["aliases:string[]", "alias_counts:long[]", "alias_text"]
EVIDENCE_COLUMNS = ["evidence:string[]", "evidence_count:long", "doc_count:long"]
DOCUMENT_CLAIMS = [
    "contributes",
    "contributed_aliases",
    "contributed_evidence",
    "stated",
    "stated_evidence",
]


@dataclass
class ExportSummary:
    nodes: int
    relationships: int
    node_files: list[Path]
    relationship_files: list[Path]


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
    """The rows `kg load` would write for these documents (the same merge: counts,
    evidence samples, alias counts, each Document's claims; a document's own passages and
    their relationships without evidence lists or counts), as import CSVs."""
    directory.mkdir(parents=True, exist_ok=True)
    batches = list(batches)
    rows = group_rows(batches)
    documents = {d["id"]: d for d in rows.documents}
    node_files = []
    count_nodes = 0
    for own, by_label in ((True, rows.own_nodes), (False, rows.shared_nodes)):
        for label, items in sorted(by_label.items()):
            items = sorted(items, key=lambda r: str(r["id"]))
            count_nodes += len(items)
            path = directory / f"nodes_{label}{'_own' if own else ''}.csv"
            _write_nodes(path, label, items, documents, own)
            node_files.append(path)
    rel_files = []
    count_rels = 0
    for own, by_type in ((True, rows.own_rels), (False, rows.shared_rels)):
        for rtype, rel_items in sorted(by_type.items()):
            rel_items = sorted(rel_items, key=lambda r: (str(r["start"]), str(r["end"])))
            count_rels += len(rel_items)
            path = directory / f"relationships_{rtype}{'_own' if own else ''}.csv"
            _write_relationships(path, rtype, rel_items, own)
            rel_files.append(path)
    return ExportSummary(count_nodes, count_rels, node_files, rel_files)


def _write_nodes(
    path: Path,
    label: str,
    items: list[dict[str, Any]],
    documents: dict[str, dict[str, Any]],
    own: bool,
) -> None:
    keys = sorted({k for n in items for k in n["properties"]})
    kinds = {k: _kind([n["properties"].get(k) for n in items]) for k in keys}
    claims = label == "Document"
    header = (
        ["id:ID", "name"]
        + ([] if own else [*ALIAS_COLUMNS, *EVIDENCE_COLUMNS])
        + [f"{k}{kinds[k]}" for k in keys]
        + ([f"{c}:string[]" for c in DOCUMENT_CLAIMS] + ["records_sha256"] if claims else [])
        + [":LABEL"]
    )
    labels = ["Node", label] + (["Organization"] if label in ORGANIZATION_LABELS else [])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n in items:
            row = [n["id"], n["name"]]
            if not own:
                row += [
                    _array(n["aliases"]),
                    ARRAY_DELIMITER.join(str(c) for c in n["alias_counts"]),
                    "".join(" " + a for a in n["aliases"]),
                    _array(n["evidence"]),
                    n["evidence_count"],
                    n["doc_count"],
                ]
            row += ["" if n["properties"].get(k) is None else n["properties"][k] for k in keys]
            if claims:
                doc = documents[n["id"]]
                row += [_array(doc[c]) for c in DOCUMENT_CLAIMS] + [doc["records_sha256"]]
            row.append(ARRAY_DELIMITER.join(labels))
            writer.writerow(row)


def _write_relationships(path: Path, rtype: str, items: list[dict[str, Any]], own: bool) -> None:
    keys = sorted({k for r in items for k in r["properties"]})
    kinds = {k: _kind([r["properties"].get(k) for r in items]) for k in keys}
    counts = [] if own else EVIDENCE_COLUMNS
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [":START_ID", ":END_ID", *counts] + [f"{k}{kinds[k]}" for k in keys] + [":TYPE"]
        )
        for r in items:
            evidence = [] if own else [_array(r["evidence"]), r["evidence_count"], r["doc_count"]]
            writer.writerow(
                [r["start"], r["end"], *evidence]
                + ["" if r["properties"].get(k) is None else r["properties"][k] for k in keys]
                + [rtype]
            )
