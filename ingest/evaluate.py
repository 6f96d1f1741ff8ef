"""`kg eval`: precision, recall and F1 of extracted records against an annotated gold file.

Gold format: docs/gold-format.md. Matching is by name: a predicted entity of a type is
correct when its canonical name or one of its aliases is a gold name (or gold alias) of
that type for the same document; each gold entity is found at most once.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL_TYPES = (
    "Enterprise",
    "University",
    "ResearchInstitute",
    "Department",
    "Place",
    "Platform",
    "Cluster",
    "Project",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: str) -> str:
    return re.sub(r"[\s,，。.、;；:：()（）\"“”]", "", text)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """A gold file holds one document object, or a list of them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def load_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(records: list[dict[str, Any]], gold_docs: list[dict[str, Any]]) -> dict[str, Score]:
    by_doc_nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    nodes: dict[str, dict[str, Any]] = {}
    rels: list[dict[str, Any]] = []
    for rec in records:
        if rec["kind"] == "node":
            nodes[rec["id"]] = rec
            for doc in {e["doc"] for e in rec["evidence"]}:
                by_doc_nodes[doc].append(rec)
        else:
            rels.append(rec)
    scores: dict[str, Score] = defaultdict(Score)
    for gold in gold_docs:
        doc = Path(gold["document"]).stem
        predicted = by_doc_nodes.get(doc, [])
        for etype in EVAL_TYPES:
            if etype not in gold.get("entities", {}):
                continue
            _score_entities(scores[etype], etype, gold["entities"][etype], predicted)
        if "roles" in gold:
            _score_roles(scores["roles"], gold["roles"], doc, rels, nodes)
    return dict(scores)


def _score_entities(
    score: Score, etype: str, gold_entries: list[str], predicted: list[dict[str, Any]]
) -> None:
    gold = [{_norm(x) for x in entry.split("|")} for entry in gold_entries]
    found = [False] * len(gold)
    for rec in predicted:
        if rec["label"] != etype:
            continue
        names = {_norm(rec["name"]), *(_norm(a) for a in rec["aliases"])}
        hit = next((i for i, g in enumerate(gold) if names & g and not found[i]), None)
        if hit is None:
            already = any(names & g for g in gold)
            if not already:
                score.fp += 1
                score.false_positives.append(f"{etype}:{rec['name']}")
            continue
        found[hit] = True
        score.tp += 1
    for i, ok in enumerate(found):
        if not ok:
            score.fn += 1
            score.misses.append(f"{etype}:{gold_entries[i]}")


def _score_roles(
    score: Score,
    gold_roles: list[dict[str, str]],
    doc: str,
    rels: list[dict[str, Any]],
    nodes: dict[str, dict[str, Any]],
) -> None:
    predicted = set()
    for rel in rels:
        if rel["type"] not in ("LEADS", "ASSISTS"):
            continue
        if not any(e["doc"] == doc for e in rel["evidence"]):
            continue
        unit, task_node = nodes.get(rel["start"]), nodes.get(rel["end"])
        if unit is None or task_node is None or task_node["label"] != "Task":
            continue  # a unit leading a whole Plan is not a task role of the gold
        role = "lead" if rel["type"] == "LEADS" else "assist"
        task_text = _norm(task_node["properties"].get("text") or task_node["name"])
        for name in {unit["name"], *unit["aliases"]}:
            predicted.add((_norm(name), role, task_text, unit["id"]))
    matched_ids: set[tuple[str, str, str]] = set()
    for g in gold_roles:
        names = {_norm(x) for x in g["unit"].split("|")}
        task = _norm(g["task"])
        # Sorted, and an unmatched prediction first: the score must not depend on the
        # order of a set (it did, by a few false positives, with the hash seed).
        candidates = sorted(
            p
            for p in predicted
            if p[0] in names and p[1] == g["role"] and (task in p[2] or p[2] in task)
        )
        hit = next(
            (p for p in candidates if (p[3], p[1], p[2]) not in matched_ids),
            candidates[0] if candidates else None,
        )
        if hit:
            score.tp += 1
            matched_ids.add((hit[3], hit[1], hit[2]))
        else:
            score.fn += 1
            score.misses.append(f"{g['role']}:{g['unit']} → {g['task']}")
    distinct = {(p[3], p[1], p[2]) for p in predicted}
    for p in sorted(distinct - matched_ids):
        score.fp += 1
        score.false_positives.append(f"{p[1]}:{p[0]} → {p[2]}")


def entity_total(scores: dict[str, Score], types: tuple[str, ...] = EVAL_TYPES) -> Score:
    """The entity scores of `types` summed (roles excluded)."""
    total = Score()
    for name, sc in scores.items():
        if name in types:
            total.tp, total.fp, total.fn = total.tp + sc.tp, total.fp + sc.fp, total.fn + sc.fn
    return total


def report(scores: dict[str, Score]) -> list[tuple[str, int, int, int, float, float, float]]:
    order = [t for t in (*EVAL_TYPES, "roles") if t in scores]
    rows = []
    for name in order:
        s = scores[name]
        rows.append((name, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1))
    return rows
