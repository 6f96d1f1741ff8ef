"""The answers of every curated query on the seeds: each query with its example parameters.

A change to how the graph is stored must not change what it answers. Run
`python -m tests.graph.curated_answers tests/data/answers/seeds.json` on the code before
such a change (it loads the seeds into the Neo4j of the settings, RESETTING it), and keep
that code's records of the seeds next to it (`kg extract seeds -o
tests/data/answers/seeds.jsonl`); tests/graph/test_answers_unchanged.py loads those
records with the code after the change and compares its answers with the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.load import create_schema, group_records, load_batches, read_jsonl, reset
from queries.registry import catalogue, run

#: More parameters than the examples, so that most of the seeds' graph is asked about.
MORE: dict[str, list[dict[str, Any]]] = {
    "compare": [{"industry": "石墨"}, {"industry": "机器人"}],
    "department-tasks": [{"department": "省科技厅"}, {"department": "省工信厅"}],
    "entity": [{"name": "黑龙江省发展和改革委员会"}, {"name": "哈尔滨市"}],
    "exposure": [{"organization": "哈尔滨工业大学"}],
    "lead-departments": [{"topic": "机器人"}, {"topic": "食品"}],
    "organizations": [{"industry": "石墨"}, {"type": "University"}],
    "partners": [{"organization": "哈尔滨工业大学"}],
    "projects": [{}],
    "search": [{"q": "哈工大"}, {"q": "发改委"}],
    "targets": [{}],
}


RECORDS = Path(__file__).resolve().parents[1] / "data" / "answers" / "seeds.jsonl"


def load_frozen_seeds(driver: Driver, database: str) -> None:
    """An empty graph, then the seeds' records as extracted when the answers were written
    (seeds.jsonl): the tests of querying do not move with better extraction."""
    reset(driver, database)
    create_schema(driver, database)
    with RECORDS.open(encoding="utf-8") as fh:
        summary = load_batches(driver, database, list(group_records(read_jsonl(str(RECORDS), fh))))
    assert summary.documents == 2 and not summary.failed


def answers(driver: Driver, database: str) -> dict[str, list[str]]:
    """Query name and parameters → its rows as sorted JSON lines (ties in a query's order
    may fall either way; the rows themselves may not change)."""
    out: dict[str, list[str]] = {}
    for name, query in sorted(catalogue().items()):
        for params in [dict(query.example), *MORE.get(name, [])]:
            _shown, rows = run(driver, database, query, params, limit=1000, timeout=60.0)
            key = f"{name} {json.dumps(params, ensure_ascii=False, sort_keys=True)}"
            out[key] = sorted(
                json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) for row in rows
            )
    return out


def main() -> None:
    from graph.connection import connected_driver
    from kg.settings import Settings
    from tests.conftest import load_seeds

    settings = Settings()
    with connected_driver(settings) as driver:
        load_seeds(driver, settings)
        result = answers(driver, settings.neo4j_database)
    Path(sys.argv[1]).write_text(
        json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(result)} queries, {sum(map(len, result.values()))} rows → {sys.argv[1]}")


if __name__ == "__main__":
    main()
